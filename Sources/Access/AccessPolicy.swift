import Foundation
import Organisation

/// What can be done to something that belongs to a unit. Each permission is decided by role AND unit scope.
public enum Permission: String, Sendable, CaseIterable, Codable {
    /// See the unit, its people and its work.
    case viewUnit = "view-unit"
    /// Create, edit and end units below this one.
    case manageUnits = "manage-units"
    /// Create accounts and assign roles in this unit.
    case managePeople = "manage-people"
    /// Create, edit, publish and retire procedures (province-wide catalog).
    case manageCatalog = "manage-catalog"
    /// Record the yearly calendar adjustments (province-wide).
    case manageCalendar = "manage-calendar"
    /// Receive, check and return dossiers at the one-stop desk.
    case receiveDossiers = "receive-dossiers"
    /// Handle a dossier's processing steps.
    case processDossiers = "process-dossiers"
    /// Approve a result or a document as a leader.
    case approve
    /// Register, number and dispatch official documents.
    case registerDocuments = "register-documents"
}

/// Decides permissions: a role held at unit U grants its permissions on U and everything below U, nothing elsewhere.
public enum AccessPolicy {
    /// The permissions each role grants inside its scope.
    public static let grants: [Role: Set<Permission>] = [
        .deskOfficer: [.viewUnit, .receiveDossiers],
        .specialist: [.viewUnit, .processDossiers],
        .unitLeader: [.viewUnit, .processDossiers, .approve],
        .agencyLeader: [.viewUnit, .processDossiers, .approve],
        .clerk: [.viewUnit, .registerDocuments],
        .administrator: [.viewUnit, .manageUnits, .managePeople],
    ]

    /// Permissions that only an administrator at the province (the root of the tree) holds.
    public static let provinceOnly: Set<Permission> = [.manageCatalog, .manageCalendar]

    /// Whether `actor` may do `permission` on something belonging to the unit at `unitPath`.
    public static func allows(_ actor: Actor, _ permission: Permission, onUnitAt unitPath: String) -> Bool {
        guard actor.kind == .official else { return false }
        return actor.assignments.contains { assignment in
            UnitPath.isWithin(unitPath, scope: assignment.unitPath) && grants(assignment, permission)
        }
    }

    /// Whether `actor` may do a province-wide `permission` (catalog, calendar).
    public static func allowsProvinceWide(_ actor: Actor, _ permission: Permission) -> Bool {
        provinceOnly.contains(permission) && isProvinceAdministrator(actor)
    }

    /// Whether the actor administers the province (a province administrator manages all).
    public static func isProvinceAdministrator(_ actor: Actor) -> Bool {
        actor.kind == .official && actor.assignments.contains(where: isProvinceAdministrator)
    }

    /// The unit paths inside which the actor holds `permission`: a query filter ("path LIKE scope%").
    public static func scopes(of actor: Actor, for permission: Permission) -> [String] {
        guard actor.kind == .official else { return [] }
        return actor.assignments.filter { grants($0, permission) }.map(\.unitPath)
    }

    private static func grants(_ assignment: RoleAssignment, _ permission: Permission) -> Bool {
        if provinceOnly.contains(permission) { return isProvinceAdministrator(assignment) }
        return grants[assignment.role, default: []].contains(permission)
    }

    private static func isProvinceAdministrator(_ assignment: RoleAssignment) -> Bool {
        // The province is the root: its path has exactly one segment ("/08/").
        assignment.role == .administrator && assignment.unitPath.split(separator: "/").count == 1
    }
}
