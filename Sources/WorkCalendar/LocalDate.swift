import Core
import Foundation

/// Ngày dương lịch — a calendar date without time of day, as read on a wall calendar in Vietnam.
///
/// Dates follow the proleptic Gregorian calendar and are limited to years 1–9999, so that `iso` is always
/// `YYYY-MM-DD`. `Codable` uses that string.
public struct LocalDate: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    static let validYears = 1...9999

    /// The date, or `nil` when the day does not exist (e.g. 29 February of a common year).
    public init?(year: Int, month: Int, day: Int) {
        guard Self.validYears.contains(year), (1...12).contains(month),
              (1...Self.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses an ISO 8601 calendar date, `"2026-01-01"`; `nil` if the text is malformed or the date does not exist.
    public init?(iso: String) {
        let fields = iso.split(separator: "-", omittingEmptySubsequences: false)
        guard fields.map(\.utf8.count) == [4, 2, 2],
              fields.allSatisfy({ $0.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } }),
              let year = Int(fields[0]), let month = Int(fields[1]), let day = Int(fields[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The date of a Julian day number (days counted from 1 January 4713 BC, Julian calendar).
    init(julianDayNumber jdn: Int) {
        let a = jdn + 32044
        let b = (4 * a + 3) / 146_097
        let c = a - 146_097 * b / 4
        let d = (4 * c + 3) / 1461
        let e = c - 1461 * d / 4
        let m = (5 * e + 2) / 153
        day = e - (153 * m + 2) / 5 + 1
        month = m + 3 - 12 * (m / 10)
        year = 100 * b + d - 4800 + m / 10
    }

    /// `"2026-01-01"`.
    public var iso: String {
        Digits.padded(year, to: 4) + "-" + Digits.padded(month, to: 2) + "-" + Digits.padded(day, to: 2)
    }

    public var description: String { iso }

    /// The Julian day number: consecutive integers for consecutive days, convenient for date arithmetic.
    public var julianDayNumber: Int {
        Self.julianDayNumber(year: year, month: month, day: day)
    }

    /// ISO weekday: 1 = Monday (thứ Hai) … 7 = Sunday (Chủ nhật).
    public var weekday: Int { julianDayNumber % 7 + 1 }

    /// Saturday or Sunday — the weekly rest days of civil servants.
    public var isWeekend: Bool { weekday >= 6 }

    /// The date `days` days later (earlier when negative).
    public func adding(days: Int) -> LocalDate {
        LocalDate(julianDayNumber: julianDayNumber + days)
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = LocalDate(iso: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Not an ISO date: \(text)")
        }
        self = date
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }

    static func julianDayNumber(year: Int, month: Int, day: Int) -> Int {
        let a = (14 - month) / 12
        let y = year + 4800 - a
        let m = month + 12 * a - 3
        return day + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 32045
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
