import Access
import Fluent
import Foundation
import SQLKit

/// Tài khoản — an official's or a citizen's account.
public final class UserModel: Model, @unchecked Sendable {
    public static let schema = "users"

    // managed fields
    @ID(key: .id) public var id: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    // data fields
    /// Sign-in name; for citizens their personal identification number.
    @Field(key: "username") public var username: String
    @Field(key: "password_hash") public var passwordHash: String
    @Field(key: "kind") public var kind: Actor.Kind
    @Field(key: "full_name") public var fullName: String
    @OptionalField(key: "personal_id") public var personalID: String?
    @OptionalField(key: "email") public var email: String?
    @OptionalField(key: "phone") public var phone: String?
    /// Consecutive failed sign-ins; five lock the account for 15 minutes.
    @Field(key: "failed_sign_ins") public var failedSignIns: Int
    @OptionalField(key: "locked_until") public var lockedUntil: Date?
    @Field(key: "disabled") public var disabled: Bool

    // relationships
    @Children(for: \.$user) public var assignments: [RoleAssignmentModel]

    public init() {}

    public init(id: UUID? = nil, username: String, passwordHash: String, kind: Actor.Kind, fullName: String,
                personalID: String? = nil, email: String? = nil, phone: String? = nil) {
        self.id = id
        self.username = username
        self.passwordHash = passwordHash
        self.kind = kind
        self.fullName = fullName
        self.personalID = personalID
        self.email = email
        self.phone = phone
        self.failedSignIns = 0
        self.lockedUntil = nil
        self.disabled = false
    }
}

extension UserModel {
    /// The account in `row`, which names every column of the accounts table (the sign-in's statement), read column
    /// by column: what `decode(fluentModel:)` gives, without Fluent's reflection over the model's properties, which
    /// cost the sign-in of each request twice what its statement did. Saved, it is updated, not inserted.
    convenience init(columnsOf row: any SQLRow) throws {
        self.init()
        id = try row.decode(column: "id", as: UUID.self)
        $id.exists = true
        createdAt = try row.decode(column: "created_at", as: Date?.self)
        updatedAt = try row.decode(column: "updated_at", as: Date?.self)
        username = try row.decode(column: "username", as: String.self)
        passwordHash = try row.decode(column: "password_hash", as: String.self)
        let kindText = try row.decode(column: "kind", as: String.self)
        guard let kind = Actor.Kind(rawValue: kindText) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "users.kind: \(kindText)"))
        }
        self.kind = kind
        fullName = try row.decode(column: "full_name", as: String.self)
        personalID = try row.decode(column: "personal_id", as: String?.self)
        email = try row.decode(column: "email", as: String?.self)
        phone = try row.decode(column: "phone", as: String?.self)
        failedSignIns = try row.decode(column: "failed_sign_ins", as: Int.self)
        lockedUntil = try row.decode(column: "locked_until", as: Date?.self)
        disabled = try row.decode(column: "disabled", as: Bool.self)
    }

    /// The account with that username.
    public static func find(username: String, on database: any Database) async throws -> UserModel? {
        try await query(on: database).filter(\.$username == username).first()
    }
}

/// Phân công vai trò — one role held by an official in one unit.
public final class RoleAssignmentModel: Model, @unchecked Sendable {
    public static let schema = "role_assignments"

    // managed fields
    @ID(key: .id) public var id: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    // data fields
    @Field(key: "role") public var role: Role

    // relationships
    @Parent(key: "user_id") public var user: UserModel
    @Parent(key: "unit_id") public var unit: UnitModel

    public init() {}

    public init(userID: UUID, role: Role, unitID: UUID) {
        self.$user.id = userID
        self.role = role
        self.$unit.id = unitID
    }
}

/// A sign-in credential: a browser session (cookie) or an API bearer token. Only the SHA-256 of the
/// token is stored, so a database leak reveals no usable token.
public final class AuthTokenModel: Model, @unchecked Sendable {
    public static let schema = "auth_tokens"

    /// How the token is carried.
    public enum Kind: String, Codable, Sendable { case session, bearer }

    // managed fields
    @ID(key: .id) public var id: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    // data fields
    @Field(key: "token_hash") public var tokenHash: String
    @Field(key: "kind") public var kind: Kind
    @Field(key: "expires_at") public var expiresAt: Date
    @OptionalField(key: "revoked_at") public var revokedAt: Date?

    // relationships
    @Parent(key: "user_id") public var user: UserModel

    public init() {}

    public init(userID: UUID, tokenHash: String, kind: Kind, expiresAt: Date) {
        self.$user.id = userID
        self.tokenHash = tokenHash
        self.kind = kind
        self.expiresAt = expiresAt
    }
}
