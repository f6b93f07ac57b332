import Foundation
import Logging
import Metrics
import Prometheus
import Vapor

/// Prometheus metrics: one registry per process, bootstrapped once into swift-metrics.
public enum PlatformMetrics {
    /// The registry `/metrics` renders.
    public static let registry = PrometheusCollectorRegistry()
    private static let once: Void = {
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
    }()

    /// Bootstraps the metrics system (idempotent).
    public static func bootstrap() { _ = once }

    /// The registry in Prometheus text format.
    public static func render() -> String {
        var buffer = [UInt8]()
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }
}

/// Counts requests and measures their duration per route and status.
struct MetricsMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        let response = try await next.respond(to: request)
        // The route pattern, not the path: no identifiers (or personal numbers) in label values.
        let route = request.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unmatched"
        let dimensions = [("method", request.method.rawValue), ("route", route), ("status", "\(response.status.code)")]
        Counter(label: "cqs_http_requests_total", dimensions: dimensions).increment()
        Timer(label: "cqs_http_request_duration_seconds", dimensions: Array(dimensions.prefix(2)))
            .recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - start))
        return response
    }
}

/// Logs each request (method, redacted path, status, duration) as one structured line.
struct RequestLogMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        do {
            let response = try await next.respond(to: request)
            log(request, status: response.status.code, start: start)
            return response
        } catch {
            log(request, status: UInt(ProblemMiddleware.problem(for: error).status), start: start)
            throw error
        }
    }

    private func log(_ request: Request, status: UInt, start: UInt64) {
        let millis = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
        request.logger.info("request", metadata: [
            "method": "\(request.method.rawValue)", "path": "\(request.url.path)", "status": "\(status)",
            "ms": "\(String(format: "%.1f", millis))",
        ])
    }
}

/// Removes personal identification numbers, passwords and tokens from log text.
public enum LogRedaction {
    /// Masks 12-digit runs (personal identification numbers), bearer tokens, and `password`/`token` values.
    public static func redact(_ text: String) -> String {
        var out = text
        for (pattern, template) in rules {
            out = pattern.stringByReplacingMatches(in: out, range: NSRange(out.startIndex..., in: out),
                                                   withTemplate: template)
        }
        return out
    }

    private static let rules: [(NSRegularExpression, String)] = [
        (try! NSRegularExpression(pattern: #"(?<!\d)\d{12}(?!\d)"#), "[personal-id]"),
        (try! NSRegularExpression(pattern: #"(?i)bearer\s+[A-Za-z0-9._~+/=-]+"#), "Bearer [token]"),
        (try! NSRegularExpression(pattern: #"(?i)("?(password|mat_?khau|token|access_token|cqs_session)"?\s*[:=]\s*"?)[^"&\s,}]+"#),
         "$1[redacted]"),
    ]
}

/// A structured log handler: one JSON object a line, with every message and value redacted.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    let label: String
    let write: @Sendable (String) -> Void

    public init(label: String, write: @escaping @Sendable (String) -> Void = JSONLogHandler.standardOutput) {
        self.label = label
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields: [String: String] = [
            "ts": JSONLogHandler.timestamp(), "level": event.level.rawValue, "label": label,
            "msg": LogRedaction.redact(event.message.description),
        ]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) {
            fields[key] = LogRedaction.redact("\(value)")
        }
        if let error = event.error { fields["error"] = LogRedaction.redact("\(error)") }
        let data = (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data()
        write(String(decoding: data, as: UTF8.self))
    }

    /// Writes a line to standard output.
    public static let standardOutput: @Sendable (String) -> Void = { line in
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func timestamp() -> String {
        Date().formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }
}
