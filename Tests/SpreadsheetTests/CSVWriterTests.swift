import Foundation
import Spreadsheet
import Testing

/// CSVWriter: RFC 4180 quoting, CRLF, the byte-order mark, numbers and Vietnamese text.
@Suite struct CSVWriterTests {
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The CSV of `table` as text, without the byte-order mark.
    private func text(_ table: SheetTable) -> String {
        String(decoding: CSVWriter.write(table, byteOrderMark: false), as: UTF8.self)
    }

    @Test func fields_with_commas_quotes_or_line_breaks_are_quoted_with_quotes_doubled() {
        // setup
        let table = SheetTable(name: "Văn bản", headers: ["Trích yếu"], rows: [
            ["Sở Nội vụ, Sở Tài chính"], ["Về việc \"chuyển đổi số\""], ["dòng 1\ndòng 2"], ["dòng 1\r\ndòng 2"],
            ["60/KH-UBND"],
        ])

        // act
        let csv = text(table)

        // check
        #expect(csv == "Trích yếu\r\n"
            + "\"Sở Nội vụ, Sở Tài chính\"\r\n"
            + "\"Về việc \"\"chuyển đổi số\"\"\"\r\n"
            + "\"dòng 1\ndòng 2\"\r\n"
            + "\"dòng 1\r\ndòng 2\"\r\n"
            + "60/KH-UBND\r\n")
    }

    @Test func text_a_spreadsheet_would_run_as_a_formula_gets_a_leading_quote_numbers_stay_numbers() {
        // setup: what a unit could type into a report (OWASP's CSV injection examples)
        let table = SheetTable(name: "", headers: ["Đơn vị", "Ghi chú", "Số"], rows: [
            ["=HYPERLINK(\"http://x\",\"bấm\")", "+1+1", -5],
            ["@SUM(A1:A2)", "-2+3", .number(-1.5)],
            ["\tTab", "\r=1", "Xã Minh Xuân = tốt"],
        ])

        // act
        let csv = text(table)

        // check
        #expect(csv == "Đơn vị,Ghi chú,Số\r\n"
            + "\"'=HYPERLINK(\"\"http://x\"\",\"\"bấm\"\")\",'+1+1,-5\r\n"
            + "'@SUM(A1:A2),'-2+3,-1.5\r\n"
            + "'\tTab,\"'\r=1\",Xã Minh Xuân = tốt\r\n")
    }

    @Test func every_record_ends_with_crlf_and_has_as_many_fields_as_the_widest_row() {
        // setup
        let table = SheetTable(name: "", headers: ["A", "B"], rows: [[1, 2, 3], ["x"], []])

        // act
        let csv = text(table)

        // check
        #expect(csv == "A,B,\r\n1,2,3\r\nx,,\r\n,,\r\n")
    }

    @Test func without_headers_the_first_record_is_the_first_row() {
        // setup
        let table = SheetTable(name: "", headers: [], rows: [["a", 1]])

        // act
        let csv = text(table)

        // check
        #expect(csv == "a,1\r\n")
    }

    @Test(arguments: [true, false])
    func the_byte_order_mark_is_written_only_when_asked(byteOrderMark: Bool) {
        // setup
        let table = SheetTable(name: "", headers: ["Đơn vị"], rows: [])

        // act
        let data = CSVWriter.write(table, byteOrderMark: byteOrderMark)

        // check
        #expect(Array(data) == (byteOrderMark ? Self.byteOrderMark : []) + Array("Đơn vị\r\n".utf8))
    }

    @Test func the_byte_order_mark_is_written_by_default() {
        // act
        let data = CSVWriter.write(SheetTable(name: "", headers: ["A"], rows: []))

        // check
        #expect(Array(data.prefix(3)) == Self.byteOrderMark)
    }

    @Test func vietnamese_text_is_written_byte_exact_in_utf8() {
        // setup: composed (NFC) and decomposed (NFD) spellings must both come out as given, not normalised
        let composed = "Xã Minh Quang"
        let decomposed = "Sở Tư pháp".decomposedStringWithCanonicalMapping
        let table = SheetTable(name: "", headers: ["Đơn vị", "Cơ quan"], rows: [[.text(composed), .text(decomposed)]])

        // act
        let data = CSVWriter.write(table)

        // check
        let expected = Self.byteOrderMark + Array("Đơn vị,Cơ quan\r\n\(composed),\(decomposed)\r\n".utf8)
        #expect(Array(data) == expected)
        #expect(decomposed.utf8.count > "Sở Tư pháp".utf8.count)
        #expect(String(decoding: data.dropFirst(3), as: UTF8.self).contains(decomposed))
    }

    @Test func numbers_use_a_decimal_point_and_percent_cells_are_percent_points() {
        // setup
        let table = SheetTable(name: "", headers: [], rows: [
            [1_234_567, -5, 7.25, 3.0, 0.1, .percent(0.873), .percent(0.12345), .percent(1), .percent(0), .empty],
            [.number(.nan), .number(.infinity), .percent(.nan)],
        ])

        // act
        let csv = text(table)

        // check
        #expect(csv == "1234567,-5,7.25,3,0.1,87.3,12.35,100,0,\r\n,,,,,,,,,\r\n")
    }
}
