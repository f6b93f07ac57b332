import Core
import Foundation

/// Ranks procedures for a free-text query, regardless of diacritics and case:
/// the code, then the name as a phrase (shorter names first), then all words, then the field.
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

    /// The text stored beside a procedure so the database can pre-filter: folded code, name and field.
    public static func searchText(code: String, name: String, field: String) -> String {
        " " + VietnameseText.fold("\(code) \(name) \(field)") + " "
    }

    /// A score for `candidate` against `query` (higher is better), or nil when it does not match.
    public static func score(_ candidate: Candidate, query: String) -> Int? {
        score(foldedCode: VietnameseText.fold(candidate.code), foldedName: " " + VietnameseText.fold(candidate.name) + " ",
              foldedField: " " + VietnameseText.fold(candidate.field) + " ", foldedQuery: VietnameseText.fold(query))
    }

    /// The same score on texts already folded (names and fields padded with a space on each side), for indexes.
    public static func score(foldedCode code: String, foldedName name: String, foldedField field: String,
                             foldedQuery q: String) -> Int? {
        if q.isEmpty { return 0 }
        let shortness = max(0, 200 - name.count)  // prefer the plain procedure over its variants
        if code == q { return 10_000 }
        if let range = name.range(of: " \(q) ") {
            let position = name.distance(from: name.startIndex, to: range.lowerBound)
            return 5_000 + shortness * 4 - min(position, 100)
        }
        let words = q.split(separator: " ").map(String.init)
        let inName = words.filter { name.contains(" \($0) ") }.count
        let inField = words.filter { field.contains(" \($0) ") }.count
        let inCode = words.filter { code.hasPrefix($0) }.count
        guard words.allSatisfy({ name.contains(" \($0) ") || field.contains(" \($0) ") || code.hasPrefix($0) })
        else {
            // Partial words (prefix typing) still match, ranked lowest.
            let prefixHits = words.filter { name.contains(" \($0)") }.count
            return prefixHits == words.count ? 100 + shortness : nil
        }
        return 1_000 + inName * 200 + inField * 50 + inCode * 300 + shortness
    }

    /// Ranks matching candidates, best first (ties by code).
    public static func rank(_ candidates: [Candidate], query: String) -> [Candidate] {
        candidates.compactMap { c in score(c, query: query).map { (c, $0) } }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.code < $1.0.code }
            .map(\.0)
    }
}
