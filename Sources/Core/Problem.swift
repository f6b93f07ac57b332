import Foundation

/// A failure the platform explains to its user: RFC 9457 problem details with a Vietnamese `title`
/// (what a Vietnamese user reads) and an English `detail` (for integrators and logs).
public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
    /// HTTP status code the problem maps to.
    public var status: Int
    /// A short machine-readable slug, used as the problem `type` (`/problems/<slug>`).
    public var slug: String
    /// Vietnamese title, shown to the user.
    public var title: String
    /// English explanation.
    public var detail: String
    /// Per-field messages for validation problems (field key → Vietnamese message).
    public var fields: [String: String]

    public init(status: Int, slug: String, title: String, detail: String, fields: [String: String] = [:]) {
        self.status = status
        self.slug = slug
        self.title = title
        self.detail = detail
        self.fields = fields
    }

    public var description: String { "\(status) \(slug): \(detail)" }

    /// 400 — the request is malformed or a value is invalid.
    public static func invalid(_ title: String, _ detail: String, fields: [String: String] = [:]) -> Problem {
        Problem(status: 400, slug: "invalid-input", title: title, detail: detail, fields: fields)
    }
    /// 401 — not signed in, or the credentials are wrong.
    public static func unauthenticated(
        _ title: String = "Chưa đăng nhập hoặc thông tin đăng nhập không đúng",
        _ detail: String = "Authentication is required or the credentials are invalid."
    ) -> Problem {
        Problem(status: 401, slug: "unauthenticated", title: title, detail: detail)
    }
    /// 403 — signed in but not allowed (role or unit scope).
    public static func forbidden(
        _ title: String = "Bạn không có quyền thực hiện thao tác này",
        _ detail: String = "Your roles do not allow this action in this unit."
    ) -> Problem {
        Problem(status: 403, slug: "forbidden", title: title, detail: detail)
    }
    /// 404 — nothing with that identifier (or not visible to the caller).
    public static func notFound(_ title: String, _ detail: String) -> Problem {
        Problem(status: 404, slug: "not-found", title: title, detail: detail)
    }
    /// 409 — the request conflicts with the current state.
    public static func conflict(_ title: String, _ detail: String) -> Problem {
        Problem(status: 409, slug: "conflict", title: title, detail: detail)
    }
    /// 423 — the account is locked after too many failed sign-ins.
    public static func locked(_ title: String, _ detail: String) -> Problem {
        Problem(status: 423, slug: "account-locked", title: title, detail: detail)
    }
}
