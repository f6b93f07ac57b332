import Foundation

/// A dictionary behind a lock, for small process-wide caches of values that never change once computed
/// (decoded procedure versions, working calendars).
public final class LockedCache<Key: Hashable, Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Key: Value] = [:]

    public init() {}

    /// Runs `body` with the dictionary, under the lock.
    public func withLock<T>(_ body: (inout [Key: Value]) throws -> T) rethrows -> T {
        try lock.withLock { try body(&values) }
    }
}
