import Catalog
import Core
import Storage
import Vapor
import WorkCalendar

/// The public-service portal (cổng dịch vụ công), no sign-in: procedure search regardless of diacritics, a page per
/// procedure (what to bring, fee, time, where, legal basis, steps), dossier tracking by code, the working-day calendar.
struct PortalPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("thu-tuc", use: search)
        routes.get("thu-tuc", ":code", use: procedure)
        routes.get("tra-cuu", use: trackForm)
        routes.get("lich", ":year", use: calendar)
    }

    /// The home page of a visitor: search and tracking.
    static func home() -> Response {
        HTML.page(title: t("Cổng dịch vụ công"), body: """
        <h1>\(t("Cổng dịch vụ công tỉnh Tuyên Quang"))</h1>
        \(searchForm(query: ""))
        <h2>\(t("Tra cứu hồ sơ"))</h2>
        <form method="get" action="/tra-cuu"><label for="ma">\(t("Mã hồ sơ (trên giấy tiếp nhận)"))</label>
        <input id="ma" name="ma" autocomplete="off" inputmode="text"><button type="submit">\(t("Tra cứu"))</button></form>
        <p><a href="/lich/\(VietnamTime.localDate(of: Date()).year)">\(t("Lịch làm việc năm nay"))</a> · <a href="/dang-nhap">\(t("Đăng nhập"))</a></p>
        """)
    }

    static func searchForm(query: String) -> String {
        """
        <form method="get" action="/thu-tuc" role="search"><label for="q">\(t("Tìm thủ tục hành chính"))</label>
        <input id="q" name="q" value="\(HTML.escape(query))" placeholder="\(t("Ví dụ: đăng ký khai sinh"))"><button type="submit">\(t("Tìm"))</button></form>
        """
    }

    @Sendable func search(req: Request) async throws -> Response {
        let query = (req.query[String.self, at: "q"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let paging = try Paging(req, defaultLimit: 20)
        let entries = query.isEmpty ? [] : try await req.application.catalogIndex.search(.init(query: query), on: req.db)
        let page = Array(entries.dropFirst(paging.offset).prefix(paging.limit))
        let items = page.map {
            "<li><a href=\"/thu-tuc/\(HTML.escape($0.code))\">\(HTML.escape($0.name))</a><br><small>\(HTML.escape($0.code)) · \(HTML.escape($0.field)) · \(HTML.escape($0.agency))</small></li>"
        }.joined()
        let next = paging.offset + paging.limit < entries.count
            ? "<p><a href=\"/thu-tuc?q=\(query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")&offset=\(paging.offset + paging.limit)\">\(t("Trang sau"))</a></p>" : ""
        return HTML.page(title: query.isEmpty ? t("Thủ tục hành chính") : t("Tìm: {0}", query), body: """
        <h1>\(t("Thủ tục hành chính"))</h1>\(Self.searchForm(query: query))
        \(query.isEmpty ? "" : "<p>\(t("{0} thủ tục phù hợp", String(entries.count)))</p>")<ol class="results" start="\(paging.offset + 1)">\(items)</ol>\(next)
        """)
    }

    @Sendable func procedure(req: Request) async throws -> Response {
        let code = req.parameters.get("code") ?? ""
        guard let (_, record, version) = try await CatalogStore.published(code: code, on: req.db) else {
            return HTML.page(title: t("Không tìm thấy thủ tục"), body: "<h1>\(t("Không tìm thấy thủ tục"))</h1><p class=\"error\">\(t("Không có thủ tục {0} đang được công bố.", HTML.escape(code)))</p>\(Self.searchForm(query: ""))", status: .notFound)
        }
        let components = record.components.map {
            "<tr><td>\(HTML.escape($0.name))</td><td>\($0.originals)</td><td>\($0.copies)</td></tr>"
        }.joined()
        let fees = record.fees.items.allSatisfy({ $0.amountVnd == 0 }) ? t("Không thu phí, lệ phí")
            : record.fees.items.map { "\($0.name ?? t("Lệ phí"))\($0.case.map { " (\($0))" } ?? ""): \(Self.money($0.amountVnd))" }.joined(separator: "; ")
        let steps = record.process.steps.map {
            "<li>\(HTML.escape($0.name)) — \(HTML.escape(Self.stepTime($0)))</li>"
        }.joined()
        let legal = record.legalBasis.map { "<li>\(HTML.escape($0))</li>" }.joined()
        return HTML.page(title: record.name, body: """
        <p><a href="/thu-tuc">← \(t("Thủ tục hành chính"))</a></p>
        <h1>\(HTML.escape(record.name))</h1>
        <dl><dt>\(t("Mã thủ tục"))</dt><dd>\(HTML.escape(record.catalogCode)) \(t("(phiên bản {0})", String(version)))</dd>
        <dt>\(t("Lĩnh vực"))</dt><dd>\(HTML.escape(record.field))</dd>
        <dt>\(t("Cơ quan thực hiện"))</dt><dd>\(HTML.escape(record.agency))</dd>
        <dt>\(t("Thời hạn giải quyết"))</dt><dd>\(HTML.escape(Self.processingTime(record.processingTime)))</dd>
        <dt>\(t("Phí, lệ phí"))</dt><dd>\(HTML.escape(fees))\(record.fees.exemptions.map { "<br><small>\(t("Miễn, giảm: {0}", HTML.escape($0)))</small>" } ?? "")</dd>
        <dt>\(t("Kết quả"))</dt><dd>\(HTML.escape(record.result))</dd></dl>
        <h2>\(t("Hồ sơ cần chuẩn bị"))</h2>
        <div class="table-wrap"><table><thead><tr><th scope="col">\(t("Thành phần hồ sơ"))</th><th scope="col">\(t("Bản chính"))</th><th scope="col">\(t("Bản sao"))</th></tr></thead>
        <tbody>\(components)</tbody></table></div>
        <h2>\(t("Các bước giải quyết"))</h2><ol>\(steps)</ol>
        <h2>\(t("Căn cứ pháp lý"))</h2><ul>\(legal)</ul>
        <p><a class="button" href="/thu-tuc/\(HTML.escape(record.catalogCode))/nop">\(t("Nộp hồ sơ trực tuyến"))</a></p>
        """)
    }

    static func money(_ amount: Int) -> String {
        var digits = String(amount)
        var groups: [String] = []
        while digits.count > 3 { groups.insert(String(digits.suffix(3)), at: 0); digits.removeLast(3) }
        groups.insert(digits, at: 0)
        return Language.current == .en ? groups.joined(separator: ",") + " VND" : groups.joined(separator: ".") + " đồng"
    }

    /// The statutory time of a procedure as the catalog writes it ("15 ngày làm việc"), in the page's language.
    static func processingTime(_ time: ProcessingTime) -> String { processingTime(time.label) }

    /// The catalog's text of a statutory time ("15 ngày làm việc", "Trong ngày làm việc (nhận sau 15 giờ …)") in the
    /// page's language.
    static func processingTime(_ label: String) -> String {
        guard Language.current == .en else { return label }
        let days = " ngày làm việc", sameDay = "Trong ngày làm việc (nhận sau "
        if label.hasPrefix(sameDay), let hour = label.dropFirst(sameDay.count).split(separator: " ").first {
            return t("Trong ngày làm việc (nhận sau {0} giờ trả ngày làm việc tiếp theo)", String(hour))
        }
        if label.hasSuffix(days), !label.hasPrefix("Trong") { return t("{0} ngày làm việc", String(label.dropLast(days.count))) }
        return label == "Trong ngày làm việc" ? t("Trong ngày làm việc") : label
    }

    static func stepTime(_ step: ProcessStep) -> String {
        if let hours = step.hours { return t("{0} giờ làm việc", hours.formatted()) }
        return t("{0} ngày làm việc", (step.workingDays ?? 0).formatted())
    }

    /// `/tra-cuu?ma=…` — the tracking form's target: the tracking page of that code.
    @Sendable func trackForm(req: Request) async throws -> Response {
        let code = (req.query[String.self, at: "ma"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !code.isEmpty else { return req.redirect(to: "/", redirectType: .normal) }
        return req.redirect(to: "/tra-cuu/\(code.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? code)", redirectType: .normal)
    }

    /// Lịch làm việc — the non-working days of a year (holidays, compensatory days, the notice's changes).
    @Sendable func calendar(req: Request) async throws -> Response {
        guard let year = req.parameters.get("year").flatMap(Int.init), WorkingCalendar.supportedYears.contains(year) else {
            throw Problem.notFound("Không có lịch năm này", "The calendar covers 1990-2100.")
        }
        let calendar = try await CalendarStore.calendar(on: req.db)
        let rows = calendar.nonWorkingDays(in: year).map {
            "<tr><td>\(String(format: "%02d/%02d/%04d", $0.date.day, $0.date.month, $0.date.year))</td><td>\(HTML.escape(dayName($0.name)))</td><td>\($0.kind == .makeUpWorkday ? t("Làm bù") : t("Nghỉ"))</td></tr>"
        }.joined()
        return HTML.page(title: t("Lịch làm việc năm {0}", String(year)), body: """
        <h1>\(t("Lịch làm việc năm {0}", String(year)))</h1><p>\(t("Ngoài thứ Bảy, Chủ nhật, các ngày sau không tính là ngày làm việc (hoặc là ngày làm bù)."))</p>
        <div class="table-wrap"><table><thead><tr><th scope="col">\(t("Ngày"))</th><th scope="col">\(t("Tên"))</th><th scope="col"></th></tr></thead><tbody>\(rows)</tbody></table></div>
        <p><a href="/lich/\(year - 1)">\(t("Năm {0}", String(year - 1)))</a> · <a href="/lich/\(year + 1)">\(t("Năm {0}", String(year + 1)))</a></p>
        """)
    }
}
