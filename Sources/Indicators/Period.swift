import Foundation

/// Kỳ báo cáo — the period an indicator is computed for: a month, a quarter, a year or a custom range of days.
/// Every period starts and ends at midnight Vietnam time (UTC+7, no daylight saving), so a dossier received at
/// 23:59:59 on 31/3 belongs to the first quarter and one received at 00:00 on 1/4 to the second.
/// The end is exclusive: `start <= t < end`.
public enum Period: Hashable, Sendable, CustomStringConvertible {
    /// Tháng — `month` 1…12 of `year`.
    case month(year: Int, month: Int)
    /// Quý — `quarter` 1…4 of `year` (1: January–March, …).
    case quarter(year: Int, quarter: Int)
    /// Năm — the calendar year.
    case year(Int)
    /// Khoảng tùy chọn — from the first day through the last day, both included.
    case days(from: Day, through: Day)

    /// A calendar day in Vietnam (ngày theo giờ Việt Nam).
    public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
        public let year: Int
        public let month: Int
        public let day: Int

        public init(year: Int, month: Int, day: Int) {
            self.year = year
            self.month = month
            self.day = day
        }

        /// Days since 1970-01-01 (proleptic Gregorian), after H. Hinnant's `days_from_civil`.
        public var daysSinceEpoch: Int {
            let y = month <= 2 ? year - 1 : year
            let era = (y >= 0 ? y : y - 399) / 400
            let yoe = y - era * 400
            let mp = (month + 9) % 12
            let doy = (153 * mp + 2) / 5 + day - 1
            let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
            return era * 146_097 + doe - 719_468
        }

        /// The day `daysSinceEpoch` days after 1970-01-01 (`civil_from_days`).
        public init(daysSinceEpoch: Int) {
            let z = daysSinceEpoch + 719_468
            let era = (z >= 0 ? z : z - 146_096) / 146_097
            let doe = z - era * 146_097
            let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
            let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
            let mp = (5 * doy + 2) / 153
            let d = doy - (153 * mp + 2) / 5 + 1
            let m = mp < 10 ? mp + 3 : mp - 9
            self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
        }

        /// The Vietnam day on which `instant` falls.
        public init(of instant: Date) {
            let local = instant.timeIntervalSince1970 + Double(Period.vietnamOffsetSeconds)
            self.init(daysSinceEpoch: Int((local / 86_400).rounded(.down)))
        }

        /// Midnight at the start of this day, Vietnam time.
        public var midnight: Date {
            Date(timeIntervalSince1970: Double(daysSinceEpoch * 86_400 - Period.vietnamOffsetSeconds))
        }

        /// The next calendar day.
        public var next: Day { Day(daysSinceEpoch: daysSinceEpoch + 1) }

        public static func < (lhs: Day, rhs: Day) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }

        /// "2025-06-30".
        public var description: String {
            String(format: "%04d-%02d-%02d", year, month, day)
        }
    }

    /// UTC+7 in seconds.
    public static let vietnamOffsetSeconds = 7 * 3600

    /// The first day of the period.
    public var firstDay: Day {
        switch self {
        case let .month(year, month): Day(year: year, month: month, day: 1)
        case let .quarter(year, quarter): Day(year: year, month: (quarter - 1) * 3 + 1, day: 1)
        case let .year(year): Day(year: year, month: 1, day: 1)
        case let .days(from, _): from
        }
    }

    /// The first day after the period.
    public var dayAfter: Day {
        switch self {
        case let .month(year, month): month == 12 ? Day(year: year + 1, month: 1, day: 1) : Day(year: year, month: month + 1, day: 1)
        case let .quarter(year, quarter): quarter == 4 ? Day(year: year + 1, month: 1, day: 1)
            : Day(year: year, month: quarter * 3 + 1, day: 1)
        case let .year(year): Day(year: year + 1, month: 1, day: 1)
        case let .days(_, through): through.next
        }
    }

    /// Midnight (UTC+7) at which the period starts.
    public var start: Date { firstDay.midnight }
    /// Midnight (UTC+7) right after the period's last day (exclusive).
    public var end: Date { dayAfter.midnight }

    /// Whether `instant` falls in the period (`start <= instant < end`).
    public func contains(_ instant: Date) -> Bool { instant >= start && instant < end }

    /// How many such periods make a year: 12 for a month, 4 for a quarter, 1 for a year, `nil` for a custom
    /// range. Used by indicator 1.4's fallback denominator (last year's total ÷12, ÷4 or whole).
    public var periodsPerYear: Int? {
        switch self {
        case .month: 12
        case .quarter: 4
        case .year: 1
        case .days: nil
        }
    }

    /// "2025-06", "2025-Q2", "2025", "2025-06-28..2025-07-02".
    public var description: String {
        switch self {
        case let .month(year, month): String(format: "%04d-%02d", year, month)
        case let .quarter(year, quarter): "\(year)-Q\(quarter)"
        case let .year(year): "\(year)"
        case let .days(from, through): "\(from)..\(through)"
        }
    }
}

/// Cấp thực hiện — the administrative level at which a procedure is carried out. Since 1/7/2025 local government
/// has two levels (province and commune); `district` remains for dossiers received before.
public enum AdministrativeLevel: String, Hashable, Codable, Sendable, CaseIterable {
    /// Cấp tỉnh — the province and its departments (sở, ban, ngành).
    case province
    /// Cấp huyện — districts, abolished on 1/7/2025 (historical dossiers only).
    case district
    /// Cấp xã — communes, wards and townships (xã, phường, đặc khu).
    case commune
}

/// Phạm vi đơn vị — which dossiers count for a unit: the unit alone, or the unit with all its sub-units (by
/// materialised path prefix, as `Organisation.UnitPath.isWithin` does), optionally only those of one
/// administrative level.
public struct UnitScope: Hashable, Sendable {
    /// The unit's materialised path, e.g. "/08/STP/".
    public var unitPath: String
    /// Whether dossiers of sub-units (paths below `unitPath`) count too.
    public var includeSubUnits: Bool
    /// Only dossiers of procedures at this level (cấp thực hiện), or all levels when `nil`.
    public var level: AdministrativeLevel?

    public init(unitPath: String, includeSubUnits: Bool = true, level: AdministrativeLevel? = nil) {
        self.unitPath = unitPath
        self.includeSubUnits = includeSubUnits
        self.level = level
    }

    /// Whether a dossier of the unit at `path`, of a procedure at `level`, is inside the scope.
    public func contains(path: String, level: AdministrativeLevel) -> Bool {
        if let wanted = self.level, wanted != level { return false }
        return includeSubUnits ? path.hasPrefix(unitPath) : path == unitPath
    }
}
