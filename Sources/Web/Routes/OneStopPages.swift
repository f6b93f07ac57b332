import Access
import Catalog
import Core
import Dossiers
import Fluent
import Foundation
import Organisation
import Storage
import Vapor
import WorkCalendar

/// The one-stop-shop pages: a citizen submits a dossier through the procedure's e-form and follows it
/// (`/thu-tuc/{code}/nop`, `/ho-so-cua-toi`), the desk checks and receives online dossiers (`/mot-cua`). Plain HTML
/// forms with CSRF tokens; a form that fails validation comes back with every typed value and each error beside its
/// field.
struct OneStopPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("thu-tuc", ":code", "nop", use: submitForm)
        routes.on(.POST, "thu-tuc", ":code", "nop", body: .collect(maxSize: "60mb"), use: submit)
        routes.get("ho-so-cua-toi", use: mine)
        routes.post("ho-so-cua-toi", ":code", "danh-gia", use: rate)
        routes.get("mot-cua", use: deskQueue)
        routes.post("mot-cua", ":code", ":action", use: deskAct)
    }

    func context(_ req: Request, _ signedIn: SignedIn) async throws -> DossierService.Context {
        DossierService.Context(actor: signedIn.actor, fullName: signedIn.user.fullName, now: req.now,
                               calendar: try await CalendarStore.calendar(on: req.db))
    }

    func signInRedirect(_ req: Request) -> Response { req.redirect(to: "/dang-nhap", redirectType: .normal) }

    // MARK: submission (citizen)

    @Sendable func submitForm(req: Request) async throws -> Response {
        guard let signedIn = req.auth.get(SignedIn.self), signedIn.actor.kind == .citizen else { return signInRedirect(req) }
        let code = req.parameters.get("code") ?? ""
        guard let (_, record, _) = try await CatalogStore.published(code: code, on: req.db) else {
            throw Problem.notFound("Không tìm thấy thủ tục", "No published procedure \(code).")
        }
        return try await submitPage(req, signedIn, record: record, values: ["applicantName": signedIn.user.fullName,
                                                                            "applicantPersonalId": signedIn.user.personalID ?? ""],
                                    unit: nil, errors: [:], message: nil)
    }

    /// The submission form; `submissionKey` is the hidden key of this submission (a new one for a new form, the
    /// posted one when the form comes back with errors), so that a form posted twice makes one dossier.
    func submitPage(_ req: Request, _ signedIn: SignedIn, record: ProcedureRecord, values: [String: String], unit: String?,
                    errors: [String: String], message: String?, status: HTTPStatus = .ok,
                    submissionKey: String? = nil) async throws -> Response {
        let kinds: [UnitKind] = record.level == .province ? [.department] : [.commune, .ward, .specialZone]
        let units = try await UnitModel.query(on: req.db).filter(\.$structure == .y2025).filter(\.$kind ~~ kinds).sort(\.$name).all()
        func error(_ key: String) -> String {
            errors[key].map { "<p class=\"field-error\" id=\"\(HTML.escape(key))-error\">\(HTML.escape($0))</p>" } ?? ""
        }
        func described(_ key: String) -> String {
            errors[key] == nil ? "" : " aria-describedby=\"\(HTML.escape(key))-error\" aria-invalid=\"true\""
        }
        let unitOptions = units.map {
            "<option value=\"\(HTML.escape($0.code))\"\(unit == $0.code ? " selected" : "")>\(HTML.escape($0.name))</option>"
        }.joined()
        let fields = record.formFields.map { field -> String in
            let id = "f-\(field.key)"
            let label = "<label for=\"\(id)\">\(HTML.escape(field.label))\(field.required ? " *" : "")</label>"
            let value = HTML.escape(values[field.key] ?? "")
            switch field.type {
            case .select:
                let options = (field.options ?? []).map {
                    "<option\(values[field.key] == $0 ? " selected" : "")>\(HTML.escape($0))</option>"
                }.joined()
                return label + "<select id=\"\(id)\" name=\"form[\(field.key)]\"\(described(field.key))><option value=\"\">— \(t("Chọn")) —</option>\(options)</select>" + error(field.key)
            case .file:
                return label + "<input id=\"\(id)\" name=\"upload[\(field.key)]\" type=\"file\"\(described(field.key))>" + error(field.key)
            case .date:
                return label + "<input id=\"\(id)\" name=\"form[\(field.key)]\" type=\"date\" value=\"\(value)\"\(described(field.key))>" + error(field.key)
            case .number:
                return label + "<input id=\"\(id)\" name=\"form[\(field.key)]\" inputmode=\"numeric\" value=\"\(value)\"\(described(field.key))>" + error(field.key)
            case .text, .personalID:
                return label + "<input id=\"\(id)\" name=\"form[\(field.key)]\" value=\"\(value)\"\(described(field.key))>" + error(field.key)
            }
        }.joined()
        let components = record.components.enumerated().map { index, component in
            "<label for=\"c-\(index)\">\(HTML.escape(component.name))</label><input id=\"c-\(index)\" name=\"component[c\(index)]\" type=\"file\">" + error("components[\(index)]")
        }.joined()
        return Workspace.page(title: t("Nộp hồ sơ: {0}", record.name), signedIn: signedIn, body: """
        <h1>\(t("Nộp hồ sơ trực tuyến"))</h1><p>\(HTML.escape(record.name))</p>\(Workspace.alert(message))
        <form method="post" action="/thu-tuc/\(HTML.escape(record.catalogCode))/nop" enctype="multipart/form-data" novalidate>\(Workspace.csrfField(signedIn))
        <input type="hidden" name="submissionKey" value="\(HTML.escape(submissionKey ?? UUID().uuidString))">
        <label for="unit">\(t("Nơi tiếp nhận"))</label><select id="unit" name="unit"\(described("unit"))><option value="">— \(t("Chọn")) —</option>\(unitOptions)</select>\(error("unit"))
        <h2>\(t("Tờ khai"))</h2>\(fields)
        <h2>\(t("Thành phần hồ sơ (tệp PDF, ảnh)"))</h2>\(components)
        \(errors.isEmpty ? "" : "<p>\(t("Vui lòng chọn lại các tệp đính kèm."))</p>")
        <button type="submit">\(t("Nộp hồ sơ"))</button></form>
        """, status: status)
    }

    struct SubmitForm: Content {
        var _csrf: String?
        var unit: String?
        var form: [String: String]?
        var upload: [String: File]?
        var component: [String: File]?
        var submissionKey: String?
    }

    @Sendable func submit(req: Request) async throws -> Response {
        guard let signedIn = req.auth.get(SignedIn.self), signedIn.actor.kind == .citizen else { return signInRedirect(req) }
        let code = req.parameters.get("code") ?? ""
        guard let (_, record, _) = try await CatalogStore.published(code: code, on: req.db) else {
            throw Problem.notFound("Không tìm thấy thủ tục", "No published procedure \(code).")
        }
        let body = try req.content.decode(SubmitForm.self)
        try Workspace.checkCSRF(req, signedIn, given: body._csrf)
        var values = body.form ?? [:]
        var errors: [String: String] = [:]
        for (key, file) in body.upload ?? [:] {
            switch try await Workspace.store(file, from: req, by: signedIn) {
            case .success(let sha): values[key] = sha
            case .failure(let error): errors[key] = error.message
            case nil: break
            }
        }
        var components: [DossierService.ComponentInput] = []
        for (key, file) in body.component ?? [:] {
            guard key.hasPrefix("c"), let index = Int(key.dropFirst()) else { continue }
            switch try await Workspace.store(file, from: req, by: signedIn) {
            case .success(let sha): components.append(DossierService.ComponentInput(index: index, file: sha))
            case .failure(let error): errors["components[\(index)]"] = error.message
            case nil: break
            }
        }
        let filled = values.filter { !$0.value.trimmingCharacters(in: .whitespaces).isEmpty }
        do {
            guard errors.isEmpty else { throw Problem.invalid("Tệp đính kèm chưa hợp lệ", "Invalid attachments.", fields: errors) }
            let dossier = try await DossierService.submitted(
                .init(procedure: code, unit: body.unit ?? "", channel: .online, form: filled,
                      components: components.sorted { $0.index < $1.index }, submissionKey: body.submissionKey),
                context: try await context(req, signedIn), on: req.db, queue: req.application.submissionQueue).dossier
            return req.redirect(to: "/ho-so-cua-toi/\(dossier.code)", redirectType: .normal)
        } catch let problem as Problem where problem.status == 400 || problem.status == 422 {
            // 422: the form's key made a dossier from other values; the page comes back with a new key
            return try await submitPage(req, signedIn, record: record, values: values, unit: body.unit,
                                        errors: errors.merging(problem.fieldMessages) { first, _ in first }, message: problem.message,
                                        status: HTTPStatus(statusCode: problem.status),
                                        submissionKey: problem.fieldMessages["Idempotency-Key"] == nil ? body.submissionKey : nil)
        }
    }

    // MARK: the citizen's dossiers

    @Sendable func mine(req: Request) async throws -> Response {
        guard let signedIn = req.auth.get(SignedIn.self), signedIn.actor.kind == .citizen else { return signInRedirect(req) }
        let paging = try Paging(req, defaultLimit: 20)
        let (rows, total) = try await paging.rows(of: DossierModel.query(on: req.db).filter(\.$applicantUserID == signedIn.actor.userID),
                                                  sorted: { $0.sort(\.$submittedAt, .descending) })
        let items = rows.map {
            "<tr><td><a href=\"/ho-so-cua-toi/\(HTML.escape($0.code))\">\(HTML.escape($0.code))</a></td><td>\(HTML.escape($0.procedureName))</td><td class=\"status\">\(HTML.escape(t($0.status.label)))</td><td>\(HTML.escape($0.appointment.map(PageTime.format) ?? "—"))</td></tr>"
        }.joined()
        return Workspace.page(title: t("Hồ sơ của tôi"), signedIn: signedIn, body: """
        <h1>\(t("Hồ sơ của tôi"))</h1><p>\(t("{0} hồ sơ", String(total)))</p>
        <div class="table-wrap"><table><thead><tr><th scope="col">\(t("Mã hồ sơ"))</th><th scope="col">\(t("Thủ tục", sense: "field"))</th><th scope="col">\(t("Trạng thái"))</th><th scope="col">\(t("Hẹn trả"))</th></tr></thead>
        <tbody>\(items.isEmpty ? "<tr><td colspan=\"4\">\(t("Chưa có hồ sơ."))</td></tr>" : items)</tbody></table></div>
        """)
    }

    // the page of one dossier (`/ho-so-cua-toi/{code}`: timeline, payment, supplement, result, rating) is in
    // CitizenDossierPages

    struct RatingForm: Content { var _csrf: String?; var score: Int?; var comment: String? }

    @Sendable func rate(req: Request) async throws -> Response {
        guard let signedIn = req.auth.get(SignedIn.self), signedIn.actor.kind == .citizen else { return signInRedirect(req) }
        let form = try req.content.decode(RatingForm.self)
        try Workspace.checkCSRF(req, signedIn, given: form._csrf)
        let code = req.parameters.get("code") ?? ""
        _ = try await DossierService.rate(code: code, score: form.score ?? 0, comment: form.comment, context: try await context(req, signedIn),
                                          on: req.db)
        return req.redirect(to: "/ho-so-cua-toi/\(code)", redirectType: .normal)
    }

    // MARK: the one-stop desk

    @Sendable func deskQueue(req: Request) async throws -> Response {
        guard let signedIn = req.auth.get(SignedIn.self), signedIn.actor.kind == .official else { return signInRedirect(req) }
        let scopes = AccessPolicy.scopes(of: signedIn.actor, for: .receiveDossiers)
        let paging = try Paging(req, defaultLimit: 50)
        var rows: [DossierModel] = []
        var total = 0
        if !scopes.isEmpty {
            let query = DossierModel.query(on: req.db).filter(\.$status == .submitted).group(.or) { group in
                for scope in scopes { group.filter(\.$receivingUnitPath =~ scope) }
            }
            (rows, total) = try await paging.rows(of: query, sorted: { $0.sort(\.$submittedAt) })
        }
        let csrf = Workspace.csrfField(signedIn)
        let items = rows.map { dossier -> String in
            let code = HTML.escape(dossier.code)
            return """
            <tr data-code="\(code)"><td>\(code)</td><td>\(HTML.escape(dossier.procedureName))</td><td>\(HTML.escape(dossier.applicantName))</td>
            <td>\(HTML.escape(PageTime.format(dossier.submittedAt)))</td><td class="actions">
            <form method="post" action="/mot-cua/\(code)/receive">\(csrf)<button type="submit" name="do" value="receive">\(t("Tiếp nhận", sense: "button"))</button></form>
            <form method="post" action="/mot-cua/\(code)/request-intake-supplement">\(csrf)<label for="r-\(code)">\(t("Nội dung cần bổ sung"))</label>
            <textarea id="r-\(code)" name="reason" rows="1"></textarea><button type="submit" class="secondary">\(t("Yêu cầu bổ sung"))</button></form></td></tr>
            """
        }.joined()
        return Workspace.page(title: t("Bộ phận một cửa"), signedIn: signedIn, body: """
        <h1>\(t("Hồ sơ trực tuyến chờ tiếp nhận"))</h1><p>\(t("{0} hồ sơ", String(total)))</p>
        <div class="table-wrap"><table><thead><tr><th scope="col">\(t("Mã hồ sơ"))</th><th scope="col">\(t("Thủ tục", sense: "field"))</th><th scope="col">\(t("Người nộp"))</th><th scope="col">\(t("Nộp lúc"))</th><th scope="col">\(t("Thao tác"))</th></tr></thead>
        <tbody>\(items.isEmpty ? "<tr><td colspan=\"5\">\(t("Không có hồ sơ chờ."))</td></tr>" : items)</tbody></table></div>
        """)
    }

    struct DeskForm: Content { var _csrf: String?; var reason: String? }

    @Sendable func deskAct(req: Request) async throws -> Response {
        guard let signedIn = req.auth.get(SignedIn.self), signedIn.actor.kind == .official else { return signInRedirect(req) }
        let form = try req.content.decode(DeskForm.self)
        try Workspace.checkCSRF(req, signedIn, given: form._csrf)
        let code = req.parameters.get("code") ?? ""
        guard let action = DossierAction(rawValue: req.parameters.get("action") ?? ""),
              [.receive, .requestIntakeSupplement, .refuseIntake].contains(action) else {
            throw Problem.notFound("Thao tác không tồn tại", "The desk receives, asks for supplements or refuses.")
        }
        _ = try await DossierService.act(action, code: code, input: .init(reason: form.reason), context: try await context(req, signedIn),
                                         on: req.db)
        // after receipt the desk prints the receipt and appointment slip
        return req.redirect(to: action == .receive ? "/ho-so/\(code)/giay-tiep-nhan" : "/mot-cua", redirectType: .normal)
    }
}
