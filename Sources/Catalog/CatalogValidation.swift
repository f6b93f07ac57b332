import Foundation

/// A reason a procedure (or a whole catalog file) is refused. The import is all-or-nothing.
public struct CatalogViolation: Error, Equatable, Sendable, CustomStringConvertible {
    /// The procedure at fault (its catalog code, or its position when it has none).
    public var procedure: String
    public var vietnamese: String
    public var english: String

    public var description: String { "\(procedure): \(english)" }
}

/// Rules every procedure must satisfy before it is stored or published.
public enum CatalogValidation {
    /// Checks one procedure and returns every violation found (empty when valid).
    public static func violations(of record: ProcedureRecord) -> [CatalogViolation] {
        let code = record.catalogCode.isEmpty ? "(không có mã)" : record.catalogCode
        var found: [CatalogViolation] = []
        func fail(_ vi: String, _ en: String) {
            found.append(CatalogViolation(procedure: code, vietnamese: vi, english: en))
        }
        if record.catalogCode.isEmpty { fail("Thủ tục thiếu mã.", "The procedure has neither code nor localCode.") }
        if record.name.trimmingCharacters(in: .whitespaces).isEmpty {
            fail("Thủ tục thiếu tên.", "The procedure has no name.")
        }
        let time = record.processingTime
        if time.isSameDay {
            if let hour = time.cutoffHour, !(7...17).contains(hour) {
                fail("Giờ tiếp nhận cuối (\(hour)) phải trong giờ hành chính.", "cutoffHour \(hour) is outside office hours.")
            }
        } else if (time.workingDays ?? 0) <= 0 {
            fail("Thời hạn giải quyết phải lớn hơn 0 ngày làm việc.", "processingTime.workingDays must be positive.")
        }
        if record.process.steps.isEmpty {
            fail("Quy trình nội bộ phải có ít nhất một bước.", "The internal process has no steps.")
        }
        for (index, step) in record.process.steps.enumerated() {
            // A zero allowance is legitimate (the return step of a published process), a negative one is not.
            if step.allottedWorkingDays < 0 {
                fail("Bước \(index + 1) (\(step.name)) có thời gian âm.", "Step \(index + 1) has a negative allotted time.")
            }
            if !knownRoles.contains(step.role) {
                fail("Bước \(index + 1) có vai trò không hợp lệ: \(step.role).", "Step \(index + 1) has unknown role \(step.role).")
            }
        }
        let sum = record.process.steps.reduce(0) { $0 + $1.allottedWorkingDays }
        let statutory = time.statutoryWorkingDays
        if !record.process.steps.isEmpty, abs(sum - statutory) > 1e-6 {
            fail("Tổng thời gian các bước (\(format(sum)) ngày làm việc) khác thời hạn giải quyết (\(format(statutory)) ngày làm việc).",
                 "The steps add up to \(english(sum)) working days but the statutory time is \(english(statutory)).")
        }
        var keys = Set<String>()
        for field in record.formFields {
            if !keys.insert(field.key).inserted {
                fail("Trường biểu mẫu bị trùng khóa: \(field.key).", "Duplicate form field key \(field.key).")
            }
            if field.type == .select, (field.options ?? []).isEmpty {
                fail("Trường chọn \(field.key) chưa có lựa chọn.", "Select field \(field.key) has no options.")
            }
        }
        if record.fees.items.contains(where: { $0.amountVnd < 0 }) {
            fail("Mức phí không được âm.", "A fee amount is negative.")
        }
        return found
    }

    /// Checks a whole file: every procedure, duplicate codes, and groups naming known members.
    public static func violations(of file: CatalogFile) -> [CatalogViolation] {
        var found: [CatalogViolation] = []
        if file.format != CatalogFile.formatName {
            found.append(CatalogViolation(procedure: "(tệp)", vietnamese: "Định dạng tệp không đúng: \(file.format).",
                                          english: "Unknown format \(file.format), expected \(CatalogFile.formatName)."))
        }
        var codes = Set<String>()
        for record in file.procedures {
            found += violations(of: record)
            if !record.catalogCode.isEmpty, !codes.insert(record.catalogCode).inserted {
                found.append(CatalogViolation(procedure: record.catalogCode, vietnamese: "Mã thủ tục bị trùng.",
                                              english: "Duplicate procedure code."))
            }
        }
        for group in file.groups ?? [] {
            for member in group.members where !codes.contains(member) {
                found.append(CatalogViolation(procedure: group.localCode,
                                              vietnamese: "Nhóm liên thông nhắc tới thủ tục không có trong tệp: \(member).",
                                              english: "Group member \(member) is not in the file."))
            }
        }
        return found
    }

    static let knownRoles: Set<String> = ["desk-officer", "specialist", "unit-leader", "agency-leader", "clerk"]

    static func format(_ value: Double) -> String { ProcessingTime.format(value) }
    static func english(_ value: Double) -> String { ProcessingTime.format(value).replacingOccurrences(of: ",", with: ".") }
}
