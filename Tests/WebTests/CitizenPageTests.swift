import Access
import Core
import DemoData
import Fluent
import Foundation
import Storage
import Testing
import Vapor
import VaporTesting
@testable import Web

/// The citizen's dossier page (issue 4 item 2): paying the fee online through the test gateway and back, and supplying
/// what the desk or the specialist asked for — plain forms with their CSRF token, on both engines.
@Suite struct CitizenPageTests {
    /// The form token of the session `token` (derived from it, as the pages derive it).
    static func csrf(_ token: String) -> String {
        Workspace.csrfToken(SignedIn(user: UserModel(), actor: Actor(userID: UUID(), username: "", kind: .citizen, assignments: []),
                                     token: token))
    }

    /// The form token carried by a page.
    /// A part of a multipart form: a text field, or a file (name and bytes).
    enum Part { case field(String, String), file(String, filename: String, String) }

    /// Posts a `multipart/form-data` form as the browser does.
    static func postMultipart(_ app: Application, _ path: String, token: String, _ parts: [Part]) async throws -> TestingHTTPResponse {
        let boundary = "----cqs\(UUID().uuidString.prefix(8))"
        var body = ""
        for part in parts {
            body += "--\(boundary)\r\n"
            switch part {
            case .field(let name, let value):
                body += "Content-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
            case .file(let name, let filename, let content):
                body += "Content-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"\r\n"
                body += "Content-Type: application/octet-stream\r\n\r\n\(content)\r\n"
            }
        }
        body += "--\(boundary)--\r\n"
        var headers: HTTPHeaders = ["Content-Type": "multipart/form-data; boundary=\(boundary)"]
        headers.bearerAuthorization = .init(token: token)
        return try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: body))
    }

    /// A second citizen, Hoàng Thị Mai; returns her token.
    static func otherCitizen(_ app: Application) async throws -> String {
        #expect(try await app.send(.POST, "/api/v1/citizens", body: json([
            "personalId": "008195000777", "password": "matkhau123", "fullName": "Hoàng Thị Mai"])).status == .created)
        return try await app.token("008195000777", password: "matkhau123")
    }

    static func dossier(_ app: Application, _ code: String) async throws -> DossierModel {
        try #require(try await DossierModel.query(on: app.db).filter(\.$code == code).first())
    }

    @Test(arguments: Engine.all)
    func the_fee_is_paid_from_the_dossier_page_through_the_test_gateway_and_the_page_says_so(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            // setup: a residence registration costs 10,000 VND online
            let code = try await DossierAPITests.submitOnline(app, procedure: "1.004222")
            let citizen = try await app.token(DemoSeed.citizenID)
            let page = try await app.send(.GET, "/ho-so-cua-toi/\(code)", token: citizen)
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("data-fee=\"due\"") && html.contains("10.000 đồng — Chưa thanh toán"))
            #expect(html.contains("action=\"/ho-so-cua-toi/\(code)/thanh-toan\"") && html.contains("Thanh toán trực tuyến"))
            let token = try formToken(in: html)
            // act: without the form token nothing starts
            let forged = try await app.postForm("/ho-so-cua-toi/\(code)/thanh-toan", token: citizen, [])
            #expect(forged.status == .forbidden)
            let wrong = try await app.postForm("/ho-so-cua-toi/\(code)/thanh-toan", token: citizen, [("_csrf", "0")])
            #expect(wrong.status == .forbidden)
            #expect(try await PaymentModel.query(on: app.db).count() == 0)
            // another citizen cannot pay it, see it, or learn that it exists
            let other = try await Self.otherCitizen(app)
            #expect(try await app.send(.GET, "/ho-so-cua-toi/\(code)", token: other).status == .notFound)
            #expect(try await app.postForm("/ho-so-cua-toi/\(code)/thanh-toan", token: other,
                                            [("_csrf", Self.csrf(other))]).status == .notFound)
            #expect(try await PaymentModel.query(on: app.db).count() == 0)
            // with its token: 303 to the gateway's page
            let started = try await app.postForm("/ho-so-cua-toi/\(code)/thanh-toan", token: citizen, [("_csrf", token)])
            #expect(started.status == .seeOther)
            let location = try #require(started.headers.first(name: .location))
            let payment = try #require(try await PaymentModel.query(on: app.db).first())
            #expect(location == app.config.publicURL + "/cong-thanh-toan-thu/\(try payment.requireID().uuidString.lowercased())")
            #expect(payment.amountVnd == 10_000 && payment.status == .pending)
            let path = String(location.dropFirst(app.config.publicURL.count))
            let gateway = try await app.testing().sendRequest(.GET, path)
            #expect(gateway.status == .ok && gateway.body.string.contains("THỬ NGHIỆM") && gateway.body.string.contains(code))
            // the gateway's confirm calls back (signed) and sends the citizen back to the dossier page
            let confirmed = try await app.testing().sendRequest(.POST, path + "/xac-nhan")
            #expect(confirmed.status == .seeOther)
            #expect(confirmed.headers.first(name: .location) == "/ho-so-cua-toi/\(code)?da-thanh-toan=1")
            // check
            #expect(try await Self.dossier(app, code).feePaid)
            #expect(try await PaymentModel.query(on: app.db).filter(\.$status == .paid).count() == 1)
            let back = try await app.send(.GET, "/ho-so-cua-toi/\(code)?da-thanh-toan=1", token: citizen).body.string
            #expect(back.contains("Đã thanh toán 10.000 đồng") && back.contains("data-fee=\"paid\""))
            #expect(back.contains("10.000 đồng — Đã thanh toán (trực tuyến)") && back.contains("Thanh toán trực tuyến</td>"))
            #expect(!back.contains("/thanh-toan\""))
            // nothing more is due: a second start is refused on the page and starts nothing
            let again = try await app.postForm("/ho-so-cua-toi/\(code)/thanh-toan", token: citizen, [("_csrf", token)])
            #expect(again.status == .conflict && again.body.string.contains("Hồ sơ không có khoản phí cần thanh toán"))
            #expect(try await PaymentModel.query(on: app.db).count() == 1)
            // a free procedure shows no button
            let free = try await DossierAPITests.submitOnline(app, procedure: "1.001022", token: citizen)
            let freePage = try await app.send(.GET, "/ho-so-cua-toi/\(free)", token: citizen).body.string
            #expect(freePage.contains("data-fee=\"none\"") && !freePage.contains("/thanh-toan\"") && !freePage.contains("Thanh toán trực tuyến"))
        }
    }

    @Test(arguments: Engine.all)
    func a_supplement_asked_for_is_listed_and_supplied_from_the_page_and_the_clock_resumes(engine: Engine) async throws {
        let clock = ManualClock(Fixtures.monday)
        try await withPlatform(engine, clock: clock) { app in
            // setup: received, forwarded to the specialist, who asks for a supplement (the clock pauses)
            let code = try await DossierAPITests.submitOnline(app, procedure: "1.004222")
            #expect(try await DossierAPITests.act(app, code, "receive", token: try await app.token("minhxuan.motcua")).status == .ok)
            #expect(try await DossierAPITests.act(app, code, "forward", token: try await app.token("minhxuan.lanhdaodonvi")).status == .ok)
            clock.advance(by: 3600)
            let asked = try await DossierAPITests.act(app, code, "request-supplement", token: try await app.token("minhxuan.chuyenvien"),
                                                      ["reason": "Hồ sơ thiếu giấy tờ về chỗ ở", "missing": ["Giấy tờ chứng minh chỗ ở hợp pháp",
                                                                                                          "Văn bản đồng ý của chủ hộ"]])
            #expect(asked.status == .ok, "\(asked.body.string)")
            let before = try #require(try await Self.dossier(app, code).appointment)
            clock.advance(by: 2 * 86_400)  // Wednesday: two working days later
            let citizen = try await app.token(DemoSeed.citizenID)
            let page = try await app.send(.GET, "/ho-so-cua-toi/\(code)", token: citizen)
            let html = page.body.string
            // the missing items are listed, with the form
            #expect(page.status == .ok && html.contains("data-status=\"supplement-requested\""))
            #expect(html.contains("<p>Hồ sơ thiếu giấy tờ về chỗ ở</p>"))
            #expect(html.contains("<li>Giấy tờ chứng minh chỗ ở hợp pháp</li>") && html.contains("<li>Văn bản đồng ý của chủ hộ</li>"))
            #expect(html.contains("action=\"/ho-so-cua-toi/\(code)/bo-sung\" enctype=\"multipart/form-data\""))
            #expect(html.contains("<label for=\"files\">") && html.contains("id=\"files\" name=\"files[]\" type=\"file\" multiple"))
            let token = try formToken(in: html)
            let pdf = DossierAPITests.pdf.getString(at: 0, length: DossierAPITests.pdf.readableBytes)!
            // act: without the form token nothing changes
            let forged = try await Self.postMultipart(app, "/ho-so-cua-toi/\(code)/bo-sung", token: citizen,
                                                      [.file("files[]", filename: "bo-sung.pdf", pdf)])
            #expect(forged.status == .forbidden)
            // a text file comes back beside the field, the note kept, nothing changed
            let wrong = try await Self.postMultipart(app, "/ho-so-cua-toi/\(code)/bo-sung", token: citizen, [
                .field("_csrf", token), .file("files[]", filename: "ghi-chu.txt", "Xin chào, đây không phải PDF"),
                .field("note", "Bổ sung <giấy tờ> chỗ ở")])
            #expect(wrong.status == .badRequest)
            let wrongHTML = wrong.body.string
            #expect(wrongHTML.contains("<p class=\"field-error\" id=\"files-error\">ghi-chu.txt: Chỉ nhận tệp PDF, JPEG, PNG, DOCX hoặc XML</p>"))
            #expect(wrongHTML.contains("aria-describedby=\"files-hint files-error\" aria-invalid=\"true\""))
            #expect(wrongHTML.contains(">Bổ sung &lt;giấy tờ&gt; chỗ ở</textarea>"))
            // no file at all is refused the same way
            let none = try await Self.postMultipart(app, "/ho-so-cua-toi/\(code)/bo-sung", token: citizen, [
                .field("_csrf", token), .file("files[]", filename: "", "")])
            #expect(none.status == .badRequest && none.body.string.contains("Chọn ít nhất một tệp để bổ sung."))
            var dossier = try await Self.dossier(app, code)
            #expect(dossier.status == .supplementRequested && dossier.appointment == before)
            #expect(try await DossierFileModel.query(on: app.db).filter(\.$kind == .supplement).count() == 0)
            // another citizen cannot supply it
            let other = try await Self.otherCitizen(app)
            #expect(try await Self.postMultipart(app, "/ho-so-cua-toi/\(code)/bo-sung", token: other, [
                .field("_csrf", Self.csrf(other)), .file("files[]", filename: "bo-sung.pdf", pdf)]).status == .notFound)
            // two good files supply it
            let supplied = try await Self.postMultipart(app, "/ho-so-cua-toi/\(code)/bo-sung", token: citizen, [
                .field("_csrf", token), .file("files[]", filename: "cho-o.pdf", pdf),
                .file("files[]", filename: "dong-y.pdf", pdf + "% chủ hộ đồng ý\n"), .field("note", "Đã bổ sung hai giấy tờ")])
            // check: back on the page, processing again, the appointment moved by the two paused working days
            #expect(supplied.status == .seeOther, "\(supplied.body.string)")
            #expect(supplied.headers.first(name: .location) == "/ho-so-cua-toi/\(code)?da-bo-sung=1")
            dossier = try await Self.dossier(app, code)
            #expect(dossier.status == .processing && dossier.pausedAt == nil)
            let after = try #require(dossier.appointment)
            #expect(after > before)
            #expect(try await DossierFileModel.query(on: app.db).filter(\.$kind == .supplement).count() == 2)
            let back = try await app.send(.GET, "/ho-so-cua-toi/\(code)?da-bo-sung=1", token: citizen).body.string
            #expect(back.contains("data-status=\"processing\"") && back.contains("Đã nộp hồ sơ bổ sung. Hồ sơ tiếp tục được giải quyết."))
            #expect(back.contains(DisplayTime.format(after)) && !back.contains("/bo-sung\""))
            #expect(back.contains("Bổ sung hồ sơ</td>") && back.contains("Đã bổ sung hai giấy tờ"))
            // a second supply is refused on the page: nothing is asked any more
            let late = try await Self.postMultipart(app, "/ho-so-cua-toi/\(code)/bo-sung", token: citizen, [
                .field("_csrf", token), .file("files[]", filename: "cho-o.pdf", pdf)])
            #expect(late.status == .conflict && late.body.string.contains("Hồ sơ không ở trạng thái chờ bổ sung"))
            #expect(try await DossierFileModel.query(on: app.db).filter(\.$kind == .supplement).count() == 2)
        }
    }

    @Test(arguments: Engine.all)
    func a_supplement_asked_at_intake_sends_the_dossier_back_to_the_desk_queue(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            // setup: the desk asks for a paper before receiving
            let code = try await DossierAPITests.submitOnline(app)
            #expect(try await DossierAPITests.act(app, code, "request-intake-supplement", token: try await app.token("minhxuan.motcua"),
                                                  ["missing": ["Bản sao giấy khai sinh của con"]]).status == .ok)
            let citizen = try await app.token(DemoSeed.citizenID)
            let html = try await app.send(.GET, "/ho-so-cua-toi/\(code)", token: citizen).body.string
            #expect(html.contains("data-status=\"intake-supplement\"") && html.contains("<li>Bản sao giấy khai sinh của con</li>"))
            #expect(html.contains("Hồ sơ chưa được tiếp nhận"))
            // act
            let pdf = DossierAPITests.pdf.getString(at: 0, length: DossierAPITests.pdf.readableBytes)!
            let supplied = try await Self.postMultipart(app, "/ho-so-cua-toi/\(code)/bo-sung", token: citizen, [
                .field("_csrf", try formToken(in: html)), .file("files[]", filename: "khai-sinh.pdf", pdf)])
            // check: waiting at the desk again
            #expect(supplied.status == .seeOther)
            #expect(try await Self.dossier(app, code).status == .submitted)
            let back = try await app.send(.GET, "/ho-so-cua-toi/\(code)?da-bo-sung=1", token: citizen).body.string
            #expect(back.contains("data-status=\"submitted\"") && back.contains("Bộ phận một cửa sẽ xem xét để tiếp nhận."))
        }
    }
}
