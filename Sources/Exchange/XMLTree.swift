import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A parsed XML element: local name, namespace, children and its own text (the concatenation of its text nodes).
final class XMLElementNode {
    let name: String
    let namespace: String?
    let attributes: [String: String]
    var children: [XMLElementNode] = []
    var text = ""

    init(name: String, namespace: String?, attributes: [String: String]) {
        self.name = name
        self.namespace = namespace
        self.attributes = attributes
    }

    /// Parses `data` into its root element; throws ``EdXMLRule/documentTypeDeclaration`` or ``EdXMLRule/notXML``.
    static func parse(_ data: Data) throws -> XMLElementNode {
        if declaresDocumentType(data) { throw EdXMLError(.documentTypeDeclaration, at: "") }
        // Fed as a stream: given whole, packages over 10 MB hit libxml2's lookup limit on Linux.
        let parser = XMLParser(stream: InputStream(data: data))
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        let builder = TreeBuilder()
        parser.delegate = builder
        let ok = parser.parse()
        guard ok, parser.parserError == nil, builder.failure == nil, let root = builder.root, builder.stack.isEmpty else {
            let reason = builder.failure ?? (parser.parserError as NSError?).map { "code \($0.code)" } ?? "no root element"
            throw EdXMLError(.notXML, at: "",
                             detail: "line \(parser.lineNumber), column \(parser.columnNumber): \(reason)")
        }
        return root
    }

    /// Whether a `<!DOCTYPE` comes before the root element.
    private static func declaresDocumentType(_ data: Data) -> Bool {
        let bytes = [UInt8](data.prefix(4096))
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "<"), i + 1 < bytes.count {
                let next = bytes[i + 1]
                if next == UInt8(ascii: "!") {
                    let keyword = String(decoding: bytes[(i + 2)..<min(i + 9, bytes.count)], as: UTF8.self)
                    if keyword.uppercased() == "DOCTYPE" { return true }
                } else if next != UInt8(ascii: "?") {
                    return false // the root element starts
                }
            }
            i += 1
        }
        return false
    }
}

private final class TreeBuilder: NSObject, XMLParserDelegate {
    var root: XMLElementNode?
    var stack: [XMLElementNode] = []
    var failure: String?

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        let node = XMLElementNode(name: elementName, namespace: namespaceURI.flatMap { $0.isEmpty ? nil : $0 },
                                  attributes: attributeDict)
        if let parent = stack.last {
            parent.children.append(node)
        } else if root == nil {
            root = node
        } else {
            failure = "a second root element"
            parser.abortParsing()
        }
        stack.append(node)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?) {
        _ = stack.popLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        stack.last?.text += string
    }

    func parser(_ parser: XMLParser, foundIgnorableWhitespace whitespaceString: String) {
        stack.last?.text += whitespaceString
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard let text = String(data: CDATABlock, encoding: .utf8) else {
            failure = "CDATA is not UTF-8"
            parser.abortParsing()
            return
        }
        stack.last?.text += text
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        if failure == nil { failure = "parse error \((parseError as NSError).code)" }
    }
}
