import Foundation

/// Chỉ mục tìm kiếm văn bản — an in-memory inverted index over the symbol, subject and body of documents.
///
/// Words are folded (`SearchText.words`: no diacritics, no case) and each maps to a posting list: a sorted
/// `[UInt32]` of `ordinal << 2 | fields` (bit 0: symbol or subject, bit 1: body), one entry per document that
/// contains the word. A query intersects the lists of its words, smallest first, by galloping search; the last word is
/// a prefix and unions the lists of every word it begins. Filters are checked on per-document columns (interned
/// type, agency, signer and status, date), and ranking is: exact symbol match (số, ký hiệu), then the number of query
/// words in the symbol or subject, then the number in the body, then the newest date.
///
/// Adding a document whose `id` is already indexed replaces it. A replaced or removed document leaves a tombstone;
/// when tombstones outnumber live documents (and there are at least 1,024) the index compacts itself, and `compact()`
/// does it on demand (it also trims each posting list to its size; the allocator may keep the freed memory).
///
/// Thread safety: many concurrent readers (`search`, `count`, ...) or one writer, under a read-write lock; the text of
/// a document is tokenised before the write lock is taken.
///
/// Memory and speed (measured on this project's 2-core Linux machine, release build, 1,000,000 generated documents with a
/// 12-word subject, a 40-word body and a symbol, i.e. ~51 distinct words each, ~7,300 distinct words in all):
/// `statistics.approximateBytes` ≈ 272 MiB ≈ 286 bytes per document, of which 4 bytes per (document, distinct word)
/// posting (~204), ~49 of columns (id, date, four interned filter values, symbol hash, live flag) and ~30 of the
/// id → ordinal map; each distinct word costs ~120 bytes more. Process RSS grew by ~360 MiB while loading (array
/// growth slack). Loading took ~15 s (`add(contentsOf:)`, tokenising on both cores); queries (p50 / p99): 3 words
/// 0.44 / 5.6 ms, 3 words with the last one cut 0.8 / 5.7 ms, 1 frequent word 0.8 / 11 ms, an exact symbol
/// 0.02 / 0.05 ms, filters only (agency + date) 5.7 / 9 ms, a one-letter prefix (~925,000 hits) 9.7 / 12 ms.
public final class SearchIndex: @unchecked Sendable {
    private let lock = ReadWriteLock()
    private var storage = IndexStorage()

    /// An empty index.
    public init() {}

    /// Sizes of the index.
    public struct Statistics: Sendable, Hashable {
        /// Live documents.
        public var documents: Int
        /// Removed or replaced documents not yet compacted away.
        public var tombstones: Int
        /// Distinct words.
        public var terms: Int
        /// Posting entries (document, word) over all lists, tombstones included.
        public var postings: Int
        /// An estimate of the heap memory the index holds, in bytes.
        public var approximateBytes: Int
    }

    /// The number of indexed (live) documents.
    public var count: Int { lock.reading { storage.liveCount } }

    /// Whether a document with this id is indexed.
    public func contains(id: UUID) -> Bool { lock.reading { storage.ordinalByID[id] != nil } }

    /// Adds a document, replacing the one with the same id if any. Returns true when it replaced one.
    @discardableResult
    public func add(_ document: SearchDocument) -> Bool {
        let prepared = PreparedDocument(document)
        return lock.writing { storage.insert(prepared) }
    }

    /// Replaces a document (same as `add`): returns false when no document had its id (it is added anyway).
    @discardableResult
    public func replace(_ document: SearchDocument) -> Bool { add(document) }

    /// Adds many documents (replacing those whose id is indexed): the text is tokenised on every core, and the write
    /// lock is taken once per chunk of 4,096 documents.
    public func add<S: Sequence>(contentsOf documents: S) where S.Element == SearchDocument {
        var chunk: [SearchDocument] = []
        chunk.reserveCapacity(4096)
        func flush() {
            let prepared = Self.prepare(chunk)
            lock.writing { for document in prepared { storage.insert(document) } }
            chunk.removeAll(keepingCapacity: true)
        }
        for document in documents {
            chunk.append(document)
            if chunk.count == 4096 { flush() }
        }
        if !chunk.isEmpty { flush() }
    }

    /// Tokenises documents in parallel, in order.
    static func prepare(_ documents: [SearchDocument]) -> [PreparedDocument] {
        let workers = min(ProcessInfo.processInfo.activeProcessorCount, 16)
        guard documents.count >= 64, workers > 1 else { return documents.map(PreparedDocument.init) }
        var prepared = [PreparedDocument?](repeating: nil, count: documents.count)
        prepared.withUnsafeMutableBufferPointer { buffer in
            let slots = buffer
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var index = worker
                while index < documents.count {
                    slots[index] = PreparedDocument(documents[index])
                    index += workers
                }
            }
        }
        return prepared.map { $0! }
    }

    /// Removes a document. Returns false when no document had this id.
    @discardableResult
    public func remove(id: UUID) -> Bool { lock.writing { storage.remove(id: id) } }

    /// Removes every document.
    public func removeAll() { lock.writing { storage = IndexStorage() } }

    /// Drops tombstones, renumbers documents, drops words no live document has and trims every list to its size.
    public func compact() { lock.writing { storage.compact() } }

    /// Sizes of the index.
    public var statistics: Statistics { lock.reading { storage.statistics } }

    /// Runs a query: the requested page of hits, best first, and the total number of matches.
    public func search(_ query: SearchQuery) -> SearchResults {
        let words = SearchText.words(query.text)
        return lock.reading { storage.search(query, words: words) }
    }
}

// MARK: - Prepared documents

/// A document tokenised outside the lock: distinct words with their field bits, folded filter values.
struct PreparedDocument {
    let id: UUID
    let words: [String]
    let fields: [UInt8]
    let type: String
    let agency: String
    let signer: String
    let status: String
    let symbolKey: UInt64
    let date: Double

    static let titleBit: UInt8 = 1
    static let bodyBit: UInt8 = 2

    init(_ document: SearchDocument) {
        let estimate = (document.symbol.utf8.count + document.subject.utf8.count + document.body.utf8.count) / 6 + 8
        var map = [String: UInt8](minimumCapacity: min(estimate, 4096))
        var symbolWords: [String] = []
        SearchText.forEachWord(document.symbol) { word in
            symbolWords.append(word)
            map[word, default: 0] |= Self.titleBit
        }
        SearchText.forEachWord(document.subject) { map[$0, default: 0] |= Self.titleBit }
        SearchText.forEachWord(document.body) { map[$0, default: 0] |= Self.bodyBit }
        var words: [String] = []
        var fields: [UInt8] = []
        words.reserveCapacity(map.count)
        fields.reserveCapacity(map.count)
        for (word, bits) in map {
            words.append(word)
            fields.append(bits)
        }
        self.id = document.id
        self.words = words
        self.fields = fields
        self.type = SearchText.fold(document.type)
        self.agency = SearchText.fold(document.agency)
        self.signer = document.signer.map(SearchText.fold) ?? ""
        self.status = SearchText.fold(document.status)
        self.symbolKey = SearchText.symbolKey(symbolWords)
        self.date = document.date.timeIntervalSinceReferenceDate
    }
}

// MARK: - Storage

/// The state of the index; every method runs under the index's lock.
struct IndexStorage {
    // Columns, by document ordinal.
    var ids: [UUID] = []
    var dates: [Double] = []
    var types: [UInt32] = []
    var agencies: [UInt32] = []
    var signers: [UInt32] = []
    var statuses: [UInt32] = []
    var symbolKeys: [UInt64] = []
    var alive: [Bool] = []
    var ordinalByID: [UUID: UInt32] = [:]
    var liveCount = 0
    var tombstones = 0

    /// Interned folded filter values; 0 is the empty value (no signer).
    var valueIDs: [String: UInt32] = ["": 0]

    // Terms.
    var termIDs: [String: UInt32] = [:]
    var terms: [String] = []
    var postings: [[UInt32]] = []
    /// Term ids sorted by their UTF-8 bytes, plus a small sorted run of recent terms merged in when it grows.
    var sortedTerms: [UInt32] = []
    var recentTerms: [UInt32] = []

    static let maximumOrdinal = UInt32(1 << 30) - 1
    static let recentLimit = 2048
    static let maximumQueryWords = 32

    // MARK: Writing

    mutating func intern(_ value: String) -> UInt32 {
        if let id = valueIDs[value] { return id }
        let id = UInt32(valueIDs.count)
        valueIDs[value] = id
        return id
    }

    mutating func termID(_ word: String) -> UInt32 {
        if let id = termIDs[word] { return id }
        let id = UInt32(terms.count)
        terms.append(word)
        postings.append([])
        termIDs[word] = id
        let position = lowerBound(recentTerms, word)
        recentTerms.insert(id, at: position)
        if recentTerms.count >= Self.recentLimit { mergeRecentTerms() }
        return id
    }

    mutating func mergeRecentTerms() {
        guard !recentTerms.isEmpty else { return }
        var merged: [UInt32] = []
        merged.reserveCapacity(sortedTerms.count + recentTerms.count)
        var i = 0, j = 0
        while i < sortedTerms.count && j < recentTerms.count {
            if Self.less(terms[Int(recentTerms[j])], terms[Int(sortedTerms[i])]) {
                merged.append(recentTerms[j]); j += 1
            } else {
                merged.append(sortedTerms[i]); i += 1
            }
        }
        merged.append(contentsOf: sortedTerms[i...])
        merged.append(contentsOf: recentTerms[j...])
        sortedTerms = merged
        recentTerms.removeAll(keepingCapacity: true)
    }

    @discardableResult
    mutating func insert(_ document: PreparedDocument) -> Bool {
        let replaced = remove(id: document.id)
        if ids.count > Int(Self.maximumOrdinal) { compact() }
        precondition(ids.count <= Int(Self.maximumOrdinal), "SearchIndex holds at most 2^30 documents")
        let ordinal = UInt32(ids.count)
        ids.append(document.id)
        dates.append(document.date)
        types.append(intern(document.type))
        agencies.append(intern(document.agency))
        signers.append(intern(document.signer))
        statuses.append(intern(document.status))
        symbolKeys.append(document.symbolKey)
        alive.append(true)
        ordinalByID[document.id] = ordinal
        liveCount += 1
        for index in document.words.indices {
            let id = Int(termID(document.words[index]))
            postings[id].append(ordinal << 2 | UInt32(document.fields[index]))
        }
        return replaced
    }

    @discardableResult
    mutating func remove(id: UUID) -> Bool {
        guard let ordinal = ordinalByID.removeValue(forKey: id) else { return false }
        alive[Int(ordinal)] = false
        liveCount -= 1
        tombstones += 1
        if tombstones >= 1024 && tombstones > liveCount { compact() }
        return true
    }

    mutating func compact() {
        mergeRecentTerms()
        var remap = [UInt32](repeating: .max, count: alive.count)
        var next: UInt32 = 0
        for ordinal in alive.indices where alive[ordinal] {
            remap[ordinal] = next
            next += 1
        }
        func keep<T>(_ column: [T]) -> [T] {
            var result: [T] = []
            result.reserveCapacity(Int(next))
            for ordinal in column.indices where alive[ordinal] { result.append(column[ordinal]) }
            return result
        }
        ids = keep(ids)
        dates = keep(dates)
        types = keep(types)
        agencies = keep(agencies)
        signers = keep(signers)
        statuses = keep(statuses)
        symbolKeys = keep(symbolKeys)
        alive = [Bool](repeating: true, count: Int(next))
        var newOrdinals: [UUID: UInt32] = [:]
        newOrdinals.reserveCapacity(Int(next))
        for (ordinal, id) in ids.enumerated() { newOrdinals[id] = UInt32(ordinal) }
        ordinalByID = newOrdinals
        tombstones = 0

        var newTerms: [String] = []
        var newPostings: [[UInt32]] = []
        var newIDs: [String: UInt32] = [:]
        newIDs.reserveCapacity(terms.count)
        remap.withUnsafeBufferPointer { remap in
            for id in sortedTerms {
                let old = postings[Int(id)]
                var live = 0
                for entry in old where remap[Int(entry >> 2)] != .max { live += 1 }
                guard live > 0 else { continue }
                var list: [UInt32] = []
                list.reserveCapacity(live)
                for entry in old {
                    let ordinal = remap[Int(entry >> 2)]
                    if ordinal != .max { list.append(ordinal << 2 | (entry & 3)) }
                }
                newIDs[terms[Int(id)]] = UInt32(newTerms.count)
                newTerms.append(terms[Int(id)])
                newPostings.append(list)
            }
        }
        terms = newTerms
        postings = newPostings
        termIDs = newIDs
        sortedTerms = Array(0..<UInt32(newTerms.count))
        recentTerms = []
    }

    var statistics: SearchIndex.Statistics {
        let postingCount = postings.reduce(0) { $0 + $1.count }
        let postingCapacity = postings.reduce(0) { $0 + $1.capacity }
        let columns = ids.capacity * 16 + dates.capacity * 8 + (types.capacity + agencies.capacity + signers.capacity
            + statuses.capacity) * 4 + symbolKeys.capacity * 8 + alive.capacity
        let idMap = ordinalByID.capacity * (16 + 4) + ordinalByID.capacity / 8
        // A list's heap object: 32-byte header plus its elements, rounded to 16 by malloc; 16 for the String and the
        // sorted id, ~28 per dictionary slot; large words also have a heap buffer (ignored).
        let perTerm = postings.count * (8 + 32 + 8) + terms.capacity * 16 + termIDs.capacity * 28
            + (sortedTerms.capacity + recentTerms.capacity) * 4
        return .init(documents: liveCount, tombstones: tombstones, terms: terms.count, postings: postingCount,
                     approximateBytes: columns + idMap + perTerm + postingCapacity * 4)
    }

    // MARK: Terms by prefix

    /// Compares UTF-8 bytes.
    static func less(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { pa in
            b.withUTF8 { pb in
                let n = min(pa.count, pb.count)
                if n > 0 {
                    let r = memcmp(pa.baseAddress!, pb.baseAddress!, n)
                    if r != 0 { return r < 0 }
                }
                return pa.count < pb.count
            }
        }
    }

    /// The first position in a sorted id list whose term is not less than `word`.
    func lowerBound(_ sorted: [UInt32], _ word: String) -> Int {
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if Self.less(terms[Int(sorted[mid])], word) { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Ids of the terms that begin with `prefix` and still have postings.
    func terms(withPrefix prefix: String) -> [UInt32] {
        var result: [UInt32] = []
        for sorted in [sortedTerms, recentTerms] {
            var index = lowerBound(sorted, prefix)
            while index < sorted.count {
                let id = sorted[index]
                guard terms[Int(id)].utf8.starts(with: prefix.utf8) else { break }
                if !postings[Int(id)].isEmpty { result.append(id) }
                index += 1
            }
        }
        return result
    }

    // MARK: Searching

    /// Compiled filters: by interned value id, a bit per field (type 1, agency 2, signer 4, status 8) saying whether
    /// that field may have that value; `fields` has the bits of the fields that filter. And the date range.
    struct Filter {
        var allowed: [UInt8] = []
        var fields: UInt8 = 0
        var from: Double = -.infinity
        var to: Double = .infinity
        var impossible = false

        var checksDates: Bool { from != -.infinity || to != .infinity }
        var checksValues: Bool { fields != 0 }
    }

    func compile(_ query: SearchQuery) -> Filter {
        var filter = Filter()
        filter.allowed = [UInt8](repeating: 0, count: valueIDs.count)
        func allow(_ values: Set<String>, _ bit: UInt8) {
            guard !values.isEmpty else { return }
            filter.fields |= bit
            var any = false
            for value in values {
                guard let id = valueIDs[SearchText.fold(value)] else { continue }
                filter.allowed[Int(id)] |= bit
                any = true
            }
            if !any { filter.impossible = true }
        }
        allow(query.types, 1)
        allow(query.agencies, 2)
        allow(query.signers, 4)
        allow(query.statuses, 8)
        if let from = query.from { filter.from = from.timeIntervalSinceReferenceDate }
        if let to = query.to { filter.to = to.timeIntervalSinceReferenceDate }
        if filter.from > filter.to || filter.from.isNaN || filter.to.isNaN { filter.impossible = true }
        return filter
    }

    /// Raw views of the columns for the length of one search (the read lock keeps them unchanged).
    struct Columns {
        let alive: UnsafeBufferPointer<Bool>
        let dates: UnsafeBufferPointer<Double>
        let types: UnsafeBufferPointer<UInt32>
        let agencies: UnsafeBufferPointer<UInt32>
        let signers: UnsafeBufferPointer<UInt32>
        let statuses: UnsafeBufferPointer<UInt32>
        let symbolKeys: UnsafeBufferPointer<UInt64>
        let allowed: UnsafeBufferPointer<UInt8>
        let fields: UInt8
        let from: Double
        let to: Double
        /// Whether `accepts` can say no at all (tombstones or filters).
        let filtering: Bool
        let checksAlive: Bool
        let checksDates: Bool
        let checksValues: Bool

        init(alive: UnsafeBufferPointer<Bool>, dates: UnsafeBufferPointer<Double>, types: UnsafeBufferPointer<UInt32>,
             agencies: UnsafeBufferPointer<UInt32>, signers: UnsafeBufferPointer<UInt32>,
             statuses: UnsafeBufferPointer<UInt32>, symbolKeys: UnsafeBufferPointer<UInt64>,
             allowed: UnsafeBufferPointer<UInt8>, filter: Filter, tombstones: Int) {
            self.alive = alive
            self.dates = dates
            self.types = types
            self.agencies = agencies
            self.signers = signers
            self.statuses = statuses
            self.symbolKeys = symbolKeys
            self.allowed = allowed
            fields = filter.fields
            from = filter.from
            to = filter.to
            checksAlive = tombstones > 0
            checksDates = filter.checksDates
            checksValues = filter.checksValues
            filtering = checksAlive || checksDates || checksValues
        }

        var count: Int { alive.count }

        @inline(__always)
        func accepts(_ ordinal: Int) -> Bool {
            if checksAlive && !alive[ordinal] { return false }
            if checksDates {
                let date = dates[ordinal]
                if date < from || date > to { return false }
            }
            if checksValues {
                let found = allowed[Int(types[ordinal])] & 1 | allowed[Int(agencies[ordinal])] & 2
                    | allowed[Int(signers[ordinal])] & 4 | allowed[Int(statuses[ordinal])] & 8
                if found & fields != fields { return false }
            }
            return true
        }
    }

    func withColumns<R>(_ filter: Filter, _ body: (Columns) -> R) -> R {
        alive.withUnsafeBufferPointer { alive in
            dates.withUnsafeBufferPointer { dates in
                types.withUnsafeBufferPointer { types in
                    agencies.withUnsafeBufferPointer { agencies in
                        signers.withUnsafeBufferPointer { signers in
                            statuses.withUnsafeBufferPointer { statuses in
                                symbolKeys.withUnsafeBufferPointer { symbolKeys in
                                    filter.allowed.withUnsafeBufferPointer { allowed in
                                        body(Columns(alive: alive, dates: dates, types: types, agencies: agencies,
                                                     signers: signers, statuses: statuses, symbolKeys: symbolKeys,
                                                     allowed: allowed, filter: filter, tombstones: tombstones))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// A candidate: `ordinal << 16 | subject hits << 8 | body hits`, so that candidates sort by ordinal.
    typealias Candidate = UInt64

    @inline(__always)
    static func candidate(_ entry: UInt32) -> Candidate {
        UInt64(entry >> 2) << 16 | UInt64(entry & 1) << 8 | UInt64((entry >> 1) & 1)
    }

    func search(_ query: SearchQuery, words allWords: [String]) -> SearchResults {
        let filter = compile(query)
        guard !filter.impossible, query.limit >= 0, query.offset >= 0 else { return SearchResults(total: 0, hits: []) }
        return withColumns(filter) { columns in
            var candidates: [Candidate]
            if let last = allWords.last {
                // Every word but the last must occur as such; the last one is a prefix.
                var words: [String] = []
                for word in allWords where word != last && !words.contains(word) && words.count < Self.maximumQueryWords {
                    words.append(word)
                }
                var lists: [[UInt32]] = []
                for word in words {
                    guard let id = termIDs[word] else { return SearchResults(total: 0, hits: []) }
                    lists.append(postings[Int(id)])
                }
                lists.sort { $0.count < $1.count }
                let prefixed = terms(withPrefix: last)
                guard !prefixed.isEmpty else { return SearchResults(total: 0, hits: []) }
                if let first = lists.first {
                    candidates = Self.initial(first, columns)
                    for list in lists.dropFirst() where !candidates.isEmpty { Self.intersect(&candidates, list) }
                    if !candidates.isEmpty { intersectPrefixed(&candidates, prefixed) }
                } else {
                    candidates = union(prefixed, columns)
                }
            } else {
                candidates = [Candidate](unsafeUninitializedCapacity: columns.count) { buffer, count in
                    var n = 0
                    for ordinal in 0..<columns.count where columns.accepts(ordinal) {
                        buffer[n] = UInt64(ordinal) << 16
                        n += 1
                    }
                    count = n
                }
            }
            return rank(candidates, symbolKey: SearchText.symbolKey(allWords), limit: query.limit, offset: query.offset,
                        columns)
        }
    }

    /// The candidates of one posting list that pass the filter.
    static func initial(_ list: [UInt32], _ columns: Columns) -> [Candidate] {
        [Candidate](unsafeUninitializedCapacity: list.count) { buffer, count in
            var n = 0
            list.withUnsafeBufferPointer { list in
                if columns.filtering {
                    for entry in list where columns.accepts(Int(entry >> 2)) {
                        buffer[n] = candidate(entry)
                        n += 1
                    }
                } else {
                    for entry in list {
                        buffer[n] = candidate(entry)
                        n += 1
                    }
                }
            }
            count = n
        }
    }

    /// First index at or after `start` whose element is not less than `key` (exponential, then binary search).
    @inline(__always)
    static func gallop<T: FixedWidthInteger>(_ list: UnsafeBufferPointer<T>, from start: Int, _ key: T) -> Int {
        let n = list.count
        if start >= n || list[start] >= key { return start }
        var low = start, step = 1, high = start + 1
        while high < n && list[high] < key {
            low = high
            step <<= 1
            high = start + step
        }
        if high > n { high = n }
        // list[low] < key, and high == n or list[high] >= key.
        var lo = low + 1
        while lo < high {
            let mid = (lo + high) >> 1
            if list[mid] < key { lo = mid + 1 } else { high = mid }
        }
        return lo
    }

    /// Keeps the candidates that occur in `list`, counting its field bits.
    static func intersect(_ candidates: inout [Candidate], _ list: [UInt32]) {
        var kept = 0
        candidates.withUnsafeMutableBufferPointer { candidates in
            list.withUnsafeBufferPointer { list in
                var position = 0
                for index in 0..<candidates.count {
                    let current = candidates[index]
                    let ordinal = UInt32(truncatingIfNeeded: current >> 16)
                    position = gallop(list, from: position, ordinal << 2)
                    if position >= list.count { break }
                    let entry = list[position]
                    if entry >> 2 == ordinal {
                        candidates[kept] = current &+ UInt64(entry & 1) << 8 &+ UInt64((entry >> 1) & 1)
                        kept += 1
                        position += 1
                    }
                }
            }
        }
        candidates.removeSubrange(kept...)
    }

    /// Keeps the candidates that occur in any of the lists of `ids` (the terms the last word begins).
    func intersectPrefixed(_ candidates: inout [Candidate], _ ids: [UInt32]) {
        if ids.count == 1 {
            Self.intersect(&candidates, postings[Int(ids[0])])
            return
        }
        let total = ids.reduce(0) { $0 + postings[Int($1)].count }
        let galloping = ids.reduce(0) { $0 + min(postings[Int($1)].count, candidates.count) } * 4
        var bits = [UInt8](repeating: 0, count: candidates.count)
        bits.withUnsafeMutableBufferPointer { bits in
            candidates.withUnsafeBufferPointer { candidates in
                if galloping < total + alive.count / 8 {
                    for id in ids {
                        postings[Int(id)].withUnsafeBufferPointer { list in
                            if list.count <= candidates.count {
                                // Walk the list, gallop in the candidates.
                                var position = 0
                                for entry in list {
                                    position = Self.gallop(candidates, from: position, UInt64(entry >> 2) << 16)
                                    if position >= candidates.count { break }
                                    if candidates[position] >> 16 == UInt64(entry >> 2) { bits[position] |= UInt8(entry & 3) | 4 }
                                }
                            } else {
                                var position = 0
                                for index in 0..<candidates.count {
                                    let ordinal = UInt32(truncatingIfNeeded: candidates[index] >> 16)
                                    position = Self.gallop(list, from: position, ordinal << 2)
                                    if position >= list.count { break }
                                    let entry = list[position]
                                    if entry >> 2 == ordinal { bits[index] |= UInt8(entry & 3) | 4 }
                                }
                            }
                        }
                    }
                } else {
                    var dense = [UInt8](repeating: 0, count: alive.count)
                    dense.withUnsafeMutableBufferPointer { dense in
                        for id in ids {
                            postings[Int(id)].withUnsafeBufferPointer { list in
                                for entry in list { dense[Int(entry >> 2)] |= UInt8(entry & 3) | 4 }
                            }
                        }
                        for index in 0..<candidates.count { bits[index] = dense[Int(candidates[index] >> 16)] }
                    }
                }
            }
        }
        var kept = 0
        candidates.withUnsafeMutableBufferPointer { candidates in
            for index in 0..<candidates.count where bits[index] & 4 != 0 {
                let b = bits[index]
                candidates[kept] = candidates[index] &+ UInt64(b & 1) << 8 &+ UInt64((b >> 1) & 1)
                kept += 1
            }
        }
        candidates.removeSubrange(kept...)
    }

    /// The documents in any of the lists of `ids` that pass the filter, each with the union of its field bits.
    func union(_ ids: [UInt32], _ columns: Columns) -> [Candidate] {
        if ids.count == 1 { return Self.initial(postings[Int(ids[0])], columns) }
        let total = ids.reduce(0) { $0 + postings[Int($1)].count }
        if total * 16 < columns.count {
            // Few entries: gather, sort, merge.
            var entries: [UInt32] = []
            entries.reserveCapacity(total)
            for id in ids { entries.append(contentsOf: postings[Int(id)]) }
            entries.sort()
            var candidates: [Candidate] = []
            var index = 0
            while index < entries.count {
                let ordinal = entries[index] >> 2
                var bits = entries[index] & 3
                index += 1
                while index < entries.count && entries[index] >> 2 == ordinal {
                    bits |= entries[index] & 3
                    index += 1
                }
                if columns.accepts(Int(ordinal)) { candidates.append(Self.candidate(ordinal << 2 | bits)) }
            }
            return candidates
        }
        var dense = [UInt8](repeating: 0, count: columns.count)
        return dense.withUnsafeMutableBufferPointer { dense in
            var matches = 0
            for id in ids {
                postings[Int(id)].withUnsafeBufferPointer { list in
                    for entry in list { dense[Int(entry >> 2)] |= UInt8(entry & 3) | 4 }
                }
            }
            for ordinal in 0..<dense.count where dense[ordinal] != 0 { matches += 1 }
            return [Candidate](unsafeUninitializedCapacity: matches) { buffer, count in
                var n = 0
                for ordinal in 0..<dense.count where dense[ordinal] != 0 && columns.accepts(ordinal) {
                    buffer[n] = Self.candidate(UInt32(ordinal) << 2 | UInt32(dense[ordinal] & 3))
                    n += 1
                }
                count = n
            }
        }
    }

    /// A candidate's sort key.
    struct Ranked {
        var ordinal: UInt32
        var score: UInt32
        var date: Double

        /// Better first: higher score, then newer, then added later.
        @inline(__always)
        static func better(_ a: Ranked, _ b: Ranked) -> Bool {
            if a.score != b.score { return a.score > b.score }
            if a.date != b.date { return a.date > b.date }
            return a.ordinal > b.ordinal
        }
    }

    func rank(_ candidates: [Candidate], symbolKey: UInt64, limit: Int, offset: Int, _ columns: Columns) -> SearchResults {
        let total = candidates.count
        let (wanted, overflow) = offset.addingReportingOverflow(limit)
        let k = overflow ? total : min(wanted, total)
        guard k > offset else { return SearchResults(total: total, hits: []) }
        var best: [Ranked] = []
        best.reserveCapacity(k)
        candidates.withUnsafeBufferPointer { candidates in
            @inline(__always) func ranked(_ candidate: Candidate) -> Ranked {
                let ordinal = Int(candidate >> 16)
                let exact: UInt32 = symbolKey != 0 && columns.symbolKeys[ordinal] == symbolKey ? 1 << 16 : 0
                return Ranked(ordinal: UInt32(ordinal), score: exact | UInt32(candidate & 0xFFFF), date: columns.dates[ordinal])
            }
            if k * 4 >= total {
                for candidate in candidates { best.append(ranked(candidate)) }
                best.sort(by: Ranked.better)
                return
            }
            // A bounded heap whose root is the worst of the best k so far.
            for candidate in candidates {
                let item = ranked(candidate)
                if best.count < k {
                    best.append(item)
                    var child = best.count - 1
                    while child > 0 {
                        let parent = (child - 1) / 2
                        guard Ranked.better(best[parent], best[child]) else { break }
                        best.swapAt(parent, child)
                        child = parent
                    }
                } else if Ranked.better(item, best[0]) {
                    best[0] = item
                    var parent = 0
                    while true {
                        let left = 2 * parent + 1, right = left + 1
                        var worst = parent
                        if left < k && Ranked.better(best[worst], best[left]) { worst = left }
                        if right < k && Ranked.better(best[worst], best[right]) { worst = right }
                        if worst == parent { break }
                        best.swapAt(parent, worst)
                        parent = worst
                    }
                }
            }
            best.sort(by: Ranked.better)
        }
        let hits = best[offset..<min(k, best.count)].map { item in
            SearchHit(id: ids[Int(item.ordinal)], date: Date(timeIntervalSinceReferenceDate: item.date),
                      symbolMatch: item.score >> 16 != 0, subjectHits: Int((item.score >> 8) & 0xFF),
                      bodyHits: Int(item.score & 0xFF))
        }
        return SearchResults(total: total, hits: hits)
    }
}
