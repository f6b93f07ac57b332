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
import SQLKit
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
        @Option(help: "Go on with a generation stopped earlier: the number of the first dossier to generate.")
        var startAt = 0  // the clock and the mix of outcomes continue from there, as if never stopped
        @ArgumentParser.Flag(help: "Go on with a generation stopped part-way: skip the dossiers of the range the database holds already.")
        var resume = false  // its workers stop at different places: which were committed is read back by applicant name
        @Option(help: "Dossiers driven at the same time while generating (PostgreSQL runs them in parallel; SQLite takes turns).")
        var workers = 1
        @ArgumentParser.Flag(help: "Only the province-level dossiers (1 in 6) of the range: adds the departments' share to a year generated without it.")
        var provinceOnly = false
        @Option(help: "HTTP requests per endpoint.") var requests = 3000
        @Option(help: "Concurrent clients.") var concurrency = 16
        @Option(help: "Rounds: the endpoints are measured in turn, each round with its share of the requests and starting one endpoint later, so that the machine's changes of speed fall on all of them alike.")
        var rounds = 6
        @Option(help: "Port for the server on 127.0.0.1.") var port = 18081

        func run() async throws {
            try await withBenchPlatform(database: database, name: "dossiers", port: port) { app, config in
                var codes = try await generate(app)
                if codes.isEmpty {  // measuring a database generated earlier: track dossiers drawn from all of it
                    codes = try await (app.db as! any SQLDatabase).raw("SELECT code FROM dossiers ORDER BY random() LIMIT 3000")
                        .all().map { try $0.decode(column: "code", as: String.self) }
                }
                try await app.server.start(address: .hostname("127.0.0.1", port: port))
                try await measure(app, trackingCodes: codes)
                await app.server.shutdown()
            }
        }

        /// Drives `dossiers` dossiers through submission, receipt, every step, approval and return (a realistic mix of
        /// outcomes), on a clock that walks through the working days of a year; reports the rate. Returns some codes
        /// for tracking.
        func generate(_ app: Application) async throws -> [String] {
            let db = app.db
            let communes = try await UnitModel.query(on: db).filter(\.$structure == .y2025)
                .filter(\.$kind ~~ [.commune, .ward, .specialZone]).all()
            let procedures = try await ProcedureModel.query(on: db).filter(\.$level ~~ [.commune, .provinceAndCommune]).all()
            // province-level dossiers: received at the desk of the province's public administration centre and
            // handled by the department of their field (HandlingUnits)
            let provinceProcedures = try await ProcedureModel.query(on: db).filter(\.$level ~~ [.province, .provinceAndCommune]).all()
            let provinceDesk = try await UnitModel.find(code: Plan.provinceDeskCode, on: db)
            // the catalog as a request sees it: each submission and action finds its procedure's record there
            let catalog = CatalogIndex()
            var records: [String: ProcedureRecord] = [:]
            for procedure in procedures + provinceProcedures where records[procedure.code] == nil {
                records[procedure.code] = try await catalog.published(code: procedure.code, on: db)?.record
            }
            let official = Actor(userID: UUID(), username: "bench", kind: .official,
                                 assignments: Role.allCases.map { RoleAssignment(role: $0, unitCode: "08", unitPath: "/08/") })
            let result = try await app.fileStore.store(Array("%PDF-1.4 ket qua\n%%EOF".utf8), name: "ket-qua.pdf",
                                                       uploadedBy: "bench", on: db)
            let calendar = try await CalendarStore.calendar(on: db)
            let clock = YearClock(calendar: calendar, dossiers: dossiers)
            let plan = Plan(communes: communes.map { ($0.code) }, procedures: procedures.map(\.code),
                            provinceDesk: provinceDesk?.code, provinceProcedures: provinceProcedures.map(\.code), records: records,
                            official: official, resultSHA256: result.sha256, calendar: calendar, catalog: catalog,
                            units: UnitDirectory(recheckInterval: 3600))
            let start = DispatchTime.now().uptimeNanoseconds
            let progress = LockedCache<Int, Int>()  // dossiers generated so far, under key 0
            // Each worker takes whole receiving units (Plan.shares), so that two workers never meet on a unit's daily
            // sequence or its indicator rows; its batches of dossiers commit as one transaction each (every change
            // still goes through DossierService).
            let generated = resume ? try await Self.generatedIndices(on: db) : []
            if resume { print("resuming: \(generated.count) dossiers of earlier runs kept") }
            let range = (startAt..<max(startAt, dossiers)).filter { (!provinceOnly || plan.isProvince($0)) && !generated.contains($0) }
            let shares = plan.shares(of: range, workers: workers)
            if workers > 1 { print("workers' shares: " + shares.map { "\($0.count)" }.joined(separator: ", ")) }
            let codes = try await withThrowingTaskGroup(of: [String].self) { group in
                for indices in shares {
                    // a database handle of its own event loop: `app.db` is bound to one loop, whose connections
                    // would carry every worker's statements on that single thread
                    let db = app.databases.database(logger: app.logger, on: app.eventLoopGroup.next())!
                    group.addTask {
                        var codes: [String] = []
                        for first in stride(from: 0, to: indices.count, by: batch) {
                            let slice = Array(indices[first..<min(first + batch, indices.count)])
                            codes += try await Self.retryingDeadlocks {
                                try await db.writeTransaction { db in
                                    var codes: [String] = []
                                    for index in slice {
                                        let code = try await plan.drive(index: index, at: clock.instant(of: index), on: db)
                                        if index % 100 == 0, let code { codes.append(code) }
                                    }
                                    return codes
                                }
                            }
                            let done = progress.withLock { counts in
                                counts[0, default: 0] += slice.count
                                return counts[0, default: 0]
                            }
                            if done / 10_000 != (done - slice.count) / 10_000 {
                                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                                print(String(format: "  … %d of %d dossiers in %.0f s (%.0f/s)", done, range.count, seconds, Double(done) / seconds))
                            }
                        }
                        return codes
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            print(String(format: "generated %d dossiers through the state machine in %.1f s: %.0f dossiers/s (%d workers)", range.count,
                         seconds, Double(range.count) / seconds, workers))
            return codes
        }

        /// The numbers of the dossiers generated earlier into this database: each is submitted for "Người dân <number>"
        /// (`Plan.drive`), and a batch of them is committed whole or not at all.
        static func generatedIndices(on db: any Database) async throws -> Set<Int> {
            let prefix = Plan.applicantPrefix
            let rows = try await (db as! any SQLDatabase).raw("""
                SELECT applicant_name FROM dossiers WHERE applicant_name LIKE \(bind: prefix + "%")
                """).all()
            return Set(try rows.compactMap { Int(try $0.decode(column: "applicant_name", as: String.self).dropFirst(prefix.count)) })
        }

        /// Runs `body` again when PostgreSQL chose its transaction as a deadlock's victim (SQLSTATE 40P01: two
        /// workers met on a shared row, e.g. a department handling dossiers of several communes); the transaction
        /// was rolled back, so it is run whole again.
        static func retryingDeadlocks<T>(_ body: () async throws -> T) async throws -> T {
            for _ in 1..<5 {
                do { return try await body() } catch where String(reflecting: error).contains("40P01") {
                    try await Task.sleep(for: .milliseconds(Int.random(in: 10...100)))
                }
            }
            return try await body()
        }

        /// The generator's clock: dossier `index` of `dossiers` is submitted on a working day of the year before
        /// 1 December 2026 (the calendar's holidays and weekends skipped), between 07:30 and 16:30, in order.
        struct YearClock: Sendable {
            var days: [LocalDate]
            var dossiers: Int

            init(calendar: WorkingCalendar, dossiers: Int) {
                var day = LocalDate(year: 2025, month: 12, day: 1)!
                var days: [LocalDate] = []
                while day < LocalDate(year: 2026, month: 12, day: 1)! {
                    if calendar.isWorkingDay(day) { days.append(day) }
                    day = day.adding(days: 1)
                }
                self.days = days
                self.dossiers = max(dossiers, 1)
            }

            func instant(of index: Int) -> Date {
                let position = Double(index) / Double(dossiers) * Double(days.count)
                let day = days[min(Int(position), days.count - 1)]
                let minutes = (position - position.rounded(.down)) * 9 * 60
                return VietnamTime.instant(day, hour: 7, minute: 30) + (minutes * 60).rounded()
            }
        }

        /// What the generator draws from, and one dossier's walk through the state machine.
        struct Plan: Sendable {
            /// Bộ phận Tiếp nhận và Trả kết quả of the province's public administration centre (demo data).
            static let provinceDeskCode = "TTPVHCC.TN"
            var communes: [String]
            var procedures: [String]
            /// Where province-level dossiers are received (nil when the database has no such desk: communes only).
            var provinceDesk: String?
            var provinceProcedures: [String]
            var records: [String: ProcedureRecord]
            var official: Actor
            var resultSHA256: String
            var calendar: WorkingCalendar
            var catalog: CatalogIndex
            /// The units as a request finds them (read once, not by each submission).
            var units: UnitDirectory
            /// The generated applicants' names: this, then the dossier's number.
            static let applicantPrefix = "Người dân "

            /// Whether dossier `index` is a province-level one (1 in 6): received at the province's desk and handled
            /// by a department; the others are received and handled by the communes in turn.
            func isProvince(_ index: Int) -> Bool {
                provinceDesk != nil && !provinceProcedures.isEmpty && index % 6 == 5
            }

            /// The unit whose desk receives dossier `index`: the province's desk, or the communes in turn.
            func receivingUnit(of index: Int) -> String {
                isProvince(index) ? provinceDesk ?? "" : communes[index % communes.count]
            }

            /// `indices` shared among `workers`, each in order: whole receiving units (the daily sequence of a unit's
            /// dossier codes and its indicator rows are then never locked by two workers), the largest first to the
            /// worker with the fewest dossiers so far, so that the shares end at about the same time, also when a
            /// resumed generation has more left of some units than of others (the province's desk receives 1 in 6).
            func shares(of indices: [Int], workers: Int) -> [[Int]] {
                let byUnit = Dictionary(grouping: indices, by: receivingUnit(of:))
                var shares = Array(repeating: [Int](), count: max(workers, 1))
                for (_, unitIndices) in byUnit.sorted(by: { ($0.value.count, $1.key) > ($1.value.count, $0.key) }) {
                    let least = shares.indices.min { shares[$0].count < shares[$1].count }!
                    shares[least] += unitIndices
                }
                return shares.map { $0.sorted() }
            }

            /// Submits dossier number `index` at `now` and drives it to its outcome: 1 in 20 left open, 1 in 20
            /// stopped, 1 in 20 through a supplement pause, the rest processed, approved, paid and returned. Each action
            /// goes through `DossierService.act` on the dossier and steps as the previous one left them (as a page
            /// holding them would; the revision each claims is checked as for any caller), not read again.
            func drive(index: Int, at now: Date, on db: any Database) async throws -> String? {
                var generator = SystemRandomNumberGenerator()
                let province = isProvince(index)
                let unit = receivingUnit(of: index)
                let pool = province ? provinceProcedures : procedures
                let procedure = pool[Int.random(in: 0..<pool.count, using: &generator)]
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
                let context = DossierService.Context(actor: official, fullName: "Bench", now: now, calendar: calendar,
                                                     units: units, catalog: catalog)
                let channel: Dossiers.Channel = index % 10 < 6 ? .desk : .postal
                let submitted = try await DossierService.submitted(
                    .init(procedure: procedure, unit: unit, channel: channel,
                          applicant: .init(fullName: Self.applicantPrefix + "\(index)", phone: "09\(String(format: "%08d", index))"),
                          form: form, components: nil),
                    context: context, on: db)
                let dossier = submitted.dossier
                guard let steps = submitted.steps else { return dossier.code }
                func act(_ action: DossierAction, _ input: DossierService.ActionInput) async throws {
                    _ = try await DossierService.act(action, on: dossier, steps: steps, input: input, context: context, on: db)
                }
                let outcome = (province ? index / 6 : index) % 20  // every outcome at the province's desk too
                if outcome == 0 { return dossier.code }  // left open
                if outcome == 1 {
                    try await act(.stop, .init(reason: "Dừng theo đề nghị"))
                    return dossier.code
                }
                if outcome == 2 {
                    try await act(.requestSupplement, .init(reason: "Thiếu giấy tờ"))
                    try await act(.supply, .init())
                }
                while dossier.status == .processing {
                    let role = steps.first { $0.index == dossier.currentStep }?.role ?? ""
                    let leaderStep = role == "agency-leader" && dossier.resultSHA256 == nil
                    try await act(leaderStep ? .approve : .forward, .init(resultFile: leaderStep ? resultSHA256 : nil))
                }
                if dossier.status == .resolved {
                    if !dossier.feePaid { try await act(.payCash, .init(receiptNumber: "BL\(index)")) }
                    try await act(.returnResult, .init(returnMethod: .inPerson))
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
            let endpoints: [(String, LoadRun.Request)] = [
                ("GET /healthz", .init(url: base + "/healthz")),
                ("GET /api/v1/track/{code}", .init(url: base + "/api/v1/track/", suffixes: trackingCodes)),
                ("POST /api/v1/dossiers", .init(url: base + "/api/v1/dossiers", method: .POST, body: body, token: token, expect: 201)),
            ]
            // the three in turn, `rounds` times: a slow second of the machine falls on one round of each, not on one
            // endpoint's whole run (on this shared machine `/healthz` alone varied by half between two runs a minute
            // apart). Each round starts one endpoint later, so that each follows the submissions' after-work (the
            // database's background writing) as often as the others.
            let rounds = max(1, min(self.rounds, requests))
            var results = [[LoadRun.Result]](repeating: [], count: endpoints.count)
            for round in 0..<rounds {
                let share = requests / rounds + (round < requests % rounds ? 1 : 0)
                for turn in 0..<endpoints.count {
                    let index = (turn + round) % endpoints.count
                    var request = endpoints[index].1
                    request.firstSuffix = round * (requests / rounds)  // each round looks other dossiers up
                    results[index].append(try await LoadRun.run(client: client, request: request, requests: share, concurrency: concurrency))
                }
            }
            let healthz = LoadRun.Result.combined(results[0])
            print("\(rounds) rounds, the endpoints in turn in each; tracking as % of /healthz per round: "
                  + zip(results[0], results[1]).map { String(format: "%.0f", 100 * $1.rate / $0.rate) }.joined(separator: ", "))
            print("| endpoint | requests/s | p50 ms | p99 ms | % of /healthz |")
            print("|---|---:|---:|---:|---:|")
            for (index, (name, _)) in endpoints.enumerated() {
                let result = LoadRun.Result.combined(results[index])
                print(String(format: "| %@ | %.0f | %.2f | %.2f | %.0f %% |", name, result.rate, result.p50 * 1000, result.p99 * 1000,
                             100 * result.rate / healthz.rate))
            }
            try await client.shutdown()
        }
    }
}
