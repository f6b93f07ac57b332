import Access
import Core
import Fluent
import Foundation
import Indicators
import Spreadsheet
import Storage
import Vapor

/// `/api/v1/indicators` — the figures of any unit and period (item 1), every unit's figures as JSON, CSV or XLSX,
/// and the Decision 766 index with its ranking (item 2). Officials see the units of their scope.
struct IndicatorRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let indicators = routes.grouped("indicators")
        indicators.get("figures", use: figures)
        indicators.get("units", use: units)
        indicators.get("index766", use: index766)
    }

    /// One figure on the wire: a count, or a rate with its exact parts and its percentage.
    struct FigureDTO: Content {
        var key: String
        var name: String
        var count: Int?
        var numerator: Int?
        var denominator: Int?
        var percent: Double?

        init(_ key: FigureKey, _ value: FigureValue) {
            self.key = key.rawValue
            name = FigureDefinition.all.first { $0.key == key }?.name ?? key.rawValue
            switch value {
            case let .count(n): count = n
            case let .rate(ratio):
                numerator = ratio.numerator
                denominator = ratio.denominator
                percent = ratio.percent
            }
        }
    }

    struct FiguresDTO: Content {
        var unit: String
        var unitName: String
        var period: String
        var evaluatedAt: Date
        /// "totals" (running totals, the period contains now) or "facts" (recomputed from the stored facts).
        var source: String
        var figures: [FigureDTO]
    }

    /// The unit `code` (the caller's first unit when absent) and the scope it gives, checked against the caller.
    static func scope(_ req: Request, code: String?) async throws -> (UnitModel, UnitScope) {
        let actor = try req.official()
        let wanted = code ?? actor.assignments.min { $0.unitPath.count < $1.unitPath.count }?.unitCode ?? ""
        guard let unit = try await UnitModel.find(code: wanted, on: req.db) else {
            throw Problem.notFound("Không tìm thấy đơn vị", "No unit \(wanted).")
        }
        guard AccessPolicy.allows(actor, .viewUnit, onUnitAt: unit.path) else { throw Problem.forbidden() }
        let level = try req.query[String.self, at: "level"].map { raw in
            guard let level = AdministrativeLevel(rawValue: raw) else {
                throw Problem.invalid("Cấp thực hiện không hợp lệ", "level must be province, district or commune.",
                                      fields: ["level": "Chọn cấp tỉnh hoặc cấp xã."])
            }
            return level
        }
        // read as text: Vapor decodes an absent Bool as false (the checkbox rule), and sub-units count by default
        let subUnits = req.query[String.self, at: "subunits"].map { !["false", "0", "no"].contains($0) } ?? true
        return (unit, UnitScope(unitPath: unit.path, includeSubUnits: subUnits, level: level))
    }

    @Sendable func figures(req: Request) async throws -> FiguresDTO {
        let (unit, scope) = try await Self.scope(req, code: req.query[String.self, at: "unit"])
        let now = req.now
        let period = try PeriodParameter.parse(req.query[String.self, at: "period"], now: now)
        let figures = try await IndicatorQueries.figures(scope: scope, period: period, now: now, on: req.db)
        return FiguresDTO(unit: unit.code, unitName: unit.name, period: period.description, evaluatedAt: figures.evaluatedAt,
                          source: IndicatorQueries.totalsAnswer(period, now: now) ? "totals" : "facts",
                          figures: FigureKey.allCases.map { FigureDTO($0, figures.value($0)) })
    }

    /// Every unit below the caller's unit (or `unit`), one row each: JSON, or `format=csv|xlsx` as a download.
    @Sendable func units(req: Request) async throws -> Response {
        let (unit, scope) = try await Self.scope(req, code: req.query[String.self, at: "unit"])
        let now = req.now
        let period = try PeriodParameter.parse(req.query[String.self, at: "period"], now: now)
        let rows = try await UnitFigures.rows(under: scope, period: period, now: now, on: req.db)
        let table = UnitFigures.table(rows, period: period)
        let name = "chi-so-\(unit.code)-\(period.description)"
        switch req.query[String.self, at: "format"] ?? "json" {
        case "csv": return Self.download(CSVWriter.write(table), name: "\(name).csv", type: "text/csv; charset=utf-8")
        case "xlsx":
            return Self.download(try await Self.workbook([table]), name: "\(name).xlsx",
                                 type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        case "json":
            let body = rows.map { row in
                FiguresDTO(unit: row.unit.code, unitName: row.unit.name, period: period.description,
                           evaluatedAt: row.figures.evaluatedAt, source: IndicatorQueries.totalsAnswer(period, now: now) ? "totals" : "facts",
                           figures: FigureKey.allCases.map { FigureDTO($0, row.figures.value($0)) })
            }
            return try await body.encodeResponse(for: req)
        default:
            throw Problem.invalid("Định dạng không hỗ trợ", "format must be json, csv or xlsx.", fields: ["format": "json, csv hoặc xlsx."])
        }
    }

    /// The XLSX workbook of `sheets`, written (and deflated) on the thread pool, off the event loops that answer
    /// the other requests.
    static func workbook(_ sheets: [SheetTable]) async throws -> Data {
        try await NIOThreadPool.singleton.runIfActive { try XLSXWriter.write(sheets) }
    }

    static func download(_ data: Data, name: String, type: String) -> Response {
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: type)
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name)\"")
        return response
    }

    struct IndicatorScoreDTO: Content {
        var code: String
        var name: String
        var group: Int
        var measurement: String
        var numerator: Int?
        var denominator: Int?
        var maxPoints: Int
        /// Exact points as "n/d" and as a number.
        var points: String
        var pointsValue: Double
    }

    struct Index766DTO: Content {
        var rank: Int
        var unit: String
        var unitName: String
        var total: String
        var totalValue: Double
        var indicators: [IndicatorScoreDTO]
    }

    /// The Decision 766 index of every unit directly below the caller's unit (each with its sub-units), ranked.
    @Sendable func index766(req: Request) async throws -> [Index766DTO] {
        let (_, scope) = try await Self.scope(req, code: req.query[String.self, at: "unit"])
        let now = req.now
        let period = try PeriodParameter.parse(req.query[String.self, at: "period"], now: now)
        let children = try await UnitFigures.childUnits(of: scope.unitPath, on: req.db)
        let facts = try await DossierFactStore.facts(receivedBefore: min(now, period.end), notEndedBefore: period.start, on: req.db)
        let scopes = Dictionary(children.map { ($0.code, UnitScope(unitPath: $0.path, level: scope.level)) }, uniquingKeysWith: { a, _ in a })
        let results = Index766.score(facts: facts, units: scopes, period: period, now: now)
        let names = Dictionary(children.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        return Index766.rank(results).map { ranked in
            let result = results[ranked.unit]!
            return Index766DTO(rank: ranked.rank, unit: ranked.unit, unitName: names[ranked.unit] ?? ranked.unit,
                               total: ranked.points.description, totalValue: ranked.points.doubleValue,
                               indicators: result.indicators.map { score in
                IndicatorScoreDTO(code: score.indicator.code, name: score.indicator.name, group: score.indicator.group.rawValue,
                                  measurement: score.measurement.rawValue, numerator: score.raw?.numerator,
                                  denominator: score.raw?.denominator, maxPoints: score.maxPoints,
                                  points: score.points.description, pointsValue: score.points.doubleValue)
            })
        }
    }
}

/// Kỳ báo cáo in a query: "2026" (year), "2026-Q4" (quarter), "2026-11" (month), "2026-11-01..2026-11-30" (days);
/// absent: the current year.
enum PeriodParameter {
    static func parse(_ raw: String?, now: Date) throws -> Period {
        let today = Period.Day(of: now)
        guard let raw, !raw.isEmpty else { return .year(today.year) }
        func bad() -> Problem {
            Problem.invalid("Kỳ báo cáo không hợp lệ", "period must be YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD..YYYY-MM-DD.",
                            fields: ["period": "Ví dụ: 2026, 2026-Q4, 2026-11 hoặc 2026-11-01..2026-11-30."])
        }
        func day(_ text: Substring) throws -> Period.Day {
            let parts = text.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { throw bad() }
            let day = Period.Day(year: parts[0], month: parts[1], day: parts[2])
            guard Period.Day(daysSinceEpoch: day.daysSinceEpoch) == day else { throw bad() }
            return day
        }
        if let range = raw.range(of: "..") {
            let (from, through) = (try day(raw[..<range.lowerBound]), try day(raw[range.upperBound...]))
            guard from <= through else { throw bad() }
            return .days(from: from, through: through)
        }
        let parts = raw.split(separator: "-")
        guard let year = parts.first.flatMap({ Int($0) }), (2000...2100).contains(year) else { throw bad() }
        switch parts.count {
        case 1: return .year(year)
        case 2 where parts[1].hasPrefix("Q"):
            guard let quarter = Int(parts[1].dropFirst()), (1...4).contains(quarter) else { throw bad() }
            return .quarter(year: year, quarter: quarter)
        case 2:
            guard let month = Int(parts[1]), (1...12).contains(month) else { throw bad() }
            return .month(year: year, month: month)
        default: throw bad()
        }
    }
}

/// Số liệu theo đơn vị — the figures of each unit directly below a scope's unit (each with its sub-units), and
/// the table they export as.
enum UnitFigures {
    struct Row {
        var unit: UnitModel
        var figures: Figures
    }

    /// The units in force directly below `path`.
    static func childUnits(of path: String, on db: any Database) async throws -> [UnitModel] {
        let depth = path.split(separator: "/").count + 1
        return try await UnitModel.query(on: db).filter(\.$path =~ path).filter(\.$validUntil == nil).sort(\.$path).all()
            .filter { $0.path.split(separator: "/").count == depth }
    }

    /// One row per child unit of the scope's unit (each with its sub-units).
    static func rows(under scope: UnitScope, period: Period, now: Date, on db: any Database) async throws -> [Row] {
        try await withTotal(under: scope, period: period, now: now, on: db).rows
    }

    /// The scope's own figures and one row per child unit, from one set of queries.
    static func withTotal(under scope: UnitScope, period: Period, now: Date, on db: any Database) async throws
        -> (total: Figures, rows: [Row]) {
        let children = try await childUnits(of: scope.unitPath, on: db)
        let scopes = [scope] + children.map { UnitScope(unitPath: $0.path, level: scope.level) }
        let figures = try await IndicatorQueries.figures(of: scopes, period: period, now: now, on: db)
        return (figures[0], zip(children, figures.dropFirst()).map { Row(unit: $0, figures: $1) })
    }

    /// The export table: a unit per row, every figure a column (rates as percentages).
    static func table(_ rows: [Row], period: Period) -> SheetTable {
        let keys = FigureKey.allCases
        let headers = ["Mã đơn vị", "Đơn vị"] + keys.map { key in FigureDefinition.all.first { $0.key == key }?.name ?? key.rawValue }
        return SheetTable(name: "Chỉ số \(period.description)", headers: headers, rows: rows.map { row in
            [.text(row.unit.code), .text(row.unit.name)] + keys.map { key -> SheetCell in
                switch row.figures.value(key) {
                case let .count(n): .integer(n)
                case let .rate(ratio):
                    if key == .averageResolutionSeconds { ratio.value.map { .number(($0 * 100).rounded() / 100) } ?? .empty }
                    else { ratio.value.map { .percent($0) } ?? .empty }
                }
            }
        })
    }
}
