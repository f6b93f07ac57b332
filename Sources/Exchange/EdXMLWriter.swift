import Foundation

/// Đóng gói edXML — writes an ``EdXMLPackage`` or an ``EdXMLStatus`` as package bytes (UTF-8 XML).
///
/// The layout is the one of QCVN 102:2016 traffic: root `edXML` in the QCVN namespace, `edXMLEnvelope` holding
/// `edXMLHeader` (`MessageHeader`, `TraceHeaderList`) and `edXMLBody/edXMLManifest` (one `Reference` per
/// attachment), then `AttachmentEncoded/Attachment` with the bytes base64-encoded (lines of 76 characters) in
/// `ContentTransferEncoded`.
/// Dates follow ``EdXMLConfiguration/dateStyle``. The message is validated first (``EdXMLValidator``), so a
/// package that ``EdXMLReader`` would refuse is never written; nil fields are left out. No XML signature is written.
public struct EdXMLWriter: Sendable {
    public var configuration: EdXMLConfiguration

    public init(configuration: EdXMLConfiguration = .default) {
        self.configuration = configuration
    }

    /// The package bytes of `message` and its `attachments` (in manifest order).
    public func write(_ message: EdXMLMessage, attachments: [EdXMLAttachment] = []) throws -> Data {
        try write(EdXMLPackage(message: message, attachments: attachments))
    }

    /// The package bytes of a document message and its attachments.
    public func write(_ package: EdXMLPackage) throws -> Data {
        try EdXMLValidator(configuration: configuration).validate(package)
        let message = package.message
        var out = XMLOutput()
        out.openRoot()
        out.open("edXMLEnvelope", path: EdXMLPath.envelope, declaringPrefix: true)
        out.open("edXMLHeader", path: EdXMLPath.header)
        out.open("MessageHeader", path: EdXMLPath.messageHeader)
        try organization(message.from, "From", &out)
        for to in message.to { try organization(to, "To", &out) }
        try out.leaf("DocumentId", message.documentId)
        out.open("Code")
        try out.leaf("CodeNumber", message.code.number)
        try out.leaf("CodeNotation", message.code.notation)
        out.close()
        out.open("PromulgationInfo")
        try out.leaf("Place", message.promulgationInfo.place)
        try out.leaf("PromulgationDate", message.promulgationInfo.date.formatted(configuration.dateStyle))
        out.close()
        out.open("DocumentType")
        try out.leaf("Type", String(message.documentType.type))
        try out.leaf("TypeDetail", message.documentType.typeDetail.map(String.init))
        try out.leaf("TypeName", message.documentType.typeName)
        out.close()
        try out.leaf("Subject", message.subject)
        try out.leaf("Content", message.content)
        if !message.signerInfo.isEmpty {
            out.open("SignerInfo")
            try out.leaf("Competence", message.signerInfo.competence)
            try out.leaf("Position", message.signerInfo.position)
            try out.leaf("FullName", message.signerInfo.fullName)
            out.close()
        }
        try out.leaf("DueDate", message.dueDate?.formatted(configuration.dateStyle))
        let other = message.otherInfo
        if !other.isEmpty {
            out.open("OtherInfo")
            try out.leaf("Priority", other.priority.map(String.init))
            try out.leaf("SphereOfPromulgation", other.sphereOfPromulgation)
            try out.leaf("TyperNotation", other.typerNotation)
            try out.leaf("PromulgationAmount", other.promulgationAmount.map(String.init))
            try out.leaf("PageAmount", other.pageAmount.map(String.init))
            try out.leaf("Direction", other.direction.map { $0 ? "true" : "false" })
            if !other.appendixes.isEmpty {
                out.open("Appendixes")
                for appendix in other.appendixes { try out.leaf("Appendix", appendix) }
                out.close()
            }
            out.close()
        }
        try out.leaf("SteeringType", message.steeringType.map(String.init))
        if !message.toPlaces.isEmpty {
            out.open("ToPlaces")
            for place in message.toPlaces { try out.leaf("Place", place) }
            out.close()
        }
        for response in message.responseFor { try responseFor(response, &out) }
        out.close() // MessageHeader

        if !message.traceHeaders.isEmpty || message.business != nil {
            out.open("TraceHeaderList", path: EdXMLPath.traceHeaderList)
            for trace in message.traceHeaders {
                out.open("TraceHeader")
                try out.leaf("OrganId", trace.organId)
                try out.leaf("Timestamp", trace.timestamp.formatted(configuration.dateStyle))
                out.close()
            }
            if let business = message.business { try self.business(business, &out) }
            out.close()
        }
        out.close() // edXMLHeader

        out.open("edXMLBody", path: EdXMLPath.body)
        out.open("edXMLManifest", path: EdXMLPath.manifest, attributes: [("version", EdXML.manifestVersion)])
        for attachment in package.attachments {
            out.open("Reference")
            try out.leaf("ContentId", attachment.contentID)
            try out.leaf("ContentType", attachment.contentType)
            try out.leaf("Description", attachment.description)
            try out.leaf("AttachmentName", attachment.name)
            out.close()
        }
        out.close()
        out.close()
        out.close() // edXMLEnvelope

        if !package.attachments.isEmpty {
            out.open("AttachmentEncoded", path: EdXMLPath.attachments, prefixed: false)
            for attachment in package.attachments {
                out.open("Attachment", prefixed: false)
                try out.leaf("ContentId", attachment.contentID, prefixed: false)
                try out.leaf("AttachmentName", attachment.name, prefixed: false)
                try out.leaf("Description", attachment.description, prefixed: false)
                try out.leaf("ContentType", attachment.contentType, prefixed: false)
                out.base64Leaf("ContentTransferEncoded", attachment.data)
                out.close()
            }
            out.close()
        }
        out.closeRoot()
        return out.data
    }

    /// The bytes of a status message.
    public func write(_ status: EdXMLStatus) throws -> Data {
        try EdXMLValidator(configuration: configuration).validate(status)
        var out = XMLOutput()
        out.openRoot()
        out.open("edXMLEnvelope", path: EdXMLPath.envelope, declaringPrefix: true)
        out.open("edXMLHeader", path: EdXMLPath.header)
        out.open("MessageHeader", path: EdXMLPath.messageHeader)
        try organization(status.from, "From", &out)
        try responseFor(status.responseFor, &out, indexed: false)
        if let staff = status.staffInfo { try staffInfo(staff, &out) }
        try out.leaf("StatusCode", status.code.rawValue)
        try out.leaf("Description", status.description)
        try out.leaf("Timestamp", status.timestamp.formatted(configuration.dateStyle))
        out.close()
        out.close()
        out.close()
        out.closeRoot()
        return out.data
    }

    // MARK: - Pieces

    private func organization(_ organization: EdXMLOrganization, _ name: String, _ out: inout XMLOutput) throws {
        out.open(name)
        try out.leaf("OrganId", organization.organId)
        try out.leaf("OrganizationInCharge", organization.organizationInCharge)
        try out.leaf("OrganName", organization.organName)
        try out.leaf("OrganAdd", organization.organAdd)
        try out.leaf("Email", organization.email)
        try out.leaf("Telephone", organization.telephone)
        try out.leaf("Fax", organization.fax)
        try out.leaf("Website", organization.website)
        out.close()
    }

    private func responseFor(_ response: EdXMLResponseFor, _ out: inout XMLOutput, indexed: Bool = true) throws {
        out.open("ResponseFor", indexed: indexed)
        try out.leaf("OrganId", response.organId)
        try out.leaf("Code", response.code)
        try out.leaf("PromulgationDate", response.promulgationDate?.formatted(configuration.dateStyle))
        try out.leaf("DocumentId", response.documentId)
        out.close()
    }

    private func staffInfo(_ staff: EdXMLStaffInfo, _ out: inout XMLOutput) throws {
        out.open("StaffInfo")
        try out.leaf("Department", staff.department)
        try out.leaf("Staff", staff.staff)
        try out.leaf("Email", staff.email)
        try out.leaf("Mobile", staff.mobile)
        out.close()
    }

    private func business(_ business: EdXMLBusiness, _ out: inout XMLOutput) throws {
        out.open("Bussiness")
        try out.leaf("DocumentId", business.documentId)
        try out.leaf("BussinessDocType", String(business.docType.rawValue))
        try out.leaf("BussinessDocReason", business.reason)
        try out.leaf("Paper", business.paper.map(String.init))
        if let info = business.documentInfo {
            out.open("BussinessDocumentInfo")
            try out.leaf("DocumentInfo", info.documentInfo)
            try out.leaf("DocumentReceiver", info.documentReceiver)
            if !info.receivers.isEmpty {
                out.open("ReceiverList")
                for receiver in info.receivers {
                    out.open("Receiver")
                    try out.leaf("OrganId", receiver.organId)
                    try out.leaf("ReceiverType", receiver.receiverType.map(String.init))
                    out.close()
                }
                out.close()
            }
            out.close()
        }
        if !business.replacements.isEmpty {
            out.open("ReplacementInfoList")
            for replacement in business.replacements {
                out.open("ReplacementInfo")
                try out.leaf("DocumentId", replacement.documentId)
                if !replacement.organIds.isEmpty {
                    out.open("OrganIdList")
                    for organ in replacement.organIds { try out.leaf("OrganId", organ) }
                    out.close()
                }
                out.close()
            }
            out.close()
        }
        if let staff = business.staffInfo { try staffInfo(staff, &out) }
        out.close()
    }
}

/// An indenting XML text builder that tracks element paths (repeatable elements get their 1-based index) so a text
/// XML cannot carry is refused naming its element.
private struct XMLOutput {
    private var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    private var stack: [(name: String, qualified: String, path: String, counts: [String: Int])] = []

    /// Elements that may repeat (`parent/child`); their paths carry an index.
    private static let repeatable: Set<String> = [
        "MessageHeader/To", "MessageHeader/ResponseFor", "ToPlaces/Place", "Appendixes/Appendix",
        "TraceHeaderList/TraceHeader", "ReceiverList/Receiver", "ReplacementInfoList/ReplacementInfo",
        "OrganIdList/OrganId", "edXMLManifest/Reference", "AttachmentEncoded/Attachment",
    ]

    var data: Data { Data(text.utf8) }

    private var indent: String { String(repeating: "  ", count: stack.count) }

    mutating func openRoot() {
        text += "<edXML xmlns=\"\(EdXML.namespace)\">\n"
        stack.append((name: "edXML", qualified: "edXML", path: "", counts: [:]))
    }

    mutating func closeRoot() {
        stack.removeLast()
        text += "</edXML>\n"
    }

    private mutating func childPath(_ name: String, indexed: Bool) -> String {
        let parent = stack[stack.count - 1]
        let count = (parent.counts[name] ?? 0) + 1
        stack[stack.count - 1].counts[name] = count
        let base = parent.path.isEmpty ? name : "\(parent.path)/\(name)"
        return indexed && Self.repeatable.contains("\(parent.name)/\(name)") ? "\(base)[\(count)]" : base
    }

    mutating func open(_ name: String, path: String? = nil, prefixed: Bool = true, declaringPrefix: Bool = false,
                       attributes: [(String, String)] = [], indexed: Bool = true) {
        let computed = childPath(name, indexed: indexed)
        let qualified = prefixed ? "edXML:\(name)" : name
        var tag = "\(indent)<\(qualified)"
        if declaringPrefix { tag += " xmlns:edXML=\"\(EdXML.namespace)\"" }
        for (key, value) in attributes { tag += " \(key)=\"\(Self.escape(value))\"" }
        text += tag + ">\n"
        stack.append((name: name, qualified: qualified, path: path ?? computed, counts: [:]))
    }

    mutating func close() {
        let element = stack.removeLast()
        text += "\(indent)</\(element.qualified)>\n"
    }

    /// `<edXML:name>value</edXML:name>`; nothing when `value` is nil.
    mutating func leaf(_ name: String, _ value: String?, prefixed: Bool = true) throws {
        let path = childPath(name, indexed: true)
        guard let value else { return }
        if let bad = value.unicodeScalars.first(where: { !Self.isXMLCharacter($0) }) {
            throw EdXMLError(.invalidCharacter, at: path, detail: String(format: "U+%04X", bad.value))
        }
        let qualified = prefixed ? "edXML:\(name)" : name
        text += value.isEmpty ? "\(indent)<\(qualified)/>\n" : "\(indent)<\(qualified)>\(Self.escape(value))</\(qualified)>\n"
    }

    /// The bytes in base64 (lines of 76 characters), in an element that declares the edXML prefix itself, as the
    /// traffic does.
    mutating func base64Leaf(_ name: String, _ data: Data) {
        _ = childPath(name, indexed: true)
        text += "\(indent)<edXML:\(name) xmlns:edXML=\"\(EdXML.namespace)\">\(data.base64EncodedString(options: [.lineLength76Characters, .endLineWithLineFeed]))</edXML:\(name)>\n"
    }

    /// Escapes markup, and carriage returns (which XML parsers otherwise turn into line feeds).
    static func escape(_ value: String) -> String {
        var result = ""
        result.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\r": result += "&#13;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// XML 1.0 `Char`.
    static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}
