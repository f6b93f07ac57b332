import Access
import Catalog
import Core
import Fluent
import Foundation
import Organisation
import Storage

/// Seeds the demo province, Tuyên Quang (08): its 124 communes and wards, its departments and offices,
/// the sample catalog, and one account per role in the province office, Sở Tư pháp and two communes.
public enum DemoSeed {
    /// The province code of the demo.
    public static let province = "08"
    /// The two demo communes: Phường Minh Xuân and Xã Lâm Bình.
    public static let communes = ["02215", "02266"]
    /// The password of every demo account (printed by `cqs serve`).
    public static let password = "TuyenQuang@2026"
    /// The demo citizen's personal identification number (born 1990 in Tuyên Quang, male).
    public static let citizenID = "008090001234"

    /// A demo account as printed for the user.
    public struct Account: Sendable, Equatable {
        public var username: String
        public var role: String
        public var unitCode: String
        public var unitName: String
    }

    /// Whether the database holds no units yet (a fresh install).
    public static func isEmpty(on db: any Database) async throws -> Bool {
        try await UnitModel.query(on: db).count() == 0
    }

    /// Seeds everything and returns the demo accounts. Safe to run twice (existing rows are kept).
    @discardableResult
    public static func seed(on db: any Database, hasher: BcryptHasher, at: Date) async throws -> [Account] {
        let actor = "system"
        try await UnitImport.import2025(province: province, sources: DemoResources.unitSources(),
                                        actor: actor, at: at, on: db)
        try await seedDepartments(on: db, at: at)
        try await CatalogStore.importFile(CatalogStore.parse(DemoResources.catalogData()), actor: actor, at: at, on: db)
        return try await seedAccounts(on: db, hasher: hasher, at: at)
    }

    /// Creates the departments with their offices, and the offices of the demo communes.
    static func seedDepartments(on db: any Database, at: Date) async throws {
        guard let root = try await UnitModel.find(code: province, on: db),
              let rootCode = root.agencyCode.flatMap(AgencyCode.init) else { return }
        try await db.writeTransaction { db in
            for (index, department) in TuyenQuangDepartments.all.enumerated() {
                let agency = rootCode.child(index + 1)
                let unit = try await ensure(code: department.code, name: department.name, kind: .department,
                                            parent: root, agencyCode: agency, on: db)
                for (officeIndex, office) in department.offices.enumerated() {
                    try await ensure(code: office.code, name: office.name, kind: .office, parent: unit,
                                     agencyCode: agency.child(officeIndex + 1), on: db)
                }
            }
            for code in communes {
                guard let commune = try await UnitModel.find(code: code, on: db) else { continue }
                let agency = commune.agencyCode.flatMap(AgencyCode.init)
                for (index, office) in TuyenQuangDepartments.communeOffices.enumerated() {
                    try await ensure(code: "\(code).\(office.suffix)", name: office.name, kind: .office, parent: commune,
                                     agencyCode: agency?.child(index + 1), on: db)
                }
            }
            try await AuditEventModel.record(on: db, at: at, actor: "system", action: "units.seed",
                                             subject: "province:\(province)", reason: "demo departments and offices")
        }
    }

    @discardableResult
    static func ensure(code: String, name: String, kind: UnitKind, parent: UnitModel, agencyCode: AgencyCode?,
                       on db: any Database) async throws -> UnitModel {
        if let existing = try await UnitModel.find(code: code, on: db) { return existing }
        let unit = UnitModel(code: code, name: name, kind: kind, structure: .y2025, parentID: parent.id,
                             path: UnitPath.child(of: parent.path, code: code), agencyCode: agencyCode?.description,
                             validFrom: UnitStructure.reorganisationDay)
        try await unit.create(on: db)
        return unit
    }

    /// The demo accounts: `<prefix>.<role>` for each unit and role; the province administrator sits at the province.
    static func seedAccounts(on db: any Database, hasher: BcryptHasher, at: Date) async throws -> [Account] {
        let places: [(prefix: String, unit: String, adminUnit: String)] = [
            ("tinh", "VPUBND", province), ("stp", "STP", "STP"),
            ("minhxuan", communes[0], communes[0]), ("lambinh", communes[1], communes[1]),
        ]
        let names: [Role: String] = [.deskOfficer: "motcua", .specialist: "chuyenvien", .unitLeader: "lanhdaodonvi",
                                     .agencyLeader: "lanhdao", .clerk: "vanthu", .administrator: "quantri"]
        var accounts: [Account] = []
        for place in places {
            for role in Role.allCases {
                let username = "\(place.prefix).\(names[role]!)"
                let unitCode = role == .administrator ? place.adminUnit : place.unit
                guard let unit = try await UnitModel.find(code: unitCode, on: db) else { continue }
                if try await UserModel.find(username: username, on: db) == nil {
                    try await AccountStore.createOfficial(username: username, password: password,
                                                          fullName: "\(role.label) \(unit.name)",
                                                          roles: [(role, unitCode)], hasher: hasher, actor: "system",
                                                          at: at, on: db)
                }
                accounts.append(Account(username: username, role: role.rawValue, unitCode: unitCode, unitName: unit.name))
            }
        }
        if try await UserModel.find(username: citizenID, on: db) == nil {
            _ = try await AccountStore.registerCitizen(personalID: citizenID, password: password,
                                                       fullName: "Nguyễn Văn Hùng", email: "hung@example.vn",
                                                       phone: "0912345678", hasher: hasher, at: at, on: db)
        }
        accounts.append(Account(username: citizenID, role: "citizen", unitCode: "", unitName: "Công dân"))
        return accounts
    }
}
