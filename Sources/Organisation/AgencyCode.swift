import Foundation

/// Mã định danh điện tử của cơ quan, đơn vị — the agency identifier code of QCVN 102:2016
/// (`V1V2V3.Z1Z2.Y1Y2.MX1X2`, e.g. `000.00.00.H49` for the People's Committee of Quảng Ninh).
///
/// Level 1 `MX1X2` is a group letter and two digits; level 2 `Y1Y2` (departments and, in cqs,
/// commune blocks), level 3 `Z1Z2` and level 4 `V1V2V3`. Zeros mean "this level itself".
public struct AgencyCode: Hashable, Codable, Sendable, CustomStringConvertible {
    public var level4: Int
    public var level3: Int
    public var level2: Int
    /// e.g. "H60".
    public var level1: String

    public init(level1: String, level2: Int = 0, level3: Int = 0, level4: Int = 0) {
        self.level1 = level1
        self.level2 = level2
        self.level3 = level3
        self.level4 = level4
    }

    /// Parses `000.00.00.H60`; nil when the text is not in the national format.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4,
              parts[0].count == 3, parts[1].count == 2, parts[2].count == 2, parts[3].count == 3,
              let v = Int(parts[0]), let z = Int(parts[1]), let y = Int(parts[2]),
              parts[0].allSatisfy(\.isASCII), parts[1].allSatisfy(\.isASCII), parts[2].allSatisfy(\.isASCII),
              let letter = parts[3].first, letter.isASCII, letter.isUppercase,
              parts[3].dropFirst().allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        self.init(level1: parts[3], level2: y, level3: z, level4: v)
    }

    public var description: String {
        String(format: "%03d.%02d.%02d.", level4, level3, level2) + level1
    }

    /// A child code one level below this one, numbered `number`.
    public func child(_ number: Int) -> AgencyCode {
        var code = self
        if level2 == 0 { code.level2 = number } else if level3 == 0 { code.level3 = number } else { code.level4 = number }
        return code
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let code = AgencyCode(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "Not an agency code: \(text)"))
        }
        self = code
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
