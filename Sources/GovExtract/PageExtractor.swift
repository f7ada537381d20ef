import CLibXML2
import Foundation
import GovCore

/// Reads a fetched HTML body into a `Page`: charset, libxml2 parse (recovering from broken
/// markup), one walk over the tree, then the page-level facts (breadcrumb, printed date,
/// footer) derived from what the walk collected. Safe to call from any thread.
public enum PageExtractor {
    public static func extract(body: [UInt8], url: String, contentType: String? = nil) -> Page {
        body.withUnsafeBufferPointer { raw in
            let (charset, bomLength) = Charset.detect(raw, contentType: contentType)
            let bytes = UnsafeBufferPointer(rebasing: raw[bomLength...])
            var page: Page
            if charset == "utf-8", Charset.isValidUTF8(bytes) {
                page = extract(utf8: bytes, url: url)
            } else if charset != "utf-8", let utf8 = Charset.iconvToUTF8(bytes, from: charset) {
                // iconv's output is valid UTF-8 (bad input bytes became U+FFFD): parse it as is.
                page = utf8.withUnsafeBufferPointer { extract(utf8: $0, url: url) }
            } else {
                var text = Charset.transcode(bytes, from: charset)
                page = text.withUTF8 { extract(utf8: $0, url: url) }
            }
            page.charset = charset
            return page
        }
    }

    /// Text blocks of an HTML fragment (a feed item's content), parsed the same way.
    static func blocks(fromHTML html: String, url: String) -> [TextBlock] {
        guard let document = LibXML.parseHTML(html) else { return [] }
        defer { xmlFreeDoc(document) }
        var walker = PageWalker(pageURL: url, styleSheet: styleSheet(of: document))
        walker.walk(document)
        return walker.blocks
    }

    static func extract(utf8: UnsafeBufferPointer<UInt8>, url: String) -> Page {
        if let cleaned = TextDocument.withoutNULs(utf8) {
            return cleaned.withUnsafeBufferPointer { extract(utf8: $0, url: url) }
        }
        if let capped = AttributeCap.apply(utf8) {
            return capped.withUnsafeBufferPointer { extract(utf8: $0, url: url) }
        }
        guard let document = LibXML.parseHTML(utf8: utf8) else { return Page(url: url) }
        defer { xmlFreeDoc(document) }
        var walker = PageWalker(pageURL: url, styleSheet: styleSheet(of: document))
        walker.walk(document)

        let blocks = walker.blocks
        let title = blocks.first(where: { $0.scope == .title })?.text ?? ""
        return Page(
            url: url, title: title, blocks: blocks, links: walker.links, meta: walker.meta,
            breadcrumb: PageFacts.breadcrumb(blocks: blocks, containers: walker.crumbCandidates),
            printedDate: PageFacts.printedDate(
                blocks: blocks, firstH1: walker.firstH1BlockIndex,
                title: title, articleTitle: walker.meta["articletitle"]),
            listItems: walker.listItems, tableRows: walker.tableRows, scriptSources: walker.scriptSources,
            footerText: PageFacts.footer(candidates: walker.footerCandidates, blocks: blocks))
    }

    /// Hiding rules from every `<style>` element, wherever it sits: injected spam often puts
    /// its style after the elements it hides, so this runs before the walk.
    private static func styleSheet(of document: xmlDocPtr) -> HidingStyleSheet {
        var sheet = HidingStyleSheet()
        guard let context = xmlXPathNewContext(document) else { return sheet }
        defer { xmlXPathFreeContext(context) }
        guard let result = xmlXPathEvalExpression("//style", context) else { return sheet }
        defer { xmlXPathFreeObject(result) }
        guard let set = result.pointee.nodesetval, set.pointee.nodeNr > 0 else { return sheet }
        for i in 0..<Int(set.pointee.nodeNr) {
            guard let node = set.pointee.nodeTab[i], let content = xmlNodeGetContent(node) else { continue }
            sheet.add(css: String(cString: content))
            govlint_xml_free(content)
        }
        return sheet
    }
}

/// Page-level facts derived from the collected blocks.
enum PageFacts {
    private static let crumbLabels = ["您现在的位置", "您当前的位置", "当前所在位置", "您的位置", "当前位置", "所在位置", "现在位置"]
    private static let crumbSeparators: Set<Character> = [">", "»", "›", "＞", "→", "〉"]
    private static let homeNames: Set<String> = ["首页", "网站首页", "主页", "返回首页"]

    /// The trail of the first block labelled 当前位置 (or similar), else of the first
    /// container named like a breadcrumb.
    static func breadcrumb(blocks: [TextBlock], containers: [String]) -> [String] {
        for block in blocks where block.scope == .body {
            if let trail = trail(block.text, requireLabel: true) { return trail }
        }
        for text in containers {
            if let trail = trail(text, requireLabel: false) { return trail }
        }
        return []
    }

    static func trail(_ text: String, requireLabel: Bool) -> [String]? {
        var rest = Substring(text)
        guard !requireLabel || text.utf8Contains("位置") else { return nil }
        if let label = crumbLabels.lazy.compactMap({ text.utf8Range(of: $0) }).first {
            rest = text[label.upperBound...]
        } else if requireLabel {
            return nil
        } else if let colon = rest.prefix(10).firstIndex(where: { $0 == "：" || $0 == ":" }) {
            rest = rest[rest.index(after: colon)...]
        }
        rest = rest.drop(while: { $0 == "：" || $0 == ":" || $0 == "是" || $0.isWhitespace })
        guard rest.contains(where: crumbSeparators.contains) else { return nil }
        // ">>" splits as two ">" with an empty part between, dropped with the others.
        var parts = rest.split(whereSeparator: crumbSeparators.contains)
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        if let first = parts.first, homeNames.contains(first.filter { !$0.isWhitespace }) { parts.removeFirst() }
        return parts.isEmpty ? nil : parts
    }

    /// Labels that introduce the publication date. Bare 日期/时间 count only when not part of a
    /// longer word (成文日期 and 印发日期 are other dates).
    private static let dateLabels = ["发布时间", "发布日期", "发表时间", "发稿时间", "更新时间", "日期", "时间"]

    /// The date printed near the title: after a 发布时间/日期 label anywhere in the visible
    /// text, else the first date in the few blocks from the title (h1, or the block that
    /// repeats ArticleTitle or the start of <title>).
    static func printedDate(blocks: [TextBlock], firstH1: Int?, title: String, articleTitle: String?) -> LocalDateTime?
    {
        for block in blocks where block.scope == .body || block.scope == .heading {
            if let date = labelledDate(block.text) { return date }
        }
        let anchor =
            firstH1
            ?? blocks.firstIndex(where: { block in
                guard block.scope == .body || block.scope == .heading, block.text.utf8.count >= 6 else { return false }
                if let articleTitle, !articleTitle.isEmpty, block.text == articleTitle { return true }
                return title.utf8.starts(with: block.text.utf8)
            })
        guard let anchor else { return nil }
        for block in blocks[anchor...].prefix(6) where block.scope == .body || block.scope == .heading {
            if let date = DateText.findDates(in: block.text).first?.value { return date }
        }
        return nil
    }

    static func labelledDate(_ text: String) -> LocalDateTime? {
        guard text.utf8Contains("时间") || text.utf8Contains("日期") else { return nil }
        let scalars = Array(text.unicodeScalars)
        let dates = DateText.findDates(in: text)
        guard !dates.isEmpty else { return nil }
        for label in dateLabels {
            let pattern = Array(label.unicodeScalars)
            var i = 0
            while i + pattern.count <= scalars.count {
                defer { i += 1 }
                guard scalars[i..<i + pattern.count].elementsEqual(pattern) else { continue }
                if pattern.count == 2, i > 0, scalars[i - 1].isHan { continue }
                var j = i + pattern.count
                while j < scalars.count,
                    scalars[j] == " " || scalars[j] == "\u{3000}" || scalars[j] == "："
                        || scalars[j] == ":" || scalars[j] == "\u{A0}" || scalars[j] == "]" || scalars[j] == "】"
                { j += 1 }
                if let date = dates.first(where: { $0.range.lowerBound == j }) { return date.value }
            }
        }
        return nil
    }

    /// The last container named footer/copyright (else bottom/ft); without one, the last
    /// three visible blocks.
    static func footer(candidates: [(strong: Bool, text: String)], blocks: [TextBlock]) -> String {
        if let strong = candidates.last(where: { $0.strong }) { return strong.text }
        if let weak = candidates.last { return weak.text }
        return blocks.filter { $0.scope == .body }.suffix(3).map(\.text).joined(separator: "\n")
    }
}
