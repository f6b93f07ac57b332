import Foundation
import Crypto
import SwiftASN1
import X509

/// Danh sách chứng thư số bị thu hồi (CRL) — an X.509 v2 CRL (RFC 5280 §5) signed by the province CA.
///
/// cqs writes version 2, `ecdsa-with-SHA256`, the CA's subject as issuer, thisUpdate/nextUpdate, one entry per
/// revoked serial with its revocation date and (unless unspecified) a reasonCode entry extension, and the CRL
/// extensions authorityKeyIdentifier and cRLNumber. `openssl crl -in crl.pem -CAfile ca.pem -noout` verifies it.
/// swift-certificates has no CRL type, so it is built and parsed here with SwiftASN1.
public struct CertificateRevocationList: Sendable, Equatable {
    /// The DER encoding (what is published, e.g. as `tinh.crl`).
    public let derEncoded: Data
    /// Tên cơ quan phát hành — the issuing CA's name.
    public let issuer: DistinguishedName
    /// Ngày phát hành.
    public let thisUpdate: Date
    /// Ngày phát hành kế tiếp (after which this CRL is stale).
    public let nextUpdate: Date?
    /// The cRLNumber extension, if present and small enough for an `Int`.
    public let crlNumber: Int?
    /// The revoked certificates.
    public let revocations: [Revocation]

    private let tbsBytes: [UInt8]
    private let signatureAlgorithm: ASN1ObjectIdentifier
    private let signatureBytes: [UInt8]

    /// PEM form (`-----BEGIN X509 CRL-----`).
    public var pemEncoded: String {
        PEMDocument(type: "X509 CRL", derBytes: Array(derEncoded)).pemString.withFinalNewline
    }

    /// Reads a DER-encoded CRL. Throws ``SigningError/invalidCRL(_:)``.
    public init(derEncoded: Data) throws {
        do {
            try self.init(parsing: Array(derEncoded))
        } catch let error as SigningError {
            throw error
        } catch {
            throw SigningError.invalidCRL("\(error)")
        }
    }

    /// Reads a PEM-encoded CRL. Throws ``SigningError/invalidCRL(_:)``.
    public init(pemEncoded: String) throws {
        let document: PEMDocument
        do { document = try PEMDocument(pemString: pemEncoded) } catch { throw SigningError.invalidCRL("not PEM") }
        guard document.discriminator == "X509 CRL" else { throw SigningError.invalidCRL("PEM type \(document.discriminator)") }
        try self.init(derEncoded: Data(document.derBytes))
    }

    /// Whether `issuerCertificate` issued and signed this CRL.
    public func isSigned(by issuerCertificate: Certificate) -> Bool {
        guard issuer == issuerCertificate.subject,
              let algorithm = Self.signatureAlgorithm(for: signatureAlgorithm) else { return false }
        return issuerCertificate.publicKey.isValidSignature(signatureBytes, for: tbsBytes, signatureAlgorithm: algorithm)
    }

    /// Whether the CRL is current at `date` (thisUpdate ≤ date ≤ nextUpdate).
    public func isCurrent(at date: Date) -> Bool {
        date >= thisUpdate && (nextUpdate.map { date <= $0 } ?? true)
    }

    /// The revocations, after checking that `issuer` signed the CRL; pass them to ``DetachedSignature/verify(content:signature:trustedRoot:revocations:at:)``.
    public func verifiedRevocations(issuer issuerCertificate: Certificate) throws -> [Revocation] {
        guard isSigned(by: issuerCertificate) else {
            throw SigningError.invalidCRL("not signed by \(issuerCertificate.subject)")
        }
        return revocations
    }

    // MARK: Building

    static func make(issuer: Certificate, key: P256.Signing.PrivateKey, revocations: [Revocation],
                     thisUpdate: Date, nextUpdate: Date, number: Int) throws -> CertificateRevocationList {
        guard nextUpdate > thisUpdate else { throw SigningError.invalidValidity("nextUpdate must be after thisUpdate") }
        do {
            var extensions: [Certificate.Extension] = []
            if let ski = try issuer.extensions.subjectKeyIdentifier {
                extensions.append(try Certificate.Extension(
                    AuthorityKeyIdentifier(keyIdentifier: ski.keyIdentifier), critical: false))
            }
            var numberCoder = DER.Serializer()
            try numberCoder.serialize(number)
            extensions.append(Certificate.Extension(oid: OID.cRLNumber, critical: false, value: numberCoder.serializedBytes[...]))

            var tbs = DER.Serializer()
            try tbs.appendConstructedNode(identifier: .sequence) { coder in
                try coder.serialize(1)  // v2
                try coder.serialize(BareAlgorithmIdentifier(algorithm: OID.ecdsaWithSHA256))
                try coder.serialize(issuer.subject)
                try ASN1TimeCoding.serialize(thisUpdate, into: &coder)
                try ASN1TimeCoding.serialize(nextUpdate, into: &coder)
                let sorted = revocations.sorted { ($0.date, $0.serialNumber) < ($1.date, $1.serialNumber) }
                if !sorted.isEmpty {
                    try coder.appendConstructedNode(identifier: .sequence) { coder in
                        for entry in sorted {
                            guard let serial = SerialNumberText.integerBytes(entry.serialNumber) else {
                                throw SigningError.unknownSerialNumber(entry.serialNumber)
                            }
                            try coder.appendConstructedNode(identifier: .sequence) { coder in
                                coder.appendPrimitiveNode(identifier: .integer) { $0.append(contentsOf: serial) }
                                try ASN1TimeCoding.serialize(entry.date, into: &coder)
                                if entry.reason != .unspecified {
                                    var reason = DER.Serializer()
                                    reason.appendPrimitiveNode(identifier: .enumerated) { $0.append(UInt8(entry.reason.rawValue)) }
                                    let ext = Certificate.Extension(oid: OID.cRLReason, critical: false,
                                                                    value: reason.serializedBytes[...])
                                    try coder.serializeSequenceOf([ext])
                                }
                            }
                        }
                    }
                }
                try coder.serialize(explicitlyTaggedWithTagNumber: 0, tagClass: .contextSpecific) { coder in
                    try coder.serializeSequenceOf(extensions)
                }
            }
            let tbsBytes = tbs.serializedBytes
            let signature = try key.signature(for: tbsBytes).derRepresentation

            var coder = DER.Serializer()
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                coder.serializeRawBytes(tbsBytes)
                try coder.serialize(BareAlgorithmIdentifier(algorithm: OID.ecdsaWithSHA256))
                try coder.serialize(ASN1BitString(bytes: Array(signature)[...]))
            }
            return try CertificateRevocationList(derEncoded: Data(coder.serializedBytes))
        } catch let error as SigningError {
            throw error
        } catch {
            throw SigningError.encodingFailed("CRL: \(error)")
        }
    }

    // MARK: Parsing

    private init(parsing bytes: [UInt8]) throws {
        let root = try DER.parse(bytes)
        let outer = try ParsedSignedData.children(root, identifier: .sequence)
        guard outer.count == 3 else { throw SigningError.invalidCRL("CertificateList must have three fields") }
        let tbsNode = outer[0]
        let fields = try ParsedSignedData.children(tbsNode, identifier: .sequence)
        var index = 0
        func next() throws -> ASN1Node {
            guard index < fields.count else { throw SigningError.invalidCRL("TBSCertList too short") }
            defer { index += 1 }
            return fields[index]
        }
        var node = try next()
        if node.identifier == .integer {
            guard try Int(derEncoded: node) == 1 else { throw SigningError.invalidCRL("unsupported CRL version") }
            node = try next()
        }
        let innerAlgorithm = try parseAlgorithmOID(node)
        let issuerName = try DistinguishedName(derEncoded: try next())
        let thisUpdate = try ASN1TimeCoding.date(from: try next())
        var nextUpdate: Date? = nil
        var entries: [Revocation] = []
        var number: Int? = nil
        while index < fields.count {
            let field = try next()
            if field.identifier == UTCTime.defaultIdentifier || field.identifier == GeneralizedTime.defaultIdentifier {
                nextUpdate = try ASN1TimeCoding.date(from: field)
            } else if field.identifier == .sequence {
                for entry in try ParsedSignedData.children(field, identifier: .sequence) {
                    entries.append(try Self.parseEntry(entry))
                }
            } else if field.identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific) {
                let wrapped = try ParsedSignedData.children(field, identifier: field.identifier)
                guard wrapped.count == 1 else { throw SigningError.invalidCRL("crlExtensions") }
                for extNode in try ParsedSignedData.children(wrapped[0], identifier: .sequence) {
                    let ext = try Certificate.Extension(derEncoded: extNode)
                    if ext.oid == OID.cRLNumber {
                        number = try? Int(derEncoded: ext.value)
                    } else if ext.critical && ext.oid != OID.authorityKeyIdentifier {
                        throw SigningError.invalidCRL("unknown critical CRL extension \(ext.oid)")
                    }
                }
            } else {
                throw SigningError.invalidCRL("unexpected field \(field.identifier)")
            }
        }
        let outerAlgorithm = try parseAlgorithmOID(outer[1])
        guard outerAlgorithm == innerAlgorithm else { throw SigningError.invalidCRL("signature algorithm mismatch") }
        let signature = try ASN1BitString(derEncoded: outer[2])

        self.derEncoded = Data(bytes)
        self.issuer = issuerName
        self.thisUpdate = thisUpdate
        self.nextUpdate = nextUpdate
        self.crlNumber = number
        self.revocations = entries
        self.tbsBytes = Array(tbsNode.encodedBytes)
        self.signatureAlgorithm = outerAlgorithm
        self.signatureBytes = Array(signature.bytes)
    }

    private static func parseEntry(_ node: ASN1Node) throws -> Revocation {
        let parts = try ParsedSignedData.children(node, identifier: .sequence)
        guard parts.count >= 2, parts[0].identifier == .integer, case .primitive(let serial) = parts[0].content else {
            throw SigningError.invalidCRL("revoked certificate entry")
        }
        let date = try ASN1TimeCoding.date(from: parts[1])
        var reason = RevocationReason.unspecified
        if parts.count > 2 {
            for extNode in try ParsedSignedData.children(parts[2], identifier: .sequence) {
                let ext = try Certificate.Extension(derEncoded: extNode)
                if ext.oid == OID.cRLReason {
                    let value = try DER.parse(ext.value)
                    guard value.identifier == .enumerated, case .primitive(let raw) = value.content,
                          raw.count == 1, let first = raw.first else {
                        throw SigningError.invalidCRL("reasonCode")
                    }
                    reason = RevocationReason(rawValue: Int(first)) ?? .unspecified
                }
            }
        }
        return Revocation(serialNumber: SerialNumberText.hex(serial), date: date, reason: reason)
    }

    private static func signatureAlgorithm(for oid: ASN1ObjectIdentifier) -> Certificate.SignatureAlgorithm? {
        switch oid {
        case OID.ecdsaWithSHA256: return .ecdsaWithSHA256
        case OID.ecdsaWithSHA384: return .ecdsaWithSHA384
        case OID.ecdsaWithSHA512: return .ecdsaWithSHA512
        case OID.sha256WithRSA: return .sha256WithRSAEncryption
        case OID.sha384WithRSA: return .sha384WithRSAEncryption
        case OID.sha512WithRSA: return .sha512WithRSAEncryption
        default: return nil
        }
    }

    public static func == (lhs: CertificateRevocationList, rhs: CertificateRevocationList) -> Bool {
        lhs.derEncoded == rhs.derEncoded
    }
}
