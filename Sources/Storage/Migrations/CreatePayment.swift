import Fluent

/// Creates online payments.
public struct CreatePayment: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(PaymentModel.schema)
            .id()
            .field("dossier_code", .string, .required)
            .field("amount_vnd", .int, .required)
            .field("gateway", .string, .required)
            .field("status", .string, .required)
            .field("transaction_id", .string)
            .field("paid_at", .datetime)
            .field("created_at", .datetime)
            .unique(on: "transaction_id")
            .create()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(PaymentModel.schema).delete()
    }
}
