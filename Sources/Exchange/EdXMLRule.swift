import Foundation

/// The rules an edXML package must satisfy. A package breaking one is refused whole with an ``EdXMLError``
/// naming the rule and the element at fault.
public enum EdXMLRule: String, Hashable, Sendable, CaseIterable {
    /// The bytes are not well-formed XML.
    case notXML
    /// A document type declaration (DTD) is present; edXML needs none and DTDs allow entity attacks.
    case documentTypeDeclaration
    /// The root element is not `edXML`.
    case rootElement
    /// An edXML element is outside the QCVN 102:2016 namespace.
    case namespace
    /// A required element is absent.
    case missingElement
    /// A required element is present but empty.
    case emptyElement
    /// An element that may appear once appears more than once.
    case duplicateElement
    /// A status message where a document was expected, or the reverse.
    case unexpectedMessageKind
    /// `OrganId` is not an agency identifier code `000.00.00.A00`.
    case agencyCode
    /// `DocumentId` is not `OrganId,yyyy/MM/dd,Số/Ký hiệu`.
    case documentID
    /// `CodeNumber` is not a number.
    case codeNumber
    /// `CodeNotation` is empty or contains spaces.
    case codeNotation
    /// A date is not a real day in `yyyy/MM/dd` or `dd/MM/yyyy`.
    case date
    /// A timestamp is not `yyyy/MM/dd HH:mm:ss`.
    case timestamp
    /// A numeric element is not an integer.
    case integer
    /// A boolean element is not `true` or `false`.
    case boolean
    /// `DocumentType/Type` is not in the configured list.
    case documentType
    /// `Priority` (độ khẩn) is not in the configured list.
    case priority
    /// `SteeringType` is not in the configured list.
    case steeringType
    /// `BussinessDocType` is not 0–3.
    case businessDocType
    /// `StatusCode` is not a known status code.
    case statusCode
    /// `ContentType` is not a MIME type `type/subtype`.
    case contentType
    /// Two attachments or two manifest references share a `ContentId`.
    case duplicateContentID
    /// The manifest and `AttachmentEncoded` list different numbers of attachments.
    case attachmentCount
    /// A manifest reference has no attachment with its `ContentId`.
    case attachmentMissing
    /// An attachment's name, type or description differs from its manifest reference.
    case attachmentMismatch
    /// `ContentTransferEncoded` is not base64.
    case base64
    /// A text contains a character XML 1.0 cannot carry (control characters): refused when writing.
    case invalidCharacter

    /// The rule in Vietnamese.
    public var vietnamese: String {
        switch self {
        case .notXML: return "Gói tin không phải XML hợp lệ"
        case .documentTypeDeclaration: return "Gói tin không được chứa khai báo DTD"
        case .rootElement: return "Phần tử gốc phải là edXML"
        case .namespace: return "Phần tử không thuộc không gian tên QCVN 102:2016"
        case .missingElement: return "Thiếu phần tử bắt buộc"
        case .emptyElement: return "Phần tử bắt buộc không có giá trị"
        case .duplicateElement: return "Phần tử chỉ được xuất hiện một lần"
        case .unexpectedMessageKind: return "Sai loại gói tin (văn bản/trạng thái)"
        case .agencyCode: return "Mã định danh cơ quan không đúng định dạng 000.00.00.A00"
        case .documentID: return "Mã văn bản (DocumentId) không đúng định dạng mã định danh,yyyy/MM/dd,số/ký hiệu"
        case .codeNumber: return "Số văn bản phải là chữ số"
        case .codeNotation: return "Ký hiệu văn bản trống hoặc có khoảng trắng"
        case .date: return "Ngày không hợp lệ (yyyy/MM/dd hoặc dd/MM/yyyy)"
        case .timestamp: return "Thời điểm không hợp lệ (yyyy/MM/dd HH:mm:ss)"
        case .integer: return "Giá trị phải là số nguyên"
        case .boolean: return "Giá trị phải là true hoặc false"
        case .documentType: return "Loại văn bản không thuộc danh mục"
        case .priority: return "Độ khẩn không thuộc danh mục"
        case .steeringType: return "Loại chỉ đạo không thuộc danh mục"
        case .businessDocType: return "Loại nghiệp vụ phải từ 0 đến 3"
        case .statusCode: return "Mã trạng thái không xác định"
        case .contentType: return "Kiểu nội dung (MIME) không hợp lệ"
        case .duplicateContentID: return "Trùng mã tệp đính kèm (ContentId)"
        case .attachmentCount: return "Số tệp đính kèm không khớp với danh mục"
        case .attachmentMissing: return "Tệp đính kèm trong danh mục không có trong gói tin"
        case .attachmentMismatch: return "Thông tin tệp đính kèm không khớp với danh mục"
        case .base64: return "Nội dung tệp đính kèm không phải base64 hợp lệ"
        case .invalidCharacter: return "Văn bản chứa ký tự XML không cho phép"
        }
    }

    /// The rule in English.
    public var english: String {
        switch self {
        case .notXML: return "The package is not well-formed XML"
        case .documentTypeDeclaration: return "The package must not carry a DTD"
        case .rootElement: return "The root element must be edXML"
        case .namespace: return "The element is outside the QCVN 102:2016 namespace"
        case .missingElement: return "A required element is missing"
        case .emptyElement: return "A required element is empty"
        case .duplicateElement: return "The element may appear only once"
        case .unexpectedMessageKind: return "Wrong kind of message (document/status)"
        case .agencyCode: return "The agency identifier code is not in the form 000.00.00.A00"
        case .documentID: return "DocumentId is not in the form agency code,yyyy/MM/dd,number/symbol"
        case .codeNumber: return "The document number must be digits"
        case .codeNotation: return "The document symbol is empty or contains spaces"
        case .date: return "The date is invalid (yyyy/MM/dd or dd/MM/yyyy)"
        case .timestamp: return "The timestamp is invalid (yyyy/MM/dd HH:mm:ss)"
        case .integer: return "The value must be an integer"
        case .boolean: return "The value must be true or false"
        case .documentType: return "The document type is not in the list"
        case .priority: return "The priority (urgency) is not in the list"
        case .steeringType: return "The steering type is not in the list"
        case .businessDocType: return "The business document type must be 0 to 3"
        case .statusCode: return "Unknown status code"
        case .contentType: return "The content (MIME) type is invalid"
        case .duplicateContentID: return "Duplicate attachment ContentId"
        case .attachmentCount: return "The number of attachments does not match the manifest"
        case .attachmentMissing: return "An attachment listed in the manifest is missing"
        case .attachmentMismatch: return "The attachment does not match its manifest reference"
        case .base64: return "The attachment content is not valid base64"
        case .invalidCharacter: return "The text contains a character XML does not allow"
        }
    }
}

/// A refused package: the rule broken, the element at fault and the messages in Vietnamese and English.
///
/// `path` names the element from below the root, e.g. `edXMLEnvelope/edXMLHeader/MessageHeader/From/OrganId`;
/// repeatable elements carry a 1-based index (`To[2]`, `AttachmentEncoded/Attachment[1]/ContentTransferEncoded`);
/// the root itself is `edXML`, and a package that is not XML has the empty path.
public struct EdXMLError: Error, Hashable, Sendable, CustomStringConvertible, LocalizedError {
    public let rule: EdXMLRule
    public let path: String
    /// The offending value or a precision (parser position, counts), when useful.
    public let detail: String?

    public init(_ rule: EdXMLRule, at path: String, detail: String? = nil) {
        self.rule = rule
        self.path = path
        self.detail = detail
    }

    /// e.g. `Mã định danh cơ quan không đúng định dạng 000.00.00.A00: edXMLEnvelope/…/From/OrganId («H60»)`.
    public var vietnameseMessage: String { Self.compose(rule.vietnamese, path, detail) }
    public var englishMessage: String { Self.compose(rule.english, path, detail) }

    public var description: String { "[\(rule.rawValue)] \(englishMessage)" }
    public var errorDescription: String? { vietnameseMessage }

    private static func compose(_ message: String, _ path: String, _ detail: String?) -> String {
        var text = path.isEmpty ? message : "\(message): \(path)"
        if let detail { text += " («\(detail)»)" }
        return text
    }
}
