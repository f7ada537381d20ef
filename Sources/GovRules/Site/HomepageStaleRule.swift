import GovCore

/// 首页不更新: no dated item on the homepage newer than the limit (veto; 2 weeks).
public struct HomepageStaleRule: SiteRule {
    public init() {}

    public static let description = RuleDescription(
        id: .homepageStale, kind: .site, defaultSeverity: .veto, weight: RuleWeight(10, cap: 10),
        rationale:
            "The newest dated item listed on the homepage is older than 14 days (rules.homepage_stale_days), or no item there carries a date (未注明信息发布时间的视为不更新). When the homepage is only a navigation entry (no list items), the columns linked from it are judged instead, as the indicators say.",
        triggering: [
            Example(
                """
                now 2026-11-30
                site county-a https://www.example.gov.cn/
                # expect ⟦首页⟧
                page https://www.example.gov.cn/
                  item 2026-11-15 县政府召开常务会议 https://www.example.gov.cn/zwdt/1.html
                  item 2026-10-01 国庆假期安排 https://www.example.gov.cn/tzgg/1.html
                """),
            Example(
                """
                now 2026-11-30
                site county-a https://www.example.gov.cn/
                # expect ⟦首页⟧
                page https://www.example.gov.cn/
                  item - 县政府召开常务会议 https://www.example.gov.cn/zwdt/1.html
                """),
        ],
        nonTriggering: [
            Example(
                """
                now 2026-11-30
                site county-a https://www.example.gov.cn/
                page https://www.example.gov.cn/
                  item 2026-11-16 县政府召开常务会议 https://www.example.gov.cn/zwdt/1.html
                """),
            Example(
                """
                now 2026-11-30
                site county-a https://www.example.gov.cn/
                page https://www.example.gov.cn/
                  link https://www.example.gov.cn/zwdt/ 政务动态
                page https://www.example.gov.cn/zwdt/ found=https://www.example.gov.cn/
                  item 2026-11-28 县政府召开常务会议 https://www.example.gov.cn/zwdt/1.html
                """),
        ])

    public func check(_ snapshot: SiteSnapshot, context: SiteRuleContext) -> [Finding] {
        guard snapshot.pages.contains(where: \.isHomepage) else { return [] }  // not fetched: unreachable, not stale
        let limit = context.settings.homepageStaleDays
        let (newest, judged) = Self.newest(snapshot)
        if let newest, context.now.days(since: newest) <= limit { return [] }
        let excerpt =
            newest.map { "首页最新信息日期 \($0)，距检查日 \(context.now.days(since: $0)) 天" }
            ?? "首页\(judged)均未注明发布时间"
        return [
            Finding(
                Self.description, snapshot: snapshot, match: "首页", excerpt: excerpt,
                message: "首页超过 \(limit) 天无信息更新（未注明发布时间的视为不更新）")
        ]
    }

    /// The newest homepage date and what was judged: the homepage's own items, or — for a
    /// navigation-only homepage — the columns whose list pages were found on it.
    static func newest(_ snapshot: SiteSnapshot) -> (Day?, String) {
        if !snapshot.homepageItems.isEmpty {
            return (snapshot.homepageItems.compactMap(\.date).max(), "信息")
        }
        let home = URLNormalizer.documentKey(snapshot.homepage)
        let linked = Set(
            snapshot.pages.filter { $0.foundOn.map { SiteSnapshotBuilder.key($0) == home } == true }
                .map { SiteSnapshotBuilder.key($0.url) })
        let columns = snapshot.columns.filter { r in
            r.listPages.contains { linked.contains(SiteSnapshotBuilder.key($0)) }
        }
        return (columns.compactMap(\.newest).max(), "及二级栏目信息")
    }
}
