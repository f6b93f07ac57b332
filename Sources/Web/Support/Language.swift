import Foundation
import Synchronization
import Vapor

/// The interface language (ngôn ngữ giao diện): Vietnamese by default, English when the person chose it with the
/// switch in the page header (a cookie, so the choice works without JavaScript and follows every page).
///
/// Pages write their texts in Vietnamese through `t(_:)`; the English texts are in `English.table`, keyed by the
/// Vietnamese text. Data (procedure, unit and person names, e-form labels from the catalog) stays as entered.
public enum Language: String, Sendable, CaseIterable {
    case vi, en

    /// The language of the request being answered (set by `LanguageMiddleware` for the whole request).
    @TaskLocal public static var current: Language = .vi

    /// The cookie that keeps the choice.
    static let cookieName = "ngon-ngu"

    /// The language a request asks for: `?ngon-ngu=en|vi` first, then the cookie, else Vietnamese.
    static func of(_ req: Request) -> Language {
        if let asked = req.query[String.self, at: cookieName], let language = Language(rawValue: asked) { return language }
        if let cookie = req.cookies[cookieName]?.string, let language = Language(rawValue: cookie) { return language }
        return .vi
    }

    /// The other language, offered by the switch.
    var other: Language { self == .vi ? .en : .vi }

    /// The switch's label, in the language it switches to.
    var name: String { self == .vi ? "Tiếng Việt" : "English" }

    /// Vietnamese texts asked for in English that have no entry in `English.table` since the process started (tests
    /// read it to prove that the English pages are complete).
    static let missing = Mutex<Set<String>>([])
}

/// The text `vietnamese` in the current language. `{0}`, `{1}`, … in the text are replaced by `arguments` after
/// translation, so that a sentence with values is translated whole: `t("Hồ sơ {0} đã được tiếp nhận", code)`.
func t(_ vietnamese: String, _ arguments: String...) -> String {
    var text = vietnamese
    if Language.current == .en {
        if let english = English.table[vietnamese] {
            text = english
        } else {
            _ = Language.missing.withLock { $0.insert(vietnamese) }
        }
    }
    for (index, argument) in arguments.enumerated() {
        text = text.replacingOccurrences(of: "{\(index)}", with: argument)
    }
    return text
}

/// Answers every request in the language it asks for, and keeps a choice made with `?ngon-ngu=` in the cookie.
struct LanguageMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        let language = Language.of(request)
        let response = try await Language.$current.withValue(language) { try await next.respond(to: request) }
        if let asked = request.query[String.self, at: Language.cookieName], Language(rawValue: asked) != nil,
           request.cookies[Language.cookieName]?.string != asked {
            response.cookies[Language.cookieName] = HTTPCookies.Value(string: asked, maxAge: 365 * 24 * 3600, path: "/",
                                                                      isSecure: false, isHTTPOnly: true, sameSite: .lax)
        }
        return response
    }
}

/// The English texts of the interface, keyed by their Vietnamese text (see `t(_:)`), in one section per page area
/// (each section in the file of its area, or in `English.swift`).
enum English {
    /// Every section merged; a text in two sections must have the same English in both (a test checks).
    static let table: [String: String] = sections.reduce(into: [:]) { table, section in table.merge(section) { first, _ in first } }

    /// The sections, one per page area.
    static var sections: [[String: String]] { [frame, dti] }

    /// The frame shared by every page: the header, the navigation, the switch.
    static let frame: [String: String] = [
        "Cổng dịch vụ công": "Public service portal",
        "Thủ tục": "Procedures",
        "Tra cứu hồ sơ": "Track a dossier",
        "Đăng nhập": "Sign in",
        "Đăng xuất": "Sign out",
        "Chức năng": "Functions",
        "Chính quyền số Tuyên Quang": "Tuyên Quang Digital Government",
        "Ngôn ngữ": "Language",
        "Việc của tôi": "My work",
        "Điều hành": "Operations",
        "Báo cáo": "Reports",
        "Một cửa": "One-stop desk",
        "Văn bản đến": "Incoming documents",
        "Văn bản đi": "Outgoing documents",
        "Soạn văn bản": "Draft a document",
        "Vào sổ văn bản giấy": "Register a paper document",
        "Hồ sơ của tôi": "My dossiers",
        "Quản trị": "Administration",
    ]
}
