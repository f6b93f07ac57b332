import Crypto
import Foundation
import Testing
@testable import Identity

@Suite("OpenID Connect authorization-code flow with the local stand-in provider")
struct FlowTests {
    let clock = TestClock()
    let provider: LocalIdentityProvider
    let client: OIDCClient

    init() {
        provider = Fixture.provider(clock: clock)
        client = Fixture.client(provider)
    }

    /// Client request → provider login → code on the callback.
    func signInUntilCode() throws -> (AuthorizationRequest, String) {
        let request = client.authorizationRequest(now: clock.now())
        let validated = try provider.validateAuthorizationRequest(Fixture.query(request.url))
        let callback = try provider.authorize(validated, personalIdentificationNumber: Fixture.pin, password: Fixture.password)
        let code = try client.authorizationCode(fromCallbackURL: callback, session: request.session, now: clock.now())
        return (request, code)
    }

    @Test func theFullFlowInMemoryYieldsThePersonsNumberAndName() throws {
        let (request, code) = try signInUntilCode()
        let tokenRequest = client.tokenRequest(code: code, session: request.session)
        // The token endpoint receives a form body.
        let response = try provider.exchange(form: FormURLEncoding.decode(tokenRequest.formBody))
        #expect(response.tokenType == "Bearer" && response.expiresIn == 300 && !response.accessToken.isEmpty)
        // The JWKS travels as JSON.
        let jwks = try JSONDecoder().decode(JSONWebKeySet.self, from: JSONEncoder().encode(provider.jwks()))
        let claims = try client.verifyIDToken(response.idToken, keys: jwks, session: request.session, now: clock.now())
        #expect(claims.personalIdentificationNumber == Fixture.pin)
        #expect(claims.name == Fixture.name)
        #expect(claims.issuer == Fixture.issuer)
        #expect(claims.audience == [Fixture.clientID])
        #expect(claims.nonce == request.session.nonce)
        #expect(claims.subject == provider.subject(of: LocalPerson(personalIdentificationNumber: Fixture.pin, fullName: "", password: "")))
        #expect(claims.subject != Fixture.pin)
    }

    @Test func theAuthorizationURLCarriesEveryParameter() throws {
        let request = client.authorizationRequest(state: "s1", nonce: "n1", codeVerifier: String(repeating: "v", count: 43), now: clock.now())
        #expect(request.url.absoluteString.hasPrefix(Fixture.issuer + "/authorize?"))
        let query = Fixture.query(request.url)
        #expect(query == [
            "response_type": "code", "client_id": Fixture.clientID, "redirect_uri": Fixture.redirectURI,
            "scope": "openid profile", "state": "s1", "nonce": "n1",
            "code_challenge": PKCE.challenge(for: String(repeating: "v", count: 43)), "code_challenge_method": "S256",
        ])
        #expect(request.url.absoluteString.contains("scope=openid%20profile"))
        #expect(request.url.absoluteString.contains("redirect_uri=https%3A%2F%2Fcqs.test%2F"))
        #expect(!request.url.absoluteString.contains(request.session.codeVerifier))
    }

    @Test func eachSignInGetsFreshStateNonceAndVerifier() {
        let a = client.authorizationRequest(), b = client.authorizationRequest()
        #expect(a.session.state != b.session.state && a.session.nonce != b.session.nonce && a.session.codeVerifier != b.session.codeVerifier)
        #expect(PKCE.isWellFormed(a.session.codeVerifier))
    }

    @Test func theSessionValueRoundTripsThroughJSON() throws {
        let session = client.authorizationRequest(now: clock.now()).session
        #expect(try JSONDecoder().decode(AuthorizationSession.self, from: JSONEncoder().encode(session)) == session)
    }

    @Test func theTokenRequestBodyHasTheFiveFields() {
        let session = AuthorizationSession(state: "s", nonce: "n", codeVerifier: "v~v.v_v-v", redirectURI: Fixture.redirectURI, createdAt: clock.now())
        let body = client.tokenRequest(code: "c/+=", session: session).formBody
        #expect(body == "grant_type=authorization_code&code=c%2F%2B%3D&redirect_uri=https%3A%2F%2Fcqs.test%2Fdang-nhap%2Fvneid%2Fcallback"
            + "&client_id=\(Fixture.clientID)&code_verifier=v~v.v_v-v")
        #expect(FormURLEncoding.decode(body)["code"] == "c/+=")
    }

    // MARK: The token endpoint refuses

    @Test func aWrongPKCEVerifierIsRefused() throws {
        let (request, code) = try signInUntilCode()
        var tokenRequest = client.tokenRequest(code: code, session: request.session)
        tokenRequest.codeVerifier = PKCE.verifier()
        #expect(throws: ProviderError.wrongCodeVerifier) { try provider.exchange(tokenRequest) }
        #expect(ProviderError.wrongCodeVerifier.oauthError == "invalid_grant")
    }

    @Test func aReplayedCodeIsRefused() throws {
        let (request, code) = try signInUntilCode()
        let tokenRequest = client.tokenRequest(code: code, session: request.session)
        _ = try provider.exchange(tokenRequest)
        #expect(throws: ProviderError.unknownOrUsedCode) { try provider.exchange(tokenRequest) }
    }

    @Test func aFailedExchangeStillConsumesTheCode() throws {
        let (request, code) = try signInUntilCode()
        var wrong = client.tokenRequest(code: code, session: request.session)
        wrong.codeVerifier = PKCE.verifier()
        #expect(throws: ProviderError.wrongCodeVerifier) { try provider.exchange(wrong) }
        #expect(throws: ProviderError.unknownOrUsedCode) { try provider.exchange(client.tokenRequest(code: code, session: request.session)) }
    }

    @Test func anExpiredCodeIsRefusedAfterSixtySeconds() throws {
        let (request, code) = try signInUntilCode()
        clock.advance(by: 60)
        #expect(throws: ProviderError.expiredCode) { try provider.exchange(client.tokenRequest(code: code, session: request.session)) }
    }

    @Test func aCodeIsStillGoodAt59Seconds() throws {
        let (request, code) = try signInUntilCode()
        clock.advance(by: 59)
        _ = try provider.exchange(client.tokenRequest(code: code, session: request.session))
    }

    @Test func aWrongRedirectURIAtTheTokenEndpointIsRefused() throws {
        let (request, code) = try signInUntilCode()
        var tokenRequest = client.tokenRequest(code: code, session: request.session)
        tokenRequest.redirectURI = "https://cqs.test/other"
        #expect(throws: ProviderError.redirectURIMismatch) { try provider.exchange(tokenRequest) }
    }

    @Test func aCodeIssuedToAnotherClientIsRefused() throws {
        provider.register(RegisteredClient(clientID: "other-app", name: "Khác", redirectURIs: ["https://other.test/cb"]))
        let (request, code) = try signInUntilCode()
        var tokenRequest = client.tokenRequest(code: code, session: request.session)
        tokenRequest.clientID = "other-app"
        #expect(throws: ProviderError.clientMismatch) { try provider.exchange(tokenRequest) }
    }

    @Test func anUnknownClientOrGrantTypeIsRefused() throws {
        var form = FormURLEncoding.decode(TokenRequest(code: "c", redirectURI: Fixture.redirectURI, clientID: "nobody", codeVerifier: PKCE.verifier()).formBody)
        #expect(throws: ProviderError.unknownClient("nobody")) { try provider.exchange(form: form) }
        #expect(ProviderError.unknownClient("nobody").httpStatus == 401)
        form["grant_type"] = "password"
        #expect(throws: ProviderError.unsupportedGrantType("password")) { try provider.exchange(form: form) }
        form["grant_type"] = "authorization_code"
        form["code_verifier"] = nil
        #expect(throws: ProviderError.missingParameter("code_verifier")) { try provider.exchange(form: form) }
    }

    @Test func aCodeIsExchangedOnceEvenUnderConcurrency() async throws {
        let (request, code) = try signInUntilCode()
        let tokenRequest = client.tokenRequest(code: code, session: request.session)
        let provider = self.provider
        let successes = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<16 { group.addTask { (try? provider.exchange(tokenRequest)) != nil } }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(successes == 1)
    }

    // MARK: The authorization endpoint refuses

    @Test func aWrongPasswordOrUnknownPersonIsRefused() throws {
        let validated = try provider.validateAuthorizationRequest(Fixture.query(client.authorizationRequest().url))
        #expect(throws: ProviderError.invalidCredentials) {
            try provider.authorize(validated, personalIdentificationNumber: Fixture.pin, password: "sai")
        }
        #expect(throws: ProviderError.invalidCredentials) {
            try provider.authorize(validated, personalIdentificationNumber: "079099000001", password: Fixture.password)
        }
        #expect(ProviderError.invalidCredentials.vietnamese == "Số định danh cá nhân hoặc mật khẩu không đúng.")
    }

    @Test func anUnregisteredRedirectURIIsRefusedAndNeverRedirectedTo() throws {
        var query = Fixture.query(client.authorizationRequest().url)
        query["redirect_uri"] = "https://evil.test/cb"
        #expect(throws: ProviderError.unregisteredRedirectURI("https://evil.test/cb")) { try provider.validateAuthorizationRequest(query) }
        #expect(provider.errorRedirect(for: query, error: .unregisteredRedirectURI("https://evil.test/cb")) == nil)
        #expect(provider.errorRedirect(for: query, error: "access_denied") == nil)
        query["redirect_uri"] = Fixture.redirectURI + "/extra"
        #expect(throws: ProviderError.unregisteredRedirectURI(Fixture.redirectURI + "/extra")) { try provider.validateAuthorizationRequest(query) }
    }

    @Test func anUnknownClientIsRefused() {
        var query = Fixture.query(client.authorizationRequest().url)
        query["client_id"] = "nobody"
        #expect(throws: ProviderError.unknownClient("nobody")) { try provider.validateAuthorizationRequest(query) }
    }

    @Test func requestsWithoutPKCES256OpenidOrNonceAreRefused() {
        let base = Fixture.query(client.authorizationRequest().url)
        var plain = base
        plain["code_challenge_method"] = "plain"
        #expect(throws: ProviderError.unsupportedChallengeMethod("plain")) { try provider.validateAuthorizationRequest(plain) }
        var noMethod = base
        noMethod["code_challenge_method"] = nil
        #expect(throws: ProviderError.unsupportedChallengeMethod("plain")) { try provider.validateAuthorizationRequest(noMethod) }
        var noChallenge = base
        noChallenge["code_challenge"] = nil
        #expect(throws: ProviderError.pkceRequired) { try provider.validateAuthorizationRequest(noChallenge) }
        var noOpenID = base
        noOpenID["scope"] = "profile"
        #expect(throws: ProviderError.missingOpenIDScope) { try provider.validateAuthorizationRequest(noOpenID) }
        var token = base
        token["response_type"] = "token"
        #expect(throws: ProviderError.unsupportedResponseType("token")) { try provider.validateAuthorizationRequest(token) }
        var noNonce = base
        noNonce["nonce"] = nil
        #expect(throws: ProviderError.missingParameter("nonce")) { try provider.validateAuthorizationRequest(noNonce) }
    }

    @Test func aRedirectableErrorGoesBackWithStateAndIss() throws {
        let request = client.authorizationRequest(now: clock.now())
        var query = Fixture.query(request.url)
        query["code_challenge_method"] = "plain"
        let error = ProviderError.unsupportedChallengeMethod("plain")
        let url = try #require(provider.errorRedirect(for: query, error: error))
        let back = Fixture.query(url)
        #expect(back["error"] == "invalid_request" && back["state"] == request.session.state && back["iss"] == Fixture.issuer)
        #expect(throws: AuthorizationCallbackError.providerError(code: "invalid_request", description: error.english)) {
            try client.authorizationCode(fromCallbackURL: url, session: request.session, now: clock.now())
        }
    }

    // MARK: The callback

    @Test func aCallbackWithAnotherStateIsRefused() throws {
        let (request, _) = try signInUntilCode()
        let other = client.authorizationRequest(now: clock.now())
        let validated = try provider.validateAuthorizationRequest(Fixture.query(other.url))
        let callback = try provider.authorize(validated, personalIdentificationNumber: Fixture.pin, password: Fixture.password)
        #expect(throws: AuthorizationCallbackError.stateMismatch) {
            try client.authorizationCode(fromCallbackURL: callback, session: request.session, now: clock.now())
        }
        #expect(throws: AuthorizationCallbackError.stateMismatch) {
            try client.authorizationCode(fromCallback: ["code": "c"], session: request.session, now: clock.now())
        }
    }

    @Test func aCancelledSignInGivesAClearMessage() throws {
        let request = client.authorizationRequest(now: clock.now())
        let url = try #require(provider.errorRedirect(for: Fixture.query(request.url), error: "access_denied"))
        do {
            _ = try client.authorizationCode(fromCallbackURL: url, session: request.session, now: clock.now())
            Issue.record("expected an error")
        } catch let error as AuthorizationCallbackError {
            #expect(error == .providerError(code: "access_denied", description: nil))
            #expect(error.vietnamese == "Người dùng đã huỷ hoặc từ chối đăng nhập.")
        }
    }

    @Test func aCallbackFromAnotherIssuerOrWithoutCodeOrTooLateIsRefused() {
        let session = client.authorizationRequest(now: clock.now()).session
        #expect(throws: AuthorizationCallbackError.wrongIssuer(expected: Fixture.issuer, actual: "https://evil.test")) {
            try client.authorizationCode(fromCallback: ["state": session.state, "code": "c", "iss": "https://evil.test"], session: session, now: clock.now())
        }
        #expect(throws: AuthorizationCallbackError.missingCode) {
            try client.authorizationCode(fromCallback: ["state": session.state], session: session, now: clock.now())
        }
        #expect(throws: AuthorizationCallbackError.sessionExpired) {
            try client.authorizationCode(fromCallback: ["state": session.state, "code": "c"], session: session, now: clock.now().addingTimeInterval(600))
        }
    }

    @Test func anIDTokenForAnotherSignInIsRefusedForItsNonce() throws {
        let (request, code) = try signInUntilCode()
        let response = try provider.exchange(client.tokenRequest(code: code, session: request.session))
        let other = client.authorizationRequest(now: clock.now()).session
        #expect(throws: TokenVerificationError.wrongNonce) {
            try client.verifyIDToken(response.idToken, keys: provider.jwks(), session: other, now: clock.now())
        }
    }

    @Test func anIDTokenFromAnotherStandInIsRefused() throws {
        let (request, code) = try signInUntilCode()
        let response = try provider.exchange(client.tokenRequest(code: code, session: request.session))
        let impostor = Fixture.provider(clock: clock)
        #expect(throws: TokenVerificationError.unknownKey(provider.keyID)) {
            try client.verifyIDToken(response.idToken, keys: impostor.jwks(), session: request.session, now: clock.now())
        }
    }

    @Test func theIDTokenExpiresAfterTheTokenLifetime() throws {
        let (request, code) = try signInUntilCode()
        let response = try provider.exchange(client.tokenRequest(code: code, session: request.session))
        let exp = clock.now().addingTimeInterval(300)
        #expect(throws: TokenVerificationError.expired(at: exp)) {
            try client.verifyIDToken(response.idToken, keys: provider.jwks(), session: request.session, now: exp.addingTimeInterval(60))
        }
    }
}

@Suite("Provider metadata")
struct DiscoveryTests {
    @Test func discoveryJSONHasTheStandardKeys() throws {
        let provider = Fixture.provider(clock: TestClock())
        let object = try JSONSerialization.jsonObject(with: provider.discovery().jsonData()) as! [String: Any]
        for key in ["issuer", "authorization_endpoint", "token_endpoint", "jwks_uri", "response_types_supported",
                    "subject_types_supported", "id_token_signing_alg_values_supported", "code_challenge_methods_supported",
                    "scopes_supported"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        #expect(object["issuer"] as? String == Fixture.issuer)
        #expect(object["authorization_endpoint"] as? String == Fixture.issuer + "/authorize")
        #expect(object["token_endpoint"] as? String == Fixture.issuer + "/token")
        #expect(object["jwks_uri"] as? String == Fixture.issuer + "/jwks.json")
        #expect(object["id_token_signing_alg_values_supported"] as? [String] == ["ES256"])
        #expect(object["code_challenge_methods_supported"] as? [String] == ["S256"])
        #expect(object["response_types_supported"] as? [String] == ["code"])
        #expect(String(data: try provider.discovery().jsonData(), encoding: .utf8)!.contains("https://cqs.test/dinh-danh-thu/token"))
        #expect(DiscoveryDocument.wellKnownURL(issuer: Fixture.issuer + "/") == Fixture.issuer + "/.well-known/openid-configuration")
    }

    @Test func discoveryRoundTripsAndValidates() throws {
        let document = Fixture.provider(clock: TestClock()).discovery()
        let decoded = try JSONDecoder().decode(DiscoveryDocument.self, from: document.jsonData())
        #expect(decoded == document)
        try decoded.validate(expectedIssuer: Fixture.issuer)
        #expect(throws: DiscoveryError.issuerMismatch(expected: "https://other.test", actual: Fixture.issuer)) {
            try decoded.validate(expectedIssuer: "https://other.test")
        }
        var noPKCE = decoded
        noPKCE.codeChallengeMethodsSupported = nil
        #expect(throws: DiscoveryError.unsupported("PKCE S256")) { try noPKCE.validate(expectedIssuer: Fixture.issuer) }
    }

    @Test func aProviderKeptAsPEMSignsTokensItsEarlierJWKSVerifies() throws {
        let clock = TestClock()
        let first = Fixture.provider(clock: clock)
        let restarted = try LocalIdentityProvider(issuer: Fixture.issuer, signingKeyPEM: first.signingKeyPEM,
                                                  clients: [RegisteredClient(clientID: Fixture.clientID, name: "", redirectURIs: [Fixture.redirectURI])],
                                                  people: [LocalPerson(personalIdentificationNumber: Fixture.pin, fullName: Fixture.name, password: "p")],
                                                  now: { clock.now() })
        #expect(restarted.jwks() == first.jwks())
        let client = Fixture.client(restarted)
        let request = client.authorizationRequest(now: clock.now())
        let url = try restarted.authorize(restarted.validateAuthorizationRequest(Fixture.query(request.url)), personalIdentificationNumber: Fixture.pin, password: "p")
        let code = try client.authorizationCode(fromCallbackURL: url, session: request.session, now: clock.now())
        let response = try restarted.exchange(client.tokenRequest(code: code, session: request.session))
        #expect(try client.verifyIDToken(response.idToken, keys: first.jwks(), session: request.session, now: clock.now()).name == Fixture.name)
    }

    @Test func theTokenResponseUsesStandardKeys() throws {
        let json = try JSONEncoder().encode(TokenResponse(accessToken: "a", expiresIn: 300, idToken: "i", scope: "openid"))
        let object = try JSONSerialization.jsonObject(with: json) as! [String: Any]
        #expect(Set(object.keys) == ["access_token", "token_type", "expires_in", "id_token", "scope"])
        let error = try JSONSerialization.jsonObject(with: JSONEncoder().encode(ProviderError.expiredCode.response)) as! [String: String]
        #expect(error == ["error": "invalid_grant", "error_description": "The authorization code has expired."])
    }
}
