import Crypto
import Foundation

/// Base64url without padding (RFC 4648 §5, as JOSE and PKCE use it) — mã hoá base64url không đệm.
public enum Base64URL {
    /// Encodes `bytes` as base64url without `=` padding.
    public static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Decodes base64url text (padding optional); `nil` when it contains anything outside the alphabet or is not the
    /// canonical encoding (non-zero trailing bits), so that one value has one spelling.
    public static func decode(_ text: some StringProtocol) -> Data? {
        guard text.utf8.allSatisfy({ isAlphabet($0) || $0 == UInt8(ascii: "=") }) else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 = base64.replacingOccurrences(of: "=", with: "")
        switch base64.utf8.count % 4 {
        case 0: break
        case 2: base64 += "=="
        case 3: base64 += "="
        default: return nil
        }
        guard let data = Data(base64Encoded: base64),
              encode(data) == text.replacingOccurrences(of: "=", with: "") else { return nil }
        return data
    }

    private static func isAlphabet(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
            return true
        default:
            return false
        }
    }
}

/// `application/x-www-form-urlencoded` bodies and query strings — the token request's body and the callback's query.
public enum FormURLEncoding {
    /// Encodes ordered pairs; every byte outside RFC 3986's unreserved set is percent-encoded.
    public static func encode(_ pairs: [(String, String)]) -> String {
        pairs.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
    }

    /// Decodes a form body or query string (`+` is a space). A repeated name keeps its first value.
    public static func decode(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for part in text.split(separator: "&", omittingEmptySubsequences: true) {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = unescape(pieces[0])
            let value = pieces.count > 1 ? unescape(pieces[1]) : ""
            if result[name] == nil { result[name] = value }
        }
        return result
    }

    /// Percent-encodes everything but `A–Z a–z 0–9 - . _ ~`.
    public static func escape(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            if PKCE.isUnreserved(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }

    static func unescape(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}

/// Random values for codes, states, nonces and tokens, from the system's cryptographic generator.
enum Randomness {
    /// `count` random bytes as base64url (32 bytes → 43 characters).
    static func token(bytes count: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        return Base64URL.encode((0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }
}

/// Equality of two strings that takes the same time wherever they first differ (for secrets and challenges).
func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
    let a = Array(lhs.utf8), b = Array(rhs.utf8)
    guard a.count == b.count else { return false }
    var difference: UInt8 = 0
    for index in a.indices { difference |= a[index] ^ b[index] }
    return difference == 0
}
