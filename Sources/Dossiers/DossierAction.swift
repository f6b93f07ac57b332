import Access
import Foundation

/// An action on a dossier (`POST /api/v1/dossiers/{code}/actions/{action}`): who may take it and from which states.
public enum DossierAction: String, Codable, Sendable, CaseIterable {
    /// Tiếp nhận — the desk receives the dossier: the clock starts and the receipt slip (Mẫu 01) is issued.
    case receive
    /// Yêu cầu bổ sung khi tiếp nhận — the desk lists what is missing (Mẫu 02); the clock has not started.
    case requestIntakeSupplement = "request-intake-supplement"
    /// Từ chối tiếp nhận — the desk refuses with a reason (Mẫu 03).
    case refuseIntake = "refuse-intake"
    /// Bổ sung — the applicant supplies what was asked.
    case supply
    /// Hoàn thành bước và chuyển — the current step is done; the dossier moves to the next step.
    case forward
    /// Trả lại bước trước — back one step, with a reason.
    case sendBack = "send-back"
    /// Yêu cầu bổ sung trong quá trình xử lý — the clock stops until the applicant supplies it.
    case requestSupplement = "request-supplement"
    /// Từ chối giải quyết — the handling unit refuses; the refusal is the result to return.
    case refuse
    /// Phê duyệt kết quả — the leader approves the result document (attached to the dossier).
    case approve
    /// Xin lỗi và gia hạn — the responsible unit apologises and sets a new appointment (Mẫu 04).
    case extend
    /// Dừng giải quyết — processing stops with a notice (Mẫu 05).
    case stop
    /// Trả kết quả — the desk returns the result (in person, online or by post); closes the dossier.
    case returnResult = "return"
    /// Thu phí tiền mặt — the desk records a cash payment with its receipt number.
    case payCash = "pay-cash"
    /// Rút hồ sơ — the applicant withdraws.
    case withdraw

    /// Who takes the action.
    public enum Actor: Sendable { case applicant, desk, stepPerformer, leader }

    public var actor: Actor {
        switch self {
        case .supply, .withdraw: .applicant
        case .receive, .requestIntakeSupplement, .refuseIntake, .returnResult, .payCash: .desk
        case .forward, .sendBack, .requestSupplement, .refuse: .stepPerformer
        case .approve, .extend, .stop: .leader
        }
    }

    /// The states the action may be taken from.
    public var allowedFrom: Set<DossierStatus> {
        switch self {
        case .receive, .requestIntakeSupplement, .refuseIntake: [.submitted]
        case .supply: [.intakeSupplement, .supplementRequested]
        case .forward, .sendBack, .requestSupplement, .refuse, .approve, .extend: [.processing]
        case .stop: [.processing, .supplementRequested]
        case .returnResult: [.resolved]
        case .payCash: [.submitted, .processing, .supplementRequested, .resolved]
        case .withdraw: [.submitted, .intakeSupplement, .processing, .supplementRequested]
        }
    }

    /// Whether the action needs a reason (every refusal, return step, stop, supplement request, extension).
    public var needsReason: Bool {
        [.requestIntakeSupplement, .refuseIntake, .sendBack, .requestSupplement, .refuse, .extend, .stop, .withdraw]
            .contains(self)
    }

    /// Vietnamese name.
    public var label: String {
        switch self {
        case .receive: "Tiếp nhận hồ sơ"
        case .requestIntakeSupplement: "Yêu cầu bổ sung, hoàn thiện hồ sơ"
        case .refuseIntake: "Từ chối tiếp nhận"
        case .supply: "Bổ sung hồ sơ"
        case .forward: "Hoàn thành bước, chuyển xử lý"
        case .sendBack: "Trả lại bước trước"
        case .requestSupplement: "Yêu cầu bổ sung giấy tờ"
        case .refuse: "Từ chối giải quyết"
        case .approve: "Phê duyệt kết quả"
        case .extend: "Xin lỗi và gia hạn"
        case .stop: "Dừng giải quyết"
        case .returnResult: "Trả kết quả"
        case .payCash: "Thu phí, lệ phí"
        case .withdraw: "Rút hồ sơ"
        }
    }
}
