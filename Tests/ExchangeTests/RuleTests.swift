import Exchange
import Foundation
import Testing

/// One malformed example per ``EdXMLRule``: each is refused with its rule and the element at fault.
@Suite struct RuleTests {
    static let mh = "edXMLEnvelope/edXMLHeader/MessageHeader"
    static let trace = "edXMLEnvelope/edXMLHeader/TraceHeaderList"
    static let manifest = "edXMLEnvelope/edXMLBody/edXMLManifest"

    struct Example: Sendable, CustomTestStringConvertible {
        let spec: String
        let rule: EdXMLRule
        let path: String
        let attempt: @Sendable () throws -> Void
        var testDescription: String { spec }
    }

    /// Reads the document fixture after `mutate`.
    static func document(_ configuration: EdXMLConfiguration = .default,
                         _ mutate: @escaping @Sendable (String) -> String) -> @Sendable () throws -> Void {
        { _ = try EdXMLReader(configuration: configuration).readPackage(Data(mutate(try Samples.fixture("document_new")).utf8)) }
    }

    /// Reads the status fixture after `mutate`.
    static func status(_ mutate: @escaping @Sendable (String) -> String) -> @Sendable () throws -> Void {
        { _ = try EdXMLReader().readStatus(Data(mutate(try Samples.fixture("status_assigned_04")).utf8)) }
    }

    static let examples: [Example] = [
        Example(spec: "bytes_that_are_not_xml_at_all_are_refused", rule: .notXML, path: "",
                attempt: { _ = try EdXMLReader().read(Data([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0xFF])) }),
        Example(spec: "xml_that_is_not_well_formed_is_refused", rule: .notXML, path: "",
                attempt: document { $0.replacing(once: "</edXML:Subject>", with: "</edXML:Subjec>") }),
        Example(spec: "a_package_declaring_a_dtd_is_refused", rule: .documentTypeDeclaration, path: "",
                attempt: document {
                    $0.replacing(once: "?>\n", with: "?>\n<!DOCTYPE edXML [<!ENTITY lol \"lol\">]>\n")
                }),
        Example(spec: "a_package_whose_root_is_not_edXML_is_refused", rule: .rootElement, path: "Envelope",
                attempt: document {
                    $0.replacing(once: "<edXML xmlns=", with: "<Envelope xmlns=").replacing(once: "</edXML>", with: "</Envelope>")
                }),
        Example(spec: "an_envelope_outside_the_qcvn_namespace_is_refused", rule: .namespace, path: "edXMLEnvelope",
                attempt: document {
                    $0.replacing(once: "<edXML:edXMLEnvelope xmlns:edXML=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">",
                                 with: "<edXML:edXMLEnvelope xmlns:edXML=\"http://example.org/edxml\">")
                }),
        Example(spec: "a_package_without_from_is_refused_naming_the_element", rule: .missingElement, path: "\(mh)/From",
                attempt: document { $0.removing(element: "From") }),
        Example(spec: "a_package_with_an_empty_subject_is_refused", rule: .emptyElement, path: "\(mh)/Subject",
                attempt: document {
                    $0.replacing(once: "<edXML:Subject>V/v báo cáo tình hình tiếp nhận hồ sơ trực tuyến quý I năm 2026</edXML:Subject>",
                                 with: "<edXML:Subject>  </edXML:Subject>")
                }),
        Example(spec: "a_package_with_two_codes_is_refused_naming_the_second", rule: .duplicateElement, path: "\(mh)/Code[2]",
                attempt: document {
                    $0.replacing(once: "</edXML:Code>", with: """
                        </edXML:Code>
                        <edXML:Code><edXML:CodeNumber>16</edXML:CodeNumber><edXML:CodeNotation>SNV-VP</edXML:CodeNotation></edXML:Code>
                        """)
                }),
        Example(spec: "a_status_message_read_as_a_document_is_refused", rule: .unexpectedMessageKind, path: "\(mh)/StatusCode",
                attempt: { _ = try EdXMLReader().readPackage(Data(try Samples.fixture("status_assigned_04").utf8)) }),
        Example(spec: "a_sender_code_not_in_the_national_shape_is_refused", rule: .agencyCode, path: "\(mh)/From/OrganId",
                attempt: document {
                    $0.replacing(once: "<edXML:OrganId>000.00.09.H60</edXML:OrganId>", with: "<edXML:OrganId>H60.09</edXML:OrganId>")
                }),
        Example(spec: "a_document_id_without_agency_date_and_code_is_refused", rule: .documentID, path: "\(mh)/DocumentId",
                attempt: document {
                    $0.replacing(once: "<edXML:DocumentId>000.00.09.H60,2026/03/02,15/SNV-CCHC</edXML:DocumentId>",
                                 with: "<edXML:DocumentId>15/SNV-CCHC</edXML:DocumentId>")
                }),
        Example(spec: "a_document_number_in_words_is_refused", rule: .codeNumber, path: "\(mh)/Code/CodeNumber",
                attempt: document {
                    $0.replacing(once: "<edXML:CodeNumber>15</edXML:CodeNumber>", with: "<edXML:CodeNumber>mười lăm</edXML:CodeNumber>")
                }),
        Example(spec: "a_document_symbol_with_spaces_is_refused", rule: .codeNotation, path: "\(mh)/Code/CodeNotation",
                attempt: document {
                    $0.replacing(once: "<edXML:CodeNotation>SNV-CCHC</edXML:CodeNotation>",
                                 with: "<edXML:CodeNotation>SNV - CCHC</edXML:CodeNotation>")
                }),
        Example(spec: "a_promulgation_date_that_does_not_exist_is_refused", rule: .date,
                path: "\(mh)/PromulgationInfo/PromulgationDate",
                attempt: document {
                    $0.replacing(once: "<edXML:PromulgationDate>02/03/2026</edXML:PromulgationDate>",
                                 with: "<edXML:PromulgationDate>30/02/2026</edXML:PromulgationDate>")
                }),
        Example(spec: "a_trace_timestamp_in_another_format_is_refused", rule: .timestamp,
                path: "\(trace)/TraceHeader[1]/Timestamp",
                attempt: document {
                    $0.replacing(once: "<edXML:Timestamp>2026/03/02 08:15:00</edXML:Timestamp>",
                                 with: "<edXML:Timestamp>2026/03/02 8h15</edXML:Timestamp>")
                }),
        Example(spec: "a_page_amount_that_is_not_a_number_is_refused", rule: .integer, path: "\(mh)/OtherInfo/PageAmount",
                attempt: document {
                    $0.replacing(once: "<edXML:PageAmount>2</edXML:PageAmount>", with: "<edXML:PageAmount>hai</edXML:PageAmount>")
                }),
        Example(spec: "a_direction_that_is_not_true_or_false_is_refused", rule: .boolean, path: "\(mh)/OtherInfo/Direction",
                attempt: document {
                    $0.replacing(once: "<edXML:Direction>false</edXML:Direction>", with: "<edXML:Direction>không</edXML:Direction>")
                }),
        Example(spec: "a_document_type_outside_the_configured_list_is_refused", rule: .documentType,
                path: "\(mh)/DocumentType/Type",
                attempt: document(EdXMLConfiguration(documentTypes: [2: "Văn bản quy phạm pháp luật"])) { $0 }),
        Example(spec: "a_priority_outside_the_list_is_refused", rule: .priority, path: "\(mh)/OtherInfo/Priority",
                attempt: document {
                    $0.replacing(once: "<edXML:Priority>1</edXML:Priority>", with: "<edXML:Priority>9</edXML:Priority>")
                }),
        Example(spec: "a_steering_type_outside_the_list_is_refused", rule: .steeringType, path: "\(mh)/SteeringType",
                attempt: document {
                    $0.replacing(once: "<edXML:SteeringType>2</edXML:SteeringType>", with: "<edXML:SteeringType>7</edXML:SteeringType>")
                }),
        Example(spec: "a_business_document_type_other_than_0_to_3_is_refused", rule: .businessDocType,
                path: "\(trace)/Bussiness/BussinessDocType",
                attempt: document {
                    $0.replacing(once: "<edXML:BussinessDocType>0</edXML:BussinessDocType>",
                                 with: "<edXML:BussinessDocType>4</edXML:BussinessDocType>")
                }),
        Example(spec: "a_status_message_with_an_unknown_code_is_refused", rule: .statusCode, path: "\(mh)/StatusCode",
                attempt: status {
                    $0.replacing(once: "<edXML:StatusCode>04</edXML:StatusCode>", with: "<edXML:StatusCode>07</edXML:StatusCode>")
                }),
        Example(spec: "an_attachment_whose_content_type_is_not_a_mime_type_is_refused", rule: .contentType,
                path: "AttachmentEncoded/Attachment[2]/ContentType",
                attempt: document {
                    $0.replacing(once: "<edXML:ContentType>application/pdf</edXML:ContentType>",
                                 with: "<edXML:ContentType>PDF</edXML:ContentType>")
                        .replacing(once: "<ContentType>application/pdf</ContentType>", with: "<ContentType>PDF</ContentType>")
                }),
        Example(spec: "two_manifest_references_with_one_content_id_are_refused", rule: .duplicateContentID,
                path: "\(manifest)/Reference[2]/ContentId",
                attempt: document {
                    $0.replacing(once: "<edXML:ContentId>cid:2</edXML:ContentId>", with: "<edXML:ContentId>cid:1</edXML:ContentId>")
                }),
        Example(spec: "a_manifest_listing_more_attachments_than_carried_is_refused", rule: .attachmentCount,
                path: "AttachmentEncoded",
                attempt: document { $0.removing(element: "Attachment", prefixed: false, occurrence: 2) }),
        Example(spec: "a_manifest_reference_without_its_attachment_is_refused", rule: .attachmentMissing,
                path: "\(manifest)/Reference[2]/ContentId",
                attempt: document {
                    $0.replacing(once: "<edXML:ContentId>cid:2</edXML:ContentId>", with: "<edXML:ContentId>cid:3</edXML:ContentId>")
                }),
        Example(spec: "an_attachment_named_differently_from_its_manifest_reference_is_refused", rule: .attachmentMismatch,
                path: "AttachmentEncoded/Attachment[2]/AttachmentName",
                attempt: document {
                    $0.replacing(once: "<AttachmentName>mau-bao-cao.pdf</AttachmentName>",
                                 with: "<AttachmentName>bao-cao.pdf</AttachmentName>")
                }),
        Example(spec: "an_attachment_that_is_not_base64_is_refused", rule: .base64,
                path: "AttachmentEncoded/Attachment[1]/ContentTransferEncoded",
                attempt: document {
                    $0.replacing(once: "QCVN_102_2016\">S8Ot", with: "QCVN_102_2016\">%%S8Ot")
                }),
        Example(spec: "a_subject_with_a_control_character_is_refused_when_writing", rule: .invalidCharacter,
                path: "\(mh)/Subject",
                attempt: {
                    var message = Samples.minimalMessage
                    message.subject = "Thông báo\u{0B}lịch làm việc"
                    _ = try EdXMLWriter().write(message)
                }),
    ]

    @Test(arguments: examples)
    func each_malformed_example_is_refused_with_its_rule_and_element(example: Example) {
        do {
            try example.attempt()
            Issue.record("\(example.spec): accepted")
        } catch let error as EdXMLError {
            #expect(error.rule == example.rule, "\(example.spec): \(error)")
            #expect(error.path == example.path, "\(example.spec): \(error)")
            #expect(error.vietnameseMessage.hasPrefix(example.rule.vietnamese))
            #expect(error.englishMessage.hasPrefix(example.rule.english))
            if !example.path.isEmpty {
                #expect(error.vietnameseMessage.contains(example.path) && error.englishMessage.contains(example.path))
            }
        } catch {
            Issue.record("\(example.spec): not an EdXMLError: \(error)")
        }
    }

    @Test func every_rule_has_a_malformed_example() {
        let covered = Set(Self.examples.map(\.rule))
        #expect(covered == Set(EdXMLRule.allCases), "missing: \(Set(EdXMLRule.allCases).subtracting(covered))")
    }

    @Test func every_rule_has_a_vietnamese_and_an_english_message() {
        for rule in EdXMLRule.allCases {
            #expect(!rule.vietnamese.isEmpty && !rule.english.isEmpty && rule.vietnamese != rule.english, "\(rule)")
        }
    }

    @Test(arguments: [
        ("To", "\(mh)/To"),
        ("Code", "\(mh)/Code"),
        ("PromulgationDate", "\(mh)/PromulgationInfo/PromulgationDate"),
        ("DocumentType", "\(mh)/DocumentType"),
        ("Subject", "\(mh)/Subject"),
        ("MessageHeader", "\(mh)"),
        ("edXMLManifest", manifest),
    ])
    func each_required_element_is_named_when_missing(element: String, path: String) {
        var text = (try? Samples.fixture("document_new")) ?? ""
        while text.range(of: "<edXML:\(element)[ >]", options: .regularExpression) != nil {
            text = text.removing(element: element)
        }
        #expect(throws: EdXMLError(.missingElement, at: path)) {
            _ = try EdXMLReader().readPackage(Data(text.utf8))
        }
    }

    @Test(arguments: [
        ("ResponseFor", "\(mh)/ResponseFor"),
        ("Timestamp", "\(mh)/Timestamp"),
        ("From", "\(mh)/From"),
    ])
    func each_required_status_element_is_named_when_missing(element: String, path: String) throws {
        let text = try Samples.fixture("status_assigned_04").removing(element: element)
        #expect(throws: EdXMLError(.missingElement, at: path)) { _ = try EdXMLReader().readStatus(Data(text.utf8)) }
    }

    @Test func a_second_recipient_with_a_bad_code_is_named_by_its_index() throws {
        let text = try Samples.fixture("document_new")
            .replacing(once: "<edXML:OrganId>000.02.21.H60</edXML:OrganId>", with: "<edXML:OrganId>000.2.21.H60</edXML:OrganId>")
        #expect(throws: EdXMLError(.agencyCode, at: "\(Self.mh)/To[2]/OrganId", detail: "000.2.21.H60")) {
            _ = try EdXMLReader().readPackage(Data(text.utf8))
        }
    }

    @Test func a_document_read_as_a_status_message_is_refused() throws {
        let data = Data(try Samples.fixture("document_new").utf8)
        #expect(throws: EdXMLError(.unexpectedMessageKind, at: Self.mh, detail: "document, status message expected")) {
            _ = try EdXMLReader().readStatus(data)
        }
    }

    @Test func the_writer_refuses_what_the_reader_would_refuse() {
        var message = Samples.minimalMessage
        message.to[0].organId = "UBND-HL"
        #expect(throws: EdXMLError(.agencyCode, at: "\(Self.mh)/To[1]/OrganId", detail: "UBND-HL")) {
            _ = try EdXMLWriter().write(message)
        }
        var attachments = Samples.twoAttachments
        attachments[1].contentID = "cid:1"
        #expect(throws: EdXMLError(.duplicateContentID, at: "AttachmentEncoded/Attachment[2]/ContentId", detail: "cid:1")) {
            _ = try EdXMLWriter().write(Samples.minimalMessage, attachments: attachments)
        }
        var status = EdXMLStatus(replyingTo: Samples.minimalMessage, from: Samples.commune, code: .done,
                                 timestamp: Samples.time(2026, 1, 3, 10, 0, 0))
        status.responseFor.documentId = "không có"
        #expect(throws: EdXMLError(.documentID, at: "\(Self.mh)/ResponseFor/DocumentId", detail: "không có")) {
            _ = try EdXMLWriter().write(status)
        }
    }

    @Test func an_error_reads_in_both_languages() {
        let error = EdXMLError(.agencyCode, at: "\(Self.mh)/From/OrganId", detail: "H60")
        #expect(error.vietnameseMessage
            == "Mã định danh cơ quan không đúng định dạng 000.00.00.A00: edXMLEnvelope/edXMLHeader/MessageHeader/From/OrganId («H60»)")
        #expect(error.englishMessage
            == "The agency identifier code is not in the form 000.00.00.A00: edXMLEnvelope/edXMLHeader/MessageHeader/From/OrganId («H60»)")
        #expect(error.localizedDescription == error.vietnameseMessage)
    }
}

extension String {
    /// The text without the `occurrence`-th `<edXML:name …>…</edXML:name>` (or unprefixed) element.
    func removing(element name: String, prefixed: Bool = true, occurrence: Int = 1) -> String {
        let qualified = prefixed ? "edXML:\(name)" : name
        var searchStart = startIndex
        var open: Range<String.Index>?
        for _ in 0..<occurrence {
            guard let found = range(of: "<\(qualified)[ >]", options: .regularExpression, range: searchStart..<endIndex) else {
                Issue.record("no occurrence \(occurrence) of \(qualified)")
                return self
            }
            open = found
            searchStart = found.upperBound
        }
        guard let open, let close = range(of: "</\(qualified)>", range: open.upperBound..<endIndex) else {
            Issue.record("\(qualified) is not closed")
            return self
        }
        return replacingCharacters(in: open.lowerBound..<close.upperBound, with: "")
    }
}
