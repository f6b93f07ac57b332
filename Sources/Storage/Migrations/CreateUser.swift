import Fluent

/// Creates accounts, role assignments and sign-in tokens.
public struct CreateUser: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(UserModel.schema)
            .id()
            .field("username", .string, .required)
            .field("password_hash", .string, .required)
            .field("kind", .string, .required)
            .field("full_name", .string, .required)
            .field("personal_id", .string)
            .field("email", .string)
            .field("phone", .string)
            .field("failed_sign_ins", .int, .required)
            .field("locked_until", .datetime)
            .field("disabled", .bool, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "username")
            .unique(on: "personal_id")
            .create()
        try await database.schema(RoleAssignmentModel.schema)
            .id()
            .field("user_id", .uuid, .required, .references(UserModel.schema, .id))
            .field("unit_id", .uuid, .required, .references(UnitModel.schema, .id))
            .field("role", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "user_id", "unit_id", "role")
            .create()
        try await database.schema(AuthTokenModel.schema)
            .id()
            .field("user_id", .uuid, .required, .references(UserModel.schema, .id))
            .field("token_hash", .string, .required)
            .field("kind", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("revoked_at", .datetime)
            .field("created_at", .datetime)
            .unique(on: "token_hash")
            .create()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(AuthTokenModel.schema).delete()
        try await database.schema(RoleAssignmentModel.schema).delete()
        try await database.schema(UserModel.schema).delete()
    }
}
