import Access
import Charts
import Core
import Fluent
import Foundation
import Indicators
import Organisation
import Storage
import Vapor

/// Báo cáo định kỳ in the officials' workspace: `/bao-cao` lists the campaigns (Đợt báo cáo), `/bao-cao/tao` lets the
/// province administrator create one (a fixed number of field rows, empty rows ignored — no script needed),
/// `/bao-cao/{id}` shows the province every unit's status (late in red), the aggregate (Tổng hợp) and the CSV/XLSX
/// downloads, and shows a unit (Đơn vị phải báo cáo) its form, pre-filled from its figures, errors beside the fields
/// and the typed values kept. Every form carries its CSRF token; the rules are `ReportService`'s.
struct ReportPages: RouteCollection {
    /// Empty field rows offered by the creation form.
    static let fieldRows = 5

    func boot(routes: any RoutesBuilder) throws {
        routes.get("bao-cao", use: list)
        routes.get("bao-cao", "tao", use: createForm)
        routes.post("bao-cao", "tao", use: create)
        routes.get("bao-cao", ":id", use: show)
        routes.on(.POST, "bao-cao", ":id", "nop", body: .collect(maxSize: "24mb"), use: submit)
        routes.get("bao-cao", ":id", "tep", ":unit", ":key", use: file)
    }

    /// The signed-in official, or nil (the caller redirects to the sign-in page).
    func official(_ req: Request) -> SignedIn? {
        guard let signedIn = req.auth.get(SignedIn.self), signedIn.actor.kind == .official else { return nil }
        return signedIn
    }

    func signInRedirect(_ req: Request) -> Response { req.redirect(to: "/dang-nhap", redirectType: .normal) }

    func context(_ req: Request, _ signedIn: SignedIn) -> ReportService.Context {
        let now = req.now
        return ReportService.Context(actor: signedIn.actor, now: now, period: { try? PeriodParameter.parse($0, now: now) })
    }

    /// A page that says what went wrong (403, 404, 409) instead of a JSON problem.
    func problemPage(_ signedIn: SignedIn, _ problem: Problem) -> Response {
        Workspace.page(title: problem.message, signedIn: signedIn, body: """
            <h1>\(t("Báo cáo định kỳ"))</h1>\(Workspace.alert(problem.message))<p><a href="/bao-cao">\(t("Về danh sách đợt báo cáo"))</a></p>
            """, status: HTTPStatus(statusCode: problem.status))
    }

    /// A number as Vietnamese readers write it, with as many decimals as it has (up to 6): "1.234,5", "4".
    static func number(_ value: Double) -> String {
        var decimals = 0
        while decimals < 6 {
            let scaled = value * pow(10, Double(decimals))
            if abs(scaled - scaled.rounded()) < 1e-6 { break }
            decimals += 1
        }
        return VietnameseNumber.format(value, decimals: decimals)
    }

    static func figureName(_ key: String?) -> String? {
        key.flatMap { key in FigureDefinition.all.first { $0.key.rawValue == key }.map { t($0.name) } }
    }

    /// Why a unit may not submit (`ReportService.Form.blocked`, Vietnamese) in the page's language.
    static func blockedText(_ blocked: String, unit: String) -> String {
        guard Language.current == .en else { return blocked }
        if blocked.hasPrefix("Chỉ lãnh đạo hoặc quản trị của ") { return t("Chỉ lãnh đạo hoặc quản trị của {0} được nộp báo cáo của đơn vị.", unit) }
        return tIfKnown(blocked)
    }

    // MARK: the list

    @Sendable func list(req: Request) async throws -> Response {
        guard let signedIn = official(req) else { return signInRedirect(req) }
        let campaigns = try await ReportService.campaigns(context: context(req, signedIn), on: req.db)
        let province = AccessPolicy.isProvinceAdministrator(signedIn.actor)
        let rows = campaigns.map { campaign -> String in
            let units = campaign.units
            let situation: String
            if province {
                let done = units.filter { $0.status == .submitted || $0.status == .late }.count
                let overdue = units.filter { $0.status == .overdue }.count
                situation = t("Đã nộp {0}/{1}", String(done), String(campaign.unitCount)) + (overdue > 0 ? " · <span class=\"status\" style=\"color:var(--red)\">\(t("{0} quá hạn", String(overdue)))</span>" : "")
            } else {
                situation = units.map { "\(HTML.escape($0.name)): <span class=\"status\" data-status=\"\($0.status.rawValue)\">\(HTML.escape(t($0.status.label)))</span>" }
                    .joined(separator: "<br>")
            }
            return """
                <tr data-id="\(campaign.id)"><td><a href="/bao-cao/\(campaign.id)">\(HTML.escape(campaign.model.title))</a></td>
                <td>\(HTML.escape(campaign.model.period))</td><td>\(HTML.escape(PageTime.format(campaign.model.dueAt)))</td><td>\(situation)</td></tr>
                """
        }.joined()
        return Workspace.page(title: t("Báo cáo định kỳ"), signedIn: signedIn, body: """
            <h1>\(t("Báo cáo định kỳ"))</h1>
            \(province ? "<p><a class=\"button\" href=\"/bao-cao/tao\">\(t("Tạo đợt báo cáo"))</a></p>" : "")
            <div class="table-wrap"><table><thead><tr><th scope="col">\(t("Đợt báo cáo"))</th><th scope="col">\(t("Kỳ báo cáo"))</th>
            <th scope="col">\(t("Hạn nộp"))</th><th scope="col">\(province ? t("Tình hình nộp") : t("Tình trạng của đơn vị"))</th></tr></thead>
            <tbody>\(rows.isEmpty ? "<tr><td colspan=\"4\">\(t("Chưa có đợt báo cáo."))</td></tr>" : rows)</tbody></table></div>
            """)
    }

    // MARK: creating a campaign

    /// One row of the template as typed.
    struct FieldRow: Content {
        var label: String?
        var kind: String?
        var figure: String?
        var required: String?

        /// An untouched row (no label, no figure) is ignored.
        var isEmpty: Bool {
            (label ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty && (figure ?? "").isEmpty
        }
    }

    /// What the creation form holds, kept when it comes back with errors.
    struct CreateForm: Content {
        var _csrf: String?
        var title: String?
        var description: String?
        var period: String?
        var dueDate: String?
        var dueTime: String?
        var fields: [FieldRow]?
        var allCommunes: String?
        var allDepartments: String?
        var units: [String]?
    }

    @Sendable func createForm(req: Request) async throws -> Response {
        guard let signedIn = official(req) else { return signInRedirect(req) }
        guard AccessPolicy.isProvinceAdministrator(signedIn.actor) else {
            return problemPage(signedIn, Problem.forbidden("Chỉ quản trị cấp tỉnh được tạo đợt báo cáo", "Only the province administrator creates report campaigns."))
        }
        return try await createPage(req, signedIn, form: CreateForm(dueTime: "17:00"), errors: [:], message: nil)
    }

    func createPage(_ req: Request, _ signedIn: SignedIn, form: CreateForm, errors: [String: String], message: String?,
                    status: HTTPStatus = .ok) async throws -> Response {
        func anchor(_ key: String) -> String {
            key.replacingOccurrences(of: "[", with: "-").replacingOccurrences(of: "]", with: "").replacingOccurrences(of: ".", with: "-")
        }
        func error(_ key: String) -> String {
            errors[key].map { "<p class=\"field-error\" id=\"\(anchor(key))-error\">\(HTML.escape($0))</p>" } ?? ""
        }
        func described(_ key: String) -> String {
            errors[key] == nil ? "" : " aria-describedby=\"\(anchor(key))-error\" aria-invalid=\"true\""
        }
        let units = try await UnitModel.query(on: req.db).filter(\.$validUntil == nil)
            .filter(\.$kind ~~ [.department, .commune, .ward, .township, .specialZone]).sort(\.$name).all()
        let chosen = Set(form.units ?? [])
        func options(_ kinds: [UnitKind]) -> String {
            units.filter { kinds.contains($0.kind) && ($0.kind == .department || $0.structure == .y2025) }.map {
                "<option value=\"\(HTML.escape($0.code))\"\(chosen.contains($0.code) ? " selected" : "")>\(HTML.escape($0.name))</option>"
            }.joined()
        }
        let rows = form.fields ?? []
        let fieldRows = (0..<max(Self.fieldRows, rows.count)).map { index -> String in
            let row = index < rows.count ? rows[index] : FieldRow()
            let at = "fields[\(index)]", id = "fields-\(index)"
            let kinds = ReportService.FieldKind.allCases.map {
                "<option value=\"\($0.rawValue)\"\((row.kind ?? "number") == $0.rawValue ? " selected" : "")>\(HTML.escape(t($0.label)))</option>"
            }.joined()
            let figures = FigureDefinition.all.map {
                "<option value=\"\($0.key.rawValue)\"\(row.figure == $0.key.rawValue ? " selected" : "")>\(HTML.escape(t($0.name)))</option>"
            }.joined()
            return """
                <fieldset class="report-field"><legend>\(t("Trường {0}", String(index + 1)))</legend>
                <label for="\(id)-label">\(t("Tên trường"))</label><input id="\(id)-label" name="\(at)[label]" value="\(HTML.escape(row.label ?? ""))" maxlength="200"\(described("\(at).label"))>\(error("\(at).label"))\(error("\(at).key"))
                <label for="\(id)-kind">\(t("Loại"))</label><select id="\(id)-kind" name="\(at)[kind]"\(described("\(at).kind"))>\(kinds)</select>\(error("\(at).kind"))
                <label for="\(id)-figure">\(t("Điền sẵn từ số liệu (trường số)"))</label><select id="\(id)-figure" name="\(at)[figure]"\(described("\(at).figure"))><option value="">— \(t("Không", sense: "none")) —</option>\(figures)</select>\(error("\(at).figure"))
                <label for="\(id)-required"><input id="\(id)-required" name="\(at)[required]" type="checkbox" value="on" style="width:auto"\(row.required == nil ? "" : " checked")> \(t("Bắt buộc"))</label>
                </fieldset>
                """
        }.joined()
        return Workspace.page(title: t("Tạo đợt báo cáo"), signedIn: signedIn, body: """
            <h1>\(t("Tạo đợt báo cáo định kỳ"))</h1>\(Workspace.alert(message))
            <form method="post" action="/bao-cao/tao" novalidate>\(Workspace.csrfField(signedIn))
            <label for="title">\(t("Tên đợt báo cáo"))</label><input id="title" name="title" value="\(HTML.escape(form.title ?? ""))" maxlength="300"\(described("title"))>\(error("title"))
            <label for="description">\(t("Hướng dẫn cho đơn vị"))</label><textarea id="description" name="description" rows="3"\(described("description"))>\(HTML.escape(form.description ?? ""))</textarea>\(error("description"))
            <label for="period">\(t("Kỳ báo cáo"))</label><input id="period" name="period" value="\(HTML.escape(form.period ?? ""))" aria-describedby="period-hint\(errors["period"] == nil ? "" : " period-error")"\(errors["period"] == nil ? "" : " aria-invalid=\"true\"")>
            <small id="period-hint">\(t("Năm 2026, quý 2026-Q1, tháng 2026-03 hoặc khoảng 2026-03-01..2026-03-31 — số liệu điền sẵn tính theo kỳ này."))</small>\(error("period"))
            <label for="dueDate">\(t("Hạn nộp — ngày"))</label><input id="dueDate" name="dueDate" type="date" value="\(HTML.escape(form.dueDate ?? ""))"\(described("dueAt"))>
            <label for="dueTime">\(t("Hạn nộp — giờ"))</label><input id="dueTime" name="dueTime" type="time" value="\(HTML.escape(form.dueTime ?? "17:00"))">\(error("dueAt"))
            <h2>\(t("Các trường của biểu mẫu"))</h2><p>\(t("Điền các trường cần báo cáo; dòng để trống được bỏ qua."))</p>\(error("fields"))
            \(fieldRows)
            <h2>\(t("Đơn vị phải báo cáo"))</h2>\(error("units"))\(error("unitGroups"))
            <label for="allCommunes"><input id="allCommunes" name="allCommunes" type="checkbox" value="on" style="width:auto"\(form.allCommunes == nil ? "" : " checked")> \(t("Tất cả xã, phường"))</label>
            <label for="allDepartments"><input id="allDepartments" name="allDepartments" type="checkbox" value="on" style="width:auto"\(form.allDepartments == nil ? "" : " checked")> \(t("Tất cả sở, ban, ngành"))</label>
            <label for="units">\(t("Hoặc chọn từng đơn vị (giữ Ctrl để chọn nhiều)"))</label>
            <select id="units" name="units[]" multiple size="10"\(described("units"))><optgroup label="\(t("Sở, ban, ngành"))">\(options([.department]))</optgroup>
            <optgroup label="\(t("Xã, phường, đặc khu"))">\(options([.commune, .ward, .township, .specialZone]))</optgroup></select>
            <button type="submit">\(t("Tạo đợt báo cáo"))</button></form>
            """, status: status)
    }

    @Sendable func create(req: Request) async throws -> Response {
        guard let signedIn = official(req) else { return signInRedirect(req) }
        let form = try req.content.decode(CreateForm.self)
        try Workspace.checkCSRF(req, signedIn, given: form._csrf)
        // the rows that were filled in, and where each came from (to put its errors beside it)
        let filled = (form.fields ?? []).enumerated().filter { !$0.element.isEmpty }
        var errors: [String: String] = [:]
        var dueAt: Date?
        if let day = (form.dueDate ?? "").isEmpty ? nil : form.dueDate {
            if let instant = Self.instant(day: day, time: form.dueTime ?? "") { dueAt = instant } else {
                errors["dueAt"] = t("Ngày giờ không hợp lệ.")
            }
        }
        let input = ReportService.NewCampaign(
            title: form.title, description: form.description, period: form.period, dueAt: dueAt,
            fields: filled.map { ReportService.FieldInput(label: $0.element.label, kind: $0.element.kind ?? "number",
                                                          figure: $0.element.figure, required: $0.element.required != nil) },
            units: form.units ?? [],
            unitGroups: (form.allCommunes == nil ? [] : ["communes"]) + (form.allDepartments == nil ? [] : ["departments"]))
        do {
            // an invalid date leaves dueAt nil: the service reports it with every other problem, the message above wins
            let campaign = try await ReportService.create(input, context: context(req, signedIn), on: req.db)
            return req.redirect(to: "/bao-cao/\(campaign.id)", redirectType: .normal)
        } catch let problem as Problem where problem.status == 400 {
            var mapped = errors
            for (key, message) in problem.fieldMessages where mapped[key] == nil {
                // "fields[2].label" of the filled rows → the row where it was typed
                if key.hasPrefix("fields["), let close = key.firstIndex(of: "]"),
                   let index = Int(key[key.index(key.startIndex, offsetBy: 7)..<close]), index < filled.count {
                    mapped["fields[\(filled[index].offset)]" + key[key.index(after: close)...]] = message
                } else if key == "dueAt", dueAt == nil, (form.dueDate ?? "").isEmpty {
                    mapped[key] = t("Chọn ngày hạn nộp.")
                } else {
                    mapped[key] = message
                }
            }
            return try await createPage(req, signedIn, form: form, errors: mapped, message: problem.message, status: .badRequest)
        } catch let problem as Problem {
            return problemPage(signedIn, problem)
        }
    }

    /// "2026-03-31" and "17:00" as the instant in Vietnam time; nil when either is not valid. No time means 17:00.
    static func instant(day: String, time: String) -> Date? {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        let date = Period.Day(year: parts[0], month: parts[1], day: parts[2])
        guard Period.Day(daysSinceEpoch: date.daysSinceEpoch) == date else { return nil }
        let clock = (time.isEmpty ? "17:00" : time).split(separator: ":").compactMap { Int($0) }
        guard clock.count >= 2, (0...23).contains(clock[0]), (0...59).contains(clock[1]) else { return nil }
        return date.midnight.addingTimeInterval(Double(clock[0] * 3600 + clock[1] * 60))
    }

    // MARK: one campaign

    @Sendable func show(req: Request) async throws -> Response {
        guard let signedIn = official(req) else { return signInRedirect(req) }
        do {
            let id = try ReportRoutes.campaignID(req)
            let unit = req.query[String.self, at: "don-vi"]
            if unit == nil, AccessPolicy.isProvinceAdministrator(signedIn.actor) {
                return try await provincePage(req, signedIn, id: id)
            }
            let form = try await ReportService.form(campaignID: id, unitCode: unit, context: context(req, signedIn), on: req.db)
            let message = req.query[String.self, at: "da-nop"] == nil ? nil
                : t("Đã nộp báo cáo lúc {0}.", form.unit.submission.map { PageTime.format($0.submittedAt) } ?? "")
            return unitPage(signedIn, form: form, typed: [:], kept: [:], errors: [:], message: message, ok: message != nil)
        } catch let problem as Problem where [403, 404].contains(problem.status) {
            return problemPage(signedIn, problem)
        }
    }

    /// The province's view: every unit's status (late in red), the aggregate and the downloads.
    func provincePage(_ req: Request, _ signedIn: SignedIn, id: UUID) async throws -> Response {
        let campaign = try await ReportService.campaign(id: id, context: context(req, signedIn), on: req.db)
        let model = campaign.model
        let counts = ReportRoutes.CountsDTO(campaign.units)
        let rows = campaign.units.map { row -> String in
            let late = row.status == .late || row.status == .overdue
            return """
                <tr data-unit="\(HTML.escape(row.code))"\(row.status == .overdue ? " class=\"overdue\"" : "")><td>\(HTML.escape(row.code))</td>
                <td><a href="/bao-cao/\(id)?don-vi=\(HTML.escape(row.code))">\(HTML.escape(row.name))</a></td>
                <td class="status\(late ? " late" : "")" data-status="\(row.status.rawValue)">\(HTML.escape(t(row.status.label)))</td>
                <td>\(row.submission.map { HTML.escape(PageTime.format($0.submittedAt)) } ?? "—")</td>
                <td>\(HTML.escape(row.submission?.submittedBy ?? ""))</td></tr>
                """
        }.joined()
        let aggregate = ReportService.aggregate(campaign).map { item -> String in
            """
            <tr data-field="\(HTML.escape(item.field.key))"><th scope="row">\(HTML.escape(item.field.label))</th><td>\(HTML.escape(t(item.field.kind.label)))</td>
            <td class="num" data-answers>\(item.answers)</td><td class="num" data-sum>\(item.sum.map(Self.number) ?? "—")</td>
            <td class="num" data-average>\(item.average.map { Self.number(($0 * 100).rounded() / 100) } ?? "—")</td></tr>
            """
        }.joined()
        let fields = campaign.fields.map { field in
            "<li>\(HTML.escape(field.label)) — \(HTML.escape(t(field.kind.label)))\(field.required ? ", " + t("bắt buộc") : "")\(Self.figureName(field.figure).map { ", " + t("điền sẵn từ: {0}", HTML.escape($0)) } ?? "")</li>"
        }.joined()
        let export = "/api/v1/reports/\(id)/export"
        return Workspace.page(title: model.title, signedIn: signedIn, body: """
            <h1>\(HTML.escape(model.title))</h1>
            <dl><dt>\(t("Kỳ báo cáo"))</dt><dd>\(HTML.escape(model.period))</dd><dt>\(t("Hạn nộp"))</dt><dd>\(HTML.escape(PageTime.format(model.dueAt)))</dd>
            <dt>\(t("Người tạo"))</dt><dd>\(HTML.escape(model.createdBy)), \(HTML.escape(PageTime.format(model.createdAt)))</dd>
            \(model.instructions.isEmpty ? "" : "<dt>\(t("Hướng dẫn"))</dt><dd>\(HTML.escape(model.instructions))</dd>")</dl>
            <p id="tinh-hinh">\(t("Đã nộp {0}/{1} đơn vị · nộp muộn {2} · quá hạn chưa nộp {3} · chưa nộp {4}", String(counts.submitted + counts.late), String(campaign.unitCount), String(counts.late), String(counts.overdue), String(counts.pending)))</p>
            <p>\(t("Tải về:")) <a href="\(export)?format=csv">CSV</a> · <a href="\(export)?format=xlsx">XLSX</a></p>
            <section aria-labelledby="tong-hop"><h2 id="tong-hop">\(t("Tổng hợp"))</h2>
            <div class="table-wrap"><table><thead><tr><th scope="col">\(t("Trường"))</th><th scope="col">\(t("Loại"))</th><th scope="col">\(t("Số đơn vị trả lời"))</th>
            <th scope="col">\(t("Tổng"))</th><th scope="col">\(t("Trung bình"))</th></tr></thead><tbody>\(aggregate)</tbody></table></div></section>
            <section aria-labelledby="don-vi"><h2 id="don-vi">\(t("Tình hình nộp của đơn vị"))</h2>
            <div class="table-wrap"><table><thead><tr><th scope="col">\(t("Mã"))</th><th scope="col">\(t("Đơn vị"))</th><th scope="col">\(t("Tình trạng"))</th>
            <th scope="col">\(t("Thời điểm nộp"))</th><th scope="col">\(t("Người nộp", sense: "report"))</th></tr></thead><tbody>\(rows)</tbody></table></div></section>
            <section aria-labelledby="bieu-mau"><h2 id="bieu-mau">\(t("Biểu mẫu"))</h2><ul>\(fields)</ul></section>
            """)
    }

    /// A unit's form: typed values (after an error) come first, then what the unit submitted, then the figures.
    func unitPage(_ signedIn: SignedIn, form: ReportService.Form, typed: [String: String], kept: [String: String],
                  errors: [String: String], message: String?, ok: Bool = false, status: HTTPStatus = .ok) -> Response {
        let model = form.campaign.model
        let id = form.campaign.id
        let disabled = form.canSubmit ? "" : " disabled"
        func error(_ key: String) -> String {
            errors[key].map { "<p class=\"field-error\" id=\"f-\(HTML.escape(key))-error\">\(HTML.escape($0))</p>" } ?? ""
        }
        let fields = form.fields.map { item -> String in
            let field = item.field
            let key = HTML.escape(field.key)
            let id = "f-\(key)"
            var describedBy: [String] = []
            var hint = ""
            if field.kind == .number, let name = Self.figureName(field.figure) {
                hint = "<small id=\"\(id)-hint\">" + t("Tính sẵn từ số liệu {0}, kỳ {1}: {2}", HTML.escape(name), HTML.escape(model.period),
                                                        "<span data-prefill>\(item.prefill.map(Self.number) ?? t("không có số liệu"))</span>") + "</small>"
                describedBy.append("\(id)-hint")
            }
            if errors[field.key] != nil { describedBy.append("\(id)-error") }
            let aria = (describedBy.isEmpty ? "" : " aria-describedby=\"\(describedBy.joined(separator: " "))\"")
                + (errors[field.key] == nil ? "" : " aria-invalid=\"true\"")
            let label = "<label for=\"\(id)\">\(HTML.escape(field.label))\(field.required ? " " + t("(bắt buộc)") : "")</label>"
            switch field.kind {
            case .number:
                let value = typed[field.key] ?? item.value?.number.map(Self.number) ?? item.prefill.map(Self.number) ?? ""
                return label + "<input id=\"\(id)\" name=\"values[\(key)]\" inputmode=\"decimal\" value=\"\(HTML.escape(value))\"\(aria)\(disabled)>" + hint + error(field.key)
            case .text:
                let value = typed[field.key] ?? item.value?.text ?? ""
                return label + "<textarea id=\"\(id)\" name=\"values[\(key)]\" rows=\"3\"\(aria)\(disabled)>\(HTML.escape(value))</textarea>" + error(field.key)
            case .file:
                let sha = kept[field.key] ?? item.file
                let current = sha.map { sha in
                    "<p>" + t("Tệp đã có: {0} ({1}…); chọn tệp khác để thay.", "<a href=\"/bao-cao/\(form.campaign.id)/tep/\(HTML.escape(form.unit.code))/\(key)\">\(t("tải về"))</a>", HTML.escape(String(sha.prefix(12)))) + "</p>"
                        + (kept[field.key] == nil ? "" : "<input type=\"hidden\" name=\"kept[\(key)]\" value=\"\(HTML.escape(sha))\">")
                } ?? ""
                return label + current + "<input id=\"\(id)\" name=\"files[\(key)]\" type=\"file\"\(aria)\(disabled)>" + error(field.key)
            }
        }.joined()
        let late = form.unit.status == .overdue && form.canSubmit
        let statusClass = form.unit.status == .late || form.unit.status == .overdue ? " late" : ""
        let notice = form.blocked.map { "<p class=\"error\" id=\"khong-nop\">\(HTML.escape(Self.blockedText($0, unit: form.unit.name)))</p>" } ?? ""
        let flash = ok ? (message.map { "<p class=\"ok\" role=\"status\">\(HTML.escape($0))</p>" } ?? "") : Workspace.alert(message)
        let back = AccessPolicy.isProvinceAdministrator(signedIn.actor) ? "<p><a href=\"/bao-cao/\(id)\">\(t("Về bảng tổng hợp"))</a></p>" : ""
        return Workspace.page(title: "\(model.title) — \(form.unit.name)", signedIn: signedIn, body: """
            <h1>\(HTML.escape(model.title))</h1>\(back)
            <dl><dt>\(t("Đơn vị"))</dt><dd>\(HTML.escape(form.unit.name))</dd><dt>\(t("Kỳ báo cáo"))</dt><dd>\(HTML.escape(model.period))</dd>
            <dt>\(t("Hạn nộp"))</dt><dd>\(HTML.escape(PageTime.format(model.dueAt)))</dd>
            <dt>\(t("Tình trạng"))</dt><dd class="status\(statusClass)" data-status="\(form.unit.status.rawValue)">\(HTML.escape(t(form.unit.status.label)))\(form.unit.submission.map { " " + t("lúc {0} ({1})", HTML.escape(PageTime.format($0.submittedAt)), HTML.escape($0.submittedBy)) } ?? "")</dd>
            \(model.instructions.isEmpty ? "" : "<dt>\(t("Hướng dẫn"))</dt><dd>\(HTML.escape(model.instructions))</dd>")</dl>
            \(flash)\(notice)\(late ? "<p class=\"error\">\(t("Đã quá hạn nộp: báo cáo nộp bây giờ được ghi là nộp muộn."))</p>" : "")
            <form method="post" action="/bao-cao/\(id)/nop" enctype="multipart/form-data" novalidate>\(Workspace.csrfField(signedIn))
            <input type="hidden" name="unit" value="\(HTML.escape(form.unit.code))">\(error("unit"))
            \(fields)
            \(form.canSubmit ? """
            <label for="note">\(t("Ghi chú (ví dụ lý do nộp lại)"))</label><textarea id="note" name="note" rows="2"></textarea>
            <button type="submit">\(form.unit.submission == nil ? t("Nộp báo cáo") : t("Nộp lại báo cáo"))</button>
            """ : "")</form>
            """, status: status)
    }

    // MARK: submitting

    /// What the unit's form sends: values by field key, new files, the files already uploaded (after an error).
    struct SubmitForm: Content {
        var _csrf: String?
        var unit: String?
        var values: [String: String]?
        var files: [String: File]?
        var kept: [String: String]?
        var note: String?
    }

    @Sendable func submit(req: Request) async throws -> Response {
        guard let signedIn = official(req) else { return signInRedirect(req) }
        let body = try req.content.decode(SubmitForm.self)
        try Workspace.checkCSRF(req, signedIn, given: body._csrf)
        let context = context(req, signedIn)
        do {
            let id = try ReportRoutes.campaignID(req)
            let unit = body.unit ?? ""
            // the unit's form as it stands (403/404 before anything is stored)
            let current = try await ReportService.form(campaignID: id, unitCode: unit, context: context, on: req.db)
            guard current.canSubmit else { throw Problem.forbidden(current.blocked ?? "Bạn không được nộp báo cáo này", "You may not submit this report.") }
            var files = current.fields.reduce(into: [String: String]()) { files, item in if let sha = item.file { files[item.field.key] = sha } }
            var kept = body.kept ?? [:]
            for (key, sha) in kept { files[key] = sha }
            var errors: [String: String] = [:]
            for (key, file) in body.files ?? [:] {
                switch try await Workspace.store(file, from: req, by: signedIn) {
                case .success(let sha):
                    files[key] = sha
                    kept[key] = sha
                case .failure(let error): errors[key] = error.message
                case nil: break
                }
            }
            let typed = body.values ?? [:]
            guard errors.isEmpty else {
                return unitPage(signedIn, form: current, typed: typed, kept: kept, errors: errors, message: t("Tệp đính kèm chưa hợp lệ."),
                                status: .badRequest)
            }
            let input = ReportService.SubmissionInput(unit: unit, values: typed.mapValues { .text($0) }, files: files,
                                                      note: body.note)
            do {
                _ = try await ReportService.submit(campaignID: id, input: input, context: context, on: req.db)
                return req.redirect(to: "/bao-cao/\(id)?don-vi=\(unit.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? unit)&da-nop=1",
                                    redirectType: .normal)
            } catch let problem as Problem where problem.status == 400 {
                var mapped: [String: String] = [:]
                for (key, message) in problem.fieldMessages {
                    let field = key.hasPrefix("values.") ? String(key.dropFirst(7)) : key.hasPrefix("files.") ? String(key.dropFirst(6)) : key
                    if mapped[field] == nil { mapped[field] = message }
                }
                return unitPage(signedIn, form: current, typed: typed, kept: kept, errors: mapped, message: problem.message, status: .badRequest)
            } catch let problem as Problem where problem.status == 409 {
                let form = try await ReportService.form(campaignID: id, unitCode: unit, context: context, on: req.db)
                return unitPage(signedIn, form: form, typed: typed, kept: [:], errors: [:], message: problem.message, status: .conflict)
            }
        } catch let problem as Problem where [403, 404].contains(problem.status) {
            return problemPage(signedIn, problem)
        }
    }

    // MARK: files

    /// A file a unit attached to its report, for whoever sees the unit's form.
    @Sendable func file(req: Request) async throws -> Response {
        guard let signedIn = official(req) else { return signInRedirect(req) }
        let form = try await ReportService.form(campaignID: try ReportRoutes.campaignID(req), unitCode: req.parameters.get("unit") ?? "",
                                                context: context(req, signedIn), on: req.db)
        let key = req.parameters.get("key") ?? ""
        guard let sha = form.fields.first(where: { $0.field.key == key })?.file,
              let response = try await Workspace.download(sha, fallback: "tep", on: req) else {
            throw Problem.notFound("Không tìm thấy tệp", "No file for field \(key).")
        }
        return response
    }
}
