import Foundation
import Testing
import Crypto
import X509
import Signing

/// Interoperability with OpenSSL 3 both ways: the real `openssl` binary, no `-noverify`.
@Suite
struct OpenSSLInteropTests {
    @Test func openssl_verifies_a_cqs_signature() throws {
        var province = try Province()
        let official = try province.official()
        let signature = try DetachedSignature.sign(content: sampleDocument, certificate: official.certificate,
                                                   privateKey: official.privateKey, signingTime: province.now)
        let dir = try TemporaryDirectory()
        try dir.write("ca.pem", province.ca.certificatePEM)
        try dir.write("quyet-dinh.pdf", sampleDocument)
        try dir.write("quyet-dinh.pdf.p7s", signature)

        // With -purpose any (as the issue asks), and with openssl's default S/MIME-signing purpose.
        for purpose in [["-purpose", "any"], []] {
            let result = try OpenSSL.run(["cms", "-verify", "-binary", "-inform", "DER", "-in", "quyet-dinh.pdf.p7s",
                                          "-content", "quyet-dinh.pdf", "-CAfile", "ca.pem", "-out", "/dev/null"] + purpose,
                                         in: dir.url)
            #expect(result.succeeded, "openssl cms -verify \(purpose): \(result.all)")
            #expect(result.stderr.contains("Verification successful"))
        }

        // The signing time cqs wrote is the one openssl reads.
        let printed = try OpenSSL.run(["cms", "-cmsout", "-print", "-inform", "DER", "-in", "quyet-dinh.pdf.p7s"], in: dir.url)
        #expect(printed.succeeded)
        #expect(printed.stdout.contains("signingTime"))
        #expect(printed.stdout.contains("ecdsa-with-SHA256"))
    }

    @Test func openssl_rejects_a_cqs_signature_over_tampered_bytes() throws {
        var province = try Province()
        let official = try province.official()
        let signature = try DetachedSignature.sign(content: sampleDocument, certificate: official.certificate,
                                                   privateKey: official.privateKey, signingTime: province.now)
        let dir = try TemporaryDirectory()
        try dir.write("ca.pem", province.ca.certificatePEM)
        try dir.write("quyet-dinh.pdf", tampered(sampleDocument))
        try dir.write("quyet-dinh.pdf.p7s", signature)
        let result = try OpenSSL.run(["cms", "-verify", "-binary", "-inform", "DER", "-in", "quyet-dinh.pdf.p7s",
                                      "-content", "quyet-dinh.pdf", "-CAfile", "ca.pem", "-purpose", "any", "-out", "/dev/null"],
                                     in: dir.url)
        #expect(!result.succeeded)
        #expect(result.all.contains("Verification failure"), "\(result.all)")
    }

    @Test func openssl_rejects_a_cqs_signature_with_another_province_ca() throws {
        var province = try Province()
        let other = try Province(name: AuthorityName(commonName: "Hà Giang CA", organisation: "UBND tỉnh Hà Giang"))
        let official = try province.official()
        let signature = try DetachedSignature.sign(content: sampleDocument, certificate: official.certificate,
                                                   privateKey: official.privateKey, signingTime: province.now)
        let dir = try TemporaryDirectory()
        try dir.write("other-ca.pem", other.ca.certificatePEM)
        try dir.write("file.bin", sampleDocument)
        try dir.write("file.p7s", signature)
        let result = try OpenSSL.run(["cms", "-verify", "-binary", "-inform", "DER", "-in", "file.p7s",
                                      "-content", "file.bin", "-CAfile", "other-ca.pem", "-purpose", "any", "-out", "/dev/null"],
                                     in: dir.url)
        #expect(!result.succeeded)
        #expect(result.all.contains("unable to get local issuer certificate"), "\(result.all)")
    }

    @Test func cqs_verifies_an_openssl_signature() throws {
        var province = try Province()
        let official = try province.official("Trần Thị Bình")
        let dir = try TemporaryDirectory()
        try dir.write("cert.pem", official.certificatePEM)
        try dir.write("key.pem", official.privateKeyPEM)
        try dir.write("to-trinh.pdf", sampleDocument)
        let signed = try OpenSSL.run(["cms", "-sign", "-binary", "-in", "to-trinh.pdf", "-signer", "cert.pem",
                                      "-inkey", "key.pem", "-outform", "DER", "-out", "to-trinh.p7s"], in: dir.url)
        try #require(signed.succeeded, "openssl cms -sign: \(signed.all)")

        let result = DetachedSignature.verify(content: sampleDocument, signature: try dir.read("to-trinh.p7s"),
                                              trustedRoot: province.ca.certificate, revocations: province.ca.revocations)
        let signer = try #require(result.signer, "\(String(describing: result.failure?.englishMessage))")
        #expect(signer.commonName == "Trần Thị Bình")
        #expect(signer.organisation == "Sở Tư pháp tỉnh Tuyên Quang")
        #expect(signer.organisationalUnit == "Phòng Hành chính tư pháp")
        #expect(signer.kind == .personal)
        #expect(signer.serialNumber == official.record.serialNumber)
        #expect(abs(signer.signingTime.timeIntervalSinceNow) < 300, "openssl writes the current time as signingTime")
    }

    @Test func cqs_verifies_an_openssl_pem_signature() throws {
        var province = try Province()
        let seal = try province.seal()
        let dir = try TemporaryDirectory()
        try dir.write("cert.pem", seal.certificatePEM)
        try dir.write("key.pem", seal.privateKeyPEM)
        try dir.write("file.bin", sampleDocument)
        let signed = try OpenSSL.run(["cms", "-sign", "-binary", "-in", "file.bin", "-signer", "cert.pem",
                                      "-inkey", "key.pem", "-outform", "PEM", "-out", "file.p7s.pem"], in: dir.url)
        try #require(signed.succeeded, "\(signed.all)")
        let result = DetachedSignature.verify(content: sampleDocument, signature: try dir.read("file.p7s.pem"),
                                              trustedRoot: province.ca.certificate)
        #expect(result.signer?.kind == .organisation, "\(String(describing: result.failure))")
    }

    @Test func cqs_reports_tampering_of_an_openssl_signed_file() throws {
        var province = try Province()
        let official = try province.official()
        let dir = try TemporaryDirectory()
        try dir.write("cert.pem", official.certificatePEM)
        try dir.write("key.pem", official.privateKeyPEM)
        try dir.write("file.bin", sampleDocument)
        let signed = try OpenSSL.run(["cms", "-sign", "-binary", "-in", "file.bin", "-signer", "cert.pem",
                                      "-inkey", "key.pem", "-outform", "DER", "-out", "file.p7s"], in: dir.url)
        try #require(signed.succeeded, "\(signed.all)")
        let result = DetachedSignature.verify(content: tampered(sampleDocument), signature: try dir.read("file.p7s"),
                                              trustedRoot: province.ca.certificate)
        #expect(result == .invalid(.tampered))
        #expect(result.failure?.vietnameseMessage.contains("bị thay đổi sau khi ký") == true)
    }

    @Test func cqs_verifies_an_openssl_signature_without_signed_attributes() throws {
        var province = try Province()
        let official = try province.official()
        let dir = try TemporaryDirectory()
        try dir.write("cert.pem", official.certificatePEM)
        try dir.write("key.pem", official.privateKeyPEM)
        try dir.write("file.bin", sampleDocument)
        let signed = try OpenSSL.run(["cms", "-sign", "-binary", "-noattr", "-in", "file.bin", "-signer", "cert.pem",
                                      "-inkey", "key.pem", "-outform", "DER", "-out", "file.p7s"], in: dir.url)
        try #require(signed.succeeded, "\(signed.all)")
        let checkedAt = province.now
        let result = DetachedSignature.verify(content: sampleDocument, signature: try dir.read("file.p7s"),
                                              trustedRoot: province.ca.certificate, at: checkedAt)
        let signer = try #require(result.signer, "\(String(describing: result.failure))")
        #expect(abs(signer.signingTime.timeIntervalSince(checkedAt)) < 1, "no signing time: the check time stands in")
        #expect(DetachedSignature.verify(content: tampered(sampleDocument), signature: try dir.read("file.p7s"),
                                         trustedRoot: province.ca.certificate) == .invalid(.tampered))
    }

    @Test func cqs_verifies_an_openssl_rsa_signature_for_a_holder_generated_key() throws {
        var province = try Province()
        let dir = try TemporaryDirectory()
        let generated = try OpenSSL.run(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048",
                                         "-out", "rsa-key.pem"], in: dir.url)
        try #require(generated.succeeded, "\(generated.all)")
        let exported = try OpenSSL.run(["pkey", "-in", "rsa-key.pem", "-pubout", "-out", "rsa-pub.pem"], in: dir.url)
        try #require(exported.succeeded, "\(exported.all)")
        let publicKey = try Certificate.PublicKey(pemEncoded: String(decoding: try dir.read("rsa-pub.pem"), as: UTF8.self))
        let certificate = try province.ca.issue(
            kind: .personal, subject: CertificateSubject(commonName: "Bùi Thị Lan", organisation: "Sở Y tế tỉnh Tuyên Quang"),
            publicKey: publicKey, notBefore: province.now.addingTimeInterval(-Province.day),
            notAfter: province.now.addingTimeInterval(Province.day))
        try dir.write("rsa-cert.pem", try certificate.serializeAsPEM().pemString + "\n")
        try dir.write("file.bin", sampleDocument)
        let signed = try OpenSSL.run(["cms", "-sign", "-binary", "-in", "file.bin", "-signer", "rsa-cert.pem",
                                      "-inkey", "rsa-key.pem", "-outform", "DER", "-out", "file.p7s"], in: dir.url)
        try #require(signed.succeeded, "\(signed.all)")
        let result = DetachedSignature.verify(content: sampleDocument, signature: try dir.read("file.p7s"),
                                              trustedRoot: province.ca.certificate)
        #expect(result.signer?.commonName == "Bùi Thị Lan", "\(String(describing: result.failure))")
        #expect(DetachedSignature.verify(content: tampered(sampleDocument), signature: try dir.read("file.p7s"),
                                         trustedRoot: province.ca.certificate) == .invalid(.tampered))
    }

    @Test func openssl_accepts_certificates_issued_by_cqs() throws {
        var province = try Province()
        let official = try province.official()
        let dir = try TemporaryDirectory()
        try dir.write("ca.pem", province.ca.certificatePEM)
        try dir.write("cert.pem", official.certificatePEM)
        let verified = try OpenSSL.run(["verify", "-CAfile", "ca.pem", "cert.pem"], in: dir.url)
        #expect(verified.succeeded, "\(verified.all)")
        let ca = try OpenSSL.run(["x509", "-in", "ca.pem", "-noout", "-text"], in: dir.url)
        #expect(ca.stdout.contains("CA:TRUE"))
        #expect(ca.stdout.contains("Certificate Sign, CRL Sign"))
        let leaf = try OpenSSL.run(["x509", "-in", "cert.pem", "-noout", "-text", "-nameopt", "utf8"], in: dir.url)
        #expect(leaf.stdout.contains("Digital Signature, Non Repudiation"))
        #expect(leaf.stdout.contains("CA:FALSE"))
        #expect(leaf.stdout.contains("1.3.6.1.4.1.0.704.1.1"), "personal-kind policy OID")
        #expect(leaf.stdout.contains("Nguyễn Văn An"))
        let serial = try OpenSSL.run(["x509", "-in", "cert.pem", "-noout", "-serial"], in: dir.url)
        #expect(serial.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "serial=\(official.record.serialNumber)")
    }

    @Test func crl_verifies_with_openssl_and_lists_the_revoked_serial() throws {
        var province = try Province()
        let lost = try province.official("Lê Văn Cường")
        let retired = try province.official("Phạm Thị Dung")
        _ = try province.official("Hoàng Văn Em")
        try province.ca.revoke(serialNumber: lost.record.serialNumber, reason: .keyCompromise,
                               at: province.now.addingTimeInterval(-3600))
        try province.ca.revoke(serialNumber: retired.record.serialNumber, reason: .unspecified,
                               at: province.now.addingTimeInterval(-60))
        let crl = try province.ca.publishCRL(thisUpdate: province.now, nextUpdate: province.now.addingTimeInterval(7 * Province.day))
        #expect(crl.crlNumber == 1)

        let dir = try TemporaryDirectory()
        try dir.write("ca.pem", province.ca.certificatePEM)
        try dir.write("crl.pem", crl.pemEncoded)
        try dir.write("crl.der", crl.derEncoded)
        let verified = try OpenSSL.run(["crl", "-in", "crl.pem", "-CAfile", "ca.pem", "-noout"], in: dir.url)
        #expect(verified.succeeded, "\(verified.all)")
        #expect(verified.all.contains("verify OK"), "\(verified.all)")
        let derVerified = try OpenSSL.run(["crl", "-inform", "DER", "-in", "crl.der", "-CAfile", "ca.pem", "-noout"], in: dir.url)
        #expect(derVerified.all.contains("verify OK"), "\(derVerified.all)")

        let text = try OpenSSL.run(["crl", "-in", "crl.pem", "-noout", "-text"], in: dir.url)
        #expect(text.succeeded)
        #expect(text.stdout.contains("Version 2"))
        #expect(text.stdout.contains("Serial Number: \(lost.record.serialNumber)"), "\(text.stdout)")
        #expect(text.stdout.contains("Serial Number: \(retired.record.serialNumber)"))
        #expect(text.stdout.contains("Key Compromise"))
        #expect(text.stdout.contains("X509v3 CRL Number"))
        #expect(text.stdout.contains("X509v3 Authority Key Identifier"))

        // Another CA's certificate does not verify it.
        let other = try Province(name: AuthorityName(commonName: "Tuyên Quang CA", organisation: "UBND tỉnh Tuyên Quang",
                                                     province: "Tuyên Quang"))
        try dir.write("impostor.pem", other.ca.certificatePEM)
        let impostor = try OpenSSL.run(["crl", "-in", "crl.pem", "-CAfile", "impostor.pem", "-noout"], in: dir.url)
        #expect(impostor.all.contains("verify failure"), "\(impostor.all)")

        // cqs reads back what it published.
        let parsed = try CertificateRevocationList(pemEncoded: crl.pemEncoded)
        #expect(parsed == crl)
        #expect(Set(try parsed.verifiedRevocations(issuer: province.ca.certificate)) == Set(province.ca.revocations))
        #expect(throws: SigningError.self) { try parsed.verifiedRevocations(issuer: other.ca.certificate) }
    }

    @Test func openssl_refuses_a_revoked_certificate_with_the_cqs_crl() throws {
        var province = try Province()
        let official = try province.official()
        let signature = try DetachedSignature.sign(content: sampleDocument, certificate: official.certificate,
                                                   privateKey: official.privateKey, signingTime: province.now)
        try province.ca.revoke(serialNumber: official.record.serialNumber, reason: .keyCompromise,
                               at: province.now.addingTimeInterval(-60))
        let crl = try province.ca.publishCRL(thisUpdate: province.now.addingTimeInterval(-30),
                                             nextUpdate: province.now.addingTimeInterval(Province.day))
        let dir = try TemporaryDirectory()
        // openssl cms has no -CRLfile: the CRL goes into the CA file, which openssl reads for CRLs as well.
        try dir.write("ca-and-crl.pem", province.ca.certificatePEM + crl.pemEncoded)
        try dir.write("file.bin", sampleDocument)
        try dir.write("file.p7s", signature)
        let result = try OpenSSL.run(["cms", "-verify", "-binary", "-inform", "DER", "-in", "file.p7s", "-content", "file.bin",
                                      "-CAfile", "ca-and-crl.pem", "-crl_check", "-purpose", "any",
                                      "-out", "/dev/null"], in: dir.url)
        #expect(!result.succeeded)
        #expect(result.all.contains("certificate revoked"), "\(result.all)")

        // The same files without the revoked certificate's CRL entry verify (so the refusal is the CRL's doing).
        var fresh = try Province()
        let other = try fresh.official()
        let good = try DetachedSignature.sign(content: sampleDocument, certificate: other.certificate,
                                              privateKey: other.privateKey, signingTime: fresh.now)
        let emptyCRL = try fresh.ca.publishCRL(thisUpdate: fresh.now.addingTimeInterval(-30),
                                               nextUpdate: fresh.now.addingTimeInterval(Province.day))
        try dir.write("fresh.pem", fresh.ca.certificatePEM + emptyCRL.pemEncoded)
        try dir.write("good.p7s", good)
        let accepted = try OpenSSL.run(["cms", "-verify", "-binary", "-inform", "DER", "-in", "good.p7s", "-content", "file.bin",
                                        "-CAfile", "fresh.pem", "-crl_check", "-purpose", "any", "-out", "/dev/null"], in: dir.url)
        #expect(accepted.succeeded, "\(accepted.all)")
    }
}
