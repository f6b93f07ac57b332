import Foundation

/// The platform's configuration, read once from the environment (keys are the variable names) with defaults.
public struct AppConfig: Sendable {
    /// `CQS_DATABASE_URL`: an SQLite file path (default `./cqs-data/cqs.sqlite`), `:memory:`, or a `postgres://` URL.
    public var databaseURL: String
    /// `CQS_HOST`, default 127.0.0.1.
    public var host: String
    /// `CQS_PORT`, default 8080.
    public var port: Int
    /// `CQS_PUBLIC_URL`: the address citizens reach (used in links and QR codes), default http://host:port.
    public var publicURL: String
    /// `CQS_BCRYPT_COST`, default 10.
    public var bcryptCost: Int
    /// `CQS_TOKEN_TTL_SECONDS`: lifetime of API bearer tokens, default 3600 (1 hour).
    public var tokenLifetime: TimeInterval
    /// `CQS_SESSION_TTL_SECONDS`: lifetime of browser sessions, default 28800 (8 hours).
    public var sessionLifetime: TimeInterval
    /// `CQS_LOG_LEVEL`: trace, debug, info (default), notice, warning, error, critical.
    public var logLevel: String
    /// `CQS_SEED_DEMO`: seed the demo data on an empty database at `serve` (default true).
    public var seedDemo: Bool
    /// `CQS_FILES_DIR`: where uploaded files are kept, content-addressed (default `./cqs-data/files`).
    public var filesDirectory: String
    /// `CQS_MAX_UPLOAD_MB`: the largest accepted file (default 10).
    public var maxUploadMB: Int
    /// `CQS_SMTP_HOST` / `CQS_SMTP_PORT` (25) / `CQS_SMTP_FROM`: the mail relay for notifications; without a host
    /// messages wait in the outbox.
    public var smtpHost: String?
    public var smtpPort: Int = 25
    public var smtpFrom: String = "khongtraloi@tuyenquang.gov.vn"
    /// `CQS_PAYMENT_SECRET`: the HMAC key shared with the payment gateway (the local test gateway's by default).
    public var paymentSecret: String
    /// `CQS_SIGNING_PASSPHRASE`: the passphrase that encrypts the province CA's root key and the signing keys at rest
    /// (a fixed demo value by default: set a real one in production).
    public var signingPassphrase: String = "cqs-demo-signing-passphrase"
    /// `CQS_KEY_ROUNDS`: PBKDF2 rounds of that encryption (default 600,000).
    public var keyRounds: Int = 600_000

    public static let defaultDatabase = "./cqs-data/cqs.sqlite"

    public init(databaseURL: String = AppConfig.defaultDatabase, host: String = "127.0.0.1", port: Int = 8080,
                publicURL: String? = nil, bcryptCost: Int = 10, tokenLifetime: TimeInterval = 3600,
                sessionLifetime: TimeInterval = 8 * 3600, logLevel: String = "info", seedDemo: Bool = true,
                filesDirectory: String = "./cqs-data/files", maxUploadMB: Int = 10,
                paymentSecret: String = "cqs-local-test-gateway-secret", smtpHost: String? = nil, smtpPort: Int = 25,
                smtpFrom: String = "khongtraloi@tuyenquang.gov.vn") {
        self.databaseURL = databaseURL
        self.host = host
        self.port = port
        self.publicURL = publicURL ?? "http://\(host):\(port)"
        self.bcryptCost = bcryptCost
        self.tokenLifetime = tokenLifetime
        self.sessionLifetime = sessionLifetime
        self.logLevel = logLevel
        self.seedDemo = seedDemo
        self.filesDirectory = filesDirectory
        self.maxUploadMB = maxUploadMB
        self.paymentSecret = paymentSecret
        self.smtpHost = smtpHost
        self.smtpPort = smtpPort
        self.smtpFrom = smtpFrom
    }

    /// Reads the environment; `overrides` (from command-line options) win.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment,
                                       database: String? = nil, host: String? = nil, port: Int? = nil) -> AppConfig {
        let host = host ?? env["CQS_HOST"] ?? "127.0.0.1"
        let port = port ?? env["CQS_PORT"].flatMap(Int.init) ?? 8080
        return AppConfig(
            databaseURL: database ?? env["CQS_DATABASE_URL"] ?? defaultDatabase,
            host: host, port: port,
            publicURL: env["CQS_PUBLIC_URL"],
            bcryptCost: env["CQS_BCRYPT_COST"].flatMap(Int.init) ?? 10,
            tokenLifetime: env["CQS_TOKEN_TTL_SECONDS"].flatMap(TimeInterval.init) ?? 3600,
            sessionLifetime: env["CQS_SESSION_TTL_SECONDS"].flatMap(TimeInterval.init) ?? 8 * 3600,
            logLevel: env["CQS_LOG_LEVEL"] ?? "info",
            seedDemo: env["CQS_SEED_DEMO"].map { $0 != "false" && $0 != "0" } ?? true,
            filesDirectory: env["CQS_FILES_DIR"] ?? "./cqs-data/files",
            maxUploadMB: env["CQS_MAX_UPLOAD_MB"].flatMap(Int.init) ?? 10,
            paymentSecret: env["CQS_PAYMENT_SECRET"] ?? "cqs-local-test-gateway-secret",
            smtpHost: env["CQS_SMTP_HOST"], smtpPort: env["CQS_SMTP_PORT"].flatMap(Int.init) ?? 25,
            smtpFrom: env["CQS_SMTP_FROM"] ?? "khongtraloi@tuyenquang.gov.vn")
            .with(signingPassphrase: env["CQS_SIGNING_PASSPHRASE"], keyRounds: env["CQS_KEY_ROUNDS"].flatMap(Int.init))
    }

    /// A copy with the signing settings that are given.
    func with(signingPassphrase: String?, keyRounds: Int?) -> AppConfig {
        var config = self
        if let signingPassphrase { config.signingPassphrase = signingPassphrase }
        if let keyRounds { config.keyRounds = keyRounds }
        return config
    }

    /// Whether the database is PostgreSQL.
    public var usesPostgres: Bool {
        databaseURL.hasPrefix("postgres://") || databaseURL.hasPrefix("postgresql://")
    }
}
