import Fluent
import SQLKit

/// Adds `dossiers.submission_key`, the submitter's key of a submission, unique per account (`created_by`): a
/// submission sent again with its key (a retry after a lost answer, a form posted twice) finds the dossier it
/// created instead of creating a second one. Dossiers without a key (NULL) are not constrained.
public struct AddSubmissionKeys: AsyncMigration {
    public init() {}

    static let index = "dossiers_submission_key"

    public func prepare(on database: any Database) async throws {
        try await database.schema(DossierModel.schema).field("submission_key", .string).update()
        try await (database as! any SQLDatabase).create(index: Self.index).unique().on(DossierModel.schema)
            .column("created_by").column("submission_key").run()
    }

    public func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).drop(index: Self.index).run()
        try await database.schema(DossierModel.schema).deleteField("submission_key").update()
    }
}

/// Adds `dossiers.submission_fingerprint`: what a submission under a key asked for (`Submission.fingerprint`), so that
/// the key sent again with another submission is refused (422) instead of answered with the first one's dossier.
public struct AddSubmissionFingerprints: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(DossierModel.schema).field("submission_fingerprint", .string).update()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(DossierModel.schema).deleteField("submission_fingerprint").update()
    }
}

/// Adds `dossier_groups.submission_key` and `submission_fingerprint`: a linked submission (hồ sơ liên thông) sent
/// again under its key finds the group it created, unique per account, as a single dossier's does (`AddSubmissionKeys`).
public struct AddGroupSubmissionKeys: AsyncMigration {
    public init() {}

    static let index = "dossier_groups_submission_key"

    public func prepare(on database: any Database) async throws {
        try await database.schema(DossierGroupModel.schema).field("submission_key", .string).update()
        try await database.schema(DossierGroupModel.schema).field("submission_fingerprint", .string).update()
        try await (database as! any SQLDatabase).create(index: Self.index).unique().on(DossierGroupModel.schema)
            .column("created_by").column("submission_key").run()
    }

    public func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).drop(index: Self.index).run()
        try await database.schema(DossierGroupModel.schema).deleteField("submission_fingerprint").update()
        try await database.schema(DossierGroupModel.schema).deleteField("submission_key").update()
    }
}
