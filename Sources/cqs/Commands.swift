import ArgumentParser
import Access
import Catalog
import DemoData
import Fluent
import Foundation
import Storage
import Vapor
import Web

/// Runs `body` with a configured, migrated application that is shut down afterwards.
func withPlatform<T>(_ config: AppConfig, _ body: (Application) async throws -> T) async throws -> T {
    LogSetup.bootstrap(level: config.logLevel)
    PlatformMetrics.bootstrap()
    let app = try await Application.make(Environment(name: "production", arguments: ["cqs"]))
    do {
        try await configure(app, config: config)
        try await app.autoMigrate()
        let result = try await body(app)
        try await app.asyncShutdown()
        return result
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
}

/// Turns a platform problem into a CLI message and a non-zero exit code.
func runCommand(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let problem as Core.Problem {
        FileHandle.standardError.write(Data("lỗi: \(problem.title)\nerror: \(problem.detail)\n".utf8))
        throw ExitCode(2)
    }
}

import Core

/// `cqs serve` — migrates, seeds the demo on an empty database, prints the demo accounts, and serves HTTP.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Start the platform (default http://127.0.0.1:8080).")
    @OptionGroup var db: DatabaseOptions
    @Option(help: "Address to listen on.") var host: String?
    @Option(help: "Port to listen on.") var port: Int?

    func run() async throws {
        let config = db.config(host: host, port: port)
        LogSetup.bootstrap(level: config.logLevel)
        PlatformMetrics.bootstrap()
        let app = try await Application.make(Environment(name: "production", arguments: ["cqs", "serve"]))
        do {
            try await configure(app, config: config)
            try await app.autoMigrate()
            if config.seedDemo, try await DemoSeed.isEmpty(on: app.db) {
                let accounts = try await DemoSeed.seed(on: app.db, hasher: app.passwordHasher, at: Date())
                printAccounts(accounts)
                // the demo province's certificate authority, so that documents can be signed at once (in production
                // the administrator initialises it: POST /api/v1/signing/authority)
                _ = try await SigningStore.initialise(keys: .init(passphrase: config.signingPassphrase, rounds: config.keyRounds),
                                                      actor: "demo", at: Date(), on: app.db)
                print("Demo: the province certificate authority is initialised (CQS_SIGNING_PASSPHRASE); VNeID stand-in at /vneid-thu")
            } else if config.seedDemo {
                print("Demo accounts (password \(DemoSeed.password)): see README; e.g. tinh.quantri, stp.chuyenvien, minhxuan.motcua")
            }
            print("cqs: listening on http://\(config.host):\(config.port) — database \(config.usesPostgres ? "PostgreSQL" : config.databaseURL)")
            try await app.execute()
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    func printAccounts(_ accounts: [DemoSeed.Account]) {
        print("Tài khoản dùng thử / demo accounts — mật khẩu / password: \(DemoSeed.password)")
        for account in accounts {
            let padded = account.username.padding(toLength: 22, withPad: " ", startingAt: 0)
            let role = account.role.padding(toLength: 15, withPad: " ", startingAt: 0)
            print("  \(padded) \(role) \(account.unitName)\(account.unitCode.isEmpty ? "" : " (\(account.unitCode))")")
        }
    }
}

/// `cqs migrate` — applies pending migrations.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply database migrations.")
    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        try await withPlatform(db.config()) { _ in print("migrations applied") }
    }
}

/// `cqs database copy` — moves a platform between SQLite and PostgreSQL.
struct DatabaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "database", abstract: "Move a platform's database.",
                                                    subcommands: [Copy.self])

    /// Copies every row from one engine to the other; the target is migrated first and must be empty.
    struct Copy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy a platform from an SQLite file to PostgreSQL, or back (the target is migrated and must be empty).")
        @Option(help: "The database to copy: SQLite file path or postgres:// URL (stop the platform using it first).")
        var from: String
        @Option(help: "The empty database to copy into: postgres:// URL or SQLite file path.")
        var to: String

        func run() async throws {
            try await runCommand {
                _ = try Application.copySourceFile(url: from)  // before the target is created and migrated
                var config = AppConfig.fromEnvironment(database: to, host: nil, port: nil)
                config.logLevel = "warning"
                try await withPlatform(config) { app in
                    let source = try app.copySource(url: from)
                    let start = Date()
                    let counts = try await DatabaseCopy.copy(from: source, to: app.db) { table in
                        print("  \(table.table): \(table.rows) rows")
                    }
                    print(String(format: "copied %d rows of %d tables in %.1f s", counts.reduce(0) { $0 + $1.rows }, counts.count,
                                 Date().timeIntervalSince(start)))
                }
            }
        }
    }
}

/// `cqs seed demo` — seeds the demo province (safe to repeat).
struct Seed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Seed data.", subcommands: [Demo.self])

    struct Demo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Seed the Tuyên Quang demo: units, catalog, accounts.")
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            try await runCommand {
                try await withPlatform(db.config()) { app in
                    let accounts = try await DemoSeed.seed(on: app.db, hasher: app.passwordHasher, at: Date())
                    Serve().printAccounts(accounts)
                }
            }
        }
    }
}

/// `cqs import units|procedures`.
struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Import official data.",
                                                    subcommands: [Units.self, Procedures.self])

    struct Units: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Import a province's administrative units.")
        @OptionGroup var db: DatabaseOptions
        @Option(help: "Province code, e.g. 08 (Tuyên Quang).") var province: String
        @Option(help: "2025 (two levels, from 1 July 2025) or legacy (three levels, ended 30 June 2025).")
        var structure: String = "2025"

        func validate() throws {
            guard ["2025", "legacy"].contains(structure) else {
                throw ValidationError("--structure must be 2025 or legacy / --structure phải là 2025 hoặc legacy")
            }
        }

        func run() async throws {
            try await runCommand {
                try await withPlatform(db.config()) { app in
                    let sources = try DemoResources.unitSources()
                    let summary = structure == "legacy"
                        ? try await UnitImport.importLegacy(province: province, sources: sources, actor: "cli", at: Date(), on: app.db)
                        : try await UnitImport.import2025(province: province, sources: sources, actor: "cli", at: Date(), on: app.db)
                    print("units: \(summary.created) created, \(summary.unchanged) already present, \(summary.successorLinks) successor links")
                }
            }
        }
    }

    struct Procedures: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Import a procedure catalog file (all or nothing).")
        @OptionGroup var db: DatabaseOptions
        @Argument(help: "A catalog file in the cqs-procedure-catalog/1 format.") var file: String

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                FileHandle.standardError.write(Data("lỗi: không đọc được tệp \(file)\nerror: cannot read \(file)\n".utf8))
                throw ExitCode(2)
            }
            try await runCommand {
                try await withPlatform(db.config()) { app in
                    let summary = try await CatalogStore.importFile(CatalogStore.parse(data), actor: "cli", at: Date(), on: app.db)
                    print("procedures: \(summary.published) published, \(summary.unchanged) unchanged, \(summary.groups) groups")
                }
            }
        }
    }
}

/// `cqs user add` — creates an official with one role in one unit.
struct User: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage accounts.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an official's account with a role in a unit.")
        @OptionGroup var db: DatabaseOptions
        @Option var username: String
        @Option var password: String
        @Option(help: "One of: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).") var role: String
        @Option(help: "The unit's code, e.g. 08, STP, 02215.") var unit: String
        @Option(help: "Full name (defaults to the username).") var fullName: String?

        func validate() throws {
            guard Role(rawValue: role) != nil else {
                throw ValidationError("unknown role \(role); one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }

        func run() async throws {
            try await runCommand {
                try await withPlatform(db.config()) { app in
                    try await AccountStore.createOfficial(username: username, password: password,
                                                          fullName: fullName ?? username, roles: [(Role(rawValue: role)!, unit)],
                                                          hasher: app.passwordHasher, actor: "cli", at: Date(), on: app.db)
                    print("user \(username) created: \(role) @ \(unit)")
                }
            }
        }
    }
}
