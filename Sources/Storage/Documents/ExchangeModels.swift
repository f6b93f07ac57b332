import Fluent
import Foundation

/// Danh bạ trục liên thông — another agency's cqs (or edXML) endpoint: where its packages go, and the CA whose
/// certificates sign its packages.
public final class ExchangeEndpointModel: Model, @unchecked Sendable {
    public static let schema = "exchange_endpoints"

    // managed fields
    @ID(key: .id) public var id: UUID?

    // data fields
    /// The agency identifier code (mã định danh, QCVN 102:2016).
    @Field(key: "agency_id") public var agencyID: String
    @Field(key: "name") public var name: String
    /// The base URL of its platform (`https://…`); packages are posted to `<url>/api/v1/exchange/edxml`.
    @Field(key: "url") public var url: String
    /// PEM of the certificate authority trusted for its signatures.
    @Field(key: "ca_certificate") public var caCertificate: String

    public init() {}

    public init(agencyID: String, name: String, url: String, caCertificate: String) {
        self.agencyID = agencyID
        self.name = name
        self.url = url
        self.caCertificate = caCertificate
    }
}

/// A package waiting to go to another agency (a document or a status message), delivered with retries.
public final class ExchangeMessageModel: Model, @unchecked Sendable {
    public static let schema = "exchange_outbox"

    public enum Kind: String, Codable, Sendable { case document, status }
    public enum Status: String, Codable, Sendable { case pending, sent, failed }

    // managed fields
    @ID(key: .id) public var id: UUID?

    // data fields
    @Field(key: "target_agency_id") public var targetAgencyID: String
    @Field(key: "url") public var url: String
    @Field(key: "kind") public var kind: Kind
    /// The edXML bytes, base64.
    @Field(key: "payload") public var payload: String
    /// The sending agency's CMS signature over the bytes, base64.
    @Field(key: "signature") public var signature: String
    @OptionalField(key: "document_id") public var documentID: UUID?
    @Field(key: "status") public var status: Status
    @Field(key: "attempts") public var attempts: Int
    @Field(key: "next_attempt_at") public var nextAttemptAt: Date
    @OptionalField(key: "last_error") public var lastError: String?
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "sent_at") public var sentAt: Date?

    public init() {}
}
