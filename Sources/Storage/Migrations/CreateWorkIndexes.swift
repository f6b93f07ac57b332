import Fluent
import SQLKit

/// Indexes for the work lists: the desk's queue (status, then submission order), a dossier's history, an
/// agency's documents. The same statements on SQLite and PostgreSQL. (An index on the open steps by role and
/// deadline made SQLite choose a slower plan for "my work": measured, left out.)
public struct CreateWorkIndexes: AsyncMigration {
    public init() {}

    static let indexes: [(name: String, table: String, columns: [String])] = [
        ("dossiers_status_submitted", "dossiers", ["status", "submitted_at"]),
        ("dossier_events_dossier", "dossier_events", ["dossier_id", "at"]),
        ("documents_agency_direction", "documents", ["agency_code", "direction", "created_at"]),
    ]

    public func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for index in Self.indexes {
            var builder = sql.create(index: index.name).on(index.table)
            for column in index.columns { builder = builder.column(column) }
            try await builder.run()
        }
    }

    public func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for index in Self.indexes { try await sql.drop(index: index.name).run() }
    }
}
