import Foundation

/// Số, ký hiệu văn bản — a document's number and symbol as Decree 30/2020 Annex I presents it (domain reference §3.2):
/// `60/KH-UBND`, `123/QĐ-UBND`, `05/TB-UBND`; for a Công văn the agency's then the drafting unit's abbreviation,
/// `123/UBND-VP`.
///
/// Rules enforced, both when building and when parsing:
/// - the number is a positive integer; below 10 it takes a leading 0 (`05`), otherwise no leading zeros;
/// - "/" between the number and the symbol, "-" between the groups of the symbol, no spaces;
/// - the type abbreviation is written exactly as Annex III writes it (mixed case kept: `QyĐ`, `CTr`, `TTr`, `TrS`);
/// - agency and unit abbreviations are upper case (letters and digits, e.g. `BCĐ389`), except the few issuers
///   conventionally written in mixed case (``knownMixedCaseIssuers``: `TTg`, the Prime Minister).
///
/// Also read, for incoming documents: **[S]** normative (QPPL) numbers carry the year after the number
/// (`05/2016/NĐ-CP`, joint issuers `12/2015/TTLT-BTC-BNV`, laws `45/2019/QH14`) — that format comes from the law on
/// legal documents, not from the domain reference; their type abbreviation may be any upper-case one (`NĐ`, `TT`).
///
/// Encoded (`Codable`) as its text, `"60/KH-UBND"`; decoding parses it and so refuses malformed text.
public struct NumberAndSymbol: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Số — the number within its series (from 01 each year, art. 15(1)).
    public let number: Int
    /// Năm ban hành — present only in normative (QPPL) numbers (`05/2016/NĐ-CP`).
    public let year: Int?
    /// The type or copy abbreviation (`KH`, `QyĐ`, `SY`, `NĐ`); `nil` for a Công văn (and a law's number).
    public let typeAbbreviation: String?
    /// The issuing agency's (or state title's) abbreviation: `UBND`, `SNV`, `TTg`.
    public let issuer: String
    /// Further issuers of a joint normative document (`TTLT-BTC-BNV` → issuer `BTC`, co-issuers `["BNV"]`).
    public let coIssuers: [String]
    /// The drafting unit's abbreviation: required for a Công văn (`UBND-VP`); optional and [U] for other types
    /// (`BC-UBND-VX`, a practice Annex I does not describe).
    public let unit: String?

    /// Issuer abbreviations accepted in mixed case (configurable per call): `TTg`, Thủ tướng Chính phủ.
    public static let knownMixedCaseIssuers: Set<String> = ["TTg"]

    private init(number: Int, year: Int?, typeAbbreviation: String?, issuer: String, coIssuers: [String], unit: String?) {
        self.number = number
        self.year = year
        self.typeAbbreviation = typeAbbreviation
        self.issuer = issuer
        self.coIssuers = coIssuers
        self.unit = unit
    }

    /// The number and symbol of an administrative document of `type` issued by `issuer`; `unit` is the drafting unit,
    /// required for a Công văn. Throws for Thư công, which cqs does not number.
    public init(number: Int, type: DocumentType, issuer: String, unit: String? = nil,
                mixedCaseIssuers: Set<String> = Self.knownMixedCaseIssuers) throws {
        guard type.isNumbered else {
            throw DocumentRuleError(.typeNotNumbered,
                                    vietnamese: "\(type.vietnameseName) không được cấp số, ký hiệu.",
                                    english: "A \(type.rawValue) document gets no number and symbol.")
        }
        try Self.check(number: number)
        let issuer = Self.normalize(issuer)
        let unit = unit.map(Self.normalize)
        try Self.check(issuer: issuer, in: issuer, mixedCase: mixedCaseIssuers)
        if let unit { try Self.check(unit: unit, in: unit) }
        if type == .officialLetter, unit == nil {
            throw Self.missingUnitError(issuer)
        }
        self.init(number: number, year: nil, typeAbbreviation: type.abbreviation, issuer: issuer, coIssuers: [], unit: unit)
    }

    /// The number and symbol of a copy (bản sao y, trích sao, sao lục), e.g. `05/SY-UBND`.
    public init(number: Int, copy: CopyForm, issuer: String,
                mixedCaseIssuers: Set<String> = Self.knownMixedCaseIssuers) throws {
        try Self.check(number: number)
        let issuer = Self.normalize(issuer)
        try Self.check(issuer: issuer, in: issuer, mixedCase: mixedCaseIssuers)
        self.init(number: number, year: nil, typeAbbreviation: copy.abbreviation, issuer: issuer, coIssuers: [], unit: nil)
    }

    /// **[S]** The number of a normative (QPPL) Nghị quyết or Quyết định, with its year: `15/2026/QĐ-UBND`.
    public init(number: Int, year: Int, normativeType: DocumentType, issuer: String,
                mixedCaseIssuers: Set<String> = Self.knownMixedCaseIssuers) throws {
        guard normativeType.hasNormativeCounterpart, let abbreviation = normativeType.abbreviation else {
            throw DocumentRuleError(.typeNotNumbered,
                                    vietnamese: "Chỉ Nghị quyết và Quyết định mới có số văn bản quy phạm pháp luật, không phải \(normativeType.vietnameseName).",
                                    english: "Only resolutions and decisions have normative numbers, not \(normativeType.rawValue).")
        }
        try Self.check(number: number)
        guard (1000...9999).contains(year) else { throw Self.invalidYearError(String(year)) }
        let issuer = Self.normalize(issuer)
        try Self.check(issuer: issuer, in: issuer, mixedCase: mixedCaseIssuers)
        self.init(number: number, year: year, typeAbbreviation: abbreviation, issuer: issuer, coIssuers: [], unit: nil)
    }

    /// Reads a number and symbol back (`"60/KH-UBND"`, `"123/UBND-VP"`, `"05/2016/NĐ-CP"`), refusing malformed text
    /// with a ``DocumentRuleError`` in Vietnamese and English. The look-alike `Ð` (U+00D0) is read as `Đ`.
    ///
    /// Without a year, a first group that is an Annex III abbreviation (type or copy) makes a typed symbol
    /// (type-agency, optionally -unit); any other first group makes a Công văn symbol (agency-unit).
    public init(parsing text: String, mixedCaseIssuers: Set<String> = Self.knownMixedCaseIssuers) throws {
        let text = Self.normalize(text)
        guard !text.isEmpty else {
            throw DocumentRuleError(.emptyNumberAndSymbol, vietnamese: "Số, ký hiệu văn bản đang để trống.",
                                    english: "The number and symbol is empty.")
        }
        guard !text.contains(where: { $0.isWhitespace }) else {
            throw DocumentRuleError(.whitespaceInNumberAndSymbol,
                                    vietnamese: "Số, ký hiệu văn bản không được có dấu cách: «\(text)».",
                                    english: "The number and symbol must not contain spaces: \"\(text)\".")
        }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 || parts.count == 3 else {
            throw DocumentRuleError(.missingSlash,
                                    vietnamese: "Số và ký hiệu phải ngăn cách bằng một dấu «/», ví dụ 60/KH-UBND: «\(text)».",
                                    english: "The number and the symbol must be separated by one \"/\", e.g. 60/KH-UBND: \"\(text)\".")
        }
        let number = try Self.parseNumber(parts[0], in: text)
        var year: Int?
        if parts.count == 3 {
            let digits = parts[1]
            guard digits.count == 4, digits.allSatisfy({ $0.isASCII && $0.isWholeNumber }), let value = Int(digits),
                  value >= 1000 else { throw Self.invalidYearError(text) }
            year = value
        }
        let groups = parts[parts.count - 1].split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard !groups.contains(where: \.isEmpty),
              groups.allSatisfy({ $0.allSatisfy { $0.isLetter || ($0.isASCII && $0.isWholeNumber) } }) else {
            throw DocumentRuleError(.malformedSymbol,
                                    vietnamese: "Ký hiệu chỉ gồm chữ cái và chữ số, các nhóm chữ viết tắt ngăn cách bằng một dấu «-»: «\(text)».",
                                    english: "A symbol has only letters and digits, its groups separated by one \"-\": \"\(text)\".")
        }

        if let year {
            // Normative: [TYPE-]ISSUER[-CO-ISSUER…]; a law's number has no type (45/2019/QH14).
            if groups.count == 1 {
                try Self.check(issuer: groups[0], in: text, mixedCase: mixedCaseIssuers)
                self.init(number: number, year: year, typeAbbreviation: nil, issuer: groups[0], coIssuers: [], unit: nil)
                return
            }
            let type = groups[0]
            if !Self.annexAbbreviations.contains(type) {
                if let expected = Self.annexAbbreviation(matchingIgnoringCase: type) {
                    throw Self.typeCaseError(type, expected: expected)
                }
                guard type == type.uppercased() else { throw Self.notUpperCaseError(type, in: text) }
            }
            for issuer in groups.dropFirst() { try Self.check(issuer: issuer, in: text, mixedCase: mixedCaseIssuers) }
            self.init(number: number, year: year, typeAbbreviation: type, issuer: groups[1],
                      coIssuers: Array(groups.dropFirst(2)), unit: nil)
            return
        }

        let first = groups[0]
        if Self.annexAbbreviations.contains(first) {
            guard groups.count >= 2 else {
                throw DocumentRuleError(.missingIssuer,
                                        vietnamese: "Ký hiệu thiếu chữ viết tắt tên cơ quan ban hành sau «\(first)»: «\(text)».",
                                        english: "The symbol lacks the issuing agency's abbreviation after \"\(first)\": \"\(text)\".")
            }
            guard groups.count <= 3 else { throw Self.tooManyPartsError(text) }
            try Self.check(issuer: groups[1], in: text, mixedCase: mixedCaseIssuers)
            if groups.count == 3 { try Self.check(unit: groups[2], in: text) }
            self.init(number: number, year: nil, typeAbbreviation: first, issuer: groups[1], coIssuers: [],
                      unit: groups.count == 3 ? groups[2] : nil)
            return
        }
        if groups.count >= 2, let expected = Self.annexAbbreviation(matchingIgnoringCase: first) {
            throw Self.typeCaseError(first, expected: expected)
        }
        // Công văn: AGENCY-UNIT.
        try Self.check(issuer: first, in: text, mixedCase: mixedCaseIssuers)
        guard groups.count >= 2 else { throw Self.missingUnitError(text) }
        guard groups.count == 2 else { throw Self.tooManyPartsError(text) }
        try Self.check(unit: groups[1], in: text)
        self.init(number: number, year: nil, typeAbbreviation: nil, issuer: first, coIssuers: [], unit: groups[1])
    }

    // MARK: Reading

    /// The number as written: `05`, `60`, `123`.
    public var formattedNumber: String { Self.format(number: number) }

    /// Ký hiệu — the part after the number (and year): `KH-UBND`, `UBND-VP`, `NĐ-CP`.
    public var symbol: String {
        ([typeAbbreviation].compactMap { $0 } + [issuer] + coIssuers + [unit].compactMap { $0 }).joined(separator: "-")
    }

    /// The full text: `60/KH-UBND`, `05/2016/NĐ-CP`.
    public var description: String {
        [formattedNumber, year.map(String.init), symbol].compactMap { $0 }.joined(separator: "/")
    }

    /// Whether this is a normative (QPPL) number, i.e. one with a year.
    public var isNormative: Bool { year != nil }

    /// The administrative type the symbol names: `.officialLetter` when there is no type abbreviation; `nil` for a
    /// copy, a normative number or an abbreviation outside Annex III.
    public var documentType: DocumentType? {
        guard year == nil else { return nil }
        guard let typeAbbreviation else { return .officialLetter }
        return DocumentType(abbreviation: typeAbbreviation)
    }

    /// The copy form the symbol names (`SY`, `TrS`, `SL`), if any.
    public var copyForm: CopyForm? {
        guard year == nil, let typeAbbreviation else { return nil }
        return CopyForm(abbreviation: typeAbbreviation)
    }

    /// A number as Annex I writes it: a leading 0 below 10 (`05`), otherwise as is.
    public static func format(number: Int) -> String { number < 10 ? "0\(number)" : String(number) }

    // MARK: Codable

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        try self.init(parsing: container.decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    // MARK: Rules

    /// Every Annex III abbreviation: the 27 types and the 3 copy forms.
    static let annexAbbreviations: Set<String> =
        Set(DocumentType.allCases.compactMap(\.abbreviation) + CopyForm.allCases.map(\.abbreviation))

    private static func annexAbbreviation(matchingIgnoringCase text: String) -> String? {
        let upper = text.uppercased()
        return annexAbbreviations.first { $0.uppercased() == upper }
    }

    /// NFC, with the look-alike Ð/ð (U+00D0/U+00F0) read as Đ/đ.
    private static func normalize(_ text: String) -> String {
        text.precomposedStringWithCanonicalMapping
            .replacingOccurrences(of: "\u{00D0}", with: "Đ")
            .replacingOccurrences(of: "\u{00F0}", with: "đ")
    }

    private static func check(number: Int) throws {
        guard number >= 1 else { throw invalidNumberError(String(number)) }
    }

    private static func parseNumber(_ digits: String, in text: String) throws -> Int {
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isWholeNumber }), digits.count <= 9,
              let value = Int(digits), value >= 1 else { throw invalidNumberError(text) }
        guard format(number: value) == digits else {
            throw DocumentRuleError(.numberNotPadded,
                                    vietnamese: "Số nhỏ hơn 10 phải có số 0 ở trước (05); số từ 10 trở lên không có số 0 ở trước: «\(text)».",
                                    english: "A number below 10 takes a leading zero (05); a larger one takes none: \"\(text)\".")
        }
        return value
    }

    private static func checkGroup(_ group: String, in text: String) throws {
        guard !group.isEmpty, group.allSatisfy({ $0.isLetter || ($0.isASCII && $0.isWholeNumber) }) else {
            throw DocumentRuleError(.malformedSymbol,
                                    vietnamese: "Chữ viết tắt chỉ gồm chữ cái và chữ số: «\(group)».",
                                    english: "An abbreviation has only letters and digits: \"\(group)\".")
        }
    }

    private static func check(issuer: String, in text: String, mixedCase: Set<String>) throws {
        try checkGroup(issuer, in: text)
        guard issuer == issuer.uppercased() || mixedCase.contains(issuer) else { throw notUpperCaseError(issuer, in: text) }
    }

    private static func check(unit: String, in text: String) throws {
        try checkGroup(unit, in: text)
        guard unit == unit.uppercased() else { throw notUpperCaseError(unit, in: text) }
    }

    private static func invalidNumberError(_ text: String) -> DocumentRuleError {
        DocumentRuleError(.invalidNumber,
                          vietnamese: "Số văn bản phải là số nguyên dương viết bằng chữ số: «\(text)».",
                          english: "The document number must be a positive whole number written in digits: \"\(text)\".")
    }

    private static func invalidYearError(_ text: String) -> DocumentRuleError {
        DocumentRuleError(.invalidYear,
                          vietnamese: "Năm ban hành trong số văn bản quy phạm pháp luật phải có 4 chữ số: «\(text)».",
                          english: "The year in a normative document's number must have four digits: \"\(text)\".")
    }

    private static func notUpperCaseError(_ group: String, in text: String) -> DocumentRuleError {
        DocumentRuleError(.symbolNotUpperCase,
                          vietnamese: "Chữ viết tắt tên cơ quan, đơn vị phải viết in hoa: «\(group)» trong «\(text)».",
                          english: "Agency and unit abbreviations are written in upper case: \"\(group)\" in \"\(text)\".")
    }

    private static func typeCaseError(_ written: String, expected: String) -> DocumentRuleError {
        DocumentRuleError(.typeAbbreviationCase,
                          vietnamese: "Chữ viết tắt tên loại văn bản phải viết đúng như Phụ lục III Nghị định 30/2020/NĐ-CP: «\(expected)», không phải «\(written)».",
                          english: "The type abbreviation must be written exactly as in Annex III of Decree 30/2020: \"\(expected)\", not \"\(written)\".")
    }

    private static func missingUnitError(_ text: String) -> DocumentRuleError {
        DocumentRuleError(.missingUnit,
                          vietnamese: "Ký hiệu công văn gồm chữ viết tắt tên cơ quan rồi đến chữ viết tắt tên đơn vị soạn thảo, ví dụ 123/UBND-VP: «\(text)».",
                          english: "A Công văn symbol is the agency's abbreviation then the drafting unit's, e.g. 123/UBND-VP: \"\(text)\".")
    }

    private static func tooManyPartsError(_ text: String) -> DocumentRuleError {
        DocumentRuleError(.tooManySymbolParts,
                          vietnamese: "Ký hiệu có quá nhiều nhóm chữ viết tắt: «\(text)».",
                          english: "The symbol has too many groups: \"\(text)\".")
    }
}
