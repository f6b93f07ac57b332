/// Error-correction level: the share of codewords a reader can restore when the symbol is
/// damaged — about 7 % (low), 15 % (medium), 25 % (quartile) and 30 % (high).
public enum QRErrorCorrection: Sendable, CaseIterable {
    case low, medium, quartile, high
}

/// Why a text cannot be encoded as a QR code.
public enum QRCodeError: Error, Equatable, Sendable {
    /// The UTF-8 bytes of the text exceed the capacity of version 40 at the chosen level.
    case tooLong
}

/// A QR code symbol (ISO/IEC 18004, Model 2) holding a text in byte mode (UTF-8),
/// at the smallest version 1–40 that fits; the mask is the one with the lowest penalty.
///
/// Text beyond ASCII is preceded by the ECI designator 26 (UTF-8): readers otherwise guess the
/// charset of byte-mode data, and read UTF-8 that happens to be valid Latin-1 (e.g. "Trung tâm")
/// as Latin-1. ASCII text, such as a URL, is plain byte mode, readable by every reader.
public struct QRCode: Sendable {
    /// Symbol version, 1–40.
    public let version: Int
    /// Modules per side: 17 + 4 × version.
    public let size: Int
    /// The level the symbol was encoded at, written in the format information.
    let errorCorrection: QRErrorCorrection
    /// The data mask pattern, 0–7, written in the format information.
    let mask: Int
    private let modules: [Bool]

    /// Encodes `text` as UTF-8 bytes; throws `.tooLong` when even version 40 cannot hold them.
    public init(_ text: String, errorCorrection: QRErrorCorrection = .medium) throws(QRCodeError) {
        let (version, codewords) = try Self.codewords(text, errorCorrection: errorCorrection)
        var matrix = ModuleMatrix(version: version)
        matrix.placeCodewords(codewords)
        let (mask, masked) = matrix.bestMasked(errorCorrection: errorCorrection)
        self.init(masked, errorCorrection: errorCorrection, mask: mask)
    }

    /// The symbol of a finished matrix: masked with `mask`, format information written.
    init(_ matrix: ModuleMatrix, errorCorrection: QRErrorCorrection, mask: Int) {
        self.version = matrix.version
        self.size = matrix.size
        self.errorCorrection = errorCorrection
        self.mask = mask
        self.modules = matrix.modules
    }

    /// Whether the module at column `x`, row `y` is dark; coordinates outside the symbol are light.
    public func isDark(x: Int, y: Int) -> Bool {
        guard (0..<size).contains(x), (0..<size).contains(y) else { return false }
        return modules[y * size + x]
    }

    /// The smallest version that holds `text`, and its codewords — data and EC, interleaved — in
    /// the order they are placed.
    static func codewords(_ text: String, errorCorrection: QRErrorCorrection) throws(QRCodeError)
        -> (version: Int, codewords: [UInt8]) {
        let bytes = Array(text.utf8)
        let declaresUTF8 = !bytes.allSatisfy { $0 < 0x80 }
        guard let version = (1...40).first(where: {
            byteCapacity(version: $0, errorCorrection: errorCorrection, declaresUTF8: declaresUTF8) >= bytes.count
        }) else { throw .tooLong }

        let layout = BlockLayout(version: version, errorCorrection: errorCorrection)
        let data = dataCodewords(bytes, declaresUTF8: declaresUTF8, version: version, count: layout.dataCodewordCount)
        return (version, layout.codewordSequence(data))
    }

    /// The most bytes a symbol of `version` holds in byte mode at `errorCorrection`, after the
    /// UTF-8 ECI designator if `declaresUTF8`.
    static func byteCapacity(version: Int, errorCorrection: QRErrorCorrection, declaresUTF8: Bool = false) -> Int {
        let dataBits = BlockLayout(version: version, errorCorrection: errorCorrection).dataCodewordCount * 8
        let headerBits = (declaresUTF8 ? 12 : 0) + 4 + characterCountBits(version: version)
        return (dataBits - headerBits) / 8
    }

    /// Length of the byte-mode character count indicator.
    static func characterCountBits(version: Int) -> Int {
        version <= 9 ? 8 : 16
    }

    /// The data codewords: if `declaresUTF8`, the ECI mode indicator 0111 and designator 26;
    /// the byte mode indicator 0100, the character count and the bytes; a terminator of up to
    /// four zero bits, zero bits to a byte boundary, then the pad codewords 0xEC, 0x11 alternately.
    static func dataCodewords(_ bytes: [UInt8], declaresUTF8: Bool = false, version: Int, count: Int) -> [UInt8] {
        var bits = BitBuffer()
        if declaresUTF8 {
            bits.append(0b0111, count: 4)
            bits.append(26, count: 8)
        }
        bits.append(0b0100, count: 4)
        bits.append(bytes.count, count: characterCountBits(version: version))
        for byte in bytes {
            bits.append(Int(byte), count: 8)
        }
        let capacity = count * 8
        bits.append(0, count: min(4, capacity - bits.count))
        bits.append(0, count: (8 - bits.count % 8) % 8)

        var codewords = bits.bytes
        for index in 0..<(count - codewords.count) {
            codewords.append(index.isMultiple(of: 2) ? 0xEC : 0x11)
        }
        return codewords
    }
}

/// A growing sequence of bits, most significant bit first.
struct BitBuffer {
    private(set) var bytes: [UInt8] = []
    private(set) var count = 0

    /// Appends the low `count` bits of `value`.
    mutating func append(_ value: Int, count bitCount: Int) {
        for shift in stride(from: bitCount - 1, through: 0, by: -1) {
            if count % 8 == 0 { bytes.append(0) }
            if (value >> shift) & 1 == 1 {
                bytes[count / 8] |= 0x80 >> UInt8(count % 8)
            }
            count += 1
        }
    }
}
