import Foundation
import Testing
@testable import WorkCalendar

@Suite("Holidays and working days")
struct HolidayTests {
    let calendar = WorkingCalendar()

    @Test func weekends_are_not_working_days_and_are_not_listed() {
        // setup
        let listed = Set(calendar.nonWorkingDays(in: 2026).map(\.date))
        // check
        #expect(!calendar.isWorkingDay(date("2026-01-10")))
        #expect(!calendar.isWorkingDay(date("2026-01-11")))
        #expect(calendar.isWorkingDay(date("2026-01-09")))
        #expect(!listed.contains(date("2026-01-10")) && !listed.contains(date("2026-01-11")))
    }

    @Test func the_2026_calendar_lists_every_holiday_and_the_compensatory_day() {
        // act
        let days = calendar.nonWorkingDays(in: 2026).map { "\($0.date) \($0.kind.rawValue) \($0.name)" }
        // check
        #expect(days == [
            "2026-01-01 holiday Tết Dương lịch",
            "2026-02-16 holiday Tết Nguyên đán",
            "2026-02-17 holiday Tết Nguyên đán",
            "2026-02-18 holiday Tết Nguyên đán",
            "2026-02-19 holiday Tết Nguyên đán",
            "2026-02-20 holiday Tết Nguyên đán",
            "2026-04-26 holiday Giỗ Tổ Hùng Vương",
            "2026-04-27 compensatory Nghỉ bù Giỗ Tổ Hùng Vương",
            "2026-04-30 holiday Ngày Chiến thắng",
            "2026-05-01 holiday Ngày Quốc tế Lao động",
            "2026-09-01 holiday Quốc khánh",
            "2026-09-02 holiday Quốc khánh",
        ])
    }

    @Test(arguments: ["2026-01-01", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20",
                      "2026-04-27", "2026-04-30", "2026-05-01", "2026-09-01", "2026-09-02"])
    func weekday_holidays_of_2026_are_not_working_days(_ iso: String) {
        #expect(!calendar.isWorkingDay(date(iso)))
    }

    @Test func the_days_around_tet_2026_are_working_days() {
        #expect(calendar.isWorkingDay(date("2026-02-13")))
        #expect(calendar.isWorkingDay(date("2026-02-23")))
    }

    @Test func a_sunday_holiday_gives_the_next_monday_off() {
        // setup: 1 January 2023 is a Sunday
        let days = calendar.nonWorkingDays(in: 2023)
        // check
        #expect(days.contains(CalendarDay(date: date("2023-01-01"), name: "Tết Dương lịch", kind: .holiday)))
        #expect(days.contains(CalendarDay(date: date("2023-01-02"), name: "Nghỉ bù Tết Dương lịch",
                                          kind: .compensatory)))
        #expect(!calendar.isWorkingDay(date("2023-01-02")))
        #expect(calendar.isWorkingDay(date("2023-01-03")))
    }

    @Test func a_saturday_holiday_gives_the_next_monday_off() {
        // setup: 1 January 2022 is a Saturday
        let compensatory = calendar.nonWorkingDays(in: 2022).filter { $0.kind == .compensatory }.first
        // check
        #expect(compensatory == CalendarDay(date: date("2022-01-03"), name: "Nghỉ bù Tết Dương lịch",
                                            kind: .compensatory))
    }

    @Test func compensatory_days_skip_holidays_and_each_other_in_april_2023() {
        // setup: Giỗ Tổ on Saturday 29/4, 30/4 on Sunday, 1/5 a holiday on Monday
        let compensatory = calendar.nonWorkingDays(in: 2023).filter { $0.date.month == 5 && $0.kind == .compensatory }
        // check
        #expect(compensatory.map(\.date) == [date("2023-05-02"), date("2023-05-03")])
        #expect(compensatory.map(\.name) == ["Nghỉ bù Giỗ Tổ Hùng Vương", "Nghỉ bù Ngày Chiến thắng"])
        #expect(calendar.isWorkingDay(date("2023-05-04")))
    }

    @Test func tet_days_on_a_weekend_are_compensated_after_tet() {
        // setup: Tết 2023 runs Saturday 21/1 – Wednesday 25/1
        let days = calendar.nonWorkingDays(in: 2023).filter { $0.date.month == 1 && $0.date.day > 20 }
        // check
        #expect(days.filter { $0.kind == .holiday }.map(\.date) == (21...25).map { date("2023-01-\($0)") })
        #expect(days.filter { $0.kind == .compensatory }.map(\.date) == [date("2023-01-26"), date("2023-01-27")])
    }

    @Test func national_day_on_saturday_2023_gives_monday_4_september_off() {
        #expect(!calendar.isWorkingDay(date("2023-09-01")))
        #expect(!calendar.isWorkingDay(date("2023-09-04")))
        #expect(calendar.isWorkingDay(date("2023-09-05")))
    }

    @Test func no_year_of_the_supported_range_lists_a_date_twice_or_an_ordinary_weekend() {
        for year in WorkingCalendar.supportedYears {
            // act
            let days = calendar.nonWorkingDays(in: year)
            // check
            #expect(Set(days.map(\.date)).count == days.count, "\(year)")
            #expect(days.allSatisfy { $0.date.year == year })
            #expect(days.filter { $0.kind == .compensatory }.allSatisfy { !$0.date.isWeekend })
            #expect(days.filter { $0.kind == .holiday }.count == 11, "\(year): 11 holidays of art. 112")
        }
    }

    @Test func years_outside_the_supported_range_have_only_weekends() {
        #expect(calendar.nonWorkingDays(in: 1989).isEmpty)
        #expect(calendar.nonWorkingDays(in: 2101).isEmpty)
        #expect(calendar.isWorkingDay(date("2101-01-03")))
        #expect(!calendar.isWorkingDay(date("2101-01-01")))
    }

    @Test func working_days_are_counted_over_a_closed_range() {
        // check: January 2026 has 22 weekdays, one of them New Year's Day
        #expect(calendar.workingDays(from: date("2026-01-01"), through: date("2026-01-31")) == 21)
        #expect(calendar.workingDays(from: date("2026-01-05"), through: date("2026-01-05")) == 1)
        #expect(calendar.workingDays(from: date("2026-01-06"), through: date("2026-01-05")) == 0)
    }

    @Test func the_next_working_day_skips_weekends_and_holidays() {
        #expect(calendar.nextWorkingDay(after: date("2026-01-09")) == date("2026-01-12"))
        #expect(calendar.nextWorkingDay(after: date("2026-02-13")) == date("2026-02-23"))
        #expect(calendar.nextWorkingDay(after: date("2026-04-24")) == date("2026-04-28"))
    }

    @Test func concurrent_lookups_agree_with_sequential_ones() async {
        // setup
        let fresh = WorkingCalendar()
        let dates = (0..<3000).map { date("2020-01-01").adding(days: $0) }
        let expected = dates.map(calendar.isWorkingDay)
        // act
        let results = await withTaskGroup(of: [Bool].self) { group in
            for _ in 0..<8 { group.addTask { dates.map(fresh.isWorkingDay) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        // check
        #expect(results.allSatisfy { $0 == expected })
    }
}

@Suite("Yearly notices (thông báo nghỉ lễ, Tết)")
struct YearNoticeTests {
    @Test func a_make_up_saturday_is_a_working_day_and_a_swapped_day_is_off() {
        // setup: 2025 — Friday 2/5 off, worked on Saturday 26/4
        let notice = YearNotice(year: 2025,
                                daysOff: [NamedDate(date: date("2025-05-02"), name: "Nghỉ hoán đổi")],
                                makeUpWorkdays: [NamedDate(date: date("2025-04-26"), name: "Làm bù")])
        let calendar = WorkingCalendar(notices: [notice])
        // act
        let days = calendar.nonWorkingDays(in: 2025)
        // check
        #expect(calendar.isWorkingDay(date("2025-04-26")))
        #expect(!calendar.isWorkingDay(date("2025-05-02")))
        #expect(days.contains(CalendarDay(date: date("2025-04-26"), name: "Làm bù", kind: .makeUpWorkday)))
        #expect(days.contains(CalendarDay(date: date("2025-05-02"), name: "Nghỉ hoán đổi", kind: .adjustedOff)))
        #expect(WorkingCalendar().isWorkingDay(date("2025-05-02")))
    }

    @Test func notice_tet_days_replace_the_default_tet_days() {
        // setup
        let tet = (27...31).map { date("2025-01-\($0)") }
        let calendar = WorkingCalendar(notices: [YearNotice(year: 2025, tetDays: tet)])
        // act
        let tetDays = calendar.nonWorkingDays(in: 2025).filter { $0.name == "Tết Nguyên đán" }
        // check
        #expect(tetDays.map(\.date) == tet)
        #expect(tetDays.allSatisfy { $0.kind == .holiday })
        #expect(calendar.isWorkingDay(date("2025-02-03")))
        #expect(!WorkingCalendar().isWorkingDay(date("2025-02-03")), "default: Saturday 1/2 compensated on 3/2")
    }

    @Test func notice_national_day_pair_replaces_the_default_pair() {
        // setup: in 2024 National Day (Monday) was paired with the day after
        let calendar = WorkingCalendar(notices: [
            YearNotice(year: 2024, nationalDayPair: [date("2024-09-02"), date("2024-09-03")]),
        ])
        // check
        #expect(calendar.nonWorkingDays(in: 2024).filter { $0.name == "Quốc khánh" }.map(\.date)
                == [date("2024-09-02"), date("2024-09-03")])
        #expect(calendar.isWorkingDay(date("2024-08-30")))
        #expect(!calendar.isWorkingDay(date("2024-09-03")))
    }

    @Test func a_notice_naming_the_compensatory_day_does_not_double_it() {
        // setup: the notice lists Monday 27/4/2026 itself
        let calendar = WorkingCalendar(notices: [
            YearNotice(year: 2026, daysOff: [NamedDate(date: date("2026-04-27"), name: "Nghỉ bù Giỗ Tổ")]),
        ])
        // act
        let april = calendar.nonWorkingDays(in: 2026).filter { $0.date.month == 4 }
        // check
        #expect(april.map(\.date) == [date("2026-04-26"), date("2026-04-27"), date("2026-04-30")])
        #expect(april[1].kind == .adjustedOff)
        #expect(calendar.isWorkingDay(date("2026-04-28")))
    }

    @Test func a_notice_day_dated_in_the_previous_year_lands_in_that_year() {
        // setup: for New Year 2019, Monday 31/12/2018 was swapped with Saturday 5/1/2019
        let calendar = WorkingCalendar(notices: [
            YearNotice(year: 2019,
                       daysOff: [NamedDate(date: date("2018-12-31"), name: "Nghỉ hoán đổi Tết Dương lịch")],
                       makeUpWorkdays: [NamedDate(date: date("2019-01-05"), name: "Làm bù")]),
        ])
        // check
        #expect(calendar.nonWorkingDays(in: 2018).last?.date == date("2018-12-31"))
        #expect(!calendar.nonWorkingDays(in: 2019).contains { $0.date.year != 2019 })
        #expect(!calendar.isWorkingDay(date("2018-12-31")))
        #expect(calendar.isWorkingDay(date("2019-01-05")))
    }

    @Test func a_later_notice_for_the_same_year_wins() {
        // setup
        let first = YearNotice(year: 2026, daysOff: [NamedDate(date: date("2026-01-02"), name: "Nghỉ")])
        let second = YearNotice(year: 2026)
        // check
        #expect(WorkingCalendar(notices: [first, second]).isWorkingDay(date("2026-01-02")))
        #expect(!WorkingCalendar(notices: [second, first]).isWorkingDay(date("2026-01-02")))
    }

    @Test func a_notice_decodes_without_its_optional_lists() throws {
        // setup
        let json = #"{"year": 2026, "tetDays": ["2026-02-16", "2026-02-17"]}"#
        // act
        let notice = try JSONDecoder().decode(YearNotice.self, from: Data(json.utf8))
        // check
        #expect(notice == YearNotice(year: 2026, tetDays: [date("2026-02-16"), date("2026-02-17")]))
    }

    @Test func day_kinds_encode_as_the_api_spells_them() throws {
        // act
        let json = try JSONEncoder().encode([DayKind.holiday, .compensatory, .adjustedOff, .makeUpWorkday])
        // check
        #expect(String(decoding: json, as: UTF8.self)
                == #"["holiday","compensatory","adjusted-off","make-up-workday"]"#)
    }
}
