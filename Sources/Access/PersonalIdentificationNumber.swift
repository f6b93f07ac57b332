import Foundation

/// Số định danh cá nhân — the 12-digit personal identification number (Decree 137/2015 art. 13):
/// digits 1–3 the province where the birth was registered, digit 4 century and sex, digits 5–6 the
/// year of birth, digits 7–12 random. There is no check digit, so validation checks structure and meaning.
public struct PersonalIdentificationNumber: Hashable, Sendable, CustomStringConvertible {
    public enum Sex: String, Sendable { case male, female }

    public let digits: String
    /// Province-of-birth-registration code, three digits (`008` Tuyên Quang).
    public let provinceCode: String
    public let sex: Sex
    public let birthYear: Int

    public var description: String { digits }

    /// The 63 legacy province codes (three digits) valid as birth-registration codes.
    /// Source: shared/data/admin-units/units-legacy.csv (domain reference §7 decision).
    public static let provinceCodes: Set<String> = [
        "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020", "022",
        "024", "025", "026", "027", "030", "031", "033", "034", "035", "036", "037", "038", "040", "042",
        "044", "045", "046", "048", "049", "051", "052", "054", "056", "058", "060", "062", "064", "066",
        "067", "068", "070", "072", "074", "075", "077", "079", "080", "082", "083", "084", "086", "087",
        "089", "091", "092", "093", "094", "095", "096",
    ]

    /// Validates `text`; `currentYear` bounds the birth year (a birth in the future is invalid).
    public init(_ text: String, currentYear: Int) throws(PersonalIDError) {
        let text = text.trimmingCharacters(in: .whitespaces)
        guard text.count == 12, text.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw .notTwelveDigits
        }
        let chars = Array(text)
        let province = String(chars[0..<3])
        guard Self.provinceCodes.contains(province) else { throw .unknownProvince(province) }
        let centurySex = Int(String(chars[3]))!
        let yy = Int(String(chars[4..<6]))!
        let century = 1900 + (centurySex / 2) * 100
        let year = century + yy
        guard year <= currentYear else { throw .birthInFuture(year: year, centuryDigit: centurySex) }
        digits = text
        provinceCode = province
        sex = centurySex % 2 == 0 ? .male : .female
        birthYear = year
    }

    /// The number masked for display: only the last 3 digits shown.
    public var masked: String { String(repeating: "•", count: 9) + digits.suffix(3) }
}

/// Why a personal identification number is invalid; each case names the wrong part.
public enum PersonalIDError: Error, Equatable, Sendable {
    case notTwelveDigits
    case unknownProvince(String)
    case birthInFuture(year: Int, centuryDigit: Int)

    /// Vietnamese message for the citizen.
    public var vietnamese: String {
        switch self {
        case .notTwelveDigits:
            "Số định danh cá nhân phải gồm đúng 12 chữ số."
        case .unknownProvince(let code):
            "Ba chữ số đầu (\(code)) không phải mã tỉnh, thành phố nơi đăng ký khai sinh."
        case .birthInFuture(let year, let digit):
            "Chữ số thứ 4 (\(digit), thế kỷ và giới tính) cùng chữ số thứ 5–6 cho năm sinh \(year), là năm trong tương lai."
        }
    }

    /// English explanation.
    public var english: String {
        switch self {
        case .notTwelveDigits:
            "A personal identification number has exactly 12 digits."
        case .unknownProvince(let code):
            "Digits 1-3 (\(code)) are not a province-of-birth-registration code."
        case .birthInFuture(let year, let digit):
            "Digit 4 (century and sex, \(digit)) with digits 5-6 gives birth year \(year), which is in the future."
        }
    }

    /// Which part of the number is wrong.
    public var part: String {
        switch self {
        case .notTwelveDigits: "format"
        case .unknownProvince: "province"
        case .birthInFuture: "century-and-year"
        }
    }
}
