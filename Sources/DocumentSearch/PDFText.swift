import Foundation

/// A PDF value (ISO 32000-1 §7.3).
indirect enum PDFValue {
    case null
    case bool(Bool)
    case number(Double)
    case name(String)
    case string([UInt8])
    case array([PDFValue])
    case dictionary([String: PDFValue])
    case reference(Int)

    var dictionary: [String: PDFValue]? { if case .dictionary(let d) = self { return d } else { return nil } }
    var array: [PDFValue]? { if case .array(let a) = self { return a } else { return nil } }
    var name: String? { if case .name(let n) = self { return n } else { return nil } }
    var number: Double? { if case .number(let n) = self { return n } else { return nil } }
    var bytes: [UInt8]? { if case .string(let s) = self { return s } else { return nil } }
    var integer: Int? {
        guard case .number(let n) = self, n.isFinite, abs(n) < 1e15 else { return nil }
        return Int(n)
    }
}

/// Byte classes and a recursive-descent parser of PDF values over a byte buffer.
struct PDFLexer {
    let bytes: [UInt8]
    var position: Int
    let end: Int

    init(_ bytes: [UInt8], from start: Int = 0, to end: Int? = nil) {
        self.bytes = bytes
        self.end = min(end ?? bytes.count, bytes.count)
        self.position = max(0, min(start, self.end))
    }

    static func isWhite(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 || b == 0x0C || b == 0x00 }
    static func isDelimiter(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "["),
             UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "/"), UInt8(ascii: "%"):
            return true
        default: return false
        }
    }
    static func isRegular(_ b: UInt8) -> Bool { !isWhite(b) && !isDelimiter(b) }
    static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    var atEnd: Bool { position >= end }
    var current: UInt8? { position < end ? bytes[position] : nil }
    func peek(_ offset: Int) -> UInt8? { position + offset < end && position + offset >= 0 ? bytes[position + offset] : nil }

    mutating func skipWhitespace() {
        while position < end {
            let b = bytes[position]
            if Self.isWhite(b) {
                position += 1
            } else if b == UInt8(ascii: "%") {
                while position < end && bytes[position] != 0x0A && bytes[position] != 0x0D { position += 1 }
            } else {
                return
            }
        }
    }

    /// The regular characters at the position (a keyword or a number), consumed.
    mutating func word() -> ArraySlice<UInt8> {
        let start = position
        while position < end && Self.isRegular(bytes[position]) { position += 1 }
        return bytes[start..<position]
    }

    /// Whether the bytes at the position spell `keyword` followed by a non-regular byte.
    func matches(_ keyword: String) -> Bool {
        var offset = 0
        for byte in keyword.utf8 {
            guard peek(offset) == byte else { return false }
            offset += 1
        }
        if let next = peek(offset), Self.isRegular(next) { return false }
        return true
    }

    /// Parses one value; nil at the end, at a keyword (left unconsumed) or at a stray delimiter (consumed).
    mutating func value(depth: Int = 0, references: Bool = true) -> PDFValue? {
        skipWhitespace()
        guard let b = current else { return nil }
        guard depth < 64 else {
            position += 1 // too deep: give up on this byte so that every caller's loop advances
            return nil
        }
        switch b {
        case UInt8(ascii: "/"):
            position += 1
            return .name(nameBody())
        case UInt8(ascii: "("):
            position += 1
            return .string(literalString())
        case UInt8(ascii: "<"):
            if peek(1) == UInt8(ascii: "<") {
                position += 2
                var dictionary: [String: PDFValue] = [:]
                while true {
                    skipWhitespace()
                    guard let c = current else { break }
                    if c == UInt8(ascii: ">") {
                        position += peek(1) == UInt8(ascii: ">") ? 2 : 1
                        break
                    }
                    guard c == UInt8(ascii: "/") else {
                        // Not a key: skip the offending token so that the loop always advances.
                        if Self.isRegular(c) { _ = word() } else { position += 1 }
                        continue
                    }
                    position += 1
                    let key = nameBody()
                    skipWhitespace()
                    if current == UInt8(ascii: ">") { continue }
                    guard let item = value(depth: depth + 1, references: references) else {
                        if let c = current, Self.isRegular(c) { _ = word() } // an unknown keyword as a value
                        continue
                    }
                    dictionary[key] = item
                }
                return .dictionary(dictionary)
            }
            position += 1
            return .string(hexString())
        case UInt8(ascii: "["):
            position += 1
            var items: [PDFValue] = []
            while true {
                skipWhitespace()
                guard let c = current else { break }
                if c == UInt8(ascii: "]") {
                    position += 1
                    break
                }
                if let item = value(depth: depth + 1, references: references) {
                    items.append(item)
                } else if let c = current, Self.isRegular(c) {
                    _ = word() // a keyword inside an array
                } else if current != nil, current != UInt8(ascii: "]") {
                    position += 1
                }
            }
            return .array(items)
        case UInt8(ascii: ")"), UInt8(ascii: ">"), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"):
            position += 1
            return nil
        default:
            if b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || (b >= 0x30 && b <= 0x39) {
                let text = word()
                guard let number = Self.number(text) else { return .null }
                if references, let object = Self.integer(text) {
                    // "N G R"
                    let save = position
                    skipWhitespace()
                    let generationStart = position
                    let generation = word()
                    if !generation.isEmpty, Self.integer(generation) != nil, position > generationStart {
                        skipWhitespace()
                        if matches("R") {
                            position += 1
                            return .reference(object)
                        }
                    }
                    position = save
                }
                return .number(number)
            }
            if matches("true") { position += 4; return .bool(true) }
            if matches("false") { position += 5; return .bool(false) }
            if matches("null") { position += 4; return .null }
            return nil
        }
    }

    static func integer(_ text: ArraySlice<UInt8>) -> Int? {
        guard !text.isEmpty, text.count < 16, text.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(String(decoding: text, as: UTF8.self))
    }

    static func number(_ text: ArraySlice<UInt8>) -> Double? {
        guard !text.isEmpty, text.count < 40 else { return nil }
        var string = String(decoding: text, as: UTF8.self)
        if string.hasPrefix("--") { string.removeFirst() } // a common producer bug
        if let value = Double(string), value.isFinite { return value }
        return nil
    }

    /// A name after its "/", with #xx escapes decoded.
    mutating func nameBody() -> String {
        var out: [UInt8] = []
        while position < end && Self.isRegular(bytes[position]) {
            let b = bytes[position]
            if b == UInt8(ascii: "#"), let h = peek(1).flatMap(Self.hexValue), let l = peek(2).flatMap(Self.hexValue) {
                out.append(h << 4 | l)
                position += 3
            } else {
                out.append(b)
                position += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A literal string after its "(", escapes and balanced parentheses handled.
    mutating func literalString() -> [UInt8] {
        var out: [UInt8] = []
        var depth = 1
        while position < end {
            let b = bytes[position]
            position += 1
            switch b {
            case UInt8(ascii: "("):
                depth += 1
                out.append(b)
            case UInt8(ascii: ")"):
                depth -= 1
                if depth == 0 { return out }
                out.append(b)
            case UInt8(ascii: "\\"):
                guard position < end else { return out }
                let e = bytes[position]
                position += 1
                switch e {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case 0x0D: if current == 0x0A { position += 1 } // line continuation
                case 0x0A: break
                case UInt8(ascii: "0")...UInt8(ascii: "7"):
                    var value = Int(e - 0x30)
                    var digits = 1
                    while digits < 3, let d = current, d >= 0x30 && d <= 0x37 {
                        value = value * 8 + Int(d - 0x30)
                        position += 1
                        digits += 1
                    }
                    out.append(UInt8(truncatingIfNeeded: value))
                default: out.append(e)
                }
            default:
                out.append(b)
            }
        }
        return out
    }

    /// A hex string after its "<".
    mutating func hexString() -> [UInt8] {
        var out: [UInt8] = []
        var high: UInt8?
        while position < end {
            let b = bytes[position]
            position += 1
            if b == UInt8(ascii: ">") { break }
            guard let v = Self.hexValue(b) else { continue }
            if let h = high {
                out.append(h << 4 | v)
                high = nil
            } else {
                high = v
            }
        }
        if let h = high { out.append(h << 4) }
        return out
    }
}

/// An indirect object: its value and, for a stream, the raw bytes' range in the file.
struct PDFObject {
    var value: PDFValue
    var stream: Range<Int>?
}

/// Text extraction from a PDF file: objects found by scanning (the cross-reference table is not trusted), object
/// streams read, pages walked from the catalog, content streams interpreted with each font's ToUnicode map.
struct PDFTextExtractor {
    let bytes: [UInt8]
    var objects: [Int: PDFObject] = [:]
    var trailerRoot: Int?
    /// The file is encrypted (an /Encrypt entry in a trailer): its strings and streams cannot be read.
    var encrypted = false
    /// Decoded bytes left for the whole file, so that many compressed streams cannot add up to a bomb.
    let budget = Budget(256 << 20)

    final class Budget {
        var remaining: Int
        init(_ remaining: Int) { self.remaining = remaining }
    }
    /// Output bounds: decoded bytes per stream, characters in all.
    static let streamLimit = 64 << 20
    static let outputLimit = 16 << 20

    init(_ data: Data) {
        bytes = [UInt8](data)
        scanObjects()
        readObjectStreams()
    }

    // MARK: Objects

    mutating func scanObjects() {
        let count = bytes.count
        var index = 0
        while index + 3 <= count {
            // Find "obj" preceded by "N G " and followed by a non-regular byte.
            guard bytes[index] == UInt8(ascii: "o"), index + 2 < count, bytes[index + 1] == UInt8(ascii: "b"),
                  bytes[index + 2] == UInt8(ascii: "j") else {
                if bytes[index] == UInt8(ascii: "t"), matchesKeyword("trailer", at: index) {
                    var lexer = PDFLexer(bytes, from: index + 7)
                    let trailer = lexer.value()?.dictionary
                    if let root = trailer?["Root"], case .reference(let n) = root { trailerRoot = n }
                    if trailer?["Encrypt"] != nil { encrypted = true }
                }
                index += 1
                continue
            }
            let after = index + 3
            guard after >= count || !PDFLexer.isRegular(bytes[after]), let number = objectNumber(before: index) else {
                index += 1
                continue
            }
            var lexer = PDFLexer(bytes, from: after)
            let value = lexer.value() ?? .null
            lexer.skipWhitespace()
            if let dictionary = value.dictionary, dictionary["Type"]?.name == "XRef", dictionary["Encrypt"] != nil {
                encrypted = true
            }
            var object = PDFObject(value: value, stream: nil)
            if lexer.matches("stream") {
                var start = lexer.position + 6
                if start < count && bytes[start] == 0x0D { start += 1 }
                if start < count && bytes[start] == 0x0A { start += 1 }
                let range = streamRange(start: start, declaredLength: value.dictionary?["Length"]?.integer)
                object.stream = range
                lexer.position = min(count, range.upperBound)
            }
            objects[number] = object
            index = max(after, lexer.position)
        }
    }

    func matchesKeyword(_ keyword: String, at index: Int) -> Bool {
        let lexer = PDFLexer(bytes, from: index)
        return lexer.matches(keyword)
    }

    /// The object number of "N G obj" whose "obj" starts at `index`.
    func objectNumber(before index: Int) -> Int? {
        var i = index - 1
        func skipSpaces() -> Bool {
            let start = i
            while i >= 0 && PDFLexer.isWhite(bytes[i]) { i -= 1 }
            return i < start
        }
        func digits() -> Int? {
            let end = i
            while i >= 0 && bytes[i] >= 0x30 && bytes[i] <= 0x39 && end - i < 12 { i -= 1 }
            guard i < end else { return nil }
            return Int(String(decoding: bytes[(i + 1)...end], as: UTF8.self))
        }
        guard skipSpaces(), digits() != nil, skipSpaces(), let number = digits() else { return nil }
        if i >= 0 && PDFLexer.isRegular(bytes[i]) { return nil }
        return number
    }

    /// Where a stream's data ends: its /Length when "endstream" follows it, else the next "endstream".
    func streamRange(start: Int, declaredLength: Int?) -> Range<Int> {
        let count = bytes.count
        let start = min(start, count)
        if let length = declaredLength, length >= 0, length <= count - start {
            var lexer = PDFLexer(bytes, from: start + length)
            lexer.skipWhitespace()
            if lexer.matches("endstream") { return start..<(start + length) }
        }
        var end = TextExtraction.firstIndex(of: Array("endstream".utf8), in: bytes, from: start) ?? count
        if end > start && bytes[end - 1] == 0x0A { end -= 1 }
        if end > start && bytes[end - 1] == 0x0D { end -= 1 }
        return start..<end
    }

    /// Objects compressed in object streams (/Type /ObjStm): "N offset" pairs, then the objects from /First.
    mutating func readObjectStreams() {
        let streams = objects.values.filter { $0.value.dictionary?["Type"]?.name == "ObjStm" }
        for object in streams.prefix(10_000) {
            guard let dictionary = object.value.dictionary, let data = decodedStream(object),
                  let n = resolve(dictionary["N"]).integer, let first = resolve(dictionary["First"]).integer,
                  n > 0, n < 1_000_000, first >= 0, first <= data.count else { continue }
            var header = PDFLexer(data, from: 0, to: first)
            for _ in 0..<n {
                guard let number = header.value(references: false)?.integer,
                      let offset = header.value(references: false)?.integer else { break }
                guard offset >= 0, first + offset < data.count, objects[number] == nil else { continue }
                var lexer = PDFLexer(data, from: first + offset)
                if let value = lexer.value() { objects[number] = PDFObject(value: value, stream: nil) }
            }
        }
    }

    func resolve(_ value: PDFValue?) -> PDFValue {
        var value = value ?? .null
        var hops = 0
        while case .reference(let n) = value, hops < 16 {
            value = objects[n]?.value ?? .null
            hops += 1
        }
        return value
    }

    func object(_ value: PDFValue?) -> PDFObject? {
        guard case .reference(let n)? = value else { return nil }
        return objects[n]
    }

    /// A stream's data with its filters undone; nil when a filter is unsupported (images, LZW, ...).
    func decodedStream(_ object: PDFObject) -> [UInt8]? {
        guard let range = object.stream, let dictionary = object.value.dictionary else { return nil }
        var data = Array(bytes[range])
        var filters: [String] = []
        switch resolve(dictionary["Filter"]) {
        case .name(let name): filters = [name]
        case .array(let items): filters = items.compactMap { resolve($0).name }
        default: break
        }
        for filter in filters {
            switch filter {
            case "FlateDecode", "Fl":
                let limit = min(Self.streamLimit, budget.remaining)
                guard limit > 0, let inflated = Inflate.zlib(Data(data), limit: limit) else { return nil }
                budget.remaining -= inflated.count
                data = [UInt8](inflated)
            case "ASCIIHexDecode", "AHx":
                var lexer = PDFLexer(data)
                data = lexer.hexString()
            case "ASCII85Decode", "A85":
                data = Self.ascii85(data)
            default:
                return nil
            }
        }
        return data
    }

    static func ascii85(_ input: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var group: [UInt32] = []
        var index = 0
        if input.starts(with: Array("<~".utf8)) { index = 2 }
        while index < input.count {
            let b = input[index]
            index += 1
            if b == UInt8(ascii: "~") { break }
            if PDFLexer.isWhite(b) { continue }
            if b == UInt8(ascii: "z") && group.isEmpty {
                out.append(contentsOf: [0, 0, 0, 0])
                continue
            }
            guard b >= 33 && b <= 117 else { continue }
            group.append(UInt32(b - 33))
            if group.count == 5 {
                let value = group.reduce(UInt64(0)) { $0 * 85 + UInt64($1) }
                let v = UInt32(truncatingIfNeeded: value)
                out.append(contentsOf: [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)])
                group.removeAll()
            }
        }
        if group.count > 1 {
            let missing = 5 - group.count
            let value = (group + Array(repeating: 84, count: missing)).reduce(UInt64(0)) { $0 * 85 + UInt64($1) }
            let v = UInt32(truncatingIfNeeded: value)
            let bytes = [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
            out.append(contentsOf: bytes.prefix(4 - missing))
        }
        return out
    }

    // MARK: Pages

    /// Page dictionaries in reading order, each with its (possibly inherited) resources.
    func pages() -> [(page: [String: PDFValue], resources: [String: PDFValue])] {
        var result: [(page: [String: PDFValue], resources: [String: PDFValue])] = []
        var visited = Set<Int>()
        func walk(_ value: PDFValue?, inherited: [String: PDFValue], depth: Int) {
            guard depth < 64, result.count < 100_000 else { return }
            if case .reference(let n)? = value {
                guard visited.insert(n).inserted else { return }
            }
            guard let node = resolve(value).dictionary else { return }
            let resources = resolve(node["Resources"]).dictionary ?? inherited
            if let kids = resolve(node["Kids"]).array, node["Type"]?.name != "Page" {
                for kid in kids { walk(kid, inherited: resources, depth: depth + 1) }
            } else if node["Contents"] != nil || node["Type"]?.name == "Page" {
                result.append((node, resources))
            }
        }
        var root = trailerRoot.flatMap { objects[$0]?.value.dictionary }
        if root?["Pages"] == nil {
            root = objects.values.lazy.compactMap { $0.value.dictionary }
                .first { $0["Type"]?.name == "Catalog" && $0["Pages"] != nil }
        }
        if let root { walk(root["Pages"], inherited: [:], depth: 0) }
        if result.isEmpty {
            // No usable page tree: every page object, by object number, resources found through /Parent.
            for number in objects.keys.sorted() {
                guard let page = objects[number]?.value.dictionary, page["Type"]?.name == "Page" else { continue }
                var resources = resolve(page["Resources"]).dictionary
                var parent = page["Parent"]
                var hops = 0
                while resources == nil, let node = resolve(parent).dictionary, hops < 32 {
                    resources = resolve(node["Resources"]).dictionary
                    parent = node["Parent"]
                    hops += 1
                }
                result.append((page, resources ?? [:]))
            }
        }
        return result
    }

    // MARK: Text

    func text() -> String {
        var output = TextOutput()
        guard !encrypted else { return "" }
        let pages = pages()
        var fontCache: [Int: PDFFont] = [:]
        if !pages.isEmpty {
            for (page, resources) in pages {
                var contents: [PDFObject] = []
                switch page["Contents"] {
                case .reference?:
                    if let object = object(page["Contents"]) {
                        if object.stream != nil {
                            contents = [object]
                        } else if let items = object.value.array {
                            contents = items.compactMap { self.object($0) }
                        }
                    }
                case .array(let items)?:
                    contents = items.compactMap { self.object($0) }
                default:
                    break
                }
                var data: [UInt8] = []
                for content in contents {
                    guard let decoded = decodedStream(content) else { continue }
                    data.append(contentsOf: decoded)
                    data.append(0x0A)
                }
                run(data, resources: resources, output: &output, fonts: &fontCache, depth: 0, forms: [])
                output.paragraph()
                if output.full { break }
            }
        }
        if !output.hasText {
            // No page gave text: try every stream that looks like page content.
            for number in objects.keys.sorted() {
                guard let object = objects[number], object.stream != nil, let dictionary = object.value.dictionary,
                      dictionary["Subtype"] == nil, dictionary["Length1"] == nil,
                      !["XRef", "ObjStm", "Metadata", "EmbeddedFile", "XObject"].contains(dictionary["Type"]?.name ?? ""),
                      let data = decodedStream(object),
                      TextExtraction.firstIndex(of: Array("BT".utf8), in: data, from: 0) != nil else { continue }
                run(data, resources: [:], output: &output, fonts: &fontCache, depth: 0, forms: [])
                output.paragraph()
                if output.full { break }
            }
        }
        return output.string
    }

    /// The font a resource dictionary names, with its decoder (cached by object number).
    func font(named name: String, resources: [String: PDFValue], cache: inout [Int: PDFFont]) -> PDFFont? {
        guard let fonts = resolve(resources["Font"]).dictionary, let entry = fonts[name] else { return nil }
        if case .reference(let n) = entry, let cached = cache[n] { return cached }
        guard let dictionary = resolve(entry).dictionary else { return nil }
        let font = PDFFont(dictionary, extractor: self)
        if case .reference(let n) = entry { cache[n] = font }
        return font
    }

    /// Interprets a content stream: text objects, fonts, positioning, form XObjects.
    func run(_ data: [UInt8], resources: [String: PDFValue], output: inout TextOutput, fonts: inout [Int: PDFFont],
             depth: Int, forms: Set<Int>) {
        var lexer = PDFLexer(data)
        var operands: [PDFValue] = []
        var font: PDFFont?
        var lineY: Double?
        var lastX: Double?
        while !lexer.atEnd && !output.full {
            lexer.skipWhitespace()
            guard let b = lexer.current else { break }
            let isNumberStart = b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || (b >= 0x30 && b <= 0x39)
            if PDFLexer.isRegular(b) && !isNumberStart {
                let op = String(decoding: lexer.word(), as: UTF8.self)
                switch op {
                case "ET":
                    output.space()
                case "Tf":
                    if operands.count >= 2, case .name(let name) = operands[operands.count - 2] {
                        font = self.font(named: name, resources: resources, cache: &fonts)
                    }
                case "Tj":
                    if let string = operands.last?.bytes { output.append(decode(string, font)) }
                case "'":
                    output.newline()
                    if let string = operands.last?.bytes { output.append(decode(string, font)) }
                case "\"":
                    output.newline()
                    if let string = operands.last?.bytes { output.append(decode(string, font)) }
                case "TJ":
                    if let items = operands.last?.array {
                        for item in items {
                            switch item {
                            case .string(let string): output.append(decode(string, font))
                            case .number(let n): if n < -180 { output.space() }
                            default: break
                            }
                        }
                    }
                case "Td", "TD":
                    if operands.count >= 2, let tx = operands[operands.count - 2].number, let ty = operands.last?.number {
                        if abs(ty) > 0.01 { output.newline() } else if abs(tx) > 0.01 { output.space() }
                    }
                case "T*":
                    output.newline()
                case "Tm":
                    if operands.count >= 6, let x = operands[operands.count - 2].number, let y = operands.last?.number {
                        if let previous = lineY, abs(previous - y) > 0.01 {
                            output.newline()
                        } else if let previousX = lastX, abs(previousX - x) > 0.01 {
                            output.space()
                        }
                        lineY = y
                        lastX = x
                    }
                case "Do":
                    if depth < 8, case .name(let name)? = operands.last,
                       let xobjects = resolve(resources["XObject"]).dictionary, case .reference(let n)? = xobjects[name],
                       !forms.contains(n), let form = objects[n], let dictionary = form.value.dictionary,
                       dictionary["Subtype"]?.name == "Form", let formData = decodedStream(form) {
                        let formResources = resolve(dictionary["Resources"]).dictionary ?? resources
                        run(formData, resources: formResources, output: &output, fonts: &fonts, depth: depth + 1,
                            forms: forms.union([n]))
                    }
                case "ID":
                    // Inline image data: skip to "EI" between white space.
                    var index = lexer.position + 1
                    while index + 2 < data.count {
                        if data[index] == UInt8(ascii: "E"), data[index + 1] == UInt8(ascii: "I"),
                           PDFLexer.isWhite(data[index - 1]), index + 2 >= data.count || !PDFLexer.isRegular(data[index + 2]) {
                            break
                        }
                        index += 1
                    }
                    lexer.position = min(data.count, index + 2)
                default:
                    break
                }
                operands.removeAll(keepingCapacity: true)
            } else if let value = lexer.value(references: false) {
                if operands.count < 1024 { operands.append(value) }
            }
        }
    }

    func decode(_ bytes: [UInt8], _ font: PDFFont?) -> String {
        if let font { return font.decode(bytes) }
        return PDFFont.decodeSingleByte(bytes, table: nil)
    }
}

/// Accumulates extracted text, spacing and line breaks collapsed, bounded in size.
struct TextOutput {
    var scalars = String.UnicodeScalarView()
    var count = 0
    var hasText = false

    var full: Bool { count >= PDFTextExtractor.outputLimit }
    var string: String { String(scalars) }

    mutating func append(_ text: String) {
        for scalar in text.unicodeScalars where !full {
            if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" { continue }
            if scalar == "\n" {
                newline()
            } else if scalar.properties.isWhitespace {
                space()
            } else {
                scalars.append(scalar)
                count += 1
                hasText = true
            }
        }
    }

    var last: Unicode.Scalar? { scalars.last }

    mutating func space() {
        guard let last, last != " ", last != "\n" else { return }
        scalars.append(" ")
        count += 1
    }

    mutating func newline() {
        guard let last, last != "\n" else { return }
        if last == " " { scalars.removeLast() }
        scalars.append("\n")
        count += 1
    }

    mutating func paragraph() {
        newline()
        if let last, last == "\n" {
            let previous = scalars.index(before: scalars.endIndex)
            if previous > scalars.startIndex, scalars[scalars.index(before: previous)] != "\n" {
                scalars.append("\n")
                count += 1
            }
        }
    }
}

/// A font's mapping from string bytes to text: its ToUnicode CMap, else its simple encoding.
final class PDFFont {
    /// Code space ranges: byte length and bounds.
    var codespace: [(length: Int, low: UInt32, high: UInt32)] = []
    var map: [UInt32: String] = [:]
    var ranges: [(low: UInt32, high: UInt32, base: [UInt16])] = []
    var rangeArrays: [(low: UInt32, high: UInt32, items: [String])] = []
    var hasToUnicode = false
    var composite = false
    var utf16Encoding = false
    var table: [String]?

    init(_ dictionary: [String: PDFValue], extractor: PDFTextExtractor) {
        composite = dictionary["Subtype"]?.name == "Type0"
        let encoding = extractor.resolve(dictionary["Encoding"])
        if composite, let name = encoding.name, name.hasPrefix("Uni"), name.contains("UCS2") || name.contains("UTF16") {
            utf16Encoding = true
        }
        if let object = extractor.object(dictionary["ToUnicode"]), let data = extractor.decodedStream(object) {
            parseCMap(data)
            hasToUnicode = !(map.isEmpty && ranges.isEmpty && rangeArrays.isEmpty)
        }
        if !composite {
            table = Self.simpleTable(encoding, extractor: extractor)
        }
        if codespace.isEmpty { codespace = [(composite ? 2 : 1, 0, composite ? 0xFFFF : 0xFF)] }
    }

    func decode(_ bytes: [UInt8]) -> String {
        if utf16Encoding && !hasToUnicode { return Self.utf16(bytes) }
        if !hasToUnicode {
            return composite ? "" : Self.decodeSingleByte(bytes, table: table)
        }
        var out = ""
        var index = 0
        while index < bytes.count {
            var length = codespace[0].length
            var code: UInt32 = 0
            for range in codespace where index + range.length <= bytes.count {
                var value: UInt32 = 0
                for offset in 0..<range.length { value = value << 8 | UInt32(bytes[index + offset]) }
                if value >= range.low && value <= range.high {
                    length = range.length
                    break
                }
            }
            length = max(1, min(length, bytes.count - index))
            for offset in 0..<length { code = code << 8 | UInt32(bytes[index + offset]) }
            index += length
            if let text = lookup(code) {
                out += text
            } else if !composite, length == 1 {
                out += Self.decodeSingleByte([UInt8(truncatingIfNeeded: code)], table: table)
            }
        }
        return out
    }

    func lookup(_ code: UInt32) -> String? {
        if let text = map[code] { return text }
        for range in ranges where code >= range.low && code <= range.high {
            var units = range.base
            guard let last = units.last else { continue }
            let (sum, overflow) = last.addingReportingOverflow(UInt16(truncatingIfNeeded: code - range.low))
            units[units.count - 1] = overflow ? last : sum
            return String(decoding: units, as: UTF16.self)
        }
        for range in rangeArrays where code >= range.low && code <= range.high {
            let offset = Int(code - range.low)
            return offset < range.items.count ? range.items[offset] : nil
        }
        return nil
    }

    static func utf16(_ bytes: [UInt8]) -> String {
        var units: [UInt16] = []
        var index = 0
        while index + 1 < bytes.count {
            units.append(UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1]))
            index += 2
        }
        return String(decoding: units, as: UTF16.self)
    }

    static func code(_ bytes: [UInt8]) -> UInt32 {
        bytes.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    }

    /// Reads codespacerange, bfchar and bfrange sections.
    func parseCMap(_ data: [UInt8]) {
        var lexer = PDFLexer(data)
        var operands: [PDFValue] = []
        var section = ""
        var entries = 0
        while !lexer.atEnd && entries < 200_000 {
            lexer.skipWhitespace()
            guard let b = lexer.current else { break }
            let isNumberStart = b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || (b >= 0x30 && b <= 0x39)
            if PDFLexer.isRegular(b) && !isNumberStart {
                let word = String(decoding: lexer.word(), as: UTF8.self)
                switch word {
                case "begincodespacerange", "beginbfchar", "beginbfrange":
                    section = word
                    operands.removeAll()
                case "endcodespacerange":
                    var index = 0
                    while index + 1 < operands.count {
                        if let low = operands[index].bytes, let high = operands[index + 1].bytes, !low.isEmpty, low.count <= 4 {
                            codespace.append((low.count, Self.code(low), Self.code(high)))
                        }
                        index += 2
                    }
                    section = ""
                    operands.removeAll()
                case "endbfchar":
                    var index = 0
                    while index + 1 < operands.count {
                        if let source = operands[index].bytes, let target = operands[index + 1].bytes, source.count <= 4 {
                            map[Self.code(source)] = Self.utf16(target)
                            entries += 1
                        }
                        index += 2
                    }
                    section = ""
                    operands.removeAll()
                case "endbfrange":
                    var index = 0
                    while index + 2 < operands.count {
                        if let low = operands[index].bytes, let high = operands[index + 1].bytes, low.count <= 4,
                           high.count <= 4 {
                            let lowCode = Self.code(low), highCode = Self.code(high)
                            if lowCode <= highCode {
                                if let target = operands[index + 2].bytes {
                                    var units: [UInt16] = []
                                    var i = 0
                                    while i + 1 < target.count {
                                        units.append(UInt16(target[i]) << 8 | UInt16(target[i + 1]))
                                        i += 2
                                    }
                                    if !units.isEmpty { ranges.append((lowCode, highCode, units)) }
                                } else if let items = operands[index + 2].array {
                                    rangeArrays.append((lowCode, highCode, items.map { Self.utf16($0.bytes ?? []) }))
                                }
                                entries += 1
                            }
                        }
                        index += 3
                    }
                    section = ""
                    operands.removeAll()
                default:
                    operands.removeAll()
                }
            } else if let value = lexer.value(references: false) {
                if !section.isEmpty && operands.count < 300_000 { operands.append(value) }
            }
        }
        codespace.sort { $0.length < $1.length }
    }

    // MARK: Simple fonts

    /// WinAnsiEncoding's 0x80–0x9F (the rest is Latin-1).
    static let winAnsiHigh: [UInt32] = [
        0x20AC, 0x2022, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x2022,
        0x017D, 0x2022, 0x2022, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0x2022, 0x017E, 0x0178,
    ]

    static func decodeSingleByte(_ bytes: [UInt8], table: [String]?) -> String {
        if bytes.starts(with: [0xFE, 0xFF]) { return utf16(Array(bytes.dropFirst(2))) }
        var out = String.UnicodeScalarView()
        for byte in bytes {
            if let table, Int(byte) < table.count, !table[Int(byte)].isEmpty {
                out.append(contentsOf: table[Int(byte)].unicodeScalars)
                continue
            }
            let value: UInt32 = byte >= 0x80 && byte < 0xA0 ? winAnsiHigh[Int(byte - 0x80)] : UInt32(byte)
            if let scalar = Unicode.Scalar(value) { out.append(scalar) }
        }
        return String(out)
    }

    /// The /Differences of a simple font's encoding, as a 256-entry table ("" where the base encoding applies).
    static func simpleTable(_ encoding: PDFValue, extractor: PDFTextExtractor) -> [String]? {
        guard let differences = extractor.resolve(encoding.dictionary?["Differences"]).array else { return nil }
        var table = [String](repeating: "", count: 256)
        var code = 0
        for item in differences {
            switch item {
            case .number(let n):
                code = n.isFinite && n >= 0 && n < 256 ? Int(n) : 256
            case .name(let name):
                if code < 256 { table[code] = glyphText(name) }
                code += 1
            default:
                break
            }
        }
        return table
    }

    static let accents: [String: Unicode.Scalar] = [
        "grave": "\u{300}", "acute": "\u{301}", "circumflex": "\u{302}", "tilde": "\u{303}", "breve": "\u{306}",
        "dieresis": "\u{308}", "hookabove": "\u{309}", "ring": "\u{30A}", "caron": "\u{30C}", "dotbelow": "\u{323}",
        "cedilla": "\u{327}", "horn": "\u{31B}",
    ]
    static let namedGlyphs: [String: String] = [
        "space": " ", "period": ".", "comma": ",", "hyphen": "-", "colon": ":", "semicolon": ";", "slash": "/",
        "parenleft": "(", "parenright": ")", "quotesingle": "'", "quotedbl": "\"", "quoteright": "\u{2019}",
        "quoteleft": "\u{2018}", "endash": "\u{2013}", "emdash": "\u{2014}", "dcroat": "đ", "Dcroat": "Đ",
        "dmacron": "đ", "Dmacron": "Đ", "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
        "six": "6", "seven": "7", "eight": "8", "nine": "9", "percent": "%", "ampersand": "&", "question": "?",
        "exclam": "!", "numbersign": "#", "dollar": "$", "at": "@", "underscore": "_", "ellipsis": "\u{2026}",
        "bullet": "\u{2022}", "nbspace": " ", "uni00A0": " ",
    ]

    /// The text of a glyph name: uniXXXX, uXXXX, a single letter, a named glyph, or a letter plus accents
    /// ("ecircumflexacute" → "ế").
    static func glyphText(_ fullName: String) -> String {
        let name = String(fullName.split(separator: ".").first ?? "")
        if let text = namedGlyphs[name] { return text }
        if name.hasPrefix("uni"), name.count >= 7 {
            var scalars = String.UnicodeScalarView()
            var rest = Substring(name.dropFirst(3))
            while rest.count >= 4 {
                if let value = UInt32(rest.prefix(4), radix: 16), let scalar = Unicode.Scalar(value) { scalars.append(scalar) }
                rest = rest.dropFirst(4)
            }
            return String(scalars)
        }
        if name.hasPrefix("u"), (5...7).contains(name.count), let value = UInt32(name.dropFirst(), radix: 16),
           let scalar = Unicode.Scalar(value) {
            return String(scalar)
        }
        if name.count == 1 { return name }
        guard let first = name.first, first.isLetter, first.isASCII else { return "" }
        var base = String(first)
        var rest = Substring(name.dropFirst())
        if rest.hasPrefix("horn") && (first == "o" || first == "u" || first == "O" || first == "U") {
            base.unicodeScalars.append("\u{31B}")
            rest = rest.dropFirst(4)
        }
        while !rest.isEmpty {
            guard let accent = accents.first(where: { rest.hasPrefix($0.key) }) else { return "" }
            base.unicodeScalars.append(accent.value)
            rest = rest.dropFirst(accent.key.count)
        }
        return base.precomposedStringWithCanonicalMapping
    }
}
