import Foundation

/// Bản đồ xã, phường — the communes and wards of a province as discs at their coordinates, coloured
/// by a rate (e.g. dossiers settled on time), north up, with a legend of the colour classes.
public struct CommuneMap: Sendable {
    /// Một xã, phường — one place on the map.
    public struct Place: Sendable {
        /// The unit's code (mã đơn vị hành chính), written as `data-code` on its disc.
        public var code: String
        /// The name as it reads in the tooltip: "Xã Minh Quang".
        public var name: String
        /// Vĩ độ — degrees north.
        public var latitude: Double
        /// Kinh độ — degrees east.
        public var longitude: Double
        /// The rate 0…1, nil when there is no data.
        public var rate: Double?
        /// Where the disc leads (e.g. the commune's own figures); nil for none.
        public var link: String?
        /// Diện tích — the area in km², which sizes the disc with `.area`.
        public var areaKm2: Double?

        /// A place named `name` at (`latitude`, `longitude`).
        public init(code: String, name: String, latitude: Double, longitude: Double, rate: Double?,
                    link: String? = nil, areaKm2: Double? = nil) {
            self.code = code
            self.name = name
            self.latitude = latitude
            self.longitude = longitude
            self.rate = rate
            self.link = link
            self.areaKm2 = areaKm2
        }
    }

    /// Cỡ đĩa — how large each place's disc is, in viewBox units (the map is 480 wide).
    public enum DiscSize: Sendable {
        /// The same radius for every place.
        case constant(Double)
        /// The radius of a disc of the place's true area at the map's scale, kept within the bounds;
        /// places without an area take the minimum.
        case area(minimum: Double, maximum: Double)

        var largest: Double {
            switch self {
            case .constant(let radius): max(radius, 1)
            case .area(let minimum, let maximum): max(minimum, maximum, 1)
            }
        }
    }

    /// The map's accessible name (`<title>`); the page shows its own heading.
    public var title: String
    /// The places; they are drawn largest first so that small ones stay on top.
    public var places: [Place]
    /// The colour classes of the rate.
    public var scale: ColourScale
    /// The words after the rate in a place's tooltip: "Xã Minh Quang: 87,3 % đúng hạn".
    public var caption: String
    /// How large the discs are.
    public var discSize: DiscSize
    /// The id of the `<svg>`'s title and description; by default derived from the title.
    public var id: String?

    /// A map of `places` coloured by `scale`.
    public init(title: String, places: [Place], scale: ColourScale = .onTime, caption: String = "đúng hạn",
                discSize: DiscSize = .area(minimum: 4, maximum: 16), id: String? = nil) {
        self.title = title
        self.places = places
        self.scale = scale
        self.caption = caption
        self.discSize = discSize
        self.id = id
    }

    /// The map as an inline SVG document.
    public func svg() -> String {
        let width = SVG.width
        let margin = discSize.largest + 4
        let projected = projection(inner: width - 2 * margin)
        let mapHeight = projected.height + 2 * margin

        // Discs centred at their projected points; places sharing one point are set around it.
        let groups = Dictionary(grouping: places.indices) { [places[$0].latitude, places[$0].longitude] }
        var discs: [(place: Place, x: Double, y: Double, radius: Double)] = []
        for (index, place) in places.enumerated() {
            let radius = radius(place, unitsPerDegree: projected.unitsPerDegree)
            var (x, y) = projected.point(place)
            x += margin
            y += margin
            let group = groups[[place.latitude, place.longitude]] ?? [index]
            if group.count > 1, let position = group.firstIndex(of: index) {
                let angle = 2 * Double.pi * Double(position) / Double(group.count) - Double.pi / 2
                x += radius * cos(angle)
                y += radius * sin(angle)
            }
            discs.append((place, min(max(x, radius), width - radius), min(max(y, radius), mapHeight - radius), radius))
        }

        var body = "<g class=\"places\" stroke=\"#fff\" stroke-width=\"1\">"
        for disc in discs.sorted(by: { $0.radius > $1.radius }) {
            let circle = "<circle cx=\"\(SVG.number(disc.x))\" cy=\"\(SVG.number(disc.y))\" r=\"\(SVG.number(disc.radius))\" "
                + "fill=\"\(scale.colour(for: disc.place.rate))\"/>"
            body += SVG.item(link: disc.place.link, title: tooltip(disc.place), className: "place",
                             attributes: SVG.attribute("data-code", disc.place.code), circle)
        }
        body += "</g>"
        if places.isEmpty {
            body += SVG.noDataNote(x: width / 2, y: mapHeight / 2)
        }

        let classes = scale.classes
        var counts = [Int](repeating: 0, count: classes.count)
        for place in places { counts[scale.classIndex(for: place.rate)] += 1 }
        let legend = SVG.legend(zip(classes, counts).map { ($0.colour, "\($0.label) (\($1))", .square) },
                                x: 8, y: mapHeight + 4, width: width - 16)
        body += legend.markup

        let summary = zip(classes, counts).map { "\($0.label.lowercased()): \($1)" }
        let description = "Bản đồ \(places.count) xã, phường theo tỷ lệ \(caption): "
            + summary.joined(separator: "; ") + "."
        return SVG.document(id: SVG.identifier(id, kind: "ban-do", title: title), width: width,
                            height: mapHeight + legend.height + 8, title: title, description: description,
                            hasLinks: places.contains { $0.link != nil }, body: body)
    }

    /// Equirectangular, with longitudes shrunk by the cosine of the mean latitude and north up, scaled
    /// to fill `inner` units of width (or a height between half and one and a half times that): the
    /// height used, the scale, and each place's point from the top left of that area.
    private func projection(inner: Double) -> (height: Double, unitsPerDegree: Double, point: (Place) -> (Double, Double)) {
        let meanLatitude = places.isEmpty ? 0 : places.map(\.latitude).reduce(0, +) / Double(places.count)
        let shrink = cos(meanLatitude * .pi / 180)
        let xs = places.map { $0.longitude * shrink }, ys = places.map(\.latitude)
        let (west, east) = (xs.min() ?? 0, xs.max() ?? 0)
        let (south, north) = (ys.min() ?? 0, ys.max() ?? 0)
        let spanX = east - west, spanY = north - south
        let height = spanX > 0 ? min(max(inner * spanY / spanX, inner / 2), inner * 1.5) : spanY > 0 ? inner * 1.5 : inner / 2
        let scale = min(spanX > 0 ? inner / spanX : .infinity, spanY > 0 ? height / spanY : .infinity)
        let unitsPerDegree = scale.isFinite ? scale : 0
        return (height, unitsPerDegree, { place in
            (inner / 2 + (place.longitude * shrink - (west + east) / 2) * unitsPerDegree,
             height / 2 - (place.latitude - (south + north) / 2) * unitsPerDegree)
        })
    }

    private func radius(_ place: Place, unitsPerDegree: Double) -> Double {
        switch discSize {
        case .constant(let radius):
            return max(radius, 1)
        case .area(let minimum, let maximum):
            guard let area = place.areaKm2, area > 0 else { return max(minimum, 1) }
            let kilometres = (area / .pi).squareRoot()
            return min(max(kilometres / 111.32 * unitsPerDegree, minimum, 1), max(minimum, maximum, 1))
        }
    }

    /// "Xã Minh Quang: 87,3 % đúng hạn", or "…: không có số liệu".
    private func tooltip(_ place: Place) -> String {
        guard let rate = place.rate, !rate.isNaN else { return "\(place.name): \(SVG.noValue)" }
        return [place.name + ":", VietnameseNumber.percent(rate), caption].filter { !$0.isEmpty }.joined(separator: " ")
    }
}
