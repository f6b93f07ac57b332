import Foundation

/// Xuất CSV — writes one worksheet as RFC 4180 CSV in UTF-8, with the byte-order mark Excel needs to read
/// Vietnamese.
///
/// Every record (the header row first, if any) ends with CRLF and has as many fields as the widest row. A field
/// holding a comma, a quote, a CR or an LF is quoted, its quotes doubled. Integers and numbers use "." as decimal
/// separator and no thousands separator; a percent cell is written as percent points rounded to 2 decimals, without
/// a "%" sign (`0.873` → `87.3`), so that it stays a number (say so in its header, e.g. "Tỷ lệ đúng hạn (%)"). A NaN
/// or infinite number is written as an empty field. The sheet name is not written. A text cell that a spreadsheet
/// would take for a formula (starting with `=`, `+`, `-`, `@`, a tab or a CR: text that units and citizens typed)
/// is written with a leading `'`, so that opening the file runs nothing (OWASP's advice on CSV injection).
public enum CSVWriter {
    /// The UTF-8 byte-order mark, EF BB BF.
    static let byteOrderMark = Data([0xEF, 0xBB, 0xBF])

    /// The CSV file of `table`, starting with the UTF-8 byte-order mark unless `byteOrderMark` is false.
    public static func write(_ table: SheetTable, byteOrderMark: Bool = true) -> Data {
        let width = table.columnCount
        let records = (table.headers.isEmpty ? [] : [table.headers.map(field)])
            + table.rows.map { $0.map(field) }
        let text = records
            .map { ($0 + Array(repeating: "", count: width - $0.count)).joined(separator: ",") + "\r\n" }
            .joined()
        return (byteOrderMark ? Self.byteOrderMark : Data()) + Data(text.utf8)
    }

    /// One cell as field text.
    static func field(_ cell: SheetCell) -> String {
        switch cell {
        case let .text(value): field(value)
        case let .integer(value): String(value)
        case let .number(value): value.isFinite ? NumberText.plain(value) : ""
        case let .percent(value): value.isFinite ? NumberText.percentPoints(value) : ""
        case .empty: ""
        }
    }

    /// The first characters that make a spreadsheet read a cell as a formula.
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// One text field: defused with a leading `'` when it would start a formula; quoted, with inner quotes doubled,
    /// when it holds a comma, a quote, a CR or an LF.
    static func field(_ value: String) -> String {
        let value = value.unicodeScalars.first.map(formulaStarts.contains) == true ? "'" + value : value
        guard value.unicodeScalars.contains(where: { ",\"\r\n".unicodeScalars.contains($0) }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
