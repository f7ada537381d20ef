import GovCore
import GovLexicon
import GovRules

/// The text rules over one parsed page, shared by `check` and `scan`. Besides the page's
/// blocks it reads the table rows as lines of one list for the privacy rule: a 公示名单 puts the
/// name and the mobile number in different cells, and only the row shows they belong to
/// one person.
package struct PageLinter: Sendable {
    let blocks: TextLinter
    let rows: TextLinter

    package init(lexicon: Lexicon, settings: Settings) {
        let rules = TextRules.all.map { rule -> any TextRule in
            rule is PrivacyRule ? PrivacyRule(today: settings.clock.today) : rule
        }
        let policy = settings.policy
        blocks = TextLinter(lexicon: lexicon, rules: rules, policy: policy)
        rows = TextLinter(lexicon: lexicon, rules: [PrivacyRule(today: settings.clock.today)], policy: policy)
    }

    package func lint(page: Page, site: String = "-", url: String, title: String?, column: String?) -> [Finding] {
        var findings = blocks.lint(blocks: page.blocks, site: site, url: url, title: title, column: column)
        let rowLines = page.tableRows.filter { $0.count >= 2 }.map { $0.joined(separator: "\t") }
        guard !rowLines.isEmpty else { return findings }
        let tableRows = [TextBlock(scope: .body, text: rowLines.joined(separator: "\n"), line: 0)]
        let known = Set(findings.filter { $0.rule == .privacy }.map(\.match))
        for var finding in rows.lint(blocks: tableRows, site: site, url: url, title: title, column: column)
        where !known.contains(finding.match) {
            finding.line = nil
            finding.col = nil
            findings.append(finding)
        }
        return findings
    }

    package func lint(blocks textBlocks: [TextBlock], url: String) -> [Finding] {
        blocks.lint(blocks: textBlocks, url: url)
    }
}
