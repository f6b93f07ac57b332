import Core
import Fluent
import Foundation

/// New rows of the dossier tables written out with `RowsInsert` (one statement per table, no model reflection):
/// the group commit of submissions and every history entry go through here. Each model gets its id (time-ordered,
/// so that each table's key grows at its end) and creation time here and is then marked as stored, so that a later `save` updates it. The columns are those a new row sets;
/// the others start NULL, as with Fluent's `create` (`DossierRowsTests` reads every field back through Fluent).
extension DossierService {
    static func insertRows(_ dossiers: [DossierModel], on db: any Database) async throws {
        let now = Date()
        try await insertRows(dossiers, columns: [
            "created_at", "updated_at", "code", "procedure_code", "procedure_version", "procedure_name",
            "receiving_unit_code", "receiving_unit_path", "handling_unit_code", "handling_unit_path", "channel", "status",
            "applicant_user_id", "applicant_name", "applicant_personal_id", "applicant_phone", "applicant_email",
            "applicant_address", "form", "submitted_at", "supplement_requests", "current_step", "fee_vnd", "fee_paid",
            "revision", "created_by", "submission_key", "submission_fingerprint",
        ], on: db) { dossier in
            dossier.createdAt = now
            dossier.updatedAt = now
            return [
                now, now, dossier.code, dossier.procedureCode, dossier.procedureVersion, dossier.procedureName,
                dossier.receivingUnitCode, dossier.receivingUnitPath, dossier.handlingUnitCode, dossier.handlingUnitPath,
                dossier.channel, dossier.status, dossier.applicantUserID, dossier.applicantName, dossier.applicantPersonalID,
                dossier.applicantPhone, dossier.applicantEmail, dossier.applicantAddress, dossier.form, dossier.submittedAt,
                dossier.supplementRequests, dossier.currentStep, dossier.feeVnd, dossier.feePaid, dossier.revision,
                dossier.createdBy, dossier.submissionKey, dossier.submissionFingerprint,
            ]
        }
    }

    static func insertRows(_ steps: [DossierStepModel], on db: any Database) async throws {
        try await insertRows(steps, columns: ["dossier_id", "index", "name", "role", "unit_code", "unit_path", "allotted_days"],
                             on: db) { step in
            [step.$dossier.id, step.index, step.name, step.role, step.unitCode, step.unitPath, step.allottedDays]
        }
    }

    static func insertRows(_ files: [DossierFileModel], on db: any Database) async throws {
        let now = Date()
        try await insertRows(files, columns: [
            "created_at", "dossier_id", "kind", "component_index", "name", "sha256", "reused_from", "added_by",
        ], on: db) { file in
            file.createdAt = now
            return [now, file.$dossier.id, file.kind, file.componentIndex, file.name, file.sha256, file.reusedFrom, file.addedBy]
        }
    }

    static func insertRows(_ events: [DossierEventModel], on db: any Database) async throws {
        try await insertRows(events, columns: [
            "dossier_id", "at", "actor", "action", "from_status", "to_status", "national_code", "step_index", "note",
        ], on: db) { event in
            [event.$dossier.id, event.at, event.actor, event.action, event.fromStatus, event.toStatus, event.nationalCode,
             event.stepIndex, event.note]
        }
    }

    static func insertRows(_ messages: [OutboxMessageModel], on db: any Database) async throws {
        try await insertRows(messages, columns: [
            "dossier_code", "channel", "recipient", "subject", "body", "status", "attempts", "next_attempt_at", "created_at",
        ], on: db) { message in
            [message.dossierCode, message.channel, message.recipient, message.subject, message.body, message.status,
             message.attempts, message.nextAttemptAt, message.createdAt]
        }
    }

    /// One INSERT of `models` into their table: each gets its id (kept if set) followed by `values` for `columns`;
    /// once written, each is marked as stored.
    private static func insertRows<M: WrittenOutRow>(_ models: [M], columns: [String], on db: any Database,
                                                     values: (M) -> [RowsInsert.Value]) async throws {
        var insert = RowsInsert(into: M.schema, columns: ["id"] + columns)
        for model in models {
            let id = model.id ?? .timeOrdered()
            model.id = id
            insert.append([id] + values(model))
        }
        try await insert.run(on: db)
        for model in models { model.idProperty.exists = true }
    }
}

/// A model whose rows `insertRows` writes out: a UUID id, reached directly (Fluent's generic `_$idExists` looks the
/// property up through `Mirror` on every call).
protocol WrittenOutRow: Model where IDValue == UUID {
    var idProperty: IDProperty<Self, UUID> { get }
}

extension DossierModel: WrittenOutRow { var idProperty: IDProperty<DossierModel, UUID> { $id } }
extension DossierStepModel: WrittenOutRow { var idProperty: IDProperty<DossierStepModel, UUID> { $id } }
extension DossierFileModel: WrittenOutRow { var idProperty: IDProperty<DossierFileModel, UUID> { $id } }
extension DossierEventModel: WrittenOutRow { var idProperty: IDProperty<DossierEventModel, UUID> { $id } }
extension OutboxMessageModel: WrittenOutRow { var idProperty: IDProperty<OutboxMessageModel, UUID> { $id } }
