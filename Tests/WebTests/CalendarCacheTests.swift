import Fluent
import Foundation
import Storage
import Testing
import Vapor
import WorkCalendar

/// The dossier API's calendar cache: trusted for its interval, forgotten at once by a change made here.
@Suite struct CalendarCacheTests {
    @Test(arguments: Engine.all)
    func a_cached_calendar_is_kept_for_its_interval_and_forgotten_when_invalidated(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            let cache = CalendarCache(recheckInterval: 3600)
            let before = try await cache.calendar(on: app.db)
            let day = LocalDate(year: 2026, month: 10, day: 14)!  // a Wednesday
            #expect(before.isWorkingDay(day))
            var notice = try await CalendarStore.notice(year: 2026, on: app.db) ?? YearNotice(year: 2026, daysOff: [])
            notice.daysOff.append(NamedDate(date: day, name: "Nghỉ thử"))
            try await CalendarStore.save(notice, actor: "test", reason: nil, at: Date(), on: app.db)
            // within the interval the cache answers as it read
            #expect(try await cache.calendar(on: app.db).isWorkingDay(day))
            cache.invalidate()
            #expect(try await !cache.calendar(on: app.db).isWorkingDay(day))
            // with no interval every call reads the database
            #expect(try await !CalendarCache(recheckInterval: 0).calendar(on: app.db).isWorkingDay(day))
        }
    }
}
