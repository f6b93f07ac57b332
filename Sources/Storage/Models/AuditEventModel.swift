import Fluent
import Foundation

/// Nhật ký — one recorded state change: who, when, what and why. Written in the same transaction as the change.
public final class AuditEventModel: Model, @unchecked Sendable {
    public static let schema = "audit_events"

    // managed fields
    @ID(key: .id) public var id: UUID?

    // data fields
    @Field(key: "at") public var at: Date
    /// The acting account's username, or "system" for imports and the command line.
    @Field(key: "actor") public var actor: String
    /// What happened, e.g. `unit.end`, `role.assign`, `procedure.publish`.
    @Field(key: "action") public var action: String
    /// What it happened to, e.g. `unit:00691`.
    @Field(key: "subject") public var subject: String
    /// Why (the reason the actor gave), when there is one.
    @OptionalField(key: "reason") public var reason: String?

    public init() {}

    public init(at: Date, actor: String, action: String, subject: String, reason: String? = nil) {
        self.at = at
        self.actor = actor
        self.action = action
        self.subject = subject
        self.reason = reason
    }
}

extension AuditEventModel {
    /// Records an event on `database` (pass the transaction's database to keep it atomic with the change).
    public static func record(on database: any Database, at: Date, actor: String, action: String,
                              subject: String, reason: String? = nil) async throws {
        try await AuditEventModel(at: at, actor: actor, action: action, subject: subject, reason: reason)
            .create(on: database)
    }
}
