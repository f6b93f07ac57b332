import Foundation

/// Nội dung mã định danh (ID token) — the claims of an OpenID Connect ID token as cqs uses them.
///
/// The personal identification number (số định danh cá nhân, the 12-digit number on the chip-based citizen identity
/// card) travels in the private claim **`vneid_pin`**. It is not called `pin`, which would be read as a login PIN
/// code (mã PIN); a prefixed private name (RFC 7519 §4.3) also avoids clashing with registered claims. An adapter for
/// the real VNeID maps the claim VNeID actually sends onto this one.
///
/// Times are JWT NumericDates (whole seconds since 1970) on the wire. `aud` may be a string or an array on the wire;
/// a single audience is written as a string.
public struct IDTokenClaims: Codable, Sendable, Equatable {
    /// `iss` — the provider's issuer identifier (an https URL).
    public var issuer: String
    /// `sub` — the provider's stable identifier of the person.
    public var subject: String
    /// `aud` — the client identifiers the token is meant for.
    public var audience: [String]
    /// `exp` — after this instant the token must be refused.
    public var expiresAt: Date
    /// `iat` — when the token was issued.
    public var issuedAt: Date
    /// `nonce` — the value the client sent in its authorization request, echoed back.
    public var nonce: String
    /// `auth_time` — when the person authenticated at the provider.
    public var authTime: Date?
    /// `azp` — the party the token was issued to, when there are several audiences.
    public var authorizedParty: String?
    /// `nbf` — not valid before.
    public var notBefore: Date?
    /// `name` — họ và tên, the person's full name.
    public var name: String
    /// `vneid_pin` — số định danh cá nhân (12 digits).
    public var personalIdentificationNumber: String

    public init(issuer: String, subject: String, audience: [String], expiresAt: Date, issuedAt: Date, nonce: String,
                authTime: Date? = nil, authorizedParty: String? = nil, notBefore: Date? = nil,
                name: String, personalIdentificationNumber: String) {
        self.issuer = issuer
        self.subject = subject
        self.audience = audience
        self.expiresAt = expiresAt
        self.issuedAt = issuedAt
        self.nonce = nonce
        self.authTime = authTime
        self.authorizedParty = authorizedParty
        self.notBefore = notBefore
        self.name = name
        self.personalIdentificationNumber = personalIdentificationNumber
    }

    /// The JSON names of the claims.
    public enum CodingKeys: String, CodingKey {
        case issuer = "iss"
        case subject = "sub"
        case audience = "aud"
        case expiresAt = "exp"
        case issuedAt = "iat"
        case nonce
        case authTime = "auth_time"
        case authorizedParty = "azp"
        case notBefore = "nbf"
        case name
        case personalIdentificationNumber = "vneid_pin"
    }

    /// Decodes the claims; a missing claim that cqs needs throws `TokenVerificationError.missingClaim`.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func required<T: Decodable>(_ type: T.Type, _ key: CodingKeys) throws -> T {
            guard let value = try c.decodeIfPresent(type, forKey: key) else {
                throw TokenVerificationError.missingClaim(key.rawValue)
            }
            return value
        }
        func date(_ key: CodingKeys) throws -> Date? {
            try c.decodeIfPresent(Double.self, forKey: key).map { Date(timeIntervalSince1970: $0) }
        }
        issuer = try required(String.self, .issuer)
        subject = try required(String.self, .subject)
        if let single = try? c.decode(String.self, forKey: .audience) {
            audience = [single]
        } else {
            audience = try required([String].self, .audience)
        }
        guard let exp = try date(.expiresAt) else { throw TokenVerificationError.missingClaim("exp") }
        guard let iat = try date(.issuedAt) else { throw TokenVerificationError.missingClaim("iat") }
        expiresAt = exp
        issuedAt = iat
        nonce = try required(String.self, .nonce)
        authTime = try date(.authTime)
        authorizedParty = try c.decodeIfPresent(String.self, forKey: .authorizedParty)
        notBefore = try date(.notBefore)
        name = try required(String.self, .name)
        personalIdentificationNumber = try required(String.self, .personalIdentificationNumber)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        func seconds(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970.rounded(.down)) }
        try c.encode(issuer, forKey: .issuer)
        try c.encode(subject, forKey: .subject)
        if audience.count == 1 { try c.encode(audience[0], forKey: .audience) } else { try c.encode(audience, forKey: .audience) }
        try c.encode(seconds(expiresAt), forKey: .expiresAt)
        try c.encode(seconds(issuedAt), forKey: .issuedAt)
        try c.encode(nonce, forKey: .nonce)
        try c.encodeIfPresent(authTime.map(seconds), forKey: .authTime)
        try c.encodeIfPresent(authorizedParty, forKey: .authorizedParty)
        try c.encodeIfPresent(notBefore.map(seconds), forKey: .notBefore)
        try c.encode(name, forKey: .name)
        try c.encode(personalIdentificationNumber, forKey: .personalIdentificationNumber)
    }
}
