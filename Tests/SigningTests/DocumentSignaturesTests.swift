import Foundation
import Testing
import Crypto
import X509
import Signing

/// A document carries the official's personal signature, then the agency's seal signature.
struct DocumentSignaturesTests {
    @Test func personal_then_seal_signatures_verify() throws {
        var province = try Province()
        let official = try province.official("Nguyễn Văn An")
        let seal = try province.seal("Sở Tư pháp tỉnh Tuyên Quang")
        var signatures = DocumentSignatures()
        try signatures.signPersonally(content: sampleDocument, certificate: official.certificate,
                                      privateKey: official.privateKey, signingTime: province.now.addingTimeInterval(-600))
        try signatures.applySeal(content: sampleDocument, certificate: seal.certificate,
                                 privateKey: seal.privateKey, signingTime: province.now.addingTimeInterval(-300))

        // Persisted and read back (e.g. as JSON beside the file).
        let stored = try JSONDecoder().decode(DocumentSignatures.self, from: JSONEncoder().encode(signatures))
        let result = stored.verify(content: sampleDocument, trustedRoot: province.ca.certificate,
                                   revocations: province.ca.revocations)
        guard case .valid(let person, let agency) = result else {
            Issue.record("expected valid, got \(result): \(result.failure?.englishMessage ?? "")")
            return
        }
        #expect(person.commonName == "Nguyễn Văn An")
        #expect(agency.commonName == "Sở Tư pháp tỉnh Tuyên Quang")
        #expect(agency.signingTime > person.signingTime)

        // Signed at the same second: accepted.
        var sameSecond = DocumentSignatures()
        try sameSecond.signPersonally(content: sampleDocument, certificate: official.certificate,
                                      privateKey: official.privateKey, signingTime: province.now)
        try sameSecond.applySeal(content: sampleDocument, certificate: seal.certificate,
                                 privateKey: seal.privateKey, signingTime: province.now)
        #expect(sameSecond.verify(content: sampleDocument, trustedRoot: province.ca.certificate).isValid)
    }

    @Test func seal_before_personal_signature_is_refused() throws {
        var province = try Province()
        let official = try province.official()
        let seal = try province.seal()
        var signatures = DocumentSignatures()
        try signatures.applySeal(content: sampleDocument, certificate: seal.certificate,
                                 privateKey: seal.privateKey, signingTime: province.now.addingTimeInterval(-3600))
        try signatures.signPersonally(content: sampleDocument, certificate: official.certificate,
                                      privateKey: official.privateKey, signingTime: province.now.addingTimeInterval(-60))
        let result = signatures.verify(content: sampleDocument, trustedRoot: province.ca.certificate)
        guard case .invalid(.sealBeforePersonalSignature) = result else {
            Issue.record("expected wrong order, got \(result)")
            return
        }
        #expect(result.failure?.vietnameseMessage.contains("Sai thứ tự ký") == true)
        #expect(result.failure?.englishMessage.contains("Wrong order") == true)
    }

    @Test func wrong_certificate_kinds_are_refused() throws {
        var province = try Province()
        let official = try province.official("Nguyễn Văn An")
        let colleague = try province.official("Vũ Văn Hải")
        let seal = try province.seal()
        let t1 = province.now.addingTimeInterval(-600), t2 = province.now.addingTimeInterval(-300)

        // Two personal signatures: the second slot must be the seal.
        let twoPeople = DocumentSignatures(
            personal: try DetachedSignature.sign(content: sampleDocument, certificate: official.certificate,
                                                 privateKey: official.privateKey, signingTime: t1),
            seal: try DetachedSignature.sign(content: sampleDocument, certificate: colleague.certificate,
                                             privateKey: colleague.privateKey, signingTime: t2))
        let first = twoPeople.verify(content: sampleDocument, trustedRoot: province.ca.certificate)
        #expect(first == .invalid(.wrongKind(position: .organisation, found: .personal)))
        #expect(first.failure?.vietnameseMessage.contains("Sai loại chữ ký") == true)

        // Slots swapped: the seal stands where the personal signature belongs.
        let swapped = DocumentSignatures(
            personal: try DetachedSignature.sign(content: sampleDocument, certificate: seal.certificate,
                                                 privateKey: seal.privateKey, signingTime: t1),
            seal: try DetachedSignature.sign(content: sampleDocument, certificate: official.certificate,
                                             privateKey: official.privateKey, signingTime: t2))
        #expect(swapped.verify(content: sampleDocument, trustedRoot: province.ca.certificate)
                == .invalid(.wrongKind(position: .personal, found: .organisation)))
    }

    @Test func missing_or_invalid_signatures_are_refused() throws {
        var province = try Province()
        let official = try province.official()
        let seal = try province.seal()
        var signatures = DocumentSignatures()
        #expect(signatures.verify(content: sampleDocument, trustedRoot: province.ca.certificate)
                == .invalid(.missingPersonalSignature))
        try signatures.signPersonally(content: sampleDocument, certificate: official.certificate,
                                      privateKey: official.privateKey, signingTime: province.now.addingTimeInterval(-60))
        let unsealed = signatures.verify(content: sampleDocument, trustedRoot: province.ca.certificate)
        #expect(unsealed == .invalid(.missingSeal))
        #expect(unsealed.failure?.vietnameseMessage.contains("chưa đóng dấu") == true)

        try signatures.applySeal(content: sampleDocument, certificate: seal.certificate,
                                 privateKey: seal.privateKey, signingTime: province.now)
        #expect(signatures.verify(content: tampered(sampleDocument), trustedRoot: province.ca.certificate)
                == .invalid(.personalSignatureInvalid(.tampered)))

        try province.ca.revoke(serialNumber: seal.record.serialNumber, reason: .keyCompromise, at: province.now.addingTimeInterval(-1))
        let revoked = signatures.verify(content: sampleDocument, trustedRoot: province.ca.certificate,
                                        revocations: province.ca.revocations)
        guard case .invalid(.sealInvalid(.revoked)) = revoked else {
            Issue.record("expected revoked seal, got \(revoked)")
            return
        }
        #expect(revoked.failure?.vietnameseMessage.hasPrefix("Chữ ký số của cơ quan không hợp lệ") == true)
    }
}
