import Testing
@testable import WorkCalendar

/// A row of the check table of domain.md §6.2.
struct LunarCheckRow: Sendable, CustomTestStringConvertible {
    let year: Int
    let tetVietnam: String
    let tetChina: String
    let hungKingsDay: String
    var testDescription: String { String(year) }
}

@Suite("Lunar calendar (âm lịch)")
struct LunarCalendarTests {
    static let checkTable = [
        LunarCheckRow(year: 1968, tetVietnam: "1968-01-29", tetChina: "1968-01-30", hungKingsDay: "1968-04-07"),
        LunarCheckRow(year: 1969, tetVietnam: "1969-02-16", tetChina: "1969-02-17", hungKingsDay: "1969-04-26"),
        LunarCheckRow(year: 1985, tetVietnam: "1985-01-21", tetChina: "1985-02-20", hungKingsDay: "1985-04-29"),
        LunarCheckRow(year: 2007, tetVietnam: "2007-02-17", tetChina: "2007-02-18", hungKingsDay: "2007-04-26"),
        LunarCheckRow(year: 2023, tetVietnam: "2023-01-22", tetChina: "2023-01-22", hungKingsDay: "2023-04-29"),
        LunarCheckRow(year: 2024, tetVietnam: "2024-02-10", tetChina: "2024-02-10", hungKingsDay: "2024-04-18"),
        LunarCheckRow(year: 2025, tetVietnam: "2025-01-29", tetChina: "2025-01-29", hungKingsDay: "2025-04-07"),
        LunarCheckRow(year: 2026, tetVietnam: "2026-02-17", tetChina: "2026-02-17", hungKingsDay: "2026-04-26"),
        LunarCheckRow(year: 2030, tetVietnam: "2030-02-02", tetChina: "2030-02-03", hungKingsDay: "2030-04-12"),
        LunarCheckRow(year: 2053, tetVietnam: "2053-02-18", tetChina: "2053-02-19", hungKingsDay: "2053-04-28"),
    ]

    @Test(arguments: checkTable)
    func tet_at_utc_plus_seven_matches_the_check_table(_ row: LunarCheckRow) {
        #expect(LunarCalendar.tet(of: row.year) == date(row.tetVietnam))
    }

    @Test(arguments: checkTable)
    func tet_at_utc_plus_eight_gives_the_chinese_new_year(_ row: LunarCheckRow) {
        #expect(LunarCalendar.tet(of: row.year, timeZoneHours: 8) == date(row.tetChina))
    }

    @Test(arguments: checkTable)
    func hung_kings_day_is_the_tenth_of_the_third_lunar_month(_ row: LunarCheckRow) {
        // act
        let solar = LunarCalendar.solarDate(lunarDay: 10, lunarMonth: 3, lunarYear: row.year)
        // check
        #expect(solar == date(row.hungKingsDay))
        #expect(LunarCalendar.lunarDate(of: date(row.hungKingsDay)) == LunarDate(day: 10, month: 3, year: row.year))
    }

    @Test func hung_kings_day_2026_is_26_april() {
        #expect(LunarCalendar.solarDate(lunarDay: 10, lunarMonth: 3, lunarYear: 2026) == date("2026-04-26"))
    }

    @Test func new_year_1985_is_a_month_apart_because_1984_has_a_different_leap_month() {
        // check: 1985-01-21 is Tết in Vietnam but still the 12th month of 1984 in China
        #expect(LunarCalendar.lunarDate(of: date("1985-01-21")) == LunarDate(day: 1, month: 1, year: 1985))
        #expect(LunarCalendar.lunarDate(of: date("1985-01-21"), timeZoneHours: 8).year == 1984)
    }

    @Test func the_day_before_tet_is_the_last_day_of_the_old_lunar_year() {
        // act
        let lastDay = LunarCalendar.lunarDate(of: date("2026-02-16"))
        // check
        #expect(lastDay.year == 2025 && lastDay.month == 12 && !lastDay.isLeapMonth)
        #expect(lastDay.day == 29)
    }

    @Test func leap_month_6_of_2025_is_recognised_and_converted_back() {
        // setup: 2025 has a leap sixth month (tháng 6 nhuận) starting 25/7/2025
        let start = date("2025-07-25")
        // act
        let lunar = LunarCalendar.lunarDate(of: start)
        // check
        #expect(lunar == LunarDate(day: 1, month: 6, year: 2025, isLeapMonth: true))
        #expect(LunarCalendar.solarDate(lunarDay: 1, lunarMonth: 6, lunarYear: 2025, isLeapMonth: true) == start)
        #expect(LunarCalendar.solarDate(lunarDay: 1, lunarMonth: 6, lunarYear: 2025) == date("2025-06-25"))
    }

    @Test func a_leap_month_the_year_does_not_have_is_nil() {
        #expect(LunarCalendar.solarDate(lunarDay: 1, lunarMonth: 5, lunarYear: 2025, isLeapMonth: true) == nil)
        #expect(LunarCalendar.solarDate(lunarDay: 1, lunarMonth: 6, lunarYear: 2026, isLeapMonth: true) == nil)
    }

    @Test func day_30_of_a_29_day_month_is_nil() {
        // setup: month 12 of lunar year 2025 has 29 days (Tết 2026 follows 29 Tết)
        #expect(LunarCalendar.solarDate(lunarDay: 29, lunarMonth: 12, lunarYear: 2025) == date("2026-02-16"))
        #expect(LunarCalendar.solarDate(lunarDay: 30, lunarMonth: 12, lunarYear: 2025) == nil)
        #expect(LunarCalendar.solarDate(lunarDay: 1, lunarMonth: 13, lunarYear: 2025) == nil)
    }

    @Test(arguments: [7.0, 8.0])
    func every_day_of_2020_to_2030_round_trips_through_the_lunar_calendar(timeZoneHours: Double) {
        // setup
        let first = date("2020-01-01").julianDayNumber
        let last = date("2030-12-31").julianDayNumber
        for jdn in stride(from: first, through: last, by: 1) {
            let solar = LocalDate(julianDayNumber: jdn)
            // act
            let lunar = LunarCalendar.lunarDate(of: solar, timeZoneHours: timeZoneHours)
            let back = LunarCalendar.solarDate(lunarDay: lunar.day, lunarMonth: lunar.month, lunarYear: lunar.year,
                                               isLeapMonth: lunar.isLeapMonth, timeZoneHours: timeZoneHours)
            // check
            #expect(back == solar, "\(solar) → \(lunar)")
            #expect((1...30).contains(lunar.day))
        }
    }
}
