import GovCore

/// What `govlint scan` found on one site, for the report folder.
public struct ScanInput: Sendable {
    public var site: SiteInfo
    public var checkedAt: String
    public var scope: CheckScope
    public var findings: [Finding]
    public var verdict: Verdict

    public init(site: SiteInfo, checkedAt: String, scope: CheckScope, findings: [Finding], verdict: Verdict) {
        self.site = site; self.checkedAt = checkedAt; self.scope = scope; self.findings = findings
        self.verdict = verdict
    }

    /// Findings grouped by rule: most severe rule first, then catalogue order.
    var groups: [(rule: RuleID, findings: [Finding])] {
        Dictionary(grouping: findings, by: \.rule)
            .map { (rule: $0.key, findings: $0.value.sorted { ($0.url, $0.offset ?? 0) < ($1.url, $1.offset ?? 0) }) }
            .sorted { a, b in
                let sa = a.findings.map(\.severity).max() ?? .info, sb = b.findings.map(\.severity).max() ?? .info
                return sa != sb ? sa > sb : a.rule.catalogIndex < b.rule.catalogIndex
            }
    }

    var title: String { "\(TextCleaning.singleLine(site.name))检查报告" }

    var summaryLine: String {
        "检查时间：\(checkedAt)；检查页面\(scope.pagesChecked)个、栏目\(scope.columnsChecked)个；"
            + "发现问题\(findings.count)个；结论：\(verdict.chinese)，扣分项得分\(verdict.score.formatted1)分。"
    }
}

public enum ScanReportRenderer {
    public static func html(_ scan: ScanInput) -> String {
        var b = "<article class=\"scan\">\n<h1>\(HTML.escape(scan.title))</h1>\n"
        b += "<p class=\"plain\">网址：\(HTMLDocument.link(scan.site.url))</p>\n"
        b += "<p class=\"plain\">\(HTML.escape(scan.summaryLine))</p>\n"
        for (heading, items) in [
            ("未能检查原因", scan.verdict.notChecked.map { [$0] } ?? []), ("不合格原因", scan.verdict.reasons),
            ("预警提示", scan.verdict.warnings),
        ] where !items.isEmpty {
            b +=
                "<p class=\"plain\">\(heading)：</p>\n<ul>\n"
                + items.map { "<li>\(HTML.escape(TextCleaning.singleLine($0)))</li>\n" }.joined() + "</ul>\n"
        }
        for (index, group) in scan.groups.enumerated() {
            b +=
                "<h2>\(ChineseNumeral.of(index + 1))、\(HTML.escape(group.rule.chinese))（\(group.rule.rawValue)，\(group.findings.count)个）</h2>\n"
            b += "<table>\n<tr><th>序号</th><th>严重程度</th><th>页面</th><th>问题内容</th><th>建议修改</th></tr>\n"
            for (n, f) in group.findings.enumerated() {
                var page = HTMLDocument.link(f.url)
                if let title = f.title, !title.isEmpty {
                    page = HTML.escape(TextCleaning.singleLine(title)) + "<br>" + page
                }
                if let column = f.column, !column.isEmpty {
                    page += "<br><span class=\"muted\">栏目：\(HTML.escape(TextCleaning.singleLine(column)))</span>"
                }
                var content = Excerpt(f).html
                if let message = f.message, !message.isEmpty {
                    content += "<br><span class=\"muted\">\(HTML.escape(TextCleaning.singleLine(message)))</span>"
                }
                b +=
                    "<tr><td>\(n + 1)</td><td>\(f.severity.chinese)</td><td>\(page)</td><td>\(content)</td>"
                    + "<td>\(HTML.escape(TextCleaning.singleLine(f.suggestion ?? "")))</td></tr>\n"
            }
            b += "</table>\n"
        }
        if scan.findings.isEmpty { b += "<p>未发现问题。</p>\n" }
        b += "</article>"
        return HTMLDocument.wrap(title: scan.title, bodyClass: "scan", body: b)
    }

    public static func markdown(_ scan: ScanInput) -> String {
        var lines = [
            "# \(Markdown.escape(scan.title))", "", "网址：\(Markdown.escape(scan.site.url))", "",
            Markdown.escape(scan.summaryLine),
        ]
        for (heading, items) in [
            ("未能检查原因", scan.verdict.notChecked.map { [$0] } ?? []), ("不合格原因", scan.verdict.reasons),
            ("预警提示", scan.verdict.warnings),
        ] where !items.isEmpty {
            lines += ["", "\(heading)：", ""] + items.map { "- " + Markdown.escape($0) }
        }
        for (index, group) in scan.groups.enumerated() {
            lines += [
                "",
                "## \(ChineseNumeral.of(index + 1))、\(group.rule.chinese)（\(group.rule.rawValue)，\(group.findings.count)个）",
                "",
            ]
            for (n, f) in group.findings.enumerated() {
                var line = "\(n + 1)\\. \(f.severity.chinese)：\(Excerpt(f).markdown)"
                if let suggestion = f.suggestion, !suggestion.isEmpty { line += " → \(Markdown.escape(suggestion))" }
                line += "  \n   页面：\(Markdown.escape(f.title ?? ""))" + " \(Markdown.escape(f.url))"
                if let message = f.message, !message.isEmpty { line += "  \n   说明：\(Markdown.escape(message))" }
                lines.append(line)
            }
        }
        if scan.findings.isEmpty { lines += ["", "未发现问题。"] }
        lines.append("")
        return lines.joined(separator: "\n")
    }
}
