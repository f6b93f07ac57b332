import Foundation
import Testing
import Crypto
import X509
import Signing

/// cqs verifying signatures: each failure has its own reason and a message a clerk understands.
struct VerificationTests {
    @Test func cqs_verifies_its_own_signature_and_names_the_signer() throws {
        var province = try Province()
        let official = try province.official()
        let signingTime = province.now.addingTimeInterval(-120)
        let signature = try DetachedSignature.sign(content: sampleDocument, certificate: official.certificate,
                                                   privateKey: official.privateKey, signingTime: signingTime)
        let result = DetachedSignature.verify(content: sampleDocument, signature: signature,
                                              trustedRoot: province.ca.certificate, revocations: province.ca.revocations)
        let signer = try #require(result.signer)
        #expect(signer.commonName == "Nguyễn Văn An")
        #expect(signer.kind == .personal)
        #expect(signer.serialNumber == official.record.serialNumber)
        #expect(signer.signingTime == Date(timeIntervalSince1970: signingTime.timeIntervalSince1970.rounded(.down)))
        #expect(signer.certificate == official.certificate)
    }

    @Test func tampered_bytes_are_reported_as_tampered() throws {
        var province = try Province()
        let official = try province.official()
        let signature = try DetachedSignature.sign(content: sampleDocument, certificate: official.certificate,
                                                   privateKey: official.privateKey, signingTime: province.now)
        let result = DetachedSignature.verify(content: tampered(sampleDocument), signature: signature,
                                              trustedRoot: province.ca.certificate)
        #expect(result == .invalid(.tampered))
        let failure = try #require(result.failure)
        #expect(failure.vietnameseMessage.contains("Tệp đã bị thay đổi sau khi ký"))
        #expect(failure.englishMessage.contains("changed after it was signed"))

        // A truncated or extended file, and an altered signature value, are tampering too.
        #expect(DetachedSignature.verify(content: sampleDocument.dropLast(), signature: signature,
                                         trustedRoot: province.ca.certificate) == .invalid(.tampered))
        var altered = signature
        altered[altered.count - 5] ^= 0x40
        #expect(DetachedSignature.verify(content: sampleDocument, signature: altered,
                                         trustedRoot: province.ca.certificate).isValid == false)
    }

    @Test func signature_from_another_ca_is_untrusted() throws {
        let province = try Province()
        var other = try Province(name: AuthorityName(commonName: "Tuyên Quang CA", organisation: "UBND tỉnh Tuyên Quang",
                                                     province: "Tuyên Quang"))  // same name, different key
        let impostor = try other.official()
        let signature = try DetachedSignature.sign(content: sampleDocument, certificate: impostor.certificate,
                                                   privateKey: impostor.privateKey, signingTime: province.now)
        let result = DetachedSignature.verify(content: sampleDocument, signature: signature,
                                              trustedRoot: province.ca.certificate)
        #expect(result == .invalid(.untrustedSigner))
        let failure = try #require(result.failure)
        #expect(failure.vietnameseMessage.contains("không do Cơ quan chứng thực của tỉnh cấp"))
        #expect(failure.englishMessage.contains("not issued by the province certificate authority"))

        // Self-signed certificate with the official's name: untrusted as well.
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName { CommonName("Nguyễn Văn An") }
        let selfSigned = try Certificate(version: .v3, serialNumber: .init(), publicKey: .init(key.publicKey),
                                         notValidBefore: province.now.addingTimeInterval(-Province.day),
                                         notValidAfter: province.now.addingTimeInterval(Province.day),
                                         issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
                                         extensions: Certificate.Extensions(), issuerPrivateKey: .init(key))
        let forged = try DetachedSignature.sign(content: sampleDocument, certificate: selfSigned, privateKey: key,
                                                signingTime: province.now)
        #expect(DetachedSignature.verify(content: sampleDocument, signature: forged,
                                         trustedRoot: province.ca.certificate) == .invalid(.untrustedSigner))
    }

    @Test func revoked_certificate_is_refused() throws {
        var province = try Province()
        let official = try province.official()
        let signingTime = province.now.addingTimeInterval(-7 * Province.day)
        let signature = try DetachedSignature.sign(content: sampleDocument, certificate: official.certificate,
                                                   privateKey: official.privateKey, signingTime: signingTime)
        let revokedAt = province.now.addingTimeInterval(-Province.day)
        try province.ca.revoke(serialNumber: official.record.serialNumber, reason: .keyCompromise, at: revokedAt)

        // Key compromise: refused even though the claimed signing time precedes the revocation.
        let result = DetachedSignature.verify(content: sampleDocument, signature: signature,
                                              trustedRoot: province.ca.certificate, revocations: province.ca.revocations,
                                              at: province.now)
        let expectedDate = Date(timeIntervalSince1970: revokedAt.timeIntervalSince1970.rounded(.down))
        #expect(result == .invalid(.revoked(date: expectedDate, reason: .keyCompromise)))
        let failure = try #require(result.failure)
        #expect(failure.vietnameseMessage.contains("đã bị thu hồi ngày"))
        #expect(failure.vietnameseMessage.contains("lộ khóa bí mật"))
        #expect(failure.englishMessage.contains("revoked"))

        // The same answer from the published, signed CRL.
        let crl = try province.ca.publishCRL(thisUpdate: province.now, nextUpdate: province.now.addingTimeInterval(Province.day))
        let fromCRL = try CertificateRevocationList(derEncoded: crl.derEncoded).verifiedRevocations(issuer: province.ca.certificate)
        #expect(DetachedSignature.verify(content: sampleDocument, signature: signature, trustedRoot: province.ca.certificate,
                                         revocations: fromCRL, at: province.now) == result)

        // Checked at a time before the revocation was made, the signature was still good.
        #expect(DetachedSignature.verify(content: sampleDocument, signature: signature, trustedRoot: province.ca.certificate,
                                         revocations: province.ca.revocations,
                                         at: province.now.addingTimeInterval(-2 * Province.day)).isValid)
    }

    @Test func signatures_made_before_a_retirement_revocation_stay_valid() throws {
        var province = try Province()
        let official = try province.official()
        let before = try DetachedSignature.sign(content: sampleDocument, certificate: official.certificate,
                                                privateKey: official.privateKey,
                                                signingTime: province.now.addingTimeInterval(-10 * Province.day))
        let after = try DetachedSignature.sign(content: sampleDocument, certificate: official.certificate,
                                               privateKey: official.privateKey,
                                               signingTime: province.now.addingTimeInterval(-Province.day))
        try province.ca.revoke(serialNumber: official.record.serialNumber, reason: .cessationOfOperation,
                               at: province.now.addingTimeInterval(-5 * Province.day))
        let revocations = province.ca.revocations
        #expect(DetachedSignature.verify(content: sampleDocument, signature: before, trustedRoot: province.ca.certificate,
                                         revocations: revocations, at: province.now).isValid)
        let refused = DetachedSignature.verify(content: sampleDocument, signature: after, trustedRoot: province.ca.certificate,
                                               revocations: revocations, at: province.now)
        #expect(refused.failure?.vietnameseMessage.contains("chấm dứt hoạt động") == true, "\(refused)")
    }

    @Test func expired_certificate_is_refused() throws {
        var province = try Province()
        let notBefore = province.now.addingTimeInterval(-300 * Province.day)
        let notAfter = province.now.addingTimeInterval(-200 * Province.day)
        let official = try province.official(notBefore: notBefore, notAfter: notAfter)
        let signingTime = province.now.addingTimeInterval(-100 * Province.day)
        let signature = try DetachedSignature.sign(content: sampleDocument, certificate: official.certificate,
                                                   privateKey: official.privateKey, signingTime: signingTime)
        let result = DetachedSignature.verify(content: sampleDocument, signature: signature,
                                              trustedRoot: province.ca.certificate, at: province.now)
        guard case .invalid(.expired(let from, let until, let when)) = result else {
            Issue.record("expected .expired, got \(result)")
            return
        }
        #expect(from == official.certificate.notValidBefore)
        #expect(until == official.certificate.notValidAfter)
        #expect(abs(when.timeIntervalSince(signingTime)) < 1)
        let failure = try #require(result.failure)
        #expect(failure.vietnameseMessage.contains("đã hết hạn tại thời điểm ký"))
        #expect(failure.englishMessage.contains("not valid when the file was signed"))

        // A signature made while it was valid still verifies after expiry (validity counts at the signing time).
        let inTime = try DetachedSignature.sign(content: sampleDocument, certificate: official.certificate,
                                                privateKey: official.privateKey,
                                                signingTime: province.now.addingTimeInterval(-250 * Province.day))
        #expect(DetachedSignature.verify(content: sampleDocument, signature: inTime, trustedRoot: province.ca.certificate,
                                         at: province.now).isValid)

        // Before notBefore: "not yet valid" wording.
        let early = try DetachedSignature.sign(content: sampleDocument, certificate: official.certificate,
                                               privateKey: official.privateKey,
                                               signingTime: province.now.addingTimeInterval(-400 * Province.day))
        let earlyResult = DetachedSignature.verify(content: sampleDocument, signature: early, trustedRoot: province.ca.certificate)
        #expect(earlyResult.failure?.vietnameseMessage.contains("chưa có hiệu lực") == true)
    }

    @Test func malformed_signature_is_reported() throws {
        let province = try Province()
        for garbage in [Data(), Data("not a signature".utf8), Data([0x30, 0x03, 0x02, 0x01, 0x01]),
                        Data("-----BEGIN CMS-----\nAAAA\n-----END CMS-----\n".utf8)] {
            let result = DetachedSignature.verify(content: sampleDocument, signature: garbage,
                                                  trustedRoot: province.ca.certificate)
            guard case .invalid(.malformed) = result else {
                Issue.record("expected .malformed for \(garbage as NSData), got \(result)")
                continue
            }
            #expect(result.failure?.vietnameseMessage.contains("bị hỏng hoặc không đúng định dạng") == true)
        }
    }

    @Test func corrupting_any_byte_of_a_signature_never_crashes_or_changes_the_signer() throws {
        var province = try Province()
        let official = try province.official()
        let signature = try DetachedSignature.sign(content: sampleDocument, certificate: official.certificate,
                                                   privateKey: official.privateKey, signingTime: province.now)
        var stillValid = 0
        for index in signature.indices {
            for flip: UInt8 in [0x01, 0x80] {
                var corrupted = signature
                corrupted[index] ^= flip
                let result = DetachedSignature.verify(content: sampleDocument, signature: corrupted,
                                                      trustedRoot: province.ca.certificate)
                if let signer = result.signer {
                    // Only fields outside what is signed (e.g. the SignedData version) may change harmlessly.
                    #expect(signer.serialNumber == official.record.serialNumber)
                    stillValid += 1
                }
            }
        }
        #expect(stillValid < signature.count / 10, "almost every byte is covered by a signature")
        // Truncations too.
        for length in stride(from: 0, to: signature.count, by: 7) {
            #expect(!DetachedSignature.verify(content: sampleDocument, signature: signature.prefix(length),
                                              trustedRoot: province.ca.certificate).isValid)
        }
    }

    @Test func signing_with_a_key_that_does_not_match_the_certificate_is_refused() throws {
        var province = try Province()
        let official = try province.official()
        #expect(throws: SigningError.keyDoesNotMatchCertificate) {
            try DetachedSignature.sign(content: sampleDocument, certificate: official.certificate,
                                       privateKey: P256.Signing.PrivateKey(), signingTime: province.now)
        }
    }
}
