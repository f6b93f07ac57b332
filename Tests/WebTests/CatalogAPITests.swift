import Catalog
import Core
import DemoData
import Fluent
import Foundation
import Storage
import Testing
import Vapor
import VaporTesting
@testable import Web

/// The procedure catalog on both engines: import, refusal as a whole, search ranking, versions.
@Suite struct CatalogAPITests {
    @Test(arguments: Engine.all)
    func importing_the_real_catalog_publishes_every_procedure_once(engine: Engine) async throws {
        try await withPlatform(engine, seeded: false) { app in
            let file = try CatalogStore.parse(DemoResources.catalogData())
            let first = try await CatalogStore.importFile(file, actor: "test", at: app.clock.now(), on: app.db)
            let second = try await CatalogStore.importFile(file, actor: "test", at: app.clock.now(), on: app.db)
            #expect(first.published == 55)
            #expect(first.groups == 2)
            #expect(second.published == 0 && second.unchanged == 55)
            #expect(try await ProcedureVersionModel.query(on: app.db).count() == 55)
            let record = object(try await app.send(.GET, "/api/v1/procedures/1.001193"))
            #expect(record["version"] as? Int == 1)
            let body = record["record"] as? [String: Any]
            #expect(body?["name"] as? String == "Thủ tục đăng ký khai sinh")
            #expect((body?["processingTime"] as? [String: Any])?["cutoffHour"] as? Int == 15)
        }
    }

    @Test(arguments: Engine.all)
    func a_file_whose_steps_do_not_add_up_is_refused_whole(engine: Engine) async throws {
        try await withPlatform(engine, seeded: false) { app in
            // setup: the real file with one procedure's process broken
            var file = try CatalogStore.parse(DemoResources.catalogData())
            let index = try #require(file.procedures.firstIndex { $0.code == "1.004222" })
            file.procedures[index].process.steps[0].workingDays = 3
            // act
            await #expect {
                try await CatalogStore.importFile(file, actor: "test", at: app.clock.now(), on: app.db)
            } throws: { error in
                let problem = error as? Core.Problem
                return problem?.status == 422 && problem!.detail.contains("1.004222")
                    && problem!.detail.contains("add up to 9.5") && problem!.detail.contains("statutory time is 7")
            }
            // check: nothing stored
            #expect(try await ProcedureModel.query(on: app.db).count() == 0)
            #expect(try await ProcedureGroupModel.query(on: app.db).count() == 0)
        }
    }

    @Test(arguments: Engine.all)
    func search_ranks_the_plain_birth_registration_first(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            for query in ["dang ky khai sinh", "khai sinh", "ĐĂNG KÝ KHAI SINH", "Đăng ký khai sinh"] {
                let escaped = query.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!
                let result = object(try await app.send(.GET, "/api/v1/procedures?q=\(escaped)"))
                let codes = (result["items"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
                #expect(codes.first == "1.001193", "\(query) → \(codes)")
                #expect(codes.contains("2.000528"), "the foreign-element variant is still found for \(query)")
            }
            let byCode = object(try await app.send(.GET, "/api/v1/procedures?q=1.004222"))
            #expect(((byCode["items"] as? [[String: Any]])?.first?["code"] as? String) == "1.004222")
            let filtered = object(try await app.send(.GET, "/api/v1/procedures?level=province&limit=200"))
            #expect((filtered["items"] as? [[String: Any]] ?? []).allSatisfy { $0["level"] as? String == "province" })
            let badLevel = try await app.send(.GET, "/api/v1/procedures?level=galaxy")
            #expect(badLevel.status == .badRequest)
        }
    }

    @Test(arguments: Engine.all)
    func publishing_a_changed_procedure_makes_a_new_version_and_keeps_the_old(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            let admin = try await app.token("tinh.quantri")
            var record = try #require(try await CatalogStore.published(code: "1.001022", on: app.db)).1
            record.name += " (sửa đổi)"
            let payload = ByteBuffer(data: try JSONEncoder().encode(record))
            #expect(try await app.send(.POST, "/api/v1/procedures", token: admin, body: payload).status == .created)
            // the draft is not in force yet
            #expect(object(try await app.send(.GET, "/api/v1/procedures/1.001022"))["version"] as? Int == 1)
            let published = try await app.send(.POST, "/api/v1/procedures/1.001022/publish", token: admin)
            #expect(object(published)["version"] as? Int == 2)
            let old = object(try await app.send(.GET, "/api/v1/procedures/1.001022/versions/1"))
            #expect(((old["record"] as? [String: Any])?["name"] as? String)?.hasSuffix("(sửa đổi)") == false)
            // a draft whose steps do not add up is refused
            record.process.steps[0].workingDays = 10
            let refused = try await app.send(.POST, "/api/v1/procedures", token: admin,
                                             body: ByteBuffer(data: try JSONEncoder().encode(record)))
            #expect(refused.status.code == 422)
            // retiring hides it from search and from the public record
            #expect(try await app.send(.POST, "/api/v1/procedures/1.001022/retire", token: admin,
                                       body: json(["reason": "Bãi bỏ theo quyết định"])).status == .ok)
            #expect(try await app.send(.GET, "/api/v1/procedures/1.001022").status == .notFound)
        }
    }

    @Test(arguments: Engine.all)
    func the_search_index_sees_changes_made_by_another_instance(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            // setup: an index that re-checks the database's stamp on every use (as after its interval)
            let index = CatalogIndex(recheckInterval: 0)
            let filter = CatalogStore.SearchFilter(query: "khai sinh")
            #expect(try await index.search(filter, on: app.db).first?.code == "1.001193")
            // act: another instance (here: the store, bypassing this index) retires the procedure
            try await CatalogStore.retire(code: "1.001193", reason: "thử", actor: "test", at: app.clock.now(), on: app.db)
            // check
            #expect(try await index.search(filter, on: app.db).contains { $0.code == "1.001193" } == false)
        }
    }
}
