import Core
import Dossiers
import Fluent
import QRCode
import Storage
import Vapor

/// Printable and public pages of a dossier: tracking (`/tra-cuu/{code}`, with its QR image), the receipt and
/// appointment slip (Mẫu 01) and the control slip (Phiếu kiểm soát quá trình giải quyết hồ sơ).
struct DossierPages: RouteCollection {
    /// The public look-up's database (made once per event loop).
    let databases: ReadyDatabases

    func boot(routes: any RoutesBuilder) throws {
        routes.get("tra-cuu", ":code", use: track)
        routes.get("tra-cuu", ":code", "qr.png", use: qrPNG)
        routes.get("tra-cuu", ":code", "qr.svg", use: qrSVG)
        routes.get("ho-so", ":code", "giay-tiep-nhan", use: receipt)
        routes.get("ho-so", ":code", "phieu-kiem-soat", use: controlSlip)
        routes.get("ho-so", ":code", "mau", ":number", use: form)
        routes.get("so-theo-doi", ":unit", use: register)
    }

    @Sendable func track(req: Request) async throws -> Response {
        let code = req.parameters.get("code") ?? ""
        guard let tracking = try await PublicTracking.find(code: code, on: databases.database(for: req)) else {
            return HTML.page(title: t("Tra cứu hồ sơ"), body: "<h1>\(t("Tra cứu hồ sơ"))</h1><p class=\"error\">\(t("Không tìm thấy hồ sơ {0}.", HTML.escape(code)))</p>",
                             status: .notFound)
        }
        let rows = tracking.timeline.map {
            "<tr><td>\(HTML.escape(PageTime.format($0.at)))</td><td>\(HTML.escape(tIfKnown($0.action)))</td><td>\(HTML.escape(t($0.status)))</td></tr>"
        }.joined()
        return HTML.page(title: t("Tra cứu hồ sơ {0}", code), body: """
        <h1>\(t("Tra cứu hồ sơ"))</h1>
        <dl><dt>\(t("Mã hồ sơ"))</dt><dd>\(HTML.escape(tracking.code))</dd>
        <dt>\(t("Thủ tục", sense: "field"))</dt><dd>\(HTML.escape(tracking.procedure))</dd>
        <dt>\(t("Người nộp"))</dt><dd>\(HTML.escape(tracking.applicant))</dd>
        <dt>\(t("Trạng thái"))</dt><dd><strong data-status="\(tracking.status.rawValue)">\(HTML.escape(t(tracking.statusLabel)))</strong></dd>
        <dt>\(t("Ngày hẹn trả"))</dt><dd>\(tracking.appointment.map { HTML.escape(PageTime.format($0)) } ?? t("Chưa tiếp nhận"))</dd></dl>
        <table><thead><tr><th>\(t("Thời gian"))</th><th>\(t("Thao tác"))</th><th>\(t("Trạng thái"))</th></tr></thead><tbody>\(rows)</tbody></table>
        """)
    }

    func trackingQR(_ req: Request) throws -> QRCode {
        let code = req.parameters.get("code") ?? ""
        guard DossierCode(code) != nil else { throw Problem.notFound("Không tìm thấy hồ sơ", "No dossier \(code).") }
        return try QRCode(TrackingLink.url(publicURL: req.application.config.publicURL, code: code))
    }

    @Sendable func qrPNG(req: Request) async throws -> Response {
        let response = Response(status: .ok, body: .init(data: Data(try trackingQR(req).png(moduleSize: 6))))
        response.headers.contentType = .png
        return response
    }

    @Sendable func qrSVG(req: Request) async throws -> Response {
        let response = Response(status: .ok, body: .init(string: try trackingQR(req).svg()))
        response.headers.contentType = HTTPMediaType(type: "image", subType: "svg+xml")
        return response
    }

    /// The receipt and appointment slip (Mẫu 01). Its labels follow the page's language; the national heading
    /// ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM — Độc lập - Tự do - Hạnh phúc") stays in Vietnamese on every form, being
    /// the legal heading of an official form.
    @Sendable func receipt(req: Request) async throws -> Response {
        let signedIn = try req.signedIn()
        let dossier = try await DossierService.visibleDossier(code: req.parameters.get("code") ?? "", actor: signedIn.actor, on: req.db)
        let slip = try await ReceiptSlip.load(dossier, publicURL: req.application.config.publicURL, on: req.db)
        let qr = try QRCode(slip.trackingURL).svg(moduleSize: 3)
        let components = slip.components.enumerated().map { index, component in
            "<tr><td>\(index + 1)</td><td>\(HTML.escape(component.name))</td><td>\(component.originals)</td><td>\(component.copies)</td></tr>"
        }.joined()
        return HTML.page(title: t("Giấy tiếp nhận hồ sơ {0}", slip.dossierCode), body: """
        <p class="form-no">\(HTML.escape(Language.current == .en ? t("Mẫu số {0} — Thông tư 03/2025/TT-VPCP", "01") : slip.form))</p>
        <p><strong>\(HTML.escape(slip.issuer.uppercased()))</strong><br>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM — Độc lập - Tự do - Hạnh phúc</p>
        <h1>\(t("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"))</h1>
        <p>\(t("Mã hồ sơ: {0}", "<strong>\(HTML.escape(slip.dossierCode))</strong>"))</p>
        <figure aria-label="\(t("Mã QR tra cứu hồ sơ"))">\(qr)</figure>
        <p>\(t("{0} tiếp nhận hồ sơ của: {1}", HTML.escape(slip.issuer), "<strong>\(HTML.escape(slip.applicant))</strong>"))<br>
        \(t("Địa chỉ: {0}", HTML.escape(slip.address ?? ""))) · \(t("Số điện thoại: {0}", HTML.escape(slip.phone ?? ""))) · Email: \(HTML.escape(slip.email ?? ""))</p>
        <p>\(t("Nội dung yêu cầu giải quyết: {0}", HTML.escape(slip.request)))</p>
        <table><thead><tr><th>\(t("TT"))</th><th>\(t("Thành phần hồ sơ"))</th><th>\(t("Bản chính"))</th><th>\(t("Bản sao"))</th></tr></thead><tbody>\(components)</tbody></table>
        <p>\(t("Thời gian giải quyết theo quy định: {0}", HTML.escape(PortalPages.processingTime(slip.statutoryTime))))<br>
        \(t("Thời gian nhận hồ sơ: {0}", HTML.escape(PageTime.format(slip.receivedAt))))<br>
        \(t("Thời gian trả kết quả: {0}", "<strong>\(HTML.escape(PageTime.format(slip.appointment)))</strong>"))<br>
        \(t("Nơi nhận kết quả: {0}", HTML.escape(slip.resultPlace)))</p>
        <p>\(t("Người tiếp nhận: {0}", HTML.escape(slip.receivedBy)))</p>
        <p>\(t("Tra cứu: {0}", "<a href=\"\(HTML.escape(slip.trackingURL))\">\(HTML.escape(slip.trackingURL))</a>"))</p>
        """)
    }

    /// The control slip (Mẫu 06), its labels in the page's language.
    @Sendable func controlSlip(req: Request) async throws -> Response {
        let signedIn = try req.signedIn()
        let dossier = try await DossierService.visibleDossier(code: req.parameters.get("code") ?? "", actor: signedIn.actor, on: req.db)
        let detail = try await DossierDTO.load(dossier, on: req.db)
        let rows = detail.steps.map { step in
            """
            <tr><td>\(step.index + 1)</td><td>\(HTML.escape(step.name))</td><td>\(HTML.escape(step.unit))</td>
            <td>\(step.startedAt.map { HTML.escape(PageTime.format($0)) } ?? "")</td>
            <td>\(step.completedAt.map { HTML.escape(PageTime.format($0)) } ?? "")</td>
            <td>\(HTML.escape(step.completedBy ?? step.assignee ?? ""))</td>
            <td>\(step.deadline.map { HTML.escape(PageTime.format($0)) } ?? "")</td>
            <td>\(step.timeliness.map { HTML.escape(t($0.label)) } ?? "")</td></tr>
            """
        }.joined()
        return HTML.page(title: t("Phiếu kiểm soát {0}", detail.code), body: """
        <p class="form-no">\(t("Mẫu số {0} — Thông tư 03/2025/TT-VPCP", "06"))</p>
        <h1>\(t("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"))</h1>
        <p>\(t("Mã hồ sơ: {0}", "<strong>\(HTML.escape(detail.code))</strong>")) · \(t("Kèm theo hồ sơ của: {0}", HTML.escape(detail.applicant.fullName)))
        · \(t("Thủ tục: {0}", HTML.escape(detail.procedureName)))</p>
        <p>\(t("Ngày hẹn trả: {0}", detail.originalAppointment.map { HTML.escape(PageTime.format($0)) } ?? ""))
        · \(t("Kết quả: {0}", detail.timeliness.map { HTML.escape(t($0.label)) } ?? t("Đang giải quyết")))</p>
        <table><thead><tr><th>\(t("TT"))</th><th>\(t("Bước"))</th><th>\(t("Đơn vị"))</th><th>\(t("Giao"))</th><th>\(t("Hoàn thành"))</th><th>\(t("Người xử lý"))</th><th>\(t("Hạn"))</th><th>\(t("Kết quả"))</th></tr></thead>
        <tbody>\(rows)</tbody></table>
        """)
    }
}
