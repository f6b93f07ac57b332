import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Charts

/// A unit name meant to break markup: every XML special character, a control character, Vietnamese.
let hostileName = "Sở Tư pháp & Xã <A> \"Bắc\" 'Nam' \u{1}]]>"

/// `hostileName` as it must read back: the control character, which XML cannot carry, dropped.
let hostileNameReadBack = "Sở Tư pháp & Xã <A> \"Bắc\" 'Nam' ]]>"

/// An SVG document parsed by FoundationXML: building one fails unless the text is well-formed XML.
struct ParsedSVG {
    /// Kept alive here: FoundationXML frees every node of a document that is released.
    let document: XMLDocument
    let root: XMLElement

    init(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        document = try XMLDocument(xmlString: text, options: [])
        root = try #require(document.rootElement(), sourceLocation: sourceLocation)
    }

    /// The viewBox's width and height.
    var size: (width: Double, height: Double) {
        let numbers = (root["viewBox"] ?? "").split(separator: " ").compactMap { Double($0) }
        return numbers.count == 4 ? (numbers[2], numbers[3]) : (0, 0)
    }

    /// Every element below the root named `name`, in document order.
    func elements(_ name: String) -> [XMLElement] {
        root.descendants.filter { $0.name == name }
    }

    /// Every element below the root whose class list holds `className`, in document order.
    func elements(classed className: String) -> [XMLElement] {
        root.descendants.filter { ($0["class"] ?? "").split(separator: " ").contains(Substring(className)) }
    }
}

extension XMLElement {
    /// The value of the attribute `name`. (FoundationXML's `attribute(forName:)` finds nothing inside
    /// a default namespace on Linux, so the attributes are searched.)
    subscript(_ name: String) -> String? { attributes?.first { $0.name == name }?.stringValue }

    /// The value of the attribute `name` as a number.
    func number(_ name: String) -> Double? { self[name].flatMap(Double.init) }

    /// Every element below this one, in document order.
    var descendants: [XMLElement] {
        (children ?? []).compactMap { $0 as? XMLElement }.flatMap { [$0] + $0.descendants }
    }

    /// The elements directly below this one named `name`.
    func children(named name: String) -> [XMLElement] {
        elements(forName: name)
    }

    /// The text of the `<title>` directly below this one.
    var tooltip: String? { children(named: "title").first?.stringValue }

    /// The closest enclosing element (this one included) named `name`.
    func enclosing(_ name: String) -> XMLElement? {
        var node: XMLNode? = self
        while let current = node {
            if let element = current as? XMLElement, element.name == name { return element }
            node = current.parent
        }
        return nil
    }
}

/// Communes and wards of Tuyên Quang (the 2025 province), at about their real coordinates.
let tuyenQuangPlaces: [CommuneMap.Place] = [
    .init(code: "08473", name: "Phường Minh Xuân", latitude: 21.82, longitude: 105.21, rate: 0.973,
          link: "/ioc/xa/08473", areaKm2: 14),
    .init(code: "02650", name: "Phường Hà Giang 1", latitude: 22.82, longitude: 104.98, rate: 0.912, areaKm2: 45),
    .init(code: "08611", name: "Xã Na Hang", latitude: 22.35, longitude: 105.38, rate: 0.85, areaKm2: 180),
    .init(code: "08650", name: "Xã Minh Quang", latitude: 22.38, longitude: 105.10, rate: 0.873, areaKm2: 250),
    .init(code: "08752", name: "Xã Chiêm Hóa", latitude: 22.15, longitude: 105.27, rate: 0.79, areaKm2: 120),
    .init(code: "08989", name: "Xã Sơn Dương", latitude: 21.70, longitude: 105.40, rate: 0.96, areaKm2: 90),
    .init(code: "08818", name: "Xã Hàm Yên", latitude: 22.07, longitude: 105.03, rate: nil, areaKm2: 140),
    .init(code: "02716", name: "Xã Đồng Văn", latitude: 23.27, longitude: 105.36, rate: 0.7, areaKm2: 60),
    .init(code: "02776", name: "Xã Yên Minh", latitude: 23.12, longitude: 105.14, rate: 0.93, areaKm2: 110),
    .init(code: "02965", name: "Xã Bắc Quang", latitude: 22.49, longitude: 104.87, rate: 0.95, areaKm2: 130),
    .init(code: "02866", name: "Xã Hoàng Su Phì", latitude: 22.75, longitude: 104.68, rate: 0.8, areaKm2: 300),
]

/// The twelve months' labels, "T1"…"T12".
let months = (1...12).map { "T\($0)" }
