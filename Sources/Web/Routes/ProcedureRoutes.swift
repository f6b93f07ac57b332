import Access
import Catalog
import Core
import Fluent
import Storage
import Vapor

/// The procedure catalog: public search and records; administrators draft, publish and retire.
struct ProcedureRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let procedures = routes.grouped("procedures")
        procedures.get(use: search)
        procedures.post(use: saveDraft)
        procedures.get(":code", use: show)
        procedures.get(":code", "versions", ":version", use: version)
        procedures.post(":code", "publish", use: publish)
        procedures.post(":code", "retire", use: retire)
        routes.get("procedure-groups", use: groups)
    }

    @Sendable func search(req: Request) async throws -> Page<ProcedureSummaryDTO> {
        let paging = try Paging(req)
        var level: ProcedureLevel?
        if let text = req.query[String.self, at: "level"], !text.isEmpty {
            guard let value = ProcedureLevel(rawValue: text) else {
                throw Problem.invalid("Cấp thực hiện không hợp lệ",
                                      "level must be one of \(ProcedureLevel.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            level = value
        }
        let filter = CatalogStore.SearchFilter(query: req.query[String.self, at: "q"], level: level,
                                               field: req.query[String.self, at: "field"],
                                               agency: req.query[String.self, at: "agency"])
        let ranked = try await req.application.catalogIndex.search(filter, on: req.db)
        let items = ranked.dropFirst(paging.offset).prefix(paging.limit).map {
            ProcedureSummaryDTO(code: $0.code, name: $0.name, field: $0.field, level: $0.level, agency: $0.agency,
                                status: .published, version: $0.version)
        }
        return paging.page(Array(items), total: ranked.count)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let code = req.parameters.get("code") ?? ""
        guard let data = try await req.application.catalogIndex.detail(code: code, on: req.db, encode: { procedure, record, version in
            try JSONEncoder().encode(ProcedureDetailDTO(code: procedure.code, status: procedure.status, version: version, record: record))
        }) else {
            throw Problem.notFound("Không tìm thấy thủ tục", "No published procedure with code \(code).")
        }
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.contentType = .json
        return response
    }

    @Sendable func version(req: Request) async throws -> ProcedureDetailDTO {
        let code = req.parameters.get("code") ?? ""
        guard let number = req.parameters.get("version", as: Int.self),
              let procedure = try await ProcedureModel.query(on: req.db).filter(\.$code == code).first(),
              let row = try await ProcedureVersionModel.query(on: req.db).filter(\.$procedure.$id == procedure.requireID())
                .filter(\.$version == number).first()
        else { throw Problem.notFound("Không tìm thấy phiên bản thủ tục", "No such procedure version.") }
        return ProcedureDetailDTO(code: code, status: procedure.status, version: row.version,
                                  record: try CatalogStore.decode(row.document))
    }

    @Sendable func saveDraft(req: Request) async throws -> Response {
        let actor = try req.requireProvinceWide(.manageCatalog)
        let record = try req.decodeBody(ProcedureRecord.self)
        let procedure = try await CatalogStore.saveDraft(record, actor: actor.username, at: req.now, on: req.db)
        req.application.catalogIndex.invalidate()
        let response = Response(status: .created)
        try response.content.encode(ProcedureSummaryDTO(procedure))
        return response
    }

    @Sendable func publish(req: Request) async throws -> Response {
        let actor = try req.requireProvinceWide(.manageCatalog)
        let code = req.parameters.get("code") ?? ""
        try await CatalogStore.publishDraft(code: code, actor: actor.username, at: req.now, on: req.db)
        req.application.catalogIndex.invalidate()
        return try await show(req: req)
    }

    struct Retire: Content { var reason: String }

    @Sendable func retire(req: Request) async throws -> ProcedureSummaryDTO {
        let actor = try req.requireProvinceWide(.manageCatalog)
        let code = req.parameters.get("code") ?? ""
        let body = try req.decodeBody(Retire.self)
        try requireReason(body.reason)
        try await CatalogStore.retire(code: code, reason: body.reason, actor: actor.username, at: req.now, on: req.db)
        req.application.catalogIndex.invalidate()
        guard let procedure = try await ProcedureModel.query(on: req.db).filter(\.$code == code).first() else {
            throw Problem.notFound("Không tìm thấy thủ tục", "No procedure \(code).")
        }
        return ProcedureSummaryDTO(procedure)
    }

    @Sendable func groups(req: Request) async throws -> Page<ProcedureGroupRecord> {
        let rows = try await ProcedureGroupModel.query(on: req.db).sort(\.$code).all()
        let items = try rows.map { try JSONDecoder().decode(ProcedureGroupRecord.self, from: Data($0.document.utf8)) }
        return Page(items: items, total: items.count, limit: items.count, offset: 0)
    }
}

extension ProcedureGroupRecord: Content {}

/// A procedure in a result list.
struct ProcedureSummaryDTO: Content {
    var code: String
    var name: String
    var field: String
    var level: ProcedureLevel
    var agency: String
    var status: ProcedureModel.Status
    var version: Int

    init(code: String, name: String, field: String, level: ProcedureLevel, agency: String, status: ProcedureModel.Status,
         version: Int) {
        self.code = code
        self.name = name
        self.field = field
        self.level = level
        self.agency = agency
        self.status = status
        self.version = version
    }

    init(_ procedure: ProcedureModel) {
        code = procedure.code
        name = procedure.name
        field = procedure.field
        level = procedure.level
        agency = procedure.agency
        status = procedure.status
        version = procedure.currentVersion
    }
}

/// A procedure's whole record in one version.
struct ProcedureDetailDTO: Content {
    var code: String
    var status: ProcedureModel.Status
    var version: Int
    var record: ProcedureRecord
}
