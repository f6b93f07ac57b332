import Catalog
import Core
import Fluent
import FluentSQL
import SQLKit
import Foundation

/// The procedure catalog: import, search, versions, and the administrator's edit/publish/retire.
public enum CatalogStore {
    /// What an import did.
    public struct ImportSummary: Sendable, Equatable {
        public var published = 0
        public var unchanged = 0
        public var groups = 0
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// Encodes a record as the stored version document.
    public static func encode(_ record: ProcedureRecord) throws -> String {
        String(decoding: try encoder.encode(record), as: UTF8.self)
    }

    /// Decodes a stored version document.
    public static func decode(_ document: String) throws -> ProcedureRecord {
        try JSONDecoder().decode(ProcedureRecord.self, from: Data(document.utf8))
    }

    /// The record of a stored version row. A version's document never changes once written, so its decoding is
    /// kept per row (the row's identifier is unique across databases).
    public static func record(of version: ProcedureVersionModel) throws -> ProcedureRecord {
        guard let id = version.id else { return try decode(version.document) }
        if let cached = decodedVersions.withLock({ $0[id] }) { return cached }
        let record = try decode(version.document)
        decodedVersions.withLock { cache in
            if cache.count > 10_000 { cache.removeAll() }
            cache[id] = record
        }
        return record
    }

    /// The decoded record of version row `versionID`, if it was decoded before.
    public static func cachedRecord(versionID: UUID) -> ProcedureRecord? {
        decodedVersions.withLock { $0[versionID] }
    }

    private static let decodedVersions = LockedCache<UUID, ProcedureRecord>()

    /// Parses a catalog file, answering a problem that says where the JSON is wrong.
    public static func parse(_ data: Data) throws -> CatalogFile {
        do {
            return try JSONDecoder().decode(CatalogFile.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw Problem.invalid("Tệp danh mục thiếu trường \(key.stringValue)",
                                  "Missing key \(key.stringValue) at \(path(context.codingPath)).")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context),
                let DecodingError.dataCorrupted(context) {
            throw Problem.invalid("Tệp danh mục có giá trị không hợp lệ",
                                  "\(context.debugDescription) at \(path(context.codingPath)).")
        }
    }

    /// Imports a whole file in one transaction: every procedure is checked first and any violation refuses the
    /// whole file, storing nothing. A changed procedure becomes a new published version; an identical one is left.
    @discardableResult
    public static func importFile(_ file: CatalogFile, actor: String, at: Date,
                                  on database: any Database) async throws -> ImportSummary {
        let violations = CatalogValidation.violations(of: file)
        guard violations.isEmpty else {
            let list = violations.prefix(20).map(\.description).joined(separator: "; ")
            throw Problem(status: 422, slug: "catalog-refused",
                          title: "Tệp danh mục bị từ chối, không thủ tục nào được lưu: "
                              + violations.prefix(5).map { "\($0.procedure): \($0.vietnamese)" }.joined(separator: "; "),
                          detail: "The catalog was refused as a whole, nothing was stored (\(violations.count) problems): \(list)")
        }
        return try await database.writeTransaction { db in
            var summary = ImportSummary()
            for record in file.procedures {
                if try await publish(record, actor: actor, at: at, on: db) { summary.published += 1 } else { summary.unchanged += 1 }
            }
            for group in file.groups ?? [] {
                let document = String(decoding: try encoder.encode(group), as: UTF8.self)
                if let existing = try await ProcedureGroupModel.query(on: db).filter(\.$code == group.localCode).first() {
                    existing.name = group.name
                    existing.document = document
                    try await existing.save(on: db)
                } else {
                    try await ProcedureGroupModel(code: group.localCode, name: group.name, document: document).create(on: db)
                }
                summary.groups += 1
            }
            try await AuditEventModel.record(on: db, at: at, actor: actor, action: "catalog.import", subject: "catalog",
                                             reason: "\(summary.published) published, \(summary.unchanged) unchanged")
            return summary
        }
    }

    /// Publishes `record` as the procedure's next version (creating the procedure if new).
    /// Returns false when the record equals the version in force (nothing written).
    @discardableResult
    public static func publish(_ record: ProcedureRecord, actor: String, at: Date,
                               on db: any Database) async throws -> Bool {
        let violations = CatalogValidation.violations(of: record)
        guard violations.isEmpty else {
            throw Problem(status: 422, slug: "procedure-invalid",
                          title: violations.map(\.vietnamese).joined(separator: " "),
                          detail: violations.map(\.english).joined(separator: " "))
        }
        let document = try encode(record)
        let procedure: ProcedureModel
        if let existing = try await ProcedureModel.query(on: db).filter(\.$code == record.catalogCode).first() {
            if existing.status == .published, let current = try await currentVersion(of: existing, on: db),
               current.document == document {
                return false
            }
            procedure = existing
        } else {
            procedure = ProcedureModel(code: record.catalogCode, record: record, status: .draft)
            try await procedure.create(on: db)
        }
        let version = (try await ProcedureVersionModel.query(on: db).filter(\.$procedure.$id == procedure.requireID())
            .max(\.$version) ?? 0) + 1
        try await ProcedureVersionModel(procedureID: procedure.requireID(), version: version, document: document,
                                        publishedAt: at, publishedBy: actor).create(on: db)
        procedure.apply(record)
        procedure.status = .published
        procedure.currentVersion = version
        procedure.draftDocument = nil
        try await procedure.save(on: db)
        try await AuditEventModel.record(on: db, at: at, actor: actor, action: "procedure.publish",
                                         subject: "procedure:\(procedure.code)", reason: "version \(version)")
        return true
    }

    /// Saves a draft edit (not yet in force). A new procedure starts as a draft.
    public static func saveDraft(_ record: ProcedureRecord, actor: String, at: Date,
                                 on database: any Database) async throws -> ProcedureModel {
        let violations = CatalogValidation.violations(of: record)
        guard violations.isEmpty else {
            throw Problem(status: 422, slug: "procedure-invalid",
                          title: violations.map(\.vietnamese).joined(separator: " "),
                          detail: violations.map(\.english).joined(separator: " "))
        }
        return try await database.writeTransaction { db in
            let procedure: ProcedureModel
            if let existing = try await ProcedureModel.query(on: db).filter(\.$code == record.catalogCode).first() {
                procedure = existing
            } else {
                procedure = ProcedureModel(code: record.catalogCode, record: record, status: .draft)
            }
            procedure.draftDocument = try encode(record)
            if procedure.status == .draft { procedure.apply(record) }
            try await procedure.save(on: db)
            try await AuditEventModel.record(on: db, at: at, actor: actor, action: "procedure.draft",
                                             subject: "procedure:\(procedure.code)")
            return procedure
        }
    }

    /// Publishes the saved draft as a new version.
    public static func publishDraft(code: String, actor: String, at: Date, on database: any Database) async throws {
        try await database.writeTransaction { db in
            guard let procedure = try await ProcedureModel.query(on: db).filter(\.$code == code).first() else {
                throw Problem.notFound("Không tìm thấy thủ tục", "No procedure \(code).")
            }
            guard let draft = procedure.draftDocument else {
                throw Problem.conflict("Thủ tục không có bản nháp để công bố", "Procedure \(code) has no draft to publish.")
            }
            try await publish(try decode(draft), actor: actor, at: at, on: db)
        }
    }

    /// Retires a procedure: it stays in the records (dossiers keep their versions) but is no longer offered.
    public static func retire(code: String, reason: String, actor: String, at: Date,
                              on database: any Database) async throws {
        try await database.writeTransaction { db in
            guard let procedure = try await ProcedureModel.query(on: db).filter(\.$code == code).first() else {
                throw Problem.notFound("Không tìm thấy thủ tục", "No procedure \(code).")
            }
            guard procedure.status != .retired else {
                throw Problem.conflict("Thủ tục đã bãi bỏ", "Procedure \(code) is already retired.")
            }
            procedure.status = .retired
            try await procedure.save(on: db)
            try await AuditEventModel.record(on: db, at: at, actor: actor, action: "procedure.retire",
                                             subject: "procedure:\(code)", reason: reason)
        }
    }

    /// The version in force of a procedure.
    public static func currentVersion(of procedure: ProcedureModel, on db: any Database) async throws -> ProcedureVersionModel? {
        try await ProcedureVersionModel.query(on: db).filter(\.$procedure.$id == procedure.requireID())
            .filter(\.$version == procedure.currentVersion).first()
    }

    /// A published procedure with its record in force.
    public static func published(code: String, on db: any Database) async throws -> (ProcedureModel, ProcedureRecord, Int)? {
        // one statement, written out: the procedure joined with its version in force (every submission asks)
        guard let row = try await (db as! any SQLDatabase).raw("""
            SELECT procedures.*, procedure_versions.id AS version_id, procedure_versions.version AS version_number,
                   procedure_versions.document AS version_document
            FROM procedures JOIN procedure_versions ON procedure_versions.procedure_id = procedures.id
                AND procedure_versions.version = procedures.current_version
            WHERE procedures.code = \(bind: code) AND procedures.status = \(bind: ProcedureModel.Status.published.rawValue)
            LIMIT 1
            """).first()
        else { return nil }
        let version = ProcedureVersionModel()
        version.id = try row.decode(column: "version_id", as: UUID.self)
        version.version = try row.decode(column: "version_number", as: Int.self)
        version.document = try row.decode(column: "version_document", as: String.self)
        return (try row.decode(fluentModel: ProcedureModel.self), try record(of: version), version.version)
    }

    /// Search filters.
    public struct SearchFilter: Sendable {
        public var query: String?
        public var level: ProcedureLevel?
        public var field: String?
        public var agency: String?

        public init(query: String? = nil, level: ProcedureLevel? = nil, field: String? = nil, agency: String? = nil) {
            self.query = query
            self.level = level
            self.field = field
            self.agency = agency
        }
    }

    static func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.isEmpty ? "the top level"
            : codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }
}
