import Fluent
import NIOConcurrencyHelpers
import Vapor

/// The default database made once per event loop, for the reads that come with nearly every request: the sign-in
/// of a bearer token or session cookie, and the public tracking look-up.
///
/// `Request.db` makes a new value on every call: the driver's wrapper around the loop's pool, with runtime type
/// look-ups and the request's logger. In a profile of the tracking look-up on PostgreSQL, that cost an eighth of
/// the look-up's own work on the Swift side. The value kept here is the same wrapper around the same pool. It logs
/// with the application's logger, without the request's id.
final class ReadyDatabases: Sendable {
    private let databases: Databases
    private let logger: Logger
    private let ready = NIOLockedValueBox<[ObjectIdentifier: any Database]>([:])

    init(_ app: Application) {
        databases = app.databases
        logger = app.logger
    }

    /// The default database on the event loop of `request`.
    func database(for request: Request) -> any Database {
        let loop = ObjectIdentifier(request.eventLoop)
        if let database = ready.withLockedValue({ $0[loop] }) { return database }
        let database = databases.database(logger: logger, on: request.eventLoop)!
        ready.withLockedValue { $0[loop] = database }
        return database
    }
}
