import Fluent

/// Indexes for the work lists: the desk's queue (status, then submission order), a dossier's history, an
/// agency's documents. The same statements on SQLite and PostgreSQL. (An index on the open steps by role and
/// deadline made SQLite choose a slower plan for "my work": measured, left out.)
public struct CreateWorkIndexes: AsyncMigration {
    public init() {}

    static let indexes: [Indexes.Definition] = [
        ("dossiers_status_submitted", "dossiers", ["status", "submitted_at"]),
        ("dossier_events_dossier", "dossier_events", ["dossier_id", "at"]),
        ("documents_agency_direction", "documents", ["agency_code", "direction", "created_at"]),
    ]

    public func prepare(on database: any Database) async throws {
        try await Indexes.create(Self.indexes, on: database)
    }

    public func revert(on database: any Database) async throws {
        try await Indexes.drop(Self.indexes, on: database)
    }
}
