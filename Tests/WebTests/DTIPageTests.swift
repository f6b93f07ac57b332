import Core
import DemoData
import Fluent
import Foundation
import Indicators
import Storage
import Testing
import Vapor
import VaporTesting
@testable import Web

/// Issue 6 item 7, the pages: the yearly digital-transformation evaluation in the officials' workspace — a reviewer
/// opens the year's round, each unit self-assesses with evidence files (refused beside the field when required
/// evidence is missing), reviewers accept or correct a score with a mandatory comment, the ranking per group is
/// published and kept year by year; a unit's officials see and answer only their own unit; every form needs its token.
@Suite struct DTIPageTests {
    static let other = "hoatDongChinhQuyenSo.khac"   // self-assessed, evidence required, 100 points in the seed
    static let otherID = "cs-hoatDongChinhQuyenSo-khac"
    static let minhXuan = "02215", lamBinh = "02266"
    static let pdf = "%PDF-1.4 ke hoach chuyen doi so\n%%EOF"

    /// The self-assessment form of `indicator` as `token` posts it (multipart, with evidence files).
    static func answer(_ app: Application, token: String, csrf: String?, unit: String, indicator: String = other, points: String,
                       files: [(String, String)] = [], kept: [String] = []) async throws -> TestingHTTPResponse {
        var parts: [CitizenPageTests.Part] = csrf.map { [.field("_csrf", $0)] } ?? []
        parts += [.field("indicator", indicator), .field("points", points)]
        parts += kept.map { .field("kept[]", $0) }
        parts += files.map { .file("evidence[]", filename: $0.0, $0.1) }
        return try await CitizenPageTests.postMultipart(app, "/chuyen-doi-so/2026/\(unit)/tu-danh-gia", token: token, parts)
    }

    /// The unit's answer to `indicator` as stored, if any.
    static func stored(_ app: Application, _ unit: String, _ indicator: String = other, year: Int = 2026) async throws -> DTIAnswer? {
        try await DTIService.evaluations(year: year, now: Fixtures.monday, on: app.db).evaluations
            .first { $0.unitCode == unit }?.answers[indicator]
    }

    /// The page of `path` as `token` sees it, and its form token.
    static func page(_ app: Application, _ path: String, token: String) async throws -> (TestingHTTPResponse, String) {
        let response = try await app.send(.GET, path, token: token)
        return (response, (try? formToken(in: response.body.string)) ?? "")
    }

    /// The position of `needle` in `html` (Int.max when absent), to check an order.
    static func position(_ needle: String, in html: String) -> Int {
        html.range(of: needle).map { html.distance(from: html.startIndex, to: $0.lowerBound) } ?? .max
    }

    @Test(arguments: Engine.all)
    func a_round_goes_from_self_assessment_with_evidence_through_review_to_the_published_ranking_on_the_pages(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            // setup: the province reviewer opens the 2026 round from the years page
            let reviewer = try await app.token("tinh.quantri")
            let (years, reviewerCSRF) = try await Self.page(app, "/chuyen-doi-so", token: reviewer)
            #expect(years.status == .ok)
            #expect(years.body.string.contains("<tr data-year=\"2026\">") && years.body.string.contains("data-status=\"none\""))
            #expect(years.body.string.contains("action=\"/chuyen-doi-so\""))
            let opened = try await app.postForm("/chuyen-doi-so", token: reviewer, [("_csrf", reviewerCSRF), ("year", "2026")])
            #expect(opened.status == .seeOther && opened.headers.first(name: .location) == "/chuyen-doi-so/2026")
            let again = try await app.postForm("/chuyen-doi-so", token: reviewer, [("_csrf", reviewerCSRF), ("year", "2026")])
            #expect(again.status == .conflict && again.body.string.contains("id=\"year-error\"") && again.body.string.contains("value=\"2026\""))
            #expect(try await app.send(.GET, "/chuyen-doi-so", token: reviewer).body.string.contains("data-status=\"open\""))
            // a unit's official does not open rounds
            let leader = try await app.token("minhxuan.lanhdao")
            let (leaderYears, leaderCSRF) = try await Self.page(app, "/chuyen-doi-so", token: leader)
            #expect(!leaderYears.body.string.contains("action=\"/chuyen-doi-so\""))
            #expect(try await app.postForm("/chuyen-doi-so", token: leader, [("_csrf", leaderCSRF), ("year", "2027")]).status == .forbidden)

            // the unit's page: pillars, indicators, the platform's figures read-only, the answer form
            let (page, csrf) = try await Self.page(app, "/chuyen-doi-so/2026/\(Self.minhXuan)", token: leader)
            var html = page.body.string
            #expect(page.status == .ok)
            #expect(html.contains("data-indicator=\"\(Self.other)\"") && html.contains("data-evidence-required=\"true\""))
            #expect(html.contains("data-indicator=\"cqs.dungHan\"") && html.contains("data-figure"))
            #expect(html.contains("action=\"/chuyen-doi-so/2026/\(Self.minhXuan)/tu-danh-gia\""))
            #expect(!html.contains("name=\"indicator\" value=\"cqs.dungHan\""))   // computed: no form
            #expect(!html.contains("/tham-dinh\""))                                // reviewers only

            // act: a form without its token changes nothing
            #expect(try await Self.answer(app, token: leader, csrf: nil, unit: Self.minhXuan, points: "80",
                                          files: [("ke-hoach.pdf", Self.pdf)]).status == .forbidden)
            #expect(try await Self.stored(app, Self.minhXuan) == nil)
            #expect(try await FileUploadModel.query(on: app.db).count() == 0)

            // act: Minh Xuân answers with evidence and sees it
            let answered = try await Self.answer(app, token: leader, csrf: csrf, unit: Self.minhXuan, points: "80",
                                                 files: [("ke-hoach.pdf", Self.pdf)])
            #expect(answered.status == .seeOther)
            #expect(answered.headers.first(name: .location) == "/chuyen-doi-so/2026/\(Self.minhXuan)?da-luu=tu-danh-gia#chi-so-hoatDongChinhQuyenSo-khac")
            let evidence = try #require(try await Self.stored(app, Self.minhXuan)?.evidence.first)
            #expect(try await Self.stored(app, Self.minhXuan)?.value == .points(80))
            html = try await app.send(.GET, "/chuyen-doi-so/2026/\(Self.minhXuan)?da-luu=tu-danh-gia", token: leader).body.string
            #expect(html.contains("Đã ghi tự đánh giá.") && html.contains("data-answer>80 điểm<"))
            let link = "/chuyen-doi-so/2026/\(Self.minhXuan)/minh-chung/\(evidence)"
            #expect(html.contains("<a href=\"\(link)\">ke-hoach.pdf</a>"))
            let download = try await app.send(.GET, link, token: leader)
            #expect(download.status == .ok && download.body.string == Self.pdf)

            // the unit's desk officer sees the evaluation but does not answer for the unit
            let desk = try await app.token("minhxuan.motcua")
            let (deskPage, deskCSRF) = try await Self.page(app, "/chuyen-doi-so/2026/\(Self.minhXuan)", token: desk)
            #expect(deskPage.status == .ok && deskPage.body.string.contains("data-answer>80 điểm<") && !deskPage.body.string.contains("/tu-danh-gia\""))
            #expect(try await Self.answer(app, token: desk, csrf: deskCSRF, unit: Self.minhXuan, points: "5").status == .forbidden)

            // act: Lâm Bình claims 90 points without the required evidence: refused beside the field, nothing stored
            let lamBinhLeader = try await app.token("lambinh.lanhdao")
            let (_, lamBinhCSRF) = try await Self.page(app, "/chuyen-doi-so/2026/\(Self.lamBinh)", token: lamBinhLeader)
            let uploads = try await FileUploadModel.query(on: app.db).count()
            let missing = try await Self.answer(app, token: lamBinhLeader, csrf: lamBinhCSRF, unit: Self.lamBinh, points: "90")
            #expect(missing.status == .badRequest)
            #expect(missing.body.string.contains("id=\"\(Self.otherID)-evidence-error\"") && missing.body.string.contains("bắt buộc có minh chứng"))
            #expect(missing.body.string.contains("name=\"points\" inputmode=\"decimal\" value=\"90\""))
            #expect(missing.body.string.contains("role=\"alert\">Tự đánh giá chưa được ghi: xem lỗi bên cạnh ô nhập. <a href=\"#chi-so-hoatDongChinhQuyenSo-khac\">"))
            #expect(try await Self.stored(app, Self.lamBinh) == nil)
            // a file that is not evidence (plain text) is refused beside the field too
            let text = try await Self.answer(app, token: lamBinhLeader, csrf: lamBinhCSRF, unit: Self.lamBinh, points: "90",
                                             files: [("ghi-chu.txt", "chi la ghi chu")])
            #expect(text.status == .badRequest && text.body.string.contains("id=\"\(Self.otherID)-evidence-error\""))
            #expect(try await Self.stored(app, Self.lamBinh) == nil)
            #expect(try await FileUploadModel.query(on: app.db).count() == uploads)
            // points above the maximum: beside the points field
            let tooMany = try await Self.answer(app, token: lamBinhLeader, csrf: lamBinhCSRF, unit: Self.lamBinh, points: "500",
                                                files: [("bao-cao.pdf", Self.pdf + " ")])
            #expect(tooMany.status == .badRequest && tooMany.body.string.contains("id=\"\(Self.otherID)-points-error\""))
            #expect(try await Self.stored(app, Self.lamBinh) == nil)
            #expect(try await Self.answer(app, token: lamBinhLeader, csrf: lamBinhCSRF, unit: Self.lamBinh, points: "90",
                                          files: [("bao-cao.pdf", Self.pdf + " ")]).status == .seeOther)

            // a unit's official neither opens another unit's evaluation, nor its files, nor posts to it
            #expect(try await app.send(.GET, "/chuyen-doi-so/2026/\(Self.lamBinh)", token: leader).status == .forbidden)
            let lamBinhFile = try #require(try await Self.stored(app, Self.lamBinh)?.evidence.first)
            #expect(try await app.send(.GET, "/chuyen-doi-so/2026/\(Self.lamBinh)/minh-chung/\(lamBinhFile)", token: leader).status == .forbidden)
            let uploadsBefore = try await FileUploadModel.query(on: app.db).count()
            #expect(try await Self.answer(app, token: leader, csrf: csrf, unit: Self.lamBinh, points: "1",
                                          files: [("gia-mao.pdf", Self.pdf + "  ")]).status == .forbidden)
            #expect(try await Self.stored(app, Self.lamBinh)?.value == .points(90))
            #expect(try await FileUploadModel.query(on: app.db).count() == uploadsBefore)
            #expect(try await app.postForm("/chuyen-doi-so/2026/\(Self.lamBinh)/tham-dinh", token: leader,
                                           [("_csrf", csrf), ("indicator", Self.other), ("points", "100"), ("comment", "tự sửa")]).status == .forbidden)
            // …and the round page shows them their own unit only, without the publish button
            let own = try await app.send(.GET, "/chuyen-doi-so/2026", token: leader).body.string
            #expect(own.contains("data-unit=\"\(Self.minhXuan)\"") && !own.contains("data-unit=\"\(Self.lamBinh)\""))
            #expect(!own.contains("/cong-bo\""))
            #expect(try await app.postForm("/chuyen-doi-so/2026/cong-bo", token: leader, [("_csrf", csrf)]).status == .forbidden)

            // the department: Sở Tư pháp answers a pillar assessed as a whole
            let department = try await app.token("stp.lanhdao")
            let (_, departmentCSRF) = try await Self.page(app, "/chuyen-doi-so/2026/STP", token: department)
            #expect(try await Self.answer(app, token: department, csrf: departmentCSRF, unit: "STP", indicator: "nhanThucSo", points: "70",
                                          files: [("ke-hoach-stp.pdf", Self.pdf + "   ")]).status == .seeOther)

            // review: a correction without a comment is refused beside the field, with a comment it changes the score
            let reviewPath = "/chuyen-doi-so/2026/\(Self.lamBinh)/tham-dinh"
            let review = try await app.send(.GET, "/chuyen-doi-so/2026/\(Self.lamBinh)", token: reviewer).body.string
            #expect(review.contains("action=\"\(reviewPath)\"") && !review.contains("/tu-danh-gia\""))
            let noComment = try await app.postForm(reviewPath, token: reviewer,
                                                   [("_csrf", reviewerCSRF), ("indicator", Self.other), ("points", "50"), ("comment", "  ")])
            #expect(noComment.status == .badRequest)
            #expect(noComment.body.string.contains("id=\"\(Self.otherID)-comment-error\"") && noComment.body.string.contains("value=\"50\""))
            var lamBinhPage = try await app.send(.GET, "/chuyen-doi-so/2026/\(Self.lamBinh)", token: reviewer).body.string
            #expect(lamBinhPage.contains("<span id=\"tong-diem\" data-total>90</span>") && !lamBinhPage.contains("data-correction"))
            let corrected = try await app.postForm(reviewPath, token: reviewer, [("_csrf", reviewerCSRF), ("indicator", Self.other),
                                                                                 ("points", "50"), ("comment", "Minh chứng chỉ đáp ứng một phần")])
            #expect(corrected.status == .seeOther)
            lamBinhPage = try await app.send(.GET, "/chuyen-doi-so/2026/\(Self.lamBinh)", token: reviewer).body.string
            #expect(lamBinhPage.contains("<span id=\"tong-diem\" data-total>50</span>"))
            #expect(lamBinhPage.contains("data-correction>50 điểm — Minh chứng chỉ đáp ứng một phần"))
            // the unit sees the reviewer's comment too
            #expect(try await app.send(.GET, "/chuyen-doi-so/2026/\(Self.lamBinh)", token: lamBinhLeader).body.string
                .contains("Minh chứng chỉ đáp ứng một phần"))

            // the reviewer's round page: every unit of each group with its total and status
            let round = try await app.send(.GET, "/chuyen-doi-so/2026", token: reviewer).body.string
            #expect(round.contains("id=\"don-vi-department\"") && round.contains("id=\"don-vi-commune\""))
            #expect(round.contains("href=\"/chuyen-doi-so/2026/\(Self.lamBinh)\""))
            #expect(round.contains("action=\"/chuyen-doi-so/2026/cong-bo\""))

            // act: publish
            let published = try await app.postForm("/chuyen-doi-so/2026/cong-bo", token: reviewer, [("_csrf", reviewerCSRF)])
            #expect(published.status == .seeOther && published.headers.first(name: .location) == "/chuyen-doi-so/2026?da-cong-bo=1")
            // check: the ranking per group, in order — communes: Minh Xuân 80, Lâm Bình 50 (corrected), then the others
            let ranking = try await app.send(.GET, "/chuyen-doi-so/2026?da-cong-bo=1", token: reviewer).body.string
            #expect(ranking.contains("Đã công bố kết quả đánh giá.") && ranking.contains("data-status=\"published\""))
            #expect(!ranking.contains("action=\"/chuyen-doi-so/2026/cong-bo\""))
            let communes = String(ranking[try #require(ranking.range(of: "id=\"xep-hang-commune\"")).lowerBound...])
            let departments = String(ranking[try #require(ranking.range(of: "id=\"xep-hang-department\"")).lowerBound...])
            #expect(communes.contains("<tr data-unit=\"\(Self.minhXuan)\"><td class=\"num\" data-rank>1</td>"))
            #expect(communes.contains("<tr data-unit=\"\(Self.lamBinh)\"><td class=\"num\" data-rank>2</td>"))
            #expect(Self.position("data-unit=\"\(Self.minhXuan)\"", in: communes) < Self.position("data-unit=\"\(Self.lamBinh)\"", in: communes))
            #expect(departments.contains("<tr data-unit=\"STP\"><td class=\"num\" data-rank>1</td>"))
            #expect(Self.position("data-unit=\"STP\"", in: ranking) < Self.position("id=\"xep-hang-commune\"", in: ranking))
            // the ranking page and its CSV, for any official
            let rankingPage = try await app.send(.GET, "/chuyen-doi-so/2026/xep-hang", token: leader)
            #expect(rankingPage.status == .ok && rankingPage.body.string.contains("<tr data-unit=\"\(Self.lamBinh)\"><td class=\"num\" data-rank>2</td>"))
            let csv = try await app.send(.GET, "/chuyen-doi-so/2026/xep-hang.csv", token: leader)
            #expect(csv.status == .ok && csv.headers.contentType?.subType == "csv")
            let lines = csv.body.string.split(whereSeparator: \.isNewline).map(String.init)
            #expect(lines.contains { $0.contains("\(Self.minhXuan)") && $0.hasPrefix("2026,") && $0.contains(",1,") })
            #expect(lines.contains { $0.contains("STP") && $0.contains(",1,") && $0.hasSuffix(",70") })

            // after publication: answering and correcting are refused, nothing changes, the page is read-only
            let late = try await Self.answer(app, token: leader, csrf: csrf, unit: Self.minhXuan, points: "100",
                                             files: [("them.pdf", Self.pdf + "    ")])
            #expect(late.status == .conflict && late.body.string.contains("đã công bố"))
            #expect(try await Self.stored(app, Self.minhXuan)?.value == .points(80))
            #expect(try await app.postForm(reviewPath, token: reviewer, [("_csrf", reviewerCSRF), ("indicator", Self.other),
                                                                         ("points", "100"), ("comment", "sau công bố")]).status == .conflict)
            let readOnly = try await app.send(.GET, "/chuyen-doi-so/2026/\(Self.minhXuan)", token: leader).body.string
            #expect(readOnly.contains("id=\"da-cong-bo\"") && !readOnly.contains("/tu-danh-gia\""))
            #expect(try await app.postForm("/chuyen-doi-so/2026/cong-bo", token: reviewer, [("_csrf", reviewerCSRF)]).status == .conflict)
        }
    }

    @Test func the_ranking_is_kept_year_by_year_and_an_unpublished_year_has_none() async throws {
        try await withPlatform(.sqlite) { app in
            // setup: 2025 opened and published, 2026 opened
            let reviewer = try await app.token("tinh.quantri")
            let (_, csrf) = try await Self.page(app, "/chuyen-doi-so", token: reviewer)
            #expect(try await app.postForm("/chuyen-doi-so", token: reviewer, [("_csrf", csrf), ("year", "2025")]).status == .seeOther)
            #expect(try await app.postForm("/chuyen-doi-so/2025/cong-bo", token: reviewer, [("_csrf", csrf)]).status == .seeOther)
            #expect(try await app.postForm("/chuyen-doi-so", token: reviewer, [("_csrf", csrf), ("year", "2026")]).status == .seeOther)
            // bad input changes nothing
            let bad = try await app.postForm("/chuyen-doi-so", token: reviewer, [("_csrf", csrf), ("year", "hai nghìn")])
            #expect(bad.status == .badRequest && bad.body.string.contains("id=\"year-error\"") && bad.body.string.contains("value=\"hai nghìn\""))
            #expect(try await DTIService.rounds(on: app.db).map(\.year) == [2026, 2025])
            // check: the years page lists both, the earlier ranking stays readable from any later year
            let leader = try await app.token("lambinh.lanhdao")
            let years = try await app.send(.GET, "/chuyen-doi-so", token: leader).body.string
            #expect(years.contains("<tr data-year=\"2025\">") && years.contains("href=\"/chuyen-doi-so/2025/xep-hang\""))
            #expect(Self.position("data-year=\"2026\"", in: years) < Self.position("data-year=\"2025\"", in: years))
            let earlier = try await app.send(.GET, "/chuyen-doi-so/2025/xep-hang", token: leader)
            #expect(earlier.status == .ok && earlier.body.string.contains("id=\"xep-hang-commune\""))
            #expect(earlier.body.string.contains("data-unit=\"\(Self.lamBinh)\""))
            let unpublished = try await app.send(.GET, "/chuyen-doi-so/2026/xep-hang", token: leader)
            #expect(unpublished.status == .notFound && unpublished.body.string.contains("href=\"/chuyen-doi-so/2025/xep-hang\""))
            #expect(try await app.send(.GET, "/chuyen-doi-so/2027", token: leader).status == .notFound)
            #expect(try await app.send(.GET, "/chuyen-doi-so/2026/khong-co", token: leader).status == .notFound)
            // signed out: the sign-in page
            #expect(try await app.send(.GET, "/chuyen-doi-so/2025/xep-hang").status == .seeOther)
        }
    }

    @Test func every_text_of_the_pages_has_its_english_and_the_pages_speak_it() async throws {
        // every t("…") of the DTI pages has an English entry
        let routes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/Web/Routes")
        let files = try FileManager.default.contentsOfDirectory(atPath: routes.path).filter { $0.hasPrefix("DTIPages") }
        #expect(files.count >= 2)
        let pattern = try NSRegularExpression(pattern: #"(?<![A-Za-z0-9_.])t\("((?:[^"\\]|\\.)*)""#)
        var texts: Set<String> = []
        for file in files {
            let source = try String(contentsOf: routes.appendingPathComponent(file), encoding: .utf8)
            for match in pattern.matches(in: source, range: NSRange(source.startIndex..., in: source)) {
                texts.insert(String(source[Range(match.range(at: 1), in: source)!]))
            }
        }
        #expect(texts.count > 50)
        #expect(texts.filter { English.table[$0] == nil }.sorted() == [])
        #expect(English.table["Chuyển đổi số"] == "Digital transformation")
        // and a page in English
        try await withPlatform(.sqlite) { app in
            let reviewer = try await app.token("tinh.quantri")
            let (_, csrf) = try await Self.page(app, "/chuyen-doi-so", token: reviewer)
            #expect(try await app.postForm("/chuyen-doi-so", token: reviewer, [("_csrf", csrf), ("year", "2026")]).status == .seeOther)
            let english = try await app.send(.GET, "/chuyen-doi-so/2026/\(Self.minhXuan)?ngon-ngu=en", token: reviewer).body.string
            #expect(english.contains(">Digital transformation</a>") && english.contains("Accept or correct the points"))
            #expect(english.contains("Digital-transformation evaluation 2026"))
        }
    }
}
