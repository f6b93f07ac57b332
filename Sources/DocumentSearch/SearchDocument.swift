import Foundation

/// One document (văn bản) as the search index sees it: the fields that are searched and the fields that filter.
public struct SearchDocument: Sendable, Hashable {
    /// The document's identifier in the main store.
    public var id: UUID
    /// Số, ký hiệu — number and symbol, e.g. "60/KH-UBND". A query equal to it (folded) ranks the document first.
    public var symbol: String
    /// Trích yếu — the subject line.
    public var subject: String
    /// Nội dung — the text of the document's files (see `TextExtraction`), possibly empty.
    public var body: String
    /// Loại văn bản — document type, e.g. "Kế hoạch" or a code such as "KH"; filtered ignoring case and diacritics.
    public var type: String
    /// Cơ quan ban hành — issuing agency (name or code).
    public var agency: String
    /// Người ký — signer, if any.
    public var signer: String?
    /// Trạng thái — workflow status, e.g. "published".
    public var status: String
    /// Ngày văn bản — the document date; newer documents rank first among equal matches.
    public var date: Date

    public init(id: UUID, symbol: String, subject: String, body: String = "", type: String, agency: String,
                signer: String? = nil, status: String, date: Date) {
        self.id = id
        self.symbol = symbol
        self.subject = subject
        self.body = body
        self.type = type
        self.agency = agency
        self.signer = signer
        self.status = status
        self.date = date
    }
}

/// A search request (truy vấn): words plus filters plus a page.
///
/// Words are folded (no diacritics, no case); every word must occur in the symbol, the subject or the body,
/// the last one as a prefix ("chuyen doi s" finds "chuyển đổi số"). Empty text lists every document that passes the
/// filters, newest first. Each filter set is "any of these values" (folded comparison); an empty set does not filter.
public struct SearchQuery: Sendable, Hashable {
    /// Từ khóa — the words to look for.
    public var text: String
    /// Loại văn bản — allowed document types.
    public var types: Set<String>
    /// Cơ quan ban hành — allowed agencies.
    public var agencies: Set<String>
    /// Người ký — allowed signers.
    public var signers: Set<String>
    /// Trạng thái — allowed statuses.
    public var statuses: Set<String>
    /// Từ ngày — earliest document date, inclusive (an instant: pass the start of the day).
    public var from: Date?
    /// Đến ngày — latest document date, inclusive (an instant: pass the end of the day to include all of it).
    public var to: Date?
    /// Page size (at most this many hits).
    public var limit: Int
    /// Hits to skip before the page.
    public var offset: Int

    public init(_ text: String = "", types: Set<String> = [], agencies: Set<String> = [], signers: Set<String> = [],
                statuses: Set<String> = [], from: Date? = nil, to: Date? = nil, limit: Int = 20, offset: Int = 0) {
        self.text = text
        self.types = types
        self.agencies = agencies
        self.signers = signers
        self.statuses = statuses
        self.from = from
        self.to = to
        self.limit = limit
        self.offset = offset
    }
}

/// One result (kết quả): the document and why it ranks where it does.
public struct SearchHit: Sendable, Hashable {
    /// The document's identifier.
    public var id: UUID
    /// The document date.
    public var date: Date
    /// The query is the document's symbol (số, ký hiệu), folded.
    public var symbolMatch: Bool
    /// How many distinct query words occur in the symbol or the subject (trích yếu).
    public var subjectHits: Int
    /// How many distinct query words occur in the body (nội dung).
    public var bodyHits: Int

    public init(id: UUID, date: Date, symbolMatch: Bool, subjectHits: Int, bodyHits: Int) {
        self.id = id
        self.date = date
        self.symbolMatch = symbolMatch
        self.subjectHits = subjectHits
        self.bodyHits = bodyHits
    }
}

/// A page of results and the number of all matching documents.
public struct SearchResults: Sendable, Hashable {
    /// Tổng số — all documents that match, before paging.
    public var total: Int
    /// The requested page, best first: symbol match, then subject hits, then body hits, then newest.
    public var hits: [SearchHit]

    public init(total: Int, hits: [SearchHit]) {
        self.total = total
        self.hits = hits
    }
}
