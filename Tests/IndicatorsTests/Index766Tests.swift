import Foundation
import Indicators
import Testing

/// Item 2 and 3: every point of the Decision 766 index for the fixture, computed by hand.
@Suite struct Index766Tests {
    /// External inputs for the province in June (as if read from the national systems and the catalog).
    static let inputs = ExternalInputs(
        proceduresPublishedOnTime: Ratio(45, 50), proceduresDisclosedOnTime: Ratio(40, 50), proceduresFullyDisclosed: nil,
        reportingSystemReceived: 28, nationalPortalReceived: 25, lastYearReceived: nil,
        proceduresOfferingOnlineService: Ratio(90, 100), onlineServiceCount: 8, proceduresWithFees: 3,
        electronicCopyCertification: true, citizenProcedureCount: 6,
        feedback: FeedbackInputs(total: 20, aboutRegulations: 12, handledOnTime: 18, dissatisfiedOrLate: 3))

    static let result = Index766.score(facts: Fixture.dossiers, scope: UnitScope(unitPath: Fixture.province),
                                       period: Fixture.june, now: Fixture.now, inputs: inputs)

    @Test func the_default_configuration_is_the_reference_and_valid() {
        let c = Index766Configuration.decision766
        #expect(c.validate().isEmpty)
        #expect(Index766Group.allCases.map { c.groupMaxPoints[$0]! } == [18, 20, 22, 22, 18])
        #expect(c.rules[.processedOnTime]?.pointsUnverified == false)
        #expect(c.rules[.fullOnlineDossiers]?.pointsUnverified == true)
        #expect(c.rules[.procedureSatisfaction]?.thresholdPercent == 90)
        #expect(Index766Indicator.allCases.count == 24)
    }

    /// (indicator, raw, points) — points = max × min(1, raw ÷ threshold).
    static let expected: [(Index766Indicator, Ratio?, Fraction)] = [
        (.publishedOnTime, Ratio(45, 50), Fraction(27, 5)),          // 6 × 0.9
        (.disclosedOnTime, Ratio(40, 50), Fraction(16, 5)),          // 4 × 0.8
        (.fullyDisclosed, nil, 0),                                   // not measured → 0
        (.syncedToNationalPortal, Ratio(21, 28), Fraction(9, 2)),    // 21 synced / max(28, 25); 6 × 3/4
        (.processedOnTime, Ratio(18, 27), Fraction(40, 3)),          // 20 × 2/3
        (.averageResolutionTime, Ratio(9_979_200, 19), 0),           // informational
        (.onlineServiceProvision, Ratio(90, 100), 0),                // 0 points by default
        // (unit, procedure) pairs with online dossiers: X01 KS, X01 CT, X02 KS, X02 CT, STP LLTP, TT TGPL = 6 of 8
        (.onlineServiceUsage, Ratio(6, 8), 0),
        // online and (no written result, no result yet or e-result): the 11 online minus S-02 = 10; 10/24 × 21/28 = 5/16
        (.onlineSubmission, Ratio(210, 672), 0),
        (.fullOnlineDossiers, Ratio(6, 21), Fraction(24, 7)),        // 12 × 2/7
        // procedures with fee data synced: CT, LLTP = 2 of 3; 2 × (2/3 ÷ 0.8) = 5/3
        (.feeIntegration, Ratio(2, 3), Fraction(5, 3)),
        (.onlinePaymentProcedures, Ratio(2, 3), Fraction(4, 3)),     // CT, LLTP paid online; 2 × 2/3
        (.onlinePayment, Ratio(6, 10), Fraction(18, 5)),             // 6 × 0.6
        (.electronicResults, Ratio(10, 13), Fraction(60, 13)),       // 6 × 10/13
        (.dossierDigitization, Ratio(17, 24), Fraction(85, 24)),     // 4 × (17/24 ÷ 0.8) = 4 × 85/96
        (.electronicCopyCertification, nil, 2),                      // yes
        (.dataReuse, Ratio(10, 24), Fraction(25, 24)),               // 2 × (5/12 ÷ 0.8) = 2 × 25/48
        (.citizenDataStore, Ratio(5, 24), Fraction(5, 6)),           // 4 × 5/24
        // procedures with population data: KS, CT, XN, LLTP, TGPL = 5 of 6; 2 × 5/6
        (.populationDataProcedures, Ratio(5, 6), Fraction(5, 3)),
        (.populationDataDossiers, Ratio(14, 24), Fraction(7, 6)),    // 2 × 7/12
        (.feedbackByCategory, Ratio(12, 20), 0),                     // informational
        (.feedbackOnTime, Ratio(18, 20), Fraction(27, 5)),           // 6 × 0.9
        (.feedbackSatisfaction, Ratio(17, 20), Fraction(51, 10)),    // 6 × (20 − 3)/20
        (.procedureSatisfaction, Ratio(17, 27), Fraction(340, 81)),  // 6 × (17/27 ÷ 0.9) = 6 × 170/243
    ]

    @Test func every_indicator_of_june_scores_the_hand_computed_points() {
        #expect(Self.result.indicators.map(\.indicator) == Self.expected.map(\.0))
        for (indicator, raw, points) in Self.expected {
            let s = Self.result.score(indicator)
            #expect(s.raw == raw, "\(indicator.code) raw")
            #expect(s.points == points, "\(indicator.code) points \(s.points)")
        }
        #expect(Self.result.score(.fullyDisclosed).measurement == .notMeasured)
        #expect(Self.result.score(.electronicCopyCertification).answer == true)
        #expect(Self.result.score(.onlineSubmission).raw?.fraction == Fraction(5, 16))
    }

    @Test func group_totals_and_the_total_match_the_hand_sums() {
        let g = Self.result.groupPoints
        #expect(g[.transparency] == Fraction(131, 10))     // 27/5 + 16/5 + 0 + 9/2
        #expect(g[.progress] == Fraction(40, 3))
        #expect(g[.onlineServices] == Fraction(351, 35))   // 24/7 + 5/3 + 4/3 + 18/5 = (120 + 105 + 126)/35
        #expect(g[.digitization] == Fraction(773, 52))     // 60/13 + 85/24 + 2 + 25/24 + 5/6 + 5/3 + 7/6 = 60/13 + 41/4
        #expect(g[.satisfaction] == Fraction(2381, 162))   // 27/5 + 51/10 + 340/81 = 21/2 + 340/81
        // 131/10 + 40/3 + 351/35 + 773/52 + 2381/162 = 9 733 379 / 147 420 ≈ 66.02
        #expect(Self.result.total == Fraction(9_733_379, 147_420))
        #expect(abs(Self.result.total.doubleValue - 66.0248) < 0.0001)
    }

    /// Only 2.1 scores (20 points): a configuration change, and rankings computable by hand.
    static var progressOnly: Index766Configuration {
        var c = Index766Configuration.decision766
        for indicator in Index766Indicator.allCases where indicator != .processedOnTime { c.rules[indicator]?.points = 0 }
        return c
    }

    @Test func units_are_ranked_by_total_and_ties_share_a_rank() {
        let c = Self.progressOnly
        #expect(c.validate().count == 4)  // groups 1, 3, 4, 5 no longer add up
        let results = Index766.score(facts: Fixture.dossiers, units: [
            "X01": UnitScope(unitPath: Fixture.x1),
            "X01b": UnitScope(unitPath: Fixture.x1),
            "X02": UnitScope(unitPath: Fixture.x2),
            "STP": UnitScope(unitPath: Fixture.stp),
        ], period: Fixture.june, now: Fixture.now, configuration: c)
        // X1: 6 of 9 in time (X1-01, 02, 03, 06, 08, 09) → 40/3; X2: 6 of 7 (all but X2-05) → 120/7;
        // STP with TT: 6 of 11 → 120/11.
        #expect(results["X01"]?.total == Fraction(40, 3))
        #expect(results["X02"]?.total == Fraction(120, 7))
        #expect(results["STP"]?.total == Fraction(120, 11))
        let ranking = Index766.rank(results)
        #expect(ranking.map(\.unit) == ["X02", "X01", "X01b", "STP"])
        #expect(ranking.map(\.rank) == [1, 2, 2, 4])
    }

    @Test func competition_ranking_lists_ties_by_key() {
        let r = Ranking.rank(["D": 8, "C": 10, "B": 12, "A": 10, "E": Fraction(8, 1)])
        #expect(r.map(\.unit) == ["B", "A", "C", "D", "E"])
        #expect(r.map(\.rank) == [1, 2, 2, 4, 4])
    }
}
