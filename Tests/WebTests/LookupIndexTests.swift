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

    @Test(arguments: Engine.all)
    func every_lookup_index_exists_and_sqlite_searches_with_it(engine: Engine) async throws {
        try await withPlatform(engine, seeded: false) { app in
            let sql = app.db as! any SQLDatabase
            let names: Set<String> = switch engine {
            case .sqlite: Set(try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'index'").all(decoding: Name.self).map(\.name))
            case .postgres: Set(try await sql.raw("SELECT indexname AS name FROM pg_indexes").all(decoding: Name.self).map(\.name))
            }
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
}
