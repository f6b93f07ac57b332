import Foundation
import Storage
import Vapor

/// Delivers the notification outbox every 30 seconds while the server runs.
final class OutboxDelivery: LifecycleHandler, @unchecked Sendable {
    let transport: any MailTransport
    private var task: Task<Void, Never>?

    init(transport: any MailTransport) { self.transport = transport }

    func didBootAsync(_ application: Application) async throws {
        let transport = transport
        task = Task {
            while !Task.isCancelled {
                do {
                    let report = try await OutboxSender.deliverDue(at: application.clock.now(), transport: transport, on: application.db)
                    if report.sent + report.retried + report.failed > 0 {
                        application.logger.info("outbox delivery", metadata: [
                            "sent": "\(report.sent)", "retried": "\(report.retried)", "failed": "\(report.failed)"])
                    }
                } catch {
                    application.logger.warning("outbox delivery error", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: .seconds(30))
            }
        }
    }

    func shutdownAsync(_ application: Application) async {
        task?.cancel()
        _ = await task?.value
    }
}
