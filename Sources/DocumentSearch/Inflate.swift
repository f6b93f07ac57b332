import Foundation
import ZIPFoundation

/// Inflating deflate data (RFC 1951) and zlib streams (RFC 1950) with ZIPFoundation's public `Data.decompress`.
enum Inflate {
    enum Failure: Error { case endOfInput, tooLarge }

    /// Inflates a raw deflate stream. Stops at `limit` bytes of output. On corrupt or truncated input, returns what was
    /// inflated before the fault, or nil if nothing was.
    static func raw(_ input: Data, limit: Int = 64 << 20) -> Data? {
        let input = input.startIndex == 0 ? input : Data(input)
        guard !input.isEmpty else { return nil }
        var output = Data()
        // ZIPFoundation's zlib path tells zlib that every chunk is `bufferSize` long, whatever the provider returns,
        // and loops for ever on a truncated stream once the provider returns nothing. So the whole input is one
        // chunk (zero-padded up to 4 KiB: the padding is no valid continuation, zlib soon reports an error), and
        // the provider throws once the input is used up.
        let chunkSize = max(input.count, 4096)
        do {
            _ = try Data.decompress(size: Int64(input.count), bufferSize: chunkSize, skipCRC32: true,
                                    provider: { position, _ in
                guard position == 0 else { throw Failure.endOfInput }
                #if os(Linux) || os(Android) || os(Windows)
                var chunk = input
                if chunk.count < chunkSize { chunk.append(Data(count: chunkSize - chunk.count)) }
                return chunk
                #else
                return input // Apple's Compression path takes the chunk's own size
                #endif
            }, consumer: { data in
                output.append(data)
                if output.count > limit { throw Failure.tooLarge }
            })
        } catch {
            if output.count > limit { output = output.prefix(limit) }
        }
        return output.isEmpty ? nil : output
    }

    /// Inflates a zlib stream (the PDF FlateDecode filter): skips the two-byte header when there is one, ignores the
    /// Adler-32 trailer. Falls back to raw deflate when the header is missing.
    static func zlib(_ input: Data, limit: Int = 64 << 20) -> Data? {
        let bytes = [UInt8](input.prefix(2))
        if bytes.count == 2, bytes[0] & 0x0F == 8, bytes[0] >> 4 <= 7, (UInt16(bytes[0]) << 8 | UInt16(bytes[1])) % 31 == 0 {
            return raw(input.dropFirst(2), limit: limit)
        }
        return raw(input, limit: limit)
    }
}
