import Foundation
import NIOPosix

/// Đồng bộ nhật ký ghi trước — makes the group writer's commits durable off its path. The writer's SQLite connection
/// commits with `synchronous=NORMAL` (the commit is written to the write-ahead log but not flushed to the disk);
/// a submission is answered only after `flush()` returned, that is after an fsync of the log that began after its
/// commit. While one group's log is being flushed the next group is already being written, and one fsync covers
/// every commit made before it began (group commit of the flushes). SQLite flushes the log itself before each
/// checkpoint, so a commit copied into the database file before the flush is durable as well.
public actor WriteAheadLogSync {
    private let logPath: String
    private let directoryPath: String
    private let thread: NIOThreadPool
    private var flushing = false
    private var directorySynced = false
    private var waiting: [CheckedContinuation<Void, any Error>] = []

    /// Flushes the write-ahead log of the database file `databasePath` (its `-wal` file) on `thread`.
    public init(databasePath: String, thread: NIOThreadPool) {
        logPath = databasePath + "-wal"
        directoryPath = URL(fileURLWithPath: databasePath).deletingLastPathComponent().path
        self.thread = thread
    }

    /// Returns once everything committed before the call is on the disk; throws when the flush failed.
    public func flush() async throws {
        try await withCheckedThrowingContinuation { continuation in
            waiting.append(continuation)
            if !flushing { startRound() }
        }
    }

    private func startRound() {
        flushing = true
        let round = waiting
        waiting = []
        let paths = directorySynced ? [logPath] : [logPath, directoryPath]
        Task {
            let outcome: Result<Void, any Error>
            do {
                try await thread.runIfActive { for path in paths { try Disk.flush(path) } }
                outcome = .success(())
            } catch {
                outcome = .failure(error)
            }
            self.finish(round, outcome, directory: paths.count > 1)
        }
    }

    private func finish(_ round: [CheckedContinuation<Void, any Error>], _ outcome: Result<Void, any Error>, directory: Bool) {
        if directory, case .success = outcome { directorySynced = true }
        for continuation in round { continuation.resume(with: outcome) }
        flushing = false
        if !waiting.isEmpty { startRound() }
    }
}
