import DemoData
import Fluent
import Foundation
import Storage
import Testing
import Vapor
@testable import Web

/// The citizen's side of a dossier with a fee, in Debian's Chromium, through the pages alone (the officials act
/// through the API): submit on a 390 px phone, pay through the local test gateway's pages and come back paid; then,
/// asked for a supplement, supply a file from the dossier page on a desktop — a wrong file type first.
@Suite(.serialized) struct CitizenBrowserTests {
    @Test
    func a_citizen_pays_the_fee_through_the_test_gateway_and_supplies_what_is_asked_from_the_pages() async throws {
        try await withPlatform(.sqlite) { app in
            let directory = FileManager.default.temporaryDirectory
            let scan = directory.appendingPathComponent("giay-to-\(UUID().uuidString).pdf")
            let supplement = directory.appendingPathComponent("cho-o-hop-phap-\(UUID().uuidString).pdf")
            let text = directory.appendingPathComponent("ghi-chu-\(UUID().uuidString).txt")
            try Data(DocumentAPITests.content.utf8).write(to: scan)
            try Data((DocumentAPITests.content + "% Hợp đồng cho ở nhờ\n").utf8).write(to: supplement)
            try Data("Đây không phải tệp PDF".utf8).write(to: text)
            defer { for file in [scan, supplement, text] { try? FileManager.default.removeItem(at: file) } }
            var code = ""
            func noSidewaysScroll(_ browser: Browser, _ what: String) async throws {
                #expect(try await browser.run("return document.documentElement.scrollWidth <= window.innerWidth") as? Bool == true,
                        "\(what) scrolls sideways at 390 px")
            }

            // on a phone: submit a residence registration (10,000 VND online) and pay it through the test gateway
            try await BrowserFlowTests.withBrowser(app, width: 390, height: 844) { browser, base in
                try await browser.signIn(base, DemoSeed.citizenID, password: Fixtures.password)
                try await browser.visit(base + "/thu-tuc/1.004222/nop")
                try await browser.run("document.getElementById('unit').value = '02215'")
                try await browser.type("#f-applicantAddress", "Tổ 5, phường Minh Xuân")
                try await browser.type("#f-applicantPhone", "0912345678")
                try await browser.type("#f-request", "Đăng ký thường trú tại nhà người thân")
                try await browser.type("#c-0", scan.path)
                try await browser.clickAndWait("main form button[type=submit]")
                let dossierURL = try await browser.currentURL()
                #expect(dossierURL.contains("/ho-so-cua-toi/"))
                code = String(dossierURL.split(separator: "/").last ?? "")
                #expect(try await browser.run("return document.getElementById('fee').dataset.fee") as? String == "due")
                #expect(try await browser.text("#fee").contains("10.000 đồng"))
                #expect(try await browser.run("return window.innerWidth") as? Int == 390)
                try await noSidewaysScroll(browser, "the dossier page")
                try await browser.screenshot(to: BrowserFlowTests.screenshots + "/ho-so-cua-toi-thanh-toan-phone.png")
                // act: the payment button leads to the test gateway's page
                try await browser.clickAndWait("form[action$='/thanh-toan'] button[type=submit]")
                #expect(try await browser.currentURL().contains("/cong-thanh-toan-thu/"))
                #expect(try await browser.source().contains("THỬ NGHIỆM"))
                try await noSidewaysScroll(browser, "the gateway page")
                try await browser.clickAndWait("form[action$='/xac-nhan'] button[type=submit]")
                // check: back on the dossier page, paid
                #expect(try await browser.currentURL() == base + "/ho-so-cua-toi/\(code)?da-thanh-toan=1")
                #expect(try await browser.run("return document.getElementById('fee').dataset.fee") as? String == "paid")
                #expect(try await browser.text("#fee").contains("Đã thanh toán"))
                #expect(try await browser.run("return document.querySelector(\"form[action$='/thanh-toan']\") === null") as? Bool == true)
                try await noSidewaysScroll(browser, "the paid dossier page")
            }
            #expect(try #require(try await DossierModel.query(on: app.db).filter(\.$code == code).first()).feePaid)

            // the officials (through the API): received, forwarded, and the specialist asks for a supplement
            #expect(try await DossierAPITests.act(app, code, "receive", token: try await app.token("minhxuan.motcua")).status == .ok)
            #expect(try await DossierAPITests.act(app, code, "forward", token: try await app.token("minhxuan.lanhdaodonvi")).status == .ok)
            #expect(try await DossierAPITests.act(app, code, "request-supplement", token: try await app.token("minhxuan.chuyenvien"),
                                                  ["missing": ["Hợp đồng cho ở nhờ được công chứng"]]).status == .ok)

            // on a desktop: the citizen sees what is missing and supplies it
            try await BrowserFlowTests.withBrowser(app) { browser, base in
                try await browser.signIn(base, DemoSeed.citizenID, password: Fixtures.password)
                try await browser.visit(base + "/ho-so-cua-toi/\(code)")
                #expect(try await browser.run("return document.querySelector('dd.status').dataset.status") as? String == "supplement-requested")
                #expect(try await browser.text("ul.missing").contains("Hợp đồng cho ở nhờ được công chứng"))
                try await browser.type("#note", "Gửi hợp đồng cho ở nhờ")
                try await browser.screenshot(to: BrowserFlowTests.screenshots + "/bo-sung-ho-so-desktop.png")
                // a text file comes back with the error beside the field and the note kept
                try await browser.type("#files", text.path)
                try await browser.clickAndWait("form[action$='/bo-sung'] button[type=submit]")
                #expect(try await browser.text("#files-error").contains("Chỉ nhận tệp PDF"))
                #expect(try await browser.run("return document.getElementById('note').value") as? String == "Gửi hợp đồng cho ở nhờ")
                #expect(try await browser.run("return document.querySelector('dd.status').dataset.status") as? String == "supplement-requested")
                // act: the PDF
                try await browser.type("#files", supplement.path)
                try await browser.clickAndWait("form[action$='/bo-sung'] button[type=submit]")
                // check: processing again
                #expect(try await browser.currentURL() == base + "/ho-so-cua-toi/\(code)?da-bo-sung=1")
                #expect(try await browser.run("return document.querySelector('dd.status').dataset.status") as? String == "processing")
                #expect(try await browser.text("dd.status") == "Đang xử lý")
                #expect(try await browser.source().contains("Đã nộp hồ sơ bổ sung"))
            }
            #expect(try await DossierFileModel.query(on: app.db).filter(\.$kind == .supplement).count() == 1)
        }
    }
}
