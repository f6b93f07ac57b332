import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import QRCode

@Suite("PNG and SVG rendering")
struct RenderingTests {
    @Test func crc32_and_adler32_match_their_check_values() {
        #expect(crc32(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(crc32(Array("IEND".utf8)) == 0xAE42_6082)
        #expect(adler32(Array("Wikipedia".utf8)) == 0x11E6_0398)
        #expect(adler32([]) == 1)
    }

    @Test func the_png_has_valid_checksums_and_one_pixel_square_per_module_and_scale() throws {
        // setup
        let code = try QRCode(trackingURL)
        // act
        let image = try #require(decodePNG(code.png(moduleSize: 3, border: 2)))
        // check
        let side = (code.size + 4) * 3
        #expect(image.width == side && image.height == side)
        for py in 0..<side {
            for px in 0..<side where image.black[py][px] != code.isDark(x: px / 3 - 2, y: py / 3 - 2) {
                Issue.record("pixel (\(px), \(py)) is wrong")
                return
            }
        }
    }

    @Test func a_large_png_spans_several_stored_deflate_blocks() throws {
        // setup: 40-L at 4 px per module: 740 rows of 1 + 93 bytes, beyond one 65 535-byte block
        let code = try QRCode(String(repeating: "7", count: 2953), errorCorrection: .low)
        // act
        let image = try #require(decodePNG(code.png()))
        // check
        #expect(code.version == 40)
        #expect(image.width == 740)
        #expect(image.black[16][16] && !image.black[15][15])
    }

    @Test func nonsensical_scale_and_border_are_clamped() throws {
        // setup
        let code = try QRCode("hồ sơ")
        // act
        let image = try #require(decodePNG(code.png(moduleSize: 0, border: -3)))
        // check
        #expect(image.width == code.size)
        #expect(image.black[0][0])
    }

    @Test func the_svg_is_well_formed_with_crisp_edges_and_one_path() throws {
        // setup
        let code = try QRCode(trackingURL)
        // act
        let svg = code.svg(moduleSize: 5, border: 4)
        // check
        let elements = try #require(SVGElements(svg))
        let side = code.size + 8
        #expect(elements.names == ["svg", "rect", "path"])
        #expect(elements.attributes["svg"]?["width"] == "\(side * 5)")
        #expect(elements.attributes["svg"]?["height"] == "\(side * 5)")
        #expect(elements.attributes["svg"]?["viewBox"] == "0 0 \(side) \(side)")
        #expect(elements.attributes["svg"]?["shape-rendering"] == "crispEdges")
        #expect(elements.attributes["svg"]?["xmlns"] == "http://www.w3.org/2000/svg")
    }

    @Test(arguments: [trackingURL, String(repeating: "Giấy tiếp nhận hồ sơ. ", count: 10)])
    func the_svg_path_covers_exactly_the_dark_modules(_ text: String) throws {
        // setup
        let code = try QRCode(text)
        let elements = try #require(SVGElements(code.svg(border: 3)))
        let path = try #require(elements.attributes["path"]?["d"])
        // act: each subpath is "x,yhNv1h-Nz", a run of N modules from (x, y)
        var painted = Set<[Int]>()
        for subpath in path.split(separator: "M") {
            let numbers = subpath.split(whereSeparator: { ",hvz-".contains($0) }).compactMap { Int($0) }
            try #require(numbers.count == 5 && subpath == "\(numbers[0]),\(numbers[1])h\(numbers[2])v1h-\(numbers[2])z")
            for x in numbers[0]..<(numbers[0] + numbers[2]) {
                #expect(painted.insert([x - 3, numbers[1] - 3]).inserted, "module painted twice")
            }
        }
        // check
        var dark = Set<[Int]>()
        for y in 0..<code.size {
            for x in 0..<code.size where code.isDark(x: x, y: y) { dark.insert([x, y]) }
        }
        #expect(painted == dark)
    }
}

/// The element names of an XML document in order, and each one's attributes; nil when malformed.
private struct SVGElements {
    var names: [String] = []
    var attributes: [String: [String: String]] = [:]

    init?(_ document: String) {
        let parser = XMLParser(data: Data(document.utf8))
        let delegate = Delegate()
        parser.delegate = delegate
        guard parser.parse() else { return nil }
        names = delegate.names
        attributes = delegate.attributes
    }

    private final class Delegate: NSObject, XMLParserDelegate {
        var names: [String] = []
        var attributes: [String: [String: String]] = [:]

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String]) {
            names.append(elementName)
            self.attributes[elementName] = attributes
        }
    }
}
