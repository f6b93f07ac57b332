/// Arithmetic in GF(2⁸) modulo the QR code's primitive polynomial x⁸ + x⁴ + x³ + x² + 1 (0x11D),
/// with α = 2 as generator.
enum GF256 {
    /// αⁱ for i in 0..<510, so that a sum of two logarithms needs no reduction.
    static let exponents: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 510)
        var value = 1
        for power in 0..<255 {
            table[power] = UInt8(value)
            table[power + 255] = UInt8(value)
            value <<= 1
            if value & 0x100 != 0 { value ^= 0x11D }
        }
        return table
    }()

    /// log_α(v) for v in 1...255; entry 0 is unused.
    static let logarithms: [Int] = {
        var table = [Int](repeating: 0, count: 256)
        for power in 0..<255 {
            table[Int(exponents[power])] = power
        }
        return table
    }()

    static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        guard a != 0, b != 0 else { return 0 }
        return exponents[logarithms[Int(a)] + logarithms[Int(b)]]
    }
}

/// Reed–Solomon error-correction codewords as QR codes use them.
enum ReedSolomon {
    /// The generator polynomial (x − α⁰)(x − α¹)…(x − α^(degree−1)), coefficients from the
    /// highest power down; the leading coefficient is 1.
    static func generator(degree: Int) -> [UInt8] {
        var polynomial: [UInt8] = [1]
        for power in 0..<degree {
            let root = GF256.exponents[power]
            var product = polynomial + [0]
            for index in 1..<product.count {
                product[index] ^= GF256.multiply(polynomial[index - 1], root)
            }
            polynomial = product
        }
        return polynomial
    }

    /// The remainder of data(x) · x^degree divided by the generator: the EC codewords of a block.
    static func errorCorrection(for data: [UInt8], generator: [UInt8]) -> [UInt8] {
        let degree = generator.count - 1
        var remainder = [UInt8](repeating: 0, count: degree)
        for codeword in data {
            let factor = codeword ^ remainder[0]
            remainder.removeFirst()
            remainder.append(0)
            for index in 0..<degree {
                remainder[index] ^= GF256.multiply(generator[index + 1], factor)
            }
        }
        return remainder
    }
}
