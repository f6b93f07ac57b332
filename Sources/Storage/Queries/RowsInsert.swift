import Fluent
import FluentPostgresDriver
import SQLKit

/// A multi-row INSERT written out: its text is put together once per table and only the values are bound per row
/// — no query builder and no model reflection. For the hot write paths (the group commit of submissions, the
/// indicator facts), where building the same statement through Fluent cost more than executing it.
struct RowsInsert: SQLExpression {
    /// A value to bind, or nil for NULL.
    typealias Value = (any Encodable & Sendable)?

    /// The table the rows go into.
    let table: String
    /// Its columns, in the rows' order, and what follows the rows (`ON CONFLICT …` or nothing).
    let columns: [String]
    let onConflict: String
    private let head: String
    private let tail: String
    private(set) var rows: [[Value]] = []

    /// `INSERT INTO table (columns…) VALUES …` followed by `onConflict` (e.g. `ON CONFLICT (code) DO UPDATE SET …`,
    /// written the same for SQLite and PostgreSQL).
    init(into table: String, columns: [String], onConflict: String = "") {
        self.table = table
        self.columns = columns
        self.onConflict = onConflict
        head = "INSERT INTO \(table) (" + columns.map { "\"\($0)\"" }.joined(separator: ", ") + ") VALUES "
        tail = onConflict.isEmpty ? "" : " " + onConflict
    }

    /// What makes its statement's text: the table, the columns and what follows the rows.
    var shape: String { head + tail }

    /// Adds a row: one value per column, in the columns' order.
    mutating func append(_ row: [Value]) {
        precondition(row.count == columns.count, "a row of \(row.count) values for \(columns.count) columns")
        rows.append(row)
    }

    func serialize(to serializer: inout SQLSerializer) {
        serializer.write(head)
        for (index, row) in rows.enumerated() {
            serializer.write(index == 0 ? "(" : ", (")
            for (position, value) in row.enumerated() {
                if position > 0 { serializer.write(", ") }
                if let value { serializer.write(bind: value) } else { serializer.write("NULL") }
            }
            serializer.write(")")
        }
        serializer.write(tail)
    }

    /// Runs the statement (nothing when there are no rows), or, inside `together`, adds it to the statements sent
    /// together at its end.
    func run(on sql: any SQLDatabase) async throws {
        guard !rows.isEmpty else { return }
        if let gathered = Self.gathered {
            gathered.append(self)
            return
        }
        try await sql.execute(sql: self) { _ in }
    }

    /// The inserts `run` inside `together` holds back (nil: run each at once).
    @TaskLocal private static var gathered: Gathered?

    /// Runs `body`, holding back the inserts it runs, then sends them together: on PostgreSQL as one statement
    /// (each insert but the last a data-modifying `WITH` part: one round trip), prepared once per connection
    /// (`UnnestedInsert`: its text is the same for any number of rows); on SQLite one after the other (in-process:
    /// nothing to save). All rows or none: outside a transaction, several statements are run in one.
    /// `body` cannot read back what it inserted (nothing is written until it returns); what it reads must be rows
    /// of other tables or written before. Inside another `together`, the inserts go with the outer one's.
    static func together<T>(on db: any Database, _ body: () async throws -> T) async throws -> T {
        if Self.gathered != nil { return try await body() }  // inside another `together`: sent with its inserts
        let gathered = Gathered()
        let result = try await $gathered.withValue(gathered) { try await body() }
        let sql = db as! any SQLDatabase
        let inserts = gathered.inserts
        @Sendable func runEach(on db: any Database) async throws {
            for insert in inserts { try await insert.run(on: db) }
        }
        if let postgres = db as? any PostgresDatabase, !inserts.isEmpty,
           let statement = try await UnnestedInsert(inserts, types: { try await ColumnTypes.of(inserts, on: sql) }) {
            try await statement.run(on: postgres, logger: db.logger)
        } else if let statement = oneStatement(inserts, dialect: sql.dialect.name) {
            try await sql.execute(sql: statement) { _ in }
        } else if inserts.count > 1, !db.inTransaction {
            try await db.transaction { db in try await runEach(on: db) }
        } else {
            try await runEach(on: db)
        }
        return result
    }

    /// `inserts` as one PostgreSQL statement, or nil where they cannot be one: another engine, fewer than two, a
    /// table changed twice (PostgreSQL leaves the order of `WITH` parts open), more than PostgreSQL's 65,535 values.
    static func oneStatement(_ inserts: [RowsInsert], dialect: String) -> (any SQLExpression)? {
        guard dialect == "postgresql", inserts.count > 1, Set(inserts.map(\.table)).count == inserts.count,
              inserts.reduce(0, { $0 + $1.rows.count * $1.columns.count }) <= 60_000
        else { return nil }
        return Combined(inserts: inserts)
    }

    /// What `together` holds back (only ever touched by the task running its body, in order).
    private final class Gathered: @unchecked Sendable {
        var inserts: [RowsInsert] = []
        func append(_ insert: RowsInsert) { inserts.append(insert) }
    }

    /// `WITH w1 AS (INSERT …), w2 AS (INSERT …) INSERT …`: several inserts as one PostgreSQL statement.
    private struct Combined: SQLExpression {
        var inserts: [RowsInsert]
        func serialize(to serializer: inout SQLSerializer) {
            for (index, insert) in inserts.dropLast().enumerated() {
                serializer.write(index == 0 ? "WITH w\(index) AS (" : ", w\(index) AS (")
                insert.serialize(to: &serializer)
                serializer.write(") ")
            }
            inserts.last?.serialize(to: &serializer)
        }
    }

    /// Runs the statement on a Fluent database (every database cqs uses speaks SQL).
    func run(on db: any Database) async throws { try await run(on: db as! any SQLDatabase) }

    /// `ON CONFLICT (key…) DO UPDATE SET column = excluded.column` for each of `columns`.
    static func replacing(_ columns: [String], onConflictWith key: [String]) -> String {
        "ON CONFLICT (" + key.map { "\"\($0)\"" }.joined(separator: ", ") + ") DO UPDATE SET "
            + columns.map { "\"\($0)\" = excluded.\"\($0)\"" }.joined(separator: ", ")
    }

    /// `ON CONFLICT (key…) DO UPDATE SET column = table.column + excluded.column` for each of `columns`.
    static func adding(_ columns: [String], in table: String, onConflictWith key: [String]) -> String {
        "ON CONFLICT (" + key.map { "\"\($0)\"" }.joined(separator: ", ") + ") DO UPDATE SET "
            + columns.map { "\"\($0)\" = \(table).\"\($0)\" + excluded.\"\($0)\"" }.joined(separator: ", ")
    }
}
