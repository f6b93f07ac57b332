import Foundation

/// The source of "now", injected so that tests control time.
public protocol TimeSource: Sendable {
    /// The current instant.
    func now() -> Date
}

/// The machine's clock.
public struct SystemClock: TimeSource {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that tests set and advance.
public final class ManualClock: TimeSource, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    public init(_ start: Date) { current = start }

    public func now() -> Date { lock.withLock { current } }

    /// Moves time forward.
    public func advance(by seconds: TimeInterval) { lock.withLock { current += seconds } }

    /// Sets the time.
    public func set(_ date: Date) { lock.withLock { current = date } }
}
