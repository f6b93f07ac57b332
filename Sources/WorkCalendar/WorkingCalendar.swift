import Foundation

/// Lịch làm việc — decides which days are working days and computes legal deadlines.
///
/// A working day is a Monday–Friday that is not a holiday, a compensatory day or a day off of a notice, or a
/// make-up workday of a notice. The rules of a year are computed once, on first use, and cached; the calendar is
/// a value that can be shared across tasks. Years outside `supportedYears` have no holidays: only weekends are off
/// and `nonWorkingDays(in:)` is empty — callers are expected to validate the year.
public struct WorkingCalendar: Sendable {
    /// The years whose holidays are computed.
    public static let supportedYears = 1990...2100

    /// The office hours deadlines and working minutes are measured in.
    public let officeHours: OfficeHours
    private let plans: YearPlanCache

    /// A calendar with the yearly notices recorded so far (a later notice for the same year wins).
    public init(notices: [YearNotice] = [], officeHours: OfficeHours = .standard) {
        self.officeHours = officeHours
        plans = YearPlanCache(rules: HolidayRules(notices: notices))
    }

    /// The days of `year` listed by the yearly calendar, sorted by date: holidays (also those on a weekend),
    /// compensatory days, the notice's days off and make-up workdays. Ordinary weekends are not listed.
    /// Empty for a year outside `supportedYears`.
    public func nonWorkingDays(in year: Int) -> [CalendarDay] {
        guard Self.supportedYears.contains(year) else { return [] }
        return plans.plan(for: year).days
    }

    /// Whether civil servants work on `date`.
    public func isWorkingDay(_ date: LocalDate) -> Bool {
        guard Self.supportedYears.contains(date.year) else { return !date.isWeekend }
        let plan = plans.plan(for: date.year)
        return plan.isWorking[date.julianDayNumber - plan.firstDay]
    }

    /// The first working day strictly after `date`.
    public func nextWorkingDay(after date: LocalDate) -> LocalDate {
        var next = date.adding(days: 1)
        while !isWorkingDay(next) { next = next.adding(days: 1) }
        return next
    }

    /// How many working days lie in `from...through` (0 when `through` is before `from`).
    public func workingDays(from: LocalDate, through: LocalDate) -> Int {
        guard from <= through else { return 0 }
        return (from.julianDayNumber...through.julianDayNumber)
            .count { isWorkingDay(LocalDate(julianDayNumber: $0)) }
    }
}

/// The working status of each day of one year, and its listing. A class, so that handing it out of the cache is a
/// single retain.
private final class YearPlan: Sendable {
    /// Julian day number of 1 January.
    let firstDay: Int
    /// Indexed by day of the year, from 0.
    let isWorking: [Bool]
    let days: [CalendarDay]

    init(year: Int, rules: HolidayRules) {
        let days = rules.days(in: year)
        let january1 = LocalDate.julianDayNumber(year: year, month: 1, day: 1)
        let december31 = LocalDate.julianDayNumber(year: year, month: 12, day: 31)
        var isWorking = (january1...december31).map { !LocalDate(julianDayNumber: $0).isWeekend }
        for day in days where day.kind != .makeUpWorkday {
            isWorking[day.date.julianDayNumber - january1] = false
        }
        // After the days off, so that a make-up workday wins over a day off listed for the same date.
        for day in days where day.kind == .makeUpWorkday {
            isWorking[day.date.julianDayNumber - january1] = true
        }
        self.firstDay = january1
        self.isWorking = isWorking
        self.days = days
    }
}

/// Computes the plan of each supported year on first use and keeps it; safe to use from any thread.
private final class YearPlanCache: @unchecked Sendable {
    private let rules: HolidayRules
    private let lock = NSLock()
    /// Indexed by year − 1990; guarded by `lock`.
    private var plans = [YearPlan?](repeating: nil, count: WorkingCalendar.supportedYears.count)

    init(rules: HolidayRules) {
        self.rules = rules
    }

    /// The plan of a year of `WorkingCalendar.supportedYears`.
    func plan(for year: Int) -> YearPlan {
        let index = year - WorkingCalendar.supportedYears.lowerBound
        return lock.withLock {
            if let plan = plans[index] { return plan }
            let plan = YearPlan(year: year, rules: rules)
            plans[index] = plan
            return plan
        }
    }
}
