import Core
import Dossiers
import Fluent
import Foundation
import Logging
import Payments

/// Thanh toán — one online payment of a dossier's fee through a gateway.
public final class PaymentModel: Model, @unchecked Sendable {
    public static let schema = "payments"

    public enum Status: String, Codable, Sendable { case pending, paid, failed }

    // managed fields
    @ID(key: .id) public var id: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    // data fields
    @Field(key: "dossier_code") public var dossierCode: String
    @Field(key: "amount_vnd") public var amountVnd: Int
    @Field(key: "gateway") public var gateway: String
    @Field(key: "status") public var status: Status
    /// The gateway's transaction number, once a callback confirmed it (unique: replays are refused).
    @OptionalField(key: "transaction_id") public var transactionID: String?
    @OptionalField(key: "paid_at") public var paidAt: Date?

    public init() {}

    public init(dossierCode: String, amountVnd: Int, gateway: String) {
        self.dossierCode = dossierCode
        self.amountVnd = amountVnd
        self.gateway = gateway
        self.status = .pending
    }
}

/// Online payment of fees: start (redirect to the gateway) and the gateway's signed callback.
public enum PaymentService {
    /// Starts a payment of the dossier's fee by its applicant; returns the payment and where to send the citizen.
    public static func start(code: String, context: DossierService.Context, gateway: any PaymentGateway,
                             on db: any Database) async throws -> (PaymentModel, String) {
        let dossier = try await DossierService.visibleDossier(code: code, actor: context.actor, on: db)
        guard context.actor.kind == .citizen else { throw Problem.forbidden() }
        guard !dossier.feePaid, dossier.feeVnd > 0, !dossier.status.isClosed else {
            throw Problem.conflict("Hồ sơ không có khoản phí cần thanh toán", "Nothing is due for dossier \(code).")
        }
        let payment = PaymentModel(dossierCode: code, amountVnd: dossier.feeVnd, gateway: gateway.name)
        try await payment.create(on: db)
        return (payment, gateway.redirectURL(paymentID: try payment.requireID(), amountVnd: dossier.feeVnd,
                                             description: "Phí hồ sơ \(code)"))
    }

    /// Processes a gateway callback: a wrong signature (401), a replay (409) or a wrong amount (422) is refused,
    /// logged and changes nothing; a valid success marks the fee paid and records it in the dossier's history.
    public static func handleCallback(body: [UInt8], signature: String, gateway: any PaymentGateway, at now: Date,
                                      logger: Logger, on db: any Database) async throws -> PaymentModel {
        guard gateway.verify(body: body, signature: signature) else {
            logger.warning("payment callback refused", metadata: ["reason": "bad-signature", "gateway": "\(gateway.name)"])
            throw Problem(status: 401, slug: "bad-signature", title: "Chữ ký của cổng thanh toán không hợp lệ",
                          detail: "The callback's HMAC-SHA256 signature does not match its body.")
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let callback = try decoder.decode(PaymentCallback.self, from: Data(body))
        return try await db.writeTransaction { db in
            guard let payment = try await PaymentModel.find(callback.paymentId, on: db) else {
                logger.warning("payment callback refused", metadata: ["reason": "unknown-payment", "payment": "\(callback.paymentId)"])
                throw Problem.notFound("Không tìm thấy giao dịch", "No payment \(callback.paymentId).")
            }
            let replayed = try await PaymentModel.query(on: db).filter(\.$transactionID == callback.transactionId).count() > 0
            guard payment.status == .pending, !replayed else {
                logger.warning("payment callback refused", metadata: ["reason": "replay", "payment": "\(callback.paymentId)",
                                                                     "transaction": "\(callback.transactionId)"])
                throw Problem.conflict("Giao dịch đã được xử lý", "Payment \(callback.paymentId) was already settled (replayed callback).")
            }
            guard callback.amountVnd == payment.amountVnd else {
                logger.warning("payment callback refused", metadata: ["reason": "wrong-amount", "payment": "\(callback.paymentId)",
                                                                     "expected": "\(payment.amountVnd)", "got": "\(callback.amountVnd)"])
                throw Problem(status: 422, slug: "wrong-amount", title: "Số tiền thanh toán không khớp",
                              detail: "The callback's amount \(callback.amountVnd) differs from the amount due \(payment.amountVnd).")
            }
            guard let dossier = try await DossierModel.query(on: db).filter(\.$code == payment.dossierCode).first() else {
                throw Problem.notFound("Không tìm thấy hồ sơ", "No dossier \(payment.dossierCode).")
            }
            payment.transactionID = callback.transactionId
            guard callback.status == "success" else {
                payment.status = .failed
                try await payment.save(on: db)
                return payment
            }
            payment.status = .paid
            payment.paidAt = callback.paidAt
            try await payment.save(on: db)
            dossier.feePaid = true
            dossier.paymentReference = "\(gateway.name):\(callback.transactionId)"
            try await dossier.save(on: db)
            try await DossierService.writeHistory([.init(
                dossier: dossier, action: "pay-online", from: dossier.status, to: dossier.status,
                nationalCode: dossier.status.nationalCode, step: nil,
                note: "\(callback.amountVnd) đồng, giao dịch \(callback.transactionId)", actor: gateway.name, at: now)], on: db)
            return payment
        }
    }
}
