import Foundation

/// Cấp thực hiện — the level that implements a procedure.
public enum ProcedureLevel: String, Codable, Sendable, CaseIterable {
    case commune
    case province
    /// Either level may receive it.
    case provinceAndCommune = "province-and-commune"
    /// Liên thông — linked between levels.
    case linked
}

/// Mức độ dịch vụ công trực tuyến — the online service level.
public enum ServiceLevel: String, Codable, Sendable, CaseIterable {
    /// Toàn trình — fully online.
    case fullOnline = "full-online"
    /// Một phần — partly online.
    case partialOnline = "partial-online"
    /// Cung cấp thông tin — information only.
    case information
}

/// Thời hạn giải quyết — the statutory processing time: working days, or same-day with a cut-off hour.
public struct ProcessingTime: Codable, Sendable, Equatable {
    public var workingDays: Double?
    /// Resolved the same working day, or the next one when received after `cutoffHour`.
    public var sameDay: Bool?
    public var cutoffHour: Int?
    /// Different times per channel where the portal gives them (informational).
    public var byChannel: [String: Double]?
    public var uncertain: Bool?
    public var note: String?

    public init(workingDays: Double? = nil, sameDay: Bool? = nil, cutoffHour: Int? = nil,
                byChannel: [String: Double]? = nil, uncertain: Bool? = nil, note: String? = nil) {
        self.workingDays = workingDays
        self.sameDay = sameDay
        self.cutoffHour = cutoffHour
        self.byChannel = byChannel
        self.uncertain = uncertain
        self.note = note
    }

    /// Hours in one working day when step allowances are given in hours (Labour Code art. 105: 8 hours a day).
    public static let hoursPerWorkingDay = 8.0

    /// Whether this is a same-day procedure.
    public var isSameDay: Bool { sameDay == true }

    /// The statutory time in working days (a same-day procedure counts as one working day).
    public var statutoryWorkingDays: Double { isSameDay ? 1 : (workingDays ?? 0) }

    /// Vietnamese text, e.g. "15 ngày làm việc" or "Trong ngày (nhận sau 15 giờ trả ngày làm việc tiếp theo)".
    public var label: String {
        if isSameDay {
            return "Trong ngày làm việc" + (cutoffHour.map { " (nhận sau \($0) giờ trả ngày làm việc tiếp theo)" } ?? "")
        }
        return "\(ProcessingTime.format(workingDays ?? 0)) ngày làm việc"
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value).replacingOccurrences(of: ".", with: ",")
    }
}

/// Phí, lệ phí — a fee item.
public struct FeeItem: Codable, Sendable, Equatable {
    public var name: String?
    /// When the amount depends on the channel or period (e.g. `truc_tuyen`, `truc_tiep`).
    public var `case`: String?
    public var amountVnd: Int
}

/// The fee schedule of a procedure.
public struct Fees: Codable, Sendable, Equatable {
    public var items: [FeeItem]
    public var summary: String?
    public var exemptions: String?
    public var setByProvincialCouncil: Bool?

    public init(items: [FeeItem] = [], summary: String? = nil, exemptions: String? = nil,
                setByProvincialCouncil: Bool? = nil) {
        self.items = items
        self.summary = summary
        self.exemptions = exemptions
        self.setByProvincialCouncil = setByProvincialCouncil
    }
}

/// Thành phần hồ sơ — a required dossier component.
public struct DossierComponent: Codable, Sendable, Equatable {
    public var name: String
    public var originals: Int
    public var copies: Int
    public var group: String?
    /// Whether a copy in the citizen's digital repository (kho dữ liệu số) may stand in.
    public var reusable: Bool
}

/// The types of e-form field.
public enum FieldType: String, Codable, Sendable, CaseIterable {
    case text, number, date, select, file
    case personalID = "personal-id"
}

/// A field of the e-form (biểu mẫu điện tử).
public struct FormField: Codable, Sendable, Equatable {
    public var key: String
    public var label: String
    public var type: FieldType
    public var required: Bool
    public var options: [String]?

    public init(key: String, label: String, type: FieldType, required: Bool, options: [String]? = nil) {
        self.key = key
        self.label = label
        self.type = type
        self.required = required
        self.options = options
    }
}

/// Who performs a process step: the unit that took the dossier, or the unit that decides.
public enum StepUnit: String, Codable, Sendable {
    case receiving, handling
}

/// A step of the internal electronic process (quy trình nội bộ): a role in a unit with an allotted time.
public struct ProcessStep: Codable, Sendable, Equatable {
    public var name: String
    /// The performing role (`desk-officer`, `specialist`, `unit-leader`, `agency-leader`, `clerk`).
    public var role: String
    public var unit: StepUnit
    public var workingDays: Double?
    public var hours: Double?
    /// Who performs it, as the published process names them (informational).
    public var performer: String?

    /// The allotted time in working days (hours converted at 8 a day).
    public var allottedWorkingDays: Double {
        (workingDays ?? 0) + (hours ?? 0) / ProcessingTime.hoursPerWorkingDay
    }
}

/// Quy trình nội bộ — the internal electronic process of a procedure.
public struct InternalProcess: Codable, Sendable, Equatable {
    /// `published` (a province's decision) or `template`.
    public var origin: String
    public var steps: [ProcessStep]
    public var source: String?
}

/// A procedure as the catalog format `cqs-procedure-catalog/1` carries it; also the versioned
/// document cqs stores for each published version.
public struct ProcedureRecord: Codable, Sendable, Equatable {
    /// Mã TTHC — national code; nil where none was found (then `localCode` is used).
    public var code: String?
    public var localCode: String?
    public var name: String
    public var field: String
    public var level: ProcedureLevel
    public var agency: String
    public var audience: String?
    public var processingTime: ProcessingTime
    public var fees: Fees
    public var components: [DossierComponent]
    public var formFields: [FormField]
    public var serviceLevel: ServiceLevel
    public var legalBasis: [String]
    public var result: String
    public var process: InternalProcess
    public var publishedBy: String?

    /// The code cqs files it under: the national code, or the local one.
    public var catalogCode: String { code ?? localCode ?? "" }
}

/// Nhóm thủ tục liên thông — one submission that creates a dossier for each member procedure.
public struct ProcedureGroupRecord: Codable, Sendable, Equatable {
    public var localCode: String
    public var name: String
    public var legalBasis: [String]?
    public var members: [String]
    public var note: String?
}

/// A catalog file (`cqs-procedure-catalog/1`).
public struct CatalogFile: Codable, Sendable {
    public static let formatName = "cqs-procedure-catalog/1"
    public var format: String
    public var procedures: [ProcedureRecord]
    public var groups: [ProcedureGroupRecord]?

    public init(format: String = CatalogFile.formatName, procedures: [ProcedureRecord],
                groups: [ProcedureGroupRecord]? = nil) {
        self.format = format
        self.procedures = procedures
        self.groups = groups
    }
}
