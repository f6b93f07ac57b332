@testable import DocumentSearch
import Foundation
import Testing

/// The index: diacritics and case, prefixes, ranking, filters, replace and remove, paging.
@Suite struct SearchIndexTests {
    static func day(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.date(from: text)!
    }

    static func document(_ symbol: String, _ subject: String, body: String = "", type: String = "Kế hoạch",
                         agency: String = "UBND tỉnh Tuyên Quang", signer: String? = "Nguyễn Văn A",
                         status: String = "published", date: String = "2025-01-01", id: UUID = UUID()) -> SearchDocument {
        SearchDocument(id: id, symbol: symbol, subject: subject, body: body, type: type, agency: agency, signer: signer,
                       status: status, date: day(date))
    }

    /// A small index: plans, decisions, letters of several agencies, signers, statuses and dates.
    static func sample() -> (SearchIndex, [String: UUID]) {
        let index = SearchIndex()
        var ids: [String: UUID] = [:]
        func add(_ key: String, _ document: SearchDocument) {
            ids[key] = document.id
            index.add(document)
        }
        add("plan", document("60/KH-UBND", "KẾ HOẠCH chuyển đổi số tỉnh Tuyên Quang năm 2025",
                             body: "Mục tiêu: phát triển chính quyền số, kinh tế số và xã hội số.", date: "2025-03-10"))
        add("decision", document("123/QĐ-UBND", "Quyết định phê duyệt Đề án chuyển đổi số", type: "Quyết định",
                                 signer: "Trần Thị B", date: "2025-02-01"))
        add("letter", document("45/UBND-VX", "Về việc triển khai dịch vụ công trực tuyến",
                               body: "Kế hoạch chuyển đổi số đã được ban hành kèm theo văn bản này.", type: "Công văn",
                               agency: "Sở Thông tin và Truyền thông", signer: nil, status: "draft", date: "2024-12-20"))
        add("report", document("12/BC-STTTT", "Báo cáo kết quả chuyển đổi số quý I", type: "Báo cáo",
                               agency: "Sở Thông tin và Truyền thông", signer: "Lê Văn C", date: "2025-04-05"))
        add("other", document("7/TB-UBND", "Thông báo lịch tiếp công dân", type: "Thông báo", date: "2025-01-15"))
        return (index, ids)
    }

    @Test func search_ignores_diacritics_and_case() {
        let (index, ids) = Self.sample()
        for text in ["ke hoach chuyen doi so", "Kế Hoạch", "KE HOACH", "kế hoạch CHUYỂN ĐỔI SỐ"] {
            let results = index.search(SearchQuery(text))
            #expect(results.hits.first?.id == ids["plan"], "\(text)")
            #expect(results.hits.map(\.id).contains(ids["plan"]!), "\(text)")
        }
    }

    @Test func every_word_must_match() {
        let (index, ids) = Self.sample()
        let results = index.search(SearchQuery("chuyen doi so tuyen quang"))
        #expect(results.total == 1)
        #expect(results.hits.map(\.id) == [ids["plan"]!])
        #expect(index.search(SearchQuery("chuyen doi so khongcotu")).total == 0)
    }

    @Test func the_last_word_matches_as_a_prefix() {
        let (index, ids) = Self.sample()
        let results = index.search(SearchQuery("chuyen doi s"))
        #expect(Set(results.hits.map(\.id)) == Set([ids["plan"]!, ids["decision"]!, ids["letter"]!, ids["report"]!]))
        #expect(index.search(SearchQuery("Quyết đ")).hits.map(\.id) == [ids["decision"]!])
        #expect(index.search(SearchQuery("tru")).hits.map(\.id).contains(ids["letter"]!)) // "trực tuyến", "truyền"
        // A prefix is only the last word: "chuy doi" does not find "chuyển đổi".
        #expect(index.search(SearchQuery("chuy doi")).total == 0)
    }

    @Test func an_exact_symbol_ranks_first() {
        let (index, ids) = Self.sample()
        let results = index.search(SearchQuery("60/KH-UBND"))
        #expect(results.hits.first?.id == ids["plan"])
        #expect(results.hits.first?.symbolMatch == true)
        // Written differently, still the symbol.
        #expect(index.search(SearchQuery("60 kh ubnd")).hits.first?.symbolMatch == true)
        // A document whose subject contains the same words but newer does not outrank the symbol.
        index.add(Self.document("99/KH-UBND", "Kế hoạch số 60 của KH UBND", date: "2026-01-01"))
        let again = index.search(SearchQuery("60/KH-UBND"))
        #expect(again.total == 2)
        #expect(again.hits.map(\.id).first == ids["plan"])
        #expect(again.hits.map(\.symbolMatch) == [true, false])
    }

    @Test func subject_hits_rank_above_body_hits_then_newest_first() {
        let (index, ids) = Self.sample()
        let results = index.search(SearchQuery("ke hoach chuyen doi so"))
        // "plan" has every word in its subject; "letter" only in its body.
        #expect(results.hits.map(\.id) == [ids["plan"]!, ids["letter"]!])
        #expect(results.hits[0].subjectHits == 5 && results.hits[1].subjectHits == 0 && results.hits[1].bodyHits == 5)
        // Equal matches: newest first.
        let equal = index.search(SearchQuery("chuyen doi so", types: ["Quyết định", "Báo cáo"]))
        #expect(equal.hits.map(\.id) == [ids["report"]!, ids["decision"]!])
    }

    @Test func filter_by_type() {
        let (index, ids) = Self.sample()
        #expect(index.search(SearchQuery("chuyen doi so", types: ["Quyết định"])).hits.map(\.id) == [ids["decision"]!])
        #expect(index.search(SearchQuery("chuyen doi so", types: ["QUYET DINH"])).hits.map(\.id) == [ids["decision"]!])
        #expect(index.search(SearchQuery("chuyen doi so", types: ["Nghị quyết"])).total == 0)
        #expect(index.search(SearchQuery("", types: ["Kế hoạch", "Thông báo"])).total == 2)
    }

    @Test func filter_by_agency() {
        let (index, ids) = Self.sample()
        let results = index.search(SearchQuery("chuyen doi so", agencies: ["Sở Thông tin và Truyền thông"]))
        #expect(results.hits.map(\.id) == [ids["report"]!, ids["letter"]!])
    }

    @Test func filter_by_signer() {
        let (index, ids) = Self.sample()
        #expect(index.search(SearchQuery("", signers: ["Trần Thị B"])).hits.map(\.id) == [ids["decision"]!])
        #expect(index.search(SearchQuery("", signers: ["tran thi b", "le van c"])).total == 2)
        #expect(index.search(SearchQuery("", signers: ["Không Ai"])).total == 0)
    }

    @Test func filter_by_status() {
        let (index, ids) = Self.sample()
        #expect(index.search(SearchQuery("chuyen doi so", statuses: ["draft"])).hits.map(\.id) == [ids["letter"]!])
        #expect(index.search(SearchQuery("", statuses: ["published"])).total == 4)
    }

    @Test func filter_by_date_range_inclusive() {
        let (index, ids) = Self.sample()
        let q1 = SearchQuery("chuyen doi so", from: Self.day("2025-01-01"), to: Self.day("2025-03-10"))
        #expect(index.search(q1).hits.map(\.id) == [ids["plan"]!, ids["decision"]!])
        #expect(index.search(SearchQuery("", to: Self.day("2024-12-31"))).hits.map(\.id) == [ids["letter"]!])
        #expect(index.search(SearchQuery("", from: Self.day("2025-04-01"))).hits.map(\.id) == [ids["report"]!])
        #expect(index.search(SearchQuery("", from: Self.day("2025-05-01"), to: Self.day("2025-01-01"))).total == 0)
    }

    @Test func filters_combine() {
        let (index, ids) = Self.sample()
        let query = SearchQuery("chuyen doi", types: ["Công văn", "Báo cáo"], agencies: ["Sở Thông tin và Truyền thông"],
                                statuses: ["published"], from: Self.day("2025-01-01"))
        #expect(index.search(query).hits.map(\.id) == [ids["report"]!])
    }

    @Test func empty_text_lists_everything_newest_first() {
        let (index, ids) = Self.sample()
        let results = index.search(SearchQuery(""))
        #expect(results.total == 5)
        #expect(results.hits.map(\.id) == ["report", "plan", "decision", "other", "letter"].map { ids[$0]! })
    }

    @Test func paging_returns_slices_and_the_total() {
        let (index, ids) = Self.sample()
        let all = ["report", "plan", "decision", "other", "letter"].map { ids[$0]! }
        #expect(index.search(SearchQuery("", limit: 2)).hits.map(\.id) == Array(all[0..<2]))
        #expect(index.search(SearchQuery("", limit: 2, offset: 2)).hits.map(\.id) == Array(all[2..<4]))
        let last = index.search(SearchQuery("", limit: 2, offset: 4))
        #expect(last.hits.map(\.id) == [all[4]] && last.total == 5)
        #expect(index.search(SearchQuery("", limit: 2, offset: 10)).hits.isEmpty)
        #expect(index.search(SearchQuery("", limit: 0)).total == 5)
        #expect(index.search(SearchQuery("", limit: Int.max, offset: 1)).hits.count == 4)
    }

    @Test func adding_the_same_id_replaces_the_document() {
        let (index, ids) = Self.sample()
        let id = ids["plan"]!
        let replaced = index.replace(Self.document("61/KH-UBND", "Kế hoạch cải cách hành chính", date: "2025-03-10", id: id))
        #expect(replaced)
        #expect(index.count == 5)
        #expect(!index.search(SearchQuery("ke hoach chuyen doi so")).hits.map(\.id).contains(id))
        #expect(index.search(SearchQuery("cai cach hanh chinh")).hits.map(\.id) == [id])
        #expect(index.search(SearchQuery("61/KH-UBND")).hits.first?.symbolMatch == true)
        #expect(index.search(SearchQuery("60/KH-UBND")).hits.first?.symbolMatch != true)
    }

    @Test func removing_a_document_drops_it_from_results() {
        let (index, ids) = Self.sample()
        #expect(index.remove(id: ids["decision"]!))
        #expect(!index.remove(id: ids["decision"]!))
        #expect(!index.contains(id: ids["decision"]!))
        #expect(index.count == 4)
        #expect(!index.search(SearchQuery("chuyen doi so")).hits.map(\.id).contains(ids["decision"]!))
        #expect(index.search(SearchQuery("quyet dinh")).total == 0)
        #expect(index.search(SearchQuery("")).total == 4)
    }

    @Test func compaction_keeps_results_and_drops_tombstones() {
        let index = SearchIndex()
        var kept: [UUID] = []
        for n in 0..<3000 {
            let document = Self.document("\(n)/KH-UBND", "Kế hoạch số \(n) về chuyển đổi số", date: "2025-01-01")
            index.add(document)
            if n % 3 == 0 { kept.append(document.id) }
        }
        let keptSet = Set(kept)
        for id in index.search(SearchQuery("", limit: .max)).hits.map(\.id) where !keptSet.contains(id) {
            index.remove(id: id)
        }
        #expect(index.count == 1000)
        #expect(index.statistics.tombstones < 2000) // compacted on the way
        index.compact()
        #expect(index.statistics.tombstones == 0)
        #expect(index.search(SearchQuery("chuyen doi so")).total == 1000)
        #expect(index.search(SearchQuery("2997/KH-UBND")).hits.first?.symbolMatch == true)
        #expect(index.search(SearchQuery("2998/KH-UBND")).hits.first?.symbolMatch != true)
        #expect(Set(index.search(SearchQuery("ke hoach", limit: .max)).hits.map(\.id)) == Set(kept))
        // Words no live document has are gone; prefixes still work.
        #expect(index.search(SearchQuery("2998")).total == 0)
        #expect(index.search(SearchQuery("299")).total == 3) // 2991, 2994, 2997
    }

    @Test func many_readers_and_one_writer() async {
        let index = SearchIndex()
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for n in 0..<2000 {
                    index.add(Self.document("\(n)/CV-UBND", "Công văn số \(n) về chuyển đổi số"))
                    if n % 10 == 0 { index.remove(id: UUID()) }
                }
            }
            for _ in 0..<4 {
                group.addTask {
                    for _ in 0..<200 {
                        let results = index.search(SearchQuery("cong van chuyen doi s", limit: 5))
                        #expect(results.hits.count <= 5 && results.total >= results.hits.count)
                    }
                }
            }
        }
        #expect(index.search(SearchQuery("cong van chuyen doi so")).total == 2000)
    }
}
