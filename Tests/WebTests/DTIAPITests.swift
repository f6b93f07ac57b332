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

/// Issue 6 item 7: the yearly digital-transformation evaluation — self-assessment with evidence, reviewers'
/// corrections with a comment, computed indicators from the platform's figures, the ranking per group published and
/// kept; every rule on both engines.
@Suite struct DTIAPITests {
    static let other = "hoatDongChinhQuyenSo.khac"   // self-assessed, evidence required, 100 points

    @Test(arguments: Engine.all)
    func a_round_goes_from_self_assessment_through_review_to_a_published_ranking(engine: Engine) async throws {
        let clock = ManualClock(Fixtures.monday)
        try await withPlatform(engine, clock: clock) { app in
            // setup: Minh Xuân's six dossiers give it platform figures; the province opens the 2026 round
            _ = try await IndicatorAPITests.sixDossiers(app, clock: clock)
            let reviewer = try await app.token("tinh.quantri")
            #expect(try await app.send(.POST, "/api/v1/dti/2026", token: reviewer).status == .created)
            #expect(try await app.send(.POST, "/api/v1/dti/2026", token: reviewer).status == .conflict)  // one round a year
            let minhXuan = try await app.token("minhxuan.lanhdao")
            let lamBinh = try await app.token("lambinh.lanhdao")
            let evidence = try await DossierAPITests.upload(app, token: minhXuan, body: ByteBuffer(string: "%PDF-1.4 ke hoach CDS\n%%EOF"),
                                                            name: "ke-hoach.pdf")
            // act: self-assessment — Minh Xuân with evidence, Lâm Bình without (required: scores 0)
            let path = "/api/v1/dti/2026/units"
            #expect(try await app.send(.PUT, "\(path)/02215/answers/\(Self.other)", token: minhXuan,
                                       body: json(["points": 80, "evidence": [evidence]])).status == .noContent)
            #expect(try await app.send(.PUT, "\(path)/02266/answers/\(Self.other)", token: lamBinh, body: json(["points": 90])).status == .noContent)
            // check: the rules of answering
            #expect(try await app.send(.PUT, "\(path)/02266/answers/\(Self.other)", token: minhXuan, body: json(["points": 1])).status == .forbidden)
            #expect(try await app.send(.PUT, "\(path)/02215/answers/\(Self.other)", token: minhXuan, body: json(["points": 101])).status == .badRequest)
            #expect(try await app.send(.PUT, "\(path)/02215/answers/cqs.dungHan", token: minhXuan, body: json(["points": 20])).status == .conflict)
            #expect(try await app.send(.PUT, "\(path)/02215/answers/\(Self.other)", token: minhXuan,
                                       body: json(["points": 5, "evidence": ["not-uploaded"]])).status == .badRequest)
            #expect(try await app.send(.PUT, "\(path)/02215/answers/khong-co", token: minhXuan, body: json(["points": 5])).status == .notFound)
            let desk = try await app.token("minhxuan.motcua")
            #expect(try await app.send(.PUT, "\(path)/02215/answers/\(Self.other)", token: desk, body: json(["points": 5])).status == .forbidden)

            // check: scores as they stand — the computed indicator comes from the figures: on time 3/4 (F was asked twice
            // for a supplement; B is not yet past its appointment) → 20 × 3/4 = 15
            let round = object(try await app.send(.GET, "/api/v1/dti/2026", token: reviewer))
            let units = Dictionary((round["units"] as? [[String: Any]] ?? []).map { ($0["unit"] as! String, $0) }, uniquingKeysWith: { a, _ in a })
            func points(_ unit: String, _ indicator: String) -> String? {
                ((units[unit]?["indicators"] as? [[String: Any]]) ?? []).first { $0["indicator"] as? String == indicator }?["points"] as? String
            }
            #expect(points("02215", "cqs.dungHan") == "15")
            #expect(points("02215", Self.other) == "80")
            #expect(points("02266", Self.other) == "0")   // no evidence
            #expect(((units["02266"]?["indicators"] as? [[String: Any]]) ?? []).first { $0["indicator"] as? String == Self.other }?["missingEvidence"] as? Bool == true)

            // act: review — a correction needs a comment and only a province reviewer makes it
            #expect(try await app.send(.PUT, "\(path)/02215/corrections/\(Self.other)", token: minhXuan,
                                       body: json(["points": 100, "comment": "tự sửa"])).status == .forbidden)
            #expect(try await app.send(.PUT, "\(path)/02215/corrections/\(Self.other)", token: reviewer,
                                       body: json(["points": 60, "comment": "  "])).status == .badRequest)
            #expect(try await app.send(.PUT, "\(path)/02215/corrections/\(Self.other)", token: reviewer,
                                       body: json(["points": 60, "comment": "Minh chứng chỉ đáp ứng một phần"])).status == .noContent)

            // act: publish
            let published = try await app.send(.POST, "/api/v1/dti/2026/publish", token: reviewer)
            #expect(published.status == .ok)
            // check: Minh Xuân (60 + its computed points) ranks first among communes; Lâm Bình below it
            let ranking = try await app.send(.GET, "/api/v1/dti/2026/ranking?group=commune")
            let entries = (try? JSONSerialization.jsonObject(with: Data(ranking.body.readableBytesView))) as? [[String: Any]] ?? []
            #expect(entries.first?["unitCode"] as? String == "02215")
            #expect(entries.first?["rank"] as? Int == 1)
            let minhXuanTotal = try #require(entries.first?["pointsValue"] as? Double)
            #expect(minhXuanTotal > 60)
            #expect(entries.allSatisfy { $0["group"] as? String == "commune" })
            // ties share a rank: every commune with 0 points has the same rank
            let zeros = entries.filter { $0["pointsValue"] as? Double == 0 }.compactMap { $0["rank"] as? Int }
            #expect(Set(zeros).count <= 1)
            #expect(try await app.send(.GET, "/api/v1/dti/2026/ranking?group=department").status == .ok)
            // after publication nothing changes, and the ranking is kept
            #expect(try await app.send(.PUT, "\(path)/02215/answers/\(Self.other)", token: minhXuan,
                                       body: json(["points": 100, "evidence": [evidence]])).status == .conflict)
            #expect(try await app.send(.POST, "/api/v1/dti/2026/publish", token: reviewer).status == .conflict)
            let audit = try await AuditEventModel.query(on: app.db).filter(\.$action ~~ ["dti.open", "dti.answer", "dti.correct", "dti.publish"]).all()
            #expect(Set(audit.map(\.action)) == ["dti.open", "dti.answer", "dti.correct", "dti.publish"])
        }
    }

    @Test(arguments: Engine.all)
    func the_framework_of_a_year_is_configurable_and_validated(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            // setup
            let reviewer = try await app.token("tinh.quantri")
            let leader = try await app.token("minhxuan.lanhdao")
            let seeded = try await app.send(.GET, "/api/v1/dti/2027/framework", token: leader)
            #expect(seeded.status == .ok)
            var framework = DTIFramework.platformSeed
            // act: a split that does not add up is refused; a valid one is saved by the reviewer only
            framework.pillars[0].indicators = [DTIIndicator(code: "nts.1", name: "Kế hoạch chuyển đổi số", maxPoints: 40,
                                                            evidenceRequired: true, method: .selfAssessed)]
            let body = { (framework: DTIFramework) in ByteBuffer(data: try! JSONEncoder().encode(DTIRoutes.FrameworkBody(framework))) }
            #expect(try await app.send(.PUT, "/api/v1/dti/2027/framework", token: reviewer, body: body(framework)).status == .badRequest)
            framework.pillars[0].indicators.append(DTIIndicator(code: "nts.2", name: "Tuyên truyền", maxPoints: 60,
                                                                evidenceRequired: false, method: .yesNo))
            #expect(try await app.send(.PUT, "/api/v1/dti/2027/framework", token: leader, body: body(framework)).status == .forbidden)
            #expect(try await app.send(.PUT, "/api/v1/dti/2027/framework", token: reviewer, body: body(framework)).status == .ok)
            // check: the year's framework is the saved one; other years keep the seed
            #expect(try await DTIService.framework(year: 2027, on: app.db) == framework)
            #expect(try await DTIService.framework(year: 2028, on: app.db) == .platformSeed)
            // a yes/no indicator takes yes/no, not points
            #expect(try await app.send(.POST, "/api/v1/dti/2027", token: reviewer).status == .created)
            let path = "/api/v1/dti/2027/units/02215/answers/nts.2"
            #expect(try await app.send(.PUT, path, token: leader, body: json(["points": 60])).status == .badRequest)
            #expect(try await app.send(.PUT, path, token: leader, body: json(["yes": true])).status == .noContent)
            #expect(try await app.send(.PUT, "/api/v1/dti/1999/units/02215/answers/nts.2", token: leader,
                                       body: json(["yes": true])).status == .badRequest)
        }
    }
}
