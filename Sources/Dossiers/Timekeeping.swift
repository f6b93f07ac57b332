import Foundation
import WorkCalendar

/// The legal clock of a dossier: appointment at receipt, pauses for supplements, classification.
public enum Timekeeping {
    /// Hẹn trả — the appointment for a dossier received at `receivedAt` under the procedure's statutory time.
    public static func appointment(receivedAt: Date, workingDays: Double, sameDayCutoffHour: Int?,
                                   calendar: WorkingCalendar) -> Date {
        if let cutoff = sameDayCutoffHour {
            return calendar.sameDayDeadline(receivedAt: receivedAt, cutoffHour: cutoff)
        }
        return calendar.deadline(from: receivedAt, workingDays: workingDays)
    }

    /// After a supplement pause from `pausedAt` to `resumedAt`, the appointment moves by the working time that
    /// was left when the clock stopped: the applicant's time does not count against the unit.
    public static func resume(appointment: Date, pausedAt: Date, resumedAt: Date, calendar: WorkingCalendar) -> Date {
        let remaining = calendar.workingMinutes(from: pausedAt, to: appointment)
        guard remaining > 0 else { return appointment > resumedAt ? appointment : resumedAt }
        return calendar.addingWorkingHours(Double(remaining) / 60, to: resumedAt)
    }

    /// The deadline of a step that starts at `start` with an allowance in working days (at the office's minutes a day).
    public static func stepDeadline(start: Date, workingDays: Double, calendar: WorkingCalendar) -> Date {
        calendar.addingWorkingHours(workingDays * Double(calendar.officeHours.minutesPerDay) / 60, to: start)
    }

    /// Trước hạn / đúng hạn / quá hạn against the original appointment. A dossier asked for supplements during
    /// processing more than once counts as late (Decision 766 rule).
    public static func classify(resolvedAt: Date, appointment: Date, supplementRequests: Int) -> Timeliness {
        if supplementRequests > 1 || resolvedAt > appointment { return .late }
        return VietnamTime.localDate(of: resolvedAt) < VietnamTime.localDate(of: appointment) ? .early : .onTime
    }
}
