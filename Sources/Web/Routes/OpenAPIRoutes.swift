import Vapor

/// `GET /api/v1/openapi.json` — the OpenAPI 3.1 document of every `/api/v1` route.
struct OpenAPIRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("openapi.json", use: document)
    }

    @Sendable func document(req: Request) async throws -> Response {
        let response = Response(status: .ok, body: .init(data: OpenAPIDocument.json))
        response.headers.contentType = .json
        return response
    }
}

/// A JSON value, for writing the OpenAPI document as Swift literals.
indirect enum JSONValue: Encodable, ExpressibleByStringLiteral, ExpressibleByDictionaryLiteral,
    ExpressibleByArrayLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral, Sendable {
    case string(String), number(Double), bool(Bool), array([JSONValue]), object([(String, JSONValue)])

    init(stringLiteral value: String) { self = .string(value) }
    init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(elements) }
    init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(integerLiteral value: Int) { self = .number(Double(value)) }

    struct Name: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .string(let value): var c = encoder.singleValueContainer(); try c.encode(value)
        case .number(let value): var c = encoder.singleValueContainer(); try c.encode(value)
        case .bool(let value): var c = encoder.singleValueContainer(); try c.encode(value)
        case .array(let values): var c = encoder.unkeyedContainer(); for v in values { try c.encode(v) }
        case .object(let pairs):
            var c = encoder.container(keyedBy: Name.self)
            for (key, value) in pairs { try c.encode(value, forKey: Name(stringValue: key)) }
        }
    }

    subscript(key: String) -> JSONValue? {
        if case .object(let pairs) = self { return pairs.first { $0.0 == key }?.1 }
        return nil
    }

    var keys: [String] {
        if case .object(let pairs) = self { return pairs.map(\.0) }
        return []
    }
}

/// The OpenAPI 3.1 description of the API, with the schemas of every request and response body.
enum OpenAPIDocument {
    static let json: Data = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .prettyPrinted]
        return try! encoder.encode(document)
    }()

    // MARK: building blocks

    static func ref(_ name: String) -> JSONValue { ["$ref": .string("#/components/schemas/\(name)")] }
    static func page(_ item: String) -> JSONValue {
        ["type": "object", "required": ["items", "total", "limit", "offset"], "properties": [
            "items": ["type": "array", "items": ref(item)], "total": ["type": "integer"],
            "limit": ["type": "integer"], "offset": ["type": "integer"]]]
    }
    static func object(_ required: [String], _ properties: [(String, JSONValue)]) -> JSONValue {
        ["type": "object", "required": .array(required.map { .string($0) }), "properties": .object(properties)]
    }
    static let string: JSONValue = ["type": "string"]
    static let date: JSONValue = ["type": "string", "format": "date"]
    static let dateTime: JSONValue = ["type": "string", "format": "date-time"]
    static let integer: JSONValue = ["type": "integer"]
    static let number: JSONValue = ["type": "number"]
    static let boolean: JSONValue = ["type": "boolean"]
    static func array(_ item: JSONValue) -> JSONValue { ["type": "array", "items": item] }
    static func enumeration(_ values: [String]) -> JSONValue { ["type": "string", "enum": .array(values.map { .string($0) })] }

    static func json(_ schema: JSONValue) -> JSONValue { ["application/json": ["schema": schema]] }
    static let problem: JSONValue = ["description": "Problem (RFC 9457)", "content": ["application/problem+json": ["schema": ref("Problem")]]]
    static func ok(_ schema: JSONValue, status: String = "200", _ description: String = "OK") -> (String, JSONValue) {
        (status, ["description": .string(description), "content": json(schema)])
    }
    static func query(_ name: String, _ schema: JSONValue, required: Bool = false, _ description: String = "") -> JSONValue {
        ["name": .string(name), "in": "query", "required": .bool(required), "schema": schema, "description": .string(description)]
    }
    static func path(_ name: String, _ schema: JSONValue = ["type": "string"]) -> JSONValue {
        ["name": .string(name), "in": "path", "required": true, "schema": schema]
    }
    /// The `Idempotency-Key` header of a submission that makes `what` (a dossier, a group).
    static func idempotencyKey(_ what: String) -> JSONValue {
        ["name": "Idempotency-Key", "in": "header", "required": false, "schema": string,
         "description": .string("The submission's key (1-100 visible ASCII characters): sent again from the same account with the same submission, the answer is 200 with the \(what) it created, and nothing new is written; with another submission, a 422 problem")]
    }
    static let paging: [JSONValue] = [query("limit", integer, "1-200"), query("offset", integer)]
    static let bearer: JSONValue = [["bearer": []], ["session": []]]

    static func operation(_ summary: String, tag: String, parameters: [JSONValue] = [], body: JSONValue? = nil,
                          responses: [(String, JSONValue)], secured: Bool = false) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("summary", .string(summary)), ("tags", [.string(tag)])]
        if !parameters.isEmpty { pairs.append(("parameters", .array(parameters))) }
        if let body { pairs.append(("requestBody", ["required": true, "content": json(body)])) }
        pairs.append(("responses", .object(responses + [("default", problem)])))
        if secured { pairs.append(("security", bearer)) }
        return .object(pairs)
    }

    // MARK: the document

    static let document: JSONValue = [
        "openapi": "3.1.0",
        "info": ["title": "ChinhQuyenSo (cqs) API", "version": "1",
                 "description": "Chính quyền số — the province's digital-government platform. Errors are application/problem+json with a Vietnamese title and an English detail; lists are {items, total} with limit/offset."],
        "servers": [["url": "/"]],
        "paths": allPaths.merging(reportPaths),
        "components": ["schemas": schemas.merging(reportSchemas), "securitySchemes": [
            "bearer": ["type": "http", "scheme": "bearer"],
            "session": ["type": "apiKey", "in": "cookie", "name": "cqs_session"]]],
    ]

    static let paths: JSONValue = [
        "/api/v1/openapi.json": ["get": operation("This document", tag: "meta", responses: [ok(["type": "object"])])],
        "/api/v1/auth/token": [
            "post": operation("Sign in: an expiring, revocable bearer token (5 failures lock the account 15 minutes)",
                              tag: "access", body: ref("TokenRequest"), responses: [ok(ref("TokenResponse"), status: "201")]),
            "delete": operation("Revoke the token in use", tag: "access",
                                responses: [("204", ["description": "Revoked"])], secured: true)],
        "/api/v1/me": ["get": operation("The signed-in account", tag: "access", responses: [ok(ref("User"))], secured: true)],
        "/api/v1/citizens": ["post": operation("Citizen sign-up with the personal identification number", tag: "access",
                                               body: ref("CitizenSignUp"), responses: [ok(ref("User"), status: "201")])],
        "/api/v1/units": [
            "get": operation("List units", tag: "organisation", parameters: [
                query("parent", string), query("kind", ref("UnitKind")), query("structure", enumeration(["2025", "legacy"])),
                query("validOn", date)] + paging, responses: [ok(page("Unit"))]),
            "post": operation("Create a unit under a parent (administrator of the parent)", tag: "organisation",
                              body: ref("NewUnit"), responses: [ok(ref("Unit"), status: "201")], secured: true)],
        "/api/v1/units/{code}": [
            "get": operation("A unit with its successors and predecessors", tag: "organisation",
                             parameters: [path("code")], responses: [ok(ref("UnitDetail"))]),
            "delete": operation("Delete an unreferenced unit (409 when anything refers to it)", tag: "organisation",
                                parameters: [path("code"), query("reason", string, required: true)],
                                responses: [("204", ["description": "Deleted"])], secured: true)],
        "/api/v1/units/{code}/end": ["post": operation("End a unit's validity", tag: "organisation",
                                                       parameters: [path("code")], body: ref("EndUnit"),
                                                       responses: [ok(ref("Unit"))], secured: true)],
        "/api/v1/units/{code}/people": ["get": operation("People holding roles in a unit", tag: "organisation",
                                                         parameters: [path("code")] + paging,
                                                         responses: [ok(page("Person"))], secured: true)],
        "/api/v1/users": [
            "get": operation("Officials within the administrator's scope", tag: "access", parameters: paging,
                             responses: [ok(page("UserSummary"))], secured: true),
            "post": operation("Create an official with role assignments", tag: "access", body: ref("NewUser"),
                              responses: [ok(ref("User"), status: "201")], secured: true)],
        "/api/v1/users/{username}/roles": [
            "post": operation("Assign a role in a unit", tag: "access", parameters: [path("username")],
                              body: ref("RoleChange"), responses: [ok(ref("User"))], secured: true),
            "delete": operation("Revoke a role", tag: "access", parameters: [
                path("username"), query("role", ref("Role"), required: true), query("unit", string, required: true),
                query("reason", string, required: true)], responses: [ok(ref("User"))], secured: true)],
        "/api/v1/calendar/deadline": ["get": operation(
            "Legal due date-time: N working days, H working hours, or same-day with a cut-off hour", tag: "calendar",
            parameters: [query("from", dateTime, required: true), query("workingDays", number),
                         query("hours", number), query("sameDay", boolean), query("cutoffHour", integer)],
            responses: [ok(ref("Deadline"))])],
        "/api/v1/calendar/{year}": ["get": operation("Non-working days of a year (1990-2100)", tag: "calendar",
                                                     parameters: [path("year", integer)],
                                                     responses: [ok(ref("CalendarYear"))])],
        "/api/v1/calendar/{year}/notice": [
            "get": operation("The government's yearly notice as recorded", tag: "calendar",
                             parameters: [path("year", integer)], responses: [ok(ref("YearNotice"))]),
            "put": operation("Record the yearly notice (province administrator)", tag: "calendar",
                             parameters: [path("year", integer), query("reason", string)], body: ref("YearNotice"),
                             responses: [ok(ref("CalendarYear"))], secured: true)],
        "/api/v1/procedures": [
            "get": operation("Search published procedures (diacritics- and case-insensitive, best match first)",
                             tag: "catalog", parameters: [query("q", string), query("level", ref("ProcedureLevel")),
                                                          query("field", string), query("agency", string)] + paging,
                             responses: [ok(page("ProcedureSummary"))]),
            "post": operation("Save a procedure draft (province administrator)", tag: "catalog",
                              body: ref("ProcedureRecord"), responses: [ok(ref("ProcedureSummary"), status: "201")],
                              secured: true)],
        "/api/v1/procedures/{code}": ["get": operation("A published procedure's whole record", tag: "catalog",
                                                       parameters: [path("code")], responses: [ok(ref("ProcedureDetail"))])],
        "/api/v1/procedures/{code}/versions/{version}": ["get": operation(
            "One published version", tag: "catalog", parameters: [path("code"), path("version", integer)],
            responses: [ok(ref("ProcedureDetail"))])],
        "/api/v1/procedures/{code}/publish": ["post": operation("Publish the draft as a new version", tag: "catalog",
                                                                parameters: [path("code")],
                                                                responses: [ok(ref("ProcedureDetail"))], secured: true)],
        "/api/v1/procedures/{code}/retire": ["post": operation("Retire a procedure", tag: "catalog",
                                                               parameters: [path("code")], body: ref("Reason"),
                                                               responses: [ok(ref("ProcedureSummary"))], secured: true)],
        "/api/v1/procedure-groups": ["get": operation("Linked procedure groups (liên thông)", tag: "catalog",
                                                      responses: [ok(page("ProcedureGroup"))])],
        "/api/v1/files": ["post": [
            "summary": "Upload a file (raw body: PDF, JPEG, PNG, DOCX or XML, size-limited); stored once by SHA-256",
            "tags": ["dossiers"], "parameters": [query("name", string)],
            "requestBody": ["required": true, "content": ["application/octet-stream": ["schema": ["type": "string", "format": "binary"]]]],
            "responses": ["201": ["description": "Stored", "content": json(ref("StoredFile"))], "default": problem],
            "security": bearer]],
        "/api/v1/files/{sha256}": ["get": [
            "summary": "Download a file (its uploader, or whoever may see a dossier it is attached to)", "tags": ["dossiers"],
            "parameters": [path("sha256")],
            "responses": ["200": ["description": "The file", "content": ["application/octet-stream": ["schema": ["type": "string", "format": "binary"]]]],
                          "default": problem], "security": bearer]],
        "/api/v1/dossiers": [
            "get": operation("Dossiers the caller may see (own, or in unit scope), by appointment", tag: "dossiers", parameters: [
                query("status", ref("DossierStatus")), query("unit", string), query("overdue", boolean), query("dueSoon", boolean),
                query("mine", boolean, "only dossiers whose current step is mine")] + paging,
                responses: [ok(page("DossierSummary"))], secured: true),
            "post": operation("Submit a dossier (citizen online; desk officer for a walk-in or postal applicant)", tag: "dossiers",
                              parameters: [idempotencyKey("dossier")],
                              body: ref("Submission"), responses: [ok(ref("Dossier"), status: "201", "Submitted"),
                                                                   ok(ref("Dossier"), "Submitted before under this Idempotency-Key")],
                              secured: true)],
        "/api/v1/dossier-groups": ["post": operation(
            "Submit a linked procedure group (liên thông): one child dossier at each responsible unit, all or none",
            tag: "dossiers", parameters: [idempotencyKey("group")], body: ref("GroupSubmission"),
            responses: [ok(ref("DossierGroup"), status: "201", "Submitted"), ok(ref("DossierGroup"), "Submitted before under this Idempotency-Key")],
            secured: true)],
        "/api/v1/dossier-groups/{code}": ["get": operation("A linked submission and its children; complete when every child is",
                                                           tag: "dossiers", parameters: [path("code")],
                                                           responses: [ok(ref("DossierGroup"))], secured: true)],
        "/api/v1/dossiers/{code}": ["get": operation("A dossier with steps, history and files", tag: "dossiers",
                                                     parameters: [path("code")], responses: [ok(ref("Dossier"))], secured: true)],
        "/api/v1/dossiers/{code}/actions/{action}": ["post": operation(
            "Act on a dossier; 403 for the wrong role or unit, 409 for the wrong state or a concurrent change", tag: "dossiers",
            parameters: [path("code"), path("action", ref("DossierAction"))], body: ref("ActionInput"),
            responses: [ok(ref("Dossier"))], secured: true)],
        "/api/v1/dossiers/{code}/rating": ["post": operation("Rate the service once after the result was returned", tag: "dossiers",
                                                             parameters: [path("code")], body: ref("Rating"),
                                                             responses: [ok(ref("Dossier"))], secured: true)],
        "/api/v1/dossiers/{code}/receipt": ["get": operation("The receipt and appointment slip (Mẫu 01) as JSON", tag: "dossiers",
                                                             parameters: [path("code")], responses: [ok(ref("ReceiptSlip"))], secured: true)],
        "/api/v1/dossiers/{code}/payments": ["post": operation(
            "Start paying the fee online: the answer says where to send the citizen (the gateway)", tag: "payments",
            parameters: [path("code")], responses: [ok(ref("PaymentStarted"), status: "201")], secured: true)],
        "/api/v1/payments/callback": ["post": [
            "summary": "The gateway's server-to-server callback, signed with HMAC-SHA256 in X-Signature; forged, replayed or wrong-amount callbacks are refused",
            "tags": ["payments"], "parameters": [["name": "X-Signature", "in": "header", "required": true, "schema": string]],
            "requestBody": ["required": true, "content": json(ref("PaymentCallback"))],
            "responses": ["200": ["description": "Settled", "content": json(ref("PaymentSettled"))], "default": problem]]],
        "/api/v1/track/{code}": ["get": operation("Public tracking: status, timeline, appointment, masked applicant", tag: "dossiers",
                                                  parameters: [path("code")], responses: [ok(ref("Tracking"))])],
        "/api/v1/signing/authority": ["post": operation(
            "Initialise the province certificate authority (province administrator, once; 409 afterwards)", tag: "signing",
            responses: [ok(ref("Authority"), status: "201")], secured: true)],
        "/api/v1/signing/authority/certificate": ["get": operation("The province CA certificate (PEM)", tag: "signing",
            responses: [("200", ["description": "PEM", "content": ["application/x-pem-file": ["schema": string]]])])],
        "/api/v1/signing/authority/crl": ["get": operation("A fresh certificate revocation list signed by the CA (PEM)", tag: "signing",
            responses: [("200", ["description": "PEM", "content": ["application/x-pem-file": ["schema": string]]])])],
        "/api/v1/documents": [
            "post": operation("Draft an outgoing document (specialist); 400 names each invalid field", tag: "documents",
                              body: ref("DocumentDraft"), responses: [ok(ref("Document"), status: "201")], secured: true),
            "get": operation("Documents in the caller's agencies", tag: "documents",
                             parameters: [query("direction", enumeration(["outgoing", "incoming"])), query("status", string)] + paging,
                             responses: [ok(page("DocumentSummary"))], secured: true)],
        "/api/v1/documents/incoming": ["post": operation(
            "Register a paper document (its scan) in the clerk's incoming register: it gets its incoming number at once", tag: "documents",
            body: ref("PaperDocument"), responses: [ok(ref("Document"), status: "201")], secured: true)],
        "/api/v1/documents/{id}": ["get": operation("A document with recipients, assignments, history and its signatures' check",
                                                    tag: "documents", parameters: [path("id")], responses: [ok(ref("Document"))],
                                                    secured: true)],
        "/api/v1/documents/{id}/actions/{action}": ["post": operation(
            "Act on a document (outgoing: submit, endorse, approve, sign, issue, returnForRevision, recall; incoming: register, returnToSender, assign, reassign, start, complete); 403 wrong role or agency, 409 wrong state",
            tag: "documents", parameters: [path("id"), path("action")], body: ref("DocumentActionInput"),
            responses: [ok(ref("Document"))], secured: true)],
        "/api/v1/documents/{id}/signatures/{kind}": ["get": operation(
            "A signature of the content file as a detached CMS file (DER) for openssl cms -verify", tag: "documents",
            parameters: [path("id"), path("kind", enumeration(["personal", "seal"]))],
            responses: [("200", ["description": "CMS SignedData (DER)", "content": ["application/pkcs7-signature": ["schema": string]]])],
            secured: true)],
        "/api/v1/registers/{agency}/{direction}": ["get": operation(
            "The outgoing or incoming register (sổ đăng ký văn bản) of an agency for a year; ?format=csv for CSV", tag: "documents",
            parameters: [path("agency"), path("direction", enumeration(["outgoing", "incoming"])), query("year", integer),
                         query("format", enumeration(["json", "csv"]))],
            responses: [ok(ref("Register"))], secured: true)],
        "/api/v1/exchange/edxml": ["post": [
            "summary": "Receive an edXML package (a document or a status message) from another agency's platform, signed by that agency (X-Edxml-Signature: base64 CMS); 400 names the rule and element of a malformed package, 401 a bad signature; the same document twice is registered once",
            "tags": ["exchange"],
            "requestBody": ["required": true, "content": ["application/xml": ["schema": string]]],
            "responses": ["201": ["description": "Registered", "content": json(ref("ExchangeReceipt"))],
                          "200": ["description": "Duplicate or status", "content": json(ref("ExchangeReceipt"))],
                          "default": problem]]],
        "/api/v1/exchange/endpoints": ["get": operation("The directory of other agencies' exchange endpoints", tag: "exchange",
                                                        responses: [ok(page("ExchangeEndpoint"))], secured: true)],
        "/api/v1/exchange/endpoints/{agencyId}": ["put": operation(
            "Record another agency's endpoint and trusted CA (province administrator)", tag: "exchange",
            parameters: [path("agencyId")], body: ref("ExchangeEndpointInput"), responses: [ok(ref("ExchangeEndpoint"))], secured: true)],
        "/api/v1/exchange/outbox": ["get": operation("edXML packages waiting or sent (province administrator)", tag: "exchange",
                                                     parameters: paging, responses: [ok(page("ExchangeMessage"))], secured: true)],
        "/api/v1/me/repository": ["get": operation("The citizen's digital repository (kho dữ liệu số)", tag: "dossiers",
                                                   responses: [ok(page("RepositoryItem"))], secured: true)],
        "/api/v1/outbox": ["get": operation("Notification outbox (province administrator)", tag: "operations",
                                            parameters: [query("dossier", string)] + paging, responses: [ok(page("OutboxMessage"))],
                                            secured: true)],
        "/api/v1/audit": ["get": operation("The audit log (province administrator)", tag: "operations", parameters: [
            query("subject", string), query("action", string)] + paging, responses: [ok(page("AuditEvent"))], secured: true)],
        "/api/v1/indicators/figures": ["get": operation(
            "Every figure of a unit (with its sub-units unless subunits=false) for a period (YYYY, YYYY-Qn, YYYY-MM, YYYY-MM-DD..YYYY-MM-DD)",
            tag: "indicators", parameters: indicatorQuery, responses: [ok(ref("UnitFigures"))], secured: true)],
        "/api/v1/indicators/units": ["get": operation(
            "The figures of every unit directly below a unit: JSON, or format=csv|xlsx as a download", tag: "indicators",
            parameters: indicatorQuery + [query("format", enumeration(["json", "csv", "xlsx"]))],
            responses: [ok(array(ref("UnitFigures")))], secured: true)],
        "/api/v1/indicators/index766": ["get": operation(
            "The Decision 766 index of every unit directly below a unit, ranked (ties share a rank)", tag: "indicators",
            parameters: indicatorQuery, responses: [ok(array(ref("Index766Rank")))], secured: true)],
    ]

    /// Every path: the literal table above and the DTI routes.
    static var allPaths: JSONValue {
        guard case let .object(pairs) = paths else { return paths }
        return .object(pairs + dtiPaths)
    }

    static let dtiPaths: [(String, JSONValue)] = [
        ("/api/v1/dti/{year}", [
            "get": operation("The round of a year and every unit's score as it stands (units of the caller's scope)", tag: "dti",
                             parameters: [path("year", integer)], responses: [ok(ref("DTIRoundScores"))], secured: true),
            "post": operation("Open the year's evaluation round (province reviewer)", tag: "dti", parameters: [path("year", integer)],
                              responses: [ok(ref("DTIRound"), status: "201")], secured: true)]),
        ("/api/v1/dti/{year}/framework", [
            "get": operation("The framework of the year (the saved one, else the seed)", tag: "dti", parameters: [path("year", integer)],
                             responses: [ok(ref("DTIFrameworkBody"))], secured: true),
            "put": operation("Save the framework of the year (province reviewer; refused once published)", tag: "dti",
                             parameters: [path("year", integer)], body: ref("DTIFrameworkBody"), responses: [ok(ref("DTIFrameworkBody"))],
                             secured: true)]),
        ("/api/v1/dti/{year}/units/{unit}/answers/{indicator}", ["put": operation(
            "Self-assess one indicator with evidence files (the unit's leaders or administrator; not computed indicators)", tag: "dti",
            parameters: [path("year", integer), path("unit"), path("indicator")],
            body: object([], [("points", number), ("yes", boolean), ("evidence", array(string))]),
            responses: [("204", ["description": "Saved"])], secured: true)]),
        ("/api/v1/dti/{year}/units/{unit}/corrections/{indicator}", ["put": operation(
            "Correct a unit's score on one indicator, with a comment (province reviewer)", tag: "dti",
            parameters: [path("year", integer), path("unit"), path("indicator")],
            body: object(["points", "comment"], [("points", number), ("comment", string)]),
            responses: [("204", ["description": "Saved"])], secured: true)]),
        ("/api/v1/dti/{year}/publish", ["post": operation("Publish the ranking per group; the round closes (province reviewer)", tag: "dti",
                                                          parameters: [path("year", integer)], responses: [ok(array(ref("DTIRankingEntry")))],
                                                          secured: true)]),
        ("/api/v1/dti/{year}/ranking", ["get": operation("The published ranking of a year, best first in each group", tag: "dti",
                                                         parameters: [path("year", integer), query("group", enumeration(["department", "commune"]))],
                                                         responses: [ok(array(ref("DTIRankingEntry")))])]),
    ]

    /// The query of every indicator route: the unit, the period, the level, with or without sub-units.
    static let indicatorQuery: [JSONValue] = [
        query("unit", string, "unit code; default: the caller's widest unit"), query("period", string, "default: the current year"),
        query("level", enumeration(["province", "district", "commune"])), query("subunits", boolean)]

    static let roles = ["desk-officer", "specialist", "unit-leader", "agency-leader", "clerk", "administrator"]

    static let schemas: JSONValue = [
        "Problem": object(["type", "title", "status", "detail"], [
            ("type", string), ("title", ["type": "string", "description": "Vietnamese"]), ("status", integer),
            ("detail", ["type": "string", "description": "English"]), ("instance", string),
            ("errors", ["type": "object", "additionalProperties": string])]),
        "TokenRequest": object(["username", "password"], [("username", string), ("password", string)]),
        "TokenResponse": object(["token", "tokenType", "expiresAt"], [("token", string), ("tokenType", string),
                                                                        ("expiresAt", dateTime)]),
        "Authority": object(["certificate"], [("certificate", string)]),
        "DocumentDraft": object(["type", "subject", "contentFile", "signer", "recipients"], [
            ("type", string), ("subject", string), ("urgency", enumeration(["normal", "urgent", "veryUrgent", "flash"])),
            ("confidentiality", string), ("contentFile", string), ("signer", string), ("recipients", array(string)),
            ("unit", string), ("dueDate", dateTime)]),
        "PaperDocument": object(["type", "subject", "sender", "symbol", "issuedOn", "scanFile"], [
            ("type", string), ("subject", string), ("sender", string), ("symbol", string), ("issuedOn", date), ("scanFile", string),
            ("urgency", string), ("confidentiality", string), ("agency", string), ("dueDate", dateTime)]),
        "DocumentActionInput": object([], [("reason", string), ("expectedRevision", integer), ("assignments", array(object(
            ["assignee", "role"], [("assignee", string), ("role", enumeration(["lead", "cooperating", "forInformation"])),
                                   ("dueDate", dateTime)])))]),
        "DocumentSummary": object(["id", "direction", "agency", "type", "subject", "status"], [
            ("id", string), ("direction", string), ("agency", string), ("type", string), ("subject", string), ("status", string),
            ("symbol", string), ("incomingNumber", integer), ("urgency", string)]),
        "Document": object(["id", "direction", "agency", "type", "subject", "status", "revision", "events"], [
            ("id", string), ("direction", string), ("agency", string), ("type", string), ("typeName", string), ("subject", string),
            ("urgency", string), ("confidentiality", string), ("status", string), ("contentFile", string), ("signer", string),
            ("number", integer), ("symbol", string), ("issuedAt", dateTime), ("incomingNumber", integer), ("receivedAt", dateTime),
            ("sender", string), ("revision", integer), ("recipients", array(string)), ("assignments", array(["type": "object"])),
            ("events", array(["type": "object"])),
            ("signatures", object(["isValid", "vietnamese", "english"], [("isValid", boolean), ("vietnamese", string), ("english", string)]))]),
        "Register": object(["title", "agency", "year", "columns", "rows"], [
            ("title", string), ("agency", string), ("year", integer), ("columns", array(["type": "object"])),
            ("rows", array(["type": "object", "additionalProperties": string]))]),
        "ExchangeReceipt": object(["document", "outcome"], [("document", string),
                                                             ("outcome", enumeration(["registered", "duplicate", "status"]))]),
        "ExchangeEndpointInput": object(["name", "url", "certificate"], [("name", string), ("url", string), ("certificate", string)]),
        "ExchangeEndpoint": object(["agencyId", "name", "url", "certificate"], [("agencyId", string), ("name", string), ("url", string),
                                                                                ("certificate", string)]),
        "ExchangeMessage": object(["target", "kind", "status", "attempts", "createdAt"], [
            ("target", string), ("kind", enumeration(["document", "status"])), ("status", enumeration(["pending", "sent", "failed"])),
            ("attempts", integer), ("createdAt", dateTime), ("lastError", string)]),
        "Role": enumeration(roles),
        "User": object(["id", "username", "kind", "fullName", "roles"], [
            ("id", string), ("username", string), ("kind", enumeration(["official", "citizen"])), ("fullName", string),
            ("roles", array(ref("Assignment")))]),
        "Assignment": object(["role", "unit"], [("role", ref("Role")), ("unit", string)]),
        "UserSummary": object(["username", "fullName", "roles"], [("username", string), ("fullName", string),
                                                                   ("roles", array(ref("Assignment")))]),
        "NewUser": object(["username", "password", "fullName", "roles"], [
            ("username", string), ("password", string), ("fullName", string), ("roles", array(ref("Assignment")))]),
        "RoleChange": object(["role", "unit"], [("role", ref("Role")), ("unit", string), ("reason", string)]),
        "CitizenSignUp": object(["personalId", "password", "fullName"], [
            ("personalId", ["type": "string", "pattern": "^[0-9]{12}$"]), ("password", string), ("fullName", string),
            ("email", string), ("phone", string)]),
        "UnitKind": enumeration(["province", "department", "office", "district", "commune", "ward", "township", "special-zone"]),
        "Unit": object(["code", "name", "kind", "structure", "path", "validFrom"], [
            ("code", string), ("name", string), ("kind", ref("UnitKind")), ("structure", enumeration(["2025", "legacy"])),
            ("path", string), ("agencyCode", ["type": "string", "pattern": "^[0-9]{3}\\.[0-9]{2}\\.[0-9]{2}\\.[A-Z][0-9]{2}$"]),
            ("latitude", number), ("longitude", number), ("validFrom", date), ("validUntil", date)]),
        "UnitLink": object(["code", "name", "kind", "isDefault"], [("code", string), ("name", string), ("kind", string),
                                                                    ("isDefault", boolean)]),
        "UnitDetail": object(["unit", "successors", "predecessors"], [
            ("unit", ref("Unit")), ("parent", string), ("successors", array(ref("UnitLink"))),
            ("predecessors", array(ref("UnitLink")))]),
        "NewUnit": object(["code", "name", "kind", "parent"], [
            ("code", string), ("name", string), ("kind", ref("UnitKind")), ("parent", string), ("agencyCode", string),
            ("validFrom", date)]),
        "EndUnit": object(["lastDay", "reason"], [("lastDay", date), ("reason", string)]),
        "Person": object(["username", "fullName", "roles"], [("username", string), ("fullName", string),
                                                              ("roles", array(ref("Role")))]),
        "CalendarDay": object(["date", "name", "kind"], [
            ("date", date), ("name", string), ("kind", enumeration(["holiday", "compensatory", "adjusted-off", "make-up-workday"]))]),
        "CalendarYear": object(["year", "days"], [("year", integer), ("days", array(ref("CalendarDay")))]),
        "NamedDate": object(["date", "name"], [("date", date), ("name", string)]),
        "YearNotice": object(["year", "daysOff", "makeUpWorkdays"], [
            ("year", integer), ("tetDays", array(date)), ("nationalDayPair", array(date)),
            ("daysOff", array(ref("NamedDate"))), ("makeUpWorkdays", array(ref("NamedDate")))]),
        "Deadline": object(["from", "sameDay", "due"], [
            ("from", dateTime), ("workingDays", number), ("hours", number), ("sameDay", boolean),
            ("cutoffHour", integer), ("due", dateTime)]),
        "ProcedureLevel": enumeration(["commune", "province", "province-and-commune", "linked"]),
        "ProcedureSummary": object(["code", "name", "field", "level", "agency", "status", "version"], [
            ("code", string), ("name", string), ("field", string), ("level", ref("ProcedureLevel")), ("agency", string),
            ("status", enumeration(["draft", "published", "retired"])), ("version", integer)]),
        "ProcedureDetail": object(["code", "status", "version", "record"], [
            ("code", string), ("status", enumeration(["draft", "published", "retired"])), ("version", integer),
            ("record", ref("ProcedureRecord"))]),
        "ProcedureRecord": object(["name", "field", "level", "agency", "processingTime", "fees", "components",
                                   "formFields", "serviceLevel", "legalBasis", "result", "process"], [
            ("code", string), ("localCode", string), ("name", string), ("field", string), ("level", ref("ProcedureLevel")),
            ("agency", string), ("audience", string),
            ("processingTime", object([], [("workingDays", number), ("sameDay", boolean), ("cutoffHour", integer),
                                           ("byChannel", ["type": "object", "additionalProperties": number]),
                                           ("uncertain", boolean), ("note", string)])),
            ("fees", object(["items"], [("items", array(object(["amountVnd"], [("name", string), ("case", string),
                                                                                ("amountVnd", integer)]))),
                                        ("summary", string), ("exemptions", string), ("setByProvincialCouncil", boolean)])),
            ("components", array(object(["name", "originals", "copies", "reusable"], [
                ("name", string), ("originals", integer), ("copies", integer), ("group", string), ("reusable", boolean)]))),
            ("formFields", array(object(["key", "label", "type", "required"], [
                ("key", string), ("label", string),
                ("type", enumeration(["text", "number", "date", "personal-id", "select", "file"])),
                ("required", boolean), ("options", array(string))]))),
            ("serviceLevel", enumeration(["full-online", "partial-online", "information"])),
            ("legalBasis", array(string)), ("result", string), ("publishedBy", string),
            ("process", object(["origin", "steps"], [
                ("origin", string), ("source", string),
                ("steps", array(object(["name", "role", "unit"], [
                    ("name", string), ("role", enumeration(Array(roles.dropLast()))),
                    ("unit", enumeration(["receiving", "handling"])), ("workingDays", number), ("hours", number),
                    ("performer", string)])))]))]),
        "ProcedureGroup": object(["localCode", "name", "members"], [
            ("localCode", string), ("name", string), ("legalBasis", array(string)), ("members", array(string)),
            ("note", string)]),
        "Reason": object(["reason"], [("reason", string)]),
        "StoredFile": object(["sha256", "size", "mediaType", "name"], [("sha256", string), ("size", integer),
                                                                        ("mediaType", string), ("name", string)]),
        "DossierStatus": enumeration(["submitted", "intake-supplement", "refused", "processing", "supplement-requested",
                                      "withdrawn", "stopped", "resolved", "returned"]),
        "DossierAction": enumeration(["receive", "request-intake-supplement", "refuse-intake", "supply", "forward", "send-back",
                                      "request-supplement", "refuse", "approve", "extend", "stop", "return", "pay-cash", "withdraw"]),
        "Channel": enumeration(["desk", "online", "postal"]),
        "Applicant": object(["fullName"], [("fullName", string), ("personalId", string), ("phone", string), ("email", string),
                                           ("address", string)]),
        "Submission": object(["procedure", "unit", "form"], [
            ("procedure", string), ("unit", string), ("channel", ref("Channel")), ("applicant", ref("Applicant")),
            ("form", ["type": "object", "additionalProperties": string]),
            ("components", array(object(["index"], [("index", integer), ("file", string), ("reuse", string)]))),
            ("submissionKey", string)]),
        "ActionInput": object([], [
            ("reason", string), ("assignee", string), ("resultFile", string), ("missing", array(string)), ("files", array(string)),
            ("newAppointment", dateTime), ("returnMethod", enumeration(["in-person", "online", "postal"])),
            ("receiptNumber", string), ("expectedRevision", integer)]),
        "PaymentStarted": object(["paymentId", "amountVnd", "redirectURL"], [("paymentId", string), ("amountVnd", integer),
                                                                              ("redirectURL", string)]),
        "PaymentCallback": object(["paymentId", "transactionId", "amountVnd", "status", "paidAt"], [
            ("paymentId", string), ("transactionId", string), ("amountVnd", integer),
            ("status", enumeration(["success", "failed"])), ("paidAt", dateTime)]),
        "PaymentSettled": object(["paymentId", "status"], [("paymentId", string), ("status", enumeration(["pending", "paid", "failed"]))]),
        "GroupSubmission": object(["group", "unit", "form"], [
            ("group", string), ("unit", string), ("form", ["type": "object", "additionalProperties": string]),
            ("components", ["type": "object", "additionalProperties": array(object(["index"], [
                ("index", integer), ("file", string), ("reuse", string)]))])]),
        "DossierGroup": object(["code", "group", "name", "complete", "children"], [
            ("code", string), ("group", string), ("name", string), ("complete", boolean), ("children", array(ref("DossierSummary")))]),
        "Rating": object(["score"], [("score", integer), ("comment", string)]),
        "DossierSummary": object(["code", "procedureCode", "procedureName", "status", "nationalStatus", "channel", "applicantName",
                                  "receivingUnit", "handlingUnit", "submittedAt", "overdue"], [
            ("code", string), ("procedureCode", string), ("procedureName", string), ("status", ref("DossierStatus")),
            ("nationalStatus", integer), ("channel", ref("Channel")), ("applicantName", string), ("receivingUnit", string),
            ("handlingUnit", string), ("submittedAt", dateTime), ("appointment", dateTime), ("overdue", boolean)]),
        "Dossier": object(["code", "procedureCode", "procedureVersion", "status", "nationalStatus", "channel", "nationalChannel",
                           "steps", "events", "files", "revision"], [
            ("code", string), ("procedureCode", string), ("procedureVersion", integer), ("procedureName", string),
            ("status", ref("DossierStatus")), ("nationalStatus", integer), ("channel", ref("Channel")), ("nationalChannel", integer),
            ("receivingUnit", string), ("handlingUnit", string), ("applicant", ref("Applicant")),
            ("form", ["type": "object", "additionalProperties": string]), ("submittedAt", dateTime), ("receivedAt", dateTime),
            ("appointment", dateTime), ("originalAppointment", dateTime), ("currentStep", integer),
            ("supplementRequests", integer), ("resolvedAt", dateTime), ("returnedAt", dateTime),
            ("outcome", enumeration(["approved", "refused"])), ("timeliness", enumeration(["early", "on-time", "late"])),
            ("feeVnd", integer), ("feePaid", boolean), ("rating", integer), ("revision", integer),
            ("steps", array(object(["index", "name", "role", "unit", "allottedDays"], [
                ("index", integer), ("name", string), ("role", string), ("unit", string), ("allottedDays", number),
                ("assignee", string), ("startedAt", dateTime), ("deadline", dateTime), ("completedAt", dateTime),
                ("completedBy", string), ("timeliness", string)]))),
            ("events", array(object(["at", "actor", "action", "from", "to", "nationalCode"], [
                ("at", dateTime), ("actor", string), ("action", string), ("from", ref("DossierStatus")),
                ("to", ref("DossierStatus")), ("nationalCode", integer), ("note", string)]))),
            ("files", array(object(["kind", "name", "sha256"], [("kind", string), ("name", string), ("sha256", string),
                                                                 ("componentIndex", integer), ("reusedFrom", string)])))]),
        "ReceiptSlip": object(["form", "issuer", "dossierCode", "applicant", "request", "components", "statutoryTime",
                               "receivedAt", "appointment", "resultPlace", "receivedBy", "trackingURL"], [
            ("form", string), ("issuer", string), ("dossierCode", string), ("applicant", string), ("address", string),
            ("phone", string), ("email", string), ("request", string),
            ("components", array(object(["name", "originals", "copies"], [("name", string), ("originals", integer), ("copies", integer)]))),
            ("statutoryTime", string), ("receivedAt", dateTime), ("appointment", dateTime), ("resultPlace", string),
            ("receivedBy", string), ("trackingURL", string)]),
        "Tracking": object(["code", "procedure", "status", "statusLabel", "nationalStatus", "applicant", "submittedAt", "timeline"], [
            ("code", string), ("procedure", string), ("status", ref("DossierStatus")), ("statusLabel", string),
            ("nationalStatus", integer), ("applicant", string), ("submittedAt", dateTime), ("receivedAt", dateTime),
            ("appointment", dateTime),
            ("timeline", array(object(["at", "status", "nationalCode", "action"], [
                ("at", dateTime), ("status", string), ("nationalCode", integer), ("action", string)])))]),
        "RepositoryItem": object(["sha256", "name", "kind", "dossierCode"], [("sha256", string), ("name", string),
                                                                             ("kind", string), ("dossierCode", string)]),
        "OutboxMessage": object(["dossierCode", "channel", "recipient", "subject", "status", "attempts", "createdAt"], [
            ("dossierCode", string), ("channel", enumeration(["email", "sms"])), ("recipient", string), ("subject", string),
            ("status", enumeration(["pending", "sent", "failed"])), ("attempts", integer), ("createdAt", dateTime),
            ("lastError", string)]),
        "Figure": object(["key", "name"], [("key", string), ("name", string), ("count", integer), ("numerator", integer),
                                             ("denominator", integer), ("percent", number)]),
        "UnitFigures": object(["unit", "unitName", "period", "evaluatedAt", "source", "figures"], [
            ("unit", string), ("unitName", string), ("period", string), ("evaluatedAt", dateTime),
            ("source", enumeration(["totals", "facts"])), ("figures", array(ref("Figure")))]),
        "Index766Rank": object(["rank", "unit", "unitName", "total", "totalValue", "indicators"], [
            ("rank", integer), ("unit", string), ("unitName", string), ("total", string), ("totalValue", number),
            ("indicators", array(object(["code", "name", "group", "measurement", "maxPoints", "points", "pointsValue"], [
                ("code", string), ("name", string), ("group", integer), ("measurement", string), ("numerator", integer),
                ("denominator", integer), ("maxPoints", integer), ("points", string), ("pointsValue", number)])))]),
        "DTIRound": object(["year", "status", "openedBy", "openedAt"], [
            ("year", integer), ("status", enumeration(["open", "published"])), ("openedBy", string), ("openedAt", dateTime),
            ("publishedBy", string), ("publishedAt", dateTime)]),
        "DTIRoundScores": object(["year", "status", "framework", "maxPoints", "units"], [
            ("year", integer), ("status", enumeration(["open", "published"])), ("framework", string), ("maxPoints", integer),
            ("units", array(object(["unit", "group", "total", "totalValue", "indicators"], [
                ("unit", string), ("group", enumeration(["department", "commune"])), ("total", string), ("totalValue", number),
                ("indicators", array(object(["pillar", "indicator", "assessed", "missingEvidence", "points", "pointsValue"], [
                    ("pillar", string), ("indicator", string), ("assessed", string), ("missingEvidence", boolean),
                    ("correction", string), ("comment", string), ("points", string), ("pointsValue", number)])))])))]),
        "DTIFrameworkBody": object(["framework"], [("framework", ["type": "object"])]),
        "DTIRankingEntry": object(["rank", "unitCode", "group", "points", "pointsValue"], [
            ("rank", integer), ("unitCode", string), ("group", enumeration(["department", "commune"])), ("points", string),
            ("pointsValue", number)]),
        "AuditEvent": object(["at", "actor", "action", "subject"], [
            ("at", dateTime), ("actor", string), ("action", string), ("subject", string), ("reason", string)]),
    ]
}
