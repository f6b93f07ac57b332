import Access
import Catalog
import DemoData
import Fluent
import SQLKit
import Foundation
@testable import Storage
import Testing
import Vapor
import VaporTesting
@testable import Web

/// What every signed-in submission reads before it is queued, read once per request or less: the signed-in account
/// with its roles in one statement, units and the procedure in force from the application's caches — which a change
/// made here forgets at once and a change made elsewhere reaches within their interval.
@Suite struct ReferenceLookupTests {
    @Test(arguments: Engine.all)
    func a_unit_read_is_kept_for_its_interval_and_forgotten_when_invalidated(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            let directory = UnitDirectory(recheckInterval: 3600)
            let first = try #require(try await directory.unit(code: DossierAPITests.minhXuan, on: app.db))
            // another instance renames the unit (here: straight in the database)
            let row = try #require(try await UnitModel.find(code: DossierAPITests.minhXuan, on: app.db))
            let name = first.name
            row.name = "Phường Minh Xuân (đổi tên)"
            try await row.save(on: app.db)
            // within the interval the directory answers as it read
            #expect(try await directory.unit(code: DossierAPITests.minhXuan, on: app.db)?.name == name)
            directory.invalidate()
            #expect(try await directory.unit(code: DossierAPITests.minhXuan, on: app.db)?.name == "Phường Minh Xuân (đổi tên)")
            // with no interval every call reads the database
            row.name = "Phường Minh Xuân"
            try await row.save(on: app.db)
            #expect(try await UnitDirectory(recheckInterval: 0).unit(code: DossierAPITests.minhXuan, on: app.db)?.name == "Phường Minh Xuân")
            // an unknown code is not remembered: once the unit exists, it is found without an invalidation
            #expect(try await directory.unit(code: "STP.MOI", on: app.db) == nil)
            let parent = try #require(try await UnitModel.find(code: "STP", on: app.db))
            _ = try await UnitStore.create(code: "STP.MOI", name: "Phòng mới", kind: .office, under: parent, agencyCode: nil,
                                           validFrom: "2026-01-01", actor: "test", at: app.clock.now(), on: app.db)
            #expect(try await directory.unit(code: "STP.MOI", on: app.db)?.name == "Phòng mới")
        }
    }

    @Test(arguments: Engine.all)
    func the_catalog_gives_the_version_in_force_and_sees_a_new_one(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            let catalog = CatalogIndex(recheckInterval: 3600)
            let first = try #require(try await catalog.published(code: "1.001022", on: app.db))
            #expect(first.version == 1)
            #expect(first.record == (try #require(try await CatalogStore.published(code: "1.001022", on: app.db))).1)
            #expect(try await catalog.published(code: "9.999999", on: app.db) == nil)
            // a new version published by another instance
            var changed = first.record
            changed.name += " (sửa đổi)"
            _ = try await CatalogStore.publish(changed, actor: "test", at: app.clock.now(), on: app.db)
            #expect(try await catalog.published(code: "1.001022", on: app.db)?.version == 1)  // within the interval
            catalog.invalidate()
            let second = try #require(try await catalog.published(code: "1.001022", on: app.db))
            #expect(second.version == 2 && second.record.name.hasSuffix("(sửa đổi)"))
            // a retired procedure is no longer given
            try await CatalogStore.retire(code: "1.001022", reason: "thử", actor: "test", at: app.clock.now(), on: app.db)
            #expect(try await CatalogIndex(recheckInterval: 0).published(code: "1.001022", on: app.db) == nil)
        }
    }

    @Test(arguments: Engine.all)
    func changes_made_through_the_api_reach_the_next_submission_at_once(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            let admin = try await app.token("tinh.quantri")
            // a submission reads the unit and the procedure into the application's caches
            let before = try await DossierAPITests.submitOnline(app)
            #expect(try await DossierModel.query(on: app.db).filter(\.$code == before).first()?.procedureVersion == 1)
            // a new version of the procedure, published through the API, is the one the next submission is under
            var record = try #require(try await CatalogStore.published(code: "1.001022", on: app.db)).1
            record.name += " (sửa đổi)"
            #expect(try await app.send(.POST, "/api/v1/procedures", token: admin,
                                       body: ByteBuffer(data: try JSONEncoder().encode(record))).status == .created)
            #expect(try await app.send(.POST, "/api/v1/procedures/1.001022/publish", token: admin).status == .ok)
            let after = try await DossierAPITests.submitOnline(app)
            let dossier = try #require(try await DossierModel.query(on: app.db).filter(\.$code == after).first())
            #expect(dossier.procedureVersion == 2 && dossier.procedureName.hasSuffix("(sửa đổi)"))
            // the receiving unit ended through the API takes no submission from the next request on
            let ended = try await app.send(.POST, "/api/v1/units/\(DossierAPITests.minhXuan)/end", token: admin,
                                           body: json(["lastDay": "2026-03-01", "reason": "Sắp xếp đơn vị hành chính"]))
            #expect(ended.status == .ok, "\(ended.body.string)")
            let citizen = try await app.token(DemoSeed.citizenID)
            let file = try await DossierAPITests.upload(app, token: citizen)
            let count = try await DossierModel.query(on: app.db).count()
            let refused = try await app.send(.POST, "/api/v1/dossiers", token: citizen, body: json([
                "procedure": "1.001022", "unit": DossierAPITests.minhXuan,
                "form": try await DossierAPITests.form(for: "1.001022", on: app.db), "components": [["index": 0, "file": file]]]))
            #expect(refused.status == .badRequest)
            #expect((object(refused)["errors"] as? [String: String])?["unit"] != nil)
            #expect(try await DossierModel.query(on: app.db).count() == count)
        }
    }

    @Test(arguments: Engine.all)
    func one_statement_signs_in_with_every_role_assignment(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            // setup: a second assignment for the Minh Xuân desk officer, and a revoked and an expired token
            let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == "minhxuan.motcua").first())
            let lamBinh = try #require(try await UnitModel.find(code: DossierAPITests.lamBinh, on: app.db))
            try await RoleAssignmentModel(userID: user.requireID(), role: .deskOfficer, unitID: lamBinh.requireID()).create(on: app.db)
            let now = app.clock.now()
            let token = try await AccountStore.issueToken(for: user, kind: .bearer, lifetime: 3600, at: now, on: app.db).token
            // act
            let signedIn = try #require(try await AccountStore.authenticate(token: token, kind: .bearer, at: now, on: app.db))
            // check: the same identity as read in two statements, the account read column by column as Fluent reads it
            #expect(signedIn.user.username == "minhxuan.motcua")
            let fluentRead = try #require(try await UserModel.find(user.requireID(), on: app.db))
            for (read, column) in [(signedIn.user, "column by column"), (fluentRead, "by Fluent")] {
                #expect(read.id == user.id && read.$id.exists, "\(column)")
                #expect(read.username == fluentRead.username && read.passwordHash == fluentRead.passwordHash)
                #expect(read.kind == fluentRead.kind && read.fullName == fluentRead.fullName)
                #expect(read.personalID == fluentRead.personalID && read.email == fluentRead.email && read.phone == fluentRead.phone)
                #expect(read.failedSignIns == fluentRead.failedSignIns && read.lockedUntil == fluentRead.lockedUntil)
                #expect(read.disabled == fluentRead.disabled && read.createdAt == fluentRead.createdAt && read.updatedAt == fluentRead.updatedAt)
            }
            // saved, the account read at sign-in is updated in place (not inserted a second time)
            signedIn.user.phone = "0987654321"
            try await signedIn.user.save(on: app.db)
            #expect(try await UserModel.query(on: app.db).filter(\.$username == "minhxuan.motcua").all().map(\.phone) == ["0987654321"])
            let expected = try await AccountStore.actor(for: user, on: app.db)
            #expect(Set(signedIn.actor.assignments) == Set(expected.assignments))
            #expect(signedIn.actor.assignments.count == 2)
            #expect(Set(signedIn.actor.assignments.map(\.unitCode)) == [DossierAPITests.minhXuan, DossierAPITests.lamBinh])
            #expect(signedIn.actor.userID == expected.userID && signedIn.actor.kind == .official)
            // a citizen has none
            let citizen = try #require(try await UserModel.query(on: app.db).filter(\.$username == DemoSeed.citizenID).first())
            let citizenToken = try await AccountStore.issueToken(for: citizen, kind: .bearer, lifetime: 3600, at: now, on: app.db).token
            let citizenSignedIn = try #require(try await AccountStore.authenticate(token: citizenToken, kind: .bearer, at: now, on: app.db))
            #expect(citizenSignedIn.actor.assignments.isEmpty && citizenSignedIn.actor.kind == .citizen)
            // a column a later migration adds to the accounts does not break the statement a connection prepared
            let afterMigration = try await app.db.withConnection { db in
                db.eventLoop.makeFutureWithTask {
                    _ = try await AccountStore.authenticate(token: token, kind: .bearer, at: now, on: db)
                    try await (db as! any SQLDatabase).raw("ALTER TABLE users ADD COLUMN nickname TEXT").run()
                    return try await AccountStore.authenticate(token: token, kind: .bearer, at: now, on: db)?.user.username
                }
            }.get()
            #expect(afterMigration == "minhxuan.motcua")
            // expired, revoked, of the other kind, or of a disabled account: nobody
            #expect(try await AccountStore.authenticate(token: token, kind: .bearer, at: now.addingTimeInterval(3601), on: app.db) == nil)
            #expect(try await AccountStore.authenticate(token: token, kind: .session, at: now, on: app.db) == nil)
            try await AccountStore.revoke(token: token, at: now, on: app.db)
            #expect(try await AccountStore.authenticate(token: token, kind: .bearer, at: now, on: app.db) == nil)
            citizen.disabled = true
            try await citizen.save(on: app.db)
            #expect(try await AccountStore.authenticate(token: citizenToken, kind: .bearer, at: now, on: app.db) == nil)
        }
    }

    @Test(arguments: Engine.all)
    func a_repeated_query_is_prepared_once_per_postgresql_connection(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            let code = try await DossierAPITests.submitOnline(app)
            let expected = try #require(try await PublicTracking.find(code: code, on: app.db))
            let answers = try await app.db.withConnection { db in
                db.eventLoop.makeFutureWithTask {
                    var answers: [[String]] = []
                    for _ in 0..<3 {
                        answers.append(try await TrackingDocumentQuery(binds: [code]).rows(on: db)
                            .map { try $0.decode(column: "document", as: String.self) })
                    }
                    if engine == .postgres {
                        // the same connection holds the statement once, under its name
                        let prepared = try await (db as! any SQLDatabase).raw("SELECT name, statement FROM pg_prepared_statements")
                            .all().map { try $0.decode(column: "name", as: String.self) + " " + $0.decode(column: "statement", as: String.self) }
                        answers.append(prepared)
                    }
                    return answers
                }
            }.get()
            for answer in answers.prefix(3) {
                #expect(answer.count == 1)
                #expect(try PublicTracking.decoder.decode(PublicTracking.self, from: Data(answer[0].utf8)) == expected)
            }
            if engine == .postgres {
                #expect(answers[3].filter { $0 == TrackingDocumentQuery.name + " " + TrackingDocumentQuery.sql }.count == 1)
            }
            // the look-up's bytes, sent as the answer, are the stored text
            let bytes = try #require(try await TrackingDocumentQuery(binds: [code]).firstText(on: app.db))
            #expect(String(buffer: bytes) == answers[0][0])
            #expect(try await TrackingDocumentQuery(binds: ["000.00.00.H00-000000-0000"]).firstText(on: app.db) == nil)
            // an unknown code gives no row; a text with `$` and quotes is bound, never spliced into the statement
            #expect(try await TrackingDocumentQuery(binds: ["' OR '1'='1"]).rows(on: app.db).isEmpty)
            #expect(try await TrackingDocumentQuery(binds: ["$1"]).rows(on: app.db).isEmpty)
        }
    }

    @Test func sqlite_connections_are_set_up_for_their_work() async throws {
        try await withPlatform(.sqlite) { app in
            func pragma(_ name: String, on db: any Database) async throws -> Int {
                try #require(try await (db as! any SQLDatabase).raw(SQLQueryString("PRAGMA \(unsafeRaw: name)")).first()?
                    .decode(column: name, as: Int.self))
            }
            // every event loop's read connection: the file mapped into memory and a 16 MB page cache
            for loop in app.eventLoopGroup.makeIterator() {
                let reader = try #require(app.databases.database(.sqlite, logger: app.logger, on: loop))
                #expect(try await pragma("mmap_size", on: reader) == 1 << 30)
                #expect(try await pragma("cache_size", on: reader) == -16_384)
                #expect(try await pragma("synchronous", on: reader) == 2)  // FULL: every other write is flushed itself
                // write-ahead logging (a connection learns the file's mode when it next reads it)
                _ = try await (reader as! any SQLDatabase).raw("SELECT count(*) AS n FROM units").first()
                let journal = try await (reader as! any SQLDatabase).raw("PRAGMA journal_mode").first()?
                    .decode(column: "journal_mode", as: String.self)
                #expect(journal == "wal")
            }
            // the group writer's: commits flushed by WriteAheadLogSync (NORMAL), statement journals in memory
            #expect(try await pragma("synchronous", on: app.writerDatabase) == 1)
            #expect(try await pragma("temp_store", on: app.writerDatabase) == 2)
        }
    }
}
