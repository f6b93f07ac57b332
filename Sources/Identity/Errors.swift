import Foundation

/// An error of the Identity module, told in Vietnamese (for the citizen's page) and in English (for logs).
public protocol IdentityError: Error, CustomStringConvertible {
    /// Thông báo tiếng Việt.
    var vietnamese: String { get }
    /// The English message.
    var english: String { get }
}

extension IdentityError {
    public var description: String { "\(vietnamese) (\(english))" }
}

/// Why an ID token (mã định danh JWT) was refused by `JWTVerifier`.
public enum TokenVerificationError: IdentityError, Equatable {
    /// Not three base64url parts, or a part is not the JSON it should be.
    case malformed(String)
    /// The header's `alg` is not ES256 (this includes `none` and HMAC algorithms).
    case unsupportedAlgorithm(String)
    /// The header names extensions that must be understood (`crit`); none are supported.
    case unsupportedCriticalHeader([String])
    /// No key of the key set has the header's `kid` (or the header has none).
    case unknownKey(String?)
    /// The key of the key set is not a usable P-256 signing key.
    case invalidKey(String)
    /// The signature does not verify with the key (tampered token, or signed with another key).
    case invalidSignature
    /// A claim that cqs needs is absent.
    case missingClaim(String)
    /// `iss` is not the expected provider.
    case wrongIssuer(expected: String, actual: String)
    /// `aud` does not contain this client.
    case wrongAudience(expected: String, actual: [String])
    /// Several audiences and `azp` is not this client.
    case wrongAuthorizedParty(expected: String, actual: String?)
    /// `exp` (plus leeway) has passed.
    case expired(at: Date)
    /// `iat` lies in the future beyond the leeway.
    case issuedInFuture(at: Date)
    /// `nbf` lies in the future beyond the leeway.
    case notYetValid(until: Date)
    /// `nonce` is not the one this sign-in sent.
    case wrongNonce

    public var vietnamese: String {
        switch self {
        case .malformed(let detail): return "Mã định danh (ID token) không đúng định dạng: \(detail)."
        case .unsupportedAlgorithm(let alg): return "Thuật toán ký \"\(alg)\" không được chấp nhận; chỉ chấp nhận ES256."
        case .unsupportedCriticalHeader(let names): return "Mã định danh yêu cầu phần mở rộng không hỗ trợ: \(names.joined(separator: ", "))."
        case .unknownKey(let kid): return "Không tìm thấy khoá ký \"\(kid ?? "(không có kid)")\" trong bộ khoá của nhà cung cấp định danh."
        case .invalidKey(let detail): return "Khoá công khai của nhà cung cấp định danh không hợp lệ: \(detail)."
        case .invalidSignature: return "Chữ ký của mã định danh không hợp lệ."
        case .missingClaim(let name): return "Mã định danh thiếu thông tin \"\(name)\"."
        case .wrongIssuer(let expected, let actual): return "Mã định danh do \"\(actual)\" phát hành, không phải \"\(expected)\"."
        case .wrongAudience(let expected, _): return "Mã định danh không dành cho ứng dụng \"\(expected)\"."
        case .wrongAuthorizedParty(let expected, _): return "Mã định danh không được cấp cho ứng dụng \"\(expected)\"."
        case .expired: return "Mã định danh đã hết hạn."
        case .issuedInFuture: return "Thời điểm phát hành mã định danh nằm trong tương lai."
        case .notYetValid: return "Mã định danh chưa có hiệu lực."
        case .wrongNonce: return "Mã định danh không khớp với phiên đăng nhập này (nonce sai)."
        }
    }

    public var english: String {
        switch self {
        case .malformed(let detail): return "Malformed ID token: \(detail)."
        case .unsupportedAlgorithm(let alg): return "Signing algorithm \"\(alg)\" is refused; only ES256 is accepted."
        case .unsupportedCriticalHeader(let names): return "Unsupported critical header parameters: \(names.joined(separator: ", "))."
        case .unknownKey(let kid): return "No key with kid \"\(kid ?? "(none)")\" in the provider's key set."
        case .invalidKey(let detail): return "The provider's public key is invalid: \(detail)."
        case .invalidSignature: return "The ID token's signature is invalid."
        case .missingClaim(let name): return "The ID token lacks the \"\(name)\" claim."
        case .wrongIssuer(let expected, let actual): return "Issuer is \"\(actual)\", expected \"\(expected)\"."
        case .wrongAudience(let expected, let actual): return "Audience \(actual) does not contain \"\(expected)\"."
        case .wrongAuthorizedParty(let expected, let actual): return "Authorized party is \"\(actual ?? "(none)")\", expected \"\(expected)\"."
        case .expired(let date): return "The ID token expired at \(ISO8601DateFormatter().string(from: date))."
        case .issuedInFuture(let date): return "The ID token is issued in the future (\(ISO8601DateFormatter().string(from: date)))."
        case .notYetValid(let date): return "The ID token is not valid before \(ISO8601DateFormatter().string(from: date))."
        case .wrongNonce: return "The ID token's nonce does not match this sign-in."
        }
    }
}

/// Why a PKCE (RFC 7636) check failed.
public enum PKCEError: IdentityError, Equatable {
    /// The verifier is not 43–128 characters of `A–Z a–z 0–9 - . _ ~`.
    case invalidVerifier
    /// The challenge method `plain` is refused: only S256.
    case plainMethodRefused
    /// A challenge method other than S256 or plain.
    case unsupportedMethod(String)
    /// SHA-256 of the verifier is not the challenge.
    case mismatch

    public var vietnamese: String {
        switch self {
        case .invalidVerifier: return "Mã xác minh PKCE (code_verifier) không hợp lệ."
        case .plainMethodRefused: return "Phương thức PKCE \"plain\" không được chấp nhận; chỉ chấp nhận S256."
        case .unsupportedMethod(let method): return "Phương thức PKCE \"\(method)\" không được hỗ trợ."
        case .mismatch: return "Mã xác minh PKCE không khớp với mã thách thức (code_challenge)."
        }
    }

    public var english: String {
        switch self {
        case .invalidVerifier: return "The PKCE code_verifier is not 43–128 unreserved characters."
        case .plainMethodRefused: return "The PKCE method \"plain\" is refused; only S256 is accepted."
        case .unsupportedMethod(let method): return "Unsupported PKCE method \"\(method)\"."
        case .mismatch: return "The PKCE code_verifier does not match the code_challenge."
        }
    }
}

/// Why the provider's redirect back to cqs (the callback) was refused by `OIDCClient`.
public enum AuthorizationCallbackError: IdentityError, Equatable {
    /// The provider answered with an `error` parameter (e.g. `access_denied` when the person cancelled).
    case providerError(code: String, description: String?)
    /// `state` is missing or not the one stored in this browser session (possible forgery, CSRF).
    case stateMismatch
    /// The callback's `iss` parameter (RFC 9207) names another provider.
    case wrongIssuer(expected: String, actual: String)
    /// No `code` parameter.
    case missingCode
    /// The stored sign-in attempt is too old.
    case sessionExpired

    public var vietnamese: String {
        switch self {
        case .providerError(let code, let description):
            let reason = code == "access_denied" ? "Người dùng đã huỷ hoặc từ chối đăng nhập" : "Nhà cung cấp định danh báo lỗi \"\(code)\""
            return description.map { "\(reason): \($0)." } ?? "\(reason)."
        case .stateMismatch: return "Phiên đăng nhập không khớp (state sai hoặc thiếu). Vui lòng đăng nhập lại."
        case .wrongIssuer(_, let actual): return "Phản hồi đến từ nhà cung cấp định danh khác (\"\(actual)\")."
        case .missingCode: return "Phản hồi của nhà cung cấp định danh thiếu mã uỷ quyền (code)."
        case .sessionExpired: return "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại."
        }
    }

    public var english: String {
        switch self {
        case .providerError(let code, let description):
            return "The identity provider returned error \"\(code)\"" + (description.map { ": \($0)." } ?? ".")
        case .stateMismatch: return "The callback's state is missing or does not match this session."
        case .wrongIssuer(let expected, let actual): return "The callback comes from issuer \"\(actual)\", expected \"\(expected)\"."
        case .missingCode: return "The callback has no authorization code."
        case .sessionExpired: return "The stored sign-in attempt has expired."
        }
    }
}

/// Why a discovery document (OpenID Provider Metadata) is unusable by cqs.
public enum DiscoveryError: IdentityError, Equatable {
    /// The document's `issuer` is not the issuer it was fetched for.
    case issuerMismatch(expected: String, actual: String)
    /// The provider lacks something cqs needs (a response type, PKCE S256, ES256).
    case unsupported(String)

    public var vietnamese: String {
        switch self {
        case .issuerMismatch(let expected, let actual): return "Tài liệu cấu hình ghi issuer \"\(actual)\", không phải \"\(expected)\"."
        case .unsupported(let feature): return "Nhà cung cấp định danh không hỗ trợ \(feature)."
        }
    }

    public var english: String {
        switch self {
        case .issuerMismatch(let expected, let actual): return "Discovery issuer is \"\(actual)\", expected \"\(expected)\"."
        case .unsupported(let feature): return "The provider does not support \(feature)."
        }
    }
}

/// An OAuth 2.0 / OpenID Connect error of the local stand-in provider (RFC 6749 §4.1.2.1 and §5.2).
public enum ProviderError: IdentityError, Equatable {
    /// No registered client has this `client_id`.
    case unknownClient(String)
    /// The `redirect_uri` is not registered for the client (never redirected to).
    case unregisteredRedirectURI(String)
    /// A required parameter is absent.
    case missingParameter(String)
    /// `response_type` is not `code`.
    case unsupportedResponseType(String)
    /// `scope` lacks `openid`.
    case missingOpenIDScope
    /// No `code_challenge`: PKCE is required.
    case pkceRequired
    /// `code_challenge_method` is `plain` or unknown: only S256.
    case unsupportedChallengeMethod(String)
    /// The personal identification number or the password is wrong.
    case invalidCredentials
    /// `grant_type` is not `authorization_code`.
    case unsupportedGrantType(String)
    /// The code is unknown, or was already exchanged once.
    case unknownOrUsedCode
    /// The code's 60 seconds have passed.
    case expiredCode
    /// The code was issued to another client.
    case clientMismatch
    /// The token request's `redirect_uri` is not the authorization request's.
    case redirectURIMismatch
    /// The `code_verifier` does not match the `code_challenge`.
    case wrongCodeVerifier

    /// The OAuth `error` code.
    public var oauthError: String {
        switch self {
        case .unknownClient: return "invalid_client"
        case .unregisteredRedirectURI, .missingParameter, .pkceRequired, .unsupportedChallengeMethod: return "invalid_request"
        case .unsupportedResponseType: return "unsupported_response_type"
        case .missingOpenIDScope: return "invalid_scope"
        case .invalidCredentials: return "access_denied"
        case .unsupportedGrantType: return "unsupported_grant_type"
        case .unknownOrUsedCode, .expiredCode, .clientMismatch, .redirectURIMismatch, .wrongCodeVerifier: return "invalid_grant"
        }
    }

    /// Whether the error may be sent back to the client's `redirect_uri`: not when the client or the address is in
    /// doubt (then the provider shows its own error page), nor for a wrong password (the login page asks again).
    public var isRedirectable: Bool {
        switch self {
        case .unknownClient, .unregisteredRedirectURI, .invalidCredentials: return false
        default: return true
        }
    }

    /// The HTTP status for the token endpoint's JSON error (401 for a client it does not know, 400 otherwise).
    public var httpStatus: Int { oauthError == "invalid_client" ? 401 : 400 }

    /// The JSON error body of the token endpoint.
    public var response: OAuthErrorResponse { OAuthErrorResponse(error: oauthError, errorDescription: english) }

    public var vietnamese: String {
        switch self {
        case .unknownClient(let id): return "Ứng dụng \"\(id)\" chưa được đăng ký với nhà cung cấp định danh."
        case .unregisteredRedirectURI(let uri): return "Địa chỉ chuyển hướng \"\(uri)\" chưa được đăng ký."
        case .missingParameter(let name): return "Thiếu tham số \"\(name)\"."
        case .unsupportedResponseType(let type): return "Kiểu phản hồi \"\(type)\" không được hỗ trợ; chỉ hỗ trợ \"code\"."
        case .missingOpenIDScope: return "Phạm vi (scope) phải có \"openid\"."
        case .pkceRequired: return "Bắt buộc dùng PKCE (code_challenge)."
        case .unsupportedChallengeMethod(let method): return "Phương thức PKCE \"\(method)\" không được chấp nhận; chỉ chấp nhận S256."
        case .invalidCredentials: return "Số định danh cá nhân hoặc mật khẩu không đúng."
        case .unsupportedGrantType(let type): return "Kiểu cấp quyền \"\(type)\" không được hỗ trợ."
        case .unknownOrUsedCode: return "Mã uỷ quyền không tồn tại hoặc đã được sử dụng."
        case .expiredCode: return "Mã uỷ quyền đã hết hạn."
        case .clientMismatch: return "Mã uỷ quyền được cấp cho ứng dụng khác."
        case .redirectURIMismatch: return "Địa chỉ chuyển hướng không khớp với yêu cầu uỷ quyền."
        case .wrongCodeVerifier: return "Mã xác minh PKCE không khớp."
        }
    }

    public var english: String {
        switch self {
        case .unknownClient(let id): return "Unknown client \"\(id)\"."
        case .unregisteredRedirectURI(let uri): return "The redirect URI \"\(uri)\" is not registered for this client."
        case .missingParameter(let name): return "Missing parameter \"\(name)\"."
        case .unsupportedResponseType(let type): return "Unsupported response_type \"\(type)\"; only \"code\"."
        case .missingOpenIDScope: return "The scope must include \"openid\"."
        case .pkceRequired: return "PKCE is required (code_challenge)."
        case .unsupportedChallengeMethod(let method): return "Unsupported code_challenge_method \"\(method)\"; only S256."
        case .invalidCredentials: return "Wrong personal identification number or password."
        case .unsupportedGrantType(let type): return "Unsupported grant_type \"\(type)\"."
        case .unknownOrUsedCode: return "The authorization code is unknown or was already used."
        case .expiredCode: return "The authorization code has expired."
        case .clientMismatch: return "The authorization code was issued to another client."
        case .redirectURIMismatch: return "The redirect_uri does not match the authorization request."
        case .wrongCodeVerifier: return "The PKCE code_verifier does not match the code_challenge."
        }
    }
}

/// The JSON body of an OAuth error response: `{"error": …, "error_description": …}`.
public struct OAuthErrorResponse: Codable, Sendable, Equatable {
    public var error: String
    public var errorDescription: String?

    public init(error: String, errorDescription: String?) {
        self.error = error
        self.errorDescription = errorDescription
    }

    enum CodingKeys: String, CodingKey {
        case error
        case errorDescription = "error_description"
    }
}
