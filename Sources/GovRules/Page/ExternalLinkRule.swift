import GovCore

/// 外链: a link that leaves the allowed domains for a commercial or unknown site. Government
/// pages may link other government sites (gov.cn by default, suffix match); anything else
/// needs the office's approval (config `crawl.allowed_domains`).
public struct ExternalLinkRule: PageRule {
    public init() {}

    public static let description = RuleDescription(
        id: .externalLink, kind: .page, defaultSeverity: .minor, weight: RuleWeight(0.2, cap: 2),
        rationale:
            "A visible link (anchor, attachment or frame) whose host is neither one of the site's own hosts nor under an allowed domain (config crawl.allowed_domains, default gov.cn, suffix match: gov.cn covers www.a.gov.cn). Images, scripts and stylesheets loaded from CDNs are not links a reader follows and are not reported; hidden links are the hidden-link rule's.",
        triggering: [
            Example(
                """
                <html><body><p>友情链接：<a href="⟦https://www.shop-example.com/⟧">某购物网</a></p></body></html>
                """),
            Example(
                """
                <html><body><iframe src="⟦http://ads.example.net/banner⟧"></iframe></body></html>
                """),
        ],
        nonTriggering: [
            Example(
                """
                <html><body><a href="https://www.gov.cn/">中国政府网</a><a href="/zwgk/">政务公开</a>
                <a href="https://www.a.example.gov.cn/">某县人民政府</a><img src="https://cdn.example.com/logo.png">
                <script src="https://cdn.example.com/jquery.js"></script><a href="mailto:web@example.gov.cn">联系我们</a></body></html>
                """)
        ])

    public func check(_ page: Page, context: PageContext) -> [Finding] {
        var seen = Set<String>()
        var findings: [Finding] = []
        for link in page.links where !link.isHidden {
            guard link.kind == .anchor || link.kind == .attachment || link.kind == .frame,
                context.leavesTheSite(link.url),
                seen.insert(link.url).inserted
            else { continue }
            let label = link.text.isEmpty ? link.url : "\(excerpt(link.text, limit: 40))（\(link.url)）"
            var finding = Finding(
                Self.description, page: page, context: context, match: link.url,
                excerpt: label, message: "链接指向非政府网站，请确认是否经过审核", line: link.line)
            finding.templatePlace = link.text
            findings.append(finding)
        }
        return findings
    }
}
