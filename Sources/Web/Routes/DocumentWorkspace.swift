import Access
import Core
import Documents
import Fluent
import Foundation
import Organisation
import Storage
import Vapor
import WorkCalendar

/// The document pages of the officials' workspace (văn bản đi, văn bản đến): lists, the drafting form, a document
/// with the actions the signed-in person may take. Plain HTML forms (no script needed), each with its CSRF token.
struct DocumentWorkspace: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("van-ban", use: list)
        routes.get("van-ban", "soan", use: draftForm)
        routes.on(.POST, "van-ban", "soan", body: .collect(maxSize: "12mb"), use: draft)
        routes.get("van-ban", "vao-so", use: paperForm)
        routes.on(.POST, "van-ban", "vao-so", body: .collect(maxSize: "12mb"), use: registerPaper)
        routes.get("van-ban", ":id", use: show)
        routes.get("van-ban", ":id", "tep", use: content)
        routes.post("van-ban", ":id", "thao-tac", ":action", use: act)
    }

    /// The signed-in official, or nil (the caller redirects to the sign-in page).
    func official(_ req: Request) -> SignedIn? {
        guard let signedIn = req.auth.get(SignedIn.self), signedIn.actor.kind == .official else { return nil }
        return signedIn
    }

    func signInRedirect(_ req: Request) -> Response { req.redirect(to: "/dang-nhap", redirectType: .normal) }

    func context(_ req: Request, _ signedIn: SignedIn) -> DocumentService.Context {
        let config = req.application.config
        return DocumentService.Context(actor: signedIn.actor, fullName: signedIn.user.fullName, now: req.now,
                                       keys: .init(passphrase: config.signingPassphrase, rounds: config.keyRounds),
                                       files: req.application.fileStore)
    }

    static func statusLabel(_ document: DocumentModel) -> String {
        document.direction == .outgoing ? OutgoingStatus(rawValue: document.status).map { t($0.label) } ?? document.status
            : IncomingStatus(rawValue: document.status).map { t($0.label) } ?? document.status
    }

    // MARK: lists

    @Sendable func list(req: Request) async throws -> Response {
        guard let signedIn = official(req) else { return signInRedirect(req) }
        let incoming = req.query[String.self, at: "chieu"] != "di"
        let paging = try Paging(req, defaultLimit: 50)
        let scopes = AccessPolicy.scopes(of: signedIn.actor, for: .viewUnit)
        var rows: [DocumentModel] = []
        var total = 0
        if !scopes.isEmpty {
            let query = DocumentModel.query(on: req.db).filter(\.$direction == (incoming ? .incoming : .outgoing)).group(.or) { group in
                for scope in scopes { group.filter(\.$agencyPath =~ scope) }
            }
            (rows, total) = try await paging.rows(of: query, sorted: { $0.sort(\.$createdAt, .descending) })
        }
        let cells = rows.map { document -> String in
            let id = document.id?.uuidString ?? ""
            let number = incoming ? (document.incomingNumber.map(String.init) ?? "—") : (document.symbol ?? t("Chưa cấp số"))
            return """
            <tr data-id="\(id)"><td>\(HTML.escape(number))</td><td>\(HTML.escape(incoming ? document.symbol ?? "" : documentTypeName(document.type)))</td>
            <td><a href="/van-ban/\(id)">\(HTML.escape(document.subject))</a></td>
            <td>\(HTML.escape(incoming ? document.senderName ?? "" : t(document.urgency.label)))</td>
            <td class="status" data-status="\(HTML.escape(document.status))">\(HTML.escape(Self.statusLabel(document)))</td></tr>
            """
        }.joined()
        let headers = incoming ? [t("Số đến"), t("Số, ký hiệu"), t("Trích yếu"), t("Nơi gửi"), t("Trạng thái")]
            : [t("Số, ký hiệu"), t("Loại"), t("Trích yếu"), t("Độ khẩn"), t("Trạng thái")]
        let next = paging.offset + paging.limit < total
            ? "<p><a href=\"/van-ban?chieu=\(incoming ? "den" : "di")&offset=\(paging.offset + paging.limit)\">\(t("Trang sau"))</a></p>" : ""
        return Workspace.page(title: incoming ? t("Văn bản đến") : t("Văn bản đi"), signedIn: signedIn, body: """
        <h1>\(incoming ? t("Văn bản đến") : t("Văn bản đi"))</h1><p>\(t("{0} văn bản", String(total)))</p>
        <div class="table-wrap"><table><thead><tr>\(headers.map { "<th scope=\"col\">\($0)</th>" }.joined())</tr></thead>
        <tbody>\(cells.isEmpty ? "<tr><td colspan=\"5\">\(t("Chưa có văn bản."))</td></tr>" : cells)</tbody></table></div>\(next)
        """)
    }

    // MARK: drafting

    /// What the drafting form holds, kept when it comes back with errors.
    struct DraftForm: Content {
        var _csrf: String?
        var type: String?
        var subject: String?
        var urgency: String?
        var signer: String?
        var recipients: [String]?
        var file: File?
    }

    @Sendable func draftForm(req: Request) async throws -> Response {
        guard let signedIn = official(req) else { return signInRedirect(req) }
        return try await draftPage(req, signedIn, form: DraftForm(), errors: [:], message: nil)
    }

    func draftPage(_ req: Request, _ signedIn: SignedIn, form: DraftForm, errors: [String: String], message: String?,
                   status: HTTPStatus = .ok) async throws -> Response {
        let agencyPaths = try await agencies(of: signedIn, on: req.db).map(\.path)
        let leaders = try await RoleAssignmentModel.query(on: req.db).filter(\.$role == .agencyLeader).with(\.$unit).with(\.$user).all()
            .filter { assignment in agencyPaths.contains { UnitPath.isWithin($0, scope: assignment.unit.path) } }
        let recipients = try await UnitModel.query(on: req.db).filter(\.$structure == .y2025)
            .filter(\.$kind ~~ [.province, .department, .commune, .ward, .specialZone]).sort(\.$kind).sort(\.$name).all()
        let endpoints = try await ExchangeEndpointModel.query(on: req.db).sort(\.$name).all()
        func error(_ key: String) -> String {
            errors[key].map { "<p class=\"field-error\" id=\"\(key)-error\">\(HTML.escape($0))</p>" } ?? ""
        }
        func described(_ key: String) -> String { errors[key] == nil ? "" : " aria-describedby=\"\(key)-error\" aria-invalid=\"true\"" }
        let chosen = Set(form.recipients ?? [])
        let typeOptions = DocumentType.allCases.filter(\.isNumbered).map {
            "<option value=\"\($0.rawValue)\"\(form.type == $0.rawValue ? " selected" : "")>\(HTML.escape(documentTypeName($0)))</option>"
        }.joined()
        let urgencyOptions = Urgency.allCases.map {
            "<option value=\"\($0.rawValue)\"\((form.urgency ?? "normal") == $0.rawValue ? " selected" : "")>\(HTML.escape(t($0.label)))</option>"
        }.joined()
        let signerOptions = leaders.map {
            "<option value=\"\(HTML.escape($0.user.username))\"\(form.signer == $0.user.username ? " selected" : "")>\(HTML.escape($0.user.fullName)) — \(HTML.escape($0.unit.name))</option>"
        }.joined()
        let recipientOptions = recipients.map {
            "<option value=\"\(HTML.escape($0.code))\"\(chosen.contains($0.code) ? " selected" : "")>\(HTML.escape($0.name))</option>"
        }.joined() + endpoints.map {
            "<option value=\"\(HTML.escape($0.agencyID))\"\(chosen.contains($0.agencyID) ? " selected" : "")>\(HTML.escape(t("{0} (liên thông)", $0.name)))</option>"
        }.joined()
        return Workspace.page(title: t("Soạn văn bản"), signedIn: signedIn, body: """
        <h1>\(t("Soạn văn bản đi"))</h1>\(Workspace.alert(message))
        <form method="post" action="/van-ban/soan" enctype="multipart/form-data" novalidate>\(Workspace.csrfField(signedIn))
        <label for="type">\(t("Loại văn bản"))</label><select id="type" name="type"\(described("type"))><option value="">— \(t("Chọn")) —</option>\(typeOptions)</select>\(error("type"))
        <label for="subject">\(t("Trích yếu"))</label><textarea id="subject" name="subject" rows="3" maxlength="500"\(described("subject"))>\(HTML.escape(form.subject ?? ""))</textarea>\(error("subject"))
        <label for="urgency">\(t("Độ khẩn"))</label><select id="urgency" name="urgency">\(urgencyOptions)</select>
        <label for="file">\(t("Tệp nội dung (PDF, DOCX…)"))</label><input id="file" name="file" type="file"\(described("contentFile"))>\(error("contentFile"))
        \(errors.isEmpty ? "" : "<p>\(t("Vui lòng chọn lại tệp nội dung."))</p>")
        <label for="signer">\(t("Người ký"))</label><select id="signer" name="signer"\(described("signer"))><option value="">— \(t("Chọn")) —</option>\(signerOptions)</select>\(error("signer"))
        <label for="recipients">\(t("Nơi nhận (giữ Ctrl để chọn nhiều)"))</label><select id="recipients" name="recipients[]" multiple\(described("recipients"))>\(recipientOptions)</select>\(error("recipients"))
        <button type="submit">\(t("Lưu dự thảo"))</button></form>
        """, status: status)
    }

    @Sendable func draft(req: Request) async throws -> Response {
        guard let signedIn = official(req) else { return signInRedirect(req) }
        let form = try req.content.decode(DraftForm.self)
        try Workspace.checkCSRF(req, signedIn, given: form._csrf)
        var errors: [String: String] = [:]
        var sha = ""
        switch try await Workspace.store(form.file, from: req, by: signedIn) {
        case .success(let stored): sha = stored
        case .failure(let error): errors["contentFile"] = error.message
        case nil: errors["contentFile"] = t("Chọn tệp nội dung văn bản.")
        }
        guard let type = form.type.flatMap(DocumentType.init(rawValue:)) else {
            errors["type"] = t("Chọn loại văn bản.")
            return try await draftPage(req, signedIn, form: form, errors: errors, message: t("Văn bản chưa hợp lệ."), status: .badRequest)
        }
        do {
            // the service checks every other field, so that the form comes back with all its errors at once
            let document = try await DocumentService.draft(
                .init(type: type, subject: form.subject ?? "", urgency: form.urgency.flatMap(Urgency.init(rawValue:)),
                      contentFile: sha, signer: form.signer ?? "", recipients: form.recipients ?? []),
                context: context(req, signedIn), on: req.db)
            return req.redirect(to: "/van-ban/\(try document.requireID())", redirectType: .normal)
        } catch let problem as Problem where problem.status == 400 {
            return try await draftPage(req, signedIn, form: form, errors: errors.merging(problem.fieldMessages) { first, _ in first },
                                       message: problem.message, status: .badRequest)
        }
    }

    // MARK: paper documents

    /// What the clerk types from a paper document, kept when the form comes back with errors.
    struct PaperForm: Content {
        var _csrf: String?
        var type: String?
        var subject: String?
        var sender: String?
        var symbol: String?
        var issuedOn: String?
        var urgency: String?
        var file: File?
    }

    @Sendable func paperForm(req: Request) async throws -> Response {
        guard let signedIn = official(req) else { return signInRedirect(req) }
        return paperPage(signedIn, form: PaperForm(), errors: [:], message: nil)
    }

    func paperPage(_ signedIn: SignedIn, form: PaperForm, errors: [String: String], message: String?,
                   status: HTTPStatus = .ok) -> Response {
        func field(_ key: String, _ label: String, _ value: String?, type: String = "text") -> String {
            let error = errors[key].map { "<p class=\"field-error\" id=\"\(key)-error\">\(HTML.escape($0))</p>" } ?? ""
            let described = errors[key] == nil ? "" : " aria-describedby=\"\(key)-error\" aria-invalid=\"true\""
            return "<label for=\"\(key)\">\(HTML.escape(label))</label><input id=\"\(key)\" name=\"\(key)\" type=\"\(type)\" value=\"\(HTML.escape(value ?? ""))\"\(described)>\(error)"
        }
        let typeOptions = DocumentType.allCases.map {
            "<option value=\"\($0.rawValue)\"\(form.type == $0.rawValue ? " selected" : "")>\(HTML.escape(documentTypeName($0)))</option>"
        }.joined()
        let urgencyOptions = Urgency.allCases.map {
            "<option value=\"\($0.rawValue)\"\((form.urgency ?? "normal") == $0.rawValue ? " selected" : "")>\(HTML.escape(t($0.label)))</option>"
        }.joined()
        return Workspace.page(title: t("Vào sổ văn bản giấy"), signedIn: signedIn, body: """
        <h1>\(t("Vào sổ văn bản đến (văn bản giấy)"))</h1>\(Workspace.alert(message))
        <form method="post" action="/van-ban/vao-so" enctype="multipart/form-data" novalidate>\(Workspace.csrfField(signedIn))
        <label for="type">\(t("Loại văn bản"))</label><select id="type" name="type">\(typeOptions)</select>
        \(field("sender", t("Cơ quan gửi (tác giả)"), form.sender))
        \(field("symbol", t("Số, ký hiệu (như trên văn bản)"), form.symbol))
        \(field("issuedOn", t("Ngày tháng văn bản"), form.issuedOn, type: "date"))
        \(field("subject", t("Trích yếu"), form.subject))
        <label for="urgency">\(t("Độ khẩn"))</label><select id="urgency" name="urgency">\(urgencyOptions)</select>
        <label for="file">\(t("Bản quét (PDF, ảnh)"))</label><input id="file" name="file" type="file">\(errors["scanFile"].map { "<p class=\"field-error\">\(HTML.escape($0))</p>" } ?? "")
        <button type="submit">\(t("Vào sổ"))</button></form>
        """, status: status)
    }

    @Sendable func registerPaper(req: Request) async throws -> Response {
        guard let signedIn = official(req) else { return signInRedirect(req) }
        let form = try req.content.decode(PaperForm.self)
        try Workspace.checkCSRF(req, signedIn, given: form._csrf)
        var errors: [String: String] = [:]
        var sha = ""
        switch try await Workspace.store(form.file, from: req, by: signedIn) {
        case .success(let stored): sha = stored
        case .failure(let error): errors["scanFile"] = error.message
        case nil: break
        }
        do {
            let document = try await DocumentService.registerPaper(
                .init(type: form.type.flatMap(DocumentType.init(rawValue:)) ?? .officialLetter, subject: form.subject ?? "",
                      sender: form.sender ?? "", symbol: form.symbol ?? "", issuedOn: form.issuedOn ?? "", scanFile: sha,
                      urgency: form.urgency.flatMap(Urgency.init(rawValue:))),
                context: context(req, signedIn), on: req.db)
            return req.redirect(to: "/van-ban/\(try document.requireID())", redirectType: .normal)
        } catch let problem as Problem where problem.status == 400 {
            return paperPage(signedIn, form: form, errors: errors.merging(problem.fieldMessages) { first, _ in first }, message: problem.message,
                             status: .badRequest)
        }
    }

    // MARK: one document

    @Sendable func show(req: Request) async throws -> Response {
        guard let signedIn = official(req) else { return signInRedirect(req) }
        return try await documentPage(req, signedIn, id: try documentID(req), message: nil)
    }

    func documentPage(_ req: Request, _ signedIn: SignedIn, id: UUID, message: String?, status: HTTPStatus = .ok) async throws -> Response {
        let document = try await DocumentService.visibleDocument(id: id, actor: signedIn.actor, on: req.db)
        let events = try await DocumentEventModel.query(on: req.db).filter(\.$document.$id == id).sort(\.$at).all()
        let recipients = try await DocumentRecipientModel.query(on: req.db).filter(\.$document.$id == id).all()
        let assignments = try await DocumentService.assignmentsOf(document, on: req.db)
        let verdict = try await DocumentService.verification(of: document, files: req.application.fileStore, on: req.db)
        let rows = events.map {
            "<tr><td>\(HTML.escape(PageTime.format($0.at)))</td><td>\(HTML.escape($0.actor))</td><td>\(HTML.escape(actionLabel($0.action)))</td><td>\(HTML.escape($0.note ?? ""))</td></tr>"
        }.joined()
        var facts: [(String, String)] = [
            (t("Loại văn bản"), documentTypeName(document.type)), (t("Trích yếu"), document.subject),
            (t("Số, ký hiệu"), document.symbol ?? t("Chưa cấp số")), (t("Độ khẩn"), t(document.urgency.label)),
            (t("Trạng thái"), Self.statusLabel(document)),
        ]
        if document.direction == .incoming {
            facts.append((t("Số đến"), document.incomingNumber.map(String.init) ?? t("Chưa vào sổ")))
            facts.append((t("Nơi gửi"), document.senderName ?? ""))
        } else {
            facts.append((t("Người ký"), document.signer ?? ""))
            facts.append((t("Nơi nhận"), recipients.map(\.recipientName).joined(separator: "; ")))
        }
        if !assignments.isEmpty {
            facts.append((t("Phân công"), assignments.map { "\(t($0.role.label)): \($0.assignee)" }.joined(separator: "; ")))
        }
        if let verdict { facts.append((t("Chữ ký số"), Language.current == .en ? verdict.english : verdict.vietnamese)) }
        let dl = facts.map { "<dt>\(HTML.escape($0.0))</dt><dd\($0.0 == t("Trạng thái") ? " class=\"status\" data-status=\"\(HTML.escape(document.status))\"" : "")>\(HTML.escape($0.1))</dd>" }.joined()
        let actions = try await actionForms(req, signedIn, document: document)
        return Workspace.page(title: document.subject, signedIn: signedIn, body: """
        <h1>\(document.direction == .outgoing ? t("Văn bản đi", sense: "one") : t("Văn bản đến", sense: "one"))</h1>\(Workspace.alert(message))
        <dl>\(dl)</dl>
        <p>\(document.contentSHA256 == nil ? "" : "<a href=\"/van-ban/\(id)/tep\">\(t("Tải tệp nội dung"))</a>")</p>
        <section class="actions" aria-label="\(t("Thao tác"))">\(actions)</section>
        <h2>\(t("Lịch sử xử lý"))</h2><div class="table-wrap"><table><thead><tr><th scope="col">\(t("Thời gian"))</th><th scope="col">\(t("Người thực hiện"))</th>
        <th scope="col">\(t("Thao tác"))</th><th scope="col">\(t("Ghi chú"))</th></tr></thead><tbody>\(rows)</tbody></table></div>
        """, status: status)
    }

    func actionLabel(_ action: String) -> String {
        (OutgoingAction(rawValue: action)?.label ?? IncomingAction(rawValue: action)?.label
            ?? ["draft": "Soạn thảo", "arrive": "Văn bản đến"][action]).map { t($0) } ?? action
    }

    /// One small form per action the signed-in person may take now.
    func actionForms(_ req: Request, _ signedIn: SignedIn, document: DocumentModel) async throws -> String {
        let id = document.id?.uuidString ?? ""
        let csrf = Workspace.csrfField(signedIn)
        func form(_ action: String, _ label: String, extra: String = "", secondary: Bool = false) -> String {
            "<form method=\"post\" action=\"/van-ban/\(id)/thao-tac/\(action)\">\(csrf)\(extra)<button type=\"submit\" name=\"do\" value=\"\(action)\"\(secondary ? " class=\"secondary\"" : "")>\(HTML.escape(t(label)))</button></form>"
        }
        func reason(_ action: String) -> String {
            "<label for=\"reason-\(action)\">\(t("Lý do"))</label><textarea id=\"reason-\(action)\" name=\"reason\" rows=\"2\"></textarea>"
        }
        var forms: [String] = []
        if document.direction == .outgoing, let status = OutgoingStatus(rawValue: document.status) {
            for action in OutgoingWorkflow.allowedActions(from: status) {
                guard let performer = action.performer(from: status), signedIn.actor.assignments.contains(where: {
                    $0.role == DocumentService.role(performer) && UnitPath.isWithin(document.agencyPath, scope: $0.unitPath)
                        || $0.role == DocumentService.role(performer) && performer == .unitLeader
                }) else { continue }
                if action == .sign, let signer = document.signer, signer != signedIn.user.username { continue }
                forms.append(form(action.rawValue, action.label, extra: action.needsReason ? reason(action.rawValue) : "",
                                  secondary: action.needsReason))
            }
        } else if let status = IncomingStatus(rawValue: document.status) {
            for action in IncomingWorkflow.allowedActions(from: status) {
                let roles = action == .start || action == .complete ? [Role.specialist, .unitLeader]
                    : action.performers.map(DocumentService.role)
                guard signedIn.actor.assignments.contains(where: { roles.contains($0.role) && UnitPath.isWithin(document.agencyPath, scope: $0.unitPath) })
                else { continue }
                var extra = action.needsReason ? reason(action.rawValue) : ""
                if action == .assign || action == .reassign {
                    let people = try await RoleAssignmentModel.query(on: req.db).filter(\.$role ~~ [.specialist, .unitLeader]).with(\.$unit).with(\.$user).all()
                        .filter { UnitPath.isWithin($0.unit.path, scope: document.agencyPath) }
                    let options = people.map { "<option value=\"\(HTML.escape($0.user.username))\">\(HTML.escape($0.user.fullName)) — \(HTML.escape(roleName($0.role)))</option>" }.joined()
                    extra += "<label for=\"lead-\(action.rawValue)\">\(t("Chủ trì xử lý"))</label><select id=\"lead-\(action.rawValue)\" name=\"lead\">\(options)</select>"
                    extra += "<label for=\"coop-\(action.rawValue)\">\(t("Phối hợp"))</label><select id=\"coop-\(action.rawValue)\" name=\"cooperating\"><option value=\"\">— \(t("Không", sense: "none")) —</option>\(options)</select>"
                }
                forms.append(form(action.rawValue, action.label, extra: extra, secondary: action.needsReason))
            }
        }
        return forms.isEmpty ? "<p>\(t("Không có thao tác nào dành cho bạn ở bước này."))</p>" : forms.joined()
    }

    struct ActionForm: Content { var _csrf: String?; var reason: String?; var lead: String?; var cooperating: String? }

    @Sendable func act(req: Request) async throws -> Response {
        guard let signedIn = official(req) else { return signInRedirect(req) }
        let form = try req.content.decode(ActionForm.self)
        try Workspace.checkCSRF(req, signedIn, given: form._csrf)
        let id = try documentID(req)
        let name = req.parameters.get("action") ?? ""
        var assignments: [Assignment] = []
        if let lead = form.lead, !lead.isEmpty { assignments.append(Assignment(assignee: lead, role: .lead)) }
        if let cooperating = form.cooperating, !cooperating.isEmpty, cooperating != form.lead {
            assignments.append(Assignment(assignee: cooperating, role: .cooperating))
        }
        let input = DocumentService.ActionInput(reason: form.reason, assignments: assignments.isEmpty ? nil : assignments)
        do {
            if let action = OutgoingAction(rawValue: name) {
                _ = try await DocumentService.act(action, id: id, input: input, context: context(req, signedIn), on: req.db)
            } else if let action = IncomingAction(rawValue: name) {
                _ = try await DocumentService.act(action, id: id, input: input, context: context(req, signedIn), on: req.db)
            } else {
                throw Problem.notFound("Thao tác không tồn tại", "No action \(name).")
            }
            return req.redirect(to: "/van-ban/\(id)", redirectType: .normal)
        } catch let problem as Problem where [400, 403, 409].contains(problem.status) {
            return try await documentPage(req, signedIn, id: id, message: problem.message, status: HTTPStatus(statusCode: problem.status))
        }
    }

    /// The content file of a document the person may see.
    @Sendable func content(req: Request) async throws -> Response {
        guard let signedIn = official(req) else { return signInRedirect(req) }
        let document = try await DocumentService.visibleDocument(id: try documentID(req), actor: signedIn.actor, on: req.db)
        guard let sha = document.contentSHA256 else { throw Problem.notFound("Văn bản chưa có tệp", "No content file.") }
        let response = Response(status: .ok, body: .init(data: try req.application.fileStore.read(sha)))
        response.headers.replaceOrAdd(name: .contentType, value: "application/octet-stream")
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(document.contentName ?? "van-ban")\"")
        return response
    }

    func documentID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else {
            throw Problem.notFound("Không tìm thấy văn bản", "No document \(req.parameters.get("id") ?? "").")
        }
        return id
    }

    /// The agencies the person works in (for the signer list).
    func agencies(of signedIn: SignedIn, on db: any Database) async throws -> [UnitModel] {
        var result: [UnitModel] = []
        for assignment in signedIn.actor.assignments {
            guard let unit = try await UnitModel.find(code: assignment.unitCode, on: db) else { continue }
            result.append(try await DocumentService.agency(of: unit, on: db))
        }
        return result
    }
}
