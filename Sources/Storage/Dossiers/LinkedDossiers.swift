import Access
import Catalog
import Core
import Dossiers
import Fluent
import Foundation
import WorkCalendar

/// Hồ sơ liên thông — one submission for a linked procedure group, with a child dossier at each responsible unit.
public final class DossierGroupModel: Model, @unchecked Sendable {
    public static let schema = "dossier_groups"

    // managed fields
    @ID(key: .id) public var id: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    // data fields
    @Field(key: "code") public var code: String
    @Field(key: "group_code") public var groupCode: String
    @Field(key: "name") public var name: String
    @OptionalField(key: "applicant_user_id") public var applicantUserID: UUID?
    @Field(key: "created_by") public var createdBy: String
    /// The submitter's key for the group's submission (`Idempotency-Key`), unique per account (`created_by`).
    @OptionalField(key: "submission_key") public var submissionKey: String?
    /// What the submission under `submissionKey` asked for (`LinkedDossiers.Submission.fingerprint`).
    @OptionalField(key: "submission_fingerprint") public var submissionFingerprint: String?

    public init() {}
}

/// Submitting a linked group and reading its state: complete when every child dossier is.
public enum LinkedDossiers {
    /// `POST /api/v1/dossier-groups`: the group, the commune that receives its commune-level members, one e-form
    /// holding every member's fields, and the components of each member (by procedure code).
    public struct Submission: Codable, Sendable {
        public var group: String
        public var unit: String
        public var form: [String: String]
        public var components: [String: [DossierService.ComponentInput]]?
        /// The submitter's key (the `Idempotency-Key` header): sent again from the same account with the same
        /// submission, it answers with the group it created; with another, 422 (as a single dossier's key).
        public var submissionKey: String?

        /// What the submission asks for, whatever its key and the order of its members (SHA-256 of sorted JSON).
        public var fingerprint: String {
            var content = self
            content.submissionKey = nil
            return DossierService.fingerprint(of: content)
        }
    }

    /// A group as its submission left it; `repeated` when it was created earlier under the same key.
    public struct SubmittedGroup: Sendable {
        public var group: DossierGroupModel
        public var children: [DossierModel]
        public var repeated = false
    }

    /// Creates the group and its children in one transaction: all of them or none. A submission sent again under its
    /// key answers with the group it created (`repeated`), and nothing is written.
    public static func submit(_ submission: Submission, context: DossierService.Context,
                              on db: any Database) async throws -> SubmittedGroup {
        try await DossierService.once(under: submission.submissionKey) { key in
            try await group(submittedUnder: key, as: submission, by: context.actor, on: db)
        } create: {
            try await create(submission, context: context, on: db)
        }
    }

    /// The group `actor` submitted under `key` earlier, with its children; 422 when another submission made it.
    static func group(submittedUnder key: String, as submission: Submission, by actor: Actor,
                      on db: any Database) async throws -> SubmittedGroup? {
        guard let earlier = try await DossierGroupModel.query(on: db).filter(\.$createdBy == actor.username)
            .filter(\.$submissionKey == key).first() else { return nil }
        if earlier.submissionFingerprint != submission.fingerprint {
            throw DossierService.submissionKeyReused(madeBy: earlier.code)
        }
        let children = try await DossierModel.query(on: db).filter(\.$parentCode == earlier.code).sort(\.$code).all()
        return SubmittedGroup(group: earlier, children: children, repeated: true)
    }

    static func create(_ submission: Submission, context: DossierService.Context, on db: any Database) async throws -> SubmittedGroup {
        guard let row = try await ProcedureGroupModel.query(on: db).filter(\.$code == submission.group).first() else {
            throw Problem.invalid("Không có nhóm thủ tục liên thông này", "No linked group \(submission.group).",
                                  fields: ["group": "Chọn nhóm thủ tục liên thông."])
        }
        let group = try JSONDecoder().decode(ProcedureGroupRecord.self, from: Data(row.document.utf8))
        guard let commune = try await UnitModel.find(code: submission.unit, on: db) else {
            throw Problem.invalid("Không tìm thấy nơi tiếp nhận", "No unit \(submission.unit).", fields: ["unit": "Chọn xã, phường."])
        }
        return try await db.writeTransaction { db in
            var children: [DossierModel] = []
            for member in group.members {
                guard let (_, record, _) = try await CatalogStore.published(code: member, on: db) else {
                    throw Problem.conflict("Thủ tục \(member) của nhóm chưa được công bố", "Member \(member) is not published.")
                }
                // commune-level members go to the commune; the others to the department of their field
                let unit = record.level == .province
                    ? try await HandlingUnits.resolve(procedure: record, receivingUnit: UnitModel.find(code: "08", on: db) ?? commune, on: db)
                    : commune
                let keys = Set(record.formFields.map(\.key))
                let child = DossierService.Submission(
                    procedure: member, unit: unit.code, channel: context.actor.kind == .citizen ? .online : .desk, applicant: nil,
                    form: submission.form.filter { keys.contains($0.key) }, components: submission.components?[member])
                children.append(try await DossierService.submit(child, context: context, on: db))
            }
            let today = VietnamTime.localDate(of: context.now)
            let sequence = try await DossierService.nextSequence(unit: "LT." + commune.code, day: today, on: db)
            let parent = DossierGroupModel()
            parent.code = "LT-" + DossierCode(agencyCode: commune.agencyCode ?? "000.00.00.H00", year: today.year, month: today.month,
                                             day: today.day, sequence: sequence).description
            parent.groupCode = group.localCode
            parent.name = group.name
            parent.applicantUserID = children.first?.applicantUserID
            parent.createdBy = context.actor.username
            parent.submissionKey = submission.submissionKey
            parent.submissionFingerprint = submission.submissionKey == nil ? nil : submission.fingerprint
            try await parent.create(on: db)
            for child in children {
                child.parentCode = parent.code
                try await child.save(on: db)
            }
            return SubmittedGroup(group: parent, children: children)
        }
    }

    /// A group and its children, if the actor may see it (the applicant, or an official who sees one of its children).
    public static func find(code: String, actor: Actor, on db: any Database) async throws -> (DossierGroupModel, [DossierModel]) {
        guard let parent = try await DossierGroupModel.query(on: db).filter(\.$code == code).first() else {
            throw Problem.notFound("Không tìm thấy hồ sơ liên thông", "No linked dossier \(code).")
        }
        let children = try await DossierModel.query(on: db).filter(\.$parentCode == code).sort(\.$code).all()
        var visible = false
        for child in children where !visible {
            visible = (try? await DossierService.visibleDossier(code: child.code, actor: actor, on: db)) != nil
        }
        guard visible else { throw Problem.notFound("Không tìm thấy hồ sơ liên thông", "No linked dossier \(code).") }
        return (parent, children)
    }

    /// Whether every child is finished (returned, or closed otherwise).
    public static func isComplete(_ children: [DossierModel]) -> Bool {
        !children.isEmpty && children.allSatisfy(\.status.isClosed)
    }
}
