import Foundation
import Crypto
import X509

/// Chữ ký số trên văn bản — a document's two detached signatures over the same file bytes: first the
/// signer's personal signature (chữ ký số cá nhân), then the agency's seal signature (chữ ký số của cơ quan).
///
/// Valid when both are present and valid, the first is from a ``CertificateKind/personal`` certificate, the
/// second from a ``CertificateKind/organisation`` one, and the seal's signing time is not earlier than the
/// personal signature's (equal is accepted: signing times have one-second resolution).
public struct DocumentSignatures: Codable, Sendable, Equatable {
    /// Chữ ký số của người ký (DER CMS).
    public var personal: Data?
    /// Chữ ký số của cơ quan — the seal (DER CMS).
    public var seal: Data?

    public init(personal: Data? = nil, seal: Data? = nil) {
        self.personal = personal
        self.seal = seal
    }

    /// Người có thẩm quyền ký — adds the personal signature.
    public mutating func signPersonally(content: Data, certificate: Certificate, privateKey: P256.Signing.PrivateKey,
                                        signingTime: Date) throws {
        personal = try DetachedSignature.sign(content: content, certificate: certificate, privateKey: privateKey,
                                              signingTime: signingTime)
    }

    /// Văn thư đóng dấu — adds the agency's seal signature.
    public mutating func applySeal(content: Data, certificate: Certificate, privateKey: P256.Signing.PrivateKey,
                                   signingTime: Date) throws {
        seal = try DetachedSignature.sign(content: content, certificate: certificate, privateKey: privateKey,
                                          signingTime: signingTime)
    }

    /// Verifies both signatures and their order and kinds.
    public func verify(content: Data, trustedRoot: Certificate, revocations: [Revocation] = [],
                       at checkedAt: Date = Date()) -> DocumentVerificationResult {
        guard let personal else { return .invalid(.missingPersonalSignature) }
        guard let seal else { return .invalid(.missingSeal) }
        let first = DetachedSignature.verify(content: content, signature: personal, trustedRoot: trustedRoot,
                                             revocations: revocations, at: checkedAt)
        guard case .valid(let signer) = first else {
            return .invalid(.personalSignatureInvalid(first.failure ?? .malformed("unknown")))
        }
        let second = DetachedSignature.verify(content: content, signature: seal, trustedRoot: trustedRoot,
                                              revocations: revocations, at: checkedAt)
        guard case .valid(let agency) = second else {
            return .invalid(.sealInvalid(second.failure ?? .malformed("unknown")))
        }
        guard signer.kind == .personal else { return .invalid(.wrongKind(position: .personal, found: signer.kind)) }
        guard agency.kind == .organisation else { return .invalid(.wrongKind(position: .organisation, found: agency.kind)) }
        guard agency.signingTime >= signer.signingTime else {
            return .invalid(.sealBeforePersonalSignature(personal: signer.signingTime, seal: agency.signingTime))
        }
        return .valid(personal: signer, seal: agency)
    }
}

/// Kết quả kiểm tra chữ ký số trên văn bản.
public enum DocumentVerificationResult: Sendable, Equatable {
    case valid(personal: SignerIdentity, seal: SignerIdentity)
    case invalid(DocumentSignatureFailure)

    public var isValid: Bool {
        if case .valid = self { return true }
        return false
    }

    public var failure: DocumentSignatureFailure? {
        if case .invalid(let failure) = self { return failure }
        return nil
    }
}

/// Why a document's signatures are refused.
public enum DocumentSignatureFailure: Error, Sendable, Equatable {
    /// Thiếu chữ ký số của người ký.
    case missingPersonalSignature
    /// Thiếu chữ ký số của cơ quan (chưa đóng dấu).
    case missingSeal
    /// The personal signature fails.
    case personalSignatureInvalid(VerificationFailure)
    /// The seal signature fails.
    case sealInvalid(VerificationFailure)
    /// The certificate in `position` is not of that kind (`found` nil: no cqs kind at all).
    case wrongKind(position: CertificateKind, found: CertificateKind?)
    /// Đóng dấu trước khi ký — the seal's signing time is earlier than the personal signature's.
    case sealBeforePersonalSignature(personal: Date, seal: Date)

    /// Thông báo tiếng Việt.
    public var vietnameseMessage: String {
        switch self {
        case .missingPersonalSignature:
            return "Văn bản chưa có chữ ký số của người có thẩm quyền."
        case .missingSeal:
            return "Văn bản chưa có chữ ký số của cơ quan (chưa đóng dấu số)."
        case .personalSignatureInvalid(let failure):
            return "Chữ ký số của người ký không hợp lệ: " + failure.vietnameseMessage
        case .sealInvalid(let failure):
            return "Chữ ký số của cơ quan không hợp lệ: " + failure.vietnameseMessage
        case .wrongKind(let position, let found):
            let expected = position == .personal ? "chữ ký số cá nhân của người ký" : "chữ ký số của cơ quan (con dấu)"
            let actual = found?.vietnameseName ?? "chứng thư số không rõ loại"
            return "Sai loại chữ ký: vị trí này phải là \(expected), nhưng lại là \(actual)."
        case .sealBeforePersonalSignature(let personal, let seal):
            return "Sai thứ tự ký: chữ ký số của cơ quan (\(VietnameseDate.format(seal))) được thực hiện trước "
                + "chữ ký số của người ký (\(VietnameseDate.format(personal))). Người có thẩm quyền phải ký trước, "
                + "văn thư đóng dấu sau."
        }
    }

    /// English message.
    public var englishMessage: String {
        switch self {
        case .missingPersonalSignature:
            return "The document has no personal signature of the signing official."
        case .missingSeal:
            return "The document has no agency seal signature."
        case .personalSignatureInvalid(let failure):
            return "The personal signature is not valid: " + failure.englishMessage
        case .sealInvalid(let failure):
            return "The agency seal signature is not valid: " + failure.englishMessage
        case .wrongKind(let position, let found):
            return "Wrong kind of signature: expected a \(position.englishName) here, found "
                + (found.map { "a \($0.englishName)" } ?? "a certificate of no known kind") + "."
        case .sealBeforePersonalSignature(let personal, let seal):
            return "Wrong order: the agency seal (\(VietnameseDate.formatISO(seal))) was applied before the personal "
                + "signature (\(VietnameseDate.formatISO(personal)))."
        }
    }
}

extension DocumentSignatureFailure: LocalizedError {
    public var errorDescription: String? { englishMessage }
}
