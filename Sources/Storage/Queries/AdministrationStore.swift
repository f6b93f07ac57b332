import Access
import Core
import Fluent
import Foundation
import Organisation

extension UnitStore {
    /// Creates a unit under `parent` (`kind` nil when none was chosen), recording who did it. Every field is checked first and every fault is reported
    /// at once (field key → Vietnamese message); a taken code answers 409 on the `code` field. Nothing is written
    /// unless everything is valid.
    ///
    /// The rules are those of `POST /api/v1/units` (code 1–40 characters without spaces or slashes, agency code in
    /// the QCVN 102:2016 format, a real start date), plus a name and a start on or after the parent's and before its end.
    @discardableResult
    public static func create(code rawCode: String, name rawName: String, kind: UnitKind?, under parent: UnitModel,
                              agencyCode rawAgencyCode: String?, validFrom: String, actor: String, at: Date,
                              on database: any Database) async throws -> UnitModel {
        let code = rawCode.trimmingCharacters(in: .whitespaces)
        let name = rawName.trimmingCharacters(in: .whitespacesAndNewlines)
        let agencyCode = rawAgencyCode.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        var fields: [String: String] = [:]
        if code.isEmpty || code.count > 40 || code.contains("/") || code.contains(" ") {
            fields["code"] = code.isEmpty ? "Vui lòng nhập mã đơn vị." : "Mã đơn vị có 1–40 ký tự, không chứa khoảng trắng hoặc dấu /."
        }
        if name.isEmpty || name.count > 200 {
            fields["name"] = name.isEmpty ? "Vui lòng nhập tên đơn vị." : "Tên đơn vị không quá 200 ký tự."
        }
        if kind == nil {
            fields["kind"] = "Chọn loại đơn vị."
        } else if kind == .province {
            fields["kind"] = "Chỉ có một tỉnh ở gốc cây đơn vị."
        }
        if let agencyCode, AgencyCode(agencyCode) == nil {
            fields["agencyCode"] = "Định dạng: 000.00.00.H60"
        }
        if !LocalDateText.isValid(validFrom) {
            fields["validFrom"] = "Ngày hiệu lực không hợp lệ."
        } else if validFrom < parent.validFrom {
            fields["validFrom"] = "Đơn vị cấp trên chỉ có hiệu lực từ \(parent.validFrom)."
        } else if let until = parent.validUntil, validFrom > until {
            fields["validFrom"] = "Đơn vị cấp trên đã hết hiệu lực sau ngày \(until)."
        }
        guard fields.isEmpty, let kind else {
            throw Problem.invalid("Thông tin đơn vị chưa hợp lệ", "Invalid unit: \(fields.keys.sorted().joined(separator: ", ")).",
                                  fields: fields)
        }
        let unit = UnitModel(code: code, name: name, kind: kind, structure: .y2025, parentID: parent.id,
                             path: UnitPath.child(of: parent.path, code: code), agencyCode: agencyCode, validFrom: validFrom)
        try await database.writeTransaction { db in
            guard try await UnitModel.find(code: code, on: db) == nil else {
                throw Problem(status: 409, slug: "conflict", title: "Mã đơn vị đã tồn tại", detail: "Unit code \(code) is taken.",
                              fields: ["code": "Mã \(code) đã được dùng cho đơn vị khác."])
            }
            try await unit.create(on: db)
            try await AuditEventModel.record(on: db, at: at, actor: actor, action: "unit.create", subject: "unit:\(code)",
                                             reason: "under \(parent.code)")
        }
        return unit
    }
}

extension AccountStore {
    /// Takes `role` in `unit` away from `user`, recording who, when and why. The reason is required; an administrator
    /// cannot take away their own administrator role (someone else must, so that nobody locks themselves out).
    /// Answers 404 when the role is not held, and changes nothing on any refusal.
    public static func revoke(_ role: Role, from user: UserModel, in unit: UnitModel, reason: String, actor: String,
                              at: Date, on database: any Database) async throws {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else {
            throw Problem.invalid("Vui lòng ghi rõ lý do", "A reason is required for this change.",
                                  fields: ["reason": "Vui lòng ghi rõ lý do thu hồi."])
        }
        if role == .administrator, user.username == actor {
            throw Problem.conflict("Không thể tự thu hồi vai trò quản trị của chính mình",
                                   "An administrator cannot revoke their own administrator role.")
        }
        let userID = try user.requireID(), unitID = try unit.requireID()
        try await database.writeTransaction { db in
            guard let row = try await RoleAssignmentModel.query(on: db).filter(\.$user.$id == userID)
                .filter(\.$unit.$id == unitID).filter(\.$role == role).first()
            else {
                throw Problem.notFound("Không có phân công này", "\(user.username) does not hold \(role.rawValue) in \(unit.code).")
            }
            try await row.delete(on: db)
            try await AuditEventModel.record(on: db, at: at, actor: actor, action: "role.revoke",
                                             subject: "user:\(user.username)", reason: "\(role.rawValue)@\(unit.code): \(reason)")
        }
    }
}
