import Foundation
import Indicators
import Testing

/// Item 1 (figures) and item 3 (exact): every figure of the fixture against counts made by hand from the table in
/// `Fixture`. R = received in June, H = handled in June (R plus carried over), E = 1/7/2025 00:00.
@Suite struct FiguresTests {
    let province = Figures.compute(facts: Fixture.dossiers, documents: Fixture.documents,
                                   scope: UnitScope(unitPath: Fixture.province), period: Fixture.june, now: Fixture.now)

    @Test func june_counts_for_the_whole_province_match_the_hand_count() {
        let f = province
        #expect(f.evaluatedAt == Fixture.vn(2025, 7, 1, 0))
        // R: X1-01…08 (8) + X2-01…07 (7) + S-01, 02, 03, 04, 07, 08 (6) + T-01…03 (3) = 24.
        // X1-11 (refused at intake) and X2-08 (pending) were never received; X1-09, X1-10, S-05, S-06 in May.
        #expect(f.received == 24)
        // online: X1-01, 03, 06, 08; X2-01, 03, 06; S-01, 02, 07; T-02 = 11
        // desk:   X1-02, 04, 07;     X2-02, 04, 07; S-03, 04, 08; T-01 = 10
        // postal: X1-05; X2-05; T-03 = 3
        #expect(f.receivedByChannel == [.online: 11, .desk: 10, .postal: 3])
        // Carried over: X1-09 (resolved 2/6), S-05 (resolved 9/6), S-06 (open). X1-10 ended in May, Q-01/02 in April.
        #expect(f.carriedOver == 3)
        #expect(f.handled == 27)
        // Early: X1-02, X1-09, X2-01, S-01, S-03 (19/6 10:00 − 120 h = 14/6 < 16/6), T-01 = 6
        #expect(f.resolvedEarly == 6)
        // On time: X1-01 (same day), X1-03 (9/6 09:00 − 72 h = 6/6 09:00 ≤ 6/6 17:00), X1-06, X2-02 (exactly at A),
        // X2-06, X2-07 (no time limit), T-02 = 7
        #expect(f.resolvedOnTime == 7)
        // Late: X1-04 (2 supplement requests), X1-05, X2-05, S-02, S-05, T-03 (18:00 > 17:00) = 6
        #expect(f.resolvedLate == 6)
        #expect(f.resolved == 19)
        // X2-04 withdrawn, S-04 stopped.
        #expect(f.closedWithoutResult == 2)
        // Open at E: X1-07, X1-08, X2-03 (awaiting supplement), S-06, S-07 (resolved only on 7/7), S-08 = 6;
        // 19 + 2 + 6 = 27 = H.
        #expect(f.open == 6)
        // Overdue: X1-07 (A 27/6), S-06 (A 10/6), S-08 (2 supplement requests) = 3.
        #expect(f.openOverdue == 3)
    }

    @Test func june_rates_for_the_whole_province_match_the_hand_count() {
        let f = province
        // 2.1: in time = 6 early + 7 on time + 2 closed early (X2-04, S-04) + 3 open in time (X1-08, X2-03, S-07) = 18 of 27.
        #expect(f.onTimeRate == Ratio(18, 27))
        #expect(f.onTimeRate.fraction == Fraction(2, 3))
        // 2.2: hours (result − receipt − pause) of the 19 resolved: 2 + 30 + 25 + 24 + 96 + 80 + 121 (X1) + 20 + 57 + 144
        // + 49 + 144 (X2) + 192 + 240 + 218 + 336 (S) + 312 + 336 + 346 (T) = 2772 h = 9 979 200 s.
        #expect(f.averageResolutionSeconds == Ratio(9_979_200, 19))
        #expect(f.onlineSubmissionRate == Ratio(11, 24))
        // Eligible procedures exclude XN (X2-07) and CC (S-04, S-08): 21; full online: X1-01, X1-06, X2-01, S-01, S-07, T-02.
        #expect(f.fullOnlineRate == Ratio(6, 21))
        // Fee > 0: X1-03, 04, 06, X2-02, 03, 06, S-01, 02, 03, 07 = 10; paid online: X1-03, 06, X2-03, 06, S-01, 07 = 6.
        #expect(f.onlinePaymentRate == Ratio(6, 10))
        // 4.2 fails: X1-04 (result not electronic), X1-05, X2-04, S-04, S-08, T-03 (no digitised components),
        // S-02 (result not electronic) = 7; 24 − 7 = 17.
        #expect(f.dossierDigitizationRate == Ratio(17, 24))
        // 4.1: R with a written result reached before E: X1-01…06, X2-01, 02, 05, 06, S-01, 02, 03 = 13
        // (withdrawn X2-04, stopped S-04 have no result; S-07's comes after E); electronic: all but X1-04, X1-05, S-02 = 10.
        #expect(f.resultDigitizationRate == Ratio(10, 13))
        // Reuse: X1-01, 03, 06, 08, X2-02, 06, S-01, 03, 07, T-02 = 10.
        #expect(f.dataReuseRate == Ratio(10, 24))
        // Citizen data store: X1-03, X1-06, X2-06, S-01, T-02 = 5.
        #expect(f.citizenDataStoreRate == Ratio(5, 24))
        // Population data: X1-01, 02, 06, 07, 08, X2-01, 06, 07, S-01, 02, 03, 07, T-01, 02 = 14.
        #expect(f.populationDataRate == Ratio(14, 24))
        // Not synced: X1-05, X2-05, S-08 → 21.
        #expect(f.syncRate == Ratio(21, 24))
        // 5.4 over H: late (X1-04, 05, 07, X2-05, S-02, 05, 06, 08, T-03 = 9) ∪ dissatisfied (X1-06 new, S-02 already)
        // ∪ complaint (X2-05, T-03 already late) = 10; 27 − 10 = 17.
        #expect(f.satisfactionRate == Ratio(17, 27))
        // Rated: X1-01, X1-06✗, X2-01, X2-06, S-01, S-02✗, T-02 = 7, 5 not dissatisfied.
        #expect(f.ratingSatisfactionRate == Ratio(5, 7))
        // Outgoing in June: 101, 102, 103 (STP), 12 (X1): signed 101, 102, 12 → 3/4. 30/UBND is in July.
        #expect(f.digitallySignedRate == Ratio(3, 4))
        // All June documents: 101✓, 102, 103, đến 55✓, 12✓ → 3/5 fully electronic.
        #expect(f.electronicExchangeRate == Ratio(3, 5))
        #expect(f.onlinePaymentRate.value == 0.6)
        #expect(f.syncRate.percent == 87.5)
    }

    @Test func a_department_counts_its_sub_units_only_when_asked() {
        let with = Figures.compute(facts: Fixture.dossiers, documents: Fixture.documents,
                                   scope: UnitScope(unitPath: Fixture.stp), period: Fixture.june, now: Fixture.now)
        // STP + TT: R = S-01, 02, 03, 04, 07, 08, T-01, 02, 03 = 9; online S-01, 02, 07, T-02; postal T-03.
        #expect(with.received == 9)
        #expect(with.receivedByChannel == [.online: 4, .desk: 4, .postal: 1])
        #expect(with.carriedOver == 2)                       // S-05, S-06
        #expect(with.resolvedEarly == 3)                     // S-01, S-03, T-01
        #expect(with.resolvedOnTime == 1)                    // T-02
        #expect(with.resolvedLate == 3)                      // S-02, S-05, T-03
        #expect(with.closedWithoutResult == 1)               // S-04
        #expect(with.open == 3)                              // S-06, S-07, S-08
        #expect(with.openOverdue == 2)                       // S-06, S-08
        #expect(with.onTimeRate == Ratio(6, 11))             // 3 + 1 + S-04 + S-07
        #expect(with.digitallySignedRate == Ratio(2, 3))     // 101, 102 of 101, 102, 103
        #expect(with.electronicExchangeRate == Ratio(2, 4))  // 101, đến 55

        let without = Figures.compute(facts: Fixture.dossiers, documents: Fixture.documents,
                                      scope: UnitScope(unitPath: Fixture.stp, includeSubUnits: false),
                                      period: Fixture.june, now: Fixture.now)
        #expect(without.received == 6)
        #expect(without.receivedByChannel == [.online: 3, .desk: 3, .postal: 0])
        #expect(without.resolvedEarly == 2)                  // S-01, S-03
        #expect(without.resolvedOnTime == 0)
        #expect(without.resolvedLate == 2)                   // S-02, S-05
        #expect(without.onTimeRate == Ratio(4, 8))           // S-01, S-03, S-04, S-07 of 8

        // The province unit itself holds no dossier.
        let provinceOnly = Figures.compute(facts: Fixture.dossiers, scope: UnitScope(unitPath: Fixture.province, includeSubUnits: false),
                                           period: Fixture.june, now: Fixture.now)
        #expect(provinceOnly.received == 0)
        #expect(provinceOnly.onTimeRate == Ratio(0, 0))
        #expect(provinceOnly.onTimeRate.value == nil)
    }

    @Test func a_level_keeps_only_the_dossiers_of_that_level() {
        let communes = Figures.compute(facts: Fixture.dossiers, scope: UnitScope(unitPath: Fixture.province, level: .commune),
                                       period: Fixture.june, now: Fixture.now)
        #expect(communes.received == 15)  // X1 8 + X2 7
        let provinceLevel = Figures.compute(facts: Fixture.dossiers, scope: UnitScope(unitPath: Fixture.province, level: .province),
                                            period: Fixture.june, now: Fixture.now)
        #expect(provinceLevel.received == 9)
        #expect(provinceLevel.handled == 11)
    }

    @Test func every_figure_has_a_definition_naming_its_fields() {
        #expect(FigureDefinition.all.map(\.key) == FigureKey.allCases)
        for definition in FigureDefinition.all {
            #expect(!definition.name.isEmpty && !definition.formula.isEmpty && !definition.reference.isEmpty)
        }
        #expect(province.value(.received) == .count(24))
        #expect(province.value(.onTimeRate).ratio == Ratio(18, 27))
    }
}
