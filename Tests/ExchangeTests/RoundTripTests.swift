import Exchange
import Foundation
import Testing

/// What is written is read back exactly, in the QCVN 102:2016 layout.
@Suite struct RoundTripTests {
    let writer = EdXMLWriter()
    let reader = EdXMLReader()

    @Test func a_document_with_two_attachments_round_trips_exactly() throws {
        let package = EdXMLPackage(message: Samples.fullMessage, attachments: Samples.twoAttachments)
        let bytes = try writer.write(package)
        let read = try reader.readPackage(bytes)
        #expect(read == package)
        #expect(read.attachments[1].data == Samples.twoAttachments[1].data)
        #expect(read.message.content?.contains("\r\n") == true)
        // Writing what was read gives the same bytes.
        #expect(try writer.write(read) == bytes)
    }

    @Test func a_document_with_only_the_required_fields_round_trips() throws {
        let package = EdXMLPackage(message: Samples.minimalMessage)
        #expect(try reader.readPackage(writer.write(package)) == package)
    }

    @Test func the_written_package_has_the_edxml_layout() throws {
        let text = String(decoding: try writer.write(Samples.fullMessage, attachments: Samples.twoAttachments), as: UTF8.self)
        #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<edXML xmlns=\"\(EdXML.namespace)\">"))
        #expect(text.contains("<edXML:edXMLEnvelope xmlns:edXML=\"\(EdXML.namespace)\">"))
        #expect(text.contains("<edXML:PromulgationDate>2026/01/05</edXML:PromulgationDate>"))
        #expect(text.contains("<edXML:Timestamp>2026/01/05 16:30:05</edXML:Timestamp>"))
        #expect(text.contains("<edXML:Bussiness>"))
        #expect(text.contains("<edXML:edXMLManifest version=\"1.0\">"))
        #expect(text.components(separatedBy: "<edXML:Reference>").count == 3)
        #expect(text.components(separatedBy: "<Attachment>").count == 3)
        // Base64 in lines of 76 characters.
        #expect(text.contains(Samples.twoAttachments[1].data.base64EncodedString(options: [.lineLength76Characters,
                                                                                          .endLineWithLineFeed])))
        #expect(text.contains("&lt;kể từ ngày ký&gt; &amp;"))
    }

    @Test func an_attachment_over_ten_megabytes_round_trips() throws {
        // libxml2 refuses single text nodes and whole inputs over 10 MB unless it is fed as a stream.
        let scan = Data((0..<8_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 11) })
        let attachment = EdXMLAttachment(contentID: "cid:1", name: "ban-scan.pdf", contentType: "application/pdf", data: scan)
        let bytes = try writer.write(Samples.minimalMessage, attachments: [attachment])
        #expect(bytes.count > 10_000_000)
        #expect(try reader.readPackage(bytes).attachments == [attachment])
    }

    @Test(arguments: EdXMLStatusCode.allCases)
    func each_status_code_round_trips(code: EdXMLStatusCode) throws {
        let status = EdXMLStatus(
            from: Samples.commune,
            responseFor: EdXMLResponseFor(Samples.fullMessage),
            staffInfo: EdXMLStaffInfo(department: "Văn phòng", staff: "Ma Văn Tùng", email: nil, mobile: "0900000002"),
            code: code, description: code.vietnamese, timestamp: Samples.time(2026, 1, 6, 7, 45, 0))
        let bytes = try writer.write(status)
        #expect(try reader.readStatus(bytes) == status)
        #expect(try reader.read(bytes) == .status(status))
        #expect(String(decoding: bytes, as: UTF8.self).contains("<edXML:StatusCode>\(code.rawValue)</edXML:StatusCode>"))
    }

    @Test func a_status_replying_to_a_message_names_the_document_and_goes_to_its_sender() throws {
        let message = Samples.minimalMessage
        let status = EdXMLStatus(replyingTo: message, from: Samples.commune, code: .arrived,
                                 timestamp: Samples.time(2026, 1, 2, 9, 0, 0))
        #expect(status.responseFor.organId == message.from.organId)
        #expect(status.responseFor.documentId == "000.00.09.H60,2026/01/02,1/SNV-VP")
        #expect(status.responseFor.code == "1/SNV-VP")
        #expect(status.description == "Đã đến - Phần mềm QLVB đã nhận nhưng văn thư chưa xử lý")
        #expect(try reader.readStatus(writer.write(status)) == status)
    }

    @Test func the_receipt_identity_is_the_carried_document_id_or_the_same_form_built_from_the_header() {
        #expect(Samples.fullMessage.receiptIdentity == "000.00.00.H60,2026/01/05,05/QĐ-UBND")
        #expect(Samples.minimalMessage.documentId == nil)
        #expect(Samples.minimalMessage.receiptIdentity == "000.00.09.H60,2026/01/02,1/SNV-VP")
    }

    @Test func the_date_style_is_configurable_and_both_styles_read_back() throws {
        let dayFirst = EdXMLWriter(configuration: EdXMLConfiguration(dateStyle: .dayFirst))
        let bytes = try dayFirst.write(Samples.fullMessage)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("<edXML:PromulgationDate>05/01/2026</edXML:PromulgationDate>"))
        #expect(text.contains("<edXML:Timestamp>05/01/2026 16:30:05</edXML:Timestamp>"))
        #expect(try reader.readPackage(bytes).message == Samples.fullMessage)
    }

    @Test func an_empty_element_and_an_absent_one_stay_distinct() throws {
        var message = Samples.minimalMessage
        message.content = ""
        message.from.email = ""
        let read = try reader.readPackage(writer.write(message)).message
        #expect(read.content == "")
        #expect(read.from.email == "")
        #expect(read.from.fax == nil)
    }
}
