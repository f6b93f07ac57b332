import Core
import Fluent
import Foundation
import SQLKit

/// Copies a whole platform from one engine to the other — an SQLite file to PostgreSQL when a province outgrows its
/// single machine, or PostgreSQL to an SQLite file (a copy of production to study on a laptop). The target is
/// migrated first and must be empty; every table is copied in one transaction on the target, so a failure leaves
/// it empty; afterwards each table's row count is checked against the source's. Column types come from
/// PostgreSQL's catalogue (SQLite's declared types do not tell a boolean from an integer, or a time from a number),
/// and each value is read as that Swift type and written back through the target's own encoding, as Fluent would.
public enum DatabaseCopy {
    /// A table and how many rows were copied into it.
    public struct TableCount: Sendable, Equatable {
        public var table: String
        public var rows: Int
    }

    /// The Swift type a column's values are read and written as.
    enum ColumnType: String, Sendable {
        case uuid, time, integer, double, boolean, text, bytes

        init?(postgres dataType: String) {
            switch dataType {
            case "uuid": self = .uuid
            case "timestamp with time zone", "timestamp without time zone", "date": self = .time
            case "bigint", "integer", "smallint": self = .integer
            case "double precision", "real", "numeric": self = .double
            case "boolean": self = .boolean
            case "text", "character varying", "character": self = .text
            case "bytea": self = .bytes
            default: return nil
            }
        }
    }

    /// A table to copy: its columns and their types, in the catalogue's order.
    struct Table: Sendable {
        var name: String
        var columns: [(name: String, type: ColumnType)]
    }

    /// The bookkeeping table of migrations: filled by migrating the target, compared, never copied.
    static let migrationsTable = "_fluent_migrations"

    /// Copies every row of `source` into `target` (one of them SQLite, the other PostgreSQL; `target` migrated and
    /// empty). Refuses (409) when the two are not at the same migrations or the target holds rows, changing nothing.
    public static func copy(from source: any Database, to target: any Database,
                            progress: @escaping @Sendable (TableCount) -> Void = { _ in }) async throws -> [TableCount] {
        let sourceSQL = source as! any SQLDatabase, targetSQL = target as! any SQLDatabase
        let engines = [sourceSQL.dialect.name, targetSQL.dialect.name]
        guard Set(engines) == ["sqlite", "postgresql"] else {
            throw Problem.invalid("Chỉ sao chép giữa SQLite và PostgreSQL",
                                  "A copy goes from SQLite to PostgreSQL or back; here: \(engines.joined(separator: " → ")).")
        }
        let catalogue = sourceSQL.dialect.name == "postgresql" ? sourceSQL : targetSQL
        let tables = try await orderedTables(in: catalogue)
        let sourceMigrations = try await migrations(in: sourceSQL), targetMigrations = try await migrations(in: targetSQL)
        guard sourceMigrations == targetMigrations else {
            let onlySource = sourceMigrations.subtracting(targetMigrations), onlyTarget = targetMigrations.subtracting(sourceMigrations)
            throw Problem.conflict("Hai cơ sở dữ liệu không cùng phiên bản lược đồ; hãy chạy cqs migrate trên nguồn",
                                   "Source and target are not at the same migrations (only in the source: "
                                   + "\(onlySource.sorted().joined(separator: ", ")); only in the target: "
                                   + "\(onlyTarget.sorted().joined(separator: ", "))): run cqs migrate on the source first.")
        }
        for table in tables {
            guard try await count(table.name, in: targetSQL) > 0 else { continue }
            throw Problem.conflict("Cơ sở dữ liệu đích đã có dữ liệu (bảng \(table.name))",
                                   "The target must be empty; table \(table.name) has rows.")
        }
        return try await target.transaction { target in
            let targetSQL = target as! any SQLDatabase
            if targetSQL.dialect.name == "sqlite" { try await targetSQL.raw("PRAGMA defer_foreign_keys = ON").run() }
            var counts: [TableCount] = []
            for table in tables {
                let copied = try await copyRows(of: table, from: source, to: targetSQL)
                let expected = try await count(table.name, in: sourceSQL)
                guard copied == expected, try await count(table.name, in: targetSQL) == expected else {
                    throw Problem.conflict("Sao chép bảng \(table.name) không đủ số dòng",
                                           "Table \(table.name): \(expected) rows in the source, \(copied) copied.")
                }
                let tableCount = TableCount(table: table.name, rows: copied)
                progress(tableCount)
                counts.append(tableCount)
            }
            return counts
        }
    }

    /// Every row of `table` as text, value by value, in the source's storage order (for comparing two databases).
    static func rows(of table: Table, in db: any Database) async throws -> [[String]] {
        try await readPages(of: table, from: db, into: [[String]]()) { rows, page in
            rows + page.map { $0.map(text) }
        }
    }

    /// A value as text that tells every stored value apart (a time to the microsecond, bytes in hexadecimal).
    static func text(_ value: RowsInsert.Value) -> String {
        switch value {
        case nil: "NULL"
        case let time as Date: "time:\(Int64((time.timeIntervalSince1970 * 1_000_000).rounded()))µs"
        case let bytes as Data: "bytes:" + Hex.lowercase(bytes)
        case let value?: "\(type(of: value)):\(value)"
        }
    }

    /// The tables of PostgreSQL's catalogue, a table after those its foreign keys point to.
    static func orderedTables(in postgres: any SQLDatabase) async throws -> [Table] {
        let columns = try await postgres.raw("""
            SELECT c.table_name AS table_name, c.column_name AS column_name, c.data_type AS data_type
            FROM information_schema.columns c JOIN information_schema.tables t
              ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
            ORDER BY c.table_name, c.ordinal_position
            """).all()
        var tables: [String: Table] = [:]
        for row in columns {
            let name = try row.decode(column: "table_name", as: String.self)
            guard name != migrationsTable else { continue }
            let dataType = try row.decode(column: "data_type", as: String.self)
            guard let type = ColumnType(postgres: dataType) else {
                throw Problem.conflict("Kiểu cột chưa hỗ trợ sao chép: \(dataType)", "Column type \(dataType) of \(name) cannot be copied.")
            }
            tables[name, default: Table(name: name, columns: [])].columns.append((try row.decode(column: "column_name", as: String.self), type))
        }
        let references = try await postgres.raw("""
            SELECT conrelid::regclass::text AS child, confrelid::regclass::text AS parent
            FROM pg_constraint WHERE contype = 'f' AND connamespace = current_schema()::regnamespace
            """).all().map { (try $0.decode(column: "child", as: String.self), try $0.decode(column: "parent", as: String.self)) }
        var ordered: [Table] = [], placed: Set<String> = []
        func place(_ name: String, path: Set<String>) {
            guard !placed.contains(name), !path.contains(name), let table = tables[name] else { return }
            for (child, parent) in references where child == name && parent != name { place(parent, path: path.union([name])) }
            placed.insert(name)
            ordered.append(table)
        }
        for name in tables.keys.sorted() { place(name, path: []) }
        return ordered
    }

    /// The names of the migrations a database has run.
    static func migrations(in db: any SQLDatabase) async throws -> Set<String> {
        Set(try await db.raw("SELECT name FROM \(ident: migrationsTable)").all().map { try $0.decode(column: "name", as: String.self) })
    }

    static func count(_ table: String, in db: any SQLDatabase) async throws -> Int {
        try await db.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()!.decode(column: "n", as: Int.self)
    }

    /// Rows read per page, and the most values one statement binds (PostgreSQL allows 65,535; SQLite 32,766).
    static let pageRows = 2_000
    static func maxBinds(_ db: any SQLDatabase) -> Int { db.dialect.name == "sqlite" ? 32_000 : 65_000 }

    /// Copies `table` page by page; returns the rows written.
    static func copyRows(of table: Table, from source: any Database, to target: any SQLDatabase) async throws -> Int {
        let names = table.columns.map(\.name)
        let perStatement = max(1, maxBinds(target) / names.count)
        return try await readPages(of: table, from: source, into: 0) { copied, page in
            for start in stride(from: 0, to: page.count, by: perStatement) {
                var insert = RowsInsert(into: table.name, columns: names)
                for row in page[start..<min(start + perStatement, page.count)] { insert.append(row) }
                try await insert.run(on: target)
            }
            return copied + page.count
        }
    }

    /// Reads `table` in pages of typed values, folding each page into `initial` with `fold`: on SQLite by rowid, on
    /// PostgreSQL through a cursor (in a transaction of the source's own, which sees one snapshot).
    static func readPages<T: Sendable>(of table: Table, from source: any Database, into initial: T,
                                       _ fold: @escaping @Sendable (T, [[RowsInsert.Value]]) async throws -> T) async throws -> T {
        let list = table.columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
        let sql = source as! any SQLDatabase
        if sql.dialect.name == "sqlite" {
            var last = Int64.min, result = initial
            while true {
                let rows = try await sql.raw("""
                    SELECT rowid AS "_copy_rowid", \(unsafeRaw: list) FROM \(ident: table.name)
                    WHERE rowid > \(bind: last) ORDER BY rowid LIMIT \(unsafeRaw: String(pageRows))
                    """).all()
                guard let end = rows.last else { return result }
                last = try end.decode(column: "_copy_rowid", as: Int64.self)
                result = try await fold(result, try rows.map { try values(of: $0, table: table) })
                if rows.count < pageRows { return result }
            }
        } else {
            return try await source.transaction { source in
                let sql = source as! any SQLDatabase
                var result = initial
                try await sql.raw("DECLARE copy_rows NO SCROLL CURSOR FOR SELECT \(unsafeRaw: list) FROM \(ident: table.name)").run()
                while true {
                    let rows = try await sql.raw("FETCH \(unsafeRaw: String(pageRows)) FROM copy_rows").all()
                    if rows.isEmpty { break }
                    result = try await fold(result, try rows.map { try values(of: $0, table: table) })
                }
                try await sql.raw("CLOSE copy_rows").run()
                return result
            }
        }
    }

    /// One row's values, each read as its column's Swift type (nil for NULL).
    static func values(of row: any SQLRow, table: Table) throws -> [RowsInsert.Value] {
        try table.columns.map { column -> RowsInsert.Value in
            if try row.decodeNil(column: column.name) { return nil }
            switch column.type {
            case .uuid: return try row.decode(column: column.name, as: UUID.self)
            case .time: return try row.decode(column: column.name, as: Date.self)
            case .integer: return try row.decode(column: column.name, as: Int.self)
            case .double: return try row.decode(column: column.name, as: Double.self)
            case .boolean: return try row.decode(column: column.name, as: Bool.self)
            case .text: return try row.decode(column: column.name, as: String.self)
            case .bytes: return try row.decode(column: column.name, as: Data.self)
            }
        }
    }
}
