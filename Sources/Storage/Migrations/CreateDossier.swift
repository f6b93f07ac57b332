import Fluent
import SQLKit

/// Creates dossiers, their steps, history, files, the daily code sequences and the notification outbox.
public struct CreateDossier: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(DossierModel.schema)
            .id()
            .field("code", .string, .required)
            .field("procedure_code", .string, .required)
            .field("procedure_version", .int, .required)
            .field("procedure_name", .string, .required)
            .field("receiving_unit_code", .string, .required)
            .field("receiving_unit_path", .string, .required)
            .field("handling_unit_code", .string, .required)
            .field("handling_unit_path", .string, .required)
            .field("channel", .string, .required)
            .field("status", .string, .required)
            .field("applicant_user_id", .uuid, .references(UserModel.schema, .id))
            .field("applicant_name", .string, .required)
            .field("applicant_personal_id", .string)
            .field("applicant_phone", .string)
            .field("applicant_email", .string)
            .field("applicant_address", .string)
            .field("form", .string, .required)
            .field("submitted_at", .datetime, .required)
            .field("received_at", .datetime)
            .field("appointment", .datetime)
            .field("original_appointment", .datetime)
            .field("paused_at", .datetime)
            .field("supplement_requests", .int, .required)
            .field("current_step", .int, .required)
            .field("resolved_at", .datetime)
            .field("returned_at", .datetime)
            .field("return_method", .string)
            .field("outcome", .string)
            .field("timeliness", .string)
            .field("fee_vnd", .int, .required)
            .field("fee_paid", .bool, .required)
            .field("payment_reference", .string)
            .field("result_sha256", .string)
            .field("rating", .int)
            .field("rating_comment", .string)
            .field("revision", .int, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "code")
            .create()
        try await database.schema(DossierStepModel.schema)
            .id()
            .field("dossier_id", .uuid, .required, .references(DossierModel.schema, .id))
            .field("index", .int, .required)
            .field("name", .string, .required)
            .field("role", .string, .required)
            .field("unit_code", .string, .required)
            .field("unit_path", .string, .required)
            .field("allotted_days", .double, .required)
            .field("assignee", .string)
            .field("started_at", .datetime)
            .field("deadline", .datetime)
            .field("completed_at", .datetime)
            .field("completed_by", .string)
            .unique(on: "dossier_id", "index")
            .create()
        try await database.schema(DossierEventModel.schema)
            .id()
            .field("dossier_id", .uuid, .required, .references(DossierModel.schema, .id))
            .field("at", .datetime, .required)
            .field("actor", .string, .required)
            .field("action", .string, .required)
            .field("from_status", .string, .required)
            .field("to_status", .string, .required)
            .field("national_code", .int, .required)
            .field("step_index", .int)
            .field("note", .string)
            .create()
        try await database.schema(StoredFileModel.schema)
            .id()
            .field("sha256", .string, .required)
            .field("size", .int, .required)
            .field("media_type", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "sha256")
            .create()
        try await database.schema(FileUploadModel.schema)
            .id()
            .field("username", .string, .required)
            .field("sha256", .string, .required)
            .field("name", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema(DossierFileModel.schema)
            .id()
            .field("dossier_id", .uuid, .required, .references(DossierModel.schema, .id))
            .field("kind", .string, .required)
            .field("component_index", .int)
            .field("name", .string, .required)
            .field("sha256", .string, .required)
            .field("reused_from", .string)
            .field("added_by", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema("dossier_sequences")
            .field("unit_code", .string, .required)
            .field("day", .string, .required)
            .field("last", .int, .required)
            .unique(on: "unit_code", "day")
            .create()
        try await database.schema(OutboxMessageModel.schema)
            .id()
            .field("dossier_code", .string, .required)
            .field("channel", .string, .required)
            .field("recipient", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("last_error", .string)
            .field("created_at", .datetime, .required)
            .field("sent_at", .datetime)
            .create()
        if let sql = database as? any SQLDatabase {
            for (name, table, columns) in [
                ("dossiers_receiving_idx", DossierModel.schema, ["receiving_unit_path", "status"]),
                ("dossiers_handling_idx", DossierModel.schema, ["handling_unit_path", "status"]),
                ("dossiers_applicant_idx", DossierModel.schema, ["applicant_user_id"]),
                ("dossier_events_dossier_idx", DossierEventModel.schema, ["dossier_id"]),
                ("dossier_files_dossier_idx", DossierFileModel.schema, ["dossier_id"]),
                ("file_uploads_user_idx", FileUploadModel.schema, ["username", "sha256"]),
                ("outbox_pending_idx", OutboxMessageModel.schema, ["status", "next_attempt_at"]),
            ] {
                var builder = sql.create(index: name).on(table)
                for column in columns { builder = builder.column(column) }
                try await builder.run()
            }
        }
    }

    public func revert(on database: any Database) async throws {
        for schema in [OutboxMessageModel.schema, "dossier_sequences", DossierFileModel.schema, FileUploadModel.schema,
                       StoredFileModel.schema, DossierEventModel.schema, DossierStepModel.schema, DossierModel.schema] {
            try await database.schema(schema).delete()
        }
    }
}
