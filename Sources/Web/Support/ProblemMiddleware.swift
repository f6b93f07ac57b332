import Core
import Fluent
import Foundation
import Vapor

/// The RFC 9457 body: a Vietnamese `title`, an English `detail`, and per-field messages for validation problems.
public struct ProblemBody: Content {
    public var type: String
    public var title: String
    public var status: Int
    public var detail: String
    public var instance: String?
    public var errors: [String: String]?
}

/// Turns every error into `application/problem+json`: a `Problem` as it is, a decoding error as 400,
/// an unknown route as 404, anything unexpected as 500 without internals.
struct ProblemMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let problem = Self.problem(for: error)
            if problem.status >= 500 {
                request.logger.error("unexpected error", metadata: ["error": "\(String(reflecting: error))"])
            }
            return try Self.response(problem, instance: request.url.path)
        }
    }

    static func response(_ problem: Problem, instance: String?) throws -> Response {
        let body = ProblemBody(type: "/problems/\(problem.slug)", title: problem.title, status: problem.status,
                               detail: problem.detail, instance: instance,
                               errors: problem.fields.isEmpty ? nil : problem.fields)
        let response = Response(status: HTTPResponseStatus(statusCode: problem.status))
        try response.content.encode(body, as: .json)
        response.headers.contentType = HTTPMediaType(type: "application", subType: "problem+json",
                                                     parameters: ["charset": "utf-8"])
        return response
    }

    static func problem(for error: any Error) -> Problem {
        switch error {
        case let problem as Problem:
            return problem
        case let error as DecodingError:
            return Problem.invalid("Dữ liệu gửi lên không đúng định dạng", describe(error))
        case let abort as any AbortError:
            switch abort.status {
            case .notFound:
                return .notFound("Không tìm thấy trang hoặc tài nguyên", abort.reason)
            case .unauthorized:
                return .unauthenticated()
            case .forbidden:
                return .forbidden()
            case .payloadTooLarge:
                return Problem(status: 413, slug: "too-large", title: "Dữ liệu gửi lên quá lớn", detail: abort.reason)
            case .unsupportedMediaType:
                return Problem(status: 415, slug: "unsupported-media-type", title: "Kiểu dữ liệu không được hỗ trợ",
                               detail: abort.reason)
            default:
                return Problem(status: Int(abort.status.code), slug: "http-\(abort.status.code)",
                               title: "Yêu cầu không hợp lệ", detail: abort.reason)
            }
        default:
            return Problem(status: 500, slug: "internal", title: "Lỗi hệ thống, vui lòng thử lại sau",
                           detail: "An unexpected error occurred; it has been logged.")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let text = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return text.isEmpty ? "the body" : text
        }
        switch error {
        case let .keyNotFound(key, context):
            let at = path(context)
            return "Missing field \(key.stringValue)" + (at == "the body" ? "." : " in \(at).")
        case let .typeMismatch(type, context): return "Field \(path(context)) must be of type \(type)."
        case let .valueNotFound(type, context): return "Field \(path(context)) must be a \(type), not null."
        case let .dataCorrupted(context): return "Invalid value at \(path(context)): \(context.debugDescription)"
        @unknown default: return "The body could not be decoded."
        }
    }
}

extension Request {
    /// Decodes the JSON body, answering 400 problem+json that names the field at fault.
    func decodeBody<T: Decodable>(_ type: T.Type) throws -> T {
        guard let buffer = body.data, buffer.readableBytes > 0 else {
            throw Problem.invalid("Thiếu nội dung yêu cầu", "The request body is empty.")
        }
        return try Self.jsonDecoder.decode(T.self, from: buffer)
    }

    /// JSON bodies carry dates as ISO 8601 date-times (with or without fractional seconds).
    static let jsonDecoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = ISO8601Parsing.date(text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                        debugDescription: "Not an ISO 8601 date-time: \(text)"))
            }
            return date
        }
        return decoder
    }()

    /// A required integer query parameter within bounds, or a problem naming it.
    func queryInt(_ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text = query[String.self, at: name] else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw Problem.invalid("Tham số \(name) không hợp lệ",
                                  "Query parameter \(name) must be an integer in \(range.lowerBound)...\(range.upperBound).",
                                  fields: [name: "Giá trị phải là số nguyên từ \(range.lowerBound) đến \(range.upperBound)."])
        }
        return number
    }
}

/// A page of a list: `{"items": […], "total": N}`.
public struct Page<Item: Content>: Content {
    public var items: [Item]
    public var total: Int
    public var limit: Int
    public var offset: Int
}

/// `limit`/`offset` read from the query.
struct Paging {
    var limit: Int
    var offset: Int

    init(_ request: Request, defaultLimit: Int = 20) throws {
        limit = try request.queryInt("limit", default: defaultLimit, range: 1...200)
        offset = try request.queryInt("offset", default: 0, range: 0...10_000_000)
    }

    /// This page's rows of a query and the total it matches: counted first, then sorted by `sort` and cut.
    func rows<M: Model>(of query: QueryBuilder<M>, sorted sort: (QueryBuilder<M>) -> QueryBuilder<M>) async throws
        -> (rows: [M], total: Int) {
        let total = try await query.count()
        let rows = try await sort(query).range(offset..<(offset + limit)).all()
        return (rows, total)
    }

    /// A page holding `items` out of `total`.
    func page<Item: Content>(_ items: [Item], total: Int) -> Page<Item> {
        Page(items: items, total: total, limit: limit, offset: offset)
    }

    /// This page of a list already in order.
    func page<Item: Content>(of all: [Item]) -> Page<Item> {
        page(Array(all.dropFirst(offset).prefix(limit)), total: all.count)
    }
}
