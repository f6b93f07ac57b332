import Foundation
import Testing
import Crypto
import X509
import Signing

/// Runs the real `openssl` binary (`.ci/run` installs it). Without it the tests that need it fail, saying what to
/// install: they are never skipped.
enum OpenSSL {
    static let path: String? = {
        var candidates = ["/usr/bin/openssl", "/usr/local/bin/openssl"]
        if let pathVariable = ProcessInfo.processInfo.environment["PATH"] {
            candidates += pathVariable.split(separator: ":").map { "\($0)/openssl" }
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()


    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
        var succeeded: Bool { status == 0 }
        var all: String { stdout + stderr }
    }

    struct Missing: Error, CustomStringConvertible {
        var description: String { "openssl is not installed (apt-get install openssl)" }
    }

    /// Runs `openssl arguments…` with `directory` as working directory.
    static func run(_ arguments: [String], in directory: URL) throws -> Output {
        guard let path else { throw Missing() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let outURL = directory.appendingPathComponent(".openssl-stdout-\(UUID().uuidString)")
        let errURL = directory.appendingPathComponent(".openssl-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        let stdout = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: outURL)
        try? FileManager.default.removeItem(at: errURL)
        return Output(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }
}

/// A temporary directory removed when the value goes away.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("cqs-signing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    @discardableResult
    func write(_ name: String, _ data: Data) throws -> URL {
        let file = url.appendingPathComponent(name)
        try data.write(to: file)
        return file
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> URL { try write(name, Data(text.utf8)) }

    func read(_ name: String) throws -> Data { try Data(contentsOf: url.appendingPathComponent(name)) }
}

/// A province CA with an official and an agency seal, valid around the real current time
/// (openssl checks certificate validity against its own clock).
struct Province {
    static let passphrase = "Mật khẩu quản trị — Tuyên Quang 2025"
    static let day: TimeInterval = 86_400

    let now = Date()
    var ca: ProvinceCertificateAuthority

    init(name: AuthorityName = .tuyenQuang) throws {
        ca = try ProvinceCertificateAuthority.initialise(
            name: name, passphrase: Self.passphrase,
            validFrom: now.addingTimeInterval(-3 * 365 * Self.day), validUntil: now.addingTimeInterval(10 * 365 * Self.day),
            keyDerivationRounds: 1_000)
    }

    mutating func official(_ name: String = "Nguyễn Văn An", notBefore: Date? = nil, notAfter: Date? = nil) throws -> IssuedCredential {
        try ca.issueWithNewKey(
            kind: .personal,
            subject: CertificateSubject(commonName: name, organisation: "Sở Tư pháp tỉnh Tuyên Quang",
                                        organisationalUnit: "Phòng Hành chính tư pháp"),
            notBefore: notBefore ?? now.addingTimeInterval(-30 * Self.day),
            notAfter: notAfter ?? now.addingTimeInterval(365 * Self.day))
    }

    mutating func seal(_ agency: String = "Sở Tư pháp tỉnh Tuyên Quang") throws -> IssuedCredential {
        try ca.issueWithNewKey(
            kind: .organisation,
            subject: CertificateSubject(commonName: agency, organisation: "UBND tỉnh Tuyên Quang"),
            notBefore: now.addingTimeInterval(-30 * Self.day), notAfter: now.addingTimeInterval(365 * Self.day))
    }
}

/// A small stand-in for a PDF: bytes that include non-ASCII and binary values.
let sampleDocument: Data = {
    var data = Data("%PDF-1.7\nQuyết định số 123/QĐ-UBND về việc phê duyệt kế hoạch chuyển đổi số\n".utf8)
    data.append(contentsOf: (0..<512).map { UInt8(truncatingIfNeeded: $0 &* 37) })
    data.append(Data("\n%%EOF\n".utf8))
    return data
}()

/// The same bytes with one byte changed.
func tampered(_ data: Data) -> Data {
    var copy = data
    let index = copy.index(copy.startIndex, offsetBy: 20)
    copy[index] ^= 0x01
    return copy
}
