import Access
import Core
import DocumentSearch
import Documents
import Fluent
import Foundation
import Signing
import Storage
import Vapor
import WorkCalendar

/// The documents API: the province CA, drafting and acting on official documents, their signatures, the registers.
struct DocumentRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("signing", "authority", use: initialise)
        routes.get("signing", "authority", "certificate", use: certificate)
        routes.get("signing", "authority", "crl", use: crl)
        let documents = routes.grouped("documents")
        documents.post(use: draft)
        documents.post("incoming", use: registerPaper)
        documents.get(use: list)
        documents.get(":id", use: show)
        documents.post(":id", "actions", ":action", use: act)
        documents.get(":id", "signatures", ":kind", use: signature)
        routes.get("registers", ":agency", ":direction", use: register)
        routes.on(.POST, "exchange", "edxml", body: .collect(maxSize: "40mb"), use: receive)  // base64 attachments: ~4/3 of the files
        routes.get("exchange", "endpoints", use: endpoints)
        routes.put("exchange", "endpoints", ":agencyId", use: saveEndpoint)
        routes.get("exchange", "outbox", use: exchangeOutbox)
    }

    // MARK: exchange between agencies (edXML)

    struct ReceiptDTO: Content { var document: UUID; var outcome: String }

    /// Receives an edXML package from another agency's platform (signed by that agency: `X-Edxml-Signature`).
    @Sendable func receive(req: Request) async throws -> Response {
        let bytes = req.body.data.map { Data(buffer: $0) } ?? Data()
        let signature = req.headers.first(name: "X-Edxml-Signature").flatMap { Data(base64Encoded: $0) }
        let config = req.application.config
        let receipt = try await ExchangeService.receive(bytes, signature: signature, files: req.application.fileStore,
                                                        keys: .init(passphrase: config.signingPassphrase, rounds: config.keyRounds),
                                                        at: req.now, on: req.db)
        let (status, body): (HTTPStatus, ReceiptDTO) = switch receipt {
        case .registered(let id): (.created, ReceiptDTO(document: id, outcome: "registered"))
        case .duplicate(let id): (.ok, ReceiptDTO(document: id, outcome: "duplicate"))
        case .status(let id): (.ok, ReceiptDTO(document: id, outcome: "status"))
        }
        let response = Response(status: status)
        try response.content.encode(body)
        return response
    }

    struct EndpointDTO: Content { var agencyId: String; var name: String; var url: String; var certificate: String }
    struct EndpointInput: Content { var name: String; var url: String; var certificate: String }

    @Sendable func endpoints(req: Request) async throws -> Page<EndpointDTO> {
        _ = try req.official()
        let rows = try await ExchangeEndpointModel.query(on: req.db).sort(\.$agencyID).all()
        let items = rows.map { EndpointDTO(agencyId: $0.agencyID, name: $0.name, url: $0.url, certificate: $0.caCertificate) }
        return Page(items: items, total: items.count, limit: items.count, offset: 0)
    }

    @Sendable func saveEndpoint(req: Request) async throws -> EndpointDTO {
        let actor = try req.official()
        guard AccessPolicy.isProvinceAdministrator(actor) else { throw Problem.forbidden() }
        let input = try req.decodeBody(EndpointInput.self)
        let agencyID = req.parameters.get("agencyId") ?? ""
        try await ExchangeService.saveEndpoint(agencyID: agencyID, name: input.name, url: input.url, caCertificate: input.certificate,
                                               actor: actor.username, at: req.now, on: req.db)
        return EndpointDTO(agencyId: agencyID, name: input.name, url: input.url, certificate: input.certificate)
    }

    struct ExchangeMessageDTO: Content {
        var target: String; var kind: String; var status: String; var attempts: Int; var createdAt: Date; var lastError: String?
    }

    @Sendable func exchangeOutbox(req: Request) async throws -> Page<ExchangeMessageDTO> {
        let actor = try req.official()
        guard AccessPolicy.isProvinceAdministrator(actor) else { throw Problem.forbidden() }
        let paging = try Paging(req, defaultLimit: 50)
        let (rows, total) = try await paging.rows(of: ExchangeMessageModel.query(on: req.db), sorted: { $0.sort(\.$createdAt, .descending) })
        return paging.page(rows.map { ExchangeMessageDTO(target: $0.targetAgencyID, kind: $0.kind.rawValue, status: $0.status.rawValue,
                                                         attempts: $0.attempts, createdAt: $0.createdAt, lastError: $0.lastError) },
                           total: total)
    }

    func context(_ req: Request) throws -> DocumentService.Context {
        let signedIn = try req.signedIn()
        let config = req.application.config
        return DocumentService.Context(actor: signedIn.actor, fullName: signedIn.user.fullName, now: req.now,
                                       keys: .init(passphrase: config.signingPassphrase, rounds: config.keyRounds),
                                       files: req.application.fileStore)
    }

    // MARK: the province CA

    struct AuthorityDTO: Content { var certificate: String }

    @Sendable func initialise(req: Request) async throws -> Response {
        let actor = try req.official()
        guard AccessPolicy.isProvinceAdministrator(actor) else { throw Problem.forbidden() }
        let config = req.application.config
        let pem = try await SigningStore.initialise(keys: .init(passphrase: config.signingPassphrase, rounds: config.keyRounds),
                                                    actor: actor.username, at: req.now, on: req.db)
        let response = Response(status: .created)
        try response.content.encode(AuthorityDTO(certificate: pem))
        return response
    }

    @Sendable func certificate(req: Request) async throws -> Response {
        pem(try await SigningStore.authorityCertificatePEM(on: req.db), type: "application/x-pem-file")
    }

    @Sendable func crl(req: Request) async throws -> Response {
        let config = req.application.config
        return pem(try await SigningStore.crlPEM(keys: .init(passphrase: config.signingPassphrase, rounds: config.keyRounds),
                                                 at: req.now, on: req.db), type: "application/x-pem-file")
    }

    func pem(_ text: String, type: String) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: type)
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }

    // MARK: documents

    @Sendable func draft(req: Request) async throws -> Response {
        let draft = try req.decodeBody(DocumentService.Draft.self)
        let document = try await DocumentService.draft(draft, context: try context(req), on: req.db)
        let response = Response(status: .created)
        try response.content.encode(try await DocumentDTO.load(document, files: req.application.fileStore, on: req.db))
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/documents/\(try document.requireID())")
        return response
    }

    /// A paper document registered by the clerk (its scan uploaded first).
    @Sendable func registerPaper(req: Request) async throws -> Response {
        let paper = try req.decodeBody(DocumentService.PaperDocument.self)
        let document = try await DocumentService.registerPaper(paper, context: try context(req), on: req.db)
        let response = Response(status: .created)
        try response.content.encode(try await DocumentDTO.load(document, files: req.application.fileStore, on: req.db))
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/documents/\(try document.requireID())")
        return response
    }

    @Sendable func list(req: Request) async throws -> Page<DocumentSummaryDTO> {
        let actor = try req.official()
        let paging = try Paging(req)
        let scopes = AccessPolicy.scopes(of: actor, for: .viewUnit)
        guard !scopes.isEmpty else { return paging.page([], total: 0) }
        if ["q", "type", "signer", "from", "to"].contains(where: { req.query[String.self, at: $0] != nil }) {
            return try await search(req, scopes: scopes, paging: paging)
        }
        var query = DocumentModel.query(on: req.db).group(.or) { group in
            for scope in scopes { group.filter(\.$agencyPath =~ scope) }
        }
        if let direction = req.query[String.self, at: "direction"] {
            guard let value = NumberSeries.Direction(rawValue: direction) else {
                throw Problem.invalid("Chiều văn bản không hợp lệ", "direction must be outgoing or incoming.",
                                      fields: ["direction": "Chọn văn bản đi hoặc văn bản đến."])
            }
            query = query.filter(\.$direction == value)
        }
        if let status = req.query[String.self, at: "status"] { query = query.filter(\.$status == status) }
        let (rows, total) = try await paging.rows(of: query, sorted: { $0.sort(\.$createdAt, .descending) })
        return paging.page(rows.map(DocumentSummaryDTO.init), total: total)
    }

    /// Full-text search (`?q=`) with filters by type, agency, signer, status and dates, within the caller's agencies.
    func search(_ req: Request, scopes: [String], paging: Paging) async throws -> Page<DocumentSummaryDTO> {
        func set(_ name: String) -> Set<String> {
            Set((req.query[String.self, at: name] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty })
        }
        func date(_ name: String) throws -> Date? {
            guard let text = req.query[String.self, at: name] else { return nil }
            guard let day = LocalDate(iso: text) else {
                throw Problem.invalid("Ngày không hợp lệ", "\(name) must be a date YYYY-MM-DD.", fields: [name: "Ngày dạng YYYY-MM-DD."])
            }
            return VietnamTime.instant(name == "to" ? day.adding(days: 1) : day, hour: 0).addingTimeInterval(name == "to" ? -1 : 0)
        }
        var agencies = set("agency")
        if !scopes.contains(where: { $0.split(separator: "/").count == 1 }) {
            // only the agencies the caller may see
            var visible: Set<String> = []
            for scope in scopes {
                visible.formUnion(try await UnitModel.query(on: req.db).filter(\.$path =~ scope).all().map(\.code))
            }
            agencies = agencies.isEmpty ? visible : agencies.intersection(visible)
            if agencies.isEmpty { return paging.page([], total: 0) }
        }
        let query = SearchQuery(req.query[String.self, at: "q"] ?? "", types: set("type"), agencies: agencies, signers: set("signer"),
                                statuses: set("status"), from: try date("from"), to: try date("to"), limit: paging.limit,
                                offset: paging.offset)
        let (ids, total) = try await req.application.documentIndex.search(query, on: req.db)
        let rows = ids.isEmpty ? [] : try await DocumentModel.query(on: req.db).filter(\.$id ~~ ids).all()
        let byID = Dictionary(rows.compactMap { row in row.id.map { ($0, row) } }, uniquingKeysWith: { first, _ in first })
        return paging.page(ids.compactMap { byID[$0] }.map(DocumentSummaryDTO.init), total: total)
    }

    @Sendable func show(req: Request) async throws -> DocumentDTO {
        let document = try await DocumentService.visibleDocument(id: try documentID(req), actor: try req.official(), on: req.db)
        return try await DocumentDTO.load(document, files: req.application.fileStore, on: req.db)
    }

    @Sendable func act(req: Request) async throws -> DocumentDTO {
        let name = req.parameters.get("action") ?? ""
        let input = (req.body.data?.readableBytes ?? 0) > 0 ? try req.decodeBody(DocumentService.ActionInput.self)
            : DocumentService.ActionInput()
        let id = try documentID(req)
        let document: DocumentModel
        if let action = OutgoingAction(rawValue: name) {
            document = try await DocumentService.act(action, id: id, input: input, context: try context(req), on: req.db)
        } else if let action = IncomingAction(rawValue: name) {
            document = try await DocumentService.act(action, id: id, input: input, context: try context(req), on: req.db)
        } else {
            throw Problem.notFound("Thao tác không tồn tại",
                                   "No action \(name); one of \((OutgoingAction.allCases.map(\.rawValue) + IncomingAction.allCases.map(\.rawValue)))")
        }
        return try await DocumentDTO.load(document, files: req.application.fileStore, on: req.db)
    }

    /// A signature as a detached CMS file (`.p7s`, DER) that `openssl cms -verify` reads.
    @Sendable func signature(req: Request) async throws -> Response {
        let document = try await DocumentService.visibleDocument(id: try documentID(req), actor: try req.official(), on: req.db)
        let kind = req.parameters.get("kind") ?? ""
        let base64: String?
        switch kind {
        case "personal": base64 = document.personalSignature
        case "seal": base64 = document.sealSignature
        default: throw Problem.notFound("Không có loại chữ ký này", "Signature kind must be personal or seal.")
        }
        guard let base64, let der = Data(base64Encoded: base64) else {
            throw Problem.notFound("Văn bản chưa có chữ ký này", "The document has no \(kind) signature yet.")
        }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "application/pkcs7-signature")
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(kind).p7s\"")
        return Response(status: .ok, headers: headers, body: .init(data: der))
    }

    /// Sổ đăng ký văn bản đi / đến of an agency for a year, as JSON rows or CSV (`?format=csv`).
    @Sendable func register(req: Request) async throws -> Response {
        let agencyCode = req.parameters.get("agency") ?? ""
        guard let agency = try await UnitModel.find(code: agencyCode, on: req.db) else {
            throw Problem.notFound("Không tìm thấy cơ quan", "No unit \(agencyCode).")
        }
        _ = try req.require(.viewUnit, onUnitAt: agency.path)
        guard let direction = NumberSeries.Direction(rawValue: req.parameters.get("direction") ?? "") else {
            throw Problem.notFound("Sổ không tồn tại", "The register is outgoing or incoming.")
        }
        let year = try req.queryInt("year", default: VietnamTime.localDate(of: req.now).year, range: 1990...2100)
        let documents = try await DocumentService.register(agency: agency.code, direction: direction, year: year, on: req.db)
        let register: Register = direction == .outgoing ? .outgoing : .incoming
        var rows: [[String: String]] = []
        for document in documents { rows.append(try await RegisterRow.row(document, register: register, on: req.db)) }
        if req.query[String.self, at: "format"] == "csv" {
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
            headers.replaceOrAdd(name: .contentDisposition,
                                 value: "attachment; filename=\"so-\(direction == .outgoing ? "di" : "den")-\(agency.code)-\(year).csv\"")
            return Response(status: .ok, headers: headers,
                            body: .init(data: RegisterCSV.data(columns: register.columns, rows: rows)))
        }
        let response = Response(status: .ok)
        try response.content.encode(RegisterDTO(title: register.title, agency: agency.name, year: year,
                                                columns: register.columns.map { .init(key: $0.key, header: $0.header) }, rows: rows))
        return response
    }

    func documentID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else {
            throw Problem.notFound("Không tìm thấy văn bản", "No document \(req.parameters.get("id") ?? "").")
        }
        return id
    }
}

/// A register printed as JSON.
struct RegisterDTO: Content {
    struct Column: Content { var key: String; var header: String }
    var title: String
    var agency: String
    var year: Int
    var columns: [Column]
    var rows: [[String: String]]
}

/// One row of a register, keyed by the register's column keys.
enum RegisterRow {
    static func row(_ document: DocumentModel, register: Register, on db: any Database) async throws -> [String: String] {
        let recipients = try await DocumentRecipientModel.query(on: db).filter(\.$document.$id == document.requireID()).all()
        let assignments = try await DocumentService.assignmentsOf(document, on: db)
        let values: [String: String] = [
            "numberAndSymbol": document.symbol ?? "",
            "date": document.issuedAt.map(Register.formatDate) ?? "",
            "typeAndSubject": "\(document.type.vietnameseName): \(document.subject)",
            "signer": document.signer ?? "",
            "recipients": recipients.map(\.recipientName).joined(separator: "; "),
            "arrivalDate": document.receivedAt.map(Register.formatDate) ?? "",
            "arrivalNumber": document.incomingNumber.map(String.init) ?? "",
            "author": document.senderName ?? "",
            "recipient": assignments.map { "\($0.assignee) (\($0.role.label))" }.joined(separator: "; "),
            "fileCopyHolder": document.draftingUnitCode ?? "",
            "copies": document.direction == .outgoing ? String(recipients.count + 1) : "",
        ]
        var row: [String: String] = [:]
        for column in register.columns { row[column.key] = values[column.key] ?? "" }
        return row
    }
}

/// A document in a list.
struct DocumentSummaryDTO: Content {
    var id: UUID
    var direction: String
    var agency: String
    var type: DocumentType
    var subject: String
    var status: String
    var symbol: String?
    var incomingNumber: Int?
    var urgency: Urgency

    init(_ document: DocumentModel) {
        id = document.id ?? UUID()
        direction = document.direction.rawValue
        agency = document.agencyCode
        type = document.type
        subject = document.subject
        status = document.status
        symbol = document.symbol
        incomingNumber = document.incomingNumber
        urgency = document.urgency
    }
}

/// A document with its recipients, assignments, history and the check of its signatures.
struct DocumentDTO: Content {
    struct Event: Content { var at: Date; var actor: String; var action: String; var from: String; var to: String; var note: String? }
    struct AssignmentDTO: Content { var assignee: String; var role: AssignmentRole; var dueDate: Date? }
    var id: UUID
    var direction: String
    var agency: String
    var type: DocumentType
    var typeName: String
    var subject: String
    var urgency: Urgency
    var confidentiality: Confidentiality
    var status: String
    var contentFile: String?
    var signer: String?
    var number: Int?
    var symbol: String?
    var issuedAt: Date?
    var incomingNumber: Int?
    var receivedAt: Date?
    var sender: String?
    var revision: Int
    var recipients: [String]
    var assignments: [AssignmentDTO]
    var events: [Event]
    var signatures: DocumentService.Verdict?

    static func load(_ document: DocumentModel, files: FileStore, on db: any Database) async throws -> DocumentDTO {
        let id = try document.requireID()
        let recipients = try await DocumentRecipientModel.query(on: db).filter(\.$document.$id == id).all()
        let events = try await DocumentEventModel.query(on: db).filter(\.$document.$id == id).sort(\.$at).all()
        let assignments = try await DocumentService.assignmentsOf(document, on: db)
        return DocumentDTO(
            id: id, direction: document.direction.rawValue, agency: document.agencyCode, type: document.type,
            typeName: document.type.vietnameseName, subject: document.subject, urgency: document.urgency,
            confidentiality: document.confidentiality, status: document.status, contentFile: document.contentSHA256,
            signer: document.signer, number: document.number, symbol: document.symbol, issuedAt: document.issuedAt,
            incomingNumber: document.incomingNumber, receivedAt: document.receivedAt, sender: document.senderName,
            revision: document.revision, recipients: recipients.map(\.recipientCode),
            assignments: assignments.map { AssignmentDTO(assignee: $0.assignee, role: $0.role, dueDate: $0.dueDate) },
            events: events.map { Event(at: $0.at, actor: $0.actor, action: $0.action, from: $0.fromStatus, to: $0.toStatus, note: $0.note) },
            signatures: try await DocumentService.verification(of: document, files: files, on: db))
    }
}
