import Foundation

/// An organisation in `From`, `To` (cơ quan gửi, cơ quan nhận) or a status message's `From`.
public struct EdXMLOrganization: Hashable, Sendable {
    /// Mã định danh — the agency identifier code (``EdXMLAgencyCode``).
    public var organId: String
    /// Cơ quan chủ quản — the organisation in charge.
    public var organizationInCharge: String?
    /// Tên cơ quan.
    public var organName: String
    /// Địa chỉ.
    public var organAdd: String?
    public var email: String?
    public var telephone: String?
    public var fax: String?
    public var website: String?

    public init(organId: String, organName: String, organizationInCharge: String? = nil, organAdd: String? = nil,
                email: String? = nil, telephone: String? = nil, fax: String? = nil, website: String? = nil) {
        self.organId = organId
        self.organizationInCharge = organizationInCharge
        self.organName = organName
        self.organAdd = organAdd
        self.email = email
        self.telephone = telephone
        self.fax = fax
        self.website = website
    }
}

/// Số, ký hiệu văn bản (`Code`): `CodeNumber` and `CodeNotation`, written `15/UBND-VP` (Decree 30/2020 art. 15).
public struct EdXMLCode: Hashable, Sendable, CustomStringConvertible {
    /// Số — Arabic digits, e.g. `15` or `05`.
    public var number: String
    /// Ký hiệu — e.g. `QĐ-UBND`, `UBND-VP`; no spaces.
    public var notation: String

    public init(number: String, notation: String) {
        self.number = number
        self.notation = notation
    }

    /// `number/notation`.
    public var description: String { "\(number)/\(notation)" }
}

/// Nơi và ngày ban hành (`PromulgationInfo`).
public struct EdXMLPromulgationInfo: Hashable, Sendable {
    /// Địa danh, e.g. `Tuyên Quang`.
    public var place: String?
    /// Ngày ban hành.
    public var date: EdXMLDate

    public init(place: String?, date: EdXMLDate) {
        self.place = place
        self.date = date
    }
}

/// Loại văn bản (`DocumentType`).
public struct EdXMLDocumentType: Hashable, Sendable {
    /// `Type` — the document class code (value list [U], see ``EdXMLConfiguration/documentTypes``).
    public var type: Int
    /// `TypeDetail`.
    public var typeDetail: Int?
    /// Tên loại văn bản, e.g. `Công văn`, `Quyết định` (Decree 30/2020 art. 7).
    public var typeName: String

    public init(type: Int, typeDetail: Int? = nil, typeName: String) {
        self.type = type
        self.typeDetail = typeDetail
        self.typeName = typeName
    }
}

/// Người ký (`SignerInfo`): thẩm quyền (`Competence`, e.g. `TM. ỦY BAN NHÂN DÂN`), chức vụ, họ tên.
/// Written only when a field is set.
public struct EdXMLSignerInfo: Hashable, Sendable {
    public var competence: String?
    public var position: String?
    public var fullName: String?

    public init(competence: String? = nil, position: String? = nil, fullName: String? = nil) {
        self.competence = competence
        self.position = position
        self.fullName = fullName
    }

    public var isEmpty: Bool { competence == nil && position == nil && fullName == nil }
}

/// Thông tin khác (`OtherInfo`): độ khẩn, phạm vi, số bản, số trang, phụ lục. Written only when a field is set.
public struct EdXMLOtherInfo: Hashable, Sendable {
    /// Độ khẩn (`Priority`), one of ``EdXMLConfiguration/priorities``.
    public var priority: Int?
    /// Phạm vi ban hành.
    public var sphereOfPromulgation: String?
    /// Ký hiệu người đánh máy.
    public var typerNotation: String?
    /// Số lượng bản phát hành.
    public var promulgationAmount: Int?
    /// Số trang.
    public var pageAmount: Int?
    /// `Direction` (true/false).
    public var direction: Bool?
    /// Phụ lục (`Appendixes/Appendix`).
    public var appendixes: [String]

    public init(priority: Int? = nil, sphereOfPromulgation: String? = nil, typerNotation: String? = nil,
                promulgationAmount: Int? = nil, pageAmount: Int? = nil, direction: Bool? = nil, appendixes: [String] = []) {
        self.priority = priority
        self.sphereOfPromulgation = sphereOfPromulgation
        self.typerNotation = typerNotation
        self.promulgationAmount = promulgationAmount
        self.pageAmount = pageAmount
        self.direction = direction
        self.appendixes = appendixes
    }

    public var isEmpty: Bool {
        priority == nil && sphereOfPromulgation == nil && typerNotation == nil && promulgationAmount == nil
            && pageAmount == nil && direction == nil && appendixes.isEmpty
    }
}

/// Văn bản được trả lời (`ResponseFor`): the document a message answers; in a status message, the document whose
/// status is reported.
public struct EdXMLResponseFor: Hashable, Sendable {
    /// The issuing agency of the answered document.
    public var organId: String
    /// Its number and symbol as one string, e.g. `15/UBND-VP`.
    public var code: String?
    public var promulgationDate: EdXMLDate?
    /// Its ``EdXMLDocumentID``.
    public var documentId: String

    public init(organId: String, code: String? = nil, promulgationDate: EdXMLDate? = nil, documentId: String) {
        self.organId = organId
        self.code = code
        self.promulgationDate = promulgationDate
        self.documentId = documentId
    }

    /// Refers to `message`: its sender, code, date and ``EdXMLMessage/receiptIdentity``.
    public init(_ message: EdXMLMessage) {
        self.init(organId: message.from.organId, code: message.code.description,
                  promulgationDate: message.promulgationInfo.date, documentId: message.receiptIdentity)
    }
}

/// Cán bộ xử lý (`StaffInfo`).
public struct EdXMLStaffInfo: Hashable, Sendable {
    /// Phòng, ban.
    public var department: String?
    /// Họ tên.
    public var staff: String?
    public var email: String?
    public var mobile: String?

    public init(department: String? = nil, staff: String? = nil, email: String? = nil, mobile: String? = nil) {
        self.department = department
        self.staff = staff
        self.email = email
        self.mobile = mobile
    }
}

/// Vết chuyển (`TraceHeader`): an agency the package passed through, and when.
public struct EdXMLTraceHeader: Hashable, Sendable {
    public var organId: String
    public var timestamp: EdXMLDateTime

    public init(organId: String, timestamp: EdXMLDateTime) {
        self.organId = organId
        self.timestamp = timestamp
    }
}

/// Loại nghiệp vụ (`BussinessDocType`) [S]: what the package does to the document.
public enum EdXMLBusinessDocType: Int, Hashable, Sendable, CaseIterable {
    /// 0 — Văn bản mới.
    case new = 0
    /// 1 — Thu hồi.
    case revoke = 1
    /// 2 — Cập nhật.
    case update = 2
    /// 3 — Thay thế.
    case replace = 3
}

/// Người nhận trong nghiệp vụ cập nhật (`ReceiverList/Receiver`).
public struct EdXMLReceiver: Hashable, Sendable {
    public var organId: String
    public var receiverType: Int?

    public init(organId: String, receiverType: Int? = nil) {
        self.organId = organId
        self.receiverType = receiverType
    }
}

/// `BussinessDocumentInfo`: what an update changes (`DocumentInfo`, `DocumentReceiver`) and for whom.
public struct EdXMLBusinessDocumentInfo: Hashable, Sendable {
    public var documentInfo: String?
    public var documentReceiver: String?
    public var receivers: [EdXMLReceiver]

    public init(documentInfo: String? = nil, documentReceiver: String? = nil, receivers: [EdXMLReceiver] = []) {
        self.documentInfo = documentInfo
        self.documentReceiver = documentReceiver
        self.receivers = receivers
    }
}

/// Văn bản bị thay thế (`ReplacementInfoList/ReplacementInfo`).
public struct EdXMLReplacementInfo: Hashable, Sendable {
    public var documentId: String
    public var organIds: [String]

    public init(documentId: String, organIds: [String] = []) {
        self.documentId = documentId
        self.organIds = organIds
    }
}

/// Thông tin nghiệp vụ (`TraceHeaderList/Bussiness` — the QCVN's spelling).
public struct EdXMLBusiness: Hashable, Sendable {
    /// The ``EdXMLDocumentID`` the operation concerns (the revoked, updated or replaced document).
    public var documentId: String?
    public var docType: EdXMLBusinessDocType
    /// Lý do, e.g. `Văn bản điện tử mới`.
    public var reason: String?
    /// `Paper`: whether a paper copy follows (0/1).
    public var paper: Int?
    public var documentInfo: EdXMLBusinessDocumentInfo?
    public var replacements: [EdXMLReplacementInfo]
    public var staffInfo: EdXMLStaffInfo?

    public init(documentId: String? = nil, docType: EdXMLBusinessDocType, reason: String? = nil, paper: Int? = nil,
                documentInfo: EdXMLBusinessDocumentInfo? = nil, replacements: [EdXMLReplacementInfo] = [],
                staffInfo: EdXMLStaffInfo? = nil) {
        self.documentId = documentId
        self.docType = docType
        self.reason = reason
        self.paper = paper
        self.documentInfo = documentInfo
        self.replacements = replacements
        self.staffInfo = staffInfo
    }
}

/// Gói tin văn bản — the envelope of an edXML document message (`edXMLEnvelope/edXMLHeader`): `MessageHeader`
/// and `TraceHeaderList`. Attachments travel beside it in an ``EdXMLPackage``.
public struct EdXMLMessage: Hashable, Sendable {
    /// Cơ quan gửi.
    public var from: EdXMLOrganization
    /// Cơ quan nhận (one or more).
    public var to: [EdXMLOrganization]
    /// `DocumentId` as carried (``EdXMLDocumentID``); see ``receiptIdentity``.
    public var documentId: String?
    /// Số, ký hiệu.
    public var code: EdXMLCode
    public var promulgationInfo: EdXMLPromulgationInfo
    public var documentType: EdXMLDocumentType
    /// Trích yếu.
    public var subject: String
    /// Nội dung.
    public var content: String?
    public var signerInfo: EdXMLSignerInfo
    /// Hạn trả lời / hạn xử lý.
    public var dueDate: EdXMLDate?
    public var otherInfo: EdXMLOtherInfo
    /// Loại chỉ đạo, one of ``EdXMLConfiguration/steeringTypes``.
    public var steeringType: Int?
    /// Nơi nhận as printed on the document.
    public var toPlaces: [String]
    /// Documents this one answers.
    public var responseFor: [EdXMLResponseFor]
    /// Vết chuyển.
    public var traceHeaders: [EdXMLTraceHeader]
    /// Nghiệp vụ (new, revoke, update, replace); nil is read as a new document.
    public var business: EdXMLBusiness?

    public init(from: EdXMLOrganization, to: [EdXMLOrganization], documentId: String? = nil, code: EdXMLCode,
                promulgationInfo: EdXMLPromulgationInfo, documentType: EdXMLDocumentType, subject: String,
                content: String? = nil, signerInfo: EdXMLSignerInfo = .init(), dueDate: EdXMLDate? = nil,
                otherInfo: EdXMLOtherInfo = .init(), steeringType: Int? = nil, toPlaces: [String] = [],
                responseFor: [EdXMLResponseFor] = [], traceHeaders: [EdXMLTraceHeader] = [],
                business: EdXMLBusiness? = nil) {
        self.from = from
        self.to = to
        self.documentId = documentId
        self.code = code
        self.promulgationInfo = promulgationInfo
        self.documentType = documentType
        self.subject = subject
        self.content = content
        self.signerInfo = signerInfo
        self.dueDate = dueDate
        self.otherInfo = otherInfo
        self.steeringType = steeringType
        self.toPlaces = toPlaces
        self.responseFor = responseFor
        self.traceHeaders = traceHeaders
        self.business = business
    }

    /// The identity of the document for idempotent receipt: `MessageHeader/DocumentId` when carried, else the same
    /// `OrganId,yyyy/MM/dd,Số/Ký hiệu` built from `From/OrganId`, `PromulgationDate` and `Code`. Status messages
    /// name the document by it (`ResponseFor/DocumentId`). Updates, revocations and replacements reuse the
    /// document's identity: tell them apart with ``business``.
    public var receiptIdentity: String {
        documentId ?? EdXMLDocumentID(organId: from.organId, date: promulgationInfo.date, code: code).description
    }

    /// Độ khẩn (`OtherInfo/Priority`).
    public var priority: Int? { otherInfo.priority }
}

/// A document message with its attachments: what ``EdXMLWriter`` writes and ``EdXMLReader`` reads.
public struct EdXMLPackage: Hashable, Sendable {
    public var message: EdXMLMessage
    /// In manifest order.
    public var attachments: [EdXMLAttachment]

    public init(message: EdXMLMessage, attachments: [EdXMLAttachment] = []) {
        self.message = message
        self.attachments = attachments
    }
}

/// Tệp đính kèm — an attachment: listed in `edXMLManifest/Reference` and carried base64-encoded in
/// `AttachmentEncoded/Attachment/ContentTransferEncoded`.
public struct EdXMLAttachment: Hashable, Sendable {
    /// `ContentId` as written, conventionally `cid:` + a number (e.g. `cid:1`); unique within the package.
    public var contentID: String
    /// `AttachmentName` — the file name.
    public var name: String
    /// `Description` (mô tả).
    public var description: String?
    /// `ContentType` — the MIME type, e.g. `application/pdf`.
    public var contentType: String
    /// The bytes.
    public var data: Data

    public init(contentID: String, name: String, description: String? = nil, contentType: String, data: Data) {
        self.contentID = contentID
        self.name = name
        self.description = description
        self.contentType = contentType
        self.data = data
    }
}

/// What ``EdXMLReader/read(_:)`` found: a document package or a status message.
public enum EdXMLReceived: Hashable, Sendable {
    case document(EdXMLPackage)
    case status(EdXMLStatus)
}
