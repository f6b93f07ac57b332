import Crypto
import Foundation
import Testing
@testable import Identity

@Suite("ES256 JWS/JWT")
struct JWTTests {
    let key = P256.Signing.PrivateKey()
    var keys: JSONWebKeySet { JSONWebKeySet(keys: [JSONWebKey(publicKey: key.publicKey, kid: "k1")]) }

    func verify(_ token: String, keys: JSONWebKeySet? = nil, audience: String = Fixture.clientID, nonce: String = "n-0S6_WzA2Mj",
                now: Date = Fixture.start, leeway: TimeInterval = 60) throws -> IDTokenClaims {
        try JWTVerifier.verify(token, keys: keys ?? self.keys, issuer: Fixture.issuer, audience: audience, nonce: nonce, now: now, leeway: leeway)
    }

    func parts(_ token: String) -> [String] { token.split(separator: ".", omittingEmptySubsequences: false).map(String.init) }

    @Test func aSignedTokenVerifiesAndYieldsItsClaims() throws {
        let token = try JWTSigner.sign(Fixture.claims(), key: key, kid: "k1")
        let claims = try verify(token)
        #expect(claims == Fixture.claims())
        #expect(claims.personalIdentificationNumber == Fixture.pin)
        #expect(claims.name == Fixture.name)
    }

    @Test func theHeaderSaysES256JWTAndTheKid() throws {
        let token = try JWTSigner.sign(Fixture.claims(), key: key, kid: "k1")
        let header = try JSONDecoder().decode(JOSEHeader.self, from: Base64URL.decode(parts(token)[0])!)
        #expect(header == JOSEHeader(alg: "ES256", typ: "JWT", kid: "k1"))
    }

    @Test func theClaimsUseStandardNamesNumericDatesAndVneidPin() throws {
        let token = try JWTSigner.sign(Fixture.claims(), key: key, kid: "k1")
        let object = try JSONSerialization.jsonObject(with: Base64URL.decode(parts(token)[1])!) as! [String: Any]
        #expect(Set(object.keys) == ["iss", "sub", "aud", "exp", "iat", "nonce", "auth_time", "name", "vneid_pin"])
        #expect(object["aud"] as? String == Fixture.clientID)
        #expect((object["exp"] as? NSNumber)?.int64Value == 1_750_000_300)
        #expect(object["vneid_pin"] as? String == Fixture.pin)
    }

    @Test func theSignatureIsJOSERawRAndSNotDER() throws {
        let token = try JWTSigner.sign(Fixture.claims(), key: key, kid: "k1")
        let p = parts(token)
        let signature = try #require(Base64URL.decode(p[2]))
        #expect(signature.count == 64)
        let parsed = try P256.Signing.ECDSASignature(rawRepresentation: signature)
        #expect(key.publicKey.isValidSignature(parsed, for: Data((p[0] + "." + p[1]).utf8)))
        // The same signature in DER is a SEQUENCE (0x30 …) of 70–72 bytes: a token carrying it is refused.
        let der = parsed.derRepresentation
        #expect(der.first == 0x30 && der.count != 64)
        let derToken = p[0] + "." + p[1] + "." + Base64URL.encode(der)
        #expect(throws: TokenVerificationError.invalidSignature) { try verify(derToken) }
    }

    @Test func aTamperedTokenIsRefusedForItsSignature() throws {
        let token = try JWTSigner.sign(Fixture.claims(), key: key, kid: "k1")
        var p = parts(token)
        var forged = Fixture.claims()
        forged.personalIdentificationNumber = "079099000001"
        p[1] = Base64URL.encode(try JSONEncoder().encode(forged))
        #expect(throws: TokenVerificationError.invalidSignature) { try verify(p.joined(separator: ".")) }
        // One changed character in the middle of the signature, too.
        var q = parts(token)
        var signature = Array(q[2])
        signature[20] = signature[20] == "A" ? "B" : "A"
        q[2] = String(signature)
        #expect(throws: TokenVerificationError.invalidSignature) { try verify(q.joined(separator: ".")) }
    }

    @Test func aTokenFromAnotherKeyIsRefused() throws {
        let other = P256.Signing.PrivateKey()
        let sameKid = try JWTSigner.sign(Fixture.claims(), key: other, kid: "k1")
        #expect(throws: TokenVerificationError.invalidSignature) { try verify(sameKid) }
        let otherKid = try JWTSigner.sign(Fixture.claims(), key: other, kid: "k2")
        #expect(throws: TokenVerificationError.unknownKey("k2")) { try verify(otherKid) }
    }

    @Test func algNoneIsRefused() throws {
        let header = Base64URL.encode(Data(#"{"alg":"none","typ":"JWT","kid":"k1"}"#.utf8))
        let payload = Base64URL.encode(try JSONEncoder().encode(Fixture.claims()))
        #expect(throws: TokenVerificationError.unsupportedAlgorithm("none")) { try verify(header + "." + payload + ".") }
    }

    @Test func hmacWithThePublicKeyAsSecretIsRefused() throws {
        let header = Base64URL.encode(Data(#"{"alg":"HS256","typ":"JWT","kid":"k1"}"#.utf8))
        let payload = Base64URL.encode(try JSONEncoder().encode(Fixture.claims()))
        let input = header + "." + payload
        let mac = HMAC<SHA256>.authenticationCode(for: Data(input.utf8), using: SymmetricKey(data: key.publicKey.rawRepresentation))
        #expect(throws: TokenVerificationError.unsupportedAlgorithm("HS256")) { try verify(input + "." + Base64URL.encode(mac)) }
    }

    @Test func criticalHeaderExtensionsAreRefused() throws {
        let header = Base64URL.encode(Data(#"{"alg":"ES256","kid":"k1","crit":["exp"]}"#.utf8))
        let payload = Base64URL.encode(try JSONEncoder().encode(Fixture.claims()))
        let input = header + "." + payload
        let signature = try key.signature(for: Data(input.utf8)).rawRepresentation
        #expect(throws: TokenVerificationError.unsupportedCriticalHeader(["exp"])) { try verify(input + "." + Base64URL.encode(signature)) }
    }

    @Test func aWrongAudienceIsRefused() throws {
        let token = try JWTSigner.sign(Fixture.claims(audience: ["another-app"]), key: key, kid: "k1")
        #expect(throws: TokenVerificationError.wrongAudience(expected: Fixture.clientID, actual: ["another-app"])) { try verify(token) }
    }

    @Test func severalAudiencesNeedAzpNamingThisClient() throws {
        let token = try JWTSigner.sign(Fixture.claims(audience: [Fixture.clientID, "another-app"]), key: key, kid: "k1")
        #expect(throws: TokenVerificationError.wrongAuthorizedParty(expected: Fixture.clientID, actual: nil)) { try verify(token) }
        var claims = Fixture.claims(audience: [Fixture.clientID, "another-app"])
        claims.authorizedParty = Fixture.clientID
        #expect(try verify(JWTSigner.sign(claims, key: key, kid: "k1")).audience.count == 2)
    }

    @Test func aWrongIssuerIsRefused() throws {
        var claims = Fixture.claims()
        claims.issuer = "https://evil.test"
        let token = try JWTSigner.sign(claims, key: key, kid: "k1")
        #expect(throws: TokenVerificationError.wrongIssuer(expected: Fixture.issuer, actual: "https://evil.test")) { try verify(token) }
    }

    @Test func anExpiredTokenIsRefusedOnceTheLeewayHasPassed() throws {
        let token = try JWTSigner.sign(Fixture.claims(), key: key, kid: "k1") // exp = start + 300
        let exp = Fixture.start.addingTimeInterval(300)
        #expect(try verify(token, now: exp.addingTimeInterval(59)).name == Fixture.name)
        #expect(throws: TokenVerificationError.expired(at: exp)) { try verify(token, now: exp.addingTimeInterval(60)) }
        #expect(throws: TokenVerificationError.expired(at: exp)) { try verify(token, now: exp, leeway: 0) }
    }

    @Test func aTokenIssuedInTheFutureIsRefused() throws {
        let token = try JWTSigner.sign(Fixture.claims(), key: key, kid: "k1")
        #expect(try verify(token, now: Fixture.start.addingTimeInterval(-60)).name == Fixture.name)
        #expect(throws: TokenVerificationError.issuedInFuture(at: Fixture.start)) { try verify(token, now: Fixture.start.addingTimeInterval(-61)) }
    }

    @Test func aWrongNonceIsRefused() throws {
        let token = try JWTSigner.sign(Fixture.claims(), key: key, kid: "k1")
        #expect(throws: TokenVerificationError.wrongNonce) { try verify(token, nonce: "another-nonce") }
    }

    @Test func aTokenWithoutThePersonalIdentificationNumberIsRefused() throws {
        struct Partial: Encodable { let iss = Fixture.issuer, sub = "s", aud = Fixture.clientID, exp = 1_750_000_300, iat = 1_750_000_000, nonce = "n-0S6_WzA2Mj", name = "A" }
        let token = try JWTSigner.sign(Partial(), key: key, kid: "k1")
        #expect(throws: TokenVerificationError.missingClaim("vneid_pin")) { try verify(token) }
    }

    @Test func malformedTokensAreRefused() {
        for token in ["", "abc", "a.b", "a.b.c.d", "!!.e30.AA"] {
            #expect(throws: TokenVerificationError.self) { try verify(token) }
        }
    }

    @Test func errorsSpeakVietnameseAndEnglish() {
        let error = TokenVerificationError.wrongNonce
        #expect(error.vietnamese.contains("nonce sai"))
        #expect(error.english.contains("nonce"))
        #expect(error.description == "\(error.vietnamese) (\(error.english))")
    }
}

@Suite("JSON Web Keys")
struct JSONWebKeyTests {
    @Test func theJWKOfAKeyRoundTrips() throws {
        let key = P256.Signing.PrivateKey()
        let jwk = JSONWebKey(publicKey: key.publicKey, kid: "k1")
        #expect(jwk.kty == "EC" && jwk.crv == "P-256" && jwk.use == "sig" && jwk.alg == "ES256" && jwk.kid == "k1")
        let json = try JSONEncoder().encode(JSONWebKeySet(keys: [jwk]))
        let object = try JSONSerialization.jsonObject(with: json) as! [String: [[String: String]]]
        #expect(Set(object["keys"]![0].keys) == ["kty", "crv", "x", "y", "kid", "use", "alg"])
        let decoded = try JSONDecoder().decode(JSONWebKeySet.self, from: json)
        #expect(decoded.keys == [jwk])
        #expect(try decoded.keys[0].publicKey().rawRepresentation == key.publicKey.rawRepresentation)
    }

    @Test func theDefaultKidIsTheRFC7638Thumbprint() throws {
        let jwk = JSONWebKey(publicKey: P256.Signing.PrivateKey().publicKey)
        let canonical = #"{"crv":"P-256","kty":"EC","x":"\#(jwk.x)","y":"\#(jwk.y)"}"#
        #expect(jwk.kid == Base64URL.encode(SHA256.hash(data: Data(canonical.utf8))))
        #expect(jwk.kid?.count == 43)
    }

    @Test func aKeySetSkipsKeysItCannotUse() throws {
        let jwk = JSONWebKey(publicKey: P256.Signing.PrivateKey().publicKey, kid: "ec")
        let ec = String(data: try JSONEncoder().encode(jwk), encoding: .utf8)!
        let json = #"{"keys":[{"kty":"RSA","kid":"rsa","n":"AQAB","e":"AQAB"},\#(ec)]}"#
        let set = try JSONDecoder().decode(JSONWebKeySet.self, from: Data(json.utf8))
        #expect(set.keys.map(\.kid) == ["ec"])
        #expect(set.key(withID: "rsa") == nil)
    }

    @Test func aJWKThatIsNotOnTheCurveIsRefused() {
        let bad = JSONWebKey(x: Base64URL.encode([UInt8](repeating: 1, count: 32)), y: Base64URL.encode([UInt8](repeating: 2, count: 32)), kid: "bad")
        #expect(throws: TokenVerificationError.self) { try bad.publicKey() }
        let short = JSONWebKey(x: "AAAA", y: "AAAA", kid: "short")
        #expect(throws: TokenVerificationError.invalidKey("x and y must be 32 bytes each")) { try short.publicKey() }
    }

    @Test func base64URLHasNoPaddingAndRoundTrips() {
        for count in 0..<40 {
            let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 250) }
            let text = Base64URL.encode(bytes)
            #expect(!text.contains("=") && !text.contains("+") && !text.contains("/"))
            #expect(Base64URL.decode(text) == Data(bytes))
        }
        #expect(Base64URL.decode("a+b/") == nil)
        #expect(Base64URL.decode("AQ") == Data([1]))
        #expect(Base64URL.decode("AR") == nil) // same byte, non-zero trailing bits: not canonical
    }
}
