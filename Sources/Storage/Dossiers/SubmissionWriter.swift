import Catalog
import Dossiers
import Fluent
import Foundation
import WorkCalendar

extension DossierService {
    /// A checked submission, ready to be numbered and written (`prepare` made it; nothing is stored yet).
    public struct PreparedSubmission: Sendable {
        /// The unit fields a dossier row keeps.
        struct UnitRef: Sendable {
            var code: String
            var path: String
            var agencyCode: String?
            init(_ unit: UnitModel) {
                code = unit.code
                path = unit.path
                agencyCode = unit.agencyCode
            }
        }

        var procedureCode: String
        var version: Int
        var record: ProcedureRecord
        var unit: UnitRef
        var handling: UnitRef
        var channel: Channel
        var applicant: Applicant
        var applicantUserID: UUID?
        var formJSON: String
        var fee: Int
        var components: [ResolvedComponent]
        var day: LocalDate
        var submissionKey: String?
        /// `Submission.fingerprint`, kept with a key.
        var submissionFingerprint: String?
        var context: Context
    }

    /// A dossier just submitted, with the rows written for it — enough to answer without reading them back.
    /// `events` and `files` are nil when the submission went on to further changes (a desk or postal dossier is
    /// received at once; its `steps` are given as that receipt left them); all three are nil for a repeated submission.
    public struct SubmittedDossier: Sendable {
        public var dossier: DossierModel
        public var steps: [DossierStepModel]?
        public var events: [DossierEventModel]?
        public var files: [DossierFileModel]?
        /// Whether this submission was sent before under its key: `dossier` is the one it created then.
        public var repeated = false
    }

    /// Numbers and writes `batch`: the day's numbers of each unit, then the dossiers, their steps, component files,
    /// history rows, public views, indicator facts and notifications with one statement per table, in one transaction
    /// — all of them or none. Desk and postal dossiers are then received in that transaction.
    static func write(_ batch: [PreparedSubmission], on db: any Database) async throws -> [SubmittedDossier] {
        guard !batch.isEmpty else { return [] }
        // The day's numbers are taken whether or not the write then succeeds: a group that fails leaves its numbers
        // unused, and written again its members take new ones (codes stay unique and are never reused;
        // docs/decisions.md). On PostgreSQL each counter's numbers are taken by one statement committed at once, before
        // the write: its row is locked only for that instant, not for the whole write, so simultaneous writers at one
        // unit go in parallel. On SQLite, whose writers take turns anyway, in the write transaction: one commit
        // instead of two. When that transaction fails, its numbers are taken again on their own, so that they stay
        // used as on PostgreSQL.
        guard db.isSQLite else {
            let sequences = try await takeNumbers(for: batch, on: db)
            // a group of online submissions is written by one statement (`RowsInsert.together`), atomic on its own:
            // no transaction around it (two round trips fewer)
            if batch.allSatisfy({ $0.channel == .online }) { return try await writeRows(batch, sequences: sequences, on: db) }
            return try await db.writeTransaction { db in try await writeRows(batch, sequences: sequences, on: db) }
        }
        do {
            return try await db.writeTransaction { db in
                try await writeRows(batch, sequences: try await takeNumbers(for: batch, on: db), on: db)
            }
        } catch {
            _ = try? await db.writeTransaction { db in try await takeNumbers(for: batch, on: db) }
            throw error
        }
    }

    /// The rows of `batch` under its day-numbers `sequences` (inside the caller's transaction, but for a group of
    /// online submissions on PostgreSQL: their rows are one statement).
    private static func writeRows(_ batch: [PreparedSubmission], sequences: [Int], on db: any Database) async throws -> [SubmittedDossier] {
        let dossiers = zip(batch, sequences).map { prepared, sequence in
            let code = DossierCode(agencyCode: prepared.unit.agencyCode ?? "000.00.00.H00", year: prepared.day.year,
                                   month: prepared.day.month, day: prepared.day.day, sequence: sequence)
            return dossierRow(prepared, code: code.description)
        }
        // the new rows of every table, sent together (on PostgreSQL one statement: one round trip)
        let (steps, files, events) = try await RowsInsert.together(on: db) {
            try await insertNewRows(of: batch, dossiers: dossiers, on: db)
        }
        var written: [SubmittedDossier] = []
        for (index, (prepared, dossier)) in zip(batch, dossiers).enumerated() {
            if prepared.channel == .online {
                written.append(SubmittedDossier(dossier: dossier, steps: steps[index], events: [events[index]], files: files[index]))
            } else {
                // received at once, its steps as just inserted (history and files then have more rows than these)
                try await receive(dossier, steps: steps[index], procedure: prepared.record, context: prepared.context, on: db)
                written.append(SubmittedDossier(dossier: dossier, steps: steps[index]))
            }
        }
        return written
    }

    /// Inserts the rows of new `dossiers` (of `batch`, in its order): the dossiers, their steps and component files,
    /// and through `writeHistory` their history rows, public views, indicator facts and notifications — inserts only.
    private static func insertNewRows(of batch: [PreparedSubmission], dossiers: [DossierModel], on db: any Database) async throws
        -> (steps: [[DossierStepModel]], files: [[DossierFileModel]], events: [DossierEventModel]) {
        try await insertRows(dossiers, on: db)  // one INSERT
        var steps: [[DossierStepModel]] = []
        var files: [[DossierFileModel]] = []
        for (prepared, dossier) in zip(batch, dossiers) {
            let dossierID = try dossier.requireID()
            steps.append(prepared.record.process.steps.enumerated().map { index, step in
                let stepUnit = step.unit == .receiving ? prepared.unit : prepared.handling
                let row = DossierStepModel()
                row.$dossier.id = dossierID
                row.index = index
                row.name = step.name
                row.role = step.role
                row.unitCode = stepUnit.code
                row.unitPath = stepUnit.path
                row.allottedDays = step.allottedWorkingDays
                return row
            })
            files.append(prepared.components.map { component in
                DossierFileModel(dossierID: dossierID, kind: .component, componentIndex: component.index, name: component.name,
                                 sha256: component.sha256, reusedFrom: component.reusedFrom,
                                 addedBy: prepared.context.actor.username)
            })
        }
        try await insertRows(Array(steps.joined()), on: db)
        try await insertRows(Array(files.joined()), on: db)
        let history = zip(batch, dossiers).map { prepared, dossier in
            let reused = prepared.components.contains { $0.reusedFrom != nil }
            return HistoryEntry(
                dossier: dossier, action: "submit", from: .submitted, to: .submitted, nationalCode: 1, step: nil,
                note: "\(prepared.channel.label): \(prepared.components.count) thành phần"
                    + (reused ? ", có tái sử dụng từ kho dữ liệu số" : ""),
                actor: prepared.context.actor.username, at: prepared.context.now,
                submitted: .init(fullOnlineEligible: prepared.record.serviceLevel == .fullOnline,
                                 componentsDigitized: !prepared.components.isEmpty, reusedData: reused))
        }
        return (steps, files, try await writeHistory(history, on: db))
    }

    /// The next day-numbers of `batch`, in its order: `takeSequences` once per unit and day.
    static func takeNumbers(for batch: [PreparedSubmission], on db: any Database) async throws -> [Int] {
        struct Counter: Hashable { var unit: String; var day: LocalDate }
        let counters = Dictionary(grouping: batch.indices) { Counter(unit: batch[$0].unit.code, day: batch[$0].day) }
            .sorted { ($0.key.unit, $0.key.day.iso) < ($1.key.unit, $1.key.day.iso) }
        var sequences = [Int](repeating: 0, count: batch.count)
        for (counter, members) in counters {
            let last = try await takeSequences(members.count, unit: counter.unit, day: counter.day, on: db)
            for (offset, index) in members.enumerated() { sequences[index] = last - members.count + 1 + offset }
        }
        return sequences
    }

    /// The new dossier row of a prepared submission under its `code`.
    static func dossierRow(_ prepared: PreparedSubmission, code: String) -> DossierModel {
        let dossier = DossierModel()
        dossier.code = code
        dossier.procedureCode = prepared.procedureCode
        dossier.procedureVersion = prepared.version
        dossier.procedureName = prepared.record.name
        dossier.receivingUnitCode = prepared.unit.code
        dossier.receivingUnitPath = prepared.unit.path
        dossier.handlingUnitCode = prepared.handling.code
        dossier.handlingUnitPath = prepared.handling.path
        dossier.channel = prepared.channel
        dossier.status = .submitted
        dossier.applicantUserID = prepared.applicantUserID
        dossier.applicantName = prepared.applicant.fullName
        dossier.applicantPersonalID = prepared.applicant.personalId
        dossier.applicantPhone = prepared.applicant.phone
        dossier.applicantEmail = prepared.applicant.email
        dossier.applicantAddress = prepared.applicant.address
        dossier.form = prepared.formJSON
        dossier.submittedAt = prepared.context.now
        dossier.supplementRequests = 0
        dossier.currentStep = -1
        dossier.feeVnd = prepared.fee
        dossier.feePaid = prepared.fee == 0
        dossier.revision = 0
        dossier.createdBy = prepared.context.actor.username
        dossier.submissionKey = prepared.submissionKey
        dossier.submissionFingerprint = prepared.submissionFingerprint
        return dossier
    }
}

/// Nộp hồ sơ theo nhóm — group commit of submissions. Submissions that arrive while a group is being written wait
/// and are written together next: one numbering transaction and one write transaction (one commit, one statement per
/// table) for the whole group instead of one each. A submission is answered only after its group committed. When a
/// group fails, each of its submissions is written again on its own, so that one bad submission refuses only itself.
/// Up to `writers` groups are written at once: one on SQLite, whose writers take turns anyway; several on
/// PostgreSQL, where one group's statements travel to the server while another's wait for their answers. On an
/// SQLite file the commit is flushed to the disk by `WriteAheadLogSync` while the next group is being written; each
/// submission is still answered only once it is on the disk.
public actor SubmissionQueue {
    /// How a group is written (`DossierService.write`; tests put a failing writer around it).
    typealias Writer = @Sendable ([DossierService.PreparedSubmission], any Database) async throws -> [DossierService.SubmittedDossier]

    private let database: @Sendable () -> any Database
    private let largestGroup: Int
    private let writers: Int
    private let writer: Writer
    private let durable: (@Sendable () async throws -> Void)?
    private var waiting: [(DossierService.PreparedSubmission, CheckedContinuation<DossierService.SubmittedDossier, any Error>)] = []
    private var writing = 0

    /// `database` gives the database to write to (the application's); `largestGroup` bounds a group (SQLite binds);
    /// `writers` is how many groups may be written at once; `durable`, when given, returns once what was committed
    /// before it is on the disk (the writer's commits are not flushed themselves: `WriteAheadLogSync`).
    public init(largestGroup: Int = 64, writers: Int = 1, durable: (@Sendable () async throws -> Void)? = nil,
                database: @escaping @Sendable () -> any Database) {
        self.init(largestGroup: largestGroup, writers: writers, durable: durable, database: database) { batch, db in
            try await DossierService.write(batch, on: db)
        }
    }

    init(largestGroup: Int, writers: Int = 1, durable: (@Sendable () async throws -> Void)? = nil,
         database: @escaping @Sendable () -> any Database, writer: @escaping Writer) {
        self.database = database
        self.largestGroup = largestGroup
        self.writers = max(1, writers)
        self.durable = durable
        self.writer = writer
    }

    /// How many submissions wait for the next group.
    var waitingCount: Int { waiting.count }

    /// Writes `prepared` with the submissions waiting beside it; returns once its group committed.
    func write(_ prepared: DossierService.PreparedSubmission) async throws -> DossierService.SubmittedDossier {
        try await withCheckedThrowingContinuation { continuation in
            waiting.append((prepared, continuation))
            if writing < writers {
                writing += 1
                // on the writer's loop, transactions included (`WriterLoop`, `WriterExecutor`)
                Task(executorPreference: WriterLoop.executor) {
                    await WriterExecutor.$preferred.withValue(WriterLoop.executor) { await self.drain() }
                }
            }
        }
    }

    private func drain() async {
        while !waiting.isEmpty {
            let group = Array(waiting.prefix(largestGroup))
            waiting.removeFirst(group.count)
            let db = database()
            do {
                let written = try await writer(group.map(\.0), db)
                let answers = Array(zip(group.map(\.1), written))
                if let durable {
                    // answered once on the disk; meanwhile the next group is written
                    Task { await Self.answer(answers, after: durable) }
                } else {
                    for (continuation, result) in answers { continuation.resume(returning: result) }
                }
            } catch {
                guard group.count > 1 else {
                    group[0].1.resume(throwing: error)
                    continue
                }
                for (prepared, continuation) in group {
                    do {
                        let result = try await writer([prepared], db)[0]
                        try await durable?()
                        continuation.resume(returning: result)
                    } catch { continuation.resume(throwing: error) }
                }
            }
        }
        writing -= 1
    }

    /// Answers a written group once `durable` returned (or its error, when the flush failed).
    private static func answer(_ answers: [(CheckedContinuation<DossierService.SubmittedDossier, any Error>, DossierService.SubmittedDossier)],
                               after durable: @Sendable () async throws -> Void) async {
        do {
            try await durable()
            for (continuation, result) in answers { continuation.resume(returning: result) }
        } catch {
            for (continuation, _) in answers { continuation.resume(throwing: error) }
        }
    }
}
