import Catalog
import Core
import Fluent
import Foundation
import SQLKit

/// An in-memory search index of the published catalog, rebuilt only when the catalog changes. Changes made through
/// this instance invalidate it at once; changes made by another instance (or the command line) are seen within
/// `recheckInterval`, when the index asks the database for the catalog's stamp (number of procedures, last change).
public final class CatalogIndex: @unchecked Sendable {
    /// One published procedure, with its folded texts precomputed.
    public struct Entry: Sendable {
        public var code: String, name: String, field: String, agency: String
        public var level: ProcedureLevel
        public var version: Int
        let folded: ProcedureSearch.Folded
        let foldedField: String, foldedAgency: String
    }

    struct Stamp: Equatable { var count: Int; var changed: Double }

    /// How long the index trusts its stamp before asking the database again.
    public let recheckInterval: UInt64

    private let lock = NSLock()
    private var stamp: Stamp?
    private var checkedAt: UInt64 = 0
    /// The entries, and every prefix of every folded word of an entry's code, name and field → the entries having it.
    struct Snapshot { var entries: [Entry] = []; var prefixes: [String: [Int]] = [:]; var byCode: [String: Int] = [:] }
    private var current = Snapshot()
    private var details: [String: Data] = [:]
    /// Published versions' records by "code@version" (versions never change).
    private var records: [String: ProcedureRecord] = [:]

    public init(recheckInterval seconds: Double = 1) {
        recheckInterval = UInt64(seconds * 1e9)
    }

    /// Forgets the index: the next use rebuilds it (called after every catalog change made here).
    public func invalidate() {
        lock.withLock { stamp = nil }
    }

    /// The current entries (rebuilt if the catalog changed).
    public func entries(on db: any Database) async throws -> [Entry] {
        try await snapshot(on: db).entries
    }

    func snapshot(on db: any Database) async throws -> Snapshot {
        let now = DispatchTime.now().uptimeNanoseconds
        if let fresh = lock.withLock({ stamp != nil && checkedAt + recheckInterval > now ? current : nil }) { return fresh }
        let latest = try await Self.stamp(on: db)
        if let cached = lock.withLock({ () -> Snapshot? in
            guard stamp == latest else { return nil }
            checkedAt = now
            return current
        }) { return cached }
        let rows = try await ProcedureModel.query(on: db).filter(\.$status == .published).all()
        let fresh = rows.map { row in
            Entry(code: row.code, name: row.name, field: row.field, agency: row.agency, level: row.level,
                  version: row.currentVersion, folded: ProcedureSearch.Folded(code: row.code, name: row.name, field: row.field),
                  foldedField: VietnameseText.fold(row.field), foldedAgency: VietnameseText.fold(row.agency))
        }
        var inverted: [String: [Int]] = [:]
        for (index, entry) in fresh.enumerated() {
            var own = Set<String>()
            for word in [entry.folded.code] + entry.folded.nameWords + entry.folded.fieldWords {
                var prefix = ""
                for character in word {
                    prefix.append(character)
                    own.insert(prefix)
                }
            }
            for prefix in own { inverted[prefix, default: []].append(index) }
        }
        let byCode = Dictionary(fresh.enumerated().map { ($0.element.code, $0.offset) }, uniquingKeysWith: { first, _ in first })
        let snapshot = Snapshot(entries: fresh, prefixes: inverted, byCode: byCode)
        lock.withLock {
            stamp = latest
            checkedAt = now
            current = snapshot
            details = [:]
            records = [:]
        }
        return snapshot
    }

    /// The entries whose words start with every query word (all entries for no words).
    func candidates(for words: [String], on db: any Database) async throws -> [Entry] {
        let snapshot = try await snapshot(on: db)
        guard !words.isEmpty else { return snapshot.entries }
        let lists = words.map { snapshot.prefixes[$0] ?? [] }.sorted { $0.count < $1.count }
        var selected = Set(lists[0])
        for list in lists.dropFirst() { selected.formIntersection(list) }
        return selected.sorted().map { snapshot.entries[$0] }
    }

    /// Published procedures matching the filter, best first (the ranking of `ProcedureSearch`).
    public func search(_ filter: CatalogStore.SearchFilter, on db: any Database) async throws -> [Entry] {
        let words = VietnameseText.words(filter.query ?? "")
        let field = filter.field.map(VietnameseText.fold).flatMap { $0.isEmpty ? nil : $0 }
        let agency = filter.agency.map(VietnameseText.fold).flatMap { $0.isEmpty ? nil : $0 }
        let candidates = try await candidates(for: words, on: db).filter { entry in
            (filter.level.map { entry.level == $0 } ?? true)
                && (field.map { entry.foldedField.contains($0) } ?? true)
                && (agency.map { entry.foldedAgency.contains($0) } ?? true)
        }
        guard !words.isEmpty else { return candidates.sorted { $0.code < $1.code } }
        return candidates.compactMap { entry in ProcedureSearch.score(entry.folded, queryWords: words).map { (entry, $0) } }
        .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.code < $1.0.code }
        .map(\.0)
    }

    /// The encoded detail of a published procedure version, made once (versions never change).
    public func detail(code: String, on db: any Database, encode: (ProcedureModel, ProcedureRecord, Int) throws -> Data) async throws -> Data? {
        guard let (key, _) = try await versionInForce(code, on: db) else { return nil }
        if let cached = lock.withLock({ details[key] }) { return cached }
        guard let (procedure, record, version) = try await CatalogStore.published(code: code, on: db) else { return nil }
        let data = try encode(procedure, record, version)
        lock.withLock { details["\(code)@\(version)"] = data }
        return data
    }

    /// The record and number of the version in force of published procedure `code` (nil if it is not published),
    /// kept per version: every submission asks.
    public func published(code: String, on db: any Database) async throws -> (record: ProcedureRecord, version: Int)? {
        guard let (key, inForce) = try await versionInForce(code, on: db) else { return nil }
        if let cached = lock.withLock({ records[key] }) { return (cached, inForce) }
        guard let (_, record, version) = try await CatalogStore.published(code: code, on: db) else { return nil }
        lock.withLock { records["\(code)@\(version)"] = record }
        return (record, version)
    }

    /// The record of version `version` of procedure `code` if this index has read it before (versions never change):
    /// an action on a dossier finds the version it was submitted under here without asking the database.
    public func cachedRecord(code: String, version: Int) -> ProcedureRecord? {
        lock.withLock { records["\(code)@\(version)"] }
    }

    /// The "code@version" key and the number of published procedure `code`'s version in force (the caches of
    /// `detail` and `published` are kept by that key: versions never change).
    private func versionInForce(_ code: String, on db: any Database) async throws -> (key: String, version: Int)? {
        let snapshot = try await snapshot(on: db)
        return snapshot.byCode[code].map { index in
            let version = snapshot.entries[index].version
            return ("\(code)@\(version)", version)
        }
    }

    static func stamp(on db: any Database) async throws -> Stamp {
        let count = try await ProcedureModel.query(on: db).count()
        let changed = try await ProcedureModel.query(on: db).max(\.$updatedAt)
        return Stamp(count: count, changed: changed?.timeIntervalSince1970 ?? 0)
    }
}
