@testable import DocumentSearch
import Foundation
import Testing

/// An index of 100,000 generated documents answers multi-word queries exactly as a brute-force scan does.
@Suite struct LargeIndexTests {
    static let vocabulary = [
        "kế hoạch", "chuyển đổi", "số", "quyết định", "phê duyệt", "đề án", "báo cáo", "kết quả", "thực hiện",
        "công văn", "triển khai", "dịch vụ", "công", "trực tuyến", "thông báo", "lịch", "tiếp", "công dân",
        "ủy ban", "nhân dân", "tỉnh", "tuyên quang", "sở", "thông tin", "truyền thông", "nội vụ", "tài chính",
        "giáo dục", "đào tạo", "y tế", "nông nghiệp", "phát triển", "nông thôn", "giao thông", "vận tải",
        "xây dựng", "tài nguyên", "môi trường", "văn hóa", "thể thao", "du lịch", "lao động", "thương binh",
        "xã hội", "tư pháp", "thanh tra", "năm", "quý", "tháng", "hướng dẫn", "tổ chức", "cán bộ", "chính quyền",
        "kinh tế", "dữ liệu", "hạ tầng", "an toàn", "bảo mật", "đầu tư", "ngân sách",
    ]

    @Test func a_hundred_thousand_documents_answer_a_three_word_query() {
        var random = SeededRandom(seed: 2025)
        let folded = Self.vocabulary.map { SearchText.words($0) }
        let index = SearchIndex()
        var documents: [(id: UUID, subject: Set<String>, body: Set<String>, date: Date, agency: Int)] = []
        documents.reserveCapacity(100_000)
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        var batch: [SearchDocument] = []
        for n in 0..<100_000 {
            let subjectPhrases = (0..<4).map { _ in Int(random.next() % UInt64(Self.vocabulary.count)) }
            let bodyPhrases = (0..<6).map { _ in Int(random.next() % UInt64(Self.vocabulary.count)) }
            let agency = Int(random.next() % 5)
            let date = start.addingTimeInterval(Double(random.next() % 100_000_000))
            let document = SearchDocument(
                id: UUID(), symbol: "\(n)/KH-UBND", subject: subjectPhrases.map { Self.vocabulary[$0] }.joined(separator: " "),
                body: bodyPhrases.map { Self.vocabulary[$0] }.joined(separator: " "), type: "Kế hoạch",
                agency: "Cơ quan \(agency)", status: "published", date: date)
            batch.append(document)
            documents.append((document.id, Set(subjectPhrases.flatMap { folded[$0] } + ["\(n)", "kh", "ubnd"]),
                              Set(bodyPhrases.flatMap { folded[$0] }), date, agency))
        }
        index.add(contentsOf: batch)
        #expect(index.count == 100_000)

        func expected(_ words: [String], agency: Int? = nil) -> [(UUID, Int, Int, Date)] {
            documents.compactMap { document in
                if let agency, document.agency != agency { return nil }
                var subjectHits = 0, bodyHits = 0
                for (position, word) in words.enumerated() {
                    let isLast = position == words.count - 1
                    let inSubject = isLast ? document.subject.contains { $0.hasPrefix(word) } : document.subject.contains(word)
                    let inBody = isLast ? document.body.contains { $0.hasPrefix(word) } : document.body.contains(word)
                    guard inSubject || inBody else { return nil }
                    subjectHits += inSubject ? 1 : 0
                    bodyHits += inBody ? 1 : 0
                }
                return (document.id, subjectHits, bodyHits, document.date)
            }.sorted { a, b in
                if a.1 != b.1 { return a.1 > b.1 }
                if a.2 != b.2 { return a.2 > b.2 }
                return a.3 > b.3
            }
        }

        for (query, agency) in [("chuyen doi so", nil), ("kinh te du", nil), ("tinh tuyen quang", 3 as Int?), ("cong dan t", nil)] {
            let words = SearchText.words(query)
            let want = expected(words, agency: agency)
            let got = index.search(SearchQuery(query, agencies: agency.map { ["Cơ quan \($0)"] } ?? [], limit: 50))
            #expect(got.total == want.count, "\(query)")
            #expect(got.total > 0, "\(query)")
            #expect(got.hits.map(\.id) == want.prefix(50).map(\.0), "\(query)")
            #expect(got.hits.map(\.subjectHits) == want.prefix(50).map(\.1), "\(query)")
        }
        // A symbol among 100,000.
        let symbol = index.search(SearchQuery("4242/KH-UBND"))
        #expect(symbol.hits.first?.id == documents[4242].id && symbol.hits.first?.symbolMatch == true)
        #expect(symbol.total == 1)
    }
}
