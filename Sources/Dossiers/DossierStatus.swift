import Foundation

/// Trạng thái hồ sơ — where a dossier is in the one-stop-shop lifecycle, with the national portal's code
/// (`TrangThaiHoSo`, domain reference §2.4).
public enum DossierStatus: String, Codable, Sendable, CaseIterable {
    /// Mới đăng ký — submitted online, waiting in the receiving unit's queue (the clock has not started).
    case submitted
    /// Yêu cầu bổ sung (at intake) — the desk asked for missing papers before receiving (Mẫu 02).
    case intakeSupplement = "intake-supplement"
    /// Không được tiếp nhận — refused at intake with a reason (Mẫu 03).
    case refused
    /// Đang xử lý — received; moving along the internal process steps.
    case processing
    /// Yêu cầu bổ sung giấy tờ — asked for a supplement during processing; the clock is paused.
    case supplementRequested = "supplement-requested"
    /// Công dân yêu cầu rút hồ sơ — withdrawn by the applicant.
    case withdrawn
    /// Dừng xử lý — processing stopped with a notice (Mẫu 05 of Circular 03/2025).
    case stopped
    /// Đã xử lý xong — the result is approved and waits at the desk.
    case resolved
    /// Đã trả kết quả — the result has been returned; the dossier is closed.
    case returned

    /// The national portal's status code.
    public var nationalCode: Int {
        switch self {
        case .submitted: 1
        case .refused: 3
        case .processing: 4
        case .intakeSupplement, .supplementRequested: 5
        case .withdrawn: 7
        case .stopped: 8
        case .resolved: 9
        case .returned: 10
        }
    }

    /// The national code recorded at the moment of receipt (Được tiếp nhận).
    public static let receivedNationalCode = 2

    /// Vietnamese name, as citizens read it.
    public var label: String {
        switch self {
        case .submitted: "Mới đăng ký, chờ tiếp nhận"
        case .intakeSupplement: "Yêu cầu bổ sung hồ sơ trước khi tiếp nhận"
        case .refused: "Không được tiếp nhận"
        case .processing: "Đang xử lý"
        case .supplementRequested: "Yêu cầu bổ sung giấy tờ"
        case .withdrawn: "Đã rút hồ sơ"
        case .stopped: "Dừng xử lý"
        case .resolved: "Đã xử lý xong, chờ trả kết quả"
        case .returned: "Đã trả kết quả"
        }
    }

    /// Whether the dossier is closed (no further action but a rating).
    public var isClosed: Bool { [.refused, .withdrawn, .stopped, .returned].contains(self) }

    /// Whether the legal clock is running.
    public var clockRuns: Bool { self == .processing || self == .resolved }
}

/// Kênh thực hiện — how the dossier came in, with the national channel code (`KenhThucHien`).
public enum Channel: String, Codable, Sendable, CaseIterable {
    /// Trực tiếp — at the one-stop desk.
    case desk
    /// Trực tuyến — online.
    case online
    /// Qua bưu chính công ích — by public postal service.
    case postal

    public var nationalCode: Int {
        switch self {
        case .desk: 1
        case .online: 2
        case .postal: 3
        }
    }

    public var label: String {
        switch self {
        case .desk: "Trực tiếp"
        case .online: "Trực tuyến"
        case .postal: "Qua bưu chính công ích"
        }
    }
}

/// Hình thức trả kết quả — how the result is returned.
public enum ReturnMethod: String, Codable, Sendable, CaseIterable {
    case inPerson = "in-person", online, postal
}

/// Kết quả đúng hạn — the classification against the original appointment.
public enum Timeliness: String, Codable, Sendable {
    /// Trước hạn — resolved on a working day before the appointment's day.
    case early
    /// Đúng hạn — resolved on the appointment's day, by the appointment.
    case onTime = "on-time"
    /// Quá hạn — resolved after the appointment, or asked for supplements more than once.
    case late

    public var label: String {
        switch self {
        case .early: "Trước hạn"
        case .onTime: "Đúng hạn"
        case .late: "Quá hạn"
        }
    }
}
