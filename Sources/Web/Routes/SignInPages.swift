import Core
import Storage
import Vapor

/// Browser sign-in with a session cookie: `GET/POST /dang-nhap`, `POST /dang-xuat`, and a minimal home page.
struct SignInPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: home)
        routes.get("dang-nhap", use: form)
        routes.post("dang-nhap", use: signIn)
        routes.post("dang-xuat", use: signOut)
    }

    @Sendable func home(req: Request) async throws -> Response {
        if let signedIn = req.auth.get(SignedIn.self) {
            let roles = signedIn.actor.assignments.map { "\(roleName($0.role)) — \($0.unitCode)" }
            return HTML.page(title: t("Trang chủ"), body: """
            <h1>\(t("Chính quyền số Tuyên Quang"))</h1>
            <p>\(t("Xin chào {0}.", "<strong>\(HTML.escape(signedIn.user.fullName))</strong>"))</p>
            <ul>\(roles.map { "<li>\(HTML.escape($0))</li>" }.joined())</ul>
            <form method="post" action="/dang-xuat"><button type="submit">\(t("Đăng xuất"))</button></form>
            """)
        }
        return PortalPages.home()
    }

    @Sendable func form(req: Request) async throws -> Response {
        HTML.page(title: t("Đăng nhập"), body: Self.formHTML(username: "", error: nil))
    }

    struct Credentials: Content { var username: String; var password: String }

    @Sendable func signIn(req: Request) async throws -> Response {
        let credentials = try req.content.decode(Credentials.self)
        do {
            let user = try await AccountStore.signIn(username: credentials.username, password: credentials.password,
                                                     hasher: req.application.passwordHasher, at: req.now, on: req.db)
            let lifetime = req.application.config.sessionLifetime
            let token = try await AccountStore.issueToken(for: user, kind: .session, lifetime: lifetime, at: req.now,
                                                          on: req.db)
            let response = req.redirect(to: "/", redirectType: .normal)
            response.cookies[sessionCookieName] = HTTPCookies.Value(
                string: token.token, expires: token.expiresAt, maxAge: Int(lifetime), path: "/",
                isSecure: req.application.config.publicURL.hasPrefix("https"), isHTTPOnly: true, sameSite: .lax)
            return response
        } catch let problem as Problem where problem.status == 401 || problem.status == 423 {
            let message = problem.status == 401 ? t("Tên đăng nhập hoặc mật khẩu không đúng.") : problem.message
            return HTML.page(title: t("Đăng nhập"), body: Self.formHTML(username: credentials.username, error: message),
                             status: HTTPStatus(statusCode: problem.status))
        }
    }

    @Sendable func signOut(req: Request) async throws -> Response {
        if let signedIn = req.auth.get(SignedIn.self) {
            try await AccountStore.revoke(token: signedIn.token, at: req.now, on: req.db)
        }
        let response = req.redirect(to: "/", redirectType: .normal)
        response.cookies[sessionCookieName] = .expired
        return response
    }

    static func formHTML(username: String, error: String?) -> String {
        """
        <h1>\(t("Đăng nhập"))</h1>
        \(error.map { "<p class=\"error\" role=\"alert\">\(HTML.escape($0))</p>" } ?? "")
        <form method="post" action="/dang-nhap">
        <label for="username">\(t("Tên đăng nhập hoặc số định danh cá nhân"))</label>
        <input id="username" name="username" autocomplete="username" required value="\(HTML.escape(username))">
        <label for="password">\(t("Mật khẩu"))</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required>
        <button type="submit">\(t("Đăng nhập"))</button>
        </form>
        <p><a class="button" href="/dang-nhap/vneid">\(t("Đăng nhập bằng VNeID"))</a></p>
        """
    }
}
