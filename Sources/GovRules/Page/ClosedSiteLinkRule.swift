import GovCore

/// 链接已关停网站: a link into a site the office has closed (config `closed_sites`); readers
/// land on a dead or, worse, a re-registered site.
public struct ClosedSiteLinkRule: PageRule {
    public init() {}

    public static let description = RuleDescription(
        id: .closedSiteLink, kind: .page, defaultSeverity: .major, weight: RuleWeight(1, cap: 5),
        rationale:
            "A link (anchor, attachment, frame or image) whose URL lies under a closed site's prefix (config closed_sites: a host or a path of one; http and https alike). The suggestion is the successor URL when configured. (Examples run with closed site http://old.example.gov.cn/ → https://www.example.gov.cn/old/.)",
        triggering: [
            Example(
                """
                <html><body><a href="⟦http://old.example.gov.cn/zwgk/index.html⟧">原政务公开网</a></body></html>
                """),
            Example(
                """
                <html><body><a href="⟦https://old.example.gov.cn/⟧">原网站</a></body></html>
                """),
        ],
        nonTriggering: [
            Example(
                """
                <html><body><a href="https://www.example.gov.cn/old/">原网站（已整合）</a><a href="http://old.example.gov.cn.example.com/">其他</a></body></html>
                """)
        ])

    public func check(_ page: Page, context: PageContext) -> [Finding] {
        var seen = Set<String>()
        var findings: [Finding] = []
        for link in page.links where link.kind != .script && link.kind != .stylesheet {
            guard let closed = context.closedSites.first(where: { $0.contains(link.url) }),
                seen.insert(link.url).inserted
            else { continue }
            let since = closed.closedOn.map { "（\($0.chinese)关停）" } ?? ""
            var finding = Finding(
                Self.description, page: page, context: context, match: link.url,
                excerpt: "\(excerpt(link.text, limit: 40))（\(link.url)）",
                message: "链接指向已关停网站 \(closed.urlPrefix)\(since)",
                suggestion: closed.successor, line: link.line)
            finding.templatePlace = link.text
            findings.append(finding)
        }
        return findings
    }
}
