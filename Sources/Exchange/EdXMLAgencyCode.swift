import Foundation

/// Mã định danh điện tử của cơ quan, đơn vị — the agency identifier code of QCVN 102:2016 carried in `OrganId`:
/// `V1V2V3.Z1Z2.Y1Y2.MX1X2`, e.g. `000.00.00.H49` (UBND tỉnh Quảng Ninh), 13 characters.
///
/// `MX1X2` is level 1 (a group letter — H UBND tỉnh, K HĐND tỉnh, G government bodies, others [U] — and two digits),
/// `Y1Y2` level 2, `Z1Z2` level 3 and `V1V2V3` level 4; zeros mean "this level itself". Only the shape is checked:
/// whether a code is assigned (and still open after the 2025 mergers) is the organisation registry's business.
public struct EdXMLAgencyCode: Hashable, Sendable, CustomStringConvertible {
    /// The code as written, e.g. `000.00.11.H53`.
    public let rawValue: String

    /// nil when `text` is not in the `000.00.00.A00` shape (digits, dots, one upper-case ASCII letter).
    public init?(_ text: String) {
        guard EdXMLAgencyCode.isWellFormed(text) else { return nil }
        rawValue = text
    }

    /// Whether `text` has the shape `DDD.DD.DD.LDD`.
    public static func isWellFormed(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0].count == 3, parts[1].count == 2, parts[2].count == 2, parts[3].count == 3
        else { return false }
        let digit: (Character) -> Bool = { $0.isASCII && $0.isNumber }
        guard parts[0].allSatisfy(digit), parts[1].allSatisfy(digit), parts[2].allSatisfy(digit),
              let letter = parts[3].first, letter.isASCII, letter.isUppercase, parts[3].dropFirst().allSatisfy(digit)
        else { return false }
        return true
    }

    /// Level 1 (cấp 1), e.g. `H53`.
    public var level1: String { String(rawValue.suffix(3)) }
    /// Level 2 (cấp 2), e.g. `11`.
    public var level2: String { part(2) }
    /// Level 3 (cấp 3).
    public var level3: String { part(1) }
    /// Level 4 (cấp 4).
    public var level4: String { part(0) }

    public var description: String { rawValue }

    private func part(_ index: Int) -> String {
        String(rawValue.split(separator: ".")[index])
    }
}

/// The document identifier of edXML (`MessageHeader/DocumentId`, also in `ResponseFor` and `Bussiness`):
/// `OrganId,yyyy/MM/dd,Số/Ký hiệu`, e.g. `000.00.00.H60,2026/03/02,15/UBND-VP` — issuing agency, promulgation date,
/// number and symbol. It names one document across all the systems it travels through.
public struct EdXMLDocumentID: Hashable, Sendable, CustomStringConvertible {
    /// The issuing agency's code.
    public let organId: String
    /// The date part as written (`yyyy/MM/dd`); only its shape is checked, since real traffic carries impossible days.
    public let date: String
    /// The number and symbol, e.g. `15/UBND-VP`.
    public let code: String

    /// nil unless `text` is `agency code,DDDD/DD/DD,number/symbol`.
    public init?(_ text: String) {
        let parts = text.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, EdXMLAgencyCode.isWellFormed(parts[0]) else { return nil }
        let dateParts = parts[1].split(separator: "/", omittingEmptySubsequences: false)
        guard dateParts.count == 3, dateParts.map(\.count) == [4, 2, 2],
              dateParts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        let code = parts[2]
        guard let slash = code.firstIndex(of: "/"), slash != code.startIndex, code.index(after: slash) != code.endIndex,
              !code.contains(where: \.isWhitespace) else { return nil }
        organId = parts[0]
        date = parts[1]
        self.code = code
    }

    /// Builds the identifier of a document issued by `organId` on `date` under `code`.
    public init(organId: String, date: EdXMLDate, code: EdXMLCode) {
        self.organId = organId
        self.date = date.formatted(.yearFirst)
        self.code = code.description
    }

    public var description: String { "\(organId),\(date),\(code)" }
}
