import Fluent
import SQLKit

extension Database {
    /// A write transaction. On SQLite, write transactions of this process take turns (SQLite has one writer
    /// at a time; taking turns here avoids lock-upgrade failures under concurrent requests). On PostgreSQL it is
    /// an ordinary transaction. Nested calls run inside the enclosing transaction.
    public func writeTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        // Fluent runs a transaction's body in a task of its own, which does not inherit the caller's executor
        // preference: carry it over (`WriterExecutor`)
        let body: @Sendable (any Database) async throws -> T = if let executor = WriterExecutor.preferred {
            { db in try await withTaskExecutorPreference(executor) { try await body(db) } }
        } else { body }
        guard !inTransaction, isSQLite else { return try await transaction(body) }
        await WriteGate.shared.acquire()
        do {
            let result = try await transaction(body)
            await WriteGate.shared.release()
            return result
        } catch {
            await WriteGate.shared.release()
            throw error
        }
    }

    /// Whether this database is SQLite.
    public var isSQLite: Bool { (self as? any SQLDatabase)?.dialect.name == "sqlite" }
}

/// The executor that write transactions begun in this task run their bodies on (the group writer's loop), set
/// with `WriterExecutor.$preferred.withValue(…)`; nil: the shared pool.
public enum WriterExecutor {
    @TaskLocal public static var preferred: (any TaskExecutor)?
}

/// One writer at a time, first come first served.
actor WriteGate {
    static let shared = WriteGate()
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        if !busy {
            busy = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if waiters.isEmpty { busy = false } else { waiters.removeFirst().resume() }
    }
}
