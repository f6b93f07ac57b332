import Foundation
import X509

/// Người ký — who made a valid signature, read from the signer's certificate and the signed attributes.
public struct SignerIdentity: Sendable, Equatable {
    /// Subject CN: the official's name, or the agency's name for a seal.
    public var commonName: String
    /// Subject O (cơ quan), if present.
    public var organisation: String?
    /// Subject OU (phòng, ban), if present.
    public var organisationalUnit: String?
    /// Certificate serial number, upper-case hexadecimal.
    public var serialNumber: String
    /// Personal or seal certificate; nil when the certificate carries no cqs kind policy.
    public var kind: CertificateKind?
    /// Thời điểm ký — the signing time the signer declared (the CMS signing-time attribute).
    public var signingTime: Date
    /// The signer's certificate.
    public var certificate: Certificate
}

/// Lý do chữ ký số không hợp lệ — why a signature is refused. Each case has a message for a clerk.
public enum VerificationFailure: Error, Sendable, Equatable {
    /// Tệp đã bị sửa — the bytes are not those that were signed (or the signature value was altered).
    case tampered
    /// Người ký không được tin cậy — the certificate was not issued by the trusted province CA,
    /// or it is not a signing certificate (e.g. a CA certificate).
    case untrustedSigner
    /// Chứng thư số đã bị thu hồi — see ``Revocation/invalidates(signingTime:checkedAt:)``.
    case revoked(date: Date, reason: RevocationReason)
    /// Chứng thư số không có hiệu lực tại thời điểm ký (expired or not yet valid).
    case expired(validFrom: Date, validUntil: Date, signingTime: Date)
    /// Dữ liệu chữ ký hỏng — not a CMS SignedData cqs can read; the detail is technical (English).
    case malformed(String)

    /// Thông báo tiếng Việt cho cán bộ một cửa.
    public var vietnameseMessage: String {
        switch self {
        case .tampered:
            return "Tệp đã bị thay đổi sau khi ký: nội dung không còn khớp với chữ ký số. "
                + "Không sử dụng tệp này, đề nghị bên gửi cung cấp lại bản gốc."
        case .untrustedSigner:
            return "Chữ ký số không được công nhận: chứng thư số của người ký không do Cơ quan chứng thực "
                + "của tỉnh cấp, hoặc không được phép dùng để ký văn bản."
        case .revoked(let date, let reason):
            return "Chứng thư số của người ký đã bị thu hồi ngày \(VietnameseDate.format(date)) "
                + "(lý do: \(reason.vietnameseName)), nên chữ ký không còn giá trị."
        case .expired(let from, let until, let signingTime):
            if signingTime < from {
                return "Chứng thư số của người ký chưa có hiệu lực tại thời điểm ký "
                    + "(ký ngày \(VietnameseDate.format(signingTime)), chứng thư có hiệu lực từ ngày \(VietnameseDate.format(from)))."
            }
            return "Chứng thư số của người ký đã hết hạn tại thời điểm ký "
                + "(ký ngày \(VietnameseDate.format(signingTime)), chứng thư hết hạn ngày \(VietnameseDate.format(until)))."
        case .malformed:
            return "Tệp chữ ký số bị hỏng hoặc không đúng định dạng, không kiểm tra được. "
                + "Đề nghị bên gửi ký và gửi lại."
        }
    }

    /// English message.
    public var englishMessage: String {
        switch self {
        case .tampered:
            return "The file was changed after it was signed: its content no longer matches the signature."
        case .untrustedSigner:
            return "The signature is not recognised: the signer's certificate was not issued by the province "
                + "certificate authority, or it may not be used for signing documents."
        case .revoked(let date, let reason):
            return "The signer's certificate was revoked on \(VietnameseDate.formatISO(date)) "
                + "(reason: \(reason.englishName)); the signature is no longer valid."
        case .expired(let from, let until, let signingTime):
            return "The signer's certificate was not valid when the file was signed "
                + "(signed \(VietnameseDate.formatISO(signingTime)); valid from \(VietnameseDate.formatISO(from)) "
                + "until \(VietnameseDate.formatISO(until)))."
        case .malformed(let detail):
            return "The signature file is damaged or not a CMS/PKCS#7 signature (\(detail))."
        }
    }
}

extension VerificationFailure: LocalizedError {
    public var errorDescription: String? { englishMessage }
}

/// Kết quả kiểm tra chữ ký số.
public enum VerificationResult: Sendable, Equatable {
    /// Chữ ký hợp lệ.
    case valid(SignerIdentity)
    /// Chữ ký không hợp lệ, with the reason.
    case invalid(VerificationFailure)

    /// True for ``valid(_:)``.
    public var isValid: Bool {
        if case .valid = self { return true }
        return false
    }

    /// The signer, when valid.
    public var signer: SignerIdentity? {
        if case .valid(let signer) = self { return signer }
        return nil
    }

    /// The failure, when invalid.
    public var failure: VerificationFailure? {
        if case .invalid(let failure) = self { return failure }
        return nil
    }
}

/// Dates as a clerk reads them: dd/MM/yyyy in Viet Nam time (UTC+7), and ISO 8601 UTC for English.
enum VietnameseDate {
    static func format(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? TimeZone(secondsFromGMT: 7 * 3600) ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ n: Int?) -> String { let v = n ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
        return "\(two(c.day))/\(two(c.month))/\(c.year ?? 0) lúc \(two(c.hour)):\(two(c.minute))"
    }

    static func formatISO(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        return formatter.string(from: date)
    }
}
