/// Biểu đồ xếp hạng — a ranking as horizontal bars in the given order, one row per unit, the value
/// printed at the end of each bar; the chart grows taller with every bar.
public struct BarChart: Sendable {
    /// Một thanh — one row of the ranking.
    public struct Bar: Sendable {
        /// The unit's name, cut with "…" when too long (the tooltip keeps it whole).
        public var label: String
        /// The value: a count, or a rate 0…1 for `.percent`.
        public var value: Double
        /// Where the row leads (e.g. the unit's own figures); nil for none.
        public var link: String?
        /// Drawn in another colour and bold, e.g. the reader's own unit.
        public var highlight: Bool

        /// A row labelled `label` with `value`.
        public init(label: String, value: Double, link: String? = nil, highlight: Bool = false) {
            self.label = label
            self.value = value
            self.link = link
            self.highlight = highlight
        }
    }

    /// The chart's accessible name (`<title>`); the page shows its own heading.
    public var title: String
    /// The rows, top to bottom.
    public var bars: [Bar]
    /// Counts or rates (0…1).
    public var valueFormat: ValueFormat
    /// The value of a full-length bar; by default 100 % for rates and the largest value for counts.
    public var maxValue: Double?
    /// The id of the `<svg>`'s title and description; by default derived from the title.
    public var id: String?

    static let barColour = SVG.palette[0]
    static let highlightColour = SVG.palette[1]

    /// A ranking chart of `bars`.
    public init(title: String, bars: [Bar], valueFormat: ValueFormat = .count, maxValue: Double? = nil,
                id: String? = nil) {
        self.title = title
        self.bars = bars
        self.valueFormat = valueFormat
        self.maxValue = maxValue
        self.id = id
    }

    /// The chart as an inline SVG document.
    public func svg() -> String {
        let rowHeight = 26.0
        let valueLabels = bars.map { valueFormat.label($0.value) }
        let labelWidth = min(SVG.width * 0.4, (bars.map { SVG.textWidth($0.label) }.max() ?? 0) + 4)
        let barStart = 8 + labelWidth + 8
        let barSpace = max(40, SVG.width - barStart - 8 - (valueLabels.map { SVG.textWidth($0) }.max() ?? 0) - 6)
        let largest = bars.map(\.value).max() ?? 0
        let fullValue = maxValue ?? (valueFormat == .percent ? max(1, largest) : largest)

        var body = ""
        for (row, (bar, valueLabel)) in zip(bars, valueLabels).enumerated() {
            let top = 4 + Double(row) * rowHeight
            let middle = top + rowHeight / 2
            let length = fullValue > 0 && bar.value.isFinite ? min(max(bar.value / fullValue, 0), 1) * barSpace : 0
            let weight = SVG.attribute("font-weight", bar.highlight ? "700" : nil)
            var content = ""
            if bar.link != nil {
                content += SVG.hitArea(x: 0, y: top, width: SVG.width, height: rowHeight)
            }
            content += SVG.text(SVG.fitting(bar.label, width: labelWidth), x: barStart - 8, y: middle, anchor: "end",
                                attributes: weight)
                + "<rect class=\"value\" x=\"\(SVG.number(barStart))\" y=\"\(SVG.number(middle - 8))\" "
                + "width=\"\(SVG.number(length))\" height=\"16\" "
                + "fill=\"\(bar.highlight ? Self.highlightColour : Self.barColour)\"/>"
                + SVG.text(valueLabel, x: barStart + length + 6, y: middle, attributes: weight)
            body += SVG.item(link: bar.link, title: "\(bar.label): \(valueLabel)",
                             className: bar.highlight ? "bar highlight" : "bar", content)
        }
        if bars.isEmpty {
            body += SVG.noDataNote(x: SVG.width / 2, y: 4 + rowHeight / 2)
        }

        let rows = zip(bars, valueLabels).map { "\($0.label) \($1)" }
        let description = "Biểu đồ xếp hạng, \(bars.count) mục: " + rows.joined(separator: "; ") + "."
        return SVG.document(id: SVG.identifier(id, kind: "xep-hang", title: title), width: SVG.width,
                            height: 8 + Double(max(bars.count, 1)) * rowHeight, title: title,
                            description: description, hasLinks: bars.contains { $0.link != nil }, body: body)
    }
}
