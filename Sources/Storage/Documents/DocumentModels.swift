import Documents
import Fluent
import Foundation

/// Văn bản — one official document in an agency's register: outgoing (drafted, approved, signed and issued here) or
/// incoming (received from another agency, registered with its incoming number).
public final class DocumentModel: Model, @unchecked Sendable {
    public static let schema = "documents"

    // managed fields
    @ID(key: .id) public var id: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    // data fields
    /// Đi (outgoing) or đến (incoming).
    @Field(key: "direction") public var direction: NumberSeries.Direction
    /// The agency whose register holds the document (unit code and materialised path).
    @Field(key: "agency_code") public var agencyCode: String
    @Field(key: "agency_path") public var agencyPath: String
    /// The unit that drafted it (outgoing), for the unit part of a Công văn's symbol.
    @OptionalField(key: "drafting_unit_code") public var draftingUnitCode: String?
    @Field(key: "type") public var type: DocumentType
    /// Trích yếu.
    @Field(key: "subject") public var subject: String
    @Field(key: "urgency") public var urgency: Urgency
    @Field(key: "confidentiality") public var confidentiality: Confidentiality
    /// The raw value of `OutgoingStatus` or `IncomingStatus`, by direction.
    @Field(key: "status") public var status: String
    /// The content file (SHA-256 in the file store) and its name.
    @OptionalField(key: "content_sha256") public var contentSHA256: String?
    @OptionalField(key: "content_name") public var contentName: String?
    /// The text of the content file where it can be extracted (plain text, DOCX, PDF), for full-text search.
    @OptionalField(key: "content_text") public var contentText: String?
    /// The person who signs (người ký), chosen at drafting.
    @OptionalField(key: "signer") public var signer: String?
    /// Số and ký hiệu, given only at issue (outgoing), or as the sender wrote them (incoming).
    @OptionalField(key: "number") public var number: Int?
    @OptionalField(key: "symbol") public var symbol: String?
    @OptionalField(key: "series_key") public var seriesKey: String?
    @OptionalField(key: "issued_at") public var issuedAt: Date?
    /// CMS detached signatures (DER, base64): the signer's personal one, then the agency's seal.
    @OptionalField(key: "personal_signature") public var personalSignature: String?
    @OptionalField(key: "seal_signature") public var sealSignature: String?
    /// Số đến — the incoming number in the receiving agency's register, and when it was registered.
    @OptionalField(key: "incoming_number") public var incomingNumber: Int?
    @OptionalField(key: "received_at") public var receivedAt: Date?
    /// Tác giả — the sending agency (incoming).
    @OptionalField(key: "sender_code") public var senderCode: String?
    @OptionalField(key: "sender_name") public var senderName: String?
    /// The outgoing document this incoming copy was delivered from (same platform), or the edXML identity.
    @OptionalField(key: "source_identity") public var sourceIdentity: String?
    /// Hạn giải quyết / hạn trả lời.
    @OptionalField(key: "due_date") public var dueDate: Date?
    /// Optimistic-concurrency counter, as for dossiers.
    @Field(key: "revision") public var revision: Int
    @Field(key: "created_by") public var createdBy: String

    public init() {}
}

/// Nơi nhận — a recipient of an outgoing document: a unit or agency of the platform, by code.
public final class DocumentRecipientModel: Model, @unchecked Sendable {
    public static let schema = "document_recipients"

    // managed fields
    @ID(key: .id) public var id: UUID?

    // data fields
    @Field(key: "recipient_code") public var recipientCode: String
    @Field(key: "recipient_name") public var recipientName: String

    // relationships
    @Parent(key: "document_id") public var document: DocumentModel

    public init() {}

    public init(documentID: UUID, code: String, name: String) {
        self.$document.id = documentID
        self.recipientCode = code
        self.recipientName = name
    }
}

/// A change of a document: who, when, from which status to which, why.
public final class DocumentEventModel: Model, @unchecked Sendable {
    public static let schema = "document_events"

    // managed fields
    @ID(key: .id) public var id: UUID?

    // data fields
    @Field(key: "at") public var at: Date
    @Field(key: "actor") public var actor: String
    @Field(key: "action") public var action: String
    @Field(key: "from_status") public var fromStatus: String
    @Field(key: "to_status") public var toStatus: String
    @OptionalField(key: "note") public var note: String?

    // relationships
    @Parent(key: "document_id") public var document: DocumentModel

    public init() {}

    public init(documentID: UUID, at: Date, actor: String, action: String, from: String, to: String, note: String?) {
        self.$document.id = documentID
        self.at = at
        self.actor = actor
        self.action = action
        self.fromStatus = from
        self.toStatus = to
        self.note = note
    }
}

/// The province certificate authority's state (one row), and the signing credentials it issued to people and
/// agencies (private keys encrypted at rest with the platform's key passphrase).
public final class SigningCredentialModel: Model, @unchecked Sendable {
    public static let schema = "signing_credentials"

    // managed fields
    @ID(key: .id) public var id: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    // data fields
    /// `person:<username>` or `agency:<unit code>`, or `authority` for the CA's own state.
    @Field(key: "owner") public var owner: String
    @OptionalField(key: "serial_number") public var serialNumber: String?
    @OptionalField(key: "certificate_pem") public var certificatePEM: String?
    /// JSON: the CA's `State`, or the holder's `EncryptedKey`.
    @Field(key: "secret") public var secret: String

    public init() {}

    public init(owner: String, serialNumber: String?, certificatePEM: String?, secret: String) {
        self.owner = owner
        self.serialNumber = serialNumber
        self.certificatePEM = certificatePEM
        self.secret = secret
    }
}

/// Phân công xử lý — who handles an incoming document: a person or unit as lead (chủ trì), co-operating (phối hợp)
/// or for information (để biết), with a deadline.
public final class DocumentAssignmentModel: Model, @unchecked Sendable {
    public static let schema = "document_assignments"

    // managed fields
    @ID(key: .id) public var id: UUID?

    // data fields
    @Field(key: "assignee") public var assignee: String
    @Field(key: "role") public var role: AssignmentRole
    @OptionalField(key: "due_date") public var dueDate: Date?
    @Field(key: "assigned_by") public var assignedBy: String
    @Field(key: "assigned_at") public var assignedAt: Date

    // relationships
    @Parent(key: "document_id") public var document: DocumentModel

    public init() {}

    public init(documentID: UUID, assignee: String, role: AssignmentRole, dueDate: Date?, assignedBy: String, at: Date) {
        self.$document.id = documentID
        self.assignee = assignee
        self.role = role
        self.dueDate = dueDate
        self.assignedBy = assignedBy
        self.assignedAt = at
    }
}
