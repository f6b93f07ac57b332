import Fluent

/// Creates the yearly digital-transformation evaluation (DTI): the framework of each year, the rounds, the units'
/// answers with evidence, the reviewers' corrections and the published rankings (see `DTIService`).
public struct CreateDTIRounds: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(DTIService.frameworks)
            .field("year", .int64, .required).field("document", .string, .required)
            .field("updated_by", .string, .required).field("updated_at", .datetime, .required)
            .unique(on: "year").create()
        try await database.schema(DTIService.rounds)
            .field("year", .int64, .required).field("status", .string, .required)
            .field("opened_by", .string, .required).field("opened_at", .datetime, .required)
            .field("published_by", .string).field("published_at", .datetime)
            .unique(on: "year").create()
        try await database.schema(DTIService.answers)
            .field("year", .int64, .required).field("unit_code", .string, .required).field("indicator", .string, .required)
            .field("kind", .string, .required).field("numerator", .int64, .required).field("denominator", .int64, .required)
            .field("evidence", .string, .required).field("answered_by", .string, .required).field("answered_at", .datetime, .required)
            .unique(on: "year", "unit_code", "indicator").create()
        try await database.schema(DTIService.corrections)
            .field("year", .int64, .required).field("unit_code", .string, .required).field("indicator", .string, .required)
            .field("numerator", .int64, .required).field("denominator", .int64, .required)
            .field("comment", .string, .required).field("reviewer", .string, .required).field("at", .datetime, .required)
            .unique(on: "year", "unit_code", "indicator").create()
        try await database.schema(DTIService.rankings)
            .field("year", .int64, .required).field("unit_group", .string, .required).field("rank", .int64, .required)
            .field("unit_code", .string, .required).field("numerator", .int64, .required).field("denominator", .int64, .required)
            .field("published_at", .datetime, .required)
            .unique(on: "year", "unit_code").create()
    }

    public func revert(on database: any Database) async throws {
        for table in [DTIService.rankings, DTIService.corrections, DTIService.answers, DTIService.rounds, DTIService.frameworks] {
            try await database.schema(table).delete()
        }
    }
}
