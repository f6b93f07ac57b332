import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Charts

@Suite("Map of communes (bản đồ xã, phường)")
struct CommuneMapTests {
    /// Each place's disc by its code: centre and radius.
    func discs(_ svg: ParsedSVG) throws -> [String: (x: Double, y: Double, r: Double, fill: String)] {
        var discs: [String: (x: Double, y: Double, r: Double, fill: String)] = [:]
        for place in svg.elements(classed: "place") {
            let circle = try #require(place.children(named: "circle").first)
            discs[try #require(place["data-code"])] = try (#require(circle.number("cx")), #require(circle.number("cy")),
                                                         #require(circle.number("r")), #require(circle["fill"]))
        }
        return discs
    }

    @Test func west_is_left_north_is_up_and_every_disc_is_inside_the_view() throws {
        // setup
        let map = CommuneMap(title: "Tỷ lệ đúng hạn", places: tuyenQuangPlaces)
        // act
        let svg = try ParsedSVG(map.svg())
        // check
        let discs = try discs(svg)
        #expect(discs.count == tuyenQuangPlaces.count)
        let hoangSuPhi = try #require(discs["02866"]), sonDuong = try #require(discs["08989"])
        let dongVan = try #require(discs["02716"]), minhXuan = try #require(discs["08473"])
        #expect(hoangSuPhi.x < sonDuong.x)  // 104.68° E is west of 105.40° E
        #expect(dongVan.y < minhXuan.y)  // 23.27° N is north of 21.82° N
        let (width, height) = svg.size
        for disc in discs.values {
            #expect(disc.x - disc.r >= 0 && disc.x + disc.r <= width && disc.y - disc.r >= 0 && disc.y + disc.r <= height)
        }
        let legendTop = try #require(svg.elements(classed: "legend").first?.descendants.compactMap { $0.number("y") }.min())
        #expect(discs.values.allSatisfy { $0.y + $0.r <= legendTop })
    }

    @Test func longitudes_shrink_by_the_cosine_of_the_mean_latitude() throws {
        // setup: one degree each way at 60° N, where a degree of longitude is half a degree of latitude
        let places = [(0.0, 0.0), (1, 0), (0, 1)].enumerated().map { index, offset in
            CommuneMap.Place(code: "\(index)", name: "Xã \(index)", latitude: 60 + offset.0 - 1.0 / 3,
                             longitude: 10 + offset.1, rate: 0.9)
        }
        // act
        let discs = try discs(ParsedSVG(CommuneMap(title: "Bắc Âu", places: places, discSize: .constant(5)).svg()))
        // check
        let origin = try #require(discs["0"]), north = try #require(discs["1"]), east = try #require(discs["2"])
        let degreeNorth = origin.y - north.y, degreeEast = east.x - origin.x
        #expect(abs(degreeEast / degreeNorth - cos(60 * Double.pi / 180)) < 0.01)
        #expect(abs(north.x - origin.x) < 0.1 && abs(east.y - origin.y) < 0.1)
    }

    @Test(arguments: [
        (0.8, "#d97706"), (0.7999, "#b91c1c"), (0, "#b91c1c"), (0.9, "#65a30d"), (0.8999, "#d97706"),
        (0.95, "#15803d"), (0.9499, "#65a30d"), (1, "#15803d"), (nil, "#9ca3af"), (Double.nan, "#9ca3af"),
    ] as [(Double?, String)])
    func a_place_takes_the_colour_of_its_class_exactly_at_the_thresholds(_ rate: Double?, _ colour: String) throws {
        // setup
        let place = CommuneMap.Place(code: "08650", name: "Xã Minh Quang", latitude: 22.38, longitude: 105.1, rate: rate)
        // act
        let svg = try ParsedSVG(CommuneMap(title: "Tỷ lệ", places: [place]).svg())
        // check
        #expect(ColourScale.onTime.colour(for: rate) == colour)
        #expect(try discs(svg)["08650"]?.fill == colour)
    }

    @Test func the_scale_lists_its_classes_for_the_legend() {
        // act
        let classes = ColourScale.onTime.classes
        // check
        #expect(ColourScale.onTime.thresholds == [0.8, 0.9, 0.95])
        #expect(classes.map(\.label) == ["Dưới 80 %", "80 % – dưới 90 %", "90 % – dưới 95 %", "Từ 95 %", "Không có số liệu"])
        #expect(classes.map(\.colour) == ["#b91c1c", "#d97706", "#65a30d", "#15803d", "#9ca3af"])
        #expect(classes[1].range?.contains(0.8) == true && classes[1].range?.contains(0.9) == false)
        #expect(classes[4].range == nil)
    }

    @Test func the_legend_and_the_description_count_the_places_of_each_class() throws {
        // setup
        let map = CommuneMap(title: "Tỷ lệ đúng hạn", places: tuyenQuangPlaces)
        // act
        let svg = try ParsedSVG(map.svg())
        // check
        let legend = try #require(svg.elements(classed: "legend").first)
        #expect(legend.children(named: "text").map(\.stringValue) == [
            "Dưới 80 % (2)", "80 % – dưới 90 % (3)", "90 % – dưới 95 % (2)", "Từ 95 % (3)", "Không có số liệu (1)",
        ])
        #expect(legend.children(named: "rect").map { $0["fill"] } == ColourScale.onTime.classes.map(\.colour))
        let description = svg.root.children(named: "desc").first?.stringValue
        #expect(description == "Bản đồ 11 xã, phường theo tỷ lệ đúng hạn: dưới 80 %: 2; 80 % – dưới 90 %: 3; "
            + "90 % – dưới 95 %: 2; từ 95 %: 3; không có số liệu: 1.")
    }

    @Test func tooltips_name_the_place_and_its_rate_with_a_configurable_caption() throws {
        // setup
        let places = Array(tuyenQuangPlaces[3...6])
        // act
        let onTime = try ParsedSVG(CommuneMap(title: "Đúng hạn", places: places).svg())
        let satisfied = try ParsedSVG(CommuneMap(title: "Hài lòng", places: places, caption: "hài lòng").svg())
        // check
        let tooltips = Set(onTime.elements(classed: "place").compactMap(\.tooltip))
        #expect(tooltips == ["Xã Minh Quang: 87,3 % đúng hạn", "Xã Chiêm Hóa: 79,0 % đúng hạn",
                             "Xã Sơn Dương: 96,0 % đúng hạn", "Xã Hàm Yên: không có số liệu"])
        #expect(satisfied.elements(classed: "place").contains { $0.tooltip == "Xã Minh Quang: 87,3 % hài lòng" })
    }

    @Test func linked_places_are_anchors_with_escaped_urls() throws {
        // setup
        var places = Array(tuyenQuangPlaces.prefix(2))
        places[1].link = "/ioc/xa/02650?ky=2026&loai=\"đúng hạn\""
        // act
        let text = CommuneMap(title: "Tỷ lệ", places: places).svg()
        let svg = try ParsedSVG(text)
        // check
        let anchors = svg.elements("a")
        #expect(Set(anchors.compactMap { $0["href"] }) == ["/ioc/xa/08473", "/ioc/xa/02650?ky=2026&loai=\"đúng hạn\""])
        #expect(anchors.allSatisfy { $0["class"] == "place" })
        #expect(text.contains("?ky=2026&amp;loai=&quot;đúng hạn&quot;\""))
    }

    @Test func one_place_or_places_on_one_spot_are_all_drawn_inside_and_apart() throws {
        // setup
        let spot = (1...3).map {
            CommuneMap.Place(code: "\($0)", name: "Xã \($0)", latitude: 22.38, longitude: 105.1, rate: 0.9)
        }
        let line = (1...3).map {
            CommuneMap.Place(code: "\($0)", name: "Xã \($0)", latitude: 22.38, longitude: 105 + Double($0) / 10, rate: 0.9)
        }
        for places in [[spot[0]], spot, line] {
            // act
            let svg = try ParsedSVG(CommuneMap(title: "Tỷ lệ", places: places).svg())
            // check
            let discs = try discs(svg)
            let (width, height) = svg.size
            #expect(discs.count == places.count)
            #expect(Set(discs.values.map { "\($0.x),\($0.y)" }).count == places.count)
            #expect(discs.values.allSatisfy { $0.x - $0.r >= 0 && $0.x + $0.r <= width && $0.y - $0.r >= 0 && $0.y + $0.r <= height })
        }
    }

    @Test func larger_communes_get_larger_discs_within_the_bounds() throws {
        // setup
        let map = CommuneMap(title: "Tỷ lệ", places: tuyenQuangPlaces, discSize: .area(minimum: 3, maximum: 12))
        // act
        let discs = try discs(ParsedSVG(map.svg()))
        // check
        let byArea = tuyenQuangPlaces.sorted { $0.areaKm2! < $1.areaKm2! }.compactMap { discs[$0.code]?.r }
        #expect(byArea == byArea.sorted())
        #expect(byArea.allSatisfy { (3...12).contains($0) })
        #expect(byArea.first! < byArea.last!)
        let constant = try self.discs(ParsedSVG(CommuneMap(title: "Tỷ lệ", places: tuyenQuangPlaces,
                                                          discSize: .constant(6)).svg()))
        #expect(constant.values.allSatisfy { $0.r == 6 })
    }

    @Test func smaller_discs_are_drawn_over_larger_ones() throws {
        // act
        let svg = try ParsedSVG(CommuneMap(title: "Tỷ lệ", places: tuyenQuangPlaces).svg())
        // check
        let radii = svg.elements("circle").compactMap { $0.number("r") }
        #expect(radii == radii.sorted(by: >))
    }
}
