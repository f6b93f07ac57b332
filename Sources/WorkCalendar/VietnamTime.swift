import Foundation

/// Giờ Việt Nam — Vietnam's civil time: fixed UTC+7 all year, no daylight saving time.
///
/// The arithmetic is done directly on the UTC+7 offset, without `Calendar`, because deadline walks call it often.
public enum VietnamTime {
    static let offsetSeconds = 7 * 3600
    private static let secondsPerDay = 86_400
    /// Julian day number of 1970-01-01, the reference date of `Date.timeIntervalSince1970`.
    private static let unixEpochJulianDay = 2_440_588

    /// UTC+7.
    public static let timeZone = TimeZone(secondsFromGMT: offsetSeconds)!

    /// The Vietnamese calendar date on which `instant` falls.
    public static func localDate(of instant: Date) -> LocalDate {
        localTime(of: instant).date
    }

    /// The instant at `hour:minute` Vietnam time on `date`.
    public static func instant(_ date: LocalDate, hour: Int, minute: Int = 0) -> Date {
        instant(date, secondOfDay: Double(hour * 3600 + minute * 60))
    }

    /// Whole minutes elapsed since local midnight (0…1439).
    public static func minutesSinceMidnight(of instant: Date) -> Int {
        Int(localTime(of: instant).secondOfDay / 60)
    }

    /// The local date of `instant` and the seconds elapsed on it since midnight.
    static func localTime(of instant: Date) -> (date: LocalDate, secondOfDay: Double) {
        let localSeconds = instant.timeIntervalSince1970 + Double(offsetSeconds)
        let days = (localSeconds / Double(secondsPerDay)).rounded(.down)
        return (LocalDate(julianDayNumber: unixEpochJulianDay + Int(days)),
                localSeconds - days * Double(secondsPerDay))
    }

    /// The instant `secondOfDay` seconds after local midnight of `date`.
    static func instant(_ date: LocalDate, secondOfDay: Double) -> Date {
        let midnight = (date.julianDayNumber - unixEpochJulianDay) * secondsPerDay - offsetSeconds
        return Date(timeIntervalSince1970: Double(midnight) + secondOfDay)
    }
}
