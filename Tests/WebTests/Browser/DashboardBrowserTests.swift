import Core
import DemoData
import Foundation
import Testing
import Vapor
@testable import Web

/// The operations dashboard in Debian's Chromium: a province administrator opens it, follows the map to a commune,
/// and from the commune's overdue figure to the dossiers behind it.
@Suite(.serialized) struct DashboardBrowserTests {
    @Test
    func a_leader_drills_down_from_the_province_to_a_commune_and_its_overdue_dossiers() async throws {
        let clock = ManualClock(Fixtures.monday)
        try await withPlatform(.sqlite, clock: clock) { app in
            // setup: the six dossiers of Phường Minh Xuân; a week later B and F are overdue
            let codes = try await IndicatorAPITests.sixDossiers(app, clock: clock)
            clock.advance(by: 7 * 86_400)
            try await BrowserFlowTests.withBrowser(app) { browser, base in
                try await browser.signIn(base, "tinh.quantri", password: Fixtures.password)
                // act: the province's dashboard
                try await browser.visit(base + "/dieu-hanh?ky=2026")
                let province = try await browser.source()
                // check: the figures, the two charts, the ranking and the map are there, drawn as SVG by the server
                #expect(province.contains("Trung tâm điều hành"))
                #expect(try await browser.run("return document.querySelectorAll('.chart svg').length") as? Int ?? 0 >= 3)
                #expect(try await browser.run("return document.querySelectorAll('script').length") as? Int == 0)
                try await browser.screenshot(to: BrowserFlowTests.screenshots + "/dieu-hanh-desktop.png")
                // act: follow Minh Xuân on the map
                try await browser.clickAndWait("svg a[href*='don-vi=\(DossierAPITests.minhXuan)']")
                #expect(try await browser.currentURL().contains("don-vi=\(DossierAPITests.minhXuan)"))
                #expect(try await browser.text("h1").contains("Minh Xuân"))
                #expect(try await browser.text("li.tile.alert .value") == "2")
                // act: from the overdue figure to the dossiers behind it
                try await browser.clickAndWait("li.tile.alert a")
                let list = try await browser.source()
                // check: exactly B and F, each linking to its page
                #expect(list.contains(codes["B"]!) && list.contains(codes["F"]!))
                #expect(!list.contains(codes["A"]!) && !list.contains(codes["C"]!))
                try await browser.clickAndWait("a[href='/cong-viec/\(codes["B"]!)']")
                #expect(try await browser.currentURL().hasSuffix("/cong-viec/\(codes["B"]!)"))
            }
            try await BrowserFlowTests.withBrowser(app, width: 390, height: 844) { browser, base in
                try await browser.signIn(base, "tinh.quantri", password: Fixtures.password)
                try await browser.visit(base + "/dieu-hanh?ky=2026")
                #expect(try await browser.run("return document.documentElement.scrollWidth <= window.innerWidth") as? Bool == true)
                try await browser.screenshot(to: BrowserFlowTests.screenshots + "/dieu-hanh-phone.png")
            }
        }
    }
}
