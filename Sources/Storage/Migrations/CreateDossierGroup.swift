import Fluent

/// Creates linked-group submissions and links child dossiers to them.
public struct CreateDossierGroup: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(DossierGroupModel.schema)
            .id()
            .field("code", .string, .required)
            .field("group_code", .string, .required)
            .field("name", .string, .required)
            .field("applicant_user_id", .uuid)
            .field("created_by", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "code")
            .create()
        try await database.schema(DossierModel.schema).field("parent_code", .string).update()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(DossierModel.schema).deleteField("parent_code").update()
        try await database.schema(DossierGroupModel.schema).delete()
    }
}
