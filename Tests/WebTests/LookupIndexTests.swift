import Fluent
import Foundation
import SQLKit
@testable import Storage
import Testing
import Vapor

/// The look-ups by parent row use an index on both engines (without one, the year run of `cqs bench documents`
/// slowed as its tables grew).
@Suite struct LookupIndexTests {
    struct Name: Decodable { var name: String }
    struct Plan: Decodable { var detail: String }

    /// The names of the database's indexes, from the engine's own catalogue.
    static func indexNames(_ engine: Engine, _ sql: any SQLDatabase) async throws -> Set<String> {
        let query: SQLQueryString = switch engine {
        case .sqlite: "SELECT name FROM sqlite_master WHERE type = 'index'"
        case .postgres: "SELECT indexname AS name FROM pg_indexes"
        }
        return Set(try await sql.raw(query).all(decoding: Name.self).map(\.name))
    }

    @Test(arguments: Engine.all)
    func every_lookup_index_exists_and_sqlite_searches_with_it(engine: Engine) async throws {
        try await withPlatform(engine, seeded: false) { app in
            let sql = app.db as! any SQLDatabase
            let names = try await Self.indexNames(engine, sql)
            for index in AddLookupIndexes.indexes { #expect(names.contains(index.name), "missing \(index.name)") }
            guard engine == .sqlite else { return }
            for index in AddLookupIndexes.indexes {
                let plan = try await sql.raw("EXPLAIN QUERY PLAN SELECT * FROM \(ident: index.table) WHERE \(ident: index.columns[0]) = 'x'")
                    .all(decoding: Plan.self).map(\.detail).joined(separator: " ")
                #expect(plan.contains("USING INDEX \(index.name)") || plan.contains("USING COVERING INDEX \(index.name)"),
                        "\(index.table).\(index.columns[0]): \(plan)")
            }
        }
    }

    /// A dossier's history is read through `dossier_events_dossier` (dossier, time); the single-column index it
    /// covers is gone, so a history row updates one index fewer.
    @Test(arguments: Engine.all)
    func the_covered_history_index_is_dropped_and_history_still_uses_an_index(engine: Engine) async throws {
        try await withPlatform(engine, seeded: false) { app in
            let sql = app.db as! any SQLDatabase
            let names = try await Self.indexNames(engine, sql)
            for index in DropRedundantIndexes.dropped { #expect(!names.contains(index.name), "still there: \(index.name)") }
            #expect(names.contains("dossier_events_dossier"))
            guard engine == .sqlite else { return }
            let plan = try await sql.raw("EXPLAIN QUERY PLAN SELECT * FROM dossier_events WHERE dossier_id = 'x' ORDER BY at")
                .all(decoding: Plan.self).map(\.detail).joined(separator: " ")
            #expect(plan.contains("USING INDEX dossier_events_dossier "), "\(plan)")
            #expect(!plan.contains("TEMP B-TREE"), "\(plan)")
        }
    }
}
