import Fluent
import SQLKit

/// Drops the indexes another index already covers: `dossier_events_dossier_idx` (`dossier_id`) is the first column
/// of `dossier_events_dossier` (`dossier_id`, `at`), which answers the same look-ups, so each history row written
/// updated one B-tree more than it needed to (found listing the indexes of the year database).
public struct DropRedundantIndexes: AsyncMigration {
    public init() {}

    static let dropped: [Indexes.Definition] = [
        ("dossier_events_dossier_idx", "dossier_events", ["dossier_id"]),
    ]

    public func prepare(on database: any Database) async throws {
        try await Indexes.drop(Self.dropped, on: database)
    }

    public func revert(on database: any Database) async throws {
        try await Indexes.create(Self.dropped, on: database)
    }
}
