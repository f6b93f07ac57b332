import Crypto
import Foundation

/// Khoá công khai dạng JWK (RFC 7517/7518) — an EC P-256 public key as a JSON Web Key, the form in which an OpenID
/// provider publishes the keys that check its ID tokens.
public struct JSONWebKey: Codable, Sendable, Equatable {
    /// Key type: `EC`.
    public var kty: String
    /// Curve: `P-256`.
    public var crv: String
    /// The x coordinate, 32 bytes base64url.
    public var x: String
    /// The y coordinate, 32 bytes base64url.
    public var y: String
    /// Key identifier, matched against the JWS header's `kid`.
    public var kid: String?
    /// Intended use: `sig`.
    public var use: String?
    /// Algorithm: `ES256`.
    public var alg: String?

    public init(kty: String = "EC", crv: String = "P-256", x: String, y: String, kid: String?, use: String? = "sig", alg: String? = "ES256") {
        self.kty = kty
        self.crv = crv
        self.x = x
        self.y = y
        self.kid = kid
        self.use = use
        self.alg = alg
    }

    /// The JWK of a P-256 public key; `kid` defaults to the key's RFC 7638 thumbprint.
    public init(publicKey: P256.Signing.PublicKey, kid: String? = nil) {
        let raw = publicKey.rawRepresentation // x || y, 32 bytes each
        let x = Base64URL.encode(raw.prefix(32))
        let y = Base64URL.encode(raw.suffix(32))
        self.init(x: x, y: y, kid: kid ?? JSONWebKey.thumbprint(x: x, y: y))
    }

    /// The P-256 public key this JWK describes.
    public func publicKey() throws -> P256.Signing.PublicKey {
        guard kty == "EC", crv == "P-256" else { throw TokenVerificationError.invalidKey("kty \(kty), crv \(crv)") }
        guard let xBytes = Base64URL.decode(x), let yBytes = Base64URL.decode(y), xBytes.count == 32, yBytes.count == 32 else {
            throw TokenVerificationError.invalidKey("x and y must be 32 bytes each")
        }
        do {
            return try P256.Signing.PublicKey(rawRepresentation: xBytes + yBytes)
        } catch {
            throw TokenVerificationError.invalidKey("not a point on P-256")
        }
    }

    /// The RFC 7638 thumbprint (SHA-256 of the canonical JSON of crv, kty, x, y), base64url.
    public var thumbprint: String { JSONWebKey.thumbprint(x: x, y: y, crv: crv, kty: kty) }

    static func thumbprint(x: String, y: String, crv: String = "P-256", kty: String = "EC") -> String {
        let canonical = #"{"crv":"\#(crv)","kty":"\#(kty)","x":"\#(x)","y":"\#(y)"}"#
        return Base64URL.encode(SHA256.hash(data: Data(canonical.utf8)))
    }
}

/// Bộ khoá JWKS — the `{"keys": [...]}` document at the provider's `jwks_uri`. Keys that are not EC (an RSA key of a
/// real provider, say) are skipped when decoding rather than failing the whole set.
public struct JSONWebKeySet: Codable, Sendable, Equatable {
    public var keys: [JSONWebKey]

    public init(keys: [JSONWebKey]) { self.keys = keys }

    /// The key with this `kid`, usable for ES256 signatures.
    public func key(withID kid: String) -> JSONWebKey? {
        keys.first { $0.kid == kid && ($0.use ?? "sig") == "sig" && ($0.alg ?? "ES256") == "ES256" }
    }

    enum CodingKeys: String, CodingKey { case keys }

    private struct Lenient: Decodable {
        var key: JSONWebKey?
        init(from decoder: Decoder) throws { key = try? JSONWebKey(from: decoder) }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        keys = try container.decode([Lenient].self, forKey: .keys).compactMap(\.key)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(keys, forKey: .keys)
    }
}
