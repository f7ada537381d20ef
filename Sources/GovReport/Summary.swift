import GovCore

/// One site's or account's line in the run summary.
public struct SummaryRow: Sendable, Hashable {
    public var site: SiteInfo
    public var verdict: Verdict
    /// Findings still to fix (new + open), by severity and by rule.
    public var bySeverity: [Severity: Int]
    public var byRule: [RuleID: Int]
    public var comparison: RunComparison
    /// Accounts: the newest item's day (最近更新).
    public var lastPost: Day?
    /// Open findings past their deadline (已逾期).
    public var overdue: Int

    public init(
        site: SiteInfo, verdict: Verdict, bySeverity: [Severity: Int], byRule: [RuleID: Int],
        comparison: RunComparison, lastPost: Day? = nil, overdue: Int = 0
    ) {
        self.site = site; self.verdict = verdict; self.bySeverity = bySeverity; self.byRule = byRule
        self.comparison = comparison; self.lastPost = lastPost; self.overdue = overdue
    }

    /// Counts from a run's findings; fixed ones count only as fixed.
    public init(site: SiteInfo, verdict: Verdict, findings: [Finding], lastPost: Day? = nil, overdue: Int = 0) {
        let open = findings.filter { $0.status != .fixed }
        self.init(
            site: site, verdict: verdict,
            bySeverity: Dictionary(grouping: open, by: \.severity).mapValues(\.count),
            byRule: Dictionary(grouping: open, by: \.rule).mapValues(\.count),
            comparison: RunComparison(findings: findings), lastPost: lastPost, overdue: overdue)
    }

    public var openTotal: Int { bySeverity.values.reduce(0, +) }
}

/// One past run for the trend line.
public struct TrendPoint: Sendable, Hashable {
    public var runDate: Day
    public var openFindings: Int

    public init(runDate: Day, openFindings: Int) {
        self.runDate = runDate; self.openFindings = openFindings
    }
}

public struct SummaryInput: Sendable {
    public var office: Office
    public var runDate: Day
    public var checkedAt: String
    public var rows: [SummaryRow]
    /// Earlier runs and this one, oldest first; the chart shows the last `trendRuns`.
    public var history: [TrendPoint]
    /// How many of the lowest-ranked websites get a 督办提醒 (supervision reminder).
    public var supervisionCount: Int
    public var trendRuns: Int

    public init(
        office: Office, runDate: Day, checkedAt: String, rows: [SummaryRow], history: [TrendPoint],
        supervisionCount: Int = 10, trendRuns: Int = 12
    ) {
        self.office = office; self.runDate = runDate; self.checkedAt = checkedAt; self.rows = rows
        self.history = history; self.supervisionCount = supervisionCount; self.trendRuns = trendRuns
    }
}

/// A website's place in the ranking.
public struct RankedRow: Sendable, Hashable {
    public var rank: Int
    public var row: SummaryRow
    /// Among the last `supervisionCount` (sites with nothing to fix are never marked).
    public var supervise: Bool
}

public enum SummaryRenderer {
    /// Websites by score (high first), ties by fewer findings to fix, then id; equal score and
    /// count share a rank. The last `supervisionCount` with something to fix are marked.
    public static func ranking(_ input: SummaryInput) -> [RankedRow] {
        let sites = input.rows.filter { $0.site.kind == .website }.sorted { a, b in
            if a.verdict.score != b.verdict.score { return a.verdict.score > b.verdict.score }
            if a.overdue != b.overdue { return a.overdue < b.overdue }
            if a.openTotal != b.openTotal { return a.openTotal < b.openTotal }
            return a.site.id < b.site.id
        }
        var ranked: [RankedRow] = []
        for (index, row) in sites.enumerated() {
            var rank = index + 1
            if let previous = ranked.last, previous.row.verdict.score == row.verdict.score,
                previous.row.openTotal == row.openTotal, previous.row.overdue == row.overdue
            {
                rank = previous.rank
            }
            ranked.append(RankedRow(rank: rank, row: row, supervise: false))
        }
        let tail = max(0, ranked.count - input.supervisionCount)
        for index in tail..<ranked.count where ranked[index].row.openTotal > 0 || !ranked[index].row.verdict.passed {
            ranked[index].supervise = true
        }
        return ranked
    }

    /// 合格率 as "80.0%" (passed / total), "—" when there is nothing to rate.
    static func passRate(_ rows: [SummaryRow]) -> String {
        guard !rows.isEmpty else { return "—" }
        let rate = Double(rows.count(where: \.verdict.passed)) / Double(rows.count) * 100
        return String(format1: rate) + "%"
    }

    static let severityColors: [(Severity, String)] = [
        (.veto, "#b71c1c"), (.major, "#ef6c00"), (.minor, "#1565c0"), (.info, "#9e9e9e"),
    ]

    struct Facts {
        var websites: [SummaryRow]
        var accounts: [SummaryRow]
        var ranked: [RankedRow]
        var bySeverity: [Severity: Int]
        var byRule: [(rule: RuleID, count: Int, sites: Int)]
        var comparison: RunComparison
        var overdue: Int

        init(_ input: SummaryInput) {
            overdue = input.rows.map(\.overdue).reduce(0, +)
            websites = input.rows.filter { $0.site.kind == .website }
            accounts = input.rows.filter { $0.site.kind == .feed }
            ranked = SummaryRenderer.ranking(input)
            var severity: [Severity: Int] = [:]
            var rules: [RuleID: (Int, Int)] = [:]
            for row in input.rows {
                for (k, v) in row.bySeverity { severity[k, default: 0] += v }
                for (k, v) in row.byRule where v > 0 {
                    let current = rules[k] ?? (0, 0)
                    rules[k] = (current.0 + v, current.1 + 1)
                }
            }
            bySeverity = severity
            byRule = rules.map { ($0.key, $0.value.0, $0.value.1) }
                .sorted { $0.count != $1.count ? $0.count > $1.count : $0.rule.catalogIndex < $1.rule.catalogIndex }
            comparison = RunComparison(
                new: input.rows.map(\.comparison.new).reduce(0, +),
                open: input.rows.map(\.comparison.open).reduce(0, +),
                fixed: input.rows.map(\.comparison.fixed).reduce(0, +))
        }

        var openTotal: Int { bySeverity.values.reduce(0, +) }
    }

    static func title(_ input: SummaryInput) -> String {
        "政府网站与政务新媒体检查情况汇总（\(input.runDate.chinese)）"
    }

    static func overview(_ input: SummaryInput, _ facts: Facts) -> [String] {
        var lines: [String] = []
        var first = "\(input.office.name)于\(input.checkedAt)对\(facts.websites.count)个政府网站"
        if !facts.accounts.isEmpty { first += "、\(facts.accounts.count)个政务新媒体账号" }
        first += "进行了检查。"
        // 未能检查 counts as not passed (the rate fails closed) and is said separately.
        func notChecked(_ rows: [SummaryRow]) -> String {
            let n = rows.count(where: { $0.verdict.standing == .notChecked })
            return n > 0 ? "，未能检查\(n)个" : ""
        }
        first +=
            "网站合格\(facts.websites.count(where: \.verdict.passed))个，合格率\(passRate(facts.websites))"
            + notChecked(facts.websites)
        if !facts.accounts.isEmpty {
            first +=
                "；政务新媒体合格\(facts.accounts.count(where: \.verdict.passed))个，合格率\(passRate(facts.accounts))"
                + notChecked(facts.accounts)
        }
        first += "。"
        lines.append(first)
        let s = facts.bySeverity
        lines.append(
            "共发现待整改问题\(facts.openTotal)个，其中单项否决\(s[.veto] ?? 0)个、扣分\(s[.major] ?? 0)个、"
                + "提醒\((s[.minor] ?? 0) + (s[.info] ?? 0))个" + (facts.overdue > 0 ? "，逾期未整改\(facts.overdue)个" : "")
                + "。与上次检查相比，新发现\(facts.comparison.new)个，"
                + "仍未整改\(facts.comparison.open)个，已整改\(facts.comparison.fixed)个。")
        let supervised = facts.ranked.filter(\.supervise).map { $0.row.site.name }
        if !supervised.isEmpty {
            lines.append("排名靠后的\(supervised.count)个网站（\(supervised.joined(separator: "、"))）列入督办提醒，请抓紧整改。")
        }
        return lines
    }

    static func charts(_ input: SummaryInput, _ facts: Facts) -> [String] {
        let siteRows = input.rows.sorted {
            $0.openTotal != $1.openTotal ? $0.openTotal > $1.openTotal : $0.site.id < $1.site.id
        }
        .map { row in
            SVGChart.BarRow(
                label: row.site.name,
                segments: severityColors.map {
                    SVGChart.Segment(value: row.bySeverity[$0.0] ?? 0, color: $0.1)
                })
        }
        let legend = severityColors.filter { $0.0 != .info }.map { (name: $0.0.chinese, color: $0.1) }
        let ruleRows = facts.byRule.map {
            SVGChart.BarRow(label: $0.rule.chinese, segments: [SVGChart.Segment(value: $0.count, color: "#5c6bc0")])
        }
        let trend = input.history.sorted { $0.runDate < $1.runDate }.suffix(input.trendRuns)
            .map { (label: "\($0.runDate.month)月\($0.runDate.day)日", value: $0.openFindings) }
        return [
            SVGChart.horizontalBars(title: "各站点待整改问题数", rows: siteRows, legend: legend),
            SVGChart.horizontalBars(title: "问题类型分布", rows: ruleRows, legend: [(name: "问题数", color: "#5c6bc0")]),
            SVGChart.line(title: "待整改问题数变化趋势", points: Array(trend), seriesName: "待整改问题数"),
        ]
    }

    static func remark(_ ranked: RankedRow) -> String {
        var parts: [String] = []
        if ranked.supervise { parts.append("督办提醒") }
        if let why = ranked.row.verdict.notChecked { parts.append(why) }
        if ranked.row.overdue > 0 { parts.append("逾期未整改\(ranked.row.overdue)个") }
        parts += ranked.row.verdict.reasons
        parts += ranked.row.verdict.warnings.map { "预警：" + $0 }
        return parts.map { TextCleaning.singleLine($0) }.joined(separator: "；")
    }

    public static func html(_ input: SummaryInput) -> String {
        let facts = Facts(input)
        var b =
            "<article class=\"summary\">\n<h1>\(HTML.escape(input.office.shortName))<br>\(HTML.escape(title(input)))</h1>\n"
        b += "<h2>一、总体情况</h2>\n"
        b += overview(input, facts).map { "<p>\(HTML.escape($0))</p>\n" }.joined()
        b += charts(input, facts).map { "<div class=\"chart\">\($0)</div>\n" }.joined()
        b +=
            "<h2>二、网站检查结果及排名</h2>\n<table class=\"ranking\">\n<tr><th>排名</th><th>网站</th><th>主办单位</th><th>结论</th><th>得分</th>"
            + "<th>单项否决</th><th>扣分</th><th>提醒</th><th>新发现</th><th>未整改</th><th>逾期</th><th>已整改</th><th>备注</th></tr>\n"
        for ranked in facts.ranked {
            let r = ranked.row
            let verdictClass = r.verdict.passed ? "verdict-pass" : "verdict-fail"
            let remarkText = remark(ranked)
            let remarkHTML =
                ranked.supervise
                ? "<span class=\"supervise\">督办提醒</span>" + HTML.escape(String(remarkText.dropFirst("督办提醒".count)))
                : HTML.escape(remarkText)
            b +=
                "<tr><td>\(ranked.rank)</td><td>\(HTML.escape(TextCleaning.singleLine(r.site.name)))</td>"
                + "<td>\(HTML.escape(TextCleaning.singleLine(r.site.owner)))</td>"
                + "<td class=\"\(verdictClass)\">\(r.verdict.chinese)</td><td>\(r.verdict.score.formatted1)</td>"
                + "<td>\(r.bySeverity[.veto] ?? 0)</td><td>\(r.bySeverity[.major] ?? 0)</td>"
                + "<td>\((r.bySeverity[.minor] ?? 0) + (r.bySeverity[.info] ?? 0))</td>"
                + "<td>\(r.comparison.new)</td><td>\(r.comparison.open)</td><td>\(r.overdue)</td><td>\(r.comparison.fixed)</td>"
                + "<td>\(remarkHTML)</td></tr>\n"
        }
        b += "</table>\n"
        b += "<h2>三、问题类型统计</h2>\n<table>\n<tr><th>问题类型</th><th>问题数</th><th>涉及站点数</th></tr>\n"
        for item in facts.byRule {
            b += "<tr><td>\(HTML.escape(item.rule.chinese))</td><td>\(item.count)</td><td>\(item.sites)</td></tr>\n"
        }
        if facts.byRule.isEmpty { b += "<tr><td colspan=\"3\">本次检查未发现待整改问题</td></tr>\n" }
        b += "</table>\n"
        if !facts.accounts.isEmpty {
            b +=
                "<h2>四、政务新媒体检查情况</h2>\n<table class=\"accounts\">\n<tr><th>账号</th><th>主办单位</th><th>最近更新</th><th>结论</th>"
                + "<th>待整改问题</th><th>备注</th></tr>\n"
            for r in facts.accounts.sorted(by: { $0.site.id < $1.site.id }) {
                let verdictClass = r.verdict.passed ? "verdict-pass" : "verdict-fail"
                let reasons =
                    ((r.verdict.notChecked.map { [$0] } ?? []) + r.verdict.reasons
                    + r.verdict.warnings.map { "预警：" + $0 })
                    .joined(separator: "；")
                b +=
                    "<tr><td>\(HTML.escape(TextCleaning.singleLine(r.site.name)))</td>"
                    + "<td>\(HTML.escape(TextCleaning.singleLine(r.site.owner)))</td>"
                    + "<td>\(r.lastPost?.chinese ?? "未获取到")</td><td class=\"\(verdictClass)\">\(r.verdict.chinese)</td>"
                    + "<td>\(r.openTotal)</td><td>\(HTML.escape(TextCleaning.singleLine(reasons)))</td></tr>\n"
            }
            b += "</table>\n"
        }
        b +=
            "<div class=\"signature\">\n<p>\(HTML.escape(input.office.name))</p>\n<p>\(input.runDate.chinese)</p>\n</div>\n</article>"
        return HTMLDocument.wrap(title: input.office.shortName + title(input), bodyClass: "summary", body: b)
    }

    public static func markdown(_ input: SummaryInput) -> String {
        let facts = Facts(input)
        var lines = [
            "# \(Markdown.escape(input.office.shortName))\(Markdown.escape(title(input)))", "", "## 一、总体情况", "",
        ]
        lines += overview(input, facts).map { Markdown.escape($0) + "\n" }
        lines += [
            "## 二、网站检查结果及排名", "",
            "| 排名 | 网站 | 结论 | 得分 | 单项否决 | 扣分 | 提醒 | 新发现 | 未整改 | 逾期 | 已整改 | 备注 |",
            "| --: | --- | --- | --: | --: | --: | --: | --: | --: | --: | --: | --- |",
        ]
        for ranked in facts.ranked {
            let r = ranked.row
            let remarkText = remark(ranked)
            let remarkMD =
                ranked.supervise
                ? "**督办提醒**" + Markdown.escape(String(remarkText.dropFirst("督办提醒".count)))
                : Markdown.escape(remarkText)
            lines.append(
                "| \(ranked.rank) | \(Markdown.escape(r.site.name)) | \(r.verdict.chinese) | \(r.verdict.score.formatted1) | "
                    + "\(r.bySeverity[.veto] ?? 0) | \(r.bySeverity[.major] ?? 0) | \((r.bySeverity[.minor] ?? 0) + (r.bySeverity[.info] ?? 0)) | "
                    + "\(r.comparison.new) | \(r.comparison.open) | \(r.overdue) | \(r.comparison.fixed) | \(remarkMD) |"
            )
        }
        lines += ["", "## 三、问题类型统计", "", "| 问题类型 | 问题数 | 涉及站点数 |", "| --- | --: | --: |"]
        lines += facts.byRule.map { "| \($0.rule.chinese) | \($0.count) | \($0.sites) |" }
        if !facts.accounts.isEmpty {
            lines += ["", "## 四、政务新媒体检查情况", "", "| 账号 | 主办单位 | 最近更新 | 结论 | 待整改问题 |", "| --- | --- | --- | --- | --: |"]
            lines += facts.accounts.sorted(by: { $0.site.id < $1.site.id }).map {
                "| \(Markdown.escape($0.site.name)) | \(Markdown.escape($0.site.owner)) | \($0.lastPost?.chinese ?? "未获取到") | \($0.verdict.chinese) | \($0.openTotal) |"
            }
        }
        lines += ["", "\(Markdown.escape(input.office.name))  ", input.runDate.chinese, ""]
        return lines.joined(separator: "\n")
    }
}

extension String {
    /// One decimal place, e.g. 66.7.
    init(format1 value: Double) {
        let tenths = Int((value * 10).rounded())
        self = "\(tenths / 10).\(tenths % 10)"
    }
}
