import Testing
@testable import QRCode

@Suite("Symbol structure: function patterns, format and version information, masking")
struct StructureTests {
    /// Texts that give symbols without version information (versions 1–6)…
    static let small = [
        Sample("01234567", .medium),
        Sample(trackingURL, .low),
        Sample(trackingURL, .high),
        Sample("Giấy tiếp nhận hồ sơ và hẹn trả kết quả", .quartile),
    ]
    /// … and with it (7–40).
    static let large = [
        Sample(String(repeating: "Dịch vụ công trực tuyến. ", count: 12), .medium),
        Sample(String(repeating: "x", count: 2331), .medium),
    ]
    static let samples = small + large

    @Test(arguments: samples)
    func finder_patterns_with_light_separators_sit_in_three_corners(_ sample: Sample) throws {
        // setup
        let code = try sample.code()
        // check
        for (left, top) in [(0, 0), (code.size - 7, 0), (0, code.size - 7)] {
            for dy in -1...7 {
                for dx in -1...7 {
                    let ring = max(abs(dx - 3), abs(dy - 3))
                    #expect(code.isDark(x: left + dx, y: top + dy) == (ring <= 3 && ring != 2),
                            "module (\(left + dx), \(top + dy))")
                }
            }
        }
    }

    @Test(arguments: samples)
    func timing_patterns_alternate_between_the_finders(_ sample: Sample) throws {
        // setup
        let code = try sample.code()
        // check
        for index in 8..<(code.size - 8) {
            #expect(code.isDark(x: index, y: 6) == index.isMultiple(of: 2))
            #expect(code.isDark(x: 6, y: index) == index.isMultiple(of: 2))
        }
    }

    @Test(arguments: samples)
    func the_dark_module_is_at_8_and_4v_plus_9(_ sample: Sample) throws {
        let code = try sample.code()
        #expect(code.isDark(x: 8, y: 4 * code.version + 9))
    }

    @Test(arguments: samples)
    func both_format_copies_decode_to_the_level_and_the_chosen_mask(_ sample: Sample) throws {
        // setup
        let code = try sample.code()
        let size = code.size
        // act
        let firstCopy = readBits(code, (0...5).map { (8, $0) } + [(8, 7), (8, 8), (7, 8)] + (9..<15).map { (14 - $0, 8) })
        let secondCopy = readBits(code, (0..<8).map { (size - 1 - $0, 8) } + (8..<15).map { (8, size - 15 + $0) })
        let format = firstCopy ^ 0x5412
        // check
        #expect(firstCopy == secondCopy)
        #expect(remainder(format, dividedBy: 0x537) == 0)
        let levelBits: [QRErrorCorrection: Int] = [.low: 0b01, .medium: 0b00, .quartile: 0b11, .high: 0b10]
        #expect(format >> 13 == levelBits[sample.level])
        #expect(format >> 10 & 0b111 == code.mask)
    }

    @Test func format_bits_match_published_values() {
        #expect(ModuleMatrix.formatBits(errorCorrection: .medium, mask: 0) == 0b101010000010010)
        #expect(ModuleMatrix.formatBits(errorCorrection: .low, mask: 4) == 0b110011000101111)
    }

    @Test func version_bits_match_published_values() {
        #expect(ModuleMatrix.versionBits(7) == 0x07C94)
        #expect(ModuleMatrix.versionBits(40) == 0x28C69)
    }

    @Test(arguments: large)
    func both_version_blocks_decode_to_the_version_from_7_on(_ sample: Sample) throws {
        // setup
        let code = try sample.code()
        let size = code.size
        // act
        let bottomLeft = readBits(code, (0..<18).map { ($0 / 3, size - 11 + $0 % 3) })
        let topRight = readBits(code, (0..<18).map { (size - 11 + $0 % 3, $0 / 3) })
        // check
        #expect(code.version >= 7)
        #expect(bottomLeft == topRight)
        #expect(bottomLeft >> 12 == code.version)
        #expect(remainder(bottomLeft, dividedBy: 0x1F25) == 0)
    }

    @Test func the_small_samples_stay_below_version_7_and_the_large_reach_version_10_and_over() throws {
        #expect(try Self.small.allSatisfy { try $0.code().version < 7 })
        #expect(try Self.large.allSatisfy { try $0.code().version >= 10 })
    }

    @Test(arguments: samples)
    func the_chosen_mask_has_the_lowest_penalty_of_the_eight(_ sample: Sample) throws {
        // setup
        let code = try sample.code()
        let (version, codewords) = try QRCode.codewords(sample.text, errorCorrection: sample.level)
        var unmasked = ModuleMatrix(version: version)
        unmasked.placeCodewords(codewords)
        // act
        let penalties = (0..<8).map { unmasked.masked($0, errorCorrection: sample.level).penalty() }
        // check
        #expect(penalties[code.mask] == penalties.min())
        let chosen = unmasked.masked(code.mask, errorCorrection: sample.level)
        for y in 0..<code.size {
            for x in 0..<code.size where chosen[x, y] != code.isDark(x: x, y: y) {
                Issue.record("module (\(x), \(y)) differs from the mask \(code.mask) matrix")
            }
        }
    }

    @Test func masks_never_touch_function_patterns() {
        // setup
        let matrix = ModuleMatrix(version: 7)
        // act
        let masked = (0..<8).map { matrix.masked($0, errorCorrection: .medium) }
        // check
        for y in 0..<matrix.size {
            for x in 0..<matrix.size where matrix.isReserved(x: x, y: y) && !isFormatModule(x, y, size: matrix.size) {
                #expect(masked.allSatisfy { $0[x, y] == matrix[x, y] }, "module (\(x), \(y))")
            }
        }
    }

    @Test func modules_outside_the_symbol_are_light() throws {
        let code = try QRCode(trackingURL)
        #expect(!code.isDark(x: -1, y: 0))
        #expect(!code.isDark(x: 0, y: code.size))
        #expect(code.isDark(x: 0, y: 0))
    }
}

/// A text and level to encode, named in test output by its length and opening.
struct Sample: Sendable, CustomTestStringConvertible {
    let text: String
    let level: QRErrorCorrection

    init(_ text: String, _ level: QRErrorCorrection) {
        self.text = text
        self.level = level
    }

    func code() throws -> QRCode { try QRCode(text, errorCorrection: level) }

    var testDescription: String { "\(level), \(text.utf8.count) bytes: \(text.prefix(20))…" }
}

/// The bits at `positions`, the first one least significant.
private func readBits(_ code: QRCode, _ positions: [(Int, Int)]) -> Int {
    positions.enumerated().reduce(0) { bits, entry in
        bits | (code.isDark(x: entry.element.0, y: entry.element.1) ? 1 << entry.offset : 0)
    }
}

/// `value` modulo `divisor`, as polynomials over GF(2).
private func remainder(_ value: Int, dividedBy divisor: Int) -> Int {
    var value = value
    let degree = Int.bitWidth - divisor.leadingZeroBitCount
    while Int.bitWidth - value.leadingZeroBitCount >= degree {
        value ^= divisor << (Int.bitWidth - value.leadingZeroBitCount - degree)
    }
    return value
}

/// The 31 modules of format information and the dark module, which masking rewrites.
private func isFormatModule(_ x: Int, _ y: Int, size: Int) -> Bool {
    (x == 8 && (y <= 8 || y >= size - 8)) || (y == 8 && (x <= 8 || x >= size - 8))
}
