import Access
import Charts
import Core
import Fluent
import Foundation
import Indicators
import Storage
import Vapor

/// Trung tâm điều hành (IOC) — the leaders' dashboard (`/dieu-hanh`): a unit's figures for a period, the monthly
/// trend, the ranking of its units, the map of its communes coloured by on-time rate and the overdue dossiers.
/// Every figure clicks through: a unit to its own dashboard, a count to the dossiers behind it
/// (`/dieu-hanh/ho-so`). Charts and map are SVG drawn by the server; the page needs no JavaScript.
struct DashboardPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("dieu-hanh", use: dashboard)
        routes.get("dieu-hanh", "ho-so", use: dossiers)
    }

    /// The query of every dashboard link: the unit and the period.
    static func query(unit: String, period: Period) -> String {
        "don-vi=\(unit.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? unit)&ky=\(period.description)"
    }

    /// The unit, scope and period asked for, or the page to answer instead (sign-in, 403 page).
    func context(_ req: Request) async throws -> (SignedIn, UnitModel, UnitScope, Period)? {
        guard let signedIn = req.auth.get(SignedIn.self), signedIn.actor.kind == .official else { return nil }
        let (unit, scope) = try await IndicatorRoutes.scope(req, code: req.query[String.self, at: "don-vi"])
        let period = try PeriodParameter.parse(req.query[String.self, at: "ky"], now: req.now)
        return (signedIn, unit, scope, period)
    }

    @Sendable func dashboard(req: Request) async throws -> Response {
        guard let (signedIn, unit, scope, period) = try await context(req) else {
            return req.redirect(to: "/dang-nhap", redirectType: .normal)
        }
        let now = req.now
        let (figures, rows) = try await UnitFigures.withTotal(under: scope, period: period, now: now, on: req.db)
        let link = { (list: IndicatorQueries.DossierList) in "/dieu-hanh/ho-so?\(Self.query(unit: unit.code, period: period))&loai=\(list.rawValue)" }

        func count(_ key: FigureKey) -> String { if case let .count(n) = figures.value(key) { VietnameseNumber.format(Double(n)) } else { "" } }
        func rate(_ key: FigureKey) -> String { figures.value(key).ratio?.value.map { VietnameseNumber.percent($0) } ?? "—" }
        func tile(_ label: String, _ value: String, _ href: String?, _ detail: String = "", alert: Bool = false) -> String {
            let inner = "<span class=\"label\">\(HTML.escape(label))</span><span class=\"value\">\(HTML.escape(value))</span>"
                + (detail.isEmpty ? "" : "<span class=\"detail\">\(HTML.escape(detail))</span>")
            return "<li class=\"tile\(alert ? " alert" : "")\">" + (href.map { "<a href=\"\(HTML.escape($0))\">\(inner)</a>" } ?? inner) + "</li>"
        }
        let ratio = { (key: FigureKey) in figures.value(key).ratio.map { "\($0.numerator)/\($0.denominator)" } ?? "" }
        let tiles = [
            tile(t("Tiếp nhận"), count(.received), link(.received),
                 t("trực tuyến {0} · trực tiếp {1} · bưu chính {2}", count(.receivedOnline), count(.receivedDesk), count(.receivedPostal))),
            tile(t("Đã giải quyết"), VietnameseNumber.format(Double(figures.resolved)), link(.resolved),
                 t("trước hạn {0} · đúng hạn {1} · quá hạn {2}", count(.resolvedEarly), count(.resolvedOnTime), count(.resolvedLate))),
            tile(t("Đang giải quyết"), count(.open), link(.open)),
            tile(t("Đang quá hạn"), count(.openOverdue), link(.overdue), alert: figures.openOverdue > 0),
            tile(t("Đúng hạn (2.1)"), rate(.onTimeRate), nil, ratio(.onTimeRate)),
            tile(t("Nộp trực tuyến"), rate(.onlineSubmissionRate), nil, ratio(.onlineSubmissionRate)),
            tile(t("Thanh toán trực tuyến"), rate(.onlinePaymentRate), nil, ratio(.onlinePaymentRate)),
            tile(t("Số hóa hồ sơ"), rate(.dossierDigitizationRate), nil, ratio(.dossierDigitizationRate)),
            tile(t("Kết quả điện tử"), rate(.resultDigitizationRate), nil, ratio(.resultDigitizationRate)),
            tile(t("Tái sử dụng dữ liệu"), rate(.dataReuseRate), nil, ratio(.dataReuseRate)),
            tile(t("Hài lòng (5.4)"), rate(.satisfactionRate), nil, ratio(.satisfactionRate)),
            tile(t("Văn bản đi ký số"), rate(.digitallySignedRate), nil, ratio(.digitallySignedRate)),
        ].joined()

        // the trend: month by month of the period's year
        let year = period.firstDay.year
        let months = try await IndicatorQueries.monthly(year: year, scope: scope, on: req.db)
        let lastMonth = year < Period.Day(of: now).year ? 12 : Period.Day(of: now).month
        let monthNumbers = Array(1...max(1, lastMonth))
        let categories = monthNumbers.map { t("T{0}", String($0)) }
        let monthLinks = monthNumbers.map { "/dieu-hanh?" + Self.query(unit: unit.code, period: .month(year: year, month: $0)) } as [String?]
        let received = LineChart(title: t("Hồ sơ tiếp nhận theo tháng, {0}", String(year)), categories: categories, series: [
            .init(name: t("Trực tuyến"), values: monthNumbers.map { Double(months[$0]?.receivedOnline ?? 0) }),
            .init(name: t("Trực tiếp"), values: monthNumbers.map { Double(months[$0]?.receivedDesk ?? 0) }),
            .init(name: t("Bưu chính"), values: monthNumbers.map { Double(months[$0]?.receivedPostal ?? 0) }),
        ], valueFormat: .count, links: monthLinks)
        let onTime = LineChart(title: t("Tỷ lệ giải quyết đúng hạn theo tháng (hồ sơ kết thúc trong tháng), {0}", String(year)),
                               categories: categories, series: [
            .init(name: t("Đúng hạn"), values: monthNumbers.map { month in
                months[month].flatMap { $0.ended > 0 ? Double($0.endedInTime) / Double($0.ended) : nil }
            }),
            .init(name: t("Nộp trực tuyến"), values: monthNumbers.map { month in
                months[month].flatMap { $0.received > 0 ? Double($0.receivedOnline) / Double($0.received) : nil }
            }),
        ], valueFormat: .percent, links: monthLinks)

        // the ranking of the units below, by on-time rate, and the map of the communes among them
        let ranked = rows.filter { $0.figures.handled > 0 }
            .sorted { ($0.figures.onTimeRate.value ?? 0, $1.unit.name) > ($1.figures.onTimeRate.value ?? 0, $0.unit.name) }
        let ranking = BarChart(title: t("Xếp hạng đơn vị theo tỷ lệ đúng hạn"), bars: ranked.prefix(40).map { row in
            .init(label: row.unit.name, value: row.figures.onTimeRate.value ?? 0,
                  link: "/dieu-hanh?" + Self.query(unit: row.unit.code, period: period), highlight: (row.figures.onTimeRate.value ?? 1) < 0.8)
        }, valueFormat: .percent, maxValue: 1)
        let places = rows.compactMap { row -> CommuneMap.Place? in
            guard let latitude = row.unit.latitude, let longitude = row.unit.longitude else { return nil }
            return CommuneMap.Place(code: row.unit.code, name: row.unit.name, latitude: latitude, longitude: longitude,
                                    rate: row.figures.onTimeRate.value, link: "/dieu-hanh?" + Self.query(unit: row.unit.code, period: period))
        }
        let map = places.isEmpty ? "" : """
            <section aria-labelledby="ban-do"><h2 id="ban-do">\(t("Bản đồ xã, phường theo tỷ lệ đúng hạn"))</h2>
            <div class="chart">\(CommuneMap(title: t("Xã, phường của {0}", unit.name), places: places).svg())</div></section>
            """

        // the overdue dossiers, longest overdue first
        let overdue = try await IndicatorQueries.dossiers(.overdue, scope: scope, period: period, now: now, limit: 10, offset: 0, on: req.db)
        let overdueRows = try await Self.dossierRows(overdue.codes, on: req.db)

        let unitTable = rows.map { row in
            """
            <tr><td><a href="/dieu-hanh?\(HTML.escape(Self.query(unit: row.unit.code, period: period)))">\(HTML.escape(row.unit.name))</a></td>
            <td class="num">\(row.figures.received)</td><td class="num">\(row.figures.resolved)</td><td class="num">\(row.figures.open)</td>
            <td class="num\(row.figures.openOverdue > 0 ? " late" : "")">\(row.figures.openOverdue)</td>
            <td class="num">\(row.figures.onTimeRate.value.map { VietnameseNumber.percent($0) } ?? "—")</td>
            <td class="num">\(row.figures.onlineSubmissionRate.value.map { VietnameseNumber.percent($0) } ?? "—")</td></tr>
            """
        }.joined()
        let parent = unit.path.split(separator: "/").dropLast().last.map(String.init)
        let periodForm = """
            <form method="get" action="/dieu-hanh" class="period"><input type="hidden" name="don-vi" value="\(HTML.escape(unit.code))">
            <label for="ky">\(t("Kỳ báo cáo"))</label><input id="ky" name="ky" value="\(HTML.escape(period.description))" size="12"
            aria-describedby="ky-goi-y"><button type="submit">\(t("Xem"))</button>
            <small id="ky-goi-y">\(t("Năm 2026, quý 2026-Q4, tháng 2026-11 hoặc khoảng 2026-11-01..2026-11-30"))</small></form>
            """
        let exports = "/api/v1/indicators/units?unit=\(HTML.escape(unit.code))&period=\(HTML.escape(period.description))"
        return Workspace.page(title: t("Điều hành — {0}", unit.name), signedIn: signedIn, body: """
            <h1>\(t("Trung tâm điều hành: {0}", HTML.escape(unit.name)))</h1>
            <p>\(t("Kỳ {0}, số liệu đến {1}", HTML.escape(period.description), HTML.escape(PageTime.format(figures.evaluatedAt))))\(parent.map { " · <a href=\"/dieu-hanh?\(HTML.escape(Self.query(unit: $0, period: period)))\">\(t("Lên đơn vị cấp trên"))</a>" } ?? "")</p>
            \(periodForm)
            <ul class="tiles" aria-label="\(t("Chỉ số"))">\(tiles)</ul>
            <section aria-labelledby="xu-huong"><h2 id="xu-huong">\(t("Xu hướng theo tháng"))</h2>
            <div class="chart">\(received.svg())</div><div class="chart">\(onTime.svg())</div></section>
            \(ranked.isEmpty ? "" : "<section aria-labelledby=\"xep-hang\"><h2 id=\"xep-hang\">\(t("Xếp hạng"))</h2><div class=\"chart\">\(ranking.svg())</div></section>")
            \(map)
            <section aria-labelledby="qua-han"><h2 id="qua-han">\(t("Hồ sơ quá hạn ({0})", String(overdue.total)))</h2>
            \(Self.dossierTable(overdueRows))<p><a href="\(HTML.escape(link(.overdue)))">\(t("Xem tất cả hồ sơ quá hạn"))</a></p></section>
            <section aria-labelledby="don-vi"><h2 id="don-vi">\(t("Đơn vị trực thuộc"))</h2>
            <p>\(t("Tải về:")) <a href="\(exports)&amp;format=csv">CSV</a> · <a href="\(exports)&amp;format=xlsx">XLSX</a></p>
            <div class="table-wrap"><table><thead><tr><th scope="col">\(t("Đơn vị"))</th><th scope="col">\(t("Tiếp nhận"))</th><th scope="col">\(t("Đã giải quyết"))</th>
            <th scope="col">\(t("Đang giải quyết"))</th><th scope="col">\(t("Quá hạn"))</th><th scope="col">\(t("Đúng hạn"))</th><th scope="col">\(t("Trực tuyến"))</th></tr></thead>
            <tbody>\(unitTable.isEmpty ? "<tr><td colspan=\"7\">\(t("Không có đơn vị trực thuộc."))</td></tr>" : unitTable)</tbody></table></div></section>
            """)
    }

    /// The dossiers behind a figure: `loai` is one of `IndicatorQueries.DossierList`.
    @Sendable func dossiers(req: Request) async throws -> Response {
        guard let (signedIn, unit, scope, period) = try await context(req) else {
            return req.redirect(to: "/dang-nhap", redirectType: .normal)
        }
        guard let list = IndicatorQueries.DossierList(rawValue: req.query[String.self, at: "loai"] ?? "") else {
            throw Problem.invalid("Danh sách không hợp lệ", "loai must be one of \(IndicatorQueries.DossierList.allCases.map(\.rawValue)).",
                                  fields: ["loai": "qua-han, dang-giai-quyet, tiep-nhan hoặc da-giai-quyet."])
        }
        let paging = try Paging(req, defaultLimit: 50)
        let page = try await IndicatorQueries.dossiers(list, scope: scope, period: period, now: req.now,
                                                       limit: paging.limit, offset: paging.offset, on: req.db)
        let titles: [IndicatorQueries.DossierList: String] = [.overdue: t("Hồ sơ đang quá hạn"), .open: t("Hồ sơ đang giải quyết"),
                                                             .received: t("Hồ sơ tiếp nhận trong kỳ"), .resolved: t("Hồ sơ đã giải quyết trong kỳ")]
        let base = "/dieu-hanh/ho-so?\(Self.query(unit: unit.code, period: period))&loai=\(list.rawValue)"
        let next = paging.offset + paging.limit < page.total
            ? "<p><a href=\"\(HTML.escape(base))&amp;offset=\(paging.offset + paging.limit)\">\(t("Trang sau"))</a></p>" : ""
        return Workspace.page(title: titles[list]!, signedIn: signedIn, body: """
            <h1>\(HTML.escape(titles[list]!)): \(HTML.escape(unit.name))</h1>
            <p>\(t("Kỳ {0}", HTML.escape(period.description))) · \(t("{0} hồ sơ", String(page.total))) · <a href="/dieu-hanh?\(HTML.escape(Self.query(unit: unit.code, period: period)))">\(t("Về trang điều hành"))</a></p>
            \(Self.dossierTable(try await Self.dossierRows(page.codes, on: req.db)))\(next)
            """)
    }

    /// The dossiers of `codes`, in that order.
    static func dossierRows(_ codes: [String], on db: any Database) async throws -> [DossierModel] {
        guard !codes.isEmpty else { return [] }
        let found = try await DossierModel.query(on: db).filter(\.$code ~~ codes).all()
        let byCode = Dictionary(found.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        return codes.compactMap { byCode[$0] }
    }

    static func dossierTable(_ dossiers: [DossierModel]) -> String {
        let rows = dossiers.map { dossier in
            """
            <tr><td><a href="/cong-viec/\(HTML.escape(dossier.code))">\(HTML.escape(dossier.code))</a></td>
            <td>\(HTML.escape(dossier.procedureName))</td><td>\(HTML.escape(dossier.handlingUnitCode))</td>
            <td>\(HTML.escape(t(dossier.status.label)))</td><td>\(HTML.escape(dossier.appointment.map(PageTime.format) ?? "—"))</td></tr>
            """
        }.joined()
        return """
            <div class="table-wrap"><table><thead><tr><th scope="col">\(t("Mã hồ sơ"))</th><th scope="col">\(t("Thủ tục", sense: "field"))</th><th scope="col">\(t("Đơn vị xử lý"))</th>
            <th scope="col">\(t("Trạng thái"))</th><th scope="col">\(t("Hẹn trả"))</th></tr></thead>
            <tbody>\(rows.isEmpty ? "<tr><td colspan=\"5\">\(t("Không có hồ sơ."))</td></tr>" : rows)</tbody></table></div>
            """
    }
}
