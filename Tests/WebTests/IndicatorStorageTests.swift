import Foundation
import Indicators
import Storage
import Testing
import Vapor

/// The stored running totals answer exactly what the pure computation answers: the year rows beside the month rows,
/// and the open dossiers' deadline buckets (late now = the buckets before now's + the facts of now's bucket whose
/// deadline has passed), at instants on, just before and just after bucket boundaries — on both engines.
@Suite struct IndicatorStorageTests {
    /// A bucket of `indicator_open_deadlines` is 2^17 seconds wide.
    static let bucket = 131_072.0

    /// Open, closed, waiting and twice-supplemented dossiers of two units, with deadlines spread around the bucket
    /// boundaries near `around` (±3 buckets), received in 2025 and 2026.
    static func facts(around: Date) -> [DossierFact] {
        let boundary = (around.timeIntervalSince1970 / bucket).rounded(.down) * bucket
        let offsets: [Double] = [-3 * bucket, -bucket - 1, -bucket, -1, 0, 1, 3600, bucket / 2, bucket - 1, bucket, 2 * bucket + 5]
        var facts: [DossierFact] = []
        let units: [(code: String, path: String, level: AdministrativeLevel)] = [("X01", "/08/X01/", .commune), ("STP", "/08/STP/", .province)]
        for (unit, (code, path, level)) in units.enumerated() {
            for (index, offset) in offsets.enumerated() {
                for variant in 0..<4 {
                    let appointment = Date(timeIntervalSince1970: boundary + offset)
                    let received = appointment.addingTimeInterval(-Double(10 + index) * 86_400 - Double(unit) * 400 * 86_400)
                    var fact = DossierFact(code: "T-\(path)-\(index)-\(variant)", unitCode: code, unitPath: path,
                                           procedureCode: "P1", level: level, channel: .online, submittedAt: received,
                                           receivedAt: received, appointment: appointment, status: .processing,
                                           procedureFullOnlineEligible: true, feeDue: 0, requiresResultDocument: true)
                    switch variant {
                    case 1: fact.hasComplaint = true   // of concern
                    case 2: fact.supplementRequests = 2   // late from the start
                    case 3: fact.status = .resolved; fact.resolvedAt = received.addingTimeInterval(86_400)   // ended
                    default: break
                    }
                    facts.append(fact)
                }
            }
        }
        return facts
    }

    @Test(arguments: Engine.all)
    func stored_totals_and_deadline_buckets_answer_what_the_pure_computation_answers(engine: Engine) async throws {
        try await withPlatform(engine, seeded: false) { app in
            // setup: the dossiers' facts applied as their changes would apply them
            let around = Date(timeIntervalSince1970: 1_780_000_000)   // June 2026
            var facts = Self.facts(around: around)
            try await DossierFactStore.apply(facts.map { (nil, $0) }, on: app.db)
            // one change after another: an open dossier ends, an ended one is reopened by a correction
            let closing = try #require(facts.firstIndex { $0.status == .processing && !$0.hasComplaint })
            var closed = facts[closing]
            closed.status = .returned
            closed.resolvedAt = closed.appointment
            closed.returnedAt = closed.appointment
            try await DossierFactStore.apply([(facts[closing], closed)], on: app.db)
            facts[closing] = closed

            // act and check: instants on, before and after the boundaries, for the year, a quarter and a month
            let boundary = (around.timeIntervalSince1970 / Self.bucket).rounded(.down) * Self.bucket
            let scopes = [UnitScope(unitPath: "/08/"), UnitScope(unitPath: "/08/X01/"), UnitScope(unitPath: "/08/STP/", includeSubUnits: false)]
            for offset in [-Self.bucket, -1, 0, 1, 3600, Self.bucket / 2, Self.bucket, Self.bucket + 1] {
                let now = Date(timeIntervalSince1970: boundary + offset)
                let day = Period.Day(of: now)
                for period: Period in [.year(day.year), .quarter(year: day.year, quarter: (day.month - 1) / 3 + 1),
                                       .month(year: day.year, month: day.month)] {
                    let tallies = try await IndicatorQueries.tallies(period: period, now: now, on: app.db)
                    for scope in scopes {
                        let served = tallies.filter { scope.contains(path: $0.unitPath, level: $0.level) }.reduce(FigureTally()) { $0 + $1.tally }
                        let expected = FigureTally.of(facts, scope: scope, period: period, now: now)
                        #expect(served.openOverdue == expected.openOverdue, "\(scope.unitPath) \(period) +\(offset) s: overdue")
                        #expect(served.openUnsatisfactory == expected.openUnsatisfactory, "\(scope.unitPath) \(period) +\(offset) s: of concern")
                        #expect(served.inPeriod == expected.inPeriod, "\(scope.unitPath) \(period): the period's counts")
                        #expect(served.receivedBefore == expected.receivedBefore && served.endedBefore == expected.endedBefore,
                                "\(scope.unitPath) \(period): carried over")
                    }
                    // the facts do have dossiers late now and not late now, so the comparison means something
                    let all = FigureTally.of(facts, scope: scopes[0], period: period, now: now)
                    #expect(all.openOverdue > 0 && all.openOverdue < facts.count)
                }
            }
        }
    }
}
