import Documents
import Foundation
import Testing

/// The outgoing and incoming workflows: every status × action pair against the tables written out here.
@Suite struct WorkflowTests {
    /// Every allowed outgoing transition, with the role that takes it; any pair not listed is forbidden.
    static let outgoingTable: [OutgoingStatus: [OutgoingAction: (OutgoingStatus, OfficeRole)]] = [
        .draft: [.submit: (.inReview, .specialist)],
        .inReview: [.endorse: (.awaitingApproval, .unitLeader), .returnForRevision: (.draft, .unitLeader)],
        .awaitingApproval: [.approve: (.approved, .agencyLeader), .returnForRevision: (.draft, .agencyLeader)],
        .approved: [.sign: (.signed, .agencyLeader), .returnForRevision: (.draft, .agencyLeader)],
        .signed: [.issue: (.issued, .clerk), .returnForRevision: (.draft, .clerk)],
        .issued: [.recall: (.recalled, .agencyLeader)],
        .recalled: [:],
    ]

    /// Every allowed incoming transition; any pair not listed is forbidden.
    static let incomingTable: [IncomingStatus: [IncomingAction: IncomingStatus]] = [
        .arrived: [.register: .received, .returnToSender: .returnedToSender],
        .received: [.assign: .assigned, .returnToSender: .returnedToSender],
        .assigned: [.reassign: .assigned, .start: .inProgress, .complete: .done],
        .inProgress: [.reassign: .assigned, .complete: .done],
        .done: [:],
        .returnedToSender: [:],
    ]

    @Test func every_outgoing_status_and_action_pair_follows_the_table() throws {
        #expect(Set(Self.outgoingTable.keys) == Set(OutgoingStatus.allCases))
        var allowed = 0, forbidden = 0
        for status in OutgoingStatus.allCases {
            for action in OutgoingAction.allCases {
                if let (next, role) = Self.outgoingTable[status]?[action] {
                    #expect(try OutgoingWorkflow.transition(from: status, action: action) == next, "\(status) \(action)")
                    #expect(action.performer(from: status) == role, "\(status) \(action)")
                    allowed += 1
                } else {
                    #expect(throws: DocumentRuleError.self, "\(status) \(action)") {
                        try OutgoingWorkflow.transition(from: status, action: action)
                    }
                    #expect(reason { try OutgoingWorkflow.transition(from: status, action: action) } == .forbiddenTransition)
                    #expect(action.performer(from: status) == nil)
                    forbidden += 1
                }
            }
            #expect(OutgoingWorkflow.allowedActions(from: status).count == Self.outgoingTable[status]!.count)
        }
        #expect(allowed == 10 && forbidden == 39)
    }

    @Test func every_incoming_status_and_action_pair_follows_the_table() throws {
        #expect(Set(Self.incomingTable.keys) == Set(IncomingStatus.allCases))
        var allowed = 0, forbidden = 0
        for status in IncomingStatus.allCases {
            for action in IncomingAction.allCases {
                if let next = Self.incomingTable[status]?[action] {
                    #expect(try IncomingWorkflow.transition(from: status, action: action) == next, "\(status) \(action)")
                    allowed += 1
                } else {
                    #expect(reason { try IncomingWorkflow.transition(from: status, action: action) } == .forbiddenTransition,
                            "\(status) \(action)")
                    forbidden += 1
                }
            }
            #expect(IncomingWorkflow.allowedActions(from: status).count == Self.incomingTable[status]!.count)
        }
        #expect(allowed == 9 && forbidden == 27)
    }

    @Test func a_draft_cannot_be_issued_without_approval_and_signature() throws {
        for status in [OutgoingStatus.draft, .inReview, .awaitingApproval, .approved] {
            #expect(reason { try OutgoingWorkflow.transition(from: status, action: .issue) } == .forbiddenTransition)
        }
        #expect(reason { try OutgoingWorkflow.transition(from: .awaitingApproval, action: .sign) } == .forbiddenTransition)
        #expect(try OutgoingWorkflow.transition(from: .signed, action: .issue) == .issued)
    }

    @Test func the_full_outgoing_path_runs_from_draft_to_issue() throws {
        var status = OutgoingStatus.draft
        for action in [OutgoingAction.submit, .endorse, .approve, .sign, .issue] {
            status = try OutgoingWorkflow.transition(from: status, action: action)
        }
        #expect(status == .issued)
        #expect(try OutgoingWorkflow.transition(from: status, action: .recall) == .recalled)
        #expect(OutgoingStatus.recalled.isFinal && OutgoingWorkflow.allowedActions(from: .recalled).isEmpty)
    }

    @Test func a_forbidden_transition_explains_itself_in_vietnamese_and_english() throws {
        do {
            _ = try OutgoingWorkflow.transition(from: .draft, action: .issue)
            Issue.record("allowed")
        } catch let error as DocumentRuleError {
            #expect(error.reason == .forbiddenTransition)
            #expect(error.vietnamese
                == "Không thể «Cấp số và phát hành» khi văn bản đang ở trạng thái «Dự thảo». Chỉ thực hiện được khi văn bản ở trạng thái: «Đã ký, chờ phát hành».")
            #expect(error.english == "Cannot issue a document that is draft; allowed only from: signed.")
        }
        do {
            _ = try IncomingWorkflow.transition(from: .done, action: .reassign)
            Issue.record("allowed")
        } catch let error as DocumentRuleError {
            #expect(error.vietnamese.contains("«Phân công lại»") && error.vietnamese.contains("«Đang xử lý»"))
            #expect(error.english == "Cannot reassign a document that is done; allowed only from: assigned, inProgress.")
        }
    }

    @Test func each_outgoing_step_belongs_to_its_role() {
        #expect(OutgoingAction.submit.performers == [.specialist])
        #expect(OutgoingAction.endorse.performers == [.unitLeader])
        #expect(OutgoingAction.approve.performers == [.agencyLeader])
        #expect(OutgoingAction.sign.performers == [.agencyLeader])
        #expect(OutgoingAction.issue.performers == [.clerk])
        #expect(OutgoingAction.returnForRevision.performers == [.unitLeader, .agencyLeader, .clerk])
        #expect(OutgoingAction.recall.performers == [.agencyLeader])
    }

    @Test func the_number_is_assigned_only_at_issue() throws {
        #expect(OutgoingAction.allCases.filter(\.assignsNumber) == [.issue])
        #expect(OutgoingStatus.allCases.filter(\.hasNumber) == [.issued, .recalled])
        let number = try NumberAndSymbol(number: 60, type: .plan, issuer: "UBND")
        for status in OutgoingStatus.allCases {
            if status.hasNumber {
                try OutgoingWorkflow.checkNumber(number, status: status)
                #expect(reason { try OutgoingWorkflow.checkNumber(nil, status: status) } == .numberAtWrongTime)
            } else {
                try OutgoingWorkflow.checkNumber(nil, status: status)
                #expect(reason { try OutgoingWorkflow.checkNumber(number, status: status) } == .numberAtWrongTime, "\(status)")
            }
        }
    }

    @Test func the_number_must_name_the_documents_type() throws {
        try OutgoingWorkflow.checkNumber(NumberAndSymbol(parsing: "60/KH-UBND"), matches: .plan)
        try OutgoingWorkflow.checkNumber(NumberAndSymbol(parsing: "123/UBND-VP"), matches: .officialLetter)
        try OutgoingWorkflow.checkNumber(NumberAndSymbol(parsing: "15/2026/QĐ-UBND"), matches: .decision, normative: true)
        #expect(reason { try OutgoingWorkflow.checkNumber(NumberAndSymbol(parsing: "60/KH-UBND"), matches: .report) }
            == .symbolDoesNotMatchType)
        #expect(reason { try OutgoingWorkflow.checkNumber(NumberAndSymbol(parsing: "15/2026/QĐ-UBND"), matches: .decision) }
            == .symbolDoesNotMatchType)
        #expect(reason { try OutgoingWorkflow.checkNumber(NumberAndSymbol(parsing: "15/QĐ-UBND"), matches: .decision, normative: true) }
            == .symbolDoesNotMatchType)
    }

    @Test func returns_and_recalls_need_a_reason() {
        #expect(OutgoingAction.allCases.filter(\.needsReason) == [.returnForRevision, .recall])
        #expect(IncomingAction.allCases.filter(\.needsReason) == [.returnToSender, .reassign])
    }

    @Test func each_incoming_step_belongs_to_its_role() {
        #expect(IncomingAction.register.performers == [.clerk])
        #expect(IncomingAction.returnToSender.performers == [.clerk])
        #expect(IncomingAction.assign.performers == [.agencyLeader])
        #expect(IncomingAction.reassign.performers == [.agencyLeader])
        #expect(IncomingAction.start.performers == [.specialist, .unitLeader])
        #expect(IncomingAction.complete.performers == [.specialist, .unitLeader])
    }

    @Test func an_incoming_document_gets_its_number_at_registration() throws {
        #expect(IncomingAction.allCases.filter(\.assignsIncomingNumber) == [.register])
        #expect(IncomingStatus.allCases.filter(\.requiresIncomingNumber) == [.received, .assigned, .inProgress, .done])
        try IncomingWorkflow.checkIncomingNumber(nil, status: .arrived)
        try IncomingWorkflow.checkIncomingNumber(12, status: .received)
        try IncomingWorkflow.checkIncomingNumber(nil, status: .returnedToSender)
        try IncomingWorkflow.checkIncomingNumber(12, status: .returnedToSender)
        #expect(reason { try IncomingWorkflow.checkIncomingNumber(12, status: .arrived) } == .numberAtWrongTime)
        #expect(reason { try IncomingWorkflow.checkIncomingNumber(nil, status: .inProgress) } == .numberAtWrongTime)
        #expect(reason { try IncomingWorkflow.checkIncomingNumber(0, status: .done) } == .numberAtWrongTime)
    }

    @Test func an_invalid_or_misaddressed_document_is_returned_to_its_sender() throws {
        #expect(try IncomingWorkflow.transition(from: .arrived, action: .returnToSender) == .returnedToSender)
        #expect(IncomingStatus.returnedToSender.isFinal)
        #expect(reason { try IncomingWorkflow.transition(from: .inProgress, action: .returnToSender) } == .forbiddenTransition)
    }

    @Test func a_distribution_has_exactly_one_lead() throws {
        #expect(AssignmentRole.allCases.map(\.label) == ["Chủ trì", "Phối hợp", "Để biết"])
        #expect(AssignmentRole.allCases.map(\.rawValue) == ["lead", "cooperating", "forInformation"])
        try IncomingWorkflow.checkAssignments([
            Assignment(assignee: "so-noi-vu", role: .lead, dueDate: Date(timeIntervalSince1970: 0)),
            Assignment(assignee: "so-tai-chinh", role: .cooperating),
            Assignment(assignee: "van-phong", role: .forInformation),
        ])
        #expect(reason { try IncomingWorkflow.checkAssignments([]) } == .invalidAssignments)
        #expect(reason { try IncomingWorkflow.checkAssignments([Assignment(assignee: "a", role: .cooperating)]) }
            == .invalidAssignments)
        #expect(reason {
            try IncomingWorkflow.checkAssignments([Assignment(assignee: "a", role: .lead), Assignment(assignee: "b", role: .lead)])
        } == .invalidAssignments)
        #expect(reason {
            try IncomingWorkflow.checkAssignments([Assignment(assignee: "a", role: .lead), Assignment(assignee: "a", role: .forInformation)])
        } == .invalidAssignments)
    }

    @Test func workflow_values_keep_stable_raw_values() {
        #expect(OutgoingStatus.allCases.map(\.rawValue)
            == ["draft", "inReview", "awaitingApproval", "approved", "signed", "issued", "recalled"])
        #expect(OutgoingAction.allCases.map(\.rawValue)
            == ["submit", "endorse", "approve", "sign", "issue", "returnForRevision", "recall"])
        #expect(IncomingStatus.allCases.map(\.rawValue)
            == ["arrived", "received", "assigned", "inProgress", "done", "returnedToSender"])
        #expect(IncomingAction.allCases.map(\.rawValue) == ["register", "returnToSender", "assign", "reassign", "start", "complete"])
        #expect(OfficeRole.allCases.map(\.rawValue) == ["specialist", "unitLeader", "agencyLeader", "clerk"])
    }
}
