import Foundation

/// The dossiers of one scope and period, sorted into the populations every figure and indicator counts.
/// The evaluation instant is the period's end, or `now` when that comes first; an event counts by an instant when
/// it happened strictly before it.
struct Population {
    let period: Period
    let evaluatedAt: Date
    /// R — received in the period (tiếp nhận trong kỳ): `period.start ≤ receivedAt < evaluatedAt`.
    let received: [DossierFact]
    /// H — handled in the period (tiếp nhận, xử lý trong kỳ): received before the evaluation instant and not ended
    /// before the period started, each with its classification at the evaluation instant.
    let handled: [(fact: DossierFact, classification: Classification766)]

    init(facts: [DossierFact], scope: UnitScope, period: Period, now: Date) {
        self.period = period
        let evaluatedAt = min(now, period.end)
        self.evaluatedAt = evaluatedAt
        let inScope = facts.filter { scope.contains(path: $0.unitPath, level: $0.level) }
        received = inScope.filter { fact in
            guard let at = fact.receivedAt else { return false }
            return at >= period.start && at < evaluatedAt
        }
        handled = inScope.compactMap { fact in
            if let ended = fact.endedAt, ended < period.start { return nil }
            guard let classification = Classification766.classify(fact, at: evaluatedAt) else { return nil }
            return (fact, classification)
        }
    }

    /// Whether the dossier reached a result before the evaluation instant.
    func hasResult(_ fact: DossierFact) -> Bool { fact.resultAt.map { $0 < evaluatedAt } ?? false }

    /// Dossiers that reached a result in the period (state `.resolved`; the end is in the period since handled
    /// dossiers did not end before it).
    var resolved: [(fact: DossierFact, classification: Classification766)] {
        handled.filter { $0.classification.state == .resolved }
    }
}

/// Số liệu — the figures of issue 6 item 1 for one unit scope and period. Counts are plain integers; rates are
/// `Ratio`s (numerator and denominator), so they are exact. `FigureDefinition.all` documents each one's formula.
public struct Figures: Hashable, Sendable {
    public let scope: UnitScope
    public let period: Period
    /// The instant the period was evaluated at: its end, or `now` when that comes first.
    public let evaluatedAt: Date

    /// Hồ sơ tiếp nhận trong kỳ, by channel.
    public let receivedByChannel: [DossierFact.Channel: Int]
    /// Hồ sơ tiếp nhận trong kỳ.
    public var received: Int { receivedByChannel.values.reduce(0, +) }
    /// Hồ sơ kỳ trước chuyển sang — received before the period, not ended before it.
    public let carriedOver: Int
    /// Hồ sơ tiếp nhận, xử lý trong kỳ = received + carried over.
    public var handled: Int { received + carriedOver }
    /// Đã giải quyết trước hạn.
    public let resolvedEarly: Int
    /// Đã giải quyết đúng hạn.
    public let resolvedOnTime: Int
    /// Đã giải quyết quá hạn.
    public let resolvedLate: Int
    /// Đã giải quyết.
    public var resolved: Int { resolvedEarly + resolvedOnTime + resolvedLate }
    /// Dừng xử lý, từ chối sau tiếp nhận, rút hồ sơ — ended in the period without a result.
    public let closedWithoutResult: Int
    /// Đang giải quyết — still open at the evaluation instant (including those waiting for a supplement).
    public let open: Int
    /// Đang giải quyết quá hạn — open and late at the evaluation instant.
    public let openOverdue: Int

    /// 2.1 Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn — handled dossiers ended or still open in time / handled.
    public let onTimeRate: Ratio
    /// 2.2 Thời gian giải quyết trung bình — Σ seconds (result − receipt − supplement time) / dossiers resolved.
    public let averageResolutionSeconds: Ratio
    /// Tỷ lệ hồ sơ nộp trực tuyến — received online / received.
    public let onlineSubmissionRate: Ratio
    /// Tỷ lệ hồ sơ DVCTT toàn trình — received fully online / received of procedures eligible for it.
    public let fullOnlineRate: Ratio
    /// 3.6 Tỷ lệ hồ sơ thanh toán trực tuyến — received, fee > 0, paid online / received with fee > 0.
    public let onlinePaymentRate: Ratio
    /// 4.2 Tỷ lệ hồ sơ số hóa — see `FigureDefinition`.
    public let dossierDigitizationRate: Ratio
    /// 4.1 Tỷ lệ kết quả điện tử — see `FigureDefinition`.
    public let resultDigitizationRate: Ratio
    /// 4.3 Tỷ lệ tái sử dụng dữ liệu số hóa.
    public let dataReuseRate: Ratio
    /// 4.4 Tỷ lệ hồ sơ lấy dữ liệu từ kho dữ liệu của công dân trên Cổng DVCQG.
    public let citizenDataStoreRate: Ratio
    /// 4.5b Tỷ lệ hồ sơ sử dụng dữ liệu từ CSDL quốc gia về dân cư.
    public let populationDataRate: Ratio
    /// Tỷ lệ hồ sơ đồng bộ lên Cổng DVCQG — synced / received (1.4 with the platform's own denominator).
    public let syncRate: Ratio
    /// 5.4 Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC — (handled − late − dissatisfied − complained) / handled.
    public let satisfactionRate: Ratio
    /// Tỷ lệ đánh giá hài lòng — rated not "không hài lòng" / rated, among handled dossiers.
    public let ratingSatisfactionRate: Ratio
    /// Tỷ lệ văn bản đi được ký số.
    public internal(set) var digitallySignedRate: Ratio
    /// Tỷ lệ văn bản đi, đến trao đổi hoàn toàn điện tử.
    public internal(set) var electronicExchangeRate: Ratio

    /// Computes every figure for the dossiers (and documents) of `scope` in `period`, as known at `now`.
    public static func compute(facts: [DossierFact], documents: [DocumentFact] = [], scope: UnitScope,
                               period: Period, now: Date) -> Figures {
        Figures(population: Population(facts: facts, scope: scope, period: period, now: now),
                documents: documents, scope: scope)
    }

    init(population p: Population, documents: [DocumentFact], scope: UnitScope) {
        self.scope = scope
        period = p.period
        evaluatedAt = p.evaluatedAt
        let r = p.received
        var byChannel: [DossierFact.Channel: Int] = [:]
        for channel in DossierFact.Channel.allCases { byChannel[channel] = r.filter { $0.channel == channel }.count }
        receivedByChannel = byChannel
        carriedOver = p.handled.count - r.count
        let resolved = p.resolved
        resolvedEarly = resolved.filter { $0.classification.timeliness == .early }.count
        resolvedOnTime = resolved.filter { $0.classification.timeliness == .onTime }.count
        resolvedLate = resolved.filter { $0.classification.timeliness == .late }.count
        closedWithoutResult = p.handled.filter { $0.classification.state == .closedWithoutResult }.count
        let openOnes = p.handled.filter { $0.classification.state == .open }
        open = openOnes.count
        openOverdue = openOnes.filter { $0.classification.timeliness == .late }.count

        onTimeRate = Ratio(p.handled.filter { $0.classification.isInTime }.count, p.handled.count)
        let seconds = resolved.reduce(0) { sum, item in
            let fact = item.fact
            return sum + Int(fact.resultAt!.timeIntervalSince(fact.receivedAt!) - fact.supplementPause)
        }
        averageResolutionSeconds = Ratio(seconds, resolved.count)
        onlineSubmissionRate = Ratio(r.filter { $0.channel == .online }.count, r.count)
        let eligible = r.filter(\.procedureFullOnlineEligible)
        fullOnlineRate = Ratio(eligible.filter(\.isFullOnline).count, eligible.count)
        let withFee = r.filter { $0.feeDue > 0 }
        onlinePaymentRate = Ratio(withFee.filter(\.paidOnline).count, withFee.count)
        dossierDigitizationRate = Ratio(r.filter { Figures.isDigitized($0, population: p) }.count, r.count)
        let withResult = r.filter { $0.requiresResultDocument && p.hasResult($0) }
        resultDigitizationRate = Ratio(withResult.filter(\.resultDigitized).count, withResult.count)
        dataReuseRate = Ratio(r.filter(\.reusedData).count, r.count)
        citizenDataStoreRate = Ratio(r.filter(\.usedCitizenDataStore).count, r.count)
        populationDataRate = Ratio(r.filter(\.usedPopulationData).count, r.count)
        syncRate = Ratio(r.filter(\.syncedToNationalPortal).count, r.count)
        let unsatisfactory = p.handled.filter {
            $0.classification.timeliness == .late || $0.fact.rating == .dissatisfied || $0.fact.hasComplaint
        }
        satisfactionRate = Ratio(p.handled.count - unsatisfactory.count, p.handled.count)
        let rated = p.handled.compactMap(\.fact.rating)
        ratingSatisfactionRate = Ratio(rated.filter { $0 != .dissatisfied }.count, rated.count)

        let documentRates = Figures.documentRates(documents, scope: scope, period: p.period, evaluatedAt: p.evaluatedAt)
        digitallySignedRate = documentRates.digitallySigned
        electronicExchangeRate = documentRates.electronicExchange
    }

    /// 4.2's condition: components digitised and, where the procedure requires a written result and the dossier has
    /// reached one, an electronic result. (cqs reading: the result condition applies once a result exists.)
    static func isDigitized(_ fact: DossierFact, population: Population) -> Bool {
        fact.componentsDigitized && hasElectronicResultWhereRequired(fact, population: population)
    }

    /// 3.3's and 4.2's second condition: no written result required, no result yet, or an electronic result.
    static func hasElectronicResultWhereRequired(_ fact: DossierFact, population: Population) -> Bool {
        !fact.requiresResultDocument || !population.hasResult(fact) || fact.resultDigitized
    }

    /// The figure named by `key`.
    public func value(_ key: FigureKey) -> FigureValue {
        switch key {
        case .received: .count(received)
        case .receivedOnline: .count(receivedByChannel[.online] ?? 0)
        case .receivedDesk: .count(receivedByChannel[.desk] ?? 0)
        case .receivedPostal: .count(receivedByChannel[.postal] ?? 0)
        case .carriedOver: .count(carriedOver)
        case .handled: .count(handled)
        case .resolvedEarly: .count(resolvedEarly)
        case .resolvedOnTime: .count(resolvedOnTime)
        case .resolvedLate: .count(resolvedLate)
        case .closedWithoutResult: .count(closedWithoutResult)
        case .open: .count(open)
        case .openOverdue: .count(openOverdue)
        case .onTimeRate: .rate(onTimeRate)
        case .averageResolutionSeconds: .rate(averageResolutionSeconds)
        case .onlineSubmissionRate: .rate(onlineSubmissionRate)
        case .fullOnlineRate: .rate(fullOnlineRate)
        case .onlinePaymentRate: .rate(onlinePaymentRate)
        case .dossierDigitizationRate: .rate(dossierDigitizationRate)
        case .resultDigitizationRate: .rate(resultDigitizationRate)
        case .dataReuseRate: .rate(dataReuseRate)
        case .citizenDataStoreRate: .rate(citizenDataStoreRate)
        case .populationDataRate: .rate(populationDataRate)
        case .syncRate: .rate(syncRate)
        case .satisfactionRate: .rate(satisfactionRate)
        case .ratingSatisfactionRate: .rate(ratingSatisfactionRate)
        case .digitallySignedRate: .rate(digitallySignedRate)
        case .electronicExchangeRate: .rate(electronicExchangeRate)
        }
    }
}

/// A figure's value: a count, or a rate as numerator and denominator.
public enum FigureValue: Hashable, Sendable {
    case count(Int)
    case rate(Ratio)

    /// The rate, if this is one.
    public var ratio: Ratio? { if case let .rate(r) = self { r } else { nil } }
}

/// The name of each figure of item 1 (stable keys for the API, the dashboard and DTI indicators).
public enum FigureKey: String, Hashable, Codable, Sendable, CaseIterable {
    case received, receivedOnline = "received-online", receivedDesk = "received-desk",
         receivedPostal = "received-postal", carriedOver = "carried-over", handled,
         resolvedEarly = "resolved-early", resolvedOnTime = "resolved-on-time", resolvedLate = "resolved-late",
         closedWithoutResult = "closed-without-result", open, openOverdue = "open-overdue",
         onTimeRate = "on-time-rate", averageResolutionSeconds = "average-resolution-seconds",
         onlineSubmissionRate = "online-submission-rate", fullOnlineRate = "full-online-rate",
         onlinePaymentRate = "online-payment-rate", dossierDigitizationRate = "dossier-digitization-rate",
         resultDigitizationRate = "result-digitization-rate", dataReuseRate = "data-reuse-rate",
         citizenDataStoreRate = "citizen-data-store-rate", populationDataRate = "population-data-rate",
         syncRate = "sync-rate", satisfactionRate = "satisfaction-rate",
         ratingSatisfactionRate = "rating-satisfaction-rate", digitallySignedRate = "digitally-signed-rate",
         electronicExchangeRate = "electronic-exchange-rate"

    /// Whether the figure is a rate (`FigureValue.rate`) rather than a count.
    public var isRate: Bool {
        switch self {
        case .received, .receivedOnline, .receivedDesk, .receivedPostal, .carriedOver, .handled, .resolvedEarly,
             .resolvedOnTime, .resolvedLate, .closedWithoutResult, .open, .openOverdue: false
        default: true
        }
    }
}

/// The documented formula of one figure: its key, Vietnamese name, the fact fields it counts and its source.
/// `FigureDefinition.all` is the source of docs/indicators.md's figure table.
public struct FigureDefinition: Hashable, Sendable {
    public let key: FigureKey
    /// Tên chỉ tiêu.
    public let name: String
    /// The formula, naming the `DossierFact`/`DocumentFact` fields it counts. R = received in the period,
    /// H = handled in the period, E = evaluation instant (see `Figures`).
    public let formula: String
    /// Where the formula comes from (domain reference section), or "cqs" for platform choices.
    public let reference: String

    public init(key: FigureKey, name: String, formula: String, reference: String) {
        self.key = key
        self.name = name
        self.formula = formula
        self.reference = reference
    }

    /// One definition per `FigureKey`, in the keys' order.
    public static let all: [FigureDefinition] = [
        .init(key: .received, name: "Số hồ sơ tiếp nhận trong kỳ",
              formula: "R = dossiers with period.start ≤ receivedAt < E", reference: "§1.3 (F) 4.3 'ngày tiếp nhận trong kỳ'"),
        .init(key: .receivedOnline, name: "Tiếp nhận trực tuyến",
              formula: "|R where channel = online| (KenhThucHien = 2)", reference: "§2.4"),
        .init(key: .receivedDesk, name: "Tiếp nhận trực tiếp",
              formula: "|R where channel = desk| (KenhThucHien = 1)", reference: "§2.4"),
        .init(key: .receivedPostal, name: "Tiếp nhận qua bưu chính công ích",
              formula: "|R where channel = postal| (KenhThucHien = 3)", reference: "§2.4"),
        .init(key: .carriedOver, name: "Số hồ sơ kỳ trước chuyển sang",
              formula: "|H| − |R|: receivedAt < period.start and endedAt is nil or ≥ period.start", reference: "cqs"),
        .init(key: .handled, name: "Số hồ sơ tiếp nhận, xử lý trong kỳ",
              formula: "H = dossiers with receivedAt < E and not (endedAt < period.start)", reference: "§1.3 (F) 2.1"),
        .init(key: .resolvedEarly, name: "Giải quyết trước hạn",
              formula: "H with resultAt (resolvedAt ?? returnedAt) < E and effective end on a day before appointment's",
              reference: "§1.3 (F) 2.1, §2.5"),
        .init(key: .resolvedOnTime, name: "Giải quyết đúng hạn",
              formula: "H with resultAt < E and effective end ≤ appointment, on its day (or no appointment)",
              reference: "§1.3 (F) 2.1, §2.5"),
        .init(key: .resolvedLate, name: "Giải quyết quá hạn",
              formula: "H with resultAt < E and (effective end > appointment or supplementRequests > 1)",
              reference: "§1.3 (F) 2.1, §2.5"),
        .init(key: .closedWithoutResult, name: "Dừng xử lý, từ chối, rút hồ sơ",
              formula: "H with no result and status refused/stopped/withdrawn, closedAt < E", reference: "§1.3 (F) 2.1"),
        .init(key: .open, name: "Đang giải quyết",
              formula: "H not ended before E (status processing or awaitingSupplement as of E)", reference: "cqs"),
        .init(key: .openOverdue, name: "Đang giải quyết quá hạn",
              formula: "open with (E or pendingSupplementSince) − supplementPause > appointment, or supplementRequests > 1",
              reference: "§1.3 (F) 2.1"),
        .init(key: .onTimeRate, name: "Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn (2.1)",
              formula: "|H classified early, on time or in time| / |H|; effective end = (first of resolvedAt, returnedAt, closedAt; pendingSupplementSince; else E) − supplementPause",
              reference: "§1.3 (F) 2.1"),
        .init(key: .averageResolutionSeconds, name: "Thời gian giải quyết trung bình (2.2), giây",
              formula: "Σ (resultAt − receivedAt − supplementPause) / |H resolved in the period|", reference: "§1.3 (F) 2.2"),
        .init(key: .onlineSubmissionRate, name: "Tỷ lệ hồ sơ nộp trực tuyến",
              formula: "|R where channel = online| / |R|", reference: "§1.3 (F) 3.3 without the sync factor"),
        .init(key: .fullOnlineRate, name: "Tỷ lệ hồ sơ DVCTT toàn trình",
              formula: "|R where procedureFullOnlineEligible and isFullOnline| / |R where procedureFullOnlineEligible|",
              reference: "§1.3 group 3 note (M)"),
        .init(key: .onlinePaymentRate, name: "Tỷ lệ hồ sơ thanh toán trực tuyến (3.6)",
              formula: "|R where feeDue > 0 and paidOnline| / |R where feeDue > 0|", reference: "§1.3 (F) 3.6"),
        .init(key: .dossierDigitizationRate, name: "Tỷ lệ hồ sơ thực hiện số hóa (4.2)",
              formula: "|R where componentsDigitized and (not requiresResultDocument or no result before E or resultDigitized)| / |R|",
              reference: "§1.3 (F) 4.2"),
        .init(key: .resultDigitizationRate, name: "Tỷ lệ hồ sơ có kết quả điện tử (4.1)",
              formula: "|R where requiresResultDocument and resultAt < E and resultDigitized| / |R where requiresResultDocument and resultAt < E|",
              reference: "§1.3 (F) 4.1"),
        .init(key: .dataReuseRate, name: "Tỷ lệ khai thác, sử dụng lại dữ liệu số hóa (4.3)",
              formula: "|R where reusedData| / |R|", reference: "§1.3 (F) 4.3"),
        .init(key: .citizenDataStoreRate, name: "Tỷ lệ hồ sơ kết nối, chia sẻ dữ liệu kho công dân (4.4)",
              formula: "|R where usedCitizenDataStore| / |R|", reference: "§1.3 (F) 4.4"),
        .init(key: .populationDataRate, name: "Tỷ lệ hồ sơ sử dụng dữ liệu dân cư (4.5b)",
              formula: "|R where usedPopulationData| / |R|", reference: "§1.3 (F) 4.5b"),
        .init(key: .syncRate, name: "Tỷ lệ hồ sơ đồng bộ lên Cổng DVCQG",
              formula: "|R where syncedToNationalPortal| / |R|", reference: "§1.3 (F) 1.4 with the platform's own count as denominator"),
        .init(key: .satisfactionRate, name: "Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC (5.4)",
              formula: "(|H| − |H where late or rating = dissatisfied or hasComplaint|) / |H| (each dossier counted once)",
              reference: "§1.3 (L) 5.4 [V]"),
        .init(key: .ratingSatisfactionRate, name: "Tỷ lệ đánh giá hài lòng",
              formula: "|H where rating ≠ nil and rating ≠ dissatisfied| / |H where rating ≠ nil|", reference: "cqs"),
        .init(key: .digitallySignedRate, name: "Tỷ lệ văn bản đi được ký số",
              formula: "|documents outgoing, period.start ≤ date < E, isDigitallySigned| / |documents outgoing in the period|",
              reference: "cqs (issue 6 item 1)"),
        .init(key: .electronicExchangeRate, name: "Tỷ lệ văn bản trao đổi hoàn toàn điện tử",
              formula: "|documents (outgoing and incoming) in the period with isFullyElectronic| / |documents in the period|",
              reference: "cqs (issue 6 item 1)"),
    ]
}
