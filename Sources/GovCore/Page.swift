import Foundation

/// What a link is, as far as the checker cares.
public enum LinkKind: String, Sendable, Codable, CaseIterable {
    case anchor  // <a href>
    case image  // <img src>
    case script  // <script src>
    case stylesheet  // <link rel=stylesheet>
    case frame  // <iframe src> / <frame src>
    case attachment  // an <a href> to pdf, doc, docx, xls, xlsx, wps, et, ofd, txt, csv, zip, rar

    /// File extensions that make a link an attachment (checked for availability; the readable ones are read by GovAttach).
    public static let attachmentExtensions: Set<String> = [
        "pdf", "doc", "docx", "xls", "xlsx", "wps", "zip", "rar", "et", "ofd", "txt", "csv",
    ]
}

/// A link found on a page: absolute URL, anchor text, and whether it was hidden.
public struct Link: Sendable, Hashable, Codable {
    public var url: String
    public var text: String
    public var kind: LinkKind
    /// Why the element (or an ancestor) is hidden: "display:none", "visibility:hidden",
    /// "zero size", "off-screen", "hidden attribute", or "style block .cls: display:none"
    /// (a rule of a `<style>` element, with the selector and what it does); nil when visible.
    public var hiddenBy: String?
    public var line: Int

    public init(url: String, text: String = "", kind: LinkKind = .anchor, hiddenBy: String? = nil, line: Int = 0) {
        self.url = url; self.text = text; self.kind = kind; self.hiddenBy = hiddenBy; self.line = line
    }

    public var isHidden: Bool { hiddenBy != nil }
}

/// An entry of a list page (栏目列表): the linked title and the date printed beside it.
public struct ListItem: Sendable, Hashable, Codable {
    public var title: String
    public var url: String
    public var date: Day?

    public init(title: String, url: String, date: Day?) {
        self.title = title; self.url = url; self.date = date
    }
}

/// A timestamp as government pages print it: a day and, when given, the minute (+08:00).
public struct LocalDateTime: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var day: Day
    public var minuteOfDay: Int?

    public init(day: Day, minuteOfDay: Int? = nil) { self.day = day; self.minuteOfDay = minuteOfDay }

    public static func < (a: LocalDateTime, b: LocalDateTime) -> Bool {
        (a.day, a.minuteOfDay ?? 0) < (b.day, b.minuteOfDay ?? 0)
    }

    public var description: String {
        guard let m = minuteOfDay else { return day.description }
        let h = m / 60, mm = m % 60
        return "\(day) \(h < 10 ? "0" : "")\(h):\(mm < 10 ? "0" : "")\(mm)"
    }
}

/// A parsed HTML page: everything the rules need and nothing more (the DOM is gone).
public struct Page: Sendable, Codable {
    public var url: String
    /// Charset the body was decoded from (after BOM / header / meta / sniffing).
    public var charset: String
    public var title: String
    public var blocks: [TextBlock]
    public var links: [Link]
    /// <meta name=…> values keyed by the lowercased name (sitename, siteidcode, pubdate, …).
    public var meta: [String: String]
    /// The breadcrumb trail (当前位置), outermost first, without the "首页" root when present.
    public var breadcrumb: [String]
    /// The date printed near the title (发布时间/日期), if any.
    public var printedDate: LocalDateTime?
    /// Items of a list page: linked titles with the dates printed beside them.
    public var listItems: [ListItem]
    /// Table rows as cell texts (for message boards and document tables).
    public var tableRows: [[String]]
    /// src of every <script>, for fingerprints such as the conac badge.
    public var scriptSources: [String]
    /// The text of the page's footer (the last blocks, or an element named footer/bottom).
    public var footerText: String

    public init(
        url: String, charset: String = "utf-8", title: String = "", blocks: [TextBlock] = [],
        links: [Link] = [], meta: [String: String] = [:], breadcrumb: [String] = [],
        printedDate: LocalDateTime? = nil, listItems: [ListItem] = [], tableRows: [[String]] = [],
        scriptSources: [String] = [], footerText: String = ""
    ) {
        self.url = url; self.charset = charset; self.title = title; self.blocks = blocks
        self.links = links; self.meta = meta; self.breadcrumb = breadcrumb; self.printedDate = printedDate
        self.listItems = listItems; self.tableRows = tableRows; self.scriptSources = scriptSources
        self.footerText = footerText
    }

    /// A government meta tag by name, case-insensitive (SiteName, PubDate, …); empty → nil.
    public func meta(_ name: String) -> String? {
        guard let raw = meta[name.lowercased()] else { return nil }
        // Most values need no trimming; Foundation's trim is the cost when called per page.
        let edges = (raw.unicodeScalars.first, raw.unicodeScalars.last)
        let v =
            edges.0?.properties.isWhitespace == false && edges.1?.properties.isWhitespace == false
            ? raw : raw.trimmingCharacters(in: .whitespacesAndNewlines)
        return v.isEmpty ? nil : v
    }

    /// The PubDate meta parsed (`YYYY-MM-DD HH:MM[:SS]`, +08:00 implied).
    public var pubDate: LocalDateTime? { meta("PubDate").flatMap(DateText.parseDateTime) }

    /// All visible text joined by newlines (title first).
    public var visibleText: String {
        blocks.filter { $0.scope != .hidden }.map(\.text).joined(separator: "\n")
    }
}
