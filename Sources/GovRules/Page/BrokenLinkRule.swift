import GovCore

/// 断链: judged once per URL per run (not per page), after the crawler's retry, so a link
/// used on 500 pages is one finding that lists where it is used.
public struct BrokenLinkRule: Sendable {
    /// How many referring pages the message names before "等 N 个页面".
    public static let referrersShown = 5

    public init() {}

    public static let description = RuleDescription(
        id: .brokenLink, kind: .link, defaultSeverity: .major, weight: RuleWeight(0.1, cap: 10),
        rationale:
            "An internal link or attachment that answers 4xx/5xx, times out or fails DNS, connection or TLS after one retry (FetchOutcome.isBroken). A WAF or bot-wall answer is not broken: it is reported as info (blocked) so a person can check it from a browser. Links on the homepage are counted apart (the indicators weigh them more) and the message says 首页链接. Examples are one outcome a line: the URL, status= or error=, from= (referring pages, comma-separated), and the flags homepage and blocked.",
        triggering: [
            Example(
                "⟦https://www.example.gov.cn/files/2026/plan.pdf⟧ status=404 from=https://www.example.gov.cn/zwgk/1.html"
            ),
            Example("⟦https://www.example.gov.cn/bsfw/⟧ error=timeout from=https://www.example.gov.cn/ homepage"),
            Example(
                "⟦https://www.example.gov.cn/api/⟧ status=503 from=https://www.example.gov.cn/a.html,https://www.example.gov.cn/b.html"
            ),
        ],
        nonTriggering: [
            Example("https://www.example.gov.cn/zwgk/ status=200 from=https://www.example.gov.cn/"),
            Example("https://www.example.gov.cn/private/ error=robots from=https://www.example.gov.cn/"),
            Example("https://www.example.gov.cn/zwgk/2.html status=304 from=https://www.example.gov.cn/"),
        ])

    /// `referrers`: pages that link to the URL (first one becomes the finding's url).
    public func check(outcome: FetchOutcome, referrers: [String], isHomepageLink: Bool, site: String) -> Finding? {
        guard outcome.isBroken || outcome.blocked else { return nil }
        let shown = referrers.prefix(Self.referrersShown).joined(separator: "、")
        let more = referrers.count > Self.referrersShown ? " 等 \(referrers.count) 个页面" : ""
        let whereUsed = referrers.isEmpty ? "" : "；所在页面：\(shown)\(more)"
        if outcome.blocked {
            return Finding(
                rule: .brokenLink, severity: .info, site: site, url: referrers.first ?? outcome.url,
                match: outcome.url, context: "\(outcome.url)：\(outcome.reason)",
                contextHit: 0..<outcome.url.unicodeScalars.count, category: "blocked",
                message: "链接被防火墙或反爬虫拦截（blocked），不计为断链，请人工在浏览器中确认\(whereUsed)")
        }
        let kind = isHomepageLink ? "首页链接" : "链接"
        return Finding(
            rule: .brokenLink, severity: Self.description.defaultSeverity, site: site,
            url: referrers.first ?? outcome.url, match: outcome.url,
            context: "\(outcome.url)：\(outcome.reason)",
            contextHit: 0..<outcome.url.unicodeScalars.count,
            category: isHomepageLink ? "homepage" : nil,
            message: "\(kind)无法访问（\(outcome.reason)，已重试 \(max(outcome.attempts - 1, 0)) 次）\(whereUsed)")
    }
}
