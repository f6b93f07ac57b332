import Core
import Dossiers
import Fluent
import Storage
import Vapor

/// The forms of Circular 03/2025 filled from a dossier (`/ho-so/{code}/mau/{01…06}`) and the register of a unit
/// (`/so-theo-doi/{unit}`, Mẫu 07). Their labels follow the page's language; the national heading ("CỘNG HÒA XÃ HỘI
/// CHỦ NGHĨA VIỆT NAM — Độc lập - Tự do - Hạnh phúc") stays in Vietnamese, being the legal heading of the forms.
extension DossierPages {
    /// A letter form and the dossier events it records.
    struct Letter {
        var actions: [String]
        var title: String
        var lead: String
    }

    static let letters: [String: Letter] = [
        "02": Letter(actions: ["request-intake-supplement", "request-supplement"], title: "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
                     lead: "Yêu cầu Ông/Bà hoàn thiện hồ sơ gồm những nội dung sau:"),
        "03": Letter(actions: ["refuse-intake"], title: "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
                     lead: "Hồ sơ không được tiếp nhận vì lý do:"),
        "04": Letter(actions: ["extend"], title: "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
                     lead: "Cơ quan giải quyết chân thành xin lỗi Ông/Bà vì hồ sơ chưa được giải quyết đúng hạn. Lý do:"),
        "05": Letter(actions: ["stop"], title: "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ", lead: "Hồ sơ được dừng giải quyết vì lý do:"),
    ]

    /// 01 and 06 are the receipt and control slips; 02–05 need the event they record (409 otherwise).
    @Sendable func form(req: Request) async throws -> Response {
        let number = req.parameters.get("number") ?? ""
        if number == "01" { return try await receipt(req: req) }
        if number == "06" { return try await controlSlip(req: req) }
        guard let letter = Self.letters[number] else {
            throw Problem.notFound("Không có mẫu này", "Forms 01-06 are per dossier; form 07 is /so-theo-doi/{unit}.")
        }
        let signedIn = try req.signedIn()
        let dossier = try await DossierService.visibleDossier(code: req.parameters.get("code") ?? "", actor: signedIn.actor, on: req.db)
        guard let event = try await DossierEventModel.query(on: req.db).filter(\.$dossier.$id == dossier.requireID())
            .filter(\.$action ~~ letter.actions).sort(\.$at, .descending).first()
        else {
            throw Problem.conflict("Hồ sơ chưa có sự kiện để lập mẫu \(number)", "Dossier \(dossier.code) has no event for form \(number).")
        }
        let issuer = ["02", "03"].contains(number) ? dossier.receivingUnitCode : dossier.handlingUnitCode
        let unit = try await UnitModel.find(code: issuer, on: req.db)
        let lines = (event.note ?? "").split(separator: "\n").map { "<li>\(HTML.escape(String($0)))</li>" }.joined()
        let appointment = number == "04"
            ? "<p>\(t("Thời gian hẹn trả kết quả mới: {0}", "<strong>\(dossier.appointment.map { HTML.escape(PageTime.format($0)) } ?? "")</strong>"))</p>"
            : ""
        var body = "<p class=\"form-no\">\(t("Mẫu số {0} — Thông tư 03/2025/TT-VPCP", number))</p>"
        body += "<p><strong>\(HTML.escape((unit?.name ?? issuer).uppercased()))</strong><br>"
        body += "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM — Độc lập - Tự do - Hạnh phúc</p>"
        body += "<h1>\(t(letter.title))</h1><p>\(t("Mã hồ sơ: {0}", "<strong>\(HTML.escape(dossier.code))</strong>"))</p>"
        body += "<p>\(t("Kính gửi: {0}", HTML.escape(dossier.applicantName))) — \(t("Địa chỉ: {0}", HTML.escape(dossier.applicantAddress ?? "")))"
        body += " — \(t("Số điện thoại: {0}", HTML.escape(dossier.applicantPhone ?? ""))) — Email: \(HTML.escape(dossier.applicantEmail ?? ""))</p>"
        body += "<p>\(t("Nội dung yêu cầu giải quyết: {0}", HTML.escape(dossier.procedureName)))</p>"
        body += "<p>\(t(letter.lead))</p><ul>\(lines)</ul>\(appointment)"
        body += "<p>\(HTML.escape(PageTime.format(event.at))) — \(t("Người lập: {0}", HTML.escape(event.actor)))</p>"
        return HTML.page(title: t("Mẫu {0} — {1}", number, dossier.code), body: body)
    }

    /// Sổ theo dõi hồ sơ (Mẫu 07) — the register of a unit's dossiers, newest first, paginated.
    @Sendable func register(req: Request) async throws -> Response {
        let code = req.parameters.get("unit") ?? ""
        guard let unit = try await UnitModel.find(code: code, on: req.db) else {
            throw Problem.notFound("Không tìm thấy đơn vị", "No unit \(code).")
        }
        _ = try req.require(.viewUnit, onUnitAt: unit.path)
        let paging = try Paging(req, defaultLimit: 50)
        let query = DossierModel.query(on: req.db).filter(\.$receivingUnitPath =~ unit.path)
        let (rows, total) = try await paging.rows(of: query, sorted: { $0.sort(\.$submittedAt, .descending) })
        let cells = rows.enumerated().map { index, dossier -> String in
            let columns = [
                "\(paging.offset + index + 1)", dossier.code, dossier.procedureName, dossier.applicantName,
                PageTime.format(dossier.receivedAt ?? dossier.submittedAt), dossier.appointment.map(PageTime.format) ?? "",
                dossier.returnedAt.map(PageTime.format) ?? "", t(dossier.status.label), dossier.timeliness.map { t($0.label) } ?? "",
            ]
            return "<tr>" + columns.map { "<td>\(HTML.escape($0))</td>" }.joined() + "</tr>"
        }.joined()
        let next = paging.offset + paging.limit < total
            ? "<a href=\"/so-theo-doi/\(HTML.escape(code))?offset=\(paging.offset + paging.limit)&limit=\(paging.limit)\">\(t("Trang sau"))</a>" : ""
        let headers = [t("TT"), t("Mã hồ sơ"), t("Thủ tục", sense: "field"), t("Người nộp"), t("Tiếp nhận"), t("Hẹn trả"),
                       t("Trả kết quả", sense: "column"), t("Trạng thái"), t("Kết quả")]
        return HTML.page(title: t("Sổ theo dõi hồ sơ — {0}", unit.name), body: """
        <p class="form-no">\(t("Mẫu số {0} — Thông tư 03/2025/TT-VPCP", "07"))</p>
        <h1>\(t("SỔ THEO DÕI HỒ SƠ"))</h1><p>\(HTML.escape(unit.name)) — \(t("{0} hồ sơ", String(total)))</p>
        <table><thead><tr>\(headers.map { "<th>\($0)</th>" }.joined())</tr></thead><tbody>\(cells)</tbody></table>\(next)
        """)
    }
}
