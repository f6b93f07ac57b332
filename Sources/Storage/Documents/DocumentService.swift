import Access
import Core
import DocumentSearch
import Documents
import Exchange
import Fluent
import Foundation
import Organisation
import Signing
import SQLKit
import WorkCalendar
import X509

/// Văn bản đi, văn bản đến on storage: drafting, review, approval, the signer's personal signature, issue (the
/// number from the agency's register, the agency's seal signature, delivery to the recipients on the platform), and
/// for incoming documents registration with the incoming number, assignment and handling. Every change is checked
/// for role, agency and state and written with its history row in one transaction.
public enum DocumentService {
    /// `POST /api/v1/documents` — a new outgoing draft.
    public struct Draft: Codable, Sendable {
        public var type: DocumentType
        /// Trích yếu.
        public var subject: String
        public var urgency: Urgency?
        public var confidentiality: Confidentiality?
        /// SHA-256 of the content file the drafter uploaded.
        public var contentFile: String
        /// The username of the person who signs.
        public var signer: String
        /// Unit codes of the recipients (units and agencies of the platform).
        public var recipients: [String]
        /// The drafting unit (default: the drafter's first unit as specialist).
        public var unit: String?
        public var dueDate: Date?

        public init(type: DocumentType, subject: String, urgency: Urgency? = nil, confidentiality: Confidentiality? = nil,
                    contentFile: String, signer: String, recipients: [String], unit: String? = nil, dueDate: Date? = nil) {
            self.type = type
            self.subject = subject
            self.urgency = urgency
            self.confidentiality = confidentiality
            self.contentFile = contentFile
            self.signer = signer
            self.recipients = recipients
            self.unit = unit
            self.dueDate = dueDate
        }
    }

    /// The body of `POST /api/v1/documents/{id}/actions/{action}`.
    public struct ActionInput: Codable, Sendable {
        public var reason: String?
        /// For `assign`: who handles the incoming document.
        public var assignments: [Assignment]?
        /// The revision the caller saw; a stale one is refused with 409.
        public var expectedRevision: Int?

        public init(reason: String? = nil, assignments: [Assignment]? = nil, expectedRevision: Int? = nil) {
            self.reason = reason
            self.assignments = assignments
            self.expectedRevision = expectedRevision
        }
    }

    /// Who acts, when, with which keys and numbering rules.
    public struct Context: Sendable {
        public var actor: Actor
        public var fullName: String
        public var now: Date
        public var keys: SigningStore.Keys
        public var files: FileStore
        public var policy: NumberingPolicy

        public init(actor: Actor, fullName: String, now: Date, keys: SigningStore.Keys, files: FileStore,
                    policy: NumberingPolicy = NumberingPolicy()) {
            self.actor = actor
            self.fullName = fullName
            self.now = now
            self.keys = keys
            self.files = files
            self.policy = policy
        }
    }

    // MARK: drafting

    /// Soạn thảo — a specialist drafts an outgoing document in their agency.
    public static func draft(_ draft: Draft, context: Context, on db: any Database) async throws -> DocumentModel {
        let actor = context.actor
        let specialistUnits = actor.assignments.filter { $0.role == .specialist }
        guard actor.kind == .official, let unitCode = draft.unit ?? specialistUnits.first?.unitCode else { throw Problem.forbidden() }
        guard let unit = try await UnitModel.find(code: unitCode, on: db) else {
            throw Problem.invalid("Không tìm thấy đơn vị soạn thảo", "No unit \(unitCode).", fields: ["unit": "Chọn đơn vị soạn thảo."])
        }
        guard holds(actor, .specialist, at: unit.path) else { throw Problem.forbidden() }
        let agency = try await agency(of: unit, on: db)
        var errors: [String: String] = [:]
        let subject = draft.subject.trimmingCharacters(in: .whitespacesAndNewlines)
        if subject.isEmpty { errors["subject"] = "Nhập trích yếu văn bản." }
        if subject.count > 500 { errors["subject"] = "Trích yếu không quá 500 ký tự." }
        if !draft.type.isNumbered { errors["type"] = "\(draft.type.vietnameseName) không được cấp số; chọn loại văn bản khác." }
        let upload = try await FileUploadModel.query(on: db).filter(\.$username == actor.username)
            .filter(\.$sha256 == draft.contentFile).first()
        if upload == nil { errors["contentFile"] = "Tải tệp nội dung văn bản lên trước." }
        let signer = try await UserModel.find(username: draft.signer, on: db)
        if let signer {
            let signerActor = try await AccountStore.actor(for: signer, on: db)
            if !holds(signerActor, .agencyLeader, at: agency.path) { errors["signer"] = "Người ký phải là lãnh đạo của cơ quan ban hành." }
        } else {
            errors["signer"] = "Không tìm thấy người ký."
        }
        var recipients: [(code: String, name: String)] = []
        for code in draft.recipients {
            if let recipient = try await UnitModel.find(code: code, on: db) {
                recipients.append((recipient.code, recipient.name))
            } else if let endpoint = try await ExchangeService.endpoint(agencyID: code, on: db) {
                recipients.append((endpoint.agencyID, endpoint.name))  // another agency's platform, reached by edXML
            } else {
                errors["recipients"] = "Không tìm thấy nơi nhận \(code) (đơn vị của hệ thống hoặc cơ quan trong danh bạ liên thông)."
            }
        }
        if draft.recipients.isEmpty { errors["recipients"] = "Chọn ít nhất một nơi nhận." }
        guard errors.isEmpty else {
            throw Problem.invalid("Văn bản có \(errors.count) trường chưa hợp lệ",
                                  "The draft has invalid fields: \(errors.keys.sorted().joined(separator: ", ")).", fields: errors)
        }
        let chosen = recipients
        let contentText = try await extractedText(sha256: draft.contentFile, files: context.files, on: db)
        return try await db.writeTransaction { db in
            let document = DocumentModel()
            document.direction = .outgoing
            document.agencyCode = agency.code
            document.agencyPath = agency.path
            document.draftingUnitCode = unit.code
            document.type = draft.type
            document.subject = subject
            document.urgency = draft.urgency ?? .normal
            document.confidentiality = draft.confidentiality ?? .normal
            document.status = OutgoingStatus.draft.rawValue
            document.contentSHA256 = draft.contentFile
            document.contentName = upload?.name
            document.contentText = contentText
            document.signer = draft.signer
            document.dueDate = draft.dueDate
            document.revision = 0
            document.createdBy = actor.username
            try await document.create(on: db)
            let id = try document.requireID()
            try await chosen.map { DocumentRecipientModel(documentID: id, code: $0.code, name: $0.name) }.create(on: db)
            try await DocumentEventModel(documentID: id, at: context.now, actor: actor.username, action: "draft",
                                         from: OutgoingStatus.draft.rawValue, to: OutgoingStatus.draft.rawValue, note: nil).create(on: db)
            return document
        }
    }

    // MARK: outgoing actions

    /// Takes an outgoing `action`; refuses with 403 (role, agency, not the designated signer), 409 (state, or a
    /// concurrent change) or 400 (missing reason), changing nothing.
    public static func act(_ action: OutgoingAction, id: UUID, input: ActionInput, context: Context,
                           on db: any Database) async throws -> DocumentModel {
        let (document, reason) = try await prepare(id: id, direction: .outgoing, action: action.rawValue, needsReason: action.needsReason,
                                                   input: input, context: context, on: db)
        guard let status = OutgoingStatus(rawValue: document.status) else { throw staleProblem }
        let next: OutgoingStatus
        do { next = try OutgoingWorkflow.transition(from: status, action: action) } catch let error as DocumentRuleError {
            throw Problem.conflict(error.vietnamese, error.english)
        }
        guard let performer = action.performer(from: status) else { throw Problem.forbidden() }
        let scope = performer == .unitLeader ? try await draftingUnitPath(document, on: db) : document.agencyPath
        guard holds(context.actor, role(performer), at: scope) else {
            throw Problem.forbidden("Bạn không có quyền \(action.label.lowercased()) văn bản này",
                                    "Only a \(role(performer).rawValue) of the agency may \(action.rawValue) this document.")
        }
        if action == .sign, let signer = document.signer, signer != context.actor.username {
            throw Problem.forbidden("Văn bản này do người khác ký", "This document is to be signed by \(signer).")
        }
        let seen = document.revision
        return try await db.writeTransaction { db in
            try await claim(document, revision: seen, on: db)
            var note: String? = reason.isEmpty ? nil : reason
            switch action {
            case .sign:
                document.personalSignature = try await signature(document, owner: "person:\(context.actor.username)", kind: .personal,
                                                                 subject: CertificateSubject(commonName: context.fullName,
                                                                                             organisation: try await agencyName(document, on: db)),
                                                                 context: context, on: db)
            case .issue:
                let year = NumberSeries.year(of: context.now)
                let agency = try await requireUnit(document.agencyCode, on: db)
                let series: NumberSeries
                do {
                    series = try context.policy.outgoingSeries(agencyCode: agency.agencyCode ?? agency.code, year: year,
                                                               type: document.type, confidentiality: document.confidentiality)
                } catch let error as DocumentRuleError { throw Problem.conflict(error.vietnamese, error.english) }
                let number = try await nextNumber(series: series.storageKey, on: db)
                let unitPart = document.type == .officialLetter ? try await draftingUnitAbbreviation(document, agency: agency, on: db) : nil
                let symbol: NumberAndSymbol
                do {
                    symbol = try NumberAndSymbol(number: number, type: document.type, issuer: issuerAbbreviation(agency), unit: unitPart)
                } catch let error as DocumentRuleError { throw Problem.conflict(error.vietnamese, error.english) }
                document.number = number
                document.symbol = symbol.description
                document.seriesKey = series.storageKey
                document.issuedAt = context.now
                document.sealSignature = try await signature(document, owner: "agency:\(agency.code)", kind: .organisation,
                                                             subject: CertificateSubject(commonName: agency.name, organisation: agency.name),
                                                             context: context, on: db)
                note = "Số \(symbol.description)"
                try await deliver(document, from: agency, context: context, on: db)
            case .returnForRevision:
                document.personalSignature = nil
            default:
                break
            }
            try await record(document, action: action.rawValue, from: status.rawValue, to: next.rawValue, note: note,
                             context: context, on: db)
            return document
        }
    }

    // MARK: paper documents

    /// `POST /api/v1/documents/incoming` — a document that came on paper, scanned by the clerk.
    public struct PaperDocument: Codable, Sendable {
        public var type: DocumentType
        public var subject: String
        /// Tác giả — the sending agency as printed.
        public var sender: String
        /// Số, ký hiệu as printed (e.g. `12/BC-UBND`).
        public var symbol: String
        /// Ngày tháng văn bản.
        public var issuedOn: String
        /// SHA-256 of the scan the clerk uploaded.
        public var scanFile: String
        public var urgency: Urgency?
        public var confidentiality: Confidentiality?
        /// The receiving agency (default: the clerk's).
        public var agency: String?
        public var dueDate: Date?

        public init(type: DocumentType, subject: String, sender: String, symbol: String, issuedOn: String, scanFile: String,
                    urgency: Urgency? = nil, confidentiality: Confidentiality? = nil, agency: String? = nil, dueDate: Date? = nil) {
            self.type = type
            self.subject = subject
            self.sender = sender
            self.symbol = symbol
            self.issuedOn = issuedOn
            self.scanFile = scanFile
            self.urgency = urgency
            self.confidentiality = confidentiality
            self.agency = agency
            self.dueDate = dueDate
        }
    }

    /// Vào sổ văn bản đến giấy — the clerk registers a paper document (its scan) in the agency's incoming register:
    /// it gets its incoming number at once.
    public static func registerPaper(_ paper: PaperDocument, context: Context, on db: any Database) async throws -> DocumentModel {
        let actor = context.actor
        guard actor.kind == .official, let agencyCode = paper.agency ?? actor.assignments.first(where: { $0.role == .clerk })?.unitCode,
              let unit = try await UnitModel.find(code: agencyCode, on: db) else { throw Problem.forbidden() }
        let agency = try await agency(of: unit, on: db)
        guard holds(actor, .clerk, at: agency.path) else { throw Problem.forbidden() }
        var errors: [String: String] = [:]
        let subject = paper.subject.trimmingCharacters(in: .whitespacesAndNewlines)
        if subject.isEmpty { errors["subject"] = "Nhập trích yếu văn bản." }
        if paper.sender.trimmingCharacters(in: .whitespaces).isEmpty { errors["sender"] = "Nhập cơ quan gửi." }
        if paper.symbol.trimmingCharacters(in: .whitespaces).isEmpty { errors["symbol"] = "Nhập số, ký hiệu như trên văn bản." }
        let issued = LocalDate(iso: paper.issuedOn)
        if issued == nil { errors["issuedOn"] = "Ngày tháng văn bản dạng YYYY-MM-DD." }
        let upload = try await FileUploadModel.query(on: db).filter(\.$username == actor.username).filter(\.$sha256 == paper.scanFile).first()
        if upload == nil { errors["scanFile"] = "Tải bản quét của văn bản lên trước." }
        guard errors.isEmpty, let issued else {
            throw Problem.invalid("Văn bản đến có \(errors.count) trường chưa hợp lệ",
                                  "The paper document has invalid fields: \(errors.keys.sorted().joined(separator: ", ")).", fields: errors)
        }
        let text = try await extractedText(sha256: paper.scanFile, files: context.files, on: db)
        let symbol = paper.symbol.trimmingCharacters(in: .whitespaces)
        return try await db.writeTransaction { db in
            let document = DocumentModel()
            document.direction = .incoming
            document.agencyCode = agency.code
            document.agencyPath = agency.path
            document.type = paper.type
            document.subject = subject
            document.urgency = paper.urgency ?? .normal
            document.confidentiality = paper.confidentiality ?? .normal
            document.status = IncomingStatus.received.rawValue
            document.contentSHA256 = paper.scanFile
            document.contentName = upload?.name
            document.contentText = text
            document.symbol = symbol
            document.number = Int(symbol.prefix { $0.isNumber })
            document.issuedAt = VietnamTime.instant(issued, hour: 8)
            document.senderName = paper.sender.trimmingCharacters(in: .whitespaces)
            document.dueDate = paper.dueDate
            document.revision = 0
            document.createdBy = actor.username
            try await assignIncomingNumber(document, agency: agency, context: context, on: db)
            try await document.create(on: db)
            try await DocumentEventModel(documentID: document.requireID(), at: context.now, actor: actor.username, action: "register-paper",
                                         from: IncomingStatus.arrived.rawValue, to: IncomingStatus.received.rawValue,
                                         note: "Văn bản giấy, số đến \(document.incomingNumber ?? 0)").create(on: db)
            return document
        }
    }

    // MARK: incoming actions

    /// Takes an incoming `action` (register with the incoming number, return to sender, assign, start, complete).
    public static func act(_ action: IncomingAction, id: UUID, input: ActionInput, context: Context,
                           on db: any Database) async throws -> DocumentModel {
        let (document, reason) = try await prepare(id: id, direction: .incoming, action: action.rawValue, needsReason: action.needsReason,
                                                   input: input, context: context, on: db)
        guard let status = IncomingStatus(rawValue: document.status) else { throw staleProblem }
        let next: IncomingStatus
        do { next = try IncomingWorkflow.transition(from: status, action: action) } catch let error as DocumentRuleError {
            throw Problem.conflict(error.vietnamese, error.english)
        }
        let assignments = try await assignmentsOf(document, on: db)
        let allowed: Bool
        switch action {
        case .start, .complete:
            // the lead assignee, or a specialist / unit leader of the agency
            allowed = assignments.contains { $0.role == .lead && $0.assignee == context.actor.username }
                || holds(context.actor, .specialist, at: document.agencyPath) || holds(context.actor, .unitLeader, at: document.agencyPath)
        default:
            allowed = action.performers.contains { holds(context.actor, role($0), at: document.agencyPath) }
        }
        guard allowed else { throw Problem.forbidden() }
        var newAssignments: [Assignment] = []
        if action == .assign || action == .reassign {
            newAssignments = input.assignments ?? []
            do { try IncomingWorkflow.checkAssignments(newAssignments) } catch let error as DocumentRuleError {
                throw Problem.invalid(error.vietnamese, error.english, fields: ["assignments": error.vietnamese])
            }
            for assignment in newAssignments where try await UserModel.find(username: assignment.assignee, on: db) == nil {
                guard try await UnitModel.find(code: assignment.assignee, on: db) != nil else {
                    throw Problem.invalid("Không tìm thấy người hoặc đơn vị được phân công", "No person or unit \(assignment.assignee).",
                                          fields: ["assignments": "Không tìm thấy \(assignment.assignee)."])
                }
            }
        }
        if action == .register, let verdict = try await verification(of: document, files: context.files, on: db), !verdict.isValid {
            throw Problem.conflict("Chữ ký số của văn bản không hợp lệ: \(verdict.vietnamese)",
                                   "The document's signatures are not valid: \(verdict.english). Return it to the sender.")
        }
        let seen = document.revision
        let given = newAssignments
        return try await db.writeTransaction { db in
            try await claim(document, revision: seen, on: db)
            var note: String? = reason.isEmpty ? nil : reason
            switch action {
            case .register:
                try await assignIncomingNumber(document, agency: try await requireUnit(document.agencyCode, on: db),
                                               context: context, on: db)
                note = "Số đến \(document.incomingNumber ?? 0)"
            case .assign, .reassign:
                let documentID = try document.requireID()
                try await DocumentAssignmentModel.query(on: db).filter(\.$document.$id == documentID).delete()
                try await given.map {
                    DocumentAssignmentModel(documentID: documentID, assignee: $0.assignee, role: $0.role, dueDate: $0.dueDate,
                                            assignedBy: context.actor.username, at: context.now)
                }.create(on: db)
                note = given.map { "\($0.role.label): \($0.assignee)" }.joined(separator: "; ")
            default:
                break
            }
            try await record(document, action: action.rawValue, from: status.rawValue, to: next.rawValue, note: note,
                             context: context, on: db)
            // the sender on another platform is told (gói tin trạng thái)
            try await ExchangeService.queueStatus(statusCode(action), for: document, note: note, context: context, on: db)
            return document
        }
    }

    /// The checks every action starts with: the document is visible to the caller and goes the right way, the caller
    /// saw its latest revision, and a reason is given where the action needs one. Returns the document and the reason.
    static func prepare(id: UUID, direction: NumberSeries.Direction, action: String, needsReason: Bool, input: ActionInput,
                        context: Context, on db: any Database) async throws -> (DocumentModel, String) {
        let document = try await visibleDocument(id: id, actor: context.actor, on: db)
        guard document.direction == direction else {
            throw Problem.conflict(direction == .outgoing ? "Thao tác chỉ dành cho văn bản đi" : "Thao tác chỉ dành cho văn bản đến",
                                   "Action \(action) applies to \(direction.rawValue) documents.")
        }
        if let expected = input.expectedRevision, expected != document.revision { throw staleProblem }
        let reason = input.reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if needsReason, reason.isEmpty {
            throw Problem.invalid("Vui lòng ghi rõ lý do", "Action \(action) needs a reason.", fields: ["reason": "Vui lòng ghi rõ lý do."])
        }
        return (document, reason)
    }

    /// Saves the document in its new status and writes the history row (inside the change's transaction).
    static func record(_ document: DocumentModel, action: String, from: String, to: String, note: String?, context: Context,
                       on db: any Database) async throws {
        document.status = to
        try await document.save(on: db)
        try await DocumentEventModel(documentID: document.requireID(), at: context.now, actor: context.actor.username,
                                     action: action, from: from, to: to, note: note).create(on: db)
    }

    /// The edXML status an incoming action reports to the sender.
    static func statusCode(_ action: IncomingAction) -> EdXMLStatusCode {
        switch action {
        case .register: .accepted
        case .returnToSender: .rejected
        case .assign, .reassign: .assigned
        case .start: .processing
        case .complete: .done
        }
    }

    // MARK: reading

    /// The document if the actor's roles reach its agency (or the actor is named in its assignments).
    public static func visibleDocument(id: UUID, actor: Actor, on db: any Database) async throws -> DocumentModel {
        guard let document = try await DocumentModel.find(id, on: db) else {
            throw Problem.notFound("Không tìm thấy văn bản", "No document \(id).")
        }
        guard actor.kind == .official else { throw Problem.notFound("Không tìm thấy văn bản", "No document \(id).") }
        if AccessPolicy.allows(actor, .viewUnit, onUnitAt: document.agencyPath) { return document }
        if try await assignmentsOf(document, on: db).contains(where: { $0.assignee == actor.username }) { return document }
        throw Problem.forbidden()
    }

    /// The assignments of an incoming document.
    public static func assignmentsOf(_ document: DocumentModel, on db: any Database) async throws -> [DocumentAssignmentModel] {
        try await DocumentAssignmentModel.query(on: db).filter(\.$document.$id == document.requireID()).all()
    }

    /// What the check of a document's two signatures says (nil when it has none yet).
    public struct Verdict: Sendable, Codable, Equatable {
        public var isValid: Bool
        public var vietnamese: String
        public var english: String
    }

    /// Checks the personal and seal signatures over the content file against the province CA and its revocations.
    public static func verification(of document: DocumentModel, files: FileStore, on db: any Database) async throws -> Verdict? {
        guard document.personalSignature != nil || document.sealSignature != nil, let sha = document.contentSHA256 else { return nil }
        // a document from another platform is checked against the CA its directory entry trusts
        let external = try await document.senderCode.asyncMap { try await ExchangeService.endpoint(agencyID: $0, on: db) } ?? nil
        let rootPEM: String
        if let external { rootPEM = external.caCertificate } else { rootPEM = try await SigningStore.authorityCertificatePEM(on: db) }
        let root = try Certificate(pemEncoded: rootPEM)
        let content = try files.read(sha)
        let signatures = DocumentSignatures(personal: document.personalSignature.flatMap { Data(base64Encoded: $0) },
                                            seal: document.sealSignature.flatMap { Data(base64Encoded: $0) })
        let result = signatures.verify(content: content, trustedRoot: root, revocations: try await SigningStore.revocations(on: db),
                                       at: Date())
        switch result {
        case .valid(let personal, let seal):
            return Verdict(isValid: true, vietnamese: "Hợp lệ: ký bởi \(personal.commonName), đóng dấu số của \(seal.commonName)",
                           english: "Valid: signed by \(personal.commonName), sealed by \(seal.commonName)")
        case .invalid(let failure):
            return Verdict(isValid: false, vietnamese: failure.vietnameseMessage, english: failure.englishMessage)
        }
    }

    /// The documents of an agency's register for a year (outgoing by number, incoming by incoming number).
    public static func register(agency: String, direction: NumberSeries.Direction, year: Int, on db: any Database) async throws -> [DocumentModel] {
        let start = VietnamTime.instant(LocalDate(year: year, month: 1, day: 1)!, hour: 0)
        let end = VietnamTime.instant(LocalDate(year: year + 1, month: 1, day: 1)!, hour: 0)
        switch direction {
        case .outgoing:
            return try await DocumentModel.query(on: db).filter(\.$agencyCode == agency).filter(\.$direction == .outgoing)
                .filter(\.$issuedAt >= start).filter(\.$issuedAt < end).sort(\.$issuedAt).sort(\.$number).all()
        case .incoming:
            return try await DocumentModel.query(on: db).filter(\.$agencyCode == agency).filter(\.$direction == .incoming)
                .filter(\.$receivedAt >= start).filter(\.$receivedAt < end).sort(\.$incomingNumber).all()
        }
    }

    // MARK: internals

    /// The issuing agency's abbreviation in symbols: UBND for the province and communes, the department's code.
    public static func issuerAbbreviation(_ agency: UnitModel) -> String {
        switch agency.kind {
        case .department: agency.code.uppercased()
        default: "UBND"
        }
    }

    /// The agency a unit belongs to: itself when it is a department, the province or a commune-level unit, else the
    /// nearest such ancestor.
    public static func agency(of unit: UnitModel, on db: any Database) async throws -> UnitModel {
        var current = unit
        while !(current.kind == .department || current.kind == .province || current.kind == .district || current.kind.isCommuneLevel) {
            guard let parentID = current.$parent.id, let parent = try await UnitModel.find(parentID, on: db) else { break }
            current = parent
        }
        return current
    }

    static func holds(_ actor: Actor, _ role: Role, at unitPath: String) -> Bool {
        actor.kind == .official && actor.assignments.contains { $0.role == role && UnitPath.isWithin(unitPath, scope: $0.unitPath) }
    }

    public static func role(_ office: OfficeRole) -> Role {
        switch office {
        case .specialist: .specialist
        case .unitLeader: .unitLeader
        case .agencyLeader: .agencyLeader
        case .clerk: .clerk
        }
    }

    static func requireUnit(_ code: String, on db: any Database) async throws -> UnitModel {
        guard let unit = try await UnitModel.find(code: code, on: db) else {
            throw Problem.conflict("Không tìm thấy cơ quan của văn bản", "No unit \(code).")
        }
        return unit
    }

    static func draftingUnitPath(_ document: DocumentModel, on db: any Database) async throws -> String {
        guard let code = document.draftingUnitCode else { return document.agencyPath }
        return try await UnitModel.find(code: code, on: db)?.path ?? document.agencyPath
    }

    static func agencyName(_ document: DocumentModel, on db: any Database) async throws -> String {
        try await UnitModel.find(code: document.agencyCode, on: db)?.name ?? document.agencyCode
    }

    /// The unit part of a Công văn's symbol: the drafting office's own code (after the agency's), or nil.
    static func draftingUnitAbbreviation(_ document: DocumentModel, agency: UnitModel, on db: any Database) async throws -> String? {
        guard let code = document.draftingUnitCode, code != agency.code else { return nil }
        let last = code.split(separator: ".").last.map(String.init) ?? code
        return last.uppercased().allSatisfy { $0.isLetter || $0.isNumber } ? last.uppercased() : nil
    }

    /// A CMS detached signature of the content file by `owner`'s certificate (issued on first use), base64.
    static func signature(_ document: DocumentModel, owner: String, kind: CertificateKind, subject: CertificateSubject,
                          context: Context, on db: any Database) async throws -> String {
        guard let sha = document.contentSHA256 else {
            throw Problem.conflict("Văn bản chưa có tệp nội dung", "The document has no content file to sign.")
        }
        let content = try context.files.read(sha)
        let (certificate, key) = try await SigningStore.credential(owner: owner, kind: kind, subject: subject, keys: context.keys,
                                                                    at: context.now, on: db)
        return try DetachedSignature.sign(content: content, certificate: certificate, privateKey: key, signingTime: context.now)
            .base64EncodedString()
    }

    /// The searchable text of a stored file (nil when it has none that can be read), at most 200,000 characters.
    public static func extractedText(sha256: String, files: FileStore, on db: any Database) async throws -> String? {
        guard let stored = try await StoredFileModel.query(on: db).filter(\.$sha256 == sha256).first(),
              let data = try? files.read(sha256) else { return nil }
        return TextExtraction.text(of: data, mediaType: stored.mediaType).map { String($0.prefix(200_000)) }
    }

    /// Sends an issued document to its recipients on the platform: each recipient agency gets an incoming copy
    /// waiting for its clerk to register it (once, however often delivery is repeated).
    static func deliver(_ document: DocumentModel, from agency: UnitModel, context: Context, on db: any Database) async throws {
        let id = try document.requireID()
        let recipients = try await DocumentRecipientModel.query(on: db).filter(\.$document.$id == id).all()
        var delivered: Set<String> = []
        let signerName = try await document.signer.asyncMap { try await UserModel.find(username: $0, on: db)?.fullName } ?? nil
        for recipient in recipients {
            guard let unit = try await UnitModel.find(code: recipient.recipientCode, on: db) else {
                if let endpoint = try await ExchangeService.endpoint(agencyID: recipient.recipientCode, on: db) {
                    try await ExchangeService.queueDocument(document, to: endpoint, from: agency, signerName: signerName,
                                                            context: context, on: db)
                }
                continue
            }
            let target = try await self.agency(of: unit, on: db)
            guard target.code != agency.code, delivered.insert(target.code).inserted else { continue }
            let copy = DocumentModel()
            copy.direction = .incoming
            copy.agencyCode = target.code
            copy.agencyPath = target.path
            copy.type = document.type
            copy.subject = document.subject
            copy.urgency = document.urgency
            copy.confidentiality = document.confidentiality
            copy.status = IncomingStatus.arrived.rawValue
            copy.contentSHA256 = document.contentSHA256
            copy.contentName = document.contentName
            copy.contentText = document.contentText
            copy.signer = document.signer
            copy.number = document.number
            copy.symbol = document.symbol
            copy.issuedAt = document.issuedAt
            copy.personalSignature = document.personalSignature
            copy.sealSignature = document.sealSignature
            copy.senderCode = agency.code
            copy.senderName = agency.name
            copy.sourceIdentity = id.uuidString
            copy.dueDate = document.dueDate
            copy.revision = 0
            copy.createdBy = context.actor.username
            try await copy.create(on: db)
            try await DocumentEventModel(documentID: copy.requireID(), at: context.now, actor: context.actor.username, action: "arrive",
                                         from: IncomingStatus.arrived.rawValue, to: IncomingStatus.arrived.rawValue,
                                         note: "Từ \(agency.name): \(document.symbol ?? "")").create(on: db)
        }
    }

    /// Gives `document` the next number of its agency's incoming register (số đến) and the time of registration
    /// (inside the registering transaction).
    static func assignIncomingNumber(_ document: DocumentModel, agency: UnitModel, context: Context,
                                     on db: any Database) async throws {
        let series: NumberSeries
        do {
            series = try context.policy.incomingSeries(agencyCode: agency.agencyCode ?? agency.code, year: NumberSeries.year(of: context.now),
                                                       confidentiality: document.confidentiality)
        } catch let error as DocumentRuleError { throw Problem.conflict(error.vietnamese, error.english) }
        document.incomingNumber = try await nextNumber(series: series.storageKey, on: db)
        document.receivedAt = context.now
    }

    /// The next number of a series, atomically: the increment belongs to the issuing transaction, so a failed issue
    /// gives its number back and numbers have neither gaps nor duplicates.
    public static func nextNumber(series: String, on db: any Database) async throws -> Int {
        let sql = db as! any SQLDatabase
        let row = try await sql.raw("""
            INSERT INTO document_series (series_key, last) VALUES (\(bind: series), 1)
            ON CONFLICT (series_key) DO UPDATE SET last = document_series.last + 1
            RETURNING last
            """).first()
        guard let last = try row?.decode(column: "last", as: Int.self) else {
            throw Problem(status: 500, slug: "numbering", title: "Lỗi cấp số văn bản", detail: "No number returned.")
        }
        return last
    }

    static var staleProblem: Problem {
        .conflict("Văn bản vừa được người khác cập nhật; vui lòng tải lại", "The document was changed concurrently; reload and retry.")
    }

    /// Moves the revision on, or answers 409 when someone else did first.
    static func claim(_ document: DocumentModel, revision: Int, on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        let rows = try await sql.update(DocumentModel.schema)
            .set("revision", to: SQLBind(revision + 1))
            .where("id", .equal, SQLBind(document.requireID()))
            .where("revision", .equal, SQLBind(revision))
            .returning("revision")
            .all()
        guard rows.count == 1 else { throw staleProblem }
        document.revision = revision + 1
    }
}

extension Optional {
    /// `map` with an asynchronous transform.
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
