import Core
import Crypto
import DemoData
import Fluent
import Foundation
import Identity
import Storage
import Vapor

/// Where cqs's OpenID Connect client gets the provider's metadata, keys and tokens (the identity-provider adapter).
/// The shipped implementation is the LOCAL STAND-IN below; a real VNeID adapter fetches the same documents over HTTPS.
protocol IdentityProviderAdapter: Sendable {
    func discovery() -> DiscoveryDocument
    func jwks() -> JSONWebKeySet
    func exchange(_ request: TokenRequest) throws -> TokenResponse
}

/// The local stand-in for VNeID (not VNeID): an OpenID provider inside cqs, mounted at `/vneid-thu`, that knows the
/// demo citizen. Its endpoints are real HTTP pages for the browser (authorize); the token exchange and the keys
/// reach the client through the adapter.
extension LocalIdentityProvider: IdentityProviderAdapter {}

extension Application {
    private struct IdentityProviderKey: StorageKey { typealias Value = LocalIdentityProvider }

    /// The stand-in provider (made on first use; its issuer is the public address + `/vneid-thu`).
    var localIdentityProvider: LocalIdentityProvider {
        if let provider = storage[IdentityProviderKey.self] { return provider }
        let base = config.publicURL
        let provider = LocalIdentityProvider(
            issuer: base + "/vneid-thu",
            clients: [RegisteredClient(clientID: "cqs", name: "Chính quyền số Tuyên Quang", redirectURIs: [base + VNeIDPages.callbackPath])],
            people: [LocalPerson(personalIdentificationNumber: DemoSeed.citizenID, fullName: "Nguyễn Văn Hùng", password: DemoSeed.password)],
            now: { [clock] in clock.now() })
        storage[IdentityProviderKey.self] = provider
        return provider
    }
}

/// Sign-in with VNeID: the client side (`/dang-nhap/vneid` → provider → `/dang-nhap/vneid/ket-qua`) and the stand-in
/// provider's pages (`/vneid-thu/…`).
struct VNeIDPages: RouteCollection {
    static let callbackPath = "/dang-nhap/vneid/ket-qua"
    static let cookie = "cqs_oidc"

    func boot(routes: any RoutesBuilder) throws {
        routes.get("dang-nhap", "vneid", use: start)
        routes.get("dang-nhap", "vneid", "ket-qua", use: callback)
        let provider = routes.grouped("vneid-thu")
        provider.get(".well-known", "openid-configuration", use: discovery)
        provider.get("jwks.json", use: jwks)
        provider.get("authorize", use: authorizeForm)
        provider.post("authorize", use: authorize)
        provider.post("token", use: token)
    }

    func client(_ req: Request) -> OIDCClient {
        OIDCClient(clientID: "cqs", redirectURI: req.application.config.publicURL + Self.callbackPath,
                   provider: req.application.localIdentityProvider.discovery())
    }

    /// The session of the flow travels in a cookie sealed with AES-GCM (the platform's key), so it cannot be read
    /// or altered by the browser.
    func sealKey(_ req: Request) -> SymmetricKey {
        SymmetricKey(data: SHA256.hash(data: Data(("oidc-session:" + req.application.config.signingPassphrase).utf8)))
    }

    // MARK: client

    @Sendable func start(req: Request) async throws -> Response {
        let request = client(req).authorizationRequest(now: req.now)
        let sealed = try AES.GCM.seal(try JSONEncoder().encode(request.session), using: sealKey(req)).combined ?? Data()
        let response = req.redirect(to: request.url.absoluteString, redirectType: .normal)
        response.cookies[Self.cookie] = HTTPCookies.Value(string: Base64URL.encode(sealed), maxAge: 600, path: "/dang-nhap",
                                                          isSecure: req.application.config.publicURL.hasPrefix("https"),
                                                          isHTTPOnly: true, sameSite: .lax)
        return response
    }

    @Sendable func callback(req: Request) async throws -> Response {
        func refuse(_ message: String) -> Response {
            HTML.page(title: t("Đăng nhập bằng VNeID"), body: "<h1>\(t("Đăng nhập bằng VNeID"))</h1><p class=\"error\" role=\"alert\">\(HTML.escape(message))</p><p><a href=\"/dang-nhap\">\(t("Quay lại đăng nhập"))</a></p>",
                      status: .unauthorized)
        }
        guard let text = req.cookies[Self.cookie]?.string, let sealed = Base64URL.decode(text),
              let box = try? AES.GCM.SealedBox(combined: sealed),
              let plain = try? AES.GCM.open(box, using: sealKey(req)),
              let session = try? JSONDecoder().decode(AuthorizationSession.self, from: plain) else {
            return refuse(t("Phiên đăng nhập đã hết hạn, vui lòng thử lại."))
        }
        let query = (try? req.query.decode([String: String].self)) ?? [:]
        let client = client(req)
        let provider = req.application.localIdentityProvider
        let claims: IDTokenClaims
        do {
            let code = try client.authorizationCode(fromCallback: query, session: session, now: req.now)
            let tokens = try provider.exchange(client.tokenRequest(code: code, session: session))
            claims = try client.verifyIDToken(tokens.idToken, keys: provider.jwks(), session: session, now: req.now)
        } catch let error as any IdentityError {
            return refuse(Self.say(error))
        }
        // the citizen's account: found by the personal identification number, or opened on the first sign-in
        let user: UserModel
        if let existing = try await UserModel.query(on: req.db).filter(\UserModel.$personalID == claims.personalIdentificationNumber).first() {
            user = existing
        } else {
            user = try await AccountStore.registerCitizen(personalID: claims.personalIdentificationNumber,
                                                          password: Base64URL.encode(Data([UInt8].random(count: 24))),
                                                          fullName: claims.name, email: nil, phone: nil,
                                                          hasher: req.application.passwordHasher, at: req.now, on: req.db)
        }
        let lifetime = req.application.config.sessionLifetime
        let issued = try await AccountStore.issueToken(for: user, kind: .session, lifetime: lifetime, at: req.now, on: req.db)
        let response = req.redirect(to: "/ho-so-cua-toi", redirectType: .normal)
        response.cookies[sessionCookieName] = HTTPCookies.Value(string: issued.token, expires: issued.expiresAt, maxAge: Int(lifetime), path: "/",
                                                                isSecure: req.application.config.publicURL.hasPrefix("https"),
                                                                isHTTPOnly: true, sameSite: .lax)
        response.cookies[Self.cookie] = .expired
        return response
    }

    // MARK: the stand-in provider

    func json<T: Encodable>(_ value: T, status: HTTPStatus = .ok) throws -> Response {
        let response = Response(status: status, body: .init(data: try JSONEncoder().encode(value)))
        response.headers.contentType = .json
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    @Sendable func discovery(req: Request) async throws -> Response { try json(req.application.localIdentityProvider.discovery()) }

    @Sendable func jwks(req: Request) async throws -> Response { try json(req.application.localIdentityProvider.jwks()) }

    @Sendable func authorizeForm(req: Request) async throws -> Response {
        let query = (try? req.query.decode([String: String].self)) ?? [:]
        let validated: ValidatedAuthorizationRequest
        do { validated = try req.application.localIdentityProvider.validateAuthorizationRequest(query) } catch let error as ProviderError {
            return HTML.page(title: t("VNeID (thử nghiệm)"), body: "<h1>\(t("Yêu cầu đăng nhập không hợp lệ"))</h1><p class=\"error\">\(HTML.escape(Self.say(error)))</p>",
                             status: HTTPStatus(statusCode: error.httpStatus))
        }
        return standInPage(validated, error: nil)
    }

    func standInPage(_ validated: ValidatedAuthorizationRequest, error: String?, status: HTTPStatus = .ok) -> Response {
        let hidden = validated.parameters.map { "<input type=\"hidden\" name=\"\(HTML.escape($0.0))\" value=\"\(HTML.escape($0.1))\">" }.joined()
        return HTML.page(title: t("VNeID (thử nghiệm)"), body: """
        <h1>\(t("VNeID — máy chủ thử nghiệm cục bộ"))</h1>
        <p>\(t("Đây không phải VNeID: máy chủ định danh thử nghiệm của cqs, hoạt động như một nhà cung cấp OpenID Connect."))</p>
        \(error.map { "<p class=\"error\" role=\"alert\">\(HTML.escape($0))</p>" } ?? "")
        <form method="post" action="/vneid-thu/authorize">\(hidden)
        <label for="pin">\(t("Số định danh cá nhân"))</label><input id="pin" name="pin" inputmode="numeric" autocomplete="username">
        <label for="password">\(t("Mật khẩu VNeID"))</label><input id="password" name="password" type="password" autocomplete="current-password">
        <button type="submit">\(t("Xác thực"))</button></form>
        """, status: status)
    }

    @Sendable func authorize(req: Request) async throws -> Response {
        let form = (try? req.content.decode([String: String].self)) ?? [:]
        let provider = req.application.localIdentityProvider
        let validated: ValidatedAuthorizationRequest
        do { validated = try provider.validateAuthorizationRequest(form) } catch let error as ProviderError {
            return HTML.page(title: t("VNeID (thử nghiệm)"), body: "<h1>\(t("Yêu cầu đăng nhập không hợp lệ"))</h1><p class=\"error\">\(HTML.escape(Self.say(error)))</p>",
                             status: HTTPStatus(statusCode: error.httpStatus))
        }
        do {
            let redirect = try provider.authorize(validated, personalIdentificationNumber: form["pin"] ?? "", password: form["password"] ?? "")
            return req.redirect(to: redirect.absoluteString, redirectType: .normal)
        } catch let error as ProviderError {
            return standInPage(validated, error: Self.say(error), status: .unauthorized)
        }
    }

    /// An identity error as the page tells it: Vietnamese, or its English message in English.
    static func say(_ error: any IdentityError) -> String { Language.current == .en ? error.english : error.vietnamese }

    @Sendable func token(req: Request) async throws -> Response {
        let form = (try? req.content.decode([String: String].self)) ?? [:]
        do { return try json(try req.application.localIdentityProvider.exchange(form: form)) } catch let error as ProviderError {
            return try json(error.response, status: HTTPStatus(statusCode: error.httpStatus))
        }
    }
}
