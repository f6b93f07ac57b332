import DocumentSearch
import Fluent
import Foundation
import SQLKit

/// The full-text index of the documents (`DocumentSearch.SearchIndex`), kept in memory and never stale: before each
/// search it asks the database for the documents changed since it last looked (by `updated_at`), and indexes them.
/// The first search after start indexes every document.
public final class DocumentIndex: @unchecked Sendable {
    private let index = SearchIndex()
    private let lock = NSLock()
    /// The latest `updated_at` indexed, and the ids indexed at exactly that instant (so none is missed or repeated).
    private var seenUntil: Date?

    public init() {}

    /// Documents matching the query's words (diacritics and case do not matter; the last word may be a prefix) and
    /// filters, best first: an exact number and symbol, then words in the subject, then in the file's text, newest
    /// first.
    public func search(_ query: SearchQuery, on db: any Database) async throws -> (ids: [UUID], total: Int) {
        try await catchUp(on: db)
        let results = index.search(query)
        return (results.hits.map(\.id), results.total)
    }

    /// Indexes the documents changed since the last look.
    func catchUp(on db: any Database) async throws {
        let since = lock.withLock { seenUntil }
        var query = DocumentModel.query(on: db).sort(\.$updatedAt).sort(\.$id)
        if let since { query = query.filter(\.$updatedAt >= since) }
        var offset = 0
        var latest = since
        while true {
            let page = try await query.copy().range(offset..<(offset + 5_000)).all()
            index.add(contentsOf: page.map(Self.searchDocument))
            latest = page.last?.updatedAt ?? latest
            guard page.count == 5_000 else { break }
            offset += 5_000
        }
        lock.withLock { seenUntil = latest }
    }

    static func searchDocument(_ document: DocumentModel) -> SearchDocument {
        SearchDocument(id: document.id ?? UUID(), symbol: document.symbol ?? "", subject: document.subject,
                       body: document.contentText ?? "", type: document.type.rawValue, agency: document.agencyCode,
                       signer: document.signer, status: document.status,
                       date: document.issuedAt ?? document.receivedAt ?? document.createdAt ?? Date(timeIntervalSince1970: 0))
    }
}
