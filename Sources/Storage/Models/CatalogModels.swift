import Catalog
import Fluent
import Foundation

/// Thủ tục hành chính — a procedure of the catalog. Its content lives in versions; the row carries
/// what search and lists need, and the number of the version in force.
public final class ProcedureModel: Model, @unchecked Sendable {
    public static let schema = "procedures"

    /// Trạng thái — a procedure is drafted, published (one version in force) or retired.
    public enum Status: String, Codable, Sendable { case draft, published, retired }

    // managed fields
    @ID(key: .id) public var id: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    // data fields
    @Field(key: "code") public var code: String
    @Field(key: "name") public var name: String
    @Field(key: "field") public var field: String
    @Field(key: "level") public var level: ProcedureLevel
    @Field(key: "agency") public var agency: String
    @Field(key: "status") public var status: Status
    /// The published version in force (0 while never published).
    @Field(key: "current_version") public var currentVersion: Int
    /// Folded code, name and field, padded with spaces, for diacritics-insensitive pre-filtering.
    @Field(key: "search_text") public var searchText: String
    /// The draft being edited (JSON of `ProcedureRecord`), if any.
    @OptionalField(key: "draft_document") public var draftDocument: String?

    public init() {}

    public init(code: String, record: ProcedureRecord, status: Status) {
        self.code = code
        self.status = status
        self.currentVersion = 0
        apply(record)
    }

    /// Copies the searchable fields of a record onto the row.
    public func apply(_ record: ProcedureRecord) {
        name = record.name
        field = record.field
        level = record.level
        agency = record.agency
        searchText = ProcedureSearch.searchText(code: record.catalogCode, name: record.name, field: record.field)
    }
}

/// Phiên bản thủ tục — one published version of a procedure, never changed once written; a dossier
/// keeps the version it was submitted under.
public final class ProcedureVersionModel: Model, @unchecked Sendable {
    public static let schema = "procedure_versions"

    // managed fields
    @ID(key: .id) public var id: UUID?

    // data fields
    @Field(key: "version") public var version: Int
    /// JSON of `ProcedureRecord`.
    @Field(key: "document") public var document: String
    @Field(key: "published_at") public var publishedAt: Date
    @Field(key: "published_by") public var publishedBy: String

    // relationships
    @Parent(key: "procedure_id") public var procedure: ProcedureModel

    public init() {}

    public init(procedureID: UUID, version: Int, document: String, publishedAt: Date, publishedBy: String) {
        self.$procedure.id = procedureID
        self.version = version
        self.document = document
        self.publishedAt = publishedAt
        self.publishedBy = publishedBy
    }
}

/// Nhóm thủ tục liên thông — a linked procedure group.
public final class ProcedureGroupModel: Model, @unchecked Sendable {
    public static let schema = "procedure_groups"

    // managed fields
    @ID(key: .id) public var id: UUID?

    // data fields
    @Field(key: "code") public var code: String
    @Field(key: "name") public var name: String
    /// JSON of `ProcedureGroupRecord`.
    @Field(key: "document") public var document: String

    public init() {}

    public init(code: String, name: String, document: String) {
        self.code = code
        self.name = name
        self.document = document
    }
}
