import Fluent
import Foundation

/// Đợt báo cáo định kỳ — one report campaign: the fields every unit fills in (a JSON list of `ReportService.Field`),
/// the period the report is about (kỳ báo cáo), the due date-time (hạn nộp), who created it and when.
public final class ReportCampaignModel: Model, @unchecked Sendable {
    public static let schema = "report_campaigns"

    // managed fields
    @ID(key: .id) public var id: UUID?

    // data fields
    /// Tên đợt báo cáo, e.g. "Báo cáo chuyển đổi số quý I/2026".
    @Field(key: "title") public var title: String
    /// Hướng dẫn — what the units should report (may be empty).
    @Field(key: "instructions") public var instructions: String
    /// Kỳ báo cáo as the indicator queries read it: "2026", "2026-Q1", "2026-03" or "2026-03-01..2026-03-31".
    @Field(key: "period") public var period: String
    /// Hạn nộp — a submission after this instant is late (nộp muộn).
    @Field(key: "due_at") public var dueAt: Date
    /// Các trường của biểu mẫu — JSON array of `ReportService.Field`.
    @Field(key: "fields") public var fields: String
    /// The province administrator who created the campaign.
    @Field(key: "created_by") public var createdBy: String
    /// When it was created (the platform's clock).
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(id: UUID? = nil, title: String, instructions: String, period: String, dueAt: Date, fields: String,
                createdBy: String, createdAt: Date) {
        self.id = id
        self.title = title
        self.instructions = instructions
        self.period = period
        self.dueAt = dueAt
        self.fields = fields
        self.createdBy = createdBy
        self.createdAt = createdAt
    }
}

/// Đơn vị phải báo cáo — one unit that must answer a campaign (one row per campaign and unit).
public final class ReportCampaignUnitModel: Model, @unchecked Sendable {
    public static let schema = "report_campaign_units"

    // managed fields
    @ID(key: .id) public var id: UUID?

    // data fields
    @Field(key: "unit_code") public var unitCode: String
    /// The unit's materialised path, for the scope filter of the campaign list.
    @Field(key: "unit_path") public var unitPath: String

    // relationships
    @Parent(key: "campaign_id") public var campaign: ReportCampaignModel

    public init() {}

    public init(campaignID: UUID, unitCode: String, unitPath: String) {
        self.$campaign.id = campaignID
        self.unitCode = unitCode
        self.unitPath = unitPath
    }
}

/// Báo cáo của đơn vị — a unit's answer to a campaign (one per campaign and unit; resubmitting replaces it until the
/// due date). Numbers and texts are in `values`, files by SHA-256 in `files`.
public final class ReportSubmissionModel: Model, @unchecked Sendable {
    public static let schema = "report_submissions"

    // managed fields
    @ID(key: .id) public var id: UUID?

    // data fields
    @Field(key: "unit_code") public var unitCode: String
    /// JSON object: field key → number or text (`ReportService.Value`).
    @Field(key: "answers") public var values: String
    /// JSON object: field key → SHA-256 of a file the submitter uploaded.
    @Field(key: "attachments") public var files: String
    /// When it was last submitted, and by whom.
    @Field(key: "submitted_at") public var submittedAt: Date
    @Field(key: "submitted_by") public var submittedBy: String
    /// Nộp muộn — submitted after the due date.
    @Field(key: "late") public var late: Bool
    /// How many times the unit submitted (1 for the first submission).
    @Field(key: "version") public var version: Int

    // relationships
    @Parent(key: "campaign_id") public var campaign: ReportCampaignModel

    public init() {}

    public init(campaignID: UUID, unitCode: String, values: String, files: String, submittedAt: Date, submittedBy: String,
                late: Bool, version: Int) {
        self.$campaign.id = campaignID
        self.unitCode = unitCode
        self.values = values
        self.files = files
        self.submittedAt = submittedAt
        self.submittedBy = submittedBy
        self.late = late
        self.version = version
    }
}

// Listed properties (see ModelProperties.swift): `ModelPropertiesTests` checks them against reflection.

extension ReportCampaignModel {
    /// The model's Fluent properties, listed (not reflected).
    public var properties: [any AnyProperty] {
        [$id, $title, $instructions, $period, $dueAt, $fields, $createdBy, $createdAt]
    }
}

extension ReportCampaignUnitModel {
    /// The model's Fluent properties, listed (not reflected).
    public var properties: [any AnyProperty] {
        [$id, $unitCode, $unitPath, $campaign]
    }
}

extension ReportSubmissionModel {
    /// The model's Fluent properties, listed (not reflected).
    public var properties: [any AnyProperty] {
        [$id, $unitCode, $values, $files, $submittedAt, $submittedBy, $late, $version, $campaign]
    }
}
