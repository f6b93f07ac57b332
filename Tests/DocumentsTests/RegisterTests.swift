import Documents
import Foundation
import Testing

/// Register columns (Annex IV, [U]) and the CSV writer.
@Suite struct RegisterTests {
    @Test func the_outgoing_register_has_its_columns_in_order() {
        #expect(Register.outgoing.columns.map(\.header) == [
            "Số, ký hiệu văn bản", "Ngày tháng văn bản", "Tên loại và trích yếu nội dung văn bản", "Người ký",
            "Nơi nhận văn bản", "Đơn vị, người nhận bản lưu", "Số lượng bản", "Ngày chuyển", "Ký nhận", "Ghi chú",
        ])
        #expect(Register.outgoing.columns.map(\.key) == [
            "numberAndSymbol", "date", "typeAndSubject", "signer", "recipients", "fileCopyHolder", "copies",
            "transferDate", "receiptSignature", "note",
        ])
    }

    @Test func the_incoming_register_has_its_columns_in_order() {
        #expect(Register.incoming.columns.map(\.header) == [
            "Ngày đến", "Số đến", "Tác giả", "Số, ký hiệu văn bản", "Ngày tháng văn bản",
            "Tên loại và trích yếu nội dung văn bản", "Đơn vị hoặc người nhận", "Ngày chuyển", "Ký nhận", "Ghi chú",
        ])
        #expect(Register.incoming.columns.map(\.key) == [
            "arrivalDate", "arrivalNumber", "author", "numberAndSymbol", "date", "typeAndSubject", "recipient",
            "transferDate", "receiptSignature", "note",
        ])
    }

    @Test func column_keys_are_unique_in_each_register() {
        for register in Register.allCases {
            #expect(Set(register.columns.map(\.key)).count == register.columns.count)
        }
    }

    @Test func csv_starts_with_the_utf8_byte_order_mark() {
        let data = RegisterCSV.data(register: .incoming, rows: [])
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: data.dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix("Ngày đến,Số đến,Tác giả,"))
        #expect(text.hasSuffix("Ghi chú\r\n"))
    }

    @Test func csv_records_end_with_crlf() {
        let columns = [RegisterColumn(key: "a", header: "A"), RegisterColumn(key: "b", header: "B")]
        let text = RegisterCSV.text(columns: columns, rows: [["a": "1", "b": "2"], ["a": "3"]])
        #expect(text == "A,B\r\n1,2\r\n3,\r\n")
    }

    @Test func csv_quotes_commas_quotes_and_newlines() {
        #expect(RegisterCSV.field("Sở Nội vụ, Sở Tài chính") == "\"Sở Nội vụ, Sở Tài chính\"")
        #expect(RegisterCSV.field("Về việc \"chuyển đổi số\"") == "\"Về việc \"\"chuyển đổi số\"\"\"")
        #expect(RegisterCSV.field("dòng 1\ndòng 2") == "\"dòng 1\ndòng 2\"")
        #expect(RegisterCSV.field("dòng 1\r\ndòng 2") == "\"dòng 1\r\ndòng 2\"")
        #expect(RegisterCSV.field("60/KH-UBND") == "60/KH-UBND")
        #expect(RegisterCSV.field("") == "")
    }

    @Test func a_register_row_is_written_in_column_order() throws {
        let row = [
            "numberAndSymbol": try NumberAndSymbol(number: 5, type: .notice, issuer: "UBND").description,
            "date": Register.formatDate(Date(timeIntervalSince1970: 1_772_334_000)),
            "typeAndSubject": "Thông báo về việc nghỉ Tết, \"Bính Ngọ\"",
            "signer": "Nguyễn Văn A",
            "copies": "3",
            "ignored": "x",
        ]
        let text = RegisterCSV.text(columns: Register.outgoing.columns, rows: [row])
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.count == 3 && lines[2].isEmpty)
        #expect(lines[1] == "05/TB-UBND,01/03/2026,\"Thông báo về việc nghỉ Tết, \"\"Bính Ngọ\"\"\",Nguyễn Văn A,,,3,,,")
    }

    @Test func formula_like_cells_are_defused_unless_asked_not_to() {
        #expect(RegisterCSV.field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(RegisterCSV.field("+84") == "'+84")
        #expect(RegisterCSV.field("@cmd") == "'@cmd")
        #expect(RegisterCSV.field("-1", guardFormulas: false) == "-1")
        let columns = [RegisterColumn(key: "a", header: "=A")]
        #expect(RegisterCSV.text(columns: columns, rows: [["a": "=1"]]) == "=A\r\n'=1\r\n")
    }

    @Test func register_dates_are_day_month_year_in_vietnam_time() {
        // 28 Feb 2026 17:00 UTC = 1 March 2026 00:00 in Vietnam.
        #expect(Register.formatDate(Date(timeIntervalSince1970: 1_772_298_000)) == "01/03/2026")
        #expect(Register.formatDate(Date(timeIntervalSince1970: 1_772_297_999)) == "28/02/2026")
    }
}
