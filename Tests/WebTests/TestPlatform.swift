import Core
import DemoData
import Fluent
import FluentPostgresDriver
import Foundation
import Logging
import NIOCore
import SQLKit
import Storage
import Testing
import Vapor
import VaporTesting
@testable import Web

/// The storage engines every storage and API test runs on.
enum Engine: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    var testDescription: String { rawValue }

    /// `CQS_TEST_POSTGRES_URL`: an administrative URL; each test gets a fresh database created from it.
    static var postgresURL: String? { ProcessInfo.processInfo.environment["CQS_TEST_POSTGRES_URL"] }

    /// SQLite always; PostgreSQL when its URL is set — and always in CI, where a missing URL fails the test.
    static var all: [Engine] {
        let ci = ProcessInfo.processInfo.environment["CI"] == "true"
        return postgresURL != nil || ci ? [.sqlite, .postgres] : [.sqlite]
    }
}

/// Captures every log line of the test process (for the log-redaction test).
final class LogCapture: @unchecked Sendable {
    static let shared = LogCapture()
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }

    private static let once: Void = {
        LoggingSystem.bootstrap { label in
            var handler = JSONLogHandler(label: label) { LogCapture.shared.append($0) }
            handler.logLevel = .debug
            return handler
        }
        PlatformMetrics.bootstrap()
    }()

    static func bootstrap() { _ = once }
}

/// Runs `body` against a fresh, migrated platform on `engine` (in-memory SQLite, or a new PostgreSQL database),
/// optionally seeded with the demo province.
func withPlatform(_ engine: Engine, seeded: Bool = true, clock: ManualClock = ManualClock(Fixtures.monday),
                  _ body: (Application) async throws -> Void) async throws {
    LogCapture.bootstrap()
    let (url, cleanup) = try await makeDatabase(engine)
    do {
        try await withPlatform(url: url, seeded: seeded, clock: clock, body)
    } catch {
        try? await cleanup()
        throw error
    }
    try await cleanup()
}

/// Runs `body` against a migrated platform on the database at `url` (which the caller made and removes),
/// optionally seeded with the demo province.
func withPlatform(url: String, seeded: Bool = true, clock: ManualClock = ManualClock(Fixtures.monday),
                  _ body: (Application) async throws -> Void) async throws {
    LogCapture.bootstrap()
    let app = try await Application.make(.testing)
    do {
        var config = AppConfig(databaseURL: url, bcryptCost: 4)
        config.logLevel = "debug"
        config.keyRounds = 1_000
        try await configure(app, config: config, clock: clock)
        try await app.autoMigrate()
        if seeded { try await DemoSeed.seed(on: app.db, hasher: app.passwordHasher, at: clock.now()) }
        try await body(app)
        try await app.asyncShutdown()
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
}

/// A fresh database for one test.
func makeDatabase(_ engine: Engine) async throws -> (String, @Sendable () async throws -> Void) {
    switch engine {
    case .sqlite:
        let path = NSTemporaryDirectory() + "cqs-test-\(UUID().uuidString).sqlite"
        return (path, { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } })
    case .postgres:
        guard let admin = Engine.postgresURL else {
            throw TestSetupError("CQS_TEST_POSTGRES_URL is not set: PostgreSQL tests cannot run (CI must set it)")
        }
        let name = "cqs_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        try await adminSQL(admin, "CREATE DATABASE \(name)")
        var components = URLComponents(string: admin)!
        components.path = "/" + name
        return (components.string!, { try await adminSQL(admin, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)") })
    }
}

/// Runs one statement on the administrative PostgreSQL database.
func adminSQL(_ url: String, _ statement: String) async throws {
    let app = try await Application.make(.testing)
    do {
        app.databases.use(.postgres(configuration: try SQLPostgresConfiguration(url: url)), as: .psql)
        try await (app.db as! any SQLDatabase).raw(SQLQueryString(statement)).run()
        try await app.asyncShutdown()
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
}

struct TestSetupError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Fixed instants and helpers shared by the tests.
enum Fixtures {
    /// Monday 2026-03-02 09:00 in Vietnam.
    static let monday = Date(timeIntervalSince1970: 1_772_416_800)
    static let password = DemoSeed.password
}

extension Application {
    /// Signs in through the API and returns the bearer token.
    func token(_ username: String, password: String = Fixtures.password) async throws -> String {
        let response = try await testing().sendRequest(.POST, "/api/v1/auth/token", headers: jsonHeaders,
                                                       body: json(["username": username, "password": password]))
        guard response.status == .created else {
            throw TestSetupError("sign-in of \(username) failed: \(response.status) \(response.body.string)")
        }
        return try response.content.decode(TokenBody.self).token
    }

    /// Sends a request, optionally authenticated, with a JSON body and any further headers.
    func send(_ method: HTTPMethod, _ path: String, token: String? = nil, body: ByteBuffer? = nil,
              headers extra: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        var headers = jsonHeaders
        headers.add(contentsOf: extra)
        if let token { headers.bearerAuthorization = .init(token: token) }
        return try await testing().sendRequest(method, path, headers: headers, body: body)
    }
}

extension Application {
    /// Posts an HTML form (`application/x-www-form-urlencoded`) as `token`'s session.
    func postForm(_ path: String, token: String, _ fields: [(String, String)]) async throws -> TestingHTTPResponse {
        // every character but letters and digits percent-encoded, as a browser does ("+" must not become a space)
        func encode(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text }
        var headers: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded"]
        headers.bearerAuthorization = .init(token: token)
        let body = fields.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
        return try await testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: body))
    }
}

/// The form token (`_csrf`) a page's forms carry.
func formToken(in html: String) throws -> String {
    guard let range = html.range(of: "name=\"_csrf\" value=\"") else { throw TestSetupError("no form token on the page") }
    return String(html[range.upperBound...].prefix { $0 != "\"" })
}

struct TokenBody: Decodable { var token: String; var expiresAt: Date }

let jsonHeaders: HTTPHeaders = ["Content-Type": "application/json"]

/// Encodes a JSON body.
func json(_ object: Any) -> ByteBuffer {
    ByteBuffer(data: try! JSONSerialization.data(withJSONObject: object))
}

/// Decodes a JSON object body.
func object(_ response: TestingHTTPResponse) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [String: Any] ?? [:]
}

/// A loopback TCP port nobody listens on now, taken below the range the system hands out to outgoing connections
/// (32768–60999 on Linux), so that no client socket of another test (PostgreSQL's, the browser's) holds it meanwhile.
func unusedLoopbackPort() -> Int {
    while true {
        let port = Int.random(in: 20_000..<32_000)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return port }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if bound == 0 { return port }
    }
}
