/// The grid of modules under construction: function patterns, codewords, mask and format.
struct ModuleMatrix {
    let version: Int
    let size: Int
    /// Dark modules, row by row.
    private(set) var modules: [Bool]
    /// Modules of function patterns and format/version areas, which carry no codewords and no mask.
    private var reserved: [Bool]

    /// A matrix with all function patterns drawn and the format areas reserved.
    init(version: Int) {
        self.version = version
        self.size = SymbolGeometry.size(version: version)
        self.modules = Array(repeating: false, count: size * size)
        self.reserved = Array(repeating: false, count: size * size)

        for index in 0..<size {
            setFunction(x: 6, y: index, dark: index.isMultiple(of: 2))
            setFunction(x: index, y: 6, dark: index.isMultiple(of: 2))
        }
        drawFinder(centreX: 3, centreY: 3)
        drawFinder(centreX: size - 4, centreY: 3)
        drawFinder(centreX: 3, centreY: size - 4)

        let centres = SymbolGeometry.alignmentCentres(version: version)
        if let first = centres.first, let last = centres.last {
            // The centres in three corners would fall on the finder patterns.
            let finderCorners = [(first, first), (last, first), (first, last)]
            for cy in centres {
                for cx in centres where !finderCorners.contains(where: { $0 == (cx, cy) }) {
                    drawAlignment(centreX: cx, centreY: cy)
                }
            }
        }
        drawFormat(0)  // reserves the format areas; the real bits come with the mask
        if version >= 7 { drawVersion() }
    }

    subscript(x: Int, y: Int) -> Bool {
        modules[y * size + x]
    }

    func isReserved(x: Int, y: Int) -> Bool {
        reserved[y * size + x]
    }

    // MARK: Function patterns

    private mutating func setFunction(x: Int, y: Int, dark: Bool) {
        modules[y * size + x] = dark
        reserved[y * size + x] = true
    }

    /// A 7×7 finder pattern with its light separator, clipped at the symbol edge.
    private mutating func drawFinder(centreX: Int, centreY: Int) {
        for dy in -4...4 {
            for dx in -4...4 {
                let x = centreX + dx, y = centreY + dy
                guard (0..<size).contains(x), (0..<size).contains(y) else { continue }
                let ring = max(abs(dx), abs(dy))
                setFunction(x: x, y: y, dark: ring != 2 && ring != 4)
            }
        }
    }

    private mutating func drawAlignment(centreX: Int, centreY: Int) {
        for dy in -2...2 {
            for dx in -2...2 {
                setFunction(x: centreX + dx, y: centreY + dy, dark: max(abs(dx), abs(dy)) != 1)
            }
        }
    }

    /// Both copies of the 15 format bits — bit 0 at (8, 0) and at (size − 1, 8), bit 14 at (0, 8)
    /// and at (8, size − 1) — and the dark module at (8, size − 8).
    private mutating func drawFormat(_ bits: Int) {
        func bit(_ index: Int) -> Bool { (bits >> index) & 1 == 1 }
        for index in 0...5 {
            setFunction(x: 8, y: index, dark: bit(index))
        }
        setFunction(x: 8, y: 7, dark: bit(6))
        setFunction(x: 8, y: 8, dark: bit(7))
        setFunction(x: 7, y: 8, dark: bit(8))
        for index in 9..<15 {
            setFunction(x: 14 - index, y: 8, dark: bit(index))
        }

        for index in 0..<8 {
            setFunction(x: size - 1 - index, y: 8, dark: bit(index))
        }
        for index in 8..<15 {
            setFunction(x: 8, y: size - 15 + index, dark: bit(index))
        }
        setFunction(x: 8, y: size - 8, dark: true)
    }

    /// The 18 version bits, as a 6×3 block above the bottom-left finder and its transpose
    /// left of the top-right finder.
    private mutating func drawVersion() {
        let bits = Self.versionBits(version)
        for index in 0..<18 {
            let dark = (bits >> index) & 1 == 1
            let along = index / 3, across = size - 11 + index % 3
            setFunction(x: across, y: along, dark: dark)
            setFunction(x: along, y: across, dark: dark)
        }
    }

    /// Format information: the level's two bits and the mask's three, a BCH(15, 5) code with
    /// generator 0x537, XOR 0x5412 so that it is never all light.
    static func formatBits(errorCorrection: QRErrorCorrection, mask: Int) -> Int {
        let levelBits = switch errorCorrection {
        case .low: 0b01
        case .medium: 0b00
        case .quartile: 0b11
        case .high: 0b10
        }
        let data = levelBits << 3 | mask
        return (data << 10 | bchRemainder(data << 10, generator: 0x537)) ^ 0x5412
    }

    /// Version information: six version bits and a BCH(18, 6) code with generator 0x1F25.
    static func versionBits(_ version: Int) -> Int {
        version << 12 | bchRemainder(version << 12, generator: 0x1F25)
    }

    /// The remainder of the polynomial `value` divided by `generator`, both over GF(2).
    static func bchRemainder(_ value: Int, generator: Int) -> Int {
        func degree(_ polynomial: Int) -> Int { polynomial.bitWidth - polynomial.leadingZeroBitCount - 1 }
        var remainder = value
        while degree(remainder) >= degree(generator) {
            remainder ^= generator << (degree(remainder) - degree(generator))
        }
        return remainder
    }

    // MARK: Codewords

    /// Writes the codewords' bits, most significant first, in two-module-wide columns zigzagging
    /// up and down from the bottom-right corner, skipping reserved modules and the vertical timing
    /// column; the remainder bits stay light.
    mutating func placeCodewords(_ codewords: [UInt8]) {
        let bitCount = codewords.count * 8
        var bitIndex = 0
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            let upward = (right + 1) & 2 == 0
            for step in 0..<size {
                let y = upward ? size - 1 - step : step
                for x in [right, right - 1] where !isReserved(x: x, y: y) && bitIndex < bitCount {
                    modules[y * size + x] = (codewords[bitIndex / 8] >> (7 - bitIndex % 8)) & 1 == 1
                    bitIndex += 1
                }
            }
            right -= 2
        }
    }

    // MARK: Masking

    /// Whether data mask `mask` inverts the module at row `y`, column `x`.
    static func maskInverts(_ mask: Int, x: Int, y: Int) -> Bool {
        switch mask {
        case 0: (y + x) % 2 == 0
        case 1: y % 2 == 0
        case 2: x % 3 == 0
        case 3: (y + x) % 3 == 0
        case 4: (y / 2 + x / 3) % 2 == 0
        case 5: (y * x) % 2 + (y * x) % 3 == 0
        case 6: ((y * x) % 2 + (y * x) % 3) % 2 == 0
        default: ((y + x) % 2 + (y * x) % 3) % 2 == 0
        }
    }

    /// This matrix with data mask `mask` applied and its format information written.
    func masked(_ mask: Int, errorCorrection: QRErrorCorrection) -> ModuleMatrix {
        var result = self
        for y in 0..<size {
            for x in 0..<size where !isReserved(x: x, y: y) && Self.maskInverts(mask, x: x, y: y) {
                result.modules[y * size + x].toggle()
            }
        }
        result.drawFormat(Self.formatBits(errorCorrection: errorCorrection, mask: mask))
        return result
    }

    /// The mask with the lowest penalty (the lowest-numbered one on a tie) and the matrix it gives.
    func bestMasked(errorCorrection: QRErrorCorrection) -> (mask: Int, matrix: ModuleMatrix) {
        var best = (mask: 0, matrix: masked(0, errorCorrection: errorCorrection))
        var bestPenalty = best.matrix.penalty()
        for mask in 1..<8 {
            let candidate = masked(mask, errorCorrection: errorCorrection)
            let penalty = candidate.penalty()
            if penalty < bestPenalty {
                best = (mask, candidate)
                bestPenalty = penalty
            }
        }
        return best
    }

    // MARK: Penalty (ISO/IEC 18004 §7.8.3)

    /// The sum of the four penalty rules: runs of five or more same-coloured modules in a row or
    /// column (3 + run − 5), 2×2 blocks of one colour (3 each), finder-like 1:1:3:1:1 patterns with
    /// four light modules on a side (40 each; outside the symbol counts as light), and the dark
    /// share's distance from 50 % (10 per full 5 %).
    func penalty() -> Int {
        var score = 0
        var column = [Bool](repeating: false, count: size)
        for line in 0..<size {
            score += Self.linePenalty(Array(modules[(line * size)..<((line + 1) * size)]))
            for index in 0..<size {
                column[index] = modules[index * size + line]
            }
            score += Self.linePenalty(column)
        }
        for y in 0..<(size - 1) {
            for x in 0..<(size - 1) {
                let topLeft = y * size + x, bottomLeft = topLeft + size
                let colour = modules[topLeft]
                if colour == modules[topLeft + 1], colour == modules[bottomLeft], colour == modules[bottomLeft + 1] {
                    score += 3
                }
            }
        }
        var dark = 0
        for module in modules where module { dark += 1 }
        let total = size * size
        score += abs(dark * 20 - total * 10) / total * 10
        return score
    }

    /// Rules 1 and 3 along one row or column.
    private static func linePenalty(_ line: [Bool]) -> Int {
        var score = 0
        var runLength = 0
        var runColour = false
        for colour in line {
            if runLength > 0, colour == runColour {
                runLength += 1
            } else {
                if runLength >= 5 { score += runLength - 2 }
                runColour = colour
                runLength = 1
            }
        }
        if runLength >= 5 { score += runLength - 2 }

        func isLight(_ range: Range<Int>) -> Bool {
            for index in range where line.indices.contains(index) && line[index] { return false }
            return true
        }
        for start in 0...(line.count - 7) {
            let isFinderCore = line[start] && !line[start + 1] && line[start + 2] && line[start + 3]
                && line[start + 4] && !line[start + 5] && line[start + 6]
            guard isFinderCore else { continue }
            if isLight((start - 4)..<start) { score += 40 }
            if isLight((start + 7)..<(start + 11)) { score += 40 }
        }
        return score
    }
}
