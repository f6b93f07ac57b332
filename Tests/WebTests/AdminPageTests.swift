import Catalog
import Core
import DemoData
import Fluent
import Foundation
import Storage
import Testing
import Vapor
import VaporTesting
@testable import Web

/// The administration pages (`/quan-tri`) on both engines: each area's main write through its form (with the form
/// token) and its refusal without it; who may do what (a specialist gets 403, a commune administrator stays inside
/// their commune and out of the catalog); the procedure editor refusing steps that do not add up, with the typed values
/// kept and nothing saved; the calendar notice changing the working-day calendar.
@Suite struct AdminPageTests {
    // MARK: helpers

    /// Posts an `application/x-www-form-urlencoded` form as the browser does.
    func post(_ app: Application, _ path: String, token: String, _ fields: [(String, String)]) async throws -> TestingHTTPResponse {
        try await app.postForm(path, token: token, fields)
    }

    /// The form token carried by the page at `path`.
    func csrf(_ app: Application, _ path: String, token: String) async throws -> String {
        try formToken(in: try await app.send(.GET, path, token: token).body.string)
    }

    func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    func attribute(_ attributes: String, _ name: String) -> String? {
        guard let range = attributes.range(of: " \(name)=\"") ?? (attributes.hasPrefix("\(name)=\"") ? attributes.range(of: "\(name)=\"") : nil)
        else { return nil }
        return unescape(String(attributes[range.upperBound...].prefix { $0 != "\"" }))
    }

    /// The fields the form posting to `action` would send as served (inputs, checked boxes, selected options, text areas).
    func form(_ html: String, action: String) throws -> [(String, String)] {
        guard let start = html.range(of: "action=\"\(action)\""), let end = html[start.upperBound...].range(of: "</form>") else {
            throw TestSetupError("no form posting to \(action)")
        }
        let form = String(html[start.upperBound..<end.lowerBound])
        var fields: [(String, String)] = []
        for match in form.matches(of: try Regex("<input ([^>]*)>")) {
            let attributes = " " + String(form[match.range].dropFirst(7).dropLast())
            guard let name = attribute(attributes, "name") else { continue }
            if attribute(attributes, "type") == "checkbox" {
                if attributes.contains(" checked") { fields.append((name, attribute(attributes, "value") ?? "on")) }
            } else {
                fields.append((name, attribute(attributes, "value") ?? ""))
            }
        }
        for match in form.matches(of: try Regex("<textarea ([^>]*)>([^<]*)</textarea>")) {
            let text = String(form[match.range])
            let attributes = " " + String(text.dropFirst(10).prefix { $0 != ">" })
            let value = text.drop { $0 != ">" }.dropFirst().prefix { $0 != "<" }
            if let name = attribute(attributes, "name") { fields.append((name, unescape(String(value)))) }
        }
        for match in form.matches(of: try Regex("<select ([^>]*)>(.*?)</select>")) {
            let text = String(form[match.range])
            let attributes = " " + String(text.dropFirst(8).prefix { $0 != ">" })
            guard let name = attribute(attributes, "name") else { continue }
            let options = text.matches(of: try Regex("<option ([^>]*)>")).map { " " + String(text[$0.range].dropFirst(8).dropLast()) }
            let chosen = options.first { $0.contains(" selected") } ?? options.first
            fields.append((name, chosen.flatMap { attribute($0, "value") } ?? ""))
        }
        return fields
    }

    /// Replaces (or adds) a field's value.
    func set(_ fields: inout [(String, String)], _ name: String, _ value: String) {
        if let index = fields.firstIndex(where: { $0.0 == name }) { fields[index].1 = value } else { fields.append((name, value)) }
    }

    /// The fields named `name`.
    func named(_ fields: [(String, String)], _ name: String) -> [(String, String)] {
        var found: [(String, String)] = []
        for field in fields where field.0 == name { found.append(field) }
        return found
    }

    /// The fields not named `name`.
    func without(_ fields: [(String, String)], _ name: String) -> [(String, String)] {
        var kept: [(String, String)] = []
        for field in fields where field.0 != name { kept.append(field) }
        return kept
    }

    /// Whether the fields hold `name` = `value`.
    func holds(_ fields: [(String, String)], _ name: String, _ value: String) -> Bool {
        !named(fields, name).filter { field in field.1 == value }.isEmpty
    }

    /// The audit rows of an action on a subject.
    func audit(_ app: Application, action: String, subject: String) async throws -> [AuditEventModel] {
        try await AuditEventModel.query(on: app.db).filter(\.$action == action).filter(\.$subject == subject).all()
    }

    /// The text of the field error shown beside the input with id `id`.
    func errorBeside(_ page: String, _ id: String) -> String? {
        guard let range = page.range(of: "id=\"\(id)-error\">") else { return nil }
        return unescape(String(page[range.upperBound...].prefix { $0 != "<" }))
    }

    // MARK: the home and who may enter

    @Test(arguments: Engine.all)
    func the_home_offers_each_administrator_their_areas_and_a_specialist_gets_403_everywhere(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            // setup
            let province = try await app.token("tinh.quantri")
            let commune = try await app.token("minhxuan.quantri")
            let specialist = try await app.token("minhxuan.chuyenvien")
            // act
            let provinceHome = try await app.send(.GET, "/quan-tri", token: province)
            let communeHome = try await app.send(.GET, "/quan-tri", token: commune)
            // check: the province administrator has the four areas, the commune administrator units and people only
            #expect(provinceHome.status == .ok)
            for href in ["/quan-tri/don-vi", "/quan-tri/can-bo", "/quan-tri/thu-tuc", "/quan-tri/lich"] {
                #expect(provinceHome.body.string.contains("href=\"\(href)\""), "\(href)")
            }
            #expect(communeHome.status == .ok)
            #expect(communeHome.body.string.contains("href=\"/quan-tri/don-vi\"") && communeHome.body.string.contains("href=\"/quan-tri/can-bo\""))
            #expect(!communeHome.body.string.contains("href=\"/quan-tri/thu-tuc\"") && !communeHome.body.string.contains("href=\"/quan-tri/lich\""))
            for path in ["/quan-tri", "/quan-tri/don-vi", "/quan-tri/don-vi/02215", "/quan-tri/can-bo", "/quan-tri/can-bo/moi",
                         "/quan-tri/thu-tuc", "/quan-tri/thu-tuc/1.004873", "/quan-tri/lich/2026"] {
                let refused = try await app.send(.GET, path, token: specialist)
                #expect(refused.status == .forbidden, "\(path)")
                #expect(refused.headers.contentType == .html && refused.body.string.contains("class=\"error\" role=\"alert\""),
                        "\(path) is a page that says why")
            }
            // the navigation offers "Quản trị" to administrators only
            #expect(try await app.send(.GET, "/cong-viec", token: commune).body.string.contains("<a href=\"/quan-tri\">Quản trị</a>"))
            #expect(!(try await app.send(.GET, "/cong-viec", token: specialist).body.string.contains("href=\"/quan-tri\"")))
            // nobody signed in: the sign-in page
            let anonymous = try await app.send(.GET, "/quan-tri/don-vi")
            #expect(anonymous.status == .seeOther && anonymous.headers.first(name: .location) == "/dang-nhap")
        }
    }

    @Test(arguments: Engine.all)
    func every_administration_page_is_light_and_loads_nothing_from_elsewhere(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            let province = try await app.token("tinh.quantri")
            for path in ["/quan-tri", "/quan-tri/don-vi/08", "/quan-tri/can-bo", "/quan-tri/can-bo/moi", "/quan-tri/can-bo/stp.chuyenvien",
                         "/quan-tri/thu-tuc", "/quan-tri/thu-tuc/1.001193", "/quan-tri/lich/2026"] {
                let response = try await app.send(.GET, path, token: province)
                #expect(response.status == .ok, "\(path)")
                let body = response.body.string
                #expect(body.utf8.count < 100_000, "\(path): \(body.utf8.count) bytes")
                #expect(!body.contains("<script") && !body.contains("https://"), "\(path)")
                // every input, select and text area has its label
                let ids = body.matches(of: try Regex("<(input|select|textarea) id=\"([^\"]+)\"")).map { String(body[$0.range]).split(separator: "\"")[1] }
                for id in ids { #expect(body.contains("<label for=\"\(id)\""), "\(path): #\(id) has no label") }
                #expect(!body.contains("<input name=") && !body.contains("<select name=") && !body.contains("<textarea name="), "\(path)")
            }
        }
    }

    // MARK: units

    @Test(arguments: Engine.all)
    func a_commune_administrator_creates_a_unit_under_their_ward_and_ends_it_with_a_reason(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            // setup: the ward administrator lands on their ward
            let admin = try await app.token("minhxuan.quantri")
            let landing = try await app.send(.GET, "/quan-tri/don-vi", token: admin)
            #expect(landing.headers.first(name: .location) == "/quan-tri/don-vi/02215")
            let ward = try await app.send(.GET, "/quan-tri/don-vi/02215", token: admin).body.string
            #expect(ward.contains("data-code=\"02215.VHXH\""))  // its offices, level by level
            let token = try await csrf(app, "/quan-tri/don-vi/02215", token: admin)
            let unit: [(String, String)] = [("code", "02215.TPDN"), ("name", "Tổ phản ứng nhanh"), ("kind", "office"),
                                            ("agencyCode", ""), ("validFrom", "2026-03-02")]

            // act + check: without the form token nothing is created
            let forged = try await post(app, "/quan-tri/don-vi/02215/tao", token: admin, unit)
            #expect(forged.status == .forbidden)
            #expect(try await UnitModel.find(code: "02215.TPDN", on: app.db) == nil)

            // act + check: bad input comes back with every value kept, each error beside its field, nothing created
            let bad = try await post(app, "/quan-tri/don-vi/02215/tao", token: admin,
                                     [("_csrf", token), ("code", "02215 TPDN"), ("name", "  "), ("kind", "office"),
                                      ("agencyCode", "H60-xyz"), ("validFrom", "2026-03-02")])
            #expect(bad.status == .badRequest)
            #expect(errorBeside(bad.body.string, "code") != nil)
            #expect(errorBeside(bad.body.string, "name") != nil)
            #expect(errorBeside(bad.body.string, "agencyCode")?.contains("000.00.00.H60") == true)
            #expect(bad.body.string.contains("value=\"02215 TPDN\"") && bad.body.string.contains("value=\"H60-xyz\""))
            #expect(try await UnitModel.query(on: app.db).filter(\.$name == "Tổ phản ứng nhanh").count() == 0)

            // act: the unit is created with the token
            let created = try await post(app, "/quan-tri/don-vi/02215/tao", token: admin, [("_csrf", token)] + unit)
            // check: it exists under the ward, and the audit says who
            #expect(created.status == .seeOther)
            let stored = try #require(try await UnitModel.find(code: "02215.TPDN", on: app.db))
            #expect(stored.path.hasSuffix("/02215/02215.TPDN/") && stored.kind == .office && stored.validFrom == "2026-03-02")
            #expect(try await audit(app, action: "unit.create", subject: "unit:02215.TPDN").map(\.actor) == ["minhxuan.quantri"])
            // the same code again: refused beside the code
            let again = try await post(app, "/quan-tri/don-vi/02215/tao", token: admin, [("_csrf", token)] + unit)
            #expect(again.status == .conflict && errorBeside(again.body.string, "code") != nil)
            // no kind chosen, a start before the ward's own: both said beside their fields, nothing created
            let early = try await post(app, "/quan-tri/don-vi/02215/tao", token: admin,
                                       [("_csrf", token), ("code", "02215.SOM"), ("name", "Tổ sớm"), ("kind", ""), ("validFrom", "2024-01-01")])
            #expect(early.status == .badRequest)
            #expect(errorBeside(early.body.string, "kind") != nil && errorBeside(early.body.string, "validFrom")?.contains("2025-07-01") == true)
            #expect(try await UnitModel.find(code: "02215.SOM", on: app.db) == nil)

            // act + check: ending needs a reason; the typed day is kept and nothing changes
            let noReason = try await post(app, "/quan-tri/don-vi/02215.TPDN/ket-thuc", token: admin,
                                          [("_csrf", token), ("lastDay", "2026-06-30"), ("reason", " ")])
            #expect(noReason.status == .badRequest)
            #expect(errorBeside(noReason.body.string, "reason") != nil)
            #expect(noReason.body.string.contains("value=\"2026-06-30\""))
            #expect(try await UnitModel.find(code: "02215.TPDN", on: app.db)?.validUntil == nil)
            // without the token: refused
            #expect(try await post(app, "/quan-tri/don-vi/02215.TPDN/ket-thuc", token: admin,
                                   [("lastDay", "2026-06-30"), ("reason", "Sáp nhập")]).status == .forbidden)
            #expect(try await UnitModel.find(code: "02215.TPDN", on: app.db)?.validUntil == nil)
            // with a reason: ended, and the audit says why
            let ended = try await post(app, "/quan-tri/don-vi/02215.TPDN/ket-thuc", token: admin,
                                       [("_csrf", token), ("lastDay", "2026-06-30"), ("reason", "Sáp nhập vào Phòng Văn hóa - Xã hội")])
            #expect(ended.status == .seeOther)
            #expect(try await UnitModel.find(code: "02215.TPDN", on: app.db)?.validUntil == "2026-06-30")
            let events = try await audit(app, action: "unit.end", subject: "unit:02215.TPDN")
            #expect(events.map(\.reason) == ["Sáp nhập vào Phòng Văn hóa - Xã hội"] && events.map(\.actor) == ["minhxuan.quantri"])
        }
    }

    @Test(arguments: Engine.all)
    func a_commune_administrator_cannot_touch_another_commune_or_the_province(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            // setup
            let admin = try await app.token("minhxuan.quantri")
            let token = try await csrf(app, "/quan-tri/don-vi/02215", token: admin)
            // act + check: Xã Lâm Bình (02266) and the province are out of reach, reading or writing
            #expect(try await app.send(.GET, "/quan-tri/don-vi/02266", token: admin).status == .forbidden)
            #expect(try await app.send(.GET, "/quan-tri/don-vi/08", token: admin).status == .forbidden)
            let create = try await post(app, "/quan-tri/don-vi/02266/tao", token: admin,
                                        [("_csrf", token), ("code", "02266.X"), ("name", "Tổ X"), ("kind", "office"), ("validFrom", "2026-03-02")])
            #expect(create.status == .forbidden)
            #expect(try await UnitModel.find(code: "02266.X", on: app.db) == nil)
            let end = try await post(app, "/quan-tri/don-vi/02266.VHXH/ket-thuc", token: admin,
                                     [("_csrf", token), ("lastDay", "2026-06-30"), ("reason", "Thử")])
            #expect(end.status == .forbidden)
            #expect(try await UnitModel.find(code: "02266.VHXH", on: app.db)?.validUntil == nil)
        }
    }

    // MARK: people

    @Test(arguments: Engine.all)
    func an_administrator_creates_an_official_gives_a_role_and_revokes_it_with_a_reason(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            // setup
            let admin = try await app.token("tinh.quantri")
            let token = try await csrf(app, "/quan-tri/can-bo/moi", token: admin)
            let person: [(String, String)] = [("username", "stp.tranthib"), ("fullName", "Trần Thị B"), ("password", "MatKhau@2026"),
                                              ("role", "specialist"), ("unit", "STP.HCTP")]

            // act + check: without the token nothing is created
            #expect(try await post(app, "/quan-tri/can-bo/moi", token: admin, person).status == .forbidden)
            #expect(try await UserModel.find(username: "stp.tranthib", on: app.db) == nil)

            // act + check: bad input — every error beside its field, the values kept (not the password), nothing created
            let bad = try await post(app, "/quan-tri/can-bo/moi", token: admin,
                                     [("_csrf", token), ("username", "stp.tranthib"), ("fullName", " "), ("password", "ngan"),
                                      ("role", "specialist"), ("unit", "")])
            #expect(bad.status == .badRequest)
            for field in ["fullName", "password", "unit"] { #expect(errorBeside(bad.body.string, field) != nil, "\(field)") }
            #expect(bad.body.string.contains("value=\"stp.tranthib\"") && !bad.body.string.contains("value=\"ngan\""))
            #expect(try await UserModel.find(username: "stp.tranthib", on: app.db) == nil)

            // act: created with the token
            let created = try await post(app, "/quan-tri/can-bo/moi", token: admin, [("_csrf", token)] + person)
            // check: the official signs in with the role given, and the audit says who
            #expect(created.status == .seeOther)
            #expect(created.headers.first(name: .location) == "/quan-tri/can-bo/stp.tranthib?da-tao=1")
            let official = try await app.token("stp.tranthib", password: "MatKhau@2026")
            #expect(try await app.send(.GET, "/cong-viec", token: official).status == .ok)
            #expect(try await audit(app, action: "user.create", subject: "user:stp.tranthib").map(\.actor) == ["tinh.quantri"])
            // the same username again: refused beside it
            let taken = try await post(app, "/quan-tri/can-bo/moi", token: admin, [("_csrf", token)] + person)
            #expect(taken.status == .conflict && errorBeside(taken.body.string, "username") != nil)
            // listed in scope
            #expect(try await app.send(.GET, "/quan-tri/can-bo?don-vi=STP", token: admin).body.string.contains("data-username=\"stp.tranthib\""))

            // act: a second role
            #expect(try await post(app, "/quan-tri/can-bo/stp.tranthib/vai-tro", token: admin,
                                   [("role", "clerk"), ("unit", "STP")]).status == .forbidden)
            let given = try await post(app, "/quan-tri/can-bo/stp.tranthib/vai-tro", token: admin,
                                       [("_csrf", token), ("role", "clerk"), ("unit", "STP")])
            #expect(given.status == .seeOther)
            @Sendable func roles() async throws -> [String] {
                guard let user = try await UserModel.find(username: "stp.tranthib", on: app.db) else { return [] }
                return try await AccountStore.actor(for: user, on: app.db).assignments.map { "\($0.role.rawValue)@\($0.unitCode)" }.sorted()
            }
            #expect(try await roles() == ["clerk@STP", "specialist@STP.HCTP"])

            // act + check: revoking needs a reason — the role stays without one, and without the token
            let noReason = try await post(app, "/quan-tri/can-bo/stp.tranthib/thu-hoi", token: admin,
                                          [("_csrf", token), ("role", "clerk"), ("unit", "STP"), ("reason", "")])
            #expect(noReason.status == .badRequest)
            #expect(errorBeside(noReason.body.string, "reason-0") != nil)  // beside the clerk role's row (STP sorts first)
            #expect(try await post(app, "/quan-tri/can-bo/stp.tranthib/thu-hoi", token: admin,
                                   [("role", "clerk"), ("unit", "STP"), ("reason", "Điều chuyển")]).status == .forbidden)
            #expect(try await roles() == ["clerk@STP", "specialist@STP.HCTP"])
            let revoked = try await post(app, "/quan-tri/can-bo/stp.tranthib/thu-hoi", token: admin,
                                         [("_csrf", token), ("role", "clerk"), ("unit", "STP"), ("reason", "Điều chuyển công tác")])
            #expect(revoked.status == .seeOther)
            #expect(try await roles() == ["specialist@STP.HCTP"])
            let events = try await audit(app, action: "role.revoke", subject: "user:stp.tranthib")
            #expect(events.map(\.reason) == ["clerk@STP: Điều chuyển công tác"] && events.map(\.actor) == ["tinh.quantri"])

            // an administrator cannot take away their own administrator role
            let own = try await post(app, "/quan-tri/can-bo/tinh.quantri/thu-hoi", token: admin,
                                     [("_csrf", token), ("role", "administrator"), ("unit", "08"), ("reason", "Thử")])
            #expect(own.status == .conflict)
            #expect(try await app.send(.GET, "/quan-tri", token: admin).status == .ok)
        }
    }

    @Test(arguments: Engine.all)
    func a_commune_administrator_manages_only_the_people_of_their_commune(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            // setup
            let admin = try await app.token("minhxuan.quantri")
            let token = try await csrf(app, "/quan-tri/can-bo/moi", token: admin)
            // act
            let list = try await app.send(.GET, "/quan-tri/can-bo", token: admin).body.string
            // check: the ward's officials, nobody else's; another commune's official and units are out of reach
            #expect(list.contains("data-username=\"minhxuan.chuyenvien\"") && !list.contains("data-username=\"lambinh.chuyenvien\""))
            #expect(!list.contains("data-username=\"tinh.quantri\""))
            #expect(try await app.send(.GET, "/quan-tri/can-bo/lambinh.chuyenvien", token: admin).status == .forbidden)
            #expect(try await app.send(.GET, "/quan-tri/can-bo?don-vi=02266", token: admin).status == .forbidden)
            let form = try await app.send(.GET, "/quan-tri/can-bo/moi", token: admin).body.string
            #expect(form.contains("value=\"02215.VHXH\"") && !form.contains("value=\"02266\""))
            let create = try await post(app, "/quan-tri/can-bo/moi", token: admin,
                                        [("_csrf", token), ("username", "lambinh.moi"), ("fullName", "Lò Văn Mới"),
                                         ("password", "MatKhau@2026"), ("role", "specialist"), ("unit", "02266")])
            #expect(create.status == .forbidden)
            #expect(try await UserModel.find(username: "lambinh.moi", on: app.db) == nil)
            let give = try await post(app, "/quan-tri/can-bo/minhxuan.chuyenvien/vai-tro", token: admin,
                                      [("_csrf", token), ("role", "administrator"), ("unit", "02266")])
            #expect(give.status == .forbidden)
            let take = try await post(app, "/quan-tri/can-bo/lambinh.chuyenvien/thu-hoi", token: admin,
                                      [("_csrf", token), ("role", "specialist"), ("unit", "02266"), ("reason", "Thử")])
            #expect(take.status == .forbidden)
            let lambinh = try #require(try await UserModel.find(username: "lambinh.chuyenvien", on: app.db))
            #expect(try await AccountStore.actor(for: lambinh, on: app.db).assignments.count == 1)
            let minhxuan = try #require(try await UserModel.find(username: "minhxuan.chuyenvien", on: app.db))
            #expect(try await AccountStore.actor(for: minhxuan, on: app.db).assignments.map(\.unitCode) == ["02215"])
        }
    }

    // MARK: the catalog

    @Test(arguments: Engine.all)
    func the_editor_refuses_steps_that_do_not_add_up_keeps_every_value_and_saves_nothing(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            // setup: Cấp Giấy xác nhận tình trạng hôn nhân — 3 working days in five steps (0,5 + 0,5 + 1 + 0,5 + 0,5)
            let admin = try await app.token("tinh.quantri")
            let editor = try await app.send(.GET, "/quan-tri/thu-tuc/1.004873", token: admin).body.string
            var fields = try form(editor, action: "/quan-tri/thu-tuc/1.004873")
            #expect(holds(fields, "steps[4][workingDays]", "0,5"))
            // the specialist's step grows to 2 days, a sixth step is typed in a blank row, a select field has no options
            set(&fields, "steps[2][workingDays]", "2")
            set(&fields, "steps[5][name]", "Lưu trữ hồ sơ điện tử")
            set(&fields, "steps[5][role]", "clerk")
            set(&fields, "steps[5][workingDays]", "0,25")
            set(&fields, "formFields[5][key]", "maritalStatus")
            set(&fields, "formFields[5][label]", "Tình trạng hôn nhân")
            set(&fields, "formFields[5][type]", "select")

            // act
            let refused = try await post(app, "/quan-tri/thu-tuc/1.004873", token: admin, fields)
            // check: refused, the sum's error beside the steps, the options' error beside that row, every typed value kept
            #expect(refused.status == .badRequest)
            let page = refused.body.string
            #expect(errorBeside(page, "steps")?.contains("Tổng thời gian các bước (4,25 ngày làm việc) khác thời hạn giải quyết (3 ngày làm việc)") == true)
            #expect(errorBeside(page, "formFields-5-options")?.contains("maritalStatus") == true)
            #expect(page.contains("id=\"steps-2-workingDays\" name=\"steps[2][workingDays]\" type=\"text\" value=\"2\""))
            #expect(page.contains("value=\"Lưu trữ hồ sơ điện tử\"") && page.contains("value=\"0,25\""))
            #expect(page.contains("value=\"Tình trạng hôn nhân\""))
            #expect(holds(try form(page, action: "/quan-tri/thu-tuc/1.004873"), "steps[5][role]", "clerk"))
            // nothing saved: no draft, no audit row, the version in force unchanged
            let procedure = try #require(try await ProcedureModel.query(on: app.db).filter(\.$code == "1.004873").first())
            #expect(procedure.draftDocument == nil && procedure.currentVersion == 1)
            #expect(try await audit(app, action: "procedure.draft", subject: "procedure:1.004873").isEmpty)

            // without the token: refused, nothing saved
            var fixed = without(fields, "_csrf")
            set(&fixed, "steps[2][workingDays]", "0,75")
            set(&fixed, "formFields[5][options]", "Chưa kết hôn; Đã kết hôn; Đã ly hôn")
            #expect(try await post(app, "/quan-tri/thu-tuc/1.004873", token: admin, fixed).status == .forbidden)
            #expect(try await ProcedureModel.query(on: app.db).filter(\.$code == "1.004873").first()?.draftDocument == nil)

            // act: fixed (0,5 + 0,5 + 0,75 + 0,5 + 0,5 + 0,25 = 3) and saved with the token, then published
            let saved = try await post(app, "/quan-tri/thu-tuc/1.004873", token: admin, named(fields, "_csrf") + fixed)
            #expect(saved.status == .seeOther)
            let draft = try #require(try await ProcedureModel.query(on: app.db).filter(\.$code == "1.004873").first()?.draftDocument)
            let record = try CatalogStore.decode(draft)
            #expect(record.process.steps.map(\.allottedWorkingDays) == [0.5, 0.5, 0.75, 0.5, 0.5, 0.25])
            #expect(record.formFields.last?.options == ["Chưa kết hôn", "Đã kết hôn", "Đã ly hôn"])
            #expect(try await audit(app, action: "procedure.draft", subject: "procedure:1.004873").map(\.actor) == ["tinh.quantri"])
            let token = try await csrf(app, "/quan-tri/thu-tuc/1.004873", token: admin)
            #expect(try await post(app, "/quan-tri/thu-tuc/1.004873/cong-bo", token: admin, []).status == .forbidden)
            let published = try await post(app, "/quan-tri/thu-tuc/1.004873/cong-bo", token: admin, [("_csrf", token)])
            // check: version 2 is in force with six steps, and the audit says who
            #expect(published.status == .seeOther)
            let detail = object(try await app.send(.GET, "/api/v1/procedures/1.004873"))
            #expect(detail["version"] as? Int == 2)
            #expect(((detail["record"] as? [String: Any])?["process"] as? [String: Any]).flatMap { $0["steps"] as? [Any] }?.count == 6)
            let publications = try await audit(app, action: "procedure.publish", subject: "procedure:1.004873").filter { $0.reason == "version 2" }
            #expect(publications.map(\.actor) == ["tinh.quantri"])
        }
    }

    @Test(arguments: Engine.all)
    func the_catalog_is_the_province_administrators_alone(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            // setup: the commune administrator holds a form token of their own
            let commune = try await app.token("minhxuan.quantri")
            let token = try await csrf(app, "/quan-tri/don-vi/02215", token: commune)
            // act + check: reading, saving and publishing are refused and nothing is saved
            #expect(try await app.send(.GET, "/quan-tri/thu-tuc", token: commune).status == .forbidden)
            #expect(try await app.send(.GET, "/quan-tri/thu-tuc/1.004873", token: commune).status == .forbidden)
            let save = try await post(app, "/quan-tri/thu-tuc/1.004873", token: commune,
                                      [("_csrf", token), ("name", "Đổi tên"), ("field", "Hộ tịch"), ("level", "commune"), ("agency", "UBND"),
                                       ("serviceLevel", "full-online"), ("workingDays", "3"), ("steps[0][name]", "Một bước"),
                                       ("steps[0][role]", "specialist"), ("steps[0][unit]", "handling"), ("steps[0][workingDays]", "3")])
            #expect(save.status == .forbidden)
            #expect(try await post(app, "/quan-tri/thu-tuc/1.004873/cong-bo", token: commune, [("_csrf", token)]).status == .forbidden)
            let procedure = try #require(try await ProcedureModel.query(on: app.db).filter(\.$code == "1.004873").first())
            #expect(procedure.draftDocument == nil && procedure.currentVersion == 1 && procedure.name != "Đổi tên")
            // the list searches without diacritics for the province administrator
            let admin = try await app.token("tinh.quantri")
            let list = try await app.send(.GET, "/quan-tri/thu-tuc?q=tinh%20trang%20hon%20nhan", token: admin).body.string
            #expect(list.contains("data-code=\"1.004873\"") && !list.contains("data-code=\"1.001193\""))
        }
    }

    @Test(arguments: Engine.all)
    func the_editor_checks_every_row_it_reads_and_says_so_beside_the_row(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            // setup: the editor as served, with faults typed into the blank rows and the general fields
            let admin = try await app.token("tinh.quantri")
            var fields = try form(try await app.send(.GET, "/quan-tri/thu-tuc/1.004873", token: admin).body.string,
                                  action: "/quan-tri/thu-tuc/1.004873")
            set(&fields, "field", " ")
            set(&fields, "workingDays", "ba")
            set(&fields, "formFields[5][key]", "2 khoa")             // not a key
            set(&fields, "formFields[6][key]", "applicantName")      // the key of the first row again
            set(&fields, "formFields[6][label]", "Tên lần nữa")
            set(&fields, "steps[5][workingDays]", "mot")             // no name, not a number
            set(&fields, "steps[6][name]", "Bước không có thời gian") // neither days nor hours

            // act
            let refused = try await post(app, "/quan-tri/thu-tuc/1.004873", token: admin, fields)

            // check: each fault beside its row or field, the typed values kept, nothing saved
            #expect(refused.status == .badRequest)
            let page = refused.body.string
            #expect(errorBeside(page, "field") != nil)
            #expect(errorBeside(page, "workingDays")?.contains("số") == true)
            #expect(errorBeside(page, "formFields-5-key")?.contains("chữ không dấu") == true)
            #expect(errorBeside(page, "formFields-5-label") != nil)
            #expect(errorBeside(page, "formFields-6-key")?.contains("trùng khóa: applicantName") == true)
            #expect(errorBeside(page, "steps-5-name") != nil && errorBeside(page, "steps-5-workingDays") != nil)
            #expect(errorBeside(page, "steps-6-workingDays")?.contains("ngày làm việc hoặc giờ") == true)
            #expect(page.contains("value=\"ba\"") && page.contains("value=\"2 khoa\"") && page.contains("value=\"mot\""))
            #expect(page.contains("value=\"Bước không có thời gian\""))
            #expect(try await ProcedureModel.query(on: app.db).filter(\.$code == "1.004873").first()?.draftDocument == nil)
            #expect(try await audit(app, action: "procedure.draft", subject: "procedure:1.004873").isEmpty)
        }
    }

    // MARK: the calendar

    @Test(arguments: Engine.all)
    func the_calendar_page_refuses_a_date_of_another_year_a_wrong_date_and_the_same_day_twice(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            // setup
            let admin = try await app.token("tinh.quantri")
            var fields = try form(try await app.send(.GET, "/quan-tri/lich/2027", token: admin).body.string, action: "/quan-tri/lich/2027")
            set(&fields, "daysOff[0][date]", "2030-01-02")
            set(&fields, "daysOff[1][date]", "2027-02-30")
            set(&fields, "daysOff[2][date]", "2027-02-20")
            set(&fields, "makeUp[0][date]", "2027-02-20")
            set(&fields, "makeUp[1][name]", "Làm bù không có ngày")
            set(&fields, "reason", "Thông báo số 01/TB-BNV")
            // act
            let refused = try await post(app, "/quan-tri/lich/2027", token: admin, fields)
            // check
            #expect(refused.status == .badRequest)
            let page = refused.body.string
            #expect(errorBeside(page, "daysOff-0-date")?.contains("không thuộc năm 2027") == true)
            #expect(errorBeside(page, "daysOff-1-date") != nil)
            #expect(errorBeside(page, "daysOff-2-date") == nil)
            #expect(errorBeside(page, "makeUp-0-date")?.contains("dòng khác") == true)
            #expect(errorBeside(page, "makeUp-1-date") != nil)
            #expect(page.contains("value=\"2027-02-30\"") && page.contains("value=\"Làm bù không có ngày\""))
            #expect(try await CalendarStore.notice(year: 2027, on: app.db) == nil)
            #expect(try await audit(app, action: "calendar.notice", subject: "calendar:2027").isEmpty)
        }
    }

    @Test(arguments: Engine.all)
    func the_calendar_notice_saved_on_its_page_changes_the_working_day_calendar(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            // setup
            let admin = try await app.token("tinh.quantri")
            let page = try await app.send(.GET, "/quan-tri/lich/2027", token: admin).body.string
            var fields = try form(page, action: "/quan-tri/lich/2027")
            set(&fields, "daysOff[0][date]", "2027-02-12")
            set(&fields, "daysOff[0][name]", "Nghỉ hoán đổi dịp Tết")
            set(&fields, "makeUp[0][date]", "2027-02-17")  // a Wednesday: no make-up day
            set(&fields, "reason", "")

            // act + check: refused beside the faulty fields, values kept, nothing saved
            let refused = try await post(app, "/quan-tri/lich/2027", token: admin, fields)
            #expect(refused.status == .badRequest)
            #expect(errorBeside(refused.body.string, "makeUp-0-date")?.contains("thứ Bảy hoặc Chủ nhật") == true)
            #expect(errorBeside(refused.body.string, "reason") != nil)
            #expect(refused.body.string.contains("value=\"2027-02-12\"") && refused.body.string.contains("value=\"Nghỉ hoán đổi dịp Tết\""))
            #expect(try await CalendarStore.notice(year: 2027, on: app.db) == nil)
            // without the token: refused
            set(&fields, "makeUp[0][date]", "2027-02-20")
            set(&fields, "reason", "Thông báo số 01/TB-BNV")
            #expect(try await post(app, "/quan-tri/lich/2027", token: admin, without(fields, "_csrf")).status == .forbidden)
            #expect(try await CalendarStore.notice(year: 2027, on: app.db) == nil)
            // the commune administrator: refused
            let commune = try await app.token("minhxuan.quantri")
            let communeToken = try await csrf(app, "/quan-tri/don-vi/02215", token: commune)
            #expect(try await post(app, "/quan-tri/lich/2027", token: commune,
                                   without(fields, "_csrf") + [("_csrf", communeToken)]).status == .forbidden)
            #expect(try await CalendarStore.notice(year: 2027, on: app.db) == nil)

            // act: saved with the token
            let saved = try await post(app, "/quan-tri/lich/2027", token: admin, fields)
            // check: the year's calendar and the deadlines follow it; the audit says who and why
            #expect(saved.status == .seeOther)
            let days = CalendarAPITests.days(try await app.send(.GET, "/api/v1/calendar/2027"))
            #expect(days["2027-02-12"]?.0 == "adjusted-off" && days["2027-02-12"]?.1 == "Nghỉ hoán đổi dịp Tết")
            #expect(days["2027-02-20"]?.0 == "make-up-workday")
            let due = object(try await app.send(.GET, "/api/v1/calendar/deadline?from=2027-02-18T09:00:00%2B07:00&workingDays=2"))
            #expect(try Date(try #require(due["due"] as? String), strategy: .iso8601) == (try Date("2027-02-20T17:00:00+07:00", strategy: .iso8601)))
            let events = try await audit(app, action: "calendar.notice", subject: "calendar:2027")
            #expect(events.map(\.reason) == ["Thông báo số 01/TB-BNV"] && events.map(\.actor) == ["tinh.quantri"])
            // the page shows the notice again, ready to edit
            let again = try await app.send(.GET, "/quan-tri/lich/2027", token: admin).body.string
            #expect(again.contains("name=\"daysOff[0][date]\" type=\"date\" value=\"2027-02-12\""))
        }
    }
}
