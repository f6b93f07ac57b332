import Fluent
import Foundation
import Indicators
import SQLKit

/// Creates the indicator tables — one fact row per dossier (`dossier_facts`) and running totals per unit, level
/// and month (`indicator_totals`) — and fills them for the dossiers that already exist.
public struct CreateIndicatorTotals: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        let times = ["submitted_at", "received_at", "appointment", "resolved_at", "returned_at", "closed_at",
                     "pending_since", "ended_at", "late_after"]
        let flags = ["full_online_eligible", "full_online", "paid_online", "requires_result", "components_digitized",
                     "result_digitized", "reused_data", "citizen_data_store", "population_data", "synced", "has_complaint",
                     "is_open", "concern"]
        var facts = database.schema(DossierFactStore.factsTable)
            .field("dossier_code", .string, .required)
            .field("unit_code", .string, .required)
            .field("unit_path", .string, .required)
            .field("level", .string, .required)
            .field("procedure_code", .string, .required)
            .field("channel", .string, .required)
            .field("status", .string, .required)
            .field("supplement_requests", .int64, .required)
            .field("supplement_pause", .double, .required)
            .field("fee_due", .int64, .required)
            .field("rating", .string)
            .unique(on: "dossier_code")
        for time in times { facts = facts.field(FieldKey(stringLiteral: time), .double) }   // seconds since 1970, for SQL arithmetic
        for flag in flags { facts = facts.field(FieldKey(stringLiteral: flag), .int64, .required) }
        try await facts.create()

        var totals = database.schema(DossierFactStore.totalsTable)
            .field("unit_code", .string, .required)
            .field("unit_path", .string, .required)
            .field("level", .string, .required)
            .field("month", .int64, .required)
            .unique(on: "unit_path", "level", "month")
        for column in FigureCounts.columns { totals = totals.field(FieldKey(stringLiteral: column.name), .int64, .required) }
        try await totals.create()

        let sql = database as! any SQLDatabase
        // the dashboard's open dossiers that are late now, and those complained about or rated dissatisfied: both
        // covering (answered from the index alone); the general path's dossiers received before an instant
        try await sql.create(index: "dossier_facts_open_late").on(DossierFactStore.factsTable)
            .column("is_open").column("late_after").column("unit_path").column("level").run()
        try await sql.create(index: "dossier_facts_open_concern").on(DossierFactStore.factsTable)
            .column("is_open").column("concern").column("late_after").column("unit_path").column("level").run()
        try await sql.create(index: "dossier_facts_received").on(DossierFactStore.factsTable).column("received_at").run()
        try await DossierFactStore.rebuildAll(now: Date(), on: database)
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(DossierFactStore.totalsTable).delete()
        try await database.schema(DossierFactStore.factsTable).delete()
    }
}
