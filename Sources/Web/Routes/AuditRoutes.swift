import Access
import Core
import Fluent
import Storage
import Vapor

/// `GET /api/v1/audit` — the audit log (who, when, what, why), for province administrators.
struct AuditRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("audit", use: list)
    }

    struct EventDTO: Content {
        var at: Date
        var actor: String
        var action: String
        var subject: String
        var reason: String?
    }

    @Sendable func list(req: Request) async throws -> Page<EventDTO> {
        let actor = try req.official()
        guard AccessPolicy.isProvinceAdministrator(actor) else { throw Problem.forbidden() }
        let paging = try Paging(req, defaultLimit: 50)
        var query = AuditEventModel.query(on: req.db)
        if let subject = req.query[String.self, at: "subject"] { query = query.filter(\.$subject == subject) }
        if let action = req.query[String.self, at: "action"] { query = query.filter(\.$action == action) }
        let (rows, total) = try await paging.rows(of: query, sorted: { $0.sort(\.$at, .descending) })
        return paging.page(rows.map { EventDTO(at: $0.at, actor: $0.actor, action: $0.action, subject: $0.subject,
                                               reason: $0.reason) }, total: total)
    }
}
