import Access
import Core
import Fluent
import Storage
import Vapor

/// Officials and their role assignments, managed by administrators within their unit scope.
struct UserRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let users = routes.grouped("users")
        users.get(use: list)
        users.post(use: create)
        users.post(":username", "roles", use: assign)
        users.delete(":username", "roles", use: unassign)
    }

    @Sendable func list(req: Request) async throws -> Page<UserSummaryDTO> {
        let actor = try req.official()
        let scopes = AccessPolicy.scopes(of: actor, for: .managePeople)
        guard !scopes.isEmpty else { throw Problem.forbidden() }
        let paging = try Paging(req, defaultLimit: 50)
        // Officials holding at least one role inside one of the actor's administered scopes.
        let assignments = try await RoleAssignmentModel.query(on: req.db)
            .join(UnitModel.self, on: \RoleAssignmentModel.$unit.$id == \UnitModel.$id)
            .group(.or) { group in scopes.forEach { group.filter(UnitModel.self, \.$path =~ $0) } }
            .with(\.$user).with(\.$unit).all()
        let users = Dictionary(grouping: assignments, by: { $0.user.username })
            .map { UserSummaryDTO(username: $0.key, fullName: $0.value[0].user.fullName,
                                  roles: $0.value.map { .init(role: $0.role, unit: $0.unit.code) }) }
            .sorted { $0.username < $1.username }
        return paging.page(of: users)
    }

    struct NewUser: Content {
        struct Assignment: Content { var role: Role; var unit: String }
        var username: String
        var password: String
        var fullName: String
        var roles: [Assignment]
    }

    @Sendable func create(req: Request) async throws -> Response {
        let body = try req.decodeBody(NewUser.self)
        let actor = try req.official()
        guard !body.roles.isEmpty else {
            throw Problem.invalid("Cần ít nhất một vai trò", "An official needs at least one role assignment.",
                                  fields: ["roles": "Chọn ít nhất một vai trò."])
        }
        for assignment in body.roles {
            try await requireManagePeople(actor, unitCode: assignment.unit, on: req.db)
        }
        let user = try await AccountStore.createOfficial(
            username: body.username, password: body.password, fullName: body.fullName,
            roles: body.roles.map { ($0.role, $0.unit) }, hasher: req.application.passwordHasher,
            actor: actor.username, at: req.now, on: req.db)
        let response = Response(status: .created)
        try response.content.encode(UserDTO(user, actor: try await AccountStore.actor(for: user, on: req.db)))
        return response
    }

    struct RoleChange: Content { var role: Role; var unit: String; var reason: String? }

    @Sendable func assign(req: Request) async throws -> UserDTO {
        let body = try req.decodeBody(RoleChange.self)
        let actor = try req.official()
        let unit = try await requireManagePeople(actor, unitCode: body.unit, on: req.db)
        let user = try await findOfficial(req)
        try await req.db.writeTransaction { db in
            try await AccountStore.assign(body.role, to: user, in: unit, actor: actor.username, at: req.now, on: db)
        }
        return UserDTO(user, actor: try await AccountStore.actor(for: user, on: req.db))
    }

    @Sendable func unassign(req: Request) async throws -> UserDTO {
        let actor = try req.official()
        guard let roleText = req.query[String.self, at: "role"], let role = Role(rawValue: roleText),
              let unitCode = req.query[String.self, at: "unit"]
        else {
            throw Problem.invalid("Thiếu vai trò hoặc đơn vị", "Query parameters role and unit are required.")
        }
        let unit = try await requireManagePeople(actor, unitCode: unitCode, on: req.db)
        let user = try await findOfficial(req)
        // the same storage function as the administration pages (reason required, no self-revocation of administrator)
        try await AccountStore.revoke(role, from: user, in: unit, reason: req.query[String.self, at: "reason"] ?? "",
                                      actor: actor.username, at: req.now, on: req.db)
        return UserDTO(user, actor: try await AccountStore.actor(for: user, on: req.db))
    }

    @discardableResult
    private func requireManagePeople(_ actor: Actor, unitCode: String, on db: any Database) async throws -> UnitModel {
        guard let unit = try await UnitModel.find(code: unitCode, on: db) else {
            throw Problem.invalid("Không tìm thấy đơn vị \(unitCode)", "No unit with code \(unitCode).",
                                  fields: ["unit": "Không có đơn vị mã \(unitCode)."])
        }
        guard AccessPolicy.allows(actor, .managePeople, onUnitAt: unit.path) else { throw Problem.forbidden() }
        return unit
    }

    private func findOfficial(_ req: Request) async throws -> UserModel {
        let username = req.parameters.get("username") ?? ""
        guard let user = try await UserModel.find(username: username, on: req.db), user.kind == .official else {
            throw Problem.notFound("Không tìm thấy cán bộ", "No official with username \(username).")
        }
        return user
    }
}

/// An official with roles, as administrators see them.
struct UserSummaryDTO: Content {
    var username: String
    var fullName: String
    var roles: [UserDTO.Assignment]
}
