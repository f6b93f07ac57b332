import Foundation

/// Loại văn bản hành chính — the 29 administrative document types of Decree 30/2020/NĐ-CP art. 7, in the decree's order,
/// with the abbreviation of Annex III (domain reference §3.1).
///
/// None of these is a normative (quy phạm pháp luật, QPPL) document: Nghị quyết and Quyết định appear here in their
/// individual form ("cá biệt"); their normative namesakes follow the Law on Promulgation of Legal Documents and are
/// numbered in their own series (art. 15(1), see ``NumberSeries``). ``hasNormativeCounterpart`` marks those two.
public enum DocumentType: String, Codable, Sendable, CaseIterable {
    /// Nghị quyết (cá biệt) — NQ.
    case resolution
    /// Quyết định (cá biệt) — QĐ.
    case decision
    /// Chỉ thị — CT.
    case directive
    /// Quy chế — QC.
    case regulation
    /// Quy định — QyĐ.
    case rules
    /// Thông cáo — TC.
    case communique
    /// Thông báo — TB.
    case notice
    /// Hướng dẫn — HD.
    case guidance
    /// Chương trình — CTr.
    case program
    /// Kế hoạch — KH.
    case plan
    /// Phương án — PA.
    case operationalPlan
    /// Đề án — ĐA.
    case scheme
    /// Dự án — DA.
    case project
    /// Báo cáo — BC.
    case report
    /// Biên bản — BB.
    case minutes
    /// Tờ trình — TTr.
    case submission
    /// Hợp đồng — HĐ.
    case contract
    /// Công văn — no type abbreviation; its symbol is the agency's then the drafting unit's abbreviation (`123/UBND-VP`).
    case officialLetter
    /// Công điện — CĐ.
    case officialTelegram
    /// Bản ghi nhớ — BGN.
    case memorandumOfUnderstanding
    /// Bản thỏa thuận — BTT.
    case agreement
    /// Giấy ủy quyền — GUQ.
    case powerOfAttorney
    /// Giấy mời — GM.
    case invitation
    /// Giấy giới thiệu — GGT.
    case letterOfIntroduction
    /// Giấy nghỉ phép — GNP.
    case leavePermit
    /// Phiếu gửi — PG.
    case dispatchSlip
    /// Phiếu chuyển — PC.
    case transferSlip
    /// Phiếu báo — PB.
    case noticeSlip
    /// Thư công — no type abbreviation and, in cqs, no number (see ``isNumbered``).
    case publicLetter

    /// Position in art. 7 (1…29).
    public var ordinal: Int { Self.allCases.firstIndex(of: self)! + 1 }

    /// Tên loại văn bản — the Vietnamese name as art. 7 writes it (without "(cá biệt)").
    public var vietnameseName: String {
        switch self {
        case .resolution: "Nghị quyết"
        case .decision: "Quyết định"
        case .directive: "Chỉ thị"
        case .regulation: "Quy chế"
        case .rules: "Quy định"
        case .communique: "Thông cáo"
        case .notice: "Thông báo"
        case .guidance: "Hướng dẫn"
        case .program: "Chương trình"
        case .plan: "Kế hoạch"
        case .operationalPlan: "Phương án"
        case .scheme: "Đề án"
        case .project: "Dự án"
        case .report: "Báo cáo"
        case .minutes: "Biên bản"
        case .submission: "Tờ trình"
        case .contract: "Hợp đồng"
        case .officialLetter: "Công văn"
        case .officialTelegram: "Công điện"
        case .memorandumOfUnderstanding: "Bản ghi nhớ"
        case .agreement: "Bản thỏa thuận"
        case .powerOfAttorney: "Giấy ủy quyền"
        case .invitation: "Giấy mời"
        case .letterOfIntroduction: "Giấy giới thiệu"
        case .leavePermit: "Giấy nghỉ phép"
        case .dispatchSlip: "Phiếu gửi"
        case .transferSlip: "Phiếu chuyển"
        case .noticeSlip: "Phiếu báo"
        case .publicLetter: "Thư công"
        }
    }

    /// Chữ viết tắt tên loại văn bản (Annex III), exactly as the decree writes it — mixed case kept (`QyĐ`, `CTr`, `TTr`).
    /// `nil` for Công văn and Thư công, which have none.
    public var abbreviation: String? {
        switch self {
        case .resolution: "NQ"
        case .decision: "QĐ"
        case .directive: "CT"
        case .regulation: "QC"
        case .rules: "QyĐ"
        case .communique: "TC"
        case .notice: "TB"
        case .guidance: "HD"
        case .program: "CTr"
        case .plan: "KH"
        case .operationalPlan: "PA"
        case .scheme: "ĐA"
        case .project: "DA"
        case .report: "BC"
        case .minutes: "BB"
        case .submission: "TTr"
        case .contract: "HĐ"
        case .officialLetter: nil
        case .officialTelegram: "CĐ"
        case .memorandumOfUnderstanding: "BGN"
        case .agreement: "BTT"
        case .powerOfAttorney: "GUQ"
        case .invitation: "GM"
        case .letterOfIntroduction: "GGT"
        case .leavePermit: "GNP"
        case .dispatchSlip: "PG"
        case .transferSlip: "PC"
        case .noticeSlip: "PB"
        case .publicLetter: nil
        }
    }

    /// Whether a normative (QPPL) document of the same name exists (Nghị quyết, Quyết định): art. 7 lists their
    /// individual ("cá biệt") form; the normative form has a per-type number series (art. 15(1)).
    public var hasNormativeCounterpart: Bool { self == .resolution || self == .decision }

    /// Whether cqs gives the type a number and symbol. [U] Annex III gives Thư công no abbreviation and the reference
    /// does not say how it is numbered, so cqs does not number it; every other type is numbered.
    public var isNumbered: Bool { self != .publicLetter }

    /// The type whose Annex III abbreviation is exactly `abbreviation` (case-sensitive: `QyĐ`, not `QYĐ`).
    public init?(abbreviation: String) {
        guard let found = Self.allCases.first(where: { $0.abbreviation == abbreviation }) else { return nil }
        self = found
    }
}

/// Hình thức bản sao — the copy forms of Decree 30/2020 with their Annex III abbreviations; a copy gets its own number
/// and symbol, e.g. `05/SY-UBND`.
public enum CopyForm: String, Codable, Sendable, CaseIterable {
    /// Bản sao y — SY.
    case exactCopy
    /// Bản trích sao — TrS.
    case extractCopy
    /// Bản sao lục — SL.
    case transcribedCopy

    /// Vietnamese name.
    public var vietnameseName: String {
        switch self {
        case .exactCopy: "Bản sao y"
        case .extractCopy: "Bản trích sao"
        case .transcribedCopy: "Bản sao lục"
        }
    }

    /// Annex III abbreviation, exactly as the decree writes it.
    public var abbreviation: String {
        switch self {
        case .exactCopy: "SY"
        case .extractCopy: "TrS"
        case .transcribedCopy: "SL"
        }
    }

    /// The copy form whose abbreviation is exactly `abbreviation`.
    public init?(abbreviation: String) {
        guard let found = Self.allCases.first(where: { $0.abbreviation == abbreviation }) else { return nil }
        self = found
    }
}
