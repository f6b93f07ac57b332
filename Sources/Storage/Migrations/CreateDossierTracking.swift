import Fluent

/// Creates the public tracking documents (one per dossier, see `PublicTracking`) and fills them for the dossiers
/// that already exist.
public struct CreateDossierTracking: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(PublicTracking.table)
            .field("code", .string, .required)
            .field("document", .string, .required)
            .unique(on: "code")
            .create()
        var offset = 0
        while true {
            let dossiers = try await DossierModel.query(on: database).sort(\.$code).range(offset..<(offset + 500)).all()
            for dossier in dossiers { try await PublicTracking.rebuild(dossier, on: database) }
            guard dossiers.count == 500 else { break }
            offset += 500
        }
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(PublicTracking.table).delete()
    }
}
