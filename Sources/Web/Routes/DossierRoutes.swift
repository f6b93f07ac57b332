import Access
import Catalog
import Core
import Dossiers
import Fluent
import Foundation
import Storage
import Vapor
import WorkCalendar

/// The dossier API: submit, list, read, act, rate, the receipt slip, public tracking, the digital repository.
struct DossierRoutes: RouteCollection {
    /// The public look-up's database (made once per event loop).
    let databases: ReadyDatabases

    func boot(routes: any RoutesBuilder) throws {
        let dossiers = routes.grouped("dossiers")
        dossiers.post(use: submit)
        dossiers.get(use: list)
        dossiers.get(":code", use: show)
        dossiers.post(":code", "actions", ":action", use: act)
        dossiers.post(":code", "rating", use: rate)
        dossiers.get(":code", "receipt", use: receipt)
        routes.post("dossier-groups", use: submitGroup)
        routes.get("dossier-groups", ":code", use: showGroup)
        routes.get("track", ":code", use: track)
        routes.get("me", "repository", use: repository)
        routes.get("outbox", use: outbox)
    }

    func context(_ req: Request) async throws -> DossierService.Context {
        let signedIn = try req.signedIn()
        return DossierService.Context(actor: signedIn.actor, fullName: signedIn.user.fullName, now: req.now,
                                      calendar: try await req.application.calendarCache.calendar(on: req.db), user: signedIn.user,
                                      units: req.application.unitDirectory, catalog: req.application.catalogIndex)
    }

    @Sendable func submit(req: Request) async throws -> Response {
        var submission = try req.decodeBody(DossierService.Submission.self)
        submission.submissionKey = Self.idempotencyKey(req)
        let written = try await DossierService.submitted(submission, context: try await context(req), on: req.db,
                                                         queue: req.application.submissionQueue)
        let dossier = written.dossier
        let detail = if let steps = written.steps, let events = written.events, let files = written.files {
            DossierDTO(dossier, steps: steps, events: events, files: files)
        } else {
            try await DossierDTO.load(dossier, on: req.db)
        }
        let response = detail.response(status: written.repeated ? .ok : .created)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/dossiers/\(dossier.code)")
        return response
    }

    struct GroupDTO: Content {
        var code: String; var group: String; var name: String; var complete: Bool; var children: [DossierSummaryDTO]
    }

    /// The request's `Idempotency-Key` (IETF draft, a structured-field string: quoted or not): a retry gets what the
    /// first request made.
    static func idempotencyKey(_ req: Request) -> String? {
        guard let key = req.headers.first(name: "Idempotency-Key") else { return nil }
        return key.count >= 2 && key.hasPrefix("\"") && key.hasSuffix("\"") ? String(key.dropFirst().dropLast()) : key
    }

    @Sendable func submitGroup(req: Request) async throws -> Response {
        var submission = try req.decodeBody(LinkedDossiers.Submission.self)
        submission.submissionKey = Self.idempotencyKey(req)
        let written = try await LinkedDossiers.submit(submission, context: try await context(req), on: req.db)
        let (parent, children) = (written.group, written.children)
        let response = Response(status: written.repeated ? .ok : .created)
        try response.content.encode(GroupDTO(code: parent.code, group: parent.groupCode, name: parent.name,
                                             complete: LinkedDossiers.isComplete(children),
                                             children: children.map { DossierSummaryDTO($0, now: req.now) }))
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/dossier-groups/\(parent.code)")
        return response
    }

    @Sendable func showGroup(req: Request) async throws -> GroupDTO {
        let signedIn = try req.signedIn()
        let (parent, children) = try await LinkedDossiers.find(code: req.parameters.get("code") ?? "", actor: signedIn.actor, on: req.db)
        return GroupDTO(code: parent.code, group: parent.groupCode, name: parent.name, complete: LinkedDossiers.isComplete(children),
                        children: children.map { DossierSummaryDTO($0, now: req.now) })
    }

    @Sendable func list(req: Request) async throws -> Page<DossierSummaryDTO> {
        let signedIn = try req.signedIn()
        let paging = try Paging(req)
        var query = DossierModel.query(on: req.db)
        switch signedIn.actor.kind {
        case .citizen:
            query = query.filter(\.$applicantUserID == signedIn.actor.userID)
        case .official:
            let scopes = AccessPolicy.scopes(of: signedIn.actor, for: .viewUnit)
            var selected = scopes
            if let unitCode = req.query[String.self, at: "unit"] {
                guard let unit = try await UnitModel.find(code: unitCode, on: req.db) else {
                    throw Problem.invalid("Không tìm thấy đơn vị", "No unit \(unitCode).", fields: ["unit": "Đơn vị không tồn tại."])
                }
                guard AccessPolicy.allows(signedIn.actor, .viewUnit, onUnitAt: unit.path) else { throw Problem.forbidden() }
                selected = [unit.path]
            }
            query = query.group(.or) { group in
                for scope in selected {
                    group.filter(\.$receivingUnitPath =~ scope).filter(\.$handlingUnitPath =~ scope)
                }
            }
        }
        if req.query[String.self, at: "mine"] == "true" {
            // the dossiers whose current step is assigned to me, or waits for a role I hold in its unit
            let steps = try await DossierStepModel.query(on: req.db).filter(\.$startedAt != nil).filter(\.$completedAt == nil).all()
            let mine = steps.filter { step in
                step.assignee.map { $0 == signedIn.actor.username }
                    ?? signedIn.actor.assignments.contains { $0.role.rawValue == step.role && step.unitPath.hasPrefix($0.unitPath) }
            }
            query = query.filter(\.$id ~~ mine.map(\.$dossier.id))
        }
        if let text = req.query[String.self, at: "status"] {
            guard let status = DossierStatus(rawValue: text) else {
                throw Problem.invalid("Trạng thái không hợp lệ", "status must be one of \(DossierStatus.allCases.map(\.rawValue)).")
            }
            query = query.filter(\.$status == status)
        }
        let now = req.now
        if req.query[String.self, at: "overdue"] == "true" {
            query = query.filter(\.$status ~~ [.processing, .supplementRequested, .resolved]).filter(\.$appointment < now)
        }
        if req.query[String.self, at: "dueSoon"] == "true" {
            // due within one working day from now, not yet overdue
            let calendar = try await CalendarStore.calendar(on: req.db)
            let horizon = calendar.deadline(from: now, workingDays: 1)
            query = query.filter(\.$status ~~ [.processing, .resolved]).filter(\.$appointment >= now).filter(\.$appointment <= horizon)
        }
        let (rows, total) = try await paging.rows(of: query, sorted: { $0.sort(\.$appointment).sort(\.$submittedAt) })
        return paging.page(rows.map { DossierSummaryDTO($0, now: now) }, total: total)
    }

    @Sendable func show(req: Request) async throws -> DossierDTO {
        let signedIn = try req.signedIn()
        let dossier = try await DossierService.visibleDossier(code: req.parameters.get("code") ?? "", actor: signedIn.actor, on: req.db)
        return try await DossierDTO.load(dossier, on: req.db)
    }

    @Sendable func act(req: Request) async throws -> DossierDTO {
        let actionName = req.parameters.get("action") ?? ""
        guard let action = DossierAction(rawValue: actionName) else {
            throw Problem.notFound("Thao tác không tồn tại", "No action \(actionName); one of \(DossierAction.allCases.map(\.rawValue)).")
        }
        let input = (req.body.data?.readableBytes ?? 0) > 0 ? try req.decodeBody(DossierService.ActionInput.self)
            : DossierService.ActionInput()
        let dossier = try await DossierService.act(action, code: req.parameters.get("code") ?? "", input: input,
                                                   context: try await context(req), on: req.db)
        return try await DossierDTO.load(dossier, on: req.db)
    }

    struct Rating: Content { var score: Int; var comment: String? }

    @Sendable func rate(req: Request) async throws -> DossierDTO {
        let body = try req.decodeBody(Rating.self)
        let dossier = try await DossierService.rate(code: req.parameters.get("code") ?? "", score: body.score, comment: body.comment,
                                                    context: try await context(req), on: req.db)
        return try await DossierDTO.load(dossier, on: req.db)
    }

    @Sendable func receipt(req: Request) async throws -> ReceiptSlip {
        let signedIn = try req.signedIn()
        let dossier = try await DossierService.visibleDossier(code: req.parameters.get("code") ?? "", actor: signedIn.actor, on: req.db)
        return try await ReceiptSlip.load(dossier, publicURL: req.application.config.publicURL, on: req.db)
    }

    /// Public tracking: the dossier's ready public document (`PublicTracking`), sent as stored.
    @Sendable func track(req: Request) async throws -> Response {
        let code = req.parameters.get("code") ?? ""
        guard let document = try await PublicTracking.document(code: code, on: databases.database(for: req)) else {
            throw Problem.notFound("Không tìm thấy hồ sơ", "No dossier \(code).")
        }
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(buffer: document))
    }

    @Sendable func repository(req: Request) async throws -> Page<DigitalRepository.Item> {
        let signedIn = try req.signedIn()
        guard signedIn.actor.kind == .citizen else { throw Problem.forbidden() }
        let items = try await DigitalRepository.items(owner: signedIn.actor.userID, on: req.db)
        return Page(items: items, total: items.count, limit: items.count, offset: 0)
    }

    struct OutboxDTO: Content {
        var dossierCode: String; var channel: String; var recipient: String; var subject: String
        var status: String; var attempts: Int; var createdAt: Date; var lastError: String?
    }

    @Sendable func outbox(req: Request) async throws -> Page<OutboxDTO> {
        let actor = try req.official()
        guard AccessPolicy.isProvinceAdministrator(actor) else { throw Problem.forbidden() }
        let paging = try Paging(req, defaultLimit: 50)
        var query = OutboxMessageModel.query(on: req.db)
        if let code = req.query[String.self, at: "dossier"] { query = query.filter(\.$dossierCode == code) }
        let (rows, total) = try await paging.rows(of: query, sorted: { $0.sort(\.$createdAt, .descending) })
        return paging.page(rows.map { OutboxDTO(dossierCode: $0.dossierCode, channel: $0.channel.rawValue, recipient: $0.recipient,
                                                subject: $0.subject, status: $0.status.rawValue, attempts: $0.attempts,
                                                createdAt: $0.createdAt, lastError: $0.lastError) }, total: total)
    }
}

extension DigitalRepository.Item: Content {}

/// A dossier in a list, with how its deadline stands.
struct DossierSummaryDTO: Content {
    var code: String
    var procedureCode: String
    var procedureName: String
    var status: DossierStatus
    var nationalStatus: Int
    var channel: Dossiers.Channel
    var applicantName: String
    var receivingUnit: String
    var handlingUnit: String
    var submittedAt: Date
    var appointment: Date?
    var overdue: Bool

    init(_ dossier: DossierModel, now: Date) {
        code = dossier.code
        procedureCode = dossier.procedureCode
        procedureName = dossier.procedureName
        status = dossier.status
        nationalStatus = dossier.status.nationalCode
        channel = dossier.channel
        applicantName = dossier.applicantName
        receivingUnit = dossier.receivingUnitCode
        handlingUnit = dossier.handlingUnitCode
        submittedAt = dossier.submittedAt
        appointment = dossier.appointment
        overdue = !dossier.status.isClosed && dossier.status != .returned && (dossier.appointment.map { $0 < now } ?? false)
    }
}

/// A dossier with its steps (the control slip's rows), history and files.
struct DossierDTO: Content {
    struct Step: Content {
        var index: Int; var name: String; var role: String; var unit: String; var allottedDays: Double
        var assignee: String?; var startedAt: Date?; var deadline: Date?; var completedAt: Date?; var completedBy: String?
        var timeliness: Timeliness?
    }
    struct Event: Content {
        var at: Date; var actor: String; var action: String; var from: DossierStatus; var to: DossierStatus
        var nationalCode: Int; var note: String?
    }
    struct File: Content { var kind: String; var name: String; var sha256: String; var componentIndex: Int?; var reusedFrom: String? }

    var code: String
    var procedureCode: String
    var procedureVersion: Int
    var procedureName: String
    var status: DossierStatus
    var nationalStatus: Int
    var channel: Dossiers.Channel
    var nationalChannel: Int
    var receivingUnit: String
    var handlingUnit: String
    var applicant: DossierService.Applicant
    var form: [String: String]
    var submittedAt: Date
    var receivedAt: Date?
    var appointment: Date?
    var originalAppointment: Date?
    var currentStep: Int
    var supplementRequests: Int
    var resolvedAt: Date?
    var returnedAt: Date?
    var outcome: DossierModel.Outcome?
    var timeliness: Timeliness?
    var feeVnd: Int
    var feePaid: Bool
    var rating: Int?
    var revision: Int
    var steps: [Step]
    var events: [Event]
    var files: [File]

    static func load(_ dossier: DossierModel, on db: any Database) async throws -> DossierDTO {
        let id = try dossier.requireID()
        let steps = try await DossierStepModel.query(on: db).filter(\.$dossier.$id == id).sort(\.$index).all()
        let events = try await DossierEventModel.query(on: db).filter(\.$dossier.$id == id).sort(\.$at).all()
        let files = try await DossierFileModel.query(on: db).filter(\.$dossier.$id == id).sort(\.$createdAt).all()
        return DossierDTO(dossier, steps: steps, events: events, files: files)
    }
}

extension DossierDTO {
    /// The DTO of `dossier` with its rows (steps in order, history rows by time, files by addition).
    init(_ dossier: DossierModel, steps: [DossierStepModel], events: [DossierEventModel], files: [DossierFileModel]) {
        let form = (try? JSONDecoder().decode([String: String].self, from: Data(dossier.form.utf8))) ?? [:]
        self.init(
            code: dossier.code, procedureCode: dossier.procedureCode, procedureVersion: dossier.procedureVersion,
            procedureName: dossier.procedureName, status: dossier.status, nationalStatus: dossier.status.nationalCode,
            channel: dossier.channel, nationalChannel: dossier.channel.nationalCode, receivingUnit: dossier.receivingUnitCode,
            handlingUnit: dossier.handlingUnitCode,
            applicant: .init(fullName: dossier.applicantName, personalId: dossier.applicantPersonalID, phone: dossier.applicantPhone,
                             email: dossier.applicantEmail, address: dossier.applicantAddress),
            form: form, submittedAt: dossier.submittedAt, receivedAt: dossier.receivedAt, appointment: dossier.appointment,
            originalAppointment: dossier.originalAppointment, currentStep: dossier.currentStep,
            supplementRequests: dossier.supplementRequests, resolvedAt: dossier.resolvedAt, returnedAt: dossier.returnedAt,
            outcome: dossier.outcome, timeliness: dossier.timeliness, feeVnd: dossier.feeVnd, feePaid: dossier.feePaid,
            rating: dossier.rating, revision: dossier.revision,
            steps: steps.map { step in
                Step(index: step.index, name: step.name, role: step.role, unit: step.unitCode, allottedDays: step.allottedDays,
                     assignee: step.assignee, startedAt: step.startedAt, deadline: step.deadline, completedAt: step.completedAt,
                     completedBy: step.completedBy,
                     timeliness: step.completedAt.flatMap { done in step.deadline.map { done <= $0 ? .onTime : .late } })
            },
            events: events.map { Event(at: $0.at, actor: $0.actor, action: $0.action, from: $0.fromStatus, to: $0.toStatus,
                                       nationalCode: $0.nationalCode, note: $0.note) },
            files: files.map { File(kind: $0.kind.rawValue, name: $0.name, sha256: $0.sha256, componentIndex: $0.componentIndex,
                                    reusedFrom: $0.reusedFrom) })
    }
}

extension DossierDTO {
    /// The dossier as JSON, written member by member (`JSONText`): the same JSON its `Codable` conformance gives
    /// (`DossierJSONTests`), at a fraction of the cost — every submission and action answers with it.
    var json: String {
        var json = JSONText()
        json.object { json in
            json.member("code", code)
            json.member("procedureCode", procedureCode)
            json.member("procedureVersion", procedureVersion)
            json.member("procedureName", procedureName)
            json.member("status", status)
            json.member("nationalStatus", nationalStatus)
            json.member("channel", channel)
            json.member("nationalChannel", nationalChannel)
            json.member("receivingUnit", receivingUnit)
            json.member("handlingUnit", handlingUnit)
            json.object("applicant") { json in
                json.member("fullName", applicant.fullName)
                json.member("personalId", applicant.personalId)
                json.member("phone", applicant.phone)
                json.member("email", applicant.email)
                json.member("address", applicant.address)
            }
            json.strings("form", form)
            json.member("submittedAt", submittedAt)
            json.member("receivedAt", receivedAt)
            json.member("appointment", appointment)
            json.member("originalAppointment", originalAppointment)
            json.member("currentStep", currentStep)
            json.member("supplementRequests", supplementRequests)
            json.member("resolvedAt", resolvedAt)
            json.member("returnedAt", returnedAt)
            json.member("outcome", outcome)
            json.member("timeliness", timeliness)
            json.member("feeVnd", feeVnd)
            json.member("feePaid", feePaid)
            json.member("rating", rating)
            json.member("revision", revision)
            json.array("steps", steps) { json, step in
                json.object { json in
                    json.member("index", step.index)
                    json.member("name", step.name)
                    json.member("role", step.role)
                    json.member("unit", step.unit)
                    json.member("allottedDays", step.allottedDays)
                    json.member("assignee", step.assignee)
                    json.member("startedAt", step.startedAt)
                    json.member("deadline", step.deadline)
                    json.member("completedAt", step.completedAt)
                    json.member("completedBy", step.completedBy)
                    json.member("timeliness", step.timeliness)
                }
            }
            json.array("events", events) { json, event in
                json.object { json in
                    json.member("at", event.at)
                    json.member("actor", event.actor)
                    json.member("action", event.action)
                    json.member("from", event.from)
                    json.member("to", event.to)
                    json.member("nationalCode", event.nationalCode)
                    json.member("note", event.note)
                }
            }
            json.array("files", files) { json, file in
                json.object { json in
                    json.member("kind", file.kind)
                    json.member("name", file.name)
                    json.member("sha256", file.sha256)
                    json.member("componentIndex", file.componentIndex)
                    json.member("reusedFrom", file.reusedFrom)
                }
            }
        }
        return json.text
    }

    /// The dossier's JSON answer with `status`.
    func response(status: HTTPStatus = .ok) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: status, headers: headers, body: .init(string: json))
    }

    func encodeResponse(for request: Request) async throws -> Response { response() }

    func encodeResponse(for request: Request) -> EventLoopFuture<Response> {
        request.eventLoop.makeSucceededFuture(response())
    }
}

/// Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01) — the fields of the receipt and appointment slip.
struct ReceiptSlip: Content {
    struct Component: Content { var name: String; var originals: Int; var copies: Int }
    var form: String
    var issuer: String
    var dossierCode: String
    var applicant: String
    var address: String?
    var phone: String?
    var email: String?
    var request: String
    var components: [Component]
    var statutoryTime: String
    var receivedAt: Date
    var appointment: Date
    var resultPlace: String
    var receivedBy: String
    var trackingURL: String

    static func load(_ dossier: DossierModel, publicURL: String, on db: any Database) async throws -> ReceiptSlip {
        guard let receivedAt = dossier.receivedAt, let appointment = dossier.appointment else {
            throw Problem.conflict("Hồ sơ chưa được tiếp nhận nên chưa có giấy hẹn", "The dossier has not been received yet.")
        }
        let record = try await DossierService.versionRecord(of: dossier, on: db)
        let attached = Set(try await DossierFileModel.query(on: db).filter(\.$dossier.$id == dossier.requireID())
            .filter(\.$kind == .component).all().compactMap(\.componentIndex))
        let unit = try await UnitModel.find(code: dossier.receivingUnitCode, on: db)
        let receiver = try await DossierEventModel.query(on: db).filter(\.$dossier.$id == dossier.requireID())
            .filter(\.$action == DossierAction.receive.rawValue).first()?.actor ?? ""
        let receiverName = try await UserModel.find(username: receiver, on: db)?.fullName ?? receiver
        return ReceiptSlip(
            form: "Mẫu số 01 — Thông tư 03/2025/TT-VPCP", issuer: unit?.name ?? dossier.receivingUnitCode,
            dossierCode: dossier.code, applicant: dossier.applicantName, address: dossier.applicantAddress,
            phone: dossier.applicantPhone, email: dossier.applicantEmail, request: dossier.procedureName,
            components: (record?.components ?? []).enumerated().filter { attached.contains($0.offset) }
                .map { Component(name: $0.element.name, originals: $0.element.originals, copies: $0.element.copies) },
            statutoryTime: record?.processingTime.label ?? "", receivedAt: receivedAt, appointment: appointment,
            resultPlace: unit?.name ?? "", receivedBy: receiverName,
            trackingURL: TrackingLink.url(publicURL: publicURL, code: dossier.code))
    }
}

/// The public tracking address of a dossier (what the QR code on the slip carries).
enum TrackingLink {
    static func url(publicURL: String, code: String) -> String {
        (publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL) + "/tra-cuu/" + code
    }
}
