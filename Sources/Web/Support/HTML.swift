import Foundation
import Vapor

/// Minimal HTML helpers for the few server pages of the foundation (sign-in); escaping is never optional.
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

    /// A full page with the platform's frame.
    static func page(title: String, body: String, status: HTTPStatus = .ok) -> Response {
        let html = """
        <!doctype html>
        <html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
        <title>\(escape(title)) — Chính quyền số Tuyên Quang</title>
        <style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
        label{display:block;margin-top:1rem;font-weight:600}input{width:100%;padding:.6rem;font-size:1rem;box-sizing:border-box}
        button{margin-top:1.2rem;padding:.7rem 1.4rem;font-size:1rem;background:#a4161a;color:#fff;border:0;border-radius:4px}
        .error{color:#a4161a;background:#fdecea;padding:.6rem;border-radius:4px}:focus{outline:3px solid #1d4ed8}</style>
        </head><body><main>\(body)</main></body></html>
        """
        let response = Response(status: status, body: .init(string: html))
        response.headers.contentType = .html
        return response
    }
}
