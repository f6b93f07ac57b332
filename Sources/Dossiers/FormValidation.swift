import Access
import Catalog
import Foundation
import WorkCalendar

/// Checks an e-form (biểu mẫu điện tử) field by field, with one Vietnamese message per field at fault.
public enum FormValidation {
    /// The messages for every invalid field (empty when the form is valid). `uploadedFiles` are the SHA-256
    /// digests the applicant may attach to `file` fields.
    public static func errors(fields: [FormField], values: [String: String], today: LocalDate,
                              uploadedFiles: Set<String> = []) -> [String: String] {
        var errors: [String: String] = [:]
        for field in fields {
            let value = values[field.key]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            if value.isEmpty {
                if field.required { errors[field.key] = "Vui lòng nhập \(field.label.lowercased())." }
                continue
            }
            switch field.type {
            case .text:
                if value.count > 1000 { errors[field.key] = "\(field.label): tối đa 1000 ký tự." }
            case .number:
                if Double(value.replacingOccurrences(of: ",", with: ".")) == nil {
                    errors[field.key] = "\(field.label) phải là một số."
                }
            case .date:
                if let date = LocalDate(iso: value) {
                    if date > today { errors[field.key] = "\(field.label) không được sau ngày hôm nay." }
                } else {
                    errors[field.key] = "\(field.label) phải là ngày hợp lệ (năm-tháng-ngày)."
                }
            case .personalID:
                do {
                    _ = try PersonalIdentificationNumber(value, currentYear: today.year)
                } catch {
                    errors[field.key] = error.vietnamese
                }
            case .select:
                if !(field.options ?? []).contains(value) {
                    errors[field.key] = "\(field.label): chọn một trong các giá trị cho sẵn."
                }
            case .file:
                if !uploadedFiles.contains(value) { errors[field.key] = "\(field.label): tệp chưa được tải lên." }
            }
        }
        let known = Set(fields.map(\.key))
        for key in values.keys where !known.contains(key) {
            errors[key] = "Trường \(key) không có trong biểu mẫu."
        }
        return errors
    }
}

/// The file types a dossier accepts, recognised by their first bytes (not by the name the sender gave).
public enum AcceptedFileType: String, Codable, Sendable, CaseIterable {
    case pdf = "application/pdf"
    case jpeg = "image/jpeg"
    case png = "image/png"
    case docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    case xml = "application/xml"

    /// The type of `bytes`, or nil when it is none of the accepted ones.
    public static func detect(_ bytes: [UInt8]) -> AcceptedFileType? {
        func starts(_ prefix: [UInt8]) -> Bool { bytes.count >= prefix.count && Array(bytes.prefix(prefix.count)) == prefix }
        if starts([0x25, 0x50, 0x44, 0x46, 0x2D]) { return .pdf }                 // %PDF-
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts([0x50, 0x4B, 0x03, 0x04]) {                                      // a ZIP: DOCX carries word/
            let head = String(decoding: bytes.prefix(4096), as: UTF8.self)
            return head.contains("word/") || head.contains("[Content_Types].xml") ? .docx : nil
        }
        var text = bytes[...]
        if starts([0xEF, 0xBB, 0xBF]) { text = text.dropFirst(3) }                // UTF-8 BOM
        let start = text.drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        if start.first == 0x3C, String(decoding: start.prefix(64), as: UTF8.self).range(of: #"^<(\?xml|[A-Za-z_])"#, options: .regularExpression) != nil {
            return .xml
        }
        return nil
    }

    /// The usual file extension.
    public var fileExtension: String {
        switch self {
        case .pdf: "pdf"
        case .jpeg: "jpg"
        case .png: "png"
        case .docx: "docx"
        case .xml: "xml"
        }
    }
}
