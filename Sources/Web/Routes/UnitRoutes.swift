import Access
import Core
import Fluent
import Organisation
import Storage
import Vapor
import WorkCalendar

/// The unit tree: public reading; creating, ending and deleting by administrators in scope;
/// the people of a unit for officials in scope.
struct UnitRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let units = routes.grouped("units")
        units.get(use: list)
        units.post(use: create)
        units.get(":code", use: show)
        units.delete(":code", use: delete)
        units.post(":code", "end", use: end)
        units.get(":code", "people", use: people)
    }

    @Sendable func list(req: Request) async throws -> Page<UnitDTO> {
        let paging = try Paging(req, defaultLimit: 50)
        var query = UnitModel.query(on: req.db)
        if let parent = req.query[String.self, at: "parent"] {
            guard let unit = try await UnitModel.find(code: parent, on: req.db) else {
                throw Problem.notFound("Không tìm thấy đơn vị", "No unit \(parent).")
            }
            query = try query.filter(\.$parent.$id == unit.requireID())
        }
        if let kind = req.query[String.self, at: "kind"] {
            guard let value = UnitKind(rawValue: kind) else {
                throw Problem.invalid("Loại đơn vị không hợp lệ", "kind must be one of \(UnitKind.allCases.map(\.rawValue)).")
            }
            query = query.filter(\.$kind == value)
        }
        if let structure = req.query[String.self, at: "structure"] {
            guard let value = UnitStructure(rawValue: structure) else {
                throw Problem.invalid("Cơ cấu không hợp lệ", "structure must be 2025 or legacy.")
            }
            query = query.filter(\.$structure == value)
        }
        if let day = req.query[String.self, at: "validOn"] {
            guard LocalDateText.isValid(day) else {
                throw Problem.invalid("Ngày không hợp lệ", "validOn must be a date YYYY-MM-DD.")
            }
            query = query.filter(\.$validFrom <= day).group(.or) { $0.filter(\.$validUntil == nil).filter(\.$validUntil >= day) }
        }
        let (rows, total) = try await paging.rows(of: query, sorted: { $0.sort(\.$path) })
        return paging.page(rows.map { UnitDTO($0) }, total: total)
    }

    @Sendable func show(req: Request) async throws -> UnitDetailDTO {
        let unit = try await find(req)
        let successors = try await UnitStore.successors(of: unit, on: req.db)
        let predecessors = try await UnitSuccessorModel.query(on: req.db).filter(\.$successor.$id == unit.requireID())
            .with(\.$predecessor).all()
        let parent = try await unit.$parent.get(on: req.db)
        return UnitDetailDTO(unit: UnitDTO(unit), parent: parent?.code,
                             successors: successors.map { .init(code: $0.0.code, name: $0.0.name, kind: $0.1.kind,
                                                                isDefault: $0.1.isDefault) },
                             predecessors: predecessors.map { .init(code: $0.predecessor.code, name: $0.predecessor.name,
                                                                    kind: $0.kind, isDefault: $0.isDefault) })
    }

    struct NewUnit: Content {
        var code: String
        var name: String
        var kind: UnitKind
        var parent: String
        var agencyCode: String?
        var validFrom: String?
    }

    @Sendable func create(req: Request) async throws -> Response {
        let body = try req.decodeBody(NewUnit.self)
        guard let parent = try await UnitModel.find(code: body.parent, on: req.db) else {
            throw Problem.invalid("Không tìm thấy đơn vị cấp trên", "No parent unit \(body.parent).",
                                  fields: ["parent": "Không có đơn vị mã \(body.parent)."])
        }
        let actor = try req.require(.manageUnits, onUnitAt: parent.path)
        // the same storage function as the administration pages: every fault at once, nothing written on any
        let unit = try await UnitStore.create(code: body.code, name: body.name, kind: body.kind, under: parent,
                                              agencyCode: body.agencyCode,
                                              validFrom: body.validFrom ?? VietnamTime.localDate(of: req.now).iso,
                                              actor: actor.username, at: req.now, on: req.db)
        req.application.unitDirectory.invalidate()
        let response = Response(status: .created)
        try response.content.encode(UnitDTO(unit))
        return response
    }

    struct EndUnit: Content { var lastDay: String; var reason: String }

    @Sendable func end(req: Request) async throws -> UnitDTO {
        let unit = try await find(req)
        let actor = try req.require(.manageUnits, onUnitAt: unit.path)
        let body = try req.decodeBody(EndUnit.self)
        try requireReason(body.reason)
        try await UnitStore.end(unit, lastDay: body.lastDay, actor: actor.username, reason: body.reason, at: req.now,
                                on: req.db)
        req.application.unitDirectory.invalidate()
        return UnitDTO(unit)
    }

    @Sendable func delete(req: Request) async throws -> HTTPStatus {
        let unit = try await find(req)
        let actor = try req.require(.manageUnits, onUnitAt: unit.path)
        let reason = req.query[String.self, at: "reason"] ?? ""
        try requireReason(reason)
        try await UnitStore.delete(unit, actor: actor.username, reason: reason, at: req.now, on: req.db)
        req.application.unitDirectory.invalidate()
        return .noContent
    }

    @Sendable func people(req: Request) async throws -> Page<PersonDTO> {
        let unit = try await find(req)
        _ = try req.require(.viewUnit, onUnitAt: unit.path)
        let paging = try Paging(req, defaultLimit: 50)
        let assignments = try await RoleAssignmentModel.query(on: req.db).filter(\.$unit.$id == unit.requireID())
            .with(\.$user).all()
        let people = Dictionary(grouping: assignments, by: { $0.user.username })
            .map { PersonDTO(username: $0.key, fullName: $0.value[0].user.fullName, roles: $0.value.map(\.role).sorted { $0.rawValue < $1.rawValue }) }
            .sorted { $0.username < $1.username }
        return paging.page(of: people)
    }

    private func find(_ req: Request) async throws -> UnitModel {
        let code = req.parameters.get("code") ?? ""
        guard let unit = try await UnitModel.find(code: code, on: req.db) else {
            throw Problem.notFound("Không tìm thấy đơn vị", "No unit with code \(code).")
        }
        return unit
    }
}

/// Every state change says why.
func requireReason(_ reason: String) throws {
    guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
        throw Problem.invalid("Vui lòng ghi rõ lý do", "A reason is required for this change.",
                              fields: ["reason": "Vui lòng ghi rõ lý do."])
    }
}

/// A unit as the API shows it.
struct UnitDTO: Content {
    var code: String
    var name: String
    var kind: UnitKind
    var structure: UnitStructure
    var path: String
    var agencyCode: String?
    var latitude: Double?
    var longitude: Double?
    var validFrom: String
    var validUntil: String?

    init(_ unit: UnitModel) {
        code = unit.code
        name = unit.name
        kind = unit.kind
        structure = unit.structure
        path = unit.path
        agencyCode = unit.agencyCode
        latitude = unit.latitude
        longitude = unit.longitude
        validFrom = unit.validFrom
        validUntil = unit.validUntil
    }
}

/// A unit with its parent and its successor/predecessor links.
struct UnitDetailDTO: Content {
    struct Link: Content { var code: String; var name: String; var kind: String; var isDefault: Bool }
    var unit: UnitDTO
    var parent: String?
    var successors: [Link]
    var predecessors: [Link]
}

/// A person holding roles in a unit.
struct PersonDTO: Content {
    var username: String
    var fullName: String
    var roles: [Role]
}
