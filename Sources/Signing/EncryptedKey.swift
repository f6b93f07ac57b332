import Foundation
import Crypto
import _CryptoExtras

/// Khóa bí mật được mã hóa khi lưu trữ — a secret (normally a private key) sealed with a passphrase.
///
/// Scheme `cqs-pbkdf2-sha256-aes256gcm/v1`: a 256-bit key is derived from the passphrase
/// (Unicode NFC-normalised, UTF-8) with PBKDF2-HMAC-SHA256 over a random 16-byte salt, then the
/// secret is sealed with AES-256-GCM (random 12-byte nonce, 16-byte tag); the scheme name and the
/// round count are authenticated as associated data, so they cannot be downgraded unnoticed.
/// A wrong passphrase (or any altered byte) fails authentication: ``SigningError/wrongPassphrase``.
///
/// The value is `Codable`; ``serialized()`` / ``init(serialized:)`` give a JSON form for storage.
public struct EncryptedKey: Codable, Sendable, Equatable {
    /// The scheme name stored with every key.
    public static let scheme = "cqs-pbkdf2-sha256-aes256gcm/v1"
    /// PBKDF2 rounds used unless the caller chooses otherwise (OWASP 2023 advice for PBKDF2-HMAC-SHA256).
    public static let defaultRounds = 600_000
    /// Bounds accepted when opening a stored key (guards against absurd values in external input).
    public static let acceptedRounds = 1_000...10_000_000

    /// Scheme identifier; see ``scheme``.
    public var scheme: String
    /// PBKDF2 salt (16 random bytes).
    public var salt: Data
    /// PBKDF2 iteration count.
    public var rounds: Int
    /// AES-GCM combined form: nonce ‖ ciphertext ‖ tag.
    public var sealedBox: Data

    /// Seals `secret` under `passphrase`.
    public static func seal(_ secret: Data, passphrase: String, rounds: Int = EncryptedKey.defaultRounds) throws -> EncryptedKey {
        guard !passphrase.isEmpty else { throw SigningError.emptyPassphrase }
        guard acceptedRounds.contains(rounds) else {
            throw SigningError.malformedKey("rounds must be within \(acceptedRounds)")
        }
        var salt = Data(count: 16)
        var generator = SystemRandomNumberGenerator()
        for index in salt.indices { salt[index] = UInt8.random(in: .min ... .max, using: &generator) }
        let key = try deriveKey(passphrase: passphrase, salt: salt, rounds: rounds)
        do {
            let box = try AES.GCM.seal(secret, using: key, authenticating: associatedData(scheme: scheme, rounds: rounds))
            guard let combined = box.combined else { throw SigningError.encodingFailed("AES-GCM combined form") }
            return EncryptedKey(scheme: scheme, salt: salt, rounds: rounds, sealedBox: combined)
        } catch let error as SigningError {
            throw error
        } catch {
            throw SigningError.encodingFailed("AES-GCM: \(error)")
        }
    }

    /// Seals a P-256 signing key (its raw 32-byte scalar) under `passphrase`.
    public static func seal(_ privateKey: P256.Signing.PrivateKey, passphrase: String,
                            rounds: Int = EncryptedKey.defaultRounds) throws -> EncryptedKey {
        try seal(privateKey.rawRepresentation, passphrase: passphrase, rounds: rounds)
    }

    /// Memberwise initialiser (for storage layers that keep the fields separately).
    public init(scheme: String, salt: Data, rounds: Int, sealedBox: Data) {
        self.scheme = scheme
        self.salt = salt
        self.rounds = rounds
        self.sealedBox = sealedBox
    }

    /// Opens the secret; throws ``SigningError/wrongPassphrase`` when the passphrase is wrong.
    public func open(passphrase: String) throws -> Data {
        guard scheme == Self.scheme else { throw SigningError.malformedKey("unknown scheme \(scheme)") }
        guard Self.acceptedRounds.contains(rounds) else { throw SigningError.malformedKey("rounds \(rounds)") }
        guard salt.count >= 8 else { throw SigningError.malformedKey("salt too short") }
        guard !passphrase.isEmpty else { throw SigningError.emptyPassphrase }
        let box: AES.GCM.SealedBox
        do {
            box = try AES.GCM.SealedBox(combined: sealedBox)
        } catch {
            throw SigningError.malformedKey("sealed box")
        }
        let key = try Self.deriveKey(passphrase: passphrase, salt: salt, rounds: rounds)
        do {
            return try AES.GCM.open(box, using: key, authenticating: Self.associatedData(scheme: scheme, rounds: rounds))
        } catch {
            throw SigningError.wrongPassphrase
        }
    }

    /// Opens a P-256 signing key sealed with ``seal(_:passphrase:rounds:)-(P256.Signing.PrivateKey,_,_)``.
    public func openSigningKey(passphrase: String) throws -> P256.Signing.PrivateKey {
        let raw = try open(passphrase: passphrase)
        do {
            return try P256.Signing.PrivateKey(rawRepresentation: raw)
        } catch {
            throw SigningError.malformedKey("not a P-256 private key")
        }
    }

    /// JSON form for storage (stable key order).
    public func serialized() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do { return try encoder.encode(self) } catch { throw SigningError.encodingFailed("\(error)") }
    }

    /// Reads the JSON form written by ``serialized()``.
    public init(serialized data: Data) throws {
        do {
            self = try JSONDecoder().decode(EncryptedKey.self, from: data)
        } catch {
            throw SigningError.malformedKey("not an encrypted key document")
        }
    }

    static func deriveKey(passphrase: String, salt: Data, rounds: Int) throws -> SymmetricKey {
        let normalised = Data(passphrase.precomposedStringWithCanonicalMapping.utf8)
        do {
            return try KDF.Insecure.PBKDF2.deriveKey(from: normalised, salt: salt, using: .sha256,
                                                     outputByteCount: 32, unsafeUncheckedRounds: rounds)
        } catch {
            throw SigningError.encodingFailed("PBKDF2: \(error)")
        }
    }

    static func associatedData(scheme: String, rounds: Int) -> Data {
        Data("\(scheme);rounds=\(rounds)".utf8)
    }
}
