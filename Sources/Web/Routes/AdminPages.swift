import Access
import Core
import Fluent
import Foundation
import Organisation
import Storage
import Vapor
import WorkCalendar

/// Quản trị — the administrators' pages (`/quan-tri`): the unit tree level by level, people and their role
/// assignments, the procedure catalog with its editor of e-form fields and process steps, and the yearly calendar
/// notice. Thin handlers over the storage functions the JSON API uses; plain HTML forms (no script), each with its
/// CSRF token; a form that fails validation comes back with every typed value (a password excepted) and each error
/// beside its field; lists paginate. Units and people are managed within the administrator's unit scope, the catalog
/// and the calendar by the province administrator only — anyone else gets a 403 page.
struct AdminPages: RouteCollection {
    /// Blank rows offered under the existing ones in the editors (no script needed to add rows).
    static let blankRows = 3

    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped("quan-tri")
        admin.get(use: home)
        // units
        admin.get("don-vi", use: unitsHome)
        admin.get("don-vi", ":code", use: unit)
        admin.post("don-vi", ":code", "tao", use: createUnit)
        admin.post("don-vi", ":code", "ket-thuc", use: endUnit)
        // people
        admin.get("can-bo", use: people)
        admin.get("can-bo", "moi", use: newPersonForm)
        admin.post("can-bo", "moi", use: createPerson)
        admin.get("can-bo", ":username", use: person)
        admin.post("can-bo", ":username", "vai-tro", use: assignRole)
        admin.post("can-bo", ":username", "thu-hoi", use: revokeRole)
        // catalog
        admin.get("thu-tuc", use: procedures)
        admin.get("thu-tuc", ":code", use: editor)
        admin.post("thu-tuc", ":code", use: saveProcedure)
        admin.post("thu-tuc", ":code", "cong-bo", use: publishProcedure)
        // calendar
        admin.get("lich", use: calendarNow)
        admin.get("lich", ":year", use: calendar)
        admin.post("lich", ":year", use: saveCalendar)
    }

    // MARK: common

    /// Runs a page handler for a signed-in person: sign-in page when nobody is signed in; a page that says what went
    /// wrong (403, 404, 409 and a 400 not tied to a form) instead of a JSON problem.
    func page(_ req: Request, _ body: (SignedIn) async throws -> Response) async throws -> Response {
        guard let signedIn = req.auth.get(SignedIn.self) else { return req.redirect(to: "/dang-nhap", redirectType: .normal) }
        do {
            guard signedIn.actor.kind == .official else { throw Problem.forbidden() }
            return try await body(signedIn)
        } catch let problem as Problem where [400, 403, 404, 409, 422].contains(problem.status) {
            return Self.problemPage(signedIn, problem)
        }
    }

    static func problemPage(_ signedIn: SignedIn, _ problem: Problem) -> Response {
        Workspace.page(title: problem.message, signedIn: signedIn, body: """
            <h1>\(t("Quản trị"))</h1>\(Workspace.alert(problem.message))<p><a href="/quan-tri">\(t("Về trang quản trị"))</a></p>
            """, status: HTTPStatus(statusCode: problem.status))
    }

    /// The areas an official may administer.
    struct Areas {
        var units: [String]
        var people: [String]
        var province: Bool

        init(_ actor: Actor) {
            units = AccessPolicy.scopes(of: actor, for: .manageUnits)
            people = AccessPolicy.scopes(of: actor, for: .managePeople)
            province = AccessPolicy.isProvinceAdministrator(actor)
        }

        var any: Bool { !units.isEmpty || !people.isEmpty || province }
    }

    /// Requires the province administrator (catalog, calendar): 403 otherwise.
    static func requireProvince(_ signedIn: SignedIn, _ permission: Permission) throws {
        guard AccessPolicy.allowsProvinceWide(signedIn.actor, permission) else {
            throw Problem.forbidden("Chỉ quản trị cấp tỉnh được thực hiện chức năng này",
                                    "Only the province administrator may do this.")
        }
    }

    /// A path segment for a link (unit codes, usernames, procedure codes).
    static func segment(_ text: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#%")
        return HTML.escape(text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text)
    }

    /// A query value for a link.
    static func queryValue(_ text: String) -> String {
        HTML.escape(text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text)
    }

    /// "Trang trước · Trang 2/5 · Trang sau" for a list at `path` (its other query items in `query`, already encoded).
    static func pager(_ path: String, query: String = "", paging: Paging, total: Int) -> String {
        guard total > paging.limit || paging.offset > 0 else { return "" }
        let pages = max(1, (total + paging.limit - 1) / paging.limit)
        let current = paging.offset / paging.limit + 1
        func link(_ offset: Int, _ label: String, _ rel: String) -> String {
            "<a href=\"\(path)?\(query.isEmpty ? "" : query + "&amp;")offset=\(offset)\" rel=\"\(rel)\">\(label)</a>"
        }
        var parts: [String] = []
        if paging.offset > 0 { parts.append(link(max(0, paging.offset - paging.limit), t("Trang trước"), "prev")) }
        parts.append("<span>\(t("Trang {0}/{1}", String(current), String(pages)))</span>")
        if paging.offset + paging.limit < total { parts.append(link(paging.offset + paging.limit, t("Trang sau"), "next")) }
        return "<nav class=\"pager\" aria-label=\"\(t("Phân trang"))\">\(parts.joined(separator: " · "))</nav>"
    }

    /// Today in Vietnam ("YYYY-MM-DD").
    static func today(_ req: Request) -> String { VietnamTime.localDate(of: req.now).iso }

    // MARK: the administration home

    @Sendable func home(req: Request) async throws -> Response {
        try await page(req) { signedIn in
            let areas = Areas(signedIn.actor)
            guard areas.any else {
                throw Problem.forbidden("Trang quản trị chỉ dành cho cán bộ quản trị", "Only administrators may use the administration pages.")
            }
            func tile(_ href: String, _ label: String, _ detail: String) -> String {
                "<li class=\"tile\"><a href=\"\(href)\"><span class=\"value\" style=\"font-size:1.15rem\">\(HTML.escape(label))</span><span class=\"detail\">\(HTML.escape(detail))</span></a></li>"
            }
            var tiles: [String] = []
            if !areas.units.isEmpty { tiles.append(tile("/quan-tri/don-vi", t("Đơn vị"), t("Cây đơn vị, thêm đơn vị trực thuộc, kết thúc hiệu lực"))) }
            if !areas.people.isEmpty { tiles.append(tile("/quan-tri/can-bo", t("Cán bộ"), t("Tài khoản cán bộ, phân công và thu hồi vai trò"))) }
            if areas.province {
                tiles.append(tile("/quan-tri/thu-tuc", t("Thủ tục hành chính"), t("Bản nháp, biểu mẫu điện tử, quy trình nội bộ, công bố")))
                tiles.append(tile("/quan-tri/lich", t("Lịch làm việc"), t("Thông báo nghỉ lễ, ngày nghỉ hoán đổi và làm bù trong năm")))
            }
            let scopes = Set(areas.units + areas.people)
            let units = try await UnitModel.query(on: req.db).filter(\.$path ~~ Array(scopes)).sort(\.$path).all()
            return Workspace.page(title: t("Quản trị"), signedIn: signedIn, body: """
                <h1>\(t("Quản trị"))</h1>
                <p>\(t("Phạm vi quản trị: {0}.", units.map { HTML.escape($0.name) }.joined(separator: ", ") + (areas.province ? " " + t("(toàn tỉnh)") : "")))</p>
                <ul class="tiles">\(tiles.joined())</ul>
                """)
        }
    }
}

/// Fields of a page form: the typed values and the errors to show beside them. Keys are those of the problems
/// ("steps[0].name"); the inputs' names use brackets ("steps[0][name]") and their ids dashes ("steps-0-name").
struct FormFields {
    var values: [String: String] = [:]
    var errors: [String: String] = [:]

    static func id(_ key: String) -> String {
        key.replacingOccurrences(of: "[", with: "-").replacingOccurrences(of: "]", with: "")
            .replacingOccurrences(of: ".", with: "-")
    }

    /// "steps[0].name" → "steps[0][name]".
    static func name(_ key: String) -> String {
        guard let dot = key.lastIndex(of: ".") else { return key }
        return String(key[..<dot]) + "[" + String(key[key.index(after: dot)...]) + "]"
    }

    func value(_ key: String) -> String { values[key] ?? "" }

    /// The error beside a field (empty when none).
    func error(_ key: String) -> String {
        errors[key].map { "<p class=\"field-error\" id=\"\(HTML.escape(Self.id(key)))-error\">\(HTML.escape($0))</p>" } ?? ""
    }

    /// `aria-describedby` (hint and error) and `aria-invalid` of a field.
    func described(_ key: String, hint: String? = nil) -> String {
        let ids = [hint, errors[key] == nil ? nil : Self.id(key) + "-error"].compactMap { $0 }
        return (ids.isEmpty ? "" : " aria-describedby=\"\(HTML.escape(ids.joined(separator: " ")))\"")
            + (errors[key] == nil ? "" : " aria-invalid=\"true\"")
    }

    /// A labelled text input with its kept value and its error.
    func input(_ key: String, _ label: String, type: String = "text", hint: String? = nil, extra: String = "") -> String {
        let id = HTML.escape(Self.id(key))
        let hintHTML = hint.map { "<small id=\"\(id)-hint\" class=\"hint\">\(HTML.escape($0))</small>" } ?? ""
        return "<label for=\"\(id)\">\(HTML.escape(label))</label><input id=\"\(id)\" name=\"\(HTML.escape(Self.name(key)))\" type=\"\(type)\" value=\"\(HTML.escape(value(key)))\"\(described(key, hint: hint == nil ? nil : id + "-hint"))\(extra)>\(hintHTML)\(error(key))"
    }

    /// A labelled select with the kept choice and its error.
    func select(_ key: String, _ label: String, options: [(value: String, label: String)], blank: String? = nil,
                fallback: String = "") -> String {
        let id = HTML.escape(Self.id(key))
        let chosen = values[key] ?? fallback
        let items = (blank.map { "<option value=\"\">\(HTML.escape($0))</option>" } ?? "") + options.map {
            "<option value=\"\(HTML.escape($0.value))\"\(chosen == $0.value ? " selected" : "")>\(HTML.escape($0.label))</option>"
        }.joined()
        return "<label for=\"\(id)\">\(HTML.escape(label))</label><select id=\"\(id)\" name=\"\(HTML.escape(Self.name(key)))\"\(described(key))>\(items)</select>\(error(key))"
    }

    /// A labelled textarea with its kept value and its error.
    func textarea(_ key: String, _ label: String, rows: Int = 2) -> String {
        let id = HTML.escape(Self.id(key))
        return "<label for=\"\(id)\">\(HTML.escape(label))</label><textarea id=\"\(id)\" name=\"\(HTML.escape(Self.name(key)))\" rows=\"\(rows)\"\(described(key))>\(HTML.escape(value(key)))</textarea>\(error(key))"
    }

    /// A checkbox with its label after it.
    func checkbox(_ key: String, _ label: String) -> String {
        let id = HTML.escape(Self.id(key))
        return "<label for=\"\(id)\" class=\"check\"><input id=\"\(id)\" name=\"\(HTML.escape(Self.name(key)))\" type=\"checkbox\" value=\"on\"\(values[key] == nil || values[key] == "" ? "" : " checked")\(described(key))> \(HTML.escape(label))</label>\(error(key))"
    }
}
