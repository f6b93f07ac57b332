import Foundation
import Indicators
import Testing

/// Item 7: the DTI framework, evaluations with reviewer corrections, and the ranking per group.
@Suite struct DTITests {
    @Test func the_seed_has_the_922_structure() {
        let f = DTIFramework.decision922
        #expect(f.validate().isEmpty)
        #expect(f.pillars.count == 9)
        #expect(f.maxPoints == 1000)
        #expect(f.pillars.compactMap(\.componentCount).reduce(0, +) == 98)
        #expect(f.pillars.filter { $0.section == .foundation }.reduce(0) { $0 + $1.maxPoints } == 500)
        #expect(f.pillars.filter { $0.section == .activity }.reduce(0) { $0 + $1.maxPoints } == 500)
        // Without configured components a pillar is one self-assessed indicator; the unscored one has none.
        let awareness = f.pillars[0]
        #expect(awareness.effectiveIndicators.map(\.maxPoints) == [100])
        #expect(f.pillars.first { $0.code == "doThiThongMinh" }?.effectiveIndicators.isEmpty == true)
        let evaluation = DTIEvaluation(unitCode: "X01", group: .commune, answers: [
            "nhanThucSo": DTIAnswer(.points(80), evidence: ["KH 12/KH-UBND"]),
            "theCheSo": DTIAnswer(.points(50)),  // no evidence → 0
        ])
        let score = evaluation.score(framework: f, figures: nil)
        #expect(score.total == 80)
        #expect(score.indicators.first { $0.indicator == "theCheSo" }?.missingEvidence == true)
    }

    /// A small provincial framework for departments and communes: two pillars, four indicators, 100 points.
    static let framework = DTIFramework(code: "TQ-2025", name: "Bộ chỉ số DTI sở, xã (thử)", pillars: [
        DTIPillar(code: "CQS", name: "Chính quyền số", section: .activity, maxPoints: 60, indicators: [
            DTIIndicator(code: "CQS.1", name: "Tỷ lệ hồ sơ nộp trực tuyến", maxPoints: 30, evidenceRequired: false,
                         method: .platformFigure(.onlineSubmissionRate, thresholdPercent: 50)),
            DTIIndicator(code: "CQS.2", name: "Có kế hoạch chuyển đổi số năm", maxPoints: 10, evidenceRequired: true,
                         method: .yesNo),
            DTIIndicator(code: "CQS.3", name: "Tỷ lệ văn bản đi được ký số", maxPoints: 20, evidenceRequired: false,
                         method: .platformFigure(.digitallySignedRate, thresholdPercent: 100)),
        ]),
        DTIPillar(code: "NL", name: "Nhân lực số", section: .foundation, maxPoints: 40, indicators: [
            DTIIndicator(code: "NL.1", name: "Cán bộ được đào tạo kỹ năng số", maxPoints: 40, evidenceRequired: true,
                         method: .selfAssessed),
        ]),
    ])

    static func figures(_ path: String) -> Figures {
        Figures.compute(facts: Fixture.dossiers, documents: Fixture.documents, scope: UnitScope(unitPath: path),
                        period: Fixture.june, now: Fixture.now)
    }

    static let round = DTIRound(framework: framework, evaluations: [
        DTIEvaluation(unitCode: "X01", group: .commune, answers: [
            "CQS.2": DTIAnswer(.yes, evidence: ["KH 05/KH-UBND"]),
            "NL.1": DTIAnswer(.points(30), evidence: ["DS đào tạo"]),
        ]),
        DTIEvaluation(unitCode: "X02", group: .commune, answers: [
            "CQS.2": DTIAnswer(.yes),                                   // no evidence → 0 …
            "NL.1": DTIAnswer(.points(35), evidence: ["DS đào tạo"]),
        ], corrections: [
            "CQS.2": DTICorrection(points: 10, comment: "Đã bổ sung minh chứng tại buổi thẩm định", reviewer: "Sở KH&CN"),
            "NL.1": DTICorrection(points: 25, comment: "Chỉ 5 cán bộ có chứng chỉ", reviewer: "Sở KH&CN"),
        ]),
        DTIEvaluation(unitCode: "STP", group: .department, answers: [
            "CQS.2": DTIAnswer(.yes, evidence: ["KH 20/KH-STP"]),
            "NL.1": DTIAnswer(.points(50), evidence: ["DS"]),         // above the maximum → 40
        ]),
        DTIEvaluation(unitCode: "SYT", group: .department, answers: [
            "CQS.2": DTIAnswer(.yes, evidence: ["KH 3/KH-SYT"]),
            "NL.1": DTIAnswer(.points(40), evidence: ["DS"]),
        ], corrections: [
            // No platform figures for SYT (its dossiers run elsewhere): the reviewer scores the computed ones.
            "CQS.1": DTICorrection(points: 30, comment: "Số liệu từ hệ thống chuyên ngành y tế"),
            "CQS.3": DTICorrection(points: 10, comment: "Báo cáo văn thư quý II"),
        ]),
        DTIEvaluation(unitCode: "SNV", group: .department, answers: [
            "CQS.2": DTIAnswer(.no),
            "NL.1": DTIAnswer(.points(40), evidence: ["DS"]),
        ]),
    ], figures: ["X01": figures(Fixture.x1), "X02": figures(Fixture.x2), "STP": figures(Fixture.stp)])

    @Test func scores_use_figures_evidence_and_reviewer_corrections() {
        #expect(Self.framework.validate().isEmpty)
        let scores = Self.round.scores()
        // X1: online 4 of 8 = 50% ≥ threshold → 30; plan with evidence 10; signed 1/1 → 20; 30 → 90.
        #expect(scores["X01"]?.total == 90)
        // X2: online 3 of 7 → 30 × (3/7 ÷ 1/2) = 180/7; plan corrected to 10; no outgoing document in June → 0;
        // training corrected from 35 to 25 → 180/7 + 35 = 425/7.
        let x2 = scores["X02"]!
        #expect(x2.total == Fraction(425, 7))
        #expect(x2.pillarPoints["CQS"] == Fraction(250, 7))
        let plan = x2.indicators.first { $0.indicator == "CQS.2" }!
        #expect(plan.assessed == 0 && plan.missingEvidence && plan.points == 10)
        #expect(plan.correction?.comment == "Đã bổ sung minh chứng tại buổi thẩm định")
        #expect(x2.indicators.first { $0.indicator == "NL.1" }?.assessed == 35)
        // STP (with TT): online 4 of 9 → 30 × 8/9 = 80/3; plan 10; signed 2/3 → 40/3; training clamped to 40 → 90.
        #expect(scores["STP"]?.total == 90)
        // SYT: corrected 30 + 10 + corrected 10 + 40 = 90. SNV: 0 + 0 + 0 + 40 = 40.
        #expect(scores["SYT"]?.total == 90)
        #expect(scores["SNV"]?.total == 40)
    }

    @Test func a_computed_indicator_must_read_a_rate_with_a_sensible_threshold() {
        var f = Self.framework
        f.pillars[0].indicators[0].method = .platformFigure(.received, thresholdPercent: 0)
        #expect(f.validate() == ["CQS.1: received is a count, not a rate", "CQS.1: threshold 0%"])
        f.pillars[1].indicators[0].maxPoints = 30
        #expect(f.validate().last == "NL: indicators sum to 30, pillar is worth 40")
    }

    @Test func units_are_ranked_within_their_group() {
        let communes = Self.round.ranking(by: .commune)
        #expect(communes.map(\.unit) == ["X01", "X02"])
        #expect(communes.map(\.rank) == [1, 2])
        let departments = Self.round.ranking(by: .department)
        #expect(departments.map(\.unit) == ["STP", "SYT", "SNV"])  // STP and SYT tie at 90, listed by code
        #expect(departments.map(\.rank) == [1, 1, 3])
        #expect(departments.map(\.points) == [90, 90, 40])
    }
}

@Suite struct DTISeedTests {
    @Test func the_platform_seed_keeps_the_922_structure_and_fills_what_the_platform_measures() {
        // setup
        let seed = DTIFramework.platformSeed
        // check: the 922 pillars and points are unchanged, the split is valid, and 6 indicators read platform figures
        #expect(seed.pillars.map(\.code) == DTIFramework.decision922.pillars.map(\.code))
        #expect(seed.maxPoints == 1000)
        #expect(seed.validate().isEmpty, "\(seed.validate())")
        let computed = seed.pillars.flatMap(\.indicators).filter { if case .platformFigure = $0.method { true } else { false } }
        #expect(computed.count == 6)
        // a JSON round trip gives the same framework (it is stored per year)
        let data = try? JSONEncoder().encode(seed)
        #expect(data.flatMap { try? JSONDecoder().decode(DTIFramework.self, from: $0) } == seed)
    }
}
