import GovCore

/// A hit to mark in the evidence copy: which text block, which Unicode-scalar range of it.
public struct EvidenceHit: Sendable, Hashable {
    public var block: Int
    public var range: Range<Int>
    public var rule: RuleID

    public init(block: Int, range: Range<Int>, rule: RuleID) {
        self.block = block; self.range = range; self.rule = rule
    }

    /// At most this many marks per distinct text, and per page: a page of a million unpaired
    /// 《 keeps the first marks, not a million (the findings list says how many there are).
    public static let maxHitsPerText = 50
    public static let maxHitsPerPage = 2_000

    /// Locates each finding's `match` in the blocks (every occurrence up to the caps,
    /// scope-matched when the finding has a scope). Findings whose match is not page text (a
    /// link URL, a column) get no hit and are listed in the header only. Each distinct
    /// (text, scope) is searched once, and the whole search reads at most a few times the
    /// page's text, so hostile pages cost time linear in their size.
    public static func locate(_ findings: [Finding], in blocks: [TextBlock]) -> [EvidenceHit] {
        struct Needle: Hashable { var match: String; var scope: Scope? }
        var seen = Set<Needle>()
        var needles: [(Needle, RuleID)] = []
        for finding in findings where !finding.match.isEmpty {
            let needle = Needle(match: finding.match, scope: finding.scope)
            if seen.insert(needle).inserted { needles.append((needle, finding.rule)) }
        }
        guard !needles.isEmpty else { return [] }
        let hays = blocks.map { Array($0.text.unicodeScalars) }
        let pageLength = hays.reduce(0) { $0 + $1.count }
        var budget = 4 * pageLength + 1_000_000
        var hits: [EvidenceHit] = []
        search: for (needle, rule) in needles {
            let pattern = Array(needle.match.unicodeScalars)
            var found = 0
            for (index, hay) in hays.enumerated() where hay.count >= pattern.count {
                if let scope = needle.scope, scope != blocks[index].scope { continue }
                var start = 0
                while start + pattern.count <= hay.count {
                    budget -= 1
                    if budget < 0 { break search }
                    if hay[start] == pattern[0], hay[start..<(start + pattern.count)].elementsEqual(pattern) {
                        hits.append(EvidenceHit(block: index, range: start..<(start + pattern.count), rule: rule))
                        found += 1
                        if hits.count >= maxHitsPerPage { break search }
                        if found >= maxHitsPerText { continue search }
                        start += pattern.count
                    } else {
                        start += 1
                    }
                }
            }
        }
        return hits
    }
}

/// The kept copy of an offending page (网页定位): the page's text blocks, escaped, each hit
/// in <mark>, under a header with the URL, fetch time and rules. The page's own HTML and
/// scripts are never embedded — only its text, so the copy is safe to open and still proves
/// the finding after the owner fixes the page.
public struct EvidenceInput: Sendable {
    public var siteName: String
    public var url: String
    public var pageTitle: String?
    public var fetchedAt: String
    public var blocks: [TextBlock]
    public var hits: [EvidenceHit]
    public var findings: [Finding]

    public init(
        siteName: String, url: String, pageTitle: String?, fetchedAt: String, blocks: [TextBlock],
        hits: [EvidenceHit], findings: [Finding]
    ) {
        self.siteName = siteName; self.url = url; self.pageTitle = pageTitle; self.fetchedAt = fetchedAt
        self.blocks = blocks; self.hits = hits; self.findings = findings
    }
}

public func renderEvidence(_ input: EvidenceInput) -> String {
    var b = "<article class=\"evidence\">\n<h1>网页定位（留存页面）</h1>\n<table class=\"fields\">\n"
    b += "<tr><th>站点</th><td>\(HTML.escape(TextCleaning.singleLine(input.siteName)))</td></tr>\n"
    if let title = input.pageTitle, !title.isEmpty {
        b += "<tr><th>页面标题</th><td>\(HTML.escape(TextCleaning.singleLine(title)))</td></tr>\n"
    }
    b += "<tr><th>网址</th><td>\(HTMLDocument.link(input.url))</td></tr>\n"
    b += "<tr><th>抓取时间</th><td>\(HTML.escape(TextCleaning.singleLine(input.fetchedAt)))</td></tr>\n"
    let rules = Array(Set(input.findings.map(\.rule))).sorted { $0.catalogIndex < $1.catalogIndex }
    b += "<tr><th>问题类型</th><td>\(HTML.escape(rules.map(\.chinese).joined(separator: "、")))</td></tr>\n"
    b += "</table>\n"
    if !input.findings.isEmpty {
        b += "<h2>问题清单</h2>\n<ul>\n"
        for finding in input.findings {
            var line = "\(finding.rule.chinese)：\(Excerpt(finding).html)"
            if let suggestion = finding.suggestion, !suggestion.isEmpty {
                line += " → 建议修改为：\(HTML.escape(TextCleaning.singleLine(suggestion)))"
            }
            b += "<li>\(line)</li>\n"
        }
        b += "</ul>\n"
    }
    b += "<h2>页面文字（标记处为问题位置）</h2>\n"
    let hitsByBlock = Dictionary(grouping: input.hits, by: \.block)
    for (index, block) in input.blocks.enumerated() {
        // An attachment's blocks say where they are (第4页, Sheet2!C7) instead of their kind.
        let place = block.location.map { TextCleaning.singleLine($0) } ?? block.scope.chinese
        b += "<div class=\"evidence-block\"><span class=\"scope\">\(HTML.escape(place))</span>"
        b += markedHTML(block.text, hits: hitsByBlock[index] ?? []) + "</div>\n"
    }
    b += "<p class=\"muted plain\">本页由 govlint 根据抓取到的页面文字生成，仅保留文字，不含原页面脚本和样式。</p>\n</article>"
    return HTMLDocument.wrap(title: "网页定位 - " + (input.pageTitle ?? input.url), bodyClass: "evidence", body: b)
}

/// Escapes `text` and wraps each hit range (Unicode scalars; overlapping or out-of-range
/// hits are merged or clipped) in <mark>.
func markedHTML(_ text: String, hits: [EvidenceHit]) -> String {
    let scalars = Array(text.unicodeScalars)
    var ranges: [Range<Int>] = []
    for hit in hits.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
        let lower = max(0, hit.range.lowerBound), upper = min(scalars.count, hit.range.upperBound)
        guard lower < upper else { continue }
        if let last = ranges.last, lower <= last.upperBound {
            ranges[ranges.count - 1] = last.lowerBound..<max(last.upperBound, upper)
        } else {
            ranges.append(lower..<upper)
        }
    }
    func piece(_ r: Range<Int>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[r])
        return HTML.escape(String(view))
    }
    var out = ""
    var cursor = 0
    for r in ranges {
        out += piece(cursor..<r.lowerBound) + "<mark>" + piece(r) + "</mark>"
        cursor = r.upperBound
    }
    return out + piece(cursor..<scalars.count)
}
