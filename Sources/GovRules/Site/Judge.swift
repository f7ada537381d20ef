import Foundation
import GovCore

/// Measurements behind the early warnings (预警), which findings alone cannot carry: how
/// close a site is to a line it has not crossed yet.
public struct SiteCounts: Sendable, Hashable {
    /// Days since the newest dated homepage item; nil when none is dated or not fetched.
    public var homepageAgeDays: Int?
    public var blankColumns: Int
    public var staleColumns: Int
    public var probes: ProbeStats?
    /// Days since a feed's newest item (feeds only).
    public var feedAgeDays: Int?
    /// Why the homepage or feed could not be read this time (the snapshot's HomepageFault,
    /// or the stored run's fetch error); nil when it was read.
    public var notChecked: String?

    public init(
        homepageAgeDays: Int? = nil, blankColumns: Int = 0, staleColumns: Int = 0,
        probes: ProbeStats? = nil, feedAgeDays: Int? = nil, notChecked: String? = nil
    ) {
        self.homepageAgeDays = homepageAgeDays; self.blankColumns = blankColumns
        self.staleColumns = staleColumns; self.probes = probes; self.feedAgeDays = feedAgeDays
        self.notChecked = notChecked
    }
}

/// The verdict of a site or account under the indicators (INDICATORS.md §1.1): any veto
/// finding ⇒ 不合格, and no other item decides; without one, a deduction score out of 100
/// from each rule's weight (FindingPolicy: config overrides over RuleDescription.weight), below `passScore` (60) ⇒ 不合格.
public enum Judge {
    /// Column types whose stale columns count toward the first column veto (动态要闻 plus
    /// 通知公告/政策文件 — 规范性文件 are policy documents too).
    static let newsNoticePolicy = Set([ColumnType.news, .notice, .policy, .normative].map(\.rawValue))

    /// `findings`: the site's findings after suppression (ignored findings leave scores).
    /// Everything else comes from stored facts (`counts`: from the snapshot on a scan, from
    /// the stored run details on `report`), so scan, run and report judge alike; a site
    /// whose homepage was not read (`counts.notChecked`) is never 合格.
    public static func verdict(findings: [Finding], counts: SiteCounts, settings: SiteRuleSettings) -> Verdict {
        var reasons: [String] = []
        var warnings: [String] = []
        let vetoes = findings.filter { $0.severity == .veto }
        let staleNNP = findings.count(where: {
            $0.rule == .columnStale && newsNoticePolicy.contains($0.category ?? "")
        })
        let stale = findings.count(where: { $0.rule == .columnStale })
        let blank = findings.count(where: { $0.rule == .columnEmpty })
        let v = settings.vetoCounts

        // The column counts (INDICATORS.md §1.2): any one line crossed is a veto.
        var columnReasons: [String] = []
        var columnReasonsGiven = false
        if staleNNP >= v.staleNewsNoticePolicy {
            columnReasons.append(
                "栏目不更新：动态要闻类栏目（2周）与通知公告、政策文件类栏目（6个月）未更新合计 \(staleNNP) 个，达到单项否决线（≥ \(v.staleNewsNoticePolicy)）")
        }
        if stale + blank >= v.staleShouldUpdate {
            columnReasons.append("应更新栏目长期未更新（含空白栏目）\(stale + blank) 个，达到单项否决线（≥ \(v.staleShouldUpdate)）")
        }
        if blank >= v.blankColumns {
            columnReasons.append("空白栏目 \(blank) 个，达到单项否决线（≥ \(v.blankColumns)）")
        }
        for rule in RuleID.allCases {
            let group = vetoes.filter { $0.rule == rule }
            guard !group.isEmpty else { continue }
            if rule == .columnStale || rule == .columnEmpty, !columnReasons.isEmpty {
                if !columnReasonsGiven { reasons += columnReasons }
                columnReasonsGiven = true
                continue
            }
            let first = group[0]
            let detail =
                RuleCatalog.isTextRule(rule)
                ? first.match + (first.suggestion.map { "（应为“\($0)”）" } ?? "")
                : first.message ?? first.context
            let more = group.count > 1 ? "（共 \(group.count) 处）" : ""
            reasons.append("\(rule.chinese)：\(detail)\(more)")
        }

        var deductions: [RuleID: Double] = [:]
        for finding in findings where finding.severity == .major || finding.severity == .minor {
            deductions[finding.rule, default: 0] += weight(finding.rule, settings).perFinding
        }
        let deducted = deductions.reduce(0.0) { $0 + min($1.value, weight($1.key, settings).cap) }
        let score = max(0, (100 - deducted) * 10).rounded() / 10
        if vetoes.isEmpty, score < settings.passScore {
            reasons.append("扣分后得分 \(format(score)) 分，低于合格线 \(format(settings.passScore)) 分")
        }

        let w = settings.warn
        if let age = counts.homepageAgeDays, age > w.homepageStaleDays, age <= settings.homepageStaleDays {
            warnings.append("首页已 \(age) 天未更新（预警线 \(w.homepageStaleDays) 天，否决线 \(settings.homepageStaleDays) 天）")
        }
        if counts.blankColumns > w.blankColumns, counts.blankColumns < v.blankColumns {
            warnings.append("空白栏目 \(counts.blankColumns) 个（预警线 > \(w.blankColumns) 个，否决线 ≥ \(v.blankColumns) 个）")
        }
        if let line = w.staleColumns, counts.staleColumns > line, counts.staleColumns < v.staleShouldUpdate {
            warnings.append("长期未更新栏目 \(counts.staleColumns) 个（预警线 > \(line) 个，否决线 ≥ \(v.staleShouldUpdate) 个）")
        }
        if let p = counts.probes, p.failedRatio >= w.unreachableRatio,
            p.failedRatio < settings.unreachableRatio || p.total < settings.unreachableMinProbes
        {
            let short = p.total < settings.unreachableMinProbes ? "，探测次数不足 \(settings.unreachableMinProbes) 次" : ""
            warnings.append(
                "首页不可访问比例 \(percent(p.failedRatio))（\(p.failed)/\(p.total)，预警线 \(percent(w.unreachableRatio))\(short)）")
        }
        if let age = counts.feedAgeDays, age > settings.feedWarnDays, age <= settings.feedStaleDays {
            warnings.append("账号已 \(age) 天未更新（预警线 \(settings.feedWarnDays) 天，否决线 \(settings.feedStaleDays) 天）")
        }

        var numbers: [String: Int] = [
            "veto_findings": vetoes.count,
            "major_findings": findings.count(where: { $0.severity == .major }),
            "minor_findings": findings.count(where: { $0.severity == .minor }),
            "stale_news_notice_policy_columns": staleNNP,
            "stale_columns": stale,
            "blank_columns": blank,
        ]
        if let age = counts.homepageAgeDays { numbers["homepage_age_days"] = age }
        if let p = counts.probes { numbers["probes_total"] = p.total; numbers["probes_failed"] = p.failed }
        if let age = counts.feedAgeDays { numbers["feed_age_days"] = age }
        return Verdict(
            passed: reasons.isEmpty, reasons: reasons, warnings: warnings, score: score, counts: numbers,
            notChecked: counts.notChecked)
    }

    static func weight(_ rule: RuleID, _ settings: SiteRuleSettings) -> RuleWeight { settings.policy.weight(of: rule) }

    /// "5%", "3.6%".
    static func percent(_ ratio: Double) -> String { format((ratio * 1000).rounded() / 10) + "%" }

    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

}
