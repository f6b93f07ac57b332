import Foundation
import Testing
import ZIPFoundation

/// Test files built in code: DOCX with ZIPFoundation, PDF by hand.
enum Fixtures {
    // MARK: DOCX

    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/word/document.xml" \
        ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
        """

    static let documentXML = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\
        <w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>KẾ HOẠCH</w:t></w:r></w:p>\
        <w:p><w:r><w:t xml:space="preserve">Chuyển đ</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>ổi số tỉnh Tuyên Quang</w:t></w:r>\
        <w:r><w:tab/><w:t>năm 2025</w:t></w:r></w:p>\
        <w:p><w:r><w:t>Công nghệ &amp; dữ liệu &lt;mở&gt; &#7871;</w:t></w:r><w:r><w:br/><w:t>dòng mới</w:t></w:r></w:p>\
        <w:p><w:r><w:instrText> PAGE </w:instrText></w:r><w:del><w:r><w:delText>đã xóa</w:delText></w:r></w:del></w:p>\
        <w:p/><w:sectPr/></w:body></w:document>
        """

    static func docx(documentXML: String = documentXML, compression: CompressionMethod = .deflate,
                     withRelationships: Bool = true, documentPath: String = "word/document.xml") throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create, pathEncoding: nil)
        func add(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                 compressionMethod: compression, provider: { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            })
        }
        try add("[Content_Types].xml", contentTypes)
        if withRelationships {
            try add("_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId1" \
                Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
                Target="\(documentPath)"/></Relationships>
                """)
        }
        try add(documentPath, documentXML)
        return archive.data!
    }

    // MARK: PDF

    /// A PDF whose objects 1... are `objects`, with a cross-reference table and (optionally) a trailer.
    static func pdf(_ objects: [Data], trailer: Bool = true) -> Data {
        pdf(numbered: objects.enumerated().map { ($0.offset + 1, $0.element) }, trailer: trailer)
    }

    /// A PDF of the given numbered objects.
    static func pdf(numbered objects: [(Int, Data)], trailer: Bool = true) -> Data {
        var out = Data("%PDF-1.5\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".utf8)
        var offsets: [Int: Int] = [:]
        for (number, body) in objects {
            offsets[number] = out.count
            out += Data("\(number) 0 obj\n".utf8)
            out += body
            out += Data("\nendobj\n".utf8)
        }
        let xref = out.count
        let size = (objects.map(\.0).max() ?? 0) + 1
        var table = "xref\n0 \(size)\n0000000000 65535 f \n"
        for number in 1..<max(1, size) {
            if let offset = offsets[number] {
                table += String(format: "%010d 00000 n \n", offset)
            } else {
                table += "0000000000 00000 f \n"
            }
        }
        out += Data(table.utf8)
        if trailer { out += Data("trailer\n<< /Size \(size) /Root 1 0 R >>\n".utf8) }
        out += Data("startxref\n\(xref)\n%%EOF\n".utf8)
        return out
    }

    static func object(_ text: String) -> Data { Data(text.utf8) }

    static func stream(_ dictionary: String, _ data: Data) -> Data {
        Data("<< \(dictionary) /Length \(data.count) >>\nstream\n".utf8) + data + Data("\nendstream".utf8)
    }

    /// A zlib stream (RFC 1950): header, ZIPFoundation's raw deflate, Adler-32.
    static func zlib(_ data: Data) throws -> Data {
        var deflated = Data()
        _ = try Data.compress(size: Int64(data.count), bufferSize: 16 * 1024, provider: { position, size in
            data.subdata(in: Int(position)..<min(Int(position) + size, data.count))
        }, consumer: { deflated.append($0) })
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        let adler = b << 16 | a
        return Data([0x78, 0x9C]) + deflated + Data([UInt8(adler >> 24), UInt8((adler >> 16) & 0xFF),
                                                     UInt8((adler >> 8) & 0xFF), UInt8(adler & 0xFF)])
    }

    static let pageObjects = [
        object("<< /Type /Catalog /Pages 2 0 R >>"),
        object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"),
    ]
    static let helvetica = object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")

    /// Latin text with a simple font, one uncompressed content stream.
    static let plainContent = Data("""
        BT /F1 12 Tf 72 720 Td (Ke hoach chuyen doi so) Tj 0 -14 Td [(Nam) -250 (2025)] TJ
        T* (Escapes: \\(ngoac\\) \\101\\102 back\\\\slash) Tj
        T* (Vi\\352t Nam) Tj ET
        """.utf8)

    static func plainPDF() -> Data {
        pdf(pageObjects + [stream("", plainContent), helvetica])
    }

    static func flatePDF() throws -> Data {
        let content = Data("BT /F1 11 Tf 72 700 Td (Bao cao ket qua thuc hien de an) Tj ET".utf8)
        return pdf(pageObjects + [stream("/Filter /FlateDecode", try zlib(content)), helvetica])
    }

    /// A Type0 font with Identity-H codes and a ToUnicode CMap (bfchar, bfrange with a base and with an array).
    static let toUnicodeCMap = Data("""
        /CIDInit /ProcSet findresource begin
        12 dict begin
        begincmap
        /CMapName /Adobe-Identity-UCS def
        /CMapType 2 def
        1 begincodespacerange
        <0000> <FFFF>
        endcodespacerange
        6 beginbfchar
        <0001> <004B>
        <0002> <1EBF>
        <0003> <0020>
        <0004> <1EA1>
        <0005> <1ED1>
        <0006> <1EDD>
        endbfchar
        2 beginbfrange
        <0020> <0039> <0061>
        <0040> <0041> [<0111> <01B0>]
        endbfrange
        endcmap
        CMapName currentdict /CMap defineresource pop
        end
        end
        """.utf8)

    static func toUnicodePDF() throws -> Data {
        // "Kế hoạch số" then "đường": K ế ␠ h o ạ c h ␠ s ố / đ ư ờ n g
        let content = Data("""
            BT /F1 12 Tf 72 720 Td <000100020003 0027002E00040022002700030032 0005> Tj
            0 -14 Td [<00400041> 20 <0006002D0026>] TJ ET
            """.utf8)
        return pdf(pageObjects + [
            stream("/Filter /FlateDecode", try zlib(content)),
            object("<< /Type /Font /Subtype /Type0 /BaseFont /ArialMT /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>"),
            object("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ArialMT /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>"),
            stream("/Filter /FlateDecode", try zlib(toUnicodeCMap)),
        ])
    }

    /// PDF 1.5 style: catalog, pages, page and font inside a compressed object stream, no trailer dictionary.
    static func objectStreamPDF() throws -> Data {
        let inner: [(Int, String)] = [
            (1, "<< /Type /Catalog /Pages 2 0 R >>"),
            (2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            (3, "<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"),
            (5, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"),
        ]
        var header = "", body = ""
        for (number, text) in inner {
            header += "\(number) \(body.utf8.count) "
            body += text + "\n"
        }
        let objectStream = Data((header + body).utf8)
        let content = Data("BT /F1 12 Tf 72 720 Td (Thong bao lich tiep cong dan) Tj ET".utf8)
        return pdf(numbered: [
            (4, stream("/Filter /FlateDecode", try zlib(content))),
            (6, stream("/Type /ObjStm /N \(inner.count) /First \(header.utf8.count) /Filter /FlateDecode", try zlib(objectStream))),
        ], trailer: false)
    }
}

extension Fixtures {
    /// A file of Fixtures/ (made by real generators, see Fixtures/README.md).
    static func file(_ name: String) throws -> Data {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"))
        return try Data(contentsOf: url)
    }

    static let generatedFiles = [
        "fpdf2-truetype-identity-h.pdf", "ghostscript-pdfwrite.pdf", "qpdf-object-streams.pdf", "python-docx.docx",
    ]
}
