import Foundation

/// Trạng thái văn bản đến — where an incoming document is (Decree 30/2020 arts. 20–24: tiếp nhận → đăng ký →
/// trình, chuyển giao → giải quyết, theo dõi, đôn đốc).
///
/// Registration is its own step so that a document returned to its sender for being invalid or misaddressed
/// (art. 21(2)) needs no incoming number; the number (số đến) is given by ``IncomingAction/register`` only.
public enum IncomingStatus: String, Codable, Sendable, CaseIterable {
    /// Tiếp nhận — arrived (paper or through the system), waiting for the clerk's check; no incoming number yet.
    /// Notify an electronic sender of receipt the same day (art. 21(2)).
    case arrived
    /// Đã đăng ký — registered with its incoming number (số đến, consecutive in the year, art. 22(2)); waits for the
    /// leader's distribution.
    case received
    /// Đã phân công — the leader named the lead (chủ trì), cooperating (phối hợp) and for-information (để biết) assignees.
    case assigned
    /// Đang xử lý — the lead assignee is handling it.
    case inProgress
    /// Đã giải quyết xong — handled; the store may link the outgoing reply (văn bản trả lời).
    case done
    /// Đã trả lại nơi gửi — returned for being invalid (authenticity, integrity) or misaddressed (art. 21(2)).
    case returnedToSender

    /// Vietnamese name.
    public var label: String {
        switch self {
        case .arrived: "Mới tiếp nhận, chờ đăng ký"
        case .received: "Đã đăng ký, chờ phân công"
        case .assigned: "Đã phân công xử lý"
        case .inProgress: "Đang xử lý"
        case .done: "Đã giải quyết xong"
        case .returnedToSender: "Đã trả lại nơi gửi"
        }
    }

    /// Whether the document must have its incoming number: every status from registration to done. An arrived document
    /// has none; one returned to its sender has one only if it was returned after registration.
    public var requiresIncomingNumber: Bool { ![.arrived, .returnedToSender].contains(self) }

    /// Whether no action is possible any more.
    public var isFinal: Bool { self == .done || self == .returnedToSender }
}

/// Thao tác trên văn bản đến — a step of the incoming workflow.
public enum IncomingAction: String, Codable, Sendable, CaseIterable {
    /// Đăng ký — the clerk checks the document and registers it, giving its incoming number (số đến).
    case register
    /// Trả lại nơi gửi — the clerk returns an invalid or misaddressed document, with a reason (art. 21(2)).
    case returnToSender
    /// Phân công (ý kiến phân phối, chỉ đạo) — the leader names the assignees (see ``Assignment``); the clerk may record
    /// it on the leader's behalf.
    case assign
    /// Phân công lại — the leader changes the assignees, with a reason.
    case reassign
    /// Nhận xử lý — the lead assignee starts handling it.
    case start
    /// Hoàn thành — the lead assignee closes it, optionally with the outgoing reply.
    case complete

    /// The statuses the action may be taken from.
    public var allowedFrom: Set<IncomingStatus> {
        switch self {
        case .register: [.arrived]
        case .returnToSender: [.arrived, .received]
        case .assign: [.received]
        case .reassign: [.assigned, .inProgress]
        case .start: [.assigned]
        case .complete: [.assigned, .inProgress]
        }
    }

    /// The status the action leads to.
    public var resultingStatus: IncomingStatus {
        switch self {
        case .register: .received
        case .returnToSender: .returnedToSender
        case .assign, .reassign: .assigned
        case .start: .inProgress
        case .complete: .done
        }
    }

    /// Who takes the action: the clerk registers and returns, the agency's leader distributes, the lead assignee (a
    /// specialist or a unit's leader) handles.
    public var performers: Set<OfficeRole> {
        switch self {
        case .register, .returnToSender: [.clerk]
        case .assign, .reassign: [.agencyLeader]
        case .start, .complete: [.specialist, .unitLeader]
        }
    }

    /// Whether the action needs a written reason.
    public var needsReason: Bool { self == .returnToSender || self == .reassign }

    /// Whether the action gives the incoming number (only ``register``).
    public var assignsIncomingNumber: Bool { self == .register }

    /// Vietnamese name.
    public var label: String {
        switch self {
        case .register: "Đăng ký văn bản đến"
        case .returnToSender: "Trả lại nơi gửi"
        case .assign: "Phân công xử lý"
        case .reassign: "Phân công lại"
        case .start: "Nhận xử lý"
        case .complete: "Hoàn thành xử lý"
        }
    }
}

/// Vai trò được giao — the part an assignee takes in handling an incoming document.
public enum AssignmentRole: String, Codable, Sendable, CaseIterable {
    /// Chủ trì — leads the handling; exactly one per document.
    case lead
    /// Phối hợp — cooperates with the lead.
    case cooperating
    /// Để biết — receives it for information only.
    case forInformation

    /// Vietnamese name.
    public var label: String {
        switch self {
        case .lead: "Chủ trì"
        case .cooperating: "Phối hợp"
        case .forInformation: "Để biết"
        }
    }
}

/// Phân công — one assignee (a unit or a person, by its id in cqs) of an incoming document, with its part and
/// optional deadline (thời hạn giải quyết).
public struct Assignment: Hashable, Codable, Sendable {
    /// The unit's or person's id.
    public var assignee: String
    /// Chủ trì, phối hợp or để biết.
    public var role: AssignmentRole
    /// Thời hạn giải quyết, if any.
    public var dueDate: Date?

    public init(assignee: String, role: AssignmentRole, dueDate: Date? = nil) {
        self.assignee = assignee
        self.role = role
        self.dueDate = dueDate
    }
}

/// Quy trình văn bản đến — the transition rule of incoming documents and the rule on assignments.
public enum IncomingWorkflow {
    /// The status after `action` from `status`; throws ``DocumentRuleError/Reason/forbiddenTransition`` when the action is
    /// not allowed from it.
    public static func transition(from status: IncomingStatus, action: IncomingAction) throws -> IncomingStatus {
        guard action.allowedFrom.contains(status) else {
            throw forbidden(action: action.label, actionKey: action.rawValue, status: status.label, statusKey: status.rawValue,
                            allowed: IncomingStatus.allCases.filter(action.allowedFrom.contains).map { ($0.label, $0.rawValue) })
        }
        return action.resultingStatus
    }

    /// The actions possible from `status`, in declaration order.
    public static func allowedActions(from status: IncomingStatus) -> [IncomingAction] {
        IncomingAction.allCases.filter { $0.allowedFrom.contains(status) }
    }

    /// Checks that a document has an incoming number (≥ 1) when its status requires one, and none before registration.
    public static func checkIncomingNumber(_ number: Int?, status: IncomingStatus) throws {
        if status == .arrived, let number {
            throw DocumentRuleError(.numberAtWrongTime,
                                    vietnamese: "Văn bản chưa đăng ký không được có số đến (\(number)).",
                                    english: "A document not yet registered cannot have an incoming number (\(number)).")
        }
        if let number, number < 1 {
            throw DocumentRuleError(.numberAtWrongTime, vietnamese: "Số đến phải từ 1 trở lên (\(number)).",
                                    english: "An incoming number starts at 1 (\(number)).")
        }
        if status.requiresIncomingNumber, number == nil {
            throw DocumentRuleError(.numberAtWrongTime,
                                    vietnamese: "Văn bản đến đã đăng ký phải có số đến.",
                                    english: "A registered incoming document must have its incoming number.")
        }
    }

    /// Checks a distribution: exactly one lead (chủ trì) and no assignee named twice.
    public static func checkAssignments(_ assignments: [Assignment]) throws {
        let leads = assignments.filter { $0.role == .lead }.count
        guard leads == 1 else {
            throw DocumentRuleError(.invalidAssignments,
                                    vietnamese: "Văn bản đến phải có đúng một đơn vị hoặc người chủ trì xử lý (đang có \(leads)).",
                                    english: "An incoming document needs exactly one lead assignee (found \(leads)).")
        }
        var seen = Set<String>()
        for assignment in assignments where !seen.insert(assignment.assignee).inserted {
            throw DocumentRuleError(.invalidAssignments,
                                    vietnamese: "Một đơn vị hoặc người được phân công hai lần: «\(assignment.assignee)».",
                                    english: "The same assignee is named twice: \"\(assignment.assignee)\".")
        }
    }
}
