import Foundation
import Vapor

/// HTML helpers of the public pages (portal, sign-in, tracking, printable forms); escaping is never optional.
enum HTML {
    /// Escapes text for element content and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A full public page with the platform's frame and the portal's navigation.
    static func page(title: String, body: String, status: HTTPStatus = .ok) -> Response {
        frame(title: title, header: """
            <nav aria-label="\(t("Cổng dịch vụ công"))"><a href="/thu-tuc">\(t("Thủ tục"))</a><a href="/tra-cuu">\(t("Tra cứu hồ sơ"))</a><a href="/dang-nhap">\(t("Đăng nhập"))</a></nav>
            """, body: body, status: status)
    }

    /// The document every page shares: the platform's name, `header` beside it, the language switch, the one
    /// stylesheet, `body`.
    static func frame(title: String, header: String, body: String, status: HTTPStatus) -> Response {
        let language = Language.current
        let other = language.other
        let html = """
        <!doctype html>
        <html lang="\(language.rawValue)"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
        <title>\(escape(title)) — \(t("Chính quyền số Tuyên Quang"))</title>
        <style>\(Workspace.stylesheet)</style>
        </head><body><header class="top"><a class="brand" href="/">\(t("Chính quyền số Tuyên Quang"))</a>\(header)<a class="language" href="?\(Language.cookieName)=\(other.rawValue)" hreflang="\(other.rawValue)" lang="\(other.rawValue)" title="\(t("Ngôn ngữ"))">\(other.name)</a></header>
        <main id="noi-dung">\(body)</main></body></html>
        """
        let response = Response(status: status, body: .init(string: html))
        response.headers.contentType = .html
        return response
    }
}
