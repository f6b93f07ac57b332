import Access
import Core
import Documents
import Fluent
import Foundation
import Storage
import Testing
import Vapor
import VaporTesting
@testable import Web

/// Two cqs platforms on loopback exchange a document and its status messages as signed edXML packages, through an
/// outage of the receiving one; the same package twice is registered once; a malformed or unsigned one is refused.
@Suite struct DocumentExchangeTests {
    static func context(_ app: Application, _ username: String, clock: ManualClock) async throws -> DocumentService.Context {
        let user = try #require(try await UserModel.find(username: username, on: app.db))
        return DocumentService.Context(actor: try await AccountStore.actor(for: user, on: app.db), fullName: user.fullName,
                                       now: clock.now(), keys: .init(passphrase: app.config.signingPassphrase, rounds: 1_000),
                                       files: app.fileStore)
    }

    static func events(_ app: Application, _ id: UUID) async throws -> [String] {
        try await DocumentEventModel.query(on: app.db).filter(\.$document.$id == id).sort(\.$at).all().map(\.action)
    }

    @Test(arguments: Engine.all)
    func two_platforms_exchange_a_document_and_its_statuses_through_an_outage(engine: Engine) async throws {
        let clock = ManualClock(Fixtures.monday)
        try await withPlatform(engine, clock: clock) { a in
            try await withPlatform(engine, clock: clock) { b in
                // setup: each platform's CA; each knows the other's agency, address and CA
                let portA = unusedLoopbackPort()
                var portB = unusedLoopbackPort()
                while portB == portA { portB = unusedLoopbackPort() }
                for app in [a, b] {
                    _ = try await SigningStore.initialise(keys: .init(passphrase: app.config.signingPassphrase, rounds: 1_000),
                                                          actor: "test", at: clock.now(), on: app.db)
                }
                let sender = try #require(try await UnitModel.find(code: "STP", on: a.db)?.agencyCode)
                let receiver = try #require(try await UnitModel.find(code: "02266", on: b.db)?.agencyCode)
                try await ExchangeService.saveEndpoint(agencyID: receiver, name: "UBND xã Lâm Bình", url: "http://127.0.0.1:\(portB)",
                                                       caCertificate: try await SigningStore.authorityCertificatePEM(on: b.db),
                                                       actor: "test", at: clock.now(), on: a.db)
                try await ExchangeService.saveEndpoint(agencyID: sender, name: "Sở Tư pháp", url: "http://127.0.0.1:\(portA)",
                                                       caCertificate: try await SigningStore.authorityCertificatePEM(on: a.db),
                                                       actor: "test", at: clock.now(), on: b.db)
                try await a.server.start(address: .hostname("127.0.0.1", port: portA))

                // act: Sở Tư pháp on platform A drafts, approves, signs and issues a plan for Lâm Bình on platform B
                let file = try await a.fileStore.store(Array(DocumentAPITests.content.utf8), name: "ke-hoach.pdf",
                                                       uploadedBy: "stp.chuyenvien", on: a.db)
                let draft = try await DocumentService.draft(
                    .init(type: .plan, subject: "Kế hoạch phối hợp phổ biến pháp luật", urgency: .urgent, contentFile: file.sha256,
                          signer: "stp.lanhdao", recipients: [receiver]),
                    context: try await Self.context(a, "stp.chuyenvien", clock: clock), on: a.db)
                let id = try draft.requireID()
                for (action, who) in [(OutgoingAction.submit, "stp.chuyenvien"), (.endorse, "stp.lanhdaodonvi"),
                                      (.approve, "stp.lanhdao"), (.sign, "stp.lanhdao"), (.issue, "stp.vanthu")] {
                    _ = try await DocumentService.act(action, id: id, input: .init(), context: try await Self.context(a, who, clock: clock),
                                                      on: a.db)
                }

                // platform B is down: the package waits in A's outbox with the error, and is retried later
                #expect(try await ExchangeDelivery.deliverDue(a) == .init(sent: 0, retried: 1))
                let waiting = try #require(try await ExchangeMessageModel.query(on: a.db).first())
                #expect(waiting.status == .pending && waiting.attempts == 1 && waiting.lastError != nil)
                #expect(try await ExchangeDelivery.deliverDue(a) == .init())  // not due again yet
                try await b.server.start(address: .hostname("127.0.0.1", port: portB))
                clock.advance(by: 120)
                #expect(try await ExchangeDelivery.deliverDue(a) == .init(sent: 1, retried: 0))

                // check: B registered it once, as it was issued, with both signatures valid against A's CA
                let arrived = try await DocumentModel.query(on: b.db).filter(\.$direction == .incoming).all()
                #expect(arrived.count == 1)
                let incoming = try #require(arrived.first)
                #expect(incoming.agencyCode == "02266" && incoming.symbol == "01/KH-STP" && incoming.status == "arrived")
                #expect(incoming.urgency == .urgent && incoming.senderName == "Sở Tư pháp")
                #expect(try await DocumentService.verification(of: incoming, files: b.fileStore, on: b.db)?.isValid == true)
                // the same package again (a retry after a lost answer) changes nothing
                waiting.status = .pending
                waiting.nextAttemptAt = clock.now()
                try await waiting.save(on: a.db)
                #expect(try await ExchangeDelivery.deliverDue(a) == .init(sent: 1, retried: 0))
                #expect(try await DocumentModel.query(on: b.db).filter(\.$direction == .incoming).count() == 1)

                // B's clerk registers it and its leader assigns it; A hears "arrived", "accepted", "assigned"
                let incomingID = try incoming.requireID()
                _ = try await DocumentService.act(.register, id: incomingID, input: .init(),
                                                  context: try await Self.context(b, "lambinh.vanthu", clock: clock), on: b.db)
                _ = try await DocumentService.act(.assign, id: incomingID,
                                                  input: .init(assignments: [Assignment(assignee: "lambinh.chuyenvien", role: .lead)]),
                                                  context: try await Self.context(b, "lambinh.lanhdao", clock: clock), on: b.db)
                #expect(try await ExchangeDelivery.deliverDue(b) == .init(sent: 3, retried: 0))
                let history = try await Self.events(a, id)
                #expect(history.suffix(3) == ["edxml-status-01", "edxml-status-03", "edxml-status-04"])

                // a malformed package is refused naming the rule and element, an unsigned one too; nothing is stored
                let malformed = try await b.testing().sendRequest(.POST, "/api/v1/exchange/edxml",
                                                                  headers: ["Content-Type": "application/xml", "X-Edxml-Signature": "AA=="],
                                                                  body: ByteBuffer(string: "<edXMLEnvelope xmlns=\"urn:x\"><edXMLHeader/></edXMLEnvelope>"))
                #expect(malformed.status == .badRequest)
                let problem = object(malformed)
                #expect((problem["errors"] as? [String: String])?["rule"] != nil && (problem["errors"] as? [String: String])?["path"] != nil)
                let package = try #require(Data(base64Encoded: waiting.payload))
                let unsigned = try await b.testing().sendRequest(.POST, "/api/v1/exchange/edxml", headers: ["Content-Type": "application/xml"],
                                                                 body: ByteBuffer(data: package))
                #expect(unsigned.status == .unauthorized)
                let forged = try await b.testing().sendRequest(.POST, "/api/v1/exchange/edxml",
                                                               headers: ["Content-Type": "application/xml",
                                                                         "X-Edxml-Signature": waiting.signature],
                                                               body: ByteBuffer(data: package + Data(" ".utf8)))
                #expect(forged.status == .unauthorized)
                #expect(try await DocumentModel.query(on: b.db).filter(\.$direction == .incoming).count() == 1)
                await a.server.shutdown()
                await b.server.shutdown()
            }
        }
    }
}
