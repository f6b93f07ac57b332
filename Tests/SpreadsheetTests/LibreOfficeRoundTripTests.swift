import Foundation
import Spreadsheet
import Testing

/// The real check: LibreOffice Calc opens the workbook and gives back every value. Never skipped: without `soffice`
/// it fails, saying to install libreoffice-calc-nogui.
@Suite struct LibreOfficeRoundTripTests {
    @Test func libreoffice_reads_back_every_value_of_every_sheet() throws {
        // setup
        let figures = SheetTable(
            name: "Chỉ số: 01/2025", headers: ["Đơn vị", "Số hồ sơ", "Điểm", "Tỷ lệ đúng hạn"],
            rows: [
                ["Xã Minh Quang", 1234, 7.25, .percent(0.873)],
                ["Sở Tư pháp & UBND <tỉnh>", -5, 0.5, .percent(1)],
                [.text("dòng 1\ndòng \"2\", ba"), .empty, .empty, .percent(0.12345)],
            ])
        let documents = SheetTable(name: "Văn bản", headers: ["Số, ký hiệu"], rows: [["60/KH-UBND"]])
        let directory = try TemporaryDirectory()
        let workbook = directory.url.appendingPathComponent("bao-cao.xlsx")
        let output = directory.url.appendingPathComponent("csv")
        try XLSXWriter.write([figures, documents]).write(to: workbook)

        // act
        try LibreOffice.convertEverySheetToCSV(workbook, outputDirectory: output, workingIn: directory.url)

        // check
        func sheet(_ name: String) throws -> [[String]] {
            let file = output.appendingPathComponent("bao-cao-\(name).csv")
            return parseCSV(try String(contentsOf: file, encoding: .utf8))
        }
        #expect(try sheet("Chỉ số- 01-2025") == [
            ["Đơn vị", "Số hồ sơ", "Điểm", "Tỷ lệ đúng hạn"],
            ["Xã Minh Quang", "1234", "7.25", "87.3%"],
            ["Sở Tư pháp & UBND <tỉnh>", "-5", "0.5", "100.0%"],
            ["dòng 1\ndòng \"2\", ba", "", "", "12.3%"],
        ])
        #expect(try sheet("Văn bản") == [["Số, ký hiệu"], ["60/KH-UBND"]])
    }
}
