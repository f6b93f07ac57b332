import Catalog
import Core
import DemoData
import Dossiers
import Fluent
import Foundation
import Storage
import Testing
import Vapor
import VaporTesting
import WorkCalendar
@testable import Web

/// The one-stop-shop lifecycle over HTTP, on both engines.
@Suite struct DossierAPITests {
    static let minhXuan = "02215", lamBinh = "02266"

    /// A valid e-form for a procedure (every required field filled by its type).
    static func form(for code: String, on db: any Database) async throws -> [String: String] {
        form(for: try #require(try await CatalogStore.published(code: code, on: db)).1)
    }

    /// A valid e-form for a procedure record (every required field filled by its type).
    static func form(for record: ProcedureRecord) -> [String: String] {
        var values: [String: String] = [:]
        for field in record.formFields where field.required {
            switch field.type {
            case .personalID: values[field.key] = DemoSeed.citizenID
            case .date: values[field.key] = "2026-02-01"
            case .number: values[field.key] = "1"
            case .select: values[field.key] = field.options?.first ?? ""
            default: values[field.key] = field.key == "applicantAddress" ? "Tổ 5, phường Minh Xuân" : "Nội dung \(field.label)"
            }
        }
        return values
    }

    static let pdf = ByteBuffer(string: "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

    /// Uploads a file as `token`'s owner and returns its SHA-256.
    static func upload(_ app: Application, token: String, body: ByteBuffer = pdf, name: String = "giay-to.pdf") async throws -> String {
        let response = try await app.send(.POST, "/api/v1/files?name=\(name)", token: token, body: body)
        #expect(response.status == .created, "upload: \(response.body.string)")
        return try #require(object(response)["sha256"] as? String)
    }

    /// The demo citizen submits `procedure` online at Phường Minh Xuân; returns the dossier code.
    static func submitOnline(_ app: Application, procedure: String = "1.001022", token: String? = nil) async throws -> String {
        var citizen = token ?? ""
        if token == nil { citizen = try await app.token(DemoSeed.citizenID) }
        let file = try await upload(app, token: citizen)
        let response = try await app.send(.POST, "/api/v1/dossiers", token: citizen, body: json([
            "procedure": procedure, "unit": minhXuan, "form": try await form(for: procedure, on: app.db),
            "components": [["index": 0, "file": file]]]))
        #expect(response.status == .created, "submit: \(response.body.string)")
        return try #require(object(response)["code"] as? String)
    }

    static func act(_ app: Application, _ code: String, _ action: String, token: String, _ body: [String: Any] = [:]) async throws
        -> TestingHTTPResponse {
        try await app.send(.POST, "/api/v1/dossiers/\(code)/actions/\(action)", token: token, body: json(body))
    }

    @Test(arguments: Engine.all)
    func a_dossier_goes_from_submission_to_return_and_rating(engine: Engine) async throws {
        let clock = ManualClock(Fixtures.monday)  // Monday 2026-03-02 09:00
        try await withPlatform(engine, clock: clock) { app in
            // setup
            let citizen = try await app.token(DemoSeed.citizenID)
            let code = try await Self.submitOnline(app, token: citizen)
            #expect(code.hasSuffix(".90.H60-260302-0001"), "\(code)")  // commune block 90 of H60, first of the day
            // act: receive an hour later
            clock.advance(by: 3600)
            var desk = try await app.token("minhxuan.motcua")
            let receiveResponse = try await Self.act(app, code, "receive", token: desk)
            #expect(receiveResponse.status == .ok, "\(receiveResponse.body.string)")
            let received = object(receiveResponse)
            // check: 3 working days from Monday 10:00 → Thursday 5 March 17:00
            #expect(received["status"] as? String == "processing")
            #expect(try Date(try #require(received["appointment"] as? String), strategy: .iso8601)
                    == (try Date("2026-03-05T17:00:00+07:00", strategy: .iso8601)))
            var citizen2 = try await app.token(DemoSeed.citizenID)  // tokens live one hour
            let receipt = object(try await app.send(.GET, "/api/v1/dossiers/\(code)/receipt", token: citizen2))
            #expect(receipt["dossierCode"] as? String == code)
            #expect(receipt["trackingURL"] as? String == "http://127.0.0.1:8080/tra-cuu/\(code)")
            #expect((receipt["components"] as? [Any])?.count == 1)
            // the steps: unit leader assigns, specialist drafts, leader approves with the result, clerk closes
            let unitLeader = try await app.token("minhxuan.lanhdaodonvi")
            #expect(try await Self.act(app, code, "forward", token: unitLeader, ["assignee": "minhxuan.chuyenvien"]).status == .ok)
            let specialist = try await app.token("minhxuan.chuyenvien")
            #expect(try await Self.act(app, code, "forward", token: specialist).status == .ok)
            let leader = try await app.token("minhxuan.lanhdao")
            let result = try await Self.upload(app, token: leader, body: ByteBuffer(string: "%PDF-1.4 ket qua\n%%EOF"), name: "ket-qua.pdf")
            #expect(try await Self.act(app, code, "approve", token: leader, ["resultFile": result]).status == .ok)
            clock.advance(by: 24 * 3600)
            let clerk = try await app.token("minhxuan.vanthu")
            let resolved = object(try await Self.act(app, code, "forward", token: clerk))
            #expect(resolved["status"] as? String == "resolved")
            #expect(resolved["timeliness"] as? String == "early")
            // the desk returns it; the citizen downloads the result and rates
            desk = try await app.token("minhxuan.motcua")
            citizen2 = try await app.token(DemoSeed.citizenID)
            let returned = object(try await Self.act(app, code, "return", token: desk, ["returnMethod": "online"]))
            #expect(returned["status"] as? String == "returned")
            #expect(returned["nationalStatus"] as? Int == 10)
            let download = try await app.send(.GET, "/api/v1/files/\(result)", token: citizen2)
            #expect(download.status == .ok && download.body.string.contains("ket qua"))
            #expect(try await app.send(.POST, "/api/v1/dossiers/\(code)/rating", token: citizen2, body: json(["score": 5])).status == .ok)
            #expect(try await app.send(.POST, "/api/v1/dossiers/\(code)/rating", token: citizen2, body: json(["score": 1])).status == .conflict)
            // the result is in the citizen's digital repository
            let repository = object(try await app.send(.GET, "/api/v1/me/repository", token: citizen2))
            #expect((repository["items"] as? [[String: Any]] ?? []).contains { $0["sha256"] as? String == result })
            // public tracking shows "returned" and the masked name, nothing else
            let track = try await app.send(.GET, "/api/v1/track/\(code)")
            let tracking = object(track)
            #expect(tracking["status"] as? String == "returned")
            #expect(tracking["applicant"] as? String == "Nguyễn V** H**")
            #expect(!track.body.string.contains(DemoSeed.citizenID) && !track.body.string.contains("0912345678"))
            // the stored public document followed every change: it equals the view recomputed from the history
            let stored = try #require(try await PublicTracking.find(code: code, on: app.db))
            let dossierRow = try #require(try await DossierModel.query(on: app.db).filter(\.$code == code).first())
            let recomputed = try await PublicTracking.fromHistory(dossierRow, on: app.db)
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            #expect(stored == (try decoder.decode(PublicTracking.self, from: try encoder.encode(recomputed))))
            #expect(stored.timeline.map(\.action) == ["Nộp hồ sơ", "Tiếp nhận hồ sơ", "Hoàn thành bước, chuyển xử lý",
                                                      "Hoàn thành bước, chuyển xử lý", "Phê duyệt kết quả",
                                                      "Hoàn thành bước, chuyển xử lý", "Trả kết quả", "Đánh giá"])
            // history: every change with who and when; control slip rows all completed
            let detail = object(try await app.send(.GET, "/api/v1/dossiers/\(code)", token: desk))
            let events = detail["events"] as? [[String: Any]] ?? []
            #expect(events.map { $0["action"] as? String ?? "" } == ["submit", "receive", "forward", "forward", "approve", "forward", "return", "rate"])
            #expect(events.allSatisfy { ($0["actor"] as? String)?.isEmpty == false })
            #expect((detail["steps"] as? [[String: Any]] ?? []).allSatisfy { $0["completedAt"] != nil })
            // an outbox message (e-mail and SMS) for every status change
            let messages = try await OutboxMessageModel.query(on: app.db).filter(\.$dossierCode == code).all()
            #expect(messages.filter { $0.channel == .email }.count == 4)  // submitted, received, resolved, returned
            #expect(messages.filter { $0.channel == .sms }.count == 4)
        }
    }

    @Test(arguments: Engine.all)
    func forbidden_transitions_and_roles_are_refused_and_change_nothing(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            let code = try await Self.submitOnline(app)
            let desk = try await app.token("minhxuan.motcua")
            let otherDesk = try await app.token("lambinh.motcua")
            let specialist = try await app.token("minhxuan.chuyenvien")
            let citizen = try await app.token(DemoSeed.citizenID)
            let before = try #require(try await DossierModel.query(on: app.db).filter(\.$code == code).first())
            // wrong state (409) for every action not allowed from "submitted"
            for action in DossierAction.allCases where !action.allowedFrom.contains(.submitted) {
                let response = try await Self.act(app, code, action.rawValue, token: desk, ["reason": "thử", "returnMethod": "online"])
                #expect(response.status == .conflict, "\(action) from submitted: \(response.status)")
            }
            // wrong unit (403) and wrong role (403)
            #expect(try await Self.act(app, code, "receive", token: otherDesk).status == .forbidden)
            #expect(try await Self.act(app, code, "receive", token: specialist).status == .forbidden)
            #expect(try await Self.act(app, code, "receive", token: citizen).status == .forbidden)
            // a refusal needs a reason
            #expect(try await Self.act(app, code, "refuse-intake", token: desk).status == .badRequest)
            let after = try #require(try await DossierModel.query(on: app.db).filter(\.$code == code).first())
            #expect(after.status == .submitted && after.revision == before.revision)
            #expect(try await DossierEventModel.query(on: app.db).filter(\.$dossier.$id == after.requireID()).count() == 1)
            // now received: only the current step's role may act; the desk cannot approve
            #expect(try await Self.act(app, code, "receive", token: desk).status == .ok)
            #expect(try await Self.act(app, code, "forward", token: specialist).status == .forbidden)  // step 1 is the unit leader's
            #expect(try await Self.act(app, code, "approve", token: desk, ["resultFile": "x"]).status == .forbidden)
            #expect(try await Self.act(app, code, "return", token: desk, ["returnMethod": "online"]).status == .conflict)
            #expect(try await Self.act(app, code, "send-back", token: try await app.token("minhxuan.lanhdaodonvi"),
                                        ["reason": "x"]).status == .conflict)  // nothing before the first processing step
        }
    }

    @Test(arguments: Engine.all)
    func a_refusal_at_intake_and_a_stop_close_the_dossier(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            let desk = try await app.token("minhxuan.motcua")
            let first = try await Self.submitOnline(app)
            let refused = object(try await Self.act(app, first, "refuse-intake", token: desk, ["reason": "Không thuộc thẩm quyền"]))
            #expect(refused["status"] as? String == "refused" && refused["nationalStatus"] as? Int == 3)
            #expect(try await Self.act(app, first, "receive", token: desk).status == .conflict)
            let second = try await Self.submitOnline(app)
            #expect(try await Self.act(app, second, "receive", token: desk).status == .ok)
            let leader = try await app.token("minhxuan.lanhdao")
            let stopped = object(try await Self.act(app, second, "stop", token: leader, ["reason": "Người nộp đề nghị dừng"]))
            #expect(stopped["status"] as? String == "stopped" && stopped["nationalStatus"] as? Int == 8)
        }
    }

    @Test(arguments: Engine.all)
    func fifty_simultaneous_submissions_get_fifty_distinct_codes(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            let citizen = try await app.token(DemoSeed.citizenID)
            let file = try await Self.upload(app, token: citizen)
            let form = try await Self.form(for: "1.001022", on: app.db)
            let body = try JSONSerialization.data(withJSONObject: [
                "procedure": "1.001022", "unit": Self.minhXuan, "form": form, "components": [["index": 0, "file": file]]])
            let (codes, refused) = try await withThrowingTaskGroup(of: (String?, String).self) { group in
                for _ in 0..<50 {
                    group.addTask {
                        let response = try await app.send(.POST, "/api/v1/dossiers", token: citizen, body: ByteBuffer(data: body))
                        return (object(response)["code"] as? String, "\(response.status.code) \(response.body.string.prefix(200))")
                    }
                }
                var codes: [String] = [], refused: [String] = []
                for try await (code, answer) in group {
                    if let code { codes.append(code) } else { refused.append(answer) }
                }
                return (codes, refused)
            }
            #expect(codes.count == 50, "refused: \(refused)")
            #expect(Set(codes).count == 50)
            let sequences = Set(codes.compactMap { DossierCode($0)?.sequence })
            #expect(sequences == Set(1...50))
        }
    }

    @Test(arguments: Engine.all)
    func two_officers_acting_at_once_exactly_one_succeeds(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            // setup: a second desk officer in the same ward
            let admin = try await app.token("minhxuan.quantri")
            #expect(try await app.send(.POST, "/api/v1/users", token: admin, body: json([
                "username": "minhxuan.motcua2", "password": "matkhau123", "fullName": "Cán bộ một cửa 2",
                "roles": [["role": "desk-officer", "unit": Self.minhXuan]]])).status == .created)
            let code = try await Self.submitOnline(app)
            let first = try await app.token("minhxuan.motcua")
            let second = try await app.token("minhxuan.motcua2", password: "matkhau123")
            // act: both receive at the same moment, as many times as it takes to see them race
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for token in [first, second] {
                    group.addTask { try await Self.act(app, code, "receive", token: token, ["expectedRevision": 0]).status.code }
                }
                var all: [UInt] = []
                for try await status in group { all.append(status) }
                return all.sorted()
            }
            // check
            #expect(statuses == [200, 409])
            let dossier = try #require(try await DossierModel.query(on: app.db).filter(\.$code == code).first())
            #expect(try await DossierEventModel.query(on: app.db).filter(\.$dossier.$id == dossier.requireID())
                .filter(\.$action == "receive").count() == 1)
        }
    }

    @Test(arguments: Engine.all)
    func a_citizen_cannot_read_another_citizens_dossier(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            let code = try await Self.submitOnline(app)
            #expect(try await app.send(.POST, "/api/v1/citizens", body: json([
                "personalId": "008195000777", "password": "matkhau123", "fullName": "Hoàng Thị Mai"])).status == .created)
            let other = try await app.token("008195000777", password: "matkhau123")
            #expect(try await app.send(.GET, "/api/v1/dossiers/\(code)", token: other).status == .notFound)
            #expect(try await app.send(.GET, "/api/v1/dossiers/\(code)/receipt", token: other).status == .notFound)
            #expect(try await Self.act(app, code, "withdraw", token: other, ["reason": "x"]).status == .notFound)
            let list = object(try await app.send(.GET, "/api/v1/dossiers", token: other))
            #expect(list["total"] as? Int == 0)
            // an officer of another commune sees nothing of it either
            let otherOfficer = try await app.token("lambinh.chuyenvien")
            #expect(try await app.send(.GET, "/api/v1/dossiers/\(code)", token: otherOfficer).status == .forbidden)
            #expect(object(try await app.send(.GET, "/api/v1/dossiers", token: otherOfficer))["total"] as? Int == 0)
        }
    }

    @Test(arguments: Engine.all)
    func a_dossier_is_received_under_the_version_it_was_submitted_under_after_a_new_one_is_published(engine: Engine) async throws {
        let clock = ManualClock(Fixtures.monday)  // Monday 2026-03-02 09:00
        try await withPlatform(engine, clock: clock) { app in
            // setup: a dossier submitted under version 1 (3 working days), then version 2 (5 working days) published
            let citizen = try await app.token(DemoSeed.citizenID)
            let underFirst = try await Self.submitOnline(app, token: citizen)
            let admin = try await app.token("tinh.quantri")
            var record = try #require(try await CatalogStore.published(code: "1.001022", on: app.db)).1
            #expect(record.processingTime.workingDays == 3)
            record.processingTime.workingDays = 5
            record.process.steps[2].workingDays = 3  // 0.5 + 0.5 + 3 + 0.5 + 0.5: the steps add up to the new time
            #expect(try await app.send(.POST, "/api/v1/procedures", token: admin,
                                       body: ByteBuffer(data: try JSONEncoder().encode(record))).status == .created)
            let published = try await app.send(.POST, "/api/v1/procedures/1.001022/publish", token: admin)
            #expect(object(published)["version"] as? Int == 2, "\(published.body.string)")
            let underSecond = try await Self.submitOnline(app, token: citizen)
            // act: the desk receives both an hour later
            clock.advance(by: 3600)
            let desk = try await app.token("minhxuan.motcua")
            let first = object(try await Self.act(app, underFirst, "receive", token: desk))
            let second = object(try await Self.act(app, underSecond, "receive", token: desk))
            // check: each counts its own version's time from Monday 10:00
            #expect(first["procedureVersion"] as? Int == 1 && second["procedureVersion"] as? Int == 2)
            #expect(try Date(try #require(first["appointment"] as? String), strategy: .iso8601)
                    == (try Date("2026-03-05T17:00:00+07:00", strategy: .iso8601)))  // 3 working days: Thursday
            #expect(try Date(try #require(second["appointment"] as? String), strategy: .iso8601)
                    == (try Date("2026-03-09T17:00:00+07:00", strategy: .iso8601)))  // 5 working days: the next Monday
        }
    }

    @Test(arguments: Engine.all)
    func same_day_cut_off_and_supplement_pause_set_the_appointment(engine: Engine) async throws {
        // Monday 2026-03-02 15:30: after the 15:00 cut-off of birth registration
        let clock = ManualClock(try Date("2026-03-02T15:30:00+07:00", strategy: .iso8601))
        try await withPlatform(engine, clock: clock) { app in
            let desk = try await app.token("minhxuan.motcua")
            let birth = try await Self.submitOnline(app, procedure: "1.001193")
            let received = object(try await Self.act(app, birth, "receive", token: desk))
            #expect(try Date(try #require(received["appointment"] as? String), strategy: .iso8601)
                    == (try Date("2026-03-03T17:00:00+07:00", strategy: .iso8601)))
            // 1.004222 (7 working days), received Monday 15:30 → Wednesday 11 March 17:00
            let residence = try await Self.submitOnline(app, procedure: "1.004222")
            #expect(try await Self.act(app, residence, "receive", token: desk).status == .ok)
            #expect(try await Self.act(app, residence, "forward", token: try await app.token("minhxuan.lanhdaodonvi")).status == .ok)
            // the specialist asks for a supplement on Wednesday 4 March 17:00: five working days are left
            clock.set(try Date("2026-03-04T17:00:00+07:00", strategy: .iso8601))
            let paused = object(try await Self.act(app, residence, "request-supplement", token: try await app.token("minhxuan.chuyenvien"),
                                                   ["missing": ["Giấy tờ chứng minh chỗ ở hợp pháp"]]))
            #expect(paused["status"] as? String == "supplement-requested")
            // the citizen supplies it the next Monday 07:30: the appointment moves to Friday 13 March 17:00
            clock.set(try Date("2026-03-09T07:30:00+07:00", strategy: .iso8601))
            let citizen = try await app.token(DemoSeed.citizenID)
            let file = try await Self.upload(app, token: citizen, name: "bo-sung.pdf")
            let resumed = object(try await Self.act(app, residence, "supply", token: citizen, ["files": [file]]))
            #expect(resumed["status"] as? String == "processing")
            #expect(try Date(try #require(resumed["originalAppointment"] as? String), strategy: .iso8601)
                    == (try Date("2026-03-13T17:00:00+07:00", strategy: .iso8601)))
        }
    }

    @Test(arguments: Engine.all)
    func an_unpaid_fee_blocks_the_return_until_paid_in_cash(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            // setup: 1.004222 costs 10,000 VND online
            let code = try await Self.submitOnline(app, procedure: "1.004222")
            let desk = try await app.token("minhxuan.motcua")
            #expect(try await Self.act(app, code, "receive", token: desk).status == .ok)
            #expect(try await Self.act(app, code, "forward", token: try await app.token("minhxuan.lanhdaodonvi")).status == .ok)
            #expect(try await Self.act(app, code, "refuse", token: try await app.token("minhxuan.chuyenvien"),
                                       ["reason": "Không đủ điều kiện"]).status == .ok)
            // act
            let blocked = try await Self.act(app, code, "return", token: desk, ["returnMethod": "in-person"])
            #expect(blocked.status == .conflict)
            #expect(try await Self.act(app, code, "pay-cash", token: desk).status == .badRequest)
            let paid = object(try await Self.act(app, code, "pay-cash", token: desk, ["receiptNumber": "BL-000123"]))
            #expect(paid["feePaid"] as? Bool == true && paid["feeVnd"] as? Int == 10_000)
            #expect(try await Self.act(app, code, "return", token: desk, ["returnMethod": "in-person"]).status == .ok)
        }
    }

    @Test func the_qr_code_on_the_slip_decodes_to_the_tracking_url() async throws {
        guard let zbarimg = ["/usr/bin/zbarimg", "/usr/local/bin/zbarimg"].first(where: FileManager.default.isExecutableFile) else {
            #expect(ProcessInfo.processInfo.environment["CI"] != "true", "zbarimg is required in CI (apt-get install zbar-tools)")
            return
        }
        try await withPlatform(.sqlite) { app in
            let code = try await Self.submitOnline(app)
            #expect(try await Self.act(app, code, "receive", token: try await app.token("minhxuan.motcua")).status == .ok)
            let png = try await app.send(.GET, "/tra-cuu/\(code)/qr.png")
            #expect(png.status == .ok)
            let path = NSTemporaryDirectory() + "qr-\(UUID().uuidString).png"
            try Data(png.body.readableBytesView).write(to: URL(fileURLWithPath: path))
            defer { try? FileManager.default.removeItem(atPath: path) }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: zbarimg)
            process.arguments = ["--raw", "-q", path]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            process.waitUntilExit()
            let decoded = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(decoded == "http://127.0.0.1:8080/tra-cuu/\(code)")
            // the printable slip embeds the same QR as SVG
            let slip = try await app.send(.GET, "/ho-so/\(code)/giay-tiep-nhan", token: try await app.token("minhxuan.motcua"))
            #expect(slip.status == .ok && slip.body.string.contains("<svg") && slip.body.string.contains("GIẤY TIẾP NHẬN HỒ SƠ"))
        }
    }
}

/// Linked procedures (liên thông): one submission, a child at each responsible unit.
@Suite struct LinkedDossierTests {
    @Test(arguments: Engine.all)
    func a_birth_group_creates_three_children_and_completes_when_all_do(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            // setup: one e-form with the fields of every member
            var form: [String: String] = [:]
            for member in ["1.001193", "1.004222", "TQ-BHYT-TE6"] {
                form.merge(try await DossierAPITests.form(for: member, on: app.db)) { first, _ in first }
            }
            let citizen = try await app.token(DemoSeed.citizenID)
            // act
            let response = try await app.send(.POST, "/api/v1/dossier-groups", token: citizen, body: json([
                "group": "LT-KS-TT-BHYT", "unit": DossierAPITests.minhXuan, "form": form]))
            // check
            #expect(response.status == .created, "\(response.body.string)")
            let group = object(response)
            let parent = try #require(group["code"] as? String)
            let children = group["children"] as? [[String: Any]] ?? []
            #expect(children.count == 3)
            #expect(Set(children.compactMap { $0["procedureCode"] as? String }) == ["1.001193", "1.004222", "TQ-BHYT-TE6"])
            let units = Dictionary(uniqueKeysWithValues: children.map {
                ($0["procedureCode"] as? String ?? "", $0["receivingUnit"] as? String ?? "")
            })
            #expect(units["1.001193"] == DossierAPITests.minhXuan && units["1.004222"] == DossierAPITests.minhXuan)
            #expect(units["TQ-BHYT-TE6"] == "BHXH")
            #expect(group["complete"] as? Bool == false)
            // each responsible unit closes its child; the parent is complete only after the last one
            let commune = try await app.token("minhxuan.motcua")
            for child in children {
                let token = child["receivingUnit"] as? String == "BHXH"
                    ? try await Self.bhxhDesk(app) : commune
                #expect(try await DossierAPITests.act(app, try #require(child["code"] as? String), "refuse-intake", token: token,
                                                      ["reason": "Thử nghiệm"]).status == .ok)
                let state = object(try await app.send(.GET, "/api/v1/dossier-groups/\(parent)", token: try await app.token(DemoSeed.citizenID)))
                let open = (state["children"] as? [[String: Any]] ?? []).contains { $0["status"] as? String == "submitted" }
                #expect(state["complete"] as? Bool == !open)
            }
        }
    }

    /// The birth group's submission at Minh Xuân: one e-form holding the fields of its three members.
    /// `changed`: one of its values edited (another submission).
    static func groupBody(_ app: Application, changed: Bool = false) async throws -> ByteBuffer {
        var form: [String: String] = [:]
        for member in ["1.001193", "1.004222", "TQ-BHYT-TE6"] {
            form.merge(try await DossierAPITests.form(for: member, on: app.db)) { first, _ in first }
        }
        if changed, let key = form.keys.sorted().first { form[key, default: ""] += " (sửa)" }
        return json(["group": "LT-KS-TT-BHYT", "unit": DossierAPITests.minhXuan, "form": form])
    }

    static func submitGroup(_ app: Application, token: String, key: String, body: ByteBuffer) async throws -> TestingHTTPResponse {
        try await app.send(.POST, "/api/v1/dossier-groups", token: token, body: body, headers: ["Idempotency-Key": key])
    }

    @Test(arguments: Engine.all)
    func a_group_sent_again_under_its_key_answers_with_the_group_it_created(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            let citizen = try await app.token(DemoSeed.citizenID)
            let body = try await Self.groupBody(app)
            let first = try await Self.submitGroup(app, token: citizen, key: "lien-thong-1", body: body)
            #expect(first.status == .created, "\(first.body.string)")
            let parent = try #require(object(first)["code"] as? String)
            let children = Set((object(first)["children"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String })
            #expect(children.count == 3)
            let messages = try await OutboxMessageModel.query(on: app.db).count()

            // the same key again, quoted or not: the same group and children, 200, nothing written
            let again = try await Self.submitGroup(app, token: citizen, key: "\"lien-thong-1\"", body: body)
            #expect(again.status == .ok, "\(again.body.string)")
            #expect(object(again)["code"] as? String == parent)
            #expect(Set((object(again)["children"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }) == children)
            #expect(again.headers.first(name: .location) == "/api/v1/dossier-groups/\(parent)")
            #expect(try await DossierGroupModel.query(on: app.db).count() == 1)
            #expect(try await DossierModel.query(on: app.db).count() == 3)
            #expect(try await OutboxMessageModel.query(on: app.db).count() == messages)

            // the same key with another submission: 422 naming the group, nothing written
            let changed = try await Self.groupBody(app, changed: true)
            let reused = try await Self.submitGroup(app, token: citizen, key: "lien-thong-1", body: changed)
            #expect(reused.status == .unprocessableEntity, "\(reused.body.string)")
            #expect(reused.headers.contentType?.description.hasPrefix("application/problem+json") == true)
            #expect((object(reused)["errors"] as? [String: Any])?["Idempotency-Key"] != nil, "\(reused.body.string)")
            #expect((object(reused)["title"] as? String)?.contains(parent) == true)
            // a key with a space: 400, nothing written
            #expect(try await Self.submitGroup(app, token: citizen, key: "lien thong", body: body).status == .badRequest)
            #expect(try await DossierGroupModel.query(on: app.db).count() == 1)
            #expect(try await DossierModel.query(on: app.db).count() == 3)

            // another key: a new group; another citizen's same key: her own group
            let second = try await Self.submitGroup(app, token: citizen, key: "lien-thong-2", body: body)
            #expect(second.status == .created && object(second)["code"] as? String != parent)
            let mai = try await CitizenPageTests.otherCitizen(app)
            let hers = try await Self.submitGroup(app, token: mai, key: "lien-thong-1", body: body)
            #expect(hers.status == .created && object(hers)["code"] as? String != parent, "\(hers.body.string)")
            #expect(try await DossierGroupModel.query(on: app.db).count() == 3)
            #expect(try await DossierModel.query(on: app.db).count() == 9)
        }
    }

    @Test(arguments: Engine.all)
    func the_same_group_key_sent_five_times_at_once_makes_one_group(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            let citizen = try await app.token(DemoSeed.citizenID)
            let body = try await Self.groupBody(app)
            let answers = try await withThrowingTaskGroup(of: (UInt, String?).self) { group in
                for _ in 0..<5 {
                    group.addTask {
                        let response = try await Self.submitGroup(app, token: citizen, key: "cung-luc", body: body)
                        return (response.status.code, object(response)["code"] as? String)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(answers.filter { $0.0 == 201 }.count == 1, "\(answers)")
            #expect(answers.filter { $0.0 == 200 }.count == 4, "\(answers)")
            #expect(Set(answers.compactMap(\.1)).count == 1)
            #expect(try await DossierGroupModel.query(on: app.db).count() == 1)
            #expect(try await DossierModel.query(on: app.db).count() == 3)  // the twins' children rolled back with them
        }
    }

    /// A desk officer for the social-insurance office, created by the province administrator.
    static func bhxhDesk(_ app: Application) async throws -> String {
        if try await UserModel.find(username: "bhxh.motcua", on: app.db) == nil {
            let admin = try await app.token("tinh.quantri")
            #expect(try await app.send(.POST, "/api/v1/users", token: admin, body: json([
                "username": "bhxh.motcua", "password": "matkhau123", "fullName": "Một cửa BHXH",
                "roles": [["role": "desk-officer", "unit": "BHXH"]]])).status == .created)
        }
        return try await app.token("bhxh.motcua", password: "matkhau123")
    }
}

/// The printable forms of Circular 03/2025 and the apology-and-extension rule.
@Suite struct DossierFormTests {
    @Test(arguments: Engine.all)
    func the_seven_forms_are_filled_from_the_dossier(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            let desk = try await app.token("minhxuan.motcua")
            let code = try await DossierAPITests.submitOnline(app)
            // 02 needs a supplement request first
            #expect(try await app.send(.GET, "/ho-so/\(code)/mau/02", token: desk).status == .conflict)
            #expect(try await DossierAPITests.act(app, code, "request-intake-supplement", token: desk,
                                                  ["missing": ["Bản sao giấy khai sinh của con"]]).status == .ok)
            let form02 = try await app.send(.GET, "/ho-so/\(code)/mau/02", token: desk)
            #expect(form02.status == .ok && form02.body.string.contains("Bản sao giấy khai sinh của con"))
            let refused = try await DossierAPITests.submitOnline(app)
            #expect(try await DossierAPITests.act(app, refused, "refuse-intake", token: desk, ["reason": "Sai thẩm quyền"]).status == .ok)
            #expect(try await app.send(.GET, "/ho-so/\(refused)/mau/03", token: desk).body.string.contains("Sai thẩm quyền"))
            let stopped = try await DossierAPITests.submitOnline(app)
            #expect(try await DossierAPITests.act(app, stopped, "receive", token: desk).status == .ok)
            let leader = try await app.token("minhxuan.lanhdao")
            #expect(try await DossierAPITests.act(app, stopped, "stop", token: leader, ["reason": "Người nộp rút yêu cầu"]).status == .ok)
            #expect(try await app.send(.GET, "/ho-so/\(stopped)/mau/05", token: desk).body.string.contains("DỪNG GIẢI QUYẾT"))
            #expect(try await app.send(.GET, "/ho-so/\(stopped)/mau/01", token: desk).body.string.contains("GIẤY TIẾP NHẬN"))
            #expect(try await app.send(.GET, "/ho-so/\(stopped)/mau/06", token: desk).body.string.contains("PHIẾU KIỂM SOÁT"))
            let register = try await app.send(.GET, "/so-theo-doi/\(DossierAPITests.minhXuan)", token: desk)
            #expect(register.status == .ok && [code, refused, stopped].allSatisfy { register.body.string.contains($0) })
            #expect(try await app.send(.GET, "/so-theo-doi/\(DossierAPITests.lamBinh)", token: desk).status == .forbidden)
        }
    }

    @Test(arguments: Engine.all)
    func an_extension_moves_the_appointment_but_lateness_counts_against_the_original(engine: Engine) async throws {
        let clock = ManualClock(Fixtures.monday)
        try await withPlatform(engine, clock: clock) { app in
            let code = try await DossierAPITests.submitOnline(app)  // 3 working days: due Thursday 5 March 17:00
            #expect(try await DossierAPITests.act(app, code, "receive", token: try await app.token("minhxuan.motcua")).status == .ok)
            let leader = try await app.token("minhxuan.lanhdao")
            let original = try Date("2026-03-05T17:00:00+07:00", strategy: .iso8601)
            // an earlier date is refused
            #expect(try await DossierAPITests.act(app, code, "extend", token: leader, [
                "reason": "x", "newAppointment": "2026-03-04T17:00:00+07:00"]).status == .badRequest)
            let extended = object(try await DossierAPITests.act(app, code, "extend", token: leader, [
                "reason": "Cần xác minh thêm tại địa phương", "newAppointment": "2026-03-10T17:00:00+07:00"]))
            #expect(try Date(try #require(extended["appointment"] as? String), strategy: .iso8601)
                    == (try Date("2026-03-10T17:00:00+07:00", strategy: .iso8601)))
            #expect(try Date(try #require(extended["originalAppointment"] as? String), strategy: .iso8601) == original)
            #expect(try await app.send(.GET, "/ho-so/\(code)/mau/04", token: leader).body.string.contains("xác minh thêm"))
            // resolved on Monday 9 March: within the extension, but late against the original appointment
            clock.set(try Date("2026-03-09T10:00:00+07:00", strategy: .iso8601))
            #expect(try await DossierAPITests.act(app, code, "forward", token: try await app.token("minhxuan.lanhdaodonvi")).status == .ok)
            #expect(try await DossierAPITests.act(app, code, "refuse", token: try await app.token("minhxuan.chuyenvien"),
                                                  ["reason": "Không đủ căn cứ"]).status == .ok)
            let detail = object(try await app.send(.GET, "/api/v1/dossiers/\(code)", token: try await app.token("minhxuan.lanhdao")))
            #expect(detail["timeliness"] as? String == "late")
        }
    }
}

/// Files, the digital repository, and dossiers taken at the desk.
@Suite struct DossierIntakeTests {
    @Test(arguments: Engine.all)
    func only_accepted_files_within_the_size_limit_are_stored_once(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            let citizen = try await app.token(DemoSeed.citizenID)
            let executable = try await app.send(.POST, "/api/v1/files?name=a.exe", token: citizen, body: ByteBuffer(string: "MZ\u{90}\u{0}binary"))
            #expect(executable.status == .unsupportedMediaType)
            let big = ByteBuffer(bytes: Array("%PDF-1.4\n".utf8) + [UInt8](repeating: 0x20, count: 10 << 20))
            #expect(try await app.send(.POST, "/api/v1/files?name=big.pdf", token: citizen, body: big).status == .payloadTooLarge)
            let first = try await DossierAPITests.upload(app, token: citizen)
            let again = try await DossierAPITests.upload(app, token: citizen, name: "ban-sao.pdf")
            #expect(first == again)
            #expect(try await StoredFileModel.query(on: app.db).count() == 1)
            let stored = app.fileStore.location(of: first)
            #expect(FileManager.default.fileExists(atPath: stored.path))
            #expect(try Data(contentsOf: stored) == Data(buffer: DossierAPITests.pdf))
            // written whole under a temporary name, then renamed into place: nothing else is left in its folder
            #expect(try FileManager.default.contentsOfDirectory(atPath: stored.deletingLastPathComponent().path) == [first])
            // someone who neither uploaded it nor sees a dossier with it cannot download it
            let stranger = try await app.token("lambinh.chuyenvien")
            #expect(try await app.send(.GET, "/api/v1/files/\(first)", token: stranger).status == .notFound)
            #expect(try await app.send(.POST, "/api/v1/files", body: DossierAPITests.pdf).status == .unauthorized)
        }
    }

    @Test(arguments: Engine.all)
    func a_reusable_component_can_come_from_the_digital_repository_and_the_reuse_is_recorded(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            let first = try await DossierAPITests.submitOnline(app)
            let citizen = try await app.token(DemoSeed.citizenID)
            let repository = object(try await app.send(.GET, "/api/v1/me/repository", token: citizen))
            let sha = try #require((repository["items"] as? [[String: Any]])?.first?["sha256"] as? String)
            let form = try await DossierAPITests.form(for: "1.001022", on: app.db)
            // component 0 of 1.001022 is not reusable; component 2 is
            let refused = try await app.send(.POST, "/api/v1/dossiers", token: citizen, body: json([
                "procedure": "1.001022", "unit": DossierAPITests.minhXuan, "form": form, "components": [["index": 0, "reuse": sha]]]))
            #expect(refused.status == .badRequest)
            let reused = try await app.send(.POST, "/api/v1/dossiers", token: citizen, body: json([
                "procedure": "1.001022", "unit": DossierAPITests.minhXuan, "form": form, "components": [["index": 2, "reuse": sha]]]))
            #expect(reused.status == .created)
            let files = object(reused)["files"] as? [[String: Any]] ?? []
            #expect(files.first?["reusedFrom"] as? String == first)
            // another citizen cannot reuse a file that is not in their repository
            #expect(try await app.send(.POST, "/api/v1/citizens", body: json([
                "personalId": "008185000321", "password": "matkhau123", "fullName": "Ma Văn Sình"])).status == .created)
            let other = try await app.token("008185000321", password: "matkhau123")
            let stolen = try await app.send(.POST, "/api/v1/dossiers", token: other, body: json([
                "procedure": "1.001022", "unit": DossierAPITests.minhXuan, "form": form, "components": [["index": 2, "reuse": sha]]]))
            #expect(stolen.status == .badRequest)
        }
    }

    @Test(arguments: Engine.all)
    func the_desk_takes_a_walk_in_or_postal_dossier_which_is_received_at_once(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            let desk = try await app.token("minhxuan.motcua")
            let scan = try await DossierAPITests.upload(app, token: desk, name: "ban-scan.pdf")
            let form = try await DossierAPITests.form(for: "1.004222", on: app.db)
            for (channel, code) in [("desk", 1), ("postal", 3)] {
                let response = try await app.send(.POST, "/api/v1/dossiers", token: desk, body: json([
                    "procedure": "1.004222", "unit": DossierAPITests.minhXuan, "channel": channel, "form": form,
                    "applicant": ["fullName": "Nguyễn Văn Hùng", "personalId": DemoSeed.citizenID, "phone": "0912345678"],
                    "components": [["index": 0, "file": scan]]]))
                #expect(response.status == .created, "\(response.body.string)")
                let dossier = object(response)
                #expect(dossier["status"] as? String == "processing")
                #expect(dossier["nationalChannel"] as? Int == code)
                #expect(dossier["feeVnd"] as? Int == 20_000)  // the desk rate; the schedule names no postal rate
                #expect(dossier["appointment"] != nil)
            }
            // the walk-in citizen sees the dossier in their account (matched by the personal identification number)
            let mine = object(try await app.send(.GET, "/api/v1/dossiers", token: try await app.token(DemoSeed.citizenID)))
            #expect(mine["total"] as? Int == 2)
            // a desk officer cannot take dossiers for another commune, nor submit as "online"
            #expect(try await app.send(.POST, "/api/v1/dossiers", token: desk, body: json([
                "procedure": "1.004222", "unit": DossierAPITests.lamBinh, "channel": "desk", "form": form,
                "applicant": ["fullName": "A"]])).status == .forbidden)
            #expect(try await app.send(.POST, "/api/v1/dossiers", token: desk, body: json([
                "procedure": "1.004222", "unit": DossierAPITests.minhXuan, "channel": "online", "form": form,
                "applicant": ["fullName": "A"]])).status == .badRequest)
            // an invalid e-form comes back with a message per field and nothing stored
            let before = try await DossierModel.query(on: app.db).count()
            let invalid = try await app.send(.POST, "/api/v1/dossiers", token: desk, body: json([
                "procedure": "1.004222", "unit": DossierAPITests.minhXuan, "form": ["applicantPersonalId": "12"],
                "applicant": ["fullName": "A"]]))
            #expect(invalid.status == .badRequest)
            let errors = object(invalid)["errors"] as? [String: String] ?? [:]
            #expect(errors["applicantPersonalId"]?.contains("12 chữ số") == true && errors["applicantName"] != nil)
            #expect(try await DossierModel.query(on: app.db).count() == before)
        }
    }
}

@Test func display_times_are_vietnam_local() throws {
    #expect(DisplayTime.format(try Date("2026-03-02T08:30:00Z", strategy: .iso8601)) == "15:30 ngày 02/03/2026")
    #expect(DisplayTime.format(try Date("2026-12-31T17:05:00Z", strategy: .iso8601)) == "00:05 ngày 01/01/2027")
}

/// Submissions sent again under their key (`Idempotency-Key`, the form's hidden key): one dossier, whatever the retries.
@Suite struct SubmissionKeyTests {
    /// Posts `body` to the dossier API as `token`, with `key` as its Idempotency-Key when given.
    static func submit(_ app: Application, token: String, key: String?, body: ByteBuffer) async throws -> TestingHTTPResponse {
        try await app.send(.POST, "/api/v1/dossiers", token: token, body: body, headers: key.map { ["Idempotency-Key": $0] } ?? [:])
    }

    /// A valid submission body of `token`'s owner (who uploads its file).
    static func body(_ app: Application, token: String) async throws -> ByteBuffer {
        let file = try await DossierAPITests.upload(app, token: token)
        return json(["procedure": "1.001022", "unit": DossierAPITests.minhXuan,
                     "form": try await DossierAPITests.form(for: "1.001022", on: app.db), "components": [["index": 0, "file": file]]])
    }

    @Test(arguments: Engine.all)
    func a_submission_sent_again_under_its_key_answers_with_the_dossier_it_created(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            let citizen = try await app.token(DemoSeed.citizenID)
            let body = try await Self.body(app, token: citizen)
            let first = try await Self.submit(app, token: citizen, key: "\"don-1\"", body: body)
            #expect(first.status == .created, "\(first.body.string)")
            let code = try #require(object(first)["code"] as? String)
            let messages = try await OutboxMessageModel.query(on: app.db).filter(\.$dossierCode == code).count()
            #expect(messages > 0)

            // the same key again (a structured-field string, quoted or not): the same dossier, 200, nothing written
            let again = try await Self.submit(app, token: citizen, key: "don-1", body: body)
            #expect(again.status == .ok)
            #expect(object(again)["code"] as? String == code)
            #expect(again.headers.first(name: .location) == "/api/v1/dossiers/\(code)")
            #expect(try await DossierModel.query(on: app.db).count() == 1)
            let dossier = try await CitizenPageTests.dossier(app, code)
            #expect(dossier.submissionKey == "don-1")  // the quotes of the structured-field string are not part of it
            #expect(try await DossierEventModel.query(on: app.db).filter(\.$dossier.$id == dossier.requireID()).count() == 1)
            #expect(try await OutboxMessageModel.query(on: app.db).filter(\.$dossierCode == code).count() == messages)

            // the same key with another submission (an e-form value changed): 422 with the key's field, nothing written
            var changed = try await DossierAPITests.form(for: "1.001022", on: app.db)
            changed["request"] = "Đăng ký lại"
            let file = try await DossierAPITests.upload(app, token: citizen)
            let other = json(["procedure": "1.001022", "unit": DossierAPITests.minhXuan, "form": changed,
                              "components": [["index": 0, "file": file]]])
            let reused = try await Self.submit(app, token: citizen, key: "don-1", body: other)
            #expect(reused.status == .unprocessableEntity, "\(reused.body.string)")
            #expect(reused.headers.contentType?.description.hasPrefix("application/problem+json") == true)
            #expect((object(reused)["errors"] as? [String: Any])?["Idempotency-Key"] != nil, "\(reused.body.string)")
            #expect((object(reused)["title"] as? String)?.contains(code) == true)
            #expect(try await DossierModel.query(on: app.db).count() == 1)
            // the same submission written out again (its members in another order) is still the same one
            let reordered = json(["unit": DossierAPITests.minhXuan, "components": [["file": file, "index": 0]], "procedure": "1.001022",
                                  "form": try await DossierAPITests.form(for: "1.001022", on: app.db)])
            #expect(try await Self.submit(app, token: citizen, key: "don-1", body: reordered).status == .ok)

            // another key, or none: a new dossier each time
            let second = try await Self.submit(app, token: citizen, key: "don-2", body: body)
            #expect(second.status == .created)
            #expect(object(second)["code"] as? String != code)
            #expect(try await Self.submit(app, token: citizen, key: nil, body: body).status == .created)
            #expect(try await Self.submit(app, token: citizen, key: nil, body: body).status == .created)
            #expect(try await DossierModel.query(on: app.db).count() == 4)

            // another citizen's key is hers: the same key makes her own dossier
            let mai = try await CitizenPageTests.otherCitizen(app)
            let hers = try await Self.submit(app, token: mai, key: "don-1", body: try await Self.body(app, token: mai))
            #expect(hers.status == .created, "\(hers.body.string)")
            let herCode = try #require(object(hers)["code"] as? String)
            #expect(herCode != code)
            #expect(try await CitizenPageTests.dossier(app, herCode).applicantName == "Hoàng Thị Mai")

            // a key too long, or with a space: refused, nothing written
            for bad in [String(repeating: "k", count: 101), "don 3"] {
                let refused = try await Self.submit(app, token: citizen, key: bad, body: body)
                #expect(refused.status == .badRequest)
                #expect(refused.headers.contentType?.description.hasPrefix("application/problem+json") == true)
                #expect((object(refused)["errors"] as? [String: Any])?["Idempotency-Key"] != nil, "\(refused.body.string)")
            }
            #expect(try await DossierModel.query(on: app.db).count() == 5)
        }
    }

    @Test(arguments: Engine.all)
    func the_same_key_sent_ten_times_at_once_makes_one_dossier(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            let citizen = try await app.token(DemoSeed.citizenID)
            let body = try await Self.body(app, token: citizen)
            let answers = try await withThrowingTaskGroup(of: (UInt, String?).self) { group in
                for _ in 0..<10 {
                    group.addTask {
                        let response = try await Self.submit(app, token: citizen, key: "cung-luc", body: body)
                        return (response.status.code, object(response)["code"] as? String)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(answers.filter { $0.0 == 201 }.count == 1, "\(answers)")
            #expect(answers.filter { $0.0 == 200 }.count == 9, "\(answers)")
            #expect(Set(answers.compactMap(\.1)).count == 1)
            #expect(try await DossierModel.query(on: app.db).count() == 1)
            // the day's numbers a refused twin took stay unused: the next dossier's code is still new
            let next = try await Self.submit(app, token: citizen, key: "sau-do", body: body)
            #expect(next.status == .created && object(next)["code"] as? String != answers.first?.1)
        }
    }

    @Test(arguments: Engine.all)
    func the_submission_form_posted_twice_makes_one_dossier(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            let citizen = try await app.token(DemoSeed.citizenID)
            func page() async throws -> (key: String, csrf: String) {
                let html = try await app.send(.GET, "/thu-tuc/1.001022/nop", token: citizen).body.string
                let range = try #require(html.range(of: "name=\"submissionKey\" value=\""))
                return (String(html[range.upperBound...].prefix { $0 != "\"" }), try formToken(in: html))
            }
            let (key, csrf) = try await page()
            #expect(try await page().key != key)  // each form its own key
            let form = try await DossierAPITests.form(for: "1.001022", on: app.db)
            let parts: [CitizenPageTests.Part] = [.field("_csrf", csrf), .field("submissionKey", key),
                                                  .field("unit", DossierAPITests.minhXuan)]
                + form.map { .field("form[\($0.key)]", $0.value) }
                + [.file("component[c0]", filename: "don.pdf", "%PDF-1.4\n%%EOF\n")]
            let first = try await CitizenPageTests.postMultipart(app, "/thu-tuc/1.001022/nop", token: citizen, parts)
            let second = try await CitizenPageTests.postMultipart(app, "/thu-tuc/1.001022/nop", token: citizen, parts)
            let location = try #require(first.headers.first(name: .location))
            #expect(location.hasPrefix("/ho-so-cua-toi/"))
            #expect(second.headers.first(name: .location) == location)
            #expect(try await DossierModel.query(on: app.db).count() == 1)

            // the form posted again under its key with another value (back, changed, sent): the page says which
            // dossier the form made, and comes back with a new key, so that sending it makes a new dossier
            let code = String(location.dropFirst("/ho-so-cua-toi/".count))
            let changed = parts.map { part -> CitizenPageTests.Part in
                if case .field("form[request]", _) = part { return .field("form[request]", "Đăng ký lại") }
                return part
            }
            let third = try await CitizenPageTests.postMultipart(app, "/thu-tuc/1.001022/nop", token: citizen, changed)
            #expect(third.status == .unprocessableEntity)
            let html = third.body.string
            #expect(html.contains(code) && html.contains("Đăng ký lại"))
            let range = try #require(html.range(of: "name=\"submissionKey\" value=\""))
            #expect(String(html[range.upperBound...].prefix { $0 != "\"" }) != key)
            #expect(try await DossierModel.query(on: app.db).count() == 1)
        }
    }
}
