import Foundation

/// Trích xuất văn bản — the searchable text of a document's file: plain text, DOCX, PDF.
///
/// Never traps on malformed input: a file that cannot be read gives nil (or the text found before the damage).
public enum TextExtraction {
    /// The media type of a Word document (DOCX).
    public static let docxMediaType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    /// The media type of a PDF.
    public static let pdfMediaType = "application/pdf"
    /// The media type of plain text (any `text/*` is read the same way).
    public static let plainTextMediaType = "text/plain"

    /// The text of a file, or nil when none can be extracted (unknown type, damaged file, a PDF of scanned images).
    ///
    /// - `text/*` (e.g. `text/plain; charset=utf-8`): UTF-8 (invalid bytes replaced), or UTF-16 with a byte-order mark.
    /// - DOCX: the `<w:t>` text of the main document part (`word/document.xml`), one line per paragraph.
    /// - PDF: the text that the pages' content streams show (Tj, TJ, ', "), decoded through each font's ToUnicode
    ///   map when there is one; streams compressed with FlateDecode, ASCIIHex or ASCII85 are decoded, object streams
    ///   are read. Scanned pages (images only) give nothing.
    /// - `application/octet-stream` or an empty type: sniffed from the first bytes (PDF, ZIP → DOCX, else nil).
    public static func text(of data: Data, mediaType: String) -> String? {
        let type = mediaType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        switch type {
        case plainTextMediaType, "text/csv", "text/markdown", "text/tab-separated-values", "text/html", "text/xml":
            return plainText(data)
        case docxMediaType:
            return docxText(data)
        case pdfMediaType, "application/x-pdf":
            return pdfText(data)
        case "", "application/octet-stream", "binary/octet-stream":
            if data.starts(with: Array("%PDF".utf8)) { return pdfText(data) }
            if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return docxText(data) }
            return nil
        default:
            if type.hasPrefix("text/") { return plainText(data) }
            return nil
        }
    }

    /// Plain text: UTF-8, or UTF-16 when it starts with a byte-order mark.
    public static func plainText(_ data: Data) -> String? {
        let bytes = [UInt8](data)
        var text: String
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) {
            let bigEndian = bytes[0] == 0xFE
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2)
            var index = 2
            while index + 1 < bytes.count {
                let pair = bigEndian ? (UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1]))
                    : (UInt16(bytes[index + 1]) << 8 | UInt16(bytes[index]))
                units.append(pair)
                index += 2
            }
            text = String(decoding: units, as: UTF16.self)
        } else {
            let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes[3...] : bytes[...]
            text = String(decoding: body, as: UTF8.self)
        }
        return meaningful(text)
    }

    /// DOCX: the text of the main document part.
    public static func docxText(_ data: Data) -> String? {
        guard let xml = docxDocumentXML(data) else { return nil }
        return meaningful(WordXML.text(xml))
    }

    /// PDF: the text shown by the pages' content streams.
    public static func pdfText(_ data: Data) -> String? {
        meaningful(PDFTextExtractor(data).text())
    }

    /// The text, or nil when it has no letter or digit.
    static func meaningful(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.unicodeScalars.contains(where: { CharacterSet.alphanumerics.contains($0) }) else { return nil }
        return trimmed
    }

    // MARK: - DOCX

    /// The bytes of `word/document.xml` (or the part `_rels/.rels` names as the main document).
    static func docxDocumentXML(_ data: Data) -> Data? {
        guard let zip = ZIPReader(data) else { return nil }
        var path = "word/document.xml"
        if let rels = zip.contents(of: "_rels/.rels"), let target = WordXML.mainDocumentTarget(rels) { path = target }
        return zip.contents(of: path) ?? zip.contents(of: "word/document.xml")
    }

    static func firstIndex(of pattern: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = pattern.first, pattern.count <= bytes.count else { return nil }
        var index = max(0, start)
        let last = bytes.count - pattern.count
        while index <= last {
            if bytes[index] == first {
                var matches = true
                for offset in 1..<pattern.count where bytes[index + offset] != pattern[offset] {
                    matches = false
                    break
                }
                if matches { return index }
            }
            index += 1
        }
        return nil
    }
}

/// WordprocessingML text: `<w:t>` runs, paragraphs as lines, tabs and breaks.
enum WordXML {
    static func text(_ xml: Data) -> String {
        let bytes = [UInt8](xml)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 4)
        var inText = false
        var index = 0
        let count = bytes.count
        while index < count {
            if bytes[index] == UInt8(ascii: "<") {
                // Comments, CDATA, processing instructions.
                if index + 1 < count, bytes[index + 1] == UInt8(ascii: "!"), bytes[index...].starts(with: Array("<!--".utf8)) {
                    index = TextExtraction.firstIndex(of: Array("-->".utf8), in: bytes, from: index).map { $0 + 3 } ?? count
                    continue
                }
                if index + 1 < count, bytes[index + 1] == UInt8(ascii: "!"), bytes[index...].starts(with: Array("<![CDATA[".utf8)) {
                    let start = index + 9
                    let end = TextExtraction.firstIndex(of: Array("]]>".utf8), in: bytes, from: start) ?? count
                    if inText { out.append(contentsOf: bytes[start..<end]) }
                    index = min(count, end + 3)
                    continue
                }
                var close = index + 1
                while close < count && bytes[close] != UInt8(ascii: ">") { close += 1 }
                let tag = bytes[(index + 1)..<min(close, count)]
                index = close + 1
                guard let first = tag.first, first != UInt8(ascii: "?"), first != UInt8(ascii: "!") else { continue }
                let closing = first == UInt8(ascii: "/")
                let selfClosing = tag.last == UInt8(ascii: "/")
                var nameEnd = tag.startIndex + (closing ? 1 : 0)
                let nameStart = nameEnd
                while nameEnd < tag.endIndex, !isSpace(tag[nameEnd]), tag[nameEnd] != UInt8(ascii: "/") { nameEnd += 1 }
                var local = tag[nameStart..<nameEnd]
                if let colon = local.lastIndex(of: UInt8(ascii: ":")) { local = local[(colon + 1)...] }
                switch String(decoding: local, as: UTF8.self) {
                case "t":
                    inText = !closing && !selfClosing
                case "p":
                    if closing || selfClosing { newline(&out) }
                case "tab":
                    if !closing { out.append(UInt8(ascii: "\t")) }
                case "br", "cr":
                    if !closing { newline(&out) }
                default:
                    break
                }
            } else {
                var end = index
                while end < count && bytes[end] != UInt8(ascii: "<") { end += 1 }
                if inText { appendDecodingEntities(bytes[index..<end], to: &out) }
                index = end
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The target of the officeDocument relationship in `_rels/.rels`, e.g. "word/document.xml".
    static func mainDocumentTarget(_ rels: Data) -> String? {
        let text = String(decoding: rels, as: UTF8.self)
        for element in text.components(separatedBy: "<").dropFirst() where element.contains("/officeDocument\"") {
            guard let range = element.range(of: "Target=\"") else { continue }
            let rest = element[range.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { continue }
            var target = String(rest[..<end])
            while target.hasPrefix("/") { target.removeFirst() }
            return target.isEmpty ? nil : target
        }
        return nil
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    static func newline(_ out: inout [UInt8]) {
        out.append(UInt8(ascii: "\n"))
    }

    /// XML character data with &amp; &lt; &gt; &quot; &apos; and numeric references decoded.
    static func appendDecodingEntities(_ text: ArraySlice<UInt8>, to out: inout [UInt8]) {
        var index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            guard byte == UInt8(ascii: "&"),
                  let semicolon = text[index..<min(text.endIndex, index + 12)].firstIndex(of: UInt8(ascii: ";")) else {
                out.append(byte)
                index += 1
                continue
            }
            let name = String(decoding: text[(index + 1)..<semicolon], as: UTF8.self)
            var scalar: Unicode.Scalar?
            switch name {
            case "amp": scalar = "&"
            case "lt": scalar = "<"
            case "gt": scalar = ">"
            case "quot": scalar = "\""
            case "apos": scalar = "'"
            default:
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    scalar = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                } else if name.hasPrefix("#") {
                    scalar = UInt32(name.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init)
                }
            }
            if let scalar {
                out.append(contentsOf: Array(String(scalar).utf8))
                index = semicolon + 1
            } else {
                out.append(byte)
                index += 1
            }
        }
    }
}
