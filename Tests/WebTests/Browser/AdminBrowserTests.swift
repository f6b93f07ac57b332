import Catalog
import DemoData
import Fluent
import Foundation
import Storage
import Testing
import Vapor
@testable import Web

/// The administration pages in Debian's Chromium, through the pages alone: the province administrator creates an
/// official and gives a role, edits a procedure's draft with a bad step — the error shows beside the row and the typed
/// values stay — fixes it and publishes; on a 390 px phone the pages need no horizontal scrolling.
@Suite(.serialized) struct AdminBrowserTests {
    @Test
    func an_administrator_creates_an_official_gives_a_role_fixes_a_procedures_steps_and_publishes() async throws {
        try await withPlatform(.sqlite) { app in
            try await BrowserFlowTests.withBrowser(app) { browser, base in
                try await browser.signIn(base, "tinh.quantri", password: Fixtures.password)

                // people: from the administration home to a new official with a role in Sở Tư pháp
                try await browser.visit(base + "/quan-tri")
                try await browser.clickAndWait("a[href='/quan-tri/can-bo']")
                try await browser.clickAndWait("a.button[href='/quan-tri/can-bo/moi']")
                try await browser.type("#username", "stp.levanc")
                try await browser.type("#fullName", "Lê Văn C")
                try await browser.type("#password", "MatKhau@2026")
                try await browser.run("document.getElementById('role').value = 'specialist'")
                try await browser.run("document.getElementById('unit').value = 'STP.HCTP'")
                try await browser.clickAndWait("main form button[type=submit]")
                #expect(try await browser.currentURL().hasSuffix("/quan-tri/can-bo/stp.levanc?da-tao=1"))
                #expect(try await browser.text("p.ok").contains("Đã tạo tài khoản"))
                // a second role
                try await browser.run("document.getElementById('role').value = 'clerk'")
                try await browser.run("document.getElementById('unit').value = 'STP'")
                try await browser.clickAndWait("form[action$='/vai-tro'] button[type=submit]")
                #expect(try await browser.run("return document.querySelectorAll('tr[data-role]').length") as? Int == 2)
                #expect(try await browser.run("return !!document.querySelector(\"tr[data-role='clerk'][data-unit='STP']\")") as? Bool == true)

                // the catalog: find the procedure, give it a bad sixth step
                try await browser.visit(base + "/quan-tri/thu-tuc")
                try await browser.type("#q", "tinh trang hon nhan")
                try await browser.clickAndWait("form[role=search] button[type=submit]")
                try await browser.clickAndWait("a[href='/quan-tri/thu-tuc/1.004873']")
                try await browser.type("#steps-5-name", "Lưu trữ hồ sơ điện tử")
                try await browser.run("document.getElementById('steps-5-role').value = 'clerk'")
                try await browser.type("#steps-5-workingDays", "-0,5")
                try await browser.clickAndWait("form.editor > button[type=submit]")
                // the errors beside the row and beside the steps; the typed values kept; nothing saved
                #expect(try await browser.text("#steps-5-workingDays-error").contains("Bước 6"))
                #expect(try await browser.text("#steps-error").contains("Tổng thời gian các bước"))
                #expect(try await browser.run("return document.getElementById('steps-5-name').value") as? String == "Lưu trữ hồ sơ điện tử")
                #expect(try await browser.run("return document.getElementById('steps-5-role').value") as? String == "clerk")
                #expect(try await browser.run("return document.getElementById('steps-5-workingDays').getAttribute('aria-invalid')") as? String == "true")
                #expect(try await ProcedureModel.query(on: app.db).filter(\.$code == "1.004873").first()?.draftDocument == nil)
                try await browser.run("document.getElementById('steps-5-name').scrollIntoView({block: 'center'})")
                try await browser.screenshot(to: BrowserFlowTests.screenshots + "/quan-tri-thu-tuc-desktop.png")
                // fixed: the archive step takes no time of its own; saved, then published as version 2
                try await browser.type("#steps-5-workingDays", "0")
                try await browser.clickAndWait("form.editor > button[type=submit]")
                #expect(try await browser.text("p.ok").contains("Đã lưu bản nháp"))
                try await browser.clickAndWait("form[action$='/cong-bo'] button[type=submit]")
                #expect(try await browser.text("p.ok").contains("Đã công bố phiên bản 2"))
                let published = try #require(try await CatalogStore.published(code: "1.004873", on: app.db))
                #expect(published.2 == 2 && published.1.process.steps.last?.name == "Lưu trữ hồ sơ điện tử")
                #expect(try await browser.run("return document.querySelectorAll('script').length") as? Int == 0)
            }
            try await BrowserFlowTests.withBrowser(app, width: 390, height: 844) { browser, base in
                try await browser.signIn(base, "tinh.quantri", password: Fixtures.password)
                for path in ["/quan-tri", "/quan-tri/don-vi/08", "/quan-tri/can-bo/moi", "/quan-tri/thu-tuc/1.004873", "/quan-tri/lich/2026",
                             "/quan-tri/can-bo"] {
                    try await browser.visit(base + path)
                    #expect(try await browser.run("return window.innerWidth") as? Int == 390)
                    #expect(try await browser.run("return document.documentElement.scrollWidth <= window.innerWidth") as? Bool == true, "\(path)")
                }
                #expect(try await browser.run("return document.querySelectorAll('tr[data-username]').length") as? Int ?? 0 > 0)
                try await browser.screenshot(to: BrowserFlowTests.screenshots + "/quan-tri-can-bo-phone.png")
            }
        }
    }
}
