import CLibXML2
import Foundation
import GovCore

/// Why a feed body could not be read, in one line (what an operator needs to fix the URL).
public struct FeedParseError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Reads RSS 2.0 (and RSS 1.0), Atom 1.0 and JSON Feed 1.1 into a `FeedDocument`.
/// XML goes through libxml2 in recovery mode after the same charset handling as pages;
/// item content goes through the page extractor, so feed text is read like page text.
public enum FeedParser {
    public static func parse(body: [UInt8], contentType: String?, url: String) throws(FeedParseError) -> FeedDocument {
        let start = body.firstIndex(where: {
            !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF)
        })
        guard let start else { throw FeedParseError("feed is empty") }
        if body[start] == UInt8(ascii: "{") || (contentType?.lowercased().contains("json") ?? false) {
            return try JSONFeedReader(url: url).read(body)
        }
        return try XMLFeedReader(url: url).read(body, contentType: contentType)
    }

    /// The visible text of an item's HTML content, one block a line.
    static func text(ofHTML html: String, url: String) -> String {
        guard !html.isEmpty else { return "" }
        // Plain text with no markup at all needs no parser.
        guard html.contains("<") || html.contains("&") else { return collapsedString(html) }
        return PageExtractor.blocks(fromHTML: html, url: url)
            .filter { $0.scope != .hidden }
            .map(\.text)
            .joined(separator: "\n")
    }

    static func absolute(_ link: String, base: LinkBase?) -> String {
        LinkResolver.resolve(link, base: base) ?? ""
    }
}

/// RSS and Atom through libxml2's XML parser.
private struct XMLFeedReader {
    let url: String
    let base: LinkBase?

    init(url: String) {
        self.url = url
        base = LinkBase(url)
    }

    private static let options = Int32(
        XML_PARSE_RECOVER.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue
            | XML_PARSE_IGNORE_ENC.rawValue)

    func read(_ body: [UInt8], contentType: String?) throws(FeedParseError) -> FeedDocument {
        var text = Charset.decode(body, contentType: contentType).text
        LibXML.prepareThread()
        xmlResetLastError()
        var halted: Int32 = 0
        let document = text.withUTF8 { utf8 -> xmlDocPtr? in
            guard let base = utf8.baseAddress, utf8.count < Int(Int32.max) else { return nil }
            return base.withMemoryRebound(to: CChar.self, capacity: utf8.count) {
                govlint_xml_parse_feed($0, Int32(utf8.count), XMLFeedReader.options, &halted)
            }
        }
        // A parse libxml2 gave up on (entity amplification, nesting too deep) leaves a
        // fragment whose items lost their dates: unreadable, never a stale feed.
        if halted != 0 {
            if let document { xmlFreeDoc(document) }
            throw FeedParseError("feed is not readable XML: the parser stopped\(lastErrorSuffix())")
        }
        guard let document, let root = xmlDocGetRootElement(document) else {
            if let document { xmlFreeDoc(document) }
            throw FeedParseError("feed is not readable XML\(lastErrorSuffix())")
        }
        defer { xmlFreeDoc(document) }
        switch localName(root) {
        case "rss":
            guard let channel = children(root).first(where: { localName($0) == "channel" }) else {
                throw FeedParseError("RSS feed has no <channel>\(lastErrorSuffix())")
            }
            return rss(channel: channel, itemParent: channel)
        case "RDF":
            // RSS 1.0: items are siblings of the channel.
            guard let channel = children(root).first(where: { localName($0) == "channel" }) else {
                throw FeedParseError("RSS 1.0 feed has no <channel>")
            }
            return rss(channel: channel, itemParent: root)
        case "feed":
            return atom(root)
        case let other:
            throw FeedParseError("not an RSS or Atom feed: the document element is <\(other)>")
        }
    }

    private func rss(channel: xmlNodePtr, itemParent: xmlNodePtr) -> FeedDocument {
        let channelFields = fields(channel)
        let channelLink = FeedParser.absolute(channelFields["link"].map(content) ?? "", base: base)
        var items: [FeedItem] = []
        for node in children(itemParent) where localName(node) == "item" {
            let f = fields(node)
            var link = f["link"].map(content) ?? ""
            let guid = f["guid"].map(content) ?? ""
            if link.isEmpty, guid.hasPrefix("http"), attribute(f["guid"]!, "isPermaLink") != "false" { link = guid }
            link = FeedParser.absolute(link, base: base)
            let html = (f["encoded"] ?? f["description"]).map(content) ?? ""
            let dateText = (f["pubDate"] ?? f["date"] ?? f["published"] ?? f["updated"]).map(content) ?? ""
            let author = (f["creator"] ?? f["author"]).map(content) ?? ""
            items.append(
                FeedItem(
                    id: guid.isEmpty ? link : guid,
                    title: collapsedString(f["title"].map(content) ?? ""),
                    link: link,
                    date: FeedDate.parse(dateText),
                    author: collapsedString(author),
                    html: html,
                    text: FeedParser.text(ofHTML: html, url: link.isEmpty ? url : link)))
        }
        return FeedDocument(
            title: collapsedString(channelFields["title"].map(content) ?? ""), link: channelLink,
            items: items, format: .rss)
    }

    private func atom(_ feed: xmlNodePtr) -> FeedDocument {
        let feedFields = fields(feed)
        var items: [FeedItem] = []
        for entry in children(feed) where localName(entry) == "entry" {
            let f = fields(entry)
            let link = FeedParser.absolute(alternateLink(entry), base: base)
            let body = f["content"] ?? f["summary"]
            let (html, plain) = body.map(atomText) ?? ("", "")
            let authorName = f["author"].flatMap { fields($0)["name"] }.map(content) ?? ""
            let dateText = (f["published"] ?? f["updated"]).map(content) ?? ""
            let id = f["id"].map(content) ?? ""
            let title = f["title"].map(atomText) ?? ("", "")
            items.append(
                FeedItem(
                    id: id.isEmpty ? link : id,
                    title: title.0.isEmpty
                        ? collapsedString(title.1)
                        : FeedParser.text(ofHTML: title.0, url: url).replacingOccurrences(of: "\n", with: " "),
                    link: link,
                    date: FeedDate.parse(dateText),
                    author: collapsedString(authorName),
                    html: html,
                    text: html.isEmpty
                        ? plain.trimmingASCIISpaces() : FeedParser.text(ofHTML: html, url: link.isEmpty ? url : link)))
        }
        let title = feedFields["title"].map(atomText) ?? ("", "")
        return FeedDocument(
            title: collapsedString(title.0.isEmpty ? title.1 : FeedParser.text(ofHTML: title.0, url: url)),
            link: FeedParser.absolute(alternateLink(feed), base: base), items: items, format: .atom)
    }

    /// Atom text constructs: (html, "") for type html/xhtml, ("", text) for type text.
    private func atomText(_ node: xmlNodePtr) -> (String, String) {
        switch attribute(node, "type") ?? "text" {
        case "html", "text/html":
            return (content(node), "")
        case "xhtml", "application/xhtml+xml":
            return (innerMarkup(node), "")
        default:
            return ("", content(node))
        }
    }

    private func alternateLink(_ node: xmlNodePtr) -> String {
        let links = children(node).filter { localName($0) == "link" }
        let alternate = links.first(where: { (attribute($0, "rel") ?? "alternate") == "alternate" }) ?? links.first
        return alternate.flatMap { attribute($0, "href") } ?? ""
    }

    // MARK: libxml2 access

    private func children(_ node: xmlNodePtr) -> [xmlNodePtr] {
        var out: [xmlNodePtr] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { out.append(current) }
            child = current.pointee.next
        }
        return out
    }

    /// The first child element of each local name.
    private func fields(_ node: xmlNodePtr) -> [String: xmlNodePtr] {
        var out: [String: xmlNodePtr] = [:]
        for child in children(node) {
            let name = localName(child)
            if out[name] == nil { out[name] = child }
        }
        return out
    }

    private func localName(_ node: xmlNodePtr) -> String { LibXML.string(node.pointee.name) }

    private func content(_ node: xmlNodePtr) -> String {
        guard let text = xmlNodeGetContent(node) else { return "" }
        defer { govlint_xml_free(text) }
        return String(cString: text).trimmingASCIISpaces()
    }

    private func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        var attribute = node.pointee.properties
        while let current = attribute {
            if LibXML.string(current.pointee.name) == name { return LibXML.attributeString(current) }
            attribute = current.pointee.next
        }
        return nil
    }

    /// The markup inside an element (Atom xhtml content: the children of its wrapper div).
    private func innerMarkup(_ node: xmlNodePtr) -> String {
        let wrapper = children(node).first(where: { localName($0) == "div" }) ?? node
        guard let buffer = xmlBufferCreate() else { return "" }
        defer { xmlBufferFree(buffer) }
        var child = wrapper.pointee.children
        while let current = child {
            xmlNodeDump(buffer, node.pointee.doc, current, 0, 0)
            child = current.pointee.next
        }
        guard let bytes = xmlBufferContent(buffer) else { return "" }
        return String(cString: bytes)
    }

    /// " (line N: message)" from libxml2's last error on this thread, or "".
    private func lastErrorSuffix() -> String {
        guard let error = xmlGetLastError(), error.pointee.code != 0 else { return "" }
        let message =
            error.pointee.message.map { String(cString: $0).trimmingASCIISpaces() } ?? "error \(error.pointee.code)"
        return " (line \(error.pointee.line): \(message))"
    }
}

/// JSON Feed 1.1 through Foundation's JSONSerialization.
private struct JSONFeedReader {
    let url: String

    func read(_ body: [UInt8]) throws(FeedParseError) -> FeedDocument {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(body))
        } catch {
            let reason =
                (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? error.localizedDescription
            throw FeedParseError("JSON Feed is not valid JSON: \(reason.split(separator: "\n").first ?? "")")
        }
        guard let feed = object as? [String: Any] else { throw FeedParseError("JSON Feed is not a JSON object") }
        guard let version = feed["version"] as? String, version.hasPrefix("https://jsonfeed.org/version/") else {
            throw FeedParseError("not a JSON Feed: missing \"version\": \"https://jsonfeed.org/version/1.1\"")
        }
        guard let rawItems = feed["items"] as? [Any] else { throw FeedParseError("JSON Feed has no \"items\" array") }
        let base = LinkBase(url)
        var items: [FeedItem] = []
        items.reserveCapacity(rawItems.count)
        for case let item as [String: Any] in rawItems {
            let link = FeedParser.absolute(string(item["url"]) ?? string(item["external_url"]) ?? "", base: base)
            let html = string(item["content_html"]) ?? ""
            let plain = string(item["content_text"]) ?? string(item["summary"]) ?? ""
            let authors = (item["authors"] as? [[String: Any]]) ?? (item["author"] as? [String: Any]).map { [$0] } ?? []
            let id = string(item["id"]) ?? ""
            items.append(
                FeedItem(
                    id: id.isEmpty ? link : id,
                    title: collapsedString(string(item["title"]) ?? ""),
                    link: link,
                    date: (string(item["date_published"]) ?? string(item["date_modified"])).flatMap(FeedDate.parse),
                    author: authors.compactMap { string($0["name"]) }.joined(separator: ", "),
                    html: html,
                    text: html.isEmpty
                        ? plain.trimmingASCIISpaces() : FeedParser.text(ofHTML: html, url: link.isEmpty ? url : link)))
        }
        return FeedDocument(
            title: collapsedString(string(feed["title"]) ?? ""),
            link: FeedParser.absolute(string(feed["home_page_url"]) ?? "", base: base),
            items: items, format: .jsonFeed)
    }

    /// Strings as given; ids may be numbers in the wild.
    private func string(_ value: Any?) -> String? {
        switch value {
        case let text as String: text
        case let number as NSNumber: number.stringValue
        default: nil
        }
    }
}
