import Storage
import Vapor

/// `POST /api/v1/citizens` — a citizen signs up with the personal identification number.
struct CitizenRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("citizens", use: register)
    }

    struct SignUp: Content {
        var personalId: String
        var password: String
        var fullName: String
        var email: String?
        var phone: String?
    }

    @Sendable func register(req: Request) async throws -> Response {
        let body = try req.decodeBody(SignUp.self)
        let user = try await AccountStore.registerCitizen(personalID: body.personalId, password: body.password,
                                                          fullName: body.fullName, email: body.email, phone: body.phone,
                                                          hasher: req.application.passwordHasher, at: req.now, on: req.db)
        let response = Response(status: .created)
        try response.content.encode(UserDTO(user, actor: try await AccountStore.actor(for: user, on: req.db)))
        return response
    }
}
