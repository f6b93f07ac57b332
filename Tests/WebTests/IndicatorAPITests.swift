import Core
import DemoData
import Foundation
import Indicators
import SQLKit
import Storage
import Testing
import Vapor
import VaporTesting
import ZIPFoundation
@testable import Web

/// Issue 6 on storage: the running totals follow every dossier change in its transaction, the served figures equal
/// the full recomputation (`IndicatorVerification`), scope and period rules, exports — on both engines.
@Suite struct IndicatorAPITests {
    static let minhXuan = DossierAPITests.minhXuan

    /// Six dossiers at Phường Minh Xuân with known outcomes, from Monday 2 March 2026 09:00:
    /// A returned and rated 1/5 (dissatisfied); B received and left open (appointment Thursday 17:00);
    /// C received then stopped; D refused at intake; E never received; F asked twice for a supplement.
    static func sixDossiers(_ app: Application, clock: ManualClock) async throws -> [String: String] {
        let citizen = try await app.token(DemoSeed.citizenID)
        var codes: [String: String] = [:]
        for name in ["A", "B", "C", "D", "E", "F"] { codes[name] = try await DossierAPITests.submitOnline(app, token: citizen) }
        clock.advance(by: 3600)
        let desk = try await app.token("minhxuan.motcua")
        for name in ["A", "B", "C", "F"] {
            #expect(try await DossierAPITests.act(app, codes[name]!, "receive", token: desk).status == .ok)
        }
        #expect(try await DossierAPITests.act(app, codes["D"]!, "refuse-intake", token: desk, ["reason": "Sai thẩm quyền"]).status == .ok)
        let unitLeader = try await app.token("minhxuan.lanhdaodonvi")
        let specialist = try await app.token("minhxuan.chuyenvien")
        let leader = try await app.token("minhxuan.lanhdao")
        let clerk = try await app.token("minhxuan.vanthu")
        let a = codes["A"]!
        #expect(try await DossierAPITests.act(app, a, "forward", token: unitLeader, ["assignee": "minhxuan.chuyenvien"]).status == .ok)
        #expect(try await DossierAPITests.act(app, a, "forward", token: specialist).status == .ok)
        let result = try await DossierAPITests.upload(app, token: leader, body: ByteBuffer(string: "%PDF-1.4 ket qua\n%%EOF"), name: "kq.pdf")
        #expect(try await DossierAPITests.act(app, a, "approve", token: leader, ["resultFile": result]).status == .ok)
        #expect(try await DossierAPITests.act(app, a, "forward", token: clerk).status == .ok)
        #expect(try await DossierAPITests.act(app, a, "return", token: desk, ["returnMethod": "online"]).status == .ok)
        let citizenLater = try await app.token(DemoSeed.citizenID)  // tokens live one hour
        #expect(try await app.send(.POST, "/api/v1/dossiers/\(a)/rating", token: citizenLater, body: json(["score": 1])).status == .ok)
        #expect(try await DossierAPITests.act(app, codes["C"]!, "stop", token: leader, ["reason": "Người nộp đề nghị dừng"]).status == .ok)
        let f = codes["F"]!
        #expect(try await DossierAPITests.act(app, f, "request-supplement", token: unitLeader, ["reason": "Thiếu bản sao"]).status == .ok)
        #expect(try await DossierAPITests.act(app, f, "supply", token: citizenLater).status == .ok)
        #expect(try await DossierAPITests.act(app, f, "request-supplement", token: unitLeader, ["reason": "Vẫn thiếu"]).status == .ok)
        return codes
    }

    static func figures(_ app: Application, token: String, query: String) async throws -> [String: [String: Any]] {
        let response = try await app.send(.GET, "/api/v1/indicators/figures?\(query)", token: token)
        #expect(response.status == .ok, "\(response.body.string)")
        let list = object(response)["figures"] as? [[String: Any]] ?? []
        return Dictionary(list.map { ($0["key"] as! String, $0) }, uniquingKeysWith: { a, _ in a })
    }

    @Test(arguments: Engine.all)
    func the_served_figures_follow_every_change_and_equal_the_full_recomputation(engine: Engine) async throws {
        let clock = ManualClock(Fixtures.monday)
        try await withPlatform(engine, clock: clock) { app in
            // setup
            let codes = try await Self.sixDossiers(app, clock: clock)
            // act: the next Monday, B is past its appointment (Thursday 17:00)
            clock.advance(by: 7 * 86_400)
            let admin = try await app.token("tinh.quantri")
            let f = try await Self.figures(app, token: admin, query: "unit=\(Self.minhXuan)&period=2026")
            // check: counted by hand from the six dossiers
            func count(_ key: String) -> Int? { f[key]?["count"] as? Int }
            func rate(_ key: String) -> String { "\(f[key]?["numerator"] as? Int ?? -1)/\(f[key]?["denominator"] as? Int ?? -1)" }
            #expect(count("received") == 4)            // A, B, C, F (D refused at intake, E never received)
            #expect(count("received-online") == 4)
            #expect(count("resolved-early") == 1)      // A: resolved on Monday, appointment Thursday
            #expect(count("closed-without-result") == 1)  // C
            #expect(count("open") == 2)                // B, F
            #expect(count("open-overdue") == 2)        // B past its appointment, F asked twice
            #expect(rate("on-time-rate") == "2/4")     // A, C in time
            #expect(rate("satisfaction-rate") == "1/4")  // only C: A dissatisfied, B and F late
            #expect(rate("rating-satisfaction-rate") == "0/1")
            #expect(rate("result-digitization-rate") == "1/1")
            // the served figures equal the recomputation from the raw tables, for every unit and period
            let report = try await IndicatorVerification.run(now: clock.now(), on: app.db)
            #expect(report.dossiers == 6)
            #expect(report.factDifferences.isEmpty, "\(report.factDifferences)")
            #expect(report.totalsDifferences.isEmpty, "\(report.totalsDifferences)")
            #expect(report.figureDifferences.isEmpty, "\(report.figureDifferences)")
            #expect(report.scopesCompared > 0)
            // the Decision 766 index of every unit below the province, ranked: Minh Xuân's 2.1 is 2/4 → 20 × 1/2 = 10 points
            let index = try await app.send(.GET, "/api/v1/indicators/index766?unit=08&period=2026", token: admin)
            #expect(index.status == .ok)
            let ranked = (try? JSONSerialization.jsonObject(with: Data(index.body.readableBytesView))) as? [[String: Any]] ?? []
            let minhXuan = try #require(ranked.first { $0["unit"] as? String == Self.minhXuan })
            let onTime = (minhXuan["indicators"] as? [[String: Any]] ?? []).first { $0["code"] as? String == "2.1" }
            #expect(onTime?["points"] as? String == "10")
            #expect(onTime?["numerator"] as? Int == 2 && onTime?["denominator"] as? Int == 4)
            let ranks = ranked.compactMap { $0["rank"] as? Int }
            #expect(ranks == ranks.sorted() && ranks.first == 1)
            // the province counts the commune's dossiers too
            let province = try await Self.figures(app, token: admin, query: "unit=08&period=2026-Q1")
            #expect(province["received"]?["count"] as? Int == 4)
            let alone = try await Self.figures(app, token: admin, query: "unit=08&period=2026-Q1&subunits=false")
            #expect(alone["received"]?["count"] as? Int == 0)  // the province's own desk received none
            // a running total or a fact that drifts from the raw tables is found
            let sql = app.db as! any SQLDatabase
            try await sql.raw("UPDATE indicator_totals SET received_postal = received_postal + 1").run()
            try await sql.raw("UPDATE dossier_facts SET fee_due = 7 WHERE dossier_code = \(bind: codes["A"]!)").run()
            let drifted = try await IndicatorVerification.run(now: clock.now(), on: app.db)
            #expect(drifted.factDifferences == ["\(codes["A"]!): stored fact differs from the dossier"])
            #expect(!drifted.totalsDifferences.isEmpty)
            #expect(drifted.figureDifferences.contains { $0.contains("received-postal") })
        }
    }

    @Test(arguments: Engine.all)
    func a_past_period_is_recomputed_from_the_facts_and_sees_only_what_happened_by_its_end(engine: Engine) async throws {
        let clock = ManualClock(Fixtures.monday)
        try await withPlatform(engine, clock: clock) { app in
            // setup: the six dossiers in March, then time moves to May
            _ = try await Self.sixDossiers(app, clock: clock)
            clock.advance(by: 60 * 86_400)
            let admin = try await app.token("tinh.quantri")
            // act
            let february = try await app.send(.GET, "/api/v1/indicators/figures?unit=\(Self.minhXuan)&period=2026-02", token: admin)
            let march = try await Self.figures(app, token: admin, query: "unit=\(Self.minhXuan)&period=2026-03")
            let days = try await Self.figures(app, token: admin, query: "unit=\(Self.minhXuan)&period=2026-03-01..2026-03-02")
            // check
            #expect(object(february)["source"] as? String == "facts")
            let februaryFigures = (object(february)["figures"] as? [[String: Any]] ?? []).first { $0["key"] as? String == "received" }
            #expect(februaryFigures?["count"] as? Int == 0)
            #expect(march["received"]?["count"] as? Int == 4)
            #expect(march["open-overdue"]?["count"] as? Int == 2)  // at the end of March B and F are still open and late
            #expect(days["received"]?["count"] as? Int == 4)        // all received on Monday 2 March
            #expect(days["open"]?["count"] as? Int == 2)            // at the end of 2 March: B and F (A resolved, C stopped)
            #expect(days["resolved-early"]?["count"] as? Int == 1)
        }
    }

    @Test(arguments: Engine.all)
    func officials_see_only_their_scope_and_bad_input_is_refused(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            // setup
            let otherCommune = try await app.token("lambinh.motcua")
            let citizen = try await app.token(DemoSeed.citizenID)
            let own = try await app.token("minhxuan.lanhdao")
            // act and check: another commune's figures are forbidden, a citizen's too
            #expect(try await app.send(.GET, "/api/v1/indicators/figures?unit=\(Self.minhXuan)", token: otherCommune).status == .forbidden)
            #expect(try await app.send(.GET, "/api/v1/indicators/figures?unit=\(Self.minhXuan)", token: citizen).status == .forbidden)
            #expect(try await app.send(.GET, "/api/v1/indicators/figures?unit=\(Self.minhXuan)").status == .unauthorized)
            #expect(try await app.send(.GET, "/api/v1/indicators/figures?unit=\(Self.minhXuan)", token: own).status == .ok)
            // a bad period answers 400 problem+json in Vietnamese and English
            let bad = try await app.send(.GET, "/api/v1/indicators/figures?unit=\(Self.minhXuan)&period=2026-13", token: own)
            #expect(bad.status == .badRequest)
            #expect(bad.headers.contentType?.description.contains("problem+json") == true)
            #expect(bad.body.string.contains("Kỳ báo cáo không hợp lệ") && bad.body.string.contains("period must be"))
            #expect(try await app.send(.GET, "/api/v1/indicators/figures?unit=\(Self.minhXuan)&period=2026-02-30..2026-03-01",
                                       token: own).status == .badRequest)
            #expect(try await app.send(.GET, "/api/v1/indicators/figures?unit=\(Self.minhXuan)&level=huyen", token: own).status == .badRequest)
        }
    }

    @Test func the_units_table_exports_as_csv_and_xlsx() async throws {
        let clock = ManualClock(Fixtures.monday)
        try await withPlatform(.sqlite, clock: clock) { app in
            // setup
            _ = try await Self.sixDossiers(app, clock: clock)
            let admin = try await app.token("tinh.quantri")
            // act
            let csv = try await app.send(.GET, "/api/v1/indicators/units?unit=08&period=2026&format=csv", token: admin)
            let xlsx = try await app.send(.GET, "/api/v1/indicators/units?unit=08&period=2026&format=xlsx", token: admin)
            let bad = try await app.send(.GET, "/api/v1/indicators/units?unit=08&format=pdf", token: admin)
            // check: one row per unit below the province, Minh Xuân with its 4 received dossiers
            #expect(csv.status == .ok && csv.headers.first(name: .contentType)?.hasPrefix("text/csv") == true)
            let line = csv.body.string.split(separator: "\r\n").first { $0.contains("Minh Xuân") }
            #expect(line?.hasPrefix("\(Self.minhXuan),Phường Minh Xuân,4,4,0,0,") == true, "\(line ?? "")")
            #expect(xlsx.status == .ok)
            let archive = try Archive(data: Data(xlsx.body.readableBytesView), accessMode: .read)
            #expect(archive["xl/worksheets/sheet1.xml"] != nil)
            #expect(bad.status == .badRequest)
        }
    }
}
