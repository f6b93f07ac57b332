import Exchange
import Foundation
import Testing

/// Messages and fixtures shared by the tests (all content invented for cqs).
enum Samples {
    static let province = EdXMLOrganization(
        organId: "000.00.00.H60", organName: "Ủy ban nhân dân tỉnh Tuyên Quang",
        organizationInCharge: "Ủy ban nhân dân tỉnh Tuyên Quang", organAdd: "Tổ 13, phường Minh Xuân, tỉnh Tuyên Quang",
        email: "ubnd@example.gov.vn", telephone: "0207 3822 000", fax: nil, website: "https://example.gov.vn")
    static let commune = EdXMLOrganization(organId: "000.01.21.H60", organName: "UBND xã Hùng Lợi",
                                           organizationInCharge: "UBND tỉnh Tuyên Quang", organAdd: "",
                                           email: "hungloi@example.gov.vn")
    static let department = EdXMLOrganization(organId: "000.00.09.H60", organName: "Sở Nội vụ")

    static func date(_ y: Int, _ m: Int, _ d: Int) -> EdXMLDate { EdXMLDate(year: y, month: m, day: d)! }
    static func time(_ y: Int, _ m: Int, _ d: Int, _ h: Int, _ min: Int, _ s: Int) -> EdXMLDateTime {
        EdXMLDateTime(date: date(y, m, d), hour: h, minute: min, second: s)!
    }

    /// A decision with every field the model carries, Vietnamese text, markup characters and a CR LF.
    static var fullMessage: EdXMLMessage {
        EdXMLMessage(
            from: province, to: [commune, department],
            documentId: "000.00.00.H60,2026/01/05,05/QĐ-UBND",
            code: EdXMLCode(number: "05", notation: "QĐ-UBND"),
            promulgationInfo: EdXMLPromulgationInfo(place: "Tuyên Quang", date: date(2026, 1, 5)),
            documentType: EdXMLDocumentType(type: 1, typeDetail: 2, typeName: "Quyết định"),
            subject: "Về việc công bố danh mục thủ tục hành chính được tiếp nhận trực tuyến toàn trình",
            content: "Điều 1. Công bố kèm theo Quyết định này…\r\nĐiều 2. Quyết định có hiệu lực <kể từ ngày ký> & \"thi hành\".",
            signerInfo: EdXMLSignerInfo(competence: "TM. ỦY BAN NHÂN DÂN", position: "Chủ tịch", fullName: "Nguyễn Văn Ân"),
            dueDate: date(2026, 2, 28),
            otherInfo: EdXMLOtherInfo(priority: 3, sphereOfPromulgation: "Liên thông văn bản", typerNotation: "",
                                      promulgationAmount: 10, pageAmount: 4, direction: true,
                                      appendixes: ["Phụ lục I: Danh mục thủ tục", "Phụ lục II: Quy trình nội bộ"]),
            steeringType: 1,
            toPlaces: ["Như Điều 3", "Lưu: VT, KSTT"],
            responseFor: [EdXMLResponseFor(organId: "000.00.09.H60", code: "15/SNV-CCHC", promulgationDate: date(2025, 12, 30),
                                           documentId: "000.00.09.H60,2025/12/30,15/SNV-CCHC")],
            traceHeaders: [EdXMLTraceHeader(organId: "000.00.00.H60", timestamp: time(2026, 1, 5, 16, 30, 5)),
                           EdXMLTraceHeader(organId: "000.00.00.G22", timestamp: time(2026, 1, 5, 16, 31, 0))],
            business: EdXMLBusiness(
                documentId: "000.00.00.H60,2025/12/01,99/QĐ-UBND", docType: .replace, reason: "Thay thế văn bản điện tử",
                paper: 1,
                documentInfo: EdXMLBusinessDocumentInfo(documentInfo: "1", documentReceiver: "1", receivers: [
                    EdXMLReceiver(organId: "000.01.21.H60", receiverType: 0),
                    EdXMLReceiver(organId: "000.00.09.H60", receiverType: 1),
                ]),
                replacements: [EdXMLReplacementInfo(documentId: "000.00.00.H60,2025/12/01,99/QĐ-UBND",
                                                    organIds: ["000.01.21.H60", "000.00.09.H60"])],
                staffInfo: EdXMLStaffInfo(department: "Văn thư", staff: "Lý Thị Ngân", email: "vt@example.gov.vn",
                                          mobile: "0900000003")))
    }

    /// A message with only the required fields.
    static var minimalMessage: EdXMLMessage {
        EdXMLMessage(from: department, to: [commune], code: EdXMLCode(number: "1", notation: "SNV-VP"),
                     promulgationInfo: EdXMLPromulgationInfo(place: nil, date: date(2026, 1, 2)),
                     documentType: EdXMLDocumentType(type: 1, typeName: "Công văn"), subject: "Thông báo lịch làm việc")
    }

    /// A Vietnamese text file and a binary file holding every byte value.
    static var twoAttachments: [EdXMLAttachment] {
        [
            EdXMLAttachment(contentID: "cid:1", name: "Quyết định 05-QĐ-UBND công bố danh mục.txt",
                            description: "Toàn văn quyết định (có dấu: ă â đ ê ô ơ ư, Ỹ ỹ)",
                            contentType: "text/plain; charset=utf-8",
                            data: Data("Điều 1. Công bố danh mục thủ tục hành chính.\nĐiều 2. Hiệu lực thi hành.\n".utf8)),
            EdXMLAttachment(contentID: "cid:2", name: "phu-luc.pdf", description: nil, contentType: "application/pdf",
                            data: Data((0...255).map(UInt8.init) + (0...255).reversed().map(UInt8.init))),
        ]
    }

    static func fixture(_ name: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "edxml", subdirectory: "Fixtures"))
        return try String(contentsOf: url, encoding: .utf8)
    }
}

extension String {
    /// The text with the first `target` replaced; records an issue when `target` is absent, so a mutation that does
    /// not apply cannot pass silently.
    func replacing(once target: String, with replacement: String,
                   sourceLocation: SourceLocation = #_sourceLocation) -> String {
        guard let range = range(of: target) else {
            Issue.record("fixture does not contain \(target)", sourceLocation: sourceLocation)
            return self
        }
        return replacingCharacters(in: range, with: replacement)
    }
}
