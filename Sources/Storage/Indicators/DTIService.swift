import Access
import Core
import Fluent
import Foundation
import Indicators
import SQLKit

/// Đánh giá chuyển đổi số (DTI) hằng năm — one evaluation round per year: the framework of the year (configurable,
/// seeded with `DTIFramework.platformSeed`), the departments' and communes' self-assessments with evidence files,
/// the province reviewers' corrections with a comment, and the ranking per group, published and kept year by year.
/// Indicators the platform measures are filled from the unit's own figures for the year.
public enum DTIService {
    static let frameworks = "dti_frameworks", rounds = "dti_rounds", answers = "dti_answers"
    static let corrections = "dti_corrections", rankings = "dti_rankings"

    /// Trạng thái đợt đánh giá.
    public enum RoundStatus: String, Codable, Sendable {
        /// Đang đánh giá — units answer, reviewers correct.
        case open
        /// Đã công bố — the ranking is published; nothing changes any more.
        case published
    }

    /// A round as stored.
    public struct Round: Codable, Sendable {
        public var year: Int
        public var status: RoundStatus
        public var openedBy: String
        public var openedAt: Date
        public var publishedBy: String?
        public var publishedAt: Date?
    }

    /// One published place in a group's ranking.
    public struct RankingEntry: Codable, Sendable {
        public var rank: Int
        public var unitCode: String
        public var group: DTIUnitGroup
        /// Tổng điểm, exact ("n/d") and as a number.
        public var points: String
        public var pointsValue: Double
    }

    // MARK: the framework of a year

    /// The framework of `year`: the one saved for it, else the seed.
    public static func framework(year: Int, on db: any Database) async throws -> DTIFramework {
        guard let row = try await (db as! any SQLDatabase).select().column("document").from(frameworks)
            .where("year", .equal, SQLBind(year)).first() else { return .platformSeed }
        return try JSONDecoder().decode(DTIFramework.self, from: Data(try row.decode(column: "document", as: String.self).utf8))
    }

    /// Saves the framework of `year` (province administrator; not once the year's ranking is published).
    public static func saveFramework(_ framework: DTIFramework, year: Int, actor: Actor, now: Date, on db: any Database) async throws {
        try requireReviewer(actor)
        let problems = framework.validate()
        guard problems.isEmpty else {
            throw Problem.invalid("Bộ chỉ số không hợp lệ", problems.joined(separator: "; "),
                                  fields: Dictionary(problems.enumerated().map { ("pillars[\($0.offset)]", $0.element) }, uniquingKeysWith: { a, _ in a }))
        }
        let document = String(decoding: try JSONEncoder().encode(framework), as: UTF8.self)
        try await db.writeTransaction { db in
            if try await round(year: year, on: db)?.status == .published { throw publishedProblem(year) }
            try await (db as! any SQLDatabase).insert(into: frameworks).columns("year", "document", "updated_by", "updated_at")
                .values(SQLBind(year), SQLBind(document), SQLBind(actor.username), SQLBind(now))
                .onConflict(with: ["year"]) { $0.set(excludedValueOf: "document").set(excludedValueOf: "updated_by").set(excludedValueOf: "updated_at") }
                .run()
            try await AuditEventModel.record(on: db, at: now, actor: actor.username, action: "dti.framework", subject: "dti:\(year)",
                                             reason: "\(framework.code): \(framework.pillars.count) chỉ số chính")
        }
    }

    // MARK: rounds

    public static func round(year: Int, on db: any Database) async throws -> Round? {
        try await (db as! any SQLDatabase).select().columns("year", "status", "opened_by", "opened_at", "published_by", "published_at")
            .from(rounds).where("year", .equal, SQLBind(year)).first(decoding: Round.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// Mở đợt đánh giá of `year` (province administrator; one round a year).
    public static func openRound(year: Int, actor: Actor, now: Date, on db: any Database) async throws -> Round {
        try requireReviewer(actor)
        guard (2000...2100).contains(year) else {
            throw Problem.invalid("Năm đánh giá không hợp lệ", "year must be 2000-2100.", fields: ["year": "Năm từ 2000 đến 2100."])
        }
        return try await db.writeTransaction { db in
            if try await round(year: year, on: db) != nil {
                throw Problem.conflict("Đợt đánh giá năm \(year) đã mở", "The \(year) round exists already.")
            }
            try await (db as! any SQLDatabase).insert(into: rounds).columns("year", "status", "opened_by", "opened_at")
                .values(SQLBind(year), SQLBind(RoundStatus.open.rawValue), SQLBind(actor.username), SQLBind(now)).run()
            try await AuditEventModel.record(on: db, at: now, actor: actor.username, action: "dti.open", subject: "dti:\(year)")
            return Round(year: year, status: .open, openedBy: actor.username, openedAt: now)
        }
    }

    // MARK: self-assessment and review

    /// Tự đánh giá — a unit's leader or administrator answers one self-assessed or yes/no indicator, with evidence
    /// files they uploaded (by SHA-256). Computed indicators are not answered: the platform fills them.
    public static func answer(year: Int, unit: UnitModel, indicator code: String, value: DTIAnswer.Value, evidence: [String],
                              actor: Actor, now: Date, on db: any Database) async throws {
        guard AccessPolicy.allows(actor, .approve, onUnitAt: unit.path) || AccessPolicy.allows(actor, .manageUnits, onUnitAt: unit.path) else {
            throw Problem.forbidden("Chỉ lãnh đạo hoặc quản trị của đơn vị tự đánh giá", "Only the unit's leaders or administrator self-assess.")
        }
        guard group(of: unit) != nil else {
            throw Problem.invalid("Đơn vị không thuộc khối đánh giá", "Only departments and communes are evaluated.", fields: ["unit": "Chọn sở, ngành hoặc xã, phường."])
        }
        let indicator = try await scoredIndicator(code, year: year, on: db)
        switch (indicator.method, value) {
        case (.platformFigure, _):
            throw Problem.conflict("Chỉ số này được tính từ số liệu của nền tảng", "Indicator \(code) is computed from the platform's figures.")
        case (.yesNo, .points), (.selfAssessed, .yes), (.selfAssessed, .no):
            throw Problem.invalid("Giá trị không phù hợp với cách chấm của chỉ số", "Indicator \(code) takes \(indicator.method == .yesNo ? "yes/no" : "points").",
                                  fields: ["value": indicator.method == .yesNo ? "Chọn có hoặc không." : "Nhập số điểm."])
        case let (.selfAssessed, .points(points)) where points < .zero || points > Fraction(indicator.maxPoints):
            throw Problem.invalid("Điểm vượt quá điểm tối đa", "points must be 0-\(indicator.maxPoints).",
                                  fields: ["points": "Từ 0 đến \(indicator.maxPoints) điểm."])
        default: break
        }
        if !evidence.isEmpty {
            let uploaded = Set(try await FileUploadModel.query(on: db).filter(\.$username == actor.username)
                .filter(\.$sha256 ~~ evidence).all().map(\.sha256))
            if let missing = evidence.first(where: { !uploaded.contains($0) }) {
                throw Problem.invalid("Tệp minh chứng chưa được tải lên", "Evidence \(missing) was not uploaded by you.",
                                      fields: ["evidence": "Tải tệp minh chứng lên trước."])
            }
        }
        let (kind, points): (String, Fraction) = switch value {
        case let .points(p): ("points", p)
        case .yes: ("yes", .one)
        case .no: ("no", .zero)
        }
        let evidenceJSON = String(decoding: try JSONEncoder().encode(evidence), as: UTF8.self)
        try await db.writeTransaction { db in
            try await requireOpen(year: year, on: db)
            try await (db as! any SQLDatabase).insert(into: answers)
                .columns("year", "unit_code", "indicator", "kind", "numerator", "denominator", "evidence", "answered_by", "answered_at")
                .values(SQLBind(year), SQLBind(unit.code), SQLBind(code), SQLBind(kind), SQLBind(points.numerator),
                        SQLBind(points.denominator), SQLBind(evidenceJSON), SQLBind(actor.username), SQLBind(now))
                .onConflict(with: ["year", "unit_code", "indicator"]) { update in
                    ["kind", "numerator", "denominator", "evidence", "answered_by", "answered_at"].reduce(update) { $0.set(excludedValueOf: $1) }
                }.run()
            try await AuditEventModel.record(on: db, at: now, actor: actor.username, action: "dti.answer",
                                             subject: "dti:\(year):\(unit.code):\(code)",
                                             reason: "\(kind) \(points), \(evidence.count) minh chứng")
        }
    }

    /// Thẩm định — a province reviewer replaces a unit's score on one indicator, with the reason.
    public static func correct(year: Int, unit: UnitModel, indicator code: String, points: Fraction, comment: String,
                               actor: Actor, now: Date, on db: any Database) async throws {
        try requireReviewer(actor)
        let indicator = try await scoredIndicator(code, year: year, on: db)
        let comment = comment.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !comment.isEmpty else {
            throw Problem.invalid("Ghi rõ ý kiến thẩm định", "A correction needs a comment.", fields: ["comment": "Ghi rõ lý do điều chỉnh điểm."])
        }
        guard points >= .zero, points <= Fraction(indicator.maxPoints) else {
            throw Problem.invalid("Điểm vượt quá điểm tối đa", "points must be 0-\(indicator.maxPoints).",
                                  fields: ["points": "Từ 0 đến \(indicator.maxPoints) điểm."])
        }
        try await db.writeTransaction { db in
            try await requireOpen(year: year, on: db)
            try await (db as! any SQLDatabase).insert(into: corrections)
                .columns("year", "unit_code", "indicator", "numerator", "denominator", "comment", "reviewer", "at")
                .values(SQLBind(year), SQLBind(unit.code), SQLBind(code), SQLBind(points.numerator), SQLBind(points.denominator),
                        SQLBind(comment), SQLBind(actor.username), SQLBind(now))
                .onConflict(with: ["year", "unit_code", "indicator"]) { update in
                    ["numerator", "denominator", "comment", "reviewer", "at"].reduce(update) { $0.set(excludedValueOf: $1) }
                }.run()
            try await AuditEventModel.record(on: db, at: now, actor: actor.username, action: "dti.correct",
                                             subject: "dti:\(year):\(unit.code):\(code)", reason: "\(points): \(comment)")
        }
    }

    // MARK: scores and ranking

    /// Every evaluated unit's score for `year` as it stands (figures of the year as known at `now`).
    public static func scores(year: Int, now: Date, on db: any Database) async throws -> [String: DTIScore] {
        try await evaluationRound(year: year, now: now, on: db).scores()
    }

    /// Công bố — ranks each group (departments, communes) and keeps the ranking; the round closes.
    public static func publish(year: Int, actor: Actor, now: Date, on db: any Database) async throws -> [RankingEntry] {
        try requireReviewer(actor)
        let round = try await evaluationRound(year: year, now: now, on: db)
        let groups = Dictionary(round.evaluations.map { ($0.unitCode, $0.group) }, uniquingKeysWith: { a, _ in a })
        let scores = round.scores()
        let entries = DTIUnitGroup.allCases.flatMap { group in
            round.ranking(by: group).map {
                RankingEntry(rank: $0.rank, unitCode: $0.unit, group: groups[$0.unit] ?? group, points: $0.points.description,
                             pointsValue: $0.points.doubleValue)
            }
        }
        try await db.writeTransaction { db in
            try await requireOpen(year: year, on: db)
            let sql = db as! any SQLDatabase
            for entry in entries {
                let fraction = scores[entry.unitCode]!.total
                try await sql.insert(into: rankings).columns("year", "unit_group", "rank", "unit_code", "numerator", "denominator", "published_at")
                    .values(SQLBind(year), SQLBind(entry.group.rawValue), SQLBind(entry.rank), SQLBind(entry.unitCode),
                            SQLBind(fraction.numerator), SQLBind(fraction.denominator), SQLBind(now)).run()
            }
            try await sql.update(rounds).set("status", to: SQLBind(RoundStatus.published.rawValue))
                .set("published_by", to: SQLBind(actor.username)).set("published_at", to: SQLBind(now))
                .where("year", .equal, SQLBind(year)).run()
            try await AuditEventModel.record(on: db, at: now, actor: actor.username, action: "dti.publish", subject: "dti:\(year)",
                                             reason: "\(entries.count) đơn vị được xếp hạng")
        }
        return entries
    }

    /// The published ranking of `year` (empty before publication), best first within each group.
    public static func ranking(year: Int, on db: any Database) async throws -> [RankingEntry] {
        try await (db as! any SQLDatabase).select().columns("rank", "unit_code", "unit_group", "numerator", "denominator").from(rankings)
            .where("year", .equal, SQLBind(year)).orderBy("unit_group").orderBy("rank").orderBy("unit_code").all().map { row in
                let points = Fraction(try row.decode(column: "numerator", as: Int.self), try row.decode(column: "denominator", as: Int.self))
                return RankingEntry(rank: try row.decode(column: "rank", as: Int.self), unitCode: try row.decode(column: "unit_code", as: String.self),
                                    group: DTIUnitGroup(rawValue: try row.decode(column: "unit_group", as: String.self)) ?? .commune,
                                    points: points.description, pointsValue: points.doubleValue)
            }
    }

    // MARK: internals

    /// Khối of a unit: departments, or communes (xã, phường, đặc khu); nil for anything else.
    public static func group(of unit: UnitModel) -> DTIUnitGroup? {
        switch unit.kind {
        case .department: .department
        case .commune, .ward, .specialZone, .township: .commune
        default: nil
        }
    }

    /// The round with every unit in force of both groups, their answers and corrections, and their figures.
    static func evaluationRound(year: Int, now: Date, on db: any Database) async throws -> DTIRound {
        guard try await round(year: year, on: db) != nil else {
            throw Problem.notFound("Chưa mở đợt đánh giá năm \(year)", "No DTI round for \(year).")
        }
        let framework = try await framework(year: year, on: db)
        let units = try await UnitModel.query(on: db).filter(\.$validUntil == nil).all().filter { group(of: $0) != nil }
        let sql = db as! any SQLDatabase
        var evaluations = Dictionary(units.map { ($0.code, DTIEvaluation(unitCode: $0.code, group: group(of: $0)!)) },
                                     uniquingKeysWith: { a, _ in a })
        for row in try await sql.select().columns("unit_code", "indicator", "kind", "numerator", "denominator", "evidence").from(answers)
            .where("year", .equal, SQLBind(year)).all() {
            let unit = try row.decode(column: "unit_code", as: String.self)
            let points = Fraction(try row.decode(column: "numerator", as: Int.self), try row.decode(column: "denominator", as: Int.self))
            let value: DTIAnswer.Value = switch try row.decode(column: "kind", as: String.self) {
            case "yes": .yes
            case "no": .no
            default: .points(points)
            }
            let evidence = try JSONDecoder().decode([String].self, from: Data(try row.decode(column: "evidence", as: String.self).utf8))
            evaluations[unit]?.answers[try row.decode(column: "indicator", as: String.self)] = DTIAnswer(value, evidence: evidence)
        }
        for row in try await sql.select().columns("unit_code", "indicator", "numerator", "denominator", "comment", "reviewer").from(corrections)
            .where("year", .equal, SQLBind(year)).all() {
            let unit = try row.decode(column: "unit_code", as: String.self)
            evaluations[unit]?.corrections[try row.decode(column: "indicator", as: String.self)] = DTICorrection(
                points: Fraction(try row.decode(column: "numerator", as: Int.self), try row.decode(column: "denominator", as: Int.self)),
                comment: try row.decode(column: "comment", as: String.self), reviewer: try row.decode(column: "reviewer", as: String.self))
        }
        let scopes = units.map { UnitScope(unitPath: $0.path) }
        let figures = try await IndicatorQueries.figures(of: scopes, period: .year(year), now: now, on: db)
        return DTIRound(framework: framework, evaluations: units.compactMap { evaluations[$0.code] },
                        figures: Dictionary(zip(units.map(\.code), figures), uniquingKeysWith: { a, _ in a }))
    }

    static func scoredIndicator(_ code: String, year: Int, on db: any Database) async throws -> DTIIndicator {
        let framework = try await framework(year: year, on: db)
        guard let indicator = framework.pillars.flatMap(\.effectiveIndicators).first(where: { $0.code == code }) else {
            throw Problem.notFound("Không có chỉ số \(code) trong bộ chỉ số năm \(year)", "No indicator \(code) in the \(year) framework.")
        }
        return indicator
    }

    static func requireReviewer(_ actor: Actor) throws {
        guard AccessPolicy.isProvinceAdministrator(actor) else {
            throw Problem.forbidden("Chỉ cán bộ thẩm định cấp tỉnh thực hiện", "Only the province's reviewers (administrators) may do this.")
        }
    }

    static func requireOpen(year: Int, on db: any Database) async throws {
        guard let round = try await round(year: year, on: db) else {
            throw Problem.notFound("Chưa mở đợt đánh giá năm \(year)", "No DTI round for \(year).")
        }
        if round.status == .published { throw publishedProblem(year) }
    }

    static func publishedProblem(_ year: Int) -> Problem {
        .conflict("Kết quả đánh giá năm \(year) đã công bố, không thể thay đổi", "The \(year) DTI ranking is published; it no longer changes.")
    }
}

// MARK: reading for the pages

extension DTIService {
    /// Every round that was opened, the latest year first (the pages' list of years).
    public static func rounds(on db: any Database) async throws -> [Round] {
        try await (db as! any SQLDatabase).select().columns("year", "status", "opened_by", "opened_at", "published_by", "published_at")
            .from(rounds).orderBy("year", .descending).all(decoding: Round.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// The round of `year` as it stands: the framework, every evaluated unit's answers (with their evidence) and
    /// corrections, and their platform figures for the year as known at `now` — what the evaluation pages show.
    /// 404 when the round was not opened.
    public static func evaluations(year: Int, now: Date, on db: any Database) async throws -> DTIRound {
        try await evaluationRound(year: year, now: now, on: db)
    }
}
