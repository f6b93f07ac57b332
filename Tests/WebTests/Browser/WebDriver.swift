import Foundation
import NIOCore
import Testing
import Vapor

/// A small W3C WebDriver client driving Debian's Chromium through chromedriver (headless), for the browser tests.
/// `.ci/run` installs `chromium` and `chromium-driver`; without them the browser tests fail, saying what to install.
final class Browser: @unchecked Sendable {
    static let chromedriver = "/usr/bin/chromedriver"
    static let chromium = "/usr/bin/chromium"

    struct Failure: Error, CustomStringConvertible { var description: String }

    /// With CQS_WEBDRIVER_TRACE set, each WebDriver step is written to standard error.
    static func trace(_ line: String) {
        if ProcessInfo.processInfo.environment["CQS_WEBDRIVER_TRACE"] != nil {
            FileHandle.standardError.write(Data("webdriver: \(line)\n".utf8))
        }
    }

    let client: any Client
    let process: Process
    let base: String
    var session = ""

    /// Starts chromedriver on a free port and opens a headless Chromium session of `width`×`height`.
    init(client: any Client, width: Int = 1280, height: Int = 900) async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.chromedriver) else {
            throw Failure(description: "chromedriver is not installed (apt-get install chromium chromium-driver)")
        }
        let port = unusedLoopbackPort()
        self.client = client
        base = "http://127.0.0.1:\(port)"
        process = Process()
        process.executableURL = URL(fileURLWithPath: Self.chromedriver)
        process.arguments = ["--port=\(port)"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Self.trace("chromedriver started on \(port)")
        var ready = false
        for _ in 0..<300 where !ready {
            try await Task.sleep(for: .milliseconds(100))
            ready = (try? await client.get(URI(string: base + "/status")).status) == .ok
        }
        guard ready else { throw Failure(description: "chromedriver did not start") }
        var options: [String: Any] = ["binary": Self.chromium,
                                      "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                               "--window-size=\(width),\(height)", "--lang=vi"]]
        if width < 600 {  // a phone: the exact viewport (a headless window is never narrower than 500 px)
            options["mobileEmulation"] = ["deviceMetrics": ["width": width, "height": height, "pixelRatio": 1.0]]
        }
        let capabilities: [String: Any] = ["capabilities": ["alwaysMatch": ["browserName": "chrome", "goog:chromeOptions": options]]]
        let answer = try await command(.POST, "/session", capabilities)
        guard let value = answer["value"] as? [String: Any], let id = value["sessionId"] as? String else {
            throw Failure(description: "no WebDriver session: \(answer)")
        }
        session = id
    }

    /// Ends the session and chromedriver.
    func quit() async {
        _ = try? await command(.DELETE, "/session/\(session)", nil)
        // chromedriver ignores SIGTERM (it outlived every test run): SIGKILL, then reap it
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        Self.trace("chromedriver stopped")
    }

    @discardableResult
    func command(_ method: HTTPMethod, _ path: String, _ body: [String: Any]?) async throws -> [String: Any] {
        Self.trace("\(method) \(path)")
        var headers = HTTPHeaders()
        headers.contentType = .json
        let data = try body.map { try JSONSerialization.data(withJSONObject: $0) } ?? Data("{}".utf8)
        let response = try await client.send(method, headers: headers, to: URI(string: base + path)) { request in
            if method != .GET && method != .DELETE { request.body = ByteBuffer(data: data) }
        }
        let bytes = response.body.map { Data(buffer: $0) } ?? Data()
        let object = (try? JSONSerialization.jsonObject(with: bytes)) as? [String: Any] ?? [:]
        if response.status.code >= 400 {
            throw Failure(description: "WebDriver \(method) \(path): \(response.status) \(String(decoding: bytes, as: UTF8.self).prefix(400))")
        }
        return object
    }

    func visit(_ url: String) async throws { try await command(.POST, "/session/\(session)/url", ["url": url]) }

    /// The element matching a CSS selector (throws when there is none).
    func element(_ css: String) async throws -> String {
        let answer = try await command(.POST, "/session/\(session)/element", ["using": "css selector", "value": css])
        guard let value = answer["value"] as? [String: Any], let id = value.values.first as? String else {
            throw Failure(description: "no element \(css)")
        }
        return id
    }

    func type(_ css: String, _ text: String) async throws {
        let id = try await element(css)
        try await command(.POST, "/session/\(session)/element/\(id)/clear", [:])
        try await command(.POST, "/session/\(session)/element/\(id)/value", ["text": text])
    }

    func click(_ css: String) async throws {
        let id = try await element(css)
        try await command(.POST, "/session/\(session)/element/\(id)/click", [:])
    }

    /// Clicks something that loads a new page (a form's button, a link) and waits until the new page has loaded.
    func clickAndWait(_ css: String) async throws {
        try await run("window.__cqsOldPage = true")
        try await click(css)
        for _ in 0..<400 {  // up to 20 s: CI runs the browser beside the rest of the suite on 2 cores
            if try await run("return window.__cqsOldPage === undefined && document.readyState === 'complete'") as? Bool == true { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw Failure(description: "no new page after clicking \(css)")
    }

    /// Runs a script in the page and returns its result.
    @discardableResult
    func run(_ script: String, _ arguments: [Any] = []) async throws -> Any? {
        try await command(.POST, "/session/\(session)/execute/sync", ["script": script, "args": arguments])["value"]
    }

    func text(_ css: String) async throws -> String {
        let id = try await element(css)
        return try await command(.GET, "/session/\(session)/element/\(id)/text", nil)["value"] as? String ?? ""
    }

    func source() async throws -> String {
        try await command(.GET, "/session/\(session)/source", nil)["value"] as? String ?? ""
    }

    func currentURL() async throws -> String {
        try await command(.GET, "/session/\(session)/url", nil)["value"] as? String ?? ""
    }

    /// Saves a PNG screenshot of the page.
    func screenshot(to path: String) async throws {
        guard let base64 = try await command(.GET, "/session/\(session)/screenshot", nil)["value"] as? String,
              let png = Data(base64Encoded: base64) else { throw Failure(description: "no screenshot") }
        try FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        try png.write(to: URL(fileURLWithPath: path))
    }

    /// Signs in through the sign-in page (after signing out of any previous session).
    func signIn(_ base: String, _ username: String, password: String) async throws {
        try await command(.DELETE, "/session/\(session)/cookie", nil)
        try await visit(base + "/dang-nhap")
        try await type("#username", username)
        try await type("#password", password)
        try await clickAndWait("form button[type=submit]")
    }
}
