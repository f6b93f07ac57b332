/// How a version and error-correction level split the codewords into Reed–Solomon blocks
/// (ISO/IEC 18004 table 9), and the order in which those blocks are written into the symbol.
struct BlockLayout {
    let version: Int
    /// EC codewords in every block.
    let errorCorrectionPerBlock: Int
    let blockCount: Int

    init(version: Int, errorCorrection: QRErrorCorrection) {
        let row = Self.tableRow(errorCorrection)
        self.version = version
        self.errorCorrectionPerBlock = Self.errorCorrectionPerBlock[row][version - 1]
        self.blockCount = Self.blockCounts[row][version - 1]
    }

    /// All codewords of the symbol, data and EC; remainder bits are left over.
    var totalCodewordCount: Int { SymbolGeometry.dataModuleCount(version: version) / 8 }

    var dataCodewordCount: Int { totalCodewordCount - errorCorrectionPerBlock * blockCount }

    /// Splits `data` into blocks — the shorter ones first, the later ones one codeword longer —
    /// adds each block's EC codewords, then interleaves: the data codewords column by column
    /// across the blocks, followed by the EC codewords the same way.
    func codewordSequence(_ data: [UInt8]) -> [UInt8] {
        let longBlockCount = totalCodewordCount % blockCount
        let shortDataLength = totalCodewordCount / blockCount - errorCorrectionPerBlock
        let generator = ReedSolomon.generator(degree: errorCorrectionPerBlock)

        var dataBlocks: [ArraySlice<UInt8>] = []
        var start = data.startIndex
        for block in 0..<blockCount {
            let length = shortDataLength + (block >= blockCount - longBlockCount ? 1 : 0)
            dataBlocks.append(data[start..<(start + length)])
            start += length
        }
        let errorCorrectionBlocks = dataBlocks.map {
            ReedSolomon.errorCorrection(for: Array($0), generator: generator)
        }

        var sequence: [UInt8] = []
        sequence.reserveCapacity(totalCodewordCount)
        for column in 0...shortDataLength {
            for block in dataBlocks where column < block.count {
                sequence.append(block[block.startIndex + column])
            }
        }
        for column in 0..<errorCorrectionPerBlock {
            for block in errorCorrectionBlocks {
                sequence.append(block[column])
            }
        }
        return sequence
    }

    private static func tableRow(_ level: QRErrorCorrection) -> Int {
        switch level {
        case .low: 0
        case .medium: 1
        case .quartile: 2
        case .high: 3
        }
    }

    // Rows: L, M, Q, H; columns: versions 1–40.
    private static let errorCorrectionPerBlock: [[Int]] = [
        [7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28,
         28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
        [10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
         26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28],
        [13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30,
         28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
        [17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28,
         30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
    ]

    // Rows: L, M, Q, H; columns: versions 1–40.
    private static let blockCounts: [[Int]] = [
        [1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8,
         8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25],
        [1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16,
         17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49],
        [1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20,
         23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68],
        [1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25,
         25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81],
    ]
}

/// Sizes and positions that depend only on the version.
enum SymbolGeometry {
    static func size(version: Int) -> Int { 17 + 4 * version }

    /// Row and column coordinates of the alignment pattern centres (ISO/IEC 18004 annex E):
    /// 6, then evenly spaced (by an even step) up to size − 7; the first gap takes the slack.
    static func alignmentCentres(version: Int) -> [Int] {
        guard version > 1 else { return [] }
        let gaps = version / 7 + 1
        let last = size(version: version) - 7
        let evenStep = (last - 6 + 2 * gaps - 1) / (2 * gaps) * 2
        // The standard breaks the rule once: version 32 steps by 26, not 28.
        let step = version == 32 ? 26 : evenStep
        return [6] + (0..<gaps).reversed().map { last - $0 * step }
    }

    /// Modules left for codewords once the function patterns and format/version areas are taken.
    static func dataModuleCount(version: Int) -> Int {
        let size = size(version: version)
        let alignments = version > 1 ? version / 7 + 2 : 0
        let finders = 3 * 64
        let timing = 2 * (size - 16)
        let format = 2 * 15 + 1
        // Patterns overlapping the finders are absent; those on the timing lines share 5 modules.
        let alignmentModules = alignments > 0 ? 25 * (alignments * alignments - 3) - 10 * (alignments - 2) : 0
        let versionInformation = version >= 7 ? 36 : 0
        return size * size - finders - timing - format - alignmentModules - versionInformation
    }
}
