import Foundation
import GovCore

/// 暗链: links or text hidden by CSS or markup that point off-site or carry sensitive terms —
/// the mark of a compromised site (挂马、被篡改), a veto item of the indicators.
public struct HiddenLinkRule: PageRule {
    public init() {}

    public static let description = RuleDescription(
        id: .hiddenLink, kind: .page, defaultSeverity: .veto, weight: RuleWeight(10, cap: 10),
        rationale:
            "A link the reader cannot see (display:none, visibility:hidden, zero size, off-screen, hidden attribute, as the extractor records in Link.hiddenBy) that leaves the site for a host outside the allowed domains, or whose text carries a sensitive term; and hidden text blocks carrying sensitive terms. Hidden drop-down menus that link other government sites are normal and not reported (gov.cn is allowed); an office whose templates hide menus of media links adds those domains to crawl.allowed_domains.",
        triggering: [
            Example(
                """
                <html><body><p>正文</p><div style="display:none"><a href="⟦http://www.bet-example.com/⟧">娱乐城</a></div></body></html>
                """),
            Example(
                """
                <html><body><div style="position:absolute;left:-9999px"><a href="⟦https://casino.example.org/x⟧">在线博彩</a></div></body></html>
                """),
            Example(
                """
                <html><body><div style="display:none">最新⟦博彩⟧平台</div></body></html>
                """, lexicon: ["sensitive/gambling.txt": "博彩"]),
        ],
        nonTriggering: [
            Example(
                """
                <html><body><ul style="display:none"><li><a href="https://www.b.example.gov.cn/">某某局</a></li>
                <li><a href="/zwgk/">政务公开</a></li></ul><a href="http://www.bet-example.com/">可见链接</a></body></html>
                """),
            Example(
                """
                <html><body><div style="display:none">返回顶部</div></body></html>
                """, lexicon: ["sensitive/gambling.txt": "博彩"]),
        ])

    /// How the link was hidden, in the notice's words: the extractor's reasons are CSS terms
    /// (display:none, "style block .ad-box: display:none"), and notices carry no English.
    static func howHidden(_ hiddenBy: String) -> String {
        let reason = hiddenBy.hasPrefix("style block ") ? String(hiddenBy.split(separator: ":").last ?? "") : hiddenBy
        let way =
            switch reason.trimmingCharacters(in: .whitespaces) {
            case "none", "display:none": "设置为不显示"
            case "hidden", "visibility:hidden": "设置为不可见"
            case "zero size": "尺寸设为零"
            case "off-screen": "移出页面可视区域"
            case "hidden attribute": "带有隐藏属性"
            default: "以样式隐藏"
            }
        return hiddenBy.hasPrefix("style block ") ? "页面样式表将其" + way : way
    }

    public func check(_ page: Page, context: PageContext) -> [Finding] {
        var findings: [Finding] = []
        var seen = Set<String>()
        for link in page.links {
            guard let hiddenBy = link.hiddenBy, link.kind != .stylesheet, link.kind != .script else { continue }
            let terms = context.sensitiveTerms?(link.text) ?? []
            let offSite = context.leavesTheSite(link.url)
            guard offSite || !terms.isEmpty, seen.insert(link.url).inserted else { continue }
            let why = terms.isEmpty ? "指向站外" : "含敏感词“\(terms.joined(separator: "、"))”"
            var finding = Finding(
                Self.description, page: page, context: context, match: link.url,
                excerpt: "\(excerpt(link.text, limit: 40))（\(link.url)）",
                message: "隐藏链接（\(Self.howHidden(hiddenBy))）\(why)，网站可能被植入暗链", line: link.line)
            finding.templatePlace = hiddenBy + "\u{1F}" + link.text
            findings.append(finding)
        }
        guard let sensitiveTerms = context.sensitiveTerms else { return findings }
        // The text of a hidden link already reported is the same plant: one finding, not two.
        let reportedTexts = page.links.filter { link in findings.contains { $0.match == link.url } }.map(\.text)
        for block in page.blocks where block.scope == .hidden {
            for term in sensitiveTerms(block.text)
            where !reportedTexts.contains(where: { $0.contains(term) }) && seen.insert("text:" + term).inserted {
                findings.append(
                    Finding(
                        Self.description, page: page, context: context, match: term,
                        excerpt: excerpt(block.text), message: "隐藏文字含敏感词，网站可能被篡改",
                        line: block.line))
            }
        }
        return findings
    }
}
