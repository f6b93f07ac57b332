import Access
import ArgumentParser
import AsyncHTTPClient
import DemoData
import Dossiers
import Fluent
import Foundation
import Storage
import Vapor
import Web

extension Bench {
    /// `cqs bench web` — render times of the desk's queue and of "my work" for a unit with many open dossiers.
    struct WebBench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "web",
            abstract: "p50/p99 of the desk queue (/mot-cua) and my work (/cong-viec) for a unit with many open dossiers.")
        @Option(help: "Database: SQLite path or postgres:// URL (default: a fresh SQLite file in a temporary folder).")
        var database: String?
        @Option(help: "Open dossiers at Phường Minh Xuân: half waiting at the desk, half received and waiting for the unit leader.")
        var open = 10_000
        @Option(help: "Requests per page.") var requests = 1000
        @Option(help: "Concurrent clients.") var concurrency = 8
        @Option(help: "Port for the server on 127.0.0.1.") var port = 18083

        func run() async throws {
            try await withBenchPlatform(database: database, name: "web", port: port) { app, config in
                try await fill(app)
                try await app.server.start(address: .hostname("127.0.0.1", port: port))
                try await measure(app)
                await app.server.shutdown()
            }
        }

        /// `open` online submissions of the demo citizen at Phường Minh Xuân; every other one received by the desk.
        func fill(_ app: Application) async throws {
            let db = app.db
            guard let citizen = try await UserModel.find(username: DemoSeed.citizenID, on: db),
                  let desk = try await UserModel.find(username: "minhxuan.motcua", on: db) else { return }
            let calendar = try await CalendarStore.calendar(on: db)
            let citizenContext = DossierService.Context(actor: try await AccountStore.actor(for: citizen, on: db), fullName: citizen.fullName,
                                                        now: Date(), calendar: calendar)
            let deskContext = DossierService.Context(actor: try await AccountStore.actor(for: desk, on: db), fullName: desk.fullName,
                                                     now: Date(), calendar: calendar)
            let form = ["applicantName": citizen.fullName, "applicantPersonalId": DemoSeed.citizenID, "applicantAddress": "Tổ 5",
                        "applicantPhone": "0912345678", "request": "Đăng ký"]
            let start = DispatchTime.now().uptimeNanoseconds
            for batchStart in stride(from: 0, to: open, by: 200) {
                let count = min(200, open - batchStart)
                try await db.writeTransaction { db in
                    for index in batchStart..<(batchStart + count) {
                        let dossier = try await DossierService.submit(.init(procedure: "1.001022", unit: "02215", form: form),
                                                                      context: citizenContext, on: db)
                        if index % 2 == 1 {
                            _ = try await DossierService.act(.receive, code: dossier.code, input: .init(), context: deskContext, on: db)
                        }
                    }
                }
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            print(String(format: "cqs bench web — %d open dossiers at Phường Minh Xuân made in %.1f s", open, seconds))
        }

        func measure(_ app: Application) async throws {
            guard let desk = try await UserModel.find(username: "minhxuan.motcua", on: app.db),
                  let leader = try await UserModel.find(username: "minhxuan.lanhdaodonvi", on: app.db) else { return }
            let deskToken = try await AccountStore.issueToken(for: desk, kind: .bearer, lifetime: 3600, at: Date(), on: app.db).token
            let leaderToken = try await AccountStore.issueToken(for: leader, kind: .bearer, lifetime: 3600, at: Date(), on: app.db).token
            let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup,
                                    configuration: .init(connectionPool: .init(idleTimeout: .seconds(30),
                                                                               concurrentHTTP1ConnectionsPerHostSoftLimit: concurrency)))
            let base = "http://127.0.0.1:\(port)"
            print("| page | requests/s | p50 ms | p99 ms |")
            print("|---|---:|---:|---:|")
            let runs: [(String, LoadRun.Request)] = [
                ("GET /healthz", .init(url: base + "/healthz")),
                ("GET /mot-cua (the desk's queue, \(open - open / 2) waiting)", .init(url: base + "/mot-cua", token: deskToken)),
                ("GET /cong-viec (the unit leader's work, \(open / 2) open steps)", .init(url: base + "/cong-viec", token: leaderToken)),
            ]
            for (name, request) in runs {
                _ = try await LoadRun.run(client: client, request: request, requests: min(50, requests), concurrency: concurrency)
                let result = try await LoadRun.run(client: client, request: request, requests: requests, concurrency: concurrency)
                print(String(format: "| %@ | %.0f | %.2f | %.2f |", name, result.rate, result.p50 * 1000, result.p99 * 1000))
            }
            try await client.shutdown()
        }
    }
}
