import Access
import Core
import Fluent
import Foundation
import Indicators
import Storage
import Vapor

/// `/api/v1/dti/{year}` — the yearly digital-transformation evaluation (issue 6 item 7): the framework of the year,
/// opening the round, the units' self-assessment with evidence, the reviewers' corrections, the scores, publishing
/// the ranking per group and reading it back any later year.
struct DTIRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let year = routes.grouped("dti", ":year")
        year.get(use: show)
        year.post(use: open)
        year.get("framework", use: framework)
        year.put("framework", use: saveFramework)
        year.put("units", ":unit", "answers", ":indicator", use: answer)
        year.put("units", ":unit", "corrections", ":indicator", use: correct)
        year.post("publish", use: publish)
        year.get("ranking", use: ranking)
    }

    static func year(_ req: Request) throws -> Int {
        guard let year = req.parameters.get("year", as: Int.self), (2000...2100).contains(year) else {
            throw Problem.invalid("Năm đánh giá không hợp lệ", "year must be 2000-2100.", fields: ["year": "Năm từ 2000 đến 2100."])
        }
        return year
    }

    static func unit(_ req: Request) async throws -> UnitModel {
        let code = req.parameters.get("unit") ?? ""
        guard let unit = try await UnitModel.find(code: code, on: req.db) else { throw Problem.notFound("Không tìm thấy đơn vị", "No unit \(code).") }
        return unit
    }

    struct IndicatorScoreDTO: Content {
        var pillar: String
        var indicator: String
        var assessed: String
        var missingEvidence: Bool
        var correction: String?
        var comment: String?
        var points: String
        var pointsValue: Double
    }

    struct UnitScoreDTO: Content {
        var unit: String
        var group: String
        var total: String
        var totalValue: Double
        var indicators: [IndicatorScoreDTO]
    }

    struct RoundDTO: Content {
        var year: Int
        var status: String
        var framework: String
        var maxPoints: Int
        var units: [UnitScoreDTO]
    }

    /// The round and every unit's score as it stands (officials: the units of their scope; reviewers: all).
    @Sendable func show(req: Request) async throws -> RoundDTO {
        let actor = try req.official()
        let year = try Self.year(req)
        guard let round = try await DTIService.round(year: year, on: req.db) else {
            throw Problem.notFound("Chưa mở đợt đánh giá năm \(year)", "No DTI round for \(year).")
        }
        let framework = try await DTIService.framework(year: year, on: req.db)
        let scores = try await DTIService.scores(year: year, now: req.now, on: req.db)
        let paths = Dictionary(try await UnitModel.query(on: req.db).filter(\.$code ~~ Array(scores.keys)).all().map { ($0.code, $0.path) },
                               uniquingKeysWith: { a, _ in a })
        let visible = scores.values.filter { AccessPolicy.allows(actor, .viewUnit, onUnitAt: paths[$0.unitCode] ?? "") }
        return RoundDTO(year: year, status: round.status.rawValue, framework: framework.name, maxPoints: framework.maxPoints,
                        units: visible.sorted { $0.unitCode < $1.unitCode }.map { score in
            UnitScoreDTO(unit: score.unitCode, group: score.group.rawValue, total: score.total.description, totalValue: score.total.doubleValue,
                         indicators: score.indicators.map {
                IndicatorScoreDTO(pillar: $0.pillar, indicator: $0.indicator, assessed: $0.assessed.description,
                                  missingEvidence: $0.missingEvidence, correction: $0.correction?.points.description,
                                  comment: $0.correction?.comment, points: $0.points.description, pointsValue: $0.points.doubleValue)
            })
        })
    }

    @Sendable func open(req: Request) async throws -> Response {
        let round = try await DTIService.openRound(year: try Self.year(req), actor: try req.official(), now: req.now, on: req.db)
        return try await round.encodeResponse(status: .created, for: req)
    }

    @Sendable func framework(req: Request) async throws -> Response {
        _ = try req.official()
        let framework = try await DTIService.framework(year: try Self.year(req), on: req.db)
        return try await FrameworkBody(framework).encodeResponse(for: req)
    }

    @Sendable func saveFramework(req: Request) async throws -> Response {
        let framework = try req.decodeBody(FrameworkBody.self).framework
        try await DTIService.saveFramework(framework, year: try Self.year(req), actor: try req.official(), now: req.now, on: req.db)
        return try await FrameworkBody(framework).encodeResponse(for: req)
    }

    /// The framework on the wire (the stored JSON document).
    struct FrameworkBody: Content {
        var framework: DTIFramework
        init(_ framework: DTIFramework) { self.framework = framework }
    }

    struct AnswerBody: Content {
        /// Points for a self-assessed indicator.
        var points: Double?
        /// For a yes/no indicator.
        var yes: Bool?
        /// SHA-256 of evidence files the caller uploaded.
        var evidence: [String]?
    }

    @Sendable func answer(req: Request) async throws -> HTTPStatus {
        let body = try req.decodeBody(AnswerBody.self)
        let value: DTIAnswer.Value
        if let yes = body.yes { value = yes ? .yes : .no } else if let points = body.points, points.isFinite {
            value = .points(Fraction(Int((points * 100).rounded()), 100))
        } else {
            throw Problem.invalid("Nhập điểm hoặc chọn có/không", "Give points or yes.", fields: ["points": "Nhập số điểm tự đánh giá."])
        }
        try await DTIService.answer(year: try Self.year(req), unit: try await Self.unit(req), indicator: req.parameters.get("indicator") ?? "",
                                    value: value, evidence: body.evidence ?? [], actor: try req.official(), now: req.now, on: req.db)
        return .noContent
    }

    struct CorrectionBody: Content {
        var points: Double
        var comment: String
    }

    @Sendable func correct(req: Request) async throws -> HTTPStatus {
        let body = try req.decodeBody(CorrectionBody.self)
        guard body.points.isFinite else {
            throw Problem.invalid("Điểm không hợp lệ", "points must be a number.", fields: ["points": "Nhập số điểm."])
        }
        try await DTIService.correct(year: try Self.year(req), unit: try await Self.unit(req), indicator: req.parameters.get("indicator") ?? "",
                                     points: Fraction(Int((body.points * 100).rounded()), 100), comment: body.comment,
                                     actor: try req.official(), now: req.now, on: req.db)
        return .noContent
    }

    @Sendable func publish(req: Request) async throws -> [DTIService.RankingEntry] {
        try await DTIService.publish(year: try Self.year(req), actor: try req.official(), now: req.now, on: req.db)
    }

    /// The published ranking (public, like the province's own publication), optionally one group.
    @Sendable func ranking(req: Request) async throws -> [DTIService.RankingEntry] {
        let entries = try await DTIService.ranking(year: try Self.year(req), on: req.db)
        guard let raw = req.query[String.self, at: "group"] else { return entries }
        guard let group = DTIUnitGroup(rawValue: raw) else {
            throw Problem.invalid("Khối không hợp lệ", "group must be department or commune.", fields: ["group": "department hoặc commune."])
        }
        return entries.filter { $0.group == group }
    }
}

extension DTIService.Round: Content {}
extension DTIService.RankingEntry: Content {}
