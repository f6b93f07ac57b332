import Access
import ArgumentParser
import AsyncHTTPClient
import Catalog
import Core
import DemoData
import Dossiers
import Fluent
import Foundation
import NIOCore
import Storage
import Vapor
import Web
import WorkCalendar

extension Bench {
    /// `cqs bench dossiers` — generates a province-year through the real state machine, then measures submissions
    /// and public tracking over HTTP beside /healthz.
    struct DossiersBench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dossiers",
            abstract: "Generate a province-year of dossiers (real state machine), then submissions/s and tracking/s over HTTP.")
        @Option(help: "Database: SQLite path or postgres:// URL (default: a fresh SQLite file in a temporary folder).")
        var database: String?
        @Option(help: "Dossiers to generate through the state machine.") var dossiers = 300_000
        @Option(help: "Dossiers committed together in one transaction while generating.") var batch = 200
        @Option(help: "HTTP requests per endpoint.") var requests = 3000
        @Option(help: "Concurrent clients.") var concurrency = 16
        @Option(help: "Port for the server on 127.0.0.1.") var port = 18081

        func run() async throws {
            try await withBenchPlatform(database: database, name: "dossiers", port: port) { app, config in
                var codes = try await generate(app)
                if codes.isEmpty {  // measuring a database generated earlier: track a sample of its dossiers
                    codes = try await DossierModel.query(on: app.db).sort(\.$submittedAt, .descending).limit(1000).all().map(\.code)
                }
                try await app.server.start(address: .hostname("127.0.0.1", port: port))
                try await measure(app, trackingCodes: codes)
                await app.server.shutdown()
            }
        }

        /// Drives `dossiers` dossiers through submission, receipt, every step, approval and return (a realistic mix of
        /// outcomes), on a clock that walks through 2026; reports the rate. Returns some codes for tracking.
        func generate(_ app: Application) async throws -> [String] {
            let db = app.db
            let communes = try await UnitModel.query(on: db).filter(\.$structure == .y2025)
                .filter(\.$kind ~~ [.commune, .ward, .specialZone]).all()
            let procedures = try await ProcedureModel.query(on: db).filter(\.$level ~~ [.commune, .provinceAndCommune]).all()
            var records: [String: ProcedureRecord] = [:]
            for procedure in procedures { records[procedure.code] = try await CatalogStore.published(code: procedure.code, on: db)?.1 }
            let official = Actor(userID: UUID(), username: "bench", kind: .official,
                                 assignments: Role.allCases.map { RoleAssignment(role: $0, unitCode: "08", unitPath: "/08/") })
            let result = try await app.fileStore.store(Array("%PDF-1.4 ket qua\n%%EOF".utf8), name: "ket-qua.pdf",
                                                       uploadedBy: "bench", on: db)
            let calendar = try await CalendarStore.calendar(on: db)
            let firstDay = VietnamTime.instant(LocalDate(year: 2026, month: 1, day: 5)!, hour: 8)
            let step = 250 * 8 * 3600.0 / Double(max(dossiers, 1))  // spread over a working year
            let plan = Plan(communes: communes.map { ($0.code) }, procedures: procedures.map(\.code), records: records,
                            official: official, resultSHA256: result.sha256, calendar: calendar)
            var codes: [String] = []
            let start = DispatchTime.now().uptimeNanoseconds
            // Each batch of dossiers commits as one transaction (every change still goes through DossierService).
            for batchStart in stride(from: 0, to: dossiers, by: batch) {
                let range = batchStart..<min(batchStart + batch, dossiers)
                codes += try await db.writeTransaction { db in
                    var codes: [String] = []
                    for index in range {
                        let code = try await plan.drive(index: index, at: firstDay + step * Double(index + 1), on: db)
                        if index % 100 == 0, let code { codes.append(code) }
                    }
                    return codes
                }
                if range.upperBound % 10_000 < batch, range.upperBound < dossiers {
                    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                    print(String(format: "  … %d dossiers in %.0f s (%.0f/s)", range.upperBound, seconds, Double(range.upperBound) / seconds))
                }
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            print(String(format: "generated %d dossiers through the state machine in %.1f s: %.0f dossiers/s", dossiers, seconds,
                         Double(dossiers) / seconds))
            return codes
        }

        /// What the generator draws from, and one dossier's walk through the state machine.
        struct Plan: Sendable {
            var communes: [String]
            var procedures: [String]
            var records: [String: ProcedureRecord]
            var official: Actor
            var resultSHA256: String
            var calendar: WorkingCalendar

            /// Submits dossier number `index` at `now` and drives it to its outcome: 1 in 20 left open, 1 in 20
            /// stopped, 1 in 20 through a supplement pause, the rest processed, approved, paid and returned.
            func drive(index: Int, at now: Date, on db: any Database) async throws -> String? {
                var generator = SystemRandomNumberGenerator()
                let commune = communes[index % communes.count]
                let procedure = procedures[Int.random(in: 0..<procedures.count, using: &generator)]
                guard let record = records[procedure] else { return nil }
                var form: [String: String] = [:]
                for field in record.formFields where field.required {
                    form[field.key] = switch field.type {
                    case .personalID: DemoSeed.citizenID
                    case .date: "2025-12-01"
                    case .number: "1"
                    case .select: field.options?.first ?? ""
                    default: "Nội dung"
                    }
                }
                let context = DossierService.Context(actor: official, fullName: "Bench", now: now, calendar: calendar)
                let channel: Dossiers.Channel = index % 10 < 6 ? .desk : .postal
                let dossier = try await DossierService.submit(
                    .init(procedure: procedure, unit: commune, channel: channel,
                          applicant: .init(fullName: "Người dân \(index)", phone: "09\(String(format: "%08d", index))"),
                          form: form, components: nil),
                    context: context, on: db)
                let outcome = index % 20
                if outcome == 0 { return dossier.code }  // left open
                if outcome == 1 {
                    _ = try await DossierService.act(.stop, code: dossier.code, input: .init(reason: "Dừng theo đề nghị"), context: context, on: db)
                    return dossier.code
                }
                var current = dossier
                if outcome == 2 {
                    current = try await DossierService.act(.requestSupplement, code: current.code, input: .init(reason: "Thiếu giấy tờ"),
                                                           context: context, on: db)
                    current = try await DossierService.act(.supply, code: current.code, input: .init(), context: context, on: db)
                }
                while current.status == .processing {
                    let steps = record.process.steps
                    let role = steps.indices.contains(current.currentStep) ? steps[current.currentStep].role : ""
                    let leaderStep = role == "agency-leader" && current.resultSHA256 == nil
                    current = try await DossierService.act(leaderStep ? .approve : .forward, code: current.code,
                                                           input: .init(resultFile: leaderStep ? resultSHA256 : nil),
                                                           context: context, on: db)
                }
                if current.status == .resolved {
                    if !current.feePaid {
                        current = try await DossierService.act(.payCash, code: current.code, input: .init(receiptNumber: "BL\(index)"),
                                                               context: context, on: db)
                    }
                    _ = try await DossierService.act(.returnResult, code: current.code, input: .init(returnMethod: .inPerson),
                                                     context: context, on: db)
                }
                return dossier.code
            }
        }

        /// Submissions and tracking over HTTP with concurrent clients, each beside /healthz in the same run.
        func measure(_ app: Application, trackingCodes: [String]) async throws {
            guard let citizen = try await UserModel.find(username: DemoSeed.citizenID, on: app.db) else { return }
            let token = try await AccountStore.issueToken(for: citizen, kind: .bearer, lifetime: 3600, at: Date(), on: app.db).token
            let form = ["applicantName": "Nguyễn Văn Hùng", "applicantPersonalId": DemoSeed.citizenID,
                        "applicantAddress": "Tổ 5", "applicantPhone": "0912345678", "request": "Đăng ký"]
            let body = try JSONSerialization.data(withJSONObject: ["procedure": "1.001022", "unit": "02215", "form": form])
            let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup,
                                    configuration: .init(connectionPool: .init(idleTimeout: .seconds(30),
                                                                               concurrentHTTP1ConnectionsPerHostSoftLimit: concurrency)))
            let base = "http://127.0.0.1:\(port)"
            print("| endpoint | requests/s | p50 ms | p99 ms |")
            print("|---|---:|---:|---:|")
            let runs: [(String, LoadRun.Request)] = [
                ("GET /healthz", .init(url: base + "/healthz")),
                ("GET /api/v1/track/{code}", .init(url: base + "/api/v1/track/", suffixes: trackingCodes)),
                ("POST /api/v1/dossiers", .init(url: base + "/api/v1/dossiers", method: .POST, body: body, token: token, expect: 201)),
                ("GET /healthz (again)", .init(url: base + "/healthz")),
            ]
            for (name, request) in runs {
                let result = try await LoadRun.run(client: client, request: request, requests: requests, concurrency: concurrency)
                print(String(format: "| %@ | %.0f | %.2f | %.2f |", name, result.rate, result.p50 * 1000, result.p99 * 1000))
            }
            try await client.shutdown()
        }
    }
}
