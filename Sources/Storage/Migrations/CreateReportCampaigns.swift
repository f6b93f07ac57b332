import Fluent

/// Creates the periodic report campaigns (báo cáo định kỳ): the campaigns, the units that must answer each one and
/// the units' submissions (one per campaign and unit).
public struct CreateReportCampaigns: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(ReportCampaignModel.schema)
            .id()
            .field("title", .string, .required)
            .field("instructions", .string, .required)
            .field("period", .string, .required)
            .field("due_at", .datetime, .required)
            .field("fields", .string, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(ReportCampaignUnitModel.schema)
            .id()
            .field("campaign_id", .uuid, .required, .references(ReportCampaignModel.schema, "id"))
            .field("unit_code", .string, .required)
            .field("unit_path", .string, .required)
            .unique(on: "campaign_id", "unit_code")
            .create()
        try await database.schema(ReportSubmissionModel.schema)
            .id()
            .field("campaign_id", .uuid, .required, .references(ReportCampaignModel.schema, "id"))
            .field("unit_code", .string, .required)
            .field("answers", .string, .required)
            .field("attachments", .string, .required)
            .field("submitted_at", .datetime, .required)
            .field("submitted_by", .string, .required)
            .field("late", .bool, .required)
            .field("version", .int, .required)
            .unique(on: "campaign_id", "unit_code")
            .create()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(ReportSubmissionModel.schema).delete()
        try await database.schema(ReportCampaignUnitModel.schema).delete()
        try await database.schema(ReportCampaignModel.schema).delete()
    }
}
