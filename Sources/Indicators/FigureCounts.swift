import Foundation

/// Số đếm cộng dồn — the additive counts behind `Figures`, so that figures can be kept as running totals per unit
/// and month (updated in the transaction of every dossier change) instead of being recomputed from every dossier.
///
/// A dossier contributes twice (`contributions(of:)`): on the day it was **received** (the R-population counts:
/// channel, fees, digitisation, reuse, …) and on the day it **ended** (the end counts: early / on time / late,
/// closed without a result, in time, unsatisfactory, resolution seconds, ratings). Summing the contributions of a
/// period's days and adding the dossiers still open at the evaluation instant gives exactly what
/// `Figures.compute` counts, when the evaluation instant is `now` (`Figures.init(counts:…)`).
public struct FigureCounts: Hashable, Sendable {
    // MARK: R — counted on the day of receipt

    /// Tiếp nhận trực tiếp / trực tuyến / bưu chính.
    public var receivedDesk = 0, receivedOnline = 0, receivedPostal = 0
    /// Received for a procedure eligible for full-online service / of those, fully online.
    public var fullOnlineEligible = 0, fullOnline = 0
    /// Received with a fee due / of those, paid online.
    public var withFee = 0, withFeePaidOnline = 0
    /// 4.2's numerator (with "result before E" read as "result now").
    public var digitized = 0
    /// 4.1's denominator and numerator (written result required and reached; electronic).
    public var withResult = 0, withResultDigitized = 0
    /// 4.3, 4.4, 4.5b and sync numerators.
    public var reusedData = 0, citizenDataStore = 0, populationData = 0, synced = 0

    // MARK: counted on the day the dossier ended

    /// Giải quyết trước hạn / đúng hạn / quá hạn.
    public var resolvedEarly = 0, resolvedOnTime = 0, resolvedLate = 0
    /// Dừng xử lý, từ chối sau tiếp nhận, rút hồ sơ.
    public var closedWithoutResult = 0
    /// Ended and not late (2.1's numerator for ended dossiers).
    public var endedInTime = 0
    /// Ended and late, rated dissatisfied or complained about (5.4's deduction for ended dossiers).
    public var endedUnsatisfactory = 0
    /// Σ (resultAt − receivedAt − supplementPause) in whole seconds, per dossier truncated as `Figures` does (2.2).
    public var resolutionSeconds = 0
    /// Rated / rated and not dissatisfied.
    public var rated = 0, ratedSatisfied = 0

    public init() {}

    /// Received, all channels.
    public var received: Int { receivedDesk + receivedOnline + receivedPostal }
    /// Ended, with or without a result.
    public var ended: Int { resolvedEarly + resolvedOnTime + resolvedLate + closedWithoutResult }

    /// Every count with a stable snake-case name: the columns of the storage table, in this order.
    public static let columns: [(name: String, keyPath: WritableKeyPath<FigureCounts, Int>)] = [
        ("received_desk", \.receivedDesk), ("received_online", \.receivedOnline), ("received_postal", \.receivedPostal),
        ("full_online_eligible", \.fullOnlineEligible), ("full_online", \.fullOnline),
        ("with_fee", \.withFee), ("with_fee_paid_online", \.withFeePaidOnline), ("digitized", \.digitized),
        ("with_result", \.withResult), ("with_result_digitized", \.withResultDigitized),
        ("reused_data", \.reusedData), ("citizen_data_store", \.citizenDataStore),
        ("population_data", \.populationData), ("synced", \.synced),
        ("resolved_early", \.resolvedEarly), ("resolved_on_time", \.resolvedOnTime), ("resolved_late", \.resolvedLate),
        ("closed_without_result", \.closedWithoutResult), ("ended_in_time", \.endedInTime),
        ("ended_unsatisfactory", \.endedUnsatisfactory), ("resolution_seconds", \.resolutionSeconds),
        ("rated", \.rated), ("rated_satisfied", \.ratedSatisfied),
    ]

    /// Whether every count is zero.
    public var isZero: Bool { Self.columns.allSatisfy { self[keyPath: $0.keyPath] == 0 } }

    public static func + (lhs: FigureCounts, rhs: FigureCounts) -> FigureCounts {
        var sum = lhs
        sum += rhs
        return sum
    }

    /// Adds `rhs` count by count, written out field by field: the dashboard adds hundreds of these per request, and
    /// key paths cost ten times more (`FigureCountsTests` checks that every column is added and negated).
    public static func += (lhs: inout FigureCounts, rhs: FigureCounts) {
        lhs.receivedDesk += rhs.receivedDesk; lhs.receivedOnline += rhs.receivedOnline; lhs.receivedPostal += rhs.receivedPostal
        lhs.fullOnlineEligible += rhs.fullOnlineEligible; lhs.fullOnline += rhs.fullOnline
        lhs.withFee += rhs.withFee; lhs.withFeePaidOnline += rhs.withFeePaidOnline; lhs.digitized += rhs.digitized
        lhs.withResult += rhs.withResult; lhs.withResultDigitized += rhs.withResultDigitized
        lhs.reusedData += rhs.reusedData; lhs.citizenDataStore += rhs.citizenDataStore
        lhs.populationData += rhs.populationData; lhs.synced += rhs.synced
        lhs.resolvedEarly += rhs.resolvedEarly; lhs.resolvedOnTime += rhs.resolvedOnTime; lhs.resolvedLate += rhs.resolvedLate
        lhs.closedWithoutResult += rhs.closedWithoutResult; lhs.endedInTime += rhs.endedInTime
        lhs.endedUnsatisfactory += rhs.endedUnsatisfactory; lhs.resolutionSeconds += rhs.resolutionSeconds
        lhs.rated += rhs.rated; lhs.ratedSatisfied += rhs.ratedSatisfied
    }

    /// The counts with every sign turned (to take a dossier's old contribution back).
    public static prefix func - (counts: FigureCounts) -> FigureCounts {
        var negated = FigureCounts()
        negated += counts
        for column in columns { negated[keyPath: column.keyPath] = -negated[keyPath: column.keyPath] }
        return negated
    }

    /// What one dossier adds, as known now: its R counts on the Vietnam day it was received, its end counts on the
    /// day it ended. A dossier never received adds nothing. (Both may fall on the same day: two entries.)
    public static func contributions(of fact: DossierFact) -> [(day: Period.Day, counts: FigureCounts)] {
        guard let receivedAt = fact.receivedAt else { return [] }
        var received = FigureCounts()
        switch fact.channel {
        case .desk: received.receivedDesk = 1
        case .online: received.receivedOnline = 1
        case .postal: received.receivedPostal = 1
        }
        let hasResult = fact.resultAt != nil
        if fact.procedureFullOnlineEligible {
            received.fullOnlineEligible = 1
            received.fullOnline = fact.isFullOnline ? 1 : 0
        }
        if fact.feeDue > 0 {
            received.withFee = 1
            received.withFeePaidOnline = fact.paidOnline ? 1 : 0
        }
        let electronicWhereRequired = !fact.requiresResultDocument || !hasResult || fact.resultDigitized
        received.digitized = fact.componentsDigitized && electronicWhereRequired ? 1 : 0
        if fact.requiresResultDocument && hasResult {
            received.withResult = 1
            received.withResultDigitized = fact.resultDigitized ? 1 : 0
        }
        received.reusedData = fact.reusedData ? 1 : 0
        received.citizenDataStore = fact.usedCitizenDataStore ? 1 : 0
        received.populationData = fact.usedPopulationData ? 1 : 0
        received.synced = fact.syncedToNationalPortal ? 1 : 0
        var result = [(day: Period.Day(of: receivedAt), counts: received)]

        guard let endedAt = fact.endedAt,
              let classification = Classification766.classify(fact, at: .distantFuture) else { return result }
        var ended = FigureCounts()
        switch (classification.state, classification.timeliness) {
        case (.resolved, .early): ended.resolvedEarly = 1
        case (.resolved, .late): ended.resolvedLate = 1
        case (.resolved, _): ended.resolvedOnTime = 1
        default: ended.closedWithoutResult = 1
        }
        if classification.state == .resolved, let resultAt = fact.resultAt {
            ended.resolutionSeconds = Int(resultAt.timeIntervalSince(receivedAt) - fact.supplementPause)
        }
        ended.endedInTime = classification.isInTime ? 1 : 0
        let unsatisfactory = classification.timeliness == .late || fact.rating == .dissatisfied || fact.hasComplaint
        ended.endedUnsatisfactory = unsatisfactory ? 1 : 0
        if let rating = fact.rating {
            ended.rated = 1
            ended.ratedSatisfied = rating == .dissatisfied ? 0 : 1
        }
        result.append((day: Period.Day(of: endedAt), counts: ended))
        return result
    }

    /// Quá hạn từ — the instant after which a dossier still open counts as late (late at E exactly when
    /// `E > lateAfter`); `nil` when it cannot become late while it stays as it is (no time limit, or waiting for a
    /// supplement asked in time). `Date.distantPast` when it is late whatever the instant (more than one supplement
    /// request). Follows `Classification766.classify` for open dossiers.
    public static func lateAfter(_ fact: DossierFact) -> Date? {
        if fact.supplementRequests > 1 { return .distantPast }
        guard let appointment = fact.appointment else { return nil }
        let deadline = appointment.addingTimeInterval(fact.supplementPause)
        if fact.status == .awaitingSupplement, let since = fact.pendingSupplementSince {
            // asked after the appointment (plus pauses) had passed: late from then on, also while waiting;
            // asked in time: the clock stands still at the request
            return since > deadline ? deadline : nil
        }
        return deadline
    }
}

extension Figures {
    /// The figures from running totals, evaluated at `now` for a period that contains `now` (the dashboard's case):
    /// - `inPeriod`: the sum of the contributions of the period's days up to now;
    /// - `receivedBefore`, `endedBefore`: dossiers received / ended before the period's start (carried over =
    ///   received before − ended before);
    /// - `openOverdue`: dossiers open now whose `FigureCounts.lateAfter` is before now;
    /// - `openUnsatisfactory`: dossiers open now that are late or complained about;
    /// - `documents`: the two document rates, computed elsewhere.
    ///
    /// `cqs indicators verify` checks that this equals `Figures.compute` over every dossier.
    public init(counts inPeriod: FigureCounts, receivedBefore: Int, endedBefore: Int, openOverdue: Int,
                openUnsatisfactory: Int, digitallySigned: Ratio, electronicExchange: Ratio,
                scope: UnitScope, period: Period, evaluatedAt: Date) {
        let c = inPeriod
        self.scope = scope
        self.period = period
        self.evaluatedAt = evaluatedAt
        receivedByChannel = [.desk: c.receivedDesk, .online: c.receivedOnline, .postal: c.receivedPostal]
        carriedOver = receivedBefore - endedBefore
        resolvedEarly = c.resolvedEarly
        resolvedOnTime = c.resolvedOnTime
        resolvedLate = c.resolvedLate
        closedWithoutResult = c.closedWithoutResult
        let handled = c.received + carriedOver
        open = handled - c.ended
        self.openOverdue = openOverdue
        onTimeRate = Ratio(c.endedInTime + open - openOverdue, handled)
        averageResolutionSeconds = Ratio(c.resolutionSeconds, c.resolvedEarly + c.resolvedOnTime + c.resolvedLate)
        onlineSubmissionRate = Ratio(c.receivedOnline, c.received)
        fullOnlineRate = Ratio(c.fullOnline, c.fullOnlineEligible)
        onlinePaymentRate = Ratio(c.withFeePaidOnline, c.withFee)
        dossierDigitizationRate = Ratio(c.digitized, c.received)
        resultDigitizationRate = Ratio(c.withResultDigitized, c.withResult)
        dataReuseRate = Ratio(c.reusedData, c.received)
        citizenDataStoreRate = Ratio(c.citizenDataStore, c.received)
        populationDataRate = Ratio(c.populationData, c.received)
        syncRate = Ratio(c.synced, c.received)
        satisfactionRate = Ratio(handled - c.endedUnsatisfactory - openUnsatisfactory, handled)
        ratingSatisfactionRate = Ratio(c.ratedSatisfied, c.rated)
        digitallySignedRate = digitallySigned
        electronicExchangeRate = electronicExchange
    }

    /// These figures with the two document rates replaced (counted elsewhere, e.g. by SQL).
    public func replacingDocumentRates(_ documents: (digitallySigned: Ratio, electronicExchange: Ratio)) -> Figures {
        var copy = self
        copy.digitallySignedRate = documents.digitallySigned
        copy.electronicExchangeRate = documents.electronicExchange
        return copy
    }

    /// The two document rates alone, from document facts (`Figures.compute` applies the same filter).
    public static func documentRates(_ documents: [DocumentFact], scope: UnitScope, period: Period,
                                     evaluatedAt: Date) -> (digitallySigned: Ratio, electronicExchange: Ratio) {
        let docs = documents.filter {
            scope.contains(path: $0.unitPath, level: $0.level) && $0.date >= period.start && $0.date < evaluatedAt
        }
        let outgoing = docs.filter { $0.direction == .outgoing }
        return (Ratio(outgoing.filter(\.isDigitallySigned).count, outgoing.count),
                Ratio(docs.filter(\.isFullyElectronic).count, docs.count))
    }
}

/// Sổ cộng dồn của một phạm vi — the running totals of one scope for a period that contains `now`: what the
/// storage layer keeps in tables and sums with SQL, here summed in memory from facts (for tests and as the
/// definition the tables follow).
public struct FigureTally: Hashable, Sendable {
    /// Contributions of the period's days up to now.
    public var inPeriod = FigureCounts()
    /// Dossiers received / ended before the period's first day.
    public var receivedBefore = 0, endedBefore = 0
    /// Dossiers open now that are late now / late, rated dissatisfied or complained about.
    public var openOverdue = 0, openUnsatisfactory = 0

    public init() {}

    /// Whether an open dossier counts against satisfaction (5.4) at `now`.
    public static func isOpenUnsatisfactory(_ fact: DossierFact, now: Date) -> Bool {
        isOpenLate(fact, now: now) || fact.rating == .dissatisfied || fact.hasComplaint
    }

    /// Whether an open dossier is late at `now` (`FigureCounts.lateAfter` is before it).
    public static func isOpenLate(_ fact: DossierFact, now: Date) -> Bool {
        FigureCounts.lateAfter(fact).map { now > $0 } ?? false
    }

    /// The tally of `facts` in `scope` for `period` at `now`.
    public static func of(_ facts: [DossierFact], scope: UnitScope, period: Period, now: Date) -> FigureTally {
        var tally = FigureTally()
        let first = period.firstDay
        for fact in facts where scope.contains(path: fact.unitPath, level: fact.level) {
            for (day, counts) in FigureCounts.contributions(of: fact) {
                if day < first {
                    tally.receivedBefore += counts.received
                    tally.endedBefore += counts.ended
                } else {
                    tally.inPeriod += counts
                }
            }
            if fact.receivedAt != nil, fact.endedAt == nil {
                tally.openOverdue += isOpenLate(fact, now: now) ? 1 : 0
                tally.openUnsatisfactory += isOpenUnsatisfactory(fact, now: now) ? 1 : 0
            }
        }
        return tally
    }

    /// The figures these totals give (`Figures.init(counts:…)`).
    public func figures(scope: UnitScope, period: Period, now: Date,
                        documents: (digitallySigned: Ratio, electronicExchange: Ratio)) -> Figures {
        Figures(counts: inPeriod, receivedBefore: receivedBefore, endedBefore: endedBefore, openOverdue: openOverdue,
                openUnsatisfactory: openUnsatisfactory, digitallySigned: documents.digitallySigned,
                electronicExchange: documents.electronicExchange, scope: scope, period: period,
                evaluatedAt: min(now, period.end))
    }

    public static func + (lhs: FigureTally, rhs: FigureTally) -> FigureTally {
        var sum = lhs
        sum.inPeriod += rhs.inPeriod
        sum.receivedBefore += rhs.receivedBefore
        sum.endedBefore += rhs.endedBefore
        sum.openOverdue += rhs.openOverdue
        sum.openUnsatisfactory += rhs.openUnsatisfactory
        return sum
    }
}
