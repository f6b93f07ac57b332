import Core
import DemoData
import Fluent
import Foundation
import SQLKit
import Organisation
import Storage
import Testing
import Vapor
import VaporTesting
@testable import Web

/// The unit tree on both engines: the 2025 structure, the legacy one with successors, ending versus deleting.
@Suite struct OrganisationAPITests {
    @Test(arguments: Engine.all)
    func demo_province_has_its_124_communes_and_departments_with_agency_codes(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            let communes = try await app.send(.GET, "/api/v1/units?parent=08&structure=2025&limit=200")
            let items = object(communes)["items"] as? [[String: Any]] ?? []
            let local = items.filter { ["commune", "ward"].contains($0["kind"] as? String ?? "") }
            #expect(local.count == 124)
            let departments = items.filter { $0["kind"] as? String == "department" }
            #expect(departments.count >= 18)
            // every unit has a well-formed, distinct agency identifier code
            let codes = items.compactMap { $0["agencyCode"] as? String }
            #expect(codes.count == items.count)
            #expect(Set(codes).count == codes.count)
            #expect(codes.allSatisfy { AgencyCode($0) != nil })
            let province = try await app.send(.GET, "/api/v1/units/08")
            #expect((object(province)["unit"] as? [String: Any])?["agencyCode"] as? String == "000.00.00.H60")
            let stp = object(try await app.send(.GET, "/api/v1/units/STP"))["unit"] as? [String: Any]
            #expect(stp?["agencyCode"] as? String == "000.00.05.H60")  // level 2, fifth department
            #expect(stp?["path"] as? String == "/08/STP/")
        }
    }

    @Test(arguments: Engine.all)
    func legacy_structure_ends_on_30_june_2025_with_successors(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            // act
            let summary = try await UnitImport.importLegacy(province: "08", sources: DemoResources.unitSources(),
                                                            actor: "test", at: app.clock.now(), on: app.db)
            let again = try await UnitImport.importLegacy(province: "08", sources: DemoResources.unitSources(),
                                                          actor: "test", at: app.clock.now(), on: app.db)
            // check
            #expect(summary.created == 7 + 137)
            #expect(again.created == 0 && again.successorLinks == 0)
            let legacy = try await UnitModel.query(on: app.db).filter(\.$structure == .legacy).all()
            #expect(legacy.filter { $0.kind == .district }.count == 7)
            #expect(legacy.filter { $0.kind != .district }.count == 137)
            #expect(legacy.allSatisfy { $0.validUntil == "2025-06-30" })
            // every legacy commune points to at least one 2025 successor
            for commune in legacy where commune.kind != .district {
                let successors = try await UnitStore.successors(of: commune, on: app.db)
                #expect(!successors.isEmpty, "\(commune.name) has a successor")
                #expect(successors.allSatisfy { $0.0.structure == .y2025 })
            }
            // the API shows them ended on 30 June 2025 and not valid on 1 July 2025
            let validAfter = try await app.send(.GET, "/api/v1/units?structure=legacy&validOn=2025-07-01")
            #expect(object(validAfter)["total"] as? Int == 0)
            let validBefore = try await app.send(.GET, "/api/v1/units?structure=legacy&validOn=2025-06-30&limit=1")
            #expect(object(validBefore)["total"] as? Int == 144)
            // Phường Minh Xuân (2025) lists its legacy predecessors
            let minhXuan = object(try await app.send(.GET, "/api/v1/units/02215"))
            #expect(!((minhXuan["predecessors"] as? [Any]) ?? []).isEmpty)
        }
    }

    @Test(arguments: Engine.all)
    func a_referenced_unit_can_be_ended_but_never_deleted(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            let admin = try await app.token("tinh.quantri")
            // STP has offices and people: deleting is refused and changes nothing
            let refused = try await app.send(.DELETE, "/api/v1/units/STP?reason=th%E1%BB%AD", token: admin)
            #expect(refused.status == .conflict)
            #expect(try await UnitModel.find(code: "STP", on: app.db) != nil)
            // ending needs a reason
            let noReason = try await app.send(.POST, "/api/v1/units/STP.XDVB/end", token: admin,
                                              body: json(["lastDay": "2026-12-31", "reason": " "]))
            #expect(noReason.status == .badRequest)
            let ended = try await app.send(.POST, "/api/v1/units/STP.XDVB/end", token: admin,
                                           body: json(["lastDay": "2026-12-31", "reason": "Sáp nhập phòng"]))
            #expect(ended.status == .ok)
            #expect(object(ended)["validUntil"] as? String == "2026-12-31")
            let twice = try await app.send(.POST, "/api/v1/units/STP.XDVB/end", token: admin,
                                           body: json(["lastDay": "2026-12-31", "reason": "lại"]))
            #expect(twice.status == .conflict)
            // a new unreferenced unit can be deleted
            let created = try await app.send(.POST, "/api/v1/units", token: admin, body: json([
                "code": "STP.TMP", "name": "Tổ công tác tạm thời", "kind": "office", "parent": "STP",
                "agencyCode": "000.09.05.H60"]))
            #expect(created.status == .created)
            #expect(try await app.send(.DELETE, "/api/v1/units/STP.TMP?reason=l%E1%BA%ADp%20nh%E1%BA%A7m",
                                       token: admin).status == .noContent)
            // a unit named by a record (here a DTI self-assessment) is referenced too
            #expect(try await app.send(.POST, "/api/v1/units", token: admin, body: json([
                "code": "STP.TMP2", "name": "Tổ công tác thứ hai", "kind": "office", "parent": "STP",
                "agencyCode": "000.09.06.H60"])).status == .created)
            try await (app.db as! any SQLDatabase).raw("""
                INSERT INTO dti_answers (year, unit_code, indicator, kind, numerator, denominator, evidence, answered_by, answered_at)
                VALUES (2026, 'STP.TMP2', 'x', 'points', 1, 1, '[]', 'test', \(bind: Date()))
                """).run()
            #expect(try await app.send(.DELETE, "/api/v1/units/STP.TMP2?reason=th%E1%BB%AD", token: admin).status == .conflict)
            // every change is in the audit log with who and why
            let audit = object(try await app.send(.GET, "/api/v1/audit?subject=unit:STP.XDVB", token: admin))
            let events = audit["items"] as? [[String: Any]] ?? []
            #expect(events.first?["actor"] as? String == "tinh.quantri")
            #expect(events.first?["reason"] as? String == "Sáp nhập phòng")
            // a malformed agency code is refused
            let bad = try await app.send(.POST, "/api/v1/units", token: admin, body: json([
                "code": "STP.X", "name": "X", "kind": "office", "parent": "STP", "agencyCode": "H60.00"]))
            #expect(bad.status == .badRequest)
        }
    }
}
