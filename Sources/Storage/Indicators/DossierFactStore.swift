import Catalog
import Core
import Dossiers
import Fluent
import Foundation
import Indicators
import SQLKit

/// Số liệu chỉ số trên cơ sở dữ liệu — the indicators' facts and running totals, kept in the transaction of every
/// dossier change so the dashboard reads totals instead of scanning dossiers, and is never stale.
///
/// - `dossier_facts`: one row per dossier, the `DossierFact` the `Indicators` module counts (times as seconds
///   since 1970 so SQL can compare them), plus `is_open` and `late_after` for the dossiers still open.
/// - `indicator_totals`: per unit, level and month, the sums of `FigureCounts.contributions` of every fact; and
///   per unit, level and year the same sums again (`month` = year × 100), which a year's dashboard reads.
///
/// - `indicator_open_deadlines`: per unit, level and deadline bucket (`bucketSeconds`, about 36 hours), how many open dossiers
///   become late in that bucket; the dossiers late now are the buckets before now's and, in now's bucket, the few
///   whose `late_after` has passed — so the dashboard never reads every open dossier.
///
/// A change takes the dossier's old contributions back and adds its new ones (`apply`). `verify` recomputes both
/// tables from the raw dossier tables and compares.
public enum DossierFactStore {
    static let factsTable = "dossier_facts"
    static let totalsTable = "indicator_totals"
    static let deadlinesTable = "indicator_open_deadlines"

    /// What a dossier's fact takes from outside the dossier row, fixed at submission.
    public struct FixedFacts: Sendable {
        /// The procedure version is marked "toàn trình" (full online) in the catalog.
        public var fullOnlineEligible: Bool
        /// At least one component file was attached / taken from the digital repository.
        public var componentsDigitized: Bool
        public var reusedData: Bool

        public init(fullOnlineEligible: Bool, componentsDigitized: Bool, reusedData: Bool) {
            self.fullOnlineEligible = fullOnlineEligible
            self.componentsDigitized = componentsDigitized
            self.reusedData = reusedData
        }
    }

    // MARK: the fact of a dossier

    /// Cấp thực hiện of a unit from its path: communes and wards have numeric (GSO) codes right under the province.
    public static func level(ofUnitPath path: String) -> AdministrativeLevel {
        let segments = path.split(separator: "/")
        return segments.count >= 2 && segments[1].allSatisfy(\.isNumber) ? .commune : .province
    }

    /// The indicators' view of `dossier` at `now`. `closedAt` is the instant it was refused, stopped or withdrawn
    /// (from the previous fact or its history), `now` when it has just been.
    public static func fact(of dossier: DossierModel, fixed: FixedFacts, closedAt: Date?, now: Date) -> DossierFact {
        let status: DossierFact.Status = switch dossier.status {
        case .submitted, .intakeSupplement: .pending
        case .processing: .processing
        case .supplementRequested: .awaitingSupplement
        case .resolved: .resolved
        case .returned: .returned
        case .refused: .refused
        case .stopped: .stopped
        case .withdrawn: .withdrawn
        }
        // whole milliseconds since 1970: what the facts table stores, so a stored fact reads back equal
        func ms(_ date: Date?) -> Date? {
            date.map { Date(timeIntervalSince1970: ($0.timeIntervalSince1970 * 1000).rounded() / 1000) }
        }
        let closed = [.refused, .stopped, .withdrawn].contains(status)
        let paidOnline = dossier.feeVnd > 0 && dossier.feePaid && !(dossier.paymentReference ?? "cash:").hasPrefix("cash:")
        var fact = DossierFact(
            code: dossier.code, unitCode: dossier.handlingUnitCode, unitPath: dossier.handlingUnitPath,
            procedureCode: dossier.procedureCode, level: level(ofUnitPath: dossier.handlingUnitPath),
            channel: DossierFact.Channel(rawValue: dossier.channel.rawValue) ?? .desk,
            submittedAt: ms(dossier.submittedAt)!, receivedAt: ms(dossier.receivedAt),
            // the appointment moved by supplement pauses, so the pauses are not subtracted again (docs/indicators.md)
            appointment: ms(dossier.originalAppointment), resolvedAt: ms(dossier.resolvedAt),
            returnedAt: ms(dossier.returnedAt), closedAt: closed ? ms(closedAt ?? now) : nil, status: status,
            supplementRequests: dossier.supplementRequests, supplementPause: 0,
            pendingSupplementSince: status == .awaitingSupplement ? ms(dossier.pausedAt) : nil,
            procedureFullOnlineEligible: fixed.fullOnlineEligible, feeDue: dossier.feeVnd, paidOnline: paidOnline,
            requiresResultDocument: true, componentsDigitized: fixed.componentsDigitized,
            resultDigitized: dossier.resultSHA256 != nil, reusedData: fixed.reusedData)
        fact.isFullOnline = dossier.channel == .online && (dossier.feeVnd == 0 || paidOnline)
            && (dossier.returnMethod == nil || dossier.returnMethod == .online)
        fact.rating = dossier.rating.map { $0 >= 5 ? .verySatisfied : $0 >= 3 ? .satisfied : .dissatisfied }
        return fact
    }

    /// Records dossiers' new states in the facts and totals, one statement per table for all of them; call inside
    /// the changes' transaction. `submitted`: the facts fixed at submission, given by the submission itself (the
    /// dossier has no stored fact yet).
    static func record(_ changes: [(dossier: DossierModel, at: Date, submitted: FixedFacts?)], on db: any Database) async throws {
        let stored = changes.contains { $0.submitted == nil }
            ? try await facts(codes: changes.filter { $0.submitted == nil }.map(\.dossier.code), on: db) : []
        let previousByCode = Dictionary(stored.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        var applied: [(old: DossierFact?, new: DossierFact)] = []
        for (dossier, now, submitted) in changes {
            let previous = submitted == nil ? previousByCode[dossier.code] : nil
            let fixed: FixedFacts
            if let submitted {
                fixed = submitted
            } else if let previous {
                fixed = FixedFacts(fullOnlineEligible: previous.procedureFullOnlineEligible,
                                   componentsDigitized: previous.componentsDigitized, reusedData: previous.reusedData)
            } else {
                let files = try await DossierFileModel.query(on: db).filter(\.$dossier.$id == dossier.requireID())
                    .filter(\.$kind == .component).all()
                let record = try await DossierService.versionRecord(of: dossier, on: db)
                fixed = FixedFacts(fullOnlineEligible: record?.serviceLevel == .fullOnline, componentsDigitized: !files.isEmpty,
                                   reusedData: files.contains { $0.reusedFrom != nil })
            }
            applied.append((previous, fact(of: dossier, fixed: fixed, closedAt: previous?.closedAt, now: now)))
        }
        try await apply(applied, on: db)
    }

    /// Writes the new facts and moves the totals by the difference of the contributions (old taken back, new added).
    public static func apply(_ changes: [(old: DossierFact?, new: DossierFact)], on db: any Database) async throws {
        guard !changes.isEmpty else { return }
        let sql = db as! any SQLDatabase
        var deltas: [TotalsKey: FigureCounts] = [:]
        for (old, new) in changes {
            for (fact, sign) in [(old, -1), (Optional(new), 1)] {
                guard let fact else { continue }
                for (key, counts) in totalsRows(of: fact) {
                    deltas[key, default: FigureCounts()] += sign > 0 ? counts : -counts
                }
            }
        }
        for batch in chunks(changes.map(\.new), of: 500) {
            var insert = RowsInsert(into: factsTable, columns: factColumns, onConflict: replaceFacts)
            for fact in batch { insert.append(row(of: fact)) }
            try await insert.run(on: db)
        }
        var deadlines: [DeadlineKey: Int] = [:]
        for (old, new) in changes {
            if let key = old.flatMap(deadlineKey(of:)) { deadlines[key, default: 0] -= 1 }
            if let key = deadlineKey(of: new) { deadlines[key, default: 0] += 1 }
        }
        try await addDeadlines(deadlines.filter { $0.value != 0 }, on: sql)
        let changed = deltas.filter { !$0.value.isZero }.sorted { ($0.key.unitPath, $0.key.month) < ($1.key.unitPath, $1.key.month) }
        for batch in chunks(changed, of: 500) {
            var insert = RowsInsert(into: totalsTable, columns: totalsColumns, onConflict: addToTotals)
            for (key, counts) in batch {
                insert.append([key.unitCode, key.unitPath, key.level.rawValue, key.month]
                              + FigureCounts.columns.map { counts[keyPath: $0.keyPath] })
            }
            try await insert.run(on: db)
        }
    }

    static let totalsColumns = ["unit_code", "unit_path", "level", "month"] + FigureCounts.columns.map(\.name)
    static let addToTotals = RowsInsert.adding(FigureCounts.columns.map(\.name), in: totalsTable,
                                               onConflictWith: ["unit_path", "level", "month"])
    static let replaceFacts = RowsInsert.replacing(Array(factColumns.dropFirst()), onConflictWith: ["dossier_code"])

    /// One row of `indicator_totals`: `month` is `year * 100 + month` for a month's row and `year * 100` for the
    /// row of the whole year (the same sums, kept so that a year's dashboard reads one row per unit, not twelve).
    struct TotalsKey: Hashable {
        var unitCode: String
        var unitPath: String
        var level: AdministrativeLevel
        var month: Int
    }

    /// The rows of `indicator_totals` a fact contributes to, with what it contributes: each month's row and the
    /// row of that month's year.
    static func totalsRows(of fact: DossierFact) -> [(TotalsKey, FigureCounts)] {
        FigureCounts.contributions(of: fact).flatMap { day, counts in
            [(TotalsKey(unitCode: fact.unitCode, unitPath: fact.unitPath, level: fact.level, month: day.year * 100 + day.month), counts),
             (TotalsKey(unitCode: fact.unitCode, unitPath: fact.unitPath, level: fact.level, month: day.year * 100), counts)]
        }
    }

    /// One row of `indicator_open_deadlines`.
    struct DeadlineKey: Hashable {
        var unitCode: String
        var unitPath: String
        var level: AdministrativeLevel
        var bucket: Int
    }

    /// The width of a deadline bucket: 2^17 seconds, about 36 hours — narrow enough that the facts of now's bucket
    /// are few, wide enough that a unit has few buckets.
    static let bucketSeconds = 131_072.0

    /// The bucket of an instant given in seconds since 1970.
    static func bucket(ofSeconds seconds: Double) -> Int { Int((seconds / bucketSeconds).rounded(.down)) }

    /// When an open dossier becomes late (`FigureCounts.lateAfter`, never before 1970), as `late_after` stores it;
    /// nil for a dossier not open or without a deadline.
    static func storedLateAfter(of fact: DossierFact) -> Date? {
        guard fact.receivedAt != nil, fact.endedAt == nil else { return nil }
        return FigureCounts.lateAfter(fact).map { max($0, Date(timeIntervalSince1970: 0)) }
    }

    /// The deadline row an open dossier counts in (nil when it is not open or has no deadline).
    static func deadlineKey(of fact: DossierFact) -> DeadlineKey? {
        storedLateAfter(of: fact).map {
            DeadlineKey(unitCode: fact.unitCode, unitPath: fact.unitPath, level: fact.level, bucket: bucket(ofSeconds: $0.timeIntervalSince1970))
        }
    }

    /// Adds `counts` to the deadline rows (creating the rows that do not exist).
    static func addDeadlines(_ counts: [DeadlineKey: Int], on sql: any SQLDatabase) async throws {
        let sorted = counts.sorted { ($0.key.unitPath, $0.key.level.rawValue, $0.key.bucket) < ($1.key.unitPath, $1.key.level.rawValue, $1.key.bucket) }
        for batch in chunks(sorted, of: 500) {
            var insert = RowsInsert(into: deadlinesTable, columns: ["unit_code", "unit_path", "level", "bucket", "open_late"],
                                    onConflict: addToDeadlines)
            for (key, count) in batch { insert.append([key.unitCode, key.unitPath, key.level.rawValue, key.bucket, count]) }
            try await insert.run(on: sql)
        }
    }

    static let addToDeadlines = RowsInsert.adding(["open_late"], in: deadlinesTable, onConflictWith: ["unit_path", "level", "bucket"])

    // MARK: rows

    static let factColumns = [
        "dossier_code", "unit_code", "unit_path", "level", "procedure_code", "channel", "status", "supplement_requests",
        "supplement_pause", "fee_due", "rating", "submitted_at", "received_at", "appointment", "resolved_at",
        "returned_at", "closed_at", "pending_since", "ended_at", "late_after", "full_online_eligible", "full_online",
        "paid_online", "requires_result", "components_digitized", "result_digitized", "reused_data",
        "citizen_data_store", "population_data", "synced", "has_complaint", "is_open", "concern",
    ]

    static func row(of fact: DossierFact) -> [RowsInsert.Value] {
        func time(_ date: Date?) -> RowsInsert.Value { date?.timeIntervalSince1970 }
        func flag(_ value: Bool) -> RowsInsert.Value { value ? 1 : 0 }
        let isOpen = fact.receivedAt != nil && fact.endedAt == nil
        let lateAfter = storedLateAfter(of: fact)
        return [
            fact.code, fact.unitCode, fact.unitPath, fact.level.rawValue, fact.procedureCode, fact.channel.rawValue,
            fact.status.rawValue, fact.supplementRequests, fact.supplementPause, fact.feeDue, fact.rating?.rawValue,
            time(fact.submittedAt), time(fact.receivedAt), time(fact.appointment), time(fact.resolvedAt),
            time(fact.returnedAt), time(fact.closedAt), time(fact.pendingSupplementSince), time(fact.endedAt),
            time(lateAfter),
            flag(fact.procedureFullOnlineEligible), flag(fact.isFullOnline), flag(fact.paidOnline),
            flag(fact.requiresResultDocument), flag(fact.componentsDigitized), flag(fact.resultDigitized),
            flag(fact.reusedData), flag(fact.usedCitizenDataStore), flag(fact.usedPopulationData),
            flag(fact.syncedToNationalPortal), flag(fact.hasComplaint), flag(isOpen),
            // complained about or rated dissatisfied: counts against satisfaction even while open
            flag(fact.hasComplaint || fact.rating == .dissatisfied),
        ]
    }

    static func fact(from row: any SQLRow) throws -> DossierFact {
        func time(_ column: String) throws -> Date? {
            try row.decodeNil(column: column) ? nil : Date(timeIntervalSince1970: try row.decode(column: column, as: Double.self))
        }
        func flag(_ column: String) throws -> Bool { try row.decode(column: column, as: Int.self) != 0 }
        return DossierFact(
            code: try row.decode(column: "dossier_code", as: String.self),
            unitCode: try row.decode(column: "unit_code", as: String.self),
            unitPath: try row.decode(column: "unit_path", as: String.self),
            procedureCode: try row.decode(column: "procedure_code", as: String.self),
            level: AdministrativeLevel(rawValue: try row.decode(column: "level", as: String.self)) ?? .province,
            channel: DossierFact.Channel(rawValue: try row.decode(column: "channel", as: String.self)) ?? .desk,
            submittedAt: try time("submitted_at") ?? Date(timeIntervalSince1970: 0), receivedAt: try time("received_at"),
            appointment: try time("appointment"), resolvedAt: try time("resolved_at"), returnedAt: try time("returned_at"),
            closedAt: try time("closed_at"),
            status: DossierFact.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .pending,
            supplementRequests: try row.decode(column: "supplement_requests", as: Int.self),
            supplementPause: try row.decode(column: "supplement_pause", as: Double.self),
            pendingSupplementSince: try time("pending_since"), syncedToNationalPortal: try flag("synced"),
            isFullOnline: try flag("full_online"), procedureFullOnlineEligible: try flag("full_online_eligible"),
            feeDue: try row.decode(column: "fee_due", as: Int.self), paidOnline: try flag("paid_online"),
            requiresResultDocument: try flag("requires_result"), componentsDigitized: try flag("components_digitized"),
            resultDigitized: try flag("result_digitized"), reusedData: try flag("reused_data"),
            usedCitizenDataStore: try flag("citizen_data_store"), usedPopulationData: try flag("population_data"),
            rating: try row.decodeNil(column: "rating") ? nil
                : DossierFact.Rating(rawValue: try row.decode(column: "rating", as: String.self)),
            hasComplaint: try flag("has_complaint"))
    }

    /// The stored facts of the dossiers `codes`.
    static func facts(codes: [String], on db: any Database) async throws -> [DossierFact] {
        try await (db as! any SQLDatabase).select().column("*").from(factsTable)
            .where("dossier_code", .in, SQLBind.group(codes)).all().map(fact(from:))
    }

    /// Every stored fact of dossiers received before `instant` that had not ended before `notEndedBefore`
    /// (all stored facts when both are nil), in code order.
    public static func facts(receivedBefore instant: Date? = nil, notEndedBefore start: Date? = nil,
                             on db: any Database) async throws -> [DossierFact] {
        let query = (db as! any SQLDatabase).select().column("*").from(factsTable)
        if let instant { query.where("received_at", .lessThan, SQLBind(instant.timeIntervalSince1970)) }
        if let start {
            query.where { $0.where("ended_at", .is, SQLLiteral.null)
                .orWhere("ended_at", .greaterThanOrEqual, SQLBind(start.timeIntervalSince1970)) }
        }
        return try await query.orderBy("dossier_code").all().map(fact(from:))
    }

    static func chunks<T>(_ items: [T], of size: Int) -> [ArraySlice<T>] {
        stride(from: 0, to: items.count, by: size).map { items[$0..<min($0 + size, items.count)] }
    }
}

extension DossierFactStore {
    /// Writes every stored fact to a CSV file (header = the table's columns, empty = NULL, times in seconds since
    /// 1970) for outside tools such as DuckDB; answers the number of rows.
    public static func exportCSV(to path: String, on db: any Database) async throws -> Int {
        FileManager.default.createFile(atPath: path, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw Problem(status: 500, slug: "export", title: "Không ghi được tệp", detail: "Cannot write \(path).")
        }
        defer { try? handle.close() }
        handle.write(Data((factColumns.joined(separator: ",") + "\n").utf8))
        var after = "", rows = 0
        while true {
            let page = try await (db as! any SQLDatabase).select().columns(factColumns.map { SQLColumn($0) }).from(factsTable)
                .where("dossier_code", .greaterThan, SQLBind(after)).orderBy("dossier_code").limit(50_000).all()
            var text = ""
            for row in page {
                let fact = try fact(from: row)
                let values = Self.row(of: fact).map { value -> String in
                    switch value {
                    case nil: return ""
                    case let text as String: return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                    case let number as Double: return String(format: "%.3f", number)
                    case let value?: return "\(value)"
                    }
                }
                text += values.joined(separator: ",") + "\n"
            }
            handle.write(Data(text.utf8))
            rows += page.count
            guard page.count == 50_000, let last = page.last else { break }
            after = try last.decode(column: "dossier_code", as: String.self)
        }
        return rows
    }
}
