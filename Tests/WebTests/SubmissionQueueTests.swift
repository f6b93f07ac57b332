import Access
import Core
import DemoData
import Dossiers
import Fluent
import Foundation
@testable import Storage
import Testing
import NIOConcurrencyHelpers
import NIOPosix
import Vapor
import WorkCalendar

/// Group commit of submissions (`SubmissionQueue`): submissions arriving together are written together, each is
/// answered only after its group committed, and a group that fails is written again one by one.
@Suite struct SubmissionQueueTests {
    /// Records each group's size and, when told to, fails the groups holding a submission whose request is `poison`.
    final class RecordingWriter: @unchecked Sendable {
        private let lock = NSLock()
        private var sizes: [Int] = []
        var poison: String?
        /// The first group waits until this many submissions wait behind it (so that the next group is large).
        var holdFirstUntil = 0
        var queue: SubmissionQueue?

        var groupSizes: [Int] { lock.withLock { sizes } }

        func write(_ batch: [DossierService.PreparedSubmission], on db: any Database) async throws -> [DossierService.SubmittedDossier] {
            let first = lock.withLock { () -> Bool in
                sizes.append(batch.count)
                return sizes.count == 1
            }
            if first, holdFirstUntil > 0, let queue {
                while await queue.waitingCount < holdFirstUntil { try await Task.sleep(for: .milliseconds(5)) }
            }
            if let poison, batch.contains(where: { $0.formJSON.contains(poison) }) {
                throw Problem(status: 500, slug: "test", title: "Lỗi thử", detail: "poisoned group")
            }
            return try await DossierService.write(batch, on: db)
        }
    }

    /// The demo citizen's online submission of 1.001022 at Phường Minh Xuân, checked and resolved (nothing written).
    static func prepared(_ app: Application, request: String = "Đăng ký") async throws -> DossierService.PreparedSubmission {
        let citizen = try #require(try await UserModel.find(username: DemoSeed.citizenID, on: app.db))
        let actor = try await AccountStore.actor(for: citizen, on: app.db)
        var form = try await DossierAPITests.form(for: "1.001022", on: app.db)
        form["request"] = request
        let context = DossierService.Context(actor: actor, fullName: citizen.fullName, now: app.clock.now(),
                                             calendar: try await CalendarStore.calendar(on: app.db))
        return try await DossierService.prepare(.init(procedure: "1.001022", unit: DossierAPITests.minhXuan, form: form),
                                                context: context, on: app.db)
    }

    /// Writes the first prepared submission through `queue`, and once its group is being written, all the others at
    /// once (they wait behind it and make the next group); the answers in order (a code or the error).
    static func writeAll(_ prepared: [DossierService.PreparedSubmission], through queue: SubmissionQueue,
                         writer: RecordingWriter) async throws -> [Result<String, any Error>] {
        writer.holdFirstUntil = prepared.count - 1
        return try await withThrowingTaskGroup(of: (Int, Result<String, any Error>).self) { group in
            for (index, submission) in prepared.enumerated() {
                group.addTask {
                    do { return (index, .success(try await queue.write(submission).dossier.code)) }
                    catch { return (index, .failure(error)) }
                }
                if index == 0 { while writer.groupSizes.isEmpty { try await Task.sleep(for: .milliseconds(2)) } }
            }
            var results = [Result<String, any Error>?](repeating: nil, count: prepared.count)
            for try await (index, result) in group { results[index] = result }
            return results.map { $0! }
        }
    }

    /// A queue writing through `writer`.
    static func queue(_ app: Application, _ writer: RecordingWriter) -> SubmissionQueue {
        let queue = SubmissionQueue(largestGroup: 64, database: { app.db }) { try await writer.write($0, on: $1) }
        writer.queue = queue
        return queue
    }

    @Test(arguments: Engine.all)
    func submissions_arriving_together_are_written_as_one_group_with_every_row(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            let writer = RecordingWriter()
            let queue = Self.queue(app, writer)
            var prepared: [DossierService.PreparedSubmission] = []
            for index in 0..<30 { prepared.append(try await Self.prepared(app, request: "Yêu cầu \(index)")) }
            let codes = try await Self.writeAll(prepared, through: queue, writer: writer).map { try $0.get() }
            // one group for the first, one for the 29 that waited behind it
            #expect(writer.groupSizes == [1, 29])
            #expect(Set(codes).count == 30)
            #expect(Set(codes.compactMap { DossierCode($0)?.sequence }) == Set(1...30))
            // every dossier has its history row, public view, indicator fact and notifications, and its own form
            for (index, code) in codes.enumerated() {
                let dossier = try #require(try await DossierModel.query(on: app.db).filter(\.$code == code).first())
                #expect(dossier.form.contains("Yêu cầu \(index)\""))
                let events = try await DossierEventModel.query(on: app.db).filter(\.$dossier.$id == dossier.requireID()).all()
                #expect(events.map(\.action) == ["submit"])
                #expect(try await DossierStepModel.query(on: app.db).filter(\.$dossier.$id == dossier.requireID()).count() > 0)
                #expect(try await PublicTracking.find(code: code, on: app.db)?.timeline.count == 1)
                #expect(try await OutboxMessageModel.query(on: app.db).filter(\.$dossierCode == code).count() == 2)
            }
            #expect(try await DossierFactStore.facts(codes: codes, on: app.db).count == 30)
        }
    }

    @Test(arguments: Engine.all)
    func a_failing_group_is_written_again_one_by_one_and_refuses_only_the_bad_submission(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            let writer = RecordingWriter()
            writer.poison = "HỎNG"
            let queue = Self.queue(app, writer)
            var prepared: [DossierService.PreparedSubmission] = []
            for index in 0..<6 { prepared.append(try await Self.prepared(app, request: index == 3 ? "HỎNG" : "Yêu cầu \(index)")) }
            let results = try await Self.writeAll(prepared, through: queue, writer: writer)
            // the group of five failed; its members were written one by one: four landed, the bad one was refused
            #expect(writer.groupSizes == [1, 5, 1, 1, 1, 1, 1])
            let codes = results.compactMap { try? $0.get() }
            #expect(codes.count == 5)
            #expect(throws: Problem.self) { try results[3].get() }
            #expect(Set(codes).count == 5)
            #expect(try await DossierModel.query(on: app.db).count() == 5)
            #expect(try await DossierModel.query(on: app.db).filter(\.$form ~~ "HỎNG").count() == 0)
            #expect(try await DossierEventModel.query(on: app.db).count() == 5)
        }
    }

    /// Counts the groups being written at the same moment; the first group waits (up to five seconds) until a
    /// second one is being written beside it.
    final class OverlapWriter: @unchecked Sendable {
        private let lock = NSLock()
        private var inFlight = 0
        private var groups = 0
        private(set) var mostAtOnce = 0

        func write(_ batch: [DossierService.PreparedSubmission], on db: any Database) async throws -> [DossierService.SubmittedDossier] {
            let first = lock.withLock { () -> Bool in
                inFlight += 1
                groups += 1
                mostAtOnce = max(mostAtOnce, inFlight)
                return groups == 1
            }
            defer { lock.withLock { inFlight -= 1 } }
            if first {
                let deadline = ContinuousClock.now + .seconds(30)  // a loaded machine (the whole suite at once) starts the others late
                while lock.withLock({ inFlight < 2 }), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
            }
            return try await DossierService.write(batch, on: db)
        }
    }

    @Test(arguments: Engine.all.filter { $0 == .postgres })
    func on_postgresql_several_groups_are_written_at_once_and_their_codes_stay_distinct(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            let writer = OverlapWriter()
            let queue = SubmissionQueue(largestGroup: 64, writers: 3, database: { app.db }) { try await writer.write($0, on: $1) }
            var prepared: [DossierService.PreparedSubmission] = []
            for index in 0..<21 { prepared.append(try await Self.prepared(app, request: "Yêu cầu \(index)")) }
            let codes = try await withThrowingTaskGroup(of: String.self) { group in
                group.addTask { try await queue.write(prepared[0]).dossier.code }
                try await Task.sleep(for: .milliseconds(50))  // the first group is being written (and held)
                for submission in prepared.dropFirst() { group.addTask { try await queue.write(submission).dossier.code } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // a second group was written while the first was still open, and numbering stayed exact
            #expect(writer.mostAtOnce >= 2)
            #expect(Set(codes).count == 21)
            #expect(Set(codes.compactMap { DossierCode($0)?.sequence }) == Set(1...21))
            #expect(try await DossierModel.query(on: app.db).count() == 21)
            #expect(try await DossierFactStore.facts(codes: codes, on: app.db).count == 21)
        }
    }

    /// A flush the test releases by hand, or fails.
    final class HeldFlush: @unchecked Sendable {
        private let lock = NSLock()
        private var released = false
        var failure: (any Error)?
        private(set) var calls = 0

        func release() { lock.withLock { released = true } }

        func flush() async throws {
            lock.withLock { calls += 1 }
            while !lock.withLock({ released }) { try await Task.sleep(for: .milliseconds(2)) }
            if let failure { throw failure }
        }
    }

    @Test func a_written_group_is_answered_only_once_its_commit_is_on_the_disk() async throws {
        try await withPlatform(.sqlite) { app in
            let flush = HeldFlush()
            let queue = SubmissionQueue(largestGroup: 64, durable: { try await flush.flush() }, database: { app.writerDatabase }) {
                try await DossierService.write($0, on: $1)
            }
            let prepared = try await Self.prepared(app)
            let answered = NIOLockedValueBox(false)
            let answer = Task {
                let code = try await queue.write(prepared).dossier.code
                answered.withLockedValue { $0 = true }
                return code
            }
            while flush.calls == 0 { try await Task.sleep(for: .milliseconds(2)) }
            // committed (readable) but not yet flushed: not answered
            try await Task.sleep(for: .milliseconds(50))
            #expect(try await DossierModel.query(on: app.db).count() == 1)
            #expect(!answered.withLockedValue { $0 })
            flush.release()
            let code = try await answer.value
            #expect(answered.withLockedValue { $0 })
            #expect(DossierCode(code)?.sequence == 1)
        }
    }

    @Test func when_the_flush_fails_the_group_is_answered_with_the_error() async throws {
        try await withPlatform(.sqlite) { app in
            let flush = HeldFlush()
            flush.failure = Disk.FlushError(path: "/nowhere-wal", code: EIO)
            flush.release()
            let queue = SubmissionQueue(largestGroup: 64, durable: { try await flush.flush() }, database: { app.writerDatabase }) {
                try await DossierService.write($0, on: $1)
            }
            let prepared = try await Self.prepared(app)
            await #expect(throws: Disk.FlushError.self) { try await queue.write(prepared) }
        }
    }

    @Test func the_log_is_flushed_for_real_and_a_missing_log_is_an_error() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wal-\(UUID.random())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("cqs.sqlite").path
        let thread = NIOThreadPool(numberOfThreads: 1)
        thread.start()
        let sync = WriteAheadLogSync(databasePath: database, thread: thread)
        await #expect(throws: Disk.FlushError.self) { try await sync.flush() }
        #expect(FileManager.default.createFile(atPath: database + "-wal", contents: Data("log".utf8)))
        // many callers at once: each returns once a flush that began after its call finished
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<20 { group.addTask { try await sync.flush() } }
            try await group.waitForAll()
        }
        try await thread.shutdownGracefully()
    }

    @Test(arguments: Engine.all)
    func a_group_is_written_all_or_nothing_and_its_members_then_land_under_new_numbers(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            let first = try await Self.prepared(app)
            // a dossier already holds the code the group's second member is about to get
            let clash = DossierService.dossierRow(first, code: DossierCode(
                agencyCode: first.unit.agencyCode ?? "000.00.00.H00", year: first.day.year, month: first.day.month,
                day: first.day.day, sequence: 2).description)
            try await clash.create(on: app.db)
            var prepared = [first]
            for index in 1..<4 { prepared.append(try await Self.prepared(app, request: "Yêu cầu \(index)")) }
            let writer = RecordingWriter()
            let queue = Self.queue(app, writer)
            let codes = try await Self.writeAll(prepared, through: queue, writer: writer).map { try $0.get() }
            // the first alone took 1; the group of three took 2…4, hit the clash at 2 and wrote nothing; written one
            // by one its members took 5, 6 and 7
            #expect(writer.groupSizes == [1, 3, 1, 1, 1])
            #expect(codes.compactMap { DossierCode($0)?.sequence }.sorted() == [1, 5, 6, 7])
            #expect(try await DossierModel.query(on: app.db).count() == 5)
            #expect(try await DossierEventModel.query(on: app.db).count() == 4)
            #expect(try await DossierFactStore.facts(codes: codes, on: app.db).count == 4)
        }
    }
}
