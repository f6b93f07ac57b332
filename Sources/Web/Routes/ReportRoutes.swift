import Access
import Core
import Fluent
import Foundation
import Indicators
import Spreadsheet
import Storage
import Vapor

/// `/api/v1/reports` — Báo cáo định kỳ (issue 6 item 6): the province creates report campaigns (Đợt báo cáo) and
/// sees who is late and the aggregate (Tổng hợp); the units that must answer (Đơn vị phải báo cáo) read their form,
/// pre-filled from their figures, and submit it before the due date (Hạn nộp). Any campaign exports as CSV or XLSX.
/// The rules are `ReportService`'s.
struct ReportRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let reports = routes.grouped("reports")
        reports.post(use: create)
        reports.get(use: list)
        reports.get(":id", use: show)
        reports.get(":id", "form", use: form)
        reports.post(":id", "submissions", use: submit)
        reports.get(":id", "export", use: export)
    }

    /// The service's context for the signed-in official (401/403 otherwise); periods read as the indicator API reads them.
    static func context(_ req: Request) throws -> ReportService.Context {
        let actor = try req.official()
        let now = req.now
        return ReportService.Context(actor: actor, now: now, period: { try? PeriodParameter.parse($0, now: now) })
    }

    /// The campaign id of the path, or 404.
    static func campaignID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else {
            throw Problem.notFound("Không tìm thấy đợt báo cáo", "No report campaign \(req.parameters.get("id") ?? "").")
        }
        return id
    }

    // MARK: wire types

    /// A field of the template.
    struct FieldDTO: Content {
        var key: String
        var label: String
        var kind: String
        var figure: String?
        var figureName: String?
        var required: Bool

        init(_ field: ReportService.Field) {
            key = field.key
            label = field.label
            kind = field.kind.rawValue
            figure = field.figure
            figureName = field.figure.flatMap { key in FigureDefinition.all.first { $0.key.rawValue == key }?.name }
            required = field.required
        }
    }

    /// Where one unit stands.
    struct UnitStatusDTO: Content {
        var unit: String
        var unitName: String
        var status: String
        var statusLabel: String
        var submittedAt: Date?
        var submittedBy: String?
        var version: Int?

        init(_ row: ReportService.UnitRow) {
            unit = row.code
            unitName = row.name
            status = row.status.rawValue
            statusLabel = row.status.label
            submittedAt = row.submission?.submittedAt
            submittedBy = row.submission?.submittedBy
            version = row.submission?.version
        }
    }

    /// One field's aggregate.
    struct AggregateDTO: Content {
        var key: String
        var label: String
        var kind: String
        var answers: Int
        var sum: Double?
        var average: Double?
    }

    /// One field of a unit's form.
    struct FormFieldDTO: Content {
        var key: String
        var label: String
        var kind: String
        var required: Bool
        var figure: String?
        var prefill: Double?
        var value: ReportService.Value?
        var file: String?
    }

    /// A unit's form.
    struct FormDTO: Content {
        var report: UUID
        var unit: String
        var unitName: String
        var status: String
        var statusLabel: String
        var dueAt: Date
        var submittedAt: Date?
        var canSubmit: Bool
        var blocked: String?
        var fields: [FormFieldDTO]

        init(_ form: ReportService.Form) {
            report = form.campaign.id
            unit = form.unit.code
            unitName = form.unit.name
            status = form.unit.status.rawValue
            statusLabel = form.unit.status.label
            dueAt = form.campaign.model.dueAt
            submittedAt = form.unit.submission?.submittedAt
            canSubmit = form.canSubmit
            blocked = form.blocked
            fields = form.fields.map {
                FormFieldDTO(key: $0.field.key, label: $0.field.label, kind: $0.field.kind.rawValue, required: $0.field.required,
                             figure: $0.field.figure, prefill: $0.prefill, value: $0.value, file: $0.file)
            }
        }
    }

    /// How many of the units the caller sees stand where.
    struct CountsDTO: Content {
        var pending = 0, submitted = 0, late = 0, overdue = 0

        init(_ rows: [ReportService.UnitRow]) {
            for row in rows {
                switch row.status {
                case .pending: pending += 1
                case .submitted: submitted += 1
                case .late: late += 1
                case .overdue: overdue += 1
                }
            }
        }
    }

    /// A campaign in the list.
    struct SummaryDTO: Content {
        var id: UUID
        var title: String
        var period: String
        var dueAt: Date
        var createdAt: Date
        var createdBy: String
        var unitCount: Int
        var counts: CountsDTO
        /// The caller's own units (absent for the province, which reads the counts).
        var units: [UnitStatusDTO]?
    }

    /// A campaign: for the province with every unit's status and the aggregate, for a unit with its form(s).
    struct CampaignDTO: Content {
        var id: UUID
        var title: String
        var description: String
        var period: String
        var dueAt: Date
        var createdAt: Date
        var createdBy: String
        var fields: [FieldDTO]
        var unitCount: Int
        var counts: CountsDTO
        var units: [UnitStatusDTO]
        var aggregate: [AggregateDTO]?
        var forms: [FormDTO]?

        init(_ campaign: ReportService.Campaign, aggregate: [ReportService.FieldAggregate]?, forms: [ReportService.Form]?) {
            let model = campaign.model
            id = campaign.id
            title = model.title
            description = model.instructions
            period = model.period
            dueAt = model.dueAt
            createdAt = model.createdAt
            createdBy = model.createdBy
            fields = campaign.fields.map(FieldDTO.init)
            unitCount = campaign.unitCount
            counts = CountsDTO(campaign.units)
            units = campaign.units.map(UnitStatusDTO.init)
            self.aggregate = aggregate?.map {
                AggregateDTO(key: $0.field.key, label: $0.field.label, kind: $0.field.kind.rawValue, answers: $0.answers,
                             sum: $0.sum, average: $0.average)
            }
            self.forms = forms.map { $0.map(FormDTO.init) }
        }
    }

    // MARK: handlers

    @Sendable func create(req: Request) async throws -> Response {
        let context = try Self.context(req)
        let input = try req.decodeBody(ReportService.NewCampaign.self)
        let campaign = try await ReportService.create(input, context: context, on: req.db)
        let response = Response(status: .created)
        try response.content.encode(CampaignDTO(campaign, aggregate: ReportService.aggregate(campaign), forms: nil))
        return response
    }

    @Sendable func list(req: Request) async throws -> Page<SummaryDTO> {
        let context = try Self.context(req)
        let paging = try Paging(req, defaultLimit: 50)
        let province = AccessPolicy.isProvinceAdministrator(context.actor)
        let campaigns = try await ReportService.campaigns(context: context, on: req.db)
        return paging.page(of: campaigns.map { campaign in
            SummaryDTO(id: campaign.id, title: campaign.model.title, period: campaign.model.period, dueAt: campaign.model.dueAt,
                       createdAt: campaign.model.createdAt, createdBy: campaign.model.createdBy, unitCount: campaign.unitCount,
                       counts: CountsDTO(campaign.units), units: province ? nil : campaign.units.map(UnitStatusDTO.init))
        })
    }

    @Sendable func show(req: Request) async throws -> CampaignDTO {
        let context = try Self.context(req)
        let id = try Self.campaignID(req)
        let campaign = try await ReportService.campaign(id: id, context: context, on: req.db)
        if AccessPolicy.isProvinceAdministrator(context.actor) {
            return CampaignDTO(campaign, aggregate: ReportService.aggregate(campaign), forms: nil)
        }
        var forms: [ReportService.Form] = []
        for row in campaign.units {
            forms.append(try await ReportService.form(campaignID: id, unitCode: row.code, context: context, on: req.db))
        }
        return CampaignDTO(campaign, aggregate: nil, forms: forms)
    }

    @Sendable func form(req: Request) async throws -> FormDTO {
        let context = try Self.context(req)
        return FormDTO(try await ReportService.form(campaignID: try Self.campaignID(req), unitCode: req.query[String.self, at: "unit"],
                                                    context: context, on: req.db))
    }

    @Sendable func submit(req: Request) async throws -> Response {
        let context = try Self.context(req)
        let id = try Self.campaignID(req)
        let input = try req.decodeBody(ReportService.SubmissionInput.self)
        let (form, created) = try await ReportService.submit(campaignID: id, input: input, context: context, on: req.db)
        let response = Response(status: created ? .created : .ok)
        try response.content.encode(FormDTO(form))
        return response
    }

    /// One row per unit (code, name, status, submitted at, each field) as CSV, or as XLSX with a second sheet holding
    /// the aggregate. Province administrator only.
    @Sendable func export(req: Request) async throws -> Response {
        let context = try Self.context(req)
        guard AccessPolicy.isProvinceAdministrator(context.actor) else {
            throw Problem.forbidden("Chỉ quản trị cấp tỉnh được tải báo cáo tổng hợp", "Only the province administrator exports a campaign.")
        }
        let format = req.query[String.self, at: "format"] ?? "csv"
        guard ["csv", "xlsx"].contains(format) else {
            throw Problem.invalid("Định dạng không hỗ trợ", "format must be csv or xlsx.", fields: ["format": "csv hoặc xlsx."])
        }
        let campaign = try await ReportService.campaign(id: try Self.campaignID(req), context: context, on: req.db)
        let name = "bao-cao-\(campaign.model.period)-\(campaign.id.uuidString.prefix(8).lowercased())"
        if format == "csv" {
            return IndicatorRoutes.download(CSVWriter.write(ReportExport.units(campaign)), name: "\(name).csv", type: "text/csv; charset=utf-8")
        }
        return IndicatorRoutes.download(try await IndicatorRoutes.workbook([ReportExport.units(campaign), ReportExport.aggregate(campaign)]),
                                        name: "\(name).xlsx", type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    }
}

/// Xuất báo cáo — the tables a campaign exports as: one row per unit, and the aggregate.
enum ReportExport {
    /// A number as a cell: whole numbers as integers.
    static func cell(_ value: Double) -> SheetCell {
        value == value.rounded() && abs(value) < 1e15 ? .integer(Int(value)) : .number(value)
    }

    /// Mã đơn vị, Đơn vị, Tình trạng, Thời điểm nộp, then each field's answer.
    static func units(_ campaign: ReportService.Campaign) -> SheetTable {
        let headers = ["Mã đơn vị", "Đơn vị", "Tình trạng", "Thời điểm nộp"] + campaign.fields.map(\.label)
        let rows = campaign.units.map { row -> [SheetCell] in
            let values = row.submission.map { ReportService.decodeValues($0.values) } ?? [:]
            let files = row.submission.map { ReportService.decodeFiles($0.files) } ?? [:]
            let answers = campaign.fields.map { field -> SheetCell in
                switch field.kind {
                case .number: values[field.key]?.number.map(cell) ?? .empty
                case .text: values[field.key]?.text.map { .text($0) } ?? .empty
                case .file: files[field.key].map { .text($0) } ?? .empty
                }
            }
            return [.text(row.code), .text(row.name), .text(row.status.label),
                    row.submission.map { .text(DisplayTime.format($0.submittedAt)) } ?? .empty] + answers
        }
        return SheetTable(name: "Báo cáo", headers: headers, rows: rows)
    }

    /// Trường, Loại, Số đơn vị trả lời, Tổng, Trung bình.
    static func aggregate(_ campaign: ReportService.Campaign) -> SheetTable {
        SheetTable(name: "Tổng hợp", headers: ["Trường", "Loại", "Số đơn vị trả lời", "Tổng", "Trung bình"],
                   rows: ReportService.aggregate(campaign).map { item in
            [.text(item.field.label), .text(item.field.kind.label), .integer(item.answers),
             item.sum.map(cell) ?? .empty, item.average.map { cell(($0 * 100).rounded() / 100) } ?? .empty]
        })
    }
}

extension JSONValue {
    /// This object with `other`'s members appended (the document's paths and schemas come from several files).
    func merging(_ other: JSONValue) -> JSONValue {
        guard case .object(let pairs) = self, case .object(let more) = other else { return self }
        return .object(pairs + more)
    }
}

extension OpenAPIDocument {
    /// The report campaign routes.
    static let reportPaths: JSONValue = [
        "/api/v1/reports": [
            "get": operation("Report campaigns the caller sees, newest first: all for the province administrator, otherwise those a unit of the caller must answer",
                             tag: "reports", parameters: paging, responses: [ok(page("ReportSummary"))], secured: true),
            "post": operation("Create a report campaign (province administrator): fields, period, due date, units; 400 names every invalid field",
                              tag: "reports", body: ref("NewReportCampaign"), responses: [ok(ref("ReportCampaign"), status: "201")], secured: true)],
        "/api/v1/reports/{id}": ["get": operation(
            "A campaign: for the province every unit's status and the aggregate; for a unit its status and form", tag: "reports",
            parameters: [path("id")], responses: [ok(ref("ReportCampaign"))], secured: true)],
        "/api/v1/reports/{id}/form": ["get": operation(
            "A unit's form, number fields bound to a figure pre-filled from the unit's figures for the campaign's period", tag: "reports",
            parameters: [path("id"), query("unit", string, "unit code; default: the caller's unit")], responses: [ok(ref("ReportForm"))], secured: true)],
        "/api/v1/reports/{id}/submissions": ["post": operation(
            "Submit a unit's report (its unit-leader, agency-leader or administrator); resubmit until the due date; after it a first submission is accepted as late, a change is refused (409)",
            tag: "reports", parameters: [path("id")], body: ref("ReportSubmission"),
            responses: [ok(ref("ReportForm"), status: "201", "Submitted"), ok(ref("ReportForm"), "Resubmitted")], secured: true)],
        "/api/v1/reports/{id}/export": ["get": [
            "summary": "One row per unit (code, name, status, submitted at, each field) as CSV, or XLSX with the aggregate as a second sheet (province administrator)",
            "tags": ["reports"], "parameters": [path("id"), query("format", enumeration(["csv", "xlsx"]))],
            "responses": ["200": ["description": "The table", "content": [
                "text/csv": ["schema": string],
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ["schema": ["type": "string", "format": "binary"]]]],
                          "default": problem],
            "security": bearer]],
    ]

    /// The schemas of the report campaign routes.
    static let reportSchemas: JSONValue = [
        "ReportValue": ["oneOf": [number, string]],
        "ReportField": object(["key", "label", "kind", "required"], [
            ("key", string), ("label", string), ("kind", enumeration(["number", "text", "file"])), ("figure", string),
            ("figureName", string), ("required", boolean)]),
        "ReportFieldInput": object(["label", "kind"], [
            ("key", string), ("label", string), ("kind", enumeration(["number", "text", "file"])),
            ("figure", ["type": "string", "description": "a figure key (GET /api/v1/indicators/figures) that pre-fills a number field"]),
            ("required", boolean)]),
        "NewReportCampaign": object(["title", "period", "dueAt", "fields"], [
            ("title", string), ("description", string), ("period", string), ("dueAt", dateTime),
            ("fields", array(ref("ReportFieldInput"))), ("units", array(string)),
            ("unitGroups", array(enumeration(["communes", "departments"])))]),
        "ReportUnitStatus": object(["unit", "unitName", "status", "statusLabel"], [
            ("unit", string), ("unitName", string), ("status", enumeration(["pending", "submitted", "late", "overdue"])),
            ("statusLabel", string), ("submittedAt", dateTime), ("submittedBy", string), ("version", integer)]),
        "ReportCounts": object(["pending", "submitted", "late", "overdue"], [
            ("pending", integer), ("submitted", integer), ("late", integer), ("overdue", integer)]),
        "ReportAggregate": object(["key", "label", "kind", "answers"], [
            ("key", string), ("label", string), ("kind", string), ("answers", integer), ("sum", number), ("average", number)]),
        "ReportFormField": object(["key", "label", "kind", "required"], [
            ("key", string), ("label", string), ("kind", string), ("required", boolean), ("figure", string),
            ("prefill", number), ("value", ref("ReportValue")), ("file", string)]),
        "ReportForm": object(["report", "unit", "unitName", "status", "statusLabel", "dueAt", "canSubmit", "fields"], [
            ("report", string), ("unit", string), ("unitName", string), ("status", string), ("statusLabel", string),
            ("dueAt", dateTime), ("submittedAt", dateTime), ("canSubmit", boolean), ("blocked", string),
            ("fields", array(ref("ReportFormField")))]),
        "ReportCampaign": object(["id", "title", "description", "period", "dueAt", "createdAt", "createdBy", "fields", "unitCount", "counts", "units"], [
            ("id", string), ("title", string), ("description", string), ("period", string), ("dueAt", dateTime),
            ("createdAt", dateTime), ("createdBy", string), ("fields", array(ref("ReportField"))), ("unitCount", integer),
            ("counts", ref("ReportCounts")), ("units", array(ref("ReportUnitStatus"))), ("aggregate", array(ref("ReportAggregate"))),
            ("forms", array(ref("ReportForm")))]),
        "ReportSummary": object(["id", "title", "period", "dueAt", "createdAt", "createdBy", "unitCount", "counts"], [
            ("id", string), ("title", string), ("period", string), ("dueAt", dateTime), ("createdAt", dateTime),
            ("createdBy", string), ("unitCount", integer), ("counts", ref("ReportCounts")), ("units", array(ref("ReportUnitStatus")))]),
        "ReportSubmission": object(["unit"], [
            ("unit", string), ("values", ["type": "object", "additionalProperties": ref("ReportValue")]),
            ("files", ["type": "object", "additionalProperties": string]), ("note", string)]),
    ]
}
