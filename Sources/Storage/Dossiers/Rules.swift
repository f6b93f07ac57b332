import Catalog
import Core
import Dossiers
import Fluent
import Foundation
import Organisation
import WorkCalendar

/// Which unit decides a dossier. A commune or a department that receives a dossier handles it; the province's
/// one-stop centre passes it to the department of the procedure's field. The field → department table is the
/// province's configuration; these defaults follow Tuyên Quang's departments after the 2025 reorganisation.
public enum HandlingUnits {
    public static let departmentByField: [(keyword: String, department: String)] = [
        ("hộ tịch", "STP"), ("chứng thực", "STP"), ("lý lịch tư pháp", "STP"), ("nuôi con nuôi", "STP"),
        ("dược", "SYT"), ("bảo trợ xã hội", "SYT"), ("bảo hiểm y tế", "BHXH"),
        ("đất đai", "SNNMT"), ("môi trường", "SNNMT"), ("tài nguyên nước", "SNNMT"), ("thú y", "SNNMT"),
        ("thủy sản", "SNNMT"), ("trồng trọt", "SNNMT"), ("nông", "SNNMT"),
        ("xây dựng", "SXD"), ("đường bộ", "SXD"), ("giấy phép lái xe", "SXD"), ("phương tiện giao thông", "SXD"),
        ("doanh nghiệp", "STC"), ("hợp tác xã", "STC"), ("giáo dục", "SGDDT"), ("việc làm", "SNV"),
        ("tổ chức phi chính phủ", "SNV"), ("công thương", "SCT"), ("văn hóa", "SVHTTDL"), ("cư trú", "CAT"),
    ]
    /// Where a dossier goes when no field matches.
    public static let fallbackDepartment = "VPUBND"

    /// Whether the unit is a commune-level government or one of its offices.
    public static func isCommuneScope(_ unit: UnitModel) -> Bool {
        let segments = unit.path.split(separator: "/")
        return unit.kind.isCommuneLevel || (segments.count >= 2 && segments[1].allSatisfy(\.isNumber))
    }

    /// The handling unit for a procedure received at `receivingUnit`.
    public static func resolve(procedure: ProcedureRecord, receivingUnit: UnitModel, on db: any Database) async throws -> UnitModel {
        try await resolve(procedure: procedure, receivingUnit: receivingUnit) { try await UnitModel.find(code: $0, on: db) }
    }

    /// The handling unit for a procedure received at `receivingUnit`, looking units up with `unit`.
    static func resolve(procedure: ProcedureRecord, receivingUnit: UnitModel,
                        unit: (String) async throws -> UnitModel?) async throws -> UnitModel {
        if isCommuneScope(receivingUnit) || receivingUnit.kind == .department { return receivingUnit }
        let field = procedure.field.lowercased()
        let code = departmentByField.first { field.contains($0.keyword) }?.department ?? fallbackDepartment
        return try await unit(code) ?? receivingUnit
    }
}

/// Phí, lệ phí — the amount due for a channel: items without a `case` always apply; items with one apply when it
/// names the channel (`truc_tuyen`, `truc_tiep`, `buu_chinh`).
public enum FeeSchedule {
    public static func amount(_ fees: Fees, channel: Channel) -> Int {
        let caseName: String = switch channel {
        case .online: "truc_tuyen"
        case .desk: "truc_tiep"
        case .postal: "buu_chinh"
        }
        let general = fees.items.filter { $0.case == nil }.reduce(0) { $0 + $1.amountVnd }
        let cased = fees.items.filter { $0.case != nil }
        let matching = cased.filter { $0.case == caseName }
        // A channel the schedule does not name pays the desk amount (or the first case given).
        let chosen = !matching.isEmpty ? matching
            : cased.filter { $0.case == "truc_tiep" }.isEmpty ? Array(cased.prefix(1)) : cased.filter { $0.case == "truc_tiep" }
        return general + chosen.reduce(0) { $0 + $1.amountVnd }
    }
}

/// Kho dữ liệu số — the applicant's files from earlier dossiers (components and results), reusable in new ones.
public enum DigitalRepository {
    /// One file in the repository.
    public struct Item: Sendable, Codable {
        public var sha256: String
        public var name: String
        public var kind: String
        public var dossierCode: String
    }

    /// Every file of the applicant's dossiers, newest first, each file once.
    public static func items(owner: UUID, on db: any Database) async throws -> [Item] {
        let dossiers = try await DossierModel.query(on: db).filter(\.$applicantUserID == owner).all()
        let codes = Dictionary(uniqueKeysWithValues: try dossiers.map { (try $0.requireID(), $0.code) })
        guard !codes.isEmpty else { return [] }
        let files = try await DossierFileModel.query(on: db).filter(\.$dossier.$id ~~ Array(codes.keys))
            .sort(\.$createdAt, .descending).all()
        var seen = Set<String>()
        return files.compactMap { file in
            guard seen.insert(file.sha256).inserted else { return nil }
            return Item(sha256: file.sha256, name: file.name, kind: file.kind.rawValue, dossierCode: codes[file.$dossier.id] ?? "")
        }
    }

    /// The code of the dossier a repository file came from, if the applicant owns it.
    public static func find(sha256: String, owner: UUID, on db: any Database) async throws -> String? {
        try await items(owner: owner, on: db).first { $0.sha256 == sha256 }?.dossierCode
    }
}

/// Thông báo — messages for the applicant, put into the outbox in the same transaction as the change.
public enum Notifications {
    /// The e-mail and the SMS text telling the applicant of `dossier` about its new `status`.
    static func messages(for dossier: DossierModel, status: DossierStatus, at: Date) -> [OutboxMessageModel] {
        let subject = "Hồ sơ \(dossier.code): \(status.label)"
        var body = "Kính gửi \(dossier.applicantName),\nhồ sơ \(dossier.code) (\(dossier.procedureName)) hiện ở trạng thái: \(status.label)."
        if let appointment = dossier.appointment, !status.isClosed {
            body += "\nNgày hẹn trả kết quả: \(DisplayTime.format(appointment))."
        }
        var messages: [OutboxMessageModel] = []
        if let email = dossier.applicantEmail, !email.isEmpty {
            messages.append(OutboxMessageModel(dossierCode: dossier.code, channel: .email, recipient: email, subject: subject,
                                               body: body, at: at))
        }
        if let phone = dossier.applicantPhone, !phone.isEmpty {
            messages.append(OutboxMessageModel(dossierCode: dossier.code, channel: .sms, recipient: phone, subject: subject,
                                               body: "\(dossier.code): \(status.label)", at: at))
        }
        return messages
    }
}

/// Dates and times as Vietnamese readers expect them ("15:30 ngày 02/03/2026", Vietnam time).
public enum DisplayTime {
    public static func format(_ date: Date) -> String {
        let day = VietnamTime.localDate(of: date)
        let minutes = VietnamTime.minutesSinceMidnight(of: date)
        return String(format: "%02d:%02d ngày %02d/%02d/%04d", minutes / 60, minutes % 60, day.day, day.month, day.year)
    }
}
