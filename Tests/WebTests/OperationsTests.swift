import Fluent
import Core
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import Web

/// API conventions and operations: OpenAPI coverage, problem+json, health, metrics, log redaction.
@Suite struct OperationsTests {
    @Test func openapi_document_covers_every_api_route_and_nothing_else() async throws {
        try await withPlatform(.sqlite, seeded: false) { app in
            // setup: the routes Vapor serves under /api/v1, as OpenAPI paths
            let served = Set(app.routes.all.compactMap { route -> String? in
                let path = "/" + route.path.map { component -> String in
                    if case .parameter(let name) = component { return "{\(name)}" }
                    return component.description
                }.joined(separator: "/")
                return path.hasPrefix("/api/v1/") ? "\(route.method.rawValue) \(path)" : nil
            })
            // act
            let response = try await app.send(.GET, "/api/v1/openapi.json")
            let document = object(response)
            let paths = document["paths"] as? [String: [String: Any]] ?? [:]
            let documented = Set(paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
            // check
            #expect(document["openapi"] as? String == "3.1.0")
            #expect(served.subtracting(documented).isEmpty, "undocumented routes: \(served.subtracting(documented).sorted())")
            #expect(documented.subtracting(served).isEmpty, "documented but not served: \(documented.subtracting(served).sorted())")
            // every $ref points to a defined schema
            let schemas = ((document["components"] as? [String: Any])?["schemas"] as? [String: Any]) ?? [:]
            let text = response.body.string
            let refs = text.components(separatedBy: "#/components/schemas/").dropFirst().map { $0.prefix { $0 != "\"" } }
            #expect(!refs.isEmpty)
            for ref in refs { #expect(schemas[String(ref)] != nil, "schema \(ref) is defined") }
        }
    }

    @Test(arguments: Engine.all)
    func errors_are_problem_json_with_vietnamese_title_and_english_detail(engine: Engine) async throws {
        try await withPlatform(engine, seeded: false) { app in
            for (method, path, status) in [(HTTPMethod.GET, "/api/v1/procedures/9.999999", 404), (.GET, "/api/v1/no-such-thing", 404),
                                           (.GET, "/api/v1/me", 401), (.POST, "/api/v1/citizens", 400)] {
                let response = try await app.send(method, path, body: method == .POST ? json(["personalId": 1]) : nil)
                #expect(Int(response.status.code) == status, "\(path)")
                #expect(response.headers.contentType?.description.hasPrefix("application/problem+json") == true)
                let problem = object(response)
                #expect(problem["status"] as? Int == status)
                #expect((problem["title"] as? String)?.isEmpty == false)
                #expect((problem["detail"] as? String)?.isEmpty == false)
            }
        }
    }

    @Test func health_and_metrics_answer() async throws {
        try await withPlatform(.sqlite, seeded: false) { app in
            let health = try await app.send(.GET, "/healthz?deep=1")
            #expect(health.status == .ok)
            #expect(object(health)["status"] as? String == "ok")
            _ = try await app.send(.GET, "/api/v1/calendar/2026")
            let metrics = try await app.send(.GET, "/metrics")
            #expect(metrics.status == .ok)
            #expect(metrics.body.string.contains("cqs_http_requests_total"))
            #expect(metrics.body.string.contains(#"route="/api/v1/calendar/:year""#))
        }
    }

    @Test func no_personal_number_password_or_token_appears_in_any_log_line() async throws {
        try await withPlatform(.sqlite) { app in
            // setup: values that must never be logged
            let personalID = "008195012345", password = "BiMat-Tuyet-Doi-2026"
            // act: feed them through sign-up, sign-in, a path, a failing request and the token itself
            _ = try await app.send(.POST, "/api/v1/citizens", body: json([
                "personalId": personalID, "password": password, "fullName": "Lò Văn Páo"]))
            let token = try await app.token(personalID, password: password)
            _ = try await app.send(.GET, "/api/v1/me", token: token)
            _ = try await app.send(.GET, "/api/v1/units/\(personalID)", token: token)
            _ = try await app.send(.POST, "/api/v1/auth/token", body: json(["username": personalID, "password": password + "x"]))
            _ = try await app.send(.GET, "/api/v1/me", token: token + "x")
            app.logger.info("sign-in attempt password=\(password) token: \(token) for \(personalID)")
            // check
            let lines = LogCapture.shared.all
            #expect(lines.count > 5)
            #expect(lines.contains { $0.contains("[personal-id]") })
            for line in lines {
                #expect(!line.contains(personalID), "personal number in: \(line)")
                #expect(!line.contains(password), "password in: \(line)")
                #expect(!line.contains(token), "token in: \(line)")
            }
        }
    }
}
