import Foundation
import Testing
import ZIPFoundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The parts of an XLSX file, by path inside the ZIP.
func parts(of xlsx: Data) throws -> [String: Data] {
    let archive = try Archive(data: xlsx, accessMode: .read)
    var parts: [String: Data] = [:]
    for entry in archive {
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        parts[entry.path] = data
    }
    return parts
}

/// One `<c>` element of a worksheet: its `t` and `s` attributes and its text (the `<v>` value or the inline string).
struct ParsedCell: Equatable {
    var type: String?
    var style: String?
    var value: String
}

/// The elements named `name` (namespace ignored) under `node`, in document order.
func descendants(of node: XMLNode, named name: String) -> [XMLElement] {
    (node.children ?? []).flatMap { child -> [XMLElement] in
        let this = (child as? XMLElement).flatMap { $0.localName == name ? [$0] : nil } ?? []
        return this + descendants(of: child, named: name)
    }
}

/// The value of the attribute with qualified name `name` ("r", "r:id") on `element`. (FoundationXML's
/// `attribute(forName:)` finds nothing on elements in a default namespace on Linux.)
func attribute(_ name: String, of element: XMLElement) -> String? {
    element.attributes?.first { $0.name == name }?.stringValue
}

/// The cells of a worksheet part by A1 reference (parsing fails on XML that is not well formed).
func cells(ofSheet xml: Data) throws -> [String: ParsedCell] {
    let document = try XMLDocument(data: xml)
    var cells: [String: ParsedCell] = [:]
    for cell in descendants(of: document, named: "c") {
        let reference = try #require(attribute("r", of: cell))
        cells[reference] = ParsedCell(type: attribute("t", of: cell), style: attribute("s", of: cell),
                                      value: cell.stringValue ?? "")
    }
    return cells
}

/// The values of the attribute `name` on the elements named `element` in `xml`, in document order.
func attributes(_ name: String, of element: String, in xml: Data) throws -> [String] {
    try descendants(of: XMLDocument(data: xml), named: element).compactMap { attribute(name, of: $0) }
}

/// RFC 4180 records of CSV text; accepts CRLF or LF line ends and a last record without one.
func parseCSV(_ text: String) -> [[String]] {
    var records: [[String]] = []
    var record: [String] = []
    var field = ""
    var quoted = false
    var scalars = text.unicodeScalars.makeIterator()
    var pending = scalars.next()
    while let scalar = pending {
        pending = scalars.next()
        switch (quoted, scalar) {
        case (true, "\""):
            if pending == "\"" { field.unicodeScalars.append("\""); pending = scalars.next() } else { quoted = false }
        case (true, _): field.unicodeScalars.append(scalar)
        case (false, "\""): quoted = true
        case (false, ","): record.append(field); field = ""
        case (false, "\r") where pending == "\n": continue
        case (false, "\n"): record.append(field); records.append(record); record = []; field = ""
        default: field.unicodeScalars.append(scalar)
        }
    }
    if !field.isEmpty || !record.isEmpty { records.append(record + [field]) }
    return records
}

/// A temporary directory removed when the value goes away.
final class TemporaryDirectory {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("cqs-spreadsheet-\(UUID().uuidString)")

    init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// Runs the real LibreOffice (`soffice`) headless, with its own profile so that parallel runs do not clash. Without
/// it the round-trip test fails, saying what to install: it is never skipped.
enum LibreOffice {
    static let missing =
        "soffice is not installed: install libreoffice-calc-nogui (apt-get install -y libreoffice-calc-nogui)"

    static let path: String? = {
        let directories = ["/usr/bin", "/usr/local/bin"]
            + (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        return directories.map { "\($0)/soffice" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Converts the XLSX file `file` to one UTF-8 CSV file per sheet in `outputDirectory`, named
    /// `<file name>-<sheet name>.csv`; `directory` holds the profile, HOME and the log.
    static func convertEverySheetToCSV(_ file: URL, outputDirectory: URL, workingIn directory: URL,
                                       timeout: TimeInterval = 180) throws {
        guard let path else { throw Failure(description: missing) }
        // Filter options: comma, quote, UTF-8 (76), from line 1, no cell formats, default language, plain text cells,
        // detect special numbers, save cell contents as shown, no formulas, keep spaces, every sheet (-1).
        let filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"
        let log = directory.appendingPathComponent("soffice.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let logHandle = try FileHandle(forWritingTo: log)
        defer { try? logHandle.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = [
            "-env:UserInstallation=\(directory.appendingPathComponent("profile").absoluteString)",
            "--headless", "--norestore", "--convert-to", filter, "--outdir", outputDirectory.path, file.path,
        ]
        process.environment = ProcessInfo.processInfo.environment.merging(["HOME": directory.path]) { $1 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = logHandle
        process.standardError = logHandle
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            _ = finished.wait(timeout: .now() + 10)
            throw Failure(description: "soffice did not finish within \(Int(timeout)) s")
        }
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            throw Failure(description: "soffice exited with \(process.terminationStatus): \(output)")
        }
    }
}
