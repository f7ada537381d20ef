import GovCore

/// 站点无法访问: the homepage failed too many availability probes over 7 days (veto).
public struct SiteUnreachableRule: SiteRule {
    public init() {}

    public static let description = RuleDescription(
        id: .siteUnreachable, kind: .site, defaultSeverity: .veto, weight: RuleWeight(10, cap: 10),
        rationale: "From `govlint probe` over the last 7 days: at least 140 probes (20 a day) and a failure share (not open within 15 s) of 5 % or more (indicator: 超过(含)5%). Fewer probes are not enough to judge; the verdict warns at 3 %. When a scan or run finds the homepage itself down and there are fewer probes than that, a major finding says the site could not be checked and the verdict is 不合格 (a scan never calls an unreachable site clean).",
        triggering: [
            Example("""
            now 2026-11-30
            site county-a https://www.example.gov.cn/
            # expect ⟦https://www.example.gov.cn/⟧
            probes 140 7
            """),
        ],
        nonTriggering: [
            Example("""
            now 2026-11-30
            site county-a https://www.example.gov.cn/
            probes 140 6
            """),
            Example("""
            now 2026-11-30
            site county-a https://www.example.gov.cn/
            probes 100 20
            """),
        ])

    public func check(_ snapshot: SiteSnapshot, context: SiteRuleContext) -> [Finding] {
        let s = context.settings
        guard let probes = snapshot.probes, probes.total >= s.unreachableMinProbes,
              probes.failedRatio >= s.unreachableRatio else { return [] }
        let percent = Judge.percent(probes.failedRatio)
        return [Finding(Self.description, snapshot: snapshot, match: snapshot.homepage,
                        excerpt: "近 7 天探测 \(probes.total) 次，打不开 \(probes.failed) 次（\(percent)）",
                        message: "首页不可访问比例 \(percent)，达到单项否决线（≥ \(Judge.percent(s.unreachableRatio))）")]
    }
}
