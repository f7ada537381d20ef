import GovCore

/// Runs the site rules over a snapshot as ordered passes; each pass says what it needs.
public enum SiteRules {
    /// Site rules in run order (feed and closed-site rules are judged apart: `FeedRules`,
    /// `ClosedSiteAliveRule`).
    public static let all: [any SiteRule] = [
        // Probes only.
        SiteUnreachableRule(),
        // Needs the homepage's items, or for a navigation-only homepage the columns linked
        // from it: columns are discovered and filled by SiteSnapshotBuilder.finish().
        HomepageStaleRule(),
        // Need columns discovered, typed (keyword table + overrides) and filled with dated
        // items: done in SiteSnapshotBuilder.finish() before any rule runs.
        ColumnStaleRule(),
        ColumnEmptyRule(),
        SiteIdentityRule(),
        AnnualReportMissingRule(),
        // Need each page's resolved column (builder pass 2).
        ColumnMismatchRule(),
        ValidityLabelRule(),
        // Need pages typed as policy/normative (by column or 文号) to find what a 解读 links.
        InterpretationUnlinkedRule(),
        InterpretationLateRule(),
        ReplyOverdueRule(),
    ]

    public static func run(
        snapshot: SiteSnapshot, settings: SiteRuleSettings, now: Day,
        calendar: WorkingCalendar = .standard
    ) -> [Finding] {
        let context = SiteRuleContext(settings: settings, now: now, calendar: calendar)
        let findings = all.flatMap { $0.check(snapshot, context: context) }
        // Must follow column-stale and column-empty: counts their findings.
        return applyColumnCounts(findings, settings: settings)
    }

    /// The indicators' column counts (INDICATORS.md §1.2) turn counted column findings into
    /// vetoes: stale 动态要闻 + 通知公告/政策文件 columns ≥ 5; stale or blank columns ≥ 10;
    /// blank columns ≥ 5. Each counted finding says which line it crossed.
    static func applyColumnCounts(_ findings: [Finding], settings: SiteRuleSettings) -> [Finding] {
        let v = settings.vetoCounts
        let isNNP = { (f: Finding) in f.rule == .columnStale && Judge.newsNoticePolicy.contains(f.category ?? "") }
        let nnp = findings.filter(isNNP).count
        let stale = findings.count(where: { $0.rule == .columnStale })
        let blank = findings.count(where: { $0.rule == .columnEmpty })
        return findings.map { finding in
            var f = finding
            var lines: [String] = []
            if isNNP(f), nnp >= v.staleNewsNoticePolicy {
                lines.append("动态要闻与通知公告、政策文件类栏目未更新合计 \(nnp) 个（≥ \(v.staleNewsNoticePolicy)）")
            }
            if f.rule == .columnStale || f.rule == .columnEmpty, stale + blank >= v.staleShouldUpdate {
                lines.append("应更新栏目长期未更新 \(stale + blank) 个（≥ \(v.staleShouldUpdate)）")
            }
            if f.rule == .columnEmpty, blank >= v.blankColumns {
                lines.append("空白栏目 \(blank) 个（≥ \(v.blankColumns)）")
            }
            if !lines.isEmpty {
                f.severity = .veto
                f.message = (f.message ?? "") + "；单项否决：" + lines.joined(separator: "；")
            }
            return f
        }
    }

    /// The measurements behind early warnings, from the snapshot and the findings of `run`.
    public static func counts(snapshot: SiteSnapshot, findings: [Finding], now: Day) -> SiteCounts {
        let newest = snapshot.pages.contains(where: \.isHomepage) ? HomepageStaleRule.newest(snapshot).0 : nil
        return SiteCounts(
            homepageAgeDays: newest.map { now.days(since: $0) },
            blankColumns: findings.count(where: { $0.rule == .columnEmpty }),
            staleColumns: findings.count(where: { $0.rule == .columnStale }),
            probes: snapshot.probes, notChecked: snapshot.homepageFault?.sentence)
    }
}

/// Every site-level rule's description, in run order (for docs/rules.md).
public enum SiteRuleCatalog {
    public static var descriptions: [RuleDescription] {
        SiteRules.all.map { type(of: $0).description } + [ClosedSiteAliveRule.description] + FeedRules.descriptions
    }
}
