import Foundation

/// Ngày lễ, Tết — the public holidays of Labour Code 2019 art. 112 and the compensatory days of art. 111(3), with
/// the yearly notices applied.
struct HolidayRules: Sendable {
    /// Notices by year; a later notice for the same year replaces an earlier one.
    let notices: [Int: YearNotice]

    init(notices: [YearNotice]) {
        self.notices = Dictionary(notices.map { ($0.year, $0) }, uniquingKeysWith: { _, last in last })
    }

    static let newYearsDay = "Tết Dương lịch"
    static let lunarNewYear = "Tết Nguyên đán"
    static let hungKingsDay = "Giỗ Tổ Hùng Vương"
    static let victoryDay = "Ngày Chiến thắng"
    static let labourDay = "Ngày Quốc tế Lao động"
    static let nationalDay = "Quốc khánh"

    /// The listed days dated in Gregorian `year`, sorted by date.
    ///
    /// Holidays and notices of the neighbouring years are considered too, so that a Tết day or a compensatory day
    /// crossing New Year lands in the year it is dated in.
    func days(in year: Int) -> [CalendarDay] {
        let years = (year - 1)...(year + 1)
        let holidays = years.flatMap(holidays(of:)).sorted { $0.date < $1.date }
        let noticeDays = years.flatMap(noticeDays(of:))
        let noticeDates = Set(noticeDays.map(\.date))
        return (holidays + compensatoryDays(for: holidays) + noticeDays)
            .filter { $0.date.year == year && ($0.kind.isNoticeKind || !noticeDates.contains($0.date)) }
            .sorted { ($0.date, $0.kind.listingOrder, $0.name) < ($1.date, $1.kind.listingOrder, $1.name) }
    }

    /// The holidays belonging to `year`: Tết of the lunar year starting in it, the National Day pair of its
    /// September, and the fixed-date ones.
    private func holidays(of year: Int) -> [CalendarDay] {
        let notice = notices[year]
        let tet = LunarCalendar.tet(of: year)
        let tetDays = notice?.tetDays ?? (-1...3).map(tet.adding(days:))
        let nationalDay = LocalDate(year: year, month: 9, day: 2)!
        let nationalDayPair = notice?.nationalDayPair ?? [nationalDay.adding(days: -1), nationalDay]
        let hungKingsDay = LunarCalendar.firstDay(ofMonth: 3, lunarYear: year).adding(days: 9)
        return [CalendarDay(date: LocalDate(year: year, month: 1, day: 1)!, name: Self.newYearsDay, kind: .holiday)]
            + tetDays.map { CalendarDay(date: $0, name: Self.lunarNewYear, kind: .holiday) }
            + [CalendarDay(date: hungKingsDay, name: Self.hungKingsDay, kind: .holiday),
               CalendarDay(date: LocalDate(year: year, month: 4, day: 30)!, name: Self.victoryDay, kind: .holiday),
               CalendarDay(date: LocalDate(year: year, month: 5, day: 1)!, name: Self.labourDay, kind: .holiday)]
            + nationalDayPair.map { CalendarDay(date: $0, name: Self.nationalDay, kind: .holiday) }
    }

    /// Art. 111(3): each holiday on a Saturday or Sunday, taken in date order, gives "Nghỉ bù <name>" on the next
    /// weekday that is neither a holiday nor already a compensatory day.
    private func compensatoryDays(for holidays: [CalendarDay]) -> [CalendarDay] {
        var taken = Set(holidays.map(\.date))
        return holidays.filter(\.date.isWeekend).map { holiday in
            var date = holiday.date.adding(days: 1)
            while date.isWeekend || taken.contains(date) { date = date.adding(days: 1) }
            taken.insert(date)
            return CalendarDay(date: date, name: "Nghỉ bù \(holiday.name)", kind: .compensatory)
        }
    }

    private func noticeDays(of year: Int) -> [CalendarDay] {
        guard let notice = notices[year] else { return [] }
        return notice.daysOff.map { CalendarDay(date: $0.date, name: $0.name, kind: .adjustedOff) }
            + notice.makeUpWorkdays.map { CalendarDay(date: $0.date, name: $0.name, kind: .makeUpWorkday) }
    }
}

private extension DayKind {
    var isNoticeKind: Bool { self == .adjustedOff || self == .makeUpWorkday }
}
