import GovCore

/// 年报未发布: after the deadline (default 01-31), no 政府信息公开工作年度报告 of the previous
/// year among the site's page titles and list items.
public struct AnnualReportMissingRule: SiteRule {
    static let titleWords = ["政府信息公开工作年度报告", "政府信息公开年度报告", "政务公开工作年度报告"]

    public init() {}

    public static let description = RuleDescription(
        id: .annualReportMissing, kind: .site, defaultSeverity: .major, weight: RuleWeight(5, cap: 5),
        rationale:
            "After the deadline (rules.annual_report_deadline, default 01-31), no page title or list item names the previous year's 政府信息公开工作年度报告 (e.g. 2025年政府信息公开工作年度报告, 2025年度…). Before the deadline the rule is silent, and so it is after a crawl that stopped early (budget, interruption, crawl.max_pages): the report may be in the part not read.",
        triggering: [
            Example(
                """
                now 2026-02-10
                site county-a https://www.example.gov.cn/
                # expect ⟦2025年政府信息公开工作年度报告⟧
                page https://www.example.gov.cn/xxgk/ndbg/
                  item 2025-01-20 某某县人民政府2024年政府信息公开工作年度报告 https://www.example.gov.cn/xxgk/ndbg/1.html
                """)
        ],
        nonTriggering: [
            Example(
                """
                now 2026-02-10
                site county-a https://www.example.gov.cn/
                incomplete page cap reached (5000 pages)
                page https://www.example.gov.cn/xxgk/ndbg/
                  item 2025-01-20 某某县人民政府2024年政府信息公开工作年度报告 https://www.example.gov.cn/xxgk/ndbg/1.html
                """),
            Example(
                """
                now 2026-02-10
                site county-a https://www.example.gov.cn/
                page https://www.example.gov.cn/xxgk/ndbg/
                  item 2026-01-28 某某县人民政府2025年度政府信息公开工作年度报告 https://www.example.gov.cn/xxgk/ndbg/2.html
                """),
            Example(
                """
                now 2026-01-31
                site county-a https://www.example.gov.cn/
                page https://www.example.gov.cn/xxgk/ndbg/
                  item 2025-01-20 某某县人民政府2024年政府信息公开工作年度报告 https://www.example.gov.cn/xxgk/ndbg/1.html
                """),
        ])

    public func check(_ snapshot: SiteSnapshot, context: SiteRuleContext) -> [Finding] {
        let d = context.settings.annualReportDeadline
        guard let deadline = Day(year: context.now.year, month: d.month, day: d.day), context.now > deadline else {
            return []
        }
        // A site that could not be read at all (homepage unreachable) proves nothing missing.
        guard !snapshot.pages.isEmpty else { return [] }
        // Nor does a crawl that stopped early: the report may lie in the part not read.
        guard snapshot.incomplete == nil else { return [] }
        let year = context.now.year - 1
        let titles =
            snapshot.pages.map(\.title) + snapshot.pages.flatMap { $0.listItems.map(\.title) }
            + snapshot.homepageItems.map(\.title) + snapshot.columns.flatMap { $0.items.map(\.title) }
        let found = titles.contains { title in
            Self.titleWords.contains { title.contains($0) }
                && (title.contains("\(year)年") || title.contains("\(year)度"))
        }
        guard !found else { return [] }
        let name = "\(year)年政府信息公开工作年度报告"
        return [
            Finding(
                Self.description, snapshot: snapshot, match: name,
                excerpt: "截至 \(context.now)，网站未见\(name)",
                message: "应于\(d.month)月\(d.day)日前发布上一年度政府信息公开工作年度报告")
        ]
    }
}
