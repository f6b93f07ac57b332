import Foundation

/// Cột của sổ đăng ký — one column of a register: a stable key (for rows and storage) and its Vietnamese header.
public struct RegisterColumn: Hashable, Codable, Sendable {
    /// Stable English lowerCamel key.
    public let key: String
    /// The header printed in the register.
    public let header: String

    public init(key: String, header: String) {
        self.key = key
        self.header = header
    }
}

/// Sổ đăng ký văn bản — the outgoing and incoming registers of Decree 30/2020 Annex IV, kept in the system and printed
/// and bound each year (arts. 16, 22).
///
/// **[U]** The columns come from a third-party transcription of Annex IV (domain reference §3.4), not the official
/// annex: check them before relying on the printed layout.
public enum Register: String, Codable, Sendable, CaseIterable {
    /// Sổ đăng ký văn bản đi.
    case outgoing
    /// Sổ đăng ký văn bản đến.
    case incoming

    /// The register's title.
    public var title: String {
        switch self {
        case .outgoing: "SỔ ĐĂNG KÝ VĂN BẢN ĐI"
        case .incoming: "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN"
        }
    }

    /// **[U]** The columns, in order.
    public var columns: [RegisterColumn] {
        switch self {
        case .outgoing: [
            RegisterColumn(key: "numberAndSymbol", header: "Số, ký hiệu văn bản"),
            RegisterColumn(key: "date", header: "Ngày tháng văn bản"),
            RegisterColumn(key: "typeAndSubject", header: "Tên loại và trích yếu nội dung văn bản"),
            RegisterColumn(key: "signer", header: "Người ký"),
            RegisterColumn(key: "recipients", header: "Nơi nhận văn bản"),
            RegisterColumn(key: "fileCopyHolder", header: "Đơn vị, người nhận bản lưu"),
            RegisterColumn(key: "copies", header: "Số lượng bản"),
            RegisterColumn(key: "transferDate", header: "Ngày chuyển"),
            RegisterColumn(key: "receiptSignature", header: "Ký nhận"),
            RegisterColumn(key: "note", header: "Ghi chú"),
        ]
        case .incoming: [
            RegisterColumn(key: "arrivalDate", header: "Ngày đến"),
            RegisterColumn(key: "arrivalNumber", header: "Số đến"),
            RegisterColumn(key: "author", header: "Tác giả"),
            RegisterColumn(key: "numberAndSymbol", header: "Số, ký hiệu văn bản"),
            RegisterColumn(key: "date", header: "Ngày tháng văn bản"),
            RegisterColumn(key: "typeAndSubject", header: "Tên loại và trích yếu nội dung văn bản"),
            RegisterColumn(key: "recipient", header: "Đơn vị hoặc người nhận"),
            RegisterColumn(key: "transferDate", header: "Ngày chuyển"),
            RegisterColumn(key: "receiptSignature", header: "Ký nhận"),
            RegisterColumn(key: "note", header: "Ghi chú"),
        ]
        }
    }

    /// A date as the register writes it, `dd/MM/yyyy`, in Vietnam time (UTC+7).
    public static func formatDate(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 7 * 3600)!
        let parts = calendar.dateComponents([.day, .month, .year], from: date)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return "\(two(parts.day!))/\(two(parts.month!))/\(parts.year!)"
    }
}

/// Xuất sổ ra CSV — writes register rows as CSV that Excel opens with its Vietnamese intact: RFC 4180 quoting, CRLF
/// line ends (after every record), UTF-8 with a byte-order mark.
///
/// With `guardFormulas` (the default) a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed
/// with `'` so that a spreadsheet does not run it as a formula (CSV injection).
public enum RegisterCSV {
    /// The UTF-8 byte-order mark, EF BB BF.
    public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The CSV text (without the byte-order mark): the headers, then one record per row; a row maps column keys to
    /// cell text, a missing key is an empty cell, keys outside `columns` are ignored.
    public static func text(columns: [RegisterColumn], rows: [[String: String]], guardFormulas: Bool = true) -> String {
        var out = record(columns.map(\.header), guardFormulas: false)
        for row in rows {
            out += record(columns.map { row[$0.key] ?? "" }, guardFormulas: guardFormulas)
        }
        return out
    }

    /// The CSV file: the byte-order mark then ``text(columns:rows:guardFormulas:)`` in UTF-8.
    public static func data(columns: [RegisterColumn], rows: [[String: String]], guardFormulas: Bool = true) -> Data {
        Data(byteOrderMark) + Data(text(columns: columns, rows: rows, guardFormulas: guardFormulas).utf8)
    }

    /// The CSV file of a register.
    public static func data(register: Register, rows: [[String: String]], guardFormulas: Bool = true) -> Data {
        data(columns: register.columns, rows: rows, guardFormulas: guardFormulas)
    }

    /// One record: the fields, comma-separated, then CRLF.
    public static func record(_ fields: [String], guardFormulas: Bool = true) -> String {
        fields.map { field($0, guardFormulas: guardFormulas) }.joined(separator: ",") + "\r\n"
    }

    /// One field: quoted (with inner quotes doubled) when it holds a comma, a quote, a CR or an LF.
    public static func field(_ value: String, guardFormulas: Bool = true) -> String {
        var value = value
        if guardFormulas, let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
            value = "'" + value
        }
        guard value.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else {
            return value
        }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
