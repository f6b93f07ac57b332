import Foundation
@preconcurrency import Crypto
import SwiftASN1
import X509

/// Tên của cơ quan chứng thực — the CA's distinguished name.
public struct AuthorityName: Codable, Sendable, Equatable {
    /// CN, e.g. "Tuyên Quang CA".
    public var commonName: String
    /// O, e.g. "UBND tỉnh Tuyên Quang".
    public var organisation: String
    /// ST (tỉnh), optional.
    public var province: String?
    /// C, two letters.
    public var country: String

    public init(commonName: String, organisation: String, province: String? = nil, country: String = "VN") {
        self.commonName = commonName
        self.organisation = organisation
        self.province = province
        self.country = country
    }

    /// The demo province: CN=Tuyên Quang CA, O=UBND tỉnh Tuyên Quang, ST=Tuyên Quang, C=VN.
    public static let tuyenQuang = AuthorityName(commonName: "Tuyên Quang CA", organisation: "UBND tỉnh Tuyên Quang",
                                                 province: "Tuyên Quang", country: "VN")

    func distinguishedName() throws -> DistinguishedName {
        try DistinguishedName {
            CountryName(country)
            if let province { StateOrProvinceName(province) }
            OrganizationName(organisation)
            CommonName(commonName)
        }
    }
}

/// Chủ thể chứng thư số — who a certificate is issued to: an official (CN = full name, O = agency,
/// OU = department) or an agency seal (CN = the agency's name, O = the agency or its parent).
public struct CertificateSubject: Codable, Sendable, Equatable {
    /// CN: họ và tên, or the agency's name for a seal.
    public var commonName: String
    /// O: cơ quan.
    public var organisation: String
    /// OU: phòng, ban (optional).
    public var organisationalUnit: String?
    /// C, two letters.
    public var country: String

    public init(commonName: String, organisation: String, organisationalUnit: String? = nil, country: String = "VN") {
        self.commonName = commonName
        self.organisation = organisation
        self.organisationalUnit = organisationalUnit
        self.country = country
    }

    func distinguishedName() throws -> DistinguishedName {
        try DistinguishedName {
            CountryName(country)
            OrganizationName(organisation)
            if let organisationalUnit { OrganizationalUnitName(organisationalUnit) }
            CommonName(commonName)
        }
    }
}

/// Hồ sơ một chứng thư số đã cấp — the CA's record of one issued certificate.
public struct IssuedCertificate: Codable, Sendable, Equatable {
    /// Serial number, upper-case hexadecimal.
    public var serialNumber: String
    public var kind: CertificateKind
    public var subject: CertificateSubject
    public var notBefore: Date
    public var notAfter: Date
    /// When the CA issued it.
    public var issuedAt: Date
    /// The certificate, PEM.
    public var certificatePEM: String

    /// The parsed certificate.
    public func certificate() throws -> Certificate {
        do { return try Certificate(pemEncoded: certificatePEM) } catch { throw SigningError.malformedKey("certificate PEM") }
    }
}

/// A newly issued certificate together with the private key the CA generated for it.
public struct IssuedCredential: Sendable {
    public var certificate: Certificate
    public var privateKey: P256.Signing.PrivateKey
    public var record: IssuedCertificate

    /// Certificate PEM (`-----BEGIN CERTIFICATE-----`).
    public var certificatePEM: String { record.certificatePEM }
    /// Private key PEM, PKCS#8 unencrypted (`-----BEGIN PRIVATE KEY-----`) — for export to a token or openssl only.
    public var privateKeyPEM: String { privateKey.pemRepresentation.withFinalNewline }

    /// The private key sealed under the holder's passphrase, for storage.
    public func encryptedPrivateKey(passphrase: String, rounds: Int = EncryptedKey.defaultRounds) throws -> EncryptedKey {
        try EncryptedKey.seal(privateKey, passphrase: passphrase, rounds: rounds)
    }
}

/// Cơ quan chứng thực chữ ký số của tỉnh — the province's small certificate authority.
///
/// Keys are ECDSA P-256; certificates and CRLs are signed `ecdsa-with-SHA256`. The root key exists in
/// plaintext only inside an unlocked value; ``state`` (what storage persists) holds it as an
/// ``EncryptedKey`` under the administrator's passphrase.
///
/// Certificates issued: X.509 v3, random 20-byte serial, validity chosen by the caller (within the CA's),
/// basicConstraints CA:false (critical), keyUsage digitalSignature + nonRepudiation (critical),
/// subject and authority key identifiers, and the kind's certificate policy (see ``CertificateKind``).
public struct ProvinceCertificateAuthority: Sendable {
    /// Trạng thái lưu trữ — everything storage must keep; contains no plaintext key.
    public struct State: Codable, Sendable, Equatable {
        /// The CA certificate, PEM.
        public var certificatePEM: String
        /// The CA private key, encrypted under the administrator's passphrase.
        public var encryptedKey: EncryptedKey
        /// Every certificate issued, oldest first.
        public var issued: [IssuedCertificate]
        /// Every revocation, oldest first.
        public var revoked: [Revocation]
        /// The number of the last CRL produced (0 before the first).
        public var lastCRLNumber: Int

        public init(certificatePEM: String, encryptedKey: EncryptedKey, issued: [IssuedCertificate] = [],
                    revoked: [Revocation] = [], lastCRLNumber: Int = 0) {
            self.certificatePEM = certificatePEM
            self.encryptedKey = encryptedKey
            self.issued = issued
            self.revoked = revoked
            self.lastCRLNumber = lastCRLNumber
        }
    }

    /// The persistent state; save it after every mutating call.
    public private(set) var state: State
    /// Chứng thư số gốc của tỉnh — the CA certificate (trust anchor for verification).
    public let certificate: Certificate
    private let key: P256.Signing.PrivateKey

    /// The CA certificate, PEM (what `openssl -CAfile` takes).
    public var certificatePEM: String { state.certificatePEM }
    /// Every revocation recorded (pass to ``DetachedSignature/verify(content:signature:trustedRoot:revocations:at:)``).
    public var revocations: [Revocation] { state.revoked }

    /// Khởi tạo — creates the CA: a new P-256 root key and a self-signed certificate with basicConstraints
    /// CA:true (critical), keyUsage keyCertSign + cRLSign (critical) and a subject key identifier.
    /// - Parameters:
    ///   - passphrase: the administrator's passphrase that encrypts the root key at rest.
    ///   - keyDerivationRounds: PBKDF2 rounds for that encryption (lower only in tests).
    public static func initialise(name: AuthorityName = .tuyenQuang, passphrase: String, validFrom: Date, validUntil: Date,
                                  keyDerivationRounds: Int = EncryptedKey.defaultRounds) throws -> ProvinceCertificateAuthority {
        guard validUntil > validFrom else { throw SigningError.invalidValidity("validUntil must be after validFrom") }
        let key = P256.Signing.PrivateKey()
        let publicKey = Certificate.PublicKey(key.publicKey)
        do {
            let dn = try name.distinguishedName()
            let extensions = try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(hash: publicKey)
            }
            let certificate = try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: publicKey,
                notValidBefore: ASN1TimeCoding.wholeSeconds(validFrom), notValidAfter: ASN1TimeCoding.wholeSeconds(validUntil),
                issuer: dn, subject: dn, signatureAlgorithm: .ecdsaWithSHA256, extensions: extensions,
                issuerPrivateKey: Certificate.PrivateKey(key))
            let pem = try certificate.serializeAsPEM().pemString.withFinalNewline
            let sealed = try EncryptedKey.seal(key, passphrase: passphrase, rounds: keyDerivationRounds)
            return ProvinceCertificateAuthority(state: State(certificatePEM: pem, encryptedKey: sealed),
                                                certificate: certificate, key: key)
        } catch let error as SigningError {
            throw error
        } catch {
            throw SigningError.encodingFailed("CA certificate: \(error)")
        }
    }

    /// Mở khóa — opens a stored CA with the administrator's passphrase.
    /// Throws ``SigningError/wrongPassphrase`` or ``SigningError/malformedKey(_:)``.
    public init(state: State, passphrase: String) throws {
        let key = try state.encryptedKey.openSigningKey(passphrase: passphrase)
        let certificate: Certificate
        do { certificate = try Certificate(pemEncoded: state.certificatePEM) } catch {
            throw SigningError.malformedKey("CA certificate PEM")
        }
        guard Certificate.PublicKey(key.publicKey) == certificate.publicKey else {
            throw SigningError.keyDoesNotMatchCertificate
        }
        self.init(state: state, certificate: certificate, key: key)
    }

    private init(state: State, certificate: Certificate, key: P256.Signing.PrivateKey) {
        self.state = state
        self.certificate = certificate
        self.key = key
    }

    /// Cấp chứng thư số — issues a certificate for `publicKey` (a key the holder generated).
    /// `notBefore`/`notAfter` must lie within the CA's validity (tests may choose a period in the past).
    public mutating func issue(kind: CertificateKind, subject: CertificateSubject, publicKey: Certificate.PublicKey,
                               notBefore: Date, notAfter: Date, issuedAt: Date = Date()) throws -> Certificate {
        let notBefore = ASN1TimeCoding.wholeSeconds(notBefore)
        let notAfter = ASN1TimeCoding.wholeSeconds(notAfter)
        guard notAfter > notBefore else { throw SigningError.invalidValidity("notAfter must be after notBefore") }
        guard notBefore >= certificate.notValidBefore, notAfter <= certificate.notValidAfter else {
            throw SigningError.invalidValidity("outside the CA's own validity")
        }
        do {
            var serial = Certificate.SerialNumber()
            while state.issued.contains(where: { $0.serialNumber == SerialNumberText.hex(serial) }) {
                serial = Certificate.SerialNumber()
            }
            let caKeyIdentifier = try certificate.extensions.subjectKeyIdentifier?.keyIdentifier
            let extensions = try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true, nonRepudiation: true))
                SubjectKeyIdentifier(hash: publicKey)
                AuthorityKeyIdentifier(keyIdentifier: caKeyIdentifier)
                try kind.policyExtension()
            }
            let issued = try Certificate(
                version: .v3, serialNumber: serial, publicKey: publicKey,
                notValidBefore: notBefore, notValidAfter: notAfter,
                issuer: certificate.subject, subject: try subject.distinguishedName(),
                signatureAlgorithm: .ecdsaWithSHA256, extensions: extensions,
                issuerPrivateKey: Certificate.PrivateKey(key))
            state.issued.append(IssuedCertificate(
                serialNumber: SerialNumberText.hex(serial), kind: kind, subject: subject,
                notBefore: notBefore, notAfter: notAfter, issuedAt: issuedAt,
                certificatePEM: try issued.serializeAsPEM().pemString.withFinalNewline))
            return issued
        } catch let error as SigningError {
            throw error
        } catch {
            throw SigningError.encodingFailed("certificate: \(error)")
        }
    }

    /// Cấp chứng thư số kèm khóa mới — generates a P-256 key for the holder and issues its certificate.
    public mutating func issueWithNewKey(kind: CertificateKind, subject: CertificateSubject,
                                         notBefore: Date, notAfter: Date, issuedAt: Date = Date()) throws -> IssuedCredential {
        let privateKey = P256.Signing.PrivateKey()
        let certificate = try issue(kind: kind, subject: subject, publicKey: Certificate.PublicKey(privateKey.publicKey),
                                    notBefore: notBefore, notAfter: notAfter, issuedAt: issuedAt)
        guard let record = state.issued.last else { throw SigningError.encodingFailed("issued record") }
        return IssuedCredential(certificate: certificate, privateKey: privateKey, record: record)
    }

    /// Thu hồi chứng thư số — revokes the certificate with `serialNumber` (any hex spelling).
    @discardableResult
    public mutating func revoke(serialNumber: String, reason: RevocationReason, at date: Date) throws -> Revocation {
        guard let serial = SerialNumberText.normalised(serialNumber),
              state.issued.contains(where: { $0.serialNumber == serial }) else {
            throw SigningError.unknownSerialNumber(serialNumber)
        }
        guard !state.revoked.contains(where: { $0.serialNumber == serial }) else {
            throw SigningError.alreadyRevoked(serial)
        }
        let revocation = Revocation(serialNumber: serial, date: date, reason: reason)
        state.revoked.append(revocation)
        return revocation
    }

    /// Phát hành CRL — signs a new CRL listing every revocation dated at or before `thisUpdate`,
    /// with the next cRLNumber.
    public mutating func publishCRL(thisUpdate: Date, nextUpdate: Date) throws -> CertificateRevocationList {
        let number = state.lastCRLNumber + 1
        let crl = try CertificateRevocationList.make(
            issuer: certificate, key: key, revocations: state.revoked.filter { $0.date <= thisUpdate },
            thisUpdate: ASN1TimeCoding.wholeSeconds(thisUpdate), nextUpdate: ASN1TimeCoding.wholeSeconds(nextUpdate),
            number: number)
        state.lastCRLNumber = number
        return crl
    }

    /// The record of an issued certificate.
    public func issuedCertificate(serialNumber: String) -> IssuedCertificate? {
        guard let serial = SerialNumberText.normalised(serialNumber) else { return nil }
        return state.issued.first { $0.serialNumber == serial }
    }

    /// Đổi mật khẩu — re-encrypts the root key under a new passphrase.
    public mutating func changePassphrase(to newPassphrase: String, rounds: Int = EncryptedKey.defaultRounds) throws {
        state.encryptedKey = try EncryptedKey.seal(key, passphrase: newPassphrase, rounds: rounds)
    }
}
