import Crypto
import Foundation

/// PKCE (RFC 7636) — Proof Key for Code Exchange: the client keeps a random `code_verifier`, sends
/// `code_challenge = base64url(SHA-256(verifier))` with the authorization request, and proves possession with the
/// verifier when it exchanges the code. Only the S256 method; `plain` is refused.
public enum PKCE {
    /// The only challenge method cqs sends or accepts.
    public static let method = "S256"

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// A fresh random verifier of `length` characters (43–128) drawn uniformly from the unreserved set.
    public static func verifier(length: Int = 64) -> String {
        precondition((43...128).contains(length), "a PKCE verifier has 43 to 128 characters")
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
    }

    /// The S256 challenge of `verifier`: base64url without padding of SHA-256 of its ASCII bytes.
    public static func challenge(for verifier: String) -> String {
        Base64URL.encode(SHA256.hash(data: Data(verifier.utf8)))
    }

    /// Whether `verifier` has the form RFC 7636 §4.1 requires.
    public static func isWellFormed(_ verifier: String) -> Bool {
        (43...128).contains(verifier.utf8.count) && verifier.utf8.allSatisfy(isUnreserved)
    }

    /// Checks that `verifier` answers `challenge` under `method`; throws `PKCEError` saying why not.
    public static func verify(verifier: String, challenge: String, method: String) throws {
        switch method {
        case "S256": break
        case "plain": throw PKCEError.plainMethodRefused
        default: throw PKCEError.unsupportedMethod(method)
        }
        guard isWellFormed(verifier) else { throw PKCEError.invalidVerifier }
        guard constantTimeEquals(PKCE.challenge(for: verifier), challenge) else { throw PKCEError.mismatch }
    }

    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }
}
