import Access
import Charts
import Core
import Fluent
import Foundation
import Indicators
import Organisation
import Spreadsheet
import Storage
import Vapor

/// Đánh giá chuyển đổi số (DTI) in the officials' workspace (issue 6 item 7): `/chuyen-doi-so` lists the years and
/// their rounds (a reviewer opens a year's round there), `/chuyen-doi-so/{year}` shows the round — a unit official
/// their unit's self-assessment, the reviewers every unit of each group with its total and status and the button
/// that publishes —, `/chuyen-doi-so/{year}/{unit}` one unit's evaluation with its forms (`DTIPagesUnit.swift`), and
/// `/chuyen-doi-so/{year}/xep-hang` the published ranking of any year, with its CSV. Every form carries its CSRF
/// token; the rules are `DTIService`'s (who answers, who reviews, nothing changes after publication).
struct DTIPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("chuyen-doi-so", use: years)
        routes.post("chuyen-doi-so", use: open)
        routes.get("chuyen-doi-so", ":year", use: round)
        routes.post("chuyen-doi-so", ":year", "cong-bo", use: publish)
        routes.get("chuyen-doi-so", ":year", "xep-hang", use: ranking)
        routes.get("chuyen-doi-so", ":year", "xep-hang.csv", use: rankingCSV)
        routes.get("chuyen-doi-so", ":year", ":unit", use: unit)
        routes.on(.POST, "chuyen-doi-so", ":year", ":unit", "tu-danh-gia", body: .collect(maxSize: "24mb"), use: answer)
        routes.post("chuyen-doi-so", ":year", ":unit", "tham-dinh", use: correct)
        routes.get("chuyen-doi-so", ":year", ":unit", "minh-chung", ":sha", use: evidence)
    }

    // MARK: shared

    /// The signed-in official, or nil (the caller redirects to the sign-in page).
    func official(_ req: Request) -> SignedIn? {
        guard let signedIn = req.auth.get(SignedIn.self), signedIn.actor.kind == .official else { return nil }
        return signedIn
    }

    func signInRedirect(_ req: Request) -> Response { req.redirect(to: "/dang-nhap", redirectType: .normal) }

    /// Thẩm định viên — the province's reviewers are its administrators (`DTIService.requireReviewer`).
    static func isReviewer(_ actor: Actor) -> Bool { AccessPolicy.isProvinceAdministrator(actor) }

    /// The year of the path; anything else than 2000…2100 is a page that does not exist.
    static func year(_ req: Request) throws -> Int {
        guard let year = req.parameters.get("year", as: Int.self), (2000...2100).contains(year) else {
            throw Problem.notFound("Năm đánh giá không hợp lệ", "The year must be 2000-2100.")
        }
        return year
    }

    static func notOpened(_ year: Int) -> Problem {
        .notFound("Chưa mở đợt đánh giá năm \(year)", "No digital-transformation evaluation round for \(year).")
    }

    static func published(_ year: Int) -> Problem {
        .conflict("Kết quả đánh giá năm \(year) đã công bố, không thể thay đổi", "The \(year) ranking is published; it no longer changes.")
    }

    /// A page that says what went wrong (403, 404, 409) instead of a JSON problem.
    func problemPage(_ signedIn: SignedIn, _ problem: Problem) -> Response {
        Workspace.page(title: problem.message, signedIn: signedIn, body: """
            <h1>\(t("Đánh giá chuyển đổi số"))</h1>\(Workspace.alert(problem.message))
            <p><a href="/chuyen-doi-so">\(t("Về danh sách các năm đánh giá"))</a></p>
            """, status: HTTPStatus(statusCode: problem.status))
    }

    /// Points as Vietnamese readers write them, to two decimals at most: "80", "12,5".
    static func points(_ value: Double) -> String { ReportPages.number((value * 100).rounded() / 100) }
    static func points(_ value: Fraction) -> String { points(value.doubleValue) }

    /// A date and time in the page's language.
    static func time(_ date: Date) -> String { PageTime.format(date) }

    static func groupLabel(_ group: DTIUnitGroup) -> String {
        switch group {
        case .department: t("Sở, ban, ngành")
        case .commune: t("Xã, phường, đặc khu")
        }
    }

    /// The status of a year's round: not opened, open, published.
    static func statusCell(_ round: DTIService.Round?) -> String {
        let (key, label) = switch round?.status {
        case nil: ("none", t("Chưa mở"))
        case .open?: ("open", t("Đang đánh giá"))
        case .published?: ("published", t("Đã công bố"))
        }
        return "<span class=\"status\" data-status=\"\(key)\">\(HTML.escape(label))</span>"
    }

    /// The indicators a unit answers (everything but what the platform computes).
    static func answerable(_ framework: DTIFramework) -> [DTIIndicator] {
        framework.pillars.flatMap(\.effectiveIndicators).filter {
            if case .platformFigure = $0.method { false } else { true }
        }
    }

    /// Names of units by code.
    static func names(_ codes: [String], on db: any Database) async throws -> [String: UnitModel] {
        guard !codes.isEmpty else { return [:] }
        return Dictionary(try await UnitModel.query(on: db).filter(\.$code ~~ codes).all().map { ($0.code, $0) },
                          uniquingKeysWith: { a, _ in a })
    }

    static func path(_ year: Int, _ unit: String? = nil) -> String {
        "/chuyen-doi-so/\(year)" + (unit.map { "/" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0) } ?? "")
    }

    // MARK: the years

    @Sendable func years(req: Request) async throws -> Response {
        guard let signedIn = official(req) else { return signInRedirect(req) }
        return try await yearsPage(req, signedIn, typed: nil, error: nil)
    }

    func yearsPage(_ req: Request, _ signedIn: SignedIn, typed: String?, error: String?, status: HTTPStatus = .ok) async throws -> Response {
        let rounds = Dictionary(try await DTIService.rounds(on: req.db).map { ($0.year, $0) }, uniquingKeysWith: { a, _ in a })
        let current = Period.Day(of: req.now).year
        let rows = Set(rounds.keys).union([current]).sorted(by: >).map { year -> String in
            let round = rounds[year]
            let links = round.map { round in
                "<a href=\"\(Self.path(year))\">\(t("Xem đợt đánh giá"))</a>"
                    + (round.status == .published ? " · <a href=\"\(Self.path(year))/xep-hang\">\(t("Xếp hạng"))</a>" : "")
            } ?? "—"
            return """
                <tr data-year="\(year)"><th scope="row">\(year)</th><td>\(Self.statusCell(round))</td>
                <td>\(round.map { HTML.escape("\(Self.time($0.openedAt)), \($0.openedBy)") } ?? "—")</td>
                <td>\(round?.publishedAt.map { HTML.escape(Self.time($0)) } ?? "—")</td><td>\(links)</td></tr>
                """
        }.joined()
        var form = ""
        if Self.isReviewer(signedIn.actor) {
            let suggested = rounds[current] == nil ? current : current + 1
            form = """
                <section aria-labelledby="mo-dot"><h2 id="mo-dot">\(t("Mở đợt đánh giá"))</h2>
                <form method="post" action="/chuyen-doi-so" novalidate>\(Workspace.csrfField(signedIn))
                <label for="year">\(t("Năm đánh giá"))</label>
                <input id="year" name="year" inputmode="numeric" value="\(HTML.escape(typed ?? String(suggested)))"\(error == nil ? "" : " aria-describedby=\"year-error\" aria-invalid=\"true\"")>
                \(error.map { "<p class=\"field-error\" id=\"year-error\">\(HTML.escape($0))</p>" } ?? "")
                <button type="submit">\(t("Mở đợt đánh giá"))</button></form></section>
                """
        }
        return Workspace.page(title: t("Đánh giá chuyển đổi số"), signedIn: signedIn, body: """
            <h1>\(t("Đánh giá chuyển đổi số"))</h1>
            <p>\(t("Mỗi năm một đợt: sở, ngành và xã, phường tự đánh giá kèm minh chứng, cán bộ thẩm định cấp tỉnh chấp nhận hoặc điều chỉnh điểm, rồi công bố xếp hạng theo khối."))</p>
            <div class="table-wrap"><table><thead><tr><th scope="col">\(t("Năm"))</th><th scope="col">\(t("Tình trạng"))</th>
            <th scope="col">\(t("Mở đợt"))</th><th scope="col">\(t("Công bố"))</th><th scope="col">\(t("Xem"))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            \(form)
            """, status: status)
    }

    /// What the opening form sends.
    struct OpenForm: Content {
        var _csrf: String?
        var year: String?
    }

    @Sendable func open(req: Request) async throws -> Response {
        guard let signedIn = official(req) else { return signInRedirect(req) }
        let form = try req.content.decode(OpenForm.self)
        try Workspace.checkCSRF(req, signedIn, given: form._csrf)
        let typed = (form.year ?? "").trimmingCharacters(in: .whitespaces)
        guard let year = Int(typed) else {
            return try await yearsPage(req, signedIn, typed: typed, error: t("Nhập năm từ 2000 đến 2100."), status: .badRequest)
        }
        do {
            _ = try await DTIService.openRound(year: year, actor: signedIn.actor, now: req.now, on: req.db)
            return req.redirect(to: Self.path(year), redirectType: .normal)
        } catch let problem as Problem where problem.status == 400 {
            return try await yearsPage(req, signedIn, typed: typed, error: t("Nhập năm từ 2000 đến 2100."), status: .badRequest)
        } catch let problem as Problem where problem.status == 409 {
            return try await yearsPage(req, signedIn, typed: typed, error: t("Đợt đánh giá năm {0} đã mở.", String(year)), status: .conflict)
        } catch let problem as Problem where problem.status == 403 {
            return problemPage(signedIn, problem)
        }
    }

    // MARK: the round

    /// One unit's line in a round: its evaluation and score.
    struct UnitLine {
        var unit: UnitModel
        var evaluation: DTIEvaluation
        var score: DTIScore
    }

    @Sendable func round(req: Request) async throws -> Response {
        guard let signedIn = official(req) else { return signInRedirect(req) }
        do {
            let year = try Self.year(req)
            guard let round = try await DTIService.round(year: year, on: req.db) else { throw Self.notOpened(year) }
            let dti = try await DTIService.evaluations(year: year, now: req.now, on: req.db)
            let scores = dti.scores()
            let units = try await Self.names(dti.evaluations.map(\.unitCode), on: req.db)
            let actor = signedIn.actor
            let reviewer = Self.isReviewer(actor)
            let lines = dti.evaluations.compactMap { evaluation -> UnitLine? in
                guard let unit = units[evaluation.unitCode], let score = scores[evaluation.unitCode] else { return nil }
                return UnitLine(unit: unit, evaluation: evaluation, score: score)
            }.sorted { ($0.unit.name, $0.unit.code) < ($1.unit.name, $1.unit.code) }
            let visible = reviewer ? lines : lines.filter { AccessPolicy.allows(actor, .viewUnit, onUnitAt: $0.unit.path) }
            let answerable = Self.answerable(dti.framework)

            var sections = ""
            if round.status == .published {
                let entries = try await DTIService.ranking(year: year, on: req.db)
                let visibleCodes = Set(visible.map(\.unit.code))
                sections += Self.rankingSections(entries, units: units, link: { visibleCodes.contains($0) ? Self.path(year, $0) : nil })
                sections += "<p><a href=\"\(Self.path(year))/xep-hang\">\(t("Bảng xếp hạng năm {0}", String(year)))</a> · "
                    + "<a href=\"\(Self.path(year))/xep-hang.csv\">\(t("Tải về CSV"))</a></p>"
            }
            if reviewer {
                for group in DTIUnitGroup.allCases {
                    let rows = visible.filter { $0.evaluation.group == group }
                    sections += """
                        <section aria-labelledby="don-vi-\(group.rawValue)"><h2 id="don-vi-\(group.rawValue)">\(HTML.escape(t("Đơn vị khối {0}", Self.groupLabel(group))))</h2>
                        \(Self.unitTable(rows, year: year, answerable: answerable, maxPoints: dti.framework.maxPoints))</section>
                        """
                }
                if round.status == .open {
                    sections += """
                        <section aria-labelledby="cong-bo"><h2 id="cong-bo">\(t("Công bố kết quả"))</h2>
                        <p>\(t("Công bố xếp hạng từng khối theo điểm hiện tại. Sau khi công bố, không đơn vị nào tự đánh giá hay được điều chỉnh điểm nữa."))</p>
                        <form method="post" action="\(Self.path(year))/cong-bo">\(Workspace.csrfField(signedIn))
                        <button type="submit">\(t("Công bố kết quả năm {0}", String(year)))</button></form></section>
                        """
                }
            } else {
                let own = visible.isEmpty
                    ? "<p>\(t("Đơn vị của bạn không thuộc khối được đánh giá (sở, ngành; xã, phường)."))</p>"
                    : Self.unitTable(visible, year: year, answerable: answerable, maxPoints: dti.framework.maxPoints)
                sections = """
                    <section aria-labelledby="don-vi-cua-toi"><h2 id="don-vi-cua-toi">\(t("Tự đánh giá của đơn vị"))</h2>\(own)</section>
                    """ + sections
            }
            let flash = req.query[String.self, at: "da-cong-bo"] == nil || round.status != .published ? ""
                : "<p class=\"ok\" role=\"status\">\(t("Đã công bố kết quả đánh giá."))</p>"
            let framework = dti.framework
            return Workspace.page(title: t("Đánh giá chuyển đổi số năm {0}", String(year)), signedIn: signedIn, body: """
                <p class="crumbs"><a href="/chuyen-doi-so">\(t("Chuyển đổi số"))</a> › \(year)</p>
                <h1>\(t("Đánh giá chuyển đổi số năm {0}", String(year)))</h1>\(flash)
                <dl><dt>\(t("Bộ chỉ số"))</dt><dd>\(HTML.escape(framework.name)) (\(HTML.escape(framework.code)))</dd>
                <dt>\(t("Điểm tối đa"))</dt><dd>\(framework.maxPoints)</dd>
                <dt>\(t("Tình trạng"))</dt><dd id="tinh-trang">\(Self.statusCell(round))</dd>
                <dt>\(t("Mở đợt"))</dt><dd>\(HTML.escape("\(Self.time(round.openedAt)), \(round.openedBy)"))</dd>
                \(round.publishedAt.map { "<dt>\(t("Công bố"))</dt><dd>\(HTML.escape("\(Self.time($0)), \(round.publishedBy ?? "")"))</dd>" } ?? "")</dl>
                \(sections)
                """)
        } catch let problem as Problem where [400, 403, 404, 409].contains(problem.status) {
            return problemPage(signedIn, problem)
        }
    }

    /// The table of units: code, name (linked to its evaluation), self-assessment progress, corrections, total, status.
    static func unitTable(_ lines: [UnitLine], year: Int, answerable: [DTIIndicator], maxPoints: Int) -> String {
        var complete = 0
        let rows = lines.map { line -> String in
            let answered = answerable.filter { line.evaluation.answers[$0.code] != nil }.count
            if answered == answerable.count { complete += 1 }
            let (key, label) = answered == 0 ? ("none", t("Chưa tự đánh giá"))
                : answered < answerable.count ? ("partial", t("Đang tự đánh giá")) : ("done", t("Đã tự đánh giá"))
            return """
                <tr data-unit="\(HTML.escape(line.unit.code))"><td>\(HTML.escape(line.unit.code))</td>
                <td><a href="\(path(year, line.unit.code))">\(HTML.escape(line.unit.name))</a></td>
                <td class="num">\(answered)/\(answerable.count)</td><td class="num">\(line.evaluation.corrections.count)</td>
                <td class="num" data-total>\(points(line.score.total))</td>
                <td class="status" data-status="\(key)">\(HTML.escape(label))</td></tr>
                """
        }.joined()
        return """
            <p>\(HTML.escape(t("Đã tự đánh giá đủ: {0}/{1} đơn vị.", String(complete), String(lines.count))))</p>
            <div class="table-wrap"><table><thead><tr><th scope="col">\(t("Mã"))</th><th scope="col">\(t("Đơn vị"))</th>
            <th scope="col">\(t("Chỉ số đã tự đánh giá"))</th><th scope="col">\(t("Chỉ số đã thẩm định"))</th>
            <th scope="col">\(HTML.escape(t("Tổng điểm (tối đa {0})", String(maxPoints))))</th><th scope="col">\(t("Tình trạng"))</th></tr></thead>
            <tbody>\(rows.isEmpty ? "<tr><td colspan=\"6\">\(t("Không có đơn vị."))</td></tr>" : rows)</tbody></table></div>
            """
    }

    /// The published ranking, one table per group, best first.
    static func rankingSections(_ entries: [DTIService.RankingEntry], units: [String: UnitModel], link: (String) -> String?) -> String {
        DTIUnitGroup.allCases.map { group -> String in
            let rows = entries.filter { $0.group == group }.map { entry -> String in
                let name = HTML.escape(units[entry.unitCode]?.name ?? entry.unitCode)
                return """
                    <tr data-unit="\(HTML.escape(entry.unitCode))"><td class="num" data-rank>\(entry.rank)</td>
                    <td>\(link(entry.unitCode).map { "<a href=\"\($0)\">\(name)</a>" } ?? name)</td>
                    <td class="num" data-points>\(points(entry.pointsValue))</td></tr>
                    """
            }.joined()
            return """
                <section aria-labelledby="xep-hang-\(group.rawValue)" data-group="\(group.rawValue)"><h2 id="xep-hang-\(group.rawValue)">\(HTML.escape(t("Xếp hạng khối {0}", groupLabel(group))))</h2>
                <div class="table-wrap"><table><thead><tr><th scope="col">\(t("Hạng"))</th><th scope="col">\(t("Đơn vị"))</th>
                <th scope="col">\(t("Điểm"))</th></tr></thead>
                <tbody>\(rows.isEmpty ? "<tr><td colspan=\"3\">\(t("Không có đơn vị."))</td></tr>" : rows)</tbody></table></div></section>
                """
        }.joined()
    }

    /// What the publishing form sends.
    struct PublishForm: Content { var _csrf: String? }

    @Sendable func publish(req: Request) async throws -> Response {
        guard let signedIn = official(req) else { return signInRedirect(req) }
        let form = try req.content.decode(PublishForm.self)
        try Workspace.checkCSRF(req, signedIn, given: form._csrf)
        do {
            let year = try Self.year(req)
            _ = try await DTIService.publish(year: year, actor: signedIn.actor, now: req.now, on: req.db)
            return req.redirect(to: Self.path(year) + "?da-cong-bo=1", redirectType: .normal)
        } catch let problem as Problem where [400, 403, 404, 409].contains(problem.status) {
            return problemPage(signedIn, problem)
        }
    }

    // MARK: the ranking, year by year

    /// The published ranking of the path's year (404 before publication) and the unit names.
    func published(_ req: Request) async throws -> (Int, [DTIService.RankingEntry], [String: UnitModel]) {
        let year = try Self.year(req)
        guard try await DTIService.round(year: year, on: req.db)?.status == .published else {
            throw Problem.notFound("Kết quả đánh giá năm \(year) chưa công bố", "The \(year) ranking is not published.")
        }
        let entries = try await DTIService.ranking(year: year, on: req.db)
        return (year, entries, try await Self.names(entries.map(\.unitCode), on: req.db))
    }

    @Sendable func ranking(req: Request) async throws -> Response {
        guard let signedIn = official(req) else { return signInRedirect(req) }
        let years = try await DTIService.rounds(on: req.db).filter { $0.status == .published }.map(\.year)
        let others = years.map { "<a href=\"\(Self.path($0))/xep-hang\">\($0)</a>" }.joined(separator: " · ")
        let otherYears = years.isEmpty ? "" : "<p id=\"cac-nam\">\(t("Các năm đã công bố:")) \(others)</p>"
        do {
            let (year, entries, units) = try await published(req)
            let reviewer = Self.isReviewer(signedIn.actor)
            let link = { (code: String) -> String? in
                guard let unit = units[code], reviewer || AccessPolicy.allows(signedIn.actor, .viewUnit, onUnitAt: unit.path) else { return nil }
                return Self.path(year, code)
            }
            return Workspace.page(title: t("Xếp hạng chuyển đổi số năm {0}", String(year)), signedIn: signedIn, body: """
                <p class="crumbs"><a href="/chuyen-doi-so">\(t("Chuyển đổi số"))</a> › <a href="\(Self.path(year))">\(year)</a> › \(t("Xếp hạng"))</p>
                <h1>\(t("Xếp hạng chuyển đổi số năm {0}", String(year)))</h1>
                <p><a href="\(Self.path(year))/xep-hang.csv">\(t("Tải về CSV"))</a></p>
                \(Self.rankingSections(entries, units: units, link: link))
                \(otherYears)
                """)
        } catch let problem as Problem where [400, 404].contains(problem.status) {
            return Workspace.page(title: problem.message, signedIn: signedIn, body: """
                <h1>\(t("Đánh giá chuyển đổi số"))</h1>\(Workspace.alert(problem.message))\(otherYears)
                <p><a href="/chuyen-doi-so">\(t("Về danh sách các năm đánh giá"))</a></p>
                """, status: HTTPStatus(statusCode: problem.status))
        }
    }

    /// The published ranking as CSV: year, group, rank, unit code and name, points.
    @Sendable func rankingCSV(req: Request) async throws -> Response {
        guard official(req) != nil else { return signInRedirect(req) }
        let (year, entries, units) = try await published(req)
        let table = SheetTable(name: "DTI \(year)", headers: [t("Năm"), t("Khối"), t("Hạng"), t("Mã"), t("Đơn vị"), t("Điểm")], rows: entries.map {
            [.integer(year), .text(Self.groupLabel($0.group)), .integer($0.rank), .text($0.unitCode),
             .text(units[$0.unitCode]?.name ?? ""), .number(($0.pointsValue * 100).rounded() / 100)]
        })
        return IndicatorRoutes.download(CSVWriter.write(table), name: "xep-hang-chuyen-doi-so-\(year).csv", type: "text/csv; charset=utf-8")
    }
}
