import Foundation
import Testing
@testable import WorkCalendar

@Suite("Legal deadlines (thời hạn giải quyết)")
struct DeadlineTests {
    let calendar = WorkingCalendar()

    @Test func three_working_days_from_friday_end_at_the_close_of_wednesday() {
        // act
        let deadline = calendar.deadline(from: at("2026-01-09", 10), workingDays: 3)
        // check
        #expect(deadline == at("2026-01-14", 17))
    }

    @Test func counting_starts_the_day_after_receipt_whatever_the_hour() {
        #expect(calendar.deadline(from: at("2026-01-09", 6), workingDays: 1) == at("2026-01-12", 17))
        #expect(calendar.deadline(from: at("2026-01-09", 23, 59), workingDays: 1) == at("2026-01-12", 17))
    }

    @Test func a_receipt_on_a_weekend_counts_from_the_next_working_day() {
        #expect(calendar.deadline(from: at("2026-01-10", 9), workingDays: 1) == at("2026-01-12", 17))
    }

    @Test func the_tet_break_of_2026_does_not_count() {
        // setup: Friday 13/2, then Tết 16/2–20/2 and a weekend
        let received = at("2026-02-13", 10)
        // check
        #expect(calendar.deadline(from: received, workingDays: 3) == at("2026-02-25", 17))
    }

    @Test func hung_kings_day_2026_and_the_april_holidays_do_not_count() {
        // setup: Sunday 26/4 (compensated Monday 27/4), Thursday 30/4 and Friday 1/5
        let received = at("2026-04-24", 10)
        // check
        #expect(calendar.deadline(from: received, workingDays: 1) == at("2026-04-28", 17))
        #expect(calendar.deadline(from: received, workingDays: 3) == at("2026-05-04", 17))
    }

    @Test func half_a_day_is_225_office_minutes_from_the_next_opening() {
        #expect(calendar.deadline(from: at("2026-01-09", 10), workingDays: 0.5) == at("2026-01-12", 11, 15))
        #expect(calendar.deadline(from: at("2026-01-09", 10), workingDays: 2.5) == at("2026-01-14", 11, 15))
    }

    @Test func a_fraction_past_the_morning_continues_after_lunch() {
        // setup: 0.75 × 450 = 337.5 minutes: the 240-minute morning, then 97.5 minutes from 13:30
        let deadline = calendar.deadline(from: at("2026-01-09", 10), workingDays: 0.75)
        // check
        #expect(deadline == at("2026-01-12", 15, 7).addingTimeInterval(30))
    }

    @Test(arguments: [0.25, 0.5, 1, 2.5, 3, 7.75, 15, 30])
    func a_deadline_spans_exactly_its_working_time(_ days: Double) {
        // setup
        let received = at("2026-02-12", 14, 20)
        let firstOpening = at("2026-02-13", 7, 30)
        // act
        let deadline = calendar.deadline(from: received, workingDays: days)
        // check
        #expect(calendar.workingMinutes(from: firstOpening, to: deadline) == Int(days * 450))
    }

    @Test func office_hours_are_configurable() {
        // setup: a single period 08:00–16:00
        let hours = OfficeHours(periods: [OfficePeriod(start: 480, end: 960)])!
        let calendar = WorkingCalendar(officeHours: hours)
        // check
        #expect(calendar.deadline(from: at("2026-01-09", 10), workingDays: 1) == at("2026-01-12", 16))
        #expect(calendar.deadline(from: at("2026-01-09", 10), workingDays: 0.5) == at("2026-01-12", 12))
    }
}

@Suite("Office time (giờ hành chính)")
struct OfficeTimeTests {
    let calendar = WorkingCalendar()

    @Test func standard_office_hours_are_07_30_to_11_30_and_13_30_to_17_00() {
        let hours = OfficeHours.standard
        #expect(hours.minutesPerDay == 450)
        #expect(hours.opening == 450)
        #expect(hours.closing == 1020)
    }

    @Test func overlapping_unordered_or_empty_periods_are_rejected() throws {
        #expect(OfficeHours(periods: []) == nil)
        #expect(OfficeHours(periods: [OfficePeriod(start: 600, end: 600)]) == nil)
        #expect(OfficeHours(periods: [OfficePeriod(start: 800, end: 1500)]) == nil)
        #expect(OfficeHours(periods: [OfficePeriod(start: 810, end: 1020), OfficePeriod(start: 450, end: 690)]) == nil)
        let overlapping = #"{"periods": [{"start": 450, "end": 700}, {"start": 690, "end": 1020}]}"#
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(OfficeHours.self, from: Data(overlapping.utf8))
        }
    }

    @Test func office_hours_round_trip_through_json() throws {
        let json = try JSONEncoder().encode(OfficeHours.standard)
        #expect(try JSONDecoder().decode(OfficeHours.self, from: json) == .standard)
    }

    @Test func working_hours_continue_on_the_next_working_day() {
        // check: 1 hour left on Friday, 3 more from Monday's opening
        #expect(calendar.addingWorkingHours(4, to: at("2026-01-09", 16)) == at("2026-01-12", 10, 30))
    }

    @Test func working_hours_skip_the_lunch_break() {
        #expect(calendar.addingWorkingHours(2, to: at("2026-01-12", 10, 30)) == at("2026-01-12", 14, 30))
    }

    @Test func working_hours_ending_at_the_close_stay_on_that_day() {
        #expect(calendar.addingWorkingHours(3.5, to: at("2026-01-12", 13, 30)) == at("2026-01-12", 17))
        #expect(calendar.addingWorkingHours(4, to: at("2026-01-12", 7, 30)) == at("2026-01-12", 11, 30))
    }

    @Test func working_hours_from_outside_office_hours_start_at_the_next_opening() {
        #expect(calendar.addingWorkingHours(1, to: at("2026-01-10", 9)) == at("2026-01-12", 8, 30))
        #expect(calendar.addingWorkingHours(1, to: at("2026-01-12", 12)) == at("2026-01-12", 14, 30))
        #expect(calendar.addingWorkingHours(1, to: at("2026-01-12", 6)) == at("2026-01-12", 8, 30))
        #expect(calendar.addingWorkingHours(0, to: at("2026-01-10", 9)) == at("2026-01-10", 9))
    }

    @Test func working_hours_skip_holidays() {
        // check: Friday 13/2/2026 16:00 + 8 hours → 1 hour, Tết break, 7 hours from Monday 23/2
        #expect(calendar.addingWorkingHours(8, to: at("2026-02-13", 16)) == at("2026-02-23", 16, 30))
    }

    @Test func working_minutes_skip_the_weekend() {
        // check: 60 minutes on Friday, 60 on Monday
        #expect(calendar.workingMinutes(from: at("2026-01-09", 16), to: at("2026-01-12", 8, 30)) == 120)
    }

    @Test func working_minutes_skip_the_lunch_break() {
        #expect(calendar.workingMinutes(from: at("2026-01-12", 11), to: at("2026-01-12", 14)) == 60)
        #expect(calendar.workingMinutes(from: at("2026-01-12", 6), to: at("2026-01-12", 19)) == 450)
    }

    @Test func working_minutes_skip_holidays() {
        // check: 60 minutes on 31/12/2025, New Year's Day off, 30 minutes on 2/1/2026
        #expect(calendar.workingMinutes(from: at("2025-12-31", 16), to: at("2026-01-02", 8)) == 90)
    }

    @Test func working_minutes_are_zero_when_the_end_is_not_after_the_start() {
        #expect(calendar.workingMinutes(from: at("2026-01-12", 10), to: at("2026-01-12", 10)) == 0)
        #expect(calendar.workingMinutes(from: at("2026-01-12", 10), to: at("2026-01-12", 9)) == 0)
    }
}

@Suite("Same-day procedures (giải quyết trong ngày)")
struct SameDayDeadlineTests {
    let calendar = WorkingCalendar()

    @Test func received_before_the_cut_off_it_is_due_at_the_close_of_that_day() {
        #expect(calendar.sameDayDeadline(receivedAt: at("2026-01-12", 14, 59), cutoffHour: 15) == at("2026-01-12", 17))
        #expect(calendar.sameDayDeadline(receivedAt: at("2026-01-12", 6), cutoffHour: 15) == at("2026-01-12", 17))
    }

    @Test func received_at_or_after_the_cut_off_it_is_due_at_the_close_of_the_next_working_day() {
        #expect(calendar.sameDayDeadline(receivedAt: at("2026-01-12", 15, 1), cutoffHour: 15) == at("2026-01-13", 17))
        #expect(calendar.sameDayDeadline(receivedAt: at("2026-01-12", 15), cutoffHour: 15) == at("2026-01-13", 17))
        #expect(calendar.sameDayDeadline(receivedAt: at("2026-01-09", 16), cutoffHour: 15) == at("2026-01-12", 17))
    }

    @Test func received_on_a_saturday_it_is_due_at_the_close_of_monday() {
        #expect(calendar.sameDayDeadline(receivedAt: at("2026-01-10", 9), cutoffHour: 15) == at("2026-01-12", 17))
    }

    @Test func received_late_on_the_day_before_tet_it_is_due_after_the_tet_break() {
        // setup: Friday 13/2/2026 is the last working day before Tết
        #expect(calendar.sameDayDeadline(receivedAt: at("2026-02-13", 10), cutoffHour: 15) == at("2026-02-13", 17))
        #expect(calendar.sameDayDeadline(receivedAt: at("2026-02-13", 16), cutoffHour: 15) == at("2026-02-23", 17))
    }
}
