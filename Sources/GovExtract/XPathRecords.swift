import Foundation
import CLibXML2
import GovCore

/// A configured XPath expression that libxml2 could not compile or evaluate.
public struct XPathError: Error, CustomStringConvertible {
    public let expression: String
    public var description: String { "invalid XPath expression `\(expression)`" }
}

/// Records picked out of a page by configured XPath selectors: for message boards whose
/// layout the automatic table reader does not recognise (config `sites[].interaction`).
/// `row` selects each record; every field expression is evaluated relative to the row and
/// read as a string (XPath `string()`).
public enum XPathRecords {
    public static func extract(
        body: [UInt8], contentType: String? = nil, row: String,
        fields: [String: String]
    ) throws(XPathError) -> [[String: String]] {
        let text = Charset.decode(body, contentType: contentType).text
        guard let document = LibXML.parseHTML(text) else { return [] }
        defer { xmlFreeDoc(document) }
        guard let context = xmlXPathNewContext(document) else { return [] }
        defer { xmlXPathFreeContext(context) }
        guard let rows = xmlXPathEvalExpression(row, context) else { throw XPathError(expression: row) }
        defer { xmlXPathFreeObject(rows) }
        guard rows.pointee.type == XPATH_NODESET, let set = rows.pointee.nodesetval else { return [] }
        var records: [[String: String]] = []
        for index in 0..<Int(set.pointee.nodeNr) {
            guard let node = set.pointee.nodeTab[index] else { continue }
            context.pointee.node = node
            var record: [String: String] = [:]
            for (name, expression) in fields {
                guard let value = xmlXPathEvalExpression("string(\(expression))", context) else {
                    throw XPathError(expression: expression)
                }
                defer { xmlXPathFreeObject(value) }
                let string = value.pointee.stringval.map { String(cString: $0) } ?? ""
                record[name] = string.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            records.append(record)
        }
        return records
    }
}
