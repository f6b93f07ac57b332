import Foundation
import Testing
import Crypto
import X509
import Signing

/// The CA's keys at rest, its persistent state, issuing and revoking.
struct AuthorityAndKeyTests {
    @Test func encrypted_key_round_trips() throws {
        let key = P256.Signing.PrivateKey()
        let sealed = try EncryptedKey.seal(key, passphrase: "Mật khẩu rất dài 123", rounds: 1_000)
        let stored = try sealed.serialized()
        let reopened = try EncryptedKey(serialized: stored)
        #expect(reopened == sealed)
        #expect(try reopened.openSigningKey(passphrase: "Mật khẩu rất dài 123").rawRepresentation == key.rawRepresentation)
        #expect(stored.range(of: key.rawRepresentation) == nil, "no plaintext key in the stored form")
        #expect(sealed.scheme == EncryptedKey.scheme)
        #expect(sealed.salt.count == 16)

        // Two seals of the same key differ (random salt and nonce).
        let again = try EncryptedKey.seal(key, passphrase: "Mật khẩu rất dài 123", rounds: 1_000)
        #expect(again.sealedBox != sealed.sealedBox)
    }

    @Test func encrypted_key_with_default_rounds_round_trips() throws {
        let secret = Data("bí mật".utf8)
        let sealed = try EncryptedKey.seal(secret, passphrase: "quản trị")
        #expect(sealed.rounds == EncryptedKey.defaultRounds)
        #expect(try sealed.open(passphrase: "quản trị") == secret)
    }

    @Test func wrong_passphrase_is_refused() throws {
        let sealed = try EncryptedKey.seal(P256.Signing.PrivateKey(), passphrase: "đúng mật khẩu", rounds: 1_000)
        #expect(throws: SigningError.wrongPassphrase) { try sealed.openSigningKey(passphrase: "sai mật khẩu") }
        #expect(SigningError.wrongPassphrase.vietnameseMessage == "Mật khẩu không đúng: không mở được khóa bí mật.")
        #expect(SigningError.wrongPassphrase.englishMessage.contains("Wrong passphrase"))

        // Downgrading the stored round count is detected as well (it is authenticated).
        var downgraded = sealed
        downgraded.rounds = 2_000
        #expect(throws: SigningError.wrongPassphrase) { try downgraded.open(passphrase: "đúng mật khẩu") }

        #expect(throws: SigningError.emptyPassphrase) { try sealed.open(passphrase: "") }
        #expect(throws: SigningError.self) { try EncryptedKey(serialized: Data("{}".utf8)) }
    }

    @Test func passphrase_is_compared_after_unicode_normalisation() throws {
        let composed = "Tuyên Quang"                       // NFC, as typed on most keyboards
        let decomposed = composed.decomposedStringWithCanonicalMapping  // NFD, as some systems send it
        #expect(Array(composed.utf8) != Array(decomposed.utf8))
        let sealed = try EncryptedKey.seal(Data([1, 2, 3]), passphrase: composed, rounds: 1_000)
        #expect(try sealed.open(passphrase: decomposed) == Data([1, 2, 3]))
    }

    @Test func authority_state_round_trips_and_unlocks_with_the_passphrase() throws {
        var province = try Province()
        let official = try province.official()
        try province.ca.revoke(serialNumber: official.record.serialNumber, reason: .superseded, at: province.now)
        _ = try province.ca.publishCRL(thisUpdate: province.now, nextUpdate: province.now.addingTimeInterval(Province.day))

        let json = try JSONEncoder().encode(province.ca.state)
        let state = try JSONDecoder().decode(ProvinceCertificateAuthority.State.self, from: json)
        #expect(state == province.ca.state)
        #expect(state.issued.count == 1)
        #expect(state.revoked.count == 1)
        #expect(state.lastCRLNumber == 1)
        #expect(!String(decoding: json, as: UTF8.self).contains("PRIVATE KEY"))

        #expect(throws: SigningError.wrongPassphrase) {
            try ProvinceCertificateAuthority(state: state, passphrase: "không phải mật khẩu")
        }
        var reopened = try ProvinceCertificateAuthority(state: state, passphrase: Province.passphrase)
        #expect(reopened.certificate == province.ca.certificate)
        let seal = try reopened.issueWithNewKey(
            kind: .organisation, subject: CertificateSubject(commonName: "Sở Nội vụ tỉnh Tuyên Quang", organisation: "UBND tỉnh Tuyên Quang"),
            notBefore: province.now, notAfter: province.now.addingTimeInterval(Province.day))
        #expect(CertificateKind(certificate: seal.certificate) == .organisation)
        let crl = try reopened.publishCRL(thisUpdate: province.now, nextUpdate: province.now.addingTimeInterval(Province.day))
        #expect(crl.crlNumber == 2)

        // Changing the passphrase re-encrypts the key.
        try reopened.changePassphrase(to: "mật khẩu mới", rounds: 1_000)
        #expect(throws: SigningError.wrongPassphrase) {
            try ProvinceCertificateAuthority(state: reopened.state, passphrase: Province.passphrase)
        }
        _ = try ProvinceCertificateAuthority(state: reopened.state, passphrase: "mật khẩu mới")
    }

    @Test func ca_certificate_has_the_province_name_and_ca_extensions() throws {
        let province = try Province()
        let certificate = province.ca.certificate
        #expect(certificate.subject == certificate.issuer)
        #expect(certificate.subject.description.contains("CN=Tuyên Quang CA"))
        #expect(certificate.subject.description.contains("O=UBND tỉnh Tuyên Quang"))
        #expect(certificate.subject.description.contains("C=VN"))
        #expect(try certificate.extensions.basicConstraints == .isCertificateAuthority(maxPathLength: 0))
        let usage = try #require(try certificate.extensions.keyUsage)
        #expect(usage.keyCertSign && usage.cRLSign && !usage.digitalSignature)
        #expect(CertificateKind(certificate: certificate) == nil)
    }

    @Test func issued_certificates_carry_their_kind_subject_and_validity() throws {
        var province = try Province()
        let official = try province.official("Đỗ Thị Giang")
        let seal = try province.seal()
        #expect(CertificateKind(certificate: official.certificate) == .personal)
        #expect(CertificateKind(certificate: seal.certificate) == .organisation)
        #expect(official.certificate.issuer == province.ca.certificate.subject)
        #expect(official.certificate.subject.description.contains("CN=Đỗ Thị Giang"))
        #expect(official.certificate.subject.description.contains("OU=Phòng Hành chính tư pháp"))
        let usage = try #require(try official.certificate.extensions.keyUsage)
        #expect(usage.digitalSignature && usage.nonRepudiation && !usage.keyCertSign)
        #expect(try official.certificate.extensions.basicConstraints == .notCertificateAuthority)
        #expect(official.record.serialNumber != seal.record.serialNumber)
        #expect(province.ca.issuedCertificate(serialNumber: official.record.serialNumber.lowercased()) == official.record)
        #expect(try official.record.certificate() == official.certificate)
    }

    @Test func issuing_outside_the_ca_validity_or_with_reversed_dates_is_refused() throws {
        var province = try Province()
        #expect(throws: SigningError.self) {
            _ = try province.official(notBefore: province.now, notAfter: province.now.addingTimeInterval(-1))
        }
        #expect(throws: SigningError.self) {
            _ = try province.official(notBefore: province.now, notAfter: province.now.addingTimeInterval(50 * 365 * Province.day))
        }
    }

    @Test func revoking_an_unknown_or_already_revoked_serial_is_refused() throws {
        var province = try Province()
        let official = try province.official()
        #expect(throws: SigningError.unknownSerialNumber("0BADC0DE")) {
            try province.ca.revoke(serialNumber: "0BADC0DE", reason: .keyCompromise, at: province.now)
        }
        // Any hex spelling of the serial works.
        let spelled = official.record.serialNumber.lowercased()
        let revocation = try province.ca.revoke(serialNumber: spelled, reason: .affiliationChanged, at: province.now)
        #expect(revocation.serialNumber == official.record.serialNumber)
        #expect(throws: SigningError.alreadyRevoked(official.record.serialNumber)) {
            try province.ca.revoke(serialNumber: official.record.serialNumber, reason: .keyCompromise, at: province.now)
        }
    }
}
