@testable import DocumentSearch
import Foundation
import Testing

/// Malformed files never crash or hang extraction.
@Suite struct RobustnessTests {
    static let mediaTypes = [TextExtraction.plainTextMediaType, TextExtraction.docxMediaType, TextExtraction.pdfMediaType, ""]

    static func randomBytes(_ count: Int, _ random: inout SeededRandom) -> Data {
        Data((0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) })
    }

    @Test func random_bytes_never_crash() {
        var random = SeededRandom(seed: 7)
        for round in 0..<300 {
            let count = Int(random.next() % 4096)
            var data = Self.randomBytes(count, &random)
            // Some inputs look like the start of a PDF or a ZIP.
            switch round % 3 {
            case 1: data = Data("%PDF-1.7\n1 0 obj << /Length 20 /Filter /FlateDecode >> stream\n".utf8) + data
            case 2: data = Data([0x50, 0x4B, 0x03, 0x04]) + data
            default: break
            }
            for type in Self.mediaTypes { _ = TextExtraction.text(of: data, mediaType: type) }
        }
    }

    @Test func damaged_docx_and_pdf_files_never_crash() throws {
        var random = SeededRandom(seed: 11)
        let originals = [
            try Fixtures.docx(), try Fixtures.docx(compression: .none), Fixtures.plainPDF(), try Fixtures.flatePDF(),
            try Fixtures.toUnicodePDF(), try Fixtures.objectStreamPDF(),
        ] + (try Fixtures.generatedFiles.map { try Fixtures.file($0) })
        for original in originals {
            for _ in 0..<40 {
                // Truncated.
                let cut = Int(random.next() % UInt64(original.count))
                for type in Self.mediaTypes { _ = TextExtraction.text(of: original.prefix(cut), mediaType: type) }
                // A few bytes changed.
                var damaged = [UInt8](original)
                for _ in 0..<(1 + random.next() % 8) {
                    damaged[Int(random.next() % UInt64(damaged.count))] = UInt8(truncatingIfNeeded: random.next())
                }
                for type in Self.mediaTypes { _ = TextExtraction.text(of: Data(damaged), mediaType: type) }
            }
        }
    }

    @Test func pathological_pdf_structures_never_crash() {
        let inputs = [
            "%PDF-1.4\n" + String(repeating: "[", count: 10_000),
            "%PDF-1.4\n" + String(repeating: "<<", count: 10_000),
            "%PDF-1.4\n1 0 obj << /Type /Pages /Kids [1 0 R] >> endobj trailer << /Root 2 0 R >> 2 0 obj << /Pages 1 0 R >> endobj",
            "%PDF-1.4\n1 0 obj << /Length 99999999 >> stream\nBT (x) Tj ET",
            "%PDF-1.4\n1 0 obj << /Type /ObjStm /N 99999 /First -5 >> stream\n1 0 2 9999999\nendstream endobj",
            "%PDF-1.4\n3 0 obj << /Type /Page /Contents 3 0 R /Resources << /XObject << /X 3 0 R >> >> >> endobj",
            "%PDF-1.4\n1 0 obj (unterminated \\",
            "%PDF-1.4\n1 0 obj <</Filter/ASCII85Decode/Length 6>>stream\n<~!!!~>\nendstream endobj",
            "BT /F1 1 Tf (a) Tj [(b) -500 (c)] TJ ET BI /W 1 ID \u{0} EI",
        ]
        for input in inputs {
            _ = TextExtraction.text(of: Data(input.utf8), mediaType: TextExtraction.pdfMediaType)
        }
    }
}
