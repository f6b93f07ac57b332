import Core
import Foundation

/// The pieces every chart is built from: escaping, numbers in coordinates, the `<svg>` element with its
/// accessible name, links, text and legends. All internal.
enum SVG {
    /// The viewBox width of every chart; the page scales it with `width="100%"`.
    static let width = 480.0
    static let fontSize = 12.0
    /// Series colours: all at least 4.5:1 against white, and apart from each other.
    static let palette = ["#1d4ed8", "#b45309", "#047857", "#9d174d"]
    /// Body text (14.7:1 on white) and quieter labels (7.6:1).
    static let ink = "#1f2937"
    static let mutedInk = "#4b5563"
    static let gridLine = "#e5e7eb"
    static let axisLine = "#9ca3af"
    /// What an empty chart says, and what stands for a missing value in tooltips and descriptions.
    static let noDataMessage = "Chưa có số liệu"
    static let noValue = "không có số liệu"

    /// Text and attribute values escaped for XML (`Core.XMLText`).
    static func escape(_ text: String) -> String { XMLText.escape(text) }

    /// A coordinate with at most one decimal, a decimal point and no "-0": "12.5", "240".
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let tenths = (value * 10).rounded()
        if tenths == 0 { return "0" }
        return tenths.truncatingRemainder(dividingBy: 10) == 0 ? String(Int(tenths / 10)) : String(tenths / 10)
    }

    /// About how wide `text` is in the system sans-serif font at `size`.
    static func textWidth(_ text: String, size: Double = fontSize) -> Double {
        Double(text.count) * size * 0.58
    }

    /// `text` cut with "…" so that it fits in `width`.
    static func fitting(_ text: String, width: Double, size: Double = fontSize) -> String {
        guard textWidth(text, size: size) > width else { return text }
        let characters = max(1, Int(width / (size * 0.58)) - 1)
        return String(text.prefix(characters)) + "…"
    }

    /// ` name="value"`, escaped, or nothing without a value.
    static func attribute(_ name: String, _ value: String?) -> String {
        value.map { " \(name)=\"\(escape($0))\"" } ?? ""
    }

    /// A `<text>` element whose line is centred on `y`, with further `attributes` (see `attribute`).
    static func text(_ content: String, x: Double, y: Double, anchor: String = "start",
                     attributes: String = "") -> String {
        "<text x=\"\(number(x))\" y=\"\(number(y))\" dy=\"0.35em\"\(attribute("text-anchor", anchor == "start" ? nil : anchor))"
            + "\(attributes)>\(escape(content))</text>"
    }

    /// "Chưa có số liệu", centred on (`x`, `y`).
    static func noDataNote(x: Double, y: Double) -> String {
        text(noDataMessage, x: x, y: y, anchor: "middle", attributes: attribute("fill", mutedInk))
    }

    /// An invisible rectangle that makes the whole area part of the link around it.
    static func hitArea(x: Double, y: Double, width: Double, height: Double) -> String {
        "<rect x=\"\(number(x))\" y=\"\(number(y))\" width=\"\(number(width))\" height=\"\(number(height))\" "
            + "fill=\"#fff\" fill-opacity=\"0\"/>"
    }

    /// `content` in an `<a href>` when there is a link, in a `<g>` otherwise, with `title` as its first
    /// child (the tooltip, and the link's accessible name), the given class and further `attributes`.
    static func item(link: String?, title: String, className: String, attributes: String = "",
                     _ content: String) -> String {
        let tag = link == nil ? "g" : "a"
        return "<\(tag)\(attribute("href", link)) class=\"\(className)\"\(attributes)><title>\(escape(title))</title>"
            + "\(content)</\(tag)>"
    }

    /// A whole chart: an inline `<svg>` (no XML declaration) scaled to its container, named by its
    /// `<title>` and described by its `<desc>` through `aria-labelledby`, in the system font. It is
    /// `role="img"`, or `role="group"` when it holds links: an image's content is hidden from assistive
    /// technology, and its links would be too.
    static func document(id: String, width: Double, height: Double, title: String, description: String,
                         hasLinks: Bool, body: String) -> String {
        """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(number(width)) \(number(height))" \
        width="100%" role="\(hasLinks ? "group" : "img")" aria-labelledby="\(id)-title \(id)-desc" \
        font-family="system-ui, sans-serif" font-size="\(number(fontSize))" fill="\(ink)">\
        <title id="\(id)-title">\(escape(title))</title><desc id="\(id)-desc">\(escape(description))</desc>\
        \(body)</svg>
        """
    }

    /// The id of a chart's element: `requested` made safe for an XML id and an `aria-labelledby` list,
    /// or, without one, `kind` and a stable hash of the title (FNV-1a), so the same chart always
    /// renders the same text.
    static func identifier(_ requested: String?, kind: String, title: String) -> String {
        guard let requested, !requested.isEmpty else {
            var hash: UInt32 = 0x811C_9DC5
            for byte in title.utf8 { hash = (hash ^ UInt32(byte)) &* 0x0100_0193 }
            return kind + "-" + String(hash, radix: 16)
        }
        let safe = String(requested.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || scalar == "-" || scalar == "_")
                ? Character(scalar) : "-"
        })
        return safe.first!.isLetter ? safe : kind + "-" + safe
    }

    /// How a legend entry shows its colour.
    enum Swatch {
        /// A short stroke, as the series it stands for.
        case line(dash: String?)
        /// A filled square.
        case square
    }

    /// A legend of `entries` (colour, label) from (`x`, `y`), flowing into as many rows as `width`
    /// needs; returns the markup and its height.
    static func legend(_ entries: [(colour: String, label: String, swatch: Swatch)], x: Double, y: Double,
                       width: Double) -> (markup: String, height: Double) {
        guard !entries.isEmpty else { return ("", 0) }
        let rowHeight = 18.0
        var markup = "<g class=\"legend\">"
        var column = x
        var row = y
        for entry in entries {
            let itemWidth = 22 + textWidth(entry.label)
            if column > x, column + itemWidth > x + width {
                column = x
                row += rowHeight
            }
            let middle = row + rowHeight / 2
            switch entry.swatch {
            case .line(let dash):
                markup += "<line x1=\"\(number(column))\" y1=\"\(number(middle))\" x2=\"\(number(column + 16))\" "
                    + "y2=\"\(number(middle))\" stroke=\"\(entry.colour)\" stroke-width=\"3\"\(attribute("stroke-dasharray", dash))/>"
            case .square:
                markup += "<rect x=\"\(number(column + 2))\" y=\"\(number(middle - 6))\" width=\"12\" height=\"12\" "
                    + "fill=\"\(entry.colour)\"/>"
            }
            markup += text(entry.label, x: column + 21, y: middle)
            column += itemWidth + 14
        }
        return (markup + "</g>", row + rowHeight - y)
    }
}
