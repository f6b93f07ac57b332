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
        HTML.page(title: "Cổng dịch vụ công", body: """
        <h1>Cổng dịch vụ công tỉnh Tuyên Quang</h1>
        \(searchForm(query: ""))
        <h2>Tra cứu hồ sơ</h2>
        <form method="get" action="/tra-cuu"><label for="ma">Mã hồ sơ (trên giấy tiếp nhận)</label>
        <input id="ma" name="ma" autocomplete="off" inputmode="text"><button type="submit">Tra cứu</button></form>
        <p><a href="/lich/\(VietnamTime.localDate(of: Date()).year)">Lịch làm việc năm nay</a> · <a href="/dang-nhap">Đăng nhập</a></p>
        """)
    }

    static func searchForm(query: String) -> String {
        """
        <form method="get" action="/thu-tuc" role="search"><label for="q">Tìm thủ tục hành chính</label>
        <input id="q" name="q" value="\(HTML.escape(query))" placeholder="Ví dụ: đăng ký khai sinh"><button type="submit">Tìm</button></form>
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
            ? "<p><a href=\"/thu-tuc?q=\(query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")&offset=\(paging.offset + paging.limit)\">Trang sau</a></p>" : ""
        return HTML.page(title: query.isEmpty ? "Thủ tục hành chính" : "Tìm: \(query)", body: """
        <h1>Thủ tục hành chính</h1>\(Self.searchForm(query: query))
        \(query.isEmpty ? "" : "<p>\(entries.count) thủ tục phù hợp</p>")<ol class="results" start="\(paging.offset + 1)">\(items)</ol>\(next)
        """)
    }

    @Sendable func procedure(req: Request) async throws -> Response {
        let code = req.parameters.get("code") ?? ""
        guard let (_, record, version) = try await CatalogStore.published(code: code, on: req.db) else {
            return HTML.page(title: "Không tìm thấy thủ tục", body: "<h1>Không tìm thấy thủ tục</h1><p class=\"error\">Không có thủ tục \(HTML.escape(code)) đang được công bố.</p>\(Self.searchForm(query: ""))", status: .notFound)
        }
        let components = record.components.map {
            "<tr><td>\(HTML.escape($0.name))</td><td>\($0.originals)</td><td>\($0.copies)</td></tr>"
        }.joined()
        let fees = record.fees.items.allSatisfy({ $0.amountVnd == 0 }) ? "Không thu phí, lệ phí"
            : record.fees.items.map { "\($0.name ?? "Lệ phí")\($0.case.map { " (\($0))" } ?? ""): \(Self.money($0.amountVnd))" }.joined(separator: "; ")
        let steps = record.process.steps.map {
            "<li>\(HTML.escape($0.name)) — \(HTML.escape(Self.stepTime($0)))</li>"
        }.joined()
        let legal = record.legalBasis.map { "<li>\(HTML.escape($0))</li>" }.joined()
        return HTML.page(title: record.name, body: """
        <p><a href="/thu-tuc">← Thủ tục hành chính</a></p>
        <h1>\(HTML.escape(record.name))</h1>
        <dl><dt>Mã thủ tục</dt><dd>\(HTML.escape(record.catalogCode)) (phiên bản \(version))</dd>
        <dt>Lĩnh vực</dt><dd>\(HTML.escape(record.field))</dd>
        <dt>Cơ quan thực hiện</dt><dd>\(HTML.escape(record.agency))</dd>
        <dt>Thời hạn giải quyết</dt><dd>\(HTML.escape(record.processingTime.label))</dd>
        <dt>Phí, lệ phí</dt><dd>\(HTML.escape(fees))\(record.fees.exemptions.map { "<br><small>Miễn, giảm: \(HTML.escape($0))</small>" } ?? "")</dd>
        <dt>Kết quả</dt><dd>\(HTML.escape(record.result))</dd></dl>
        <h2>Hồ sơ cần chuẩn bị</h2>
        <div class="table-wrap"><table><thead><tr><th scope="col">Thành phần hồ sơ</th><th scope="col">Bản chính</th><th scope="col">Bản sao</th></tr></thead>
        <tbody>\(components)</tbody></table></div>
        <h2>Các bước giải quyết</h2><ol>\(steps)</ol>
        <h2>Căn cứ pháp lý</h2><ul>\(legal)</ul>
        <p><a class="button" href="/thu-tuc/\(HTML.escape(record.catalogCode))/nop">Nộp hồ sơ trực tuyến</a></p>
        """)
    }

    static func money(_ amount: Int) -> String {
        var digits = String(amount)
        var groups: [String] = []
        while digits.count > 3 { groups.insert(String(digits.suffix(3)), at: 0); digits.removeLast(3) }
        groups.insert(digits, at: 0)
        return groups.joined(separator: ".") + " đồng"
    }

    static func stepTime(_ step: ProcessStep) -> String {
        if let hours = step.hours { return "\(hours.formatted()) giờ làm việc" }
        return "\((step.workingDays ?? 0).formatted()) ngày làm việc"
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
            "<tr><td>\(String(format: "%02d/%02d/%04d", $0.date.day, $0.date.month, $0.date.year))</td><td>\(HTML.escape($0.name))</td><td>\($0.kind == .makeUpWorkday ? "Làm bù" : "Nghỉ")</td></tr>"
        }.joined()
        return HTML.page(title: "Lịch làm việc năm \(year)", body: """
        <h1>Lịch làm việc năm \(year)</h1><p>Ngoài thứ Bảy, Chủ nhật, các ngày sau không tính là ngày làm việc (hoặc là ngày làm bù).</p>
        <div class="table-wrap"><table><thead><tr><th scope="col">Ngày</th><th scope="col">Tên</th><th scope="col"></th></tr></thead><tbody>\(rows)</tbody></table></div>
        <p><a href="/lich/\(year - 1)">Năm \(year - 1)</a> · <a href="/lich/\(year + 1)">Năm \(year + 1)</a></p>
        """)
    }
}
