import Access
import Charts
import Core
import Fluent
import Foundation
import Indicators
import Storage
import Vapor

/// One unit's evaluation (`/chuyen-doi-so/{year}/{unit}`): pillars → indicators with their maximum points, whether
/// evidence is required and how each is scored; the unit's answers with their evidence files; what the platform
/// measures, filled from its figures (read-only); the reviewers' corrections. The unit's leaders and administrator
/// answer with evidence uploads, the province reviewers accept or correct a score with a mandatory comment; errors
/// come back beside the fields with the typed values kept; after publication everything is read-only.
extension DTIPages {
    /// A unit's evaluation as the page shows it, and what the viewer may do on it.
    struct UnitView {
        var year: Int
        var round: DTIService.Round
        var unit: UnitModel
        var framework: DTIFramework
        var evaluation: DTIEvaluation
        var score: DTIScore
        var figures: Figures?
        /// A province reviewer (corrects).
        var reviewer: Bool
        /// The unit's leader or administrator (answers); reviewers review instead.
        var canAnswer: Bool

        var open: Bool { round.status == .open }

        func indicator(_ code: String) -> DTIIndicator? {
            framework.pillars.flatMap(\.effectiveIndicators).first { $0.code == code }
        }
    }

    /// What comes back with a refused form: the indicator it was for, what was typed, the evidence already given,
    /// the errors by field ("points", "value", "evidence", "comment").
    struct Returned {
        var indicator: String
        var form: String
        var fields: [String: String] = [:]
        var evidence: [String] = []
        var errors: [String: String] = [:]
    }

    /// The unit of the path as the viewer may see it: 404 for an unknown unit, a unit outside the groups or a year
    /// without a round; 403 for a unit outside the viewer's scope (a unit's officials see only their own).
    func load(_ req: Request, _ signedIn: SignedIn) async throws -> UnitView {
        let year = try Self.year(req)
        let code = req.parameters.get("unit") ?? ""
        guard let unit = try await UnitModel.find(code: code, on: req.db) else {
            throw Problem.notFound("Không tìm thấy đơn vị", "No unit \(code).")
        }
        let actor = signedIn.actor
        let reviewer = Self.isReviewer(actor)
        guard reviewer || AccessPolicy.allows(actor, .viewUnit, onUnitAt: unit.path) else {
            throw Problem.forbidden("Bạn chỉ xem được đánh giá của đơn vị mình", "You see only your own unit's evaluation.")
        }
        guard let group = DTIService.group(of: unit) else {
            throw Problem.notFound("Đơn vị không thuộc khối đánh giá", "Only departments and communes are evaluated.")
        }
        guard let round = try await DTIService.round(year: year, on: req.db) else { throw Self.notOpened(year) }
        let dti = try await DTIService.evaluations(year: year, now: req.now, on: req.db)
        let evaluation = dti.evaluations.first { $0.unitCode == unit.code } ?? DTIEvaluation(unitCode: unit.code, group: group)
        let figures = dti.figures[unit.code]
        let canAnswer = !reviewer && (AccessPolicy.allows(actor, .approve, onUnitAt: unit.path)
            || AccessPolicy.allows(actor, .manageUnits, onUnitAt: unit.path))
        return UnitView(year: year, round: round, unit: unit, framework: dti.framework, evaluation: evaluation,
                        score: evaluation.score(framework: dti.framework, figures: figures), figures: figures,
                        reviewer: reviewer, canAnswer: canAnswer)
    }

    @Sendable func unit(req: Request) async throws -> Response {
        guard let signedIn = official(req) else { return signInRedirect(req) }
        do {
            let view = try await load(req, signedIn)
            let saved: String? = switch req.query[String.self, at: "da-luu"] {
            case "tu-danh-gia": t("Đã ghi tự đánh giá.")
            case "tham-dinh": t("Đã ghi ý kiến thẩm định.")
            default: nil
            }
            return try await unitPage(req, signedIn, view, returned: nil, message: saved, ok: saved != nil)
        } catch let problem as Problem where [400, 403, 404, 409].contains(problem.status) {
            return problemPage(signedIn, problem)
        }
    }

    /// "hoatDongChinhQuyenSo.khac" → "hoatDongChinhQuyenSo-khac", for element ids.
    static func anchor(_ code: String) -> String {
        String(code.map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }

    static func method(_ indicator: DTIIndicator) -> String {
        switch indicator.method {
        case .selfAssessed: t("Tự đánh giá: đơn vị cho điểm từ 0 đến điểm tối đa")
        case .yesNo: t("Có hoặc không: có được điểm tối đa, không được 0 điểm")
        case let .platformFigure(key, threshold):
            t("Tính từ số liệu của nền tảng ({0}): đạt {1}% trở lên được điểm tối đa, thấp hơn được điểm theo tỷ lệ",
              figureName(key), String(threshold))
        }
    }

    static func figureName(_ key: FigureKey) -> String {
        t(FigureDefinition.all.first { $0.key == key }?.name ?? key.rawValue)
    }

    func unitPage(_ req: Request, _ signedIn: SignedIn, _ view: UnitView, returned: Returned?, message: String?, ok: Bool = false,
                  status: HTTPStatus = .ok) async throws -> Response {
        let year = view.year, unit = view.unit
        // the names of the evidence files
        let shas = Array(Set(view.evaluation.answers.values.flatMap(\.evidence) + (returned?.evidence ?? [])))
        let names = shas.isEmpty ? [:] : Dictionary(try await FileUploadModel.query(on: req.db).filter(\.$sha256 ~~ shas).all()
            .map { ($0.sha256, $0.name) }, uniquingKeysWith: { a, _ in a })
        let scores = Dictionary(view.score.indicators.map { ($0.indicator, $0) }, uniquingKeysWith: { a, _ in a })
        let base = Self.path(year, unit.code)
        func fileLink(_ sha: String) -> String {
            "<a href=\"\(base)/minh-chung/\(HTML.escape(sha))\">\(HTML.escape(names[sha] ?? t("tệp {0}", String(sha.prefix(12)))))</a>"
        }

        let pillars = view.framework.pillars.map { pillar -> String in
            let indicators = pillar.effectiveIndicators
            let body = indicators.isEmpty
                ? "<p>\(t("Chỉ số chính này không chấm điểm."))</p>"
                : indicators.map { indicator in
                    indicatorBlock(indicator, score: scores[indicator.code], view: view, signedIn: signedIn,
                                   returned: returned?.indicator == indicator.code ? returned : nil, fileLink: fileLink)
                }.joined()
            return """
                <section aria-labelledby="tru-cot-\(Self.anchor(pillar.code))" data-pillar="\(HTML.escape(pillar.code))">
                <h2 id="tru-cot-\(Self.anchor(pillar.code))">\(HTML.escape(pillar.name)) — \(HTML.escape(t("{0}/{1} điểm", Self.points(view.score.pillarPoints[pillar.code] ?? .zero), String(pillar.maxPoints))))</h2>
                \(body)</section>
                """
        }.joined()
        let summary = view.framework.pillars.map { pillar in
            """
            <tr><td><a href="#tru-cot-\(Self.anchor(pillar.code))">\(HTML.escape(pillar.name))</a></td><td class="num">\(pillar.maxPoints)</td>
            <td class="num">\(Self.points(view.score.pillarPoints[pillar.code] ?? .zero))</td></tr>
            """
        }.joined()
        var flash = ok ? (message.map { "<p class=\"ok\" role=\"status\">\(HTML.escape($0))</p>" } ?? "") : Workspace.alert(message)
        if let returned, let message, let indicator = view.indicator(returned.indicator) {
            // a refused form is far down a long page: the message leads to it
            flash = "<p class=\"error\" role=\"alert\">\(HTML.escape(message)) <a href=\"#chi-so-\(Self.anchor(indicator.code))\">\(HTML.escape(indicator.name))</a></p>"
        }
        let notice = view.open ? ""
            : "<p class=\"error\" id=\"da-cong-bo\">\(t("Kết quả đã công bố: phiếu đánh giá chỉ còn để xem."))</p>"
        let title = t("Đánh giá chuyển đổi số năm {0}: {1}", String(year), unit.name)
        return Workspace.page(title: title, signedIn: signedIn, body: """
            <p class="crumbs"><a href="/chuyen-doi-so">\(t("Chuyển đổi số"))</a> › <a href="\(Self.path(year))">\(year)</a> › \(HTML.escape(unit.name))</p>
            <h1>\(HTML.escape(title))</h1>\(flash)\(notice)
            <dl><dt>\(t("Đơn vị"))</dt><dd>\(HTML.escape(unit.name)) (\(HTML.escape(unit.code)))</dd>
            <dt>\(t("Khối"))</dt><dd>\(Self.groupLabel(view.evaluation.group))</dd>
            <dt>\(t("Tình trạng"))</dt><dd>\(Self.statusCell(view.round))</dd>
            <dt>\(t("Tổng điểm"))</dt><dd><span id="tong-diem" data-total>\(Self.points(view.score.total))</span> / \(view.framework.maxPoints)</dd></dl>
            <div class="table-wrap"><table><thead><tr><th scope="col">\(t("Chỉ số chính"))</th><th scope="col">\(t("Điểm tối đa"))</th>
            <th scope="col">\(t("Điểm"))</th></tr></thead><tbody>\(summary)</tbody></table></div>
            \(pillars)
            """, status: status)
    }

    /// One indicator: what it is, how it is scored, the answer with its evidence or the platform's figure, the
    /// correction, the score, and the form the viewer may use.
    func indicatorBlock(_ indicator: DTIIndicator, score: DTIIndicatorScore?, view: UnitView, signedIn: SignedIn,
                        returned: Returned?, fileLink: (String) -> String) -> String {
        let code = indicator.code
        let id = "cs-" + Self.anchor(code)
        let answer = view.evaluation.answers[code]
        var facts = """
            <dt>\(t("Mã chỉ số"))</dt><dd>\(HTML.escape(code))</dd>
            <dt>\(t("Điểm tối đa"))</dt><dd>\(indicator.maxPoints)</dd>
            <dt>\(t("Minh chứng"))</dt><dd data-evidence-required="\(indicator.evidenceRequired)">\(indicator.evidenceRequired ? t("Bắt buộc") : t("Không bắt buộc"))</dd>
            <dt>\(t("Cách chấm"))</dt><dd>\(HTML.escape(Self.method(indicator)))</dd>
            """
        var computed = false
        if case let .platformFigure(key, _) = indicator.method {
            computed = true
            let ratio = view.figures?.value(key).ratio
            let figure = ratio.flatMap { ratio in ratio.value.map { "\(VietnameseNumber.percent($0)) (\(ratio.description))" } }
                ?? t("chưa có số liệu trong năm")
            facts += """
                <dt>\(t("Số liệu của nền tảng"))</dt><dd data-figure>\(HTML.escape("\(Self.figureName(key)): \(figure)"))
                <br><small>\(t("Điền tự động từ số liệu của nền tảng, không cần tự đánh giá."))</small></dd>
                """
        } else {
            let value: String = switch answer?.value {
            case nil: t("Chưa tự đánh giá")
            case .yes?: t("Có")
            case .no?: t("Không")
            case let .points(points)?: t("{0} điểm", Self.points(points))
            }
            let files = (answer?.evidence ?? []).map { "<li>\(fileLink($0))</li>" }.joined()
            facts += """
                <dt>\(t("Đơn vị tự đánh giá"))</dt><dd data-answer>\(HTML.escape(value))</dd>
                <dt>\(t("Tệp minh chứng"))</dt><dd data-evidence>\(files.isEmpty ? t("Chưa có") : "<ul>\(files)</ul>")</dd>
                """
            if score?.missingEvidence == true {
                facts += "<dt>\(t("Lưu ý"))</dt><dd class=\"late\" data-missing-evidence>\(t("Thiếu minh chứng bắt buộc: điểm tự đánh giá được tính 0."))</dd>"
            }
        }
        if let correction = view.evaluation.corrections[code] {
            facts += """
                <dt>\(t("Ý kiến thẩm định"))</dt><dd data-correction>\(HTML.escape(t("{0} điểm — {1}", Self.points(correction.points), correction.comment)))\(correction.reviewer.map { " <small>(\(HTML.escape($0)))</small>" } ?? "")</dd>
                """
        }
        if let score {
            if score.correction != nil { facts += "<dt>\(t("Điểm trước thẩm định"))</dt><dd>\(Self.points(score.assessed))</dd>" }
            facts += "<dt>\(t("Điểm"))</dt><dd class=\"status\" data-points>\(Self.points(score.points))</dd>"
        }
        var forms = ""
        if view.open, !computed {
            if view.canAnswer { forms += answerForm(indicator, id: id, view: view, signedIn: signedIn, returned: returned?.form == "answer" ? returned : nil, fileLink: fileLink) }
            if view.reviewer { forms += correctionForm(indicator, id: id, score: score, view: view, signedIn: signedIn, returned: returned?.form == "review" ? returned : nil) }
        }
        return """
            <article class="dti-indicator" id="chi-so-\(Self.anchor(code))" data-indicator="\(HTML.escape(code))">
            <h3>\(HTML.escape(indicator.name))</h3><dl>\(facts)</dl>\(forms)</article>
            """
    }

    /// Error markup and aria attributes of one field of a returned form.
    static func fieldError(_ returned: Returned?, _ field: String, id: String) -> (aria: String, error: String) {
        guard let message = returned?.errors[field] else { return ("", "") }
        return (" aria-describedby=\"\(id)-error\" aria-invalid=\"true\"", "<p class=\"field-error\" id=\"\(id)-error\">\(HTML.escape(message))</p>")
    }

    /// The unit's form: points (or yes/no), the evidence already given (kept unless unticked), new evidence files.
    func answerForm(_ indicator: DTIIndicator, id: String, view: UnitView, signedIn: SignedIn, returned: Returned?,
                    fileLink: (String) -> String) -> String {
        let answer = view.evaluation.answers[indicator.code]
        var value = ""
        switch indicator.method {
        case .yesNo:
            let chosen = returned?.fields["yes"] ?? (answer?.value == .yes ? "co" : answer?.value == .no ? "khong" : "")
            let (aria, error) = Self.fieldError(returned, "value", id: "\(id)-value")
            value = """
                <fieldset class="rows"\(aria)><legend>\(t("Kết quả tự đánh giá"))</legend>
                <label class="check"><input type="radio" name="yes" value="co"\(chosen == "co" ? " checked" : "")> \(t("Có"))</label>
                <label class="check"><input type="radio" name="yes" value="khong"\(chosen == "khong" ? " checked" : "")> \(t("Không"))</label></fieldset>\(error)
                """
        default:
            let current: String = if case let .points(points)? = answer?.value { Self.points(points) } else { "" }
            let (aria, error) = Self.fieldError(returned, "points", id: "\(id)-points")
            value = """
                <label for="\(id)-points">\(HTML.escape(t("Điểm tự đánh giá (0 đến {0})", String(indicator.maxPoints))))</label>
                <input id="\(id)-points" name="points" inputmode="decimal" value="\(HTML.escape(returned?.fields["points"] ?? current))"\(aria)>\(error)
                """
        }
        let kept = returned?.evidence ?? answer?.evidence ?? []
        let keptBoxes = kept.isEmpty ? "" : """
            <fieldset class="rows"><legend>\(t("Minh chứng đã nộp (bỏ chọn để gỡ)"))</legend>
            \(kept.map { "<label class=\"check\"><input type=\"checkbox\" name=\"kept[]\" value=\"\(HTML.escape($0))\" checked> \(fileLink($0))</label>" }.joined())</fieldset>
            """
        let (aria, error) = Self.fieldError(returned, "evidence", id: "\(id)-evidence")
        let hint = indicator.evidenceRequired ? t("Tệp minh chứng (bắt buộc khi chấm trên 0 điểm)") : t("Tệp minh chứng (không bắt buộc)")
        return """
            <form method="post" action="\(Self.path(view.year, view.unit.code))/tu-danh-gia" enctype="multipart/form-data" novalidate class="dti-answer">\(Workspace.csrfField(signedIn))
            <input type="hidden" name="indicator" value="\(HTML.escape(indicator.code))">
            \(value)\(keptBoxes)
            <label for="\(id)-evidence">\(hint)</label><input id="\(id)-evidence" name="evidence[]" type="file" multiple\(aria)>\(error)
            <button type="submit">\(t("Ghi tự đánh giá"))</button></form>
            """
    }

    /// The reviewer's form: the points (the current score, to accept it as it is) and the comment, which is required.
    func correctionForm(_ indicator: DTIIndicator, id: String, score: DTIIndicatorScore?, view: UnitView, signedIn: SignedIn,
                        returned: Returned?) -> String {
        let (pointsAria, pointsError) = Self.fieldError(returned, "points", id: "\(id)-review-points")
        let (commentAria, commentError) = Self.fieldError(returned, "comment", id: "\(id)-comment")
        let points = returned?.fields["points"] ?? score.map { Self.points($0.points) } ?? ""
        return """
            <form method="post" action="\(Self.path(view.year, view.unit.code))/tham-dinh" novalidate class="dti-review">\(Workspace.csrfField(signedIn))
            <input type="hidden" name="indicator" value="\(HTML.escape(indicator.code))">
            <label for="\(id)-review-points">\(HTML.escape(t("Điểm thẩm định (0 đến {0})", String(indicator.maxPoints))))</label>
            <input id="\(id)-review-points" name="points" inputmode="decimal" value="\(HTML.escape(points))"\(pointsAria)>\(pointsError)
            <label for="\(id)-comment">\(t("Ý kiến thẩm định (bắt buộc)"))</label>
            <textarea id="\(id)-comment" name="comment" rows="2"\(commentAria)>\(HTML.escape(returned?.fields["comment"] ?? ""))</textarea>\(commentError)
            <button type="submit">\(t("Chấp nhận hoặc điều chỉnh điểm"))</button></form>
            """
    }

    // MARK: answering

    /// What the unit's form sends.
    struct AnswerForm: Content {
        var _csrf: String?
        var indicator: String?
        var points: String?
        /// "co" or "khong" for a yes/no indicator.
        var yes: String?
        /// Evidence already given (SHA-256), kept.
        var kept: [String]?
        var evidence: [File]?
    }

    /// The indicator a form names, refusing a computed one (the platform fills it).
    func answeredIndicator(_ view: UnitView, _ code: String) throws -> DTIIndicator {
        guard let indicator = view.indicator(code) else {
            throw Problem.notFound("Không có chỉ số này trong bộ chỉ số của năm", "No indicator \(code) in the \(view.year) framework.")
        }
        if case .platformFigure = indicator.method {
            throw Problem.conflict("Chỉ số này được tính từ số liệu của nền tảng", "Indicator \(code) is computed from the platform's figures.")
        }
        return indicator
    }

    @Sendable func answer(req: Request) async throws -> Response {
        guard let signedIn = official(req) else { return signInRedirect(req) }
        let form = try req.content.decode(AnswerForm.self)
        try Workspace.checkCSRF(req, signedIn, given: form._csrf)
        do {
            // who may answer, the round, the indicator — before anything is stored
            let view = try await load(req, signedIn)
            guard view.canAnswer else {
                throw Problem.forbidden("Chỉ lãnh đạo hoặc quản trị của đơn vị tự đánh giá", "Only the unit's leaders or administrator self-assess.")
            }
            guard view.open else {
                return try await unitPage(req, signedIn, view, returned: nil, message: Self.published(view.year).message, status: .conflict)
            }
            let code = form.indicator ?? ""
            let indicator = try answeredIndicator(view, code)
            var kept: [String] = []
            for sha in form.kept ?? [] where !kept.contains(sha) { kept.append(sha) }
            var returned = Returned(indicator: code, form: "answer", fields: ["points": form.points ?? "", "yes": form.yes ?? ""], evidence: kept)
            // the value
            var value: DTIAnswer.Value?
            if indicator.method == .yesNo {
                switch form.yes {
                case "co": value = .yes
                case "khong": value = .no
                default: returned.errors["value"] = t("Chọn có hoặc không.")
                }
            } else if let number = ReportNumber.parse(form.points ?? "") {
                let points = Fraction(Int((number * 100).rounded()), 100)
                if points < .zero || points > Fraction(indicator.maxPoints) {
                    returned.errors["points"] = t("Từ 0 đến {0} điểm.", String(indicator.maxPoints))
                } else {
                    value = .points(points)
                }
            } else {
                returned.errors["points"] = (form.points ?? "").trimmingCharacters(in: .whitespaces).isEmpty
                    ? t("Nhập số điểm tự đánh giá.") : t("Điểm phải là một số, ví dụ 80 hoặc 12,5.")
            }
            // required evidence for anything above 0
            let files = (form.evidence ?? []).filter { $0.data.readableBytes > 0 }
            let scored = switch value { case .yes?: true; case let .points(points)?: points > .zero; default: false }
            if indicator.evidenceRequired, scored, kept.isEmpty, files.isEmpty {
                returned.errors["evidence"] = t("Chỉ số này bắt buộc có minh chứng: chọn tệp minh chứng.")
            }
            guard returned.errors.isEmpty, let value else {
                return try await unitPage(req, signedIn, view, returned: returned, message: t("Tự đánh giá chưa được ghi: xem lỗi bên cạnh ô nhập."),
                                          status: .badRequest)
            }
            // the new evidence files
            var evidence = kept
            for file in files {
                switch try await Workspace.store(file, from: req, by: signedIn) {
                case .success(let sha): if !evidence.contains(sha) { evidence.append(sha) }
                case .failure(let error): returned.errors["evidence"] = tIfKnown(error.message)
                case nil: break
                }
            }
            returned.evidence = evidence
            guard returned.errors.isEmpty else {
                return try await unitPage(req, signedIn, view, returned: returned, message: t("Tệp minh chứng chưa hợp lệ."), status: .badRequest)
            }
            do {
                try await DTIService.answer(year: view.year, unit: view.unit, indicator: code, value: value, evidence: evidence,
                                            actor: signedIn.actor, now: req.now, on: req.db)
                return req.redirect(to: Self.path(view.year, view.unit.code) + "?da-luu=tu-danh-gia#chi-so-\(Self.anchor(code))", redirectType: .normal)
            } catch let problem as Problem where problem.status == 400 {
                let valueField = indicator.method == .yesNo ? "value" : "points"
                for (key, message) in problem.fields {
                    switch key {
                    case "points": returned.errors["points"] = t("Từ 0 đến {0} điểm.", String(indicator.maxPoints))
                    case "evidence": returned.errors["evidence"] = tIfKnown(message)
                    default: returned.errors[valueField] = tIfKnown(message)
                    }
                }
                return try await unitPage(req, signedIn, view, returned: returned, message: problem.message, status: .badRequest)
            } catch let problem as Problem where problem.status == 409 {
                return try await unitPage(req, signedIn, try await load(req, signedIn), returned: nil, message: problem.message, status: .conflict)
            }
        } catch let problem as Problem where [400, 403, 404, 409].contains(problem.status) {
            return problemPage(signedIn, problem)
        }
    }

    // MARK: reviewing

    /// What the reviewer's form sends.
    struct CorrectionForm: Content {
        var _csrf: String?
        var indicator: String?
        var points: String?
        var comment: String?
    }

    @Sendable func correct(req: Request) async throws -> Response {
        guard let signedIn = official(req) else { return signInRedirect(req) }
        let form = try req.content.decode(CorrectionForm.self)
        try Workspace.checkCSRF(req, signedIn, given: form._csrf)
        do {
            let view = try await load(req, signedIn)
            guard view.reviewer else {
                throw Problem.forbidden("Chỉ cán bộ thẩm định cấp tỉnh thực hiện", "Only the province's reviewers (administrators) may do this.")
            }
            guard view.open else {
                return try await unitPage(req, signedIn, view, returned: nil, message: Self.published(view.year).message, status: .conflict)
            }
            let code = form.indicator ?? ""
            let indicator = try answeredIndicator(view, code)
            var returned = Returned(indicator: code, form: "review", fields: ["points": form.points ?? "", "comment": form.comment ?? ""])
            var points: Fraction?
            if let number = ReportNumber.parse(form.points ?? "") {
                let value = Fraction(Int((number * 100).rounded()), 100)
                if value < .zero || value > Fraction(indicator.maxPoints) {
                    returned.errors["points"] = t("Từ 0 đến {0} điểm.", String(indicator.maxPoints))
                } else {
                    points = value
                }
            } else {
                returned.errors["points"] = t("Điểm phải là một số, ví dụ 80 hoặc 12,5.")
            }
            let comment = (form.comment ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if comment.isEmpty { returned.errors["comment"] = t("Ghi rõ lý do chấp nhận hoặc điều chỉnh điểm.") }
            guard returned.errors.isEmpty, let points else {
                return try await unitPage(req, signedIn, view, returned: returned, message: t("Ý kiến thẩm định chưa được ghi: xem lỗi bên cạnh ô nhập."),
                                          status: .badRequest)
            }
            do {
                try await DTIService.correct(year: view.year, unit: view.unit, indicator: code, points: points, comment: comment,
                                             actor: signedIn.actor, now: req.now, on: req.db)
                return req.redirect(to: Self.path(view.year, view.unit.code) + "?da-luu=tham-dinh#chi-so-\(Self.anchor(code))", redirectType: .normal)
            } catch let problem as Problem where problem.status == 400 {
                for (key, message) in problem.fields {
                    returned.errors[key == "comment" ? "comment" : "points"] = tIfKnown(message)
                }
                return try await unitPage(req, signedIn, view, returned: returned, message: problem.message, status: .badRequest)
            } catch let problem as Problem where problem.status == 409 {
                return try await unitPage(req, signedIn, try await load(req, signedIn), returned: nil, message: problem.message, status: .conflict)
            }
        } catch let problem as Problem where [400, 403, 404, 409].contains(problem.status) {
            return problemPage(signedIn, problem)
        }
    }

    // MARK: evidence files

    /// An evidence file of the unit's answers, for whoever sees the unit's evaluation.
    @Sendable func evidence(req: Request) async throws -> Response {
        guard let signedIn = official(req) else { return signInRedirect(req) }
        do {
            let view = try await load(req, signedIn)
            let sha = req.parameters.get("sha") ?? ""
            guard view.evaluation.answers.values.contains(where: { $0.evidence.contains(sha) }),
                  let response = try await Workspace.download(sha, fallback: "minh-chung", on: req) else {
                throw Problem.notFound("Không tìm thấy tệp minh chứng", "No evidence file \(sha) for this unit.")
            }
            return response
        } catch let problem as Problem where [400, 403, 404].contains(problem.status) {
            return problemPage(signedIn, problem)
        }
    }
}
