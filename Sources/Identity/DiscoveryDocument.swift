import Foundation

/// Tài liệu cấu hình nhà cung cấp định danh — OpenID Provider Metadata (OpenID Connect Discovery 1.0 §3), served at
/// `{issuer}/.well-known/openid-configuration`, with the standard snake_case keys.
public struct DiscoveryDocument: Codable, Sendable, Equatable {
    /// The path, appended to the issuer, where the document is served.
    public static let wellKnownPath = "/.well-known/openid-configuration"

    public var issuer: String
    public var authorizationEndpoint: String
    public var tokenEndpoint: String
    public var jwksURI: String
    public var responseTypesSupported: [String]
    public var subjectTypesSupported: [String]
    public var idTokenSigningAlgValuesSupported: [String]
    public var codeChallengeMethodsSupported: [String]?
    public var scopesSupported: [String]?
    public var grantTypesSupported: [String]?
    public var tokenEndpointAuthMethodsSupported: [String]?
    public var claimsSupported: [String]?
    /// RFC 9207: the provider adds `iss` to its authorization responses.
    public var authorizationResponseIssParameterSupported: Bool?

    public init(issuer: String, authorizationEndpoint: String, tokenEndpoint: String, jwksURI: String,
                responseTypesSupported: [String] = ["code"], subjectTypesSupported: [String] = ["public"],
                idTokenSigningAlgValuesSupported: [String] = ["ES256"], codeChallengeMethodsSupported: [String]? = ["S256"],
                scopesSupported: [String]? = ["openid", "profile"], grantTypesSupported: [String]? = ["authorization_code"],
                tokenEndpointAuthMethodsSupported: [String]? = ["none"], claimsSupported: [String]? = nil,
                authorizationResponseIssParameterSupported: Bool? = nil) {
        self.issuer = issuer
        self.authorizationEndpoint = authorizationEndpoint
        self.tokenEndpoint = tokenEndpoint
        self.jwksURI = jwksURI
        self.responseTypesSupported = responseTypesSupported
        self.subjectTypesSupported = subjectTypesSupported
        self.idTokenSigningAlgValuesSupported = idTokenSigningAlgValuesSupported
        self.codeChallengeMethodsSupported = codeChallengeMethodsSupported
        self.scopesSupported = scopesSupported
        self.grantTypesSupported = grantTypesSupported
        self.tokenEndpointAuthMethodsSupported = tokenEndpointAuthMethodsSupported
        self.claimsSupported = claimsSupported
        self.authorizationResponseIssParameterSupported = authorizationResponseIssParameterSupported
    }

    public enum CodingKeys: String, CodingKey {
        case issuer
        case authorizationEndpoint = "authorization_endpoint"
        case tokenEndpoint = "token_endpoint"
        case jwksURI = "jwks_uri"
        case responseTypesSupported = "response_types_supported"
        case subjectTypesSupported = "subject_types_supported"
        case idTokenSigningAlgValuesSupported = "id_token_signing_alg_values_supported"
        case codeChallengeMethodsSupported = "code_challenge_methods_supported"
        case scopesSupported = "scopes_supported"
        case grantTypesSupported = "grant_types_supported"
        case tokenEndpointAuthMethodsSupported = "token_endpoint_auth_methods_supported"
        case claimsSupported = "claims_supported"
        case authorizationResponseIssParameterSupported = "authorization_response_iss_parameter_supported"
    }

    /// Where the document of `issuer` is served.
    public static func wellKnownURL(issuer: String) -> String {
        trimmingTrailingSlash(issuer) + wellKnownPath
    }

    /// Checks that a fetched document belongs to `expectedIssuer` (Discovery §4.3) and offers what cqs needs:
    /// the `code` response type, ES256 ID tokens and PKCE S256.
    public func validate(expectedIssuer: String) throws {
        guard issuer == expectedIssuer else { throw DiscoveryError.issuerMismatch(expected: expectedIssuer, actual: issuer) }
        guard responseTypesSupported.contains("code") else { throw DiscoveryError.unsupported("response_type code") }
        guard idTokenSigningAlgValuesSupported.contains("ES256") else { throw DiscoveryError.unsupported("ES256 ID tokens") }
        guard codeChallengeMethodsSupported?.contains("S256") ?? false else { throw DiscoveryError.unsupported("PKCE S256") }
    }

    /// The document encoded as JSON (sorted keys, slashes unescaped).
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        return try encoder.encode(self)
    }
}

func trimmingTrailingSlash(_ text: String) -> String {
    var text = text
    while text.hasSuffix("/") { text.removeLast() }
    return text
}

/// Appends form-encoded `pairs` to `base` as its query (after `&` if it already has one).
func appendingQuery(_ base: String, _ pairs: [(String, String)]) -> String {
    base + (base.contains("?") ? "&" : "?") + FormURLEncoding.encode(pairs)
}
