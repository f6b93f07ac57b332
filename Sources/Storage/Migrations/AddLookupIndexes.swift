import Fluent

/// Indexes for the look-ups by parent row that grew into full scans with a year's data: a document's history,
/// recipients and assignments (each change of the document workflow reads them), a document by its source identity
/// (an edXML status message names the sender's document that way), documents changed since the
/// search index last caught up, the children of a linked group, and a dossier's notifications. Found by the
/// year run of `cqs bench documents`, whose rate fell as `document_events` grew (each status message scanned it).
public struct AddLookupIndexes: AsyncMigration {
    public init() {}

    static let indexes: [Indexes.Definition] = [
        ("document_events_document", "document_events", ["document_id", "at"]),
        ("document_recipients_document", "document_recipients", ["document_id"]),
        ("document_assignments_document", "document_assignments", ["document_id"]),
        ("documents_updated", "documents", ["updated_at"]),
        ("documents_source", "documents", ["source_identity"]),
        ("dossiers_parent", "dossiers", ["parent_code"]),
        ("outbox_messages_dossier", "outbox_messages", ["dossier_code"]),
    ]

    public func prepare(on database: any Database) async throws {
        try await Indexes.create(Self.indexes, on: database)
    }

    public func revert(on database: any Database) async throws {
        try await Indexes.drop(Self.indexes, on: database)
    }
}
