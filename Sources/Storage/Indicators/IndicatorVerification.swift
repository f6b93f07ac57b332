import Catalog
import Fluent
import Foundation
import Indicators
import SQLKit

/// Đối soát số liệu — recomputes the indicators from the raw tables (dossiers, their files and history, the catalog)
/// and compares with what the dashboard serves: the stored facts, the running totals, and the figures of every unit
/// and the province for the current year, month and quarter. `cqs indicators verify` prints the report.
public enum IndicatorVerification {
    /// What differs; empty lists mean the dashboard equals the full recomputation.
    public struct Report: Sendable {
        public var dossiers = 0
        public var totalsRows = 0
        public var scopesCompared = 0
        public var factDifferences: [String] = []
        public var totalsDifferences: [String] = []
        public var figureDifferences: [String] = []

        public var differences: Int { factDifferences.count + totalsDifferences.count + figureDifferences.count }
    }

    /// Compares everything at `now`; `periods` defaults to the year, quarter and month containing now.
    public static func run(now: Date, periods: [Period]? = nil, on db: any Database) async throws -> Report {
        var report = Report()
        // 1. facts from the raw tables against the stored facts
        let derived = try await DossierFactStore.derivedFacts(now: now, on: db)
        let stored = try await DossierFactStore.facts(on: db)
        report.dossiers = derived.count
        let storedByCode = Dictionary(stored.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        for fact in derived where storedByCode[fact.code] != fact {
            report.factDifferences.append(storedByCode[fact.code] == nil ? "\(fact.code): no stored fact"
                                          : "\(fact.code): stored fact differs from the dossier")
        }
        let derivedCodes = Set(derived.map(\.code))
        for fact in stored where !derivedCodes.contains(fact.code) {
            report.factDifferences.append("\(fact.code): a fact without a dossier")
        }
        // 2. running totals recomputed from the derived facts
        let expected = DossierFactStore.totals(of: derived)
        let actual = try await DossierFactStore.storedTotals(on: db)
        report.totalsRows = actual.count
        for key in Set(expected.keys).union(actual.keys) {
            let want = expected[key] ?? FigureCounts(), have = actual[key] ?? FigureCounts()
            if want != have { report.totalsDifferences.append("\(key.unitPath) \(key.level.rawValue) \(key.month)") }
        }
        // 2b. the open dossiers' deadline rows recomputed from the derived facts
        var expectedDeadlines: [DossierFactStore.DeadlineKey: Int] = [:]
        for key in derived.compactMap(DossierFactStore.deadlineKey(of:)) { expectedDeadlines[key, default: 0] += 1 }
        let actualDeadlines = try await DossierFactStore.storedDeadlines(on: db)
        for key in Set(expectedDeadlines.keys).union(actualDeadlines.keys) where expectedDeadlines[key] != actualDeadlines[key] {
            report.totalsDifferences.append("\(key.unitPath) \(key.level.rawValue) deadline bucket \(key.bucket): "
                                            + "stored \(actualDeadlines[key] ?? 0), recomputed \(expectedDeadlines[key] ?? 0)")
        }
        // 3. the figures the dashboard serves against Figures.compute over every derived fact
        let day = Period.Day(of: now)
        let checked = periods ?? [.year(day.year), .quarter(year: day.year, quarter: (day.month - 1) / 3 + 1),
                                  .month(year: day.year, month: day.month)]
        for period in checked {
            let tallies = try await IndicatorQueries.tallies(period: period, now: now, on: db)
            var scopes = Set(tallies.map { UnitScope(unitPath: $0.unitPath, includeSubUnits: false, level: $0.level) })
            let roots = Set(tallies.compactMap { $0.unitPath.split(separator: "/").first.map { "/\($0)/" } })
            for root in roots { scopes.insert(UnitScope(unitPath: root)) }
            let ordered = scopes.sorted { ($0.unitPath, $0.level?.rawValue ?? "") < ($1.unitPath, $1.level?.rawValue ?? "") }
            let servedFigures = try await IndicatorQueries.figures(of: ordered, period: period, now: now, on: db)
            for (scope, served) in zip(ordered, servedFigures) {
                let full = Figures.compute(facts: derived, scope: scope, period: period, now: now)
                    .replacingDocumentRates((served.digitallySignedRate, served.electronicExchangeRate))
                report.scopesCompared += 1
                for key in FigureKey.allCases where served.value(key) != full.value(key) {
                    report.figureDifferences.append("\(scope.unitPath) \(period) \(key.rawValue): served \(served.value(key)), recomputed \(full.value(key))")
                }
            }
        }
        return report
    }
}

extension DossierFactStore {
    /// The facts of every dossier computed from the raw tables alone (what the stored facts must equal).
    public static func derivedFacts(now: Date, on db: any Database) async throws -> [DossierFact] {
        let sql = db as! any SQLDatabase
        var eligible: Set<String> = []
        for version in try await ProcedureVersionModel.query(on: db).with(\.$procedure).all() {
            if try CatalogStore.record(of: version).serviceLevel == .fullOnline {
                eligible.insert("\(version.procedure.code)#\(version.version)")
            }
        }
        var components: [UUID: (count: Int, reused: Int)] = [:]
        for row in try await sql.raw("""
            SELECT dossier_id, COUNT(*) AS n, SUM(CASE WHEN reused_from IS NOT NULL THEN 1 ELSE 0 END) AS reused
            FROM dossier_files WHERE kind = 'component' GROUP BY dossier_id
            """).all() {
            components[try row.decode(column: "dossier_id", as: UUID.self)] =
                (try row.decode(column: "n", as: Int.self), try row.decode(column: "reused", as: Int.self))
        }
        var closedAt: [UUID: Date] = [:]
        for event in try await DossierEventModel.query(on: db)
            .filter(\.$toStatus ~~ [.refused, .stopped, .withdrawn]).all() where event.fromStatus != event.toStatus {
            closedAt[event.$dossier.id] = max(closedAt[event.$dossier.id] ?? event.at, event.at)
        }
        var facts: [DossierFact] = []
        var after = ""
        while true {
            let page = try await DossierModel.query(on: db).filter(\.$code > after).sort(\.$code).limit(5000).all()
            for dossier in page {
                let id = try dossier.requireID()
                let files = components[id]
                let fixed = FixedFacts(fullOnlineEligible: eligible.contains("\(dossier.procedureCode)#\(dossier.procedureVersion)"),
                                       componentsDigitized: (files?.count ?? 0) > 0, reusedData: (files?.reused ?? 0) > 0)
                facts.append(fact(of: dossier, fixed: fixed, closedAt: closedAt[id], now: now))
            }
            guard let last = page.last, page.count == 5000 else { break }
            after = last.code
        }
        return facts
    }

    /// The running totals `facts` give.
    static func totals(of facts: [DossierFact]) -> [TotalsKey: FigureCounts] {
        var totals: [TotalsKey: FigureCounts] = [:]
        for fact in facts {
            for (key, counts) in totalsRows(of: fact) { totals[key, default: FigureCounts()] += counts }
        }
        return totals.filter { !$0.value.isZero }
    }

    /// The stored running totals, rows of zeros left out.
    static func storedTotals(on db: any Database) async throws -> [TotalsKey: FigureCounts] {
        var totals: [TotalsKey: FigureCounts] = [:]
        for row in try await (db as! any SQLDatabase).select().column("*").from(totalsTable).all() {
            var counts = FigureCounts()
            for column in FigureCounts.columns { counts[keyPath: column.keyPath] = try row.decode(column: column.name, as: Int.self) }
            guard !counts.isZero else { continue }
            let key = TotalsKey(unitCode: try row.decode(column: "unit_code", as: String.self),
                                unitPath: try row.decode(column: "unit_path", as: String.self),
                                level: AdministrativeLevel(rawValue: try row.decode(column: "level", as: String.self)) ?? .province,
                                month: try row.decode(column: "month", as: Int.self))
            totals[key] = counts
        }
        return totals
    }

    /// The stored deadline rows, rows of zero left out.
    static func storedDeadlines(on db: any Database) async throws -> [DeadlineKey: Int] {
        var counts: [DeadlineKey: Int] = [:]
        for row in try await (db as! any SQLDatabase).select().column("*").from(deadlinesTable).all() {
            let count = try row.decode(column: "open_late", as: Int.self)
            guard count != 0 else { continue }
            counts[DeadlineKey(unitCode: try row.decode(column: "unit_code", as: String.self),
                               unitPath: try row.decode(column: "unit_path", as: String.self),
                               level: AdministrativeLevel(rawValue: try row.decode(column: "level", as: String.self)) ?? .province,
                               bucket: try row.decode(column: "bucket", as: Int.self))] = count
        }
        return counts
    }

    /// Recomputes the facts, totals and deadline rows from the raw tables (the migration fills them this way for existing dossiers).
    public static func rebuildAll(now: Date, on db: any Database) async throws {
        let facts = try await derivedFacts(now: now, on: db)
        let sql = db as! any SQLDatabase
        try await sql.delete(from: totalsTable).run()
        try await sql.delete(from: deadlinesTable).run()
        try await sql.delete(from: factsTable).run()
        for batch in chunks(facts, of: 5000) { try await apply(batch.map { (nil, $0) }, on: db) }
    }
}
