import Core
import DemoData
import Fluent
import Foundation
import Storage
import Testing
import Vapor
@testable import Web
#if canImport(Glibc)
import Glibc
#endif

/// Notifications: every change is in the outbox; delivery by SMTP; nothing lost when the server is down.
@Suite struct OutboxTests {
    @Test(arguments: Engine.all)
    func messages_wait_and_are_retried_while_smtp_is_down(engine: Engine) async throws {
        let clock = ManualClock(Fixtures.monday)
        try await withPlatform(engine, clock: clock) { app in
            let code = try await DossierAPITests.submitOnline(app)
            // nothing listens on port 1 of loopback: the relay is down
            let down = SMTPTransport(host: "127.0.0.1", port: 1, from: "cqs@localhost", timeoutSeconds: 2)
            let first = try await OutboxSender.deliverDue(at: clock.now(), transport: down, on: app.db)
            #expect(first.sent == 0 && first.retried == 1)
            let message = try #require(try await OutboxMessageModel.query(on: app.db).filter(\.$dossierCode == code)
                .filter(\.$channel == .email).first())
            #expect(message.status == .pending && message.attempts == 1)
            #expect(message.lastError?.contains("cannot connect") == true)
            #expect(message.nextAttemptAt > clock.now())
            // not due yet: the next run leaves it alone; later it is tried again
            #expect(try await OutboxSender.deliverDue(at: clock.now(), transport: down, on: app.db).retried == 0)
            clock.advance(by: 61)
            #expect(try await OutboxSender.deliverDue(at: clock.now(), transport: down, on: app.db).retried == 1)
            // a change made while the relay is down still gets its message
            #expect(try await DossierAPITests.act(app, code, "receive", token: try await app.token("minhxuan.motcua")).status == .ok)
            #expect(try await OutboxMessageModel.query(on: app.db).filter(\.$dossierCode == code).filter(\.$channel == .email).count() == 2)
            // administrators see the outbox
            let admin = try await app.token("tinh.quantri")
            let outbox = object(try await app.send(.GET, "/api/v1/outbox?dossier=\(code)", token: admin))
            #expect(outbox["total"] as? Int == 4)  // e-mail and SMS, submitted and received
            #expect(try await app.send(.GET, "/api/v1/outbox", token: try await app.token("minhxuan.quantri")).status == .forbidden)
        }
    }

    @Test func messages_are_delivered_over_a_real_smtp_conversation() async throws {
        let server = try TinySMTPServer()
        try await withPlatform(.sqlite) { app in
            let code = try await DossierAPITests.submitOnline(app)
            let transport = SMTPTransport(host: "127.0.0.1", port: server.port, from: "cqs@localhost", timeoutSeconds: 5)
            let report = try await OutboxSender.deliverDue(at: app.clock.now(), transport: transport, on: app.db)
            #expect(report.sent == 1)
            let message = try #require(try await OutboxMessageModel.query(on: app.db).filter(\.$dossierCode == code)
                .filter(\.$channel == .email).first())
            #expect(message.status == .sent && message.sentAt != nil)
            let received = server.waitForMessage()
            #expect(received.contains("RCPT TO:<hung@example.vn>"))
            #expect(received.contains(code))
        }
    }
}

/// A minimal SMTP server on loopback that accepts one message (a real TCP peer for the client, not a mock).
final class TinySMTPServer: @unchecked Sendable {
    let port: Int
    private let listener: Int32
    private let done = DispatchSemaphore(value: 0)
    private var transcript = ""

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        listen(fd, 1)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread { [self] in serve() }.start()
    }

    func waitForMessage() -> String {
        _ = done.wait(timeout: .now() + 10)
        return transcript
    }

    private func serve() {
        let client = accept(listener, nil, nil)
        defer { close(client); close(listener); done.signal() }
        func reply(_ text: String) { _ = Array((text + "\r\n").utf8).withUnsafeBytes { send(client, $0.baseAddress, $0.count, 0) } }
        reply("220 tiny ESMTP")
        var buffer = ""
        var inData = false
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
            if n <= 0 { return }
            buffer += String(decoding: chunk[..<n], as: UTF8.self)
            while let range = buffer.range(of: inData ? "\r\n.\r\n" : "\r\n") {
                let line = String(buffer[..<range.lowerBound])
                buffer.removeSubrange(..<range.upperBound)
                transcript += line + "\n"
                if inData { inData = false; reply("250 queued"); continue }
                switch line.prefix(4).uppercased() {
                case "DATA": inData = true; reply("354 go ahead")
                case "QUIT": reply("221 bye"); return
                default: reply("250 ok")
                }
            }
        }
    }
}
