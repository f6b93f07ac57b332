import Foundation

/// Folding Vietnamese text for search (bỏ dấu, không phân biệt hoa thường): "KẾ HOẠCH Chuyển đổi số" → "ke hoach chuyen doi so".
///
/// `fold(_:)` gives the same result as the main project's `Core.VietnameseText.fold` (lower-case, strip diacritics,
/// đ → d, letters, digits and "." kept, every other run of characters becomes one space), but is table-driven so that
/// indexing a million documents stays fast. `words(_:)` gives the search tokens: the folded words, with "." also
/// separating words (so "Tuyên Quang." and "1.5" give "quang" and "1", "5"), each cut to `maximumWordLength` scalars.
public enum SearchText {
    /// Longest token kept, in Unicode scalars; longer words are cut (both when indexing and when querying).
    public static let maximumWordLength = 40

    /// Lower-cases, removes diacritics (including đ → d) and collapses white space and punctuation to one space.
    public static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        scan(text, dotIsLetter: true) { mapped in
            switch mapped {
            case .separator:
                pendingSpace = true
            case .scalar(let s):
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(s)
            case .scalars(let list):
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(contentsOf: list)
            }
        }
        return String(out)
    }

    /// The search tokens of a text: folded words, "." separating words too.
    public static func words(_ text: String) -> [String] {
        var result: [String] = []
        forEachWord(text) { result.append($0) }
        return result
    }

    /// Calls `body` with each search token of `text`, in order (duplicates included).
    ///
    /// The hot path of indexing: one pass over the UTF-8 bytes, the scalar table, a fixed word buffer.
    static func forEachWord(_ text: String, _ body: (String) -> Void) {
        var text = text
        let capacity = maximumWordLength * 4 + 4
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        text.withUTF8 { utf8 in
            table.withUnsafeBufferPointer { table in
                var count = 0, scalars = 0
                var index = 0
                let end = utf8.count
                while index < end {
                    // Decode one scalar (a String's UTF-8 is always valid).
                    let lead = utf8[index]
                    var value: UInt32
                    if lead < 0x80 {
                        value = UInt32(lead)
                        index += 1
                    } else if lead < 0xE0 {
                        value = UInt32(lead & 0x1F) << 6 | UInt32(utf8[index + 1] & 0x3F)
                        index += 2
                    } else if lead < 0xF0 {
                        value = UInt32(lead & 0x0F) << 12 | UInt32(utf8[index + 1] & 0x3F) << 6 | UInt32(utf8[index + 2] & 0x3F)
                        index += 3
                    } else {
                        value = UInt32(lead & 0x07) << 18 | UInt32(utf8[index + 1] & 0x3F) << 12
                            | UInt32(utf8[index + 2] & 0x3F) << 6 | UInt32(utf8[index + 3] & 0x3F)
                        index += 4
                    }
                    var entry = slowMark
                    if value == 0x2E {
                        entry = separatorMark
                    } else if value < latinEnd {
                        entry = table[Int(value)]
                    } else if value >= extendedStart && value < extendedEnd {
                        entry = table[Int(latinEnd + value - extendedStart)]
                    } else if value >= 0x300 && value < 0x370 {
                        entry = skipMark
                    }
                    switch entry {
                    case skipMark:
                        continue
                    case separatorMark:
                        if count > 0 { body(String(decoding: UnsafeBufferPointer(start: buffer, count: count), as: UTF8.self)) }
                        count = 0
                        scalars = 0
                    case slowMark:
                        guard let scalar = Unicode.Scalar(value) else { continue }
                        switch slowMap(scalar) {
                        case .separator:
                            if count > 0 { body(String(decoding: UnsafeBufferPointer(start: buffer, count: count), as: UTF8.self)) }
                            count = 0
                            scalars = 0
                        case .scalar(let mapped):
                            put(mapped.value, buffer, &count, &scalars)
                        case .scalars(let list):
                            for mapped in list {
                                if mapped == "." {
                                    if count > 0 { body(String(decoding: UnsafeBufferPointer(start: buffer, count: count), as: UTF8.self)) }
                                    count = 0
                                    scalars = 0
                                } else {
                                    put(mapped.value, buffer, &count, &scalars)
                                }
                            }
                        }
                    default:
                        put(entry, buffer, &count, &scalars)
                    }
                }
                if count > 0 { body(String(decoding: UnsafeBufferPointer(start: buffer, count: count), as: UTF8.self)) }
            }
        }
    }

    /// Appends a scalar's UTF-8 to the word buffer, unless the word is already `maximumWordLength` long.
    @inline(__always)
    private static func put(_ value: UInt32, _ buffer: UnsafeMutablePointer<UInt8>, _ count: inout Int, _ scalars: inout Int) {
        guard scalars < maximumWordLength else { return }
        scalars += 1
        if value < 0x80 {
            buffer[count] = UInt8(value)
            count += 1
        } else if value < 0x800 {
            buffer[count] = UInt8(0xC0 | value >> 6)
            buffer[count + 1] = UInt8(0x80 | value & 0x3F)
            count += 2
        } else if value < 0x10000 {
            buffer[count] = UInt8(0xE0 | value >> 12)
            buffer[count + 1] = UInt8(0x80 | (value >> 6) & 0x3F)
            buffer[count + 2] = UInt8(0x80 | value & 0x3F)
            count += 3
        } else {
            buffer[count] = UInt8(0xF0 | value >> 18)
            buffer[count + 1] = UInt8(0x80 | (value >> 12) & 0x3F)
            buffer[count + 2] = UInt8(0x80 | (value >> 6) & 0x3F)
            buffer[count + 3] = UInt8(0x80 | value & 0x3F)
            count += 4
        }
    }

    // MARK: - Scalar mapping

    enum Mapped {
        case separator
        case scalar(Unicode.Scalar)
        case scalars([Unicode.Scalar])
    }

    /// Table entries: the folded scalar, or one of these markers.
    private static let separatorMark: UInt32 = 0xFFFF_FFFF
    private static let skipMark: UInt32 = 0xFFFF_FFFE
    private static let slowMark: UInt32 = 0xFFFF_FFFD
    private static let latinEnd: UInt32 = 0x250
    private static let extendedStart: UInt32 = 0x1E00
    private static let extendedEnd: UInt32 = 0x1F00

    /// Precomputed mappings of U+0000–U+024F (ASCII and the Latin blocks) and U+1E00–U+1EFF (Latin Extended
    /// Additional, where the precomposed Vietnamese letters live).
    private static let table: [UInt32] = {
        var table = [UInt32](repeating: 0, count: Int(latinEnd) + Int(extendedEnd - extendedStart))
        func entry(_ value: UInt32) -> UInt32 {
            guard let s = Unicode.Scalar(value) else { return separatorMark }
            switch slowMap(s) {
            case .separator: return separatorMark
            case .scalar(let r): return r.value
            case .scalars(let list): return list.isEmpty ? skipMark : slowMark
            }
        }
        for v in 0..<latinEnd { table[Int(v)] = entry(v) }
        for v in extendedStart..<extendedEnd { table[Int(latinEnd + v - extendedStart)] = entry(v) }
        return table
    }()

    /// The reference mapping of one scalar, as `VietnameseText.fold` does it: decompose, drop nonspacing marks,
    /// đ → d, keep alphanumerics and ".", lower-case. An empty `.scalars` means "skip" (a lone combining mark).
    static func slowMap(_ scalar: Unicode.Scalar) -> Mapped {
        var out: [Unicode.Scalar] = []
        var sawSeparator = false
        for d in String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars {
            if d.properties.generalCategory == .nonspacingMark { continue }
            var s = d
            if s == "đ" || s == "Đ" { s = "d" }
            if CharacterSet.alphanumerics.contains(s) || s == "." {
                out.append(contentsOf: String(s).lowercased().unicodeScalars)
            } else {
                sawSeparator = true
            }
        }
        if out.isEmpty { return sawSeparator ? .separator : .scalars([]) }
        return out.count == 1 ? .scalar(out[0]) : .scalars(out)
    }

    /// Maps each scalar of `text` and reports it; `dotIsLetter` false turns "." into a separator.
    @inline(__always)
    static func scan(_ text: String, dotIsLetter: Bool, _ body: (Mapped) -> Void) {
        table.withUnsafeBufferPointer { table in
            for scalar in text.unicodeScalars {
                let v = scalar.value
                if v == 0x2E && !dotIsLetter { body(.separator); continue }
                var entry = slowMark
                if v < latinEnd {
                    entry = table[Int(v)]
                } else if v >= extendedStart && v < extendedEnd {
                    entry = table[Int(latinEnd + v - extendedStart)]
                } else if v >= 0x300 && v < 0x370 {
                    entry = skipMark // combining diacritical marks (already decomposed input)
                }
                switch entry {
                case separatorMark: body(.separator)
                case skipMark: continue
                case slowMark:
                    let mapped = slowMap(scalar)
                    if case .scalars(let list) = mapped, list.isEmpty { continue }
                    if !dotIsLetter, case .scalars(let list) = mapped, list.contains(".") {
                        for s in list { body(s == "." ? .separator : .scalar(s)) }
                        continue
                    }
                    body(mapped)
                default: body(.scalar(Unicode.Scalar(entry)!))
                }
            }
        }
    }

    /// FNV-1a 64-bit hash of the tokens joined by one space: the key of an exact symbol match. Never 0 for a
    /// non-empty token list.
    static func symbolKey(_ tokens: [String]) -> UInt64 {
        guard !tokens.isEmpty else { return 0 }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for (index, token) in tokens.enumerated() {
            if index > 0 { hash = (hash ^ 0x20) &* 0x0000_0100_0000_01B3 }
            for byte in token.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        }
        return hash == 0 ? 1 : hash
    }
}
