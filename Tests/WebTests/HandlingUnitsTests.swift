import Catalog
import DemoData
import Foundation
import Organisation
@testable import Storage
import Testing

/// Which unit decides a dossier (`HandlingUnits`): the province's one-stop centre passes a dossier to the department
/// of its procedure's field; a commune or a department that receives a dossier handles it itself.
@Suite struct HandlingUnitsTests {
    /// The demo province's units as `HandlingUnits.resolve` looks them up: the province, its departments and their
    /// offices (the centre's desk among them), and one commune.
    static let units: [String: UnitModel] = {
        let province = unit("08", "Tỉnh Tuyên Quang", .province, path: "/08/")
        var units = ["08": province]
        for department in TuyenQuangDepartments.all {
            let path = UnitPath.child(of: province.path, code: department.code)
            units[department.code] = unit(department.code, department.name, .department, path: path)
            for office in department.offices {
                units[office.code] = unit(office.code, office.name, .office, path: UnitPath.child(of: path, code: office.code))
            }
        }
        units["02215"] = unit("02215", "Xã Minh Xuân", .commune, path: "/08/02215/")
        return units
    }()

    /// A unit of the 2025 structure, in force since the reorganisation (only what the routing reads).
    static func unit(_ code: String, _ name: String, _ kind: UnitKind, path: String) -> UnitModel {
        UnitModel(code: code, name: name, kind: kind, structure: .y2025, parentID: nil, path: path, agencyCode: nil,
                  validFrom: UnitStructure.reorganisationDay)
    }

    static func handling(_ record: ProcedureRecord, at receiving: String, units: [String: UnitModel] = units) async throws -> String {
        let unit = try #require(units[receiving])
        return try await HandlingUnits.resolve(procedure: record, receivingUnit: unit) { units[$0] }.code
    }

    static func catalog() throws -> [String: ProcedureRecord] {
        Dictionary(try CatalogStore.parse(DemoResources.catalogData()).procedures.compactMap { record in record.code.map { ($0, record) } },
                   uniquingKeysWith: { first, _ in first })
    }

    @Test func the_centres_desk_passes_each_province_procedure_of_the_catalog_to_the_department_of_its_field() async throws {
        let catalog = try Self.catalog()
        // written out from the fields of the real catalog, not from the table under test
        let expected = [
            "3.000333": "STP",    // Lý lịch tư pháp
            "1.013236": "SXD",    // Hoạt động xây dựng
            "1.000703": "SXD",    // Đường bộ
            "2.001610": "STC",    // Thành lập và hoạt động của doanh nghiệp
            "1.012783": "SNNMT",  // Đất đai
            "1.004756": "SNNMT",  // Thú y
            "1.003650": "SNNMT",  // Thủy sản
            "1.010727": "SNNMT",  // Môi trường
            "2.002478": "SGDDT",  // Giáo dục trung học
            "1.014320": "SNV",    // Việc làm
        ]
        for (code, department) in expected {
            let record = try #require(catalog[code], "\(code) is in the demo catalog")
            #expect(record.level == .province)
            #expect(try await Self.handling(record, at: "TTPVHCC.TN") == department, "\(code) \(record.field)")
        }
        // every province-level procedure of the catalog reaches a department of the province, none the desk itself
        for record in catalog.values where record.level == .province {
            let handling = try await Self.handling(record, at: "TTPVHCC.TN")
            #expect(Self.units[handling]?.kind == .department, "\(record.code) \(record.field) → \(handling)")
        }
    }

    @Test func every_department_the_field_table_names_is_one_of_the_provinces_departments() {
        let departments = Set(TuyenQuangDepartments.all.map(\.code))
        for (keyword, department) in HandlingUnits.departmentByField {
            #expect(departments.contains(department), "\(keyword) → \(department)")
        }
        #expect(departments.contains(HandlingUnits.fallbackDepartment))
    }

    @Test func a_commune_or_a_department_that_receives_a_dossier_handles_it_itself() async throws {
        let catalog = try Self.catalog()
        let landRecord = try #require(catalog["1.012783"])  // Đất đai: SNNMT's field when the centre receives it
        #expect(try await Self.handling(landRecord, at: "02215") == "02215")
        #expect(try await Self.handling(landRecord, at: "STP") == "STP")
        #expect(try await Self.handling(landRecord, at: "TTPVHCC.TN") == "SNNMT")
    }

    @Test func a_field_no_keyword_matches_goes_to_the_provinces_office_and_a_missing_department_leaves_it_at_the_desk() async throws {
        var record = try #require(try Self.catalog()["1.012783"])
        record.field = "Thi đua, khen thưởng"
        #expect(try await Self.handling(record, at: "TTPVHCC.TN") == HandlingUnits.fallbackDepartment)
        record.field = "Đất đai"
        var withoutDepartment = Self.units
        withoutDepartment["SNNMT"] = nil
        #expect(try await Self.handling(record, at: "TTPVHCC.TN", units: withoutDepartment) == "TTPVHCC.TN")
    }
}
