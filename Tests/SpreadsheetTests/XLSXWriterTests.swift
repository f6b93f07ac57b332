import Foundation
import Spreadsheet
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// XLSXWriter: the package parts, the typed cells, the styles, the sheet names and the refusals.
@Suite struct XLSXWriterTests {
    private static let figures = SheetTable(
        name: "Chỉ số", headers: ["Đơn vị", "Số hồ sơ", "Điểm", "Tỷ lệ đúng hạn"],
        rows: [
            ["Xã Minh Quang", 1234, 7.25, .percent(0.873)],
            ["Phường Tân Phong, TP. Lai Châu", .empty, -0.5, .percent(1)],
        ])

    @Test func the_workbook_holds_every_part_of_the_package_and_all_are_well_formed_xml() throws {
        // setup
        let second = SheetTable(name: "Văn bản", headers: ["Số"], rows: [[1]])

        // act
        let parts = try parts(of: XLSXWriter.write([Self.figures, second]))

        // check
        #expect(Set(parts.keys) == [
            "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
            "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml",
        ])
        for (path, xml) in parts {
            #expect(throws: Never.self, "\(path)") { try XMLDocument(data: xml) }
        }
        let overrides = try attributes("PartName", of: "Override", in: #require(parts["[Content_Types].xml"]))
        #expect(Set(overrides) == ["/xl/workbook.xml", "/xl/styles.xml", "/xl/worksheets/sheet1.xml",
                                   "/xl/worksheets/sheet2.xml"])
        let rootTargets = try attributes("Target", of: "Relationship", in: #require(parts["_rels/.rels"]))
        #expect(rootTargets == ["xl/workbook.xml"])
        let workbookRelationships = try #require(parts["xl/_rels/workbook.xml.rels"])
        #expect(try attributes("Target", of: "Relationship", in: workbookRelationships)
            == ["worksheets/sheet1.xml", "worksheets/sheet2.xml", "styles.xml"])
        #expect(try attributes("Id", of: "Relationship", in: workbookRelationships) == ["rId1", "rId2", "rId3"])
        let workbook = try #require(parts["xl/workbook.xml"])
        #expect(try attributes("name", of: "sheet", in: workbook) == ["Chỉ số", "Văn bản"])
        #expect(try attributes("r:id", of: "sheet", in: workbook) == ["rId1", "rId2"])
    }

    @Test func the_sheet_holds_a_bold_header_row_and_typed_values() throws {
        // act
        let sheet = try #require(try parts(of: XLSXWriter.write([Self.figures]))["xl/worksheets/sheet1.xml"])

        // check
        let cells = try cells(ofSheet: sheet)
        #expect(cells == [
            "A1": ParsedCell(type: "inlineStr", style: "1", value: "Đơn vị"),
            "B1": ParsedCell(type: "inlineStr", style: "1", value: "Số hồ sơ"),
            "C1": ParsedCell(type: "inlineStr", style: "1", value: "Điểm"),
            "D1": ParsedCell(type: "inlineStr", style: "1", value: "Tỷ lệ đúng hạn"),
            "A2": ParsedCell(type: "inlineStr", style: nil, value: "Xã Minh Quang"),
            "B2": ParsedCell(type: nil, style: nil, value: "1234"),
            "C2": ParsedCell(type: nil, style: nil, value: "7.25"),
            "D2": ParsedCell(type: nil, style: "2", value: "0.873"),
            "A3": ParsedCell(type: "inlineStr", style: nil, value: "Phường Tân Phong, TP. Lai Châu"),
            "C3": ParsedCell(type: nil, style: nil, value: "-0.5"),
            "D3": ParsedCell(type: nil, style: "2", value: "1"),
        ])
        #expect(try attributes("ref", of: "dimension", in: sheet) == ["A1:D3"])
    }

    @Test func text_is_escaped_and_characters_illegal_in_xml_are_dropped() throws {
        // setup
        let text = "Sở Tư pháp & UBND <tỉnh> \"số 5\" 'khẩn'\u{1}\u{B}\u{FFFF} dòng 1\r\ndòng 2\t."
        let table = SheetTable(name: "A", headers: [], rows: [[.text(text)]])

        // act
        let sheet = try #require(try parts(of: XLSXWriter.write([table]))["xl/worksheets/sheet1.xml"])

        // check
        let xml = String(decoding: sheet, as: UTF8.self)
        #expect(xml.contains("Sở Tư pháp &amp; UBND &lt;tỉnh&gt; &quot;số 5&quot; &apos;khẩn&apos;"))
        let kept = "Sở Tư pháp & UBND <tỉnh> \"số 5\" 'khẩn' dòng 1\r\ndòng 2\t."
        #expect(try cells(ofSheet: sheet)["A1"]?.value == kept)
    }

    @Test func the_header_row_is_frozen_and_columns_are_as_wide_as_their_content() throws {
        // act
        let sheet = try #require(try parts(of: XLSXWriter.write([Self.figures]))["xl/worksheets/sheet1.xml"])

        // check
        #expect(try attributes("state", of: "pane", in: sheet) == ["frozen"])
        #expect(try attributes("ySplit", of: "pane", in: sheet) == ["1"])
        #expect(try attributes("topLeftCell", of: "pane", in: sheet) == ["A2"])
        let widths = try attributes("width", of: "col", in: sheet).compactMap(Double.init)
        try #require(widths.count == 4)
        #expect(widths[0] >= Double("Phường Tân Phong, TP. Lai Châu".count))
        #expect(widths[3] >= Double("Tỷ lệ đúng hạn".count))
        #expect(widths[2] < widths[3])
    }

    @Test func columns_past_z_are_lettered_aa_ab() throws {
        // setup
        let table = SheetTable(name: "A", headers: [], rows: [(1...28).map { .integer($0) }])

        // act
        let sheet = try #require(try parts(of: XLSXWriter.write([table]))["xl/worksheets/sheet1.xml"])

        // check
        let cells = try cells(ofSheet: sheet)
        #expect(cells.count == 28)
        #expect(["A1", "Z1", "AA1", "AB1"].map { cells[$0]?.value } == ["1", "26", "27", "28"])
    }

    @Test func a_sheet_without_headers_has_no_frozen_row() throws {
        // setup
        let table = SheetTable(name: "A", headers: [], rows: [["x"]])

        // act
        let sheet = try #require(try parts(of: XLSXWriter.write([table]))["xl/worksheets/sheet1.xml"])

        // check
        #expect(try attributes("state", of: "pane", in: sheet).isEmpty)
        #expect(try cells(ofSheet: sheet) == ["A1": ParsedCell(type: "inlineStr", style: nil, value: "x")])
    }

    @Test func styles_define_the_bold_header_and_the_percent_format() throws {
        // act
        let styles = try #require(try parts(of: XLSXWriter.write([Self.figures]))["xl/styles.xml"])

        // check
        let document = try XMLDocument(data: styles)
        let numberFormats = descendants(of: document, named: "numFmt")
        #expect(numberFormats.map { attribute("formatCode", of: $0) } == ["0.0%"])
        let fonts = descendants(of: document, named: "font")
        let cellFormats = try descendants(of: #require(descendants(of: document, named: "cellXfs").first), named: "xf")
        try #require(cellFormats.count == 3)
        let headerFont = try #require(attribute("fontId", of: cellFormats[1]).flatMap(Int.init))
        try #require(fonts.indices.contains(headerFont))
        #expect(!descendants(of: fonts[headerFont], named: "b").isEmpty)
        let percentFormat = try #require(numberFormats.first.flatMap { attribute("numFmtId", of: $0) })
        #expect(attribute("numFmtId", of: cellFormats[2]) == percentFormat)
    }

    @Test func sheet_names_are_made_valid_for_excel() throws {
        // setup
        let names = [
            "Báo cáo [Quý 1]: 01/2025?", "Tổng hợp chỉ số phục vụ người dân và doanh nghiệp", "Tổng hợp",
            "TỔNG HỢP", "", "History", "'Trích'", "a*b\\c\nd",
        ]

        // act
        let workbook = try #require(try parts(of: XLSXWriter.write(names.map {
            SheetTable(name: $0, headers: [], rows: [])
        }))["xl/workbook.xml"])

        // check
        let written = try attributes("name", of: "sheet", in: workbook)
        #expect(written == [
            "Báo cáo -Quý 1-- 01-2025-", "Tổng hợp chỉ số phục vụ người d", "Tổng hợp", "TỔNG HỢP (2)", "Sheet5",
            "History (2)", "Trích", "a-b-c d",
        ])
        #expect(written.allSatisfy { $0.utf16.count <= 31 })
        #expect(Set(written.map { $0.lowercased() }).count == written.count)
    }

    @Test func a_workbook_that_cannot_be_written_is_refused_with_a_message_saying_where() throws {
        // setup
        let nan = SheetTable(name: "Chỉ số", headers: ["A", "B", "C"], rows: [[1, 2, .percent(.infinity)]])
        let tooLong = SheetCell.text(String(repeating: "a", count: 32_768))
        let long = SheetTable(name: "Văn bản", headers: [], rows: [[.empty, tooLong]])

        // act, check
        #expect(throws: SpreadsheetError.noSheets) { try XLSXWriter.write([]) }
        let nanError = #expect(throws: SpreadsheetError.self) { try XLSXWriter.write([nan]) }
        #expect(nanError == .nonFiniteNumber(sheet: "Chỉ số", cell: "C2"))
        #expect(nanError?.description == "sheet \"Chỉ số\" cell C2: a number must be finite (not NaN or infinity)")
        let longError = #expect(throws: SpreadsheetError.self) { try XLSXWriter.write([long]) }
        #expect(longError == .textTooLong(sheet: "Văn bản", cell: "B1", length: 32_768))
        #expect(SpreadsheetError.noSheets.description == "a workbook needs at least one sheet")
    }
}
