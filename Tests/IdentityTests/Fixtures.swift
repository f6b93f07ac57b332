import Crypto
import Foundation
@testable import Identity

/// A clock the tests move by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    init(_ start: Date = Date(timeIntervalSince1970: 1_750_000_000)) { current = start }
    func now() -> Date { lock.withLock { current } }
    func advance(by seconds: TimeInterval) { lock.withLock { current += seconds } }
}

enum Fixture {
    static let issuer = "https://cqs.test/dinh-danh-thu"
    static let clientID = "cqs-cong-dich-vu-cong"
    static let redirectURI = "https://cqs.test/dang-nhap/vneid/callback"
    static let pin = "001085012345"
    static let name = "Nguyễn Thị Minh Khai"
    static let password = "mật-khẩu-thử 123"
    static let start = Date(timeIntervalSince1970: 1_750_000_000)

    static func provider(clock: TestClock, key: P256.Signing.PrivateKey = P256.Signing.PrivateKey()) -> LocalIdentityProvider {
        LocalIdentityProvider(
            issuer: issuer, signingKey: key,
            clients: [RegisteredClient(clientID: clientID, name: "Cổng dịch vụ công tỉnh", redirectURIs: [redirectURI])],
            people: [LocalPerson(personalIdentificationNumber: pin, fullName: name, password: password)],
            now: { clock.now() })
    }

    static func client(_ provider: LocalIdentityProvider) -> OIDCClient {
        OIDCClient(clientID: clientID, redirectURI: redirectURI, provider: provider.discovery())
    }

    static func claims(now: Date = start, nonce: String = "n-0S6_WzA2Mj", audience: [String] = [clientID]) -> IDTokenClaims {
        IDTokenClaims(issuer: issuer, subject: "subject-1", audience: audience, expiresAt: now.addingTimeInterval(300),
                      issuedAt: now, nonce: nonce, authTime: now, name: name, personalIdentificationNumber: pin)
    }

    /// Query parameters of a URL, decoded.
    static func query(_ url: URL) -> [String: String] {
        FormURLEncoding.decode(URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedQuery ?? "")
    }
}
