import Core
import Dossiers
import Fluent
import QRCode
import Storage
import Vapor

/// Printable and public pages of a dossier: tracking (`/tra-cuu/{code}`, with its QR image), the receipt and
/// appointment slip (Mẫu 01) and the control slip (Phiếu kiểm soát quá trình giải quyết hồ sơ).
struct DossierPages: RouteCollection {
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
        guard let tracking = try await PublicTracking.find(code: code, on: req.db) else {
            return HTML.page(title: "Tra cứu hồ sơ", body: "<h1>Tra cứu hồ sơ</h1><p class=\"error\">Không tìm thấy hồ sơ \(HTML.escape(code)).</p>",
                             status: .notFound)
        }
        let rows = tracking.timeline.map {
            "<tr><td>\(HTML.escape(DisplayTime.format($0.at)))</td><td>\(HTML.escape($0.action))</td><td>\(HTML.escape($0.status))</td></tr>"
        }.joined()
        return HTML.page(title: "Tra cứu hồ sơ \(code)", body: """
        <h1>Tra cứu hồ sơ</h1>
        <dl><dt>Mã hồ sơ</dt><dd>\(HTML.escape(tracking.code))</dd>
        <dt>Thủ tục</dt><dd>\(HTML.escape(tracking.procedure))</dd>
        <dt>Người nộp</dt><dd>\(HTML.escape(tracking.applicant))</dd>
        <dt>Trạng thái</dt><dd><strong data-status="\(tracking.status.rawValue)">\(HTML.escape(tracking.statusLabel))</strong></dd>
        <dt>Ngày hẹn trả</dt><dd>\(tracking.appointment.map { HTML.escape(DisplayTime.format($0)) } ?? "Chưa tiếp nhận")</dd></dl>
        <table><thead><tr><th>Thời gian</th><th>Thao tác</th><th>Trạng thái</th></tr></thead><tbody>\(rows)</tbody></table>
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

    @Sendable func receipt(req: Request) async throws -> Response {
        let signedIn = try req.signedIn()
        let dossier = try await DossierService.visibleDossier(code: req.parameters.get("code") ?? "", actor: signedIn.actor, on: req.db)
        let slip = try await ReceiptSlip.load(dossier, publicURL: req.application.config.publicURL, on: req.db)
        let qr = try QRCode(slip.trackingURL).svg(moduleSize: 3)
        let components = slip.components.enumerated().map { index, component in
            "<tr><td>\(index + 1)</td><td>\(HTML.escape(component.name))</td><td>\(component.originals)</td><td>\(component.copies)</td></tr>"
        }.joined()
        return HTML.page(title: "Giấy tiếp nhận hồ sơ \(slip.dossierCode)", body: """
        <p class="form-no">\(HTML.escape(slip.form))</p>
        <p><strong>\(HTML.escape(slip.issuer.uppercased()))</strong><br>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM — Độc lập - Tự do - Hạnh phúc</p>
        <h1>GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ</h1>
        <p>Mã hồ sơ: <strong>\(HTML.escape(slip.dossierCode))</strong></p>
        <figure aria-label="Mã QR tra cứu hồ sơ">\(qr)</figure>
        <p>\(HTML.escape(slip.issuer)) tiếp nhận hồ sơ của: <strong>\(HTML.escape(slip.applicant))</strong><br>
        Địa chỉ: \(HTML.escape(slip.address ?? "")) · Số điện thoại: \(HTML.escape(slip.phone ?? "")) · Email: \(HTML.escape(slip.email ?? ""))</p>
        <p>Nội dung yêu cầu giải quyết: \(HTML.escape(slip.request))</p>
        <table><thead><tr><th>TT</th><th>Thành phần hồ sơ</th><th>Bản chính</th><th>Bản sao</th></tr></thead><tbody>\(components)</tbody></table>
        <p>Thời gian giải quyết theo quy định: \(HTML.escape(slip.statutoryTime))<br>
        Thời gian nhận hồ sơ: \(HTML.escape(DisplayTime.format(slip.receivedAt)))<br>
        Thời gian trả kết quả: <strong>\(HTML.escape(DisplayTime.format(slip.appointment)))</strong><br>
        Nơi nhận kết quả: \(HTML.escape(slip.resultPlace))</p>
        <p>Người tiếp nhận: \(HTML.escape(slip.receivedBy))</p>
        <p>Tra cứu: <a href="\(HTML.escape(slip.trackingURL))">\(HTML.escape(slip.trackingURL))</a></p>
        """)
    }

    @Sendable func controlSlip(req: Request) async throws -> Response {
        let signedIn = try req.signedIn()
        let dossier = try await DossierService.visibleDossier(code: req.parameters.get("code") ?? "", actor: signedIn.actor, on: req.db)
        let detail = try await DossierDTO.load(dossier, on: req.db)
        let rows = detail.steps.map { step in
            """
            <tr><td>\(step.index + 1)</td><td>\(HTML.escape(step.name))</td><td>\(HTML.escape(step.unit))</td>
            <td>\(step.startedAt.map { HTML.escape(DisplayTime.format($0)) } ?? "")</td>
            <td>\(step.completedAt.map { HTML.escape(DisplayTime.format($0)) } ?? "")</td>
            <td>\(HTML.escape(step.completedBy ?? step.assignee ?? ""))</td>
            <td>\(step.deadline.map { HTML.escape(DisplayTime.format($0)) } ?? "")</td>
            <td>\(step.timeliness.map { HTML.escape($0.label) } ?? "")</td></tr>
            """
        }.joined()
        return HTML.page(title: "Phiếu kiểm soát \(detail.code)", body: """
        <p class="form-no">Mẫu số 06 — Thông tư 03/2025/TT-VPCP</p>
        <h1>PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ</h1>
        <p>Mã hồ sơ: <strong>\(HTML.escape(detail.code))</strong> · Kèm theo hồ sơ của: \(HTML.escape(detail.applicant.fullName))
        · Thủ tục: \(HTML.escape(detail.procedureName))</p>
        <p>Ngày hẹn trả: \(detail.originalAppointment.map { HTML.escape(DisplayTime.format($0)) } ?? "")
        · Kết quả: \(detail.timeliness.map { HTML.escape($0.label) } ?? "Đang giải quyết")</p>
        <table><thead><tr><th>TT</th><th>Bước</th><th>Đơn vị</th><th>Giao</th><th>Hoàn thành</th><th>Người xử lý</th><th>Hạn</th><th>Kết quả</th></tr></thead>
        <tbody>\(rows)</tbody></table>
        """)
    }
}
