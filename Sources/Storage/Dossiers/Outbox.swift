import Fluent
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How e-mail leaves cqs.
public protocol MailTransport: Sendable {
    /// Sends one message; throws when the server cannot be reached or refuses it.
    func send(to recipient: String, subject: String, body: String) throws
}

/// A minimal SMTP client (RFC 5321, no TLS or authentication: a relay on the province's own network, e.g. a local
/// Postfix). Blocking sockets: the outbox sender calls it off the event loops.
public struct SMTPTransport: MailTransport {
    public var host: String
    public var port: Int
    public var from: String
    public var timeoutSeconds: Int

    public init(host: String, port: Int, from: String, timeoutSeconds: Int = 10) {
        self.host = host
        self.port = port
        self.from = from
        self.timeoutSeconds = timeoutSeconds
    }

    public struct Failure: Error, CustomStringConvertible { public var description: String }

    public func send(to recipient: String, subject: String, body: String) throws {
        let socket = try connect()
        defer { close(socket) }
        var reader = LineReader(socket: socket)
        try expect(&reader, 220)
        try command(socket, &reader, "EHLO cqs.local", 250)
        try command(socket, &reader, "MAIL FROM:<\(from)>", 250)
        try command(socket, &reader, "RCPT TO:<\(recipient)>", 250)
        try command(socket, &reader, "DATA", 354)
        let encodedSubject = "=?UTF-8?B?\(Data(subject.utf8).base64EncodedString())?="
        let stuffed = body.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(".") ? "." + $0 : String($0) }.joined(separator: "\r\n")
        let message = "From: <\(from)>\r\nTo: <\(recipient)>\r\nSubject: \(encodedSubject)\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n\(stuffed)\r\n."
        try command(socket, &reader, message, 250)
        try? write(socket, "QUIT")
    }

    func connect() throws -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &result) == 0, let info = result else {
            throw Failure(description: "cannot resolve \(host)")
        }
        defer { freeaddrinfo(result) }
        let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
        guard fd >= 0 else { throw Failure(description: "socket() failed") }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard Glibc.connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else {
            close(fd)
            throw Failure(description: "cannot connect to \(host):\(port) (\(String(cString: strerror(errno))))")
        }
        return fd
    }

    func write(_ socket: Int32, _ line: String) throws {
        let bytes = Array((line + "\r\n").utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw Failure(description: "connection lost while sending") }
            sent += n
        }
    }

    func command(_ socket: Int32, _ reader: inout LineReader, _ line: String, _ code: Int) throws {
        try write(socket, line)
        try expect(&reader, code)
    }

    func expect(_ reader: inout LineReader, _ code: Int) throws {
        while true {
            let line = try reader.next()
            guard line.count >= 3, let got = Int(line.prefix(3)) else { throw Failure(description: "bad reply: \(line)") }
            guard got == code else { throw Failure(description: "expected \(code), got: \(line)") }
            if line.count == 3 || line[line.index(line.startIndex, offsetBy: 3)] == " " { return }
        }
    }

    struct LineReader {
        let socket: Int32
        var buffer: [UInt8] = []

        init(socket: Int32) { self.socket = socket }

        mutating func next() throws -> String {
            while true {
                if let end = buffer.firstIndex(of: 0x0A) {
                    let line = String(decoding: buffer[..<end], as: UTF8.self).trimmingCharacters(in: .newlines)
                    buffer.removeSubrange(...end)
                    return line
                }
                var chunk = [UInt8](repeating: 0, count: 1024)
                let n = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
                guard n > 0 else { throw Failure(description: "connection closed by the server") }
                buffer += chunk[..<n]
            }
        }
    }
}

/// Delivers the outbox: due e-mail messages go out through the transport; a failure keeps the message,
/// counts the attempt and retries later (1, 2, 4 … minutes, at most an hour apart); after `maxAttempts` it is
/// marked failed for an administrator to see. Nothing is deleted.
public enum OutboxSender {
    public static let maxAttempts = 10

    /// What one run did.
    public struct Report: Sendable, Equatable { public var sent = 0, retried = 0, failed = 0 }

    public static func deliverDue(at now: Date, transport: any MailTransport, limit: Int = 100,
                                  on db: any Database) async throws -> Report {
        let due = try await OutboxMessageModel.query(on: db).filter(\.$status == .pending).filter(\.$channel == .email)
            .filter(\.$nextAttemptAt <= now).sort(\.$nextAttemptAt).limit(limit).all()
        var report = Report()
        for message in due {
            do {
                let (recipient, subject, body) = (message.recipient, message.subject, message.body)
                try await Task.detached { try transport.send(to: recipient, subject: subject, body: body) }.value
                message.status = .sent
                message.sentAt = now
                report.sent += 1
            } catch {
                message.attempts += 1
                message.lastError = String("\(error)".prefix(500))
                if message.attempts >= maxAttempts {
                    message.status = .failed
                    report.failed += 1
                } else {
                    message.nextAttemptAt = now.addingTimeInterval(min(3600, 60 * pow(2, Double(message.attempts - 1))))
                    report.retried += 1
                }
            }
            try await message.save(on: db)
        }
        return report
    }
}
