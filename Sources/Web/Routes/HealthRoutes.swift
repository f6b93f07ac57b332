import Fluent
import Storage
import Vapor

/// `GET /healthz` (liveness, and the database with `?deep=1`) and `GET /metrics` (Prometheus text).
struct HealthRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("healthz", use: health)
        routes.get("metrics", use: metrics)
    }

    struct Health: Content { var status: String }

    @Sendable func health(req: Request) async throws -> Health {
        if req.query[String.self, at: "deep"] == "1" {
            _ = try await UnitModel.query(on: req.db).limit(1).count()
        }
        return Health(status: "ok")
    }

    @Sendable func metrics(req: Request) async throws -> Response {
        let response = Response(status: .ok, body: .init(string: PlatformMetrics.render()))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "plain",
                                                     parameters: ["version": "0.0.4", "charset": "utf-8"])
        return response
    }
}

