import Core
import Fluent
import Payments
import Storage
import Vapor

/// Online fee payment: start (`POST /api/v1/dossiers/{code}/payments`), the gateway's signed callback
/// (`POST /api/v1/payments/callback`), and the pages of the LOCAL TEST GATEWAY (`/cong-thanh-toan-thu/{id}`).
struct PaymentRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.post("dossiers", ":code", "payments", use: start)
        api.on(.POST, "payments", "callback", body: .collect(maxSize: "64kb"), use: callback)
        routes.get("cong-thanh-toan-thu", ":payment", use: gatewayPage)
        routes.post("cong-thanh-toan-thu", ":payment", "xac-nhan", use: gatewayConfirm)
    }

    struct Started: Content { var paymentId: UUID; var amountVnd: Int; var redirectURL: String }

    @Sendable func start(req: Request) async throws -> Response {
        let signedIn = try req.signedIn()
        let context = DossierService.Context(actor: signedIn.actor, fullName: signedIn.user.fullName, now: req.now,
                                             calendar: try await CalendarStore.calendar(on: req.db))
        let (payment, url) = try await PaymentService.start(code: req.parameters.get("code") ?? "", context: context,
                                                            gateway: req.application.paymentGateway, on: req.db)
        let response = Response(status: .created)
        try response.content.encode(Started(paymentId: try payment.requireID(), amountVnd: payment.amountVnd, redirectURL: url))
        return response
    }

    struct Settled: Content { var paymentId: UUID; var status: String }

    @Sendable func callback(req: Request) async throws -> Settled {
        let body = Array(req.body.data?.readableBytesView ?? ByteBuffer().readableBytesView)
        let signature = req.headers.first(name: "X-Signature") ?? ""
        let payment = try await PaymentService.handleCallback(body: body, signature: signature, gateway: req.application.paymentGateway,
                                                              at: req.now, logger: req.logger, on: req.db)
        return Settled(paymentId: try payment.requireID(), status: payment.status.rawValue)
    }

    @Sendable func gatewayPage(req: Request) async throws -> Response {
        let payment = try await findPayment(req)
        return HTML.page(title: t("Cổng thanh toán thử nghiệm"), body: """
        <h1>\(t("Cổng thanh toán thử nghiệm"))</h1>
        <p class="error">\(t("Đây là cổng thanh toán THỬ NGHIỆM của cqs — không dùng tiền thật."))</p>
        <p>\(t("Hồ sơ: {0}", "<strong>\(HTML.escape(payment.dossierCode))</strong>"))<br>\(t("Số tiền: {0}", "<strong>\(t("{0} đồng", String(payment.amountVnd)))</strong>"))</p>
        <form method="post" action="/cong-thanh-toan-thu/\(try payment.requireID().uuidString.lowercased())/xac-nhan">
        <button type="submit">\(t("Xác nhận thanh toán"))</button></form>
        <p><a href="/ho-so-cua-toi/\(HTML.escape(payment.dossierCode))">\(t("Hủy, quay lại hồ sơ"))</a></p>
        """)
    }

    /// The test gateway "charges" the citizen and sends its signed callback, exactly as a real gateway would.
    @Sendable func gatewayConfirm(req: Request) async throws -> Response {
        let payment = try await findPayment(req)
        let gateway = req.application.paymentGateway
        let signed = try gateway.callback(for: PaymentCallback(
            paymentId: try payment.requireID(), transactionId: "TEST-\(UUID().uuidString.prefix(8))",
            amountVnd: payment.amountVnd, status: "success", paidAt: req.now))
        _ = try await PaymentService.handleCallback(body: signed.body, signature: signed.signature, gateway: gateway,
                                                    at: req.now, logger: req.logger, on: req.db)
        // the return address: the citizen's own dossier page, which shows the fee paid
        return req.redirect(to: "/ho-so-cua-toi/\(payment.dossierCode)?da-thanh-toan=1", redirectType: .normal)
    }

    private func findPayment(_ req: Request) async throws -> PaymentModel {
        guard let id = req.parameters.get("payment", as: UUID.self), let payment = try await PaymentModel.find(id, on: req.db) else {
            throw Problem.notFound("Không tìm thấy giao dịch", "No such payment.")
        }
        return payment
    }
}
