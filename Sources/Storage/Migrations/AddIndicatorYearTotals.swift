import Fluent
import Indicators
import SQLKit

/// Adds the year rows of `indicator_totals` (`month` = year × 100: the sums of the year's months) to a database
/// whose totals were kept by month only, so that a year's dashboard reads one row per unit instead of twelve.
/// Indexes the table by month. Computed from the month rows in SQL; any year rows already there (a database created after this change) are
/// replaced by the same sums.
public struct AddIndicatorYearTotals: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        let table = DossierFactStore.totalsTable
        let columns = FigureCounts.columns.map(\.name)
        try await sql.raw("DELETE FROM \(ident: table) WHERE month % 100 = 0").run()
        let names = (["unit_code", "unit_path", "level", "month"] + columns).map { SQLIdentifier($0) as any SQLExpression }
        let sums = columns.map { SQLQueryString("CAST(SUM(\(ident: $0)) AS BIGINT)") as any SQLExpression }
        try await sql.raw("""
            INSERT INTO \(ident: table) (\(SQLList(names)))
            SELECT unit_code, unit_path, level, (month / 100) * 100, \(SQLList(sums))
            FROM \(ident: table) WHERE month % 100 <> 0 GROUP BY unit_code, unit_path, level, month / 100
            """).run()
        // the dashboard reads a year's rows (or a range of months) across every unit
        try await sql.create(index: "indicator_totals_month").on(table).column("month").run()
    }

    public func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).drop(index: "indicator_totals_month").run()
        try await (database as! any SQLDatabase).raw("DELETE FROM \(ident: DossierFactStore.totalsTable) WHERE month % 100 = 0").run()
    }
}
