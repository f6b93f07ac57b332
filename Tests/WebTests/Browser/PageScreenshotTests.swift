import DemoData
import Foundation
import Testing
import Vapor
@testable import Web

/// The main pages at a desktop and a 390 px phone width: each is saved to docs/screenshots/ (shown in the README),
/// and on the phone none scrolls sideways.
@Suite(.serialized) struct PageScreenshotTests {
    /// A page: its file name stem, its path (with `{code}` for a received dossier's code) and who is signed in.
    static let pages: [(name: String, path: String, user: String?)] = [
        ("cong-trang-chu", "/", nil),
        ("thu-tuc", "/thu-tuc/1.001193", nil),
        ("nop-ho-so", "/thu-tuc/1.001022/nop", DemoSeed.citizenID),
        ("mot-cua", "/mot-cua", "minhxuan.motcua"),
        ("giay-tiep-nhan", "/ho-so/{code}/giay-tiep-nhan", "minhxuan.motcua"),
        ("viec-cua-toi", "/cong-viec", "minhxuan.lanhdaodonvi"),
        ("dieu-hanh", "/dieu-hanh?ky=2026", "tinh.quantri"),
    ]

    @Test
    func every_main_page_at_desktop_and_phone_width() async throws {
        try await withPlatform(.sqlite) { app in
            // setup: one dossier waiting at the desk, one received (for the slip and the leader's work)
            let citizen = try await app.token(DemoSeed.citizenID)
            _ = try await DossierAPITests.submitOnline(app, token: citizen)
            let code = try await DossierAPITests.submitOnline(app, token: citizen)
            #expect(try await DossierAPITests.act(app, code, "receive", token: try await app.token("minhxuan.motcua")).status == .ok)
            for (width, height, suffix) in [(1280, 900, "desktop"), (390, 844, "phone")] {
                try await BrowserFlowTests.withBrowser(app, width: width, height: height) { browser, base in
                    var signedIn: String?
                    for page in Self.pages {
                        if let user = page.user, user != signedIn {
                            try await browser.signIn(base, user, password: Fixtures.password)
                            signedIn = user
                        }
                        // act
                        try await browser.visit(base + page.path.replacingOccurrences(of: "{code}", with: code))
                        // check
                        #expect(try await browser.run("return document.querySelector('main') !== null") as? Bool == true, "\(page.path)")
                        if suffix == "phone" {
                            #expect(try await browser.run("return document.documentElement.scrollWidth <= window.innerWidth") as? Bool == true,
                                    "\(page.path) scrolls sideways at \(width) px")
                        }
                        try await browser.screenshot(to: BrowserFlowTests.screenshots + "/\(page.name)-\(suffix).png")
                    }
                }
            }
        }
    }
}
