import Fluent
import Foundation

/// Đơn vị theo mã — units by code as last read, for the lookups every submission makes (its receiving and its
/// handling unit). A read is trusted for `recheckInterval`; a change made through this instance forgets every read at
/// once, a change made by another instance (or the command line) is seen within `recheckInterval`. Units that do not
/// exist are not remembered (any code may be asked for).
public final class UnitDirectory: @unchecked Sendable {
    /// How long a unit read is trusted.
    public let recheckInterval: UInt64
    private let lock = NSLock()
    private var units: [String: (unit: UnitModel, readAt: UInt64)] = [:]
    /// Counts `invalidate` calls: a read that began before one is not remembered.
    private var generation = 0

    public init(recheckInterval seconds: Double = 1) {
        recheckInterval = UInt64(seconds * 1e9)
    }

    /// The unit with that code (read again when the last read is older than `recheckInterval`). The model is shared
    /// between callers: they only read it.
    public func unit(code: String, on db: any Database) async throws -> UnitModel? {
        let now = DispatchTime.now().uptimeNanoseconds
        let (fresh, began) = lock.withLock {
            (units[code].flatMap { $0.readAt + recheckInterval > now ? $0.unit : nil }, generation)
        }
        if let fresh { return fresh }
        guard let unit = try await UnitModel.find(code: code, on: db) else { return nil }
        lock.withLock { if generation == began { units[code] = (unit, now) } }
        return unit
    }

    /// Forgets every unit (called after every unit change made here).
    public func invalidate() {
        lock.withLock {
            units = [:]
            generation += 1
        }
    }
}
