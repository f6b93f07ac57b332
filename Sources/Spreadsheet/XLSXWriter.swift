import Core
import Foundation
import ZIPFoundation

/// Xuất XLSX — writes worksheets as a minimal Office Open XML workbook that Excel and LibreOffice open.
///
/// Each table becomes one worksheet: the header row bold and frozen, text as inline strings, integers and numbers as
/// numeric cells, a percent cell as its fraction shown with the format `0.0%`, columns as wide as their content.
/// Sheet names are made valid for Excel: at most 31 characters, none of `[]:*?/\`, unique regardless of case.
public enum XLSXWriter {
    /// The XLSX file of `sheets`, in order; throws ``SpreadsheetError`` when a sheet cannot be written.
    public static func write(_ sheets: [SheetTable]) throws -> Data {
        guard !sheets.isEmpty else { throw SpreadsheetError.noSheets }
        let worksheets = try sheets.enumerated().map { index, sheet in
            (path: "xl/worksheets/sheet\(index + 1).xml", xml: try worksheet(sheet))
        }
        return try zip([
            (path: "[Content_Types].xml", xml: contentTypes(sheetCount: sheets.count)),
            (path: "_rels/.rels", xml: rootRelationships),
            (path: "xl/workbook.xml", xml: workbook(sheetNames: sheetNames(sheets.map(\.name)))),
            (path: "xl/_rels/workbook.xml.rels", xml: workbookRelationships(sheetCount: sheets.count)),
            (path: "xl/styles.xml", xml: styles),
        ] + worksheets)
    }

    // MARK: Sheet names

    /// Tên trang tính hợp lệ — the names Excel accepts, one per table: forbidden characters `[]:*?/\` become "-",
    /// control characters spaces, leading and trailing apostrophes and spaces go, at most 31 characters, an empty
    /// name becomes "SheetN", and a name already taken (or Excel's reserved "History") gets " (2)", " (3)"….
    private static func sheetNames(_ names: [String]) -> [String] {
        var taken: Set<String> = ["history"]
        return names.enumerated().map { index, name in
            var base = trimmed(prefix(cleaned(name), utf16Limit: maxNameLength))
            if base.isEmpty { base = "Sheet\(index + 1)" }
            var candidate = base
            var counter = 2
            while taken.contains(candidate.lowercased()) {
                let suffix = " (\(counter))"
                candidate = trimmed(prefix(base, utf16Limit: maxNameLength - suffix.utf16.count)) + suffix
                counter += 1
            }
            taken.insert(candidate.lowercased())
            return candidate
        }
    }

    /// Excel's limit on a sheet name, in UTF-16 code units.
    private static let maxNameLength = 31

    /// The name in composed form with forbidden characters replaced and control or XML-illegal ones removed.
    private static func cleaned(_ name: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in name.precomposedStringWithCanonicalMapping.unicodeScalars {
            if "[]:*?/\\".unicodeScalars.contains(scalar) {
                scalars.append("-")
            } else if scalar.properties.generalCategory == .control {
                scalars.append(" ")
            } else if XMLText.isLegal(scalar) {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// The name without leading or trailing spaces and apostrophes.
    private static func trimmed(_ name: String) -> String {
        name.trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: "'")))
    }

    /// The longest prefix of whole characters that fits in `limit` UTF-16 code units.
    private static func prefix(_ text: String, utf16Limit limit: Int) -> String {
        var result = ""
        var length = 0
        for character in text {
            length += character.utf16.count
            guard length <= limit else { break }
            result.append(character)
        }
        return result
    }

    // MARK: Worksheets

    /// The cell formats of styles.xml, by index.
    private enum Style: Int {
        case normal = 0, header = 1, percent = 2

        /// The `s` attribute of a cell in this style (none for the default).
        var attribute: String { self == .normal ? "" : " s=\"\(rawValue)\"" }
    }

    /// Excel's limits on one worksheet.
    private static let maxRows = 1_048_576, maxColumns = 16_384, maxTextLength = 32_767

    /// The A1 reference of a cell, both indexes from 0: (0, 0) is "A1", (27, 9) is "AB10".
    private static func reference(column: Int, row: Int) -> String {
        var letters = ""
        var index = column + 1
        while index > 0 {
            let digit = (index - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + digit))) + letters
            index = (index - 1) / 26
        }
        return "\(letters)\(row + 1)"
    }

    /// xl/worksheets/sheetN.xml of one table.
    private static func worksheet(_ table: SheetTable) throws -> String {
        let hasHeader = !table.headers.isEmpty
        let rows = (hasHeader ? [table.headers.map(SheetCell.text)] : []) + table.rows
        let columnCount = table.columnCount
        guard rows.count <= maxRows, columnCount <= maxColumns else {
            throw SpreadsheetError.tooLarge(sheet: table.name, rows: rows.count, columns: columnCount)
        }
        var widths = Array(repeating: 0, count: columnCount)
        var sheetData = ""
        for (rowIndex, row) in rows.enumerated() {
            sheetData += "<row r=\"\(rowIndex + 1)\">"
            let textStyle: Style = hasHeader && rowIndex == 0 ? .header : .normal
            for (columnIndex, value) in row.enumerated() {
                let reference = reference(column: columnIndex, row: rowIndex)
                guard let cell = try cell(value, at: reference, textStyle: textStyle, sheet: table.name) else {
                    continue
                }
                sheetData += cell.xml
                widths[columnIndex] = max(widths[columnIndex], cell.shownLength)
            }
            sheetData += "</row>"
        }
        let dimension = rows.isEmpty || columnCount == 0
            ? "A1" : "A1:" + reference(column: columnCount - 1, row: rows.count - 1)
        let pane = hasHeader
            ? "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
                + "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/>"
            : ""
        let columns = widths.isEmpty ? "" : "<cols>" + widths.enumerated().map { index, width in
            "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(min(max(width + 2, 8), 80))\" customWidth=\"1\"/>"
        }.joined() + "</cols>"
        return xmlDeclaration
            + "<worksheet xmlns=\"\(mainNamespace)\" xmlns:r=\"\(relationshipsNamespace)\">"
            + "<dimension ref=\"\(dimension)\"/>"
            + "<sheetViews><sheetView workbookViewId=\"0\">\(pane)</sheetView></sheetViews>"
            + "<sheetFormatPr defaultRowHeight=\"15\"/>"
            + columns
            + "<sheetData>\(sheetData)</sheetData>"
            + "</worksheet>"
    }

    /// One cell's XML and the length of the text it shows, or nil for an empty cell.
    private static func cell(_ value: SheetCell, at reference: String, textStyle: Style, sheet: String) throws
        -> (xml: String, shownLength: Int)? {
        func numeric(_ number: Double, style: Style, shown: String) throws -> (xml: String, shownLength: Int) {
            guard number.isFinite else { throw SpreadsheetError.nonFiniteNumber(sheet: sheet, cell: reference) }
            return ("<c r=\"\(reference)\"\(style.attribute)><v>\(NumberText.plain(number))</v></c>", shown.count)
        }
        switch value {
        case .empty:
            return nil
        case let .integer(integer):
            return ("<c r=\"\(reference)\"><v>\(integer)</v></c>", String(integer).count)
        case let .number(number):
            // Excel's General format shows about 11 significant characters.
            return try numeric(number, style: .normal, shown: String(NumberText.plain(number).prefix(11)))
        case let .percent(fraction):
            return try numeric(fraction, style: .percent, shown: String(format: "%.1f%%", fraction * 100))
        case let .text(text):
            guard text.utf16.count <= maxTextLength else {
                throw SpreadsheetError.textTooLong(sheet: sheet, cell: reference, length: text.utf16.count)
            }
            let longestLine = text.split(whereSeparator: \.isNewline).map(\.count).max() ?? 0
            return ("<c r=\"\(reference)\" t=\"inlineStr\"\(textStyle.attribute)><is><t xml:space=\"preserve\">"
                + XMLText.escape(text) + "</t></is></c>", longestLine)
        }
    }

    // MARK: Package parts

    private static let xmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    private static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    private static let relationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    private static let contentTypePrefix = "application/vnd.openxmlformats-officedocument.spreadsheetml"

    /// [Content_Types].xml: the media type of every part.
    private static func contentTypes(sheetCount: Int) -> String {
        let sheets = (1...sheetCount).map {
            "<Override PartName=\"/xl/worksheets/sheet\($0).xml\" ContentType=\"\(contentTypePrefix).worksheet+xml\"/>"
        }.joined()
        return xmlDeclaration
            + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"\(contentTypePrefix).sheet.main+xml\"/>"
            + "<Override PartName=\"/xl/styles.xml\" ContentType=\"\(contentTypePrefix).styles+xml\"/>"
            + sheets
            + "</Types>"
    }

    /// A relationships part listing `(type, target)` pairs as rId1, rId2….
    private static func relationships(_ targets: [(type: String, target: String)]) -> String {
        xmlDeclaration
            + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + targets.enumerated().map { index, relationship in
                "<Relationship Id=\"rId\(index + 1)\" Type=\"\(relationshipsNamespace)/\(relationship.type)\""
                    + " Target=\"\(relationship.target)\"/>"
            }.joined()
            + "</Relationships>"
    }

    /// _rels/.rels: the package's main part is the workbook.
    private static let rootRelationships = relationships([(type: "officeDocument", target: "xl/workbook.xml")])

    /// xl/_rels/workbook.xml.rels: worksheet N is rIdN, the styles come last.
    private static func workbookRelationships(sheetCount: Int) -> String {
        relationships((1...sheetCount).map { (type: "worksheet", target: "worksheets/sheet\($0).xml") }
            + [(type: "styles", target: "styles.xml")])
    }

    /// xl/workbook.xml: the sheets in order.
    private static func workbook(sheetNames: [String]) -> String {
        xmlDeclaration
            + "<workbook xmlns=\"\(mainNamespace)\" xmlns:r=\"\(relationshipsNamespace)\"><sheets>"
            + sheetNames.enumerated().map { index, name in
                "<sheet name=\"\(XMLText.escape(name))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
            }.joined()
            + "</sheets></workbook>"
    }

    /// xl/styles.xml: cell format 0 is the default, 1 the bold header, 2 the percent format `0.0%`.
    private static let styles = xmlDeclaration
        + "<styleSheet xmlns=\"\(mainNamespace)\">"
        + "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"0.0%\"/></numFmts>"
        + "<fonts count=\"2\">"
        + "<font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
        + "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
        + "</fonts>"
        + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
        + "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
        + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        + "<cellXfs count=\"3\">"
        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
        + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "</cellXfs>"
        + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        + "</styleSheet>"

    /// The parts zipped (deflated) in memory, in order.
    private static func zip(_ parts: [(path: String, xml: String)]) throws -> Data {
        do {
            let archive = try Archive(accessMode: .create)
            for part in parts {
                let data = Data(part.xml.utf8)
                try archive.addEntry(with: part.path, type: .file, uncompressedSize: Int64(data.count),
                                     compressionMethod: .deflate) { position, size in
                    data.subdata(in: Int(position)..<min(Int(position) + size, data.count))
                }
            }
            guard let data = archive.data else { throw SpreadsheetError.archive("the in-memory archive has no data") }
            return data
        } catch let error as SpreadsheetError {
            throw error
        } catch {
            throw SpreadsheetError.archive(String(describing: error))
        }
    }
}
