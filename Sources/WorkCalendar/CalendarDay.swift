import Foundation

/// Loại ngày — why a day appears in the yearly calendar (`GET /api/v1/calendar/{year}`).
public enum DayKind: String, Codable, Sendable {
    /// Ngày lễ, Tết — a public holiday of Labour Code 2019 art. 112.
    case holiday
    /// Ngày nghỉ bù — the day off owed for a holiday falling on a weekly rest day (art. 111(3)).
    case compensatory
    /// Ngày nghỉ theo thông báo — a day off moved by the government's yearly notice.
    case adjustedOff = "adjusted-off"
    /// Ngày làm bù — a Saturday or Sunday worked under the yearly notice; a working day.
    case makeUpWorkday = "make-up-workday"

    /// Position among entries of the same date in a listing.
    var listingOrder: Int {
        switch self {
        case .holiday: 0
        case .compensatory: 1
        case .adjustedOff: 2
        case .makeUpWorkday: 3
        }
    }
}

/// One day listed by the yearly calendar, with its name (e.g. "Giỗ Tổ Hùng Vương") and kind.
public struct CalendarDay: Hashable, Codable, Sendable {
    public let date: LocalDate
    public let name: String
    public let kind: DayKind

    public init(date: LocalDate, name: String, kind: DayKind) {
        self.date = date
        self.name = name
        self.kind = kind
    }
}

/// A date with the name a notice gives it (e.g. "Nghỉ hoán đổi dịp 30/4").
public struct NamedDate: Codable, Sendable, Hashable {
    public var date: LocalDate
    public var name: String

    public init(date: LocalDate, name: String) {
        self.date = date
        self.name = name
    }
}

/// Thông báo nghỉ lễ, Tết — the government's yearly notice for one year, recorded by an administrator.
///
/// It overrides the computed defaults of its year: `tetDays` and `nationalDayPair` replace the default Tết days and
/// National Day pair (they stay holidays, and a weekend one still gets its compensatory day); a date named in
/// `daysOff` or `makeUpWorkdays` takes that kind instead of whatever was computed for it.
/// `tetDays` are the official holidays only (5 days under art. 112); extra days off of the Tết break belong in
/// `daysOff`.
public struct YearNotice: Codable, Sendable, Hashable {
    public var year: Int
    /// Replaces the default Tết days (kind holiday, name "Tết Nguyên đán") when set.
    public var tetDays: [LocalDate]?
    /// Replaces the default 1/9 + 2/9 National Day pair when set.
    public var nationalDayPair: [LocalDate]?
    /// Extra days off moved by the notice (kind adjusted-off).
    public var daysOff: [NamedDate]
    /// Saturdays or Sundays worked instead (kind make-up-workday): these become working days.
    public var makeUpWorkdays: [NamedDate]

    public init(year: Int, tetDays: [LocalDate]? = nil, nationalDayPair: [LocalDate]? = nil,
                daysOff: [NamedDate] = [], makeUpWorkdays: [NamedDate] = []) {
        self.year = year
        self.tetDays = tetDays
        self.nationalDayPair = nationalDayPair
        self.daysOff = daysOff
        self.makeUpWorkdays = makeUpWorkdays
    }

    private enum CodingKeys: String, CodingKey {
        case year, tetDays, nationalDayPair, daysOff, makeUpWorkdays
    }

    /// Decodes a notice; missing `daysOff` and `makeUpWorkdays` mean none.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(year: try container.decode(Int.self, forKey: .year),
                  tetDays: try container.decodeIfPresent([LocalDate].self, forKey: .tetDays),
                  nationalDayPair: try container.decodeIfPresent([LocalDate].self, forKey: .nationalDayPair),
                  daysOff: try container.decodeIfPresent([NamedDate].self, forKey: .daysOff) ?? [],
                  makeUpWorkdays: try container.decodeIfPresent([NamedDate].self, forKey: .makeUpWorkdays) ?? [])
    }
}
