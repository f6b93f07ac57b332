import Fluent
import Foundation

/// New rows of the dossier tables written out with `RowsInsert` (one statement per table, no model reflection):
/// the group commit of submissions and every history entry go through here. Each model gets its id and creation
/// time here and is then marked as stored, so that a later `save` updates it. The columns are those a new row sets;
/// the others start NULL, as with Fluent's `create` (`DossierRowsTests` reads every field back through Fluent).
extension DossierService {
    static func insertRows(_ dossiers: [DossierModel], on db: any Database) async throws {
        var insert = RowsInsert(into: DossierModel.schema, columns: [
            "id", "created_at", "updated_at", "code", "procedure_code", "procedure_version", "procedure_name",
            "receiving_unit_code", "receiving_unit_path", "handling_unit_code", "handling_unit_path", "channel", "status",
            "applicant_user_id", "applicant_name", "applicant_personal_id", "applicant_phone", "applicant_email",
            "applicant_address", "form", "submitted_at", "supplement_requests", "current_step", "fee_vnd", "fee_paid",
            "revision", "created_by",
        ])
        let now = Date()
        for dossier in dossiers {
            let id = dossier.id ?? UUID()
            dossier.id = id
            dossier.createdAt = now
            dossier.updatedAt = now
            insert.append([
                id, now, now, dossier.code, dossier.procedureCode, dossier.procedureVersion, dossier.procedureName,
                dossier.receivingUnitCode, dossier.receivingUnitPath, dossier.handlingUnitCode, dossier.handlingUnitPath,
                dossier.channel, dossier.status, dossier.applicantUserID, dossier.applicantName, dossier.applicantPersonalID,
                dossier.applicantPhone, dossier.applicantEmail, dossier.applicantAddress, dossier.form, dossier.submittedAt,
                dossier.supplementRequests, dossier.currentStep, dossier.feeVnd, dossier.feePaid, dossier.revision,
                dossier.createdBy,
            ])
        }
        try await insert.run(on: db)
        for dossier in dossiers { dossier.$id.exists = true }
    }

    static func insertRows(_ steps: [DossierStepModel], on db: any Database) async throws {
        var insert = RowsInsert(into: DossierStepModel.schema, columns: [
            "id", "dossier_id", "index", "name", "role", "unit_code", "unit_path", "allotted_days",
        ])
        for step in steps {
            let id = step.id ?? UUID()
            step.id = id
            insert.append([id, step.$dossier.id, step.index, step.name, step.role, step.unitCode, step.unitPath, step.allottedDays])
        }
        try await insert.run(on: db)
        for step in steps { step.$id.exists = true }
    }

    static func insertRows(_ files: [DossierFileModel], on db: any Database) async throws {
        var insert = RowsInsert(into: DossierFileModel.schema, columns: [
            "id", "created_at", "dossier_id", "kind", "component_index", "name", "sha256", "reused_from", "added_by",
        ])
        let now = Date()
        for file in files {
            let id = file.id ?? UUID()
            file.id = id
            file.createdAt = now
            insert.append([id, now, file.$dossier.id, file.kind, file.componentIndex, file.name, file.sha256, file.reusedFrom,
                           file.addedBy])
        }
        try await insert.run(on: db)
        for file in files { file.$id.exists = true }
    }

    static func insertRows(_ events: [DossierEventModel], on db: any Database) async throws {
        var insert = RowsInsert(into: DossierEventModel.schema, columns: [
            "id", "dossier_id", "at", "actor", "action", "from_status", "to_status", "national_code", "step_index", "note",
        ])
        for event in events {
            let id = event.id ?? UUID()
            event.id = id
            insert.append([id, event.$dossier.id, event.at, event.actor, event.action, event.fromStatus, event.toStatus,
                           event.nationalCode, event.stepIndex, event.note])
        }
        try await insert.run(on: db)
        for event in events { event.$id.exists = true }
    }

    static func insertRows(_ messages: [OutboxMessageModel], on db: any Database) async throws {
        var insert = RowsInsert(into: OutboxMessageModel.schema, columns: [
            "id", "dossier_code", "channel", "recipient", "subject", "body", "status", "attempts", "next_attempt_at",
            "created_at",
        ])
        for message in messages {
            let id = message.id ?? UUID()
            message.id = id
            insert.append([id, message.dossierCode, message.channel, message.recipient, message.subject, message.body,
                           message.status, message.attempts, message.nextAttemptAt, message.createdAt])
        }
        try await insert.run(on: db)
        for message in messages { message.$id.exists = true }
    }
}
