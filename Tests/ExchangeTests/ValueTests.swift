import Exchange
import Foundation
import Testing

/// Agency codes, document identifiers, dates and the value lists.
@Suite struct ValueTests {
    @Test(arguments: ["000.00.00.H49", "000.00.01.A53", "000.00.11.H53", "001.02.21.H60", "000.00.00.G22"])
    func a_code_in_the_national_shape_is_an_agency_code(text: String) throws {
        let code = try #require(EdXMLAgencyCode(text))
        #expect(code.description == text)
    }

    @Test(arguments: ["", "H49", "000.00.00.h49", "00.00.00.H49", "000.00.00.H4", "000.00.00.HH9", "000-00-00-H49",
                      "000.00.00.H49.", " 000.00.00.H49", "０００.00.00.H49", "000.00.00.Đ49", "000.0a.00.H49"])
    func anything_else_is_not(text: String) {
        #expect(EdXMLAgencyCode(text) == nil)
    }

    @Test func an_agency_code_gives_its_levels() throws {
        let code = try #require(EdXMLAgencyCode("001.02.21.H60"))
        #expect([code.level1, code.level2, code.level3, code.level4] == ["H60", "21", "02", "001"])
    }

    @Test func a_document_id_is_agency_date_and_number_symbol() throws {
        let id = try #require(EdXMLDocumentID("000.00.00.H60,2026/01/05,05/QĐ-UBND"))
        #expect(id.organId == "000.00.00.H60" && id.date == "2026/01/05" && id.code == "05/QĐ-UBND")
        #expect(EdXMLDocumentID(organId: "000.00.09.H60", date: Samples.date(2026, 3, 2),
                                code: EdXMLCode(number: "15", notation: "SNV-CCHC")).description
                == "000.00.09.H60,2026/03/02,15/SNV-CCHC")
        for bad in ["", "000.00.00.H60,2026/01/05", "000.00.00.H60,05/01/2026,05/QĐ-UBND", "H60,2026/01/05,05/QĐ-UBND",
                    "000.00.00.H60,2026/01/05,05", "000.00.00.H60,2026/01/05,/QĐ-UBND", "000.00.00.H60,2026/01/05,05/QĐ UBND"] {
            #expect(EdXMLDocumentID(bad) == nil, "\(bad)")
        }
    }

    @Test func dates_are_read_year_first_or_day_first() {
        let day = Samples.date(2020, 10, 30)
        #expect(EdXMLDate("2020/10/30") == day)
        #expect(EdXMLDate("30/10/2020") == day)
        #expect(EdXMLDate("2020-10-30") == day)
        #expect(EdXMLDate(" 5/3/2026 ") == Samples.date(2026, 3, 5))
        #expect(EdXMLDate("2024/02/29") != nil)
        for bad in ["", "hôm nay", "2026/02/29", "2100/02/29", "30/10/20", "2020/13/01", "2020/10/32", "2020/10", "10-30-2020",
                    "2020/010/30"] {
            #expect(EdXMLDate(bad) == nil, "\(bad)")
        }
        #expect(day.formatted(.dayFirst) == "30/10/2020")
        #expect(Samples.date(2026, 1, 5) < Samples.date(2026, 2, 1))
    }

    @Test func timestamps_are_to_the_second_in_vietnam_time() throws {
        #expect(EdXMLDateTime("2018/09/28 00:00:00") == Samples.time(2018, 9, 28, 0, 0, 0))
        #expect(EdXMLDateTime("28/09/2018 23:59:59") == Samples.time(2018, 9, 28, 23, 59, 59))
        for bad in ["2018/09/28", "2018/09/28 24:00:00", "2018/09/28 8:00:00", "2018/09/28 08:00", "08:00:00 2018/09/28"] {
            #expect(EdXMLDateTime(bad) == nil, "\(bad)")
        }
        let epoch = EdXMLDateTime(Date(timeIntervalSince1970: 0))
        #expect(epoch == Samples.time(1970, 1, 1, 7, 0, 0))
        #expect(epoch.instant() == Date(timeIntervalSince1970: 0))
        #expect(EdXMLDate(Date(timeIntervalSince1970: 17 * 3600)) == Samples.date(1970, 1, 2))
    }

    @Test func the_status_codes_are_those_of_the_national_exchange() {
        #expect(EdXMLStatusCode.allCases.map(\.rawValue) == ["01", "02", "03", "04", "05", "06", "13", "15", "16"])
        #expect(EdXMLStatusCode(rawValue: "05") == .processing)
        #expect(EdXMLStatusCode.processing.vietnamese == "Đang xử lý văn bản đến")
    }

    @Test func the_value_lists_default_to_the_implementations_and_can_be_changed() throws {
        #expect(EdXMLConfiguration.default.priorities.keys.sorted() == [0, 1, 2, 3, 4])
        #expect(EdXMLConfiguration.default.priorities[3] == "Hỏa tốc")
        #expect(EdXMLConfiguration.default.steeringTypes.keys.sorted() == [0, 1, 2])
        var message = Samples.minimalMessage
        message.otherInfo.priority = 5
        #expect(throws: EdXMLError(.priority, at: "edXMLEnvelope/edXMLHeader/MessageHeader/OtherInfo/Priority", detail: "5")) {
            _ = try EdXMLWriter().write(message)
        }
        var priorities = EdXMLConfiguration.defaultPriorities
        priorities[5] = "Khẩn theo giờ"
        let configuration = EdXMLConfiguration(priorities: priorities)
        let bytes = try EdXMLWriter(configuration: configuration).write(message)
        #expect(try EdXMLReader(configuration: configuration).readPackage(bytes).message.priority == 5)
        #expect(throws: EdXMLError.self) { _ = try EdXMLReader().readPackage(bytes) }
    }

    @Test func empty_bytes_are_not_xml() {
        #expect(throws: EdXMLError.self) { _ = try EdXMLReader().read(Data()) }
        do { _ = try EdXMLReader().read(Data()) } catch let error as EdXMLError { #expect(error.rule == .notXML) } catch {}
    }
}
