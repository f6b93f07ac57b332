import Core
import Crypto
import Foundation

/// Cổng thanh toán — what cqs needs of an online payment gateway (the national payment platform or a bank):
/// start a payment and send the citizen there; later the gateway calls back server-to-server with a signed result.
public protocol PaymentGateway: Sendable {
    /// The gateway's name, recorded with each payment.
    var name: String { get }
    /// The address the citizen is redirected to in order to pay `amount` VND for `paymentID`.
    func redirectURL(paymentID: UUID, amountVnd: Int, description: String) -> String
    /// Whether `signature` is the gateway's signature of `body` (the callback's raw bytes).
    func verify(body: [UInt8], signature: String) -> Bool
}

/// The callback a gateway sends when a payment completes (JSON body, signed in the `X-Signature` header).
public struct PaymentCallback: Codable, Sendable, Equatable {
    public var paymentId: UUID
    /// The gateway's own transaction number; a second callback with the same one is a replay.
    public var transactionId: String
    public var amountVnd: Int
    /// `success` or `failed`.
    public var status: String
    public var paidAt: Date

    public init(paymentId: UUID, transactionId: String, amountVnd: Int, status: String, paidAt: Date) {
        self.paymentId = paymentId
        self.transactionId = transactionId
        self.amountVnd = amountVnd
        self.status = status
        self.paidAt = paidAt
    }
}

/// HMAC-SHA256 signatures in lowercase hex, compared in constant time.
public enum CallbackSignature {
    public static func sign(_ body: [UInt8], secret: String) -> String {
        let key = SymmetricKey(data: Data(secret.utf8))
        return Hex.lowercase(HMAC<SHA256>.authenticationCode(for: body, using: key))
    }

    public static func isValid(_ signature: String, for body: [UInt8], secret: String) -> Bool {
        let key = SymmetricKey(data: Data(secret.utf8))
        guard let bytes = hexBytes(signature) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(bytes, authenticating: body, using: key)
    }

    static func hexBytes(_ text: String) -> [UInt8]? {
        guard text.count == 64 else { return nil }
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            guard let byte = UInt8(text[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        return bytes
    }
}

/// Cổng thanh toán thử nghiệm — a LOCAL TEST GATEWAY served by cqs itself (`/cong-thanh-toan-thu/…`). It behaves
/// like a real one — a redirect to its own page, then a server-to-server callback signed with HMAC-SHA256 — so the
/// whole flow is exercised without a bank. Never use it for real money.
public struct LocalTestGateway: PaymentGateway {
    public let name = "local-test-gateway"
    public var baseURL: String
    public var secret: String

    public init(baseURL: String, secret: String) {
        self.baseURL = baseURL
        self.secret = secret
    }

    public func redirectURL(paymentID: UUID, amountVnd: Int, description: String) -> String {
        "\(baseURL)/cong-thanh-toan-thu/\(paymentID.uuidString.lowercased())"
    }

    public func verify(body: [UInt8], signature: String) -> Bool {
        CallbackSignature.isValid(signature, for: body, secret: secret)
    }

    /// The signed callback the gateway sends once the citizen confirms: body and signature.
    public func callback(for payment: PaymentCallback) throws -> (body: [UInt8], signature: String) {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = .sortedKeys
        let body = Array(try encoder.encode(payment))
        return (body, CallbackSignature.sign(body, secret: secret))
    }
}
