import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Charts

/// The three charts, each carrying `name` in its title and in its labels.
func everyChart(named name: String) -> [String] {
    [
        LineChart(title: name, categories: [name, "T2"], series: [.init(name: name, values: [0.5, 0.7])],
                  valueFormat: .percent, links: ["/ioc?thang=1&ten=\(name)", nil]).svg(),
        BarChart(title: name, bars: [.init(label: name, value: 12345, link: "/don-vi?ten=\(name)")]).svg(),
        CommuneMap(title: name, places: [.init(code: name, name: name, latitude: 22, longitude: 105, rate: 0.9,
                                               link: "/xa?ten=\(name)")], caption: name).svg(),
    ]
}

@Suite("The SVG document every chart shares")
struct DocumentTests {
    @Test func every_chart_is_an_accessible_inline_svg() throws {
        for text in everyChart(named: "Tỷ lệ đúng hạn") {
            // act
            let svg = try ParsedSVG(text)
            // check
            let root = svg.root
            #expect(text.hasPrefix("<svg "))
            #expect(root.name == "svg" && root.uri == "http://www.w3.org/2000/svg")
            #expect(root["width"] == "100%" && root["role"] == "group")  // they hold links
            #expect(root["font-family"] == "system-ui, sans-serif")
            #expect(svg.size.width == 480 && svg.size.height > 0)
            let labelledBy = try #require(root["aria-labelledby"]).split(separator: " ").map(String.init)
            let title = try #require(root.children(named: "title").first)
            let description = try #require(root.children(named: "desc").first)
            #expect(labelledBy == [title["id"], description["id"]])
            #expect(title.stringValue == "Tỷ lệ đúng hạn")
            #expect(description.stringValue?.isEmpty == false)
        }
    }

    @Test func a_chart_without_links_is_an_image_and_one_with_links_a_group_whose_links_stay_reachable() throws {
        // setup
        let plain = BarChart(title: "Hồ sơ", bars: [.init(label: "Sở Y tế", value: 3)])
        let linked = BarChart(title: "Hồ sơ", bars: [.init(label: "Sở Y tế", value: 3, link: "/ioc/syt")])
        // act
        let roles = try [plain, linked].map { try ParsedSVG($0.svg()).root["role"] }
        // check
        #expect(roles == ["img", "group"])
    }

    @Test func hostile_names_stay_well_formed_and_read_back_as_written() throws {
        for text in everyChart(named: hostileName) {
            // act
            let svg = try ParsedSVG(text)
            // check
            #expect(svg.root.children(named: "title").first?.stringValue == hostileNameReadBack)
            #expect(svg.elements("a").allSatisfy { $0["href"]?.hasSuffix(hostileNameReadBack) == true })
            #expect(!svg.elements("a").isEmpty)
            #expect(!text.contains("<A>") && text.contains("&amp;") && !text.contains("\u{1}"))
        }
    }

    @Test func escaping_covers_the_five_special_characters_and_drops_forbidden_controls() {
        // act
        let escaped = SVG.escape("a&b<c>d\"e'f\u{0}\u{8}\tg\u{FFFF}ở")
        // check
        #expect(escaped == "a&amp;b&lt;c&gt;d&quot;e&apos;f\tgở")
    }

    @Test func coordinates_have_a_decimal_point_and_at_most_one_decimal() {
        // act
        let numbers = [12.345, 240, -0.01, 1234.56, .nan].map(SVG.number)
        // check
        #expect(numbers == ["12.3", "240", "0", "1234.6", "0"])
    }

    @Test func a_given_id_is_used_made_safe_and_the_default_is_stable() throws {
        // setup
        let bars = [BarChart.Bar(label: "Sở Y tế", value: 3)]
        // act
        let given = try ParsedSVG(BarChart(title: "Xếp hạng", bars: bars, id: "ioc xep&hang\"").svg())
        let first = BarChart(title: "Xếp hạng", bars: bars).svg()
        let again = BarChart(title: "Xếp hạng", bars: bars).svg()
        let other = BarChart(title: "Xếp hạng khác", bars: bars).svg()
        // check
        #expect(given.root["aria-labelledby"] == "ioc-xep-hang--title ioc-xep-hang--desc")
        #expect(first == again && first != other)
    }

    @Test func charts_without_data_say_so() throws {
        // setup
        let charts = [
            LineChart(title: "Xu hướng", categories: months, series: [.init(name: "Hồ sơ", values: [])]).svg(),
            BarChart(title: "Xếp hạng", bars: []).svg(),
            CommuneMap(title: "Bản đồ", places: []).svg(),
        ]
        for text in charts {
            // act
            let svg = try ParsedSVG(text)
            // check
            #expect(svg.elements("text").contains { $0.stringValue == "Chưa có số liệu" })
        }
    }
}
