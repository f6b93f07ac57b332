import Foundation

/// A minimal, bounds-checked reader of ZIP archives held in memory (the parts a DOCX needs): the central directory,
/// stored and deflated entries (inflated by `Inflate`, i.e. ZIPFoundation's `Data.decompress`).
///
/// ZIPFoundation's own in-memory `Archive(data:accessMode:)` traps when an offset in a damaged archive points past
/// the end of the data, and its `extract` loops for ever on a truncated deflate stream; this reader does neither.
struct ZIPReader {
    struct Entry {
        var method: Int
        var compressedSize: Int
        var uncompressedSize: Int
        var localHeaderOffset: Int
    }

    let bytes: [UInt8]
    private(set) var entries: [String: Entry] = [:]

    /// Reads the central directory; nil when there is none.
    init?(_ data: Data) {
        bytes = [UInt8](data)
        guard bytes.count >= 22, let end = Self.endOfCentralDirectory(bytes) else { return nil }
        var count = Int(u16(end + 10))
        var offset = Int(u32(end + 16))
        // ZIP64: the locator just before the end record points to the ZIP64 end record.
        if count == 0xFFFF || offset == 0xFFFF_FFFF, end >= 20, u32(end - 20) == 0x0706_4B50 {
            let record = u64(end - 12)
            if record < UInt64(bytes.count), u32(Int(record)) == 0x0606_4B50, Int(record) + 56 <= bytes.count {
                count = Int(clamping: u64(Int(record) + 32))
                offset = Int(clamping: u64(Int(record) + 48))
            }
        }
        var position = offset
        var read = 0
        while read < count, position + 46 <= bytes.count, u32(position) == 0x0201_4B50 {
            let method = Int(u16(position + 10))
            var compressed = Int(u32(position + 20))
            var uncompressed = Int(u32(position + 24))
            let nameLength = Int(u16(position + 28))
            let extraLength = Int(u16(position + 30))
            let commentLength = Int(u16(position + 32))
            var local = Int(u32(position + 42))
            let nameStart = position + 46
            guard nameStart + nameLength + extraLength <= bytes.count else { break }
            // ZIP64 extra field: the 0xFFFFFFFF values, in order.
            var extra = nameStart + nameLength
            let extraEnd = extra + extraLength
            while extra + 4 <= extraEnd {
                let id = u16(extra), size = Int(u16(extra + 2))
                if id == 0x0001 {
                    var field = extra + 4
                    let fieldEnd = min(extraEnd, field + size)
                    if uncompressed == 0xFFFF_FFFF, field + 8 <= fieldEnd { uncompressed = Int(clamping: u64(field)); field += 8 }
                    if compressed == 0xFFFF_FFFF, field + 8 <= fieldEnd { compressed = Int(clamping: u64(field)); field += 8 }
                    if local == 0xFFFF_FFFF, field + 8 <= fieldEnd { local = Int(clamping: u64(field)); field += 8 }
                }
                extra += 4 + size
            }
            let name = String(decoding: bytes[nameStart..<nameStart + nameLength], as: UTF8.self)
            if entries[name] == nil {
                entries[name] = Entry(method: method, compressedSize: compressed, uncompressedSize: uncompressed,
                                      localHeaderOffset: local)
            }
            position = nameStart + nameLength + extraLength + commentLength
            read += 1
        }
        if entries.isEmpty { return nil }
    }

    /// An entry's content; nil when it is missing, damaged or compressed by a method other than deflate.
    func contents(of path: String, limit: Int = 128 << 20) -> Data? {
        guard let entry = entries[path] else { return nil }
        let header = entry.localHeaderOffset
        guard header >= 0, header <= bytes.count - 30, u32(header) == 0x0403_4B50 else { return nil }
        let start = header + 30 + Int(u16(header + 26)) + Int(u16(header + 28))
        guard start <= bytes.count, entry.compressedSize >= 0 else { return nil }
        let end = start + min(entry.compressedSize, bytes.count - start)
        let content = Data(bytes[start..<end])
        switch entry.method {
        case 0: return content
        case 8: return Inflate.raw(content, limit: limit)
        default: return nil
        }
    }

    /// The offset of the end-of-central-directory record, searched backwards over the comment.
    static func endOfCentralDirectory(_ bytes: [UInt8]) -> Int? {
        var position = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        while position >= lowest {
            if bytes[position] == 0x50, bytes[position + 1] == 0x4B, bytes[position + 2] == 0x05, bytes[position + 3] == 0x06 {
                return position
            }
            position -= 1
        }
        return nil
    }

    func u16(_ at: Int) -> UInt16 {
        guard at >= 0, at + 2 <= bytes.count else { return 0 }
        return UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
    }

    func u32(_ at: Int) -> UInt32 {
        guard at >= 0, at + 4 <= bytes.count else { return 0 }
        return UInt32(u16(at)) | UInt32(u16(at + 2)) << 16
    }

    func u64(_ at: Int) -> UInt64 {
        guard at >= 0, at + 8 <= bytes.count else { return 0 }
        return UInt64(u32(at)) | UInt64(u32(at + 4)) << 32
    }
}
