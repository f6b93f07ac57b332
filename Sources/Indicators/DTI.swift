import Foundation

/// Bộ chỉ số đánh giá chuyển đổi số (DTI) — a configurable framework: pillars (chỉ số chính) → indicators (chỉ số
/// thành phần) → maximum points, whether evidence (minh chứng) is required, and how each is scored.
///
/// The whole framework is configuration ([U], domain reference §5 and the decisions at its top): the seed
/// `decision922` carries the only structure the reference has — the 9 main indices of Decision 922/QĐ-BTTTT with
/// their points and numbers of component indices. The component indices themselves, the scoring normalisation and
/// the newer 405/QĐ-BKHCN structure were not retrieved, so the province adds its own indicators.
public struct DTIFramework: Hashable, Codable, Sendable {
    /// Mã bộ chỉ số, e.g. "922/QĐ-BTTTT".
    public var code: String
    /// Tên bộ chỉ số.
    public var name: String
    public var pillars: [DTIPillar]

    public init(code: String, name: String, pillars: [DTIPillar]) {
        self.code = code
        self.name = name
        self.pillars = pillars
    }

    /// Tổng điểm tối đa.
    public var maxPoints: Int { pillars.reduce(0) { $0 + $1.maxPoints } }

    /// Problems: duplicate codes, a pillar whose configured indicators do not add up to its points, or a computed
    /// indicator on a count or with a threshold outside 1…100. Empty when valid. (A pillar with no indicators is
    /// valid: it is assessed as a whole.)
    public func validate() -> [String] {
        var problems: [String] = []
        var seen: Set<String> = []
        for pillar in pillars {
            for code in [pillar.code] + pillar.indicators.map(\.code) where !seen.insert(code).inserted {
                problems.append("\(code): duplicate code")
            }
            for indicator in pillar.indicators {
                if case let .platformFigure(key, threshold) = indicator.method {
                    if !key.isRate { problems.append("\(indicator.code): \(key.rawValue) is a count, not a rate") }
                    if !(1...100).contains(threshold) { problems.append("\(indicator.code): threshold \(threshold)%") }
                }
            }
            if !pillar.indicators.isEmpty {
                let sum = pillar.indicators.reduce(0) { $0 + $1.maxPoints }
                if sum != pillar.maxPoints {
                    problems.append("\(pillar.code): indicators sum to \(sum), pillar is worth \(pillar.maxPoints)")
                }
            }
        }
        return problems
    }

    /// The provincial DTI structure of Decision 922/QĐ-BTTTT (20/5/2022), §5: two groups, 9 main indices,
    /// 98 component indices, 1000 points. Codes are the category keys of a public provincial scoring app.
    /// "Hoạt động xã hội số" (8 components, 150 points) was computed from the totals [U]. No component index is
    /// seeded (their names were not retrieved), so each pillar is assessed as a whole until the province configures
    /// its indicators. 922/QĐ-BTTTT was replaced by 405/QĐ-BKHCN (2025), whose structure is unknown.
    public static let decision922 = DTIFramework(code: "922/QĐ-BTTTT", name: "Bộ chỉ số đánh giá chuyển đổi số cấp tỉnh", pillars: [
        DTIPillar(code: "nhanThucSo", name: "Nhận thức số", section: .foundation, maxPoints: 100, componentCount: 10),
        DTIPillar(code: "theCheSo", name: "Thể chế số", section: .foundation, maxPoints: 100, componentCount: 11),
        DTIPillar(code: "haTangSo", name: "Hạ tầng số", section: .foundation, maxPoints: 100, componentCount: 7),
        DTIPillar(code: "nhanLucSo", name: "Nhân lực số", section: .foundation, maxPoints: 100, componentCount: 13),
        DTIPillar(code: "anToanThongTinMang", name: "An toàn thông tin mạng", section: .foundation, maxPoints: 100, componentCount: 12),
        DTIPillar(code: "doThiThongMinh", name: "Đô thị thông minh", section: .foundation, maxPoints: 0, componentCount: 3),
        DTIPillar(code: "hoatDongChinhQuyenSo", name: "Hoạt động chính quyền số", section: .activity, maxPoints: 200, componentCount: 22),
        DTIPillar(code: "hoatDongKinhTeSo", name: "Hoạt động kinh tế số", section: .activity, maxPoints: 150, componentCount: 12),
        DTIPillar(code: "hoatDongXaHoiSo", name: "Hoạt động xã hội số", section: .activity, maxPoints: 150, componentCount: 8),
    ])
}

extension DTIFramework {
    /// The framework cqs seeds a new evaluation year with: `decision922`, with "Hoạt động chính quyền số" (200
    /// points) split so that what the platform measures is filled from its own figures — online submission, on-time
    /// resolution, digitisation of dossiers and results, signed outgoing documents, online payment — and the rest
    /// self-assessed with evidence. The split is a cqs default [cqs], not from 922; the province changes it per year.
    public static let platformSeed: DTIFramework = {
        var framework = decision922
        framework.name += " (cấu hình mặc định của cqs)"
        let measured: [(String, String, Int, FigureKey, Int)] = [
            ("cqs.nopTrucTuyen", "Tỷ lệ hồ sơ thủ tục hành chính nộp trực tuyến", 20, .onlineSubmissionRate, 50),
            ("cqs.dungHan", "Tỷ lệ hồ sơ giải quyết trước hạn, đúng hạn", 20, .onTimeRate, 100),
            ("cqs.soHoaHoSo", "Tỷ lệ hồ sơ được số hóa", 15, .dossierDigitizationRate, 100),
            ("cqs.ketQuaDienTu", "Tỷ lệ kết quả giải quyết điện tử", 15, .resultDigitizationRate, 100),
            ("cqs.kySo", "Tỷ lệ văn bản đi được ký số", 15, .digitallySignedRate, 100),
            ("cqs.thanhToan", "Tỷ lệ hồ sơ thanh toán trực tuyến", 15, .onlinePaymentRate, 100),
        ]
        guard let index = framework.pillars.firstIndex(where: { $0.code == "hoatDongChinhQuyenSo" }) else { return framework }
        let pillar = framework.pillars[index]
        let measuredPoints = measured.reduce(0) { $0 + $1.2 }
        framework.pillars[index].indicators = measured.map {
            DTIIndicator(code: $0.0, name: $0.1, maxPoints: $0.2, evidenceRequired: false, method: .platformFigure($0.3, thresholdPercent: $0.4))
        } + [DTIIndicator(code: "hoatDongChinhQuyenSo.khac", name: "Các chỉ số thành phần khác của hoạt động chính quyền số",
                          maxPoints: pillar.maxPoints - measuredPoints, evidenceRequired: true, method: .selfAssessed)]
        return framework
    }()
}

/// Chỉ số chính — one pillar of the framework.
public struct DTIPillar: Hashable, Codable, Sendable {
    /// Nhóm — the two halves of the 922 structure.
    public enum Section: String, Hashable, Codable, Sendable {
        /// Nhóm chỉ số nền tảng chung (500 points in 922).
        case foundation
        /// Nhóm chỉ số hoạt động (500 points in 922).
        case activity
    }

    public var code: String
    public var name: String
    public var section: Section
    /// Điểm tối đa; 0 for a pillar that is described but not scored (Đô thị thông minh).
    public var maxPoints: Int
    /// Số chỉ số thành phần the source framework declares (for completeness checks), if known.
    public var componentCount: Int?
    /// The configured component indicators; empty until the province configures them.
    public var indicators: [DTIIndicator]

    public init(code: String, name: String, section: Section, maxPoints: Int, componentCount: Int? = nil,
                indicators: [DTIIndicator] = []) {
        self.code = code
        self.name = name
        self.section = section
        self.maxPoints = maxPoints
        self.componentCount = componentCount
        self.indicators = indicators
    }

    /// The indicators scored: the configured ones, or — for a pillar with none and points — a single self-assessed
    /// indicator with the pillar's code and points, evidence required.
    public var effectiveIndicators: [DTIIndicator] {
        if !indicators.isEmpty || maxPoints == 0 { return indicators }
        return [DTIIndicator(code: code, name: name, maxPoints: maxPoints, evidenceRequired: true, method: .selfAssessed)]
    }
}

/// Chỉ số thành phần — one scored indicator.
public struct DTIIndicator: Hashable, Codable, Sendable {
    public var code: String
    public var name: String
    /// Điểm tối đa.
    public var maxPoints: Int
    /// Yêu cầu minh chứng — a self-assessment without evidence scores 0 until a reviewer corrects it.
    public var evidenceRequired: Bool
    public var method: DTIScoringMethod

    public init(code: String, name: String, maxPoints: Int, evidenceRequired: Bool, method: DTIScoringMethod) {
        self.code = code
        self.name = name
        self.maxPoints = maxPoints
        self.evidenceRequired = evidenceRequired
        self.method = method
    }
}

/// Phương pháp chấm điểm.
public enum DTIScoringMethod: Hashable, Codable, Sendable {
    /// Tự đánh giá — the unit gives a number of points, clamped to 0…max.
    case selfAssessed
    /// Có / không — yes scores the maximum, no scores 0.
    case yesNo
    /// Tính từ số liệu nền tảng — `max × min(1, rate ÷ threshold)` from a rate of the unit's `Figures`; a rate with
    /// no denominator (nothing to count) or no figures scores 0.
    case platformFigure(FigureKey, thresholdPercent: Int)
}

/// Khối đơn vị — the groups ranked separately.
public enum DTIUnitGroup: String, Hashable, Codable, Sendable, CaseIterable {
    /// Sở, ban, ngành cấp tỉnh.
    case department
    /// Xã, phường, đặc khu.
    case commune
}

/// A unit's answer to one indicator (tự đánh giá).
public struct DTIAnswer: Hashable, Sendable {
    /// The value: points (self-assessed) or yes/no.
    public enum Value: Hashable, Sendable {
        case points(Fraction)
        case yes
        case no
    }

    public var value: Value
    /// Minh chứng — references to the evidence (document numbers, links, file ids).
    public var evidence: [String]

    public init(_ value: Value, evidence: [String] = []) {
        self.value = value
        self.evidence = evidence
    }
}

/// Ý kiến thẩm định — a reviewer's corrected score with the reason.
public struct DTICorrection: Hashable, Sendable {
    /// The score that replaces the unit's (clamped to 0…max).
    public var points: Fraction
    public var comment: String
    public var reviewer: String?

    public init(points: Fraction, comment: String, reviewer: String? = nil) {
        self.points = points
        self.comment = comment
        self.reviewer = reviewer
    }
}

/// Phiếu đánh giá DTI of one unit: its self-assessment and the reviewers' corrections, per indicator code.
public struct DTIEvaluation: Hashable, Sendable {
    public var unitCode: String
    public var group: DTIUnitGroup
    /// Tự đánh giá, by indicator code.
    public var answers: [String: DTIAnswer]
    /// Thẩm định, by indicator code. A correction overrides everything else for its indicator.
    public var corrections: [String: DTICorrection]

    public init(unitCode: String, group: DTIUnitGroup, answers: [String: DTIAnswer] = [:],
                corrections: [String: DTICorrection] = [:]) {
        self.unitCode = unitCode
        self.group = group
        self.answers = answers
        self.corrections = corrections
    }

    /// Scores the evaluation against `framework`, with the unit's platform figures for computed indicators.
    /// Per indicator: the reviewer's correction if any; else the computed or self-assessed score, which is 0 when
    /// evidence is required and none was given (for computed indicators the platform is the evidence).
    public func score(framework: DTIFramework, figures: Figures?) -> DTIScore {
        var items: [DTIIndicatorScore] = []
        var pillarPoints: [String: Fraction] = [:]
        for pillar in framework.pillars {
            var sum = Fraction.zero
            for indicator in pillar.effectiveIndicators {
                let item = scoreIndicator(indicator, pillar: pillar.code, figures: figures)
                items.append(item)
                sum += item.points
            }
            pillarPoints[pillar.code] = sum
        }
        return DTIScore(unitCode: unitCode, group: group, indicators: items, pillarPoints: pillarPoints)
    }

    func scoreIndicator(_ indicator: DTIIndicator, pillar: String, figures: Figures?) -> DTIIndicatorScore {
        let max = Fraction(indicator.maxPoints)
        func clamp(_ x: Fraction) -> Fraction { Swift.min(Swift.max(x, .zero), max) }
        let answer = answers[indicator.code]
        var missingEvidence = false
        let assessed: Fraction
        switch indicator.method {
        case let .platformFigure(key, threshold):
            if let ratio = figures?.value(key).ratio, let value = ratio.fraction {
                assessed = clamp(max * value / Fraction(threshold, 100))
            } else {
                assessed = .zero
            }
        case .selfAssessed, .yesNo:
            let raw: Fraction
            switch answer?.value {
            case let .points(p)?: raw = indicator.method == .yesNo ? .zero : clamp(p)
            case .yes?: raw = indicator.method == .yesNo ? max : .zero
            case .no?, nil: raw = .zero
            }
            missingEvidence = indicator.evidenceRequired && raw > .zero && (answer?.evidence.isEmpty ?? true)
            assessed = missingEvidence ? .zero : raw
        }
        let correction = corrections[indicator.code]
        return DTIIndicatorScore(pillar: pillar, indicator: indicator.code, assessed: assessed,
                                 missingEvidence: missingEvidence, correction: correction,
                                 points: correction.map { clamp($0.points) } ?? assessed)
    }
}

/// One indicator's outcome in a DTI evaluation.
public struct DTIIndicatorScore: Hashable, Sendable {
    public let pillar: String
    public let indicator: String
    /// The score before review: computed, or self-assessed (0 when evidence was required and missing).
    public let assessed: Fraction
    /// Evidence was required and not given.
    public let missingEvidence: Bool
    /// The reviewer's correction, if any.
    public let correction: DTICorrection?
    /// Điểm — the final score.
    public let points: Fraction
}

/// Kết quả DTI of one unit.
public struct DTIScore: Hashable, Sendable {
    public let unitCode: String
    public let group: DTIUnitGroup
    public let indicators: [DTIIndicatorScore]
    /// Points per pillar code.
    public let pillarPoints: [String: Fraction]
    /// Tổng điểm.
    public var total: Fraction { pillarPoints.values.reduce(.zero, +) }
}

/// Đợt đánh giá — one round: a framework, the units' evaluations and their platform figures.
public struct DTIRound: Hashable, Sendable {
    public var framework: DTIFramework
    public var evaluations: [DTIEvaluation]
    /// Each unit's figures for the round's period, by unit code (for `platformFigure` indicators).
    public var figures: [String: Figures]

    public init(framework: DTIFramework, evaluations: [DTIEvaluation], figures: [String: Figures] = [:]) {
        self.framework = framework
        self.evaluations = evaluations
        self.figures = figures
    }

    /// Every unit's score, by unit code.
    public func scores() -> [String: DTIScore] {
        Dictionary(uniqueKeysWithValues: evaluations.map {
            ($0.unitCode, $0.score(framework: framework, figures: figures[$0.unitCode]))
        })
    }

    /// Xếp hạng theo khối — the units of one group (departments or communes) ranked by total points, ties sharing
    /// a rank (`Ranking.rank`).
    public func ranking(by group: DTIUnitGroup) -> [RankedUnit] {
        Ranking.rank(scores().filter { $0.value.group == group }.mapValues(\.total))
    }
}
