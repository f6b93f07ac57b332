import DemoData
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import Web

/// The public portal without sign-in: procedure search regardless of diacritics, the procedure page, tracking by
/// code, the working-day calendar.
@Suite struct PortalPageTests {
    @Test func search_finds_a_procedure_with_or_without_diacritics_and_its_page_says_what_to_bring() async throws {
        try await withPlatform(.sqlite) { app in
            // act
            for query in ["%C4%91%C4%83ng%20k%C3%BD%20khai%20sinh", "dang%20ky%20khai%20sinh", "DANG%20KY%20KHAI%20SINH"] {
                let results = try await app.send(.GET, "/thu-tuc?q=\(query)")
                // check: the birth registration procedure comes first
                #expect(results.status == .ok)
                let body = results.body.string
                let first = body.range(of: "<li><a href=\"/thu-tuc/").map { body[$0.upperBound...].prefix(8) }
                #expect(first == "1.001193", "\(query)")
            }
            let page = try await app.send(.GET, "/thu-tuc/1.001193")
            #expect(page.status == .ok)
            for expected in ["khai sinh", "Hồ sơ cần chuẩn bị", "Thời hạn giải quyết", "Căn cứ pháp lý", "Các bước giải quyết"] {
                #expect(page.body.string.contains(expected), "\(expected)")
            }
            #expect(try await app.send(.GET, "/thu-tuc/9.999999").status == .notFound)
        }
    }

    @Test func home_tracking_and_calendar_pages_work_without_sign_in() async throws {
        try await withPlatform(.sqlite) { app in
            let home = try await app.send(.GET, "/")
            #expect(home.status == .ok && home.body.string.contains("Tra cứu hồ sơ") && home.body.string.contains("name=\"q\""))
            let track = try await app.send(.GET, "/tra-cuu?ma=H60.99-260302-0001")
            #expect(track.status == .seeOther && track.headers.first(name: .location) == "/tra-cuu/H60.99-260302-0001")
            let calendar = try await app.send(.GET, "/lich/2026")
            #expect(calendar.status == .ok && calendar.body.string.contains("Tết Nguyên đán") && calendar.body.string.contains("Giỗ Tổ Hùng Vương"))
            #expect(try await app.send(.GET, "/lich/2200").status == .notFound)
        }
    }
}

/// Light enough for a 3G phone in a mountain commune: every main page, with everything it needs (one inline
/// stylesheet, no script, no external font), is under 100 KB before compression.
@Suite struct PageWeightTests {
    @Test func every_main_page_weighs_less_than_100_kilobytes_with_everything_included() async throws {
        try await withPlatform(.sqlite) { app in
            let citizen = try await app.token(DemoSeed.citizenID)
            let specialist = try await app.token("stp.chuyenvien")
            let desk = try await app.token("minhxuan.motcua")
            let pages: [(String, String?)] = [
                ("/", nil), ("/thu-tuc?q=dang%20ky", nil), ("/thu-tuc/1.001193", nil), ("/dang-nhap", nil), ("/lich/2026", nil),
                ("/thu-tuc/1.001022/nop", citizen), ("/ho-so-cua-toi", citizen), ("/van-ban/soan", specialist),
                ("/van-ban?chieu=den", specialist), ("/mot-cua", desk), ("/cong-viec", desk),
            ]
            for (path, token) in pages {
                let response = try await app.send(.GET, path, token: token)
                #expect(response.status == .ok, "\(path)")
                let body = response.body.string
                #expect(body.utf8.count < 100_000, "\(path): \(body.utf8.count) bytes")
                #expect(!body.contains("<script src") && !body.contains("https://"), "\(path) loads nothing from elsewhere")
            }
        }
    }
}
