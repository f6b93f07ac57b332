import Fluent
import Indicators
import SQLKit

/// Creates `indicator_open_deadlines`: per unit, level and deadline bucket, how many open dossiers become late in
/// that bucket (see `DossierFactStore.deadlinesTable`). Listed before `CreateIndicatorTotals`, whose filling of the
/// totals for existing dossiers writes these rows too; `FillOpenDeadlines` (listed last) fills them for a database
/// whose totals already existed.
public struct CreateOpenDeadlines: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(DossierFactStore.deadlinesTable)
            .field("unit_code", .string, .required)
            .field("unit_path", .string, .required)
            .field("level", .string, .required)
            .field("bucket", .int64, .required)
            .field("open_late", .int64, .required)
            .unique(on: "unit_path", "level", "bucket")
            .create()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(DossierFactStore.deadlinesTable).delete()
    }
}

/// Fills `indicator_open_deadlines` from the stored facts of the open dossiers (replacing any rows already there,
/// so it gives the same rows on a database created after this change).
public struct FillOpenDeadlines: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        var counts: [DossierFactStore.DeadlineKey: Int] = [:]
        for row in try await sql.select().column("unit_code").column("unit_path").column("level").column("late_after")
            .from(DossierFactStore.factsTable).where("is_open", .equal, SQLBind(1)).where("late_after", .isNot, SQLLiteral.null).all() {
            let key = DossierFactStore.DeadlineKey(
                unitCode: try row.decode(column: "unit_code", as: String.self), unitPath: try row.decode(column: "unit_path", as: String.self),
                level: AdministrativeLevel(rawValue: try row.decode(column: "level", as: String.self)) ?? .province,
                bucket: DossierFactStore.bucket(ofSeconds: try row.decode(column: "late_after", as: Double.self)))
            counts[key, default: 0] += 1
        }
        try await sql.delete(from: DossierFactStore.deadlinesTable).run()
        try await DossierFactStore.addDeadlines(counts, on: sql)
    }

    public func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).delete(from: DossierFactStore.deadlinesTable).run()
    }
}
