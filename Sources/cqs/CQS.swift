import ArgumentParser
import Foundation
import Logging
import NIOCore
import NIOPosix
import Web

/// Where `cqs` starts: NIO's event loops become Swift Concurrency's global executor (a request's async code then
/// runs on the loop its connection lives on, instead of hopping to a separate pool and back), then the command runs.
@main
enum Entrypoint {
    static func main() async {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        await CQS.main()
    }
}

/// `cqs` — the ChinhQuyenSo command: serve, migrate, seed, import, user, database, indicators, bench.
struct CQS: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cqs",
        abstract: "ChinhQuyenSo — nền tảng chính quyền số của tỉnh (digital-government platform).",
        subcommands: [Serve.self, Migrate.self, Seed.self, Import.self, User.self, DatabaseCommand.self, IndicatorsCommand.self,
                      Bench.self],
        defaultSubcommand: Serve.self)
}

/// Options every command shares: where the database is.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "SQLite file path or postgres:// URL (default: $CQS_DATABASE_URL or ./cqs-data/cqs.sqlite).")
    var database: String?

    func config(host: String? = nil, port: Int? = nil) -> AppConfig {
        AppConfig.fromEnvironment(database: database, host: host, port: port)
    }
}

/// Sets up structured, redacted JSON logs once per process.
enum LogSetup {
    static func bootstrap(level: String) {
        // Line-buffered standard output: the demo accounts and log lines appear at once, even in a pipe.
        setvbuf(stdout, nil, _IOLBF, 0)
        let level = Logger.Level(rawValue: level) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = JSONLogHandler(label: label)
            handler.logLevel = level
            return handler
        }
    }
}

// Vapor's console kit also declares these property wrappers: the command line uses ArgumentParser's.
typealias Option = ArgumentParser.Option
typealias Argument = ArgumentParser.Argument
typealias OptionGroup = ArgumentParser.OptionGroup
