import Foundation

/// Hexadecimal text of bytes (digests, signatures), lower case, two digits a byte: what `sha256sum` prints.
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    /// `bytes` as lower-case hexadecimal, without `String(format:)` (a formatter call per byte).
    public static func lowercase<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var text: [UInt8] = []
        text.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

extension UUID {
    /// A random (version 4) identifier drawn from the system's generator (`getrandom`). Foundation's `UUID()` on
    /// Linux opens and reads `/dev/urandom` on every call, which showed in the submission profile.
    public static func random() -> UUID {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() as UInt64, low = generator.next() as UInt64
        var bytes = withUnsafeBytes(of: (high.bigEndian, low.bigEndian)) { Array($0) }
        bytes[6] = (bytes[6] & 0x0f) | 0x40  // version 4
        bytes[8] = (bytes[8] & 0x3f) | 0x80  // RFC 4122 variant
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }

    /// A time-ordered (version 7, RFC 9562) identifier: the Unix time in milliseconds (nearest) in its first 48
    /// bits, then random bits. Rows keyed by these are appended at the right edge of their key's B-tree instead of
    /// scattered over it, which keeps inserts into a province-year's tables (millions of history rows) cheap.
    public static func timeOrdered(at instant: Date = Date()) -> UUID {
        let random = random()
        let milliseconds = UInt64(max(0, (instant.timeIntervalSince1970 * 1000).rounded()))
        var bytes = withUnsafeBytes(of: random.uuid) { Array($0) }
        for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - index))) }
        bytes[6] = (bytes[6] & 0x0f) | 0x70  // version 7
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}

/// Numbers written with leading zeros, as dates and codes are ("07", "0042").
public enum Digits {
    /// `value` in decimal, padded with zeros to `width` digits (longer numbers keep all their digits).
    public static func padded(_ value: Int, to width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
