import Fluent
import Core
import Access
import DemoData
import Foundation
import Storage
import Testing
import Vapor
import VaporTesting
@testable import Web

/// People and access over HTTP: the permission matrix, sign-up, lockout, tokens.
@Suite struct AccessAPITests {
    /// Demo account prefixes → their unit (administrators of "tinh" sit at the province "08").
    static let communeA = "02215", communeB = "02266"

    @Test(arguments: Engine.all)
    func permission_matrix_role_by_unit_scope(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            // Each commune role sees the people of its own commune, nothing of the other commune or the province;
            // only the administrator may create accounts, and only in its own commune.
            for role in Role.allCases {
                let username = "minhxuan." + DemoNames.suffix(role)
                let token = try await app.token(username)
                // act: read people of own unit / other commune / province office
                let own = try await app.send(.GET, "/api/v1/units/\(Self.communeA)/people", token: token)
                let other = try await app.send(.GET, "/api/v1/units/\(Self.communeB)/people", token: token)
                let province = try await app.send(.GET, "/api/v1/units/VPUBND/people", token: token)
                // check
                #expect(own.status == .ok, "\(role) reads own commune")
                #expect(other.status == .forbidden, "\(role) must not read another commune")
                #expect(province.status == .forbidden, "\(role) must not read the province office")
                // act: create an official in own commune and in the other commune
                let newOwn = try await app.send(.POST, "/api/v1/users", token: token, body: json([
                    "username": "new.\(role.rawValue)", "password": "matkhau123", "fullName": "Cán bộ mới",
                    "roles": [["role": "specialist", "unit": Self.communeA]]]))
                let newOther = try await app.send(.POST, "/api/v1/users", token: token, body: json([
                    "username": "other.\(role.rawValue)", "password": "matkhau123", "fullName": "Cán bộ khác",
                    "roles": [["role": "specialist", "unit": Self.communeB]]]))
                // check
                #expect(newOwn.status == (role == .administrator ? .created : .forbidden), "\(role) creates in own commune")
                #expect(newOther.status == .forbidden, "\(role) must not create in another commune")
                let endOther = try await app.send(.POST, "/api/v1/units/\(Self.communeB).KT/end", token: token,
                                                  body: json(["lastDay": "2026-12-31", "reason": "thử"]))
                #expect(endOther.status == .forbidden)
            }
            // The province administrator manages all.
            let admin = try await app.token("tinh.quantri")
            for unit in [Self.communeA, Self.communeB, "VPUBND", "STP"] {
                #expect(try await app.send(.GET, "/api/v1/units/\(unit)/people", token: admin).status == .ok)
            }
            let created = try await app.send(.POST, "/api/v1/users", token: admin, body: json([
                "username": "lambinh.moi", "password": "matkhau123", "fullName": "Cán bộ Lâm Bình",
                "roles": [["role": "desk-officer", "unit": Self.communeB]]]))
            #expect(created.status == .created)
            // A department administrator cannot touch a commune.
            let stpAdmin = try await app.token("stp.quantri")
            #expect(try await app.send(.GET, "/api/v1/units/\(Self.communeA)/people", token: stpAdmin).status == .forbidden)
            #expect(try await app.send(.GET, "/api/v1/units/STP.HCTP/people", token: stpAdmin).status == .ok)
            // A citizen holds no official permission.
            let citizen = try await app.token(DemoSeed.citizenID)
            #expect(try await app.send(.GET, "/api/v1/units/\(Self.communeA)/people", token: citizen).status == .forbidden)
            // Nothing was created by the refused requests.
            #expect(try await UserModel.query(on: app.db).filter(\.$username ~~ "other.").count() == 0)
        }
    }

    @Test(arguments: Engine.all)
    func only_the_province_administrator_manages_catalog_and_calendar(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            let notice = json(["year": 2027, "daysOff": [["date": "2027-02-05", "name": "Nghỉ bù Tết"]],
                               "makeUpWorkdays": [] as [Any]])
            for username in ["stp.quantri", "minhxuan.quantri", "tinh.lanhdao", "tinh.chuyenvien"] {
                let token = try await app.token(username)
                #expect(try await app.send(.PUT, "/api/v1/calendar/2027/notice", token: token, body: notice).status == .forbidden)
                #expect(try await app.send(.POST, "/api/v1/procedures/1.001193/retire", token: token,
                                           body: json(["reason": "thử"])).status == .forbidden)
            }
            let admin = try await app.token("tinh.quantri")
            #expect(try await app.send(.PUT, "/api/v1/calendar/2027/notice", token: admin, body: notice).status == .ok)
        }
    }

    @Test(arguments: Engine.all)
    func citizen_sign_up_validates_the_personal_identification_number(engine: Engine) async throws {
        try await withPlatform(engine, seeded: false) { app in
            let cases: [(String, String)] = [
                ("03519900012", "format"),      // 11 digits
                ("0351990001234", "format"),    // 13 digits
                ("03519900012A", "format"),     // a letter
                ("003199000123", "province"),   // 003 is no province code
                ("035299000123", "century-and-year"),  // 2099: in the future
            ]
            for (number, part) in cases {
                let response = try await app.send(.POST, "/api/v1/citizens", body: json([
                    "personalId": number, "password": "matkhau123", "fullName": "Trần Thị Lan"]))
                #expect(response.status == .badRequest, "\(number) must be refused")
                #expect(response.headers.contentType?.description.hasPrefix("application/problem+json") == true)
                let message = (object(response)["errors"] as? [String: String])?["personalId"] ?? ""
                switch part {
                case "format": #expect(message.contains("12 chữ số"))
                case "province": #expect(message.contains("Ba chữ số đầu"))
                default: #expect(message.contains("thế kỷ") && message.contains("tương lai"))
                }
            }
            #expect(try await UserModel.query(on: app.db).count() == 0)
            // A valid number: Hà Nam, female, born 1999.
            let ok = try await app.send(.POST, "/api/v1/citizens", body: json([
                "personalId": "035199000123", "password": "matkhau123", "fullName": "Trần Thị Lan"]))
            #expect(ok.status == .created)
            #expect(object(ok)["username"] as? String == "•••••••••123")
            let again = try await app.send(.POST, "/api/v1/citizens", body: json([
                "personalId": "035199000123", "password": "matkhau456", "fullName": "Người khác"]))
            #expect(again.status == .conflict)
            let stored = try #require(try await UserModel.find(username: "035199000123", on: app.db))
            #expect(stored.passwordHash.hasPrefix("$2"))
            #expect(!stored.passwordHash.contains("matkhau123"))
        }
    }

    @Test(arguments: Engine.all)
    func five_failed_sign_ins_lock_the_account_for_fifteen_minutes(engine: Engine) async throws {
        let clock = ManualClock(Fixtures.monday)
        try await withPlatform(engine, clock: clock) { app in
            let wrong = json(["username": "stp.chuyenvien", "password": "sai-mat-khau"])
            let right = json(["username": "stp.chuyenvien", "password": Fixtures.password])
            for _ in 1...4 {
                #expect(try await app.send(.POST, "/api/v1/auth/token", body: wrong).status == .unauthorized)
            }
            // a success before the fifth failure resets the count
            #expect(try await app.send(.POST, "/api/v1/auth/token", body: right).status == .created)
            for _ in 1...5 {
                #expect(try await app.send(.POST, "/api/v1/auth/token", body: wrong).status == .unauthorized)
            }
            // locked: even the right password is refused
            let locked = try await app.send(.POST, "/api/v1/auth/token", body: right)
            #expect(locked.status.code == 423)
            clock.advance(by: 14 * 60)
            #expect(try await app.send(.POST, "/api/v1/auth/token", body: right).status.code == 423)
            clock.advance(by: 61)
            #expect(try await app.send(.POST, "/api/v1/auth/token", body: right).status == .created)
            let events = try await AuditEventModel.query(on: app.db).filter(\.$action == "user.lock").count()
            #expect(events == 1)
        }
    }

    @Test(arguments: Engine.all)
    func bearer_tokens_expire_and_can_be_revoked(engine: Engine) async throws {
        let clock = ManualClock(Fixtures.monday)
        try await withPlatform(engine, clock: clock) { app in
            let token = try await app.token("tinh.vanthu")
            #expect(try await app.send(.GET, "/api/v1/me", token: token).status == .ok)
            clock.advance(by: 3599)
            #expect(try await app.send(.GET, "/api/v1/me", token: token).status == .ok)
            clock.advance(by: 2)
            #expect(try await app.send(.GET, "/api/v1/me", token: token).status == .unauthorized)
            // revocation
            let second = try await app.token("tinh.vanthu")
            #expect(try await app.send(.DELETE, "/api/v1/auth/token", token: second).status == .noContent)
            #expect(try await app.send(.GET, "/api/v1/me", token: second).status == .unauthorized)
            // tokens are stored hashed
            #expect(try await AuthTokenModel.query(on: app.db).filter(\.$tokenHash == second).count() == 0)
        }
    }

    @Test(arguments: Engine.all)
    func web_sign_in_sets_a_session_cookie(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            var headers = HTTPHeaders()
            headers.contentType = .urlEncodedForm
            let bad = try await app.testing().sendRequest(.POST, "/dang-nhap", headers: headers,
                                                          body: ByteBuffer(string: "username=stp.lanhdao&password=sai"))
            #expect(bad.status == .unauthorized)
            #expect(bad.body.string.contains("không đúng"))
            let good = try await app.testing().sendRequest(
                .POST, "/dang-nhap", headers: headers,
                body: ByteBuffer(string: "username=stp.lanhdao&password=TuyenQuang%402026"))
            #expect(good.status == .seeOther)
            let cookie = try #require(good.headers.setCookie?[sessionCookieName])
            #expect(cookie.isHTTPOnly)
            var cookies = HTTPHeaders()
            cookies.cookie = HTTPCookies(dictionaryLiteral: (sessionCookieName, HTTPCookies.Value(string: cookie.string)))
            let me = try await app.testing().sendRequest(.GET, "/api/v1/me", headers: cookies)
            #expect(me.status == .ok)
            #expect(object(me)["username"] as? String == "stp.lanhdao")
        }
    }
}

/// Demo naming, as `DemoSeed` creates the accounts.
enum DemoNames {
    static func suffix(_ role: Role) -> String {
        switch role {
        case .deskOfficer: "motcua"
        case .specialist: "chuyenvien"
        case .unitLeader: "lanhdaodonvi"
        case .agencyLeader: "lanhdao"
        case .clerk: "vanthu"
        case .administrator: "quantri"
        }
    }
}

