import Core
import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Payments
import SQLKit
import Storage
import Vapor

extension Application {
    private struct ConfigKey: StorageKey { typealias Value = AppConfig }
    private struct ClockKey: StorageKey { typealias Value = any TimeSource }
    private struct CatalogIndexKey: StorageKey { typealias Value = CatalogIndex }
    private struct DocumentIndexKey: StorageKey { typealias Value = DocumentIndex }
    private struct SubmissionQueueKey: StorageKey { typealias Value = SubmissionQueue }
    private struct CalendarCacheKey: StorageKey { typealias Value = CalendarCache }
    private struct UnitDirectoryKey: StorageKey { typealias Value = UnitDirectory }
    private struct ReadyDatabasesKey: StorageKey { typealias Value = ReadyDatabases }

    /// The in-memory catalog search index (invalidated by local changes, re-checked against the database each second).
    public var catalogIndex: CatalogIndex {
        get { storage[CatalogIndexKey.self]! }
        set { storage[CatalogIndexKey.self] = newValue }
    }

    /// The in-memory full-text index of documents (it catches up with the database before each search).
    public var documentIndex: DocumentIndex {
        get { storage[DocumentIndexKey.self]! }
        set { storage[DocumentIndexKey.self] = newValue }
    }

    /// Group commit of online submissions (set at configuration).
    public var submissionQueue: SubmissionQueue {
        get { storage[SubmissionQueueKey.self]! }
        set { storage[SubmissionQueueKey.self] = newValue }
    }

    /// The working calendar as last read (the dossier API reads it on every request).
    public var calendarCache: CalendarCache {
        get { storage[CalendarCacheKey.self]! }
        set { storage[CalendarCacheKey.self] = newValue }
    }

    /// Units by code as last read (the dossier API's submissions look their units up there; invalidated by local
    /// changes, read again after a second).
    public var unitDirectory: UnitDirectory {
        get { storage[UnitDirectoryKey.self]! }
        set { storage[UnitDirectoryKey.self] = newValue }
    }

    /// The database that group writes use: on an SQLite file a connection of its own (`DatabaseID.sqliteWriter`), so
    /// that a group being written never holds the connection the requests of an event loop read through (SQLite
    /// has one per event loop); otherwise the default database.
    public var writerDatabase: any Database {
        guard databases.ids().contains(.sqliteWriter) else { return db }
        return databases.database(.sqliteWriter, logger: logger, on: WriterLoop.group.next())!
    }

    /// The default database made once per event loop, for the sign-in and the public look-up (set at configuration).
    var readyDatabases: ReadyDatabases {
        get { storage[ReadyDatabasesKey.self]! }
        set { storage[ReadyDatabasesKey.self] = newValue }
    }

    /// The platform configuration.
    public var config: AppConfig {
        get { storage[ConfigKey.self] ?? AppConfig() }
        set { storage[ConfigKey.self] = newValue }
    }

    /// The source of "now" (a manual clock in tests).
    public var clock: any TimeSource {
        get { storage[ClockKey.self] ?? SystemClock() }
        set { storage[ClockKey.self] = newValue }
    }

    /// The content-addressed file store.
    public var fileStore: FileStore {
        FileStore(root: URL(fileURLWithPath: config.filesDirectory), maxBytes: config.maxUploadMB << 20)
    }

    /// The payment gateway: cqs's local test gateway (a real gateway adapter replaces it in production).
    public var paymentGateway: LocalTestGateway {
        LocalTestGateway(baseURL: config.publicURL, secret: config.paymentSecret)
    }

    /// Bcrypt with the configured cost.
    public var passwordHasher: BcryptHasher { BcryptHasher(cost: config.bcryptCost) }
}

extension Request {
    /// The current instant from the application's clock.
    public var now: Date { application.clock.now() }
}

/// The composition root: databases, migrations, middleware, routes — in that order.
public func configure(_ app: Application, config: AppConfig, clock: any TimeSource = SystemClock()) async throws {
    app.config = config
    app.clock = clock
    app.catalogIndex = CatalogIndex()
    app.documentIndex = DocumentIndex()
    app.calendarCache = CalendarCache()
    app.unitDirectory = UnitDirectory()
    app.logger.logLevel = Logger.Level(rawValue: config.logLevel) ?? .info

    // databases
    let logSync = try await configureDatabase(app, url: config.databaseURL)
    app.submissionQueue = SubmissionQueue(writers: config.usesPostgres ? 3 : 1, durable: logSync.map { sync in { @Sendable in try await sync.flush() } }) {
        [unowned app] in app.writerDatabase
    }
    if !config.usesPostgres, config.databaseURL != ":memory:" {
        // Write-ahead logging: readers never wait for the writer.
        try await (app.db as! any SQLDatabase).raw("PRAGMA journal_mode=WAL").run()
    }

    // migrations
    app.migrations.add(StorageMigrations.all)

    // middleware: replace Vapor's defaults so that every error is problem+json and request logs are redacted
    app.middleware = Middlewares()
    app.middleware.use(RequestLogMiddleware())
    app.middleware.use(ProblemMiddleware())
    app.middleware.use(MetricsMiddleware())
    app.readyDatabases = ReadyDatabases(app)
    app.middleware.use(SessionTokenAuthenticator(databases: app.readyDatabases))
    app.middleware.use(LanguageMiddleware())
    app.routes.defaultMaxBodySize = ByteCount(value: (config.maxUploadMB + 1) << 20)

    // server
    app.http.server.configuration.hostname = config.host
    app.http.server.configuration.port = config.port
    app.http.server.configuration.responseCompression = .enabled

    // background work: deliver the notification outbox when a mail relay is configured
    if let host = config.smtpHost {
        app.lifecycle.use(OutboxDelivery(transport: SMTPTransport(host: host, port: config.smtpPort, from: config.smtpFrom)))
    }

    // background work: deliver edXML packages to other agencies' platforms (tests drive ExchangeDelivery themselves)
    if app.environment != .testing { app.lifecycle.use(ExchangeDeliveryLoop()) }

    // routes
    try routes(app)
}

extension DatabaseID {
    /// The connections group writes take on an SQLite file (`Application.writerDatabase`).
    static let sqliteWriter = DatabaseID(string: "sqlite-writer")
    /// The database `cqs database copy` reads from (`Application.copySource(url:)`).
    static let copySource = DatabaseID(string: "copy-source")
}

extension Application {
    /// Opens a second database, read by `cqs database copy`, next to the application's own: an SQLite file (which
    /// must exist) or a postgres:// URL. It is not migrated.
    public func copySource(url: String) throws -> any Database {
        if let path = try Self.copySourceFile(url: url) {
            databases.use(.sqlite(.file(path), maxConnectionsPerEventLoop: 1), as: .copySource, isDefault: false)
        } else {
            var configuration = try SQLPostgresConfiguration(url: url)
            configuration.searchPath = nil
            databases.use(.postgres(configuration: configuration), as: .copySource, isDefault: false)
        }
        return databases.database(.copySource, logger: logger, on: eventLoopGroup.any())!
    }

    /// The SQLite file a copy would read (nil for a postgres:// URL); refuses a file that does not exist, which
    /// SQLite would otherwise create empty.
    public static func copySourceFile(url: String) throws -> String? {
        guard !url.hasPrefix("postgres://"), !url.hasPrefix("postgresql://") else { return nil }
        let path = url.hasPrefix("sqlite://") ? String(url.dropFirst("sqlite://".count)) : url
        guard FileManager.default.fileExists(atPath: path) else {
            throw Problem.invalid("Không có tệp cơ sở dữ liệu nguồn \(path)", "No source database file at \(path).")
        }
        return path
    }
}

/// The thread the SQLite writer connections work on (shut down with the application, after the databases).
private struct WriterThreadKey: StorageKey { typealias Value = NIOThreadPool }

/// The thread that flushes the writer's log (`WriteAheadLogSync`).
private struct LogSyncThreadKey: StorageKey { typealias Value = NIOThreadPool }

/// A database configuration whose connections do their blocking work on a thread pool of their own and live on the
/// writer's event loop (`WriterLoop`) instead of the application's.
struct WriterConnections: DatabaseConfiguration {
    var base: any DatabaseConfiguration
    let threadPool: NIOThreadPool

    var middleware: [any AnyModelMiddleware] {
        get { base.middleware }
        set { base.middleware = newValue }
    }

    func makeDriver(for databases: Databases) -> any DatabaseDriver {
        base.makeDriver(for: Databases(threadPool: threadPool, on: WriterLoop.group))
    }
}

/// Chooses SQLite (a file, or `:memory:`) or PostgreSQL from the URL. On an SQLite file, returns what flushes the group
/// writer's commits to the disk (its connection commits without flushing: `WriteAheadLogSync`).
func configureDatabase(_ app: Application, url: String) async throws -> WriteAheadLogSync? {
    if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
        var configuration = try SQLPostgresConfiguration(url: url)
        configuration.searchPath = nil
        app.databases.use(.postgres(configuration: configuration, maxConnectionsPerEventLoop: 4,
                                    connectionPoolTimeout: .seconds(30)), as: .psql)
        return nil
    } else if url == ":memory:" {
        app.databases.use(.sqlite(.memory, maxConnectionsPerEventLoop: 1), as: .sqlite)
        return nil
    } else {
        let path = url.hasPrefix("sqlite://") ? String(url.dropFirst("sqlite://".count)) : url
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        app.databases.use(.sqlite(.file(path), maxConnectionsPerEventLoop: 1, connectionPoolTimeout: .seconds(30)),
                          as: .sqlite)
        // The requests' read connections (one per event loop, kept for the application's life, like the writer's):
        // the database file mapped into memory, so that a page read is neither a system call nor a copy (on a
        // province-year of dossiers the tracking look-up's index and table are far larger than SQLite's 2 MB page
        // cache), and a larger cache for what is not mapped.
        for loop in app.eventLoopGroup.makeIterator() {
            let reader = app.databases.database(.sqlite, logger: app.logger, on: loop) as! any SQLDatabase
            try await reader.raw("PRAGMA mmap_size=1073741824").run()
            try await reader.raw("PRAGMA cache_size=-16384").run()
        }
        // group writes: connections of their own, on the writer's event loop (`WriterLoop`), doing their blocking work
        // on a thread of their own, so that a group's statements never wait behind the requests' reads
        let writerThread = NIOThreadPool(numberOfThreads: 1)
        writerThread.start()
        await app.storage.setWithAsyncShutdown(WriterThreadKey.self, to: writerThread) { try await $0.shutdownGracefully() }
        app.databases.use(WriterConnections(base: DatabaseConfigurationFactory.sqlite(.file(path), connectionPoolTimeout: .seconds(30)).make(),
                                        threadPool: writerThread),
                          as: .sqliteWriter, isDefault: false)
        // The pool keeps its one connection for the application's life, so these hold for every group (a replaced
        // connection would only be slower: flushing at each commit again, journals in files). A group's multi-row
        // statements keep statement journals (to undo one statement alone): in memory, not in temporary files.
        // Commits are written to the log without flushing; `WriteAheadLogSync` flushes before anyone is answered.
        let writer = app.writerDatabase as! any SQLDatabase
        try await writer.raw("PRAGMA temp_store=MEMORY").run()
        try await writer.raw("PRAGMA synchronous=NORMAL").run()
        let syncThread = NIOThreadPool(numberOfThreads: 1)
        syncThread.start()
        await app.storage.setWithAsyncShutdown(LogSyncThreadKey.self, to: syncThread) { try await $0.shutdownGracefully() }
        return WriteAheadLogSync(databasePath: path, thread: syncThread)
    }
}

/// Registers every route.
func routes(_ app: Application) throws {
    let ready = app.readyDatabases
    try app.register(collection: HealthRoutes())
    let api = app.grouped("api", "v1")
    try api.register(collection: OpenAPIRoutes())
    try api.register(collection: AuthRoutes())
    try api.register(collection: CitizenRoutes())
    try api.register(collection: UnitRoutes())
    try api.register(collection: UserRoutes())
    try api.register(collection: CalendarRoutes())
    try api.register(collection: ProcedureRoutes())
    try api.register(collection: AuditRoutes())
    try api.register(collection: FileRoutes())
    try api.register(collection: DossierRoutes(databases: ready))
    try api.register(collection: DocumentRoutes())
    try api.register(collection: IndicatorRoutes())
    try api.register(collection: ReportRoutes())
    try api.register(collection: DTIRoutes())
    try app.register(collection: DossierPages(databases: ready))
    try app.register(collection: DocumentPages())
    try app.register(collection: DocumentWorkspace())
    try app.register(collection: PaymentRoutes())
    try app.register(collection: SignInPages())
    try app.register(collection: PortalPages())
    try app.register(collection: OneStopPages())
    try app.register(collection: CitizenDossierPages())
    try app.register(collection: DossierWorkPages())
    try app.register(collection: VNeIDPages())
    try app.register(collection: DashboardPages())
    try app.register(collection: AdminPages())
    try app.register(collection: ReportPages())
    try app.register(collection: DTIPages())
}
