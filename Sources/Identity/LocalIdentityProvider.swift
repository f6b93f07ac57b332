import Crypto
import Foundation

/// Ứng dụng đã đăng ký — a client the stand-in provider knows: its identifier and the exact redirect URIs allowed.
public struct RegisteredClient: Sendable, Equatable {
    public var clientID: String
    public var name: String
    /// Compared character for character with the request's `redirect_uri` (no prefix or pattern matching).
    public var redirectURIs: [String]

    public init(clientID: String, name: String, redirectURIs: [String]) {
        self.clientID = clientID
        self.name = name
        self.redirectURIs = redirectURIs
    }
}

/// Công dân thử nghiệm — a person the stand-in provider can authenticate: personal identification number, full name,
/// and the password its own login page checks (kept only as a salted SHA-256 digest; fine for a demo, not for real
/// secrets).
public struct LocalPerson: Sendable, Equatable {
    /// Số định danh cá nhân (12 digits).
    public var personalIdentificationNumber: String
    /// Họ và tên.
    public var fullName: String
    private var salt: [UInt8]
    private var passwordDigest: [UInt8]

    public init(personalIdentificationNumber: String, fullName: String, password: String) {
        self.personalIdentificationNumber = personalIdentificationNumber
        self.fullName = fullName
        var generator = SystemRandomNumberGenerator()
        salt = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        passwordDigest = LocalPerson.digest(password, salt: salt)
    }

    /// Whether `password` is this person's (compared in constant time).
    public func hasPassword(_ password: String) -> Bool {
        let candidate = LocalPerson.digest(password, salt: salt)
        return zip(candidate, passwordDigest).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private static func digest(_ password: String, salt: [UInt8]) -> [UInt8] {
        Array(SHA256.hash(data: salt + Array(password.utf8)))
    }
}

/// Yêu cầu uỷ quyền đã kiểm tra — an authorization request the stand-in accepted: the client and redirect URI are
/// registered, response_type is `code`, scope has `openid`, PKCE S256 and a nonce are present. The web layer shows
/// its login page with `parameters` as hidden fields and validates them again on POST.
public struct ValidatedAuthorizationRequest: Codable, Sendable, Equatable {
    public var clientID: String
    public var redirectURI: String
    public var scope: String
    public var state: String?
    public var nonce: String
    public var codeChallenge: String
    public var codeChallengeMethod: String

    /// The original query parameters, to carry through the login form.
    public var parameters: [(String, String)] {
        var pairs: [(String, String)] = [("response_type", "code"), ("client_id", clientID), ("redirect_uri", redirectURI), ("scope", scope)]
        if let state { pairs.append(("state", state)) }
        pairs += [("nonce", nonce), ("code_challenge", codeChallenge), ("code_challenge_method", codeChallengeMethod)]
        return pairs
    }
}

/// Nhà cung cấp định danh THỬ NGHIỆM — **not VNeID: a local stand-in that behaves like an OpenID provider, for
/// development and demos.** It publishes a discovery document and a JWKS, checks a personal identification number and
/// password on its own login page, issues one-time authorization codes (bound to client, redirect URI, PKCE challenge,
/// nonce and person; valid `codeLifetime` seconds, 60 by default) and exchanges them for an ES256-signed ID token and an
/// opaque access token. The HTTP endpoints are the web layer's; this type is their logic. Thread-safe.
///
/// Endpoints, relative to `issuer`: `/.well-known/openid-configuration`, `/authorize` (GET shows the login page,
/// POST checks it), `/token` (POST form), `/jwks.json`.
public final class LocalIdentityProvider: @unchecked Sendable {
    /// Paths of the endpoints, appended to the issuer.
    public enum Path {
        public static let authorization = "/authorize"
        public static let token = "/token"
        public static let jwks = "/jwks.json"
    }

    /// The issuer identifier written in every ID token (`iss`), e.g. `https://cqs.example/dinh-danh-thu`.
    public let issuer: String
    /// The `kid` of the signing key (its RFC 7638 thumbprint unless given).
    public let keyID: String
    /// Seconds an authorization code stays usable.
    public let codeLifetime: TimeInterval
    /// Seconds an ID token and access token stay valid.
    public let tokenLifetime: TimeInterval

    private let signingKey: P256.Signing.PrivateKey
    private let now: @Sendable () -> Date
    private let lock = NSLock()
    private var clients: [String: RegisteredClient] = [:]
    private var people: [String: LocalPerson] = [:]
    private var codes: [String: IssuedCode] = [:]

    private struct IssuedCode {
        var clientID: String
        var redirectURI: String
        var codeChallenge: String
        var codeChallengeMethod: String
        var nonce: String
        var scope: String
        var person: LocalPerson
        var authTime: Date
        var expiresAt: Date
    }

    /// A provider signing with `signingKey` (a fresh one by default). `now` is its clock (tests inject one).
    public init(issuer: String, signingKey: P256.Signing.PrivateKey = P256.Signing.PrivateKey(), keyID: String? = nil,
                clients: [RegisteredClient] = [], people: [LocalPerson] = [],
                codeLifetime: TimeInterval = 60, tokenLifetime: TimeInterval = 300,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.issuer = trimmingTrailingSlash(issuer)
        self.signingKey = signingKey
        self.keyID = keyID ?? JSONWebKey(publicKey: signingKey.publicKey).thumbprint
        self.codeLifetime = codeLifetime
        self.tokenLifetime = tokenLifetime
        self.now = now
        for client in clients { self.clients[client.clientID] = client }
        for person in people { self.people[person.personalIdentificationNumber] = person }
    }

    /// A provider whose signing key is read from PEM (`-----BEGIN PRIVATE KEY-----` or `EC PRIVATE KEY`), so that
    /// tokens stay verifiable across restarts.
    public convenience init(issuer: String, signingKeyPEM: String, keyID: String? = nil, clients: [RegisteredClient] = [],
                            people: [LocalPerson] = [], codeLifetime: TimeInterval = 60, tokenLifetime: TimeInterval = 300,
                            now: @escaping @Sendable () -> Date = { Date() }) throws {
        self.init(issuer: issuer, signingKey: try P256.Signing.PrivateKey(pemRepresentation: signingKeyPEM), keyID: keyID,
                  clients: clients, people: people, codeLifetime: codeLifetime, tokenLifetime: tokenLifetime, now: now)
    }

    /// The signing key as PKCS#8 PEM, to persist a generated key.
    public var signingKeyPEM: String { signingKey.pemRepresentation }

    /// Registers (or replaces) a client.
    public func register(_ client: RegisteredClient) { lock.withLock { clients[client.clientID] = client } }

    /// Adds (or replaces) a person in the directory.
    public func enroll(_ person: LocalPerson) { lock.withLock { people[person.personalIdentificationNumber] = person } }

    // MARK: Metadata

    /// The discovery document, every endpoint under `issuer`.
    public func discovery() -> DiscoveryDocument {
        DiscoveryDocument(issuer: issuer, authorizationEndpoint: issuer + Path.authorization, tokenEndpoint: issuer + Path.token,
                          jwksURI: issuer + Path.jwks, claimsSupported: ["iss", "sub", "aud", "exp", "iat", "nonce", "auth_time", "name", "vneid_pin"],
                          authorizationResponseIssParameterSupported: true)
    }

    /// The public key set (one key).
    public func jwks() -> JSONWebKeySet {
        JSONWebKeySet(keys: [JSONWebKey(publicKey: signingKey.publicKey, kid: keyID)])
    }

    // MARK: Authorization endpoint

    /// Checks an authorization request (the query of GET `/authorize`). Throws `ProviderError`; when its
    /// `isRedirectable` is false the web layer shows an error page instead of redirecting.
    public func validateAuthorizationRequest(_ query: [String: String]) throws -> ValidatedAuthorizationRequest {
        func field(_ name: String) throws -> String {
            guard let value = query[name], !value.isEmpty else { throw ProviderError.missingParameter(name) }
            return value
        }
        let clientID = try field("client_id")
        guard let client = lock.withLock({ clients[clientID] }) else { throw ProviderError.unknownClient(clientID) }
        guard let redirectURI = query["redirect_uri"], client.redirectURIs.contains(redirectURI) else {
            throw ProviderError.unregisteredRedirectURI(query["redirect_uri"] ?? "")
        }
        let responseType = try field("response_type")
        guard responseType == "code" else { throw ProviderError.unsupportedResponseType(responseType) }
        let scope = try field("scope")
        guard scope.split(separator: " ").contains("openid") else { throw ProviderError.missingOpenIDScope }
        guard let challenge = query["code_challenge"], !challenge.isEmpty else { throw ProviderError.pkceRequired }
        let method = query["code_challenge_method"] ?? "plain" // RFC 7636 §4.3: absent means plain
        guard method == PKCE.method else { throw ProviderError.unsupportedChallengeMethod(method) }
        let nonce = try field("nonce")
        let state = query["state"].flatMap { $0.isEmpty ? nil : $0 }
        return ValidatedAuthorizationRequest(clientID: clientID, redirectURI: redirectURI, scope: scope, state: state,
                                             nonce: nonce, codeChallenge: challenge, codeChallengeMethod: method)
    }

    /// Checks a personal identification number and password against the directory.
    public func authenticate(personalIdentificationNumber: String, password: String) throws -> LocalPerson {
        let pin = personalIdentificationNumber.trimmingCharacters(in: .whitespaces)
        guard let person = lock.withLock({ people[pin] }), person.hasPassword(password) else {
            throw ProviderError.invalidCredentials
        }
        return person
    }

    /// Issues a one-time authorization code for `person`, bound to the request.
    public func issueCode(for request: ValidatedAuthorizationRequest, person: LocalPerson) -> String {
        let code = Randomness.token()
        let issuedAt = now()
        let entry = IssuedCode(clientID: request.clientID, redirectURI: request.redirectURI, codeChallenge: request.codeChallenge,
                               codeChallengeMethod: request.codeChallengeMethod, nonce: request.nonce, scope: request.scope,
                               person: person, authTime: issuedAt, expiresAt: issuedAt.addingTimeInterval(codeLifetime))
        lock.withLock {
            codes = codes.filter { $0.value.expiresAt > issuedAt }
            codes[code] = entry
        }
        return code
    }

    /// The login form's POST: authenticates the person and returns where to send the browser,
    /// `redirect_uri?code=…&state=…&iss=…`. A wrong password throws `ProviderError.invalidCredentials` (ask again).
    public func authorize(_ request: ValidatedAuthorizationRequest, personalIdentificationNumber: String, password: String) throws -> URL {
        let person = try authenticate(personalIdentificationNumber: personalIdentificationNumber, password: password)
        let code = issueCode(for: request, person: person)
        var pairs = [("code", code)]
        if let state = request.state { pairs.append(("state", state)) }
        pairs.append(("iss", issuer))
        return URL(string: appendingQuery(request.redirectURI, pairs))!
    }

    /// Where to send the browser with an error (`access_denied` when the person cancels): `redirect_uri?error=…`.
    /// `nil` when the request's client or redirect URI cannot be trusted — show an error page instead.
    public func errorRedirect(for query: [String: String], error: String, description: String? = nil) -> URL? {
        guard let clientID = query["client_id"], let redirectURI = query["redirect_uri"],
              let client = lock.withLock({ clients[clientID] }), client.redirectURIs.contains(redirectURI) else { return nil }
        var pairs = [("error", error)]
        if let description { pairs.append(("error_description", description)) }
        if let state = query["state"], !state.isEmpty { pairs.append(("state", state)) }
        pairs.append(("iss", issuer))
        return URL(string: appendingQuery(redirectURI, pairs))!
    }

    /// The error redirect for a `ProviderError` thrown by `validateAuthorizationRequest`, if it may be redirected.
    public func errorRedirect(for query: [String: String], error: ProviderError) -> URL? {
        guard error.isRedirectable else { return nil }
        return errorRedirect(for: query, error: error.oauthError, description: error.english)
    }

    // MARK: Token endpoint

    /// The token endpoint (POST, form body already decoded).
    public func exchange(form: [String: String]) throws -> TokenResponse {
        try exchange(TokenRequest(form: form))
    }

    /// Exchanges an authorization code: the client must be the one the code was issued to, the redirect URI the same,
    /// and SHA-256 of `code_verifier` the challenge. A code is consumed by its first presentation, even a failed one;
    /// a replay gets `unknownOrUsedCode`.
    public func exchange(_ request: TokenRequest) throws -> TokenResponse {
        guard request.grantType == "authorization_code" else { throw ProviderError.unsupportedGrantType(request.grantType) }
        let instant = now()
        let entry: IssuedCode? = try lock.withLock {
            guard clients[request.clientID] != nil else { throw ProviderError.unknownClient(request.clientID) }
            return codes.removeValue(forKey: request.code)
        }
        guard let entry else { throw ProviderError.unknownOrUsedCode }
        guard instant < entry.expiresAt else { throw ProviderError.expiredCode }
        guard entry.clientID == request.clientID else { throw ProviderError.clientMismatch }
        guard entry.redirectURI == request.redirectURI else { throw ProviderError.redirectURIMismatch }
        do {
            try PKCE.verify(verifier: request.codeVerifier, challenge: entry.codeChallenge, method: entry.codeChallengeMethod)
        } catch {
            throw ProviderError.wrongCodeVerifier
        }
        let claims = IDTokenClaims(issuer: issuer, subject: subject(of: entry.person), audience: [entry.clientID],
                                   expiresAt: instant.addingTimeInterval(tokenLifetime), issuedAt: instant, nonce: entry.nonce,
                                   authTime: entry.authTime, name: entry.person.fullName,
                                   personalIdentificationNumber: entry.person.personalIdentificationNumber)
        let idToken = try JWTSigner.sign(claims, key: signingKey, kid: keyID)
        return TokenResponse(accessToken: Randomness.token(), expiresIn: Int(tokenLifetime), idToken: idToken, scope: entry.scope)
    }

    /// The `sub` of a person: stable for this issuer, not the identification number itself
    /// (base64url of SHA-256 of issuer and number).
    public func subject(of person: LocalPerson) -> String {
        Base64URL.encode(SHA256.hash(data: Data("\(issuer)|\(person.personalIdentificationNumber)".utf8)))
    }
}
