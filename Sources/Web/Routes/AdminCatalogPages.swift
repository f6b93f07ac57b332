import Access
import Catalog
import Core
import Fluent
import Foundation
import Storage
import Vapor
import WorkCalendar

/// The catalog and the calendar in the administration pages (province administrator only): the list of procedures,
/// the editor of a procedure's draft — its general fields, e-form fields and process steps as rows, a few blank rows
/// under the existing ones, empty rows ignored — validated by `CatalogValidation` with each problem beside the row at
/// fault and nothing saved, the publication of the draft as a new version; the year's calendar notice.
extension AdminPages {
    // MARK: labels

    // (computed: the labels are in the language of the request)
    static var levelChoices: [(value: String, label: String)] { [
        (ProcedureLevel.commune.rawValue, t("Cấp xã")), (ProcedureLevel.province.rawValue, t("Cấp tỉnh")),
        (ProcedureLevel.provinceAndCommune.rawValue, t("Cấp tỉnh và cấp xã")), (ProcedureLevel.linked.rawValue, t("Liên thông giữa các cấp")),
    ] }
    static var serviceChoices: [(value: String, label: String)] { [
        (ServiceLevel.fullOnline.rawValue, t("Toàn trình")), (ServiceLevel.partialOnline.rawValue, t("Một phần")),
        (ServiceLevel.information.rawValue, t("Cung cấp thông tin")),
    ] }
    static var fieldTypeChoices: [(value: String, label: String)] { [
        (FieldType.text.rawValue, t("Văn bản")), (FieldType.number.rawValue, t("Số")), (FieldType.date.rawValue, t("Ngày")),
        (FieldType.select.rawValue, t("Chọn từ danh sách")), (FieldType.file.rawValue, t("Tệp đính kèm")),
        (FieldType.personalID.rawValue, t("Số định danh cá nhân")),
    ] }
    /// The roles that perform process steps (an administrator performs none).
    static var stepRoleChoices: [(value: String, label: String)] {
        Role.allCases.filter { $0 != .administrator }.map { (value: $0.rawValue, label: roleName($0)) }
    }
    static var stepUnitChoices: [(value: String, label: String)] { [
        (StepUnit.receiving.rawValue, t("Bộ phận tiếp nhận (một cửa)")), (StepUnit.handling.rawValue, t("Đơn vị giải quyết")),
    ] }
    static func statusLabel(_ status: ProcedureModel.Status) -> String {
        switch status {
        case .draft: t("Bản nháp, chưa công bố")
        case .published: t("Đang áp dụng")
        case .retired: t("Đã bãi bỏ")
        }
    }

    /// A number as typed in Vietnamese ("0,5").
    static func number(_ value: Double?) -> String {
        guard let value else { return "" }
        return value == value.rounded() && abs(value) < 1e9 ? String(Int(value)) : String(value).replacingOccurrences(of: ".", with: ",")
    }

    /// A typed number ("0,5" or "0.5"): nil when empty, `.failure` when not a number.
    static func parseNumber(_ text: String?) -> Result<Double, Problem>? {
        let trimmed = (text ?? "").trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
        guard !trimmed.isEmpty else { return nil }
        guard let value = Double(trimmed), value.isFinite, abs(value) <= 10_000 else {
            return .failure(Problem.invalid("Không phải là số", "Not a number."))
        }
        return .success(value)
    }

    // MARK: the list

    @Sendable func procedures(req: Request) async throws -> Response {
        try await page(req) { signedIn in
            try Self.requireProvince(signedIn, .manageCatalog)
            let paging = try Paging(req, defaultLimit: 50)
            let search = (req.query[String.self, at: "q"] ?? "").trimmingCharacters(in: .whitespaces)
            let status = req.query[String.self, at: "trang-thai"] ?? ""
            var query = ProcedureModel.query(on: req.db)
            for word in VietnameseText.words(search) { query = query.filter(\.$searchText ~~ word) }
            switch status {
            case "nhap": query = query.filter(\.$draftDocument != nil)
            case "draft", "published", "retired": query = query.filter(\.$status == ProcedureModel.Status(rawValue: status)!)
            default: break
            }
            let (rows, total) = try await paging.rows(of: query, sorted: { $0.sort(\.$code) })
            let items = rows.map { procedure -> String in
                """
                <tr data-code="\(HTML.escape(procedure.code))"><td><a href="/quan-tri/thu-tuc/\(Self.segment(procedure.code))">\(HTML.escape(procedure.code))</a></td>
                <td>\(HTML.escape(procedure.name))</td><td>\(HTML.escape(procedure.field))</td><td>\(HTML.escape(Self.statusLabel(procedure.status)))</td>
                <td class="num">\(procedure.currentVersion == 0 ? "—" : String(procedure.currentVersion))</td><td>\(procedure.draftDocument == nil ? "" : t("Có bản nháp"))</td></tr>
                """
            }.joined()
            let statuses: [(String, String)] = [("", t("Tất cả")), ("nhap", t("Có bản nháp chưa công bố")), ("published", t("Đang áp dụng")),
                                                ("draft", t("Chưa công bố lần nào")), ("retired", t("Đã bãi bỏ"))]
            let options = statuses.map { "<option value=\"\($0.0)\"\(status == $0.0 ? " selected" : "")>\($0.1)</option>" }.joined()
            var query2: [String] = []
            if !search.isEmpty { query2.append("q=\(Self.queryValue(search))") }
            if !status.isEmpty { query2.append("trang-thai=\(Self.queryValue(status))") }
            return Workspace.page(title: t("Thủ tục hành chính"), signedIn: signedIn, body: """
                <nav aria-label="\(t("Vị trí"))" class="crumbs"><a href="/quan-tri">\(t("Quản trị"))</a> › \(t("Thủ tục hành chính"))</nav>
                <h1>\(t("Danh mục thủ tục hành chính"))</h1>
                <form method="get" action="/quan-tri/thu-tuc" class="period" role="search">
                <label for="q">\(t("Mã hoặc tên thủ tục"))</label><input id="q" name="q" value="\(HTML.escape(search))">
                <label for="trang-thai">\(t("Trạng thái"))</label><select id="trang-thai" name="trang-thai" style="width:auto">\(options)</select>
                <button type="submit" class="secondary">\(t("Tìm"))</button></form>
                <p>\(t("{0} thủ tục", String(total)))</p>
                <div class="table-wrap"><table><thead><tr><th scope="col">\(t("Mã"))</th><th scope="col">\(t("Tên thủ tục"))</th><th scope="col">\(t("Lĩnh vực"))</th>
                <th scope="col">\(t("Trạng thái"))</th><th scope="col">\(t("Phiên bản"))</th><th scope="col">\(t("Bản nháp"))</th></tr></thead>
                <tbody>\(items.isEmpty ? "<tr><td colspan=\"6\">\(t("Không có thủ tục."))</td></tr>" : items)</tbody></table></div>
                \(Self.pager("/quan-tri/thu-tuc", query: query2.joined(separator: "&amp;"), paging: paging, total: total))
                """)
        }
    }

    // MARK: the editor

    /// The procedure named in the path and the record the editor starts from: its draft, else the version in force.
    func pathProcedure(_ req: Request) async throws -> (ProcedureModel, ProcedureRecord) {
        let code = req.parameters.get("code") ?? ""
        guard let procedure = try await ProcedureModel.query(on: req.db).filter(\.$code == code).first() else {
            throw Problem.notFound("Không tìm thấy thủ tục", "No procedure \(code).")
        }
        if let draft = procedure.draftDocument { return (procedure, try CatalogStore.decode(draft)) }
        guard let version = try await CatalogStore.currentVersion(of: procedure, on: req.db) else {
            throw Problem.notFound("Thủ tục chưa có nội dung", "Procedure \(code) has neither draft nor version.")
        }
        return (procedure, try CatalogStore.record(of: version))
    }

    /// The editor's fields filled from a record.
    static func fields(of record: ProcedureRecord) -> FormFields {
        var values: [String: String] = [
            "name": record.name, "field": record.field, "level": record.level.rawValue, "agency": record.agency,
            "serviceLevel": record.serviceLevel.rawValue, "workingDays": number(record.processingTime.workingDays),
            "cutoffHour": record.processingTime.cutoffHour.map(String.init) ?? "", "result": record.result,
        ]
        if record.processingTime.isSameDay { values["sameDay"] = "on" }
        for (index, field) in record.formFields.enumerated() {
            values["formFields[\(index)].key"] = field.key
            values["formFields[\(index)].label"] = field.label
            values["formFields[\(index)].type"] = field.type.rawValue
            values["formFields[\(index)].options"] = (field.options ?? []).joined(separator: "; ")
            if field.required { values["formFields[\(index)].required"] = "on" }
        }
        for (index, step) in record.process.steps.enumerated() {
            values["steps[\(index)].name"] = step.name
            values["steps[\(index)].role"] = step.role
            values["steps[\(index)].unit"] = step.unit.rawValue
            values["steps[\(index)].workingDays"] = number(step.workingDays)
            values["steps[\(index)].hours"] = number(step.hours)
        }
        return FormFields(values: values)
    }

    @Sendable func editor(req: Request) async throws -> Response {
        try await page(req) { signedIn in
            try Self.requireProvince(signedIn, .manageCatalog)
            let (procedure, record) = try await pathProcedure(req)
            let message = req.query[String.self, at: "da-luu"] != nil ? t("Đã lưu bản nháp. Bản nháp chưa có hiệu lực cho đến khi được công bố.")
                : req.query[String.self, at: "da-cong-bo"] != nil ? t("Đã công bố phiên bản {0}.", String(procedure.currentVersion)) : nil
            return editorPage(signedIn, procedure: procedure, record: record, fields: Self.fields(of: record),
                              formRows: record.formFields.count, stepRows: record.process.steps.count, message: message, ok: message != nil)
        }
    }

    func editorPage(_ signedIn: SignedIn, procedure: ProcedureModel, record: ProcedureRecord, fields: FormFields, formRows: Int,
                    stepRows: Int, message: String?, general: [String] = [], ok: Bool = false, status: HTTPStatus = .ok) -> Response {
        let code = Self.segment(procedure.code)
        let csrf = Workspace.csrfField(signedIn)
        let formFieldRows = (0..<(formRows + Self.blankRows)).map { index -> String in
            let at = "formFields[\(index)]"
            return """
                <fieldset class="rows"><legend>\(t("Trường {0}", String(index + 1)))\(index >= formRows ? " " + t("(thêm mới)") : "")</legend>
                <div>\(fields.input(at + ".key", t("Khóa"), extra: " autocomplete=\"off\""))</div>
                <div>\(fields.input(at + ".label", t("Nhãn hiển thị")))</div>
                <div>\(fields.select(at + ".type", t("Kiểu dữ liệu"), options: Self.fieldTypeChoices, fallback: FieldType.text.rawValue))</div>
                <div>\(fields.input(at + ".options", t("Các lựa chọn (cách nhau bởi dấu ;)")))</div>
                <div>\(fields.checkbox(at + ".required", t("Bắt buộc")))</div></fieldset>
                """
        }.joined()
        let stepRowsHTML = (0..<(stepRows + Self.blankRows)).map { index -> String in
            let at = "steps[\(index)]"
            return """
                <fieldset class="rows"><legend>\(t("Bước {0}", String(index + 1)))\(index >= stepRows ? " " + t("(thêm mới)") : "")</legend>
                <div class="wide">\(fields.input(at + ".name", t("Tên bước")))</div>
                <div>\(fields.select(at + ".role", t("Vai trò thực hiện"), options: Self.stepRoleChoices, fallback: Role.specialist.rawValue))</div>
                <div>\(fields.select(at + ".unit", t("Đơn vị thực hiện"), options: Self.stepUnitChoices, fallback: StepUnit.handling.rawValue))</div>
                <div>\(fields.input(at + ".workingDays", t("Số ngày làm việc"), extra: " inputmode=\"decimal\""))</div>
                <div>\(fields.input(at + ".hours", t("Hoặc số giờ"), extra: " inputmode=\"decimal\""))</div></fieldset>
                """
        }.joined()
        let publish = procedure.draftDocument == nil
            ? "<p>\(t("Chưa có bản nháp nào chờ công bố. Lưu một bản nháp ở trên rồi công bố."))</p>"
            : """
            <form method="post" action="/quan-tri/thu-tuc/\(code)/cong-bo">\(csrf)
            <p>\(t("Bản nháp đang chờ công bố. Công bố sẽ tạo phiên bản {0}; hồ sơ đã nộp giữ phiên bản cũ.", String(procedure.currentVersion + 1)))</p>
            <button type="submit">\(t("Công bố phiên bản {0}", String(procedure.currentVersion + 1)))</button></form>
            """
        let alert: String
        if ok, let message {
            alert = "<p class=\"ok\" role=\"status\">\(HTML.escape(message))</p>"
        } else if let message {
            alert = "<div class=\"error\" role=\"alert\"><p>\(HTML.escape(message))</p>"
                + (general.isEmpty ? "" : "<ul>\(general.map { "<li>\(HTML.escape($0))</li>" }.joined())</ul>") + "</div>"
        } else {
            alert = ""
        }
        let statutory = fields.values["sameDay"] == nil ? t("{0} ngày làm việc", fields.value("workingDays")) : t("1 ngày làm việc (trong ngày = 8 giờ)")
        return Workspace.page(title: t("Sửa thủ tục {0}", procedure.code), signedIn: signedIn, body: """
            <nav aria-label="\(t("Vị trí"))" class="crumbs"><a href="/quan-tri">\(t("Quản trị"))</a> › <a href="/quan-tri/thu-tuc">\(t("Thủ tục hành chính"))</a> › \(HTML.escape(procedure.code))</nav>
            <h1>\(HTML.escape(record.name))</h1>\(alert)
            <dl><dt>\(t("Mã thủ tục"))</dt><dd>\(HTML.escape(procedure.code))</dd><dt>\(t("Trạng thái"))</dt><dd class="status">\(HTML.escape(Self.statusLabel(procedure.status)))\(procedure.currentVersion > 0 ? " — " + t("phiên bản {0}", String(procedure.currentVersion)) : "")</dd>
            <dt>\(t("Bản nháp"))</dt><dd>\(procedure.draftDocument == nil ? t("Không có (đang sửa từ phiên bản đang áp dụng)") : t("Có bản nháp chưa công bố"))</dd></dl>
            <form method="post" action="/quan-tri/thu-tuc/\(code)" novalidate class="editor">\(csrf)
            <h2>\(t("Thông tin chung"))</h2>
            \(fields.input("name", t("Tên thủ tục")))
            \(fields.input("field", t("Lĩnh vực")))
            \(fields.select("level", t("Cấp thực hiện"), options: Self.levelChoices))
            \(fields.textarea("agency", t("Cơ quan thực hiện")))
            \(fields.select("serviceLevel", t("Mức độ dịch vụ công trực tuyến"), options: Self.serviceChoices))
            \(fields.input("workingDays", t("Thời hạn giải quyết (ngày làm việc)"), hint: t("Ví dụ 3 hoặc 0,5. Bỏ trống nếu giải quyết trong ngày."), extra: " inputmode=\"decimal\""))
            \(fields.checkbox("sameDay", t("Giải quyết trong ngày làm việc")))
            \(fields.input("cutoffHour", t("Giờ tiếp nhận cuối để trả trong ngày (7–17)"), extra: " inputmode=\"numeric\""))
            \(fields.textarea("result", t("Kết quả thực hiện")))
            <h2 id="bieu-mau">\(t("Biểu mẫu điện tử"))</h2>
            <p>\(t("Mỗi dòng là một trường của tờ khai. Dòng để trống được bỏ qua; muốn bỏ một trường, xóa khóa và nhãn của dòng đó."))</p>
            \(fields.error("formFields"))\(formFieldRows)
            <h2 id="quy-trinh">\(t("Quy trình nội bộ"))</h2>
            <p>\(t("Tổng thời gian các bước phải bằng thời hạn giải quyết: {0}; 8 giờ là một ngày làm việc.", HTML.escape(statutory)))</p>
            \(fields.error("steps"))\(stepRowsHTML)
            <button type="submit">\(t("Lưu bản nháp"))</button></form>
            <h2>\(t("Công bố", sense: "heading"))</h2>\(publish)
            <p><a href="/thu-tuc/\(code)">\(t("Xem trang công khai của phiên bản đang áp dụng"))</a></p>
            """, status: status)
    }

    struct FieldRow: Content { var key: String?; var label: String?; var type: String?; var options: String?; var required: String? }
    struct StepRow: Content { var name: String?; var role: String?; var unit: String?; var workingDays: String?; var hours: String? }

    struct ProcedureForm: Content {
        var _csrf: String?
        var name: String?
        var field: String?
        var level: String?
        var agency: String?
        var serviceLevel: String?
        var workingDays: String?
        var sameDay: String?
        var cutoffHour: String?
        var result: String?
        var formFields: [FieldRow]?
        var steps: [StepRow]?
    }

    /// What the editor's form says: the record to save (built on `base`, which keeps what the form does not edit),
    /// the typed values with the faults found, and where each filled row of the record was typed.
    struct EditedProcedure {
        var record: ProcedureRecord
        var fields: FormFields
        var fieldRows: [Int]
        var stepRows: [Int]
        var formRows: Int
        var stepRowCount: Int
    }

    static func read(_ form: ProcedureForm, base: ProcedureRecord) -> EditedProcedure {
        var record = base
        var fields = FormFields()
        func keep(_ key: String, _ value: String?) { if let value { fields.values[key] = value } }
        keep("name", form.name); keep("field", form.field); keep("level", form.level); keep("agency", form.agency)
        keep("serviceLevel", form.serviceLevel); keep("workingDays", form.workingDays); keep("sameDay", form.sameDay)
        keep("cutoffHour", form.cutoffHour); keep("result", form.result)

        record.name = (form.name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        record.field = (form.field ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if record.field.isEmpty { fields.errors["field"] = t("Vui lòng nhập lĩnh vực.") }
        record.agency = (form.agency ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if record.agency.isEmpty { fields.errors["agency"] = t("Vui lòng nhập cơ quan thực hiện.") }
        record.result = (form.result ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if let level = form.level.flatMap(ProcedureLevel.init(rawValue:)) { record.level = level } else { fields.errors["level"] = t("Chọn cấp thực hiện.") }
        if let service = form.serviceLevel.flatMap(ServiceLevel.init(rawValue:)) { record.serviceLevel = service } else {
            fields.errors["serviceLevel"] = t("Chọn mức độ dịch vụ.")
        }
        var time = record.processingTime
        if form.sameDay != nil {
            time.sameDay = true
            time.workingDays = nil
            let text = (form.cutoffHour ?? "").trimmingCharacters(in: .whitespaces)
            if text.isEmpty { time.cutoffHour = nil } else if let hour = Int(text) { time.cutoffHour = hour } else {
                fields.errors["cutoffHour"] = t("Giờ là một số nguyên từ 7 đến 17.")
            }
        } else {
            time.sameDay = nil
            time.cutoffHour = nil
            switch parseNumber(form.workingDays) {
            case .success(let days)?: time.workingDays = days
            case .failure?: fields.errors["workingDays"] = t("Thời hạn phải là một số, ví dụ 3 hoặc 0,5.")
            case nil: time.workingDays = nil
            }
        }
        record.processingTime = time

        // e-form fields: the filled rows, in order
        let fieldRows = form.formFields ?? []
        var formFields: [FormField] = [], fieldPlaces: [Int] = []
        for (index, row) in fieldRows.enumerated() {
            let at = "formFields[\(index)]"
            keep(at + ".key", row.key); keep(at + ".label", row.label); keep(at + ".type", row.type)
            keep(at + ".options", row.options); keep(at + ".required", row.required)
            let key = (row.key ?? "").trimmingCharacters(in: .whitespaces)
            let label = (row.label ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            let options = (row.options ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if key.isEmpty, label.isEmpty, options.isEmpty { continue }
            if key.isEmpty {
                fields.errors[at + ".key"] = t("Nhập khóa của trường.")
            } else if !(key.first!.isASCII && key.first!.isLetter) || !key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) || key.count > 60 {
                fields.errors[at + ".key"] = t("Khóa gồm chữ không dấu, số và dấu _, bắt đầu bằng chữ (tối đa 60 ký tự).")
            }
            if label.isEmpty { fields.errors[at + ".label"] = t("Nhập nhãn hiển thị của trường.") }
            let type = row.type.flatMap(FieldType.init(rawValue:))
            if type == nil { fields.errors[at + ".type"] = t("Chọn kiểu dữ liệu.") }
            formFields.append(FormField(key: key, label: label, type: type ?? .text, required: row.required != nil,
                                        options: type == .select ? options : nil))
            fieldPlaces.append(index)
        }
        record.formFields = formFields

        // process steps: the filled rows, in order
        let stepRows = form.steps ?? []
        var steps: [ProcessStep] = [], stepPlaces: [Int] = []
        for (index, row) in stepRows.enumerated() {
            let at = "steps[\(index)]"
            keep(at + ".name", row.name); keep(at + ".role", row.role); keep(at + ".unit", row.unit)
            keep(at + ".workingDays", row.workingDays); keep(at + ".hours", row.hours)
            let name = (row.name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            let days = parseNumber(row.workingDays), hours = parseNumber(row.hours)
            if name.isEmpty, days == nil, hours == nil { continue }
            if name.isEmpty { fields.errors[at + ".name"] = t("Nhập tên bước.") }
            let role = row.role.flatMap(Role.init(rawValue:)).flatMap { $0 == .administrator ? nil : $0 }
            if role == nil { fields.errors[at + ".role"] = t("Chọn vai trò thực hiện.") }
            let unit = row.unit.flatMap(StepUnit.init(rawValue:))
            if unit == nil { fields.errors[at + ".unit"] = t("Chọn đơn vị thực hiện.") }
            var workingDays: Double?, stepHours: Double?
            switch days {
            case .success(let value)?: workingDays = value
            case .failure?: fields.errors[at + ".workingDays"] = t("Số ngày phải là một số, ví dụ 1 hoặc 0,5.")
            case nil: break
            }
            switch hours {
            case .success(let value)?: stepHours = value
            case .failure?: fields.errors[at + ".hours"] = t("Số giờ phải là một số.")
            case nil: break
            }
            if days == nil, hours == nil { fields.errors[at + ".workingDays"] = t("Nhập thời gian của bước (ngày làm việc hoặc giờ).") }
            // the published performer stays with its step while the step keeps its name
            let performer = base.process.steps.first { $0.name == name }?.performer
            guard let step = StepDocument(name: name, role: role?.rawValue ?? row.role ?? "", unit: unit ?? .handling,
                                          workingDays: workingDays, hours: stepHours, performer: performer).step else {
                fields.errors[at + ".name"] = t("Không đọc được bước này.")
                continue
            }
            steps.append(step)
            stepPlaces.append(index)
        }
        record.process.steps = steps
        return EditedProcedure(record: record, fields: fields, fieldRows: fieldPlaces, stepRows: stepPlaces,
                               formRows: fieldRows.count, stepRowCount: stepRows.count)
    }

    /// The JSON of a process step (`ProcessStep` has no public memberwise initialiser).
    struct StepDocument: Encodable {
        var name: String
        var role: String
        var unit: StepUnit
        var workingDays: Double?
        var hours: Double?
        var performer: String?

        var step: ProcessStep? { try? JSONDecoder().decode(ProcessStep.self, from: JSONEncoder().encode(self)) }
    }

    /// Where a catalog rule's violation belongs in the editor: a field's key, "steps", or "" (the top of the page).
    static func place(_ violation: CatalogViolation, in edited: EditedProcedure) -> String {
        let english = violation.english
        let record = edited.record
        if english.hasPrefix("Step "), let number = Int(english.dropFirst(5).prefix(while: \.isNumber)),
           number >= 1, number <= edited.stepRows.count {
            let at = "steps[\(edited.stepRows[number - 1])]"
            if english.contains("unknown role") { return at + ".role" }
            return at + ((record.process.steps[number - 1].workingDays ?? 0) < 0 ? ".workingDays" : ".hours")
        }
        if english.hasPrefix("The steps add up") || english.hasPrefix("The internal process has no steps") { return "steps" }
        if english.hasPrefix("Duplicate form field key ") {
            let key = String(english.dropFirst("Duplicate form field key ".count).dropLast())
            let indices = record.formFields.indices.filter { record.formFields[$0].key == key }
            if indices.count > 1 { return "formFields[\(edited.fieldRows[indices[1]])].key" }
        }
        if english.hasPrefix("Select field "), english.hasSuffix(" has no options.") {
            let key = String(english.dropFirst("Select field ".count).dropLast(" has no options.".count))
            if let index = record.formFields.firstIndex(where: { $0.key == key && $0.type == .select }) {
                return "formFields[\(edited.fieldRows[index])].options"
            }
        }
        if english == "The procedure has no name." { return "name" }
        if english.hasPrefix("processingTime.workingDays") { return "workingDays" }
        if english.hasPrefix("cutoffHour") { return "cutoffHour" }
        return ""
    }

    @Sendable func saveProcedure(req: Request) async throws -> Response {
        try await page(req) { signedIn in
            let form = (try? req.content.decode(ProcedureForm.self)) ?? ProcedureForm()
            try Workspace.checkCSRF(req, signedIn, given: form._csrf)
            try Self.requireProvince(signedIn, .manageCatalog)
            let (procedure, base) = try await pathProcedure(req)
            var edited = Self.read(form, base: base)
            // the catalog's own rules, each shown beside the row or field at fault (a typing fault found above wins)
            var general: [String] = []
            for violation in CatalogValidation.violations(of: edited.record) {
                let key = Self.place(violation, in: edited)
                let text = Language.current == .en ? violation.english : violation.vietnamese
                if key.isEmpty { general.append(text) } else if edited.fields.errors[key] == nil {
                    edited.fields.errors[key] = text
                }
            }
            guard edited.fields.errors.isEmpty, general.isEmpty else {
                let count = edited.fields.errors.count + general.count
                return editorPage(signedIn, procedure: procedure, record: base, fields: edited.fields,
                                  formRows: max(edited.formRows - Self.blankRows, edited.record.formFields.count, edited.fieldRows.last.map { $0 + 1 } ?? 0),
                                  stepRows: max(edited.stepRowCount - Self.blankRows, edited.record.process.steps.count, edited.stepRows.last.map { $0 + 1 } ?? 0),
                                  message: t("Bản nháp chưa được lưu: {0} lỗi, xem bên cạnh từng trường.", String(count)), general: general, status: .badRequest)
            }
            _ = try await CatalogStore.saveDraft(edited.record, actor: signedIn.actor.username, at: req.now, on: req.db)
            req.application.catalogIndex.invalidate()
            return req.redirect(to: "/quan-tri/thu-tuc/\(Self.segment(procedure.code))?da-luu=1", redirectType: .normal)
        }
    }

    struct PublishForm: Content { var _csrf: String? }

    @Sendable func publishProcedure(req: Request) async throws -> Response {
        try await page(req) { signedIn in
            let form = (try? req.content.decode(PublishForm.self)) ?? PublishForm()
            try Workspace.checkCSRF(req, signedIn, given: form._csrf)
            try Self.requireProvince(signedIn, .manageCatalog)
            let (procedure, _) = try await pathProcedure(req)
            guard let draft = procedure.draftDocument else {
                throw Problem.conflict("Thủ tục không có bản nháp để công bố", "Procedure \(procedure.code) has no draft to publish.")
            }
            if procedure.status == .published, let current = try await CatalogStore.currentVersion(of: procedure, on: req.db),
               current.document == draft {
                throw Problem.conflict("Bản nháp giống hệt phiên bản đang áp dụng, không có gì để công bố",
                                       "The draft equals the version in force.")
            }
            try await CatalogStore.publishDraft(code: procedure.code, actor: signedIn.actor.username, at: req.now, on: req.db)
            req.application.catalogIndex.invalidate()
            return req.redirect(to: "/quan-tri/thu-tuc/\(Self.segment(procedure.code))?da-cong-bo=1", redirectType: .normal)
        }
    }

    // MARK: the calendar notice

    static func kindLabel(_ kind: DayKind) -> String {
        switch kind {
        case .holiday: t("Ngày lễ, Tết")
        case .compensatory: t("Nghỉ bù")
        case .adjustedOff: t("Nghỉ theo thông báo")
        case .makeUpWorkday: t("Làm bù (ngày làm việc)")
        }
    }

    static let weekdays = ["", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]

    @Sendable func calendarNow(req: Request) async throws -> Response {
        try await page(req) { signedIn in
            try Self.requireProvince(signedIn, .manageCalendar)
            return req.redirect(to: "/quan-tri/lich/\(VietnamTime.localDate(of: req.now).year)", redirectType: .normal)
        }
    }

    func pathYear(_ req: Request) throws -> Int {
        guard let year = req.parameters.get("year", as: Int.self), WorkingCalendar.supportedYears.contains(year) else {
            throw Problem.notFound("Năm không hợp lệ (1990–2100)", "The year must be an integer within 1990-2100.")
        }
        return year
    }

    /// The form's fields filled from a notice.
    static func fields(of notice: YearNotice) -> FormFields {
        var values: [String: String] = [:]
        for (index, day) in notice.daysOff.enumerated() {
            values["daysOff[\(index)].date"] = day.date.iso
            values["daysOff[\(index)].name"] = day.name
        }
        for (index, day) in notice.makeUpWorkdays.enumerated() {
            values["makeUp[\(index)].date"] = day.date.iso
            values["makeUp[\(index)].name"] = day.name
        }
        return FormFields(values: values)
    }

    @Sendable func calendar(req: Request) async throws -> Response {
        try await page(req) { signedIn in
            try Self.requireProvince(signedIn, .manageCalendar)
            let year = try pathYear(req)
            let notice = try await CalendarStore.notice(year: year, on: req.db)
            let message = req.query[String.self, at: "da-luu"] == nil ? nil : t("Đã lưu thông báo năm {0}; hạn giải quyết hồ sơ tính theo lịch mới.", String(year))
            return try await calendarPage(req, signedIn, year: year, notice: notice, fields: Self.fields(of: notice ?? YearNotice(year: year)),
                                          offRows: notice?.daysOff.count ?? 0, makeUpRows: notice?.makeUpWorkdays.count ?? 0,
                                          message: message, ok: message != nil)
        }
    }

    func calendarPage(_ req: Request, _ signedIn: SignedIn, year: Int, notice: YearNotice?, fields: FormFields, offRows: Int,
                      makeUpRows: Int, message: String?, ok: Bool = false, status: HTTPStatus = .ok) async throws -> Response {
        func rows(_ list: String, count: Int, legend: String) -> String {
            (0..<(count + Self.blankRows)).map { index in
                let at = "\(list)[\(index)]"
                return """
                    <fieldset class="rows"><legend>\(legend) \(index + 1)\(index >= count ? " " + t("(thêm mới)") : "")</legend>
                    <div>\(fields.input(at + ".date", t("Ngày"), type: "date"))</div>
                    <div class="wide">\(fields.input(at + ".name", t("Ghi chú (ví dụ: Nghỉ hoán đổi dịp 30/4)")))</div></fieldset>
                    """
            }.joined()
        }
        let calendar = try await CalendarStore.calendar(on: req.db)
        let days = calendar.nonWorkingDays(in: year).map { day in
            "<tr class=\"\(day.kind.rawValue)\"><td>\(String(format: "%02d/%02d/%04d", day.date.day, day.date.month, day.date.year))</td><td>\(t(Self.weekdays[day.date.weekday]))</td><td>\(HTML.escape(dayName(day.name)))</td><td>\(HTML.escape(Self.kindLabel(day.kind)))</td></tr>"
        }.joined()
        let alert = ok ? message.map { "<p class=\"ok\" role=\"status\">\(HTML.escape($0))</p>" } ?? "" : Workspace.alert(message)
        return Workspace.page(title: t("Lịch làm việc năm {0}", String(year)), signedIn: signedIn, body: """
            <nav aria-label="\(t("Vị trí"))" class="crumbs"><a href="/quan-tri">\(t("Quản trị"))</a> › \(t("Lịch làm việc"))</nav>
            <h1>\(t("Lịch làm việc năm {0}", String(year)))</h1>\(alert)
            <p><a href="/quan-tri/lich/\(year - 1)">← \(t("Năm {0}", String(year - 1)))</a> · <a href="/quan-tri/lich/\(year + 1)">\(t("Năm {0}", String(year + 1))) →</a></p>
            <p>\(notice == nil ? t("Chưa ghi thông báo nghỉ lễ, Tết của năm này: lịch tính theo Bộ luật Lao động.") : t("Đã ghi thông báo của năm này."))
            \(t("Ngày lễ, Tết và nghỉ bù được tính sẵn; ở đây ghi các ngày nghỉ hoán đổi và ngày làm bù theo thông báo của Chính phủ."))</p>
            <form method="post" action="/quan-tri/lich/\(year)" novalidate>\(Workspace.csrfField(signedIn))
            <h2>\(t("Ngày nghỉ theo thông báo"))</h2><p>\(t("Dòng để trống được bỏ qua; muốn bỏ một ngày, xóa ngày của dòng đó."))</p>\(rows("daysOff", count: offRows, legend: t("Ngày nghỉ")))
            <h2>\(t("Ngày làm bù"))</h2><p>\(t("Thứ Bảy hoặc Chủ nhật đi làm thay cho ngày nghỉ hoán đổi."))</p>\(rows("makeUp", count: makeUpRows, legend: t("Ngày làm bù")))
            \(fields.textarea("reason", t("Lý do, căn cứ (ví dụ: Thông báo số …/TB-BNV)")))
            <button type="submit">\(t("Lưu thông báo"))</button></form>
            <h2>\(t("Các ngày nghỉ và làm bù trong năm {0}", String(year)))</h2>
            <div class="table-wrap"><table><thead><tr><th scope="col">\(t("Ngày"))</th><th scope="col">\(t("Thứ"))</th><th scope="col">\(t("Tên"))</th><th scope="col">\(t("Loại"))</th></tr></thead>
            <tbody>\(days)</tbody></table></div>
            """, status: status)
    }

    struct DayRow: Content { var date: String?; var name: String? }
    struct CalendarForm: Content { var _csrf: String?; var daysOff: [DayRow]?; var makeUp: [DayRow]?; var reason: String? }

    @Sendable func saveCalendar(req: Request) async throws -> Response {
        try await page(req) { signedIn in
            let form = (try? req.content.decode(CalendarForm.self)) ?? CalendarForm()
            try Workspace.checkCSRF(req, signedIn, given: form._csrf)
            try Self.requireProvince(signedIn, .manageCalendar)
            let year = try pathYear(req)
            let existing = try await CalendarStore.notice(year: year, on: req.db)
            var fields = FormFields(values: ["reason": form.reason ?? ""])
            var seen = Set<LocalDate>()
            func read(_ list: String, _ rows: [DayRow], makeUp: Bool) -> [NamedDate] {
                var dates: [NamedDate] = []
                for (index, row) in rows.enumerated() {
                    let at = "\(list)[\(index)]"
                    if let date = row.date { fields.values[at + ".date"] = date }
                    if let name = row.name { fields.values[at + ".name"] = name }
                    let text = (row.date ?? "").trimmingCharacters(in: .whitespaces)
                    let name = (row.name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                    if text.isEmpty, name.isEmpty { continue }
                    guard let date = LocalDate(iso: text) else {
                        fields.errors[at + ".date"] = text.isEmpty ? t("Chọn ngày.") : t("Ngày không hợp lệ (năm-tháng-ngày).")
                        continue
                    }
                    // the rule of CalendarStore.save: a notice's dates lie in its year (or the next or previous one)
                    if abs(date.year - year) > 1 {
                        fields.errors[at + ".date"] = t("Ngày {0} không thuộc năm {1}.", date.iso, String(year))
                    } else if makeUp, !date.isWeekend {
                        fields.errors[at + ".date"] = t("Ngày làm bù phải là thứ Bảy hoặc Chủ nhật (ngày này là {0}).", t(Self.weekdays[date.weekday]))
                    } else if !seen.insert(date).inserted {
                        fields.errors[at + ".date"] = t("Ngày này đã có ở dòng khác.")
                    }
                    dates.append(NamedDate(date: date, name: name.isEmpty ? (makeUp ? "Làm bù theo thông báo" : "Nghỉ theo thông báo") : name))
                }
                return dates
            }
            let daysOff = read("daysOff", form.daysOff ?? [], makeUp: false)
            let makeUp = read("makeUp", form.makeUp ?? [], makeUp: true)
            let reason = (form.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if reason.isEmpty { fields.errors["reason"] = t("Vui lòng ghi lý do hoặc căn cứ của thay đổi.") }
            var notice = existing ?? YearNotice(year: year)
            notice.daysOff = daysOff.sorted { $0.date < $1.date }
            notice.makeUpWorkdays = makeUp.sorted { $0.date < $1.date }
            do {
                guard fields.errors.isEmpty else {
                    throw Problem.invalid(t("Thông báo chưa được lưu: {0} lỗi, xem bên cạnh từng trường.", String(fields.errors.count)), "Invalid notice.")
                }
                try await CalendarStore.save(notice, actor: signedIn.actor.username, reason: reason, at: req.now, on: req.db)
                req.application.calendarCache.invalidate()
                return req.redirect(to: "/quan-tri/lich/\(year)?da-luu=1", redirectType: .normal)
            } catch let problem as Problem where problem.status == 400 {
                return try await calendarPage(req, signedIn, year: year, notice: existing, fields: fields,
                                              offRows: max(0, (form.daysOff ?? []).count - Self.blankRows, daysOff.count),
                                              makeUpRows: max(0, (form.makeUp ?? []).count - Self.blankRows, makeUp.count),
                                              message: problem.message, status: .badRequest)
            }
        }
    }
}
