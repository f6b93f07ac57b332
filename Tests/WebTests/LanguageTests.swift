import DemoData
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import Web

/// Vietnamese by default with an English switch: the choice is a cookie set by a plain link (no JavaScript), it
/// follows every page, and every interface text of the main pages has its English.
@Suite struct LanguageTests {
    @Test func pages_are_vietnamese_by_default_and_the_switch_keeps_english_in_a_cookie() async throws {
        try await withPlatform(.sqlite) { app in
            // default: Vietnamese, with a link to English
            let home = try await app.send(.GET, "/")
            #expect(home.body.string.contains("<html lang=\"vi\">"))
            #expect(home.body.string.contains(">Thủ tục</a>") && home.body.string.contains("href=\"?ngon-ngu=en\""))
            #expect(home.headers.setCookie?[Language.cookieName] == nil)
            // the switch: English now, and a cookie for the next pages
            let switched = try await app.send(.GET, "/?ngon-ngu=en")
            #expect(switched.body.string.contains("<html lang=\"en\">"))
            #expect(switched.body.string.contains(">Procedures</a>") && !switched.body.string.contains(">Thủ tục</a>"))
            #expect(switched.body.string.contains("href=\"?ngon-ngu=vi\""))
            let cookie = try #require(switched.headers.setCookie?[Language.cookieName])
            #expect(cookie.string == "en")
            // the cookie carries the choice to another page
            var headers = HTTPHeaders()
            headers.cookie = HTTPCookies(dictionaryLiteral: (Language.cookieName, HTTPCookies.Value(string: "en")))
            let calendar = try await app.testing().sendRequest(.GET, "/lich/2026", headers: headers)
            #expect(calendar.body.string.contains("<html lang=\"en\">") && calendar.body.string.contains(">Track a dossier</a>"))
            // an unknown language is ignored
            let unknown = try await app.send(.GET, "/?ngon-ngu=fr")
            #expect(unknown.body.string.contains("<html lang=\"vi\">") && unknown.headers.setCookie?[Language.cookieName] == nil)
        }
    }

    @Test func an_english_text_is_used_whole_with_its_values_and_a_missing_one_is_recorded() {
        Language.$current.withValue(.en) {
            #expect(t("Thủ tục") == "Procedures")
            #expect(t("Không có bản dịch {0} này", "X") == "Không có bản dịch X này")
        }
        #expect(Language.missing.withLock { $0.contains("Không có bản dịch {0} này") })
        #expect(t("Thủ tục") == "Thủ tục")
    }
}
