import Testing
@testable import QRCode

@Suite("Reed–Solomon over GF(256)")
struct ReedSolomonTests {
    @Test func alpha_powers_wrap_around_after_255_steps_of_the_primitive_polynomial_0x11D() {
        #expect(GF256.exponents[0] == 1)
        #expect(GF256.exponents[7] == 128)
        #expect(GF256.exponents[8] == 0x1D)
        #expect(GF256.exponents[255] == 1)
        #expect(Set(GF256.exponents[0..<255]).count == 255)
    }

    @Test func multiplication_has_zero_and_one_and_inverses() {
        #expect(GF256.multiply(0, 0x53) == 0)
        #expect(GF256.multiply(1, 0x53) == 0x53)
        #expect(GF256.multiply(0x80, 2) == 0x1D)
        for value in UInt8(1)...255 {
            let inverse = GF256.exponents[255 - GF256.logarithms[Int(value)]]
            #expect(GF256.multiply(value, inverse) == 1)
        }
    }

    @Test func the_degree_7_generator_is_the_one_for_version_1_low() {
        // x⁷ + 127x⁶ + 122x⁵ + 154x⁴ + 164x³ + 11x² + 68x + 117
        #expect(ReedSolomon.generator(degree: 7) == [1, 127, 122, 154, 164, 11, 68, 117])
    }

    @Test func hello_world_1_m_gets_its_published_error_correction_codewords() {
        // setup: "HELLO WORLD" in alphanumeric mode, version 1-M
        let data: [UInt8] = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17]
        // act
        let ec = ReedSolomon.errorCorrection(for: data, generator: ReedSolomon.generator(degree: 10))
        // check
        #expect(ec == [196, 35, 39, 119, 235, 215, 231, 226, 93, 23])
    }

    @Test func the_iso_example_01234567_1_m_gets_its_published_error_correction_codewords() {
        // setup: "01234567" in numeric mode, version 1-M (ISO/IEC 18004 annex I)
        let data: [UInt8] = [16, 32, 12, 86, 97, 128, 236, 17, 236, 17, 236, 17, 236, 17, 236, 17]
        // act
        let ec = ReedSolomon.errorCorrection(for: data, generator: ReedSolomon.generator(degree: 10))
        // check
        #expect(ec == [165, 36, 212, 193, 237, 54, 199, 135, 44, 85])
    }

    @Test func a_block_with_its_error_correction_is_divisible_by_the_generator() {
        // setup
        let data = Array("Giấy tiếp nhận".utf8)
        let generator = ReedSolomon.generator(degree: 18)
        // act
        let codeword = data + ReedSolomon.errorCorrection(for: data, generator: generator)
        // check: the whole codeword evaluates to 0 at every root αⁱ of the generator
        for power in 0..<18 {
            let root = GF256.exponents[power]
            let value = codeword.reduce(UInt8(0)) { GF256.multiply($0, root) ^ $1 }
            #expect(value == 0, "not zero at α^\(power)")
        }
    }
}
