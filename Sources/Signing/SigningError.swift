import Foundation

/// Lỗi khi vận hành chữ ký số — errors raised by the CA, key storage and signing (not by verification,
/// which returns a ``VerificationResult`` instead of throwing).
public enum SigningError: Error, Sendable, Equatable {
    /// Sai mật khẩu — the passphrase does not open the encrypted key (or the stored key was altered).
    case wrongPassphrase
    /// The encrypted key or stored CA state cannot be read.
    case malformedKey(String)
    /// The passphrase is empty.
    case emptyPassphrase
    /// A validity period whose end is not after its start, or that exceeds the CA's own validity.
    case invalidValidity(String)
    /// No certificate with this serial number was issued by this CA.
    case unknownSerialNumber(String)
    /// The certificate is already revoked.
    case alreadyRevoked(String)
    /// The certificate and private key given to `sign` do not belong together.
    case keyDoesNotMatchCertificate
    /// A CRL could not be read or is not signed by the expected CA.
    case invalidCRL(String)
    /// An ASN.1 or cryptographic failure while building a structure.
    case encodingFailed(String)

    /// Thông báo tiếng Việt cho cán bộ.
    public var vietnameseMessage: String {
        switch self {
        case .wrongPassphrase:
            return "Mật khẩu không đúng: không mở được khóa bí mật."
        case .malformedKey(let detail):
            return "Dữ liệu khóa bí mật bị hỏng hoặc không đúng định dạng (\(detail))."
        case .emptyPassphrase:
            return "Chưa nhập mật khẩu bảo vệ khóa bí mật."
        case .invalidValidity(let detail):
            return "Thời hạn hiệu lực của chứng thư số không hợp lệ (\(detail))."
        case .unknownSerialNumber(let serial):
            return "Không tìm thấy chứng thư số có số hiệu \(serial) do cơ quan chứng thực này cấp."
        case .alreadyRevoked(let serial):
            return "Chứng thư số \(serial) đã bị thu hồi trước đó."
        case .keyDoesNotMatchCertificate:
            return "Khóa bí mật không khớp với chứng thư số của người ký."
        case .invalidCRL(let detail):
            return "Danh sách chứng thư số bị thu hồi (CRL) không hợp lệ (\(detail))."
        case .encodingFailed(let detail):
            return "Lỗi kỹ thuật khi tạo dữ liệu chữ ký số (\(detail))."
        }
    }

    /// English message.
    public var englishMessage: String {
        switch self {
        case .wrongPassphrase:
            return "Wrong passphrase: the private key cannot be opened."
        case .malformedKey(let detail):
            return "The stored private key is damaged or not in the expected format (\(detail))."
        case .emptyPassphrase:
            return "No passphrase was given to protect the private key."
        case .invalidValidity(let detail):
            return "The certificate validity period is not acceptable (\(detail))."
        case .unknownSerialNumber(let serial):
            return "No certificate with serial number \(serial) was issued by this authority."
        case .alreadyRevoked(let serial):
            return "Certificate \(serial) is already revoked."
        case .keyDoesNotMatchCertificate:
            return "The private key does not match the signer's certificate."
        case .invalidCRL(let detail):
            return "The certificate revocation list is not valid (\(detail))."
        case .encodingFailed(let detail):
            return "Technical error while building signature data (\(detail))."
        }
    }
}

extension SigningError: LocalizedError {
    public var errorDescription: String? { englishMessage }
}
