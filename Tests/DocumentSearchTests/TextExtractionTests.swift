@testable import DocumentSearch
import Foundation
import Testing
import ZIPFoundation

/// Trích xuất văn bản: plain text, DOCX, PDF.
@Suite struct TextExtractionTests {
    @Test func plain_text_is_read_as_utf8() {
        let data = Data("Kế hoạch chuyển đổi số\n".utf8)
        #expect(TextExtraction.text(of: data, mediaType: "text/plain") == "Kế hoạch chuyển đổi số")
        #expect(TextExtraction.text(of: data, mediaType: "text/plain; charset=utf-8") == "Kế hoạch chuyển đổi số")
        #expect(TextExtraction.text(of: Data([0xEF, 0xBB, 0xBF]) + data, mediaType: "TEXT/PLAIN") == "Kế hoạch chuyển đổi số")
    }

    @Test func plain_text_in_utf16_with_a_byte_order_mark() {
        var data = Data([0xFF, 0xFE])
        for unit in "Số 60".utf16 { data += Data([UInt8(unit & 0xFF), UInt8(unit >> 8)]) }
        #expect(TextExtraction.text(of: data, mediaType: "text/plain") == "Số 60")
    }

    @Test func nothing_to_extract_gives_nil() {
        #expect(TextExtraction.text(of: Data("  \n\t ".utf8), mediaType: "text/plain") == nil)
        #expect(TextExtraction.text(of: Data("Kế hoạch".utf8), mediaType: "image/png") == nil)
        #expect(TextExtraction.text(of: Data(), mediaType: TextExtraction.pdfMediaType) == nil)
        #expect(TextExtraction.text(of: Data(), mediaType: TextExtraction.docxMediaType) == nil)
    }

    @Test func docx_paragraphs_become_lines() throws {
        let data = try Fixtures.docx()
        let text = try #require(TextExtraction.text(of: data, mediaType: TextExtraction.docxMediaType))
        let lines = text.components(separatedBy: "\n")
        #expect(lines[0] == "KẾ HOẠCH")
        #expect(lines[1] == "Chuyển đổi số tỉnh Tuyên Quang\tnăm 2025")
        #expect(lines[2] == "Công nghệ & dữ liệu <mở> ế")
        #expect(lines[3] == "dòng mới")
        #expect(!text.contains("PAGE") && !text.contains("đã xóa"))
        #expect(SearchText.words(text).contains("chuyen"))
    }

    @Test func docx_stored_without_compression_and_main_part_from_relationships() throws {
        let stored = try Fixtures.docx(compression: .none)
        #expect(TextExtraction.text(of: stored, mediaType: TextExtraction.docxMediaType)?.hasPrefix("KẾ HOẠCH") == true)
        let renamed = try Fixtures.docx(documentPath: "word/document2.xml")
        #expect(TextExtraction.text(of: renamed, mediaType: TextExtraction.docxMediaType)?.hasPrefix("KẾ HOẠCH") == true)
        let noRelationships = try Fixtures.docx(withRelationships: false)
        #expect(TextExtraction.text(of: noRelationships, mediaType: TextExtraction.docxMediaType)?.hasPrefix("KẾ HOẠCH") == true)
        // Sniffed when the type is unknown.
        #expect(TextExtraction.text(of: noRelationships, mediaType: "application/octet-stream")?.hasPrefix("KẾ HOẠCH") == true)
    }

    @Test func a_zip_without_a_word_document_gives_nil() throws {
        let archive = try Archive(data: Data(), accessMode: .create, pathEncoding: nil)
        let data = Data("hello".utf8)
        try archive.addEntry(with: "readme.txt", type: .file, uncompressedSize: Int64(data.count),
                             provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
        #expect(TextExtraction.text(of: archive.data!, mediaType: TextExtraction.docxMediaType) == nil)
    }

    @Test func pdf_text_from_an_uncompressed_content_stream() throws {
        let text = try #require(TextExtraction.text(of: Fixtures.plainPDF(), mediaType: TextExtraction.pdfMediaType))
        let lines = text.components(separatedBy: "\n")
        #expect(lines == ["Ke hoach chuyen doi so", "Nam 2025", "Escapes: (ngoac) AB back\\slash", "Viêt Nam"])
    }

    @Test func pdf_text_from_a_flate_decode_stream() throws {
        let data = try Fixtures.flatePDF()
        #expect(TextExtraction.text(of: data, mediaType: TextExtraction.pdfMediaType) == "Bao cao ket qua thuc hien de an")
        #expect(TextExtraction.text(of: data, mediaType: "") == "Bao cao ket qua thuc hien de an")
    }

    @Test func pdf_text_through_a_to_unicode_cmap() throws {
        let text = try #require(TextExtraction.text(of: try Fixtures.toUnicodePDF(), mediaType: TextExtraction.pdfMediaType))
        #expect(text == "Kế hoạch số\nđường")
        #expect(SearchText.fold(text) == "ke hoach so duong")
    }

    @Test func pdf_objects_inside_an_object_stream() throws {
        let text = TextExtraction.text(of: try Fixtures.objectStreamPDF(), mediaType: TextExtraction.pdfMediaType)
        #expect(text == "Thong bao lich tiep cong dan")
    }

    @Test func pdf_glyph_names_of_vietnamese_letters() {
        #expect(PDFFont.glyphText("ecircumflexacute") == "ế")
        #expect(PDFFont.glyphText("ohornhookabove") == "ở")
        #expect(PDFFont.glyphText("uni1EA1") == "ạ")
        #expect(PDFFont.glyphText("dcroat") == "đ")
        #expect(PDFFont.glyphText("a.sc") == "a")
        #expect(PDFFont.glyphText("notaglyph") == "")
    }

    @Test func pdf_text_inside_a_form_xobject_with_a_differences_encoding() {
        let data = Fixtures.pdf([
            Fixtures.object("<< /Type /Catalog /Pages 2 0 R >>"),
            Fixtures.object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            Fixtures.object("<< /Type /Page /Parent 2 0 R /Resources << /XObject << /Fm1 5 0 R >> >> /Contents 4 0 R >>"),
            Fixtures.stream("", Data("q /Fm1 Do Q".utf8)),
            Fixtures.stream("/Type /XObject /Subtype /Form /BBox [0 0 500 500] /Resources << /Font << /F1 6 0 R >> >>",
                            Data("BT /F1 12 Tf 10 10 Td (Vi\\101t Nam \\102\\103ng) Tj ET".utf8)),
            Fixtures.object("<< /Type /Font /Subtype /Type1 /BaseFont /VnTime /Encoding << /BaseEncoding /WinAnsiEncoding /Differences [65 /ecircumflexdotbelow /dcroat /ohornacute] >> >>"),
        ])
        #expect(TextExtraction.text(of: data, mediaType: TextExtraction.pdfMediaType) == "Việt Nam đớng")
    }

    @Test func an_encrypted_pdf_gives_nil() {
        let plain = Fixtures.plainPDF()
        let encrypted = String(decoding: plain, as: UTF8.self).replacingOccurrences(of: "/Root 1 0 R", with: "/Root 1 0 R /Encrypt 9 0 R")
        #expect(TextExtraction.text(of: plain, mediaType: TextExtraction.pdfMediaType) != nil)
        #expect(TextExtraction.text(of: Data(encrypted.utf8), mediaType: TextExtraction.pdfMediaType) == nil)
    }

    @Test func pdf_of_images_only_gives_nil() {
        let data = Fixtures.pdf(Fixtures.pageObjects + [
            Fixtures.stream("", Data("q 100 0 0 100 0 0 cm /Im1 Do Q".utf8)), Fixtures.helvetica,
        ])
        #expect(TextExtraction.text(of: data, mediaType: TextExtraction.pdfMediaType) == nil)
    }

    /// Files written by fpdf2, Ghostscript, qpdf and python-docx (see Fixtures/README.md).
    @Test(arguments: Fixtures.generatedFiles)
    func files_of_real_generators_give_their_vietnamese_text(name: String) throws {
        let type = name.hasSuffix(".pdf") ? TextExtraction.pdfMediaType : TextExtraction.docxMediaType
        let text = try #require(TextExtraction.text(of: try Fixtures.file(name), mediaType: type))
        let lines = text.components(separatedBy: "\n")
        #expect(lines.prefix(3) == ["ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG", "Số: 60/KH-UBND",
                                    "KẾ HOẠCH Chuyển đổi số tỉnh Tuyên Quang năm 2025"])
        #expect(text.contains("Nghị quyết số 52-NQ/TW ngày 27/9/2019 của Bộ Chính trị"))
        #expect(text.hasSuffix(name.hasSuffix(".pdf") ? "Second page in Helvetica: Bao cao ket qua" : "Ô bảng một\nÔ bảng hai"))
        // Indexed, it is found by folded words and by its symbol.
        let index = SearchIndex()
        let id = UUID()
        index.add(SearchDocument(id: id, symbol: "60/KH-UBND", subject: "", body: text, type: "Kế hoạch",
                                 agency: "UBND tỉnh", status: "published", date: Date()))
        #expect(index.search(SearchQuery("chinh quyen so kinh te so")).hits.map(\.id) == [id])
        #expect(index.search(SearchQuery("cach mang cong nghiep lan thu t")).total == 1)
    }

    @Test func inflate_of_a_truncated_stream_returns_what_it_could() throws {
        let text = Data(String(repeating: "chuyển đổi số ", count: 2000).utf8)
        let zlib = try Fixtures.zlib(text)
        #expect(Inflate.zlib(zlib) == text)
        let truncated = Inflate.zlib(zlib.prefix(zlib.count / 2))
        #expect(truncated == nil || text.starts(with: truncated!.prefix(100)))
        #expect(Inflate.raw(Data([0xFF, 0xFF, 0xFF])) == nil)
    }
}
