import Core
import DemoData
import Fluent
import Foundation
import Payments
import Storage
import Testing
import Vapor
import VaporTesting
@testable import Web

/// Online fee payment through the gateway adapter and its HMAC-signed callbacks.
@Suite struct PaymentAPITests {
    static func signedCallback(_ app: Application, payment: UUID, amount: Int, transaction: String,
                               secret: String? = nil) throws -> (ByteBuffer, HTTPHeaders) {
        let gateway = LocalTestGateway(baseURL: "http://127.0.0.1:8080", secret: secret ?? app.config.paymentSecret)
        let signed = try gateway.callback(for: PaymentCallback(paymentId: payment, transactionId: transaction, amountVnd: amount,
                                                               status: "success", paidAt: app.clock.now()))
        var headers = jsonHeaders
        headers.replaceOrAdd(name: "X-Signature", value: signed.signature)
        return (ByteBuffer(bytes: signed.body), headers)
    }

    @Test(arguments: Engine.all)
    func forged_replayed_or_wrong_amount_callbacks_are_refused_and_logged(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            // setup: a residence registration (10,000 VND online) and a started payment
            let code = try await DossierAPITests.submitOnline(app, procedure: "1.004222")
            let citizen = try await app.token(DemoSeed.citizenID)
            let started = try await app.send(.POST, "/api/v1/dossiers/\(code)/payments", token: citizen)
            #expect(started.status == .created)
            let body = object(started)
            #expect(body["amountVnd"] as? Int == 10_000)
            #expect((body["redirectURL"] as? String)?.contains("/cong-thanh-toan-thu/") == true)
            let paymentText = try #require(body["paymentId"] as? String)
            let payment = try #require(UUID(uuidString: paymentText))
            func post(_ signed: (ByteBuffer, HTTPHeaders)) async throws -> TestingHTTPResponse {
                try await app.testing().sendRequest(.POST, "/api/v1/payments/callback", headers: signed.1, body: signed.0)
            }
            func paid() async throws -> Bool {
                try #require(try await DossierModel.query(on: app.db).filter(\.$code == code).first()).feePaid
            }
            // forged: signed with another key
            let forged = try await post(try Self.signedCallback(app, payment: payment, amount: 10_000, transaction: "T1", secret: "attacker"))
            #expect(forged.status == .unauthorized)
            // tampered: a valid signature over another body
            var tampered = try Self.signedCallback(app, payment: payment, amount: 10_000, transaction: "T1")
            tampered.0 = ByteBuffer(string: tampered.0.getString(at: 0, length: tampered.0.readableBytes)!.replacingOccurrences(of: "10000", with: "100"))
            #expect(try await post(tampered).status == .unauthorized)
            // wrong amount, correctly signed
            #expect(try await post(try Self.signedCallback(app, payment: payment, amount: 1_000, transaction: "T2")).status.code == 422)
            #expect(try await paid() == false)
            // the genuine callback settles it…
            let genuine = try Self.signedCallback(app, payment: payment, amount: 10_000, transaction: "T3")
            #expect(try await post(genuine).status == .ok)
            #expect(try await paid() == true)
            // …and replaying it is refused
            #expect(try await post(genuine).status == .conflict)
            #expect(try await PaymentModel.query(on: app.db).filter(\.$status == .paid).count() == 1)
            // every refusal was logged with its reason
            let refusals = LogCapture.shared.all.filter { $0.contains("payment callback refused") }
            for reason in ["bad-signature", "wrong-amount", "replay"] {
                #expect(refusals.contains { $0.contains(reason) }, "logged \(reason)")
            }
            // the history shows the payment
            let detail = object(try await app.send(.GET, "/api/v1/dossiers/\(code)", token: citizen))
            #expect((detail["events"] as? [[String: Any]] ?? []).contains { $0["action"] as? String == "pay-online" })
        }
    }

    @Test func the_local_test_gateway_redirects_and_calls_back() async throws {
        try await withPlatform(.sqlite) { app in
            let code = try await DossierAPITests.submitOnline(app, procedure: "1.004222")
            let citizen = try await app.token(DemoSeed.citizenID)
            let started = object(try await app.send(.POST, "/api/v1/dossiers/\(code)/payments", token: citizen))
            let url = try #require(started["redirectURL"] as? String)
            let path = String(url.dropFirst("http://127.0.0.1:8080".count))
            let page = try await app.testing().sendRequest(.GET, path)
            #expect(page.status == .ok && page.body.string.contains("THỬ NGHIỆM") && page.body.string.contains("10000 đồng"))
            let confirm = try await app.testing().sendRequest(.POST, path + "/xac-nhan")
            #expect(confirm.status == .seeOther)
            #expect(try #require(try await DossierModel.query(on: app.db).filter(\.$code == code).first()).feePaid)
            // nothing more is due
            #expect(try await app.send(.POST, "/api/v1/dossiers/\(code)/payments", token: citizen).status == .conflict)
        }
    }
}
