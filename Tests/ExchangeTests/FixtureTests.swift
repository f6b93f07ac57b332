import Exchange
import Foundation
import Testing

/// Packages in the shape of national traffic (own content in Fixtures/) are read completely.
@Suite struct FixtureTests {
    let reader = EdXMLReader()

    @Test func a_document_package_in_the_national_shape_is_read() throws {
        let package = try reader.readPackage(Data(Samples.fixture("document_new").utf8))
        let message = package.message
        #expect(message.from.organId == "000.00.09.H60")
        #expect(message.from.organName == "Sở Nội vụ tỉnh Tuyên Quang")
        #expect(message.from.telephone == "")
        #expect(message.to.map(\.organId) == ["000.01.21.H60", "000.02.21.H60"])
        #expect(message.documentId == "000.00.09.H60,2026/03/02,15/SNV-CCHC")
        #expect(message.receiptIdentity == message.documentId)
        #expect(message.code == EdXMLCode(number: "15", notation: "SNV-CCHC"))
        #expect(message.promulgationInfo.date == Samples.date(2026, 3, 2)) // written day first
        #expect(message.documentType == EdXMLDocumentType(type: 1, typeDetail: 0, typeName: "Công văn"))
        #expect(message.subject == "V/v báo cáo tình hình tiếp nhận hồ sơ trực tuyến quý I năm 2026")
        #expect(message.signerInfo.competence == "KT. GIÁM ĐỐC")
        #expect(message.dueDate == Samples.date(2026, 3, 20))
        #expect(message.priority == 1)
        #expect(message.otherInfo.direction == false)
        #expect(message.otherInfo.appendixes == ["Mẫu báo cáo số liệu"])
        #expect(message.steeringType == 2)
        #expect(message.toPlaces == ["Như trên", "Lưu: VT, CCHC"])
        #expect(message.traceHeaders == [EdXMLTraceHeader(organId: "000.00.09.H60", timestamp: Samples.time(2026, 3, 2, 8, 15, 0))])
        #expect(message.business?.docType == .new)
        #expect(message.business?.staffInfo?.staff == "Nông Thị Hà")

        #expect(package.attachments.map(\.contentID) == ["cid:1", "cid:2"])
        #expect(package.attachments.map(\.contentType) == ["text/plain", "application/pdf"])
        let text = String(decoding: package.attachments[0].data, as: UTF8.self)
        #expect(text.hasPrefix("Kính gửi: Ủy ban nhân dân các xã, phường."))
        // The second attachment is base64 wrapped over several lines.
        #expect(package.attachments[1].data.count == 268)
        #expect(Array(package.attachments[1].data.prefix(256)) == (0...255).map(UInt8.init))
    }

    @Test func a_read_package_is_written_again_and_reads_the_same() throws {
        let package = try reader.readPackage(Data(Samples.fixture("document_new").utf8))
        #expect(try reader.readPackage(EdXMLWriter().write(package)) == package)
    }

    @Test func a_status_message_in_the_national_shape_is_read() throws {
        let data = Data(try Samples.fixture("status_assigned_04").utf8)
        let status = try reader.readStatus(data)
        #expect(status.code == .assigned)
        #expect(status.from.organId == "000.01.21.H60")
        #expect(status.responseFor == EdXMLResponseFor(organId: "000.00.09.H60", code: "15/SNV-CCHC",
                                                      promulgationDate: Samples.date(2026, 3, 2),
                                                      documentId: "000.00.09.H60,2026/03/02,15/SNV-CCHC"))
        #expect(status.staffInfo?.mobile == "0900000002")
        #expect(status.description == "Phân công xử lý")
        #expect(status.timestamp == Samples.time(2026, 3, 2, 14, 5, 9))
        #expect(status.timestamp.instant() == Date(timeIntervalSince1970: 1_772_435_109)) // 07:05:09 UTC
        guard case .status = try reader.read(data) else { Issue.record("not read as a status"); return }
    }

    @Test func the_status_names_the_document_the_package_carried() throws {
        let package = try reader.readPackage(Data(Samples.fixture("document_new").utf8))
        let status = try reader.readStatus(Data(Samples.fixture("status_assigned_04").utf8))
        #expect(status.responseFor.documentId == package.message.receiptIdentity)
    }
}
