import Foundation
import Storage
import Vapor

/// Delivers the edXML outbox to the other agencies' platforms: each due package is posted with the sending
/// agency's signature; a failure is retried later with back-off (`ExchangeService.recordAttempt`).
enum ExchangeDelivery {
    /// What one pass did.
    struct Report: Equatable { var sent = 0; var retried = 0 }

    /// Posts every package due now; returns how many went and how many wait for a retry.
    static func deliverDue(_ app: Application) async throws -> Report {
        var report = Report()
        let now = app.clock.now()
        for message in try await ExchangeService.due(at: now, on: app.db) {
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .contentType, value: "application/xml; charset=utf-8")
            headers.replaceOrAdd(name: "X-Edxml-Signature", value: message.signature)
            var error: String?
            do {
                let target = message.url.hasSuffix("/") ? String(message.url.dropLast()) : message.url
                let response = try await app.client.post(URI(string: target + "/api/v1/exchange/edxml"), headers: headers) { request in
                    request.body = ByteBuffer(data: Data(base64Encoded: message.payload) ?? Data())
                }
                if !(200..<300).contains(response.status.code) {
                    error = "HTTP \(response.status.code): \(response.body.map { String(buffer: $0) }?.prefix(300) ?? "")"
                }
            } catch let failure {
                error = "\(failure)"
            }
            try await ExchangeService.recordAttempt(message, error: error, at: now, on: app.db)
            if error == nil { report.sent += 1 } else { report.retried += 1 }
        }
        return report
    }
}

/// Runs `ExchangeDelivery` every few seconds while the server runs.
final class ExchangeDeliveryLoop: LifecycleHandler, @unchecked Sendable {
    private var task: Task<Void, Never>?
    let interval: Duration

    init(interval: Duration = .seconds(10)) { self.interval = interval }

    func didBootAsync(_ application: Application) async throws {
        let interval = interval
        task = Task {
            while !Task.isCancelled {
                do {
                    let report = try await ExchangeDelivery.deliverDue(application)
                    if report.sent + report.retried > 0 {
                        application.logger.info("edxml delivery", metadata: ["sent": "\(report.sent)", "retried": "\(report.retried)"])
                    }
                } catch {
                    application.logger.warning("edxml delivery error", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }

    func shutdownAsync(_ application: Application) async {
        task?.cancel()
        _ = await task?.value
    }
}
