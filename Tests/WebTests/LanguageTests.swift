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

    /// A GET as a signed-in person (or nobody), in English (the cookie) or in Vietnamese (no cookie).
    static func get(_ app: Application, _ path: String, token: String?, english: Bool) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        if english { headers.cookie = HTTPCookies(dictionaryLiteral: (Language.cookieName, HTTPCookies.Value(string: "en"))) }
        if let token { headers.bearerAuthorization = .init(token: token) }
        return try await app.testing().sendRequest(.GET, path, headers: headers)
    }

    @Test func every_main_page_speaks_english_with_no_text_missing_and_stays_vietnamese_by_default() async throws {
        try await withPlatform(.sqlite) { app in
            // setup: a received dossier (now at the unit leader's step), one sent back for a supplement, one waiting at
            // the desk; a draft outgoing document; a report campaign
            let citizen = try await app.token(DemoSeed.citizenID)
            let desk = try await app.token("minhxuan.motcua")
            let leader = try await app.token("minhxuan.lanhdaodonvi")
            let specialist = try await app.token("stp.chuyenvien")
            let province = try await app.token("tinh.quantri")
            let communeLeader = try await app.token("minhxuan.lanhdao")
            let received = try await DossierAPITests.submitOnline(app, token: citizen)
            #expect(try await DossierAPITests.act(app, received, "receive", token: desk).status == .ok)
            let supplement = try await DossierAPITests.submitOnline(app, token: citizen)
            #expect(try await DossierAPITests.act(app, supplement, "request-intake-supplement", token: desk,
                                                  ["reason": "Thiếu giấy tờ:\n– Bản sao giấy khai sinh"]).status == .ok)
            _ = try await DossierAPITests.submitOnline(app, token: citizen)
            let file = try await DossierAPITests.upload(app, token: specialist, name: "ke-hoach.pdf")
            let created = try await app.send(.POST, "/api/v1/documents", token: specialist, body: json([
                "type": "plan", "subject": "Kế hoạch chuyển đổi số năm 2026", "contentFile": file, "signer": "stp.lanhdao",
                "recipients": ["02215"], "urgency": "urgent"]))
            #expect(created.status == .created, "\(created.body.string)")
            let document = try #require(object(created)["id"] as? String)
            let campaign = try await ReportAPITests.create(app, ReportAPITests.campaign(dueAt: Fixtures.monday.addingTimeInterval(7 * 86400)))

            let pages: [(String, String?)] = [
                ("/", nil), ("/thu-tuc?q=dang%20ky", nil), ("/thu-tuc/1.001193", nil), ("/dang-nhap", nil), ("/lich/2026", nil),
                ("/tra-cuu/\(received)", nil),
                ("/thu-tuc/1.001022/nop", citizen), ("/ho-so-cua-toi", citizen), ("/ho-so-cua-toi/\(received)", citizen),
                ("/ho-so-cua-toi/\(supplement)", citizen),
                ("/mot-cua", desk), ("/ho-so/\(received)/giay-tiep-nhan", desk), ("/ho-so/\(supplement)/mau/02", desk),
                ("/so-theo-doi/02215", desk),
                ("/cong-viec", leader), ("/cong-viec/\(received)", leader), ("/ho-so/\(received)/phieu-kiem-soat", leader),
                ("/van-ban?chieu=den", specialist), ("/van-ban?chieu=di", specialist), ("/van-ban/soan", specialist),
                ("/van-ban/vao-so", specialist), ("/van-ban/\(document)", specialist), ("/so-van-ban/STP/di", specialist),
                ("/dieu-hanh", communeLeader), ("/dieu-hanh/ho-so?loai=tiep-nhan", communeLeader),
                ("/bao-cao", province), ("/bao-cao/tao", province), ("/bao-cao/\(campaign)", province),
                ("/bao-cao/\(campaign)?don-vi=02215", communeLeader),
                ("/quan-tri", province), ("/quan-tri/don-vi/02215", province), ("/quan-tri/can-bo", province),
                ("/quan-tri/can-bo/moi", province), ("/quan-tri/can-bo/stp.chuyenvien", province), ("/quan-tri/thu-tuc", province),
                ("/quan-tri/thu-tuc/1.004873", province), ("/quan-tri/lich/2026", province),
            ]
            var english: [String: String] = [:]
            for (path, token) in pages {
                let response = try await Self.get(app, path, token: token, english: true)
                #expect(response.status == .ok, "\(path): \(response.status)")
                #expect(response.body.string.contains("<html lang=\"en\">"), "\(path)")
                english[path] = response.body.string
            }
            // every text asked for in English has its English (the unit test's deliberate key aside)
            let missing = Language.missing.withLock { $0 }.subtracting(["Không có bản dịch {0} này"])
            #expect(missing.isEmpty, "no English for: \(missing.sorted())")
            // and the English is there
            #expect(english["/"]?.contains("Tuyên Quang Province public service portal") == true)
            #expect(english["/ho-so-cua-toi"]?.contains("<h1>My dossiers</h1>") == true)
            #expect(english["/mot-cua"]?.contains("Online dossiers awaiting intake") == true)
            #expect(english["/cong-viec"]?.contains("Dossiers waiting for me") == true)
            let slip = try #require(english["/ho-so/\(received)/giay-tiep-nhan"])
            #expect(slip.contains("RECEIPT AND APPOINTMENT SLIP") && slip.contains("Form No. 01 — Circular 03/2025/TT-VPCP"))
            #expect(slip.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), "the national heading stays in Vietnamese")
            #expect(english["/ho-so-cua-toi/\(received)"]?.contains("In progress") == true)
            #expect(english["/van-ban/soan"]?.contains("Draft an outgoing document") == true)
            #expect(english["/quan-tri/lich/2026"]?.contains("Lunar New Year (Tết)") == true)
            #expect(english["/dieu-hanh"]?.contains("Operations centre") == true)

            // without the cookie, the same pages stay Vietnamese
            var vietnamese: [String: String] = [:]
            for (path, token) in pages {
                let response = try await Self.get(app, path, token: token, english: false)
                #expect(response.status == .ok && response.body.string.contains("<html lang=\"vi\">"), "\(path)")
                vietnamese[path] = response.body.string
            }
            #expect(vietnamese["/ho-so-cua-toi"]?.contains("<h1>Hồ sơ của tôi</h1>") == true)
            #expect(vietnamese["/mot-cua"]?.contains("<h1>Hồ sơ trực tuyến chờ tiếp nhận</h1>") == true)
            #expect(vietnamese["/ho-so/\(received)/giay-tiep-nhan"]?.contains("<h1>GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ</h1>") == true)
            #expect(vietnamese["/cong-viec"]?.contains("<h1>Hồ sơ chờ tôi xử lý</h1>") == true)
            #expect(vietnamese["/quan-tri"]?.contains("<h1>Quản trị</h1>") == true)
            #expect(vietnamese["/ho-so-cua-toi"]?.contains("My dossiers") == false)
        }
    }

    @Test func every_section_gives_each_text_an_english_and_a_text_in_two_sections_the_same_one() {
        var seen: [String: String] = [:]
        for section in English.sections {
            for (vietnamese, english) in section {
                #expect(!english.trimmingCharacters(in: .whitespaces).isEmpty, "\(vietnamese) has an empty English")
                if let other = seen[vietnamese] {
                    #expect(other == english, "\(vietnamese): \(other) / \(english)")
                }
                seen[vietnamese] = english
                // the placeholders of the Vietnamese are all in the English
                for index in 0..<5 where vietnamese.contains("{\(index)}") {
                    #expect(english.contains("{\(index)}"), "\(vietnamese) → \(english) lacks {\(index)}")
                }
            }
        }
        #expect(seen.count == English.table.count)
    }
}
