import Access
import Core
import Dossiers
import Fluent
import Foundation
import Storage
import Vapor
import WorkCalendar

/// A citizen's own dossier (`/ho-so-cua-toi/{code}`): its status, appointment, fee and timeline; paying the fee online
/// through the payment gateway (`POST …/thanh-toan`, then the gateway sends the citizen back here); supplying what the
/// desk or the specialist asked for (`POST …/bo-sung`, multipart); the result download and the rating form. Plain HTML
/// forms with CSRF tokens, no script; a supplement that fails validation comes back with the note kept and the error
/// beside the file field.
struct CitizenDossierPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("ho-so-cua-toi", ":code", use: show)
        routes.post("ho-so-cua-toi", ":code", "thanh-toan", use: pay)
        routes.on(.POST, "ho-so-cua-toi", ":code", "bo-sung", body: .collect(maxSize: "60mb"), use: supply)
    }

    /// History actions that ask the applicant for a supplement (their note lists what is missing).
    static let supplementRequests: Set<String> = [DossierAction.requestIntakeSupplement.rawValue, DossierAction.requestSupplement.rawValue]

    func citizen(_ req: Request) -> SignedIn? {
        guard let signedIn = req.auth.get(SignedIn.self), signedIn.actor.kind == .citizen else { return nil }
        return signedIn
    }

    func signInRedirect(_ req: Request) -> Response { req.redirect(to: "/dang-nhap", redirectType: .normal) }

    func context(_ req: Request, _ signedIn: SignedIn) async throws -> DossierService.Context {
        DossierService.Context(actor: signedIn.actor, fullName: signedIn.user.fullName, now: req.now,
                               calendar: try await CalendarStore.calendar(on: req.db))
    }

    // MARK: the page

    @Sendable func show(req: Request) async throws -> Response {
        guard let signedIn = citizen(req) else { return signInRedirect(req) }
        var notice: String?
        if (try? req.query.get(String.self, at: "da-bo-sung")) != nil { notice = "supplied" }
        if (try? req.query.get(String.self, at: "da-thanh-toan")) != nil { notice = "paid" }
        return try await page(req, signedIn, code: req.parameters.get("code") ?? "", notice: notice)
    }

    /// The dossier page; `errors` and `note` belong to the supplement form sent back, `message` is a problem's title.
    func page(_ req: Request, _ signedIn: SignedIn, code: String, notice: String? = nil, errors: [String: String] = [:],
              note: String = "", message: String? = nil, status: HTTPStatus = .ok) async throws -> Response {
        // a citizen gets 404 for anyone else's code
        let dossier = try await DossierService.visibleDossier(code: code, actor: signedIn.actor, on: req.db)
        let events = try await DossierEventModel.query(on: req.db).filter(\.$dossier.$id == dossier.requireID()).sort(\.$at).all()
        let safeCode = HTML.escape(dossier.code)
        let rows = events.map {
            "<tr><td>\(HTML.escape(PageTime.format($0.at)))</td><td>\(HTML.escape(tIfKnown(PublicTracking.entry(at: $0.at, action: $0.action, to: $0.toStatus, nationalCode: $0.nationalCode).action)))</td><td>\(HTML.escape(t($0.toStatus.label)))</td><td>\(HTML.escape($0.note ?? ""))</td></tr>"
        }.joined()

        // notices after a redirect
        var notices = ""
        if notice == "paid", dossier.feePaid {
            notices += "<p class=\"ok\" role=\"status\">\(t("Đã thanh toán {0}. Cảm ơn bạn.", HTML.escape(PortalPages.money(dossier.feeVnd))))</p>"
        } else if notice == "supplied", ![.intakeSupplement, .supplementRequested].contains(dossier.status) {
            notices += "<p class=\"ok\" role=\"status\">" + t("Đã nộp hồ sơ bổ sung.") + " "
                + (dossier.status == .submitted ? t("Bộ phận một cửa sẽ xem xét để tiếp nhận.") : t("Hồ sơ tiếp tục được giải quyết.")) + "</p>"
        }

        // the fee
        var fee = t("Không phải nộp")
        var feeState = "none"
        if dossier.feeVnd > 0 {
            if dossier.feePaid {
                let how = dossier.paymentReference?.hasPrefix("cash:") == true ? t("tiền mặt tại bộ phận một cửa") : t("trực tuyến")
                fee = t("{0} — Đã thanh toán ({1})", PortalPages.money(dossier.feeVnd), how)
                feeState = "paid"
            } else {
                fee = t("{0} — Chưa thanh toán", PortalPages.money(dossier.feeVnd))
                feeState = "due"
            }
        }
        var sections = ""
        if dossier.feeVnd > 0, !dossier.feePaid, !dossier.status.isClosed {
            sections += """
            <section aria-labelledby="thanh-toan"><h2 id="thanh-toan">\(t("Thanh toán phí, lệ phí"))</h2>
            <p>\(t("Số tiền cần nộp: {0}.", "<strong>\(HTML.escape(PortalPages.money(dossier.feeVnd)))</strong>"))</p>
            <form method="post" action="/ho-so-cua-toi/\(safeCode)/thanh-toan">\(Workspace.csrfField(signedIn))
            <button type="submit">\(t("Thanh toán trực tuyến"))</button></form>
            <p class="hint">\(t("Bạn được chuyển sang cổng thanh toán; thanh toán xong, bạn trở lại trang này."))</p></section>
            """
        }

        // the supplement asked for
        if [.intakeSupplement, .supplementRequested].contains(dossier.status) {
            let request = events.last { Self.supplementRequests.contains($0.action) }
            let lines = (request?.note ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
            let items = lines.filter { $0.hasPrefix("–") || $0.hasPrefix("-") }
                .map { "<li>\(HTML.escape(String($0.drop { $0 == "–" || $0 == "-" || $0 == " " })))</li>" }.joined()
            let reasons = lines.filter { !($0.hasPrefix("–") || $0.hasPrefix("-")) }.map { "<p>\(HTML.escape($0))</p>" }.joined()
            let asked = request.map { t("Cơ quan giải quyết yêu cầu bổ sung lúc {0}:", HTML.escape(PageTime.format($0.at))) }
                ?? t("Cơ quan giải quyết yêu cầu bổ sung:")
            let clock = dossier.status == .supplementRequested
                ? t("Thời hạn giải quyết tạm dừng cho đến khi bạn nộp bổ sung; ngày hẹn trả được lùi tương ứng.")
                : t("Hồ sơ chưa được tiếp nhận; sau khi bạn bổ sung, bộ phận một cửa xem xét lại để tiếp nhận.")
            let error = errors["files"].map { "<p class=\"field-error\" id=\"files-error\">\(HTML.escape($0))</p>" } ?? ""
            let described = errors["files"] == nil ? " aria-describedby=\"files-hint\"" : " aria-describedby=\"files-hint files-error\" aria-invalid=\"true\""
            sections += """
            <section aria-labelledby="bo-sung"><h2 id="bo-sung">\(t("Bổ sung hồ sơ"))</h2>
            <p>\(asked)</p>\(reasons)
            \(items.isEmpty ? "" : "<ul class=\"missing\">\(items)</ul>")<p class="hint">\(clock)</p>
            <form method="post" action="/ho-so-cua-toi/\(safeCode)/bo-sung" enctype="multipart/form-data" novalidate>\(Workspace.csrfField(signedIn))
            <label for="files">\(t("Tệp bổ sung")) *</label>
            <input id="files" name="files[]" type="file" multiple accept=".pdf,.jpg,.jpeg,.png,.docx,.xml"\(described)>
            <span class="hint" id="files-hint">\(t("Tệp PDF, ảnh JPEG/PNG, DOCX hoặc XML; chọn được nhiều tệp."))</span>\(error)
            <label for="note">\(t("Ghi chú (không bắt buộc)"))</label><textarea id="note" name="note" rows="2">\(HTML.escape(note))</textarea>
            \(errors.isEmpty ? "" : "<p>\(t("Vui lòng chọn lại các tệp đính kèm."))</p>")
            <button type="submit">\(t("Nộp bổ sung"))</button></form></section>
            """
        }

        // the result and the rating
        if dossier.status == .returned, let result = dossier.resultSHA256 {
            sections += "<p><a class=\"button\" href=\"/api/v1/files/\(HTML.escape(result))\">\(t("Tải kết quả"))</a></p>"
        }
        if dossier.status == .returned, dossier.rating == nil {
            let options = (1...5).reversed().map { "<option value=\"\($0)\">\(t("{0} sao", String($0)))</option>" }.joined()
            sections += """
            <form method="post" action="/ho-so-cua-toi/\(safeCode)/danh-gia">\(Workspace.csrfField(signedIn))
            <label for="score">\(t("Đánh giá mức độ hài lòng"))</label><select id="score" name="score">\(options)</select>
            <label for="comment">\(t("Góp ý"))</label><textarea id="comment" name="comment" rows="2"></textarea>
            <button type="submit">\(t("Gửi đánh giá"))</button></form>
            """
        } else if let rating = dossier.rating {
            sections += "<p class=\"ok\">\(t("Bạn đã đánh giá {0}/5. Cảm ơn bạn.", String(rating)))</p>"
        }
        let appointment = dossier.appointment.map(PageTime.format).map {
            dossier.status == .supplementRequested ? t("{0} (tạm dừng trong khi chờ bổ sung)", $0) : $0
        } ?? t("Chưa tiếp nhận")
        return Workspace.page(title: t("Hồ sơ {0}", dossier.code), signedIn: signedIn, body: """
        <h1>\(t("Hồ sơ {0}", safeCode))</h1>\(Workspace.alert(message))\(notices)
        <dl><dt>\(t("Thủ tục", sense: "field"))</dt><dd>\(HTML.escape(dossier.procedureName))</dd>
        <dt>\(t("Trạng thái"))</dt><dd class="status" data-status="\(dossier.status.rawValue)">\(HTML.escape(t(dossier.status.label)))</dd>
        <dt>\(t("Hẹn trả kết quả"))</dt><dd id="appointment">\(HTML.escape(appointment))</dd>
        <dt>\(t("Phí, lệ phí"))</dt><dd id="fee" data-fee="\(feeState)">\(HTML.escape(fee))</dd></dl>
        \(sections)
        <h2>\(t("Quá trình giải quyết"))</h2><div class="table-wrap"><table><thead><tr><th scope="col">\(t("Thời gian"))</th><th scope="col">\(t("Thao tác"))</th><th scope="col">\(t("Trạng thái"))</th><th scope="col">\(t("Ghi chú"))</th></tr></thead><tbody>\(rows)</tbody></table></div>
        """, status: status)
    }

    // MARK: paying online

    struct PayForm: Content { var _csrf: String? }

    /// Starts an online payment of the fee through the gateway (the same service as the API) and sends the citizen
    /// there (303); the gateway returns the citizen to the dossier page.
    @Sendable func pay(req: Request) async throws -> Response {
        guard let signedIn = citizen(req) else { return signInRedirect(req) }
        // an empty body is a form without its token: refused the same way
        try Workspace.checkCSRF(req, signedIn, given: (try? req.content.decode(PayForm.self))?._csrf)
        let code = req.parameters.get("code") ?? ""
        do {
            let (_, url) = try await PaymentService.start(code: code, context: try await context(req, signedIn),
                                                          gateway: req.application.paymentGateway, on: req.db)
            return req.redirect(to: url, redirectType: .normal)
        } catch let problem as Problem where problem.status == 409 {
            return try await page(req, signedIn, code: code, message: problem.message, status: .conflict)
        }
    }

    // MARK: supplying what is asked

    struct SupplyForm: Content {
        var _csrf: String?
        var files: [File]?
        var note: String?
    }

    /// Stores each file (type and size checked), then supplies them; an invalid file or none comes back beside the
    /// field with the note kept, and nothing changes.
    @Sendable func supply(req: Request) async throws -> Response {
        guard let signedIn = citizen(req) else { return signInRedirect(req) }
        let form = try req.content.decode(SupplyForm.self)
        try Workspace.checkCSRF(req, signedIn, given: form._csrf)
        let code = req.parameters.get("code") ?? ""
        let note = String((form.note ?? "").prefix(2000))
        // the dossier must be the citizen's (404 otherwise) before anything is stored
        let dossier = try await DossierService.visibleDossier(code: code, actor: signedIn.actor, on: req.db)
        guard DossierAction.supply.allowedFrom.contains(dossier.status) else {
            return try await page(req, signedIn, code: code, message: t("Hồ sơ không ở trạng thái chờ bổ sung"), status: .conflict)
        }
        var files: [String] = []
        var problems: [String] = []
        for file in form.files ?? [] {
            switch try await Workspace.store(file, from: req, by: signedIn) {
            case .success(let sha): files.append(sha)
            case .failure(let error): problems.append(file.filename.isEmpty ? error.message : "\(file.filename): \(error.message)")
            case nil: break
            }
        }
        do {
            guard problems.isEmpty else {
                throw Problem.invalid("Tệp bổ sung chưa hợp lệ", "Invalid supplement files.", fields: ["files": problems.joined(separator: " ")])
            }
            guard !files.isEmpty else {
                throw Problem.invalid("Chưa chọn tệp bổ sung", "No supplement file.", fields: ["files": "Chọn ít nhất một tệp để bổ sung."])
            }
            let trimmed = note.trimmingCharacters(in: .whitespacesAndNewlines)
            _ = try await DossierService.act(.supply, code: code, input: .init(reason: trimmed.isEmpty ? nil : trimmed, files: files),
                                             context: try await context(req, signedIn), on: req.db)
            return req.redirect(to: "/ho-so-cua-toi/\(code)?da-bo-sung=1", redirectType: .normal)
        } catch let problem as Problem where [400, 409].contains(problem.status) {
            return try await page(req, signedIn, code: code, errors: problem.fieldMessages, note: note, message: problem.message,
                                  status: HTTPStatus(statusCode: problem.status))
        }
    }
}
