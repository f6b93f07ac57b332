import Access
import Core
import Fluent
import Foundation
import Indicators
import Organisation

/// Báo cáo định kỳ — periodic report campaigns (issue 6 item 6). The province administrator creates a campaign (Đợt
/// báo cáo): a template of fields (numbers, texts, files), the period it is about, a due date-time (Hạn nộp) and the
/// units that must answer (Đơn vị phải báo cáo). Each unit's leaders or administrator submit its report; the
/// province sees who is late and the aggregate (Tổng hợp). Number fields bound to a figure are pre-filled from the
/// unit's figures (with its sub-units) for the campaign's period.
///
/// Rules:
/// - Only the province administrator creates campaigns and sees every unit's status and the aggregate.
/// - A unit's report is submitted by an official holding unit-leader, agency-leader or administrator AT that unit
///   (not above it, not below it): a desk officer of the unit, another unit's official, or the province
///   administrator get 403.
/// - Before the due date a unit may resubmit as often as it likes (the last submission counts). After the due date a
///   unit that has not submitted may still submit once: the report is accepted and marked late (nộp muộn); a report
///   already submitted can no longer be changed (409).
/// - Every write runs in one transaction with its audit event (`report.create`, `report.submit`).
public enum ReportService {
    // MARK: vocabulary

    /// Loại trường — what a field holds.
    public enum FieldKind: String, Codable, Sendable, CaseIterable {
        /// Số — a number (counts, amounts, percentages).
        case number
        /// Văn bản — free text.
        case text
        /// Tệp — one uploaded file (PDF, DOCX, …), by SHA-256.
        case file

        /// Vietnamese label.
        public var label: String {
            switch self {
            case .number: "Số"
            case .text: "Văn bản"
            case .file: "Tệp đính kèm"
            }
        }
    }

    /// Trường của biểu mẫu báo cáo — one field of a campaign's template.
    public struct Field: Codable, Sendable, Hashable {
        /// Mã trường — stable key ([a-z0-9-], at most 40 characters).
        public var key: String
        /// Tên trường, shown to the units.
        public var label: String
        public var kind: FieldKind
        /// The `FigureKey` raw value whose figure pre-fills a number field, e.g. "received".
        public var figure: String?
        /// Bắt buộc — the unit must answer it.
        public var required: Bool

        public init(key: String, label: String, kind: FieldKind, figure: String? = nil, required: Bool) {
            self.key = key
            self.label = label
            self.kind = kind
            self.figure = figure
            self.required = required
        }
    }

    /// Giá trị — a submitted number or text (JSON: a number or a string).
    public enum Value: Codable, Sendable, Hashable {
        case number(Double)
        case text(String)

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Double.self) { self = .number(number) } else {
                self = .text(try container.decode(String.self))
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case let .number(value): try container.encode(value)
            case let .text(value): try container.encode(value)
            }
        }

        /// The number, if this is one.
        public var number: Double? { if case let .number(value) = self { value } else { nil } }
        /// The text, if this is one.
        public var text: String? { if case let .text(value) = self { value } else { nil } }
    }

    /// Nhóm đơn vị — a whole group of units to assign at once.
    public enum UnitGroup: String, Codable, Sendable, CaseIterable {
        /// Tất cả xã, phường, đặc khu (the 2025 structure, in force).
        case communes
        /// Tất cả sở, ban, ngành (in force).
        case departments
    }

    /// Tình trạng nộp — where a unit stands in a campaign.
    public enum Status: String, Codable, Sendable, CaseIterable {
        /// Chưa nộp — nothing submitted, the due date has not passed.
        case pending
        /// Đã nộp — submitted by the due date.
        case submitted
        /// Nộp muộn — submitted after the due date.
        case late
        /// Quá hạn chưa nộp — nothing submitted and the due date has passed.
        case overdue

        /// Vietnamese label.
        public var label: String {
            switch self {
            case .pending: "Chưa nộp"
            case .submitted: "Đã nộp"
            case .late: "Nộp muộn"
            case .overdue: "Quá hạn chưa nộp"
            }
        }

        /// The status of a unit with `submission` (or none) at `now`.
        public static func of(_ submission: ReportSubmissionModel?, dueAt: Date, now: Date) -> Status {
            if let submission { return submission.late ? .late : .submitted }
            return now > dueAt ? .overdue : .pending
        }
    }

    /// Who acts and when; `period` reads a period text ("2026-Q1") — the web layer's parser — or gives nil.
    public struct Context: Sendable {
        public var actor: Actor
        public var now: Date
        public var period: @Sendable (String) -> Period?

        public init(actor: Actor, now: Date, period: @escaping @Sendable (String) -> Period?) {
            self.actor = actor
            self.now = now
            self.period = period
        }
    }

    // MARK: inputs

    /// One field as the creator sends it (checked by `create`).
    public struct FieldInput: Codable, Sendable {
        /// Optional: made from the label when absent ("Số hồ sơ tiếp nhận" → "so-ho-so-tiep-nhan").
        public var key: String?
        public var label: String?
        /// "number", "text" or "file".
        public var kind: String?
        public var figure: String?
        public var required: Bool?

        public init(key: String? = nil, label: String?, kind: String?, figure: String? = nil, required: Bool? = nil) {
            self.key = key
            self.label = label
            self.kind = kind
            self.figure = figure
            self.required = required
        }
    }

    /// `POST /api/v1/reports` — a new campaign.
    public struct NewCampaign: Codable, Sendable {
        public var title: String?
        public var description: String?
        /// Kỳ báo cáo: "2026", "2026-Q1", "2026-03" or "2026-03-01..2026-03-31".
        public var period: String?
        public var dueAt: Date?
        public var fields: [FieldInput]?
        /// Unit codes.
        public var units: [String]?
        /// Whole groups: "communes", "departments".
        public var unitGroups: [String]?

        public init(title: String?, description: String? = nil, period: String?, dueAt: Date?, fields: [FieldInput]?,
                    units: [String]? = nil, unitGroups: [String]? = nil) {
            self.title = title
            self.description = description
            self.period = period
            self.dueAt = dueAt
            self.fields = fields
            self.units = units
            self.unitGroups = unitGroups
        }
    }

    /// `POST /api/v1/reports/{id}/submissions` — a unit's report.
    public struct SubmissionInput: Codable, Sendable {
        public var unit: String?
        /// Number and text fields: a JSON number, or text ("1.234,5" and "1234.5" are both read as numbers).
        public var values: [String: Value]?
        /// File fields: the SHA-256 of a file the submitter uploaded.
        public var files: [String: String]?
        /// Why (recorded in the audit log); a default text when absent.
        public var note: String?

        public init(unit: String?, values: [String: Value]? = nil, files: [String: String]? = nil, note: String? = nil) {
            self.unit = unit
            self.values = values
            self.files = files
            self.note = note
        }
    }

    // MARK: views

    /// One unit of a campaign with where it stands.
    public struct UnitRow: Sendable {
        public let code: String
        public let name: String
        public let path: String
        public let status: Status
        public let submission: ReportSubmissionModel?
    }

    /// A campaign with its fields and the units the caller may see (all of them for the province).
    public struct Campaign: Sendable {
        public let model: ReportCampaignModel
        public let fields: [Field]
        public let units: [UnitRow]
        /// The number of units that must answer (all, not only those the caller sees).
        public let unitCount: Int

        public var id: UUID { model.id! }
    }

    /// Tổng hợp — one field's aggregate over the submitted reports (late ones included).
    public struct FieldAggregate: Sendable {
        public let field: Field
        /// Số đơn vị trả lời — reports that answer the field.
        public let answers: Int
        /// Tổng and trung bình — number fields only, nil without answers.
        public let sum: Double?
        public let average: Double?
    }

    /// One field of a unit's form: the pre-filled figure and what the unit submitted.
    public struct FormField: Sendable {
        public let field: Field
        /// Giá trị tính sẵn từ số liệu — counts as integers, rates as percentages with one decimal (the average
        /// resolution time in seconds); nil when the figure has no value (a rate of nothing).
        public let prefill: Double?
        /// The submitted number or text.
        public let value: Value?
        /// The submitted file (SHA-256).
        public let file: String?
    }

    /// Biểu mẫu của đơn vị — a unit's form of a campaign.
    public struct Form: Sendable {
        public let campaign: Campaign
        public let unit: UnitRow
        public let fields: [FormField]
        /// Whether the caller may submit now; when not, `blocked` says why (Vietnamese).
        public let canSubmit: Bool
        public let blocked: String?
    }

    // MARK: permissions

    /// The roles that submit a unit's report, held at the unit itself.
    public static let answeringRoles: Set<Role> = [.unitLeader, .agencyLeader, .administrator]

    /// Whether `actor` submits the report of the unit `unitCode`.
    public static func answers(_ actor: Actor, for unitCode: String) -> Bool {
        actor.kind == .official && actor.assignments.contains { $0.unitCode == unitCode && answeringRoles.contains($0.role) }
    }

    /// Whether `actor` sees the unit at `path` in campaigns (the province sees all).
    static func sees(_ actor: Actor, unitAt path: String) -> Bool {
        AccessPolicy.isProvinceAdministrator(actor) || AccessPolicy.allows(actor, .viewUnit, onUnitAt: path)
    }

    // MARK: create

    /// Tạo đợt báo cáo — the province administrator creates a campaign; 400 names every invalid field at once.
    public static func create(_ input: NewCampaign, context: Context, on db: any Database) async throws -> Campaign {
        let actor = context.actor
        guard AccessPolicy.isProvinceAdministrator(actor) else {
            throw Problem.forbidden("Chỉ quản trị cấp tỉnh được tạo đợt báo cáo", "Only the province administrator creates report campaigns.")
        }
        let now = context.now
        var errors: [String: String] = [:]
        let title = trimmed(input.title)
        if title.isEmpty { errors["title"] = "Nhập tên đợt báo cáo." }
        if title.count > 300 { errors["title"] = "Tên đợt báo cáo không quá 300 ký tự." }
        let instructions = trimmed(input.description)
        if instructions.count > 4000 { errors["description"] = "Hướng dẫn không quá 4.000 ký tự." }
        let period = trimmed(input.period)
        if period.isEmpty {
            errors["period"] = "Nhập kỳ báo cáo, ví dụ 2026-Q1."
        } else if context.period(period) == nil {
            errors["period"] = "Kỳ báo cáo không hợp lệ. Ví dụ: 2026, 2026-Q1, 2026-03 hoặc 2026-03-01..2026-03-31."
        }
        if let dueAt = input.dueAt {
            if dueAt <= now { errors["dueAt"] = "Hạn nộp phải sau thời điểm hiện tại (\(DisplayTime.format(now)))." }
        } else {
            errors["dueAt"] = "Nhập hạn nộp."
        }
        let fields = validateFields(input.fields ?? [], errors: &errors)
        let units = try await resolveUnits(codes: input.units ?? [], groups: input.unitGroups ?? [], now: now, errors: &errors, on: db)
        guard errors.isEmpty, let dueAt = input.dueAt else {
            throw Problem.invalid("Đợt báo cáo có \(errors.count) mục chưa hợp lệ",
                                  "The campaign has invalid fields: \(errors.keys.sorted().joined(separator: ", ")).", fields: errors)
        }
        let fieldsJSON = String(decoding: try JSONEncoder().encode(fields), as: UTF8.self)
        let model = try await db.writeTransaction { db in
            let campaign = ReportCampaignModel(title: title, instructions: instructions, period: period, dueAt: dueAt,
                                               fields: fieldsJSON, createdBy: actor.username, createdAt: now)
            try await campaign.create(on: db)
            let id = try campaign.requireID()
            try await units.map { ReportCampaignUnitModel(campaignID: id, unitCode: $0.code, unitPath: $0.path) }.create(on: db)
            try await AuditEventModel.record(on: db, at: now, actor: actor.username, action: "report.create", subject: "report:\(id)",
                                             reason: "\(title): kỳ \(period), \(fields.count) trường, \(units.count) đơn vị, hạn \(DisplayTime.format(dueAt))")
            return campaign
        }
        return try await load([model], actor: actor, now: now, on: db)[0]
    }

    /// The checked fields (keys made from labels when absent); problems go to `errors` as `fields[i].label` etc.
    static func validateFields(_ inputs: [FieldInput], errors: inout [String: String]) -> [Field] {
        if inputs.isEmpty { errors["fields"] = "Thêm ít nhất một trường vào biểu mẫu." }
        if inputs.count > 50 { errors["fields"] = "Biểu mẫu có tối đa 50 trường." }
        var fields: [Field] = []
        var keys = Set<String>()
        for (index, input) in inputs.enumerated() {
            let at = "fields[\(index)]"
            let label = trimmed(input.label)
            if label.isEmpty { errors["\(at).label"] = "Nhập tên trường." }
            if label.count > 200 { errors["\(at).label"] = "Tên trường không quá 200 ký tự." }
            let kind = FieldKind(rawValue: trimmed(input.kind))
            if kind == nil { errors["\(at).kind"] = "Chọn loại trường: số, văn bản hoặc tệp." }
            let figure = trimmed(input.figure)
            if !figure.isEmpty {
                if FigureKey(rawValue: figure) == nil {
                    errors["\(at).figure"] = "Không có chỉ số \"\(figure)\"."
                } else if kind != nil && kind != .number {
                    errors["\(at).figure"] = "Chỉ trường số được điền sẵn từ số liệu."
                }
            }
            var key = trimmed(input.key)
            if key.isEmpty {
                let base = slug(label).isEmpty ? "truong-\(index + 1)" : slug(label)
                key = base
                var suffix = 2
                while keys.contains(key) { key = "\(base)-\(suffix)"; suffix += 1 }
            } else if !isValidKey(key) {
                errors["\(at).key"] = "Mã trường gồm chữ thường không dấu, chữ số và dấu gạch ngang (tối đa 40 ký tự)."
            } else if keys.contains(key) {
                errors["\(at).key"] = "Mã trường \"\(key)\" bị trùng."
            }
            keys.insert(key)
            if let kind {
                fields.append(Field(key: key, label: label, kind: kind, figure: figure.isEmpty ? nil : figure,
                                    required: input.required ?? false))
            }
        }
        return fields
    }

    /// The units named by `codes` and `groups`, in force today, without repeats (in path order).
    static func resolveUnits(codes: [String], groups: [String], now: Date, errors: inout [String: String],
                             on db: any Database) async throws -> [UnitModel] {
        let today = Period.Day(of: now).description
        var units: [String: UnitModel] = [:]
        let wanted = Array(Set(codes.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }))
        if !wanted.isEmpty {
            let found = try await UnitModel.query(on: db).filter(\.$code ~~ wanted).all()
            let byCode = Dictionary(found.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
            let missing = wanted.filter { byCode[$0] == nil }.sorted()
            let ended = found.filter { !$0.isValid(on: today) }.map(\.code).sorted()
            if !missing.isEmpty {
                errors["units"] = "Không tìm thấy đơn vị: \(missing.joined(separator: ", "))."
            } else if !ended.isEmpty {
                errors["units"] = "Đơn vị không còn hiệu lực: \(ended.joined(separator: ", "))."
            }
            for unit in found { units[unit.code] = unit }
        }
        for raw in groups {
            switch UnitGroup(rawValue: raw.trimmingCharacters(in: .whitespaces)) {
            case .communes:
                let communes = try await UnitModel.query(on: db).filter(\.$structure == .y2025)
                    .filter(\.$kind ~~ [.commune, .ward, .township, .specialZone]).filter(\.$validUntil == nil).all()
                for unit in communes { units[unit.code] = unit }
            case .departments:
                let departments = try await UnitModel.query(on: db).filter(\.$kind == .department).filter(\.$validUntil == nil).all()
                for unit in departments { units[unit.code] = unit }
            case nil:
                errors["unitGroups"] = "Nhóm đơn vị không hợp lệ: \"\(raw)\" (communes hoặc departments)."
            }
        }
        if units.isEmpty, errors["units"] == nil { errors["units"] = "Chọn ít nhất một đơn vị phải báo cáo." }
        return units.values.sorted { $0.path < $1.path }
    }

    // MARK: read

    /// Danh sách đợt báo cáo — the campaigns the caller sees, newest first: all for the province, otherwise those that
    /// a unit in the caller's scope must answer (with only those units).
    public static func campaigns(context: Context, on db: any Database) async throws -> [Campaign] {
        let actor = context.actor
        guard actor.kind == .official else { throw Problem.forbidden() }
        let models: [ReportCampaignModel]
        if AccessPolicy.isProvinceAdministrator(actor) {
            models = try await ReportCampaignModel.query(on: db).sort(\.$createdAt, .descending).all()
        } else {
            let scopes = AccessPolicy.scopes(of: actor, for: .viewUnit)
            guard !scopes.isEmpty else { return [] }
            let rows = try await ReportCampaignUnitModel.query(on: db).group(.or) { group in
                for scope in scopes { group.filter(\.$unitPath =~ scope) }
            }.all()
            let ids = Array(Set(rows.map(\.$campaign.id)))
            models = ids.isEmpty ? [] : try await ReportCampaignModel.query(on: db).filter(\.$id ~~ ids)
                .sort(\.$createdAt, .descending).all()
        }
        return try await load(models, actor: actor, now: context.now, on: db)
    }

    /// One campaign, with the units the caller sees; 404 when the caller sees none of them.
    public static func campaign(id: UUID, context: Context, on db: any Database) async throws -> Campaign {
        guard context.actor.kind == .official, let model = try await ReportCampaignModel.find(id, on: db) else { throw notFound(id) }
        let campaign = try await load([model], actor: context.actor, now: context.now, on: db)[0]
        guard !campaign.units.isEmpty || AccessPolicy.isProvinceAdministrator(context.actor) else { throw notFound(id) }
        return campaign
    }

    /// Tổng hợp — each field's answers, and for numbers their sum and average.
    public static func aggregate(_ campaign: Campaign) -> [FieldAggregate] {
        let reports = campaign.units.compactMap(\.submission)
        let values = reports.map { decodeValues($0.values) }
        let files = reports.map { decodeFiles($0.files) }
        return campaign.fields.map { field in
            switch field.kind {
            case .number:
                let numbers = values.compactMap { $0[field.key]?.number }
                let sum = numbers.isEmpty ? nil : numbers.reduce(0, +)
                return FieldAggregate(field: field, answers: numbers.count, sum: sum, average: sum.map { $0 / Double(numbers.count) })
            case .text:
                let answered = values.filter { !($0[field.key]?.text ?? "").isEmpty }.count
                return FieldAggregate(field: field, answers: answered, sum: nil, average: nil)
            case .file:
                return FieldAggregate(field: field, answers: files.filter { $0[field.key] != nil }.count, sum: nil, average: nil)
            }
        }
    }

    /// Biểu mẫu của đơn vị — the form of `unitCode` (default: the first unit the caller answers for, else the first
    /// it sees), pre-filled from the figures; 403 for a unit the caller does not see, 404 for a unit not assigned.
    public static func form(campaignID: UUID, unitCode: String?, context: Context, on db: any Database) async throws -> Form {
        let actor = context.actor
        let campaign = try await campaign(id: campaignID, context: context, on: db)
        let code = trimmed(unitCode)
        let row: UnitRow
        if !code.isEmpty {
            if let visible = campaign.units.first(where: { $0.code == code }) {
                row = visible
            } else if try await ReportCampaignUnitModel.query(on: db).filter(\.$campaign.$id == campaignID)
                .filter(\.$unitCode == code).first() != nil {
                throw Problem.forbidden()
            } else {
                throw Problem.notFound("Đơn vị không phải nộp đợt báo cáo này", "Unit \(code) is not among the units that must answer.")
            }
        } else if let first = campaign.units.first(where: { answers(actor, for: $0.code) }) ?? campaign.units.first {
            row = first
        } else {
            throw Problem.notFound("Đợt báo cáo chưa có đơn vị phải báo cáo", "The campaign has no units.")
        }
        var prefill: [String: Double] = [:]
        if campaign.fields.contains(where: { $0.figure != nil }), let period = context.period(campaign.model.period) {
            prefill = try await figures(campaign.fields, unitPath: row.path, period: period, now: context.now, on: db)
        }
        let values = row.submission.map { decodeValues($0.values) } ?? [:]
        let files = row.submission.map { decodeFiles($0.files) } ?? [:]
        let fields = campaign.fields.map {
            FormField(field: $0, prefill: prefill[$0.key], value: values[$0.key], file: files[$0.key])
        }
        let blocked: String? = if !answers(actor, for: row.code) {
            "Chỉ lãnh đạo hoặc quản trị của \(row.name) được nộp báo cáo của đơn vị."
        } else if row.submission != nil && context.now > campaign.model.dueAt {
            "Đã quá hạn nộp: báo cáo đã nộp không sửa được nữa."
        } else {
            nil
        }
        return Form(campaign: campaign, unit: row, fields: fields, canSubmit: blocked == nil, blocked: blocked)
    }

    /// The pre-filled value of every figure-bound number field for the unit at `unitPath` with its sub-units.
    static func figures(_ fields: [Field], unitPath: String, period: Period, now: Date, on db: any Database) async throws -> [String: Double] {
        let figures = try await IndicatorQueries.figures(scope: UnitScope(unitPath: unitPath), period: period, now: now, on: db)
        var values: [String: Double] = [:]
        for field in fields where field.kind == .number {
            guard let key = field.figure.flatMap(FigureKey.init(rawValue:)) else { continue }
            switch figures.value(key) {
            case let .count(n): values[field.key] = Double(n)
            case let .rate(ratio):
                let shown = key == .averageResolutionSeconds ? ratio.value : ratio.percent
                if let shown { values[field.key] = (shown * 10).rounded() / 10 }
            }
        }
        return values
    }

    // MARK: submit

    /// Nộp báo cáo — a unit's leader or administrator submits its report; 400 names every invalid field
    /// (`values.<key>`, `files.<key>`, `unit`), 403 for anyone else, 409 for a change after the due date.
    /// Returns the unit's form after the submission and whether it was the unit's first.
    public static func submit(campaignID: UUID, input: SubmissionInput, context: Context, on db: any Database) async throws
        -> (form: Form, created: Bool) {
        let actor = context.actor
        guard actor.kind == .official else { throw Problem.forbidden() }
        guard let campaign = try await ReportCampaignModel.find(campaignID, on: db) else { throw notFound(campaignID) }
        let code = trimmed(input.unit)
        guard !code.isEmpty, let unit = try await UnitModel.find(code: code, on: db) else {
            throw Problem.invalid("Chưa chọn đơn vị nộp báo cáo", "unit must be the code of an existing unit.",
                                  fields: ["unit": code.isEmpty ? "Chọn đơn vị nộp báo cáo." : "Không tìm thấy đơn vị \(code)."])
        }
        guard answers(actor, for: unit.code) else {
            throw Problem.forbidden("Chỉ lãnh đạo hoặc quản trị của \(unit.name) được nộp báo cáo của đơn vị",
                                    "Only officials holding unit-leader, agency-leader or administrator at unit \(unit.code) submit its report.")
        }
        guard try await ReportCampaignUnitModel.query(on: db).filter(\.$campaign.$id == campaignID)
            .filter(\.$unitCode == unit.code).first() != nil else {
            throw Problem.invalid("Đơn vị không phải nộp đợt báo cáo này", "Unit \(unit.code) is not among the units that must answer.",
                                  fields: ["unit": "\(unit.name) không thuộc danh sách đơn vị phải báo cáo."])
        }
        let fields = decodeFields(campaign.fields)
        // a resubmission may keep the files of the unit's report (a colleague may have uploaded them)
        let previous = try await ReportSubmissionModel.query(on: db).filter(\.$campaign.$id == campaignID)
            .filter(\.$unitCode == unit.code).first()
        let (values, files) = try await validate(input, fields: fields, uploader: actor.username,
                                                 kept: previous.map { decodeFiles($0.files) } ?? [:], on: db)
        let valuesJSON = String(decoding: try JSONEncoder().encode(values), as: UTF8.self)
        let filesJSON = String(decoding: try JSONEncoder().encode(files), as: UTF8.self)
        let now = context.now
        let late = now > campaign.dueAt
        let note = trimmed(input.note)
        let created: Bool
        do {
            created = try await db.writeTransaction { db in
                let existing = try await ReportSubmissionModel.query(on: db).filter(\.$campaign.$id == campaignID)
                    .filter(\.$unitCode == unit.code).first()
                let reason: String
                if let existing {
                    guard !late else {
                        throw Problem.conflict("Đã quá hạn nộp: báo cáo đã nộp không sửa được nữa",
                                               "The due date has passed; a submitted report can no longer be changed.")
                    }
                    existing.values = valuesJSON
                    existing.files = filesJSON
                    existing.submittedAt = now
                    existing.submittedBy = actor.username
                    existing.version += 1
                    try await existing.update(on: db)
                    reason = "Nộp lại báo cáo (lần \(existing.version))"
                } else {
                    try await ReportSubmissionModel(campaignID: campaignID, unitCode: unit.code, values: valuesJSON, files: filesJSON,
                                                    submittedAt: now, submittedBy: actor.username, late: late, version: 1).create(on: db)
                    reason = late ? "Nộp muộn, sau hạn \(DisplayTime.format(campaign.dueAt))" : "Nộp báo cáo"
                }
                try await AuditEventModel.record(on: db, at: now, actor: actor.username, action: "report.submit",
                                                 subject: "report:\(campaignID)/\(unit.code)", reason: note.isEmpty ? reason : note)
                return existing == nil
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw Problem.conflict("Báo cáo của đơn vị vừa được nộp, vui lòng tải lại trang", "A concurrent submission of the same unit's report won.")
        }
        return (try await form(campaignID: campaignID, unitCode: unit.code, context: context, on: db), created)
    }

    /// The submission's checked values and files, or 400 naming every invalid one.
    static func validate(_ input: SubmissionInput, fields: [Field], uploader: String, kept: [String: String] = [:],
                         on db: any Database) async throws
        -> (values: [String: Value], files: [String: String]) {
        var errors: [String: String] = [:]
        let given = input.values ?? [:]
        let givenFiles = (input.files ?? [:]).mapValues { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        let byKey = Dictionary(fields.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        for key in given.keys where byKey[key] == nil { errors["values.\(key)"] = "Biểu mẫu không có trường \"\(key)\"." }
        for key in givenFiles.keys where byKey[key] == nil { errors["files.\(key)"] = "Biểu mẫu không có trường \"\(key)\"." }
        let referenced = fields.filter { $0.kind == .file }.compactMap { givenFiles[$0.key] }.filter { !$0.isEmpty }
        let uploaded = referenced.isEmpty ? Set<String>() : Set(try await FileUploadModel.query(on: db)
            .filter(\.$username == uploader).filter(\.$sha256 ~~ referenced).all().map(\.sha256))
        var values: [String: Value] = [:]
        var files: [String: String] = [:]
        for field in fields {
            let valueKey = "values.\(field.key)", fileKey = "files.\(field.key)"
            switch field.kind {
            case .number:
                if givenFiles[field.key] != nil { errors[fileKey] = "Trường số không nhận tệp." }
                switch given[field.key] {
                case let .number(number)?:
                    if number.isFinite { values[field.key] = .number(number) } else { errors[valueKey] = "Nhập một số hữu hạn." }
                case let .text(text)?:
                    if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                        if field.required { errors[valueKey] = "Nhập \(field.label.lowercased())." }
                    } else if let number = ReportNumber.parse(text) {
                        values[field.key] = .number(number)
                    } else {
                        errors[valueKey] = "\"\(text)\" không phải là số. Ví dụ: 1.234,5 hoặc 1234.5."
                    }
                case nil:
                    if field.required { errors[valueKey] = "Nhập \(field.label.lowercased())." }
                }
            case .text:
                if givenFiles[field.key] != nil { errors[fileKey] = "Trường văn bản không nhận tệp." }
                let text: String = switch given[field.key] {
                case let .text(text)?: text.trimmingCharacters(in: .whitespacesAndNewlines)
                case let .number(number)?: number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : "\(number)"
                case nil: ""
                }
                if text.isEmpty {
                    if field.required { errors[valueKey] = "Nhập \(field.label.lowercased())." }
                } else if text.count > 5000 {
                    errors[valueKey] = "Không quá 5.000 ký tự."
                } else {
                    values[field.key] = .text(text)
                }
            case .file:
                if given[field.key] != nil { errors[valueKey] = "Trường tệp: gửi mã SHA-256 của tệp trong files." }
                let sha = givenFiles[field.key] ?? ""
                if sha.isEmpty {
                    if field.required { errors[fileKey] = "Tải tệp \(field.label.lowercased()) lên." }
                } else if !uploaded.contains(sha) && kept[field.key] != sha {
                    errors[fileKey] = "Tệp chưa được tải lên (tệp phải do chính bạn tải lên trước)."
                } else {
                    files[field.key] = sha
                }
            }
        }
        guard errors.isEmpty else {
            throw Problem.invalid("Báo cáo có \(errors.count) trường chưa hợp lệ",
                                  "The report has invalid fields: \(errors.keys.sorted().joined(separator: ", ")).", fields: errors)
        }
        return (values, files)
    }

    // MARK: loading and helpers

    /// Loads campaigns with their units and submissions (three queries in all); for anyone but the province only the
    /// units they see are kept.
    static func load(_ models: [ReportCampaignModel], actor: Actor, now: Date, on db: any Database) async throws -> [Campaign] {
        let ids = models.compactMap(\.id)
        guard !ids.isEmpty else { return [] }
        let assigned = try await ReportCampaignUnitModel.query(on: db).filter(\.$campaign.$id ~~ ids).all()
        let submissions = try await ReportSubmissionModel.query(on: db).filter(\.$campaign.$id ~~ ids).all()
        let codes = Array(Set(assigned.map(\.unitCode)))
        let units = codes.isEmpty ? [] : try await UnitModel.query(on: db).filter(\.$code ~~ codes).all()
        let names = Dictionary(units.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        let byCampaign = Dictionary(grouping: assigned, by: \.$campaign.id)
        let reports = Dictionary(submissions.map { ("\($0.$campaign.id)|\($0.unitCode)", $0) }, uniquingKeysWith: { a, _ in a })
        return models.map { model in
            let rows = (byCampaign[model.id!] ?? []).sorted { $0.unitPath < $1.unitPath }
            let visible = rows.filter { sees(actor, unitAt: $0.unitPath) }.map { row in
                let submission = reports["\(model.id!)|\(row.unitCode)"]
                return UnitRow(code: row.unitCode, name: names[row.unitCode] ?? row.unitCode, path: row.unitPath,
                               status: .of(submission, dueAt: model.dueAt, now: now), submission: submission)
            }
            return Campaign(model: model, fields: decodeFields(model.fields), units: visible, unitCount: rows.count)
        }
    }

    static func notFound(_ id: UUID) -> Problem {
        Problem.notFound("Không tìm thấy đợt báo cáo", "No report campaign \(id) visible to you.")
    }

    /// The fields of a campaign as stored.
    public static func decodeFields(_ json: String) -> [Field] {
        (try? JSONDecoder().decode([Field].self, from: Data(json.utf8))) ?? []
    }

    /// The values of a submission as stored.
    public static func decodeValues(_ json: String) -> [String: Value] {
        (try? JSONDecoder().decode([String: Value].self, from: Data(json.utf8))) ?? [:]
    }

    /// The files of a submission as stored (field key → SHA-256).
    public static func decodeFiles(_ json: String) -> [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data(json.utf8))) ?? [:]
    }

    static func trimmed(_ text: String?) -> String { (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }

    static func isValidKey(_ key: String) -> Bool {
        (1...40).contains(key.count) && key.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// "Số hồ sơ tiếp nhận" → "so-ho-so-tiep-nhan" (at most 40 characters).
    static func slug(_ label: String) -> String {
        let folded = VietnameseText.fold(label).replacingOccurrences(of: ".", with: " ")
        let words = folded.split(separator: " ").map { String($0.unicodeScalars.filter { ("a"..."z").contains($0) || ("0"..."9").contains($0) }.map(Character.init)) }
        var slug = words.filter { !$0.isEmpty }.joined(separator: "-")
        if slug.count > 40 { slug = String(slug.prefix(40)).trimmingCharacters(in: CharacterSet(charactersIn: "-")) }
        return slug
    }
}
