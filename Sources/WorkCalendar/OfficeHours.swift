import Foundation

/// Một buổi làm việc — one span of office time in a day, in minutes since midnight, from `start` up to `end`.
public struct OfficePeriod: Sendable, Codable, Hashable {
    public let start: Int
    public let end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    /// Length of the period in minutes.
    public var minutes: Int { end - start }
}

/// Giờ hành chính — the office hours deadlines are measured in: by default 07:30–11:30 and 13:30–17:00.
///
/// Configurable: any non-empty list of periods inside the day, in order and not overlapping.
public struct OfficeHours: Sendable, Codable, Hashable {
    /// The periods of a working day, in order.
    public let periods: [OfficePeriod]

    /// 07:30–11:30 and 13:30–17:00: 450 minutes a day.
    public static let standard = OfficeHours(validated: [OfficePeriod(start: 450, end: 690),
                                                         OfficePeriod(start: 810, end: 1020)])

    /// Office hours from `periods`; `nil` unless they are non-empty, each within 00:00–24:00 and not empty, and in
    /// order without overlapping.
    public init?(periods: [OfficePeriod]) {
        guard Self.areValid(periods) else { return nil }
        self.periods = periods
    }

    private init(validated periods: [OfficePeriod]) {
        self.periods = periods
    }

    private enum CodingKeys: String, CodingKey { case periods }

    /// Decodes office hours, rejecting periods that `init?(periods:)` would reject.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let periods = try container.decode([OfficePeriod].self, forKey: .periods)
        guard Self.areValid(periods) else {
            throw DecodingError.dataCorruptedError(forKey: .periods, in: container,
                                                   debugDescription: "Office periods must be ordered and disjoint")
        }
        self.periods = periods
    }

    /// Office minutes in one working day (450 for the standard hours).
    public var minutesPerDay: Int { periods.reduce(0) { $0 + $1.minutes } }

    /// Start of the first period, in minutes since midnight (450 = 07:30 for the standard hours).
    public var opening: Int { periods[0].start }

    /// End of the last period, in minutes since midnight (1020 = 17:00 for the standard hours): "the close of the day".
    public var closing: Int { periods[periods.count - 1].end }

    private static func areValid(_ periods: [OfficePeriod]) -> Bool {
        !periods.isEmpty
            && periods.allSatisfy { 0 <= $0.start && $0.start < $0.end && $0.end <= 24 * 60 }
            && zip(periods, periods.dropFirst()).allSatisfy { $0.end <= $1.start }
    }
}
