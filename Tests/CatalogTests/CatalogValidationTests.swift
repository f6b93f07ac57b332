import Catalog
import Core
import Foundation
import Testing

/// The catalog's rules, on the real sample file shipped as a resource.
@Suite struct CatalogValidationTests {
    static func realFile() throws -> CatalogFile {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/DemoData/Resources/catalog.json")
        return try JSONDecoder().decode(CatalogFile.self, from: Data(contentsOf: url))
    }

    @Test func the_real_catalog_is_valid() throws {
        let file = try Self.realFile()
        #expect(file.procedures.count == 55)
        #expect(CatalogValidation.violations(of: file).isEmpty)
    }

    @Test func steps_that_do_not_add_up_name_the_procedure_and_the_sums() throws {
        var record = try #require(try Self.realFile().procedures.first { $0.code == "1.001022" })
        record.process.steps[2].workingDays = 4   // 0.5+0.5+4+0.5+0.5 = 6 ≠ 3
        let violations = CatalogValidation.violations(of: record)
        #expect(violations.count == 1)
        #expect(violations[0].procedure == "1.001022")
        #expect(violations[0].english.contains("6") && violations[0].english.contains("3"))
        #expect(violations[0].vietnamese.contains("Tổng thời gian"))
    }

    @Test func same_day_procedures_add_up_to_eight_hours() throws {
        var record = try #require(try Self.realFile().procedures.first { $0.code == "1.001193" })
        #expect(record.processingTime.isSameDay)
        #expect(CatalogValidation.violations(of: record).isEmpty)
        record.process.steps[0].hours = (record.process.steps[0].hours ?? 0) + 1
        #expect(!CatalogValidation.violations(of: record).isEmpty)
    }

    @Test func duplicate_codes_and_unknown_group_members_are_refused() throws {
        var file = try Self.realFile()
        file.procedures.append(file.procedures[0])
        file.groups?[0].members.append("9.999999")
        let violations = CatalogValidation.violations(of: file)
        #expect(violations.contains { $0.english.contains("Duplicate procedure code") })
        #expect(violations.contains { $0.english.contains("9.999999") })
    }
}

/// Diacritics- and case-insensitive search ranking.
@Suite struct ProcedureSearchTests {
    static func candidates() throws -> [ProcedureSearch.Candidate] {
        try CatalogValidationTests.realFile().procedures.map { .init(code: $0.catalogCode, name: $0.name, field: $0.field) }
    }

    @Test(arguments: ["dang ky khai sinh", "khai sinh", "ĐĂNG KÝ KHAI SINH", "Đăng Ký Khai Sinh", "  khai   sinh "])
    func birth_registration_comes_first(query: String) throws {
        let ranked = ProcedureSearch.rank(try Self.candidates(), query: query)
        #expect(ranked.first?.code == "1.001193")
        #expect(ranked.contains { $0.code == "2.000528" })
    }

    @Test func folding_removes_diacritics_and_d_stroke() {
        #expect(VietnameseText.fold("ĐĂNG KÝ Khai Sinh, đất đai!") == "dang ky khai sinh dat dai")
        #expect(VietnameseText.fold("Hồ Chí Minh") == "ho chi minh")
    }

    @Test func a_code_query_finds_the_procedure_first() throws {
        #expect(ProcedureSearch.rank(try Self.candidates(), query: "1.004222").first?.code == "1.004222")
    }

    @Test func unrelated_words_match_nothing() throws {
        #expect(ProcedureSearch.rank(try Self.candidates(), query: "tàu vũ trụ").isEmpty)
    }
}
