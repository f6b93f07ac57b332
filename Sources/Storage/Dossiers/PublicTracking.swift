import Dossiers
import Fluent
import Foundation
import NIOCore
import SQLKit

/// Tra cứu hồ sơ công khai — what the public may see of a dossier: status, timeline (actions and states, no notes),
/// appointment and the masked applicant name, nothing else.
///
/// The document is kept ready, as JSON, in the table `dossier_tracking` and rewritten in the same transaction as
/// every change of the dossier: a look-up (`GET /api/v1/track/{code}`, the QR code's page) is one indexed read and
/// is never stale.
public struct PublicTracking: Codable, Sendable, Equatable {
    /// One line of the public timeline.
    public struct Entry: Codable, Sendable, Equatable {
        public var at: Date
        public var status: String
        public var nationalCode: Int
        public var action: String
    }

    public var code: String
    public var procedure: String
    public var status: DossierStatus
    public var statusLabel: String
    public var nationalStatus: Int
    public var applicant: String
    public var submittedAt: Date
    public var receivedAt: Date?
    public var appointment: Date?
    public var timeline: [Entry]

    static let table = "dossier_tracking"

    /// The public view of `dossier` with `timeline`.
    public init(dossier: DossierModel, timeline: [Entry]) {
        code = dossier.code
        procedure = dossier.procedureName
        status = dossier.status
        statusLabel = dossier.status.label
        nationalStatus = dossier.status.nationalCode
        applicant = NameMask.mask(dossier.applicantName)
        submittedAt = dossier.submittedAt
        receivedAt = dossier.receivedAt
        appointment = dossier.appointment
        self.timeline = timeline
    }

    /// The timeline line of a history row.
    public static func entry(at: Date, action: String, to status: DossierStatus, nationalCode: Int) -> Entry {
        Entry(at: at, status: status.label, nationalCode: nationalCode, action: actionLabel(action))
    }

    /// The Vietnamese label of a history action.
    static func actionLabel(_ action: String) -> String {
        if let known = DossierAction(rawValue: action) { return known.label }
        switch action {
        case "submit": return "Nộp hồ sơ"
        case "rate": return "Đánh giá"
        case "pay-online": return "Thanh toán trực tuyến"
        default: return action
        }
    }

    /// Reads the stored documents (ISO 8601 dates).
    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    /// The document as JSON, written member by member (`JSONText`): what a `JSONEncoder` with ISO 8601 dates gives for
    /// it, without the generic machinery (it is written with every change of every dossier).
    public var json: String {
        var json = JSONText(capacity: 256 + 128 * timeline.count)
        json.object { json in
            json.member("code", code)
            json.member("procedure", procedure)
            json.member("status", status)
            json.member("statusLabel", statusLabel)
            json.member("nationalStatus", nationalStatus)
            json.member("applicant", applicant)
            json.member("submittedAt", submittedAt)
            json.member("receivedAt", receivedAt)
            json.member("appointment", appointment)
            json.array("timeline", timeline) { json, entry in
                json.object { json in
                    json.member("at", entry.at)
                    json.member("status", entry.status)
                    json.member("nationalCode", entry.nationalCode)
                    json.member("action", entry.action)
                }
            }
        }
        return json.text
    }

    // MARK: storage

    /// The stored JSON document of dossier `code`, ready to send as it is; nil when there is no such dossier.
    public static func document(code: String, on db: any Database) async throws -> ByteBuffer? {
        try await TrackingDocumentQuery(binds: [code]).firstText(on: db)
    }

    /// The public view of dossier `code`; nil when there is no such dossier.
    public static func find(code: String, on db: any Database) async throws -> PublicTracking? {
        guard let document = try await document(code: code, on: db) else { return nil }
        return try decoder.decode(PublicTracking.self, from: Data(document.readableBytesView))
    }

    /// The public view of `dossier` computed from its whole history (what the stored document must equal).
    public static func fromHistory(_ dossier: DossierModel, on db: any Database) async throws -> PublicTracking {
        let events = try await DossierEventModel.query(on: db).filter(\.$dossier.$id == dossier.requireID()).sort(\.$at).all()
        let timeline = events.map { entry(at: $0.at, action: $0.action, to: $0.toStatus, nationalCode: $0.nationalCode) }
        return PublicTracking(dossier: dossier, timeline: timeline)
    }

    /// Rebuilds the stored public view of `dossier` from its history (fills the table for older dossiers).
    static func rebuild(_ dossier: DossierModel, on db: any Database) async throws {
        try await save([try await fromHistory(dossier, on: db)], on: db)
    }

    /// Writes several public views with one statement.
    static func save(_ views: [PublicTracking], on db: any Database) async throws {
        guard !views.isEmpty else { return }
        var insert = RowsInsert(into: table, columns: ["code", "document"], onConflict: replaceDocument)
        for view in views { insert.append([view.code, view.json]) }
        try await insert.run(on: db)
    }

    private static let replaceDocument = RowsInsert.replacing(["document"], onConflictWith: ["code"])
}
