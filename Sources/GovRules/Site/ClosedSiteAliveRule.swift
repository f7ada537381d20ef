import GovCore

/// 关停网站仍可访问: a site the office closed still serves content. Judged by the site scanner
/// on every page the crawl reaches under a closed prefix (the prefix itself is a seed when it
/// lies under the site's hosts), reported once per closed site.
public struct ClosedSiteAliveRule: Sendable {
    public init() {}

    public static let description = RuleDescription(
        id: .closedSiteAlive, kind: .site, defaultSeverity: .major, weight: RuleWeight(5, cap: 6),
        rationale:
            "A closed site (config closed_sites) answers its URL (or a page under it, when it is a path of a live site) with 2xx content or a 304, and not by redirecting to its successor. 404, 410, DNS failure, a refused connection or a redirect to the successor are what a closed site should do. Examples are one line: closed PREFIX SUCCESSOR status= or error=, and final= for a redirect's end.",
        triggering: [
            Example("closed ⟦http://old.example.gov.cn/⟧ https://www.example.gov.cn/old/ status=200"),
            Example("closed ⟦http://old.example.gov.cn/⟧ - status=200 final=http://old.example.gov.cn/index.html"),
            Example("closed ⟦http://www.example.gov.cn/rd/⟧ https://www.example.gov.cn/ status=304"),
        ],
        nonTriggering: [
            Example("closed http://old.example.gov.cn/ https://www.example.gov.cn/old/ status=404"),
            Example("closed http://old.example.gov.cn/ https://www.example.gov.cn/old/ error=dns"),
            Example(
                "closed http://old.example.gov.cn/ https://www.example.gov.cn/old/ status=200 final=https://www.example.gov.cn/old/index.html"
            ),
        ])

    /// `site`: whom the finding is filed under (the office's own id when the closed site
    /// belongs to no configured site).
    public func check(closed: ClosedSite, outcome: FetchOutcome, site: String = "-") -> Finding? {
        // A 304 is content the server still holds, unchanged since the last run.
        guard outcome.error == nil, (200..<300).contains(outcome.status) || outcome.isNotModified, !outcome.blocked
        else { return nil }
        // Redirected out of the closed prefix into its successor: what it should do. A final
        // URL still under the prefix is alive even when the successor is its parent site
        // (a closed /rd/ path of the live site whose successor is the live site).
        if let successor = closed.successor, !closed.contains(outcome.finalURL),
            ClosedSite(urlPrefix: successor).contains(outcome.finalURL)
        {
            return nil
        }
        let since = closed.closedOn.map { "（\($0.chinese)关停）" } ?? ""
        return Finding(
            rule: .closedSiteAlive, severity: Self.description.defaultSeverity, site: site,
            url: outcome.url, match: closed.urlPrefix,
            context: "\(outcome.url) → HTTP \(outcome.status)（\(outcome.finalURL)）",
            contextHit: 0..<outcome.url.unicodeScalars.count, suggestion: closed.successor,
            message: "已关停网站\(since)仍可访问，应关闭或跳转至整合后的网站")
    }
}
