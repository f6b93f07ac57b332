import Core
import DemoData
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import Web

/// "My work": the steps waiting for me, the nearest deadline first, due today in amber and overdue in red; a form
/// posted without its CSRF token changes nothing.
@Suite struct WorkPageTests {
    static func rowClass(_ page: String, code: String) -> String? {
        guard let range = page.range(of: "data-code=\"\(code)\"") else { return nil }
        let before = page[..<range.lowerBound]
        guard let open = before.range(of: "<tr class=\"", options: .backwards) else { return nil }
        return String(before[open.upperBound...].prefix { $0 != "\"" })
    }

    @Test func my_work_marks_due_today_in_amber_and_overdue_in_red_and_needs_the_form_token() async throws {
        let clock = ManualClock(Fixtures.monday)  // Monday 2026-03-02 09:00
        try await withPlatform(.sqlite, clock: clock) { app in
            // setup: an online dossier received at 09:00; its next step (the unit leader's, half a day) is due at 15:00
            let code = try await DossierAPITests.submitOnline(app)
            let desk = try await app.token("minhxuan.motcua")
            #expect(try await DossierAPITests.act(app, code, "receive", token: desk).status == .ok)
            let leader = try await app.token("minhxuan.lanhdaodonvi")

            // check: due today in amber, then overdue in red the next morning; the specialist does not see it yet
            let today = try await app.send(.GET, "/cong-viec", token: leader)
            #expect(Self.rowClass(today.body.string, code: code) == "due-today")
            let specialist = try await app.token("minhxuan.chuyenvien")
            #expect(try await app.send(.GET, "/cong-viec", token: specialist).body.string.contains(code) == false)
            clock.advance(by: 24 * 3600)
            let leaderTomorrow = try await app.token("minhxuan.lanhdaodonvi")  // yesterday's token has expired
            let tomorrow = try await app.send(.GET, "/cong-viec", token: leaderTomorrow)
            #expect(Self.rowClass(tomorrow.body.string, code: code) == "overdue")
            #expect(tomorrow.body.string.contains("(quá hạn)"))

            // a form without its token is refused and the step stays where it was
            let forged = try await app.send(.POST, "/cong-viec/\(code)/forward", token: leaderTomorrow, body: json(["do": "forward"]))
            #expect(forged.status == .forbidden)
            let detail = object(try await app.send(.GET, "/api/v1/dossiers/\(code)", token: leaderTomorrow))
            #expect(detail["currentStep"] as? Int == 1)
        }
    }
}
