import Core
import Fluent
import Foundation
import Organisation

/// Imports the official administrative units of a province (the 2025 two-level structure, or the legacy
/// three-level one ended on 30 June 2025 with successor links). Idempotent: a second run changes nothing.
public enum UnitImport {
    /// The unit lists, as text.
    public struct Sources: Sendable {
        public var units2025: String
        public var unitsLegacy: String
        public var wardMerge: String

        public init(units2025: String, unitsLegacy: String, wardMerge: String) {
            self.units2025 = units2025
            self.unitsLegacy = unitsLegacy
            self.wardMerge = wardMerge
        }
    }

    /// What an import did.
    public struct Summary: Sendable, Equatable {
        public var created = 0
        public var unchanged = 0
        public var successorLinks = 0
    }

    /// Code prefix of legacy units, whose GSO codes may coincide with 2025 ones.
    public static let legacyPrefix = "L."

    /// Imports the 2025 structure of `province` (the province unit and its communes/wards).
    @discardableResult
    public static func import2025(province: String, sources: Sources, actor: String, at: Date,
                                  on database: any Database) async throws -> Summary {
        let wards = try AdministrativeUnitsData.wards2025(csv: sources.units2025, province: province)
        guard let first = wards.first else {
            throw Problem.invalid("Không có mã tỉnh này", "No units for province code \(province) in units-2025.csv.")
        }
        return try await database.writeTransaction { db in
            var summary = Summary()
            let root = try await ensureProvince(code: province, name: first.province, summary: &summary, on: db)
            let level1 = root.agencyCode.flatMap(AgencyCode.init)?.level1 ?? "H00"
            for (index, ward) in wards.enumerated() {
                let block = UnitStore.communeBlockStart + index / 99
                let agency = AgencyCode(level1: level1, level2: block, level3: index % 99 + 1)
                try await upsert(code: ward.wardCode, summary: &summary, on: db) {
                    UnitModel(code: ward.wardCode, name: ward.ward, kind: UnitKind.fromGSOType(ward.wardType) ?? .commune,
                              structure: .y2025, parentID: root.id, path: UnitPath.child(of: root.path, code: ward.wardCode),
                              agencyCode: agency.description, latitude: ward.latitude, longitude: ward.longitude,
                              validFrom: UnitStructure.reorganisationDay)
                }
            }
            try await AuditEventModel.record(on: db, at: at, actor: actor, action: "units.import",
                                             subject: "province:\(province)",
                                             reason: "2025 structure: \(summary.created) created")
            return summary
        }
    }

    /// Imports the legacy structure of `province`: districts and communes ended on 30 June 2025, each commune
    /// linked to its 2025 successor(s). Imports the 2025 structure first when it is missing.
    @discardableResult
    public static func importLegacy(province: String, sources: Sources, actor: String, at: Date,
                                    on database: any Database) async throws -> Summary {
        let wards = try AdministrativeUnitsData.legacyWards(csv: sources.unitsLegacy, province: province)
        guard !wards.isEmpty else {
            throw Problem.invalid("Không có mã tỉnh này", "No units for province code \(province) in units-legacy.csv.")
        }
        let communes2025 = try await UnitModel.query(on: database).filter(\.$structure == .y2025)
            .filter(\.$path =~ UnitPath.child(of: nil, code: province)).filter(\.$kind != .province).count()
        if communes2025 == 0 {
            try await import2025(province: province, sources: sources, actor: actor, at: at, on: database)
        }
        let merges = Dictionary(grouping: try AdministrativeUnitsData.merges(csv: sources.wardMerge), by: \.legacyWardCode)
        return try await database.writeTransaction { db in
            var summary = Summary()
            let root = try await ensureProvince(code: province, name: wards[0].province, summary: &summary, on: db)
            let level1 = root.agencyCode.flatMap(AgencyCode.init)?.level1 ?? "H00"
            var districts: [String: UnitModel] = [:]
            var districtOrder: [String] = []
            for ward in wards where districts[ward.districtCode] == nil {
                districtOrder.append(ward.districtCode)
                let code = legacyPrefix + ward.districtCode
                let agency = AgencyCode(level1: level1, level2: UnitStore.districtBlockStart + districtOrder.count)
                districts[ward.districtCode] = try await upsert(code: code, summary: &summary, on: db) {
                    UnitModel(code: code, name: ward.district, kind: .district, structure: .legacy, parentID: root.id,
                              path: UnitPath.child(of: root.path, code: code), agencyCode: agency.description,
                              validFrom: UnitStore.provinceValidFrom, validUntil: UnitStructure.legacyEndDay)
                }
            }
            var perDistrict: [String: Int] = [:]
            for ward in wards {
                let district = districts[ward.districtCode]!
                perDistrict[ward.districtCode, default: 0] += 1
                let code = legacyPrefix + ward.wardCode
                let agency = AgencyCode(district.agencyCode ?? "").map { $0.child(perDistrict[ward.districtCode]!) }
                let unit = try await upsert(code: code, summary: &summary, on: db) {
                    UnitModel(code: code, name: ward.ward, kind: UnitKind.fromGSOType(ward.wardType) ?? .commune,
                              structure: .legacy, parentID: district.id, path: UnitPath.child(of: district.path, code: code),
                              agencyCode: agency?.description, latitude: ward.latitude, longitude: ward.longitude,
                              validFrom: UnitStore.provinceValidFrom, validUntil: UnitStructure.legacyEndDay)
                }
                for merge in merges[ward.wardCode] ?? [] {
                    guard let successor = try await UnitModel.find(code: merge.wardCode2025, on: db) else { continue }
                    let exists = try await UnitSuccessorModel.query(on: db)
                        .filter(\.$predecessor.$id == unit.requireID()).filter(\.$successor.$id == successor.requireID())
                        .count() > 0
                    if !exists {
                        try await UnitSuccessorModel(predecessorID: unit.requireID(), successorID: successor.requireID(),
                                                     isDefault: merge.isDefault, kind: merge.kind).create(on: db)
                        summary.successorLinks += 1
                    }
                }
            }
            try await AuditEventModel.record(on: db, at: at, actor: actor, action: "units.import",
                                             subject: "province:\(province)",
                                             reason: "legacy structure: \(summary.created) created, \(summary.successorLinks) successor links")
            return summary
        }
    }

    static func ensureProvince(code: String, name: String, summary: inout Summary,
                               on db: any Database) async throws -> UnitModel {
        let level1 = UnitStore.defaultLevel1Codes[code] ?? "H\(code)"
        return try await upsert(code: code, summary: &summary, on: db) {
            UnitModel(code: code, name: "UBND " + name, kind: .province, structure: .y2025, parentID: nil,
                      path: UnitPath.child(of: nil, code: code), agencyCode: AgencyCode(level1: level1).description,
                      validFrom: UnitStore.provinceValidFrom)
        }
    }

    @discardableResult
    static func upsert(code: String, summary: inout Summary, on db: any Database,
                       make: () -> UnitModel) async throws -> UnitModel {
        if let existing = try await UnitModel.find(code: code, on: db) {
            summary.unchanged += 1
            return existing
        }
        let unit = make()
        try await unit.create(on: db)
        summary.created += 1
        return unit
    }
}
