import Fluent
import SQLKit

/// Indexes the open dossiers' facts by unit, level, `late_after` and `concern`, so that the dashboard counts each
/// unit's open dossiers that are late now, and those of concern, in one read of the index in its order (covering:
/// no table row is read, and no sort of the late ones by unit).
public struct CreateOpenFactsByUnitIndex: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await (database as! any SQLDatabase).create(index: "dossier_facts_open_unit").on(DossierFactStore.factsTable)
            .column("is_open").column("unit_path").column("level").column("late_after").column("concern").run()
    }

    public func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).drop(index: "dossier_facts_open_unit").run()
    }
}
