import Access
import Core
import Fluent
import Foundation
import Organisation
import Storage
import Vapor
import WorkCalendar

/// Units and people in the administration pages: the unit tree level by level within the administrator's scope,
/// creating a unit under a parent, ending a unit with a reason; the officials of the scope, creating an official with
/// a role, giving a role, taking a role away with a reason.
extension AdminPages {
    // MARK: units

    /// The unit named in the path, or 404.
    func pathUnit(_ req: Request) async throws -> UnitModel {
        let code = req.parameters.get("code") ?? ""
        guard let unit = try await UnitModel.find(code: code, on: req.db) else {
            throw Problem.notFound("Không tìm thấy đơn vị", "No unit with code \(code).")
        }
        return unit
    }

    /// Requires `permission` on `unit`: a 403 page otherwise.
    static func require(_ signedIn: SignedIn, _ permission: Permission, on unit: UnitModel) throws {
        guard AccessPolicy.allows(signedIn.actor, permission, onUnitAt: unit.path) else {
            throw Problem.forbidden("Đơn vị này nằm ngoài phạm vi quản trị của bạn", "The unit is outside your administration scope.")
        }
    }

    /// The units at the top of the scopes (a scope inside another is left out).
    static func roots(_ scopes: [String], on db: any Database) async throws -> [UnitModel] {
        let top = scopes.filter { scope in !scopes.contains { $0 != scope && UnitPath.isWithin(scope, scope: $0) } }
        return try await UnitModel.query(on: db).filter(\.$path ~~ Array(Set(top))).sort(\.$path).all()
    }

    @Sendable func unitsHome(req: Request) async throws -> Response {
        try await page(req) { signedIn in
            let scopes = AccessPolicy.scopes(of: signedIn.actor, for: .manageUnits)
            guard !scopes.isEmpty else { throw Problem.forbidden("Bạn không quản trị đơn vị nào", "You administer no unit.") }
            let roots = try await Self.roots(scopes, on: req.db)
            if roots.count == 1 { return req.redirect(to: "/quan-tri/don-vi/\(Self.segment(roots[0].code))", redirectType: .normal) }
            let items = roots.map { "<li><a href=\"/quan-tri/don-vi/\(Self.segment($0.code))\">\(HTML.escape($0.name))</a></li>" }.joined()
            return Workspace.page(title: t("Đơn vị"), signedIn: signedIn, body: "<h1>\(t("Đơn vị bạn quản trị"))</h1><ul>\(items)</ul>")
        }
    }

    @Sendable func unit(req: Request) async throws -> Response {
        try await page(req) { signedIn in
            let unit = try await pathUnit(req)
            try Self.require(signedIn, .manageUnits, on: unit)
            let message = req.query[String.self, at: "da-tao"].map { t("Đã thêm đơn vị {0}.", $0) }
                ?? (req.query[String.self, at: "da-ket-thuc"] == nil ? nil : t("Đã kết thúc hiệu lực của đơn vị."))
            return try await unitPage(req, signedIn, unit: unit,
                                      create: FormFields(values: ["validFrom": Self.today(req), "kind": UnitKind.office.rawValue]),
                                      end: FormFields(), message: message, ok: message != nil)
        }
    }

    func unitPage(_ req: Request, _ signedIn: SignedIn, unit: UnitModel, create: FormFields, end: FormFields,
                  message: String?, ok: Bool = false, status: HTTPStatus = .ok) async throws -> Response {
        let paging = try Paging(req, defaultLimit: 50)
        let all = req.query[String.self, at: "tat-ca"] == "1"
        let today = Self.today(req)
        let unitID = try unit.requireID()
        var query = UnitModel.query(on: req.db).filter(\.$parent.$id == unitID)
        if !all { query = query.group(.or) { $0.filter(\.$validUntil == nil).filter(\.$validUntil >= today) } }
        let (children, total) = try await paging.rows(of: query, sorted: { $0.sort(\.$kind).sort(\.$name).sort(\.$code) })
        // the way down from the top of the administrator's scope
        let codes = unit.path.split(separator: "/").map(String.init)
        let ancestors = try await UnitModel.query(on: req.db).filter(\.$code ~~ codes).all().sorted { $0.path.count < $1.path.count }
        let crumbs = ancestors.map { ancestor -> String in
            ancestor.code == unit.code ? "<span aria-current=\"page\">\(HTML.escape(ancestor.name))</span>"
                : AccessPolicy.allows(signedIn.actor, .manageUnits, onUnitAt: ancestor.path)
                ? "<a href=\"/quan-tri/don-vi/\(Self.segment(ancestor.code))\">\(HTML.escape(ancestor.name))</a>" : HTML.escape(ancestor.name)
        }.joined(separator: " › ")
        let rows = children.map { child -> String in
            let validity = child.validUntil.map { t("đến {0}", $0) } ?? t("từ {0}", child.validFrom)
            return """
                <tr data-code="\(HTML.escape(child.code))"><td>\(HTML.escape(child.code))</td><td><a href="/quan-tri/don-vi/\(Self.segment(child.code))">\(HTML.escape(child.name))</a></td>
                <td>\(HTML.escape(t(child.kind.label)))</td><td>\(HTML.escape(validity))</td></tr>
                """
        }.joined()
        let code = Self.segment(unit.code)
        let csrf = Workspace.csrfField(signedIn)
        let kinds = UnitKind.allCases.filter { $0 != .province }.map { (value: $0.rawValue, label: t($0.label)) }
        let endForm = unit.validUntil == nil ? """
            <section aria-labelledby="ket-thuc"><h2 id="ket-thuc">\(t("Kết thúc hiệu lực của đơn vị"))</h2>
            <p>\(t("Đơn vị đã được dùng thì không xóa mà kết thúc hiệu lực; hồ sơ và văn bản cũ vẫn giữ đơn vị này."))</p>
            <form method="post" action="/quan-tri/don-vi/\(code)/ket-thuc" novalidate>\(csrf)
            \(end.input("lastDay", t("Ngày cuối cùng có hiệu lực"), type: "date"))
            \(end.textarea("reason", t("Lý do (ví dụ: số quyết định sắp xếp)")))
            <button type="submit" class="secondary">\(t("Kết thúc hiệu lực"))</button></form></section>
            """ : "<p class=\"status\">\(t("Đơn vị đã hết hiệu lực sau ngày {0}.", HTML.escape(unit.validUntil ?? "")))</p>"
        let filter = all ? "<a href=\"/quan-tri/don-vi/\(code)\">\(t("Chỉ hiện đơn vị còn hiệu lực"))</a>"
            : "<a href=\"/quan-tri/don-vi/\(code)?tat-ca=1\">\(t("Hiện cả đơn vị đã hết hiệu lực"))</a>"
        return Workspace.page(title: t("Đơn vị {0}", unit.name), signedIn: signedIn, body: """
            <nav aria-label="\(t("Vị trí trong cây đơn vị"))" class="crumbs"><a href="/quan-tri">\(t("Quản trị"))</a> › \(crumbs)</nav>
            <h1>\(HTML.escape(unit.name))</h1>\(ok ? message.map { "<p class=\"ok\" role=\"status\">\(HTML.escape($0))</p>" } ?? "" : Workspace.alert(message))
            <dl><dt>\(t("Mã đơn vị"))</dt><dd>\(HTML.escape(unit.code))</dd><dt>\(t("Loại"))</dt><dd>\(HTML.escape(t(unit.kind.label)))</dd>
            <dt>\(t("Mã định danh điện tử"))</dt><dd>\(HTML.escape(unit.agencyCode ?? "—"))</dd>
            <dt>\(t("Hiệu lực"))</dt><dd>\(unit.validUntil.map { t("từ {0} đến {1}", HTML.escape(unit.validFrom), HTML.escape($0)) } ?? t("từ {0}", HTML.escape(unit.validFrom)))</dd></dl>
            <p><a href="/quan-tri/can-bo?don-vi=\(Self.queryValue(unit.code))">\(t("Cán bộ của đơn vị"))</a></p>
            <h2>\(t("Đơn vị trực thuộc"))</h2><p>\(t("{0} đơn vị", String(total))) · \(filter)</p>
            <div class="table-wrap"><table><thead><tr><th scope="col">\(t("Mã"))</th><th scope="col">\(t("Tên đơn vị"))</th><th scope="col">\(t("Loại"))</th><th scope="col">\(t("Hiệu lực"))</th></tr></thead>
            <tbody>\(rows.isEmpty ? "<tr><td colspan=\"4\">\(t("Không có đơn vị trực thuộc."))</td></tr>" : rows)</tbody></table></div>
            \(Self.pager("/quan-tri/don-vi/\(code)", query: all ? "tat-ca=1" : "", paging: paging, total: total))
            \(unit.validUntil == nil ? """
            <section aria-labelledby="tao"><h2 id="tao">\(t("Thêm đơn vị trực thuộc"))</h2>
            <form method="post" action="/quan-tri/don-vi/\(code)/tao" novalidate>\(csrf)
            \(create.input("code", t("Mã đơn vị"), hint: t("Không dấu cách, không dấu /, ví dụ 02215.VHXH")))
            \(create.input("name", t("Tên đơn vị")))
            \(create.select("kind", t("Loại đơn vị"), options: kinds, blank: "— " + t("Chọn") + " —"))
            \(create.input("agencyCode", t("Mã định danh điện tử (nếu có)"), hint: t("Định dạng 000.00.00.H60")))
            \(create.input("validFrom", t("Có hiệu lực từ ngày"), type: "date"))
            <button type="submit">\(t("Thêm đơn vị"))</button></form></section>
            """ : "")
            \(endForm)
            """, status: status)
    }

    struct UnitForm: Content {
        var _csrf: String?
        var code: String?
        var name: String?
        var kind: String?
        var agencyCode: String?
        var validFrom: String?
    }

    @Sendable func createUnit(req: Request) async throws -> Response {
        try await page(req) { signedIn in
            let parent = try await pathUnit(req)
            let form = (try? req.content.decode(UnitForm.self)) ?? UnitForm()
            try Workspace.checkCSRF(req, signedIn, given: form._csrf)
            try Self.require(signedIn, .manageUnits, on: parent)
            var fields = FormFields(values: ["code": form.code ?? "", "name": form.name ?? "", "kind": form.kind ?? "",
                                             "agencyCode": form.agencyCode ?? "", "validFrom": form.validFrom ?? ""])
            do {
                let unit = try await UnitStore.create(code: form.code ?? "", name: form.name ?? "",
                                                      kind: form.kind.flatMap(UnitKind.init(rawValue:)), under: parent,
                                                      agencyCode: form.agencyCode, validFrom: form.validFrom ?? "",
                                                      actor: signedIn.actor.username, at: req.now, on: req.db)
                req.application.unitDirectory.invalidate()
                return req.redirect(to: "/quan-tri/don-vi/\(Self.segment(parent.code))?da-tao=\(Self.queryValue(unit.code))",
                                    redirectType: .normal)
            } catch let problem as Problem where [400, 409].contains(problem.status) && !problem.fields.isEmpty {
                fields.errors = problem.fieldMessages
                return try await unitPage(req, signedIn, unit: parent, create: fields, end: FormFields(), message: problem.message,
                                          status: HTTPStatus(statusCode: problem.status))
            }
        }
    }

    struct EndForm: Content { var _csrf: String?; var lastDay: String?; var reason: String? }

    @Sendable func endUnit(req: Request) async throws -> Response {
        try await page(req) { signedIn in
            let unit = try await pathUnit(req)
            let form = (try? req.content.decode(EndForm.self)) ?? EndForm()
            try Workspace.checkCSRF(req, signedIn, given: form._csrf)
            try Self.require(signedIn, .manageUnits, on: unit)
            let lastDay = form.lastDay ?? "", reason = (form.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            var fields = FormFields(values: ["lastDay": lastDay, "reason": form.reason ?? ""])
            // every fault at once: the same rules as UnitStore.end, which checks them again
            if !LocalDateText.isValid(lastDay) {
                fields.errors["lastDay"] = t("Chọn ngày cuối cùng có hiệu lực.")
            } else if lastDay < unit.validFrom {
                fields.errors["lastDay"] = t("Ngày cuối không được trước ngày bắt đầu hiệu lực ({0}).", unit.validFrom)
            }
            if reason.isEmpty { fields.errors["reason"] = t("Vui lòng ghi rõ lý do.") }
            do {
                guard fields.errors.isEmpty else {
                    throw Problem.invalid("Chưa kết thúc được hiệu lực của đơn vị", "The unit's end could not be recorded.", fields: fields.errors)
                }
                try await UnitStore.end(unit, lastDay: lastDay, actor: signedIn.actor.username, reason: reason, at: req.now, on: req.db)
                req.application.unitDirectory.invalidate()
                return req.redirect(to: "/quan-tri/don-vi/\(Self.segment(unit.code))?da-ket-thuc=1", redirectType: .normal)
            } catch let problem as Problem where [400, 409].contains(problem.status) {
                if problem.status == 400, fields.errors.isEmpty { fields.errors["lastDay"] = problem.message }
                return try await unitPage(req, signedIn, unit: unit, create: FormFields(values: ["validFrom": Self.today(req)]),
                                          end: fields, message: problem.message, status: HTTPStatus(statusCode: problem.status))
            }
        }
    }

    // MARK: people

    /// The units in force inside `scopes`, in tree order, as choices ("— Phòng Văn hóa – Xã hội (02215.VHXH)").
    static func unitChoices(_ scopes: [String], today: String, on db: any Database) async throws -> [(value: String, label: String)] {
        guard !scopes.isEmpty else { return [] }
        let units = try await UnitModel.query(on: db)
            .group(.or) { group in scopes.forEach { group.filter(\.$path =~ $0) } }
            .group(.or) { $0.filter(\.$validUntil == nil).filter(\.$validUntil >= today) }
            .sort(\.$path).all()
        let top = units.map { $0.path.split(separator: "/").count }.min() ?? 1
        return units.map { unit in
            let depth = unit.path.split(separator: "/").count - top
            return (unit.code, String(repeating: "\u{00A0}\u{00A0}", count: depth) + (depth > 0 ? "— " : "") + "\(unit.name) (\(unit.code))")
        }
    }

    static var roleChoices: [(value: String, label: String)] { Role.allCases.map { (value: $0.rawValue, label: roleName($0)) } }

    /// The administrator's scopes for people, or a 403 page.
    static func peopleScopes(_ signedIn: SignedIn) throws -> [String] {
        let scopes = AccessPolicy.scopes(of: signedIn.actor, for: .managePeople)
        guard !scopes.isEmpty else { throw Problem.forbidden("Bạn không quản lý cán bộ của đơn vị nào", "You manage no unit's people.") }
        return scopes
    }

    @Sendable func people(req: Request) async throws -> Response {
        try await page(req) { signedIn in
            var paths = try Self.peopleScopes(signedIn)
            var unitName: String?
            let unitCode = req.query[String.self, at: "don-vi"].flatMap { $0.isEmpty ? nil : $0 }
            if let unitCode {
                guard let unit = try await UnitModel.find(code: unitCode, on: req.db) else {
                    throw Problem.notFound("Không tìm thấy đơn vị", "No unit \(unitCode).")
                }
                try Self.require(signedIn, .managePeople, on: unit)
                paths = [unit.path]
                unitName = unit.name
            }
            let search = (req.query[String.self, at: "q"] ?? "").trimmingCharacters(in: .whitespaces)
            let paging = try Paging(req, defaultLimit: 50)
            // officials holding a role in a unit of the scope: distinct, counted and cut in SQL
            var query = UserModel.query(on: req.db)
                .join(RoleAssignmentModel.self, on: \UserModel.$id == \RoleAssignmentModel.$user.$id)
                .join(UnitModel.self, on: \RoleAssignmentModel.$unit.$id == \UnitModel.$id)
                .group(.or) { group in paths.forEach { group.filter(UnitModel.self, \.$path =~ $0) } }
            if !search.isEmpty {
                query = query.group(.or) { $0.filter(\.$username ~~ search.lowercased()).filter(\.$fullName ~~ search) }
            }
            query = query.fields(for: UserModel.self).unique()
            let total = try await query.count()
            let users = try await query.sort(\.$username).range(paging.offset..<(paging.offset + paging.limit)).all()
            let assignments = users.isEmpty ? [] : try await RoleAssignmentModel.query(on: req.db)
                .filter(\.$user.$id ~~ users.compactMap(\.id)).with(\.$unit).all()
            let byUser = Dictionary(grouping: assignments, by: { $0.$user.id })
            let rows = users.map { user -> String in
                let roles = (byUser[user.id!] ?? []).sorted { $0.unit.path < $1.unit.path }
                    .map { "\(HTML.escape(roleName($0.role))) — \(HTML.escape($0.unit.name))" }.joined(separator: "<br>")
                return """
                    <tr data-username="\(HTML.escape(user.username))"><td><a href="/quan-tri/can-bo/\(Self.segment(user.username))">\(HTML.escape(user.fullName))</a>
                    <br><small>\(HTML.escape(user.username))</small></td><td>\(roles)</td></tr>
                    """
            }.joined()
            var query2: [String] = []
            if let unitCode { query2.append("don-vi=\(Self.queryValue(unitCode))") }
            if !search.isEmpty { query2.append("q=\(Self.queryValue(search))") }
            let newLink = "/quan-tri/can-bo/moi" + (unitCode.map { "?don-vi=\(Self.queryValue($0))" } ?? "")
            return Workspace.page(title: t("Cán bộ"), signedIn: signedIn, body: """
                <nav aria-label="\(t("Vị trí"))" class="crumbs"><a href="/quan-tri">\(t("Quản trị"))</a> › \(t("Cán bộ"))</nav>
                <h1>\(t("Cán bộ"))\(unitName.map { " — \(HTML.escape($0))" } ?? "")</h1>
                <p><a class="button" href="\(newLink)">\(t("Thêm cán bộ"))</a></p>
                <form method="get" action="/quan-tri/can-bo" class="period" role="search">
                \(unitCode.map { "<input type=\"hidden\" name=\"don-vi\" value=\"\(HTML.escape($0))\">" } ?? "")
                <label for="q">\(t("Tìm theo tên đăng nhập hoặc họ tên"))</label><input id="q" name="q" value="\(HTML.escape(search))">
                <button type="submit" class="secondary">\(t("Tìm"))</button></form>
                <p>\(t("{0} cán bộ", String(total)))</p>
                <div class="table-wrap"><table><thead><tr><th scope="col">\(t("Cán bộ (tên đăng nhập)"))</th><th scope="col">\(t("Vai trò — đơn vị"))</th></tr></thead>
                <tbody>\(rows.isEmpty ? "<tr><td colspan=\"2\">\(t("Không có cán bộ."))</td></tr>" : rows)</tbody></table></div>
                \(Self.pager("/quan-tri/can-bo", query: query2.joined(separator: "&amp;"), paging: paging, total: total))
                """)
        }
    }

    struct PersonForm: Content {
        var _csrf: String?
        var username: String?
        var fullName: String?
        var password: String?
        var role: String?
        var unit: String?
    }

    @Sendable func newPersonForm(req: Request) async throws -> Response {
        try await page(req) { signedIn in
            _ = try Self.peopleScopes(signedIn)
            let unit = req.query[String.self, at: "don-vi"] ?? ""
            return try await newPersonPage(req, signedIn, fields: FormFields(values: ["unit": unit, "role": Role.specialist.rawValue]),
                                           message: nil)
        }
    }

    func newPersonPage(_ req: Request, _ signedIn: SignedIn, fields: FormFields, message: String?,
                       status: HTTPStatus = .ok) async throws -> Response {
        let units = try await Self.unitChoices(try Self.peopleScopes(signedIn), today: Self.today(req), on: req.db)
        return Workspace.page(title: t("Thêm cán bộ"), signedIn: signedIn, body: """
            <nav aria-label="\(t("Vị trí"))" class="crumbs"><a href="/quan-tri">\(t("Quản trị"))</a> › <a href="/quan-tri/can-bo">\(t("Cán bộ"))</a> › \(t("Thêm cán bộ"))</nav>
            <h1>\(t("Thêm tài khoản cán bộ"))</h1>\(Workspace.alert(message))
            <form method="post" action="/quan-tri/can-bo/moi" novalidate>\(Workspace.csrfField(signedIn))
            \(fields.input("username", t("Tên đăng nhập"), hint: t("Chữ không dấu, số, dấu chấm, gạch ngang, ví dụ minhxuan.nguyenvana"), extra: " autocomplete=\"off\""))
            \(fields.input("fullName", t("Họ và tên")))
            \(fields.input("password", t("Mật khẩu ban đầu"), type: "password",
                           hint: t("Từ {0} đến 72 ký tự; báo riêng cho cán bộ. Vì an toàn, mật khẩu không được giữ lại khi biểu mẫu báo lỗi.", String(AccountStore.minimumPasswordLength)),
                           extra: " autocomplete=\"new-password\""))
            \(fields.select("role", t("Vai trò"), options: Self.roleChoices, blank: "— " + t("Chọn") + " —"))
            \(fields.select("unit", t("Tại đơn vị"), options: units, blank: "— " + t("Chọn") + " —"))
            <button type="submit">\(t("Tạo tài khoản"))</button></form>
            """, status: status)
    }

    @Sendable func createPerson(req: Request) async throws -> Response {
        try await page(req) { signedIn in
            let scopes = try Self.peopleScopes(signedIn)
            let form = (try? req.content.decode(PersonForm.self)) ?? PersonForm()
            try Workspace.checkCSRF(req, signedIn, given: form._csrf)
            // the password is never sent back to the browser
            var fields = FormFields(values: ["username": form.username ?? "", "fullName": form.fullName ?? "",
                                             "role": form.role ?? "", "unit": form.unit ?? ""])
            let username = (form.username ?? "").trimmingCharacters(in: .whitespaces)
            let fullName = (form.fullName ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            let password = form.password ?? ""
            // every fault at once; AccountStore.createOfficial checks its rules again
            if username.isEmpty { fields.errors["username"] = t("Vui lòng nhập tên đăng nhập.") }
            if fullName.isEmpty || fullName.count > 100 { fields.errors["fullName"] = t("Vui lòng nhập họ và tên (tối đa 100 ký tự).") }
            if password.count < AccountStore.minimumPasswordLength || password.count > 72 {
                fields.errors["password"] = t("Mật khẩu phải có từ {0} đến 72 ký tự.", String(AccountStore.minimumPasswordLength))
            }
            let role = form.role.flatMap(Role.init(rawValue:))
            if role == nil { fields.errors["role"] = t("Chọn vai trò.") }
            var unit: UnitModel?
            if let code = form.unit, !code.isEmpty {
                unit = try await UnitModel.find(code: code, on: req.db)
                if unit == nil { fields.errors["unit"] = t("Không có đơn vị mã {0}.", code) }
            } else {
                fields.errors["unit"] = t("Chọn đơn vị.")
            }
            // a unit outside the administrator's scope is a permission matter, not a typing error
            if let unit, !scopes.contains(where: { UnitPath.isWithin(unit.path, scope: $0) }) {
                throw Problem.forbidden("Đơn vị này nằm ngoài phạm vi quản trị của bạn", "The unit is outside your administration scope.")
            }
            do {
                guard fields.errors.isEmpty, let role, let unit else {
                    throw Problem.invalid("Thông tin cán bộ chưa hợp lệ", "Invalid official.", fields: fields.errors)
                }
                try await AccountStore.createOfficial(username: username, password: password, fullName: fullName,
                                                      roles: [(role, unit.code)], hasher: req.application.passwordHasher,
                                                      actor: signedIn.actor.username, at: req.now, on: req.db)
                return req.redirect(to: "/quan-tri/can-bo/\(Self.segment(username))?da-tao=1", redirectType: .normal)
            } catch let problem as Problem where [400, 409].contains(problem.status) {
                fields.errors.merge(problem.fieldMessages) { first, _ in first }
                if problem.status == 409 { fields.errors["username"] = problem.message }
                return try await newPersonPage(req, signedIn, fields: fields, message: problem.message,
                                               status: HTTPStatus(statusCode: problem.status))
            }
        }
    }

    /// The official named in the path, visible to an administrator who manages one of their units (the province
    /// administrator sees every official); 404 or 403 otherwise.
    func pathOfficial(_ req: Request, _ signedIn: SignedIn) async throws -> (UserModel, [RoleAssignmentModel]) {
        let username = req.parameters.get("username") ?? ""
        guard let user = try await UserModel.find(username: username, on: req.db), user.kind == .official else {
            throw Problem.notFound("Không tìm thấy cán bộ", "No official with username \(username).")
        }
        let assignments = try await RoleAssignmentModel.query(on: req.db).filter(\.$user.$id == user.requireID()).with(\.$unit).all()
            .sorted { ($0.unit.path, $0.role.rawValue) < ($1.unit.path, $1.role.rawValue) }
        guard AccessPolicy.isProvinceAdministrator(signedIn.actor)
                || assignments.contains(where: { AccessPolicy.allows(signedIn.actor, .managePeople, onUnitAt: $0.unit.path) })
        else {
            throw Problem.forbidden("Cán bộ này không thuộc phạm vi quản trị của bạn", "The official holds no role in your scope.")
        }
        return (user, assignments)
    }

    @Sendable func person(req: Request) async throws -> Response {
        try await page(req) { signedIn in
            _ = try Self.peopleScopes(signedIn)
            let (user, assignments) = try await pathOfficial(req, signedIn)
            let message = req.query[String.self, at: "da-tao"] != nil ? t("Đã tạo tài khoản.")
                : req.query[String.self, at: "da-giao"] != nil ? t("Đã phân công vai trò.")
                : req.query[String.self, at: "da-thu-hoi"] != nil ? t("Đã thu hồi vai trò.") : nil
            return try await personPage(req, signedIn, user: user, assignments: assignments, assign: FormFields(),
                                        revoke: (nil, FormFields()), message: message, ok: message != nil)
        }
    }

    /// An official's page: the roles, each with its revoke form (a reason required), and the form that gives a role.
    func personPage(_ req: Request, _ signedIn: SignedIn, user: UserModel, assignments: [RoleAssignmentModel], assign: FormFields,
                    revoke: (index: Int?, fields: FormFields), message: String?, ok: Bool = false,
                    status: HTTPStatus = .ok) async throws -> Response {
        let scopes = try Self.peopleScopes(signedIn)
        let units = try await Self.unitChoices(scopes, today: Self.today(req), on: req.db)
        let csrf = Workspace.csrfField(signedIn)
        let name = Self.segment(user.username)
        let rows = assignments.enumerated().map { index, assignment -> String in
            let manageable = AccessPolicy.allows(signedIn.actor, .managePeople, onUnitAt: assignment.unit.path)
            let fields = revoke.index == index ? revoke.fields : FormFields()
            let form = manageable ? """
                <form method="post" action="/quan-tri/can-bo/\(name)/thu-hoi" novalidate>\(csrf)
                <input type="hidden" name="role" value="\(HTML.escape(assignment.role.rawValue))"><input type="hidden" name="unit" value="\(HTML.escape(assignment.unit.code))">
                <input type="hidden" name="row" value="\(index)">
                <label for="reason-\(index)">\(t("Lý do thu hồi vai trò {0}", HTML.escape(roleName(assignment.role))))</label><textarea id="reason-\(index)" name="reason" rows="1"\(fields.errors["reason"] == nil ? "" : " aria-describedby=\"reason-\(index)-error\" aria-invalid=\"true\"")>\(HTML.escape(fields.value("reason")))</textarea>\(fields.errors["reason"].map { "<p class=\"field-error\" id=\"reason-\(index)-error\">\(HTML.escape($0))</p>" } ?? "")
                <button type="submit" class="secondary" aria-label="\(t("Thu hồi vai trò {0} tại {1}", HTML.escape(roleName(assignment.role)), HTML.escape(assignment.unit.name)))">\(t("Thu hồi", sense: "role"))</button></form>
                """ : "<span>\(t("Ngoài phạm vi quản trị của bạn"))</span>"
            return """
                <tr data-role="\(HTML.escape(assignment.role.rawValue))" data-unit="\(HTML.escape(assignment.unit.code))"><td>\(HTML.escape(roleName(assignment.role)))</td>
                <td>\(HTML.escape(assignment.unit.name)) (\(HTML.escape(assignment.unit.code)))</td><td>\(form)</td></tr>
                """
        }.joined()
        return Workspace.page(title: user.fullName, signedIn: signedIn, body: """
            <nav aria-label="\(t("Vị trí"))" class="crumbs"><a href="/quan-tri">\(t("Quản trị"))</a> › <a href="/quan-tri/can-bo">\(t("Cán bộ"))</a> › \(HTML.escape(user.username))</nav>
            <h1>\(HTML.escape(user.fullName))</h1>\(ok ? message.map { "<p class=\"ok\" role=\"status\">\(HTML.escape($0))</p>" } ?? "" : Workspace.alert(message))
            <dl><dt>\(t("Tên đăng nhập"))</dt><dd>\(HTML.escape(user.username))</dd><dt>\(t("Trạng thái"))</dt><dd>\(user.disabled ? t("Đã khóa") : t("Đang hoạt động"))</dd></dl>
            <h2>\(t("Vai trò được phân công"))</h2>
            <div class="table-wrap"><table><thead><tr><th scope="col">\(t("Vai trò"))</th><th scope="col">\(t("Đơn vị"))</th><th scope="col">\(t("Thu hồi", sense: "role"))</th></tr></thead>
            <tbody>\(rows.isEmpty ? "<tr><td colspan=\"3\">\(t("Chưa có vai trò nào."))</td></tr>" : rows)</tbody></table></div>
            <section aria-labelledby="giao"><h2 id="giao">\(t("Phân công thêm vai trò"))</h2>
            <form method="post" action="/quan-tri/can-bo/\(name)/vai-tro" novalidate>\(csrf)
            \(assign.select("role", t("Vai trò"), options: Self.roleChoices, blank: "— " + t("Chọn") + " —"))
            \(assign.select("unit", t("Tại đơn vị"), options: units, blank: "— " + t("Chọn") + " —"))
            <button type="submit">\(t("Phân công", sense: "button"))</button></form></section>
            """, status: status)
    }

    struct RoleForm: Content { var _csrf: String?; var role: String?; var unit: String?; var reason: String?; var row: Int? }

    /// The unit of a role form, within the administrator's scope: nil with an error when none was chosen,
    /// 403 outside the scope.
    func roleUnit(_ code: String?, _ signedIn: SignedIn, _ fields: inout FormFields, on db: any Database) async throws -> UnitModel? {
        guard let code, !code.isEmpty else {
            fields.errors["unit"] = t("Chọn đơn vị.")
            return nil
        }
        guard let unit = try await UnitModel.find(code: code, on: db) else {
            fields.errors["unit"] = t("Không có đơn vị mã {0}.", code)
            return nil
        }
        try Self.require(signedIn, .managePeople, on: unit)
        return unit
    }

    @Sendable func assignRole(req: Request) async throws -> Response {
        try await page(req) { signedIn in
            let form = (try? req.content.decode(RoleForm.self)) ?? RoleForm()
            try Workspace.checkCSRF(req, signedIn, given: form._csrf)
            _ = try Self.peopleScopes(signedIn)
            let (user, assignments) = try await pathOfficial(req, signedIn)
            var fields = FormFields(values: ["role": form.role ?? "", "unit": form.unit ?? ""])
            let role = form.role.flatMap(Role.init(rawValue:))
            if role == nil { fields.errors["role"] = t("Chọn vai trò.") }
            let unit = try await roleUnit(form.unit, signedIn, &fields, on: req.db)
            guard let role, let unit, fields.errors.isEmpty else {
                return try await personPage(req, signedIn, user: user, assignments: assignments, assign: fields, revoke: (nil, FormFields()),
                                            message: t("Chưa phân công được vai trò."), status: .badRequest)
            }
            if assignments.contains(where: { $0.role == role && $0.$unit.id == unit.id }) {
                fields.errors["role"] = t("Cán bộ đã có vai trò này tại đơn vị này.")
                return try await personPage(req, signedIn, user: user, assignments: assignments, assign: fields, revoke: (nil, FormFields()),
                                            message: t("Vai trò đã được phân công từ trước."), status: .conflict)
            }
            try await req.db.writeTransaction { db in
                try await AccountStore.assign(role, to: user, in: unit, actor: signedIn.actor.username, at: req.now, on: db)
            }
            return req.redirect(to: "/quan-tri/can-bo/\(Self.segment(user.username))?da-giao=1", redirectType: .normal)
        }
    }

    @Sendable func revokeRole(req: Request) async throws -> Response {
        try await page(req) { signedIn in
            let form = (try? req.content.decode(RoleForm.self)) ?? RoleForm()
            try Workspace.checkCSRF(req, signedIn, given: form._csrf)
            _ = try Self.peopleScopes(signedIn)
            let (user, assignments) = try await pathOfficial(req, signedIn)
            var fields = FormFields(values: ["reason": form.reason ?? ""])
            guard let role = form.role.flatMap(Role.init(rawValue:)),
                  let unit = try await roleUnit(form.unit, signedIn, &fields, on: req.db) else {
                throw Problem.invalid("Thiếu vai trò hoặc đơn vị", "role and unit are required.")
            }
            let index = assignments.firstIndex { $0.role == role && $0.$unit.id == unit.id } ?? form.row
            do {
                try await AccountStore.revoke(role, from: user, in: unit, reason: form.reason ?? "", actor: signedIn.actor.username,
                                              at: req.now, on: req.db)
                return req.redirect(to: "/quan-tri/can-bo/\(Self.segment(user.username))?da-thu-hoi=1", redirectType: .normal)
            } catch let problem as Problem where [400, 409].contains(problem.status) {
                fields.errors = problem.fieldMessages
                return try await personPage(req, signedIn, user: user, assignments: assignments, assign: FormFields(),
                                            revoke: (index, fields), message: problem.message, status: HTTPStatus(statusCode: problem.status))
            }
        }
    }
}
