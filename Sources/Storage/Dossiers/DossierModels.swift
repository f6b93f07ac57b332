import Dossiers
import Fluent
import Foundation

/// Hồ sơ — one dossier: who applied for which procedure version, where it is, and its legal clock.
public final class DossierModel: Model, @unchecked Sendable {
    public static let schema = "dossiers"

    /// The result of processing.
    public enum Outcome: String, Codable, Sendable { case approved, refused }

    // managed fields
    @ID(key: .id) public var id: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    // data fields
    @Field(key: "code") public var code: String
    @Field(key: "procedure_code") public var procedureCode: String
    /// The procedure version the dossier was submitted under (kept for its whole life).
    @Field(key: "procedure_version") public var procedureVersion: Int
    @Field(key: "procedure_name") public var procedureName: String
    @Field(key: "receiving_unit_code") public var receivingUnitCode: String
    @Field(key: "receiving_unit_path") public var receivingUnitPath: String
    @Field(key: "handling_unit_code") public var handlingUnitCode: String
    @Field(key: "handling_unit_path") public var handlingUnitPath: String
    @Field(key: "channel") public var channel: Channel
    @Field(key: "status") public var status: DossierStatus
    @OptionalField(key: "applicant_user_id") public var applicantUserID: UUID?
    @Field(key: "applicant_name") public var applicantName: String
    @OptionalField(key: "applicant_personal_id") public var applicantPersonalID: String?
    @OptionalField(key: "applicant_phone") public var applicantPhone: String?
    @OptionalField(key: "applicant_email") public var applicantEmail: String?
    @OptionalField(key: "applicant_address") public var applicantAddress: String?
    /// The e-form values (JSON object of strings).
    @Field(key: "form") public var form: String
    @Field(key: "submitted_at") public var submittedAt: Date
    @OptionalField(key: "received_at") public var receivedAt: Date?
    /// Ngày hẹn trả in force (moved by an extension letter).
    @OptionalField(key: "appointment") public var appointment: Date?
    /// The appointment the dossier is judged against (moved only by supplement pauses).
    @OptionalField(key: "original_appointment") public var originalAppointment: Date?
    @OptionalField(key: "paused_at") public var pausedAt: Date?
    @Field(key: "supplement_requests") public var supplementRequests: Int
    /// Index of the current process step (-1 before receipt).
    @Field(key: "current_step") public var currentStep: Int
    @OptionalField(key: "resolved_at") public var resolvedAt: Date?
    @OptionalField(key: "returned_at") public var returnedAt: Date?
    @OptionalField(key: "return_method") public var returnMethod: ReturnMethod?
    @OptionalField(key: "outcome") public var outcome: Outcome?
    @OptionalField(key: "timeliness") public var timeliness: Timeliness?
    @Field(key: "fee_vnd") public var feeVnd: Int
    @Field(key: "fee_paid") public var feePaid: Bool
    @OptionalField(key: "payment_reference") public var paymentReference: String?
    @OptionalField(key: "result_sha256") public var resultSHA256: String?
    @OptionalField(key: "rating") public var rating: Int?
    @OptionalField(key: "rating_comment") public var ratingComment: String?
    /// Optimistic-concurrency counter: every change increments it; a stale change is refused with 409.
    @Field(key: "revision") public var revision: Int
    @Field(key: "created_by") public var createdBy: String
    /// The linked group (hồ sơ liên thông) this dossier is a child of.
    @OptionalField(key: "parent_code") public var parentCode: String?
    /// Khóa chống nộp trùng — the key the submitter gave this submission (`Idempotency-Key`, or the form's hidden
    /// key): the same key from the same account (`created_by`) answers with this dossier instead of a second one.
    @OptionalField(key: "submission_key") public var submissionKey: String?
    /// What the submission under `submissionKey` asked for (`Submission.fingerprint`), to tell a retry from a reuse.
    @OptionalField(key: "submission_fingerprint") public var submissionFingerprint: String?

    public init() {}
}

/// Bước xử lý — one step of the internal process as this dossier goes through it.
public final class DossierStepModel: Model, @unchecked Sendable {
    public static let schema = "dossier_steps"

    // managed fields
    @ID(key: .id) public var id: UUID?

    // data fields
    @Field(key: "index") public var index: Int
    @Field(key: "name") public var name: String
    @Field(key: "role") public var role: String
    @Field(key: "unit_code") public var unitCode: String
    @Field(key: "unit_path") public var unitPath: String
    /// The allotted time in working days.
    @Field(key: "allotted_days") public var allottedDays: Double
    @OptionalField(key: "assignee") public var assignee: String?
    @OptionalField(key: "started_at") public var startedAt: Date?
    @OptionalField(key: "deadline") public var deadline: Date?
    @OptionalField(key: "completed_at") public var completedAt: Date?
    @OptionalField(key: "completed_by") public var completedBy: String?

    // relationships
    @Parent(key: "dossier_id") public var dossier: DossierModel

    public init() {}
}

/// Lịch sử xử lý — one change of a dossier: who, when, from which state to which, why.
public final class DossierEventModel: Model, @unchecked Sendable {
    public static let schema = "dossier_events"

    // managed fields
    @ID(key: .id) public var id: UUID?

    // data fields
    @Field(key: "at") public var at: Date
    @Field(key: "actor") public var actor: String
    @Field(key: "action") public var action: String
    @Field(key: "from_status") public var fromStatus: DossierStatus
    @Field(key: "to_status") public var toStatus: DossierStatus
    /// The national status code reported for this change.
    @Field(key: "national_code") public var nationalCode: Int
    @OptionalField(key: "step_index") public var stepIndex: Int?
    @OptionalField(key: "note") public var note: String?

    // relationships
    @Parent(key: "dossier_id") public var dossier: DossierModel

    public init() {}

    public init(dossierID: UUID, at: Date, actor: String, action: String, from: DossierStatus, to: DossierStatus,
                nationalCode: Int, stepIndex: Int?, note: String?) {
        self.$dossier.id = dossierID
        self.at = at
        self.actor = actor
        self.action = action
        self.fromStatus = from
        self.toStatus = to
        self.nationalCode = nationalCode
        self.stepIndex = stepIndex
        self.note = note
    }
}

/// Tệp — a stored file, content-addressed by its SHA-256 (stored once however often it is used).
public final class StoredFileModel: Model, @unchecked Sendable {
    public static let schema = "stored_files"

    // managed fields
    @ID(key: .id) public var id: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    // data fields
    @Field(key: "sha256") public var sha256: String
    @Field(key: "size") public var size: Int
    @Field(key: "media_type") public var mediaType: String

    public init() {}

    public init(sha256: String, size: Int, mediaType: String) {
        self.sha256 = sha256
        self.size = size
        self.mediaType = mediaType
    }
}

/// Who uploaded which file under which name (a file may be attached only by someone who uploaded it).
public final class FileUploadModel: Model, @unchecked Sendable {
    public static let schema = "file_uploads"

    // managed fields
    @ID(key: .id) public var id: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    // data fields
    @Field(key: "username") public var username: String
    @Field(key: "sha256") public var sha256: String
    @Field(key: "name") public var name: String

    public init() {}

    public init(username: String, sha256: String, name: String) {
        self.username = username
        self.sha256 = sha256
        self.name = name
    }
}

/// Thành phần hồ sơ đính kèm — a file attached to a dossier: a component, a supplement, or the result.
public final class DossierFileModel: Model, @unchecked Sendable {
    public static let schema = "dossier_files"

    /// What the file is to the dossier.
    public enum Kind: String, Codable, Sendable { case component, supplement, result }

    // managed fields
    @ID(key: .id) public var id: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    // data fields
    @Field(key: "kind") public var kind: Kind
    @OptionalField(key: "component_index") public var componentIndex: Int?
    @Field(key: "name") public var name: String
    @Field(key: "sha256") public var sha256: String
    /// Set when the file was taken from the applicant's digital repository (kho dữ liệu số): the dossier it came from.
    @OptionalField(key: "reused_from") public var reusedFrom: String?
    @Field(key: "added_by") public var addedBy: String

    // relationships
    @Parent(key: "dossier_id") public var dossier: DossierModel

    public init() {}

    public init(dossierID: UUID, kind: Kind, componentIndex: Int?, name: String, sha256: String, reusedFrom: String?,
                addedBy: String) {
        self.$dossier.id = dossierID
        self.kind = kind
        self.componentIndex = componentIndex
        self.name = name
        self.sha256 = sha256
        self.reusedFrom = reusedFrom
        self.addedBy = addedBy
    }
}

/// Tin nhắn chờ gửi — a message for the applicant, written in the same transaction as the change it announces.
public final class OutboxMessageModel: Model, @unchecked Sendable {
    public static let schema = "outbox_messages"

    public enum Channel: String, Codable, Sendable { case email, sms }
    public enum Status: String, Codable, Sendable { case pending, sent, failed }

    // managed fields
    @ID(key: .id) public var id: UUID?

    // data fields
    @Field(key: "dossier_code") public var dossierCode: String
    @Field(key: "channel") public var channel: Channel
    @Field(key: "recipient") public var recipient: String
    @Field(key: "subject") public var subject: String
    @Field(key: "body") public var body: String
    @Field(key: "status") public var status: Status
    @Field(key: "attempts") public var attempts: Int
    @Field(key: "next_attempt_at") public var nextAttemptAt: Date
    @OptionalField(key: "last_error") public var lastError: String?
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "sent_at") public var sentAt: Date?

    public init() {}

    public init(dossierCode: String, channel: Channel, recipient: String, subject: String, body: String, at: Date) {
        self.dossierCode = dossierCode
        self.channel = channel
        self.recipient = recipient
        self.subject = subject
        self.body = body
        self.status = .pending
        self.attempts = 0
        self.nextAttemptAt = at
        self.createdAt = at
    }
}
