import GovCore

/// 站点无法访问: the homepage failed too many availability probes over 7 days (veto); or this
/// check could not read the homepage (major: the site was not checked, never clean).
public struct SiteUnreachableRule: SiteRule {
    public init() {}

    public static let description = RuleDescription(
        id: .siteUnreachable, kind: .site, defaultSeverity: .veto, weight: RuleWeight(10, cap: 10),
        rationale:
            "From `govlint probe` over the last 7 days: at least 140 probes (20 a day) and a failure share (not open within 15 s) of 5 % or more (indicator: 超过(含)5%). Fewer probes are not enough to judge; the verdict warns at 3 %. When a scan or run cannot read the homepage itself (down, a WAF or bot wall, over the size cap, a decompression bomb, binary or image content) and the probes do not make it a veto, a major finding says the site could not be checked and the verdict is 未能检查 — never 合格. Examples: `homepage KIND REASON` describes a homepage this check could not read (KIND: unreachable, blocked, unreadable).",
        triggering: [
            Example(
                """
                now 2026-11-30
                site county-a https://www.example.gov.cn/
                # expect ⟦https://www.example.gov.cn/⟧
                probes 140 7
                """),
            Example(
                """
                now 2026-11-30
                site county-a https://www.example.gov.cn/
                # expect ⟦无法连接⟧
                homepage unreachable 无法连接
                """),
            Example(
                """
                now 2026-11-30
                site county-a https://www.example.gov.cn/
                # expect ⟦被防火墙拦截，未能检查⟧
                homepage blocked 被防火墙拦截 (HTTP 403)
                probes 140 0
                """),
            Example(
                """
                now 2026-11-30
                site county-a https://www.example.gov.cn/
                # expect ⟦内容过大⟧
                homepage unreadable 内容过大
                """),
        ],
        nonTriggering: [
            Example(
                """
                now 2026-11-30
                site county-a https://www.example.gov.cn/
                probes 140 6
                """),
            Example(
                """
                now 2026-11-30
                site county-a https://www.example.gov.cn/
                probes 100 20
                """),
        ])

    public func check(_ snapshot: SiteSnapshot, context: SiteRuleContext) -> [Finding] {
        let s = context.settings
        guard let probes = snapshot.probes, probes.total >= s.unreachableMinProbes,
            probes.failedRatio >= s.unreachableRatio
        else {
            return snapshot.homepageFault.map { [Self.notChecked($0, snapshot: snapshot)] } ?? []
        }
        let percent = Judge.percent(probes.failedRatio)
        return [
            Finding(
                Self.description, snapshot: snapshot, match: snapshot.homepage,
                excerpt: "近 7 天探测 \(probes.total) 次，打不开 \(probes.failed) 次（\(percent)）",
                message: "首页不可访问比例 \(percent)，达到单项否决线（≥ \(Judge.percent(s.unreachableRatio))）")
        ]
    }

    /// The homepage could not be read by this check and the probes do not decide: said
    /// plainly, so an unread site is never reported as checked and clean. Not a veto: one
    /// failure is not the 5 % of 140 probes.
    static func notChecked(_ fault: HomepageFault, snapshot: SiteSnapshot) -> Finding {
        let (match, message): (String, String) =
            switch fault.kind {
            case .unreachable:
                (fault.reason, "本次检查时首页无法访问（\(fault.reason)），全站未能检查；是否构成单项否决，以可用性监测一周的统计为准")
            case .blocked:
                ("被防火墙拦截，未能检查", "首页\(fault.reason)，全站未能检查；请将检查程序的访问地址加入防火墙白名单后复查")
            case .unreadable:
                (fault.reason, "首页内容无法读取（\(fault.reason)），全站未能检查")
            }
        return Finding(
            description, snapshot: snapshot, url: fault.url, match: match,
            excerpt: "首页 \(fault.url)：\(fault.reason)", message: message, severity: .major)
    }
}
