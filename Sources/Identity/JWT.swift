import Crypto
import Foundation

/// Phần đầu JWS — the protected header of a JWS in compact serialisation (RFC 7515 §4).
public struct JOSEHeader: Codable, Sendable, Equatable {
    /// The signing algorithm; cqs signs and accepts only `ES256`.
    public var alg: String
    /// The media type, `JWT`.
    public var typ: String?
    /// The identifier of the signing key in the issuer's key set.
    public var kid: String?
    /// Extensions the recipient must understand; any present makes cqs refuse the token.
    public var crit: [String]?

    public init(alg: String, typ: String? = "JWT", kid: String?, crit: [String]? = nil) {
        self.alg = alg
        self.typ = typ
        self.kid = kid
        self.crit = crit
    }
}

/// Ký JWT — signs claims as an ES256 (ECDSA P-256 with SHA-256) JWS in compact serialisation,
/// `base64url(header).base64url(claims).base64url(signature)`, the signature in JOSE form: the raw 64 bytes r‖s
/// (RFC 7518 §3.4), not DER.
public enum JWTSigner {
    /// Signs `claims` with `key`, naming the key `kid` in the header.
    public static func sign<Claims: Encodable>(_ claims: Claims, key: P256.Signing.PrivateKey, kid: String) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let header = try encoder.encode(JOSEHeader(alg: "ES256", typ: "JWT", kid: kid))
        let payload = try encoder.encode(claims)
        let signingInput = Base64URL.encode(header) + "." + Base64URL.encode(payload)
        let signature = try key.signature(for: Data(signingInput.utf8))
        return signingInput + "." + Base64URL.encode(signature.rawRepresentation)
    }
}

/// Kiểm tra mã định danh — verifies an ID token the way an OpenID Connect client must (OIDC Core §3.1.3.7):
/// algorithm ES256 only (never `none`, never HMAC), the key found by `kid` in the provider's JWKS, the signature,
/// then `iss`, `aud` (and `azp`), `exp`/`iat`/`nbf` within `leeway` seconds, and `nonce`.
public enum JWTVerifier {
    /// Longest token accepted, in characters.
    public static let maximumLength = 16_384

    /// Verifies `token` and returns its claims, or throws the `TokenVerificationError` that says why it is refused.
    public static func verify(_ token: String, keys: JSONWebKeySet, issuer: String, audience: String, nonce: String,
                              now: Date, leeway: TimeInterval = 60) throws -> IDTokenClaims {
        let payload = try verifiedPayload(of: token, keys: keys)
        let claims: IDTokenClaims
        do {
            claims = try JSONDecoder().decode(IDTokenClaims.self, from: payload)
        } catch let error as TokenVerificationError {
            throw error
        } catch {
            throw TokenVerificationError.malformed("claims are not valid JSON of the expected types")
        }
        guard claims.issuer == issuer else { throw TokenVerificationError.wrongIssuer(expected: issuer, actual: claims.issuer) }
        guard claims.audience.contains(audience) else {
            throw TokenVerificationError.wrongAudience(expected: audience, actual: claims.audience)
        }
        if claims.audience.count > 1 || claims.authorizedParty != nil, claims.authorizedParty != audience {
            throw TokenVerificationError.wrongAuthorizedParty(expected: audience, actual: claims.authorizedParty)
        }
        guard now < claims.expiresAt.addingTimeInterval(leeway) else { throw TokenVerificationError.expired(at: claims.expiresAt) }
        guard claims.issuedAt <= now.addingTimeInterval(leeway) else { throw TokenVerificationError.issuedInFuture(at: claims.issuedAt) }
        if let notBefore = claims.notBefore, notBefore > now.addingTimeInterval(leeway) {
            throw TokenVerificationError.notYetValid(until: notBefore)
        }
        guard constantTimeEquals(claims.nonce, nonce) else { throw TokenVerificationError.wrongNonce }
        return claims
    }

    /// Checks the header (ES256, no `crit`), finds the key by `kid` and verifies the signature; returns the payload
    /// bytes, whose claims are not yet checked.
    public static func verifiedPayload(of token: String, keys: JSONWebKeySet) throws -> Data {
        guard token.utf8.count <= maximumLength else { throw TokenVerificationError.malformed("longer than \(maximumLength) characters") }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw TokenVerificationError.malformed("expected three dot-separated parts, found \(parts.count)") }
        guard let headerBytes = Base64URL.decode(parts[0]) else { throw TokenVerificationError.malformed("header is not base64url") }
        guard let header = try? JSONDecoder().decode(JOSEHeader.self, from: headerBytes) else {
            throw TokenVerificationError.malformed("header is not a JSON object with alg")
        }
        guard header.alg == "ES256" else { throw TokenVerificationError.unsupportedAlgorithm(header.alg) }
        if let crit = header.crit { throw TokenVerificationError.unsupportedCriticalHeader(crit) }
        guard let kid = header.kid, let jwk = keys.key(withID: kid) else { throw TokenVerificationError.unknownKey(header.kid) }
        let publicKey = try jwk.publicKey()
        guard let payload = Base64URL.decode(parts[1]) else { throw TokenVerificationError.malformed("payload is not base64url") }
        guard let signatureBytes = Base64URL.decode(parts[2]), signatureBytes.count == 64,
              let signature = try? P256.Signing.ECDSASignature(rawRepresentation: signatureBytes) else {
            throw TokenVerificationError.invalidSignature
        }
        let signingInput = Data(token.utf8.prefix(parts[0].utf8.count + 1 + parts[1].utf8.count))
        guard publicKey.isValidSignature(signature, for: signingInput) else { throw TokenVerificationError.invalidSignature }
        return payload
    }
}
