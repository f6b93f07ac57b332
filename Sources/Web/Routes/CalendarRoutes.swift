import Access
import Core
import Storage
import Vapor
import WorkCalendar

/// The working-day calendar: the non-working days of a year, the legal deadline function,
/// and the yearly notice an administrator records.
struct CalendarRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let calendar = routes.grouped("calendar")
        calendar.get("deadline", use: deadline)
        calendar.get(":year", use: year)
        calendar.get(":year", "notice", use: notice)
        calendar.put(":year", "notice", use: saveNotice)
    }

    struct YearDTO: Content { var year: Int; var days: [CalendarDay] }

    @Sendable func year(req: Request) async throws -> YearDTO {
        let year = try yearParameter(req)
        let calendar = try await CalendarStore.calendar(on: req.db)
        return YearDTO(year: year, days: calendar.nonWorkingDays(in: year))
    }

    struct DeadlineDTO: Content {
        var from: Date
        var workingDays: Double?
        var hours: Double?
        var sameDay: Bool
        var cutoffHour: Int?
        var due: Date
    }

    /// `?from=ISO-8601&workingDays=N`, or `&hours=H`, or `&sameDay=true&cutoffHour=15`.
    @Sendable func deadline(req: Request) async throws -> DeadlineDTO {
        guard let fromText = req.query[String.self, at: "from"] else {
            throw Problem.invalid("Thiếu thời điểm bắt đầu", "Query parameter from (ISO 8601 date-time) is required.",
                                  fields: ["from": "Nhập thời điểm tiếp nhận, ví dụ 2026-01-09T10:00:00+07:00."])
        }
        guard let from = ISO8601Parsing.date(fromText) else {
            throw Problem.invalid("Thời điểm bắt đầu không hợp lệ", "from must be an ISO 8601 date-time, e.g. 2026-01-09T10:00:00+07:00.",
                                  fields: ["from": "Định dạng ISO 8601, ví dụ 2026-01-09T10:00:00+07:00."])
        }
        let year = VietnamTime.localDate(of: from).year
        guard WorkingCalendar.supportedYears.contains(year) else {
            throw Problem.invalid("Năm ngoài phạm vi 1990–2100", "from must fall within 1990-2100.")
        }
        let calendar = try await CalendarStore.calendar(on: req.db)
        if req.query[String.self, at: "sameDay"] == "true" {
            let cutoff = try req.queryInt("cutoffHour", default: 15, range: 7...17)
            return DeadlineDTO(from: from, sameDay: true, cutoffHour: cutoff,
                               due: calendar.sameDayDeadline(receivedAt: from, cutoffHour: cutoff))
        }
        if let hoursText = req.query[String.self, at: "hours"] {
            guard let hours = Double(hoursText), hours > 0, hours <= 10_000 else {
                throw Problem.invalid("Số giờ không hợp lệ", "hours must be a positive number.", fields: ["hours": "Số giờ phải lớn hơn 0."])
            }
            return DeadlineDTO(from: from, hours: hours, sameDay: false,
                               due: calendar.addingWorkingHours(hours, to: from))
        }
        guard let daysText = req.query[String.self, at: "workingDays"], let days = Double(daysText),
              days > 0, days <= 1000, (days * 2).rounded() == days * 2
        else {
            throw Problem.invalid("Số ngày làm việc không hợp lệ",
                                  "workingDays must be a positive multiple of 0.5 up to 1000.",
                                  fields: ["workingDays": "Số ngày làm việc phải lớn hơn 0 (bội số của 0,5)."])
        }
        return DeadlineDTO(from: from, workingDays: days, sameDay: false,
                           due: calendar.deadline(from: from, workingDays: days))
    }

    @Sendable func notice(req: Request) async throws -> YearNotice {
        let year = try yearParameter(req)
        return try await CalendarStore.notice(year: year, on: req.db) ?? YearNotice(year: year)
    }

    @Sendable func saveNotice(req: Request) async throws -> YearDTO {
        let actor = try req.requireProvinceWide(.manageCalendar)
        let year = try yearParameter(req)
        var notice = try req.decodeBody(YearNotice.self)
        guard notice.year == year else {
            throw Problem.invalid("Năm trong thông báo khác năm trên đường dẫn", "The notice's year must equal the path's year.")
        }
        notice.year = year
        try await CalendarStore.save(notice, actor: actor.username, reason: req.query[String.self, at: "reason"],
                                     at: req.now, on: req.db)
        req.application.calendarCache.invalidate()
        let calendar = try await CalendarStore.calendar(on: req.db)
        return YearDTO(year: year, days: calendar.nonWorkingDays(in: year))
    }

    private func yearParameter(_ req: Request) throws -> Int {
        guard let year = req.parameters.get("year", as: Int.self), WorkingCalendar.supportedYears.contains(year) else {
            throw Problem.invalid("Năm không hợp lệ (1990–2100)", "The year must be an integer within 1990-2100.")
        }
        return year
    }
}

/// Parses ISO 8601 date-times, with or without fractional seconds; a date alone means its start in Vietnam.
enum ISO8601Parsing {
    static func date(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
        if let day = LocalDate(iso: text) { return VietnamTime.instant(day, hour: 0) }
        return nil
    }
}
extension YearNotice: Content {}
