import Fluent
import SQLKit

/// Creates the unit tree and the successor links.
public struct CreateUnit: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(UnitModel.schema)
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("structure", .string, .required)
            .field("path", .string, .required)
            .field("agency_code", .string)
            .field("latitude", .double)
            .field("longitude", .double)
            .field("valid_from", .string, .required)
            .field("valid_until", .string)
            .field("parent_id", .uuid, .references(UnitModel.schema, .id))
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "code")
            .create()
        try await database.schema(UnitSuccessorModel.schema)
            .id()
            .field("predecessor_id", .uuid, .required, .references(UnitModel.schema, .id))
            .field("successor_id", .uuid, .required, .references(UnitModel.schema, .id))
            .field("is_default", .bool, .required)
            .field("kind", .string, .required)
            .unique(on: "predecessor_id", "successor_id")
            .create()
        // Scope filters are prefix tests on the path ("/08/STP/%").
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "units_path_idx").on(UnitModel.schema).column("path").run()
            try await sql.create(index: "units_parent_idx").on(UnitModel.schema).column("parent_id").run()
        }
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(UnitSuccessorModel.schema).delete()
        try await database.schema(UnitModel.schema).delete()
    }
}
