import Testing
@testable import QRCode

@Suite("Byte-mode data, capacity and block structure")
struct EncodingTests {
    @Test func hello_in_1_m_is_mode_count_bytes_terminator_then_alternating_pad_codewords() {
        // act
        let codewords = QRCode.dataCodewords(Array("hello".utf8), version: 1, count: 16)
        // check: 0100 00000101 01101000 … 01101111 0000, then EC 11 EC …
        #expect(codewords == [0x40, 0x56, 0x86, 0x56, 0xC6, 0xC6, 0xF0,
                              0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC])
    }

    @Test func from_version_10_the_character_count_takes_16_bits() {
        // act
        let v9 = QRCode.dataCodewords([0x41], version: 9, count: 4)
        let v10 = QRCode.dataCodewords([0x41], version: 10, count: 4)
        // check
        #expect(v9 == [0x40, 0x14, 0x10, 0xEC])
        #expect(v10 == [0x40, 0x00, 0x14, 0x10])
    }

    @Test func a_full_symbol_ends_with_the_terminator_and_no_pad_codewords() {
        // act: 4 + 8 + 14 × 8 = 124 of 128 bits leaves room for exactly the 4 terminator bits
        let full = QRCode.dataCodewords(Array(repeating: 0xFF, count: 14), version: 1, count: 16)
        // check
        #expect(full.count == 16)
        #expect(full.last == 0xF0)
    }

    @Test func text_beyond_ascii_opens_with_the_utf8_eci_designator() {
        // act
        let codewords = QRCode.dataCodewords(Array("ấ".utf8), declaresUTF8: true, version: 1, count: 16)
        // check: 0111 00011010, then 0100 00000011 E1 BA A5 0000 and padding
        #expect(codewords == [0x71, 0xA4, 0x03, 0xE1, 0xBA, 0xA5, 0x00,
                              0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC])
    }

    @Test func only_text_beyond_ascii_declares_utf8() throws {
        // act
        let ascii = try QRCode.codewords("hello", errorCorrection: .medium)
        let vietnamese = try QRCode.codewords("hồ sơ", errorCorrection: .medium)
        // check
        #expect(ascii.codewords.first == 0x40)
        #expect(vietnamese.codewords.first == 0x71)
    }

    @Test func the_terminator_is_dropped_when_the_data_fills_the_symbol_exactly() {
        // act: 12 + 4 + 8 + 13 × 8 = 128 bits, all of 1-M
        let full = QRCode.dataCodewords(Array(repeating: 0xC3, count: 13), declaresUTF8: true, version: 1, count: 16)
        // check
        #expect(full.count == 16)
        #expect(full.suffix(2) == [0xC3, 0xC3])
    }

    @Test func byte_capacities_match_the_standard_table() {
        #expect(QRCode.byteCapacity(version: 1, errorCorrection: .low) == 17)
        #expect(QRCode.byteCapacity(version: 1, errorCorrection: .medium) == 14)
        #expect(QRCode.byteCapacity(version: 1, errorCorrection: .quartile) == 11)
        #expect(QRCode.byteCapacity(version: 1, errorCorrection: .high) == 7)
        #expect(QRCode.byteCapacity(version: 7, errorCorrection: .medium) == 122)
        #expect(QRCode.byteCapacity(version: 10, errorCorrection: .medium) == 213)
        #expect(QRCode.byteCapacity(version: 40, errorCorrection: .low) == 2953)
        #expect(QRCode.byteCapacity(version: 40, errorCorrection: .medium) == 2331)
        #expect(QRCode.byteCapacity(version: 40, errorCorrection: .quartile) == 1663)
        #expect(QRCode.byteCapacity(version: 40, errorCorrection: .high) == 1273)
        #expect(QRCode.byteCapacity(version: 1, errorCorrection: .medium, declaresUTF8: true) == 13)
    }

    @Test func total_codewords_match_the_standard_table() {
        let expected = [1: 26, 2: 44, 6: 172, 7: 196, 14: 581, 21: 1156, 32: 2465, 40: 3706]
        for (version, total) in expected {
            #expect(BlockLayout(version: version, errorCorrection: .low).totalCodewordCount == total)
        }
    }

    @Test(arguments: 1...40)
    func the_data_module_count_is_what_the_function_patterns_leave(_ version: Int) {
        // setup
        let matrix = ModuleMatrix(version: version)
        // act
        var free = 0
        for y in 0..<matrix.size {
            for x in 0..<matrix.size where !matrix.isReserved(x: x, y: y) { free += 1 }
        }
        // check
        #expect(free == SymbolGeometry.dataModuleCount(version: version))
    }

    @Test func alignment_centres_match_the_standard_table_including_version_32() {
        #expect(SymbolGeometry.alignmentCentres(version: 1) == [])
        #expect(SymbolGeometry.alignmentCentres(version: 2) == [6, 18])
        #expect(SymbolGeometry.alignmentCentres(version: 7) == [6, 22, 38])
        #expect(SymbolGeometry.alignmentCentres(version: 14) == [6, 26, 46, 66])
        #expect(SymbolGeometry.alignmentCentres(version: 16) == [6, 26, 50, 74])
        #expect(SymbolGeometry.alignmentCentres(version: 32) == [6, 34, 60, 86, 112, 138])
        #expect(SymbolGeometry.alignmentCentres(version: 36) == [6, 24, 50, 76, 102, 128, 154])
        #expect(SymbolGeometry.alignmentCentres(version: 40) == [6, 30, 58, 86, 114, 142, 170])
    }

    @Test func blocks_are_interleaved_data_column_by_column_then_error_correction() {
        // setup: 5-Q has 2 blocks of 15 and 2 of 16 data codewords, 18 EC codewords each
        let layout = BlockLayout(version: 5, errorCorrection: .quartile)
        let data = (0..<62).map { UInt8($0) }
        // act
        let sequence = layout.codewordSequence(data)
        // check
        #expect(layout.dataCodewordCount == 62)
        #expect(sequence.count == 134)
        #expect(Array(sequence[0..<8]) == [0, 15, 30, 46, 1, 16, 31, 47])
        #expect(Array(sequence[56..<62]) == [14, 29, 44, 60, 45, 61])
        let generator = ReedSolomon.generator(degree: 18)
        let firstBlockEC = ReedSolomon.errorCorrection(for: Array(data[0..<15]), generator: generator)
        #expect(sequence[62] == firstBlockEC[0])
        #expect(sequence[66] == firstBlockEC[1])
    }

    @Test func the_smallest_version_that_fits_is_chosen() throws {
        #expect(try QRCode(String(repeating: "a", count: 14)).version == 1)
        #expect(try QRCode(String(repeating: "a", count: 15)).version == 2)
        #expect(try QRCode(String(repeating: "a", count: 2953), errorCorrection: .low).version == 40)
        // setup: "Hồ sơ" is 8 UTF-8 bytes: over the 6 of 1-H, within the 10 of 1-Q (after the ECI)
        #expect(try QRCode("Hồ sơ", errorCorrection: .quartile).size == 21)
        #expect(try QRCode("Hồ sơ", errorCorrection: .high).size == 25)
    }

    @Test func a_text_beyond_version_40_is_too_long() {
        #expect(throws: QRCodeError.tooLong) {
            try QRCode(String(repeating: "a", count: 2954), errorCorrection: .low)
        }
        #expect(throws: QRCodeError.tooLong) {
            try QRCode(String(repeating: "a", count: 1274), errorCorrection: .high)
        }
        // setup: capacity counts UTF-8 bytes, not characters (ấ is 3 bytes)
        #expect(throws: QRCodeError.tooLong) {
            try QRCode(String(repeating: "ấ", count: 425), errorCorrection: .high)
        }
    }
}
