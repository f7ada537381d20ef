import CLibXML2
import Foundation
import GovCore
#if canImport(Glibc)
    import Glibc
#endif

/// One pass over a parsed libxml2 tree that collects everything a `Page` holds.
///
/// Text is gathered into runs: a run ends at every block-level element, `<br>`, or change of
/// scope, and becomes one `TextBlock`. Elements that need their whole text (anchors, list
/// entries, table cells, breadcrumb and footer containers) open a capture that receives the
/// same text while they are open.
struct PageWalker {
    /// The page URL when it is absolute; `<base href>` may replace it once.
    private let pageBase: LinkBase?
    private var base: LinkBase?
    private let styleSheet: HidingStyleSheet

    private(set) var blocks: [TextBlock] = []
    private(set) var links: [Link] = []
    private(set) var meta: [String: String] = [:]
    private(set) var scriptSources: [String] = []
    private(set) var tableRows: [[String]] = []
    private(set) var listItems: [ListItem] = []
    private(set) var crumbCandidates: [String] = []
    /// Footer-like containers, outermost only; `strong` for footer/copyright names.
    private(set) var footerCandidates: [(strong: Bool, text: String)] = []
    private(set) var firstH1BlockIndex: Int?

    private var run: [UInt8] = []
    private var runScope: Scope = .body
    private var runLine = 1
    private var blocksAfterRun: [TextBlock] = []

    private struct Frame {
        var tag: TagInfo
        var hiddenBy: String?
        var capturesOpened = 0
        var blockCountAtEntry = 0
        var listItemCountAtEntry = 0
        var anchorTitle: String?
    }

    private enum CaptureKind {
        case anchor(linkIndex: Int)
        case listEntry(linkStart: Int)
        case cell
        case crumb
        case footer(strong: Bool)
    }

    private struct Capture {
        var kind: CaptureKind
        var bytes: [UInt8] = []
        var imageAlt: String?
    }

    private var frames: [Frame] = []
    /// Emptied capture buffers, reused: a page opens a capture for every link.
    private var spareBuffers: [[UInt8]] = []
    private var captures: [Capture] = []
    private var openRows: [[String]] = []
    private var titleDepth = 0
    private var headingDepth = 0
    private var crumbDepth = 0
    private var footerDepth = 0
    /// Titles of anchors (`<a title>`), kept to restore list titles cut short with "…".
    private var anchorTitles: [Int: String] = [:]

    init(pageURL: String, styleSheet: HidingStyleSheet) {
        pageBase = LinkBase(pageURL)
        base = pageBase
        self.styleSheet = styleSheet
    }

    // MARK: Traversal

    /// Walks the tree without recursion (broken pages can nest thousands deep). `enter`
    /// returns true only for an element with children; every such element gets one `leave`.
    mutating func walk(_ document: xmlDocPtr) {
        guard let root = xmlDocGetRootElement(document) else { return }
        var node = root
        traversal: while true {
            var descend = false
            switch node.pointee.type {
            case XML_ELEMENT_NODE:
                descend = enter(node)
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = node.pointee.content { appendText(UnsafePointer(content), node: node) }
            default:
                break
            }
            if descend, let child = node.pointee.children {
                node = child
                continue
            }
            var finished = node
            while finished != root {
                if let next = finished.pointee.next {
                    node = next
                    continue traversal
                }
                guard let parent = finished.pointee.parent else { break traversal }
                leave()
                finished = parent
            }
            break
        }
        breakRun()
    }

    private var currentHidden: String? { frames.last?.hiddenBy }

    /// Handles an element's start; true when the walker should go into its children (and
    /// then call `leave` for it).
    private mutating func enter(_ node: xmlNodePtr) -> Bool {
        let tag = TagInfo.of(node)
        let attributes = ElementAttributes(node)
        let hiddenBy = currentHidden ?? hidingReason(node, tag: tag, attributes: attributes)
        if tag.isBlock { breakRun(); separateCaptures() }

        var frame = Frame(
            tag: tag, hiddenBy: hiddenBy, blockCountAtEntry: blocks.count, listItemCountAtEntry: listItems.count)
        let line = { LibXML.line(of: node) }

        switch tag.role {
        case .skipped:
            if tag.is("script"), let src = attributes.src,
                let url = addLink(src, kind: .script, hiddenBy: hiddenBy, line: line())
            {
                scriptSources.append(links[url].url)
            }
            return false
        case .title:
            titleDepth += 1
        case .heading:
            headingDepth += 1
        case .anchor:
            if let href = attributes.href, let index = addLink(href, kind: .anchor, hiddenBy: hiddenBy, line: line()) {
                open(.anchor(linkIndex: index), in: &frame)
                if let title = attributes.title, title[0] != 0 {
                    let text = collapsed(title)
                    anchorTitles[index] = text
                    frame.anchorTitle = text
                }
            }
        case .image:
            if let src = attributes.src { _ = addLink(src, kind: .image, hiddenBy: hiddenBy, line: line()) }
            if let alt = attributes.alt, alt[0] != 0 {
                let text = collapsed(alt)
                addBlock(hiddenBy == nil ? .alt : .hidden, text, line: line())
                if let index = captures.lastIndex(where: { if case .anchor = $0.kind { true } else { false } }),
                    captures[index].imageAlt == nil
                {
                    captures[index].imageAlt = text
                }
            }
        case .frame:
            if let src = attributes.src { _ = addLink(src, kind: .frame, hiddenBy: hiddenBy, line: line()) }
            return false
        case .stylesheetLink:
            if let rel = attributes.rel, asciiContains(rel, "stylesheet"), let href = attributes.href {
                _ = addLink(href, kind: .stylesheet, hiddenBy: hiddenBy, line: line())
            }
        case .meta:
            if let name = attributes.name, let content = attributes.content {
                let key = LibXML.string(name).trimmingASCIISpaces().lowercased()
                let value = LibXML.string(content)
                if !key.isEmpty, meta[key]?.isEmpty ?? true { meta[key] = value }
                if key == "keywords" {
                    addBlock(.meta, Self.keywordLines(collapsedString(value)), line: line())
                } else if key == "description" {
                    addBlock(.meta, collapsedString(value), line: line())
                }
            }
        case .base:
            if base == pageBase, let href = attributes.href,
                let resolved = LinkResolver.resolve(href, base: pageBase).flatMap(LinkBase.init)
            {
                base = resolved
            }
        case .listEntry:
            open(.listEntry(linkStart: links.count), in: &frame)
        case .row:
            open(.listEntry(linkStart: links.count), in: &frame)
            openRows.append([])
        case .cell:
            open(.cell, in: &frame)
        case .lineBreak, .other:
            break
        }

        if tag.role != .anchor, let title = attributes.title, title[0] != 0 {
            let text = collapsed(title)
            if attributes.alt.map({ collapsed($0) != text }) ?? true {
                addBlock(hiddenBy == nil ? .attribute : .hidden, text, line: line())
            }
        }
        if attributes.classes != nil || attributes.id != nil || tag.is("footer") {
            openNamedContainers(tag: tag, attributes: attributes, frame: &frame)
        }

        guard node.pointee.children != nil else {
            frames.append(frame)
            leave()
            return false
        }
        frames.append(frame)
        return true
    }

    private mutating func leave() {
        guard let frame = frames.popLast() else { return }
        let tag = frame.tag
        if tag.isBlock { breakRun(); separateCaptures() }
        for _ in 0..<frame.capturesOpened {
            var capture = captures.removeLast()
            close(capture, frame: frame)
            capture.bytes.removeAll(keepingCapacity: true)
            spareBuffers.append(capture.bytes)
        }
        switch tag.role {
        case .title: titleDepth -= 1
        case .heading:
            headingDepth -= 1
            if tag.headingLevel == 1, firstH1BlockIndex == nil, blocks.count > frame.blockCountAtEntry {
                firstH1BlockIndex = frame.blockCountAtEntry
            }
        case .row:
            if let row = openRows.popLast(), row.contains(where: { !$0.isEmpty }) { tableRows.append(row) }
        default: break
        }
    }

    // MARK: Captures

    /// Open captures are capped: each text node is copied into every open one, so a hostile
    /// page nesting lists or tables hundreds deep would cost text × depth. Real portals nest
    /// tables a few levels; past the cap inner containers are not captured (their text is
    /// still read as blocks). Anchors never nest, so one more is always allowed.
    static let maxOpenCaptures = 24

    private mutating func open(_ kind: CaptureKind, in frame: inout Frame) {
        let isAnchor = if case .anchor = kind { true } else { false }
        guard captures.count < Self.maxOpenCaptures || (isAnchor && captures.count < Self.maxOpenCaptures + 8) else {
            return
        }
        captures.append(Capture(kind: kind, bytes: spareBuffers.popLast() ?? []))
        frame.capturesOpened += 1
        if case .crumb = kind { crumbDepth += 1 }
        if case .footer = kind { footerDepth += 1 }
    }

    /// Hands a finished capture's text to its owner. The text is built only where it is
    /// used: most list entries are navigation and are dismissed from their bytes.
    private mutating func close(_ capture: Capture, frame: Frame) {
        switch capture.kind {
        case .anchor(let index):
            let text = trimmed(capture.bytes)
            let anchorText = text.isEmpty ? capture.imageAlt ?? "" : text
            links[index].text = anchorText
            if let title = frame.anchorTitle, title != anchorText {
                addBlock(frame.hiddenBy == nil ? .attribute : .hidden, title, line: links[index].line)
            }
        case .listEntry(let linkStart):
            // An inner entry already won, or there is no date to find.
            guard listItems.count == frame.listItemCountAtEntry, linkStart < links.count,
                mayHoldDate(capture.bytes)
            else { return }
            if let item = listItem(bytes: capture.bytes, linkStart: linkStart) { listItems.append(item) }
        case .cell:
            if !openRows.isEmpty { openRows[openRows.count - 1].append(trimmed(capture.bytes)) }
        case .crumb:
            crumbDepth -= 1
            let text = trimmed(capture.bytes)
            if !text.isEmpty { crumbCandidates.append(text) }
        case .footer(let strong):
            footerDepth -= 1
            let text = trimmed(capture.bytes)
            if !text.isEmpty, frame.hiddenBy == nil { footerCandidates.append((strong, text)) }
        }
    }

    /// Containers named like a breadcrumb (crumb, position, location, dqwz = 当前位置) or a
    /// footer (footer, foot, copyright; weaker: bottom, ft).
    private mutating func openNamedContainers(tag: TagInfo, attributes: ElementAttributes, frame: inout Frame) {
        func named(_ test: (UnsafePointer<xmlChar>) -> Bool) -> Bool {
            (attributes.classes.map(test) ?? false) || (attributes.id.map(test) ?? false)
        }
        if crumbDepth == 0,
            named({
                asciiContains($0, "crumb") || asciiContains($0, "position")
                    || asciiContains($0, "location") || asciiContains($0, "dqwz")
            })
        {
            open(.crumb, in: &frame)
        }
        if footerDepth == 0 {
            if tag.is("footer") || named({ asciiContains($0, "foot") || asciiContains($0, "copyright") }) {
                open(.footer(strong: true), in: &frame)
            } else if named({ asciiContains($0, "bottom") || asciiHasToken($0, "ft") }) {
                open(.footer(strong: false), in: &frame)
            }
        }
    }

    /// A block boundary inside a capture becomes a space, so "标题" and "2026-11-05" in two
    /// cells of one row do not run together.
    private mutating func separateCaptures() {
        for i in captures.indices where captures[i].bytes.last.map({ $0 != 0x20 }) ?? false {
            captures[i].bytes.append(0x20)
        }
    }

    // MARK: Text

    private func scopeForText() -> Scope {
        if currentHidden != nil { return .hidden }
        if titleDepth > 0 { return .title }
        if headingDepth > 0 { return .heading }
        return .body
    }

    private mutating func appendText(_ text: UnsafePointer<UInt8>, node: xmlNodePtr) {
        let scope = scopeForText()
        if !run.isEmpty, scope != runScope {
            guard !isBlank(text) else { return }
            breakRun()
        }
        if run.isEmpty {
            guard !isBlank(text) else { return }
            runScope = scope
            runLine = LibXML.line(of: node)
        }
        appendCollapsed(text, to: &run)
        for i in captures.indices { appendCollapsed(text, to: &captures[i].bytes) }
    }

    private mutating func breakRun() {
        guard !run.isEmpty else { return }
        let text = trimmed(run)
        run.removeAll(keepingCapacity: true)
        if !text.isEmpty { blocks.append(TextBlock(scope: runScope, text: text, line: runLine)) }
        if !blocksAfterRun.isEmpty {
            blocks += blocksAfterRun
            blocksAfterRun.removeAll()
        }
    }

    /// Adds an attribute block (alt, title, meta). While a text run is open the block waits
    /// for it, so blocks stay in reading order without splitting the run at an inline image.
    private mutating func addBlock(_ scope: Scope, _ text: String, line: Int) {
        guard !text.isEmpty else { return }
        let block = TextBlock(scope: scope, text: text, line: line)
        if run.isEmpty { blocks.append(block) } else { blocksAfterRun.append(block) }
    }

    // MARK: Links

    /// Adds a link unless it leads nowhere fetchable (javascript:, mailto:, tel:, data:, a bare
    /// fragment); returns its index.
    private mutating func addLink(_ raw: UnsafePointer<xmlChar>, kind: LinkKind, hiddenBy: String?, line: Int) -> Int? {
        guard let url = LinkResolver.resolve(raw, base: base) else { return nil }
        var kind = kind
        if kind == .anchor, LinkResolver.isAttachment(url) { kind = .attachment }
        links.append(Link(url: url, text: "", kind: kind, hiddenBy: hiddenBy, line: line))
        return links.count - 1
    }

    // MARK: Hidden elements

    private func hidingReason(_ node: xmlNodePtr, tag: TagInfo, attributes: ElementAttributes) -> String? {
        if attributes.hasHidden { return "hidden attribute" }
        if let style = attributes.style, style[0] != 0,
            let reason = HiddenStyle.reason(declarations: UnsafeBufferPointer(start: style, count: strlen(style)))
        {
            return reason
        }
        if tag.role == .image || tag.role == .frame,
            isZeroAttribute(attributes.width) || isZeroAttribute(attributes.height)
        {
            return "zero size"
        }
        if !styleSheet.isEmpty, attributes.classes != nil || attributes.id != nil {
            return styleSheet.reason(
                classes: attributes.classes, id: attributes.id,
                tagName: { tag.name.utf8CodeUnitCount > 0 ? tag.name.description : LibXML.string(node.pointee.name) })
        }
        return nil
    }

    private func isZeroAttribute(_ value: UnsafePointer<xmlChar>?) -> Bool {
        guard let value else { return false }
        let text = LibXML.string(value).trimmingASCIISpaces()
        return text == "0" || text == "0px"
    }

    // MARK: List items

    /// A list-page entry: at most a few visible links, one of them the title, and a date.
    private func listItem(bytes: [UInt8], linkStart: Int) -> ListItem? {
        var main: Int?
        var count = 0
        for index in linkStart..<links.count {
            let link = links[index]
            guard link.kind == .anchor || link.kind == .attachment, link.hiddenBy == nil, !link.text.isEmpty else {
                continue
            }
            count += 1
            if count > 3 { return nil }
            if main.map({ links[$0].text.utf8.count < link.text.utf8.count }) ?? true { main = index }
        }
        guard let main else { return nil }
        let linkText = links[main].text
        // A date inside the title ("2026年11月5日常务会议") is not the item's date.
        var rest = bytes
        var needle = linkText
        if let offset = needle.withUTF8({ n in bytes.withUnsafeBufferPointer { firstOffset(of: n, in: $0) } }) {
            rest.removeSubrange(offset..<offset + needle.utf8.count)
        }
        guard let date = firstDate(in: rest) else { return nil }
        var title = linkText
        if let full = anchorTitles[main],
            linkText.hasSuffix("…") || linkText.hasSuffix("...") || linkText.hasSuffix("．．．")
        {
            var shortened = Substring(linkText)
            while let last = shortened.last, last == "." || last == "…" || last == "．" || last == " " {
                shortened.removeLast()
            }
            if full.count > shortened.count, full.hasPrefix(shortened) { title = full }
        }
        return ListItem(title: title, url: links[main].url, date: date)
    }
}

/// The first date in the bytes: each place where four digits meet a date separator is
/// handed, with a few characters after it, to `DateText` (cheaper than scanning it all).
private func firstDate(in bytes: [UInt8]) -> Day? {
    var digits = 0
    for (i, c) in bytes.enumerated() {
        if c >= 0x30 && c <= 0x39 {
            digits += 1
            continue
        }
        defer { digits = 0 }
        guard digits >= 4, c == 0x2D || c == 0x2F || c == 0x2E || c == 0xE5 else { continue }
        let start = i - 4
        let window = bytes[start..<min(bytes.count, start + 40)]
        if let day = DateText.findDates(in: String(decoding: window, as: UTF8.self)).first?.value.day { return day }
    }
    return nil
}

// MARK: Byte-level text helpers

/// Whether the bytes hold four digits (or more: a title may end in digits right before the
/// date) followed by a date separator (-, /, ., 年): a cheap
/// filter before the real date search, since most list entries on a page are navigation.
private func mayHoldDate(_ bytes: [UInt8]) -> Bool {
    var digits = 0
    for (i, c) in bytes.enumerated() {
        if c >= 0x30 && c <= 0x39 {
            digits += 1
            continue
        }
        if digits >= 4 {
            if c == 0x2D || c == 0x2F || c == 0x2E { return true }
            // 年 is E5 B9 B4 in UTF-8.
            if c == 0xE5, i + 2 < bytes.count, bytes[i + 1] == 0xB9, bytes[i + 2] == 0xB4 { return true }
        }
        digits = 0
    }
    return false
}

private func isBlank(_ text: UnsafePointer<UInt8>) -> Bool {
    var i = 0
    while text[i] != 0 {
        if !text[i].isASCIISpace { return false }
        i += 1
    }
    return true
}

/// Appends text with runs of ASCII whitespace collapsed to one space, as a browser shows it.
@inline(__always)
private func appendCollapsed(_ text: UnsafePointer<UInt8>, to buffer: inout [UInt8]) {
    var lastWasSpace = buffer.last.map { $0 == 0x20 } ?? true
    var i = 0
    var runStart = 0
    while true {
        let c = text[i]
        if c == 0 { break }
        if c.isASCIISpace {
            if i > runStart {
                buffer.append(contentsOf: UnsafeBufferPointer(start: text + runStart, count: i - runStart))
            }
            if !lastWasSpace { buffer.append(0x20) }
            lastWasSpace = true
            runStart = i + 1
        } else {
            lastWasSpace = false
        }
        i += 1
    }
    if i > runStart { buffer.append(contentsOf: UnsafeBufferPointer(start: text + runStart, count: i - runStart)) }
}

private func collapsed(_ text: UnsafePointer<UInt8>) -> String {
    var buffer: [UInt8] = []
    appendCollapsed(text, to: &buffer)
    return trimmed(buffer)
}

extension PageWalker {
    /// `<meta name="Keywords">` is a list, not a sentence: its separators (half- or full-width
    /// commas, 、, semicolons, |) are not punctuation errors, so each keyword becomes a line of
    /// its own; the keywords themselves are still checked (injected spam lives there).
    static func keywordLines(_ value: String) -> String {
        let separators: Set<Character> = [",", "，", "、", ";", "；", "|", "｜"]
        return value.split(whereSeparator: { separators.contains($0) })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: "\n")
    }
}

func collapsedString(_ text: String) -> String {
    var text = text
    return text.withUTF8 { utf8 in
        var buffer: [UInt8] = []
        var copy = Array(utf8)
        copy.append(0)
        copy.withUnsafeBufferPointer { appendCollapsed($0.baseAddress!, to: &buffer) }
        return trimmed(buffer)
    }
}

/// Trims ASCII spaces, no-break spaces (U+00A0) and ideographic spaces (U+3000): the
/// indentation of Chinese paragraphs is layout, not text.
private func trimmed(_ bytes: [UInt8]) -> String {
    var start = 0, end = bytes.count
    while true {
        if start < end, bytes[start].isASCIISpace {
            start += 1
        } else if end - start >= 2, bytes[start] == 0xC2, bytes[start + 1] == 0xA0 {
            start += 2
        } else if end - start >= 3, bytes[start] == 0xE3, bytes[start + 1] == 0x80, bytes[start + 2] == 0x80 {
            start += 3
        } else {
            break
        }
    }
    while true {
        if end > start, bytes[end - 1].isASCIISpace {
            end -= 1
        } else if end - start >= 2, bytes[end - 2] == 0xC2, bytes[end - 1] == 0xA0 {
            end -= 2
        } else if end - start >= 3, bytes[end - 3] == 0xE3, bytes[end - 2] == 0x80, bytes[end - 1] == 0x80 {
            end -= 3
        } else {
            break
        }
    }
    return bytes.withUnsafeBufferPointer {
        String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self)
    }
}
