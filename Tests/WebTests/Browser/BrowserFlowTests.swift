import DemoData
import Fluent
import Foundation
import Storage
import Testing
import Vapor
@testable import Web

/// The flows people go through, in Debian's Chromium, through the pages alone: a citizen submits and the dossier goes
/// through the desk and the officials back to the citizen; a document is drafted, approved, signed and issued at Sở
/// Tư pháp, then registered, assigned and handled at Phường Minh Xuân; sign-in with VNeID; a 390 px phone.
/// Screenshots go to docs/screenshots/.
@Suite(.serialized) struct BrowserFlowTests {
    static let screenshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/screenshots").path

    /// Runs `body` with the platform's server on a loopback port (its public address) and a headless Chromium;
    /// both stop afterwards, also when `body` throws — then the page of that moment is kept in
    /// /tmp/cqs-browser-failure.html for a look.
    static func withBrowser(_ app: Application, width: Int = 1280, height: Int = 900,
                            _ body: (Browser, String) async throws -> Void) async throws {
        let port = unusedLoopbackPort()
        let base = "http://127.0.0.1:\(port)"
        app.config.publicURL = base  // links, the QR code, the VNeID issuer and redirect address
        try await app.server.start(address: .hostname("127.0.0.1", port: port))
        let browser: Browser
        do { browser = try await Browser(client: app.client, width: width, height: height) } catch {
            await app.server.shutdown()
            throw error
        }
        do {
            try await body(browser, base)
        } catch {
            Browser.trace("failed: \(error)")
            if let page = try? await browser.source() { try? Data(page.utf8).write(to: URL(fileURLWithPath: "/tmp/cqs-browser-failure.html")) }
            await browser.quit()
            await app.server.shutdown()
            throw error
        }
        await browser.quit()
        await app.server.shutdown()
    }

    @Test
    func a_citizen_finds_a_procedure_on_a_390_px_phone_without_horizontal_scrolling() async throws {
        try await withPlatform(.sqlite) { app in
            try await Self.withBrowser(app, width: 390, height: 844) { browser, base in
                try await browser.visit(base + "/")
                try await browser.screenshot(to: Self.screenshots + "/cong-trang-chu-phone.png")
                try await browser.type("#q", "dang ky khai sinh")
                try await browser.clickAndWait("form[role=search] button[type=submit]")
                try await browser.clickAndWait("ol.results li a")
                #expect(try await browser.currentURL().hasSuffix("/thu-tuc/1.001193"))
                #expect(try await browser.run("return window.innerWidth") as? Int == 390)
                #expect(try await browser.run("return document.documentElement.scrollWidth <= window.innerWidth") as? Bool == true)
                try await browser.screenshot(to: Self.screenshots + "/thu-tuc-phone.png")
            }
        }
    }

    @Test
    func a_citizen_submits_the_desk_receives_officials_process_the_desk_returns_the_citizen_rates() async throws {
        try await withPlatform(.sqlite) { app in
            let scan = FileManager.default.temporaryDirectory.appendingPathComponent("giay-to-\(UUID().uuidString).pdf")
            try Data(DocumentAPITests.content.utf8).write(to: scan)
            defer { try? FileManager.default.removeItem(at: scan) }
            try await Self.withBrowser(app) { browser, base in
                // the citizen signs in with the personal identification number and opens the procedure's e-form
                try await browser.signIn(base, DemoSeed.citizenID, password: Fixtures.password)
                try await browser.visit(base + "/thu-tuc/1.001022")
                try await browser.clickAndWait("a.button[href$='/nop']")
                try await browser.run("document.getElementById('unit').value = '02215'")
                try await browser.type("#f-applicantAddress", "Tổ 5, phường Minh Xuân")
                try await browser.type("#f-applicantPhone", "0912345678")
                try await browser.clickAndWait("main form button[type=submit]")
                // a missing field comes back with its error beside it and the typed values kept
                #expect(try await browser.text("#request-error").isEmpty == false)
                #expect(try await browser.run("return document.getElementById('f-applicantAddress').value") as? String == "Tổ 5, phường Minh Xuân")
                #expect(try await browser.run("return document.getElementById('unit').value") as? String == "02215")
                try await browser.screenshot(to: Self.screenshots + "/nop-ho-so-loi-desktop.png")
                try await browser.type("#f-request", "Đăng ký nhận con")
                try await browser.type("#c-0", scan.path)
                try await browser.clickAndWait("main form button[type=submit]")
                let dossierURL = try await browser.currentURL()
                #expect(dossierURL.contains("/ho-so-cua-toi/"))
                let code = String(dossierURL.split(separator: "/").last ?? "")
                #expect(try await browser.run("return document.querySelector('dd.status').dataset.status") as? String == "submitted")

                // the desk of Phường Minh Xuân sees it waiting, receives it and gets the slip with its QR code
                try await browser.signIn(base, "minhxuan.motcua", password: Fixtures.password)
                try await browser.visit(base + "/mot-cua")
                try await browser.screenshot(to: Self.screenshots + "/mot-cua-desktop.png")
                try await browser.clickAndWait("tr[data-code='\(code)'] button[value=receive]")
                #expect(try await browser.currentURL().hasSuffix("/ho-so/\(code)/giay-tiep-nhan"))
                let slip = try await browser.source()
                #expect(slip.contains(code) && slip.contains("Mã QR tra cứu hồ sơ") && slip.contains("<svg"))
                try await browser.screenshot(to: Self.screenshots + "/giay-tiep-nhan-desktop.png")

                // each step's official finds it in "my work" and acts; the leader approves with the result file
                for (username, action) in [("minhxuan.lanhdaodonvi", "forward"), ("minhxuan.chuyenvien", "forward"),
                                           ("minhxuan.lanhdao", "approve"), ("minhxuan.vanthu", "forward")] {
                    try await browser.signIn(base, username, password: Fixtures.password)
                    try await browser.visit(base + "/cong-viec")
                    if username == "minhxuan.chuyenvien" { try await browser.screenshot(to: Self.screenshots + "/viec-cua-toi-desktop.png") }
                    try await browser.clickAndWait("tr[data-code='\(code)'] a")
                    if action == "approve" { try await browser.type("#result", scan.path) }
                    try await browser.clickAndWait("button[value=\(action)]")
                }
                // an official of another commune cannot open this dossier's page
                try await browser.signIn(base, "lambinh.motcua", password: Fixtures.password)
                try await browser.visit(base + "/cong-viec/\(code)")
                let refused = try await browser.source()
                #expect(refused.contains("không có quyền") && !refused.contains("Tổ 5, phường Minh Xuân"))
                // the desk returns the result
                try await browser.signIn(base, "minhxuan.motcua", password: Fixtures.password)
                try await browser.visit(base + "/cong-viec/\(code)")
                #expect(try await browser.run("return document.querySelector('dd.status').dataset.status") as? String == "resolved")
                try await browser.clickAndWait("button[value=return]")
                #expect(try await browser.run("return document.querySelector('dd.status').dataset.status") as? String == "returned")
                // the citizen sees the result and rates the service once
                try await browser.signIn(base, DemoSeed.citizenID, password: Fixtures.password)
                try await browser.visit(dossierURL)
                #expect(try await browser.source().contains("Tải kết quả"))
                try await browser.clickAndWait("main form button[type=submit]")
                #expect(try await browser.source().contains("Bạn đã đánh giá 5/5"))
                // the public tracking page (the QR code's target) shows it returned, without signing in
                try await browser.visit(base + "/dang-xuat")
                try await browser.visit(base + "/tra-cuu/\(code)")
                #expect(try await browser.run("return document.querySelector('[data-status]').dataset.status") as? String == "returned")
            }
        }
    }

    @Test
    func a_citizen_signs_in_with_the_vneid_stand_in_through_openid_connect_with_pkce() async throws {
        try await withPlatform(.sqlite) { app in
            try await Self.withBrowser(app) { browser, base in
                // the discovery document is served as a provider serves it
                let discovery = try await app.client.get(URI(string: base + "/vneid-thu/.well-known/openid-configuration"))
                let metadata = try discovery.content.decode([String: AnyCodableValue].self)
                #expect(metadata["issuer"]?.string == base + "/vneid-thu")
                #expect(metadata["code_challenge_methods_supported"]?.strings == ["S256"])
                // act: the VNeID button, a wrong password first, then the right one
                try await browser.visit(base + "/dang-nhap")
                try await browser.clickAndWait("a.button[href='/dang-nhap/vneid']")
                let authorizeURL = try await browser.currentURL()
                #expect(authorizeURL.contains("/vneid-thu/authorize?") && authorizeURL.contains("code_challenge_method=S256"))
                try await browser.type("#pin", DemoSeed.citizenID)
                try await browser.type("#password", "sai-mat-khau")
                try await browser.clickAndWait("main form button[type=submit]")
                #expect(try await browser.source().contains("role=\"alert\""))
                try await browser.type("#pin", DemoSeed.citizenID)
                try await browser.type("#password", Fixtures.password)
                try await browser.clickAndWait("main form button[type=submit]")
                // check: back at cqs, signed in as the citizen the ID token names
                #expect(try await browser.currentURL() == base + "/ho-so-cua-toi")
                #expect(try await browser.source().contains("Nguyễn Văn Hùng"))
            }
        }
    }

    @Test
    func draft_approve_sign_issue_receive_assign_done_in_the_browser() async throws {
        try await withPlatform(.sqlite) { app in
            // setup: the server on a loopback port, the CA, a content file on disk for the upload
            _ = try await SigningStore.initialise(keys: .init(passphrase: app.config.signingPassphrase, rounds: 1_000),
                                                  actor: "test", at: app.clock.now(), on: app.db)
            let upload = FileManager.default.temporaryDirectory.appendingPathComponent("ke-hoach-\(UUID().uuidString).pdf")
            try Data(DocumentAPITests.content.utf8).write(to: upload)
            defer { try? FileManager.default.removeItem(at: upload) }
            try await Self.withBrowser(app) { browser, base in
                // the specialist drafts; a form with errors comes back with the typed values and each error beside its field
                try await browser.signIn(base, "stp.chuyenvien", password: Fixtures.password)
                try await browser.visit(base + "/van-ban/soan")
                try await browser.run("document.getElementById('type').value = 'plan'")
                try await browser.type("#subject", "   ")
                try await browser.clickAndWait("main form button[type=submit]")
                #expect(try await browser.text("#subject-error").contains("trích yếu"))
                #expect(try await browser.run("return document.getElementById('type').value") as? String == "plan")
                #expect(try await browser.text("#contentFile-error").isEmpty == false)
                try await browser.screenshot(to: Self.screenshots + "/van-ban-soan-loi-desktop.png")
                try await browser.type("#subject", "Kế hoạch chuyển đổi số năm 2026")
                try await browser.type("#file", upload.path)
                try await browser.run("document.getElementById('signer').value = 'stp.lanhdao'")
                try await browser.run("""
                    for (const option of document.getElementById('recipients').options) { option.selected = option.value === '02215' }
                    """)
                try await browser.clickAndWait("main form button[type=submit]")
                let documentURL = try await browser.currentURL()
                #expect(documentURL.contains("/van-ban/") && !documentURL.hasSuffix("/soan"))
                try await browser.clickAndWait("button[value=submit]")
                #expect(try await browser.text("dd.status") == "Chờ lãnh đạo đơn vị kiểm tra")

                // the unit leader endorses, the agency leader approves and signs, the clerk issues
                for (username, action) in [("stp.lanhdaodonvi", "endorse"), ("stp.lanhdao", "approve"), ("stp.lanhdao", "sign"),
                                           ("stp.vanthu", "issue")] {
                    try await browser.signIn(base, username, password: Fixtures.password)
                    try await browser.visit(documentURL)
                    try await browser.clickAndWait("button[value=\(action)]")
                }
                let issued = try await browser.source()
                #expect(issued.contains("01/KH-STP"))
                #expect(issued.contains("Hợp lệ: ký bởi"))
                try await browser.screenshot(to: Self.screenshots + "/van-ban-da-phat-hanh-desktop.png")

                // Phường Minh Xuân: the clerk registers it, the leader assigns it, the specialist handles it to done
                try await browser.signIn(base, "minhxuan.vanthu", password: Fixtures.password)
                try await browser.visit(base + "/van-ban?chieu=den")
                try await browser.screenshot(to: Self.screenshots + "/van-ban-den-desktop.png")
                try await browser.clickAndWait("tbody tr td a")
                let incomingURL = try await browser.currentURL()
                try await browser.clickAndWait("button[value=register]")
                #expect(try await browser.source().contains("<dt>Số đến</dt><dd>1</dd>"))
                try await browser.signIn(base, "minhxuan.lanhdao", password: Fixtures.password)
                try await browser.visit(incomingURL)
                try await browser.run("document.getElementById('lead-assign').value = 'minhxuan.chuyenvien'")
                try await browser.clickAndWait("button[value=assign]")
                try await browser.signIn(base, "minhxuan.chuyenvien", password: Fixtures.password)
                try await browser.visit(incomingURL)
                try await browser.clickAndWait("button[value=start]")
                try await browser.clickAndWait("button[value=complete]")
                #expect(try await browser.run("return document.querySelector('dd.status').dataset.status") as? String == "done")

                // the ward's clerk registers a paper letter from its scan: the next incoming number
                try await browser.signIn(base, "minhxuan.vanthu", password: Fixtures.password)
                try await browser.visit(base + "/van-ban/vao-so")
                try await browser.type("#sender", "Công an tỉnh Tuyên Quang")
                try await browser.type("#symbol", "12/CAT-PV01")
                try await browser.run("document.getElementById('issuedOn').value = '2026-02-27'")
                try await browser.type("#subject", "Về việc bảo đảm an ninh trật tự")
                try await browser.type("#file", upload.path)
                try await browser.clickAndWait("main form button[type=submit]")
                #expect(try await browser.source().contains("<dt>Số đến</dt><dd>2</dd>"))

                // a commune official cannot open the department's outgoing document
                try await browser.visit(documentURL)
                let refused = try await browser.source()
                #expect(refused.contains("không có quyền") && !refused.contains("Kế hoạch chuyển đổi số năm 2026"))
            }
        }
    }
}

/// A JSON value read loosely (for checking documents served by the platform).
enum AnyCodableValue: Decodable {
    case string(String), strings([String]), other

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) { self = .string(text) }
        else if let list = try? container.decode([String].self) { self = .strings(list) }
        else { self = .other }
    }

    var string: String? { if case .string(let text) = self { return text } else { return nil } }
    var strings: [String]? { if case .strings(let list) = self { return list } else { return nil } }
}
