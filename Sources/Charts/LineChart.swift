/// Biểu đồ xu hướng — a trend over categories (usually months "T1"…"T12"): one line per series, a
/// marker with a tooltip per value, nice ticks from 0, grid lines and a legend.
public struct LineChart: Sendable {
    /// Chuỗi số liệu — one line: its name in the legend and one value per category, nil where there
    /// is no data (the line breaks there).
    public struct Series: Sendable {
        /// The series' name, shown in the legend.
        public var name: String
        /// One value per category; nil means no data.
        public var values: [Double?]

        /// A series named `name` with `values` in category order.
        public init(name: String, values: [Double?]) {
            self.name = name
            self.values = values
        }
    }

    /// The chart's accessible name (`<title>`); the page shows its own heading.
    public var title: String
    /// The labels along the x axis, e.g. "T1"…"T12".
    public var categories: [String]
    /// The lines, coloured in order from a fixed palette (dashed after the fourth).
    public var series: [Series]
    /// Counts or rates (0…1, axis 0–100 %).
    public var valueFormat: ValueFormat
    /// Per category, where its label, column and markers lead (e.g. that month's figures); nil for none.
    public var links: [String?]
    /// The id of the `<svg>`'s title and description; by default derived from the title. Give one
    /// when a page shows two charts with the same title.
    public var id: String?

    /// A trend chart; `links`, when given, line up with `categories`.
    public init(title: String, categories: [String], series: [Series], valueFormat: ValueFormat = .count,
                links: [String?] = [], id: String? = nil) {
        self.title = title
        self.categories = categories
        self.series = series
        self.valueFormat = valueFormat
        self.links = links
        self.id = id
    }

    /// The chart as an inline SVG document.
    public func svg() -> String {
        // One value per category; a value that is not a finite number counts as missing.
        let values = series.map { line in
            categories.indices.map { $0 < line.values.count ? line.values[$0].flatMap { $0.isFinite ? $0 : nil } : nil }
        }
        let ticks = valueFormat.ticks(upTo: values.joined().compactMap { $0 }.max() ?? 0)
        let tickLabels = ticks.map(valueFormat.tickLabel)

        let legendEntries = series.enumerated().map { index, line in
            (colour: colour(index), label: line.name, swatch: SVG.Swatch.line(dash: dash(index)))
        }
        let legend = SVG.legend(legendEntries, x: 8, y: 6, width: SVG.width - 16)
        let left = 14 + (tickLabels.map { SVG.textWidth($0) }.max() ?? 0)
        let right = SVG.width - 12
        let top = 6 + legend.height + 12
        let bottom = top + 200
        let height = bottom + 28
        let band = (right - left) / Double(max(categories.count, 1))
        let x = { (index: Int) in left + (Double(index) + 0.5) * band }
        let y = { (value: Double) in bottom - max(0, value) / ticks.last! * (bottom - top) }

        var body = legend.markup + "<g class=\"grid\" fill=\"\(SVG.mutedInk)\">"
        for (tick, label) in zip(ticks, tickLabels) {
            let stroke = tick == 0 ? SVG.axisLine : SVG.gridLine
            body += "<line x1=\"\(SVG.number(left))\" y1=\"\(SVG.number(y(tick)))\" x2=\"\(SVG.number(right))\" "
                + "y2=\"\(SVG.number(y(tick)))\" stroke=\"\(stroke)\"/>"
                + SVG.text(label, x: left - 6, y: y(tick), anchor: "end")
        }
        body += "</g>"

        // Every label when they fit, else every second, third, … one; a linked label's whole column leads on.
        let widest = categories.map { SVG.textWidth($0) }.max() ?? 0
        let labelEvery = max(1, Int(((widest + 6) / band).rounded(.up)))
        body += "<g class=\"categories\" fill=\"\(SVG.mutedInk)\">"
        for (index, category) in categories.enumerated() {
            let label = index % labelEvery == 0
                ? SVG.text(category, x: x(index), y: bottom + 14, anchor: "middle") : ""
            guard let link = link(index) else {
                body += label
                continue
            }
            let column = SVG.hitArea(x: x(index) - band / 2, y: top, width: band, height: bottom - top + 24)
            body += SVG.item(link: link, title: category, className: "category", column + label)
        }
        body += "</g>"

        for (index, line) in values.enumerated() {
            var path = ""
            var previous: Double?
            for (category, value) in line.enumerated() {
                if let value { path += "\(previous == nil ? "M" : "L")\(SVG.number(x(category))),\(SVG.number(y(value)))" }
                previous = value
            }
            body += "<path class=\"series\" d=\"\(path)\" fill=\"none\" stroke=\"\(colour(index))\" stroke-width=\"2.5\" "
                + "stroke-linejoin=\"round\" stroke-linecap=\"round\"\(SVG.attribute("stroke-dasharray", dash(index)))/>"
        }
        for (index, line) in values.enumerated() {
            for (category, value) in line.enumerated() {
                guard let value else { continue }
                let marker = "<circle cx=\"\(SVG.number(x(category)))\" cy=\"\(SVG.number(y(value)))\" r=\"4\" "
                    + "fill=\"\(colour(index))\" stroke=\"#fff\" stroke-width=\"1.5\"/>"
                body += SVG.item(link: link(category), title: tooltip(series: index, category: category, value: value),
                                 className: "point", marker)
            }
        }
        if values.joined().allSatisfy({ $0 == nil }) {
            body += SVG.noDataNote(x: (left + right) / 2, y: (top + bottom) / 2)
        }

        return SVG.document(id: SVG.identifier(id, kind: "xu-huong", title: title), width: SVG.width,
                            height: height, title: title, description: description(values, ticks: tickLabels),
                            hasLinks: categories.indices.contains { link($0) != nil }, body: body)
    }

    private func link(_ category: Int) -> String? { category < links.count ? links[category] : nil }

    private func colour(_ index: Int) -> String { SVG.palette[index % SVG.palette.count] }

    /// Solid for the first round of the palette, dashed when colours repeat.
    private func dash(_ index: Int) -> String? { index < SVG.palette.count ? nil : "7 4" }

    /// "T3: 87,3 %", with the series' name in front when there are several.
    private func tooltip(series index: Int, category: Int, value: Double) -> String {
        let point = "\(categories[category]): \(valueFormat.label(value))"
        return series.count > 1 ? "\(series[index].name) – \(point)" : point
    }

    /// The figures in words for screen readers: the axis, then each series value by value.
    private func description(_ values: [[Double?]], ticks: [String]) -> String {
        var sentences = ["Biểu đồ đường, trục giá trị từ \(ticks.first!) đến \(ticks.last!)."]
        for (line, lineValues) in zip(series, values) {
            let points = zip(categories, lineValues).map { category, value in
                "\(category) \(value.map(valueFormat.label) ?? SVG.noValue)"
            }
            sentences.append("\(line.name): \(points.joined(separator: "; ")).")
        }
        return sentences.joined(separator: " ")
    }
}
