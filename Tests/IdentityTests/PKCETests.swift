import Foundation
import Testing
@testable import Identity

@Suite("PKCE (RFC 7636)")
struct PKCETests {
    @Test func theChallengeMatchesRFC7636AppendixB() {
        #expect(PKCE.challenge(for: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
    }

    @Test func verifiersAreRandomUnreservedAnd43To128Long() {
        let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        for length in [43, 64, 128] {
            let verifier = PKCE.verifier(length: length)
            #expect(verifier.count == length)
            #expect(verifier.allSatisfy(unreserved.contains))
            #expect(PKCE.isWellFormed(verifier))
        }
        #expect(PKCE.verifier() != PKCE.verifier())
        #expect(!PKCE.isWellFormed(String(repeating: "a", count: 42)))
        #expect(!PKCE.isWellFormed(String(repeating: "a", count: 129)))
        #expect(!PKCE.isWellFormed(String(repeating: "a", count: 42) + "+"))
    }

    @Test func theRightVerifierPassesS256() throws {
        let verifier = PKCE.verifier()
        try PKCE.verify(verifier: verifier, challenge: PKCE.challenge(for: verifier), method: "S256")
    }

    @Test func aWrongVerifierIsRefused() {
        #expect(throws: PKCEError.mismatch) {
            try PKCE.verify(verifier: PKCE.verifier(), challenge: PKCE.challenge(for: PKCE.verifier()), method: "S256")
        }
    }

    @Test func plainAndUnknownMethodsAreRefused() {
        let verifier = PKCE.verifier()
        #expect(throws: PKCEError.plainMethodRefused) { try PKCE.verify(verifier: verifier, challenge: verifier, method: "plain") }
        #expect(throws: PKCEError.unsupportedMethod("S512")) { try PKCE.verify(verifier: verifier, challenge: verifier, method: "S512") }
    }

    @Test func aMalformedVerifierIsRefused() {
        let short = "abc"
        #expect(throws: PKCEError.invalidVerifier) { try PKCE.verify(verifier: short, challenge: PKCE.challenge(for: short), method: "S256") }
    }
}
