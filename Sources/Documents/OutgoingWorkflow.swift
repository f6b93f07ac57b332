import Foundation

/// Vai trò trong công tác văn thư — who performs a step of the document workflows. cqs's access control maps its own
/// roles onto these; the workflows only say which role a step belongs to.
public enum OfficeRole: String, Codable, Sendable, CaseIterable {
    /// Chuyên viên — drafts and submits outgoing documents; handles incoming ones.
    case specialist
    /// Lãnh đạo đơn vị (phòng) — checks and initials drafts of the unit; leads the handling of incoming documents.
    case unitLeader
    /// Lãnh đạo cơ quan (người có thẩm quyền ký) — approves and personally signs; distributes incoming documents.
    case agencyLeader
    /// Văn thư cơ quan — numbers, applies the agency's seal or digital signature, registers and issues; receives and
    /// registers incoming documents.
    case clerk

    /// Vietnamese name.
    public var label: String {
        switch self {
        case .specialist: "Chuyên viên"
        case .unitLeader: "Lãnh đạo đơn vị"
        case .agencyLeader: "Lãnh đạo cơ quan"
        case .clerk: "Văn thư"
        }
    }
}

/// Trạng thái văn bản đi — where an outgoing document is, from the draft to issue (Decree 30/2020 art. 14, 18).
///
/// cqs splits the review into two statuses so that the drafting unit's leader checks the draft before the agency's
/// leader approves it: draft → inReview → awaitingApproval → approved → signed → issued, with returns to draft and the
/// recall of an issued document.
public enum OutgoingStatus: String, Codable, Sendable, CaseIterable {
    /// Dự thảo — being written (also after a return for revision).
    case draft
    /// Chờ lãnh đạo đơn vị kiểm tra — submitted; the drafting unit's leader checks it.
    case inReview
    /// Chờ lãnh đạo cơ quan duyệt — checked and initialled; waits for the agency's leader.
    case awaitingApproval
    /// Đã duyệt, chờ ký — content approved by the competent signer.
    case approved
    /// Đã ký, chờ phát hành — signed personally (digitally) by the competent signer.
    case signed
    /// Đã phát hành — numbered, sealed or signed by the agency, registered and sent (art. 14, 18). Has its number.
    case issued
    /// Đã thu hồi — recalled after issue (art. 18(4)); its number stays used.
    case recalled

    /// Vietnamese name.
    public var label: String {
        switch self {
        case .draft: "Dự thảo"
        case .inReview: "Chờ lãnh đạo đơn vị kiểm tra"
        case .awaitingApproval: "Chờ lãnh đạo cơ quan duyệt"
        case .approved: "Đã duyệt, chờ ký"
        case .signed: "Đã ký, chờ phát hành"
        case .issued: "Đã phát hành"
        case .recalled: "Đã thu hồi"
        }
    }

    /// Whether the document carries its number and symbol: only once issued (art. 15(3): the number is given at issue).
    public var hasNumber: Bool { self == .issued || self == .recalled }

    /// Whether no action is possible any more.
    public var isFinal: Bool { self == .recalled }
}

/// Thao tác trên văn bản đi — a step of the outgoing workflow: from which statuses it may be taken, the status it
/// leads to and who takes it.
public enum OutgoingAction: String, Codable, Sendable, CaseIterable {
    /// Trình — the specialist submits the draft to the unit's leader.
    case submit
    /// Kiểm tra, ký tắt và trình — the unit's leader checks, initials and forwards it to the agency's leader.
    case endorse
    /// Duyệt — the agency's leader (the competent signer) approves the content.
    case approve
    /// Ký — the agency's leader signs personally (digital signature of the person).
    case sign
    /// Cấp số, ký số của cơ quan và phát hành — the clerk gives the number and date, applies the agency's seal or
    /// digital signature, registers and sends (art. 14). The only step that assigns the number.
    case issue
    /// Trả lại để chỉnh sửa — back to draft with a reason: by the unit's leader (in review), the agency's leader
    /// (awaiting approval or approved), or the clerk who finds a format error before issue (signed).
    case returnForRevision
    /// Thu hồi — the competent person recalls an issued document (art. 18(4)).
    case recall

    /// The statuses the action may be taken from.
    public var allowedFrom: Set<OutgoingStatus> {
        switch self {
        case .submit: [.draft]
        case .endorse: [.inReview]
        case .approve: [.awaitingApproval]
        case .sign: [.approved]
        case .issue: [.signed]
        case .returnForRevision: [.inReview, .awaitingApproval, .approved, .signed]
        case .recall: [.issued]
        }
    }

    /// The status the action leads to.
    public var resultingStatus: OutgoingStatus {
        switch self {
        case .submit: .inReview
        case .endorse: .awaitingApproval
        case .approve: .approved
        case .sign: .signed
        case .issue: .issued
        case .returnForRevision: .draft
        case .recall: .recalled
        }
    }

    /// Every role that may take the action (from some status); see ``performer(from:)``.
    public var performers: Set<OfficeRole> {
        Set(allowedFrom.compactMap { performer(from: $0) })
    }

    /// The role that takes the action from `status`, or `nil` when the action is not allowed from it.
    public func performer(from status: OutgoingStatus) -> OfficeRole? {
        guard allowedFrom.contains(status) else { return nil }
        switch self {
        case .submit: return .specialist
        case .endorse: return .unitLeader
        case .approve, .sign, .recall: return .agencyLeader
        case .issue: return .clerk
        case .returnForRevision:
            switch status {
            case .inReview: return .unitLeader
            case .signed: return .clerk
            default: return .agencyLeader
            }
        }
    }

    /// Whether the action needs a written reason.
    public var needsReason: Bool { self == .returnForRevision || self == .recall }

    /// Whether the action assigns the number and symbol (only ``issue``).
    public var assignsNumber: Bool { self == .issue }

    /// Vietnamese name.
    public var label: String {
        switch self {
        case .submit: "Trình"
        case .endorse: "Kiểm tra, trình lãnh đạo cơ quan"
        case .approve: "Duyệt"
        case .sign: "Ký"
        case .issue: "Cấp số và phát hành"
        case .returnForRevision: "Trả lại để chỉnh sửa"
        case .recall: "Thu hồi"
        }
    }
}

/// Quy trình văn bản đi — the transition rule of outgoing documents and the rules on their number.
public enum OutgoingWorkflow {
    /// The status after `action` from `status`; throws ``DocumentRuleError/Reason/forbiddenTransition`` when the action is
    /// not allowed from it.
    public static func transition(from status: OutgoingStatus, action: OutgoingAction) throws -> OutgoingStatus {
        guard action.allowedFrom.contains(status) else {
            throw forbidden(action: action.label, actionKey: action.rawValue, status: status.label, statusKey: status.rawValue,
                            allowed: OutgoingStatus.allCases.filter(action.allowedFrom.contains).map { ($0.label, $0.rawValue) })
        }
        return action.resultingStatus
    }

    /// The actions possible from `status`, in declaration order.
    public static func allowedActions(from status: OutgoingStatus) -> [OutgoingAction] {
        OutgoingAction.allCases.filter { $0.allowedFrom.contains(status) }
    }

    /// Checks that a document has a number exactly when its status says so: none before issue, one once issued.
    public static func checkNumber(_ number: NumberAndSymbol?, status: OutgoingStatus) throws {
        switch (status.hasNumber, number) {
        case (false, let number?):
            throw DocumentRuleError(.numberAtWrongTime,
                                    vietnamese: "Văn bản chỉ được cấp số khi phát hành; văn bản «\(status.label)» không được có số \(number).",
                                    english: "A document is numbered only at issue; a \(status.rawValue) document cannot have number \(number).")
        case (true, nil):
            throw DocumentRuleError(.numberAtWrongTime,
                                    vietnamese: "Văn bản đã phát hành phải có số, ký hiệu.",
                                    english: "An issued document must have its number and symbol.")
        default: break
        }
    }

    /// Checks that `number`'s symbol names `type` (`KH-…` for a Kế hoạch, agency-unit for a Công văn); a normative
    /// number fits a Nghị quyết or Quyết định of the same abbreviation when `normative` is true.
    public static func checkNumber(_ number: NumberAndSymbol, matches type: DocumentType, normative: Bool = false) throws {
        let fits = normative
            ? number.isNormative && type.hasNormativeCounterpart && number.typeAbbreviation == type.abbreviation
            : number.documentType == type
        guard fits else {
            throw DocumentRuleError(.symbolDoesNotMatchType,
                                    vietnamese: "Ký hiệu \(number) không phù hợp với loại văn bản \(type.vietnameseName).",
                                    english: "The symbol \(number) does not fit a \(type.rawValue) document.")
        }
    }
}

/// The message of a forbidden transition, shared by both workflows.
func forbidden(action: String, actionKey: String, status: String, statusKey: String,
               allowed: [(label: String, key: String)]) -> DocumentRuleError {
    DocumentRuleError(.forbiddenTransition,
                      vietnamese: "Không thể «\(action)» khi văn bản đang ở trạng thái «\(status)». Chỉ thực hiện được khi văn bản ở trạng thái: "
                          + allowed.map { "«\($0.label)»" }.joined(separator: ", ") + ".",
                      english: "Cannot \(actionKey) a document that is \(statusKey); allowed only from: "
                          + allowed.map(\.key).joined(separator: ", ") + ".")
}
