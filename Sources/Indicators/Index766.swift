import Foundation

/// Nhóm chỉ số of Decision 766/QĐ-TTg (domain reference §1.2). Numbering follows §1.3, where group 3 is "Cung cấp
/// dịch vụ trực tuyến" and group 4 "Số hóa hồ sơ" (§1.2's table lists them the other way round; both are worth 22).
public enum Index766Group: Int, Hashable, Codable, Sendable, CaseIterable, Comparable {
    /// Công khai, minh bạch — 18 points.
    case transparency = 1
    /// Tiến độ, kết quả giải quyết — 20 points.
    case progress = 2
    /// Cung cấp dịch vụ trực tuyến — 22 points.
    case onlineServices = 3
    /// Số hóa hồ sơ — 22 points.
    case digitization = 4
    /// Mức độ hài lòng — 18 points.
    case satisfaction = 5

    /// Vietnamese name.
    public var name: String {
        switch self {
        case .transparency: "Công khai, minh bạch"
        case .progress: "Tiến độ, kết quả giải quyết"
        case .onlineServices: "Cung cấp dịch vụ trực tuyến"
        case .digitization: "Số hóa hồ sơ"
        case .satisfaction: "Mức độ hài lòng"
        }
    }

    /// Maximum points per §1.2 [S]: 18/20/22/22/18 = 100.
    public var defaultMaxPoints: Int {
        switch self {
        case .transparency: 18
        case .progress: 20
        case .onlineServices, .digitization: 22
        case .satisfaction: 18
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The indicators of Decision 766 as §1.3 lists them, with their codes. Codes with a letter ("3.A", "3.B", "4.A")
/// are assigned by cqs to the portal-era metrics of source (M) that have no number in the formula document (F).
public enum Index766Indicator: String, Hashable, Codable, Sendable, CaseIterable, Comparable {
    /// 1.1 Tỷ lệ TTHC công bố đúng hạn — external input.
    case publishedOnTime = "1.1"
    /// 1.2 Tỷ lệ TTHC được cập nhật, công khai đúng hạn — external input.
    case disclosedOnTime = "1.2"
    /// 1.3 Tỷ lệ TTHC công khai đầy đủ các bộ phận tạo thành — external input.
    case fullyDisclosed = "1.3"
    /// 1.4 Tỷ lệ hồ sơ đồng bộ lên Cổng DVCQG — facts plus the national counts.
    case syncedToNationalPortal = "1.4"
    /// 2.1 Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn.
    case processedOnTime = "2.1"
    /// 2.2 Thời gian giải quyết trung bình — reported, never scored.
    case averageResolutionTime = "2.2"
    /// 3.1 Tỷ lệ TTHC cung cấp DVC trực tuyến — external input (catalog).
    case onlineServiceProvision = "3.1"
    /// 3.2 Tỷ lệ DVCTT có phát sinh hồ sơ — facts / catalog count.
    case onlineServiceUsage = "3.2"
    /// 3.3 Tỷ lệ hồ sơ TTHC nộp trực tuyến × tỷ lệ đồng bộ.
    case onlineSubmission = "3.3"
    /// 3.A Hồ sơ DVCTT toàn trình / hồ sơ TTHC đủ điều kiện toàn trình (portal metric, M).
    case fullOnlineDossiers = "3.A"
    /// 3.5 Tỷ lệ TTHC có nghĩa vụ tài chính được tích hợp thanh toán trực tuyến.
    case feeIntegration = "3.5"
    /// 3.B TTHC có giao dịch thanh toán trực tuyến (portal metric, M).
    case onlinePaymentProcedures = "3.B"
    /// 3.6 Tỷ lệ hồ sơ thanh toán trực tuyến.
    case onlinePayment = "3.6"
    /// 4.1 Tỷ lệ hồ sơ có cấp kết quả giải quyết TTHC điện tử.
    case electronicResults = "4.1"
    /// 4.2 Tỷ lệ hồ sơ thực hiện số hóa hồ sơ.
    case dossierDigitization = "4.2"
    /// 4.A Cung cấp dịch vụ chứng thực bản sao điện tử từ bản chính (portal metric, M) — external yes/no.
    case electronicCopyCertification = "4.A"
    /// 4.3 Tỷ lệ khai thác, sử dụng lại thông tin, dữ liệu số hóa.
    case dataReuse = "4.3"
    /// 4.4 Tỷ lệ hồ sơ số hóa có kết nối, chia sẻ dữ liệu phục vụ tái sử dụng.
    case citizenDataStore = "4.4"
    /// 4.5a Tỷ lệ TTHC triển khai kết nối, chia sẻ dữ liệu dân cư.
    case populationDataProcedures = "4.5a"
    /// 4.5b Tỷ lệ hồ sơ sử dụng dữ liệu từ CSDL quốc gia về dân cư.
    case populationDataDossiers = "4.5b"
    /// 5.1 Tỷ lệ PAKN theo phân loại — reported, never scored.
    case feedbackByCategory = "5.1"
    /// 5.2 Tỷ lệ PAKN xử lý đúng hạn — external input.
    case feedbackOnTime = "5.2"
    /// 5.3 Tỷ lệ hài lòng trong xử lý PAKN — external input.
    case feedbackSatisfaction = "5.3"
    /// 5.4 Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC.
    case procedureSatisfaction = "5.4"

    /// The indicator's code, e.g. "2.1".
    public var code: String { rawValue }

    /// The group it belongs to.
    public var group: Index766Group {
        Index766Group(rawValue: Int(rawValue.prefix(1))!)!
    }

    /// Reported for information only (2.2, 5.1): they never score, whatever the configuration says.
    public var isInformational: Bool { self == .averageResolutionTime || self == .feedbackByCategory }

    /// Vietnamese name.
    public var name: String {
        switch self {
        case .publishedOnTime: "Tỷ lệ TTHC công bố đúng hạn"
        case .disclosedOnTime: "Tỷ lệ TTHC được cập nhật, công khai đúng hạn"
        case .fullyDisclosed: "Tỷ lệ TTHC công khai đầy đủ các bộ phận tạo thành"
        case .syncedToNationalPortal: "Tỷ lệ hồ sơ đồng bộ lên Cổng DVCQG"
        case .processedOnTime: "Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn"
        case .averageResolutionTime: "Thời gian giải quyết TTHC trung bình"
        case .onlineServiceProvision: "Tỷ lệ TTHC cung cấp DVC trực tuyến"
        case .onlineServiceUsage: "Tỷ lệ DVCTT có phát sinh hồ sơ"
        case .onlineSubmission: "Tỷ lệ hồ sơ TTHC nộp trực tuyến"
        case .fullOnlineDossiers: "Tỷ lệ hồ sơ DVCTT toàn trình"
        case .feeIntegration: "Tỷ lệ TTHC có nghĩa vụ tài chính được tích hợp thanh toán trực tuyến"
        case .onlinePaymentProcedures: "Tỷ lệ TTHC có giao dịch thanh toán trực tuyến"
        case .onlinePayment: "Tỷ lệ hồ sơ thanh toán trực tuyến"
        case .electronicResults: "Tỷ lệ hồ sơ có cấp kết quả giải quyết TTHC điện tử"
        case .dossierDigitization: "Tỷ lệ hồ sơ thực hiện số hóa hồ sơ"
        case .electronicCopyCertification: "Cung cấp dịch vụ chứng thực bản sao điện tử từ bản chính"
        case .dataReuse: "Tỷ lệ khai thác, sử dụng lại thông tin, dữ liệu số hóa"
        case .citizenDataStore: "Tỷ lệ hồ sơ số hóa có kết nối, chia sẻ dữ liệu phục vụ tái sử dụng"
        case .populationDataProcedures: "Tỷ lệ TTHC triển khai kết nối, chia sẻ dữ liệu dân cư"
        case .populationDataDossiers: "Tỷ lệ hồ sơ sử dụng dữ liệu từ CSDL quốc gia về dân cư"
        case .feedbackByCategory: "Tỷ lệ PAKN theo phân loại"
        case .feedbackOnTime: "Tỷ lệ PAKN xử lý đúng hạn"
        case .feedbackSatisfaction: "Tỷ lệ hài lòng trong xử lý PAKN"
        case .procedureSatisfaction: "Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC"
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// What happens to an indicator that cannot be computed.
public enum MissingDataPolicy: String, Hashable, Codable, Sendable {
    /// Không đạt — 0 points.
    case zeroPoints = "zero-points"
    /// Đạt tối đa — the indicator's full points.
    case fullPoints = "full-points"
}

/// Cấu hình Bộ chỉ số 766 — group maxima, each indicator's points and threshold, and the policies for missing data.
///
/// Defaults (`decision766`) are the domain reference's values. What is verified and what is not (§1.2–1.4):
/// - group maxima 18/20/22/22/18 [S]; 2.1 = 20 [S]; 5.4 = 6 [S]; 1.2 = 4 [S];
/// - every other point value is from the portal-era table (M) and is **[U]** — in particular **all of groups 3
///   and 4**, whose split in the 2022 decision was not found: group 3 = 3.A 12 + 3.5 2 + 3.B 2 + 3.6 6 (3.1, 3.2, 3.3
///   measured with 0 points); group 4 = 4.1 6 + 4.2 4 + 4.A 2 + 4.3 2 + 4.4 4 + 4.5a 2 + 4.5b 2;
///   group 1 = 1.1 6 + 1.2 4 + 1.3 2 + 1.4 6; group 5 = 5.2 6 + 5.3 6 + 5.4 6 (5.1 monitoring only);
/// - thresholds (F): 3.1 80%, 3.3 50%, 3.5 80%, 4.2 80%, 4.3 80%, 5.4 90%; the others have none (100%);
/// - `notMeasured` and `emptyDenominator` are cqs choices [U]: the national evaluation's handling is not known.
public struct Index766Configuration: Hashable, Sendable {
    /// One indicator's scoring: `points × min(1, rate ÷ threshold)`.
    public struct Rule: Hashable, Sendable {
        /// Maximum points.
        public var points: Int
        /// Ngưỡng — at or above this rate (in percent) the indicator scores full points; below it,
        /// `rate × points ÷ threshold` (F). 100 when the reference states none.
        public var thresholdPercent: Int
        /// The point value is unverified ([U]) in the domain reference.
        public var pointsUnverified: Bool

        public init(points: Int, thresholdPercent: Int = 100, pointsUnverified: Bool = true) {
            self.points = points
            self.thresholdPercent = thresholdPercent
            self.pointsUnverified = pointsUnverified
        }
    }

    /// Maximum points per group.
    public var groupMaxPoints: [Index766Group: Int]
    /// The rule of every indicator.
    public var rules: [Index766Indicator: Rule]
    /// An indicator whose external input was not given (`ExternalInputs` field `nil`): "không đo được".
    /// Default: 0 points, so nothing is invented.
    public var notMeasured: MissingDataPolicy
    /// An indicator whose denominator is zero (no dossier to count in the period). Default: full points — there was
    /// nothing to fail. [U]
    public var emptyDenominator: MissingDataPolicy
    /// 1.4: when neither national count nor last year's total is given, use the platform's own received count as
    /// the denominator (a cqs choice). When `false`, 1.4 is not measured in that case.
    public var syncFallsBackToPlatformCount: Bool

    public init(groupMaxPoints: [Index766Group: Int], rules: [Index766Indicator: Rule],
                notMeasured: MissingDataPolicy = .zeroPoints, emptyDenominator: MissingDataPolicy = .fullPoints,
                syncFallsBackToPlatformCount: Bool = true) {
        self.groupMaxPoints = groupMaxPoints
        self.rules = rules
        self.notMeasured = notMeasured
        self.emptyDenominator = emptyDenominator
        self.syncFallsBackToPlatformCount = syncFallsBackToPlatformCount
    }

    /// The domain reference's values (see the type's comment for what is [U]).
    public static let decision766 = Index766Configuration(
        groupMaxPoints: Dictionary(uniqueKeysWithValues: Index766Group.allCases.map { ($0, $0.defaultMaxPoints) }),
        rules: [
            .publishedOnTime: Rule(points: 6),
            .disclosedOnTime: Rule(points: 4, pointsUnverified: false),
            .fullyDisclosed: Rule(points: 2),
            .syncedToNationalPortal: Rule(points: 6),
            .processedOnTime: Rule(points: 20, pointsUnverified: false),
            .averageResolutionTime: Rule(points: 0),
            .onlineServiceProvision: Rule(points: 0, thresholdPercent: 80),
            .onlineServiceUsage: Rule(points: 0),
            .onlineSubmission: Rule(points: 0, thresholdPercent: 50),
            .fullOnlineDossiers: Rule(points: 12),
            .feeIntegration: Rule(points: 2, thresholdPercent: 80),
            .onlinePaymentProcedures: Rule(points: 2),
            .onlinePayment: Rule(points: 6),
            .electronicResults: Rule(points: 6),
            .dossierDigitization: Rule(points: 4, thresholdPercent: 80),
            .electronicCopyCertification: Rule(points: 2),
            .dataReuse: Rule(points: 2, thresholdPercent: 80),
            .citizenDataStore: Rule(points: 4),
            .populationDataProcedures: Rule(points: 2),
            .populationDataDossiers: Rule(points: 2),
            .feedbackByCategory: Rule(points: 0),
            .feedbackOnTime: Rule(points: 6),
            .feedbackSatisfaction: Rule(points: 6),
            .procedureSatisfaction: Rule(points: 6, thresholdPercent: 90, pointsUnverified: false),
        ])

    /// Problems with the configuration: a missing rule, a threshold outside 1…100, points on an informational
    /// indicator, or a group whose indicators' points do not add up to its maximum. Empty when valid.
    public func validate() -> [String] {
        var problems: [String] = []
        for indicator in Index766Indicator.allCases {
            guard let rule = rules[indicator] else { problems.append("\(indicator.code): no rule"); continue }
            if !(1...100).contains(rule.thresholdPercent) { problems.append("\(indicator.code): threshold \(rule.thresholdPercent)%") }
            if rule.points < 0 { problems.append("\(indicator.code): negative points") }
            if indicator.isInformational && rule.points != 0 { problems.append("\(indicator.code): informational, points ignored") }
        }
        for group in Index766Group.allCases {
            let sum = Index766Indicator.allCases.filter { $0.group == group && !$0.isInformational }
                .reduce(0) { $0 + (rules[$1]?.points ?? 0) }
            let max = groupMaxPoints[group] ?? 0
            if sum != max { problems.append("group \(group.rawValue): indicators sum to \(sum), maximum is \(max)") }
        }
        return problems
    }
}

/// Số liệu ngoài hệ thống — what the 766 index needs that dossier facts cannot give. Each `nil` field makes its
/// indicator "not measured" (scored by `Index766Configuration.notMeasured`), never guessed. Some come from the
/// platform's own catalog (the storage layer fills them), others from national systems or surveys.
public struct ExternalInputs: Hashable, Sendable {
    /// 1.1: TTHC công bố đúng hạn / TTHC đã công bố trong kỳ (national TTHC database).
    public var proceduresPublishedOnTime: Ratio?
    /// 1.2: TTHC công khai đúng hạn / TTHC phải cập nhật, công khai trong kỳ (national TTHC database).
    public var proceduresDisclosedOnTime: Ratio?
    /// 1.3: TTHC công khai đầy đủ / TTHC đã công khai (catalog, as of now).
    public var proceduresFullyDisclosed: Ratio?
    /// 1.4 denominator candidates: dossiers received in the period per the National Reporting System…
    public var reportingSystemReceived: Int?
    /// …and per Cổng DVCQG. The larger one is the denominator (F).
    public var nationalPortalReceived: Int?
    /// 1.4 fallback when neither count has data: last year's received total (÷12 for a month, ÷4 for a quarter).
    public var lastYearReceived: Int?
    /// 3.1: TTHC có DVCTT (một phần hoặc toàn trình) / TTHC thuộc thẩm quyền (catalog).
    public var proceduresOfferingOnlineService: Ratio?
    /// 3.2 denominator: online public services (DVC) of the scope, counted per applying unit (catalog).
    public var onlineServiceCount: Int?
    /// 3.5, 3.B denominator: TTHC with fee information in the national TTHC database.
    public var proceduresWithFees: Int?
    /// 4.A: whether electronic certified copies from originals are offered.
    public var electronicCopyCertification: Bool?
    /// 4.5a denominator: TTHC whose applicants are citizens (catalog).
    public var citizenProcedureCount: Int?
    /// 5.1–5.3: phản ánh, kiến nghị (PAKN) figures, from the PAKN system.
    public var feedback: FeedbackInputs?

    public init(proceduresPublishedOnTime: Ratio? = nil, proceduresDisclosedOnTime: Ratio? = nil,
                proceduresFullyDisclosed: Ratio? = nil, reportingSystemReceived: Int? = nil,
                nationalPortalReceived: Int? = nil, lastYearReceived: Int? = nil,
                proceduresOfferingOnlineService: Ratio? = nil, onlineServiceCount: Int? = nil,
                proceduresWithFees: Int? = nil, electronicCopyCertification: Bool? = nil,
                citizenProcedureCount: Int? = nil, feedback: FeedbackInputs? = nil) {
        self.proceduresPublishedOnTime = proceduresPublishedOnTime
        self.proceduresDisclosedOnTime = proceduresDisclosedOnTime
        self.proceduresFullyDisclosed = proceduresFullyDisclosed
        self.reportingSystemReceived = reportingSystemReceived
        self.nationalPortalReceived = nationalPortalReceived
        self.lastYearReceived = lastYearReceived
        self.proceduresOfferingOnlineService = proceduresOfferingOnlineService
        self.onlineServiceCount = onlineServiceCount
        self.proceduresWithFees = proceduresWithFees
        self.electronicCopyCertification = electronicCopyCertification
        self.citizenProcedureCount = citizenProcedureCount
        self.feedback = feedback
    }
}

/// Phản ánh, kiến nghị (PAKN) counts of the scope and period (indicators 5.1–5.3, §1.3 group 5).
public struct FeedbackInputs: Hashable, Sendable {
    /// Tổng PAKN thuộc thẩm quyền.
    public var total: Int
    /// PAKN về quy định, TTHC (the rest are about officials' conduct) — 5.1.
    public var aboutRegulations: Int
    /// PAKN xử lý đúng hoặc trước hạn — 5.2.
    public var handledOnTime: Int
    /// PAKN bị phản hồi không hài lòng, phản ánh về kết quả, hoặc xử lý quá hạn — 5.3.
    public var dissatisfiedOrLate: Int

    public init(total: Int, aboutRegulations: Int, handledOnTime: Int, dissatisfiedOrLate: Int) {
        self.total = total
        self.aboutRegulations = aboutRegulations
        self.handledOnTime = handledOnTime
        self.dissatisfiedOrLate = dissatisfiedOrLate
    }
}

/// How an indicator's value was obtained.
public enum Measurement: String, Hashable, Sendable {
    /// Computed from facts and inputs.
    case measured
    /// Its denominator is zero — scored by `emptyDenominator`.
    case noData = "no-data"
    /// An external input is missing — scored by `notMeasured`.
    case notMeasured = "not-measured"
}

/// One indicator's outcome.
public struct IndicatorScore: Hashable, Sendable {
    public let indicator: Index766Indicator
    /// The raw value: a rate (for 2.2, total seconds / dossiers). `nil` for 4.A and when not measured.
    public let raw: Ratio?
    /// The yes/no answer of 4.A.
    public let answer: Bool?
    public let measurement: Measurement
    public let thresholdPercent: Int
    /// The configured maximum (0 for informational indicators).
    public let maxPoints: Int
    /// Điểm — exact.
    public let points: Fraction
}

/// Kết quả Bộ chỉ số 766 of one scope and period.
public struct Index766Result: Hashable, Sendable {
    public let scope: UnitScope
    public let period: Period
    /// The figures the index was computed from (dossier figures only: the document rates are empty here).
    public let figures: Figures
    /// Every indicator, in code order.
    public let indicators: [IndicatorScore]
    /// Points per group.
    public let groupPoints: [Index766Group: Fraction]
    /// Tổng điểm.
    public var total: Fraction { groupPoints.values.reduce(.zero, +) }

    /// The outcome of one indicator.
    public func score(_ indicator: Index766Indicator) -> IndicatorScore {
        indicators.first { $0.indicator == indicator }!
    }
}

/// Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp (Decision 766/QĐ-TTg):
/// scoring and ranking. Formulas: domain reference §1.3; see each `Index766Indicator` and INDICATORS.md.
public enum Index766 {
    /// Scores `scope` for `period` from the dossier facts known at `now`, plus the external inputs.
    public static func score(facts: [DossierFact], scope: UnitScope, period: Period, now: Date,
                             inputs: ExternalInputs = ExternalInputs(),
                             configuration: Index766Configuration = .decision766) -> Index766Result {
        let p = Population(facts: facts, scope: scope, period: period, now: now)
        let figures = Figures(population: p, documents: [], scope: scope)
        let r = p.received
        var raws: [Index766Indicator: Raw] = [:]

        // Group 1
        raws[.publishedOnTime] = .rate(inputs.proceduresPublishedOnTime)
        raws[.disclosedOnTime] = .rate(inputs.proceduresDisclosedOnTime)
        raws[.fullyDisclosed] = .rate(inputs.proceduresFullyDisclosed)
        let sync = syncRate(synced: figures.syncRate.numerator, platformReceived: r.count, period: period,
                            inputs: inputs, configuration: configuration)
        raws[.syncedToNationalPortal] = .rate(sync)
        // Group 2
        raws[.processedOnTime] = .rate(figures.onTimeRate)
        raws[.averageResolutionTime] = .rate(figures.averageResolutionSeconds)
        // Group 3
        raws[.onlineServiceProvision] = .rate(inputs.proceduresOfferingOnlineService)
        let onlineServicesUsed = Set(r.filter { $0.channel == .online }.map { "\($0.unitCode)|\($0.procedureCode)" })
        raws[.onlineServiceUsage] = .rate(inputs.onlineServiceCount.map { Ratio(onlineServicesUsed.count, $0) })
        let onlineCounted = r.filter { $0.channel == .online && Figures.hasElectronicResultWhereRequired($0, population: p) }
        raws[.onlineSubmission] = .rate(sync.map { Ratio(onlineCounted.count, r.count) * $0 })
        raws[.fullOnlineDossiers] = .rate(figures.fullOnlineRate)
        let feeSynced = Set(r.filter { $0.feeDue > 0 && $0.syncedToNationalPortal }.map(\.procedureCode))
        raws[.feeIntegration] = .rate(inputs.proceduresWithFees.map { Ratio(feeSynced.count, $0) })
        let paidOnline = Set(r.filter { $0.feeDue > 0 && $0.paidOnline }.map(\.procedureCode))
        raws[.onlinePaymentProcedures] = .rate(inputs.proceduresWithFees.map { Ratio(paidOnline.count, $0) })
        raws[.onlinePayment] = .rate(figures.onlinePaymentRate)
        // Group 4
        raws[.electronicResults] = .rate(figures.resultDigitizationRate)
        raws[.dossierDigitization] = .rate(figures.dossierDigitizationRate)
        raws[.electronicCopyCertification] = .yesNo(inputs.electronicCopyCertification)
        raws[.dataReuse] = .rate(figures.dataReuseRate)
        raws[.citizenDataStore] = .rate(figures.citizenDataStoreRate)
        let populationProcedures = Set(r.filter(\.usedPopulationData).map(\.procedureCode))
        raws[.populationDataProcedures] = .rate(inputs.citizenProcedureCount.map { Ratio(populationProcedures.count, $0) })
        raws[.populationDataDossiers] = .rate(figures.populationDataRate)
        // Group 5
        let feedback = inputs.feedback
        raws[.feedbackByCategory] = .rate(feedback.map { Ratio($0.aboutRegulations, $0.total) })
        raws[.feedbackOnTime] = .rate(feedback.map { Ratio($0.handledOnTime, $0.total) })
        raws[.feedbackSatisfaction] = .rate(feedback.map { Ratio($0.total - $0.dissatisfiedOrLate, $0.total) })
        raws[.procedureSatisfaction] = .rate(figures.satisfactionRate)

        let scores = Index766Indicator.allCases.map { indicator in
            scoreIndicator(indicator, raw: raws[indicator]!, configuration: configuration)
        }
        var groups: [Index766Group: Fraction] = [:]
        for group in Index766Group.allCases {
            groups[group] = scores.filter { $0.indicator.group == group }.reduce(.zero) { $0 + $1.points }
        }
        return Index766Result(scope: scope, period: period, figures: figures, indicators: scores, groupPoints: groups)
    }

    /// Scores several units for the same period (e.g. every commune, each with its sub-units), keyed as given.
    public static func score(facts: [DossierFact], units: [String: UnitScope], period: Period, now: Date,
                             inputs: [String: ExternalInputs] = [:],
                             configuration: Index766Configuration = .decision766) -> [String: Index766Result] {
        var results: [String: Index766Result] = [:]
        for (unit, scope) in units {
            results[unit] = score(facts: facts, scope: scope, period: period, now: now,
                                  inputs: inputs[unit] ?? ExternalInputs(), configuration: configuration)
        }
        return results
    }

    /// Xếp hạng — units ordered by total points; ties share a rank (`Ranking.rank`: "1, 2, 2, 4", tied units listed
    /// by key).
    public static func rank(_ results: [String: Index766Result]) -> [RankedUnit] {
        Ranking.rank(results.mapValues(\.total))
    }

    /// 1.4's rate: synced / max(national counts); else F's fallback on last year's total (÷12 month, ÷4 quarter,
    /// whole year); else, if configured, the platform's own received count. `nil` when nothing is available.
    static func syncRate(synced: Int, platformReceived: Int, period: Period, inputs: ExternalInputs,
                         configuration: Index766Configuration) -> Ratio? {
        let national = [inputs.reportingSystemReceived, inputs.nationalPortalReceived].compactMap { $0 }.max() ?? 0
        if national > 0 { return Ratio(synced, national) }
        if let lastYear = inputs.lastYearReceived, lastYear > 0, let parts = period.periodsPerYear {
            // synced ÷ (lastYear ÷ parts) = synced × parts ÷ lastYear
            return Ratio(synced * parts, lastYear)
        }
        if configuration.syncFallsBackToPlatformCount { return Ratio(synced, platformReceived) }
        let anyNationalGiven = inputs.reportingSystemReceived != nil || inputs.nationalPortalReceived != nil
        return anyNationalGiven ? Ratio(synced, 0) : nil
    }

    enum Raw {
        case rate(Ratio?)
        case yesNo(Bool?)
    }

    static func scoreIndicator(_ indicator: Index766Indicator, raw: Raw,
                               configuration: Index766Configuration) -> IndicatorScore {
        let rule = configuration.rules[indicator] ?? .init(points: 0)
        let max = indicator.isInformational ? 0 : rule.points
        let full = Fraction(max)
        func policy(_ p: MissingDataPolicy) -> Fraction { p == .fullPoints ? full : .zero }
        switch raw {
        case let .yesNo(answer):
            guard let answer else {
                return IndicatorScore(indicator: indicator, raw: nil, answer: nil, measurement: .notMeasured,
                                      thresholdPercent: rule.thresholdPercent, maxPoints: max,
                                      points: policy(configuration.notMeasured))
            }
            return IndicatorScore(indicator: indicator, raw: nil, answer: answer, measurement: .measured,
                                  thresholdPercent: rule.thresholdPercent, maxPoints: max, points: answer ? full : .zero)
        case let .rate(ratio):
            guard let ratio else {
                return IndicatorScore(indicator: indicator, raw: nil, answer: nil, measurement: .notMeasured,
                                      thresholdPercent: rule.thresholdPercent, maxPoints: max,
                                      points: policy(configuration.notMeasured))
            }
            guard let value = ratio.fraction else {
                return IndicatorScore(indicator: indicator, raw: ratio, answer: nil, measurement: .noData,
                                      thresholdPercent: rule.thresholdPercent, maxPoints: max,
                                      points: policy(configuration.emptyDenominator))
            }
            // F: at or above the threshold, full points; below, rate × points ÷ threshold.
            let scaled = full * value / Fraction(rule.thresholdPercent, 100)
            return IndicatorScore(indicator: indicator, raw: ratio, answer: nil, measurement: .measured,
                                  thresholdPercent: rule.thresholdPercent, maxPoints: max, points: min(scaled, full))
        }
    }
}
