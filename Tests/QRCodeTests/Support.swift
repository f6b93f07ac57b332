import Foundation
import Testing
@testable import QRCode

/// A public tracking URL as printed on a receipt slip.
let trackingURL = "http://127.0.0.1:8080/tra-cuu/000.90.22.H60-260302-0001"

/// Debian's `zbarimg` (package zbar-tools): /usr/bin first, then the PATH.
let zbarimg: String? = {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    let candidates = ["/usr/bin/zbarimg"] + path.split(separator: ":").map { "\($0)/zbarimg" }
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
}()

/// What `zbarimg --raw -q` reads from the PNG `image`, without its closing newline.
/// Nil when zbarimg is not installed: the caller skips its check, except with CI=true, where
/// the missing scanner is recorded as a failure.
func scan(_ image: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws -> String? {
    guard let zbarimg else {
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            Issue.record("zbarimg is missing; CI must install zbar-tools", sourceLocation: sourceLocation)
        }
        return nil
    }
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("qrcode-\(UUID().uuidString).png")
    try Data(image).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }

    let process = Process()
    process.executableURL = URL(fileURLWithPath: zbarimg)
    process.arguments = ["--raw", "-q", file.path]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()

    var text = String(decoding: data, as: UTF8.self)
    if text.hasSuffix("\n") { text.removeLast() }
    return text
}

/// The pixels of a PNG written by `QRCode.png` (1-bit grayscale, stored deflate blocks), true for
/// black, after checking the signature, every chunk's CRC-32 and the zlib stream's Adler-32.
func decodePNG(_ image: [UInt8]) -> (width: Int, height: Int, black: [[Bool]])? {
    guard image.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { return nil }
    func uint32(_ offset: Int) -> Int {
        image[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
    }
    var offset = 8
    var header: [UInt8] = []
    var zlib: [UInt8] = []
    var ended = false
    while offset + 12 <= image.count, !ended {
        let length = uint32(offset)
        let type = String(decoding: image[(offset + 4)..<(offset + 8)], as: UTF8.self)
        let typeAndData = Array(image[(offset + 4)..<(offset + 8 + length)])
        guard crc32(typeAndData) == UInt32(uint32(offset + 8 + length)) else { return nil }
        let data = Array(typeAndData.dropFirst(4))
        switch type {
        case "IHDR": header = data
        case "IDAT": zlib += data
        case "IEND": ended = true
        default: break
        }
        offset += 12 + length
    }
    guard ended, offset == image.count, header.count == 13, header[8...] == [1, 0, 0, 0, 0],
          zlib.count >= 6, (Int(zlib[0]) << 8 | Int(zlib[1])) % 31 == 0, zlib[0] & 0x0F == 8
    else { return nil }

    var inflated: [UInt8] = []
    var position = 2
    var final = false
    while !final {
        guard position + 5 <= zlib.count, zlib[position] & 0b110 == 0 else { return nil }
        final = zlib[position] & 1 == 1
        let length = Int(zlib[position + 1]) | Int(zlib[position + 2]) << 8
        let complement = Int(zlib[position + 3]) | Int(zlib[position + 4]) << 8
        guard length ^ complement == 0xFFFF, position + 5 + length <= zlib.count else { return nil }
        inflated += zlib[(position + 5)..<(position + 5 + length)]
        position += 5 + length
    }
    let adler = zlib[position...].reduce(0) { $0 << 8 | Int($1) }
    guard zlib.count - position == 4, UInt32(adler) == adler32(inflated) else { return nil }

    let width = header[0..<4].reduce(0) { $0 << 8 | Int($1) }
    let height = header[4..<8].reduce(0) { $0 << 8 | Int($1) }
    let rowLength = (width + 7) / 8
    guard inflated.count == height * (rowLength + 1) else { return nil }
    var black: [[Bool]] = []
    for y in 0..<height {
        let start = y * (rowLength + 1)
        guard inflated[start] == 0 else { return nil }  // filter type: none
        black.append((0..<width).map { x in inflated[start + 1 + x / 8] & (0x80 >> UInt8(x % 8)) == 0 })
    }
    return (width, height, black)
}
