import Core
@testable import DocumentSearch
import Foundation
import Testing

/// Folding: the same result as the main project's `Core.VietnameseText.fold`, table-driven.
@Suite struct SearchTextTests {
    /// The reference: the main project's folding.
    static func referenceFold(_ text: String) -> String { VietnameseText.fold(text) }

    @Test func folding_removes_diacritics_and_case_and_maps_d_with_stroke() {
        #expect(SearchText.fold("KẾ HOẠCH Chuyển đổi số") == "ke hoach chuyen doi so")
        #expect(SearchText.fold("ĐĂNG KÝ KHAI SINH") == "dang ky khai sinh")
        #expect(SearchText.fold("  Ủy ban nhân dân tỉnh Tuyên Quang, 2025!  ") == "uy ban nhan dan tinh tuyen quang 2025")
        #expect(SearchText.fold("60/KH-UBND") == "60 kh ubnd")
    }

    @Test func folding_matches_core_vietnamese_text_on_samples() {
        let samples = [
            "Quyết định số 123/QĐ-UBND ngày 01.02.2025 về việc phê duyệt Đề án",
            "Thông tư 01/2011/TT-BNV hướng dẫn thể thức và kỹ thuật trình bày văn bản",
            "ỨNG DỤNG CÔNG NGHỆ THÔNG TIN – “chính quyền số”; v.v…",
            "Ẩm thực Hà Giang, Bắc Kạn: phở, bún chả; ỹ ỷ ỵ ự ữ ử ừ ứ ư",
            "tiếng Việt tổ hợp: Vie\u{0302}\u{0323}t Nam", // decomposed input
            "Ελληνικά, Русский, 中文, 日本語, 한국어, ﬁ ligature, İstanbul, Straße, Ǆ",
            "", "   ", "...", "a.b.c", "x\u{0301}\u{0301}y",
        ]
        for sample in samples {
            #expect(SearchText.fold(sample) == Self.referenceFold(sample), "\(sample)")
        }
    }

    @Test func folding_matches_core_vietnamese_text_on_random_text() {
        var random = SeededRandom(seed: 42)
        let alphabet = Array("aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ0123456789 .,;-/()\n\tÅØæœßçñ\u{0301}\u{0323}\u{0309}中ß")
        for _ in 0..<500 {
            let length = Int(random.next() % 40)
            let text = String((0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
            #expect(SearchText.fold(text) == Self.referenceFold(text), "\(text.debugDescription)")
        }
    }

    @Test func words_split_on_dots_and_punctuation() {
        #expect(SearchText.words("Tuyên Quang. Số 1.5, 60/KH-UBND") == ["tuyen", "quang", "so", "1", "5", "60", "kh", "ubnd"])
        #expect(SearchText.words("") == [])
        #expect(SearchText.words(String(repeating: "a", count: 100)) == [String(repeating: "a", count: SearchText.maximumWordLength)])
    }
}

/// A small deterministic generator (SplitMix64) so that every run sees the same "random" data.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
