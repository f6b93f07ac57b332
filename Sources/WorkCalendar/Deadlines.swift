import Foundation

/// Thời hạn giải quyết — legal deadlines and office time, counted on the working days of the calendar.
///
/// As the Civil Code 2015 (arts. 147–148) counts periods, a period starts on the day after the event and ends at
/// the end of its last day; for office work the end of a day is the close of office hours.
extension WorkingCalendar {
    /// Legal deadline: N working days from a receipt at `start` ends at the close of office hours (17:00) of the N-th
    /// working day after `start`'s local day. A fractional N (e.g. 2.5) counts the whole part as above, then the
    /// fraction × `minutesPerDay` of office time from the opening of the following working day (0.5 received on a
    /// Friday → Monday 11:15). `workingDays` must be > 0.
    public func deadline(from start: Date, workingDays: Double) -> Date {
        precondition(workingDays > 0 && workingDays.isFinite, "A time limit must be a positive number of days")
        let wholeDays = Int(workingDays.rounded(.down))
        let fraction = workingDays - Double(wholeDays)
        let extraSeconds = (fraction * Double(officeHours.minutesPerDay * 60)).rounded()
        var day = VietnamTime.localDate(of: start)
        for _ in 0..<wholeDays { day = nextWorkingDay(after: day) }
        if extraSeconds == 0 && wholeDays > 0 { return close(of: day) }
        let opening = VietnamTime.instant(nextWorkingDay(after: day), secondOfDay: Double(officeHours.opening * 60))
        return advancing(officeSeconds: extraSeconds, from: opening)
    }

    /// Adds `hours` of office time to `start`, walking the office periods of working days: time outside office
    /// hours does not count, and a result that falls exactly on the end of a period stays there (e.g. 17:00).
    /// For step allowances given in hours; `hours` must be ≥ 0, and 0 returns `start`.
    public func addingWorkingHours(_ hours: Double, to start: Date) -> Date {
        precondition(hours >= 0 && hours.isFinite, "Working hours to add must not be negative")
        guard hours > 0 else { return start }
        return advancing(officeSeconds: (hours * 3600).rounded(), from: start)
    }

    /// Deadline of a same-day procedure: received on a working day before `cutoffHour` o'clock (15 → up to
    /// 14:59:59) → the close of that day; otherwise (at or after the cut-off, or on a non-working day) → the close of
    /// the next working day.
    public func sameDayDeadline(receivedAt: Date, cutoffHour: Int) -> Date {
        let (day, secondOfDay) = VietnamTime.localTime(of: receivedAt)
        if isWorkingDay(day) && secondOfDay < Double(cutoffHour * 3600) { return close(of: day) }
        return close(of: nextWorkingDay(after: day))
    }

    /// Whole minutes of office time on working days between two instants (for on-time classification and for
    /// pausing clocks); 0 if `end` is not after `start`.
    public func workingMinutes(from start: Date, to end: Date) -> Int {
        guard end > start else { return 0 }
        var seconds = 0.0
        var day = VietnamTime.localDate(of: start)
        let lastDay = VietnamTime.localDate(of: end)
        while day <= lastDay {
            if isWorkingDay(day) {
                for period in officeHours.periods {
                    let from = max(start, VietnamTime.instant(day, secondOfDay: Double(period.start * 60)))
                    let to = min(end, VietnamTime.instant(day, secondOfDay: Double(period.end * 60)))
                    if to > from { seconds += to.timeIntervalSince(from) }
                }
            }
            day = day.adding(days: 1)
        }
        return Int(seconds / 60)
    }

    /// The close of office hours on `day`.
    private func close(of day: LocalDate) -> Date {
        VietnamTime.instant(day, secondOfDay: Double(officeHours.closing * 60))
    }

    /// The instant reached after `officeSeconds` seconds of office time from `start`.
    private func advancing(officeSeconds: Double, from start: Date) -> Date {
        var remaining = officeSeconds
        var (day, secondOfDay) = VietnamTime.localTime(of: start)
        while true {
            if isWorkingDay(day) {
                for period in officeHours.periods {
                    let from = max(secondOfDay, Double(period.start * 60))
                    let available = Double(period.end * 60) - from
                    guard available > 0 else { continue }
                    if remaining <= available { return VietnamTime.instant(day, secondOfDay: from + remaining) }
                    remaining -= available
                }
            }
            day = day.adding(days: 1)
            secondOfDay = 0
        }
    }
}
