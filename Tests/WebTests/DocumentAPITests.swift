import Access
import Core
import DemoData
import Documents
import Fluent
import Foundation
import Storage
import Testing
import Vapor
import VaporTesting
import WorkCalendar
@testable import Web

/// Official documents: draft → review → approval → signature → issue with a number → delivery → registration at the
/// recipient → assignment → done; signatures that openssl verifies; numbering without gaps under concurrency.
@Suite struct DocumentAPITests {
    static let content = "%PDF-1.4\n% KẾ HOẠCH triển khai chuyển đổi số năm 2026\n%%EOF\n"

    static func act(_ app: Application, _ id: String, _ action: String, token: String, _ body: [String: Any] = [:]) async throws
        -> TestingHTTPResponse {
        try await app.send(.POST, "/api/v1/documents/\(id)/actions/\(action)", token: token, body: json(body))
    }

    @Test(arguments: Engine.all)
    func a_document_goes_from_draft_to_issue_and_openssl_verifies_both_signatures(engine: Engine) async throws {
        try await withPlatform(engine, clock: ManualClock(Fixtures.monday)) { app in
            // setup: the administrator initialises the province CA (once)
            let admin = try await app.token("tinh.quantri")
            #expect(try await app.send(.POST, "/api/v1/signing/authority", token: try await app.token("stp.vanthu")).status == .forbidden)
            #expect(try await app.send(.POST, "/api/v1/signing/authority", token: admin).status == .created)
            #expect(try await app.send(.POST, "/api/v1/signing/authority", token: admin).status == .conflict)
            let specialist = try await app.token("stp.chuyenvien")
            let file = try await DossierAPITests.upload(app, token: specialist, body: ByteBuffer(string: Self.content), name: "ke-hoach.pdf")

            // a draft with bad fields is refused field by field and stores nothing
            let bad = try await app.send(.POST, "/api/v1/documents", token: specialist, body: json([
                "type": "plan", "subject": " ", "contentFile": file, "signer": "khong.co", "recipients": ["02215"]]))
            #expect(bad.status == .badRequest)
            let errors = object(bad)["errors"] as? [String: String] ?? [:]
            #expect(errors["subject"] != nil && errors["signer"] != nil)
            #expect(try await DocumentModel.query(on: app.db).count() == 0)

            // act: draft, submit, endorse, approve, sign, issue
            let created = try await app.send(.POST, "/api/v1/documents", token: specialist, body: json([
                "type": "plan", "subject": "Kế hoạch chuyển đổi số năm 2026", "contentFile": file, "signer": "stp.lanhdao",
                "recipients": ["02215", "08"], "urgency": "urgent"]))
            #expect(created.status == .created, "\(created.body.string)")
            let id = try #require(object(created)["id"] as? String)
            let unitLeader = try await app.token("stp.lanhdaodonvi")
            let leader = try await app.token("stp.lanhdao")
            let clerk = try await app.token("stp.vanthu")
            // the clerk cannot issue a draft (state), nor the specialist endorse their own draft (role)
            #expect(try await Self.act(app, id, "issue", token: clerk).status == .conflict)
            #expect(try await Self.act(app, id, "submit", token: specialist).status == .ok)
            #expect(try await Self.act(app, id, "endorse", token: specialist).status == .forbidden)
            #expect(try await Self.act(app, id, "endorse", token: unitLeader).status == .ok)
            #expect(try await Self.act(app, id, "approve", token: leader).status == .ok)
            let unsigned = object(try await app.send(.GET, "/api/v1/documents/\(id)", token: clerk))
            #expect(unsigned["number"] == nil && unsigned["symbol"] == nil)  // no number before issue
            #expect(try await Self.act(app, id, "sign", token: leader).status == .ok)
            let issuedResponse = try await Self.act(app, id, "issue", token: clerk)
            #expect(issuedResponse.status == .ok, "\(issuedResponse.body.string)")
            let issued = object(issuedResponse)

            // check: the number and symbol of the agency's register, the history, both signatures valid
            #expect(issued["status"] as? String == "issued")
            #expect(issued["symbol"] as? String == "01/KH-STP")
            #expect((issued["events"] as? [[String: Any]] ?? []).map { $0["action"] as? String ?? "" }
                    == ["draft", "submit", "endorse", "approve", "sign", "issue"])
            #expect((issued["signatures"] as? [String: Any])?["isValid"] as? Bool == true)
            #expect(try await Self.act(app, id, "sign", token: leader).status == .conflict)

            // openssl verifies each signature over the content with the province CA certificate, and refuses tampering
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cqs-doc-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let ca = try await app.send(.GET, "/api/v1/signing/authority/certificate")
            #expect(ca.status == .ok && ca.body.string.hasPrefix("-----BEGIN CERTIFICATE-----"))
            try Data(ca.body.string.utf8).write(to: directory.appendingPathComponent("ca.pem"))
            try Data(Self.content.utf8).write(to: directory.appendingPathComponent("content.pdf"))
            try Data("Nội dung đã bị sửa".utf8).write(to: directory.appendingPathComponent("tampered.pdf"))
            for kind in ["personal", "seal"] {
                let signature = try await app.send(.GET, "/api/v1/documents/\(id)/signatures/\(kind)", token: clerk)
                #expect(signature.status == .ok)
                try Data(signature.body.readableBytesView).write(to: directory.appendingPathComponent("\(kind).p7s"))
                let verified = try OpenSSLRun.run(["cms", "-verify", "-binary", "-inform", "DER", "-in", "\(kind).p7s",
                                                   "-content", "content.pdf", "-CAfile", "ca.pem", "-purpose", "any", "-out", "/dev/null"],
                                                  in: directory)
                #expect(verified.status == 0, "openssl: \(verified.output)")
                let tampered = try OpenSSLRun.run(["cms", "-verify", "-binary", "-inform", "DER", "-in", "\(kind).p7s",
                                                   "-content", "tampered.pdf", "-CAfile", "ca.pem", "-purpose", "any", "-out", "/dev/null"],
                                                  in: directory)
                #expect(tampered.status != 0)
            }

            // the recipients' agencies received it: Phường Minh Xuân's clerk registers it with its incoming number
            let communeClerk = try await app.token("minhxuan.vanthu")
            #expect(try await app.send(.GET, "/api/v1/documents/\(id)", token: communeClerk).status == .forbidden)
            let inbox = object(try await app.send(.GET, "/api/v1/documents?direction=incoming", token: communeClerk))
            let incoming = try #require((inbox["items"] as? [[String: Any]])?.first)
            #expect(incoming["symbol"] as? String == "01/KH-STP" && incoming["status"] as? String == "arrived")
            let incomingID = try #require(incoming["id"] as? String)
            let registered = object(try await Self.act(app, incomingID, "register", token: communeClerk))
            #expect(registered["incomingNumber"] as? Int == 1)
            #expect(registered["status"] as? String == "received")
            #expect(try await Self.act(app, incomingID, "register", token: communeClerk).status == .conflict)
            // the leader assigns it (exactly one lead), the lead handles it to done
            let communeLeader = try await app.token("minhxuan.lanhdao")
            let twoLeads = try await Self.act(app, incomingID, "assign", token: communeLeader, ["assignments": [
                ["assignee": "minhxuan.chuyenvien", "role": "lead"], ["assignee": "minhxuan.lanhdaodonvi", "role": "lead"]]])
            #expect(twoLeads.status == .badRequest)
            #expect(try await Self.act(app, incomingID, "assign", token: communeClerk, ["assignments": [
                ["assignee": "minhxuan.chuyenvien", "role": "lead"]]]).status == .forbidden)
            #expect(try await Self.act(app, incomingID, "assign", token: communeLeader, ["assignments": [
                ["assignee": "minhxuan.chuyenvien", "role": "lead"], ["assignee": "minhxuan.lanhdaodonvi", "role": "forInformation"]]])
                .status == .ok)
            let handler = try await app.token("minhxuan.chuyenvien")
            #expect(try await Self.act(app, incomingID, "start", token: handler).status == .ok)
            let done = object(try await Self.act(app, incomingID, "complete", token: handler))
            #expect(done["status"] as? String == "done")

            // the registers: outgoing of STP and incoming of the ward, as CSV with the official columns
            let outgoingCSV = try await app.send(.GET, "/api/v1/registers/STP/outgoing?year=2026&format=csv", token: clerk)
            #expect(outgoingCSV.status == .ok)
            let csv = String(decoding: Data(outgoingCSV.body.readableBytesView), as: UTF8.self)
            #expect(csv.hasPrefix("\u{FEFF}Số, ký hiệu văn bản") || csv.hasPrefix("\u{FEFF}\"Số, ký hiệu văn bản\""))
            #expect(csv.contains("01/KH-STP") && csv.contains("Kế hoạch chuyển đổi số năm 2026"))
            let incomingRegister = object(try await app.send(.GET, "/api/v1/registers/02215/incoming?year=2026", token: communeClerk))
            let rows = incomingRegister["rows"] as? [[String: String]] ?? []
            #expect(rows.count == 1 && rows.first?["arrivalNumber"] == "1" && rows.first?["numberAndSymbol"] == "01/KH-STP")
            #expect(try await app.send(.GET, "/api/v1/registers/STP/outgoing", token: communeClerk).status == .forbidden)
            // the printable register page lists the same row
            let page = try await app.send(.GET, "/so-van-ban/STP/di?year=2026", token: clerk)
            #expect(page.status == .ok && page.body.string.contains("SỔ ĐĂNG KÝ VĂN BẢN ĐI") && page.body.string.contains("01/KH-STP"))
        }
    }

    @Test(arguments: Engine.all)
    func a_paper_document_is_registered_with_the_next_incoming_number_and_found_by_its_text(engine: Engine) async throws {
        try await withPlatform(engine, clock: ManualClock(Fixtures.monday)) { app in
            // setup
            let clerk = try await app.token("minhxuan.vanthu")
            let scan = try await DossierAPITests.upload(app, token: clerk, body: ByteBuffer(string: Self.pdfWithText), name: "cv-12.pdf")
            let paper: [String: Any] = ["type": "officialLetter", "subject": "Về việc tăng cường phổ biến pháp luật",
                                        "sender": "Công an tỉnh Tuyên Quang", "symbol": "12/CAT-PV01", "issuedOn": "2026-02-27",
                                        "scanFile": scan]
            // act: a bad one is refused field by field and stores nothing; two good ones take numbers 1 and 2
            var bad = paper
            bad["subject"] = ""
            bad["issuedOn"] = "27/02/2026"
            let refused = try await app.send(.POST, "/api/v1/documents/incoming", token: clerk, body: json(bad))
            #expect(refused.status == .badRequest)
            #expect(Set((object(refused)["errors"] as? [String: String] ?? [:]).keys) == ["subject", "issuedOn"])
            #expect(try await DocumentModel.query(on: app.db).count() == 0)
            let first = object(try await app.send(.POST, "/api/v1/documents/incoming", token: clerk, body: json(paper)))
            let second = object(try await app.send(.POST, "/api/v1/documents/incoming", token: clerk, body: json(paper)))
            // check
            #expect(first["incomingNumber"] as? Int == 1 && second["incomingNumber"] as? Int == 2)
            #expect(first["status"] as? String == "received" && first["sender"] as? String == "Công an tỉnh Tuyên Quang")
            #expect(try await app.send(.POST, "/api/v1/documents/incoming", token: try await app.token("minhxuan.chuyenvien"),
                                       body: json(paper)).status == .forbidden)
            let found = object(try await app.send(.GET, "/api/v1/documents?q=pho%20bien%20phap%20luat", token: clerk))
            #expect(found["total"] as? Int == 2)
        }
    }

    /// A one-page PDF whose text the search reads.
    static let pdfWithText = """
        %PDF-1.4
        1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj
        2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj
        3 0 obj <</Type /Page /Parent 2 0 R /Contents 4 0 R /Resources <</Font <</F1 5 0 R>>>>>> endobj
        4 0 obj <</Length 64>> stream
        BT /F1 12 Tf 72 720 Td (Tang cuong pho bien giao duc phap luat) Tj ET
        endstream endobj
        5 0 obj <</Type /Font /Subtype /Type1 /BaseFont /Helvetica>> endobj
        trailer <</Root 1 0 R>>
        %%EOF

        """

    @Test(arguments: Engine.all)
    func search_finds_documents_by_subject_symbol_and_file_text_regardless_of_diacritics(engine: Engine) async throws {
        try await withPlatform(engine, clock: ManualClock(Fixtures.monday)) { app in
            // setup: one issued plan (subject with diacritics, a PDF whose text is plain ASCII) and one draft report
            _ = try await SigningStore.initialise(keys: .init(passphrase: app.config.signingPassphrase, rounds: 1_000),
                                                  actor: "test", at: app.clock.now(), on: app.db)
            let specialist = try await app.token("stp.chuyenvien")
            let file = try await DossierAPITests.upload(app, token: specialist, body: ByteBuffer(string: Self.pdfWithText), name: "kh.pdf")
            let plan = object(try await app.send(.POST, "/api/v1/documents", token: specialist, body: json([
                "type": "plan", "subject": "KẾ HOẠCH Chuyển đổi số năm 2026", "contentFile": file, "signer": "stp.lanhdao",
                "recipients": ["02215"]])))
            let planID = try #require(plan["id"] as? String)
            for (action, who) in [("submit", "stp.chuyenvien"), ("endorse", "stp.lanhdaodonvi"), ("approve", "stp.lanhdao"),
                                  ("sign", "stp.lanhdao"), ("issue", "stp.vanthu")] {
                #expect(try await Self.act(app, planID, action, token: try await app.token(who)).status == .ok)
            }
            let report = try await app.send(.POST, "/api/v1/documents", token: specialist, body: json([
                "type": "report", "subject": "Báo cáo tình hình thực hiện", "contentFile": file, "signer": "stp.lanhdao",
                "recipients": ["08"]]))
            #expect(report.status == .created)
            let clerk = try await app.token("stp.vanthu")
            func ids(_ query: String, token: String) async throws -> [String] {
                let page = object(try await app.send(.GET, "/api/v1/documents?\(query)", token: token))
                return (page["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            }
            // act + check: the subject without diacritics and in capitals, the file's text with diacritics, the symbol
            #expect(try await ids("q=ke%20hoach%20CHUYEN%20DOI%20so", token: clerk) == [planID])
            #expect(try await ids("q=k%E1%BA%BF%20ho%E1%BA%A1ch", token: clerk) == [planID])  // "kế hoạch"
            #expect(try await ids("q=ph%E1%BB%95%20bi%E1%BA%BFn%20ph%C3%A1p%20lu%E1%BA%ADt", token: clerk).count == 2)  // "phổ biến pháp luật"
            #expect(try await ids("q=01%2FKH-STP", token: clerk).first == planID)
            #expect(try await ids("q=chuyen%20doi%20s", token: clerk) == [planID])  // the last word as a prefix
            // filters: type, signer, status
            #expect(try await ids("q=phap%20luat&type=report", token: clerk).count == 1)
            #expect(try await ids("q=phap%20luat&status=issued", token: clerk) == [planID])
            #expect(try await ids("q=phap%20luat&signer=khong.co", token: clerk).isEmpty)
            // the ward's clerk finds only its own incoming copy, not the department's documents
            let ward = try await app.token("minhxuan.vanthu")
            let found = try await ids("q=chuyen%20doi%20so", token: ward)
            #expect(found.count == 1 && found.first != planID)
            #expect(try await app.send(.GET, "/api/v1/documents?q=x&from=2026-13-01", token: clerk).status == .badRequest)
        }
    }

    /// Drives a new draft of `stp.chuyenvien` to "signed" through the service.
    static func signedDocument(_ app: Application, context: (String) async throws -> DocumentService.Context,
                               file: String) async throws -> UUID {
        let draft = try await DocumentService.draft(.init(type: .plan, subject: "Kế hoạch", contentFile: file, signer: "stp.lanhdao",
                                                          recipients: ["08"]), context: try await context("stp.chuyenvien"), on: app.db)
        let id = try draft.requireID()
        for (action, who) in [(OutgoingAction.submit, "stp.chuyenvien"), (.endorse, "stp.lanhdaodonvi"), (.approve, "stp.lanhdao"),
                              (.sign, "stp.lanhdao")] {
            _ = try await DocumentService.act(action, id: id, input: .init(), context: try await context(who), on: app.db)
        }
        return id
    }

    @Test(arguments: Engine.all)
    func numbers_are_consecutive_without_gaps_under_concurrent_issue_and_restart_each_year(engine: Engine) async throws {
        let clock = ManualClock(Fixtures.monday)
        try await withPlatform(engine, clock: clock) { app in
            // setup: the CA, a content file, 12 signed documents
            _ = try await SigningStore.initialise(keys: .init(passphrase: app.config.signingPassphrase, rounds: 1_000),
                                                  actor: "test", at: clock.now(), on: app.db)
            let file = try await app.fileStore.store(Array(Self.content.utf8), name: "kh.pdf", uploadedBy: "stp.chuyenvien", on: app.db)
            let db = app.db
            let files = app.fileStore
            let passphrase = app.config.signingPassphrase
            let context: @Sendable (String) async throws -> DocumentService.Context = { username in
                let user = try #require(try await UserModel.find(username: username, on: db))
                return DocumentService.Context(actor: try await AccountStore.actor(for: user, on: db), fullName: user.fullName,
                                               now: clock.now(), keys: .init(passphrase: passphrase, rounds: 1_000), files: files)
            }
            var ids: [UUID] = []
            for _ in 0..<12 { ids.append(try await Self.signedDocument(app, context: context, file: file.sha256)) }

            // act: two clerks' worth of concurrent issues
            let clerk = try await context("stp.vanthu")
            let numbers = try await withThrowingTaskGroup(of: Int.self) { group in
                for id in ids.prefix(10) {
                    group.addTask { try await DocumentService.act(.issue, id: id, input: .init(), context: clerk, on: db).number ?? -1 }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }

            // check: 1…10, no gap, no duplicate
            #expect(numbers.sorted() == Array(1...10))
            // 23:30 on 31 December (Vietnam time) is still 2026; 00:30 on 1 January starts the 2027 register at 01
            clock.set(VietnamTime.instant(LocalDate(year: 2026, month: 12, day: 31)!, hour: 23).addingTimeInterval(1800))
            let late = try await DocumentService.act(.issue, id: ids[10], input: .init(), context: try await context("stp.vanthu"), on: db)
            #expect(late.number == 11)
            clock.set(VietnamTime.instant(LocalDate(year: 2027, month: 1, day: 1)!, hour: 0).addingTimeInterval(1800))
            let next = try await DocumentService.act(.issue, id: ids[11], input: .init(), context: try await context("stp.vanthu"), on: db)
            #expect(next.number == 1 && next.symbol == "01/KH-STP")
            let register2026 = try await DocumentService.register(agency: "STP", direction: .outgoing, year: 2026, on: db)
            #expect(register2026.compactMap(\.number) == Array(1...11))
        }
    }
}

/// Runs the real `openssl` binary (Debian's; `.ci/run` installs it).
enum OpenSSLRun {
    struct Output { var status: Int32; var output: String }

    static func run(_ arguments: [String], in directory: URL) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }
}
