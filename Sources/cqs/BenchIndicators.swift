import Access
import ArgumentParser
import AsyncHTTPClient
import Catalog
import DemoData
import Dossiers
import Fluent
import Foundation
import Indicators
import SQLKit
import Storage
import Vapor
import Web

extension Bench {
    /// `cqs bench indicators` — loads a province-year of dossiers, measures the province dashboard (every unit, the
    /// current year, every figure) in process and over HTTP, runs the verification, and has DuckDB compute the same
    /// figures from the same rows exported to CSV.
    struct IndicatorsBench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "indicators",
            abstract: "Province dashboard p50/p95 over a province-year of dossiers, beside DuckDB on the same rows; then verify.")
        @Option(help: "Database: SQLite path or postgres:// URL (default: a fresh SQLite file in a temporary folder).")
        var database: String?
        @Option(help: "Dossiers driven through the real state machine first (their totals kept by DossierService).")
        var workflow = 2000
        @Option(help: "Dossiers then loaded in bulk (rows written directly, totals kept by DossierFactStore.apply).")
        var dossiers = 1_000_000
        @Option(help: "Dashboard computations measured.") var iterations = 200
        @Option(help: "HTTP requests of the units' figures.") var requests = 200
        @Option(help: "Python with the duckdb package (pip install duckdb).") var python = "python3"
        @Option(help: "Port for the server on 127.0.0.1.") var port = 18084

        func run() async throws {
            try await withBenchPlatform(database: database, name: "indicators", port: port) { app, _ in
                if workflow > 0 {
                    _ = try await Bench.DossiersBench.parse(["--dossiers", "\(workflow)"]).generate(app)
                }
                try await BulkDossiers(count: dossiers).load(on: app.db)
                let now = Date()
                let year = Period.Day(of: now).year
                let units = try await UnitModel.query(on: app.db).filter(\.$validUntil == nil).filter(\.$structure == .y2025).all()
                let scopes = [UnitScope(unitPath: "/08/")] + units.map { UnitScope(unitPath: $0.path) }
                print("| measurement | p50 ms | p95 ms | p99 ms |")
                print("|---|---:|---:|---:|")
                var times: [Double] = []
                for _ in 0..<iterations {
                    let start = DispatchTime.now().uptimeNanoseconds
                    _ = try await IndicatorQueries.figures(of: scopes, period: .year(year), now: now, on: app.db)
                    times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                }
                let dashboard = Self.percentiles(times)
                print(String(format: "| province dashboard in process: %d scopes × %d figures, year %d | %.2f | %.2f | %.2f |",
                             scopes.count, FigureKey.allCases.count, year, dashboard.p50, dashboard.p95, dashboard.p99))
                try await app.server.start(address: .hostname("127.0.0.1", port: port))
                try await measureHTTP(app, year: year)
                await app.server.shutdown()

                try await compareWithDuckDB(app, now: now, year: year, cqsMedian: dashboard.p50)

                let start = DispatchTime.now().uptimeNanoseconds
                let report = try await IndicatorVerification.run(now: Date(), on: app.db)
                print(String(format: "verification in %.1f s:", Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
                IndicatorsCommand.print(report)
            }
        }

        static func percentiles(_ values: [Double]) -> (p50: Double, p95: Double, p99: Double) {
            let sorted = values.sorted()
            func at(_ q: Double) -> Double { sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * q))] }
            return (at(0.5), at(0.95), at(0.99))
        }

        /// `GET /api/v1/indicators/units` for the province (every department and commune, every figure), one client.
        func measureHTTP(_ app: Application, year: Int) async throws {
            guard let admin = try await UserModel.find(username: "tinh.quantri", on: app.db) else { return }
            let token = try await AccountStore.issueToken(for: admin, kind: .bearer, lifetime: 3600, at: Date(), on: app.db).token
            let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup)
            let request = LoadRun.Request(url: "http://127.0.0.1:\(port)/api/v1/indicators/units?unit=08&period=\(year)", token: token)
            _ = try await LoadRun.run(client: client, request: request, requests: 10, concurrency: 1)
            let result = try await LoadRun.run(client: client, request: request, requests: requests, concurrency: 1)
            print(String(format: "| GET /api/v1/indicators/units?unit=08 (HTTP, 1 client, %.0f/s) | %.2f | – | %.2f |",
                         result.rate, result.p50 * 1000, result.p99 * 1000))
            try await client.shutdown()
        }

        /// Exports the facts to CSV, runs `DuckDBScript` over them, and compares its figures per unit with cqs's.
        func compareWithDuckDB(_ app: Application, now: Date, year: Int, cqsMedian: Double) async throws {
            let folder = NSTemporaryDirectory() + "cqs-bench-duckdb-\(UUID().uuidString)/"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let rows = try await DossierFactStore.exportCSV(to: folder + "facts.csv", on: app.db)
            try DuckDBScript.source.write(toFile: folder + "figures.py", atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [python, folder + "figures.py", folder + "facts.csv",
                                 String(Period.Day(year: year, month: 1, day: 1).midnight.timeIntervalSince1970),
                                 String(now.timeIntervalSince1970), folder + "out.json"]
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw BenchError("DuckDB failed (exit \(process.terminationStatus)); install it with `pip install duckdb`")
            }
            let output = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "out.json"))) as! [String: Any]
            let duck = output["units"] as! [String: [String: String]]
            let paths = duck.keys.sorted()
            let figures = try await IndicatorQueries.figures(of: paths.map { UnitScope(unitPath: $0, includeSubUnits: false) },
                                                             period: .year(year), now: now, on: app.db)
            var differences = 0
            for (path, served) in zip(paths, figures) {
                for (key, value) in duck[path]! {
                    guard let figure = FigureKey(rawValue: key) else { continue }
                    let ours = switch served.value(figure) { case let .count(n): "\(n)"; case let .rate(r): "\(r.numerator)/\(r.denominator)" }
                    if ours != value {
                        differences += 1
                        if differences <= 10 { print("  ≠ \(path) \(key): cqs \(ours), DuckDB \(value)") }
                    }
                }
            }
            let load = output["load_ms"] as! Double, query = output["query_ms"] as! [Double]
            let duckMedian = query.sorted()[query.count / 2]
            print("""
                DuckDB \(output["version"] as! String) over the same \(rows) fact rows (CSV): load \(String(format: "%.0f", load)) ms, \
                query p50 \(String(format: "%.2f", duckMedian)) ms (\(query.count) runs) for \(paths.count) units × \(duck.first?.value.count ?? 0) figures
                cqs dashboard p50 \(String(format: "%.2f", cqsMedian)) ms — DuckDB's query takes \(String(format: "%.1f", duckMedian / cqsMedian))× as long
                figures identical: \(differences == 0 ? "yes" : "NO, \(differences) differ") (\(paths.count) units)
                """)
        }
    }
}

/// A province-year of dossiers written directly as rows (not through the state machine): a realistic mix of units,
/// procedures, channels, fees and outcomes, every time before now. Their facts and totals are recorded through
/// `DossierFactStore.apply`, the same function every dossier change calls.
struct BulkDossiers {
    var count: Int

    func load(on db: any Database) async throws {
        let units = try await UnitModel.query(on: db).filter(\.$validUntil == nil).filter(\.$structure == .y2025).all()
        let communes = units.filter { [.commune, .ward, .specialZone].contains($0.kind) }
        let departments = units.filter { $0.kind == .department }
        var procedures: [(code: String, version: Int, name: String, eligible: Bool, commune: Bool)] = []
        for procedure in try await ProcedureModel.query(on: db).filter(\.$status == .published).all() {
            guard let (_, record, version) = try await CatalogStore.published(code: procedure.code, on: db) else { continue }
            procedures.append((procedure.code, version, record.name, record.serviceLevel == .fullOnline, record.level != .province))
        }
        let communeProcedures = procedures.filter(\.commune), provinceProcedures = procedures.filter { !$0.commune }
        let eligible = Set(procedures.filter(\.eligible).map { "\($0.code)#\($0.version)" })
        let now = Date()
        let yearStart = Period.Day(year: Period.Day(of: now).year, month: 1, day: 1).midnight.timeIntervalSince1970
        let span = now.timeIntervalSince1970 - 3600 - yearStart
        var random = SystemRandomNumberGenerator()
        let start = DispatchTime.now().uptimeNanoseconds
        let batch = 1000
        for batchStart in stride(from: 0, to: count, by: batch) {
            var dossiers: [DossierModel] = []
            var closings: [(Int, Date, DossierStatus)] = []
            for index in batchStart..<min(batchStart + batch, count) {
                let atCommune = Int.random(in: 0..<100, using: &random) < 85
                let unit = atCommune ? communes.randomElement(using: &random)! : departments.randomElement(using: &random)!
                let procedure = (atCommune ? communeProcedures : provinceProcedures).randomElement(using: &random)
                    ?? procedures.randomElement(using: &random)!
                let d = DossierModel()
                d.code = "BULK.\(unit.code).\(String(format: "%07d", index))"
                d.procedureCode = procedure.code
                d.procedureVersion = procedure.version
                d.procedureName = procedure.name
                d.receivingUnitCode = unit.code
                d.receivingUnitPath = unit.path
                d.handlingUnitCode = unit.code
                d.handlingUnitPath = unit.path
                let roll = Int.random(in: 0..<100, using: &random)
                d.channel = roll < 45 ? .online : roll < 92 ? .desk : .postal
                d.applicantName = "Người dân \(index)"
                d.form = "{}"
                let submitted = yearStart + Double.random(in: 0..<span, using: &random).rounded()
                d.submittedAt = Date(timeIntervalSince1970: submitted)
                d.supplementRequests = 0
                d.currentStep = -1
                d.feeVnd = Int.random(in: 0..<10, using: &random) < 3 ? 50_000 : 0
                d.feePaid = d.feeVnd == 0
                d.revision = 0
                d.createdBy = "bench"
                let nowSeconds = now.timeIntervalSince1970
                func at(_ seconds: Double) -> Date? { seconds < nowSeconds ? Date(timeIntervalSince1970: seconds.rounded()) : nil }
                guard roll % 33 != 0, let received = at(submitted + Double.random(in: 0..<14_400, using: &random)) else {
                    d.status = roll % 2 == 0 ? .submitted : .refused
                    if d.status == .refused, let refused = at(submitted + 600) {  // refused at intake, with its history row
                        closings.append((dossiers.count, refused, .refused))
                    } else {
                        d.status = .submitted
                    }
                    dossiers.append(d)
                    continue
                }
                d.receivedAt = received
                d.currentStep = 1
                d.status = .processing
                let appointment = received.addingTimeInterval(Double(Int.random(in: 1...15, using: &random)) * 86_400)
                d.appointment = appointment
                d.originalAppointment = appointment
                let outcome = Int.random(in: 0..<100, using: &random)
                let end = received.timeIntervalSince1970 + Double.random(in: 3600..<(18 * 86_400), using: &random)
                if outcome < 3, let closed = at(end) {
                    d.status = outcome < 2 ? .stopped : .withdrawn
                    closings.append((dossiers.count, closed, d.status))
                } else if outcome < 6 {
                    d.status = .supplementRequested
                    d.supplementRequests = outcome == 5 ? 2 : 1
                    d.pausedAt = at(received.timeIntervalSince1970 + Double.random(in: 0..<(5 * 86_400), using: &random)) ?? received
                } else if let resolved = at(end) {
                    d.resolvedAt = resolved
                    d.status = .resolved
                    d.outcome = .approved
                    d.resultSHA256 = Int.random(in: 0..<10, using: &random) < 9 ? "0000000000000000000000000000000000000000000000000000000000000000" : nil
                    if d.feeVnd > 0 {
                        d.feePaid = true
                        d.paymentReference = Bool.random(using: &random) ? "local-test:TX\(index)" : "cash:BL\(index)"
                    }
                    if let returned = at(end + 86_400) {
                        d.returnedAt = returned
                        d.returnMethod = d.channel == .online ? .online : .inPerson
                        d.status = .returned
                        if Int.random(in: 0..<10, using: &random) < 4 { d.rating = Int.random(in: 1...5, using: &random) }
                    }
                }
                dossiers.append(d)
            }
            let rows = dossiers
            let closingRows = closings
            try await db.writeTransaction { db in
                try await rows.create(on: db)
                for (position, closedAt, status) in closingRows {
                    try await DossierEventModel(dossierID: rows[position].requireID(), at: closedAt, actor: "bench",
                                                action: status == .refused ? "refuse-intake" : status == .stopped ? "stop" : "withdraw",
                                                from: status == .refused ? .submitted : .processing, to: status,
                                                nationalCode: status.nationalCode, stepIndex: nil, note: nil).create(on: db)
                }
                let closedAt = Dictionary(closingRows.map { (rows[$0.0].code, $0.1) }, uniquingKeysWith: { a, _ in a })
                try await DossierFactStore.apply(rows.map { dossier in
                    let fixed = DossierFactStore.FixedFacts(
                        fullOnlineEligible: eligible.contains("\(dossier.procedureCode)#\(dossier.procedureVersion)"),
                        componentsDigitized: false, reusedData: false)
                    return (nil, DossierFactStore.fact(of: dossier, fixed: fixed, closedAt: closedAt[dossier.code], now: now))
                }, on: db)
            }
            if (batchStart + batch) % 100_000 == 0 {
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                print(String(format: "  … %d dossiers loaded in %.0f s", batchStart + batch, seconds))
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        print(String(format: "loaded %d dossiers in bulk in %.1f s (%.0f/s), facts and totals through DossierFactStore.apply",
                     count, seconds, Double(count) / max(seconds, 0.001)))
    }
}
