import Documents
import Foundation
import Testing

/// Document types (art. 7, Annex III), urgency and confidentiality.
@Suite struct DocumentTypeTests {
    /// Art. 7 in order, with Annex III abbreviations, as the domain reference §3.1 lists them.
    static let decreeTable: [(DocumentType, String, String?)] = [
        (.resolution, "Nghị quyết", "NQ"), (.decision, "Quyết định", "QĐ"), (.directive, "Chỉ thị", "CT"),
        (.regulation, "Quy chế", "QC"), (.rules, "Quy định", "QyĐ"), (.communique, "Thông cáo", "TC"),
        (.notice, "Thông báo", "TB"), (.guidance, "Hướng dẫn", "HD"), (.program, "Chương trình", "CTr"),
        (.plan, "Kế hoạch", "KH"), (.operationalPlan, "Phương án", "PA"), (.scheme, "Đề án", "ĐA"),
        (.project, "Dự án", "DA"), (.report, "Báo cáo", "BC"), (.minutes, "Biên bản", "BB"),
        (.submission, "Tờ trình", "TTr"), (.contract, "Hợp đồng", "HĐ"), (.officialLetter, "Công văn", nil),
        (.officialTelegram, "Công điện", "CĐ"), (.memorandumOfUnderstanding, "Bản ghi nhớ", "BGN"),
        (.agreement, "Bản thỏa thuận", "BTT"), (.powerOfAttorney, "Giấy ủy quyền", "GUQ"), (.invitation, "Giấy mời", "GM"),
        (.letterOfIntroduction, "Giấy giới thiệu", "GGT"), (.leavePermit, "Giấy nghỉ phép", "GNP"),
        (.dispatchSlip, "Phiếu gửi", "PG"), (.transferSlip, "Phiếu chuyển", "PC"), (.noticeSlip, "Phiếu báo", "PB"),
        (.publicLetter, "Thư công", nil),
    ]

    @Test func all_twenty_nine_types_follow_the_decree_order() {
        #expect(DocumentType.allCases.count == 29)
        #expect(DocumentType.allCases == Self.decreeTable.map(\.0))
        for (index, type) in DocumentType.allCases.enumerated() { #expect(type.ordinal == index + 1) }
    }

    @Test func every_type_has_its_vietnamese_name_and_annex_iii_abbreviation() {
        for (type, name, abbreviation) in Self.decreeTable {
            #expect(type.vietnameseName == name, "\(type)")
            #expect(type.abbreviation == abbreviation, "\(type)")
            if let abbreviation { #expect(DocumentType(abbreviation: abbreviation) == type) }
        }
        #expect(DocumentType.allCases.compactMap(\.abbreviation).count == 27)
    }

    @Test func cong_van_and_thu_cong_have_no_abbreviation() {
        #expect(DocumentType.officialLetter.abbreviation == nil)
        #expect(DocumentType.publicLetter.abbreviation == nil)
    }

    @Test func mixed_case_abbreviations_are_kept_as_the_decree_writes_them() {
        #expect(DocumentType.rules.abbreviation == "QyĐ")
        #expect(DocumentType.program.abbreviation == "CTr")
        #expect(DocumentType.submission.abbreviation == "TTr")
        #expect(CopyForm.extractCopy.abbreviation == "TrS")
        #expect(DocumentType(abbreviation: "QYĐ") == nil)
        #expect(DocumentType(abbreviation: "TTR") == nil)
        #expect(DocumentType(abbreviation: "kh") == nil)
    }

    @Test func abbreviations_are_unique_even_ignoring_case() {
        let all = DocumentType.allCases.compactMap(\.abbreviation) + CopyForm.allCases.map(\.abbreviation)
        #expect(all.count == 30)
        #expect(Set(all.map { $0.uppercased() }).count == 30)
    }

    @Test func copies_have_their_annex_iii_abbreviations() {
        #expect(CopyForm.allCases.map(\.abbreviation) == ["SY", "TrS", "SL"])
        #expect(CopyForm.allCases.map(\.vietnameseName) == ["Bản sao y", "Bản trích sao", "Bản sao lục"])
        #expect(CopyForm(abbreviation: "TrS") == .extractCopy)
    }

    @Test func only_resolution_and_decision_have_a_normative_counterpart() {
        #expect(DocumentType.allCases.filter(\.hasNormativeCounterpart) == [.resolution, .decision])
    }

    @Test func only_thu_cong_is_not_numbered() {
        #expect(DocumentType.allCases.filter { !$0.isNumbered } == [.publicLetter])
    }

    @Test func raw_values_are_stable_english_lower_camel() throws {
        #expect(DocumentType.memorandumOfUnderstanding.rawValue == "memorandumOfUnderstanding")
        let data = try JSONEncoder().encode([DocumentType.plan, .officialLetter])
        #expect(String(decoding: data, as: UTF8.self) == #"["plan","officialLetter"]"#)
        #expect(try JSONDecoder().decode([DocumentType].self, from: data) == [.plan, .officialLetter])
    }

    @Test func urgency_levels_have_their_labels_and_order() {
        #expect(Urgency.allCases.map(\.label) == ["Thường", "Khẩn", "Thượng khẩn", "Hỏa tốc"])
        #expect(Urgency.allCases.map(\.rawValue) == ["normal", "urgent", "veryUrgent", "flash"])
        #expect(Urgency.allCases.map(\.stamp) == [nil, "KHẨN", "THƯỢNG KHẨN", "HỎA TỐC"])
        #expect(Urgency.normal < .urgent && Urgency.urgent < .veryUrgent && Urgency.veryUrgent < .flash)
        #expect(Urgency.allCases.filter(\.requiresImmediateHandling) == [.urgent, .veryUrgent, .flash])
    }

    @Test func edxml_priority_codes_default_to_zero_to_three_and_are_configurable() throws {
        let codes = EdXMLPriorityCodes()
        #expect(Urgency.allCases.map { codes.code(for: $0) } == [0, 1, 2, 3])
        #expect(codes.urgency(forCode: 2) == .veryUrgent)
        #expect(codes.urgency(forCode: 4) == .flash)
        #expect(codes.urgency(forCode: 9) == nil)
        let bkav = EdXMLPriorityCodes(codes: [.urgent: 1, .veryUrgent: 2, .flash: 3, .normal: 5], aliases: [:])
        #expect(bkav.urgency(forCode: 5) == .normal)
        #expect(bkav.urgency(forCode: 0) == nil)
        let round = try JSONDecoder().decode(EdXMLPriorityCodes.self, from: JSONEncoder().encode(bkav))
        #expect(round == bkav)
    }

    @Test func confidentiality_levels_and_which_are_secret() {
        #expect(Confidentiality.allCases.map(\.label) == ["Thường", "Mật", "Tối mật", "Tuyệt mật"])
        #expect(Confidentiality.allCases.map(\.stamp) == [nil, "MẬT", "TỐI MẬT", "TUYỆT MẬT"])
        #expect(Confidentiality.allCases.filter(\.isSecret) == [.confidential, .secret, .topSecret])
        #expect(Confidentiality.normal < .confidential && Confidentiality.secret < .topSecret)
    }
}
