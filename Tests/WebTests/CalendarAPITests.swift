import Fluent
import Core
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import Web

/// The calendar API on both engines: listing, deadlines, and the administrator's yearly notice.
@Suite struct CalendarAPITests {
    static func days(_ response: TestingHTTPResponse) -> [String: (String, String)] {
        let items = object(response)["days"] as? [[String: Any]] ?? []
        return Dictionary(items.map { ($0["date"] as! String, ($0["kind"] as! String, $0["name"] as! String)) },
                          uniquingKeysWith: { a, _ in a })
    }

    @Test(arguments: Engine.all)
    func year_2026_lists_holidays_but_not_ordinary_weekends(engine: Engine) async throws {
        try await withPlatform(engine, seeded: false) { app in
            let response = try await app.send(.GET, "/api/v1/calendar/2026")
            #expect(response.status == .ok)
            #expect(object(response)["year"] as? Int == 2026)
            let days = Self.days(response)
            #expect(days["2026-01-01"]?.0 == "holiday")
            #expect(days["2026-01-01"]?.1 == "Tết Dương lịch")
            for tet in ["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"] {
                #expect(days[tet]?.0 == "holiday", "Tết \(tet)")
            }
            #expect(days["2026-04-26"]?.0 == "holiday")        // Giỗ Tổ, a Sunday…
            #expect(days["2026-04-27"]?.0 == "compensatory")   // …gives Monday off
            #expect(days["2026-04-30"]?.0 == "holiday")
            #expect(days["2026-05-01"]?.0 == "holiday")
            #expect(days["2026-09-01"]?.0 == "holiday")
            #expect(days["2026-09-02"]?.0 == "holiday")
            #expect(days["2026-01-03"] == nil)                 // an ordinary Saturday is not listed
            #expect(try await app.send(.GET, "/api/v1/calendar/1989").status == .badRequest)
            #expect(try await app.send(.GET, "/api/v1/calendar/2101").status == .badRequest)
        }
    }

    @Test(arguments: Engine.all)
    func deadline_counts_working_days_from_the_day_after_receipt(engine: Engine) async throws {
        try await withPlatform(engine, seeded: false) { app in
            // Friday 2026-01-09 10:00 + 3 working days → close of Wednesday 2026-01-14
            let response = try await app.send(.GET, "/api/v1/calendar/deadline?from=2026-01-09T10:00:00%2B07:00&workingDays=3")
            #expect(response.status == .ok)
            let due = try #require(object(response)["due"] as? String)
            #expect(try Date(due, strategy: .iso8601) == (try Date("2026-01-14T17:00:00+07:00", strategy: .iso8601)))
            // across Tết 2026: received Friday 13 Feb, 2 working days → Tuesday 24 Feb (16–20 Feb off)
            let tet = object(try await app.send(.GET, "/api/v1/calendar/deadline?from=2026-02-13T09:00:00%2B07:00&workingDays=2"))
            #expect(try Date(try #require(tet["due"] as? String), strategy: .iso8601) == (try Date("2026-02-24T17:00:00+07:00", strategy: .iso8601)))
            // same-day with the 15:00 cut-off
            let late = object(try await app.send(.GET, "/api/v1/calendar/deadline?from=2026-03-02T15:30:00%2B07:00&sameDay=true&cutoffHour=15"))
            #expect(try Date(try #require(late["due"] as? String), strategy: .iso8601) == (try Date("2026-03-03T17:00:00+07:00", strategy: .iso8601)))
            // bad input: a clear problem
            let bad = try await app.send(.GET, "/api/v1/calendar/deadline?from=yesterday&workingDays=3")
            #expect(bad.status == .badRequest)
            #expect((object(bad)["errors"] as? [String: String])?["from"] != nil)
            #expect(try await app.send(.GET, "/api/v1/calendar/deadline?from=2026-01-09T10:00:00%2B07:00&workingDays=-1").status == .badRequest)
        }
    }

    @Test(arguments: Engine.all)
    func a_yearly_notice_overrides_the_computed_days(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            let admin = try await app.token("tinh.quantri")
            // The 2027 notice: Saturday 2027-02-20 is a make-up working day, Friday 2027-02-12 a moved day off.
            let saved = try await app.send(.PUT, "/api/v1/calendar/2027/notice?reason=Th%C3%B4ng%20b%C3%A1o", token: admin,
                                           body: json(["year": 2027,
                                                       "daysOff": [["date": "2027-02-12", "name": "Nghỉ hoán đổi"]],
                                                       "makeUpWorkdays": [["date": "2027-02-20", "name": "Làm bù"]]]))
            #expect(saved.status == .ok)
            let days = Self.days(try await app.send(.GET, "/api/v1/calendar/2027"))
            #expect(days["2027-02-12"]?.0 == "adjusted-off")
            #expect(days["2027-02-20"]?.0 == "make-up-workday")
            // deadlines follow it: Thursday 2027-02-18 + 2 working days → Friday 19, then the make-up Saturday 20 Feb
            let due = object(try await app.send(.GET, "/api/v1/calendar/deadline?from=2027-02-18T09:00:00%2B07:00&workingDays=2"))
            #expect(try Date(try #require(due["due"] as? String), strategy: .iso8601) == (try Date("2027-02-20T17:00:00+07:00", strategy: .iso8601)))
            // a notice with a date in another year is refused and changes nothing
            let wrong = try await app.send(.PUT, "/api/v1/calendar/2028/notice", token: admin,
                                           body: json(["year": 2028, "daysOff": [["date": "2031-01-02", "name": "x"]],
                                                       "makeUpWorkdays": [] as [Any]]))
            #expect(wrong.status == .badRequest)
            let notice2028 = object(try await app.send(.GET, "/api/v1/calendar/2028/notice"))
            #expect((notice2028["daysOff"] as? [Any])?.isEmpty == true)
        }
    }
}
