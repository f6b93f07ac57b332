import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Charts

@Suite("Trend chart (biểu đồ xu hướng)")
struct LineChartTests {
    let onTime: [Double?] = [0.8, 0.85, 0.873, nil, 0.9, 0.95, nil, nil, 0.91, 0.92, 0.93, nil]

    @Test func there_is_one_marker_per_value_and_the_line_breaks_where_data_is_missing() throws {
        // setup
        let chart = LineChart(title: "Tỷ lệ đúng hạn", categories: months,
                              series: [.init(name: "Toàn tỉnh", values: onTime)], valueFormat: .percent)
        // act
        let svg = try ParsedSVG(chart.svg())
        // check
        let points = svg.elements(classed: "point")
        let path = try #require(svg.elements(classed: "series").first?["d"])
        #expect(points.count == 8)
        #expect(points.map(\.tooltip) == ["T1: 80,0 %", "T2: 85,0 %", "T3: 87,3 %", "T5: 90,0 %", "T6: 95,0 %",
                                          "T9: 91,0 %", "T10: 92,0 %", "T11: 93,0 %"])
        #expect(path.filter { $0 == "M" }.count == 3)  // T1–T3, T5–T6, T9–T11
        #expect(path.filter { $0 == "L" }.count == 5)
        let vertices = path.split(whereSeparator: { $0 == "M" || $0 == "L" }).map(String.init)
        let markers = points.compactMap { $0.children(named: "circle").first }
            .map { SVG.number($0.number("cx")!) + "," + SVG.number($0.number("cy")!) }
        #expect(vertices == markers)
    }

    @Test func a_value_alone_between_gaps_still_gets_its_marker() throws {
        // setup
        let chart = LineChart(title: "Hồ sơ", categories: ["T1", "T2", "T3"],
                              series: [.init(name: "Hồ sơ", values: [nil, 42, nil])])
        // act
        let svg = try ParsedSVG(chart.svg())
        // check
        #expect(svg.elements(classed: "point").count == 1)
        #expect(svg.elements(classed: "series").first?["d"]?.contains("L") == false)
    }

    @Test func values_that_are_not_finite_numbers_count_as_missing() throws {
        // setup
        let chart = LineChart(title: "Hồ sơ", categories: ["T1", "T2", "T3", "T4"],
                              series: [.init(name: "Hồ sơ", values: [3, .nan, .infinity, 5])])
        // act
        let svg = try ParsedSVG(chart.svg())
        // check
        #expect(svg.elements(classed: "point").map(\.tooltip) == ["T1: 3", "T4: 5"])
        #expect(svg.elements(classed: "grid").first?.children(named: "text").last?.stringValue == "5")
    }

    @Test func the_description_reads_out_every_value_for_screen_readers() throws {
        // setup
        let chart = LineChart(title: "Tỷ lệ", categories: months, series: [.init(name: "Toàn tỉnh", values: onTime)],
                              valueFormat: .percent)
        // act
        let description = try ParsedSVG(chart.svg()).root.children(named: "desc").first?.stringValue ?? ""
        // check
        #expect(description.contains("từ 0 % đến 100 %"))
        #expect(description.contains("Toàn tỉnh: T1 80,0 %; T2 85,0 %; T3 87,3 %; T4 không có số liệu;"))
    }

    @Test func the_count_axis_has_nice_ticks_and_higher_values_sit_higher() throws {
        // setup
        let chart = LineChart(title: "Hồ sơ tiếp nhận", categories: ["T1", "T2", "T3"],
                              series: [.init(name: "Hồ sơ", values: [12, 87, 40])])
        // act
        let svg = try ParsedSVG(chart.svg())
        // check
        let grid = try #require(svg.elements(classed: "grid").first)
        #expect(grid.children(named: "text").map(\.stringValue) == ["0", "20", "40", "60", "80", "100"])
        let heights = svg.elements("circle").compactMap { $0.number("cy") }
        #expect(heights.count == 3 && heights[1] < heights[2] && heights[2] < heights[0])
        let lines = grid.children(named: "line").compactMap { $0.number("y1") }
        #expect(lines.first! > lines.last!)  // 0 at the bottom
    }

    @Test func a_percent_axis_runs_from_0_to_100_percent() throws {
        // setup
        let chart = LineChart(title: "Tỷ lệ", categories: months, series: [.init(name: "Tỉnh", values: onTime)],
                              valueFormat: .percent)
        // act
        let svg = try ParsedSVG(chart.svg())
        // check
        let labels = svg.elements(classed: "grid").first?.children(named: "text").map(\.stringValue)
        #expect(labels == ["0 %", "20 %", "40 %", "60 %", "80 %", "100 %"])
    }

    @Test func linked_months_lead_on_from_their_label_column_and_markers_with_escaped_urls() throws {
        // setup
        let links = months.indices.map { $0 == 2 ? "/ioc?thang=3&nam=2026" : nil }
        let chart = LineChart(title: "Tỷ lệ", categories: months, series: [.init(name: "Tỉnh", values: onTime)],
                              valueFormat: .percent, links: links)
        // act
        let text = chart.svg()
        let svg = try ParsedSVG(text)
        // check
        let anchors = svg.elements("a")
        #expect(anchors.count == 2)
        #expect(anchors.allSatisfy { $0["href"] == "/ioc?thang=3&nam=2026" })
        #expect(text.contains("href=\"/ioc?thang=3&amp;nam=2026\""))
        #expect(anchors.map(\.tooltip) == ["T3", "T3: 87,3 %"])
        #expect(anchors[0].children(named: "text").first?.stringValue == "T3")
        #expect(svg.elements(classed: "point").filter { $0.name == "g" }.count == 7)
    }

    @Test func several_series_get_distinct_colours_a_legend_and_named_tooltips() throws {
        // setup
        let names = ["Sở Tư pháp", "Sở Y tế", "Sở Xây dựng", "UBND xã Minh Quang", "Công an tỉnh"]
        let series = names.enumerated().map { LineChart.Series(name: $1, values: [Double($0), 10, 20]) }
        let chart = LineChart(title: "Hồ sơ", categories: ["T1", "T2", "T3"], series: series)
        // act
        let svg = try ParsedSVG(chart.svg())
        // check
        let paths = svg.elements(classed: "series")
        #expect(Set(paths.prefix(4).compactMap { $0["stroke"] }).count == 4)
        #expect(paths[4]["stroke-dasharray"] != nil && paths[0]["stroke-dasharray"] == nil)
        let legend = try #require(svg.elements(classed: "legend").first)
        #expect(legend.children(named: "text").map(\.stringValue) == names)
        #expect(svg.elements(classed: "point").first?.tooltip == "Sở Tư pháp – T1: 0")
    }

    @Test func crowded_categories_show_every_few_labels_and_stay_inside() throws {
        // setup
        let days = (1...31).map { "\($0)/3" }
        let chart = LineChart(title: "Hồ sơ theo ngày", categories: days,
                              series: [.init(name: "Hồ sơ", values: days.indices.map { Double($0 * 37) })])
        // act
        let svg = try ParsedSVG(chart.svg())
        // check
        let labels = svg.elements(classed: "categories").first?.children(named: "text") ?? []
        #expect(labels.count > 5 && labels.count < 31)
        #expect(labels.first?.stringValue == "1/3")
        #expect(svg.elements("circle").allSatisfy { $0.number("cx")! > 0 && $0.number("cx")! < svg.size.width })
    }
}
