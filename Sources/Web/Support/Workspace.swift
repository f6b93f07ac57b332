import Core
import Crypto
import Fluent
import Foundation
import Storage
import Vapor

/// The officials' workspace frame (khu làm việc của cán bộ): a header with the platform's name, the navigation and the
/// signed-in person, one stylesheet served inline (no external fonts or scripts), and the CSRF token of forms.
enum Workspace {
    /// A navigation entry.
    struct Link { var href: String; var label: String }

    /// The officials' navigation.
    static let navigation = [Link(href: "/cong-viec", label: "Việc của tôi"), Link(href: "/dieu-hanh", label: "Điều hành"), Link(href: "/bao-cao", label: "Báo cáo"), Link(href: "/chuyen-doi-so", label: "Chuyển đổi số"), Link(href: "/mot-cua", label: "Một cửa"), Link(href: "/van-ban?chieu=den", label: "Văn bản đến"),
                             Link(href: "/van-ban?chieu=di", label: "Văn bản đi"), Link(href: "/van-ban/soan", label: "Soạn văn bản"),
                             Link(href: "/van-ban/vao-so", label: "Vào sổ văn bản giấy")]
    /// A citizen's navigation.
    static let citizenNavigation = [Link(href: "/thu-tuc", label: "Thủ tục"), Link(href: "/ho-so-cua-toi", label: "Hồ sơ của tôi")]

    /// A full workspace page for `signedIn`.
    static func page(title: String, signedIn: SignedIn, body: String, status: HTTPStatus = .ok) -> Response {
        let administers = signedIn.actor.assignments.contains { $0.role == .administrator }  // the administration pages
        let nav = (signedIn.actor.kind == .citizen ? citizenNavigation : navigation + (administers ? [Link(href: "/quan-tri", label: "Quản trị")] : []))
            .map { "<a href=\"\($0.href)\">\(HTML.escape(t($0.label)))</a>" }.joined()
        let response = HTML.frame(title: title, header: """
            <nav aria-label="\(t("Chức năng"))">\(nav)</nav>
            <form method="post" action="/dang-xuat" class="who"><span>\(HTML.escape(signedIn.user.fullName))</span>
            <button type="submit" class="link">\(t("Đăng xuất"))</button></form>
            """, body: body, status: status)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    /// The form token of a session: derived from the session token, so it needs no storage and changes with each
    /// sign-in. Forms carry it in `_csrf`; a POST without the right one is refused.
    static func csrfToken(_ signedIn: SignedIn) -> String {
        Hex.lowercase(SHA256.hash(data: Data(("csrf:" + signedIn.token).utf8)))
    }

    /// The hidden field that carries the form token.
    static func csrfField(_ signedIn: SignedIn) -> String {
        "<input type=\"hidden\" name=\"_csrf\" value=\"\(csrfToken(signedIn))\">"
    }

    /// Refuses (403) a form whose token is missing or wrong.
    static func checkCSRF(_ req: Request, _ signedIn: SignedIn, given: String?) throws {
        guard let given, given == csrfToken(signedIn) else {
            throw Problem.forbidden("Phiên làm việc không hợp lệ, vui lòng tải lại trang", "The form's CSRF token is missing or wrong.")
        }
    }

    /// Stores a file sent with a form (nil when none was chosen): its SHA-256, or the problem's message (in the page's
    /// language) as the field's error.
    static func store(_ file: File?, from req: Request, by signedIn: SignedIn) async throws -> Result<String, FieldError>? {
        guard let file, file.data.readableBytes > 0 else { return nil }
        do {
            return .success(try await req.application.fileStore.store(Array(file.data.readableBytesView), name: file.filename,
                                                                      uploadedBy: signedIn.user.username, on: req.db).sha256)
        } catch let problem as Problem {
            return .failure(FieldError(message: problem.message))
        }
    }

    /// A stored file as a download: its media type, and its uploaded name when that is plain ASCII, else
    /// `fallback`-<first 12 hex digits>. Nil when no stored file has that SHA-256.
    static func download(_ sha: String, fallback: String, on req: Request) async throws -> Response? {
        guard let stored = try await StoredFileModel.query(on: req.db).filter(\.$sha256 == sha).first() else { return nil }
        let name = try await FileUploadModel.query(on: req.db).filter(\.$sha256 == sha).first()?.name ?? "\(fallback)-\(sha.prefix(12))"
        let response = Response(status: .ok, body: .init(data: try req.application.fileStore.read(sha)))
        response.headers.replaceOrAdd(name: .contentType, value: stored.mediaType)
        let ascii = name.unicodeScalars.allSatisfy { $0.isASCII && $0 != "\"" } ? name : "\(fallback)-\(sha.prefix(12))"
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(ascii)\"")
        return response
    }

    /// A field's error message.
    struct FieldError: Error { var message: String }

    /// A message box (role=alert) or nothing.
    static func alert(_ message: String?) -> String {
        message.map { "<p class=\"error\" role=\"alert\">\(HTML.escape($0))</p>" } ?? ""
    }

    static let stylesheet = """
    .tiles{list-style:none;padding:0;margin:1rem 0;display:grid;grid-template-columns:repeat(auto-fill,minmax(9.5rem,1fr));gap:.6rem}
    .tile{background:#fff;border:1px solid var(--line);border-radius:.4rem}.tile>a,.tile>span:first-child{display:block}
    .tile a{color:inherit;text-decoration:none;display:block;padding:.6rem .8rem}.tile a:hover .value{text-decoration:underline}
    .tile:not(:has(a)){padding:.6rem .8rem}.tile .label,.tile .detail{display:block;color:var(--muted);font-size:.85rem}
    .tile .value{display:block;font-size:1.6rem;font-weight:700}.tile.alert .value{color:var(--red)}
    .chart{background:#fff;border:1px solid var(--line);border-radius:.4rem;padding:.5rem;margin:.6rem 0;max-width:60rem}
    .chart svg{display:block;width:100%;height:auto}td.num{text-align:right;font-variant-numeric:tabular-nums}td.late{color:var(--red);font-weight:700}
    form.period{display:flex;flex-wrap:wrap;gap:.4rem;align-items:center}form.period input{width:10rem}form.period small{color:var(--muted);flex-basis:100%}
    :root{--red:#a4161a;--ink:#1a1a1a;--muted:#4b5563;--line:#d1d5db;--bg:#f8f7f4;--ok:#166534;--warn:#92400e}
    *{box-sizing:border-box}body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg);line-height:1.45}
    .top{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;background:var(--red);color:#fff;padding:.6rem 1rem}
    .top a{color:#fff;text-decoration:none}.brand{font-weight:700}.top nav{display:flex;flex-wrap:wrap;gap:1rem}
    .top nav a:hover,.top nav a:focus{text-decoration:underline}.who{margin-left:auto;display:flex;gap:.6rem;align-items:center}.top .language{border:1px solid #fff;border-radius:4px;padding:.1rem .5rem;font-size:.9rem}
    button.link{background:none;border:1px solid #fff;color:#fff;padding:.25rem .6rem;border-radius:4px;cursor:pointer}
    main{max-width:64rem;margin:0 auto;padding:1rem}h1{font-size:1.4rem;margin:.6rem 0 1rem}
    table{width:100%;border-collapse:collapse;background:#fff}th,td{border:1px solid var(--line);padding:.45rem .55rem;text-align:left;vertical-align:top}
    th{background:#efeae4}.table-wrap{overflow-x:auto}
    label{display:block;margin-top:.9rem;font-weight:600}input,select,textarea{width:100%;padding:.55rem;font:inherit;border:1px solid #6b7280;border-radius:4px;background:#fff}
    select[multiple]{min-height:8rem}.field-error{color:var(--red);margin:.25rem 0 0;font-weight:600}
    button,.button{display:inline-block;margin:.9rem .5rem 0 0;padding:.6rem 1.1rem;font:inherit;background:var(--red);color:#fff;border:0;border-radius:4px;cursor:pointer;text-decoration:none}
    button.secondary{background:#374151}.error{color:var(--red);background:#fdecea;padding:.6rem;border-radius:4px}
    .ok{color:var(--ok);background:#ecfdf3;padding:.6rem;border-radius:4px}.status{font-weight:700}
    dl{display:grid;grid-template-columns:minmax(8rem,14rem) 1fr;gap:.35rem 1rem;background:#fff;padding:.8rem;border:1px solid var(--line)}
    dt{font-weight:600;color:var(--muted)}dd{margin:0}.actions form{display:inline-block;vertical-align:top;margin-right:.5rem}
    :focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}
    tr.overdue td{background:#fdecea}tr.overdue td:nth-child(4){color:var(--red);font-weight:700}
    tr.due-today td{background:#fef3c7}tr.due-today td:nth-child(4){color:var(--warn);font-weight:700}tr.current td{background:#eef2ff}
    fieldset.rows{display:grid;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr));gap:0 .8rem;background:#fff;border:1px solid var(--line);border-radius:4px;margin:.6rem 0;padding:.2rem .8rem .8rem}
    fieldset.rows .wide{grid-column:1/-1}label.check{font-weight:400}label.check input{width:auto;margin-right:.4rem}.hint{display:block;color:var(--muted)}.crumbs{font-size:.9rem;color:var(--muted)}.pager{margin:.6rem 0}
    @media (max-width:40rem){dl{grid-template-columns:1fr}.who{margin-left:0}}
    @media print{.top,.actions,form{display:none}body{background:#fff}}
    """
}
