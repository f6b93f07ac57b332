import Foundation

/// Mã trạng thái (`StatusCode`) of a status message [S: public implementations and the national SDK's sample names].
public enum EdXMLStatusCode: String, Hashable, Sendable, CaseIterable {
    /// 01 — Đã đến: the document-management software received it; the clerk has not handled it yet.
    case arrived = "01"
    /// 02 — Từ chối tiếp nhận.
    case rejected = "02"
    /// 03 — Đã tiếp nhận (đã vào sổ).
    case accepted = "03"
    /// 04 — Phân công xử lý.
    case assigned = "04"
    /// 05 — Đang xử lý.
    case processing = "05"
    /// 06 — Hoàn thành.
    case done = "06"
    /// 13 — Lấy lại (the sender takes the document back).
    case recalled = "13"
    /// 15 — Đồng ý lấy lại / cập nhật văn bản.
    case changeAccepted = "15"
    /// 16 — Từ chối lấy lại / cập nhật văn bản.
    case changeRejected = "16"

    /// The Vietnamese `Description` written when none is given.
    public var vietnamese: String {
        switch self {
        case .arrived: return "Đã đến - Phần mềm QLVB đã nhận nhưng văn thư chưa xử lý"
        case .rejected: return "Từ chối tiếp nhận"
        case .accepted: return "Đã tiếp nhận"
        case .assigned: return "Phân công xử lý"
        case .processing: return "Đang xử lý văn bản đến"
        case .done: return "Hoàn thành"
        case .recalled: return "Lấy lại văn bản"
        case .changeAccepted: return "Đồng ý lấy lại/cập nhật văn bản"
        case .changeRejected: return "Từ chối lấy lại/cập nhật văn bản"
        }
    }

    public var english: String {
        switch self {
        case .arrived: return "Arrived"
        case .rejected: return "Rejected"
        case .accepted: return "Accepted"
        case .assigned: return "Assigned"
        case .processing: return "Processing"
        case .done: return "Done"
        case .recalled: return "Recalled"
        case .changeAccepted: return "Recall or update accepted"
        case .changeRejected: return "Recall or update rejected"
        }
    }
}

/// Gói tin trạng thái — a status message: the receiving agency (`From`) tells the sender what became of the
/// document named by `ResponseFor`. It has no `To` and no body.
public struct EdXMLStatus: Hashable, Sendable {
    /// The agency reporting the status (the receiver of the document).
    public var from: EdXMLOrganization
    /// The document concerned; its `OrganId` is the agency the status goes to.
    public var responseFor: EdXMLResponseFor
    /// Cán bộ xử lý.
    public var staffInfo: EdXMLStaffInfo?
    public var code: EdXMLStatusCode
    /// `Description` (mô tả trạng thái).
    public var description: String?
    /// Thời điểm.
    public var timestamp: EdXMLDateTime

    public init(from: EdXMLOrganization, responseFor: EdXMLResponseFor, staffInfo: EdXMLStaffInfo? = nil,
                code: EdXMLStatusCode, description: String? = nil, timestamp: EdXMLDateTime) {
        self.from = from
        self.responseFor = responseFor
        self.staffInfo = staffInfo
        self.code = code
        self.description = description
        self.timestamp = timestamp
    }

    /// The status `code` of the received `message`, reported by `receiver` at `timestamp`, with the code's
    /// Vietnamese text as description unless one is given.
    public init(replyingTo message: EdXMLMessage, from receiver: EdXMLOrganization, code: EdXMLStatusCode,
                description: String? = nil, staffInfo: EdXMLStaffInfo? = nil, timestamp: EdXMLDateTime) {
        self.init(from: receiver, responseFor: EdXMLResponseFor(message), staffInfo: staffInfo, code: code,
                  description: description ?? code.vietnamese, timestamp: timestamp)
    }
}
