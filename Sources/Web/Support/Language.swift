import Core
import Foundation
import Storage
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
        // the query is decoded only when it names the switch (decoding it costs more than the rest of this)
        if req.url.query?.contains(cookieName) == true, let asked = req.query[String.self, at: cookieName],
           let language = Language(rawValue: asked) { return language }
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
    translated(vietnamese, key: vietnamese, arguments)
}

/// `t(_:)` for a Vietnamese text that has another English elsewhere on the pages: "Thủ tục" is "Procedures" in the
/// navigation but "Procedure" as a field's label. Its English is under the key "vietnamese #sense"; the Vietnamese is
/// the text itself.
func t(_ vietnamese: String, sense: String, _ arguments: String...) -> String {
    translated(vietnamese, key: "\(vietnamese) #\(sense)", arguments)
}

/// `vietnamese`, or in English the table's text for `key` (recorded as missing when there is none), with `{n}`
/// replaced by `arguments[n]`.
private func translated(_ vietnamese: String, key: String, _ arguments: [String]) -> String {
    var text = vietnamese
    if Language.current == .en {
        if let english = English.table[key] {
            text = english
        } else {
            _ = Language.missing.withLock { $0.insert(key) }
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
/// (each section in `Support/English<Area>.swift`; the frame's here).
enum English {
    /// Every section merged; a text in two sections must have the same English in both (a test checks).
    static let table: [String: String] = sections.reduce(into: [:]) { table, section in table.merge(section) { first, _ in first } }

    /// The sections, one per page area.
    static var sections: [[String: String]] {
        [frame, dti, portal, citizen, desk, work, forms, documents, dashboard, reports, admin, labels]
    }

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

extension Problem {
    /// What a page shows of a problem: its Vietnamese title; in English, the title's English from the table, else the
    /// problem's English `detail` (a title already in English stays).
    var message: String {
        guard Language.current == .en else { return title }
        // a title already in English (a page's own problem, written with t()) stays
        return English.table[title] ?? (Self.isVietnamese(title) ? detail : title)
    }

    /// Whether a text is Vietnamese (has a Vietnamese letter with a diacritic).
    static func isVietnamese(_ text: String) -> Bool { text.unicodeScalars.contains { (0x00C0...0x1EFF).contains($0.value) } }

    /// The per-field messages a page shows beside the fields: as they are in Vietnamese; in English each one's English
    /// text when the table has it, else the problem's English `detail` (the per-field messages are Vietnamese only).
    var fieldMessages: [String: String] {
        guard Language.current == .en else { return fields }
        return fields.mapValues { message in
            if let english = English.table[message] { return english }
            // a message already in English (a page's own, or a file's problem told in the page's language) stays
            return Self.isVietnamese(message) ? detail : message
        }
    }
}

/// A date and time as pages show it: "08:30 ngày 15/01/2026" in Vietnamese, "08:30 on 15/01/2026" in English.
enum PageTime {
    static func format(_ date: Date) -> String {
        let text = DisplayTime.format(date)
        return Language.current == .en ? text.replacingOccurrences(of: " ngày ", with: " on ") : text
    }
}

/// A text that is either one of the platform's own (translated when the table has it) or typed by someone (a notice's
/// day name, a unit's note): kept as it is, and not recorded as missing.
func tIfKnown(_ text: String) -> String {
    Language.current == .en ? English.table[text] ?? text : text
}

/// The name of a day in the working calendar: the holidays and compensatory days the platform names itself are
/// translated, the names a notice gives are kept as typed.
func dayName(_ name: String) -> String {
    guard Language.current == .en else { return name }
    if name.hasPrefix("Nghỉ bù ") { return t("Nghỉ bù {0}", tIfKnown(String(name.dropFirst("Nghỉ bù ".count)))) }
    return tIfKnown(name)
}
