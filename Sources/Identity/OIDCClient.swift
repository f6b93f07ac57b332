import Foundation

/// Phiên đăng nhập đang chờ — what the client must remember between sending the browser to the provider and the
/// provider's redirect back: store it in the browser's server-side session (never in a URL).
public struct AuthorizationSession: Codable, Sendable, Equatable {
    /// The anti-forgery value echoed back by the provider.
    public var state: String
    /// The value the ID token must carry in `nonce`.
    public var nonce: String
    /// The PKCE verifier, sent only to the token endpoint.
    public var codeVerifier: String
    /// The redirect URI of the request (the token request repeats it).
    public var redirectURI: String
    /// When the sign-in started.
    public var createdAt: Date

    public init(state: String, nonce: String, codeVerifier: String, redirectURI: String, createdAt: Date) {
        self.state = state
        self.nonce = nonce
        self.codeVerifier = codeVerifier
        self.redirectURI = redirectURI
        self.createdAt = createdAt
    }
}

/// Yêu cầu uỷ quyền — the address to send the browser to, and the session value to keep.
public struct AuthorizationRequest: Sendable, Equatable {
    /// The provider's authorization endpoint with response_type, client_id, redirect_uri, scope, state, nonce,
    /// code_challenge and code_challenge_method=S256.
    public var url: URL
    /// What to store in the browser session until the callback.
    public var session: AuthorizationSession
}

/// Yêu cầu đổi mã lấy token — the token endpoint request (RFC 6749 §4.1.3 with RFC 7636's `code_verifier`).
public struct TokenRequest: Sendable, Equatable {
    /// `authorization_code`.
    public var grantType: String
    public var code: String
    public var redirectURI: String
    public var clientID: String
    public var codeVerifier: String

    public init(grantType: String = "authorization_code", code: String, redirectURI: String, clientID: String, codeVerifier: String) {
        self.grantType = grantType
        self.code = code
        self.redirectURI = redirectURI
        self.clientID = clientID
        self.codeVerifier = codeVerifier
    }

    /// Reads a decoded form body (as the token endpoint receives it); a missing field throws
    /// `ProviderError.missingParameter`, another grant type `ProviderError.unsupportedGrantType`.
    public init(form: [String: String]) throws {
        func field(_ name: String) throws -> String {
            guard let value = form[name], !value.isEmpty else { throw ProviderError.missingParameter(name) }
            return value
        }
        let grantType = try field("grant_type")
        guard grantType == "authorization_code" else { throw ProviderError.unsupportedGrantType(grantType) }
        self.init(grantType: grantType, code: try field("code"), redirectURI: try field("redirect_uri"),
                  clientID: try field("client_id"), codeVerifier: try field("code_verifier"))
    }

    /// The fields in order.
    public var parameters: [(String, String)] {
        [("grant_type", grantType), ("code", code), ("redirect_uri", redirectURI), ("client_id", clientID), ("code_verifier", codeVerifier)]
    }

    /// The `application/x-www-form-urlencoded` body to POST.
    public var formBody: String { FormURLEncoding.encode(parameters) }

    /// The content type of `formBody`.
    public static let contentType = "application/x-www-form-urlencoded"
}

/// Phản hồi token — the token endpoint's successful JSON answer (RFC 6749 §5.1, OIDC Core §3.1.3.3).
public struct TokenResponse: Codable, Sendable, Equatable {
    public var accessToken: String
    /// `Bearer`.
    public var tokenType: String
    /// Lifetime of the access token in seconds.
    public var expiresIn: Int
    /// The signed ID token (JWT) — what cqs verifies to sign the person in.
    public var idToken: String
    public var scope: String?

    public init(accessToken: String, tokenType: String = "Bearer", expiresIn: Int, idToken: String, scope: String?) {
        self.accessToken = accessToken
        self.tokenType = tokenType
        self.expiresIn = expiresIn
        self.idToken = idToken
        self.scope = scope
    }

    public enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case tokenType = "token_type"
        case expiresIn = "expires_in"
        case idToken = "id_token"
        case scope
    }
}

/// Đăng nhập bằng VNeID — the relying-party (client) side of the OpenID Connect authorization-code flow with PKCE,
/// as a public client (no client secret). Without I/O: the web layer fetches the discovery document and the JWKS,
/// redirects the browser, POSTs the token request, and calls these functions on what it gets.
///
/// 1. `authorizationRequest()` → redirect to `url`, store `session`.
/// 2. On the callback: `authorizationCode(fromCallback:session:)`.
/// 3. POST `tokenRequest(code:session:).formBody` to `provider.tokenEndpoint`; decode a `TokenResponse`.
/// 4. `verifyIDToken(_:keys:session:)` with the provider's JWKS → the person's name and personal identification number.
public struct OIDCClient: Sendable, Equatable {
    /// The client identifier registered with the provider.
    public var clientID: String
    /// Where the provider sends the browser back (registered with the provider, compared exactly).
    public var redirectURI: String
    /// The provider's metadata.
    public var provider: DiscoveryDocument
    /// Requested scopes, `openid profile`.
    public var scope: String
    /// How long a stored sign-in attempt stays usable, in seconds.
    public var sessionLifetime: TimeInterval

    public init(clientID: String, redirectURI: String, provider: DiscoveryDocument, scope: String = "openid profile",
                sessionLifetime: TimeInterval = 600) {
        self.clientID = clientID
        self.redirectURI = redirectURI
        self.provider = provider
        self.scope = scope
        self.sessionLifetime = sessionLifetime
    }

    /// Starts a sign-in: fresh random state, nonce and PKCE verifier unless given (tests give them).
    public func authorizationRequest(state: String? = nil, nonce: String? = nil, codeVerifier: String? = nil,
                                     now: Date = Date()) -> AuthorizationRequest {
        let session = AuthorizationSession(state: state ?? Randomness.token(), nonce: nonce ?? Randomness.token(),
                                           codeVerifier: codeVerifier ?? PKCE.verifier(), redirectURI: redirectURI,
                                           createdAt: now)
        let query: [(String, String)] = [
            ("response_type", "code"),
            ("client_id", clientID),
            ("redirect_uri", redirectURI),
            ("scope", scope),
            ("state", session.state),
            ("nonce", session.nonce),
            ("code_challenge", PKCE.challenge(for: session.codeVerifier)),
            ("code_challenge_method", PKCE.method),
        ]
        let url = URL(string: appendingQuery(provider.authorizationEndpoint, query))!
        return AuthorizationRequest(url: url, session: session)
    }

    /// Checks the callback's query parameters against the stored session and returns the authorization code.
    /// An `error` parameter becomes `AuthorizationCallbackError.providerError` — but only once `state` matches, so a
    /// forged error cannot pass for the provider's.
    public func authorizationCode(fromCallback query: [String: String], session: AuthorizationSession,
                                  now: Date = Date()) throws -> String {
        guard let state = query["state"], constantTimeEquals(state, session.state) else {
            throw AuthorizationCallbackError.stateMismatch
        }
        guard now < session.createdAt.addingTimeInterval(sessionLifetime) else { throw AuthorizationCallbackError.sessionExpired }
        if let iss = query["iss"], iss != provider.issuer {
            throw AuthorizationCallbackError.wrongIssuer(expected: provider.issuer, actual: iss)
        }
        if let error = query["error"] {
            throw AuthorizationCallbackError.providerError(code: error, description: query["error_description"])
        }
        guard let code = query["code"], !code.isEmpty else { throw AuthorizationCallbackError.missingCode }
        return code
    }

    /// The same, from the full callback URL.
    public func authorizationCode(fromCallbackURL url: URL, session: AuthorizationSession, now: Date = Date()) throws -> String {
        let query = URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedQuery ?? ""
        return try authorizationCode(fromCallback: FormURLEncoding.decode(query), session: session, now: now)
    }

    /// The token request that exchanges `code`, proving possession of the session's PKCE verifier.
    public func tokenRequest(code: String, session: AuthorizationSession) -> TokenRequest {
        TokenRequest(code: code, redirectURI: session.redirectURI, clientID: clientID, codeVerifier: session.codeVerifier)
    }

    /// Verifies the ID token against the provider's key set, this client as audience and the session's nonce.
    public func verifyIDToken(_ token: String, keys: JSONWebKeySet, session: AuthorizationSession,
                              now: Date = Date(), leeway: TimeInterval = 60) throws -> IDTokenClaims {
        try JWTVerifier.verify(token, keys: keys, issuer: provider.issuer, audience: clientID, nonce: session.nonce,
                               now: now, leeway: leeway)
    }
}
