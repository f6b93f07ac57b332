import Fluent

/// Creates procedures, their versions and the linked groups.
public struct CreateCatalog: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(ProcedureModel.schema)
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("field", .string, .required)
            .field("level", .string, .required)
            .field("agency", .string, .required)
            .field("status", .string, .required)
            .field("current_version", .int, .required)
            .field("search_text", .string, .required)
            .field("draft_document", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "code")
            .create()
        try await database.schema(ProcedureVersionModel.schema)
            .id()
            .field("procedure_id", .uuid, .required, .references(ProcedureModel.schema, .id))
            .field("version", .int, .required)
            .field("document", .string, .required)
            .field("published_at", .datetime, .required)
            .field("published_by", .string, .required)
            .unique(on: "procedure_id", "version")
            .create()
        try await database.schema(ProcedureGroupModel.schema)
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("document", .string, .required)
            .unique(on: "code")
            .create()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(ProcedureGroupModel.schema).delete()
        try await database.schema(ProcedureVersionModel.schema).delete()
        try await database.schema(ProcedureModel.schema).delete()
    }
}
