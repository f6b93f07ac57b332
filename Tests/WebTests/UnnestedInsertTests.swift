import Fluent
import Foundation
import SQLKit
@testable import Storage
import Testing
import Vapor

/// Rows written together (`RowsInsert.together`) arrive as they were given, whatever their text holds — on
/// PostgreSQL through one prepared statement of unnested array literals (`UnnestedInsert`), on SQLite one insert
/// after the other — and PostgreSQL keeps one prepared statement per text on a connection, for any number of rows.
@Suite struct UnnestedInsertTests {
    /// Values that an array literal must quote or escape, and the edges of the other types.
    static let labels: [String?] = ["plain", "", "NULL", "null", "a,b", "{braces}", "quote \" inside", "back\\slash",
                                    "\\\"", " spaced ", "Nguyễn Thị Hồng 🇻🇳", "new\nline\ttab", nil]
    static let dates: [Date] = [Date(timeIntervalSince1970: 1_796_000_000.123456), Date(timeIntervalSince1970: -1.5),
                                Date(timeIntervalSince1970: 951_782_400), Date(timeIntervalSince1970: 0),
                                Date(timeIntervalSince1970: 4_102_444_799.999999)]

    static func createProbe(on db: any SQLDatabase) async throws {
        try await db.raw("""
            CREATE TABLE probe_rows (id UUID PRIMARY KEY, label TEXT, number BIGINT NOT NULL, at TIMESTAMP WITH TIME ZONE,
                                     flag BOOLEAN NOT NULL, ratio DOUBLE PRECISION, status TEXT)
            """).run()
        try await db.raw("CREATE TABLE probe_totals (key TEXT PRIMARY KEY, count BIGINT NOT NULL)").run()
    }

    /// One insert of `count` probe rows, and one of totals added on conflict.
    static func inserts(_ count: Int, offset: Int) -> ([RowsInsert], [UUID]) {
        var rows = RowsInsert(into: "probe_rows", columns: ["id", "label", "number", "at", "flag", "ratio", "status"])
        var ids: [UUID] = []
        for index in 0..<count {
            let id = UUID()
            ids.append(id)
            let n = index + offset
            rows.append([id, labels[n % Self.labels.count], Int(n) * 1_000_000_007 - 5, n % 3 == 2 ? nil : dates[n % Self.dates.count],
                         n % 2 == 0, n % 4 == 3 ? nil : Double(n) / 3, n % 5 == 4 ? nil : DossierStatusProbe.allCases[n % 3]])
        }
        var totals = RowsInsert(into: "probe_totals", columns: ["key", "count"],
                                onConflict: RowsInsert.adding(["count"], in: "probe_totals", onConflictWith: ["key"]))
        totals.append(["all", count])
        return ([rows, totals], ids)
    }

    enum DossierStatusProbe: String, Codable, CaseIterable, Sendable { case submitted, processing, returned }

    @Test(arguments: Engine.all)
    func rows_written_together_read_back_as_given(engine: Engine) async throws {
        try await withPlatform(engine, seeded: false) { app in
            let sql = app.db as! any SQLDatabase
            try await Self.createProbe(on: sql)
            var written: [UUID: Int] = [:]
            // groups of different sizes, one after the other
            var offset = 0
            for count in [1, 7, 13, 3] {
                let (inserts, ids) = Self.inserts(count, offset: offset)
                try await RowsInsert.together(on: app.db) {
                    for insert in inserts { try await insert.run(on: app.db) }
                }
                for (index, id) in ids.enumerated() { written[id] = index + offset }
                offset += count
            }
            let rows = try await sql.raw("SELECT id, label, number, at, flag, ratio, status FROM probe_rows").all()
            #expect(rows.count == written.count)
            for row in rows {
                let n = try #require(written[try row.decode(column: "id", as: UUID.self)])
                #expect(try row.decode(column: "label", as: String?.self) == Self.labels[n % Self.labels.count], "row \(n)")
                #expect(try row.decode(column: "number", as: Int.self) == n * 1_000_000_007 - 5)
                let at = try row.decode(column: "at", as: Date?.self)
                if n % 3 == 2 {
                    #expect(at == nil)
                } else {
                    // to the microsecond, as a bound date is kept
                    let expected = Self.dates[n % Self.dates.count].timeIntervalSince1970
                    #expect(abs(try #require(at).timeIntervalSince1970 - expected) < 0.000_002, "row \(n)")
                }
                #expect(try row.decode(column: "flag", as: Bool.self) == (n % 2 == 0))
                #expect(try row.decode(column: "ratio", as: Double?.self) == (n % 4 == 3 ? nil : Double(n) / 3))
                #expect(try row.decode(column: "status", as: String?.self) == (n % 5 == 4 ? nil : DossierStatusProbe.allCases[n % 3].rawValue))
            }
            // the totals were added on conflict, once per group
            #expect(try await sql.raw("SELECT count FROM probe_totals WHERE key = 'all'").first()?.decode(column: "count", as: Int.self) == 24)
        }
    }

    @Test func postgresql_keeps_one_prepared_statement_for_any_number_of_rows() async throws {
        try await withPlatform(.postgres, seeded: false) { app in
            try await Self.createProbe(on: app.db as! any SQLDatabase)
            let prepared = try await app.db.withConnection { db in
                db.eventLoop.makeFutureWithTask {
                    for (count, offset) in [(2, 0), (9, 2), (1, 11)] {
                        let (inserts, _) = Self.inserts(count, offset: offset)
                        try await RowsInsert.together(on: db) { for insert in inserts { try await insert.run(on: db) } }
                    }
                    return try await (db as! any SQLDatabase).raw("SELECT name, statement FROM pg_prepared_statements WHERE statement LIKE '%probe_rows%'")
                        .all().map { try $0.decode(column: "statement", as: String.self) }
                }
            }.get()
            #expect(prepared.count == 1)
            #expect(prepared.first?.contains("unnest(") == true)
            #expect(try await (app.db as! any SQLDatabase).raw("SELECT count(*) AS n FROM probe_rows").first()?.decode(column: "n", as: Int.self) == 12)
        }
    }

    @Test func a_value_of_a_type_not_written_as_text_leaves_the_values_form() async throws {
        var insert = RowsInsert(into: "probe_rows", columns: ["id", "label"])
        insert.append([UUID(), Data([1, 2, 3])])
        #expect(try await UnnestedInsert([insert], types: { ["probe_rows": ["id": "uuid", "label": "text"]] }) == nil)
        // a column whose type is not known yet
        var other = RowsInsert(into: "probe_rows", columns: ["id", "nickname"])
        other.append([UUID(), "x"])
        #expect(try await UnnestedInsert([other], types: { ["probe_rows": ["id": "uuid", "label": "text"]] }) == nil)
        // and the literal of texts that need quoting
        #expect(UnnestedInsert.arrayLiteral([["a\"b"], ["c\\d"], [nil], ["NULL"], [""]], column: 0) == #"{"a\"b","c\\d",NULL,"NULL",""}"#)
        #expect(UnnestedInsert.timestamp(Date(timeIntervalSince1970: -1.5)) == "1969-12-31 23:59:58.500000+00")
    }
}
