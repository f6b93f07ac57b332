import Foundation
import Organisation

/// The roles an official can hold in a unit (vai trò).
public enum Role: String, Codable, Sendable, CaseIterable {
    /// Công chức Bộ phận Một cửa — receives and returns dossiers at the one-stop desk.
    case deskOfficer = "desk-officer"
    /// Chuyên viên — handles dossiers and documents.
    case specialist
    /// Lãnh đạo phòng/đơn vị — leads an office or unit.
    case unitLeader = "unit-leader"
    /// Lãnh đạo cơ quan — leads an agency (department, committee); approves results, signs.
    case agencyLeader = "agency-leader"
    /// Văn thư — registers, numbers and dispatches official documents.
    case clerk
    /// Quản trị — administers a unit and its sub-units (a province administrator holds it at the province).
    case administrator

    /// Vietnamese label.
    public var label: String {
        switch self {
        case .deskOfficer: "Công chức một cửa"
        case .specialist: "Chuyên viên"
        case .unitLeader: "Lãnh đạo đơn vị"
        case .agencyLeader: "Lãnh đạo cơ quan"
        case .clerk: "Văn thư"
        case .administrator: "Quản trị"
        }
    }
}

/// One role held in one unit. The unit is given by its materialised path, so scope checks are prefix tests.
public struct RoleAssignment: Hashable, Codable, Sendable {
    public var role: Role
    public var unitCode: String
    public var unitPath: String

    public init(role: Role, unitCode: String, unitPath: String) {
        self.role = role
        self.unitCode = unitCode
        self.unitPath = unitPath
    }
}

/// Who is acting: an official with role assignments, or a citizen.
public struct Actor: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable { case official, citizen }

    public var userID: UUID
    public var username: String
    public var kind: Kind
    public var assignments: [RoleAssignment]

    public init(userID: UUID, username: String, kind: Kind, assignments: [RoleAssignment]) {
        self.userID = userID
        self.username = username
        self.kind = kind
        self.assignments = assignments
    }
}
