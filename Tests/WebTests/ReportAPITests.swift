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

/// Báo cáo định kỳ (issue 6 item 6) through the API, on both engines: who creates a campaign and with what, who sees
/// it, who submits for which unit, pre-fill from the figures, validation, the due date (late, overdue, no change after
/// it), the aggregate, and the CSV and XLSX exports (the XLSX read back by LibreOffice).
@Suite struct ReportAPITests {
    static let minhXuan = DossierAPITests.minhXuan, lamBinh = DossierAPITests.lamBinh

    static func iso(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }

    /// The quarterly digital-transformation report: a figure-bound number, a rate, a required text, an optional file.
    static func campaign(units: [String] = [minhXuan, lamBinh], dueAt: Date, title: String = "Báo cáo chuyển đổi số quý I/2026")
        -> [String: Any] {
        ["title": title, "description": "Số liệu quý I, điền sẵn từ hệ thống; bổ sung khó khăn.", "period": "2026-Q1",
         "dueAt": iso(dueAt), "units": units,
         "fields": [
            ["key": "ho-so", "label": "Số hồ sơ tiếp nhận", "kind": "number", "figure": "received", "required": true],
            ["key": "dung-han", "label": "Tỷ lệ đúng hạn (%)", "kind": "number", "figure": "on-time-rate"],
            ["key": "kho-khan", "label": "Khó khăn, vướng mắc", "kind": "text", "required": true],
            ["key": "minh-chung", "label": "Minh chứng", "kind": "file"],
         ]]
    }

    /// Creates a campaign as the province administrator; returns its id.
    static func create(_ app: Application, _ body: [String: Any]) async throws -> String {
        let admin = try await app.token("tinh.quantri")
        let response = try await app.send(.POST, "/api/v1/reports", token: admin, body: json(body))
        #expect(response.status == .created, "\(response.body.string)")
        return try #require(object(response)["id"] as? String)
    }

    static func submit(_ app: Application, _ id: String, token: String, _ body: [String: Any]) async throws -> TestingHTTPResponse {
        try await app.send(.POST, "/api/v1/reports/\(id)/submissions", token: token, body: json(body))
    }

    /// The statuses of a campaign as the province sees them, by unit code.
    static func statuses(_ app: Application, _ id: String) async throws -> [String: String] {
        let admin = try await app.token("tinh.quantri")
        let response = try await app.send(.GET, "/api/v1/reports/\(id)", token: admin)
        let units = object(response)["units"] as? [[String: Any]] ?? []
        return Dictionary(units.map { ($0["unit"] as! String, $0["status"] as! String) }, uniquingKeysWith: { a, _ in a })
    }

    // MARK: creation

    @Test(arguments: Engine.all)
    func only_the_province_administrator_creates_a_campaign_and_bad_input_names_every_field_and_changes_nothing(engine: Engine) async throws {
        let clock = ManualClock(Fixtures.monday)
        try await withPlatform(engine, clock: clock) { app in
            // setup
            let admin = try await app.token("tinh.quantri")
            let leader = try await app.token("minhxuan.lanhdao")
            let week = Fixtures.monday.addingTimeInterval(7 * 86_400)
            // act: a commune leader tries; the administrator sends a campaign wrong in every part
            let forbidden = try await app.send(.POST, "/api/v1/reports", token: leader, body: json(Self.campaign(dueAt: week)))
            let bad = try await app.send(.POST, "/api/v1/reports", token: admin, body: json([
                "title": "  ", "period": "2026-Q5", "dueAt": Self.iso(Fixtures.monday.addingTimeInterval(-3600)),
                "fields": [["label": "", "kind": "date"], ["label": "Ghi chú", "kind": "text", "figure": "received"],
                           ["label": "Số hồ sơ", "kind": "number", "figure": "khong-co"]],
                "units": [Self.minhXuan, "99999"], "unitGroups": ["huyen"],
            ]))
            let empty = try await app.send(.POST, "/api/v1/reports", token: admin, body: json([
                "title": "Báo cáo", "period": "2026", "dueAt": Self.iso(week), "fields": [], "units": []]))
            // check: 403 for the leader; 400 problem+json naming each field, in Vietnamese and English
            #expect(forbidden.status == .forbidden)
            #expect(bad.status == .badRequest)
            #expect(bad.headers.contentType?.description.hasPrefix("application/problem+json") == true)
            let errors = object(bad)["errors"] as? [String: String] ?? [:]
            #expect(Set(errors.keys) == ["title", "period", "dueAt", "fields[0].label", "fields[0].kind", "fields[1].figure",
                                         "fields[2].figure", "units", "unitGroups"], "\(errors)")
            #expect(errors["units"]?.contains("99999") == true)
            #expect((object(bad)["title"] as? String)?.contains("chưa hợp lệ") == true)
            #expect((object(bad)["detail"] as? String)?.contains("invalid fields") == true)
            #expect(empty.status == .badRequest)
            #expect(Set((object(empty)["errors"] as? [String: String] ?? [:]).keys) == ["fields", "units"])
            // nothing was written
            #expect(try await ReportCampaignModel.query(on: app.db).count() == 0)
            #expect(try await ReportCampaignUnitModel.query(on: app.db).count() == 0)
            #expect(try await AuditEventModel.query(on: app.db).filter(\.$action == "report.create").count() == 0)

            // act: a valid campaign, and one for every commune and ward
            let created = try await app.send(.POST, "/api/v1/reports", token: admin, body: json(Self.campaign(dueAt: week)))
            var communes = Self.campaign(units: [], dueAt: week, title: "Báo cáo tháng 3")
            communes["unitGroups"] = ["communes"]
            let all = try await app.send(.POST, "/api/v1/reports", token: admin, body: json(communes))
            // check: created with its units, fields and an audit event naming who and why
            #expect(created.status == .created, "\(created.body.string)")
            let body = object(created)
            #expect(body["unitCount"] as? Int == 2)
            #expect((body["fields"] as? [[String: Any]])?.map { $0["key"] as? String } == ["ho-so", "dung-han", "kho-khan", "minh-chung"])
            #expect((body["units"] as? [[String: Any]])?.allSatisfy { $0["status"] as? String == "pending" } == true)
            let events = try await AuditEventModel.query(on: app.db).filter(\.$action == "report.create").all()
            #expect(events.count == 2)
            #expect(events.allSatisfy { $0.actor == "tinh.quantri" && $0.at == Fixtures.monday && ($0.reason ?? "").contains("kỳ 2026-Q1") })
            #expect(events.contains { $0.subject == "report:\(body["id"] as? String ?? "")" })
            let groupUnits = (object(all)["units"] as? [[String: Any]] ?? []).compactMap { $0["unit"] as? String }
            #expect(groupUnits.contains(Self.minhXuan) && groupUnits.contains(Self.lamBinh) && !groupUnits.contains("STP"))
            #expect(groupUnits.count > 2)
        }
    }

    // MARK: who sees and who submits

    @Test(arguments: Engine.all)
    func a_unit_sees_only_its_own_campaigns_and_only_its_leaders_submit_for_it(engine: Engine) async throws {
        let clock = ManualClock(Fixtures.monday)
        try await withPlatform(engine, clock: clock) { app in
            // setup: one campaign for Minh Xuân, one for Lâm Bình
            let week = Fixtures.monday.addingTimeInterval(7 * 86_400)
            let forMinhXuan = try await Self.create(app, Self.campaign(units: [Self.minhXuan], dueAt: week, title: "Đợt Minh Xuân"))
            let forLamBinh = try await Self.create(app, Self.campaign(units: [Self.lamBinh], dueAt: week, title: "Đợt Lâm Bình"))
            let leader = try await app.token("minhxuan.lanhdao")
            let unitLeader = try await app.token("minhxuan.lanhdaodonvi")
            let desk = try await app.token("minhxuan.motcua")
            let other = try await app.token("lambinh.lanhdao")
            let admin = try await app.token("tinh.quantri")
            let report: [String: Any] = ["unit": Self.minhXuan, "values": ["ho-so": 4, "kho-khan": "Thiếu máy quét"]]
            // act and check: each unit lists only its own campaign; the province lists both
            let mine = object(try await app.send(.GET, "/api/v1/reports", token: leader))
            #expect(mine["total"] as? Int == 1)
            #expect((mine["items"] as? [[String: Any]])?.first?["id"] as? String == forMinhXuan)
            #expect(object(try await app.send(.GET, "/api/v1/reports", token: admin))["total"] as? Int == 2)
            #expect(try await app.send(.GET, "/api/v1/reports/\(forLamBinh)", token: leader).status == .notFound)
            #expect(try await app.send(.GET, "/api/v1/reports/\(forLamBinh)/form?unit=\(Self.lamBinh)", token: leader).status == .notFound)
            #expect(try await app.send(.GET, "/api/v1/reports/\(forMinhXuan)/form?unit=\(Self.minhXuan)", token: other).status == .notFound)
            // a unit's view carries its form, not the aggregate
            let view = object(try await app.send(.GET, "/api/v1/reports/\(forMinhXuan)", token: desk))
            #expect(view["aggregate"] == nil && (view["forms"] as? [[String: Any]])?.count == 1)
            #expect((view["forms"] as? [[String: Any]])?.first?["canSubmit"] as? Bool == false)
            // another unit's leader, the unit's desk officer and the province administrator cannot submit for Minh Xuân
            #expect(try await Self.submit(app, forMinhXuan, token: other, report).status == .forbidden)
            #expect(try await Self.submit(app, forMinhXuan, token: desk, report).status == .forbidden)
            #expect(try await Self.submit(app, forMinhXuan, token: admin, report).status == .forbidden)
            // Minh Xuân's leader cannot submit for Lâm Bình, nor for a campaign Minh Xuân does not answer
            var forOther = report
            forOther["unit"] = Self.lamBinh
            #expect(try await Self.submit(app, forLamBinh, token: leader, forOther).status == .forbidden)
            #expect(try await Self.submit(app, forLamBinh, token: leader, report).status == .badRequest)
            #expect(try await ReportSubmissionModel.query(on: app.db).count() == 0)
            // the unit leader submits, the agency leader resubmits before the due date: one report, version 2
            #expect(try await Self.submit(app, forMinhXuan, token: unitLeader, report).status == .created)
            let again = try await Self.submit(app, forMinhXuan, token: leader, report)
            #expect(again.status == .ok, "\(again.body.string)")
            let stored = try #require(try await ReportSubmissionModel.query(on: app.db).first())
            #expect(stored.version == 2 && stored.submittedBy == "minhxuan.lanhdao" && !stored.late)
            #expect(try await AuditEventModel.query(on: app.db).filter(\.$action == "report.submit").count() == 2)
            #expect(try await Self.statuses(app, forMinhXuan) == [Self.minhXuan: "submitted"])
        }
    }

    // MARK: pre-fill

    @Test(arguments: Engine.all)
    func number_fields_bound_to_a_figure_are_pre_filled_with_the_units_figures(engine: Engine) async throws {
        let clock = ManualClock(Fixtures.monday)
        try await withPlatform(engine, clock: clock) { app in
            // setup: the six dossiers of Minh Xuân (4 received in March), a week later
            _ = try await IndicatorAPITests.sixDossiers(app, clock: clock)
            clock.advance(by: 7 * 86_400)
            let id = try await Self.create(app, Self.campaign(dueAt: clock.now().addingTimeInterval(86_400)))
            let leader = try await app.token("minhxuan.lanhdao")
            let admin = try await app.token("tinh.quantri")
            // act
            let form = object(try await app.send(.GET, "/api/v1/reports/\(id)/form?unit=\(Self.minhXuan)", token: leader))
            let lamBinh = object(try await app.send(.GET, "/api/v1/reports/\(id)/form?unit=\(Self.lamBinh)", token: admin))
            let figures = try await IndicatorAPITests.figures(app, token: admin, query: "unit=\(Self.minhXuan)&period=2026-Q1")
            // check: the received count and the on-time rate (percent, one decimal) equal the figures
            func prefill(_ form: [String: Any], _ key: String) -> Double? {
                (form["fields"] as? [[String: Any]])?.first { $0["key"] as? String == key }?["prefill"] as? Double
            }
            #expect(prefill(form, "ho-so") == 4)
            #expect(figures["received"]?["count"] as? Int == 4)
            let percent = try #require(figures["on-time-rate"]?["percent"] as? Double)
            #expect(prefill(form, "dung-han") == (percent * 10).rounded() / 10)
            #expect(prefill(form, "kho-khan") == nil)
            #expect(form["canSubmit"] as? Bool == true && form["status"] as? String == "pending")
            #expect(prefill(lamBinh, "ho-so") == 0)        // nothing received at Lâm Bình
            #expect(prefill(lamBinh, "dung-han") == nil)   // a rate of nothing has no value
        }
    }

    // MARK: validation

    @Test(arguments: Engine.all)
    func a_submission_is_checked_field_by_field_and_an_invalid_one_changes_nothing(engine: Engine) async throws {
        let clock = ManualClock(Fixtures.monday)
        try await withPlatform(engine, clock: clock) { app in
            // setup
            let id = try await Self.create(app, Self.campaign(dueAt: Fixtures.monday.addingTimeInterval(86_400)))
            let leader = try await app.token("minhxuan.lanhdao")
            let someoneElse = try await app.token("lambinh.lanhdao")
            let foreign = try await DossierAPITests.upload(app, token: someoneElse, body: ByteBuffer(string: "%PDF-1.4 xa khac\n%%EOF"),
                                                           name: "cua-xa-khac.pdf")
            let own = try await DossierAPITests.upload(app, token: leader, body: ByteBuffer(string: "%PDF-1.4 minh chung\n%%EOF"),
                                                       name: "minh-chung.pdf")
            // act: a word for a number, a blank required text, someone else's file, a field that does not exist
            let bad = try await Self.submit(app, id, token: leader, [
                "unit": Self.minhXuan, "values": ["ho-so": "bốn", "kho-khan": "   ", "khong-co": 1], "files": ["minh-chung": foreign]])
            let missing = try await Self.submit(app, id, token: leader, ["unit": Self.minhXuan, "values": ["kho-khan": "Không"]])
            // check
            #expect(bad.status == .badRequest)
            let errors = object(bad)["errors"] as? [String: String] ?? [:]
            #expect(Set(errors.keys) == ["values.ho-so", "values.kho-khan", "values.khong-co", "files.minh-chung"], "\(errors)")
            #expect(errors["values.ho-so"]?.contains("không phải là số") == true)
            #expect(Set((object(missing)["errors"] as? [String: String] ?? [:]).keys) == ["values.ho-so"])
            #expect(try await ReportSubmissionModel.query(on: app.db).count() == 0)
            #expect(try await AuditEventModel.query(on: app.db).filter(\.$action == "report.submit").count() == 0)
            // act: a Vietnamese number with the submitter's own file
            let good = try await Self.submit(app, id, token: leader, [
                "unit": Self.minhXuan, "values": ["ho-so": "1.234,5", "dung-han": "87.5", "kho-khan": "Thiếu máy quét"],
                "files": ["minh-chung": own]])
            // check: stored as numbers, the file by its SHA-256
            #expect(good.status == .created, "\(good.body.string)")
            let fields = Dictionary((object(good)["fields"] as? [[String: Any]] ?? []).map { ($0["key"] as! String, $0) }, uniquingKeysWith: { a, _ in a })
            #expect(fields["ho-so"]?["value"] as? Double == 1234.5)
            #expect(fields["dung-han"]?["value"] as? Double == 87.5)
            #expect(fields["kho-khan"]?["value"] as? String == "Thiếu máy quét")
            #expect(fields["minh-chung"]?["file"] as? String == own)
        }
    }

    @Test func numbers_are_read_as_vietnamese_officials_type_them() {
        #expect(ReportNumber.parse("1.234,5") == 1234.5)
        #expect(ReportNumber.parse("1234.5") == 1234.5)
        #expect(ReportNumber.parse("1.234") == 1234)           // dots before groups of three digits group thousands
        #expect(ReportNumber.parse("1.234.567") == 1_234_567)
        #expect(ReportNumber.parse("0,5") == 0.5)
        #expect(ReportNumber.parse("12.5") == 12.5)
        #expect(ReportNumber.parse(" -7 ") == -7)
        #expect(ReportNumber.parse("1 234,5") == 1234.5)
        for wrong in ["", "bốn", "1,2,3", "1.2.3", "12a", "1.23.456", ",5", "5,", "-"] {
            #expect(ReportNumber.parse(wrong) == nil, "\(wrong)")
        }
    }

    // MARK: the due date

    @Test(arguments: Engine.all)
    func after_the_due_date_a_missing_unit_is_overdue_a_late_report_is_marked_late_and_no_report_changes(engine: Engine) async throws {
        let clock = ManualClock(Fixtures.monday)
        try await withPlatform(engine, clock: clock) { app in
            // setup: due tomorrow; Minh Xuân submits today
            let due = Fixtures.monday.addingTimeInterval(86_400)
            let id = try await Self.create(app, Self.campaign(dueAt: due))
            let report: [String: Any] = ["unit": Self.minhXuan, "values": ["ho-so": 4, "kho-khan": "Không"]]
            #expect(try await Self.submit(app, id, token: try await app.token("minhxuan.lanhdao"), report).status == .created)
            #expect(try await Self.statuses(app, id) == [Self.minhXuan: "submitted", Self.lamBinh: "pending"])
            // act: two days later
            clock.advance(by: 2 * 86_400)
            let overdue = try await Self.statuses(app, id)
            let change = try await Self.submit(app, id, token: try await app.token("minhxuan.lanhdao"), report)
            let lateReport = try await Self.submit(app, id, token: try await app.token("lambinh.lanhdao"), [
                "unit": Self.lamBinh, "values": ["ho-so": 0, "kho-khan": "Nộp chậm do mất điện"]])
            let lateChange = try await Self.submit(app, id, token: try await app.token("lambinh.lanhdao"), [
                "unit": Self.lamBinh, "values": ["ho-so": 1, "kho-khan": "Sửa"]])
            // check: Lâm Bình was overdue, then late; Minh Xuân's report could not change any more
            #expect(overdue == [Self.minhXuan: "submitted", Self.lamBinh: "overdue"])
            #expect(change.status == .conflict)
            #expect(lateReport.status == .created, "\(lateReport.body.string)")
            #expect(object(lateReport)["status"] as? String == "late")
            #expect(lateChange.status == .conflict)
            #expect(try await Self.statuses(app, id) == [Self.minhXuan: "submitted", Self.lamBinh: "late"])
            let minhXuan = try #require(try await ReportSubmissionModel.query(on: app.db).filter(\.$unitCode == Self.minhXuan).first())
            #expect(minhXuan.version == 1 && minhXuan.submittedAt == Fixtures.monday)
            let lamBinh = try #require(try await ReportSubmissionModel.query(on: app.db).filter(\.$unitCode == Self.lamBinh).first())
            #expect(lamBinh.late && ReportService.decodeValues(lamBinh.values)["ho-so"] == .number(0))
            let events = try await AuditEventModel.query(on: app.db).filter(\.$action == "report.submit").sort(\.$at).all()
            #expect(events.map(\.actor) == ["minhxuan.lanhdao", "lambinh.lanhdao"])
            #expect(events.last?.reason?.hasPrefix("Nộp muộn") == true)
            #expect(events.last?.subject == "report:\(id)/\(Self.lamBinh)")
            let counts = object(try await app.send(.GET, "/api/v1/reports/\(id)", token: try await app.token("tinh.quantri")))["counts"] as? [String: Int]
            #expect(counts == ["pending": 0, "submitted": 1, "late": 1, "overdue": 0])
        }
    }

    // MARK: pages

    @Test func the_pages_refuse_the_creation_form_to_a_unit_keep_typed_values_beside_errors_and_need_the_form_token() async throws {
        try await withPlatform(.sqlite) { app in
            // setup
            let id = try await Self.create(app, Self.campaign(dueAt: Fixtures.monday.addingTimeInterval(86_400)))
            let leader = try await app.token("minhxuan.lanhdao")
            let csrf = Workspace.csrfToken(SignedIn(user: UserModel(), actor: Actor(userID: UUID(), username: "minhxuan.lanhdao",
                                                                                    kind: .official, assignments: []), token: leader))
            // act and check: a unit's official does not get the creation form; the unit's own page has its form
            let creation = try await app.send(.GET, "/bao-cao/tao", token: leader)
            #expect(creation.status == .forbidden && creation.body.string.contains("Chỉ quản trị cấp tỉnh"))
            let page = try await app.send(.GET, "/bao-cao/\(id)", token: leader)
            #expect(page.status == .ok && page.body.string.contains("name=\"values[ho-so]\""))
            // a form without its token changes nothing
            let answer = [("unit", Self.minhXuan), ("values[ho-so]", "4"), ("values[kho-khan]", "Thiếu máy quét")]
            let forged = try await app.postForm("/bao-cao/\(id)/nop", token: leader, answer)
            #expect(forged.status == .forbidden)
            // a word for a number comes back beside its field, with what was typed
            let bad = try await app.postForm("/bao-cao/\(id)/nop", token: leader,
                                              [("_csrf", csrf), ("unit", Self.minhXuan), ("values[ho-so]", "bốn"), ("values[kho-khan]", "Thiếu máy quét")])
            #expect(bad.status == .badRequest)
            #expect(bad.body.string.contains("id=\"f-ho-so-error\"") && bad.body.string.contains("value=\"bốn\""))
            #expect(bad.body.string.contains(">Thiếu máy quét</textarea>"))
            #expect(try await ReportSubmissionModel.query(on: app.db).count() == 0)
            // with its token and a number, the report is submitted and the page says so
            let good = try await app.postForm("/bao-cao/\(id)/nop", token: leader, [("_csrf", csrf)] + answer)
            #expect(good.status == .seeOther)
            #expect(good.headers.first(name: .location) == "/bao-cao/\(id)?don-vi=\(Self.minhXuan)&da-nop=1")
            #expect(try await ReportSubmissionModel.query(on: app.db).count() == 1)
            let after = try await app.send(.GET, "/bao-cao/\(id)?don-vi=\(Self.minhXuan)&da-nop=1", token: leader)
            #expect(after.body.string.contains("Đã nộp báo cáo lúc") && after.body.string.contains("data-status=\"submitted\""))
        }
    }

    // MARK: aggregate and exports

    /// A campaign for Minh Xuân, Lâm Bình and Sở Tư pháp; the two communes answer (4 and 10,5), the department not.
    static func answered(_ app: Application) async throws -> String {
        let id = try await create(app, campaign(units: [minhXuan, lamBinh, "STP"], dueAt: Fixtures.monday.addingTimeInterval(86_400)))
        #expect(try await submit(app, id, token: try await app.token("minhxuan.lanhdao"), [
            "unit": minhXuan, "values": ["ho-so": 4, "dung-han": "87,5", "kho-khan": "Thiếu máy quét"]]).status == .created)
        #expect(try await submit(app, id, token: try await app.token("lambinh.lanhdao"), [
            "unit": lamBinh, "values": ["ho-so": "10,5", "kho-khan": "Không"]]).status == .created)
        return id
    }

    @Test(arguments: Engine.all)
    func the_province_sees_the_aggregate_and_exports_one_row_per_unit_as_csv(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            // setup
            let id = try await Self.answered(app)
            let admin = try await app.token("tinh.quantri")
            // act
            let view = object(try await app.send(.GET, "/api/v1/reports/\(id)", token: admin))
            let csv = try await app.send(.GET, "/api/v1/reports/\(id)/export?format=csv", token: admin)
            let byLeader = try await app.send(.GET, "/api/v1/reports/\(id)/export?format=csv", token: try await app.token("minhxuan.lanhdao"))
            let badFormat = try await app.send(.GET, "/api/v1/reports/\(id)/export?format=pdf", token: admin)
            // check: sums and averages of the numbers, answers of the text and file
            let aggregate = Dictionary((view["aggregate"] as? [[String: Any]] ?? []).map { ($0["key"] as! String, $0) }, uniquingKeysWith: { a, _ in a })
            #expect(aggregate["ho-so"]?["answers"] as? Int == 2)
            #expect(aggregate["ho-so"]?["sum"] as? Double == 14.5)
            #expect(aggregate["ho-so"]?["average"] as? Double == 7.25)
            #expect(aggregate["dung-han"]?["answers"] as? Int == 1 && aggregate["dung-han"]?["sum"] as? Double == 87.5)
            #expect(aggregate["kho-khan"]?["answers"] as? Int == 2)
            #expect(aggregate["minh-chung"]?["answers"] as? Int == 0 && aggregate["minh-chung"]?["sum"] == nil)
            // the CSV: a header and one row per unit, in path order
            #expect(csv.status == .ok && csv.headers.first(name: .contentType)?.hasPrefix("text/csv") == true)
            let lines = csv.body.string.replacingOccurrences(of: "\u{FEFF}", with: "").split(separator: "\r\n").map(String.init)
            #expect(lines.first == "Mã đơn vị,Đơn vị,Tình trạng,Thời điểm nộp,Số hồ sơ tiếp nhận,Tỷ lệ đúng hạn (%),\"Khó khăn, vướng mắc\",Minh chứng")
            #expect(lines.contains("\(Self.minhXuan),Phường Minh Xuân,Đã nộp,09:00 ngày 02/03/2026,4,87.5,Thiếu máy quét,"), "\(lines)")
            #expect(lines.contains { $0.hasPrefix("\(Self.lamBinh),") && $0.hasSuffix(",Đã nộp,09:00 ngày 02/03/2026,10.5,,Không,") }, "\(lines)")
            #expect(lines.contains("STP,Sở Tư pháp,Chưa nộp,,,,,"), "\(lines)")
            #expect(lines.count == 4)
            #expect(byLeader.status == .forbidden)
            #expect(badFormat.status == .badRequest)
        }
    }

    @Test(arguments: Engine.all)
    func the_xlsx_export_reads_back_in_libreoffice_with_every_value(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            // setup
            let id = try await Self.answered(app)
            let admin = try await app.token("tinh.quantri")
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cqs-report-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            // act: download, then LibreOffice converts every sheet to CSV
            let xlsx = try await app.send(.GET, "/api/v1/reports/\(id)/export?format=xlsx", token: admin)
            #expect(xlsx.status == .ok)
            let workbook = directory.appendingPathComponent("bao-cao.xlsx")
            try Data(xlsx.body.readableBytesView).write(to: workbook)
            let output = directory.appendingPathComponent("csv")
            try ReportSheets.convertEverySheetToCSV(workbook, outputDirectory: output, workingIn: directory)
            // check: every unit's row and the aggregate, as LibreOffice reads them
            let units = try ReportSheets.sheet("bao-cao-Báo cáo.csv", in: output)
            #expect(units.first == ["Mã đơn vị", "Đơn vị", "Tình trạng", "Thời điểm nộp", "Số hồ sơ tiếp nhận", "Tỷ lệ đúng hạn (%)",
                                    "Khó khăn, vướng mắc", "Minh chứng"])
            #expect(units.contains([Self.minhXuan, "Phường Minh Xuân", "Đã nộp", "09:00 ngày 02/03/2026", "4", "87.5", "Thiếu máy quét", ""]), "\(units)")
            #expect(units.contains { $0.first == Self.lamBinh && $0.dropFirst(2) == ["Đã nộp", "09:00 ngày 02/03/2026", "10.5", "", "Không", ""] }, "\(units)")
            #expect(units.contains(["STP", "Sở Tư pháp", "Chưa nộp", "", "", "", "", ""]), "\(units)")
            let aggregate = try ReportSheets.sheet("bao-cao-Tổng hợp.csv", in: output)
            #expect(aggregate.first == ["Trường", "Loại", "Số đơn vị trả lời", "Tổng", "Trung bình"])
            #expect(aggregate.contains(["Số hồ sơ tiếp nhận", "Số", "2", "14.5", "7.25"]), "\(aggregate)")
            #expect(aggregate.contains(["Khó khăn, vướng mắc", "Văn bản", "2", "", ""]), "\(aggregate)")
        }
    }
}

/// LibreOffice for the report export test (the technique of SpreadsheetTests' round trip, which this target cannot
/// import): `soffice` headless converts every sheet to UTF-8 CSV. Without it the test fails — it is never skipped.
enum ReportSheets {
    struct Failure: Error, CustomStringConvertible { var description: String }

    static let soffice: String? = {
        let directories = ["/usr/bin", "/usr/local/bin"]
            + (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        return directories.map { "\($0)/soffice" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// `<file name>-<sheet name>.csv` for every sheet of `file` in `outputDirectory`; the profile and the log live in
    /// `directory`.
    static func convertEverySheetToCSV(_ file: URL, outputDirectory: URL, workingIn directory: URL, timeout: TimeInterval = 180) throws {
        guard let soffice else {
            throw Failure(description: "soffice is not installed: install libreoffice-calc-nogui (apt-get install -y libreoffice-calc-nogui)")
        }
        // comma, quote, UTF-8 (76), from line 1, no cell formats, default language, plain text, detect special numbers,
        // contents as shown, no formulas, keep spaces, every sheet (-1)
        let filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"
        let log = directory.appendingPathComponent("soffice.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let logHandle = try FileHandle(forWritingTo: log)
        defer { try? logHandle.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: soffice)
        process.arguments = ["-env:UserInstallation=\(directory.appendingPathComponent("profile").absoluteString)",
                             "--headless", "--norestore", "--convert-to", filter, "--outdir", outputDirectory.path, file.path]
        process.environment = ProcessInfo.processInfo.environment.merging(["HOME": directory.path]) { $1 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = logHandle
        process.standardError = logHandle
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            throw Failure(description: "soffice did not finish within \(Int(timeout)) s")
        }
        guard process.terminationStatus == 0 else {
            throw Failure(description: "soffice exited with \(process.terminationStatus): \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
        }
    }

    /// The records of the CSV file `name` in `directory` (names compared as Unicode text, whatever normalisation the
    /// file system keeps).
    static func sheet(_ name: String, in directory: URL) throws -> [[String]] {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        guard let file = files.first(where: { $0 == name }) else { throw Failure(description: "no \(name) among \(files)") }
        return parseCSV(try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8))
    }

    /// RFC 4180 records (CRLF or LF line ends).
    static func parseCSV(_ text: String) -> [[String]] {
        var records: [[String]] = [], record: [String] = [], field = ""
        var quoted = false
        var scalars = text.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let scalar = pending {
            pending = scalars.next()
            switch (quoted, scalar) {
            case (true, "\""):
                if pending == "\"" { field.unicodeScalars.append("\""); pending = scalars.next() } else { quoted = false }
            case (true, _): field.unicodeScalars.append(scalar)
            case (false, "\""): quoted = true
            case (false, ","): record.append(field); field = ""
            case (false, "\r") where pending == "\n": continue
            case (false, "\n"): record.append(field); records.append(record); record = []; field = ""
            default: field.unicodeScalars.append(scalar)
            }
        }
        if !field.isEmpty || !record.isEmpty { records.append(record + [field]) }
        return records
    }
}
