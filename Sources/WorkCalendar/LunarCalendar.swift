import Foundation

/// Ngày âm lịch — a date of the Vietnamese lunisolar calendar.
public struct LunarDate: Hashable, Sendable {
    public let day: Int
    public let month: Int
    public let year: Int
    /// Whether the month is the leap month (tháng nhuận) that repeats `month`.
    public let isLeapMonth: Bool

    public init(day: Int, month: Int, year: Int, isLeapMonth: Bool = false) {
        self.day = day
        self.month = month
        self.year = year
        self.isLeapMonth = isLeapMonth
    }
}

/// Âm lịch — Hồ Ngọc Đức's algorithm for the lunisolar calendar, evaluated at a configurable time zone.
///
/// The default, UTC+7 (the 105°E meridian), gives the Vietnamese calendar; UTC+8 gives the Chinese one, which
/// differs when a new moon or a solar term falls near midnight (Tết 1985, 2007, 2030, 2053, …).
/// The rules: a month starts on the day of the new moon (Sóc); the month holding the winter solstice (Đông chí) is
/// month 11; a year with 13 months repeats, as leap month, the first month after month 11 that holds no major solar
/// term (trung khí). Astronomy after Jean Meeus, "Astronomical Algorithms" (1998), as in the published algorithm.
public enum LunarCalendar {
    /// The lunar date of a Gregorian date.
    public static func lunarDate(of date: LocalDate, timeZoneHours: Double = 7) -> LunarDate {
        let zone = timeZoneHours
        let dayNumber = date.julianDayNumber
        let k = Int(((Double(dayNumber) - newMoonEpoch) / synodicMonth).rounded(.down))
        var monthStart = newMoonDay(k + 1, zone)
        if monthStart > dayNumber { monthStart = newMoonDay(k, zone) }

        var a11 = month11Start(of: date.year, zone)
        var b11 = a11
        var lunarYear: Int
        if a11 >= monthStart {
            lunarYear = date.year
            a11 = month11Start(of: date.year - 1, zone)
        } else {
            lunarYear = date.year + 1
            b11 = month11Start(of: date.year + 1, zone)
        }

        let monthsAfter11 = (monthStart - a11) / 29
        var lunarMonth = monthsAfter11 + 11
        var isLeap = false
        if b11 - a11 > 365 {
            let leapOffset = leapMonthOffset(a11, zone)
            if monthsAfter11 >= leapOffset {
                lunarMonth = monthsAfter11 + 10
                isLeap = monthsAfter11 == leapOffset
            }
        }
        if lunarMonth > 12 { lunarMonth -= 12 }
        if lunarMonth >= 11 && monthsAfter11 < 4 { lunarYear -= 1 }
        return LunarDate(day: dayNumber - monthStart + 1, month: lunarMonth, year: lunarYear, isLeapMonth: isLeap)
    }

    /// The Gregorian date of a lunar date; `nil` when it does not exist (day 30 of a 29-day month, a leap month the
    /// year does not have, a month outside 1…12).
    public static func solarDate(lunarDay: Int, lunarMonth: Int, lunarYear: Int, isLeapMonth: Bool = false,
                                 timeZoneHours: Double = 7) -> LocalDate? {
        guard (1...12).contains(lunarMonth), (1...30).contains(lunarDay) else { return nil }
        let frame = YearFrame(month: lunarMonth, lunarYear: lunarYear, zone: timeZoneHours)
        guard !isLeapMonth || frame.leapMonth == lunarMonth else { return nil }
        let lunation = frame.lunation(ofMonth: lunarMonth, isLeapMonth: isLeapMonth)
        let firstDay = newMoonDay(lunation, timeZoneHours)
        guard lunarDay <= newMoonDay(lunation + 1, timeZoneHours) - firstDay else { return nil }
        return LocalDate(julianDayNumber: firstDay + lunarDay - 1)
    }

    /// Tết Nguyên đán: the first day of the first lunar month of `year`.
    public static func tet(of year: Int, timeZoneHours: Double = 7) -> LocalDate {
        firstDay(ofMonth: 1, lunarYear: year, timeZoneHours: timeZoneHours)
    }

    /// The first day of an ordinary (non-leap) lunar month, which always exists.
    static func firstDay(ofMonth month: Int, lunarYear: Int, timeZoneHours: Double = 7) -> LocalDate {
        let frame = YearFrame(month: month, lunarYear: lunarYear, zone: timeZoneHours)
        return LocalDate(julianDayNumber: newMoonDay(frame.lunation(ofMonth: month, isLeapMonth: false),
                                                     timeZoneHours))
    }

    // MARK: - Astronomy

    /// Mean length of a lunation, in days.
    private static let synodicMonth = 29.530588853
    /// Julian date of the new moon of 1 January 1900, lunation number 0.
    private static let newMoonEpoch = 2415021.076998695
    private static let degree = Double.pi / 180

    /// The months counted from a month 11 up to the next month 11, with the leap month when there is one.
    private struct YearFrame {
        /// Julian day number of the first day of the month 11 the counting starts from.
        let month11: Int
        /// Months after `month11` at which the leap month sits, for a 13-month span.
        let leapOffset: Int?

        /// The frame holding `month` of `lunarYear`: months 11 and 12 belong to the span starting in that Gregorian
        /// year, months 1…10 to the span starting the year before.
        init(month: Int, lunarYear: Int, zone: Double) {
            let startYear = month < 11 ? lunarYear - 1 : lunarYear
            let a11 = LunarCalendar.month11Start(of: startYear, zone)
            let b11 = LunarCalendar.month11Start(of: startYear + 1, zone)
            month11 = a11
            leapOffset = b11 - a11 > 365 ? LunarCalendar.leapMonthOffset(a11, zone) : nil
        }

        /// The month number the leap month repeats, if the span has one.
        var leapMonth: Int? {
            leapOffset.map { ($0 + 9) % 12 + 1 }
        }

        /// The lunation number (for `newMoonDay`) of a month of this frame.
        func lunation(ofMonth month: Int, isLeapMonth: Bool) -> Int {
            var offset = (month + 1) % 12   // month 11 → 0, 12 → 1, 1 → 2, …
            if let leapOffset, isLeapMonth || offset >= leapOffset { offset += 1 }
            let k = ((Double(month11) - newMoonEpoch) / synodicMonth + 0.5).rounded(.down)
            return Int(k) + offset
        }
    }

    /// Julian date (UT) of the new moon of lunation `k`, counted from the new moon of 1 January 1900.
    private static func newMoon(_ k: Int) -> Double {
        let k = Double(k)
        let t = k / 1236.85
        let t2 = t * t
        let t3 = t2 * t
        var jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
        jd += 0.00033 * sin((166.56 + 132.87 * t - 0.009173 * t2) * degree)
        let m = (359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3) * degree
        let mPrime = (306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3) * degree
        let f = (21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3) * degree
        var correction = (0.1734 - 0.000393 * t) * sin(m) + 0.0021 * sin(2 * m)
        correction += -0.4068 * sin(mPrime) + 0.0161 * sin(2 * mPrime) - 0.0004 * sin(3 * mPrime)
        correction += 0.0104 * sin(2 * f) - 0.0051 * sin(m + mPrime) - 0.0074 * sin(m - mPrime)
        correction += 0.0004 * sin(2 * f + m) - 0.0004 * sin(2 * f - m) - 0.0006 * sin(2 * f + mPrime)
        correction += 0.0010 * sin(2 * f - mPrime) + 0.0005 * sin(2 * mPrime + m)
        let deltaT = t < -11
            ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
            : -0.000278 + 0.000265 * t + 0.000262 * t2
        return jd + correction - deltaT
    }

    /// Apparent longitude of the sun, in radians within [0, 2π), at Julian date `jd` (UT).
    private static func sunLongitude(_ jd: Double) -> Double {
        let t = (jd - 2451545.0) / 36525
        let t2 = t * t
        let m = (357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2) * degree
        let l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2
        var dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * sin(m)
        dl += (0.019993 - 0.000101 * t) * sin(2 * m) + 0.000290 * sin(3 * m)
        let longitude = (l0 + dl) * degree
        return longitude - 2 * Double.pi * (longitude / (2 * Double.pi)).rounded(.down)
    }

    /// Julian day number of the local day holding the new moon of lunation `k`.
    private static func newMoonDay(_ k: Int, _ zone: Double) -> Int {
        Int((newMoon(k) + 0.5 + zone / 24).rounded(.down))
    }

    /// The 30° sector (0…11) of the sun's longitude at the start of local day `dayNumber`; sector 9 starts at the
    /// winter solstice.
    private static func sunSector(_ dayNumber: Int, _ zone: Double) -> Int {
        Int((sunLongitude(Double(dayNumber) - 0.5 - zone / 24) / Double.pi * 6).rounded(.down))
    }

    /// Julian day number of the first day of lunar month 11 (the one holding the winter solstice) of `year`.
    private static func month11Start(of year: Int, _ zone: Double) -> Int {
        let offset = Double(LocalDate.julianDayNumber(year: year, month: 12, day: 31)) - 2415021
        let k = Int((offset / synodicMonth).rounded(.down))
        let newMoon = newMoonDay(k, zone)
        return sunSector(newMoon, zone) >= 9 ? newMoonDay(k - 1, zone) : newMoon
    }

    /// How many months after the month 11 starting on `a11` the leap month comes: the first month whose start sees the
    /// sun in the same sector as the next month's start, i.e. a month with no major solar term.
    private static func leapMonthOffset(_ a11: Int, _ zone: Double) -> Int {
        let k = Int(((Double(a11) - newMoonEpoch) / synodicMonth + 0.5).rounded(.down))
        var i = 1
        var sector = sunSector(newMoonDay(k + i, zone), zone)
        var previous: Int
        repeat {
            previous = sector
            i += 1
            sector = sunSector(newMoonDay(k + i, zone), zone)
        } while sector != previous && i < 14
        return i - 1
    }
}
