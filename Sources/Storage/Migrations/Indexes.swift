import Fluent
import SQLKit

/// Named indexes a migration creates and drops together — the same statements on SQLite and PostgreSQL.
enum Indexes {
    typealias Definition = (name: String, table: String, columns: [String])

    static func create(_ indexes: [Definition], on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for index in indexes {
            var builder = sql.create(index: index.name).on(index.table)
            for column in index.columns { builder = builder.column(column) }
            try await builder.run()
        }
    }

    static func drop(_ indexes: [Definition], on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for index in indexes { try await sql.drop(index: index.name).run() }
    }
}
