import GovCore

/// 空白栏目: a column that exists and has no content (major; ≥ 5 of them is a veto).
public struct ColumnEmptyRule: SiteRule {
    public init() {}

    public static let description = RuleDescription(
        id: .columnEmpty, kind: .site, defaultSeverity: .major, weight: RuleWeight(2, cap: 10),
        rationale:
            "A column whose list page was fetched and lists nothing, with no page filed under it. Configured columns are judged on that alone; columns discovered from navigation must also say so (暂无信息 …), because an entry page of sub-columns lists nothing either. A category that legitimately has no information should say so on the page (备注说明) — such a note still counts as blank under the indicators, so configure the column's type as other and accept it with `govlint ignore` if the office agrees. Five or more blank columns make each a veto. When the crawl stopped early (budget, interruption, crawl.max_pages), only a list page that says it is empty is reported.",
        triggering: [
            Example(
                """
                now 2026-11-30
                site county-a https://www.example.gov.cn/
                incomplete page cap reached (5000 pages)
                column 规划计划 https://www.example.gov.cn/ghjh/ planning
                # expect ⟦规划计划⟧
                page https://www.example.gov.cn/ghjh/
                  text 暂无信息
                """),
            Example(
                """
                now 2026-11-30
                site county-a https://www.example.gov.cn/
                column 规划计划 https://www.example.gov.cn/ghjh/ planning
                # expect ⟦规划计划⟧
                page https://www.example.gov.cn/ghjh/
                  text 当前位置：首页 > 规划计划
                """),
            Example(
                """
                now 2026-11-30
                site county-a https://www.example.gov.cn/
                page https://www.example.gov.cn/
                  item 2026-11-28 要闻 https://www.example.gov.cn/zwdt/1.html
                  link https://www.example.gov.cn/rsxx/ 人事信息
                # expect ⟦人事信息⟧
                page https://www.example.gov.cn/rsxx/ found=https://www.example.gov.cn/
                  text 暂无信息
                """),
        ],
        nonTriggering: [
            Example(
                """
                now 2026-11-30
                site county-a https://www.example.gov.cn/
                incomplete page cap reached (5000 pages)
                column 规划计划 https://www.example.gov.cn/ghjh/ planning
                page https://www.example.gov.cn/ghjh/
                  text 当前位置：首页 > 规划计划
                """),
            Example(
                """
                now 2026-11-30
                site county-a https://www.example.gov.cn/
                page https://www.example.gov.cn/
                  item 2026-11-28 要闻 https://www.example.gov.cn/zwdt/1.html
                  link https://www.example.gov.cn/zwgk/ 政务公开
                page https://www.example.gov.cn/zwgk/ found=https://www.example.gov.cn/
                  link https://www.example.gov.cn/zwgk/zcwj/ 政策文件
                """),
            Example(
                """
                now 2026-11-30
                site county-a https://www.example.gov.cn/
                column 规划计划 https://www.example.gov.cn/ghjh/ planning
                """),
        ])

    public func check(_ snapshot: SiteSnapshot, context: SiteRuleContext) -> [Finding] {
        snapshot.columns.compactMap { record in
            guard record.fetched, record.items.isEmpty, record.origin == .configured || record.saysEmpty else {
                return nil
            }
            // A crawl that stopped early may not have reached the column's items; a list page
            // that itself says 暂无信息 is blank whatever the rest of the site holds.
            if snapshot.incomplete != nil, !record.saysEmpty { return nil }
            return Finding(
                Self.description, snapshot: snapshot, url: record.column.url, match: record.column.name,
                excerpt: "栏目“\(record.column.name)”已开设但无任何信息",
                message: "属空白栏目", column: record.column.name,
                category: record.column.type.rawValue)
        }
    }
}
