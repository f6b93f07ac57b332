import Core
import Fluent
import SQLKit
import Foundation
import Organisation

/// Reads and changes the unit tree.
public enum UnitStore {
    /// The level-1 agency code of the demo province. [U] Tuyên Quang's "H60" follows the alphabetical
    /// numbering of the 63 legacy provinces seen in the domain reference (H49 Quảng Ninh, H54 Thái Bình,
    /// H57 Huế); it is configuration, stored per unit, and can be corrected by an administrator.
    public static let defaultLevel1Codes: [String: String] = ["08": "H60"]

    /// The day the province was re-established (Hà Tuyên split, 1 October 1991), used as the start of validity
    /// of the province and the legacy districts where the lists carry no date.
    public static let provinceValidFrom = "1991-10-01"

    /// Level-2 blocks of agency codes: departments 01–29, legacy districts 30–39, 2025 communes from 90
    /// (99 communes a block, numbered at level 3). [U] The province's own assignment replaces these.
    public static let communeBlockStart = 90, districtBlockStart = 30

    /// Ends a unit on `day` (its last day of validity), recording who and why. Units are never deleted once referenced.
    public static func end(_ unit: UnitModel, lastDay: String, actor: String, reason: String, at: Date,
                           on database: any Database) async throws {
        guard LocalDateText.isValid(lastDay), lastDay >= unit.validFrom else {
            throw Problem.invalid("Ngày kết thúc không hợp lệ", "The last day must be a date on or after \(unit.validFrom).")
        }
        if let until = unit.validUntil, until <= lastDay {
            throw Problem.conflict("Đơn vị đã kết thúc", "Unit \(unit.code) already ended on \(until).")
        }
        try await database.writeTransaction { db in
            unit.validUntil = lastDay
            try await unit.save(on: db)
            try await AuditEventModel.record(on: db, at: at, actor: actor, action: "unit.end",
                                             subject: "unit:\(unit.code)", reason: reason)
        }
    }

    /// Deletes a unit only when nothing refers to it; otherwise answers 409 and changes nothing.
    public static func delete(_ unit: UnitModel, actor: String, reason: String, at: Date,
                              on database: any Database) async throws {
        let id = try unit.requireID()
        try await database.writeTransaction { db in
            let children = try await UnitModel.query(on: db).filter(\.$parent.$id == id).count()
            let roles = try await RoleAssignmentModel.query(on: db).filter(\.$unit.$id == id).count()
            let links = try await UnitSuccessorModel.query(on: db).group(.or) {
                $0.filter(\.$predecessor.$id == id).filter(\.$successor.$id == id)
            }.count()
            let records = try await recordsNaming(unit.code, on: db)
            guard children + roles + links + records == 0 else {
                throw Problem.conflict(
                    "Đơn vị đang được tham chiếu nên không thể xóa; hãy kết thúc hiệu lực của đơn vị",
                    "Unit \(unit.code) is referenced (\(children) sub-units, \(roles) role assignments, \(links) successor links, \(records) records): end it instead.")
            }
            try await unit.delete(on: db)
            try await AuditEventModel.record(on: db, at: at, actor: actor, action: "unit.delete",
                                             subject: "unit:\(unit.code)", reason: reason)
        }
    }

    /// The tables that name a unit by its code (dossiers, documents, indicators, reports, DTI answers).
    static let codeReferences: [(table: String, column: String)] = [
        ("dossiers", "receiving_unit_code"), ("dossiers", "handling_unit_code"), ("dossier_steps", "unit_code"),
        ("documents", "agency_code"), ("dossier_facts", "unit_code"), ("report_campaign_units", "unit_code"),
        ("report_submissions", "unit_code"), ("dti_answers", "unit_code"), ("dti_rankings", "unit_code"),
    ]

    /// How many records of `codeReferences` name the unit `code`.
    static func recordsNaming(_ code: String, on db: any Database) async throws -> Int {
        var total = 0
        for reference in codeReferences {
            total += try await (db as! any SQLDatabase).select()
                .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("n")))
                .from(reference.table).where(SQLColumn(reference.column), .equal, SQLBind(code))
                .first()?.decode(column: "n", as: Int.self) ?? 0
        }
        return total
    }

    /// The successors of a unit with their kind.
    public static func successors(of unit: UnitModel, on database: any Database) async throws -> [(UnitModel, UnitSuccessorModel)] {
        let links = try await UnitSuccessorModel.query(on: database)
            .filter(\.$predecessor.$id == unit.requireID()).with(\.$successor).all()
        return links.map { ($0.successor, $0) }
    }
}

/// Checks "YYYY-MM-DD" texts.
public enum LocalDateText {
    /// Whether `text` is a real calendar date in ISO form.
    public static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        guard text.count == 10, parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), d >= 1 else { return false }
        let days = [31, (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return d <= days[m - 1]
    }
}
