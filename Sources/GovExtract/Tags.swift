#if canImport(Glibc)
    import Glibc
#endif
import CLibXML2

/// What the page walker does with an element.
enum TagRole {
    case other
    case title  // <title>
    case heading  // h1–h6
    case skipped  // script, style, noscript, template, iframe content: no text
    case anchor  // a, area
    case image  // img
    case frame  // iframe, frame
    case stylesheetLink  // link
    case meta
    case base
    case listEntry  // li, dd: a possible list-page item
    case row  // tr: a table row and a possible list-page item
    case cell  // td, th
    case lineBreak  // br, hr: ends a text run
}

struct TagInfo {
    /// The lowercase name for known elements; "" for others (read from the node if needed).
    /// A StaticString keeps TagInfo free of reference counting: it is copied per element.
    let name: StaticString
    let role: TagRole
    /// Block-level: starts and ends a text run, so text of separate blocks never merges.
    let isBlock: Bool
    let headingLevel: Int

    init(_ name: StaticString, _ role: TagRole = .other, block: Bool = false, heading: Int = 0) {
        self.name = name; self.role = role; self.isBlock = block; self.headingLevel = heading
    }

    static let unknown = TagInfo("", .other)

    func `is`(_ other: StaticString) -> Bool {
        name.utf8CodeUnitCount == other.utf8CodeUnitCount
            && memcmp(name.utf8Start, other.utf8Start, name.utf8CodeUnitCount) == 0
    }

    /// Known elements, keyed by their packed name (see `LibXML.packedName`).
    private static let short: [UInt64: TagInfo] = {
        var table: [UInt64: TagInfo] = [:]
        func add(_ info: TagInfo) { table[LibXML.packedName(info.name.description)] = info }
        let blocks: [StaticString] = [
            "address", "article", "aside", "body", "center", "details", "dialog", "dir", "div",
            "dl", "dt", "fieldset", "figure", "footer", "form", "frameset", "header", "hgroup",
            "html", "legend", "main", "menu", "nav", "ol", "p", "pre", "section", "summary",
            "table", "tbody", "thead", "tfoot", "caption", "ul", "option", "textarea", "select",
            "marquee",
        ]
        for name in blocks { add(TagInfo(name, block: true)) }
        let inline: [StaticString] = [
            "span", "font", "em", "strong", "b", "i", "u", "s", "small", "big", "sub", "sup",
            "abbr", "cite", "code", "q", "time", "mark", "ins", "del", "input", "video", "audio",
            "object", "embed", "svg", "canvas", "head", "button", "label",
        ]
        for name in inline { add(TagInfo(name)) }
        add(TagInfo("title", .title, block: true))
        add(TagInfo("h1", .heading, block: true, heading: 1))
        add(TagInfo("h2", .heading, block: true, heading: 2))
        add(TagInfo("h3", .heading, block: true, heading: 3))
        add(TagInfo("h4", .heading, block: true, heading: 4))
        add(TagInfo("h5", .heading, block: true, heading: 5))
        add(TagInfo("h6", .heading, block: true, heading: 6))
        for name: StaticString in ["script", "style", "noscript", "template"] {
            add(TagInfo(name, .skipped, block: true))
        }
        add(TagInfo("a", .anchor))
        add(TagInfo("area", .anchor))
        add(TagInfo("img", .image))
        add(TagInfo("iframe", .frame, block: true))
        add(TagInfo("frame", .frame, block: true))
        add(TagInfo("link", .stylesheetLink))
        add(TagInfo("meta", .meta))
        add(TagInfo("base", .base))
        add(TagInfo("li", .listEntry, block: true))
        add(TagInfo("dd", .listEntry, block: true))
        add(TagInfo("tr", .row, block: true))
        add(TagInfo("td", .cell, block: true))
        add(TagInfo("th", .cell, block: true))
        add(TagInfo("br", .lineBreak, block: true))
        add(TagInfo("hr", .lineBreak, block: true))
        return table
    }()

    private static let long: [String: TagInfo] = [
        "blockquote": TagInfo("blockquote", block: true),
        "figcaption": TagInfo("figcaption", block: true),
    ]

    static func of(_ node: xmlNodePtr) -> TagInfo {
        if let key = LibXML.packedName(node.pointee.name) {
            return short[key] ?? .unknown
        }
        return long[LibXML.string(node.pointee.name)] ?? .unknown
    }
}

/// The attributes the walker reads, gathered in one pass over the attribute list.
struct ElementAttributes {
    var href: UnsafePointer<xmlChar>?
    var src: UnsafePointer<xmlChar>?
    var alt: UnsafePointer<xmlChar>?
    var title: UnsafePointer<xmlChar>?
    var style: UnsafePointer<xmlChar>?
    var classes: UnsafePointer<xmlChar>?
    var id: UnsafePointer<xmlChar>?
    var name: UnsafePointer<xmlChar>?
    var content: UnsafePointer<xmlChar>?
    var rel: UnsafePointer<xmlChar>?
    var width: UnsafePointer<xmlChar>?
    var height: UnsafePointer<xmlChar>?
    var hasHidden = false

    private static let hrefKey = LibXML.packedName("href"), srcKey = LibXML.packedName("src"),
        altKey = LibXML.packedName("alt"), titleKey = LibXML.packedName("title"),
        styleKey = LibXML.packedName("style"), classKey = LibXML.packedName("class"),
        idKey = LibXML.packedName("id"), nameKey = LibXML.packedName("name"),
        contentKey = LibXML.packedName("content"), relKey = LibXML.packedName("rel"),
        widthKey = LibXML.packedName("width"), heightKey = LibXML.packedName("height"),
        hiddenKey = LibXML.packedName("hidden")

    init(_ node: xmlNodePtr) {
        var attribute = node.pointee.properties
        while let current = attribute {
            attribute = current.pointee.next
            guard let key = LibXML.packedName(current.pointee.name) else { continue }
            // An attribute without a value (`<a href>`) reads as the empty string.
            let value = LibXML.attributeValue(current) ?? ("" as StaticString).utf8Start
            switch key {
            case Self.hrefKey: if href == nil { href = value }
            case Self.srcKey: if src == nil { src = value }
            case Self.altKey: if alt == nil { alt = value }
            case Self.titleKey: if title == nil { title = value }
            case Self.styleKey: if style == nil { style = value }
            case Self.classKey: if classes == nil { classes = value }
            case Self.idKey: if id == nil { id = value }
            case Self.nameKey: if name == nil { name = value }
            case Self.contentKey: if content == nil { content = value }
            case Self.relKey: if rel == nil { rel = value }
            case Self.widthKey: if width == nil { width = value }
            case Self.heightKey: if height == nil { height = value }
            case Self.hiddenKey: hasHidden = true
            default: break
            }
        }
    }
}

/// ASCII case-insensitive search in a NUL-terminated attribute value.
func asciiContains(_ haystack: UnsafePointer<xmlChar>, _ needle: StaticString) -> Bool {
    let n = needle.utf8CodeUnitCount
    let pattern = needle.utf8Start
    var i = 0
    while haystack[i] != 0 {
        var k = 0
        while k < n {
            var c = haystack[i + k]
            if c >= 0x41 && c <= 0x5A { c |= 0x20 }
            if c != pattern[k] { break }
            k += 1
        }
        if k == n { return true }
        i += 1
    }
    return false
}

/// Whether the value holds `word` as a whole token (split on anything not a letter or digit).
func asciiHasToken(_ haystack: UnsafePointer<xmlChar>, _ word: StaticString) -> Bool {
    let n = word.utf8CodeUnitCount
    let pattern = word.utf8Start
    func isAlphanumeric(_ c: UInt8) -> Bool { (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) }
    var i = 0
    while haystack[i] != 0 {
        if i == 0 || !isAlphanumeric(haystack[i - 1]) {
            var k = 0
            while k < n, haystack[i + k] | 0x20 == pattern[k] { k += 1 }
            if k == n, !isAlphanumeric(haystack[i + n]) { return true }
        }
        i += 1
    }
    return false
}
