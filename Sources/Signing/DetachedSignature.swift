import Foundation
import Crypto
import SwiftASN1
import X509

/// Chữ ký số tách rời — a CMS/PKCS#7 SignedData (RFC 5652), detached, over a file's bytes.
///
/// cqs writes: SignedData v1, digest SHA-256, one SignerInfo identified by issuer and serial number,
/// signed attributes content-type (id-data), signing-time and message-digest, signature ECDSA P-256 with
/// SHA-256 (`ecdsa-with-SHA256`), and the signer's certificate; no eContent. This is what
/// `openssl cms -sign -binary -outform DER` writes for an EC key, and `openssl cms -verify` accepts it.
///
/// cqs reads any such SignedData with ECDSA (P-256/384/521) or RSA PKCS#1 v1.5 and SHA-256/384/512,
/// in DER, BER or PEM (`-----BEGIN CMS-----` / `PKCS7`), with or without signed attributes.
public enum DetachedSignature {
    /// Ký số — signs `content` and returns the DER-encoded ContentInfo.
    ///
    /// - Parameters:
    ///   - signingTime: the time declared in the signature (whole seconds are kept).
    /// - Throws: ``SigningError/keyDoesNotMatchCertificate`` if `privateKey` is not the certificate's key.
    public static func sign(content: Data, certificate: Certificate, privateKey: P256.Signing.PrivateKey,
                            signingTime: Date) throws -> Data {
        let key = Certificate.PrivateKey(privateKey)
        guard key.publicKey == certificate.publicKey else { throw SigningError.keyDoesNotMatchCertificate }
        do {
            let digest = Array(SHA256.hash(data: content))
            let attributes = [
                CMSAttributeValue(type: OID.contentType, values: [try ASN1Any(erasing: OID.data)]),
                CMSAttributeValue(type: OID.signingTime, values: [try ASN1TimeCoding.asn1Any(signingTime)]),
                CMSAttributeValue(type: OID.messageDigest, values: [try ASN1Any(erasing: ASN1OctetString(contentBytes: digest[...]))]),
            ]
            var attributeCoder = DER.Serializer()
            try attributeCoder.serializeSetOf(attributes)  // DER: sorted SET OF, tag 0x31 — the bytes that are signed
            let signedAttributes = attributeCoder.serializedBytes
            let signature = try key.sign(bytes: signedAttributes, signatureAlgorithm: .ecdsaWithSHA256)

            var coder = DER.Serializer()
            try coder.appendConstructedNode(identifier: .sequence) { coder in                     // ContentInfo
                try coder.serialize(OID.signedData)
                try coder.serialize(explicitlyTaggedWithTagNumber: 0, tagClass: .contextSpecific) { coder in
                    try coder.appendConstructedNode(identifier: .sequence) { coder in             // SignedData
                        try coder.serialize(1)                                                    // version
                        try coder.serializeSetOf([BareAlgorithmIdentifier(algorithm: OID.sha256)])
                        try coder.appendConstructedNode(identifier: .sequence) { coder in         // encapContentInfo
                            try coder.serialize(OID.data)
                        }
                        try coder.serializeSetOf([certificate],
                                                 identifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific))
                        try coder.appendConstructedNode(identifier: .set) { coder in              // signerInfos
                            try coder.appendConstructedNode(identifier: .sequence) { coder in     // SignerInfo
                                try coder.serialize(1)
                                try coder.appendConstructedNode(identifier: .sequence) { coder in // IssuerAndSerialNumber
                                    try coder.serialize(certificate.issuer)
                                    try coder.serialize(certificate.serialNumber.bytes)
                                }
                                try coder.serialize(BareAlgorithmIdentifier(algorithm: OID.sha256))
                                var implicit = signedAttributes
                                implicit[0] = 0xA0                                                // [0] IMPLICIT
                                coder.serializeRawBytes(implicit)
                                try coder.serialize(BareAlgorithmIdentifier(algorithm: OID.ecdsaWithSHA256))
                                try coder.serialize(ASN1OctetString(contentBytes: signature.rawRepresentation[...]))
                            }
                        }
                    }
                }
            }
            return Data(coder.serializedBytes)
        } catch let error as SigningError {
            throw error
        } catch {
            throw SigningError.encodingFailed("\(error)")
        }
    }

    /// Kiểm tra chữ ký số — verifies a detached signature over `content`.
    ///
    /// Checks, in this order, each mapped to one ``VerificationFailure``:
    /// 1. the signature parses as a SignedData with exactly one signer whose certificate it carries (``VerificationFailure/malformed(_:)``);
    /// 2. the message digest and the signature match `content` (``VerificationFailure/tampered``);
    /// 3. the certificate was issued by `trustedRoot` (name and CA signature), is not a CA certificate and allows
    ///    digitalSignature or nonRepudiation (``VerificationFailure/untrustedSigner``);
    /// 4. it is not revoked in `revocations` (``VerificationFailure/revoked(date:reason:)``, rule in
    ///    ``Revocation/invalidates(signingTime:checkedAt:)``);
    /// 5. it and the root were valid at the signing time (``VerificationFailure/expired(validFrom:validUntil:signingTime:)``).
    ///
    /// - Parameters:
    ///   - revocations: the CA's revocation list (``ProvinceCertificateAuthority/revocations`` or
    ///     ``CertificateRevocationList/verifiedRevocations(issuer:)``).
    ///   - at: when the check is made; used as signing time when the signature declares none.
    public static func verify(content: Data, signature: Data, trustedRoot: Certificate,
                              revocations: [Revocation] = [], at checkedAt: Date = Date()) -> VerificationResult {
        // 1. Structure.
        let signedData: ParsedSignedData
        do {
            signedData = try ParsedSignedData(bytes: derBytes(signature))
        } catch {
            return .invalid(.malformed("cannot parse CMS SignedData: \(error)"))
        }
        guard signedData.contentType == OID.data else {
            return .invalid(.malformed("encapsulated content type is not id-data"))
        }
        guard signedData.signerInfos.count == 1, let signer = signedData.signerInfos.first else {
            return .invalid(.malformed("expected exactly one signer, found \(signedData.signerInfos.count)"))
        }
        guard let certificate = signedData.certificate(for: signer) else {
            return .invalid(.malformed("the signer's certificate is not included in the signature"))
        }
        guard let algorithm = CMSAlgorithms.signatureAlgorithm(signature: signer.signatureAlgorithm,
                                                               digest: signer.digestAlgorithm),
              let digest = CMSAlgorithms.digest(content, algorithm: signer.digestAlgorithm) else {
            return .invalid(.malformed("unsupported algorithms \(signer.signatureAlgorithm) / \(signer.digestAlgorithm)"))
        }

        // 2. Integrity.
        if let attached = signedData.attachedContent, attached != Array(content) {
            return .invalid(.tampered)
        }
        var signingTime = ASN1TimeCoding.wholeSeconds(checkedAt)
        if let signedAttributesDER = signer.signedAttributesDER {
            do {
                guard let digestNode = try signer.attribute(OID.messageDigest) else {
                    return .invalid(.malformed("signed attributes lack the message digest"))
                }
                let declared = try ASN1OctetString(derEncoded: digestNode).bytes
                guard let typeNode = try signer.attribute(OID.contentType),
                      try ASN1ObjectIdentifier(derEncoded: typeNode) == OID.data else {
                    return .invalid(.malformed("signed content-type attribute missing or not id-data"))
                }
                if let timeNode = try signer.attribute(OID.signingTime) {
                    signingTime = try ASN1TimeCoding.date(from: timeNode)
                }
                guard Array(declared) == digest else { return .invalid(.tampered) }
            } catch {
                return .invalid(.malformed("signed attributes: \(error)"))
            }
            guard certificate.publicKey.isValidSignature(signer.signature, for: signedAttributesDER,
                                                         signatureAlgorithm: algorithm) else {
                return .invalid(.tampered)
            }
        } else {
            guard certificate.publicKey.isValidSignature(signer.signature, for: content, signatureAlgorithm: algorithm) else {
                return .invalid(.tampered)
            }
        }

        // 3. Trust.
        guard isIssued(certificate, by: trustedRoot), isSigningCertificate(certificate) else {
            return .invalid(.untrustedSigner)
        }

        // 4. Revocation.
        let serial = SerialNumberText.hex(certificate.serialNumber)
        let relevant = revocations
            .filter { $0.serialNumber == serial && $0.invalidates(signingTime: signingTime, checkedAt: checkedAt) }
            .sorted { $0.date < $1.date }
        if let revocation = relevant.first {
            return .invalid(.revoked(date: revocation.date, reason: revocation.reason))
        }

        // 5. Validity at the signing time.
        for cert in [certificate, trustedRoot] where signingTime < cert.notValidBefore || signingTime > cert.notValidAfter {
            return .invalid(.expired(validFrom: cert.notValidBefore, validUntil: cert.notValidAfter, signingTime: signingTime))
        }

        return .valid(SignerIdentity(
            commonName: certificate.subject.firstValue(of: .RDNAttributeType.commonName) ?? "",
            organisation: certificate.subject.firstValue(of: .RDNAttributeType.organizationName),
            organisationalUnit: certificate.subject.firstValue(of: .RDNAttributeType.organizationalUnitName),
            serialNumber: serial,
            kind: CertificateKind(certificate: certificate),
            signingTime: signingTime,
            certificate: certificate))
    }

    /// Accepts DER/BER bytes or a PEM document (`CMS`, `PKCS7`).
    static func derBytes(_ signature: Data) throws -> [UInt8] {
        let bytes = Array(signature)
        let leading = bytes.drop(while: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D })
        if leading.starts(with: Array("-----BEGIN".utf8)), let text = String(data: signature, encoding: .utf8) {
            return try PEMDocument(pemString: text.trimmingCharacters(in: .whitespacesAndNewlines)).derBytes
        }
        return bytes
    }

    /// Issued by `root`: same issuer name as the root's subject and a valid root signature.
    static func isIssued(_ certificate: Certificate, by root: Certificate) -> Bool {
        certificate.issuer == root.subject && root.publicKey.isValidSignature(certificate.signature, for: certificate)
    }

    /// An end-entity certificate whose key usage (if stated) allows signing documents, with no unknown critical extension.
    static func isSigningCertificate(_ certificate: Certificate) -> Bool {
        if let constraints = try? certificate.extensions.basicConstraints, case .isCertificateAuthority = constraints {
            return false
        }
        do {
            if let usage = try certificate.extensions.keyUsage, !(usage.digitalSignature || usage.nonRepudiation) {
                return false
            }
        } catch {
            return false
        }
        let understood: Set<ASN1ObjectIdentifier> = [
            .X509ExtensionID.basicConstraints, .X509ExtensionID.keyUsage, .X509ExtensionID.extendedKeyUsage,
            .X509ExtensionID.subjectAlternativeName, OID.certificatePolicies,
        ]
        return certificate.extensions.allSatisfy { !$0.critical || understood.contains($0.oid) }
    }
}
