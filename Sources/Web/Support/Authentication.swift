import Access
import Core
import Fluent
import Foundation
import Storage
import Vapor

/// The signed-in account and its acting identity, attached to the request.
struct SignedIn: Authenticatable {
    var user: UserModel
    var actor: Actor
    /// The raw token that authenticated the request (to revoke it on sign-out).
    var token: String
}

/// Name of the session cookie.
let sessionCookieName = "cqs_session"

/// Authenticates `Authorization: Bearer …` (API tokens) or the session cookie (browser sign-in).
struct SessionTokenAuthenticator: AsyncMiddleware {
    /// Where the token is looked up (the default database, made once per event loop).
    let databases: ReadyDatabases

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let bearer = request.headers.bearerAuthorization?.token {
            if let (user, actor) = try await AccountStore.authenticate(token: bearer, kind: .bearer, at: request.now,
                                                                      on: databases.database(for: request)) {
                request.auth.login(SignedIn(user: user, actor: actor, token: bearer))
            } else {
                throw Problem.unauthenticated("Mã truy cập không hợp lệ, đã hết hạn hoặc đã bị thu hồi",
                                              "The bearer token is invalid, expired or revoked.")
            }
        } else if let cookie = request.cookies[sessionCookieName]?.string,
                  let (user, actor) = try await AccountStore.authenticate(token: cookie, kind: .session, at: request.now,
                                                                          on: databases.database(for: request)) {
            request.auth.login(SignedIn(user: user, actor: actor, token: cookie))
        }
        return try await next.respond(to: request)
    }
}

extension Request {
    /// The signed-in account, or 401.
    func signedIn() throws -> SignedIn {
        guard let signedIn = auth.get(SignedIn.self) else { throw Problem.unauthenticated() }
        return signedIn
    }

    /// The acting official, or 401/403.
    func official() throws -> Actor {
        let actor = try signedIn().actor
        guard actor.kind == .official else { throw Problem.forbidden() }
        return actor
    }

    /// Requires `permission` on the unit at `unitPath`: 403 otherwise.
    func require(_ permission: Permission, onUnitAt unitPath: String) throws -> Actor {
        let actor = try official()
        guard AccessPolicy.allows(actor, permission, onUnitAt: unitPath) else { throw Problem.forbidden() }
        return actor
    }

    /// Requires a province-wide permission (catalog, calendar): 403 otherwise.
    func requireProvinceWide(_ permission: Permission) throws -> Actor {
        let actor = try official()
        guard AccessPolicy.allowsProvinceWide(actor, permission) else { throw Problem.forbidden() }
        return actor
    }
}
