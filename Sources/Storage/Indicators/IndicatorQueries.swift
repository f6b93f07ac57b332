import Fluent
import Foundation
import Indicators
import SQLKit

/// Đọc số liệu chỉ số — the figures of any unit scope and period, from the running totals when the period contains
/// now (the dashboard: a few hundred rows summed), otherwise recomputed from the stored facts by the `Indicators`
/// module.
public enum IndicatorQueries {
    /// One unit's running totals (and documents) for a period, keyed by its path and level.
    public struct UnitTally: Sendable {
        public var unitCode: String
        public var unitPath: String
        public var level: AdministrativeLevel
        public var tally: FigureTally
    }

    /// Document counts of one agency in a period (văn bản đi, ký số; văn bản đi và đến, hoàn toàn điện tử).
    public struct DocumentTally: Sendable {
        public var outgoing = 0, outgoingSigned = 0, all = 0, fullyElectronic = 0

        static func + (lhs: DocumentTally, rhs: DocumentTally) -> DocumentTally {
            DocumentTally(outgoing: lhs.outgoing + rhs.outgoing, outgoingSigned: lhs.outgoingSigned + rhs.outgoingSigned,
                          all: lhs.all + rhs.all, fullyElectronic: lhs.fullyElectronic + rhs.fullyElectronic)
        }

        var rates: (digitallySigned: Ratio, electronicExchange: Ratio) {
            (Ratio(outgoingSigned, outgoing), Ratio(fullyElectronic, all))
        }
    }

    /// Whether the running totals can answer for `period` at `now`: a month, quarter or year that contains now.
    public static func totalsAnswer(_ period: Period, now: Date) -> Bool {
        if case .days = period { return false }
        return period.contains(now)
    }

    static func monthKey(_ day: Period.Day) -> Int { day.year * 100 + day.month }

    /// `SUM` of every count column as a 64-bit integer (PostgreSQL sums bigints as numeric).
    static var sumColumns: [any SQLExpression] {
        FigureCounts.columns.map { SQLQueryString("CAST(SUM(\(ident: $0.name)) AS BIGINT) AS \(ident: $0.name)") }
    }

    /// Every unit's running totals for `period` (which must contain `now`): five small grouped queries. Earlier years are
    /// read from their year rows, the period's year from its year row or months.
    public static func tallies(period: Period, now: Date, on db: any Database) async throws -> [UnitTally] {
        precondition(totalsAnswer(period, now: now), "running totals answer for a month, quarter or year containing now")
        let sql = db as! any SQLDatabase
        let table = DossierFactStore.totalsTable
        var byUnit: [String: UnitTally] = [:]
        func key(_ row: any SQLRow) throws -> (String, String, AdministrativeLevel) {
            let path = try row.decode(column: "unit_path", as: String.self)
            let level = AdministrativeLevel(rawValue: try row.decode(column: "level", as: String.self)) ?? .province
            return (path + "|" + level.rawValue, path, level)
        }
        func update(_ row: any SQLRow, code: String? = nil, _ change: (inout FigureTally) throws -> Void) throws {
            let (id, path, level) = try key(row)
            var unit = byUnit[id] ?? UnitTally(unitCode: code ?? "", unitPath: path, level: level, tally: FigureTally())
            try change(&unit.tally)
            byUnit[id] = unit
        }
        let sums = sumColumns
        // the period's rows: the year's own row for a year, else its months (`month` below year × 100 + 13, so no
        // year row comes in)
        let year = period.firstDay.year * 100
        let inPeriod = try await {
            let query = sql.select().column("unit_code").column("unit_path").column("level").columns(sums).from(table)
            if case .year = period { return query.where("month", .equal, SQLBind(year)) }
            return query.where("month", .greaterThanOrEqual, SQLBind(monthKey(period.firstDay)))
                .where("month", .lessThanOrEqual, SQLBind(monthKey(Period.Day(daysSinceEpoch: period.dayAfter.daysSinceEpoch - 1))))
        }().groupBy("unit_code").groupBy("unit_path").groupBy("level").all()
        for row in inPeriod {
            try update(row, code: try row.decode(column: "unit_code", as: String.self)) { tally in
                for column in FigureCounts.columns {
                    tally.inPeriod[keyPath: column.keyPath] = try row.decode(column: column.name, as: Int.self)
                }
            }
        }
        let before = try await sql.raw("""
            SELECT unit_code, unit_path, level,
                   CAST(SUM(received_desk + received_online + received_postal) AS BIGINT) AS received,
                   CAST(SUM(resolved_early + resolved_on_time + resolved_late + closed_without_result) AS BIGINT) AS ended
            FROM \(ident: table)
            WHERE month < \(bind: monthKey(period.firstDay)) AND month <> \(bind: year) AND (month > \(bind: year) OR month % 100 = 0)
            GROUP BY unit_code, unit_path, level
            """).all()
        for row in before {
            try update(row, code: try row.decode(column: "unit_code", as: String.self)) { tally in
                tally.receivedBefore = try row.decode(column: "received", as: Int.self)
                tally.endedBefore = try row.decode(column: "ended", as: Int.self)
            }
        }
        let instant = now.timeIntervalSince1970
        let facts = DossierFactStore.factsTable
        // the open dossiers late now: the deadline rows of the buckets before now's, and in now's bucket the facts
        // whose `late_after` has passed (a few days' worth, from the index on `late_after`)
        let bucket = DossierFactStore.bucket(ofSeconds: instant)
        let passed = try await sql.raw("""
            SELECT unit_path, level, CAST(SUM(open_late) AS BIGINT) AS n FROM \(ident: DossierFactStore.deadlinesTable)
            WHERE bucket < \(bind: bucket) GROUP BY unit_path, level
            """).all()
        let lateInBucket = try await sql.raw("""
            SELECT unit_path, level, COUNT(*) AS n FROM \(ident: facts)
            WHERE is_open = 1 AND late_after >= \(bind: Double(bucket) * DossierFactStore.bucketSeconds) AND late_after < \(bind: instant)
            GROUP BY unit_path, level
            """).all()
        for row in passed + lateInBucket {
            try update(row) { tally in
                let n = try row.decode(column: "n", as: Int.self)
                tally.openOverdue += n
                tally.openUnsatisfactory += n
            }
        }
        // complained about or rated dissatisfied, and not late now (few: the index on is_open, concern, late_after)
        let unsatisfied = try await sql.raw("""
            SELECT unit_path, level, COUNT(*) AS n FROM \(ident: facts)
            WHERE is_open = 1 AND concern = 1 AND (late_after IS NULL OR late_after >= \(bind: instant))
            GROUP BY unit_path, level
            """).all()
        for row in unsatisfied {
            try update(row) { tally in tally.openUnsatisfactory += try row.decode(column: "n", as: Int.self) }
        }
        return byUnit.values.sorted { ($0.unitPath, $0.level.rawValue) < ($1.unitPath, $1.level.rawValue) }
    }

    /// Document counts per agency path for documents dated in `[start, end)` (issued outgoing; registered incoming).
    public static func documentTallies(from start: Date, to end: Date, on db: any Database) async throws -> [String: DocumentTally] {
        let sql = db as! any SQLDatabase
        let rows = try await sql.raw("""
            SELECT agency_path, direction,
                   COUNT(*) AS n,
                   SUM(CASE WHEN personal_signature IS NOT NULL THEN 1 ELSE 0 END) AS signed,
                   SUM(CASE WHEN source_identity IS NOT NULL THEN 1 ELSE 0 END) AS exchanged
            FROM documents
            WHERE (direction = 'outgoing' AND issued_at >= \(bind: start) AND issued_at < \(bind: end))
               OR (direction = 'incoming' AND received_at >= \(bind: start) AND received_at < \(bind: end))
            GROUP BY agency_path, direction
            """).all()
        var tallies: [String: DocumentTally] = [:]
        for row in rows {
            let path = try row.decode(column: "agency_path", as: String.self)
            let n = try row.decode(column: "n", as: Int.self)
            var add = DocumentTally(all: n)
            if try row.decode(column: "direction", as: String.self) == "outgoing" {
                let signed = try row.decode(column: "signed", as: Int.self)
                add.outgoing = n
                add.outgoingSigned = signed
                add.fullyElectronic = signed   // an outgoing original signed in cqs is sent electronically
            } else {
                add.fullyElectronic = try row.decode(column: "exchanged", as: Int.self)
            }
            tallies[path] = (tallies[path] ?? DocumentTally()) + add
        }
        return tallies
    }
}

extension IndicatorQueries {
    /// The running totals of `scope` month by month of `year` (months with nothing are absent).
    public static func monthly(year: Int, scope: UnitScope, on db: any Database) async throws -> [Int: FigureCounts] {
        let sums = sumColumns
        let query = (db as! any SQLDatabase).select().column("month").columns(sums).from(DossierFactStore.totalsTable)
            .where("month", .greaterThan, SQLBind(year * 100)).where("month", .lessThan, SQLBind(year * 100 + 13))
        filter(query, scope)
        var months: [Int: FigureCounts] = [:]
        for row in try await query.groupBy("month").all() {
            var counts = FigureCounts()
            for column in FigureCounts.columns { counts[keyPath: column.keyPath] = try row.decode(column: column.name, as: Int.self) }
            months[try row.decode(column: "month", as: Int.self) % 100] = counts
        }
        return months
    }

    /// Which dossiers a figure counts, for the drill-down from the dashboard.
    public enum DossierList: String, Sendable, CaseIterable {
        /// Đang giải quyết quá hạn — open now and late now.
        case overdue = "qua-han"
        /// Đang giải quyết — open now.
        case open = "dang-giai-quyet"
        /// Tiếp nhận trong kỳ — received in the period.
        case received = "tiep-nhan"
        /// Đã giải quyết trong kỳ — reached a result in the period.
        case resolved = "da-giai-quyet"
    }

    /// The codes of the dossiers of `list` in `scope` (latest deadline problems first for overdue), one page, and
    /// how many there are in all.
    public static func dossiers(_ list: DossierList, scope: UnitScope, period: Period, now: Date, limit: Int, offset: Int,
                                on db: any Database) async throws -> (codes: [String], total: Int) {
        let sql = db as! any SQLDatabase
        func build(_ query: SQLSelectBuilder) -> SQLSelectBuilder {
            query.from(DossierFactStore.factsTable)
            filter(query, scope)
            let (start, end) = (period.start.timeIntervalSince1970, min(now, period.end).timeIntervalSince1970)
            switch list {
            case .overdue: query.where("is_open", .equal, SQLBind(1)).where("late_after", .lessThan, SQLBind(now.timeIntervalSince1970))
            case .open: query.where("is_open", .equal, SQLBind(1))
            case .received: query.where("received_at", .greaterThanOrEqual, SQLBind(start)).where("received_at", .lessThan, SQLBind(end))
            case .resolved:
                query.where(SQLFunction("COALESCE", args: SQLColumn("resolved_at"), SQLColumn("returned_at")), .greaterThanOrEqual, SQLBind(start))
                    .where(SQLFunction("COALESCE", args: SQLColumn("resolved_at"), SQLColumn("returned_at")), .lessThan, SQLBind(end))
            }
            return query
        }
        let total = try await build(sql.select().column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("n"))))
            .first()?.decode(column: "n", as: Int.self) ?? 0
        let order = list == .overdue ? "late_after" : list == .open ? "received_at" : "dossier_code"
        let codes = try await build(sql.select().column("dossier_code")).orderBy(order).orderBy("dossier_code")
            .limit(limit).offset(offset).all().map { try $0.decode(column: "dossier_code", as: String.self) }
        return (codes, total)
    }

    /// Restricts a query on either indicator table to `scope`'s units and level.
    static func filter(_ query: SQLSelectBuilder, _ scope: UnitScope) {
        if scope.includeSubUnits {
            query.where("unit_path", .like, SQLBind(scope.unitPath + "%"))
        } else {
            query.where("unit_path", .equal, SQLBind(scope.unitPath))
        }
        if let level = scope.level { query.where("level", .equal, SQLBind(level.rawValue)) }
    }
}

extension IndicatorQueries {
    /// The figures of several scopes for the same period — the dashboard's table of units: for a period that
    /// contains now, one set of grouped queries for all of them; otherwise one load of the stored facts.
    public static func figures(of scopes: [UnitScope], period: Period, now: Date, on db: any Database) async throws -> [Figures] {
        let evaluatedAt = min(now, period.end)
        let documents = try await documentTallies(from: period.start, to: evaluatedAt, on: db)
        let agencies = documents.map { (path: $0.key, level: DossierFactStore.level(ofUnitPath: $0.key), tally: $0.value) }
        func documentRates(_ scope: UnitScope) -> (digitallySigned: Ratio, electronicExchange: Ratio) {
            var sum = DocumentTally()
            for agency in agencies where scope.contains(path: agency.path, level: agency.level) { sum = sum + agency.tally }
            return sum.rates
        }
        if totalsAnswer(period, now: now) {
            let tallies = try await tallies(period: period, now: now, on: db)
            return scopes.map { scope in
                var sum = FigureTally()
                for unit in tallies where scope.contains(path: unit.unitPath, level: unit.level) { sum = sum + unit.tally }
                return sum.figures(scope: scope, period: period, now: now, documents: documentRates(scope))
            }
        }
        let facts = try await DossierFactStore.facts(receivedBefore: evaluatedAt, notEndedBefore: period.start, on: db)
        return scopes.map { scope in
            Figures.compute(facts: facts, scope: scope, period: period, now: now).replacingDocumentRates(documentRates(scope))
        }
    }

    /// The figures of one scope (`figures(of:)` for one).
    public static func figures(scope: UnitScope, period: Period, now: Date, on db: any Database) async throws -> Figures {
        try await figures(of: [scope], period: period, now: now, on: db)[0]
    }
}
