import Foundation

/// Số trong báo cáo — reads a number as a Vietnamese official types it, or as a machine writes it.
///
/// - A comma is the decimal separator and dots group thousands: "1.234,5" is 1234.5, "0,5" is 0.5.
/// - Without a comma, dots that each precede exactly three digits group thousands (the Vietnamese reading):
///   "1.234" is 1234, "1.234.567" is 1234567. Otherwise one dot is the decimal point: "1234.5", "12.5", "0.75".
/// - Spaces (also no-break spaces) are ignored; a leading "-" or "+" gives the sign.
/// Anything else ("12a", "1,2,3", "1.2.3", "") is not a number.
public enum ReportNumber {
    /// The number in `text`, or nil when it is not one.
    public static func parse(_ text: String) -> Double? {
        var body = String(text.unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) }
            .map(Character.init))
        var negative = false
        if let first = body.first, first == "-" || first == "+" {
            negative = first == "-"
            body.removeFirst()
        }
        guard !body.isEmpty else { return nil }
        let integerPart: Substring
        let fractionPart: Substring?
        let commas = body.filter { $0 == "," }.count
        if commas > 1 { return nil }
        if commas == 1 {
            let parts = body.split(separator: ",", omittingEmptySubsequences: false)
            guard parts[1].allSatisfy(\.isASCIIDigit), !parts[1].isEmpty else { return nil }
            integerPart = parts[0]
            fractionPart = parts[1]
            guard let whole = grouped(integerPart) ?? (integerPart.allSatisfy(\.isASCIIDigit) && !integerPart.isEmpty ? String(integerPart) : nil)
            else { return nil }
            return finite(sign: negative, "\(whole).\(fractionPart!)")
        }
        if let whole = grouped(Substring(body)) { return finite(sign: negative, whole) }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        switch parts.count {
        case 1 where parts[0].allSatisfy(\.isASCIIDigit): return finite(sign: negative, body)
        case 2 where !parts[0].isEmpty && !parts[1].isEmpty && parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }):
            return finite(sign: negative, body)
        default: return nil
        }
    }

    /// "1.234.567" → "1234567" when the dots group thousands (1–3 digits, then groups of exactly 3); else nil.
    static func grouped(_ text: Substring) -> String? {
        let groups = text.split(separator: ".", omittingEmptySubsequences: false)
        guard groups.count > 1, let first = groups.first, (1...3).contains(first.count),
              groups.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        return groups.joined()
    }

    static func finite(sign negative: Bool, _ text: String) -> Double? {
        guard let value = Double(text), value.isFinite else { return nil }
        return negative ? -value : value
    }
}

fileprivate extension Character {
    /// 0–9 only (not other scripts' digits).
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
