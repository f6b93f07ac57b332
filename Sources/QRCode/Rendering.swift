extension QRCode {
    /// An SVG document: a white square and one black `<path>` (a rectangle per horizontal run of
    /// dark modules), `shape-rendering="crispEdges"`, with a quiet zone of `border` modules and
    /// `moduleSize` pixels per module. The path is in module units (the `viewBox`), so the image
    /// scales cleanly; it has no XML declaration and can be inlined in HTML.
    public func svg(moduleSize: Int = 4, border: Int = 4) -> String {
        let quiet = max(0, border)
        let side = size + 2 * quiet
        let pixels = side * max(1, moduleSize)
        var path = ""
        for y in 0..<size {
            var x = 0
            while x < size {
                guard isDark(x: x, y: y) else {
                    x += 1
                    continue
                }
                let start = x
                while isDark(x: x, y: y) { x += 1 }
                path += "M\(start + quiet),\(y + quiet)h\(x - start)v1h-\(x - start)z"
            }
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 \(side) \(side)" \
            width="\(pixels)" height="\(pixels)" shape-rendering="crispEdges">\
            <rect width="\(side)" height="\(side)" fill="#ffffff"/>\
            <path d="\(path)" fill="#000000"/></svg>
            """
    }

    /// A 1-bit grayscale PNG image with a quiet zone of `border` modules and `moduleSize` pixels
    /// per module. The pixels are stored uncompressed (deflate stored blocks) inside a zlib stream
    /// with its Adler-32; every chunk carries its CRC-32.
    public func png(moduleSize: Int = 4, border: Int = 4) -> [UInt8] {
        let scale = max(1, moduleSize)
        let quiet = max(0, border)
        let side = (size + 2 * quiet) * scale
        let rowLength = (side + 7) / 8

        var scanlines: [UInt8] = []
        scanlines.reserveCapacity((rowLength + 1) * side)
        for py in 0..<side {
            // Filter type 0 (none); a set bit is white.
            var row = [UInt8](repeating: 0xFF, count: rowLength)
            for px in 0..<side where isDark(x: px / scale - quiet, y: py / scale - quiet) {
                row[px / 8] &= ~(0x80 >> UInt8(px % 8))
            }
            scanlines.append(0)
            scanlines += row
        }

        var header: [UInt8] = []
        header += bigEndian(UInt32(side))
        header += bigEndian(UInt32(side))
        header += [1, 0, 0, 0, 0]  // bit depth 1, grayscale, deflate, adaptive filtering, no interlace

        var image: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        image += chunk("IHDR", header)
        image += chunk("IDAT", zlibStored(scanlines))
        image += chunk("IEND", [])
        return image
    }
}

/// A PNG chunk: length, type, data and the CRC-32 of type and data.
private func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
    let typeAndData = Array(type.utf8) + data
    return bigEndian(UInt32(data.count)) + typeAndData + bigEndian(crc32(typeAndData))
}

/// A zlib stream (RFC 1950) of deflate stored blocks (RFC 1951 §3.2.4), at most 65 535 bytes each.
private func zlibStored(_ data: [UInt8]) -> [UInt8] {
    var stream: [UInt8] = [0x78, 0x01]  // deflate, 32 KiB window, no dictionary; header check passes
    var start = 0
    repeat {
        let end = min(start + 0xFFFF, data.count)
        let length = UInt16(end - start)
        stream.append(end == data.count ? 1 : 0)  // BFINAL, BTYPE 00
        stream += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)]
        stream += data[start..<end]
        start = end
    } while start < data.count
    return stream + bigEndian(adler32(data))
}

private func bigEndian(_ value: UInt32) -> [UInt8] {
    [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
}

private let crcTable: [UInt32] = (0..<256).map { entry in
    var value = UInt32(entry)
    for _ in 0..<8 {
        value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1
    }
    return value
}

/// CRC-32 (ISO 3309, reflected polynomial 0xEDB88320) as PNG chunks use it.
func crc32(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
        crc = crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
    }
    return ~crc
}

/// Adler-32 (RFC 1950), the checksum closing a zlib stream.
func adler32(_ bytes: [UInt8]) -> UInt32 {
    var a: UInt32 = 1, b: UInt32 = 0
    for byte in bytes {
        a = (a + UInt32(byte)) % 65521
        b = (b + a) % 65521
    }
    return b << 16 | a
}
