import Fluent

/// Creates the directory of other agencies' exchange endpoints and the outbox of edXML packages.
public struct CreateDocumentExchange: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(ExchangeEndpointModel.schema)
            .id()
            .field("agency_id", .string, .required)
            .field("name", .string, .required)
            .field("url", .string, .required)
            .field("ca_certificate", .string, .required)
            .unique(on: "agency_id")
            .create()
        try await database.schema(ExchangeMessageModel.schema)
            .id()
            .field("target_agency_id", .string, .required)
            .field("url", .string, .required)
            .field("kind", .string, .required)
            .field("payload", .string, .required)
            .field("signature", .string, .required)
            .field("document_id", .uuid)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("last_error", .string)
            .field("created_at", .datetime, .required)
            .field("sent_at", .datetime)
            .create()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(ExchangeMessageModel.schema).delete()
        try await database.schema(ExchangeEndpointModel.schema).delete()
    }
}
