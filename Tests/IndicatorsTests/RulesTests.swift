import Foundation
import Indicators
import Testing

/// The Decision 766 rules on small hand-made cases (domain reference §1.3 2.1 formula F, §2.5).
@Suite struct RulesTests {
    static func fact(appointment: Date? = Fixture.jun(6, 17), resolvedAt: Date? = nil,
                     status: DossierFact.Status = .resolved, requests: Int = 0, pause: TimeInterval = 0,
                     pendingSince: Date? = nil) -> DossierFact {
        DossierFact(code: "R", unitCode: "X01", unitPath: Fixture.x1, procedureCode: "CT", level: .commune,
                    channel: .desk, submittedAt: Fixture.jun(5), receivedAt: Fixture.jun(5), appointment: appointment,
                    resolvedAt: resolvedAt, status: status, supplementRequests: requests, supplementPause: pause,
                    pendingSupplementSince: pendingSince)
    }

    static let e = Fixture.vn(2025, 7, 1, 0)

    @Test func the_supplement_time_is_subtracted_before_comparing_with_the_appointment() {
        // Resolved 9/6 09:00 against 6/6 17:00: late on the clock…
        #expect(Classification766.classify(Self.fact(resolvedAt: Fixture.jun(9, 9)), at: Self.e)?.timeliness == .late)
        // …on time after subtracting a 72-hour pause (6/6 09:00, the appointment's day)…
        let paused = Classification766.classify(Self.fact(resolvedAt: Fixture.jun(9, 9), requests: 1, pause: 72 * 3600), at: Self.e)
        #expect(paused?.timeliness == .onTime)
        #expect(paused?.effectiveEnd == Fixture.jun(6, 9))
        // …and early with a 96-hour pause (5/6 09:00, a day before).
        #expect(Classification766.classify(Self.fact(resolvedAt: Fixture.jun(9, 9), requests: 1, pause: 96 * 3600), at: Self.e)?
            .timeliness == .early)
    }

    @Test func more_than_one_supplement_request_makes_a_dossier_late() {
        // Resolved a day early, but asked for supplements twice.
        #expect(Classification766.classify(Self.fact(resolvedAt: Fixture.jun(5, 10), requests: 1), at: Self.e)?.timeliness == .early)
        #expect(Classification766.classify(Self.fact(resolvedAt: Fixture.jun(5, 10), requests: 2), at: Self.e)?.timeliness == .late)
        // Still open, far from its appointment, twice asked: late too.
        let open = Self.fact(appointment: Fixture.jun(30, 17), status: .processing, requests: 2)
        #expect(Classification766.classify(open, at: Fixture.jun(10))?.timeliness == .late)
    }

    @Test func a_dossier_waiting_for_a_supplement_ends_at_the_request() {
        let waiting = Self.fact(status: .awaitingSupplement, requests: 1, pendingSince: Fixture.jun(6, 9))
        let c = Classification766.classify(waiting, at: Self.e)
        #expect(c?.state == .open)
        #expect(c?.timeliness == .inTime)            // 6/6 09:00 ≤ 6/6 17:00, although E is weeks later
        let askedLate = Self.fact(status: .awaitingSupplement, requests: 1, pendingSince: Fixture.jun(7, 9))
        #expect(Classification766.classify(askedLate, at: Self.e)?.timeliness == .late)
    }

    @Test func an_open_dossier_is_measured_at_the_evaluation_instant_and_no_limit_is_never_late() {
        let open = Self.fact(status: .processing)
        #expect(Classification766.classify(open, at: Fixture.jun(6, 16))?.timeliness == .inTime)
        #expect(Classification766.classify(open, at: Fixture.jun(6, 18))?.timeliness == .late)
        #expect(Classification766.classify(open, at: Fixture.jun(5, 8)) == nil)  // not received strictly before
        let noLimit = Self.fact(appointment: nil, resolvedAt: Fixture.jun(30))
        #expect(Classification766.classify(noLimit, at: Self.e)?.timeliness == .onTime)
    }

    /// Ten June dossiers of one commune, `reused` of them reusing data and `late` of them late.
    static func ten(reused: Int, late: Int) -> [DossierFact] {
        (0..<10).map { i in
            var f = fact(resolvedAt: i < late ? Fixture.jun(7, 9) : Fixture.jun(6, 9))
            f.code = "R-\(i)"
            f.reusedData = i < reused
            f.syncedToNationalPortal = true
            return f
        }
    }

    static func score(_ facts: [DossierFact], configuration: Index766Configuration = .decision766,
                      inputs: ExternalInputs = ExternalInputs()) -> Index766Result {
        Index766.score(facts: facts, scope: UnitScope(unitPath: Fixture.x1), period: Fixture.june, now: Fixture.now,
                       inputs: inputs, configuration: configuration)
    }

    @Test func a_rate_at_or_above_its_threshold_scores_full_points() {
        // 4.3 (2 points, threshold 80%): 9/10 → 2; 8/10 → 2 (exactly at the threshold); 4/10 → 2 × 0.4 ÷ 0.8 = 1.
        #expect(Self.score(Self.ten(reused: 9, late: 0)).score(.dataReuse).points == 2)
        #expect(Self.score(Self.ten(reused: 8, late: 0)).score(.dataReuse).points == 2)
        #expect(Self.score(Self.ten(reused: 4, late: 0)).score(.dataReuse).points == 1)
        // 5.4 (6 points, threshold 90%): 1 late of 10 → 9/10 → 6; 2 late → 8/10 → 6 × 0.8 ÷ 0.9 = 16/3.
        #expect(Self.score(Self.ten(reused: 0, late: 1)).score(.procedureSatisfaction).points == 6)
        #expect(Self.score(Self.ten(reused: 0, late: 2)).score(.procedureSatisfaction).points == Fraction(16, 3))
        // 2.1 has no threshold: 8/10 → 16.
        #expect(Self.score(Self.ten(reused: 0, late: 2)).score(.processedOnTime).points == 16)
    }

    @Test func the_sync_rate_falls_back_on_last_year_then_on_the_platform_count() {
        let facts = Fixture.dossiers
        let all = UnitScope(unitPath: Fixture.province)
        func sync(_ inputs: ExternalInputs, _ c: Index766Configuration = .decision766) -> IndicatorScore {
            Index766.score(facts: facts, scope: all, period: Fixture.june, now: Fixture.now, inputs: inputs,
                           configuration: c).score(.syncedToNationalPortal)
        }
        // No national count: last year's 300 ÷ 12 = 25 per month → 21 × 12 / 300 = 21/25 → 6 × 21/25 = 126/25.
        #expect(sync(ExternalInputs(lastYearReceived: 300)).raw == Ratio(252, 300))
        #expect(sync(ExternalInputs(lastYearReceived: 300)).points == Fraction(126, 25))
        // Nothing given: the platform's own 24 received → 21/24 → 6 × 7/8 = 21/4.
        #expect(sync(ExternalInputs()).raw == Ratio(21, 24))
        #expect(sync(ExternalInputs()).points == Fraction(21, 4))
        // Fallback switched off: not measured, 0 points (or full points if so configured).
        var strict = Index766Configuration.decision766
        strict.syncFallsBackToPlatformCount = false
        #expect(sync(ExternalInputs(), strict).measurement == .notMeasured)
        #expect(sync(ExternalInputs(), strict).points == 0)
        strict.notMeasured = .fullPoints
        #expect(sync(ExternalInputs(), strict).points == 6)
    }

    @Test func missing_inputs_and_empty_denominators_follow_the_configuration() {
        // No input for 1.1: not measured, 0 points by default.
        let r = Self.score(Self.ten(reused: 0, late: 0))
        #expect(r.score(.publishedOnTime).measurement == .notMeasured && r.score(.publishedOnTime).points == 0)
        #expect(r.score(.electronicCopyCertification).measurement == .notMeasured)
        // No dossier at all: 2.1 has no data → full 20 points by default, 0 when configured so.
        let empty = Self.score([])
        #expect(empty.score(.processedOnTime).measurement == .noData)
        #expect(empty.score(.processedOnTime).points == 20)
        var c = Index766Configuration.decision766
        c.emptyDenominator = .zeroPoints
        #expect(Self.score([], configuration: c).score(.processedOnTime).points == 0)
        // 4.A is a yes/no input.
        #expect(Self.score([], inputs: ExternalInputs(electronicCopyCertification: false)).score(.electronicCopyCertification).points == 0)
        #expect(Self.score([], inputs: ExternalInputs(electronicCopyCertification: true)).score(.electronicCopyCertification).points == 2)
    }

    @Test func fractions_are_exact_and_reduced() {
        #expect(Fraction(6, 8) == Fraction(3, 4))
        #expect(Fraction(1, -2) == Fraction(-1, 2))
        #expect(Fraction(1, 3) + Fraction(1, 6) == Fraction(1, 2))
        #expect(Fraction(2, 3) * Fraction(9, 4) == Fraction(3, 2))
        #expect(Fraction(2, 3) / Fraction(4, 9) == Fraction(3, 2))
        #expect(Fraction(2, 3) < Fraction(3, 4))
        #expect(Fraction(27, 2).description == "27/2" && Fraction(5).description == "5")
        #expect(Ratio(2, 3) * Ratio(3, 4) == Ratio(6, 12))
    }
}
