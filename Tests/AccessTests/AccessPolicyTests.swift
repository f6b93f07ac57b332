import Access
import Foundation
import Testing

/// Role AND unit scope decide every permission.
@Suite struct AccessPolicyTests {
    static let province = "/08/", communeA = "/08/02215/", communeB = "/08/02266/", department = "/08/STP/"

    static func actor(_ role: Role, at path: String, kind: Actor.Kind = .official) -> Actor {
        Actor(userID: UUID(), username: "u", kind: kind,
              assignments: [RoleAssignment(role: role, unitCode: "x", unitPath: path)])
    }

    /// The expected matrix: what each role may do inside its own unit.
    static let expected: [Role: Set<Permission>] = [
        .deskOfficer: [.viewUnit, .receiveDossiers],
        .specialist: [.viewUnit, .processDossiers],
        .unitLeader: [.viewUnit, .processDossiers, .approve],
        .agencyLeader: [.viewUnit, .processDossiers, .approve],
        .clerk: [.viewUnit, .registerDocuments],
        .administrator: [.viewUnit, .manageUnits, .managePeople],
    ]

    @Test(arguments: Role.allCases)
    func each_role_acts_in_its_own_unit_and_below_and_nowhere_else(role: Role) {
        let actor = Self.actor(role, at: Self.communeA)
        for permission in Permission.allCases where !AccessPolicy.provinceOnly.contains(permission) {
            let allowed = Self.expected[role]!.contains(permission)
            #expect(AccessPolicy.allows(actor, permission, onUnitAt: Self.communeA) == allowed, "\(role) \(permission) own")
            #expect(AccessPolicy.allows(actor, permission, onUnitAt: Self.communeA + "02215.KT/") == allowed,
                    "\(role) \(permission) sub-unit")
            #expect(!AccessPolicy.allows(actor, permission, onUnitAt: Self.communeB), "\(role) \(permission) other commune")
            #expect(!AccessPolicy.allows(actor, permission, onUnitAt: Self.province), "\(role) \(permission) province")
        }
        #expect(!AccessPolicy.allowsProvinceWide(actor, .manageCatalog))
        #expect(!AccessPolicy.allowsProvinceWide(actor, .manageCalendar))
    }

    @Test func a_path_prefix_that_is_not_a_parent_grants_nothing() {
        // "/08/022/" must not cover "/08/02215/": paths end with a slash so prefixes are whole codes
        let actor = Self.actor(.administrator, at: "/08/022/")
        #expect(!AccessPolicy.allows(actor, .managePeople, onUnitAt: Self.communeA))
    }

    @Test func the_province_administrator_manages_all() {
        let admin = Self.actor(.administrator, at: Self.province)
        for path in [Self.province, Self.communeA, Self.communeB, Self.department] {
            #expect(AccessPolicy.allows(admin, .managePeople, onUnitAt: path))
            #expect(AccessPolicy.allows(admin, .manageUnits, onUnitAt: path))
        }
        #expect(AccessPolicy.allowsProvinceWide(admin, .manageCatalog))
        #expect(AccessPolicy.allowsProvinceWide(admin, .manageCalendar))
        #expect(!AccessPolicy.allows(admin, .approve, onUnitAt: Self.communeA), "administration is not approval")
        // a department administrator is not a province administrator
        #expect(!AccessPolicy.allowsProvinceWide(Self.actor(.administrator, at: Self.department), .manageCatalog))
    }

    @Test func a_citizen_holds_no_official_permission() {
        let citizen = Actor(userID: UUID(), username: "c", kind: .citizen,
                            assignments: [RoleAssignment(role: .administrator, unitCode: "08", unitPath: Self.province)])
        for permission in Permission.allCases {
            #expect(!AccessPolicy.allows(citizen, permission, onUnitAt: Self.communeA))
        }
        #expect(!AccessPolicy.isProvinceAdministrator(citizen))
    }

    @Test func several_assignments_combine() {
        let actor = Actor(userID: UUID(), username: "u", kind: .official, assignments: [
            RoleAssignment(role: .deskOfficer, unitCode: "02215", unitPath: Self.communeA),
            RoleAssignment(role: .specialist, unitCode: "STP", unitPath: Self.department),
        ])
        #expect(AccessPolicy.allows(actor, .receiveDossiers, onUnitAt: Self.communeA))
        #expect(!AccessPolicy.allows(actor, .processDossiers, onUnitAt: Self.communeA))
        #expect(AccessPolicy.allows(actor, .processDossiers, onUnitAt: Self.department))
        #expect(!AccessPolicy.allows(actor, .receiveDossiers, onUnitAt: Self.department))
        #expect(AccessPolicy.scopes(of: actor, for: .viewUnit).sorted() == [Self.communeA, Self.department].sorted())
    }
}
