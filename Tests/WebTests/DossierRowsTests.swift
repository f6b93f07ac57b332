import Dossiers
import Fluent
import Foundation
import SQLKit
@testable import Storage
import Testing
import Vapor

/// The dossier rows written out without Fluent (`DossierService.insertRows`, `RowsInsert`): Fluent reads back every
/// field as written, and a written model is then updated by `save`, not inserted again.
@Suite struct DossierRowsTests {
    @Test(arguments: Engine.all)
    func rows_written_out_read_back_through_fluent_field_by_field(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            let batch = [try await SubmissionQueueTests.prepared(app, request: "Một"),
                         try await SubmissionQueueTests.prepared(app, request: "Hai")]
            let written = try await DossierService.write(batch, on: app.writerDatabase)
            #expect(written.count == 2)
            for (prepared, submitted) in zip(batch, written) {
                let dossier = submitted.dossier
                let stored = try #require(try await DossierModel.find(dossier.id, on: app.db))
                #expect(stored.code == dossier.code)
                #expect(stored.procedureCode == prepared.procedureCode && stored.procedureVersion == prepared.version)
                #expect(stored.procedureName == prepared.record.name)
                #expect(stored.receivingUnitCode == prepared.unit.code && stored.receivingUnitPath == prepared.unit.path)
                #expect(stored.handlingUnitCode == prepared.handling.code && stored.handlingUnitPath == prepared.handling.path)
                #expect(stored.channel == .online && stored.status == .submitted)
                #expect(stored.applicantUserID == prepared.applicantUserID)
                #expect(stored.applicantName == prepared.applicant.fullName)
                #expect(stored.applicantPersonalID == prepared.applicant.personalId)
                #expect(stored.applicantPhone == prepared.applicant.phone && stored.applicantEmail == prepared.applicant.email)
                #expect(stored.applicantAddress == prepared.applicant.address)
                #expect(stored.form == prepared.formJSON)
                #expect(stored.submittedAt == prepared.context.now)
                #expect(stored.supplementRequests == 0 && stored.currentStep == -1 && stored.revision == 0)
                #expect(stored.feeVnd == prepared.fee && stored.feePaid == (prepared.fee == 0))
                #expect(stored.createdBy == prepared.context.actor.username)
                #expect(stored.createdAt != nil && stored.updatedAt != nil)
                #expect(stored.receivedAt == nil && stored.appointment == nil && stored.outcome == nil && stored.parentCode == nil)

                let steps = try await DossierStepModel.query(on: app.db).filter(\.$dossier.$id == dossier.requireID())
                    .sort(\.$index).all()
                let process = prepared.record.process.steps
                #expect(steps.map(\.index) == Array(process.indices))
                #expect(steps.map(\.name) == process.map(\.name) && steps.map(\.role) == process.map(\.role))
                #expect(steps.map(\.allottedDays) == process.map(\.allottedWorkingDays))
                #expect(steps.allSatisfy { $0.startedAt == nil && $0.assignee == nil && !$0.unitPath.isEmpty })
                #expect(steps.map(\.id) == submitted.steps?.map(\.id))

                let events = try await DossierEventModel.query(on: app.db).filter(\.$dossier.$id == dossier.requireID()).all()
                let event = try #require(events.first)
                #expect(events.count == 1 && event.id == submitted.events?.first?.id)
                #expect(event.action == "submit" && event.fromStatus == .submitted && event.toStatus == .submitted)
                #expect(event.nationalCode == 1 && event.stepIndex == nil && event.at == prepared.context.now)
                #expect(event.actor == prepared.context.actor.username && event.note?.isEmpty == false)

                let messages = try await OutboxMessageModel.query(on: app.db).filter(\.$dossierCode == dossier.code).all()
                #expect(!messages.isEmpty)
                #expect(messages.allSatisfy { $0.status == .pending && $0.attempts == 0 && $0.sentAt == nil && $0.lastError == nil })
                #expect(messages.allSatisfy { $0.nextAttemptAt == prepared.context.now && $0.createdAt == prepared.context.now })
            }

            // a written model is stored: saving it updates its row
            let dossier = written[0].dossier
            dossier.applicantAddress = "Tổ 9, phường Minh Xuân"
            try await dossier.save(on: app.db)
            #expect(try await DossierModel.query(on: app.db).filter(\.$code == dossier.code).count() == 1)
            #expect(try await DossierModel.find(dossier.id, on: app.db)?.applicantAddress == "Tổ 9, phường Minh Xuân")
        }
    }

    @Test(arguments: Engine.all)
    func an_insert_is_written_once_with_a_placeholder_per_value_and_null_for_nil(engine: Engine) async throws {
        try await withPlatform(engine, seeded: false) { app in
            var insert = RowsInsert(into: "t", columns: ["a", "index"], onConflict: RowsInsert.replacing(["index"], onConflictWith: ["a"]))
            insert.append(["x", nil])
            insert.append(["y", 2])
            let (sql, binds) = (app.db as! any SQLDatabase).serialize(insert)
            let (first, second, third) = engine == .sqlite ? ("?1", "?2", "?3") : ("$1", "$2", "$3")
            #expect(sql == "INSERT INTO t (\"a\", \"index\") VALUES (\(first), NULL), (\(second), \(third)) "
                + "ON CONFLICT (\"a\") DO UPDATE SET \"index\" = excluded.\"index\"")
            #expect(binds.count == 3)
        }
    }

    /// Two tables, the second referring to the first, for the inserts sent together.
    static func parentsAndChildren(_ app: Application) async throws -> any SQLDatabase {
        let sql = app.db as! any SQLDatabase
        try await sql.raw("CREATE TABLE parents (id TEXT PRIMARY KEY)").run()
        try await sql.raw("CREATE TABLE children (id TEXT PRIMARY KEY, parent TEXT NOT NULL REFERENCES parents (id))").run()
        return sql
    }

    static func insert(_ table: String, _ rows: [[String]]) -> RowsInsert {
        var insert = RowsInsert(into: table, columns: table == "parents" ? ["id"] : ["id", "parent"])
        for row in rows { insert.append(row) }
        return insert
    }

    static func count(_ table: String, on sql: any SQLDatabase) async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()?.decode(column: "n", as: Int.self) ?? -1
    }

    @Test(arguments: Engine.all)
    func inserts_sent_together_write_all_their_rows_or_none_outside_a_transaction(engine: Engine) async throws {
        try await withPlatform(engine, seeded: false) { app in
            let sql = try await Self.parentsAndChildren(app)
            // children refer to parents inserted beside them: PostgreSQL checks the reference at the statement's end
            let answer = try await RowsInsert.together(on: app.db) {
                try await Self.insert("parents", [["p1"], ["p2"]]).run(on: sql)
                try await Self.insert("children", [["c1", "p1"], ["c2", "p2"]]).run(on: sql)
                // held back until the body returns: nothing is written yet
                return try await Self.count("parents", on: sql)
            }
            #expect(answer == 0)
            #expect(try await Self.count("parents", on: sql) == 2)
            #expect(try await Self.count("children", on: sql) == 2)

            // a new parent and a child whose key is taken: the statement fails and the new parent is not kept either
            await #expect(throws: (any Error).self) {
                try await RowsInsert.together(on: app.db) {
                    try await Self.insert("parents", [["p3"]]).run(on: sql)
                    try await Self.insert("children", [["c1", "p3"]]).run(on: sql)
                }
            }
            #expect(try await Self.count("parents", on: sql) == 2)
            #expect(try await Self.count("children", on: sql) == 2)
            // outside `together` an insert is run at once
            try await Self.insert("parents", [["p4"]]).run(on: sql)
            #expect(try await Self.count("parents", on: sql) == 3)
        }
    }

    @Test(arguments: Engine.all)
    func inserts_of_different_tables_are_one_statement_on_postgresql_only(engine: Engine) async throws {
        try await withPlatform(engine, seeded: false) { app in
            let sql = app.db as! any SQLDatabase
            let parents = Self.insert("parents", [["p1"]]), children = Self.insert("children", [["c1", "p1"]])
            let statement = RowsInsert.oneStatement([parents, children], dialect: sql.dialect.name)
            if engine == .sqlite {
                #expect(statement == nil)  // SQLite runs them one after the other, in-process
            } else {
                let (text, binds) = sql.serialize(try #require(statement))
                #expect(text == "WITH w0 AS (INSERT INTO parents (\"id\") VALUES ($1)) "
                    + "INSERT INTO children (\"id\", \"parent\") VALUES ($2, $3)")
                #expect(binds.count == 3)
            }
            // never one statement: one insert alone, a table twice, more values than PostgreSQL binds
            #expect(RowsInsert.oneStatement([parents], dialect: "postgresql") == nil)
            #expect(RowsInsert.oneStatement([parents, Self.insert("parents", [["p2"]])], dialect: "postgresql") == nil)
            let many = Self.insert("children", (0..<30_001).map { ["c\($0)", "p1"] })
            #expect(RowsInsert.oneStatement([parents, many], dialect: "postgresql") == nil)
            #expect(RowsInsert.oneStatement([parents, children], dialect: "postgresql") != nil)
        }
    }
}
