import Dossiers
import Fluent
import FluentPostgresDriver
import Foundation
import NIOConcurrencyHelpers
import SQLKit

/// Lignes déroulées — inserts of many rows as one PostgreSQL statement whose text does not depend on how many rows
/// there are: each column's values are bound as one text (an array literal), unnested and cast to the column's
/// type. The same text then serves every group of any size, so it is prepared once per connection (parsed and
/// analysed once, its plan kept), where the `VALUES` form was a new text for every group size and was parsed,
/// analysed and planned on every write — about a third of PostgreSQL's work for a submission.
///
/// `INSERT INTO t ("a", "b") SELECT CAST(u."a" AS uuid), CAST(u."b" AS text) FROM unnest($1::text[], $2::text[])
/// AS u("a", "b") ON CONFLICT …`, several of them chained by `WITH` as `RowsInsert.together` chains them.
struct UnnestedInsert {
    /// The statement's name (`cqs_rows_N`, one per text in this process), its text, and the values to bind: one array
    /// literal per column of each insert.
    let name: String
    let sql: String
    let binds: [String]

    /// `inserts` as one statement; nil when a value has a type this does not write as text, or a column has no known
    /// type (the caller then sends the `VALUES` form). `types` (table → column → type as PostgreSQL names it) is asked
    /// only for a shape of inserts not seen before: the text of one seen is kept.
    init?(_ inserts: [RowsInsert], types: () async throws -> [String: [String: String]]) async throws {
        guard !inserts.isEmpty, Set(inserts.map(\.table)).count == inserts.count else { return nil }
        var binds: [String] = []
        for insert in inserts {
            for position in insert.columns.indices {
                guard let literal = Self.arrayLiteral(insert.rows, column: position) else { return nil }
                binds.append(literal)
            }
        }
        // the text of these tables and columns, made and named once
        let shape = inserts.map(\.shape).joined(separator: "\n")
        if let known = Self.texts.withLockedValue({ $0[shape] }) {
            (name, sql) = known
        } else {
            guard let sql = Self.text(of: inserts, types: try await types()) else { return nil }
            (name, self.sql) = Self.texts.withLockedValue { texts in
                let named = texts[shape] ?? ("cqs_rows_\(texts.count + 1)", sql)
                texts[shape] = named
                return named
            }
        }
        self.binds = binds
    }

    /// The texts made so far and their names, by the shape of their inserts (`RowsInsert.shape`).
    private static let texts = NIOLockedValueBox<[String: (name: String, sql: String)]>([:])

    /// The statement's text for `inserts`; nil when a column has no known type.
    private static func text(of inserts: [RowsInsert], types: [String: [String: String]]) -> String? {
        var sql = ""
        var bound = 0
        for (index, insert) in inserts.enumerated() {
            guard let columnTypes = types[insert.table] else { return nil }
            var casts: [String] = []
            var arrays: [String] = []
            for column in insert.columns {
                guard let type = columnTypes[column] else { return nil }
                bound += 1
                casts.append("CAST(u.\"\(column)\" AS \(type))")
                arrays.append("$\(bound)::text[]")
            }
            let names: String = insert.columns.map { "\"\($0)\"" }.joined(separator: ", ")
            var statement = "INSERT INTO \(insert.table) (\(names)) SELECT "
            statement += casts.joined(separator: ", ")
            statement += " FROM unnest(\(arrays.joined(separator: ", "))) AS u(\(names))"
            if !insert.onConflict.isEmpty { statement += " " + insert.onConflict }
            if index < inserts.count - 1 {
                sql += (index == 0 ? "WITH w\(index) AS (" : ", w\(index) AS (") + statement + ") "
            } else {
                sql += statement
            }
        }
        return sql
    }

    /// Runs the statement on `db` (PostgreSQL), prepared once per connection under its name.
    func run(on db: any PostgresDatabase, logger: Logger) async throws {
        let statement = Prepared(binds: binds)
        let named = (name, sql)
        try await db.withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                try await Prepared.$current.withValue(named) {
                    for try await _ in try await connection.execute(statement, logger: logger) {}
                }
            }
        }.get()
    }

    // MARK: values as text

    /// `{"…","…",NULL}`: the values of `column` in `rows` as a PostgreSQL array literal of texts; nil when one has
    /// a type not written here.
    static func arrayLiteral(_ rows: [[RowsInsert.Value]], column: Int) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(2 + rows.count * 40)
        bytes.append(UInt8(ascii: "{"))
        for (index, row) in rows.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            guard let value = row[column] else {
                bytes.append(contentsOf: "NULL".utf8)
                continue
            }
            guard var text = text(of: value) else { return nil }
            bytes.append(UInt8(ascii: "\""))
            text.withUTF8 { utf8 in
                for byte in utf8 {
                    if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { bytes.append(UInt8(ascii: "\\")) }
                    bytes.append(byte)
                }
            }
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(UInt8(ascii: "}"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A value as PostgreSQL reads it from text, for the types the inserts bind; nil for any other.
    static func text(of value: any Encodable & Sendable) -> String? {
        switch value {
        case let string as String: return string
        case let number as Int: return String(number)
        case let number as Int64: return String(number)
        case let number as Int32: return String(number)
        case let number as Double: return number.isFinite ? String(number) : nil
        case let flag as Bool: return flag ? "true" : "false"
        case let id as UUID: return id.uuidString
        case let date as Date: return timestamp(date)
        case let value as any ColumnText: return value.columnText
        case let raw as any RawRepresentable<String>: return raw.rawValue  // found slowly by the runtime: see ColumnText
        case let raw as any RawRepresentable<Int>: return String(raw.rawValue)
        default: return nil
        }
    }

    /// `2026-12-03 10:15:00.123456+00`: to the microsecond, cut as PostgresNIO cuts a bound `Date`.
    static func timestamp(_ date: Date) -> String {
        // microseconds from 2000-01-01 as PostgresNIO counts them (the same arithmetic), then from 1970
        let micros = Int64(date.timeIntervalSince(postgresEpoch) * 1_000_000) + 946_684_800_000_000
        let seconds = micros >= 0 ? micros / 1_000_000 : (micros - 999_999) / 1_000_000
        return JSONText.utc(seconds: seconds, separator: " ") + "." + JSONText.padded(Int(micros - seconds * 1_000_000), 6) + "+00"
    }

    /// 2000-01-01, where PostgreSQL counts its timestamps from.
    private static let postgresEpoch = Date(timeIntervalSince1970: 946_684_800)

    // MARK: the prepared statement

    /// The statement as PostgresNIO prepares it: its name and text are the task's (`current`), so that one type
    /// serves every text (PostgresNIO reads a prepared statement's name and text from its type, once per call).
    private struct Prepared: PostgresPreparedStatement {
        typealias Row = PostgresRow
        @TaskLocal static var current: (name: String, sql: String) = ("", "")
        static var name: String { current.name }
        static var sql: String { current.sql }
        var binds: [String]

        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings(capacity: binds.count)
            for value in binds { bindings.append(value) }
            return bindings
        }

        func decodeRow(_ row: PostgresRow) -> PostgresRow { row }
    }
}

/// A value `UnnestedInsert` writes as its text, found by a plain protocol cast: the enumerations the hot inserts
/// bind. Any other `RawRepresentable` is written too, but through a cast the Swift runtime resolves anew on every
/// call (a tenth of the group writer's work in a profile, before these conformances).
protocol ColumnText {
    var columnText: String { get }
}

extension ColumnText where Self: RawRepresentable, RawValue == String {
    var columnText: String { rawValue }
}

extension DossierStatus: ColumnText {}
extension Dossiers.Channel: ColumnText {}
extension ReturnMethod: ColumnText {}
extension DossierModel.Outcome: ColumnText {}
extension Timeliness: ColumnText {}
extension DossierFileModel.Kind: ColumnText {}
extension OutboxMessageModel.Channel: ColumnText {}
extension OutboxMessageModel.Status: ColumnText {}

/// The types of the columns of the tables `UnnestedInsert` writes, as PostgreSQL names them (`uuid`, `text`,
/// `timestamp with time zone`, …), read from the catalog once and again when a table or column is not known yet
/// (a migration run by this process after the first read).
enum ColumnTypes {
    private static let known = NIOLockedValueBox<[String: [String: String]]>([:])

    /// The column types of `tables`, read from `db` when one of them or one of `columns` is missing.
    static func of(_ inserts: [RowsInsert], on db: any SQLDatabase) async throws -> [String: [String: String]] {
        func complete(_ types: [String: [String: String]]) -> Bool {
            inserts.allSatisfy { insert in types[insert.table].map { table in insert.columns.allSatisfy { table[$0] != nil } } ?? false }
        }
        let cached = known.withLockedValue { $0 }
        if complete(cached) { return cached }
        let rows = try await db.raw("""
            SELECT c.relname AS table_name, a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS column_type
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema() AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
            """).all()
        var read: [String: [String: String]] = [:]
        for row in rows {
            read[try row.decode(column: "table_name", as: String.self), default: [:]][try row.decode(column: "column_name", as: String.self)]
                = try row.decode(column: "column_type", as: String.self)
        }
        known.withLockedValue { $0 = read }
        return read
    }
}
