import Core
import Foundation

/// Ranks procedures for a free-text query, regardless of diacritics and case:
/// the code, then the query as a phrase in the name (shorter names first), then all words, then word prefixes.
/// Texts are compared as arrays of folded words, so ranking never scans characters twice.
public enum ProcedureSearch {
    /// What the ranking needs to know about one procedure.
    public struct Candidate: Sendable {
        public var code: String
        public var name: String
        public var field: String

        public init(code: String, name: String, field: String) {
            self.code = code
            self.name = name
            self.field = field
        }
    }

    /// A procedure's folded texts, computed once (an index keeps these).
    public struct Folded: Sendable {
        public var code: String
        public var nameWords: [String]
        public var fieldWords: [String]
        public var nameLength: Int

        public init(code: String, name: String, field: String) {
            self.code = VietnameseText.fold(code)
            nameWords = VietnameseText.words(name)
            fieldWords = VietnameseText.words(field)
            nameLength = nameWords.reduce(0) { $0 + $1.count + 1 }
        }
    }

    /// The text stored beside a procedure so the database can pre-filter: folded code, name and field.
    public static func searchText(code: String, name: String, field: String) -> String {
        " " + VietnameseText.fold("\(code) \(name) \(field)") + " "
    }

    /// A score for `candidate` against `query` (higher is better), or nil when it does not match.
    public static func score(_ candidate: Candidate, query: String) -> Int? {
        score(Folded(code: candidate.code, name: candidate.name, field: candidate.field), queryWords: VietnameseText.words(query))
    }

    /// The score on folded texts.
    public static func score(_ procedure: Folded, queryWords words: [String]) -> Int? {
        if words.isEmpty { return 0 }
        let shortness = max(0, 200 - procedure.nameLength)  // prefer the plain procedure over its variants
        if procedure.code == words.joined(separator: " ") { return 10_000 }
        let name = procedure.nameWords
        if words.count <= name.count {
            for start in 0...(name.count - words.count) where name[start..<(start + words.count)].elementsEqual(words) {
                return 5_000 + shortness * 4 - min(start * 5, 100)
            }
        }
        let inName = words.filter { name.contains($0) }.count
        let inField = words.filter { procedure.fieldWords.contains($0) }.count
        let inCode = words.filter { procedure.code.hasPrefix($0) }.count
        guard words.allSatisfy({ name.contains($0) || procedure.fieldWords.contains($0) || procedure.code.hasPrefix($0) }) else {
            // Partial words (prefix typing) still match, ranked lowest.
            return words.allSatisfy { word in name.contains { $0.hasPrefix(word) } } ? 100 + shortness : nil
        }
        return 1_000 + inName * 200 + inField * 50 + inCode * 300 + shortness
    }

    /// Ranks matching candidates, best first (ties by code).
    public static func rank(_ candidates: [Candidate], query: String) -> [Candidate] {
        let words = VietnameseText.words(query)
        return candidates.compactMap { c in score(Folded(code: c.code, name: c.name, field: c.field), queryWords: words).map { (c, $0) } }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.code < $1.0.code }
            .map(\.0)
    }
}
