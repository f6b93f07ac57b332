import Access
import Core
import Storage
import Vapor

/// `POST /api/v1/auth/token` (sign in, get an expiring bearer token), `DELETE /api/v1/auth/token` (revoke it),
/// `GET /api/v1/me` (who am I).
struct AuthRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("auth", "token", use: issue)
        routes.delete("auth", "token", use: revoke)
        routes.get("me", use: me)
    }

    struct TokenRequest: Content { var username: String; var password: String }
    struct TokenResponse: Content { var token: String; var tokenType: String; var expiresAt: Date }

    @Sendable func issue(req: Request) async throws -> Response {
        let body = try req.decodeBody(TokenRequest.self)
        let user = try await AccountStore.signIn(username: body.username, password: body.password,
                                                 hasher: req.application.passwordHasher, at: req.now, on: req.db)
        let token = try await AccountStore.issueToken(for: user, kind: .bearer,
                                                      lifetime: req.application.config.tokenLifetime, at: req.now, on: req.db)
        let response = Response(status: .created)
        try response.content.encode(TokenResponse(token: token.token, tokenType: "Bearer", expiresAt: token.expiresAt))
        response.headers.cacheControl = .init(noStore: true)
        return response
    }

    @Sendable func revoke(req: Request) async throws -> HTTPStatus {
        let signedIn = try req.signedIn()
        try await AccountStore.revoke(token: signedIn.token, at: req.now, on: req.db)
        try await AuditEventModel.record(on: req.db, at: req.now, actor: signedIn.user.username, action: "token.revoke",
                                         subject: "user:\(signedIn.user.username)")
        return .noContent
    }

    @Sendable func me(req: Request) async throws -> UserDTO {
        let signedIn = try req.signedIn()
        return UserDTO(signedIn.user, actor: signedIn.actor)
    }
}

/// An account as the API shows it (never the password hash; a citizen's number masked).
struct UserDTO: Content {
    struct Assignment: Content { var role: Role; var unit: String }
    var id: UUID
    var username: String
    var kind: Actor.Kind
    var fullName: String
    var roles: [Assignment]

    init(_ user: UserModel, actor: Actor) {
        id = user.id ?? UUID()
        username = user.kind == .citizen ? (try? PersonalIdentificationNumber(user.username, currentYear: 9999).masked)
            ?? user.username : user.username
        kind = user.kind
        fullName = user.fullName
        roles = actor.assignments.map { Assignment(role: $0.role, unit: $0.unitCode) }
    }
}
