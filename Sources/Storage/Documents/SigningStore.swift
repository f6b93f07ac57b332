import Core
import Crypto
import Fluent
import Foundation
import Signing
import X509

/// The province certificate authority on storage: its state (root key encrypted with the administrator's
/// passphrase), and the credentials it issues to signers and agencies (their keys encrypted the same way: the
/// platform signs on their behalf, as a remote-signing service does).
public enum SigningStore {
    /// The passphrase that opens the keys, and the PBKDF2 rounds for new encryptions (lower only in tests).
    public struct Keys: Sendable {
        public var passphrase: String
        public var rounds: Int

        public init(passphrase: String, rounds: Int = EncryptedKey.defaultRounds) {
            self.passphrase = passphrase
            self.rounds = rounds
        }
    }

    static let authorityOwner = "authority"

    static func problem(_ error: SigningError) -> Problem {
        Problem(status: 409, slug: "signing", title: error.vietnameseMessage, detail: error.englishMessage)
    }

    /// Khởi tạo CA — creates the province CA (once: a second call answers 409).
    public static func initialise(keys: Keys, actor: String, at now: Date, on db: any Database) async throws -> String {
        try await db.writeTransaction { db in
            guard try await SigningCredentialModel.query(on: db).filter(\.$owner == authorityOwner).first() == nil else {
                throw Problem.conflict("Tổ chức chứng thực của tỉnh đã được khởi tạo", "The province CA exists already.")
            }
            let authority = try ProvinceCertificateAuthority.initialise(
                passphrase: keys.passphrase, validFrom: now.addingTimeInterval(-3600),
                validUntil: now.addingTimeInterval(20 * 365 * 86400), keyDerivationRounds: keys.rounds)
            try await SigningCredentialModel(owner: authorityOwner, serialNumber: nil, certificatePEM: authority.certificatePEM,
                                             secret: try encode(authority.state)).create(on: db)
            try await AuditEventModel.record(on: db, at: now, actor: actor, action: "signing.initialise", subject: "authority")
            return authority.certificatePEM
        }
    }

    /// The CA certificate (PEM); 404 before initialisation.
    public static func authorityCertificatePEM(on db: any Database) async throws -> String {
        guard let row = try await SigningCredentialModel.query(on: db).filter(\.$owner == authorityOwner).first(),
              let pem = row.certificatePEM else { throw notInitialised }
        return pem
    }

    /// The CA's revocations (for verification).
    public static func revocations(on db: any Database) async throws -> [Revocation] {
        guard let row = try await SigningCredentialModel.query(on: db).filter(\.$owner == authorityOwner).first() else { return [] }
        return try decode(ProvinceCertificateAuthority.State.self, row.secret).revoked
    }

    /// A fresh CRL signed by the CA (PEM).
    public static func crlPEM(keys: Keys, at now: Date, on db: any Database) async throws -> String {
        try await db.writeTransaction { db in
            guard let row = try await SigningCredentialModel.query(on: db).filter(\.$owner == authorityOwner).first() else {
                throw notInitialised
            }
            var authority = try open(row, keys: keys)
            let crl = try authority.publishCRL(thisUpdate: now, nextUpdate: now.addingTimeInterval(7 * 86400))
            row.secret = try encode(authority.state)
            try await row.save(on: db)
            return crl.pemEncoded
        }
    }

    /// Thu hồi — revokes the certificate of `owner` (`person:<username>` or `agency:<code>`); its key is discarded,
    /// so the next signature needs a new certificate.
    public static func revoke(owner: String, reason: RevocationReason, keys: Keys, actor: String, at now: Date,
                              on db: any Database) async throws {
        try await db.writeTransaction { db in
            guard let row = try await SigningCredentialModel.query(on: db).filter(\.$owner == authorityOwner).first() else {
                throw notInitialised
            }
            guard let holder = try await SigningCredentialModel.query(on: db).filter(\.$owner == owner).first(),
                  let serial = holder.serialNumber else {
                throw Problem.notFound("Không tìm thấy chứng thư số", "No certificate for \(owner).")
            }
            var authority = try open(row, keys: keys)
            do { _ = try authority.revoke(serialNumber: serial, reason: reason, at: now) } catch let error as SigningError {
                throw problem(error)
            }
            row.secret = try encode(authority.state)
            try await row.save(on: db)
            try await holder.delete(on: db)
            try await AuditEventModel.record(on: db, at: now, actor: actor, action: "signing.revoke", subject: owner,
                                             reason: reason.vietnameseName)
        }
    }

    /// The certificate and key of `owner`, issued by the CA on first use (call inside the signing transaction).
    static func credential(owner: String, kind: CertificateKind, subject: CertificateSubject, keys: Keys, at now: Date,
                           on db: any Database) async throws -> (Certificate, P256.Signing.PrivateKey) {
        if let row = try await SigningCredentialModel.query(on: db).filter(\.$owner == owner).first(),
           let pem = row.certificatePEM, let serial = row.serialNumber {
            // opening a key costs the PBKDF2 rounds: an opened key is kept in memory, per certificate
            let cacheKey = "\(owner)#\(serial)#\(pem)"
            if let opened = openedKeys.withLock({ $0[cacheKey] }) { return opened }
            let opened = (try Certificate(pemEncoded: pem), try decode(EncryptedKey.self, row.secret).openSigningKey(passphrase: keys.passphrase))
            openedKeys.withLock { cache in
                if cache.count > 10_000 { cache.removeAll() }
                cache[cacheKey] = opened
            }
            return opened
        }
        guard let row = try await SigningCredentialModel.query(on: db).filter(\.$owner == authorityOwner).first() else {
            throw notInitialised
        }
        var authority = try open(row, keys: keys)
        let issued: IssuedCredential
        do {
            issued = try authority.issueWithNewKey(kind: kind, subject: subject, notBefore: now.addingTimeInterval(-60),
                                                   notAfter: now.addingTimeInterval(2 * 365 * 86400), issuedAt: now)
        } catch let error as SigningError { throw problem(error) }
        row.secret = try encode(authority.state)
        try await row.save(on: db)
        try await SigningCredentialModel(owner: owner, serialNumber: issued.record.serialNumber, certificatePEM: issued.certificatePEM,
                                         secret: try encode(issued.encryptedPrivateKey(passphrase: keys.passphrase, rounds: keys.rounds)))
            .create(on: db)
        return (issued.certificate, issued.privateKey)
    }

    private static let openedKeys = LockedCache<String, (Certificate, P256.Signing.PrivateKey)>()

    static var notInitialised: Problem {
        Problem(status: 409, slug: "signing-not-initialised", title: "Chưa khởi tạo tổ chức chứng thực của tỉnh",
                detail: "The province CA has not been initialised: an administrator must initialise it first.")
    }

    static func open(_ row: SigningCredentialModel, keys: Keys) throws -> ProvinceCertificateAuthority {
        do {
            return try ProvinceCertificateAuthority(state: decode(ProvinceCertificateAuthority.State.self, row.secret),
                                                    passphrase: keys.passphrase)
        } catch let error as SigningError { throw problem(error) }
    }

    static func encode<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
