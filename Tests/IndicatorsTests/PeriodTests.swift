import Foundation
import Indicators
import Testing

/// Periods at Vietnam midnight (UTC+7), each kind, and figures as known at `now`.
@Suite struct PeriodTests {
    static func utc(_ iso: String) -> Date { ISO8601DateFormatter().date(from: iso)! }

    @Test func a_quarter_starts_at_vietnam_midnight() {
        let q2 = Period.quarter(year: 2025, quarter: 2)
        #expect(q2.start == Self.utc("2025-03-31T17:00:00Z"))
        #expect(q2.end == Self.utc("2025-06-30T17:00:00Z"))
        // Q-01 at 31/3 23:59:59 (UTC+7) is in the first quarter, Q-02 at 1/4 00:00:00 in the second.
        #expect(!q2.contains(Fixture.vn(2025, 3, 31, 23, 59, 59)))
        #expect(q2.contains(Fixture.vn(2025, 4, 1, 0)))
        let all = UnitScope(unitPath: Fixture.province)
        let q1 = Figures.compute(facts: Fixture.dossiers, scope: all, period: .quarter(year: 2025, quarter: 1), now: Fixture.now)
        #expect(q1.received == 1)
        // Q2: June's 24 + May's X1-09, X1-10, S-05, S-06 + Q-02 = 29.
        let second = Figures.compute(facts: Fixture.dossiers, scope: all, period: q2, now: Fixture.now)
        #expect(second.received == 29)
        #expect(Period.quarter(year: 2025, quarter: 4).end == Period.Day(year: 2026, month: 1, day: 1).midnight)
    }

    @Test func each_period_kind_has_its_bounds_and_counts() {
        let all = UnitScope(unitPath: Fixture.province)
        let june = Fixture.june
        #expect(june.start == Self.utc("2025-05-31T17:00:00Z") && june.end == Self.utc("2025-06-30T17:00:00Z"))
        #expect(Period.month(year: 2025, month: 12).end == Self.utc("2025-12-31T17:00:00Z"))
        let year = Period.year(2025)
        #expect(year.start == Self.utc("2024-12-31T17:00:00Z"))
        // The year: all 33 facts but the two never received = 31 (T-04 on 2/7 is before now, 10/7).
        #expect(Figures.compute(facts: Fixture.dossiers, scope: all, period: year, now: Fixture.now).received == 31)
        // Custom 28/6–2/7 (both days included): S-08 (30/6 16:00), T-04 (2/7 08:00).
        let custom = Period.days(from: .init(year: 2025, month: 6, day: 28), through: .init(year: 2025, month: 7, day: 2))
        #expect(custom.end == Self.utc("2025-07-02T17:00:00Z"))
        #expect(Figures.compute(facts: Fixture.dossiers, scope: all, period: custom, now: Fixture.now).received == 2)
        #expect(june.periodsPerYear == 12 && Period.quarter(year: 2025, quarter: 1).periodsPerYear == 4
                && year.periodsPerYear == 1 && custom.periodsPerYear == nil)
        #expect("\(june) \(Period.quarter(year: 2025, quarter: 2)) \(year) \(custom)" == "2025-06 2025-Q2 2025 2025-06-28..2025-07-02")
    }

    @Test func days_convert_both_ways_across_leap_years() {
        for (y, m, d) in [(1970, 1, 1), (2024, 2, 29), (2025, 3, 1), (2000, 12, 31), (1969, 12, 31)] {
            let day = Period.Day(year: y, month: m, day: d)
            #expect(Period.Day(daysSinceEpoch: day.daysSinceEpoch) == day)
            #expect(Period.Day(of: day.midnight) == day)
            #expect(Period.Day(of: day.midnight.addingTimeInterval(-1)) == Period.Day(daysSinceEpoch: day.daysSinceEpoch - 1))
        }
        #expect(Period.Day(year: 1970, month: 1, day: 1).daysSinceEpoch == 0)
    }

    @Test func a_period_still_running_is_counted_at_now() {
        // now = 10/6 00:00: received before it: X1-01, 02, 03, X2-01, 02, 03, S-01, 02, 03, 04, T-01 = 11.
        let now = Fixture.jun(10, 0)
        let f = Figures.compute(facts: Fixture.dossiers, scope: UnitScope(unitPath: Fixture.province), period: Fixture.june, now: now)
        #expect(f.evaluatedAt == now)
        #expect(f.received == 11)
        // Resolved before now: X1-01, 02, 03 (9/6 09:00), X1-09, X2-01, X2-02, S-05 (9/6 08:00) = 7.
        #expect(f.resolved == 7)
        // Open: X2-03 (its supplement request comes later), S-01, 02, 03, 04 (stopped only on 12/6), S-06, T-01 = 7;
        // none overdue (S-06's appointment is 10/6 17:00).
        #expect(f.open == 7)
        #expect(f.openOverdue == 0)
    }
}
