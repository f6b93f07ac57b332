import Foundation

/// How ``EdXMLDate`` and ``EdXMLDateTime`` are written. Real messages use both (`2020/10/30` and `30/10/2020`);
/// the canonical QCVN format is [U], so reading accepts either and writing is configurable.
public enum EdXMLDateStyle: String, Hashable, Sendable, CaseIterable {
    /// `yyyy/MM/dd` (and `yyyy/MM/dd HH:mm:ss`), the form used inside `DocumentId` and `Timestamp`.
    case yearFirst
    /// `dd/MM/yyyy` (and `dd/MM/yyyy HH:mm:ss`).
    case dayFirst
}

/// A calendar date without a time zone (ngày ban hành, hạn xử lý), as edXML carries it.
public struct EdXMLDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// nil when the day does not exist in the Gregorian calendar (e.g. 30 February).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...EdXMLDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `yyyy/MM/dd`, `dd/MM/yyyy` or `yyyy-MM-dd` (one- or two-digit day and month); nil otherwise.
    public init?(_ text: String) {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let separator: Character = text.contains("-") ? "-" : "/"
        let parts = text.split(separator: separator, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else { return nil }
        let year: String, month: String, day: String
        if parts[0].count == 4 {
            (year, month, day) = (parts[0], parts[1], parts[2])
        } else if parts[2].count == 4, separator == "/" {
            (year, month, day) = (parts[2], parts[1], parts[0])
        } else {
            return nil
        }
        guard month.count <= 2, day.count <= 2, let y = Int(year), let m = Int(month), let d = Int(day) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The calendar day of `date` in `timeZone` (Vietnam time by default).
    public init(_ date: Date, timeZone: TimeZone = EdXML.vietnamTimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        self.year = c.year!
        self.month = c.month!
        self.day = c.day!
    }

    public func formatted(_ style: EdXMLDateStyle = .yearFirst) -> String {
        let y = String(format: "%04d", year), m = String(format: "%02d", month), d = String(format: "%02d", day)
        switch style {
        case .yearFirst: return "\(y)/\(m)/\(d)"
        case .dayFirst: return "\(d)/\(m)/\(y)"
        }
    }

    /// `yyyy/MM/dd`.
    public var description: String { formatted(.yearFirst) }

    public static func < (lhs: EdXMLDate, rhs: EdXMLDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// A local date and time to the second (`Timestamp`), read as Vietnam time (UTC+7).
public struct EdXMLDateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let date: EdXMLDate
    public let hour: Int
    public let minute: Int
    public let second: Int

    public init?(date: EdXMLDate, hour: Int, minute: Int, second: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second) else { return nil }
        self.date = date
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// Parses a date as ``EdXMLDate`` does followed by a space (or `T`) and `HH:mm:ss`; nil otherwise.
    public init?(_ text: String) {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let split = text.firstIndex(where: { $0 == " " || $0 == "T" }),
              let date = EdXMLDate(String(text[..<split])) else { return nil }
        let time = text[text.index(after: split)...].split(separator: ":", omittingEmptySubsequences: false)
        guard time.count == 3, time.allSatisfy({ $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let h = Int(time[0]), let m = Int(time[1]), let s = Int(time[2]) else { return nil }
        self.init(date: date, hour: h, minute: m, second: s)
    }

    /// The wall-clock time of `instant` in `timeZone` (Vietnam time by default), to the second.
    public init(_ instant: Date, timeZone: TimeZone = EdXML.vietnamTimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.hour, .minute, .second], from: instant)
        self.date = EdXMLDate(instant, timeZone: timeZone)
        self.hour = c.hour!
        self.minute = c.minute!
        self.second = c.second!
    }

    /// The instant this wall-clock time denotes in `timeZone`.
    public func instant(in timeZone: TimeZone = EdXML.vietnamTimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day,
                                                  hour: hour, minute: minute, second: second))!
    }

    public func formatted(_ style: EdXMLDateStyle = .yearFirst) -> String {
        date.formatted(style) + String(format: " %02d:%02d:%02d", hour, minute, second)
    }

    /// `yyyy/MM/dd HH:mm:ss`.
    public var description: String { formatted(.yearFirst) }

    public static func < (lhs: EdXMLDateTime, rhs: EdXMLDateTime) -> Bool {
        (lhs.date, lhs.hour, lhs.minute, lhs.second) < (rhs.date, rhs.hour, rhs.minute, rhs.second)
    }
}
