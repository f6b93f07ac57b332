import Fluent

/// Creates the yearly calendar notices.
public struct CreateCalendarNotice: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(CalendarNoticeModel.schema)
            .id()
            .field("year", .int, .required)
            .field("document", .string, .required)
            .field("updated_at", .datetime)
            .unique(on: "year")
            .create()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(CalendarNoticeModel.schema).delete()
    }
}
