import Foundation

/// How one dossier stands at an instant under the Decision 766 timing rules (domain reference §1.3 indicator 2.1,
/// formula F, and §2.5):
///
/// - The end is the first of Đã xử lý xong, Đã trả kết quả, then Dừng xử lý / Từ chối; a withdrawal ends a
///   received dossier (`DossierFact.endedAt`). An end at or after the evaluation instant does not count yet.
/// - A dossier waiting for a supplement ends at the request time (`pendingSupplementSince`).
/// - A dossier with no end is measured at the evaluation instant (F: "no final status → end = last day of the
///   period"; the evaluation instant is the period's end, or `now` when that comes first).
/// - The supplement time is subtracted: `effective end = end − supplementPause`.
/// - On time when `effective end ≤ appointment`; early (trước hạn) when it also falls on an earlier Vietnam day than
///   the appointment, on time (đúng hạn) on the appointment's day — the same split as `Dossiers.Timekeeping`.
/// - More than one supplement request makes the dossier late, whatever its end.
/// - No appointment (no time limit) is never late.
public struct Classification766: Hashable, Sendable {
    /// Where the dossier is at the evaluation instant.
    public enum State: String, Hashable, Sendable {
        /// Reached a result (Đã xử lý xong / Đã trả kết quả).
        case resolved
        /// Stopped, refused after receipt, or withdrawn.
        case closedWithoutResult = "closed-without-result"
        /// Still being processed, or waiting for a supplement.
        case open
    }

    /// Trước hạn / đúng hạn / trong hạn / quá hạn.
    public enum Timeliness: String, Hashable, Sendable {
        /// Trước hạn — ended on a Vietnam day before the appointment's day.
        case early
        /// Đúng hạn — ended by the appointment, on its day (or ended with no time limit).
        case onTime = "on-time"
        /// Trong hạn — still open and not past the appointment.
        case inTime = "in-time"
        /// Quá hạn — past the appointment, or asked for supplements more than once.
        case late
    }

    public let state: State
    public let timeliness: Timeliness
    /// The end (or request time, or evaluation instant) minus the completed supplement pauses.
    public let effectiveEnd: Date

    /// Counts in 2.1's numerator ("đã và đang xử lý đúng hạn/trong hạn").
    public var isInTime: Bool { timeliness != .late }

    public init(state: State, timeliness: Timeliness, effectiveEnd: Date) {
        self.state = state
        self.timeliness = timeliness
        self.effectiveEnd = effectiveEnd
    }

    /// Classifies `fact` at `instant`; `nil` when the dossier was not received by then. An event counts by
    /// `instant` when it happened strictly before it (periods end exclusively at midnight).
    public static func classify(_ fact: DossierFact, at instant: Date) -> Classification766? {
        guard let received = fact.receivedAt, received < instant else { return nil }
        let state: State
        let end: Date
        if let ended = fact.endedAt, ended < instant {
            state = fact.resultAt.map { $0 < instant } == true ? .resolved : .closedWithoutResult
            end = ended
        } else {
            state = .open
            if fact.status == .awaitingSupplement, let since = fact.pendingSupplementSince, since < instant {
                end = since
            } else {
                end = instant
            }
        }
        let effectiveEnd = end.addingTimeInterval(-fact.supplementPause)
        let timeliness: Timeliness
        if fact.supplementRequests > 1 {
            timeliness = .late
        } else if let appointment = fact.appointment {
            if effectiveEnd > appointment {
                timeliness = .late
            } else if state == .open {
                timeliness = .inTime
            } else {
                timeliness = Period.Day(of: effectiveEnd) < Period.Day(of: appointment) ? .early : .onTime
            }
        } else {
            timeliness = state == .open ? .inTime : .onTime
        }
        return Classification766(state: state, timeliness: timeliness, effectiveEnd: effectiveEnd)
    }
}
