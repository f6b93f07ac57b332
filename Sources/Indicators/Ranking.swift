import Foundation

/// One unit's place in a ranking (xếp hạng).
public struct RankedUnit: Hashable, Sendable {
    /// 1 for the best. Units with equal points share a rank and the next rank skips ("1, 2, 2, 4").
    public let rank: Int
    /// The unit's key (its code, as given).
    public let unit: String
    public let points: Fraction

    public init(rank: Int, unit: String, points: Fraction) {
        self.rank = rank
        self.unit = unit
        self.points = points
    }
}

/// Standard competition ranking of exact points, shared by the 766 index and DTI.
public enum Ranking {
    /// Orders units by points, highest first. **Ties:** equal points (compared exactly, as fractions) share the same
    /// rank, the following rank skips the tied places ("1, 2, 2, 4"), and tied units are listed by unit key in
    /// ascending order (a stable display order, not a tie-break).
    public static func rank(_ points: [String: Fraction]) -> [RankedUnit] {
        let ordered = points.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        var result: [RankedUnit] = []
        for (index, entry) in ordered.enumerated() {
            let rank = index > 0 && result[index - 1].points == entry.value ? result[index - 1].rank : index + 1
            result.append(RankedUnit(rank: rank, unit: entry.key, points: entry.value))
        }
        return result
    }
}
