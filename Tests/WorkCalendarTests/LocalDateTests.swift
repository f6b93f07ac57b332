import Foundation
import Testing
@testable import WorkCalendar

@Suite("LocalDate and Vietnam time")
struct LocalDateTests {
    @Test func iso_text_round_trips() {
        #expect(LocalDate(iso: "2026-01-01") == LocalDate(year: 2026, month: 1, day: 1))
        #expect(date("2026-03-09").iso == "2026-03-09")
        #expect(date("0987-12-31").description == "0987-12-31")
    }

    @Test(arguments: ["2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-1-01", "2026-01-01T00:00",
                      "+026-01-01", "2026/01/01", "", "２０２６-01-01"])
    func malformed_or_impossible_iso_dates_are_rejected(_ text: String) {
        #expect(LocalDate(iso: text) == nil)
    }

    @Test func leap_day_exists_only_in_leap_years() {
        #expect(LocalDate(year: 2024, month: 2, day: 29) != nil)
        #expect(LocalDate(year: 2000, month: 2, day: 29) != nil)
        #expect(LocalDate(year: 2100, month: 2, day: 29) == nil)
    }

    @Test func weekday_is_iso_monday_one_to_sunday_seven() {
        #expect(date("2026-01-05").weekday == 1)
        #expect(date("2026-01-01").weekday == 4)
        #expect(date("2026-01-10").weekday == 6)
        #expect(date("2026-01-11").weekday == 7)
        #expect(date("2026-01-10").isWeekend && date("2026-01-11").isWeekend && !date("2026-01-09").isWeekend)
    }

    @Test func adding_days_crosses_months_and_years() {
        #expect(date("2025-12-31").adding(days: 1) == date("2026-01-01"))
        #expect(date("2024-03-01").adding(days: -1) == date("2024-02-29"))
        #expect(date("2026-01-01").adding(days: 365) == date("2027-01-01"))
        #expect(date("2026-01-02").julianDayNumber - date("2026-01-01").julianDayNumber == 1)
    }

    @Test func dates_order_chronologically() {
        #expect(date("2025-12-31") < date("2026-01-01"))
        #expect(date("2026-02-01") > date("2026-01-31"))
    }

    @Test func codable_uses_the_iso_string() throws {
        // act
        let json = try JSONEncoder().encode([date("2026-04-30")])
        // check
        #expect(String(decoding: json, as: UTF8.self) == #"["2026-04-30"]"#)
        #expect(try JSONDecoder().decode([LocalDate].self, from: json) == [date("2026-04-30")])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([LocalDate].self, from: Data(#"["2026-02-30"]"#.utf8))
        }
    }

    @Test func vietnam_time_is_utc_plus_seven() {
        // setup: 2026-01-01 00:30 at UTC+7 is 2025-12-31 17:30 UTC
        let instant = Date(timeIntervalSince1970: 1_767_202_200)
        // check
        #expect(VietnamTime.timeZone.secondsFromGMT() == 7 * 3600)
        #expect(VietnamTime.localDate(of: instant) == date("2026-01-01"))
        #expect(VietnamTime.minutesSinceMidnight(of: instant) == 30)
        #expect(VietnamTime.instant(date("2026-01-01"), hour: 0, minute: 30) == instant)
    }

    @Test func local_date_matches_foundation_calendar_in_utc_plus_seven() {
        // setup
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = VietnamTime.timeZone
        let instant = at("2026-07-15", 23, 59)
        // act
        let components = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        // check
        #expect(components == DateComponents(year: 2026, month: 7, day: 15, hour: 23, minute: 59))
        #expect(VietnamTime.localDate(of: instant.addingTimeInterval(60)) == date("2026-07-16"))
    }
}
