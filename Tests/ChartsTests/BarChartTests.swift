import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Charts

@Suite("Ranking bars (biểu đồ xếp hạng)")
struct BarChartTests {
    let ranking: [BarChart.Bar] = [
        .init(label: "Sở Tư pháp", value: 0.982, link: "/ioc/don-vi/stp?ky=2026-Q1&xem=1"),
        .init(label: "Sở Y tế", value: 0.5, highlight: true),
        .init(label: "Ủy ban nhân dân xã Hoàng Su Phì, tỉnh Tuyên Quang", value: 0.25),
    ]

    @Test func each_bar_is_a_row_in_order_with_its_value_printed_at_its_end() throws {
        // setup
        let chart = BarChart(title: "Tỷ lệ đúng hạn", bars: ranking, valueFormat: .percent)
        // act
        let svg = try ParsedSVG(chart.svg())
        // check
        let rows = svg.elements(classed: "bar")
        #expect(rows.map(\.tooltip) == ["Sở Tư pháp: 98,2 %", "Sở Y tế: 50,0 %",
                                        "Ủy ban nhân dân xã Hoàng Su Phì, tỉnh Tuyên Quang: 25,0 %"])
        for row in rows {
            let bar = try #require(row.descendants.first { $0["class"] == "value" })
            let value = try #require(row.children(named: "text").last)
            #expect(value.number("x")! == bar.number("x")! + bar.number("width")! + 6)
            #expect(value.stringValue == row.tooltip?.split(separator: ":").last?.trimmingCharacters(in: .whitespaces))
        }
        let tops = rows.compactMap { $0.descendants.first { $0["class"] == "value" }?.number("y") }
        #expect(tops == tops.sorted() && Set(tops).count == 3)
    }

    @Test func rates_are_measured_against_100_percent_and_counts_against_the_largest() throws {
        // setup
        let rates = BarChart(title: "Tỷ lệ", bars: ranking, valueFormat: .percent)
        let counts = BarChart(title: "Hồ sơ", bars: [.init(label: "A", value: 400), .init(label: "B", value: 100)])
        let capped = BarChart(title: "Hồ sơ", bars: [.init(label: "A", value: 400)], maxValue: 800)
        // act
        let widths = try [rates, counts, capped].map { chart in
            try ParsedSVG(chart.svg()).elements(classed: "value").compactMap { $0.number("width") }
        }
        // check
        let full = widths[0][0] / 0.982  // the length of 100 %
        #expect(abs(widths[0][1] - full / 2) < 0.1 && abs(widths[0][2] - full / 4) < 0.1)
        #expect(abs(widths[1][0] - 4 * widths[1][1]) < 0.2)
        #expect(widths[2][0] < widths[1][0])
    }

    @Test func the_chart_grows_taller_with_every_bar() throws {
        // setup
        let bars = (1...12).map { BarChart.Bar(label: "Xã \($0)", value: Double($0)) }
        // act
        let heights = try [1, 3, 12].map { try ParsedSVG(BarChart(title: "Xếp hạng", bars: Array(bars.prefix($0))).svg()).size.height }
        // check
        #expect(heights[0] < heights[1] && heights[1] < heights[2])
        #expect((heights[2] - heights[1]) / 9 == (heights[1] - heights[0]) / 2)  // the same for every bar
    }

    @Test func a_linked_row_is_an_anchor_and_the_highlighted_row_stands_out() throws {
        // setup
        let chart = BarChart(title: "Tỷ lệ", bars: ranking, valueFormat: .percent)
        // act
        let text = chart.svg()
        let svg = try ParsedSVG(text)
        // check
        let rows = svg.elements(classed: "bar")
        #expect(rows.map(\.name) == ["a", "g", "g"])
        #expect(rows[0]["href"] == "/ioc/don-vi/stp?ky=2026-Q1&xem=1")
        #expect(text.contains("href=\"/ioc/don-vi/stp?ky=2026-Q1&amp;xem=1\""))
        let fills = rows.map { $0.descendants.first { $0["class"] == "value" }?["fill"] }
        #expect(fills[1] != fills[0] && fills[0] == fills[2])
        #expect(rows[1]["class"] == "bar highlight")
        #expect(rows[1].children(named: "text").allSatisfy { $0["font-weight"] == "700" })
        #expect(rows[0].children(named: "text").allSatisfy { $0["font-weight"] == nil })
    }

    @Test func a_long_label_is_cut_but_its_tooltip_keeps_it_whole() throws {
        // setup
        let chart = BarChart(title: "Tỷ lệ", bars: ranking, valueFormat: .percent)
        // act
        let svg = try ParsedSVG(chart.svg())
        // check
        let row = svg.elements(classed: "bar")[2]
        let label = try #require(row.children(named: "text").first?.stringValue)
        #expect(label.hasSuffix("…") && label.count < ranking[2].label.count)
        #expect(row.tooltip?.hasPrefix(ranking[2].label) == true)
        #expect(svg.elements("text").allSatisfy { ($0.number("x") ?? 0) >= 0 })
    }

    @Test func counts_print_with_thousands_dots() throws {
        // setup
        let chart = BarChart(title: "Hồ sơ", bars: [.init(label: "Tỉnh", value: 12345)])
        // act
        let svg = try ParsedSVG(chart.svg())
        // check
        #expect(svg.elements(classed: "bar").first?.children(named: "text").last?.stringValue == "12.345")
    }
}
