import Foundation

/// Element paths of the edXML layout, from below the root `edXML`.
enum EdXMLPath {
    static let root = "edXML"
    static let envelope = "edXMLEnvelope"
    static let header = "edXMLEnvelope/edXMLHeader"
    static let messageHeader = "edXMLEnvelope/edXMLHeader/MessageHeader"
    static let traceHeaderList = "edXMLEnvelope/edXMLHeader/TraceHeaderList"
    static let body = "edXMLEnvelope/edXMLBody"
    static let manifest = "edXMLEnvelope/edXMLBody/edXMLManifest"
    static let attachments = "AttachmentEncoded"

    static func indexed(_ path: String, _ name: String, _ index: Int) -> String { "\(path)/\(name)[\(index + 1)]" }
}

/// Checks the values of a message model against the rules that do not depend on XML syntax (agency codes, codes,
/// value lists, attachments). ``EdXMLReader`` runs it after parsing and ``EdXMLWriter`` before writing, so errors
/// name the element where the value is (or would be) written.
public struct EdXMLValidator: Sendable {
    public var configuration: EdXMLConfiguration

    public init(configuration: EdXMLConfiguration = .default) {
        self.configuration = configuration
    }

    /// Throws the first ``EdXMLError`` of the message, then of the attachments.
    public func validate(_ package: EdXMLPackage) throws {
        try validate(package.message)
        try validate(package.attachments)
    }

    /// Throws the first ``EdXMLError`` of a document message.
    public func validate(_ message: EdXMLMessage) throws {
        let mh = EdXMLPath.messageHeader
        try organization(message.from, at: "\(mh)/From")
        if message.to.isEmpty { throw EdXMLError(.missingElement, at: "\(mh)/To") }
        for (i, to) in message.to.enumerated() {
            try organization(to, at: EdXMLPath.indexed(mh, "To", i))
        }
        if let id = message.documentId { try documentID(id, at: "\(mh)/DocumentId") }

        let number = message.code.number, notation = message.code.notation
        try required(number, at: "\(mh)/Code/CodeNumber")
        guard number.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw EdXMLError(.codeNumber, at: "\(mh)/Code/CodeNumber", detail: number)
        }
        try required(notation, at: "\(mh)/Code/CodeNotation")
        guard !notation.contains(where: { $0.isWhitespace }) else {
            throw EdXMLError(.codeNotation, at: "\(mh)/Code/CodeNotation", detail: notation)
        }

        if let types = configuration.documentTypes, types[message.documentType.type] == nil {
            throw EdXMLError(.documentType, at: "\(mh)/DocumentType/Type", detail: String(message.documentType.type))
        }
        try required(message.documentType.typeName, at: "\(mh)/DocumentType/TypeName")
        try required(message.subject, at: "\(mh)/Subject")
        if let priority = message.otherInfo.priority, configuration.priorities[priority] == nil {
            throw EdXMLError(.priority, at: "\(mh)/OtherInfo/Priority", detail: String(priority))
        }
        if let steering = message.steeringType, configuration.steeringTypes[steering] == nil {
            throw EdXMLError(.steeringType, at: "\(mh)/SteeringType", detail: String(steering))
        }
        for (i, response) in message.responseFor.enumerated() {
            try responseFor(response, at: EdXMLPath.indexed(mh, "ResponseFor", i))
        }

        let trace = EdXMLPath.traceHeaderList
        for (i, header) in message.traceHeaders.enumerated() {
            try agencyCode(header.organId, at: EdXMLPath.indexed(trace, "TraceHeader", i) + "/OrganId")
        }
        if let business = message.business {
            let path = "\(trace)/Bussiness"
            if let id = business.documentId { try documentID(id, at: "\(path)/DocumentId") }
            for (i, receiver) in (business.documentInfo?.receivers ?? []).enumerated() {
                let list = "\(path)/BussinessDocumentInfo/ReceiverList"
                try agencyCode(receiver.organId, at: EdXMLPath.indexed(list, "Receiver", i) + "/OrganId")
            }
            for (i, replacement) in business.replacements.enumerated() {
                let item = EdXMLPath.indexed("\(path)/ReplacementInfoList", "ReplacementInfo", i)
                try documentID(replacement.documentId, at: "\(item)/DocumentId")
                for (j, organ) in replacement.organIds.enumerated() {
                    try agencyCode(organ, at: EdXMLPath.indexed("\(item)/OrganIdList", "OrganId", j))
                }
            }
        }
    }

    /// Throws the first ``EdXMLError`` of the attachments (named at their place in `AttachmentEncoded`).
    public func validate(_ attachments: [EdXMLAttachment]) throws {
        var seen = Set<String>()
        for (i, attachment) in attachments.enumerated() {
            let path = EdXMLPath.indexed(EdXMLPath.attachments, "Attachment", i)
            try required(attachment.contentID, at: "\(path)/ContentId")
            guard seen.insert(attachment.contentID).inserted else {
                throw EdXMLError(.duplicateContentID, at: "\(path)/ContentId", detail: attachment.contentID)
            }
            try required(attachment.name, at: "\(path)/AttachmentName")
            try required(attachment.contentType, at: "\(path)/ContentType")
            guard Self.isMIMEType(attachment.contentType) else {
                throw EdXMLError(.contentType, at: "\(path)/ContentType", detail: attachment.contentType)
            }
        }
    }

    /// Throws the first ``EdXMLError`` of a status message.
    public func validate(_ status: EdXMLStatus) throws {
        try organization(status.from, at: "\(EdXMLPath.messageHeader)/From")
        try responseFor(status.responseFor, at: "\(EdXMLPath.messageHeader)/ResponseFor")
    }

    // MARK: - Pieces

    private func organization(_ organization: EdXMLOrganization, at path: String) throws {
        try agencyCode(organization.organId, at: "\(path)/OrganId")
        try required(organization.organName, at: "\(path)/OrganName")
    }

    private func responseFor(_ response: EdXMLResponseFor, at path: String) throws {
        try agencyCode(response.organId, at: "\(path)/OrganId")
        try documentID(response.documentId, at: "\(path)/DocumentId")
    }

    private func agencyCode(_ code: String, at path: String) throws {
        try required(code, at: path)
        guard EdXMLAgencyCode.isWellFormed(code) else { throw EdXMLError(.agencyCode, at: path, detail: code) }
    }

    private func documentID(_ id: String, at path: String) throws {
        try required(id, at: path)
        guard EdXMLDocumentID(id) != nil else { throw EdXMLError(.documentID, at: path, detail: id) }
    }

    private func required(_ text: String, at path: String) throws {
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw EdXMLError(.emptyElement, at: path) }
    }

    /// `type/subtype` with RFC 2045 token characters, optionally followed by `;` parameters.
    static func isMIMEType(_ text: String) -> Bool {
        let essence = text.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)[0]
        let parts = essence.split(separator: "/", omittingEmptySubsequences: false)
        let token: (Character) -> Bool = { $0.isASCII && ($0.isLetter || $0.isNumber || "!#$&^_.+-".contains($0)) }
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(token) }
    }
}
