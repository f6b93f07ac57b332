import Core
import Foundation

/// Mã số hồ sơ — `V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX`: the receiving unit's agency code, the date received and
/// that unit's sequence number of the day (Circular 01/2018 art. 19, kept by Circular 03/2025).
public struct DossierCode: Hashable, Sendable, CustomStringConvertible {
    public var agencyCode: String
    public var year: Int, month: Int, day: Int
    public var sequence: Int

    public init(agencyCode: String, year: Int, month: Int, day: Int, sequence: Int) {
        self.agencyCode = agencyCode
        self.year = year
        self.month = month
        self.day = day
        self.sequence = sequence
    }

    public var description: String {
        // Four digits as the circular says; a day past 9,999 dossiers keeps counting with more digits.
        agencyCode + "-" + Digits.padded(year % 100, to: 2) + Digits.padded(month, to: 2) + Digits.padded(day, to: 2)
            + "-" + Digits.padded(sequence, to: 4)
    }

    /// Parses a code; nil when it is not in the format.
    public init?(_ text: String) {
        let parts = text.split(separator: "-").map(String.init)
        guard parts.count == 3, parts[1].count == 6, parts[2].count >= 4,
              let yymmdd = Int(parts[1]), let sequence = Int(parts[2]), parts[0].count == 13
        else { return nil }
        self.init(agencyCode: parts[0], year: 2000 + yymmdd / 10000, month: yymmdd / 100 % 100, day: yymmdd % 100,
                  sequence: sequence)
    }
}

/// Masks a person's name for public pages: "Nguyễn Thị Hoa" → "Nguyễn T** H**".
public enum NameMask {
    public static func mask(_ fullName: String) -> String {
        let words = fullName.split(separator: " ").map(String.init)
        guard let first = words.first else { return "" }
        return ([first] + words.dropFirst().map { String($0.prefix(1)) + "**" }).joined(separator: " ")
    }
}
