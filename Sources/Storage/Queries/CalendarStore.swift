import Core
import Fluent
import Foundation
import WorkCalendar

/// The yearly calendar notices and the working calendar built from them.
public enum CalendarStore {
    /// The working calendar with every recorded notice applied.
    ///
    /// The calendar computes each year's plan on first use; it is kept per set of notice documents, so that requests
    /// share the computed years until a notice changes.
    public static func calendar(on db: any Database) async throws -> WorkingCalendar {
        let documents = try await CalendarNoticeModel.query(on: db).sort(\.$year).all().map(\.document)
        if let cached = calendars.withLock({ $0[documents] }) { return cached }
        let calendar = WorkingCalendar(notices: try documents.map { try JSONDecoder().decode(YearNotice.self, from: Data($0.utf8)) })
        calendars.withLock { cache in
            if cache.count > 64 { cache.removeAll() }
            cache[documents] = calendar
        }
        return calendar
    }

    private static let calendars = LockedCache<[String], WorkingCalendar>()

    /// The notice recorded for a year, if any.
    public static func notice(year: Int, on db: any Database) async throws -> YearNotice? {
        guard let row = try await CalendarNoticeModel.query(on: db).filter(\.$year == year).first() else { return nil }
        return try JSONDecoder().decode(YearNotice.self, from: Data(row.document.utf8))
    }

    /// Records (or replaces) a year's notice, after checking that every date lies in that year.
    public static func save(_ notice: YearNotice, actor: String, reason: String?, at: Date,
                            on database: any Database) async throws {
        guard WorkingCalendar.supportedYears.contains(notice.year) else {
            throw Problem.invalid("Năm ngoài phạm vi 1990–2100", "The year must be within 1990-2100.")
        }
        let dates = (notice.tetDays ?? []) + (notice.nationalDayPair ?? []) + notice.daysOff.map(\.date)
            + notice.makeUpWorkdays.map(\.date)
        // Tết may begin on the last days of the previous Gregorian year, so allow one year either side.
        if let stray = dates.first(where: { abs($0.year - notice.year) > 1 }) {
            throw Problem.invalid("Ngày \(stray.iso) không thuộc năm \(notice.year)",
                                  "Date \(stray.iso) is not in year \(notice.year).")
        }
        let document = String(decoding: try JSONEncoder().encode(notice), as: UTF8.self)
        try await database.writeTransaction { db in
            if let row = try await CalendarNoticeModel.query(on: db).filter(\.$year == notice.year).first() {
                row.document = document
                try await row.save(on: db)
            } else {
                try await CalendarNoticeModel(year: notice.year, document: document).create(on: db)
            }
            try await AuditEventModel.record(on: db, at: at, actor: actor, action: "calendar.notice",
                                             subject: "calendar:\(notice.year)", reason: reason)
        }
    }
}

/// The working calendar as this instance last read it, for the requests that need it on every call (the dossier
/// API). Changes made through this instance invalidate it at once; changes made by another instance (or the command
/// line) are seen within `recheckInterval` — the contract of the catalog index.
public final class CalendarCache: @unchecked Sendable {
    /// How long a calendar read is trusted.
    public let recheckInterval: UInt64
    private let lock = NSLock()
    private var cached: (calendar: WorkingCalendar, readAt: UInt64)?

    public init(recheckInterval seconds: Double = 1) {
        recheckInterval = UInt64(seconds * 1e9)
    }

    /// The calendar in force (read again when the last read is older than `recheckInterval`).
    public func calendar(on db: any Database) async throws -> WorkingCalendar {
        let now = DispatchTime.now().uptimeNanoseconds
        if let fresh = lock.withLock({ cached.flatMap { $0.readAt + recheckInterval > now ? $0.calendar : nil } }) { return fresh }
        let calendar = try await CalendarStore.calendar(on: db)
        lock.withLock { cached = (calendar, now) }
        return calendar
    }

    /// Forgets the calendar (called after every notice saved here).
    public func invalidate() {
        lock.withLock { cached = nil }
    }
}
