import Testing
@testable import QRCode

/// Round trips through a real reader: zbarimg must read back exactly the encoded text.
@Suite("Round trip through zbarimg")
struct ScanTests {
    @Test func the_receipt_tracking_url_reads_back_exactly() throws {
        // setup
        let code = try QRCode(trackingURL)
        // act
        guard let read = try scan(code.png()) else { return }
        // check
        #expect(read == trackingURL)
    }

    @Test(arguments: QRErrorCorrection.allCases)
    func a_long_url_with_dashes_and_dots_reads_back_at_every_level(_ level: QRErrorCorrection) throws {
        // setup
        let url = "https://dichvucong.tuyenquang.gov.vn/tra-cuu/000.90.22.H60-260302-0001"
        let code = try QRCode(url, errorCorrection: level)
        // act
        guard let read = try scan(code.png()) else { return }
        // check
        #expect(read == url)
    }

    @Test func vietnamese_text_reads_back_as_utf8() throws {
        // setup
        let text = "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
        let code = try QRCode(text)
        // act
        guard let read = try scan(code.png()) else { return }
        // check
        #expect(read == text)
    }

    @Test func vietnamese_text_that_is_also_valid_latin1_reads_back_as_utf8() throws {
        // setup: without the UTF-8 ECI, zbar reads these bytes as Latin-1 ("Trung tÃ¢m …")
        let text = "Trung tâm Phục vụ hành chính công"
        let code = try QRCode(text)
        // act
        guard let read = try scan(code.png()) else { return }
        // check
        #expect(read == text)
    }

    @Test func a_long_text_with_version_information_reads_back() throws {
        // setup
        let text = String(repeating: "Trung tâm Phục vụ hành chính công tỉnh Tuyên Quang. ", count: 6)
        let code = try QRCode(text)
        // act
        guard let read = try scan(code.png()) else { return }
        // check
        #expect(code.version >= 7)
        #expect(read == text)
    }

    @Test func small_modules_of_two_pixels_still_read_back() throws {
        // setup
        let code = try QRCode(trackingURL, errorCorrection: .quartile)
        // act
        guard let read = try scan(code.png(moduleSize: 2, border: 4)) else { return }
        // check
        #expect(read == trackingURL)
    }

    @Test(arguments: 0..<8)
    func every_mask_pattern_reads_back(_ mask: Int) throws {
        // setup: the same codewords under each of the eight masks, whatever the penalties say
        let (version, codewords) = try QRCode.codewords(trackingURL, errorCorrection: .medium)
        var matrix = ModuleMatrix(version: version)
        matrix.placeCodewords(codewords)
        let code = QRCode(matrix.masked(mask, errorCorrection: .medium), errorCorrection: .medium, mask: mask)
        // act
        guard let read = try scan(code.png()) else { return }
        // check
        #expect(read == trackingURL)
    }

    /// Full symbols across the version range: each alignment-pattern count, the version-32
    /// exception, both character-count lengths and every level and block layout shape.
    @Test(arguments: [
        (1, QRErrorCorrection.low), (2, .high), (5, .quartile), (6, .medium), (7, .low), (9, .high),
        (10, .medium), (13, .quartile), (14, .low), (20, .high), (21, .medium), (27, .quartile),
        (28, .low), (32, .medium), (35, .high), (40, .low),
    ])
    func a_symbol_filled_to_capacity_reads_back(_ version: Int, _ level: QRErrorCorrection) throws {
        // setup
        let capacity = QRCode.byteCapacity(version: version, errorCorrection: level)
        let sentence = "Ho so 000.90.22.H60-260302-0001, han tra 2026-03-09. "
        let text = String(String(repeating: sentence, count: 60).prefix(capacity))
        let code = try QRCode(text, errorCorrection: level)
        // act
        guard let read = try scan(code.png(moduleSize: 3)) else { return }
        // check
        #expect(code.version == version)
        #expect(read == text)
    }
}
