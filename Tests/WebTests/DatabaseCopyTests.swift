import Core
import DemoData
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import Storage
@testable import Web

/// `cqs database copy`: a platform moves from its SQLite file to PostgreSQL and back with every row unchanged.
@Suite struct DatabaseCopyTests {
    /// Every table's rows, each as text, sorted: what two databases must agree on.
    static func contents(of db: any Database, catalogue: any Database) async throws -> [String: [String]] {
        var contents: [String: [String]] = [:]
        for table in try await DatabaseCopy.orderedTables(in: catalogue as! any SQLDatabase) {
            contents[table.name] = try await DatabaseCopy.rows(of: table, in: db)
                .map { $0.joined(separator: "|") }.sorted()
        }
        return contents
    }

    /// Per table and column, sums each engine computes itself from what it stores (independent of the copy's own
    /// reading): non-NULL values, true booleans, sums of integers, of whole seconds of times, of thousandths of
    /// numbers, of text lengths, and distinct identifiers.
    static func checksums(of db: any Database, catalogue: any Database) async throws -> [String: [Int]] {
        let sql = db as! any SQLDatabase
        let postgres = sql.dialect.name == "postgresql"
        var sums: [String: [Int]] = [:]
        for table in try await DatabaseCopy.orderedTables(in: catalogue as! any SQLDatabase) {
            let expressions = table.columns.flatMap { column -> [String] in
                let name = "\"\(column.name)\""
                let value: String = switch column.type {
                case .boolean: postgres ? "SUM(\(name)::int)" : "SUM(\(name))"
                case .integer: "SUM(\(name))"
                case .double: postgres ? "SUM(TRUNC(\(name) * 1000))" : "SUM(CAST(\(name) * 1000 AS INTEGER))"
                case .time: postgres ? "SUM(FLOOR(EXTRACT(EPOCH FROM \(name))))" : "SUM(CAST(\(name) AS INTEGER))"
                case .text: "SUM(LENGTH(\(name)))"
                case .uuid, .bytes: "COUNT(DISTINCT \(name))"
                }
                return ["COUNT(\(name))", "CAST(COALESCE(\(value), 0) AS BIGINT)"]
            }
            let list = (["COUNT(*)"] + expressions).enumerated().map { "\($1) AS s\($0)" }.joined(separator: ", ")
            let row = try await sql.raw("SELECT \(unsafeRaw: list) FROM \(ident: table.name)").first()!
            sums[table.name] = try (0...expressions.count).map { try row.decode(column: "s\($0)", as: Int.self) }
        }
        return sums
    }

    @Test(arguments: Engine.all.filter { $0 == .postgres })
    func a_platform_moves_from_sqlite_to_postgresql_and_back_with_every_row_unchanged(engine: Engine) async throws {
        let clock = ManualClock(Fixtures.monday)
        let (postgresURL, dropPostgres) = try await makeDatabase(engine)
        let sqliteCopy = NSTemporaryDirectory() + "cqs-copy-\(UUID().uuidString).sqlite"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: sqliteCopy + suffix) } }
        do {
            try await moveAndBack(postgresURL: postgresURL, sqliteCopy: sqliteCopy, clock: clock)
        } catch {
            try? await dropPostgres()
            throw error
        }
        try await dropPostgres()
    }

    func moveAndBack(postgresURL: String, sqliteCopy: String, clock: ManualClock) async throws {
        try await withPlatform(.sqlite, clock: clock) { app in
            // a platform in use: online and desk dossiers, one received, files, history, outbox, indicator facts
            let citizen = try await app.token(DemoSeed.citizenID)
            let online = try await DossierAPITests.submitOnline(app, token: citizen)
            let desk = try await app.token("minhxuan.motcua")
            let received = try await DossierAPITests.act(app, online, "receive", token: desk)
            #expect(received.status == .ok, "\(received.body.string)")
            _ = try await DossierAPITests.submitOnline(app, token: citizen)
            let dossierJSON = object(try await app.send(.GET, "/api/v1/dossiers/\(online)", token: citizen))
            let trackingJSON = object(try await app.send(.GET, "/api/v1/track/\(online)"))
            #expect(dossierJSON["status"] as? String == "processing")


            try await withPlatform(url: postgresURL, seeded: false, clock: clock) { postgres in
                let original = try await Self.contents(of: app.db, catalogue: postgres.db)
                #expect(original["dossiers"]?.count == 2)
                #expect((original["dossier_events"]?.count ?? 0) >= 3)

                // a source at other migrations than the target is refused before a row is written
                let sourceSQL = app.db as! any SQLDatabase
                try await sourceSQL.raw("""
                    INSERT INTO _fluent_migrations (id, name, batch, created_at, updated_at)
                    VALUES (\(bind: UUID()), 'Storage.FromANewerRelease', 99, \(bind: Date()), \(bind: Date()))
                    """).run()
                await #expect(throws: Problem.self) { try await DatabaseCopy.copy(from: app.db, to: postgres.db) }
                #expect(try await DatabaseCopy.count("dossiers", in: postgres.db as! any SQLDatabase) == 0)
                try await sourceSQL.raw("DELETE FROM _fluent_migrations WHERE name = 'Storage.FromANewerRelease'").run()

                // SQLite → PostgreSQL: every table, every row
                let counts = try await DatabaseCopy.copy(from: app.db, to: postgres.db)
                #expect(counts.count == original.count)
                for count in counts { #expect(count.rows == original[count.table]?.count, "\(count.table)") }
                let onPostgres = try await Self.contents(of: postgres.db, catalogue: postgres.db)
                for (table, rows) in original { #expect(onPostgres[table] == rows, "table \(table) differs after the copy") }
                let sums = try await Self.checksums(of: app.db, catalogue: postgres.db)
                let sumsThere = try await Self.checksums(of: postgres.db, catalogue: postgres.db)
                for (table, values) in sums { #expect(sumsThere[table] == values, "sums of \(table)") }

                // the platform on PostgreSQL answers as it did: the same session, dossier and public tracking
                let dossierThere = object(try await postgres.send(.GET, "/api/v1/dossiers/\(online)", token: citizen))
                #expect(NSDictionary(dictionary: dossierThere) == NSDictionary(dictionary: dossierJSON))
                let trackingThere = object(try await postgres.send(.GET, "/api/v1/track/\(online)"))
                #expect(NSDictionary(dictionary: trackingThere) == NSDictionary(dictionary: trackingJSON))
                // and goes on working: the next action on the moved dossier
                let forwarded = try await DossierAPITests.act(postgres, online, "forward", token: try await postgres.token("minhxuan.lanhdaodonvi"),
                                                              ["assignee": "minhxuan.chuyenvien"])
                #expect(forwarded.status == .ok, "\(forwarded.body.string)")

                // a target with rows is refused and keeps what it has
                let before = try await Self.contents(of: postgres.db, catalogue: postgres.db)
                await #expect(throws: Problem.self) { try await DatabaseCopy.copy(from: app.db, to: postgres.db) }
                #expect(try await Self.contents(of: postgres.db, catalogue: postgres.db) == before)

                // PostgreSQL → a new SQLite file: equal to what PostgreSQL now holds
                try await withPlatform(url: sqliteCopy, seeded: false, clock: clock) { back in
                    _ = try await DatabaseCopy.copy(from: postgres.db, to: back.db)
                    #expect(try await Self.contents(of: back.db, catalogue: postgres.db) == before)
                    let sumsBack = try await Self.checksums(of: back.db, catalogue: postgres.db)
                    for (table, values) in try await Self.checksums(of: postgres.db, catalogue: postgres.db) {
                        #expect(sumsBack[table] == values, "sums of \(table) back on SQLite")
                    }
                    // SQLite to SQLite is not what this command is for (copy the file)
                    await #expect(throws: Problem.self) { try await DatabaseCopy.copy(from: app.db, to: back.db) }
                }
            }
        }
    }
}
