import Foundation
import SwiftASN1
import X509

/// Small ASN.1 helpers shared by the CMS and CRL code: object identifiers, times, serial numbers, names.
enum OID {
    // PKCS#7 / CMS content types and attributes (RFC 5652).
    static let data: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 7, 1]
    static let signedData: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 7, 2]
    static let contentType: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 3]
    static let messageDigest: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 4]
    static let signingTime: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 5]

    // Digests (NIST).
    static let sha256: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 2, 1]
    static let sha384: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 2, 2]
    static let sha512: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 2, 3]

    // Signature algorithms.
    static let ecdsaWithSHA256: ASN1ObjectIdentifier = [1, 2, 840, 10045, 4, 3, 2]
    static let ecdsaWithSHA384: ASN1ObjectIdentifier = [1, 2, 840, 10045, 4, 3, 3]
    static let ecdsaWithSHA512: ASN1ObjectIdentifier = [1, 2, 840, 10045, 4, 3, 4]
    static let ecPublicKey: ASN1ObjectIdentifier = [1, 2, 840, 10045, 2, 1]
    static let rsaEncryption: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 1, 1]
    static let sha256WithRSA: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 1, 11]
    static let sha384WithRSA: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 1, 12]
    static let sha512WithRSA: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 1, 13]

    // X.509 extensions (RFC 5280).
    static let certificatePolicies: ASN1ObjectIdentifier = [2, 5, 29, 32]
    static let cRLNumber: ASN1ObjectIdentifier = [2, 5, 29, 20]
    static let cRLReason: ASN1ObjectIdentifier = [2, 5, 29, 21]
    static let authorityKeyIdentifier: ASN1ObjectIdentifier = [2, 5, 29, 35]
}

/// Date ↔ ASN.1 time (RFC 5280 §4.1.2.5: UTCTime up to 2049, GeneralizedTime from 2050 on).
enum ASN1TimeCoding {
    static var utcCalendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        return calendar
    }

    /// Serialises `date` (whole seconds, UTC) as UTCTime or GeneralizedTime.
    static func serialize(_ date: Date, into coder: inout DER.Serializer) throws {
        let c = utcCalendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let year = c.year ?? 1970, month = c.month ?? 1, day = c.day ?? 1
        let hour = c.hour ?? 0, minute = c.minute ?? 0, second = c.second ?? 0
        if (1950..<2050).contains(year) {
            try coder.serialize(UTCTime(year: year, month: month, day: day, hours: hour, minutes: minute, seconds: second))
        } else {
            try coder.serialize(GeneralizedTime(year: year, month: month, day: day, hours: hour, minutes: minute,
                                                seconds: second, fractionalSeconds: 0))
        }
    }

    static func asn1Any(_ date: Date) throws -> ASN1Any {
        var coder = DER.Serializer()
        try serialize(date, into: &coder)
        return ASN1Any(derEncoded: try DER.parse(coder.serializedBytes))
    }

    /// Parses a UTCTime or GeneralizedTime node.
    static func date(from node: ASN1Node) throws -> Date {
        var components = DateComponents()
        if node.identifier == UTCTime.defaultIdentifier {
            let t = try UTCTime(derEncoded: node)
            components = DateComponents(year: t.year, month: t.month, day: t.day, hour: t.hours, minute: t.minutes, second: t.seconds)
        } else if node.identifier == GeneralizedTime.defaultIdentifier {
            let t = try GeneralizedTime(derEncoded: node)
            components = DateComponents(year: t.year, month: t.month, day: t.day, hour: t.hours, minute: t.minutes, second: t.seconds)
        } else {
            throw ASN1Error.unexpectedFieldType(node.identifier)
        }
        guard let date = utcCalendar.date(from: components) else {
            throw ASN1Error.invalidASN1Object(reason: "invalid time value")
        }
        return date
    }

    /// Truncates to whole seconds, as ASN.1 times carry no fraction here.
    static func wholeSeconds(_ date: Date) -> Date {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }
}

/// Serial numbers are shown and stored as upper-case hexadecimal without leading zero bytes,
/// the way `openssl x509 -serial` and `openssl crl -text` print them.
enum SerialNumberText {
    static func hex<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var trimmed = Array(bytes.drop(while: { $0 == 0 }))
        if trimmed.isEmpty { trimmed = [0] }
        return trimmed.map { byte in
            let s = String(byte, radix: 16, uppercase: true)
            return s.count == 1 ? "0" + s : s
        }.joined()
    }

    static func hex(_ serial: Certificate.SerialNumber) -> String { hex(serial.bytes) }

    /// Normalises user input ("1a:2B", "0x1A2B", "001A2B") to the canonical form, or nil if not hexadecimal.
    static func normalised(_ text: String) -> String? {
        var s = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if s.lowercased().hasPrefix("0x") { s = String(s.dropFirst(2)) }
        s = s.replacingOccurrences(of: ":", with: "").replacingOccurrences(of: " ", with: "")
        guard !s.isEmpty, s.allSatisfy({ $0.isHexDigit }) else { return nil }
        if s.count % 2 == 1 { s = "0" + s }
        var bytes: [UInt8] = []
        var index = s.startIndex
        while index < s.endIndex {
            let next = s.index(index, offsetBy: 2)
            guard let byte = UInt8(s[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        return hex(bytes)
    }

    /// The DER INTEGER content bytes for a canonical hex serial.
    static func integerBytes(_ text: String) -> [UInt8]? {
        guard let canonical = normalised(text) else { return nil }
        var bytes: [UInt8] = []
        var index = canonical.startIndex
        while index < canonical.endIndex {
            let next = canonical.index(index, offsetBy: 2)
            guard let byte = UInt8(canonical[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        if let first = bytes.first, first & 0x80 != 0 { bytes.insert(0, at: 0) }
        return bytes
    }
}

extension DistinguishedName {
    /// The first value of the attribute `type` (e.g. CN, O, OU), as a string.
    func firstValue(of type: ASN1ObjectIdentifier) -> String? {
        for rdn in self {
            for attribute in rdn where attribute.type == type {
                if let value = String(attribute.value) { return value }
            }
        }
        return nil
    }
}

/// An AlgorithmIdentifier with absent parameters (as used for ECDSA and for SHA-2 digests in CMS).
struct BareAlgorithmIdentifier: DERSerializable {
    var algorithm: ASN1ObjectIdentifier
    func serialize(into coder: inout DER.Serializer) throws {
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(algorithm)
        }
    }
}

/// Parses an AlgorithmIdentifier, keeping only the OID (parameters are NULL or absent for every algorithm we accept).
func parseAlgorithmOID(_ node: ASN1Node) throws -> ASN1ObjectIdentifier {
    try DER.sequence(node, identifier: .sequence) { nodes in
        let oid = try ASN1ObjectIdentifier(derEncoded: &nodes)
        while nodes.next() != nil {}
        return oid
    }
}

extension String {
    /// PEM text ending in a newline, so that files can be concatenated (`cat ca.pem crl.pem`) as openssl expects.
    var withFinalNewline: String { hasSuffix("\n") ? self : self + "\n" }
}
