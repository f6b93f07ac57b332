import Core
import DemoData
import Foundation
import Testing
import Vapor
@testable import Web

/// A report campaign in Debian's Chromium, through the pages alone: the province administrator creates it for Phường
/// Minh Xuân and Xã Lâm Bình with a number field bound to the received-dossiers figure and a text field; Minh Xuân's
/// leader finds the number pre-filled, is told beside the field what is missing, and submits; the province sees Minh
/// Xuân "Đã nộp", Lâm Bình not yet (then overdue, in red), and the aggregate.
@Suite(.serialized) struct ReportBrowserTests {
    @Test
    func a_campaign_goes_from_creation_through_a_units_submission_to_the_aggregate() async throws {
        let clock = ManualClock(Fixtures.monday)
        try await withPlatform(.sqlite, clock: clock) { app in
            // setup: the six dossiers of Minh Xuân, 4 received on Monday 2 March 2026
            _ = try await IndicatorAPITests.sixDossiers(app, clock: clock)
            try await BrowserFlowTests.withBrowser(app) { browser, base in
                // the province administrator opens the creation form from the list
                try await browser.signIn(base, "tinh.quantri", password: Fixtures.password)
                try await browser.visit(base + "/bao-cao")
                try await browser.clickAndWait("main a.button[href='/bao-cao/tao']")
                // a form without a due date comes back with the error beside it and the title kept
                try await browser.type("#title", "Báo cáo chuyển đổi số quý I/2026")
                try await browser.clickAndWait("main form button[type=submit]")
                #expect(try await browser.text("#dueAt-error").contains("hạn nộp"))
                #expect(try await browser.text("#fields-error").isEmpty == false)
                #expect(try await browser.run("return document.getElementById('title').value") as? String == "Báo cáo chuyển đổi số quý I/2026")
                // act: a fresh form, filled in
                try await browser.visit(base + "/bao-cao/tao")
                try await browser.type("#title", "Báo cáo chuyển đổi số quý I/2026")
                try await browser.type("#description", "Số liệu một cửa điền sẵn từ hệ thống; nêu khó khăn, vướng mắc.")
                try await browser.type("#period", "2026-Q1")
                try await browser.run("document.getElementById('dueDate').value = '2026-03-06'")
                try await browser.type("#fields-0-label", "Số hồ sơ tiếp nhận")
                try await browser.run("document.getElementById('fields-0-figure').value = 'received'")
                try await browser.click("#fields-0-required")
                try await browser.type("#fields-1-label", "Khó khăn, vướng mắc")
                try await browser.run("document.getElementById('fields-1-kind').value = 'text'")
                try await browser.click("#fields-1-required")
                try await browser.run("""
                    for (const option of document.getElementById('units').options) {
                      option.selected = option.value === '\(DossierAPITests.minhXuan)' || option.value === '\(DossierAPITests.lamBinh)' }
                    """)
                try await browser.run("window.scrollTo(0, 0)")
                try await browser.screenshot(to: BrowserFlowTests.screenshots + "/bao-cao-tao-desktop.png")
                try await browser.clickAndWait("main form button[type=submit]")
                // check: the campaign's page, both communes not yet submitted
                let campaignURL = try await browser.currentURL()
                #expect(campaignURL.contains("/bao-cao/") && !campaignURL.hasSuffix("/tao"), "\(campaignURL)")
                #expect(try await browser.text("h1") == "Báo cáo chuyển đổi số quý I/2026")
                #expect(try await browser.text("tr[data-unit='\(DossierAPITests.minhXuan)'] td.status") == "Chưa nộp")
                #expect(try await browser.text("tr[data-unit='\(DossierAPITests.lamBinh)'] td.status") == "Chưa nộp")

                // Minh Xuân's leader finds the campaign in the list and the number pre-filled from the figures
                try await browser.signIn(base, "minhxuan.lanhdao", password: Fixtures.password)
                try await browser.visit(base + "/bao-cao")
                try await browser.clickAndWait("main tbody a")
                #expect(try await browser.run("return document.getElementById('f-so-ho-so-tiep-nhan').value") as? String == "4")
                #expect(try await browser.text("[data-prefill]") == "4")
                // the text left blank: the error beside it, the number kept
                try await browser.clickAndWait("main form button[type=submit]")
                #expect(try await browser.text("#f-kho-khan-vuong-mac-error").isEmpty == false)
                #expect(try await browser.run("return document.getElementById('f-so-ho-so-tiep-nhan').value") as? String == "4")
                // act: answer and submit
                try await browser.type("#f-kho-khan-vuong-mac", "Thiếu máy quét tài liệu")
                try await browser.clickAndWait("main form button[type=submit]")
                // check
                #expect(try await browser.run("return document.querySelector('dd.status').dataset.status") as? String == "submitted")
                #expect(try await browser.source().contains("Đã nộp báo cáo lúc"))

                // the province: Minh Xuân submitted, Lâm Bình not yet, the sum of the number field
                try await browser.signIn(base, "tinh.quantri", password: Fixtures.password)
                try await browser.visit(campaignURL)
                #expect(try await browser.text("tr[data-unit='\(DossierAPITests.minhXuan)'] td.status") == "Đã nộp")
                #expect(try await browser.text("tr[data-unit='\(DossierAPITests.lamBinh)'] td.status") == "Chưa nộp")
                #expect(try await browser.text("tr[data-field='so-ho-so-tiep-nhan'] td[data-sum]") == "4")
                #expect(try await browser.text("tr[data-field='kho-khan-vuong-mac'] td[data-answers]") == "1")
                #expect(try await browser.text("#tinh-hinh").hasPrefix("Đã nộp 1/2 đơn vị"))
                #expect(try await browser.run("return document.querySelectorAll('script').length") as? Int == 0)
                #expect(try await browser.source().contains("/export?format=xlsx"))

                // after the due date Lâm Bình is overdue, in red
                clock.advance(by: 5 * 86_400)
                try await browser.signIn(base, "tinh.quantri", password: Fixtures.password)
                try await browser.visit(campaignURL)
                #expect(try await browser.text("tr[data-unit='\(DossierAPITests.lamBinh)'] td.status") == "Quá hạn chưa nộp")
                #expect(try await browser.run("""
                    return getComputedStyle(document.querySelector("tr[data-unit='\(DossierAPITests.lamBinh)'] td.status")).color
                    """) as? String == "rgb(164, 22, 26)")
                try await browser.screenshot(to: BrowserFlowTests.screenshots + "/bao-cao-tong-hop-desktop.png")
            }
        }
    }
}
