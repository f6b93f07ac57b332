import Fluent
import FluentPostgresDriver
import SQLKit

/// Câu lệnh lặp lại — a read of fixed text that requests make again and again (the sign-in, the public tracking
/// look-up), with text parameters `$1`, `$2`… in the order of `binds`. On PostgreSQL it is prepared once per
/// connection, so that the server parses and plans it once instead of on every call (for the sign-in's four-table
/// join the planning cost more than the run); on SQLite, which reads `$1` as the first parameter, it runs as it is.
protocol RepeatedQuery: PostgresPreparedStatement where Row == PostgresRow {
    var binds: [String] { get }
}

extension RepeatedQuery {
    func makeBindings() -> PostgresBindings {
        var bindings = PostgresBindings(capacity: binds.count)
        for value in binds { bindings.append(value) }
        return bindings
    }

    func decodeRow(_ row: PostgresRow) -> PostgresRow { row }

    /// The rows the statement gives on `db`.
    func rows(on db: any Database) async throws -> [any SQLRow] {
        guard let postgres = db as? any PostgresDatabase else {
            // the text cut at each `$n`, the values bound in between
            var query = SQLQueryString("")
            var rest = Substring(Self.sql)
            while let dollar = rest.firstIndex(of: "$") {
                let digits = rest[rest.index(after: dollar)...].prefix(while: \.isNumber)
                guard let number = Int(digits), binds.indices.contains(number - 1) else {
                    preconditionFailure("\(Self.self): $\(digits) names no bound value")
                }
                query.appendLiteral(String(rest[..<dollar]))
                query.appendInterpolation(bind: binds[number - 1])
                rest = rest[digits.endIndex...]
            }
            query.appendLiteral(String(rest))
            return try await (db as! any SQLDatabase).raw(query).all()
        }
        let logger = db.logger
        let rows = try await postgres.withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                var rows: [PostgresRow] = []
                for try await row in try await connection.execute(self, logger: logger) { rows.append(row) }
                return rows
            }
        }.get()
        return rows.map { $0.sql() }
    }

    /// The first column of the first row as its stored text, nil when there is no row: on PostgreSQL the bytes as
    /// the server sent them (a `text` column's binary form is its UTF-8), without a `String` or a row decoder between
    /// (the public tracking look-up sends them on as the answer's body).
    func firstText(on db: any Database) async throws -> ByteBuffer? {
        guard let postgres = db as? any PostgresDatabase else {
            return try await rows(on: db).first.map { ByteBuffer(string: try $0.decode(column: $0.allColumns[0], as: String.self)) }
        }
        let logger = db.logger
        return try await postgres.withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                var first: ByteBuffer?
                for try await row in try await connection.execute(self, logger: logger) where first == nil {
                    guard let bytes = row.makeRandomAccess()[0].bytes else { throw PostgresDecodingError.Code.missingData }
                    first = bytes
                }
                return first
            }
        }.get()
    }
}

/// The sign-in of a request: a token joined with its user and the user's role assignments (`AccountStore`). The
/// user's columns are named, not `users.*`: a column added by a later migration must not change the result of a
/// statement an older process has prepared (PostgreSQL would refuse to run it).
struct SignInQuery: RepeatedQuery {
    /// Named here: PostgresNIO's default name is `String(reflecting:)` of the type, made again on every call.
    static let name = "cqs_sign_in"
    static let sql = """
        SELECT \(UserModel.keys.map { "users.\"\($0.description)\"" }.joined(separator: ", ")),
               auth_tokens.expires_at AS token_expires_at, auth_tokens.revoked_at AS token_revoked_at,
               role_assignments.role AS assigned_role, units.code AS assigned_unit_code, units.path AS assigned_unit_path
        FROM auth_tokens JOIN users ON users.id = auth_tokens.user_id
            LEFT JOIN role_assignments ON role_assignments.user_id = users.id
            LEFT JOIN units ON units.id = role_assignments.unit_id
        WHERE auth_tokens.token_hash = $1 AND auth_tokens.kind = $2
        """
    var binds: [String]
}

/// The stored public view of a dossier (`PublicTracking`).
struct TrackingDocumentQuery: RepeatedQuery {
    static let name = "cqs_tracking_document"
    static let sql = "SELECT document FROM \(PublicTracking.table) WHERE code = $1"
    var binds: [String]
}
