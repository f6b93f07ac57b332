import Foundation
import SwiftASN1
import X509

/// Loại chứng thư số — what a certificate issued by the province CA is for.
///
/// The kind is recorded in the certificate as a certificate-policies extension (RFC 5280 §4.2.1.4,
/// non-critical) carrying one policy OID per kind, so it is covered by the CA's signature and
/// survives any re-encoding. The subject's OU is left free for the official's department.
///
/// The OIDs live under a placeholder arc, `1.3.6.1.4.1.0.704.1` (IANA private-enterprise number 0,
/// "Reserved", followed by 704, Viet Nam's ISO 3166 numeric code). Replace the arc with the
/// province's own registered number before production; certificates already issued keep the old OIDs.
public enum CertificateKind: String, Codable, Sendable, CaseIterable {
    /// Chứng thư số cá nhân — an official's personal signing certificate.
    case personal
    /// Chứng thư số của cơ quan, tổ chức — the agency's seal (con dấu) signature.
    case organisation

    /// The certificate-policy OID that marks this kind.
    public var policyIdentifier: ASN1ObjectIdentifier {
        switch self {
        case .personal: return [1, 3, 6, 1, 4, 1, 0, 704, 1, 1]
        case .organisation: return [1, 3, 6, 1, 4, 1, 0, 704, 1, 2]
        }
    }

    /// Vietnamese name for display: "cá nhân" / "cơ quan, tổ chức".
    public var vietnameseName: String {
        switch self {
        case .personal: return "chữ ký số cá nhân"
        case .organisation: return "chữ ký số của cơ quan (con dấu)"
        }
    }

    /// English name for display.
    public var englishName: String {
        switch self {
        case .personal: return "personal signature"
        case .organisation: return "agency seal signature"
        }
    }

    /// The kind recorded in `certificate`, or nil when it carries none of our policy OIDs
    /// (for example a certificate from another CA) or the extension cannot be read.
    public init?(certificate: Certificate) {
        guard let ext = certificate.extensions[oid: OID.certificatePolicies],
              let policies = try? Self.parsePolicies(ext.value) else { return nil }
        for kind in CertificateKind.allCases where policies.contains(kind.policyIdentifier) {
            self = kind
            return
        }
        return nil
    }

    /// The certificate-policies extension for this kind (a single PolicyInformation without qualifiers).
    func policyExtension() throws -> Certificate.Extension {
        var coder = DER.Serializer()
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                try coder.serialize(policyIdentifier)
            }
        }
        return Certificate.Extension(oid: OID.certificatePolicies, critical: false, value: coder.serializedBytes[...])
    }

    static func parsePolicies(_ bytes: ArraySlice<UInt8>) throws -> [ASN1ObjectIdentifier] {
        let root = try DER.parse(bytes)
        return try DER.sequence(of: PolicyInformation.self, identifier: .sequence, rootNode: root).map(\.identifier)
    }

    private struct PolicyInformation: DERParseable {
        var identifier: ASN1ObjectIdentifier
        init(derEncoded node: ASN1Node) throws {
            identifier = try DER.sequence(node, identifier: .sequence) { nodes in
                let oid = try ASN1ObjectIdentifier(derEncoded: &nodes)
                while nodes.next() != nil {}  // qualifiers are ignored
                return oid
            }
        }
    }
}
