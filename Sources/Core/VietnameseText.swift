import Foundation

/// Vietnamese text helpers: folding diacritics for search ("ĐĂNG KÝ" → "dang ky").
public enum VietnameseText {
    /// Lower-cases, removes diacritics (including đ → d) and collapses white space and punctuation,
    /// so that "Đăng ký khai sinh", "dang ky khai sinh" and "ĐĂNG KÝ KHAI SINH" compare equal.
    public static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            var s = scalar
            if s == "đ" || s == "Đ" { s = "d" }
            if CharacterSet.alphanumerics.contains(s) || s == "." {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                for lower in String(s).lowercased().unicodeScalars { out.append(lower) }
            } else {
                pendingSpace = true
            }
        }
        return String(out)
    }

    /// The folded words of a text.
    public static func words(_ text: String) -> [String] {
        fold(text).split(separator: " ").map(String.init)
    }
}
