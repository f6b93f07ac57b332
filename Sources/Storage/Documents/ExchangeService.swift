import Access
import Core
import DocumentSearch
import Documents
import Exchange
import Fluent
import Foundation
import Signing
import SQLKit
import WorkCalendar
import X509

/// Liên thông văn bản giữa các cơ quan — documents and status messages to and from other agencies' platforms as
/// edXML (QCVN 102:2016) packages: each package is signed by the sending agency's seal certificate, queued in the
/// outbox in the same transaction as the change that produced it, delivered with retries, and received once however
/// often it arrives.
public enum ExchangeService {
    /// What receiving a package did.
    public enum Receipt: Sendable, Equatable {
        /// A new incoming document, waiting for the clerk.
        case registered(UUID)
        /// The same document had arrived before: nothing new was stored.
        case duplicate(UUID)
        /// A status message about one of our outgoing documents was recorded.
        case status(UUID)
    }

    static let writer = EdXMLWriter()
    static let reader = EdXMLReader()

    /// The directory entry of an agency identifier code, if any.
    public static func endpoint(agencyID: String, on db: any Database) async throws -> ExchangeEndpointModel? {
        try await ExchangeEndpointModel.query(on: db).filter(\.$agencyID == agencyID).first()
    }

    /// Records (or replaces) another agency's endpoint in the directory.
    public static func saveEndpoint(agencyID: String, name: String, url: String, caCertificate: String, actor: String, at now: Date,
                                    on db: any Database) async throws {
        var errors: [String: String] = [:]
        if !EdXMLAgencyCode.isWellFormed(agencyID) { errors["agencyId"] = "Mã định danh có dạng 000.00.00.H60." }
        if URL(string: url)?.scheme.map({ ["http", "https"].contains($0) }) != true { errors["url"] = "Địa chỉ http(s) của hệ thống nhận." }
        if (try? Certificate(pemEncoded: caCertificate)) == nil { errors["certificate"] = "Chứng thư CA dạng PEM." }
        guard errors.isEmpty else {
            throw Problem.invalid("Thông tin cơ quan liên thông chưa hợp lệ", "Invalid endpoint: \(errors.keys.sorted()).", fields: errors)
        }
        try await db.writeTransaction { db in
            if let existing = try await endpoint(agencyID: agencyID, on: db) {
                existing.name = name
                existing.url = url
                existing.caCertificate = caCertificate
                try await existing.save(on: db)
            } else {
                try await ExchangeEndpointModel(agencyID: agencyID, name: name, url: url, caCertificate: caCertificate).create(on: db)
            }
            try await AuditEventModel.record(on: db, at: now, actor: actor, action: "exchange.endpoint", subject: agencyID)
        }
    }

    // MARK: sending

    /// Queues the issued `document` for an agency of the directory (inside the issue transaction).
    static func queueDocument(_ document: DocumentModel, to endpoint: ExchangeEndpointModel, from agency: UnitModel,
                              signerName: String?, context: DocumentService.Context, on db: any Database) async throws {
        guard let number = document.number, let symbol = document.symbol, let issuedAt = document.issuedAt,
              let sha = document.contentSHA256 else { return }
        let notation = symbol.split(separator: "/", maxSplits: 1).last.map(String.init) ?? symbol
        let code = EdXMLCode(number: NumberAndSymbol.format(number: number), notation: notation)
        let from = organization(agency)
        let date = EdXMLDate(issuedAt)
        var attachments = [EdXMLAttachment(contentID: "content", name: document.contentName ?? "van-ban.pdf",
                                           contentType: try await mediaType(of: sha, on: db), data: try context.files.read(sha))]
        if let personal = document.personalSignature.flatMap({ Data(base64Encoded: $0) }) {
            attachments.append(EdXMLAttachment(contentID: "personal", name: "personal.p7s", contentType: "application/pkcs7-signature",
                                               data: personal))
        }
        if let seal = document.sealSignature.flatMap({ Data(base64Encoded: $0) }) {
            attachments.append(EdXMLAttachment(contentID: "seal", name: "seal.p7s", contentType: "application/pkcs7-signature", data: seal))
        }
        let message = EdXMLMessage(
            from: from, to: [EdXMLOrganization(organId: endpoint.agencyID, organName: endpoint.name)],
            documentId: EdXMLDocumentID(organId: from.organId, date: date, code: code).description, code: code,
            promulgationInfo: EdXMLPromulgationInfo(place: "Tuyên Quang", date: date),
            documentType: EdXMLDocumentType(type: document.type.ordinal, typeName: document.type.vietnameseName),
            subject: document.subject, signerInfo: EdXMLSignerInfo(fullName: signerName),
            dueDate: document.dueDate.map { EdXMLDate($0) },
            otherInfo: EdXMLOtherInfo(priority: EdXMLPriorityCodes().code(for: document.urgency)),
            toPlaces: [endpoint.name],
            traceHeaders: [EdXMLTraceHeader(organId: from.organId, timestamp: EdXMLDateTime(context.now))])
        let bytes = try writer.write(EdXMLPackage(message: message, attachments: attachments))
        document.sourceIdentity = message.receiptIdentity
        try await queue(bytes, kind: .document, to: endpoint, signedBy: agency, documentID: document.id, context: context, on: db)
    }

    /// Queues the edXML status message `code` about an incoming `document` for its sender, when it came from
    /// another agency's platform (inside the change's transaction); does nothing for documents from this platform.
    static func queueStatus(_ code: EdXMLStatusCode, for document: DocumentModel, note: String?, context: DocumentService.Context,
                            on db: any Database) async throws {
        guard document.direction == .incoming, let sender = document.senderCode, let identity = document.sourceIdentity,
              let endpoint = try await endpoint(agencyID: sender, on: db),
              let agency = try await UnitModel.find(code: document.agencyCode, on: db) else { return }
        let status = EdXMLStatus(from: organization(agency),
                                 responseFor: EdXMLResponseFor(organId: sender, code: document.symbol, documentId: identity),
                                 staffInfo: EdXMLStaffInfo(staff: context.fullName), code: code,
                                 description: note ?? code.vietnamese, timestamp: EdXMLDateTime(context.now))
        try await queue(try writer.write(status), kind: .status, to: endpoint, signedBy: agency, documentID: document.id,
                        context: context, on: db)
    }

    static func queue(_ bytes: Data, kind: ExchangeMessageModel.Kind, to endpoint: ExchangeEndpointModel, signedBy agency: UnitModel,
                      documentID: UUID?, context: DocumentService.Context, on db: any Database) async throws {
        let (certificate, key) = try await SigningStore.credential(
            owner: "agency:\(agency.code)", kind: .organisation,
            subject: CertificateSubject(commonName: agency.name, organisation: agency.name), keys: context.keys, at: context.now, on: db)
        let signature = try DetachedSignature.sign(content: bytes, certificate: certificate, privateKey: key, signingTime: context.now)
        let message = ExchangeMessageModel()
        message.targetAgencyID = endpoint.agencyID
        message.url = endpoint.url
        message.kind = kind
        message.payload = bytes.base64EncodedString()
        message.signature = signature.base64EncodedString()
        message.documentID = documentID
        message.status = .pending
        message.attempts = 0
        message.nextAttemptAt = context.now
        message.createdAt = context.now
        try await message.create(on: db)
    }

    /// The messages due for delivery at `now`.
    public static func due(at now: Date, limit: Int = 50, on db: any Database) async throws -> [ExchangeMessageModel] {
        try await ExchangeMessageModel.query(on: db).filter(\.$status == .pending).filter(\.$nextAttemptAt <= now)
            .sort(\.$createdAt).limit(limit).all()
    }

    /// Records the outcome of one delivery attempt: sent, or retried later with back-off (1, 2, 4 … minutes, at
    /// most an hour), marked failed after `maxAttempts`. A message is never dropped while it is pending.
    public static func recordAttempt(_ message: ExchangeMessageModel, error: String?, at now: Date, maxAttempts: Int = 50,
                                     on db: any Database) async throws {
        message.attempts += 1
        if let error {
            message.lastError = String(error.prefix(500))
            message.nextAttemptAt = now.addingTimeInterval(min(3600, 60 * pow(2, Double(min(message.attempts - 1, 10)))))
            if message.attempts >= maxAttempts { message.status = .failed }
        } else {
            message.status = .sent
            message.sentAt = now
            message.lastError = nil
        }
        try await message.save(on: db)
    }

    // MARK: receiving

    /// Receives a package posted by another agency: checks its signature against the sender's CA in the directory,
    /// parses and validates it (a malformed package is refused naming the rule and the element, and nothing is
    /// stored), then registers a new incoming document once, or records a status message.
    public static func receive(_ bytes: Data, signature: Data?, files: FileStore, keys: SigningStore.Keys, at now: Date,
                               on db: any Database) async throws -> Receipt {
        let received: EdXMLReceived
        do { received = try reader.read(bytes) } catch let error as EdXMLError {
            throw Problem(status: 400, slug: "edxml-\(error.rule.rawValue)", title: error.vietnameseMessage, detail: error.englishMessage,
                          fields: ["rule": error.rule.rawValue, "path": error.path])
        }
        let sender: String
        switch received {
        case .document(let package): sender = package.message.from.organId
        case .status(let status): sender = status.from.organId
        }
        guard let endpoint = try await endpoint(agencyID: sender, on: db) else {
            throw Problem.forbidden("Cơ quan gửi \(sender) không có trong danh bạ liên thông", "Unknown sending agency \(sender).")
        }
        guard let signature else {
            throw Problem.unauthenticated("Gói tin không có chữ ký số của cơ quan gửi", "The package carries no signature (X-Edxml-Signature).")
        }
        let root = try Certificate(pemEncoded: endpoint.caCertificate)
        switch DetachedSignature.verify(content: bytes, signature: signature, trustedRoot: root, at: now) {
        case .valid(let signer) where signer.kind == .organisation:
            break
        case .valid:
            throw Problem.unauthenticated("Gói tin phải được ký bằng chữ ký số của cơ quan", "The package must carry the agency's seal signature.")
        case .invalid(let failure):
            throw Problem.unauthenticated("Chữ ký số của gói tin không hợp lệ: \(failure.vietnameseMessage)", failure.englishMessage)
        }
        switch received {
        case .document(let package):
            return try await register(package, sender: endpoint, files: files, keys: keys, at: now, on: db)
        case .status(let status):
            return try await record(status, at: now, on: db)
        }
    }

    static func register(_ package: EdXMLPackage, sender: ExchangeEndpointModel, files: FileStore, keys: SigningStore.Keys, at now: Date,
                         on db: any Database) async throws -> Receipt {
        let message = package.message
        var agency: UnitModel?
        for recipient in message.to where agency == nil {
            agency = try await UnitModel.query(on: db).filter(\.$agencyCode == recipient.organId).first()
        }
        guard let agency else {
            throw Problem(status: 422, slug: "not-addressed-here", title: "Văn bản không gửi đến cơ quan nào của hệ thống này",
                          detail: "None of \(message.to.map(\.organId)) is an agency of this platform.")
        }
        let identity = message.receiptIdentity
        if let existing = try await DocumentModel.query(on: db).filter(\.$agencyCode == agency.code).filter(\.$direction == .incoming)
            .filter(\.$sourceIdentity == identity).first() {
            return .duplicate(try existing.requireID())
        }
        guard let content = package.attachments.first(where: { $0.contentType != "application/pkcs7-signature" }) else {
            throw Problem(status: 400, slug: "edxml-content", title: "Gói tin không có tệp nội dung văn bản",
                          detail: "The package has no content attachment.")
        }
        let stored = try await files.store(Array(content.data), name: content.name, uploadedBy: "edxml:\(sender.agencyID)", on: db)
        let signatureData = { (name: String) in package.attachments.first { $0.name == name }?.data.base64EncodedString() }
        let type = DocumentType.allCases.first { $0.ordinal == message.documentType.type }
            ?? DocumentType.allCases.first { $0.vietnameseName == message.documentType.typeName } ?? .officialLetter
        let urgency = message.priority.flatMap { EdXMLPriorityCodes().urgency(forCode: $0) } ?? .normal
        do {
            return try await db.writeTransaction { db in
                let document = DocumentModel()
                document.direction = .incoming
                document.agencyCode = agency.code
                document.agencyPath = agency.path
                document.type = type
                document.subject = message.subject
                document.urgency = urgency
                document.confidentiality = .normal
                document.status = IncomingStatus.arrived.rawValue
                document.contentSHA256 = stored.sha256
                document.contentName = content.name
                document.contentText = TextExtraction.text(of: content.data, mediaType: stored.mediaType).map { String($0.prefix(200_000)) }
                document.signer = message.signerInfo.fullName
                document.number = Int(message.code.number)
                document.symbol = message.code.description
                let promulgated = message.promulgationInfo.date
                document.issuedAt = LocalDate(year: promulgated.year, month: promulgated.month, day: promulgated.day)
                    .map { VietnamTime.instant($0, hour: 8) }
                document.personalSignature = signatureData("personal.p7s")
                document.sealSignature = signatureData("seal.p7s")
                document.senderCode = sender.agencyID
                document.senderName = message.from.organName
                document.sourceIdentity = identity
                document.revision = 0
                document.createdBy = "edxml:\(sender.agencyID)"
                try await document.create(on: db)
                try await DocumentEventModel(documentID: document.requireID(), at: now, actor: "edxml:\(sender.agencyID)",
                                             action: "arrive", from: IncomingStatus.arrived.rawValue, to: IncomingStatus.arrived.rawValue,
                                             note: "Từ \(message.from.organName): \(message.code.description)").create(on: db)
                let system = DocumentService.Context(
                    actor: Actor(userID: UUID(), username: "edxml", kind: .official, assignments: []), fullName: agency.name,
                    now: now, keys: keys, files: files)
                try await queueStatus(.arrived, for: document, note: nil, context: system, on: db)
                return .registered(try document.requireID())
            }
        } catch {
            // the same package arrived twice at the same moment: the unique identity let one in
            guard (error as? any DatabaseError)?.isConstraintFailure == true,
                  let existing = try await DocumentModel.query(on: db).filter(\.$agencyCode == agency.code)
                    .filter(\.$direction == .incoming).filter(\.$sourceIdentity == identity).first() else { throw error }
            return .duplicate(try existing.requireID())
        }
    }

    static func record(_ status: EdXMLStatus, at now: Date, on db: any Database) async throws -> Receipt {
        guard let document = try await DocumentModel.query(on: db).filter(\.$direction == .outgoing)
            .filter(\.$sourceIdentity == status.responseFor.documentId).first() else {
            throw Problem.notFound("Không tìm thấy văn bản đi của trạng thái", "No outgoing document \(status.responseFor.documentId).")
        }
        let action = "edxml-status-\(status.code.rawValue)"
        let note = "\(status.from.organName): \(status.code.vietnamese)"
        let id = try document.requireID()
        if try await DocumentEventModel.query(on: db).filter(\.$document.$id == id).filter(\.$action == action)
            .filter(\.$note == note).first() == nil {
            try await db.writeTransaction { db in
                try await DocumentEventModel(documentID: id, at: now, actor: "edxml:\(status.from.organId)", action: action,
                                             from: document.status, to: document.status, note: note).create(on: db)
            }
        }
        return .status(id)
    }

    static func organization(_ agency: UnitModel) -> EdXMLOrganization {
        EdXMLOrganization(organId: agency.agencyCode ?? "000.00.00.H60", organName: agency.name)
    }

    static func mediaType(of sha: String, on db: any Database) async throws -> String {
        try await StoredFileModel.query(on: db).filter(\.$sha256 == sha).first()?.mediaType ?? "application/octet-stream"
    }
}
