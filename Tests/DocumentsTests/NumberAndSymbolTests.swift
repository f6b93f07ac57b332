import Documents
import Foundation
import Testing

/// Số, ký hiệu: formatting, parsing, refusals.
@Suite struct NumberAndSymbolTests {
    @Test func a_number_below_ten_gets_a_leading_zero() throws {
        #expect(try NumberAndSymbol(number: 5, type: .notice, issuer: "UBND").description == "05/TB-UBND")
        #expect(NumberAndSymbol.format(number: 1) == "01")
        #expect(NumberAndSymbol.format(number: 9) == "09")
        #expect(NumberAndSymbol.format(number: 10) == "10")
        #expect(NumberAndSymbol.format(number: 1234) == "1234")
    }

    @Test func the_decree_examples_are_formatted_exactly() throws {
        #expect(try NumberAndSymbol(number: 60, type: .plan, issuer: "UBND").description == "60/KH-UBND")
        #expect(try NumberAndSymbol(number: 123, type: .decision, issuer: "UBND").description == "123/QĐ-UBND")
    }

    @Test func cong_van_symbol_names_the_agency_then_the_unit() throws {
        let letter = try NumberAndSymbol(number: 123, type: .officialLetter, issuer: "UBND", unit: "VP")
        #expect(letter.description == "123/UBND-VP")
        #expect(letter.symbol == "UBND-VP")
        #expect(letter.typeAbbreviation == nil)
        #expect(letter.documentType == .officialLetter)
        let parsed = try NumberAndSymbol(parsing: "123/UBND-VP")
        #expect(parsed == letter)
        #expect(parsed.issuer == "UBND" && parsed.unit == "VP")
    }

    @Test func cong_van_needs_the_drafting_unit() {
        #expect(throws: DocumentRuleError.self) { try NumberAndSymbol(number: 7, type: .officialLetter, issuer: "UBND") }
        #expect(reason(of: "123/UBND") == .missingUnit)
    }

    @Test func thu_cong_gets_no_number() {
        #expect(reason { try NumberAndSymbol(number: 1, type: .publicLetter, issuer: "UBND") } == .typeNotNumbered)
    }

    @Test func mixed_case_abbreviations_are_written_as_annex_iii_writes_them() throws {
        #expect(try NumberAndSymbol(number: 3, type: .rules, issuer: "UBND").description == "03/QyĐ-UBND")
        #expect(try NumberAndSymbol(number: 14, type: .program, issuer: "SNV").description == "14/CTr-SNV")
        #expect(try NumberAndSymbol(number: 211, type: .submission, issuer: "STC").description == "211/TTr-STC")
        #expect(try NumberAndSymbol(number: 2, copy: .extractCopy, issuer: "UBND").description == "02/TrS-UBND")
    }

    @Test func every_abbreviated_type_formats_and_parses_back() throws {
        for type in DocumentType.allCases where type.abbreviation != nil {
            for number in [1, 9, 10, 60, 123, 4567] {
                let made = try NumberAndSymbol(number: number, type: type, issuer: "UBND")
                let text = made.description
                #expect(text == "\(NumberAndSymbol.format(number: number))/\(type.abbreviation!)-UBND")
                let parsed = try NumberAndSymbol(parsing: text)
                #expect(parsed == made, "\(text)")
                #expect(parsed.documentType == type, "\(text)")
                #expect(parsed.number == number)
                #expect(parsed.issuer == "UBND" && parsed.unit == nil && parsed.year == nil)
                #expect(parsed.description == text)
            }
        }
    }

    @Test func every_copy_form_formats_and_parses_back() throws {
        for copy in CopyForm.allCases {
            let made = try NumberAndSymbol(number: 5, copy: copy, issuer: "UBND")
            let parsed = try NumberAndSymbol(parsing: made.description)
            #expect(parsed == made)
            #expect(parsed.copyForm == copy && parsed.documentType == nil)
        }
    }

    @Test func parsing_reads_number_type_agency_and_unit() throws {
        let plan = try NumberAndSymbol(parsing: "60/KH-UBND")
        #expect(plan.number == 60 && plan.typeAbbreviation == "KH" && plan.issuer == "UBND" && plan.unit == nil)
        #expect(plan.documentType == .plan && plan.formattedNumber == "60" && plan.symbol == "KH-UBND")
        let notice = try NumberAndSymbol(parsing: "05/TB-UBND")
        #expect(notice.number == 5 && notice.documentType == .notice)
        let report = try NumberAndSymbol(parsing: "12/BC-UBND-VX")
        #expect(report.documentType == .report && report.issuer == "UBND" && report.unit == "VX")
        let steering = try NumberAndSymbol(parsing: "45/KH-BCĐ389")
        #expect(steering.issuer == "BCĐ389")
        let agencyWithVietnameseLetters = try NumberAndSymbol(parsing: "08/NQ-HĐND")
        #expect(agencyWithVietnameseLetters.issuer == "HĐND" && agencyWithVietnameseLetters.documentType == .resolution)
    }

    @Test func the_prime_minister_keeps_his_mixed_case_abbreviation() throws {
        let decision = try NumberAndSymbol(parsing: "766/QĐ-TTg")
        #expect(decision.issuer == "TTg" && decision.documentType == .decision)
        let letter = try NumberAndSymbol(parsing: "1234/TTg-KTTH")
        #expect(letter.documentType == .officialLetter && letter.issuer == "TTg" && letter.unit == "KTTH")
        #expect(reason { try NumberAndSymbol(parsing: "766/QĐ-TTg", mixedCaseIssuers: []) } == .symbolNotUpperCase)
        #expect(reason(of: "12/QĐ-Ubnd") == .symbolNotUpperCase)
    }

    @Test func normative_numbers_carry_the_year() throws {
        let ours = try NumberAndSymbol(number: 15, year: 2026, normativeType: .decision, issuer: "UBND")
        #expect(ours.description == "15/2026/QĐ-UBND")
        #expect(try NumberAndSymbol(parsing: "15/2026/QĐ-UBND") == ours)
        #expect(ours.isNormative && ours.documentType == nil)
        #expect(try NumberAndSymbol(number: 3, year: 2026, normativeType: .resolution, issuer: "HĐND").description
            == "03/2026/NQ-HĐND")
        #expect(reason { try NumberAndSymbol(number: 3, year: 2026, normativeType: .plan, issuer: "UBND") } == .typeNotNumbered)

        let decree = try NumberAndSymbol(parsing: "30/2020/NĐ-CP")
        #expect(decree.number == 30 && decree.year == 2020 && decree.typeAbbreviation == "NĐ" && decree.issuer == "CP")
        let joint = try NumberAndSymbol(parsing: "12/2015/TTLT-BTC-BNV")
        #expect(joint.typeAbbreviation == "TTLT" && joint.issuer == "BTC" && joint.coIssuers == ["BNV"])
        #expect(joint.description == "12/2015/TTLT-BTC-BNV")
        let law = try NumberAndSymbol(parsing: "45/2019/QH14")
        #expect(law.typeAbbreviation == nil && law.issuer == "QH14" && law.year == 2019)
    }

    @Test func the_look_alike_eth_is_read_as_the_vietnamese_d() throws {
        let parsed = try NumberAndSymbol(parsing: "123/Q\u{00D0}-UBND")
        #expect(parsed.description == "123/QĐ-UBND" && parsed.documentType == .decision)
    }

    @Test func malformed_symbols_are_refused() {
        let cases: [(String, DocumentRuleError.Reason)] = [
            ("", .emptyNumberAndSymbol),
            ("60 /KH-UBND", .whitespaceInNumberAndSymbol),
            ("60/KH - UBND", .whitespaceInNumberAndSymbol),
            ("Số: 60/KH-UBND", .whitespaceInNumberAndSymbol),
            ("60-KH-UBND", .missingSlash),
            ("60/2020/2021/KH-UBND", .missingSlash),
            ("/KH-UBND", .invalidNumber),
            ("0/KH-UBND", .invalidNumber),
            ("00/KH-UBND", .invalidNumber),
            ("-5/KH-UBND", .invalidNumber),
            ("A1/KH-UBND", .invalidNumber),
            ("١٢/KH-UBND", .invalidNumber),
            ("5/TB-UBND", .numberNotPadded),
            ("005/TB-UBND", .numberNotPadded),
            ("060/KH-UBND", .numberNotPadded),
            ("05/20/NĐ-CP", .invalidYear),
            ("05/ABCD/NĐ-CP", .invalidYear),
            ("60/", .malformedSymbol),
            ("60/KH-", .malformedSymbol),
            ("60/KH--UBND", .malformedSymbol),
            ("60/-KH-UBND", .malformedSymbol),
            ("60/KH_UBND", .malformedSymbol),
            ("60/KH-UBND.VP", .malformedSymbol),
            ("60/KH", .missingIssuer),
            ("60/KH-UBND-VP-TH", .tooManySymbolParts),
            ("123/UBND-VP-TH", .tooManySymbolParts),
            ("123/UBND", .missingUnit),
            ("60/kh-UBND", .typeAbbreviationCase),
            ("03/QYĐ-UBND", .typeAbbreviationCase),
            ("03/Qyđ-UBND", .typeAbbreviationCase),
            ("14/CTR-UBND", .typeAbbreviationCase),
            ("211/TTR-STC", .typeAbbreviationCase),
            ("05/2016/Nđ-CP", .symbolNotUpperCase),
            ("60/KH-ubnd", .symbolNotUpperCase),
            ("123/Ubnd-VP", .symbolNotUpperCase),
            ("123/UBND-vp", .symbolNotUpperCase),
        ]
        for (text, expected) in cases {
            #expect(reason(of: text) == expected, "\(text)")
        }
    }

    @Test func a_refusal_speaks_vietnamese_and_english() throws {
        do {
            _ = try NumberAndSymbol(parsing: "03/QYĐ-UBND")
            Issue.record("accepted")
        } catch let error as DocumentRuleError {
            #expect(error.vietnamese.contains("QyĐ") && error.vietnamese.contains("Phụ lục III"))
            #expect(error.english.contains("QyĐ") && error.english.contains("Annex III"))
            #expect(error.description == "\(error.vietnamese) / \(error.english)")
        }
        do {
            _ = try NumberAndSymbol(parsing: "5/TB-UBND")
            Issue.record("accepted")
        } catch let error as DocumentRuleError {
            #expect(error.vietnamese.contains("số 0") && error.english.contains("leading zero"))
        }
    }

    @Test func building_refuses_what_parsing_refuses() {
        #expect(reason { try NumberAndSymbol(number: 0, type: .plan, issuer: "UBND") } == .invalidNumber)
        #expect(reason { try NumberAndSymbol(number: 1, type: .plan, issuer: "ubnd") } == .symbolNotUpperCase)
        #expect(reason { try NumberAndSymbol(number: 1, type: .plan, issuer: "UB ND") } == .malformedSymbol)
        #expect(reason { try NumberAndSymbol(number: 1, type: .plan, issuer: "") } == .malformedSymbol)
        #expect(reason { try NumberAndSymbol(number: 1, type: .officialLetter, issuer: "UBND", unit: "Vp") }
            == .symbolNotUpperCase)
        #expect(reason { try NumberAndSymbol(number: 1, year: 99, normativeType: .decision, issuer: "UBND") } == .invalidYear)
    }

    @Test func it_is_encoded_as_its_text() throws {
        let value = try NumberAndSymbol(number: 60, type: .plan, issuer: "UBND")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        let data = try encoder.encode([value])
        #expect(String(decoding: data, as: UTF8.self) == #"["60/KH-UBND"]"#)
        #expect(try JSONDecoder().decode([NumberAndSymbol].self, from: data) == [value])
        #expect(throws: DocumentRuleError.self) {
            try JSONDecoder().decode([NumberAndSymbol].self, from: Data(#"["5/KH-UBND"]"#.utf8))
        }
    }
}

/// The reason a throwing call failed with, or `nil` when it succeeded or threw something else.
func reason(_ body: () throws -> Any) -> DocumentRuleError.Reason? {
    do {
        _ = try body()
        return nil
    } catch let error as DocumentRuleError {
        #expect(!error.vietnamese.isEmpty && !error.english.isEmpty)
        return error.reason
    } catch {
        return nil
    }
}

/// The reason parsing `text` is refused with.
func reason(of text: String) -> DocumentRuleError.Reason? {
    reason { try NumberAndSymbol(parsing: text) }
}
