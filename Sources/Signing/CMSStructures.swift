import Foundation
import Crypto
import SwiftASN1
import X509

// The parts of CMS SignedData (RFC 5652 §5) that cqs writes and reads. swift-certificates keeps its own
// CMS types internal (only `@_spi(CMS)` entry points are exported, and those neither report the signing
// time nor tell a bad digest from an untrusted signer), so the structure is written and parsed here
// with SwiftASN1 while certificates, keys and signature checks come from swift-certificates/swift-crypto.

/// A CMS attribute: `SEQUENCE { attrType OBJECT IDENTIFIER, attrValues SET OF ANY }`.
struct CMSAttributeValue: DERSerializable {
    var type: ASN1ObjectIdentifier
    var values: [ASN1Any]

    func serialize(into coder: inout DER.Serializer) throws {
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(type)
            try coder.serializeSetOf(values)
        }
    }
}

/// A parsed SignerInfo.
struct ParsedSignerInfo {
    enum SignerIdentifier {
        case issuerAndSerialNumber(issuer: DistinguishedName, serialHex: String)
        case subjectKeyIdentifier([UInt8])
    }

    var signerIdentifier: SignerIdentifier
    var digestAlgorithm: ASN1ObjectIdentifier
    /// The signed attributes, if present, and their DER encoding re-tagged as `SET OF` (what was signed).
    var signedAttributes: [(type: ASN1ObjectIdentifier, values: [ASN1Node])]?
    var signedAttributesDER: [UInt8]?
    var signatureAlgorithm: ASN1ObjectIdentifier
    var signature: [UInt8]

    func attribute(_ type: ASN1ObjectIdentifier) throws -> ASN1Node? {
        guard let attributes = signedAttributes else { return nil }
        let matching = attributes.filter { $0.type == type }
        guard !matching.isEmpty else { return nil }
        guard matching.count == 1, matching[0].values.count == 1 else {
            throw ASN1Error.invalidASN1Object(reason: "attribute \(type) must occur once with one value")
        }
        return matching[0].values[0]
    }
}

/// A parsed SignedData (inside its ContentInfo).
struct ParsedSignedData {
    var digestAlgorithms: [ASN1ObjectIdentifier]
    var contentType: ASN1ObjectIdentifier
    var attachedContent: [UInt8]?
    var certificates: [Certificate]
    var signerInfos: [ParsedSignerInfo]

    /// Parses DER or BER (openssl may write indefinite lengths when streaming).
    init(bytes: [UInt8]) throws {
        let root = try BER.parse(bytes)
        let body = try Self.children(root, identifier: .sequence)
        guard body.count == 2 else { throw ASN1Error.invalidASN1Object(reason: "ContentInfo") }
        let contentType = try ASN1ObjectIdentifier(berEncoded: body[0])
        guard contentType == OID.signedData else {
            throw ASN1Error.invalidASN1Object(reason: "not a SignedData")
        }
        let explicit = try Self.children(body[1], identifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific))
        guard explicit.count == 1 else { throw ASN1Error.invalidASN1Object(reason: "ContentInfo content") }
        let fields = try Self.children(explicit[0], identifier: .sequence)
        var index = 0
        func next() throws -> ASN1Node {
            guard index < fields.count else { throw ASN1Error.invalidASN1Object(reason: "SignedData too short") }
            defer { index += 1 }
            return fields[index]
        }
        _ = try Int(berEncoded: try next())  // version: 1, 3, 4 or 5; nothing depends on it here
        digestAlgorithms = try Self.children(try next(), identifier: .set).map(parseAlgorithmOID)

        let encapsulated = try Self.children(try next(), identifier: .sequence)
        guard let typeNode = encapsulated.first else { throw ASN1Error.invalidASN1Object(reason: "EncapsulatedContentInfo") }
        self.contentType = try ASN1ObjectIdentifier(berEncoded: typeNode)
        if encapsulated.count > 1 {
            let wrapped = try Self.children(encapsulated[1], identifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific))
            guard wrapped.count == 1 else { throw ASN1Error.invalidASN1Object(reason: "eContent") }
            attachedContent = Array(try ASN1OctetString(berEncoded: wrapped[0]).bytes)
        } else {
            attachedContent = nil
        }

        certificates = []
        signerInfos = []
        while index < fields.count {
            let node = try next()
            if node.identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific) {
                // certificates [0] IMPLICIT CertificateSet: keep plain X.509 certificates, skip other choices.
                for choice in try Self.children(node, identifier: node.identifier) where choice.identifier == .sequence {
                    certificates.append(try Certificate(derEncoded: Array(choice.encodedBytes)))
                }
            } else if node.identifier == ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific) {
                continue  // crls: not used; revocation comes from the CA's own list
            } else if node.identifier == .set {
                signerInfos = try Self.children(node, identifier: .set).map(Self.parseSignerInfo)
                guard index == fields.count else { throw ASN1Error.invalidASN1Object(reason: "data after SignerInfos") }
            } else {
                throw ASN1Error.unexpectedFieldType(node.identifier)
            }
        }
    }

    static func children(_ node: ASN1Node, identifier: ASN1Identifier) throws -> [ASN1Node] {
        guard node.identifier == identifier, case .constructed(let nodes) = node.content else {
            throw ASN1Error.unexpectedFieldType(node.identifier)
        }
        return Array(nodes)
    }

    static func parseSignerInfo(_ node: ASN1Node) throws -> ParsedSignerInfo {
        let fields = try children(node, identifier: .sequence)
        guard fields.count >= 5 else { throw ASN1Error.invalidASN1Object(reason: "SignerInfo too short") }
        _ = try Int(berEncoded: fields[0])
        let sid: ParsedSignerInfo.SignerIdentifier
        let sidNode = fields[1]
        if sidNode.identifier == .sequence {
            let parts = try children(sidNode, identifier: .sequence)
            guard parts.count == 2 else { throw ASN1Error.invalidASN1Object(reason: "IssuerAndSerialNumber") }
            let issuer = try DistinguishedName(derEncoded: parts[0])
            guard case .primitive(let serialBytes) = parts[1].content, parts[1].identifier == .integer else {
                throw ASN1Error.unexpectedFieldType(parts[1].identifier)
            }
            sid = .issuerAndSerialNumber(issuer: issuer, serialHex: SerialNumberText.hex(serialBytes))
        } else if sidNode.identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific),
                  case .primitive(let keyIdentifier) = sidNode.content {
            sid = .subjectKeyIdentifier(Array(keyIdentifier))
        } else {
            throw ASN1Error.unexpectedFieldType(sidNode.identifier)
        }
        let digestAlgorithm = try parseAlgorithmOID(fields[2])

        var index = 3
        var attributes: [(type: ASN1ObjectIdentifier, values: [ASN1Node])]? = nil
        var attributesDER: [UInt8]? = nil
        let signedAttrsTag = ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)
        if fields[index].identifier == signedAttrsTag {
            let node = fields[index]
            var parsed: [(type: ASN1ObjectIdentifier, values: [ASN1Node])] = []
            for attribute in try children(node, identifier: signedAttrsTag) {
                let parts = try children(attribute, identifier: .sequence)
                guard parts.count == 2 else { throw ASN1Error.invalidASN1Object(reason: "Attribute") }
                let type = try ASN1ObjectIdentifier(derEncoded: parts[0])
                let values = try children(parts[1], identifier: .set)
                parsed.append((type, values))
            }
            attributes = parsed
            // RFC 5652 §5.4: the signature covers the DER encoding with an explicit SET OF tag.
            var der = Array(node.encodedBytes)
            guard !der.isEmpty else { throw ASN1Error.invalidASN1Object(reason: "signedAttrs") }
            der[0] = 0x31
            attributesDER = der
            index += 1
        }
        guard index + 1 < fields.count else { throw ASN1Error.invalidASN1Object(reason: "SignerInfo too short") }
        let signatureAlgorithm = try parseAlgorithmOID(fields[index])
        let signature = Array(try ASN1OctetString(berEncoded: fields[index + 1]).bytes)
        return ParsedSignerInfo(signerIdentifier: sid, digestAlgorithm: digestAlgorithm,
                                signedAttributes: attributes, signedAttributesDER: attributesDER,
                                signatureAlgorithm: signatureAlgorithm, signature: signature)
    }

    /// The certificate named by the signer identifier, if the SignedData carries it.
    func certificate(for signer: ParsedSignerInfo) -> Certificate? {
        switch signer.signerIdentifier {
        case .issuerAndSerialNumber(let issuer, let serialHex):
            return certificates.first { $0.issuer == issuer && SerialNumberText.hex($0.serialNumber) == serialHex }
        case .subjectKeyIdentifier(let keyIdentifier):
            return certificates.first {
                guard let ski = try? $0.extensions.subjectKeyIdentifier else { return false }
                return Array(ski.keyIdentifier) == keyIdentifier
            }
        }
    }
}

/// Digest and signature-algorithm helpers.
enum CMSAlgorithms {
    static func digest(_ content: Data, algorithm: ASN1ObjectIdentifier) -> [UInt8]? {
        switch algorithm {
        case OID.sha256: return Array(SHA256.hash(data: content))
        case OID.sha384: return Array(SHA384.hash(data: content))
        case OID.sha512: return Array(SHA512.hash(data: content))
        default: return nil
        }
    }

    /// The signature algorithm implied by a SignerInfo's signatureAlgorithm and digestAlgorithm, or nil when
    /// they disagree or are not supported. `rsaEncryption` (what openssl writes for RSA keys) and
    /// `id-ecPublicKey` (older Microsoft writers) take their hash from the digest algorithm.
    static func signatureAlgorithm(signature: ASN1ObjectIdentifier, digest: ASN1ObjectIdentifier) -> Certificate.SignatureAlgorithm? {
        switch (signature, digest) {
        case (OID.ecdsaWithSHA256, OID.sha256), (OID.ecPublicKey, OID.sha256): return .ecdsaWithSHA256
        case (OID.ecdsaWithSHA384, OID.sha384), (OID.ecPublicKey, OID.sha384): return .ecdsaWithSHA384
        case (OID.ecdsaWithSHA512, OID.sha512), (OID.ecPublicKey, OID.sha512): return .ecdsaWithSHA512
        case (OID.sha256WithRSA, OID.sha256), (OID.rsaEncryption, OID.sha256): return .sha256WithRSAEncryption
        case (OID.sha384WithRSA, OID.sha384), (OID.rsaEncryption, OID.sha384): return .sha384WithRSAEncryption
        case (OID.sha512WithRSA, OID.sha512), (OID.rsaEncryption, OID.sha512): return .sha512WithRSAEncryption
        default: return nil
        }
    }
}
