import Access
import Core
import Crypto
import Fluent
import SQLKit
import FluentSQL
import Foundation
import Vapor
import WorkCalendar

/// Hashes and checks passwords (Bcrypt); the cost is configuration so tests can run fast. Both run on NIO's thread
/// pool: at the production cost a hash takes a quarter of a second of a core, which must not hold an event loop.
public struct BcryptHasher: Sendable {
    public var cost: Int

    public init(cost: Int) { self.cost = cost }

    public func hash(_ password: String) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { [cost] in try Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, hash: String) async -> Bool {
        (try? await NIOThreadPool.singleton.runIfActive { try Bcrypt.verify(password, created: hash) }) ?? false
    }
}

/// Accounts, role assignments, sign-in with lockout, and tokens.
public enum AccountStore {
    /// Five failed sign-ins in a row lock the account…
    public static let maxFailedSignIns = 5
    /// …for fifteen minutes.
    public static let lockDuration: TimeInterval = 15 * 60
    /// Minimum password length.
    public static let minimumPasswordLength = 8

    /// Creates an official's account with its role assignments (units given by code).
    @discardableResult
    public static func createOfficial(username: String, password: String, fullName: String,
                                      roles: [(Role, String)], hasher: BcryptHasher, actor: String, at: Date,
                                      on database: any Database) async throws -> UserModel {
        try checkPassword(password)
        let name = username.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 64, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) })
        else {
            throw Problem.invalid("Tên đăng nhập không hợp lệ",
                                  "A username has 1-64 ASCII letters, digits, dots, dashes or underscores.",
                                  fields: ["username": "Tên đăng nhập chỉ gồm chữ, số, dấu chấm, gạch ngang."])
        }
        var units: [(Role, UnitModel)] = []
        for (role, code) in roles {
            guard let unit = try await UnitModel.find(code: code, on: database) else {
                throw Problem.invalid("Không tìm thấy đơn vị \(code)", "No unit with code \(code).",
                                      fields: ["unit": "Không có đơn vị mã \(code)."])
            }
            units.append((role, unit))
        }
        let hash = try await hasher.hash(password)
        let resolved = units
        return try await database.writeTransaction { db in
            guard try await UserModel.find(username: name, on: db) == nil else {
                throw Problem.conflict("Tên đăng nhập đã tồn tại", "Username \(name) is taken.")
            }
            let user = UserModel(username: name, passwordHash: hash, kind: .official, fullName: fullName)
            try await user.create(on: db)
            try await AuditEventModel.record(on: db, at: at, actor: actor, action: "user.create", subject: "user:\(name)")
            for (role, unit) in resolved {
                try await assign(role, to: user, in: unit, actor: actor, at: at, on: db)
            }
            return user
        }
    }

    /// Gives `user` a role in `unit` (no-op when already held), recording it.
    public static func assign(_ role: Role, to user: UserModel, in unit: UnitModel, actor: String, at: Date,
                              on database: any Database) async throws {
        let userID = try user.requireID(), unitID = try unit.requireID()
        let held = try await RoleAssignmentModel.query(on: database)
            .filter(\.$user.$id == userID).filter(\.$unit.$id == unitID).filter(\.$role == role).count()
        guard held == 0 else { return }
        try await RoleAssignmentModel(userID: userID, role: role, unitID: unitID).create(on: database)
        try await AuditEventModel.record(on: database, at: at, actor: actor, action: "role.assign",
                                         subject: "user:\(user.username)", reason: "\(role.rawValue)@\(unit.code)")
    }

    /// Registers a citizen: the personal identification number is the username.
    public static func registerCitizen(personalID: String, password: String, fullName: String, email: String?,
                                       phone: String?, hasher: BcryptHasher, at: Date,
                                       on database: any Database) async throws -> UserModel {
        let currentYear = VietnamTime.localDate(of: at).year
        let pin: PersonalIdentificationNumber
        do {
            pin = try PersonalIdentificationNumber(personalID, currentYear: currentYear)
        } catch {
            throw Problem.invalid("Số định danh cá nhân không hợp lệ", error.english,
                                  fields: ["personalId": error.vietnamese])
        }
        let name = fullName.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 100 else {
            throw Problem.invalid("Họ và tên không hợp lệ", "fullName must have 1-100 characters.",
                                  fields: ["fullName": "Vui lòng nhập họ và tên."])
        }
        try checkPassword(password)
        let hash = try await hasher.hash(password)
        return try await database.writeTransaction { db in
            guard try await UserModel.query(on: db).group(.or, {
                $0.filter(\.$username == pin.digits).filter(\.$personalID == pin.digits)
            }).count() == 0 else {
                throw Problem.conflict("Số định danh cá nhân này đã có tài khoản",
                                       "An account already exists for this personal identification number.")
            }
            let user = UserModel(username: pin.digits, passwordHash: hash, kind: .citizen, fullName: name,
                                 personalID: pin.digits, email: email, phone: phone)
            try await user.create(on: db)
            try await AuditEventModel.record(on: db, at: at, actor: "citizen:\(pin.masked)", action: "citizen.register",
                                             subject: "user:\(user.requireID())")
            return user
        }
    }

    /// Checks credentials with the lockout rule: five failures in a row lock the account for 15 minutes.
    public static func signIn(username: String, password: String, hasher: BcryptHasher, at now: Date,
                              on database: any Database) async throws -> UserModel {
        guard let user = try await UserModel.find(username: username.trimmingCharacters(in: .whitespaces), on: database),
              !user.disabled
        else {
            _ = try? await hasher.hash(password)  // spend the same time as a real check: no user enumeration by timing
            throw Problem.unauthenticated()
        }
        if let until = user.lockedUntil, until > now {
            let minutes = Int((until.timeIntervalSince(now) / 60).rounded(.up))
            throw Problem.locked("Tài khoản tạm khóa do đăng nhập sai quá \(maxFailedSignIns) lần; thử lại sau \(minutes) phút",
                                 "The account is locked after \(maxFailedSignIns) failed sign-ins; try again in \(minutes) minutes.")
        }
        guard await hasher.verify(password, hash: user.passwordHash) else {
            user.failedSignIns += 1
            let locks = user.failedSignIns >= maxFailedSignIns
            if locks {
                user.lockedUntil = now.addingTimeInterval(lockDuration)
                user.failedSignIns = 0
            }
            try await database.writeTransaction { db in
                try await user.save(on: db)
                if locks {
                    try await AuditEventModel.record(on: db, at: now, actor: "system", action: "user.lock",
                                                     subject: "user:\(user.requireID())",
                                                     reason: "\(maxFailedSignIns) failed sign-ins")
                }
            }
            throw Problem.unauthenticated()
        }
        if user.failedSignIns != 0 || user.lockedUntil != nil {
            user.failedSignIns = 0
            user.lockedUntil = nil
            try await user.save(on: database)
        }
        return user
    }

    /// Issues a token of `kind` valid for `lifetime`; returns the raw token (only its hash is stored).
    public static func issueToken(for user: UserModel, kind: AuthTokenModel.Kind, lifetime: TimeInterval, at now: Date,
                                  on database: any Database) async throws -> (token: String, expiresAt: Date) {
        let raw = [UInt8].random(count: 32).base64URLEncoded()
        let expires = now.addingTimeInterval(lifetime)
        try await AuthTokenModel(userID: user.requireID(), tokenHash: hashToken(raw), kind: kind, expiresAt: expires)
            .create(on: database)
        return (raw, expires)
    }

    /// The user a token belongs to, with their acting identity, if the token is known, unexpired and not revoked.
    public static func authenticate(token: String, kind: AuthTokenModel.Kind, at now: Date,
                                    on database: any Database) async throws -> (user: UserModel, actor: Actor)? {
        // one statement, prepared once per connection (every signed-in request asks): the token joined with its user
        // and the user's role assignments, one row per assignment (one row with NULL assignment columns for none)
        let rows = try await SignInQuery(binds: [hashToken(token), kind.rawValue]).rows(on: database)
        guard let first = rows.first,
              try first.decode(column: "token_revoked_at", as: Date?.self) == nil,
              try first.decode(column: "token_expires_at", as: Date.self) > now
        else { return nil }
        let user = try UserModel(columnsOf: first)
        guard !user.disabled else { return nil }
        let assignments = try rows.compactMap { row -> RoleAssignment? in
            guard let role = try row.decode(column: "assigned_role", as: Role?.self),
                  let code = try row.decode(column: "assigned_unit_code", as: String?.self),
                  let path = try row.decode(column: "assigned_unit_path", as: String?.self)
            else { return nil }
            return RoleAssignment(role: role, unitCode: code, unitPath: path)
        }
        return (user, Actor(userID: try user.requireID(), username: user.username, kind: user.kind, assignments: assignments))
    }

    /// Revokes a token (sign-out); returns whether one was revoked.
    @discardableResult
    public static func revoke(token: String, at now: Date, on database: any Database) async throws -> Bool {
        guard let record = try await AuthTokenModel.query(on: database).filter(\.$tokenHash == hashToken(token)).first(),
              record.revokedAt == nil
        else { return false }
        record.revokedAt = now
        try await record.save(on: database)
        return true
    }

    /// The acting identity of a user, with role assignments and their unit paths.
    public static func actor(for user: UserModel, on database: any Database) async throws -> Actor {
        struct Row: Decodable { var role: Role; var code: String; var path: String }
        let rows = try await (database as! any SQLDatabase).raw("""
            SELECT role_assignments.role, units.code, units.path
            FROM role_assignments JOIN units ON units.id = role_assignments.unit_id
            WHERE role_assignments.user_id = \(bind: try user.requireID())
            """).all(decoding: Row.self)
        return Actor(userID: try user.requireID(), username: user.username, kind: user.kind,
                     assignments: rows.map { RoleAssignment(role: $0.role, unitCode: $0.code, unitPath: $0.path) })
    }

    static func hashToken(_ token: String) -> String {
        Hex.lowercase(SHA256.hash(data: Data(token.utf8)))
    }

    static func checkPassword(_ password: String) throws {
        guard password.count >= minimumPasswordLength, password.count <= 72 else {
            throw Problem.invalid("Mật khẩu phải có từ \(minimumPasswordLength) đến 72 ký tự",
                                  "A password has \(minimumPasswordLength) to 72 characters.",
                                  fields: ["password": "Mật khẩu phải có từ \(minimumPasswordLength) đến 72 ký tự."])
        }
    }
}

extension Array where Element == UInt8 {
    /// Base64url without padding.
    func base64URLEncoded() -> String {
        Data(self).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
