import ArgumentParser
import AsyncHTTPClient
import Catalog
import DemoData
import Fluent
import Foundation
import NIOCore
import Storage
import Vapor
import Web

/// `cqs bench …` — benchmarks, run in release mode (`swift run -c release cqs bench api`);
/// results go to docs/benchmarks.md with the command and the date.
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Benchmarks (build with -c release).",
                                                    subcommands: [API.self, DossiersBench.self, DocumentsBench.self, WebBench.self, IndicatorsBench.self])

    /// `cqs bench api` — catalog search and look-up beside /healthz, over HTTP on loopback.
    struct API: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Requests/s and p50/p99 of GET /api/v1/procedures?q=… and /procedures/{code} beside /healthz.")
        @Option(help: "Database: SQLite path or postgres:// URL (default: a fresh SQLite file in a temporary folder).")
        var database: String?
        @Option(help: "Procedures in the catalog (the 55 real ones plus synthetic variants).") var procedures = 2000
        @Option(help: "Requests per endpoint.") var requests = 5000
        @Option(help: "Concurrent clients.") var concurrency = 16
        @Option(help: "Port for the server on 127.0.0.1.") var port = 18080

        func run() async throws {
            let url = database ?? NSTemporaryDirectory() + "cqs-bench-\(UUID().uuidString).sqlite"
            var config = AppConfig.fromEnvironment(database: url, host: "127.0.0.1", port: port)
            config.logLevel = "warning"
            config.seedDemo = false
            try await withPlatform(config) { app in
                try await prepareCatalog(app)
                try await app.server.start(address: .hostname("127.0.0.1", port: port))
                let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup,
                                        configuration: .init(connectionPool: .init(idleTimeout: .seconds(30),
                                                                                   concurrentHTTP1ConnectionsPerHostSoftLimit: concurrency)))
                let base = "http://127.0.0.1:\(port)"
                let query = "/api/v1/procedures?q=" + "đăng ký khai sinh".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                let targets = [("GET /healthz", "/healthz"), ("GET /api/v1/procedures?q=đăng ký khai sinh", query),
                               ("GET /api/v1/procedures/1.001193", "/api/v1/procedures/1.001193"),
                               ("GET /healthz (again)", "/healthz")]
                print("cqs bench api — \(config.usesPostgres ? "PostgreSQL" : "SQLite"), \(procedures) procedures, \(requests) requests per endpoint, \(concurrency) clients")
                print("| endpoint | requests/s | p50 ms | p99 ms |")
                print("|---|---:|---:|---:|")
                for (name, path) in targets {
                    _ = try await LoadRun.run(client: client, request: .init(url: base + path), requests: min(200, requests),
                                              concurrency: concurrency)
                    let result = try await LoadRun.run(client: client, request: .init(url: base + path), requests: requests,
                                                       concurrency: concurrency)
                    print(String(format: "| %@ | %.0f | %.2f | %.2f |", name, result.rate, result.p50 * 1000, result.p99 * 1000))
                }
                try await client.shutdown()
                await app.server.shutdown()
            }
            if database == nil { try? FileManager.default.removeItem(atPath: url) }
        }

        /// Seeds the demo catalog and pads it with synthetic variants up to `procedures`.
        func prepareCatalog(_ app: Application) async throws {
            let file = try CatalogStore.parse(DemoResources.catalogData())
            try await CatalogStore.importFile(file, actor: "bench", at: Date(), on: app.db)
            let existing = try await ProcedureModel.query(on: app.db).count()
            guard existing < procedures else { return }
            var synthetic: [ProcedureRecord] = []
            for index in existing..<procedures {
                var record = file.procedures[index % file.procedures.count]
                record.code = String(format: "9.%06d", index)
                record.localCode = nil
                record.name += " (biến thể \(index))"
                synthetic.append(record)
            }
            try await CatalogStore.importFile(CatalogFile(procedures: synthetic), actor: "bench", at: Date(), on: app.db)
        }
    }
}

/// Runs a benchmark's `body` on the demo province: the given database (SQLite path or PostgreSQL URL) or a fresh
/// SQLite file removed afterwards, quiet logs, files in a temporary folder, the demo seeded when the database is empty.
func withBenchPlatform(database: String?, name: String, port: Int,
                       _ body: (Application, AppConfig) async throws -> Void) async throws {
    let url = database ?? NSTemporaryDirectory() + "cqs-bench-\(name)-\(UUID().uuidString).sqlite"
    var config = AppConfig.fromEnvironment(database: url, host: "127.0.0.1", port: port)
    config.logLevel = "warning"
    config.filesDirectory = NSTemporaryDirectory() + "cqs-bench-files"
    try await withPlatform(config) { app in
        if try await DemoSeed.isEmpty(on: app.db) {
            try await DemoSeed.seed(on: app.db, hasher: app.passwordHasher, at: Date())
        }
        try await body(app, config)
    }
    if database == nil { try? FileManager.default.removeItem(atPath: url) }
}

/// A fixed number of requests from concurrent clients; latency percentiles and the rate.
enum LoadRun {
    /// What a run measured: every latency (sorted) and the time it took.
    struct Result {
        var latencies: [Double]
        var elapsed: Double
        var rate: Double { Double(latencies.count) / elapsed }
        var p50: Double { percentile(0.5) }
        var p99: Double { percentile(0.99) }
        func percentile(_ p: Double) -> Double { latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }

        /// Several runs of one request taken together: all their requests over all their time.
        static func combined(_ runs: [Result]) -> Result {
            Result(latencies: runs.flatMap(\.latencies).sorted(), elapsed: runs.map(\.elapsed).reduce(0, +))
        }
    }

    /// What each client sends: a URL (optionally followed by one of `suffixes` in turn, from `firstSuffix` on), a
    /// method, a body, a token.
    struct Request: Sendable {
        var url: String
        var suffixes: [String] = []
        var firstSuffix = 0
        var method: HTTPMethod = .GET
        var body: Data? = nil
        var token: String? = nil
        var expect: UInt = 200
    }

    static func run(client: HTTPClient, request: Request, requests: Int, concurrency: Int) async throws -> Result {
        let start = DispatchTime.now().uptimeNanoseconds
        let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
            for worker in 0..<concurrency {
                let share = requests / concurrency + (worker < requests % concurrency ? 1 : 0)
                group.addTask {
                    var own: [Double] = []
                    own.reserveCapacity(share)
                    for index in 0..<share {
                        var outgoing = HTTPClientRequest(url: request.suffixes.isEmpty ? request.url
                            : request.url + request.suffixes[(request.firstSuffix + worker * share + index) % request.suffixes.count])
                        outgoing.method = request.method
                        if let body = request.body {
                            outgoing.body = .bytes(ByteBuffer(data: body))
                            outgoing.headers.add(name: "Content-Type", value: "application/json")
                        }
                        if let token = request.token { outgoing.headers.add(name: "Authorization", value: "Bearer \(token)") }
                        let t0 = DispatchTime.now().uptimeNanoseconds
                        let response = try await client.execute(outgoing, timeout: .seconds(30))
                        _ = try await response.body.collect(upTo: 16 << 20)
                        guard response.status.code == request.expect else {
                            throw BenchError("\(request.url) answered \(response.status)")
                        }
                        own.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
                    }
                    return own
                }
            }
            var all: [Double] = []
            for try await part in group { all += part }
            return all.sorted()
        }
        return Result(latencies: latencies, elapsed: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
