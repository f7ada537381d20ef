import GovCore

/// 栏目不更新: a column's newest item is older than its type's period (major; the column
/// counts of the indicators turn these into a veto in `SiteRules`' count pass).
public struct ColumnStaleRule: SiteRule {
    public init() {}

    public static let description = RuleDescription(
        id: .columnStale, kind: .site, defaultSeverity: .major, weight: RuleWeight(2, cap: 20),
        rationale:
            "A column whose newest dated item is older than its type's period (动态要闻 14 days; 通知公告、政策文件、规范性文件 183 days; 人事、规划计划 365 days; rules.column_stale_days), or whose items carry no date (未注明发布时间的视为不更新). Types without a period are judged only for being blank. Unfetched columns are not judged, nor, when the crawl stopped early (budget, interruption, crawl.max_pages), a column whose first list page was not read. category is the column type, which the count pass uses: stale 动态要闻 plus 通知公告/政策文件 columns ≥ 5, or stale-or-blank columns ≥ 10, make every counted finding a veto.",
        triggering: [
            Example(
                """
                now 2026-11-30
                site county-a https://www.example.gov.cn/
                incomplete page cap reached (5000 pages)
                column 政务动态 https://www.example.gov.cn/zwdt/ news
                # expect ⟦政务动态⟧
                page https://www.example.gov.cn/zwdt/
                  item 2026-11-15 县政府召开常务会议 https://www.example.gov.cn/zwdt/1.html
                """),
            Example(
                """
                now 2026-11-30
                site county-a https://www.example.gov.cn/
                column 政务动态 https://www.example.gov.cn/zwdt/ news
                # expect ⟦政务动态⟧
                page https://www.example.gov.cn/zwdt/
                  item 2026-11-15 县政府召开常务会议 https://www.example.gov.cn/zwdt/1.html
                """),
            Example(
                """
                now 2026-11-30
                site county-a https://www.example.gov.cn/
                # expect ⟦通知公告⟧
                page https://www.example.gov.cn/tzgg/
                  meta ColumnName=通知公告
                  item 2026-05-20 关于开展安全检查的通知 https://www.example.gov.cn/tzgg/1.html
                  item 2026-04-01 关于公布名单的公告 https://www.example.gov.cn/tzgg/2.html
                  item 2026-03-01 关于征求意见的公告 https://www.example.gov.cn/tzgg/3.html
                  item 2026-02-01 关于调整的通知 https://www.example.gov.cn/tzgg/4.html
                  item 2026-01-05 关于放假的通知 https://www.example.gov.cn/tzgg/5.html
                """),
        ],
        nonTriggering: [
            Example(
                """
                now 2026-11-30
                site county-a https://www.example.gov.cn/
                incomplete page cap reached (5000 pages)
                column 政务动态 https://www.example.gov.cn/zwdt/ news
                page https://www.example.gov.cn/zwdt/index_1.html
                  item 2026-10-15 县政府召开常务会议 https://www.example.gov.cn/zwdt/1.html
                """),
            Example(
                """
                now 2026-11-30
                site county-a https://www.example.gov.cn/
                column 政务动态 https://www.example.gov.cn/zwdt/ news
                column 人事信息 https://www.example.gov.cn/rsxx/ personnel
                page https://www.example.gov.cn/zwdt/
                  item 2026-11-16 县政府召开常务会议 https://www.example.gov.cn/zwdt/1.html
                page https://www.example.gov.cn/rsxx/
                  item 2026-01-10 关于干部任免的通知 https://www.example.gov.cn/rsxx/1.html
                """),
            Example(
                """
                now 2026-11-30
                site county-a https://www.example.gov.cn/
                column 机构职能 https://www.example.gov.cn/jgzn/ other
                page https://www.example.gov.cn/jgzn/
                  item 2020-01-01 主要职责 https://www.example.gov.cn/jgzn/1.html
                """),
        ])

    public func check(_ snapshot: SiteSnapshot, context: SiteRuleContext) -> [Finding] {
        let read = snapshot.incomplete == nil ? nil : snapshot.readPageKeys()
        return snapshot.columns.compactMap { record in
            let type = record.column.type
            guard record.fetched, !record.items.isEmpty, let limit = context.settings.staleDays(for: type) else {
                return nil
            }
            // A crawl that stopped early judges a column only by its first list page, which
            // shows its newest items; without it, the unread part could hold newer ones.
            if let read, !record.listPages.prefix(1).contains(where: { read.contains(SiteSnapshotBuilder.key($0)) }) {
                return nil
            }
            let newest = record.newest
            if let newest, context.now.days(since: newest) <= limit { return nil }
            let excerpt =
                newest.map { "最新信息日期 \($0)，距检查日 \(context.now.days(since: $0)) 天" }
                ?? "\(record.items.count) 条信息均未注明发布时间"
            return Finding(
                Self.description, snapshot: snapshot, url: record.column.url, match: record.column.name,
                excerpt: "\(record.column.name)：\(excerpt)",
                message: "\(type.chinese)类栏目超过 \(limit) 天未更新", column: record.column.name,
                category: type.rawValue)
        }
    }
}
