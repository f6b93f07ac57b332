import Foundation

/// Đọc gói tin edXML — parses package bytes into an ``EdXMLPackage`` or an ``EdXMLStatus`` and validates them.
///
/// Reading is all or nothing: the first broken ``EdXMLRule`` throws an ``EdXMLError`` and nothing is returned, so a
/// caller that stores only what `read` returns stores nothing of a malformed package. Elements the model does not
/// carry (the XML `Signature`, extensions) are ignored; the signature is not verified.
public struct EdXMLReader: Sendable {
    public var configuration: EdXMLConfiguration

    public init(configuration: EdXMLConfiguration = .default) {
        self.configuration = configuration
    }

    /// A document package or a status message, whichever `data` holds (a `MessageHeader/StatusCode` makes it a
    /// status message).
    public func read(_ data: Data) throws -> EdXMLReceived {
        let root = try XMLElementNode.parse(data)
        let rootCursor = try Cursor.root(root)
        let header = try rootCursor.required("edXMLEnvelope").required("edXMLHeader")
        let messageHeader = try header.required("MessageHeader")
        if try messageHeader.optional("StatusCode") != nil {
            let status = try readStatus(messageHeader)
            try EdXMLValidator(configuration: configuration).validate(status)
            return .status(status)
        }
        return .document(try readDocument(root: rootCursor, header: header, messageHeader: messageHeader))
    }

    /// A document package; a status message throws ``EdXMLRule/unexpectedMessageKind``.
    public func readPackage(_ data: Data) throws -> EdXMLPackage {
        switch try read(data) {
        case .document(let package): return package
        case .status: throw EdXMLError(.unexpectedMessageKind, at: "\(EdXMLPath.messageHeader)/StatusCode",
                                       detail: "status message, document expected")
        }
    }

    /// A status message; a document package throws ``EdXMLRule/unexpectedMessageKind``.
    public func readStatus(_ data: Data) throws -> EdXMLStatus {
        switch try read(data) {
        case .status(let status): return status
        case .document: throw EdXMLError(.unexpectedMessageKind, at: EdXMLPath.messageHeader,
                                         detail: "document, status message expected")
        }
    }

    // MARK: - Document

    private func readDocument(root: Cursor, header: Cursor, messageHeader mh: Cursor) throws -> EdXMLPackage {
        let from = try organization(mh.required("From"))
        let to = try mh.all("To").map(organization)
        let documentId = try mh.string("DocumentId")
        let codeNode = try mh.required("Code")
        let code = EdXMLCode(number: try codeNode.requiredString("CodeNumber"),
                             notation: try codeNode.requiredString("CodeNotation"))
        let promulgationNode = try mh.required("PromulgationInfo")
        let promulgation = EdXMLPromulgationInfo(place: try promulgationNode.string("Place"),
                                                 date: try promulgationNode.requiredDate("PromulgationDate"))
        let typeNode = try mh.required("DocumentType")
        let documentType = EdXMLDocumentType(type: try typeNode.requiredInt("Type"), typeDetail: try typeNode.int("TypeDetail"),
                                             typeName: try typeNode.requiredString("TypeName"))
        let subject = try mh.requiredString("Subject")
        let content = try mh.string("Content")
        var signer = EdXMLSignerInfo()
        if let node = try mh.optional("SignerInfo") {
            signer = EdXMLSignerInfo(competence: try node.string("Competence"), position: try node.string("Position"),
                                     fullName: try node.string("FullName"))
        }
        let dueDate = try mh.date("DueDate")
        var other = EdXMLOtherInfo()
        if let node = try mh.optional("OtherInfo") {
            other = EdXMLOtherInfo(
                priority: try node.int("Priority"), sphereOfPromulgation: try node.string("SphereOfPromulgation"),
                typerNotation: try node.string("TyperNotation"), promulgationAmount: try node.int("PromulgationAmount"),
                pageAmount: try node.int("PageAmount"), direction: try node.bool("Direction"),
                appendixes: try node.optional("Appendixes")?.all("Appendix").map(\.text) ?? [])
        }
        let steeringType = try mh.int("SteeringType")
        let toPlaces = try mh.optional("ToPlaces")?.all("Place").map(\.text) ?? []
        let responseFor = try mh.all("ResponseFor").map(response)

        var traceHeaders: [EdXMLTraceHeader] = []
        var business: EdXMLBusiness?
        if let list = try header.optional("TraceHeaderList") {
            traceHeaders = try list.all("TraceHeader").map {
                EdXMLTraceHeader(organId: try $0.requiredString("OrganId"), timestamp: try $0.requiredDateTime("Timestamp"))
            }
            if let node = try list.optional("Bussiness") {
                business = try self.business(node)
            }
        }

        let message = EdXMLMessage(
            from: from, to: to, documentId: documentId, code: code, promulgationInfo: promulgation,
            documentType: documentType, subject: subject, content: content, signerInfo: signer, dueDate: dueDate,
            otherInfo: other, steeringType: steeringType, toPlaces: toPlaces, responseFor: responseFor,
            traceHeaders: traceHeaders, business: business)
        try EdXMLValidator(configuration: configuration).validate(message)
        let attachments = try self.attachments(root: root)
        return EdXMLPackage(message: message, attachments: attachments)
    }

    private func organization(_ node: Cursor) throws -> EdXMLOrganization {
        EdXMLOrganization(
            organId: try node.requiredString("OrganId"), organName: try node.requiredString("OrganName"),
            organizationInCharge: try node.string("OrganizationInCharge"), organAdd: try node.string("OrganAdd"),
            email: try node.string("Email"), telephone: try node.string("Telephone"), fax: try node.string("Fax"),
            website: try node.string("Website"))
    }

    private func response(_ node: Cursor) throws -> EdXMLResponseFor {
        EdXMLResponseFor(organId: try node.requiredString("OrganId"), code: try node.string("Code"),
                         promulgationDate: try node.date("PromulgationDate"),
                         documentId: try node.requiredString("DocumentId"))
    }

    private func staff(_ node: Cursor) throws -> EdXMLStaffInfo {
        EdXMLStaffInfo(department: try node.string("Department"), staff: try node.string("Staff"),
                       email: try node.string("Email"), mobile: try node.string("Mobile"))
    }

    private func business(_ node: Cursor) throws -> EdXMLBusiness {
        let typeNode = try node.required("BussinessDocType")
        let typeValue = try typeNode.requiredIntValue()
        guard let docType = EdXMLBusinessDocType(rawValue: typeValue) else {
            throw EdXMLError(.businessDocType, at: typeNode.path, detail: typeNode.text)
        }
        var info: EdXMLBusinessDocumentInfo?
        if let infoNode = try node.optional("BussinessDocumentInfo") {
            let receivers = try infoNode.optional("ReceiverList")?.all("Receiver").map {
                EdXMLReceiver(organId: try $0.requiredString("OrganId"), receiverType: try $0.int("ReceiverType"))
            } ?? []
            info = EdXMLBusinessDocumentInfo(documentInfo: try infoNode.string("DocumentInfo"),
                                             documentReceiver: try infoNode.string("DocumentReceiver"),
                                             receivers: receivers)
        }
        let replacements = try node.optional("ReplacementInfoList")?.all("ReplacementInfo").map {
            EdXMLReplacementInfo(documentId: try $0.requiredString("DocumentId"),
                                 organIds: try $0.optional("OrganIdList")?.all("OrganId").map(\.text) ?? [])
        } ?? []
        return EdXMLBusiness(documentId: try node.string("DocumentId"), docType: docType,
                             reason: try node.string("BussinessDocReason"), paper: try node.int("Paper"),
                             documentInfo: info, replacements: replacements,
                             staffInfo: try node.optional("StaffInfo").map(staff))
    }

    // MARK: - Attachments

    private struct Reference {
        let path: String
        let contentID: String
        let contentType: String
        let description: String?
        let name: String
    }

    private func attachments(root: Cursor) throws -> [EdXMLAttachment] {
        var references: [Reference] = []
        if let body = try root.required("edXMLEnvelope").optional("edXMLBody") {
            references = try body.required("edXMLManifest").all("Reference").map {
                Reference(path: $0.path, contentID: try $0.requiredString("ContentId"),
                          contentType: try $0.requiredString("ContentType"), description: try $0.string("Description"),
                          name: try $0.requiredString("AttachmentName"))
            }
        }
        var seen = Set<String>()
        for reference in references where !seen.insert(reference.contentID).inserted {
            throw EdXMLError(.duplicateContentID, at: "\(reference.path)/ContentId", detail: reference.contentID)
        }

        let nodes = try root.optional("AttachmentEncoded")?.all("Attachment") ?? []
        var attachments: [EdXMLAttachment] = []
        for node in nodes {
            let contentID = try node.requiredString("ContentId"), name = try node.requiredString("AttachmentName")
            let description = try node.string("Description"), contentType = try node.requiredString("ContentType")
            let encodedNode = try node.required("ContentTransferEncoded")
            var encoded = ""
            encoded.unicodeScalars.append(contentsOf: encodedNode.text.unicodeScalars.filter {
                !($0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n")
            })
            guard let data = Data(base64Encoded: encoded) else {
                throw EdXMLError(.base64, at: encodedNode.path, detail: String(encoded.prefix(40)))
            }
            attachments.append(EdXMLAttachment(contentID: contentID, name: name, description: description,
                                               contentType: contentType, data: data))
        }
        try EdXMLValidator(configuration: configuration).validate(attachments)

        guard references.count == attachments.count else {
            throw EdXMLError(.attachmentCount, at: EdXMLPath.attachments,
                             detail: "manifest \(references.count), attachments \(attachments.count)")
        }
        for reference in references {
            guard let index = attachments.firstIndex(where: { $0.contentID == reference.contentID }) else {
                throw EdXMLError(.attachmentMissing, at: "\(reference.path)/ContentId", detail: reference.contentID)
            }
            let attachment = attachments[index], path = nodes[index].path
            if attachment.name != reference.name {
                throw EdXMLError(.attachmentMismatch, at: "\(path)/AttachmentName", detail: attachment.name)
            }
            if attachment.contentType != reference.contentType {
                throw EdXMLError(.attachmentMismatch, at: "\(path)/ContentType", detail: attachment.contentType)
            }
            if attachment.description != reference.description {
                throw EdXMLError(.attachmentMismatch, at: "\(path)/Description", detail: attachment.description ?? "")
            }
        }
        return attachments
    }

    // MARK: - Status

    private func readStatus(_ mh: Cursor) throws -> EdXMLStatus {
        let from = try organization(mh.required("From"))
        let responseFor = try response(mh.required("ResponseFor"))
        let staffInfo = try mh.optional("StaffInfo").map(staff)
        let codeNode = try mh.required("StatusCode")
        let codeText = codeNode.text.trimmingCharacters(in: .whitespacesAndNewlines)
        if codeText.isEmpty { throw EdXMLError(.emptyElement, at: codeNode.path) }
        guard let code = EdXMLStatusCode(rawValue: codeText) else {
            throw EdXMLError(.statusCode, at: codeNode.path, detail: codeText)
        }
        return EdXMLStatus(from: from, responseFor: responseFor, staffInfo: staffInfo, code: code,
                           description: try mh.string("Description"), timestamp: try mh.requiredDateTime("Timestamp"))
    }
}

/// An element with its path, and the typed look-ups that enforce the structural rules.
private struct Cursor {
    let node: XMLElementNode
    let path: String

    var text: String { node.text }

    static func root(_ node: XMLElementNode) throws -> Cursor {
        guard node.name == "edXML" else { throw EdXMLError(.rootElement, at: node.name, detail: node.name) }
        guard node.namespace == EdXML.namespace else {
            throw EdXMLError(.namespace, at: EdXMLPath.root, detail: node.namespace ?? "no namespace")
        }
        return Cursor(node: node, path: "")
    }

    private func childPath(_ name: String) -> String { path.isEmpty ? name : "\(path)/\(name)" }

    /// The single child `name`, or nil; two or more throw ``EdXMLRule/duplicateElement``.
    func optional(_ name: String) throws -> Cursor? {
        let matches = node.children.filter { $0.name == name }
        guard let first = matches.first else { return nil }
        if matches.count > 1 { throw EdXMLError(.duplicateElement, at: "\(childPath(name))[2]") }
        return try Cursor.checked(first, path: childPath(name))
    }

    func required(_ name: String) throws -> Cursor {
        guard let child = try optional(name) else { throw EdXMLError(.missingElement, at: childPath(name)) }
        return child
    }

    /// Every child `name`, with 1-based indexes in their paths.
    func all(_ name: String) throws -> [Cursor] {
        try node.children.filter { $0.name == name }.enumerated().map {
            try Cursor.checked($0.element, path: "\(childPath(name))[\($0.offset + 1)]")
        }
    }

    private static func checked(_ node: XMLElementNode, path: String) throws -> Cursor {
        guard node.namespace == EdXML.namespace else {
            throw EdXMLError(.namespace, at: path, detail: node.namespace ?? "no namespace")
        }
        return Cursor(node: node, path: path)
    }

    // MARK: Leaves

    /// The text of child `name` as written (absent: nil; empty element: "").
    func string(_ name: String) throws -> String? { try optional(name)?.text }

    /// The text of a required child (emptiness is the validator's rule).
    func requiredString(_ name: String) throws -> String { try required(name).text }

    private var trimmed: String { text.trimmingCharacters(in: .whitespacesAndNewlines) }

    /// An optional integer: absent or empty is nil.
    func int(_ name: String) throws -> Int? {
        guard let child = try optional(name), !child.trimmed.isEmpty else { return nil }
        return try child.requiredIntValue()
    }

    func requiredInt(_ name: String) throws -> Int { try required(name).requiredIntValue() }

    func requiredIntValue() throws -> Int {
        let value = trimmed
        if value.isEmpty { throw EdXMLError(.emptyElement, at: path) }
        guard value.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }), let number = Int(value) else {
            throw EdXMLError(.integer, at: path, detail: value)
        }
        return number
    }

    func bool(_ name: String) throws -> Bool? {
        guard let child = try optional(name), !child.trimmed.isEmpty else { return nil }
        switch child.trimmed {
        case "true", "1": return true
        case "false", "0": return false
        default: throw EdXMLError(.boolean, at: child.path, detail: child.trimmed)
        }
    }

    func date(_ name: String) throws -> EdXMLDate? {
        guard let child = try optional(name), !child.trimmed.isEmpty else { return nil }
        guard let date = EdXMLDate(child.trimmed) else { throw EdXMLError(.date, at: child.path, detail: child.trimmed) }
        return date
    }

    func requiredDate(_ name: String) throws -> EdXMLDate {
        let child = try required(name)
        if child.trimmed.isEmpty { throw EdXMLError(.emptyElement, at: child.path) }
        return try date(name)!
    }

    func requiredDateTime(_ name: String) throws -> EdXMLDateTime {
        let child = try required(name)
        if child.trimmed.isEmpty { throw EdXMLError(.emptyElement, at: child.path) }
        guard let value = EdXMLDateTime(child.trimmed) else {
            throw EdXMLError(.timestamp, at: child.path, detail: child.trimmed)
        }
        return value
    }
}
