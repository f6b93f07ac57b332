import Foundation

/// Lý do thu hồi chứng thư số — CRLReason (RFC 5280 §5.3.1).
public enum RevocationReason: Int, Codable, Sendable, CaseIterable {
    case unspecified = 0
    /// Lộ khóa bí mật.
    case keyCompromise = 1
    /// Lộ khóa của cơ quan chứng thực.
    case cACompromise = 2
    /// Thay đổi cơ quan công tác.
    case affiliationChanged = 3
    /// Đã cấp chứng thư số thay thế.
    case superseded = 4
    /// Chấm dứt hoạt động (nghỉ hưu, cơ quan giải thể…).
    case cessationOfOperation = 5
    /// Tạm dừng hiệu lực (treated as revoked; cqs never lifts a hold).
    case certificateHold = 6
    /// Bị rút quyền ký.
    case privilegeWithdrawn = 9

    /// Reasons that mean the key itself can no longer be trusted. For these, every signature fails once the
    /// revocation is known, whatever signing time it claims, since a thief can write any signing time.
    public var meansKeyCompromise: Bool {
        switch self {
        case .unspecified, .keyCompromise, .cACompromise: return true
        default: return false
        }
    }

    /// Vietnamese wording for a clerk.
    public var vietnameseName: String {
        switch self {
        case .unspecified: return "không nêu lý do"
        case .keyCompromise: return "lộ khóa bí mật"
        case .cACompromise: return "lộ khóa của cơ quan chứng thực"
        case .affiliationChanged: return "thay đổi cơ quan công tác"
        case .superseded: return "đã cấp chứng thư số thay thế"
        case .cessationOfOperation: return "chấm dứt hoạt động"
        case .certificateHold: return "tạm dừng hiệu lực"
        case .privilegeWithdrawn: return "bị rút quyền ký"
        }
    }

    /// English wording.
    public var englishName: String {
        switch self {
        case .unspecified: return "unspecified"
        case .keyCompromise: return "key compromise"
        case .cACompromise: return "CA compromise"
        case .affiliationChanged: return "affiliation changed"
        case .superseded: return "superseded"
        case .cessationOfOperation: return "cessation of operation"
        case .certificateHold: return "certificate on hold"
        case .privilegeWithdrawn: return "privilege withdrawn"
        }
    }
}

/// Một chứng thư số bị thu hồi — one revoked certificate: its serial number (upper-case hex, no leading zero
/// bytes, as `openssl` prints it), when it was revoked and why.
public struct Revocation: Codable, Sendable, Hashable {
    /// Serial number, upper-case hexadecimal.
    public var serialNumber: String
    /// Ngày thu hồi — revocation date (whole seconds).
    public var date: Date
    /// Lý do thu hồi.
    public var reason: RevocationReason

    /// Creates a revocation entry; `serialNumber` is normalised (colons, "0x", case, leading zeros).
    public init(serialNumber: String, date: Date, reason: RevocationReason) {
        self.serialNumber = SerialNumberText.normalised(serialNumber) ?? serialNumber
        self.date = ASN1TimeCoding.wholeSeconds(date)
        self.reason = reason
    }

    /// Whether this revocation invalidates a signature made at `signingTime` and checked at `checkedAt`:
    /// revocations dated after `checkedAt` are not known yet; a key-compromise revocation invalidates every
    /// signature (the signing time is the signer's own claim); any other reason invalidates only signatures
    /// whose signing time is at or after the revocation date.
    public func invalidates(signingTime: Date, checkedAt: Date) -> Bool {
        guard date <= checkedAt else { return false }
        return reason.meansKeyCompromise || signingTime >= date
    }
}
