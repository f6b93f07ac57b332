/// Texte XML — text written into XML 1.0 documents (SVG charts, spreadsheet parts): the five special characters as
/// entities, carriage returns as `&#13;` (so they survive line-end normalisation), and the characters XML 1.0
/// forbids dropped. (HTML pages use `HTML.escape` in Web; edXML has its own writer.)
public enum XMLText {
    /// `text` escaped for element content and attribute values.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\r": result += "&#13;"
            default: if isLegal(scalar) { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }

    /// Whether XML 1.0 allows the character: tab, LF, CR, and U+0020 up, less U+FFFE and U+FFFF (surrogates are
    /// never scalars).
    public static func isLegal(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xFFFD, 0x10000...: true
        default: false
        }
    }
}
