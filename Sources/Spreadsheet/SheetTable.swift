/// Bảng tính — one worksheet of a report: a name, a header row and the data rows.
public struct SheetTable: Sendable {
    /// Tên trang tính — the worksheet name (``XLSXWriter`` makes it valid for Excel; CSV ignores it).
    public var name: String
    /// Dòng tiêu đề — the column headers, written as the first row (bold and frozen in XLSX); empty for none.
    public var headers: [String]
    /// The data rows; a row shorter than the widest one is padded with empty cells.
    public var rows: [[SheetCell]]

    /// A worksheet with its name, headers and rows.
    public init(name: String, headers: [String], rows: [[SheetCell]]) {
        self.name = name
        self.headers = headers
        self.rows = rows
    }

    /// The number of columns: the widest of the header row and the data rows.
    var columnCount: Int { rows.reduce(headers.count) { max($0, $1.count) } }
}

/// Ô — one cell value.
public enum SheetCell: Hashable, Sendable {
    /// Văn bản — text, written as it is.
    case text(String)
    /// Số nguyên — a count.
    case integer(Int)
    /// Số thập phân — a decimal number.
    case number(Double)
    /// Tỷ lệ — a fraction shown as a percentage: `0.873` is 87.3%.
    case percent(Double)
    /// Ô trống — no value.
    case empty
}

extension SheetCell: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    /// A text cell from a string literal.
    public init(stringLiteral value: String) { self = .text(value) }
    /// An integer cell from an integer literal.
    public init(integerLiteral value: Int) { self = .integer(value) }
    /// A number cell from a floating-point literal.
    public init(floatLiteral value: Double) { self = .number(value) }
}

/// Lỗi xuất bảng tính — why a workbook could not be written.
public enum SpreadsheetError: Error, Equatable, CustomStringConvertible {
    /// The workbook has no worksheet; Excel needs at least one.
    case noSheets
    /// The worksheet has more rows or columns than Excel holds (1,048,576 × 16,384).
    case tooLarge(sheet: String, rows: Int, columns: Int)
    /// A number or percent cell is NaN or infinite; `cell` is its A1 reference.
    case nonFiniteNumber(sheet: String, cell: String)
    /// A text cell is longer than Excel's 32,767 characters; `cell` is its A1 reference.
    case textTooLong(sheet: String, cell: String, length: Int)
    /// The ZIP container could not be built.
    case archive(String)

    /// A message that says what is wrong and where.
    public var description: String {
        switch self {
        case .noSheets:
            "a workbook needs at least one sheet"
        case let .tooLarge(sheet, rows, columns):
            "sheet \"\(sheet)\" has \(rows) rows and \(columns) columns; "
                + "Excel holds at most 1048576 rows and 16384 columns"
        case let .nonFiniteNumber(sheet, cell):
            "sheet \"\(sheet)\" cell \(cell): a number must be finite (not NaN or infinity)"
        case let .textTooLong(sheet, cell, length):
            "sheet \"\(sheet)\" cell \(cell): text of \(length) characters is longer than Excel's 32767"
        case let .archive(reason):
            "the XLSX archive could not be written: \(reason)"
        }
    }
}

/// How numbers are written in CSV text and in XLSX values: "." decimal separator, no thousands separator, no
/// trailing ".0" on whole numbers.
enum NumberText {
    /// A finite number as the shortest text that reads back to it: `3`, `87.3`, `0.125`, `-1.5`.
    static func plain(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// A fraction as percent points rounded to 2 decimals: `0.873` → `87.3`, `0.12345` → `12.35`.
    static func percentPoints(_ fraction: Double) -> String {
        plain((fraction * 10_000).rounded() / 100)
    }
}
