import Foundation
import Indicators
import Testing

/// Item 4 (instant at scale): running totals per day (`FigureCounts`, `FigureTally`) give exactly the figures that
/// `Figures.compute` counts from every dossier, for any period that contains `now`.
@Suite struct FigureCountsTests {
    static func expectSame(_ facts: [DossierFact], scope: UnitScope, period: Period, now: Date,
                           sourceLocation: SourceLocation = #_sourceLocation) {
        let full = Figures.compute(facts: facts, documents: Fixture.documents, scope: scope, period: period, now: now)
        let documents = Figures.documentRates(Fixture.documents, scope: scope, period: period, evaluatedAt: min(now, period.end))
        let fast = FigureTally.of(facts, scope: scope, period: period, now: now)
            .figures(scope: scope, period: period, now: now, documents: documents)
        for key in FigureKey.allCases {
            #expect(fast.value(key) == full.value(key), "\(key) of \(scope.unitPath) in \(period) at \(now)",
                    sourceLocation: sourceLocation)
        }
    }

    @Test func the_fixture_gives_the_same_figures_from_running_totals() {
        // setup: the fixture's 33 dossiers as known on 10/7/2025; periods that contain that day
        let periods: [Period] = [.month(year: 2025, month: 7), .quarter(year: 2025, quarter: 3), .year(2025)]
        let scopes = [Fixture.province, Fixture.x1, Fixture.x2, Fixture.stp, Fixture.tt].map { UnitScope(unitPath: $0) }
            + [UnitScope(unitPath: Fixture.stp, includeSubUnits: false), UnitScope(unitPath: Fixture.province, level: .commune)]
        // act and check
        for period in periods {
            for scope in scopes { Self.expectSame(Fixture.dossiers, scope: scope, period: period, now: Fixture.now) }
        }
    }

    @Test func the_open_dossiers_become_overdue_as_time_passes_without_any_change() {
        // setup: X1-07 (appointment 27/6 17:00) and S-08 (two supplement requests) are open
        let scope = UnitScope(unitPath: Fixture.province)
        let july = Period.month(year: 2025, month: 7)
        // act
        let before = FigureTally.of(Fixture.dossiers, scope: scope, period: .month(year: 2025, month: 6), now: Fixture.vn(2025, 6, 27, 17))
        let after = FigureTally.of(Fixture.dossiers, scope: scope, period: july, now: Fixture.now)
        // check: at the appointment X1-07 is not late yet (late only after it); later it is
        #expect(after.openOverdue > before.openOverdue)
        Self.expectSame(Fixture.dossiers, scope: scope, period: july, now: Fixture.now)
    }

    @Test func random_dossiers_give_the_same_figures_from_running_totals() {
        // setup: 600 dossiers with random histories, flags and outcomes over 2025, seen on 20/11/2025
        var random = SplitMix(seed: 766)
        let now = Fixture.vn(2025, 11, 20, 15)
        let facts = (0..<600).map { Self.randomFact($0, now: now, random: &random) }
        // act and check: every month, quarter and the year that contain `now`, for several scopes
        let scopes = [UnitScope(unitPath: "/08/"), UnitScope(unitPath: "/08/X01/"), UnitScope(unitPath: "/08/STP/"),
                      UnitScope(unitPath: "/08/STP/", includeSubUnits: false), UnitScope(unitPath: "/08/", level: .province)]
        for period: Period in [.month(year: 2025, month: 11), .quarter(year: 2025, quarter: 4), .year(2025)] {
            for scope in scopes { Self.expectSame(facts, scope: scope, period: period, now: now) }
        }
    }

    @Test func every_column_is_added_and_negated() {
        for column in FigureCounts.columns {
            // setup: only this column counts
            var one = FigureCounts()
            one[keyPath: column.keyPath] = 1
            // act
            let two = one + one
            let none = one + -one
            // check
            #expect(two[keyPath: column.keyPath] == 2, "\(column.name)")
            #expect((-one)[keyPath: column.keyPath] == -1, "\(column.name)")
            #expect(none.isZero && !two.isZero, "\(column.name)")
        }
    }

    @Test func taking_a_contribution_back_leaves_nothing() {
        // setup
        let fact = Fixture.dossiers[0]
        // act
        var total = FigureCounts()
        for (_, counts) in FigureCounts.contributions(of: fact) { total += counts; total += -counts }
        // check
        #expect(total.isZero)
        #expect(FigureCounts.contributions(of: fact).reduce(FigureCounts()) { $0 + $1.counts }.received == 1)
    }

    /// A dossier with a random but consistent history (received ≤ ended ≤ now).
    static func randomFact(_ n: Int, now: Date, random: inout SplitMix) -> DossierFact {
        let units: [(String, AdministrativeLevel)] = [("/08/X01/", .commune), ("/08/X02/", .commune),
                                                      ("/08/STP/", .province), ("/08/STP/TT/", .province)]
        let (path, level) = units[random.next(units.count)]
        let start = Fixture.vn(2024, 12, 1, 0).timeIntervalSince1970
        let submitted = Date(timeIntervalSince1970: start + Double(random.next(Int(now.timeIntervalSince1970 - start))))
        let received: Date? = random.next(10) == 0 ? nil : submitted.addingTimeInterval(Double(random.next(3 * 3600)))
        let appointment: Date? = random.next(8) == 0 ? nil : received?.addingTimeInterval(Double(random.next(15 * 86_400)))
        let channels = DossierFact.Channel.allCases
        var fact = DossierFact(code: "R-\(n)", unitCode: path, unitPath: path, procedureCode: "P\(random.next(5))",
                               level: level, channel: channels[random.next(3)], submittedAt: submitted,
                               receivedAt: received.map { min($0, now) }, appointment: appointment,
                               status: received == nil ? .pending : .processing,
                               procedureFullOnlineEligible: random.next(2) == 0, feeDue: random.next(3) == 0 ? 50_000 : 0,
                               requiresResultDocument: random.next(3) != 0)
        fact.supplementRequests = random.next(6) == 0 ? random.next(3) : 0
        fact.supplementPause = fact.supplementRequests > 0 && random.next(2) == 0 ? Double(random.next(200_000)) : 0
        fact.isFullOnline = random.next(2) == 0
        fact.paidOnline = random.next(2) == 0
        fact.componentsDigitized = random.next(4) != 0
        fact.reusedData = random.next(3) == 0
        fact.usedCitizenDataStore = random.next(4) == 0
        fact.usedPopulationData = random.next(3) == 0
        fact.syncedToNationalPortal = random.next(2) == 0
        fact.hasComplaint = random.next(15) == 0
        guard let received = fact.receivedAt else { return fact }
        let endAt = received.addingTimeInterval(Double(random.next(25 * 86_400)))
        guard endAt < now else {
            if random.next(3) == 0 {
                fact.status = .awaitingSupplement
                fact.pendingSupplementSince = received.addingTimeInterval(Double(random.next(Int(now.timeIntervalSince(received)) + 1)))
            }
            return fact
        }
        switch random.next(6) {
        case 0: fact.status = [.refused, .stopped, .withdrawn][random.next(3)]; fact.closedAt = endAt
        case 1: fact.status = .resolved; fact.resolvedAt = endAt; fact.resultDigitized = random.next(2) == 0
        default:
            fact.status = .returned
            fact.resolvedAt = random.next(5) == 0 ? nil : endAt
            fact.returnedAt = min(now.addingTimeInterval(-1), endAt.addingTimeInterval(3600))
            fact.resultDigitized = random.next(2) == 0
            fact.rating = random.next(2) == 0 ? nil : DossierFact.Rating.allCases[random.next(3)]
        }
        return fact
    }
}

/// A small seeded generator (SplitMix64), so the random dossiers are the same on every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    /// A number in 0..<bound.
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(max(bound, 1)))
    }
}
