/// Thang màu — colour classes of a rate (0…1) split at thresholds, for the map and its legend.
public struct ColourScale: Sendable {
    /// Một lớp màu — one class of the legend: the rates it holds, its colour and its label.
    public struct Class: Sendable {
        /// The rates of the class, lower bound included (unbounded classes reach ±infinity); nil for
        /// the class of places without data.
        public let range: Range<Double>?
        /// The fill colour, "#rrggbb".
        public let colour: String
        /// The legend's words: "Dưới 80 %", "80 – dưới 90 %", "Từ 95 %", "Không có số liệu".
        public let label: String
    }

    /// Ngưỡng — the class boundaries in ascending order; a rate equal to a threshold falls in the class
    /// above it.
    public let thresholds: [Double]
    /// One colour per class from the lowest rates up: one more than the thresholds.
    public let colours: [String]
    /// The colour of places with no rate.
    public let noDataColour: String

    /// A scale splitting rates at `thresholds` (sorted here) into `colours`, lowest rates first.
    public init(thresholds: [Double], colours: [String], noDataColour: String = "#9ca3af") {
        precondition(colours.count == thresholds.count + 1, "a colour scale needs one colour more than thresholds")
        self.thresholds = thresholds.sorted()
        self.colours = colours
        self.noDataColour = noDataColour
    }

    /// Tỷ lệ đúng hạn — the on-time rate's classes: under 80 % red, 80–90 % amber, 90–95 % light green,
    /// from 95 % green, no data grey.
    public static let onTime = ColourScale(thresholds: [0.8, 0.9, 0.95],
                                           colours: ["#b91c1c", "#d97706", "#65a30d", "#15803d"])

    /// The colour of `rate`; nil and not-a-number take the no-data colour.
    public func colour(for rate: Double?) -> String {
        let index = classIndex(for: rate)
        return index < colours.count ? colours[index] : noDataColour
    }

    /// Where the class of `rate` stands in `classes`.
    func classIndex(for rate: Double?) -> Int {
        guard let rate, !rate.isNaN else { return colours.count }
        return thresholds.filter { rate >= $0 }.count
    }

    /// The classes from the lowest rates up, then the no-data class: what a legend prints.
    public var classes: [Class] {
        let bounds = [-Double.infinity] + thresholds + [.infinity]
        let rated = colours.indices.map { index in
            let lower = bounds[index], upper = bounds[index + 1]
            let label = switch (lower.isFinite, upper.isFinite) {
            case (false, false): "Mọi tỷ lệ"
            case (false, true): "Dưới \(VietnameseNumber.compactPercent(upper))"
            case (true, false): "Từ \(VietnameseNumber.compactPercent(lower))"
            case (true, true): "\(VietnameseNumber.compactPercent(lower)) – dưới \(VietnameseNumber.compactPercent(upper))"
            }
            return Class(range: lower..<upper, colour: colours[index], label: label)
        }
        return rated + [Class(range: nil, colour: noDataColour, label: "Không có số liệu")]
    }
}
