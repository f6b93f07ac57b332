import Access
import Core
import Dossiers
import Fluent
import Foundation
import Organisation
import Storage
import Vapor
import WorkCalendar

/// The officials' work on dossiers (`/cong-viec`): the steps waiting for me ordered by deadline — overdue in red,
/// due today in amber — and a dossier's page with the actions of its current step (forward, send back, ask for a
/// supplement, approve with the result file, pay in cash and return at the desk), the control slip and the forms.
struct DossierWorkPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("cong-viec", use: inbox)
        routes.get("cong-viec", ":code", use: dossier)
        routes.on(.POST, "cong-viec", ":code", ":action", body: .collect(maxSize: "12mb"), use: act)
    }

    func official(_ req: Request) -> SignedIn? {
        guard let signedIn = req.auth.get(SignedIn.self), signedIn.actor.kind == .official else { return nil }
        return signedIn
    }

    /// Whether the open `step` waits for `actor` (named, or a role the actor holds in the step's unit).
    static func waitsFor(_ step: DossierStepModel, _ actor: Actor) -> Bool {
        step.assignee.map { $0 == actor.username }
            ?? actor.assignments.contains { $0.role.rawValue == step.role && UnitPath.isWithin(step.unitPath, scope: $0.unitPath) }
    }

    @Sendable func inbox(req: Request) async throws -> Response {
        guard let signedIn = official(req) else { return req.redirect(to: "/dang-nhap", redirectType: .normal) }
        // open steps named to me, or unassigned ones of a role I hold in a unit within my scope — counted, sorted by
        // deadline and cut in SQL, so that a unit with thousands of open dossiers renders one page quickly
        let assignments = signedIn.actor.assignments
        let query = DossierStepModel.query(on: req.db).filter(\.$startedAt != nil).filter(\.$completedAt == nil)
            .group(.or) { group in
                group.filter(\.$assignee == signedIn.actor.username)
                for assignment in assignments {
                    group.group(.and) {
                        $0.filter(\.$assignee == nil).filter(\.$role == assignment.role.rawValue).filter(\.$unitPath =~ assignment.unitPath)
                    }
                }
            }
        let paging = try Paging(req, defaultLimit: 50)
        let (page, total) = try await paging.rows(of: query, sorted: { $0.sort(\.$deadline).sort(\.$id) })
        let dossiers = page.isEmpty ? [] : try await DossierModel.query(on: req.db).filter(\.$id ~~ page.map(\.$dossier.id)).all()
        let byID = Dictionary(dossiers.compactMap { dossier in dossier.id.map { ($0, dossier) } }, uniquingKeysWith: { first, _ in first })
        let now = req.now
        let today = VietnamTime.localDate(of: now)
        let rows = page.compactMap { step -> String? in
            guard let dossier = byID[step.$dossier.id] else { return nil }
            let deadline = step.deadline
            let state = deadline.map { $0 < now ? "overdue" : VietnamTime.localDate(of: $0) == today ? "due-today" : "" } ?? ""
            let label = state == "overdue" ? " " + t("(quá hạn)") : state == "due-today" ? " " + t("(đến hạn hôm nay)") : ""
            return """
            <tr class="\(state)" data-code="\(HTML.escape(dossier.code))"><td><a href="/cong-viec/\(HTML.escape(dossier.code))">\(HTML.escape(dossier.code))</a></td>
            <td>\(HTML.escape(dossier.procedureName))</td><td>\(HTML.escape(step.name))</td>
            <td>\(HTML.escape(deadline.map(PageTime.format) ?? "—"))\(label)</td><td>\(HTML.escape(dossier.appointment.map(PageTime.format) ?? "—"))</td></tr>
            """
        }.joined()
        let next = paging.offset + paging.limit < total ? "<p><a href=\"/cong-viec?offset=\(paging.offset + paging.limit)\">\(t("Trang sau"))</a></p>" : ""
        return Workspace.page(title: t("Việc của tôi"), signedIn: signedIn, body: """
        <h1>\(t("Hồ sơ chờ tôi xử lý"))</h1><p>\(t("{0} hồ sơ, hạn gần nhất trước", String(total)))</p>
        <div class="table-wrap"><table><thead><tr><th scope="col">\(t("Mã hồ sơ"))</th><th scope="col">\(t("Thủ tục", sense: "field"))</th><th scope="col">\(t("Bước"))</th>
        <th scope="col">\(t("Hạn của bước"))</th><th scope="col">\(t("Hẹn trả"))</th></tr></thead>
        <tbody>\(rows.isEmpty ? "<tr><td colspan=\"5\">\(t("Không có hồ sơ chờ xử lý."))</td></tr>" : rows)</tbody></table></div>\(next)
        """)
    }

    @Sendable func dossier(req: Request) async throws -> Response {
        guard let signedIn = official(req) else { return req.redirect(to: "/dang-nhap", redirectType: .normal) }
        return try await page(req, signedIn, code: req.parameters.get("code") ?? "", message: nil)
    }

    func page(_ req: Request, _ signedIn: SignedIn, code: String, message: String?, status: HTTPStatus = .ok) async throws -> Response {
        let dossier = try await DossierService.visibleDossier(code: code, actor: signedIn.actor, on: req.db)
        let steps = try await DossierStepModel.query(on: req.db).filter(\.$dossier.$id == dossier.requireID()).sort(\.$index).all()
        let current = steps.first { $0.index == dossier.currentStep && $0.completedAt == nil && $0.startedAt != nil }
        let csrf = Workspace.csrfField(signedIn)
        let safeCode = HTML.escape(dossier.code)
        func form(_ action: DossierAction, extra: String = "", multipart: Bool = false, secondary: Bool = false) -> String {
            "<form method=\"post\" action=\"/cong-viec/\(safeCode)/\(action.rawValue)\"\(multipart ? " enctype=\"multipart/form-data\"" : "")>\(csrf)\(extra)<button type=\"submit\" name=\"do\" value=\"\(action.rawValue)\"\(secondary ? " class=\"secondary\"" : "")>\(HTML.escape(t(action.label)))</button></form>"
        }
        func reason(_ id: String) -> String {
            "<label for=\"\(id)\">\(t("Lý do"))</label><textarea id=\"\(id)\" name=\"reason\" rows=\"2\"></textarea>"
        }
        var forms: [String] = []
        if let current, Self.waitsFor(current, signedIn.actor), dossier.status == .processing {
            if current.role == Role.agencyLeader.rawValue, dossier.resultSHA256 == nil {
                forms.append(form(.approve, extra: "<label for=\"result\">\(t("Văn bản kết quả (PDF)"))</label><input id=\"result\" name=\"result\" type=\"file\">",
                                  multipart: true))
            } else {
                forms.append(form(.forward))
            }
            if current.index > 1 { forms.append(form(.sendBack, extra: reason("reason-back"), secondary: true)) }
            forms.append(form(.requestSupplement, extra: reason("reason-supplement"), secondary: true))
        }
        if dossier.status == .resolved, AccessPolicy.allows(signedIn.actor, .receiveDossiers, onUnitAt: dossier.receivingUnitPath) {
            if !dossier.feePaid {
                forms.append(form(.payCash, extra: "<label for=\"receipt\">\(t("Số biên lai"))</label><input id=\"receipt\" name=\"receiptNumber\">"))
            }
            let methods = [(ReturnMethod.inPerson, "Trực tiếp"), (.online, "Trực tuyến"), (.postal, "Bưu chính")]
                .map { "<option value=\"\($0.0.rawValue)\">\(t($0.1))</option>" }.joined()
            forms.append(form(.returnResult, extra: "<label for=\"method\">\(t("Hình thức trả"))</label><select id=\"method\" name=\"returnMethod\">\(methods)</select>"))
        }
        let rows = steps.map { step in
            "<tr\(step.index == current?.index ? " class=\"current\"" : "")><td>\(step.index + 1)</td><td>\(HTML.escape(step.name))</td><td>\(HTML.escape(step.assignee ?? (Language.current == .en ? Role(rawValue: step.role).map(roleName) : nil) ?? step.role))</td><td>\(HTML.escape(step.deadline.map(PageTime.format) ?? "—"))</td><td>\(HTML.escape(step.completedAt.map(PageTime.format) ?? "—"))</td></tr>"
        }.joined()
        return Workspace.page(title: t("Hồ sơ {0}", dossier.code), signedIn: signedIn, body: """
        <h1>\(t("Hồ sơ {0}", safeCode))</h1>\(Workspace.alert(message))
        <dl><dt>\(t("Thủ tục", sense: "field"))</dt><dd>\(HTML.escape(dossier.procedureName))</dd><dt>\(t("Người nộp"))</dt><dd>\(HTML.escape(dossier.applicantName))</dd>
        <dt>\(t("Trạng thái"))</dt><dd class="status" data-status="\(dossier.status.rawValue)">\(HTML.escape(t(dossier.status.label)))</dd>
        <dt>\(t("Hẹn trả"))</dt><dd>\(HTML.escape(dossier.appointment.map(PageTime.format) ?? "—"))</dd></dl>
        <section class="actions" aria-label="\(t("Thao tác"))">\(forms.isEmpty ? "<p>\(t("Không có thao tác nào dành cho bạn ở bước này."))</p>" : forms.joined())</section>
        <p><a href="/ho-so/\(safeCode)/phieu-kiem-soat">\(t("Phiếu kiểm soát quá trình giải quyết"))</a> · <a href="/ho-so/\(safeCode)/giay-tiep-nhan">\(t("Giấy tiếp nhận"))</a></p>
        <h2>\(t("Các bước"))</h2><div class="table-wrap"><table><thead><tr><th scope="col">\(t("TT"))</th><th scope="col">\(t("Bước"))</th><th scope="col">\(t("Người thực hiện"))</th>
        <th scope="col">\(t("Hạn"))</th><th scope="col">\(t("Hoàn thành"))</th></tr></thead><tbody>\(rows)</tbody></table></div>
        """, status: status)
    }

    struct ActionForm: Content {
        var _csrf: String?; var reason: String?; var receiptNumber: String?; var returnMethod: String?; var result: File?
    }

    @Sendable func act(req: Request) async throws -> Response {
        guard let signedIn = official(req) else { return req.redirect(to: "/dang-nhap", redirectType: .normal) }
        let form = try req.content.decode(ActionForm.self)
        try Workspace.checkCSRF(req, signedIn, given: form._csrf)
        let code = req.parameters.get("code") ?? ""
        guard let action = DossierAction(rawValue: req.parameters.get("action") ?? "") else {
            throw Problem.notFound("Thao tác không tồn tại", "No such dossier action.")
        }
        do {
            var resultFile: String?
            if action == .approve, case .success(let sha) = try await Workspace.store(form.result, from: req, by: signedIn) {
                resultFile = sha
            }
            let context = DossierService.Context(actor: signedIn.actor, fullName: signedIn.user.fullName, now: req.now,
                                                 calendar: try await CalendarStore.calendar(on: req.db))
            _ = try await DossierService.act(action, code: code, input: .init(reason: form.reason, resultFile: resultFile,
                                                                              returnMethod: form.returnMethod.flatMap(ReturnMethod.init(rawValue:)),
                                                                              receiptNumber: form.receiptNumber),
                                             context: context, on: req.db)
            return req.redirect(to: "/cong-viec/\(code)", redirectType: .normal)
        } catch let problem as Problem where [400, 403, 409, 415].contains(problem.status) {
            return try await page(req, signedIn, code: code, message: problem.message, status: HTTPStatus(statusCode: problem.status))
        }
    }
}
