import Fluent

/// Creates the audit log.
public struct CreateAuditEvent: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(AuditEventModel.schema)
            .id()
            .field("at", .datetime, .required)
            .field("actor", .string, .required)
            .field("action", .string, .required)
            .field("subject", .string, .required)
            .field("reason", .string)
            .create()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(AuditEventModel.schema).delete()
    }
}
