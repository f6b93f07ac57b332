import Fluent
import SQLKit

/// A multi-row INSERT written out: its text is put together once per table and only the values are bound per row
/// — no query builder and no model reflection. For the hot write paths (the group commit of submissions, the
/// indicator facts), where building the same statement through Fluent cost more than executing it.
struct RowsInsert: SQLExpression {
    /// A value to bind, or nil for NULL.
    typealias Value = (any Encodable & Sendable)?

    private let head: String
    private let tail: String
    private let width: Int
    private(set) var rows: [[Value]] = []

    /// `INSERT INTO table (columns…) VALUES …` followed by `onConflict` (e.g. `ON CONFLICT (code) DO UPDATE SET …`,
    /// written the same for SQLite and PostgreSQL).
    init(into table: String, columns: [String], onConflict: String = "") {
        head = "INSERT INTO \(table) (" + columns.map { "\"\($0)\"" }.joined(separator: ", ") + ") VALUES "
        tail = onConflict.isEmpty ? "" : " " + onConflict
        width = columns.count
    }

    /// Adds a row: one value per column, in the columns' order.
    mutating func append(_ row: [Value]) {
        precondition(row.count == width, "a row of \(row.count) values for \(width) columns")
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

    /// Runs the statement (nothing when there are no rows).
    func run(on sql: any SQLDatabase) async throws {
        guard !rows.isEmpty else { return }
        try await sql.execute(sql: self) { _ in }
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
