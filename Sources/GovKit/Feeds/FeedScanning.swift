import Foundation
import GovConfig
import GovCore
import GovReport

extension Engine {
    /// The scanner for one configured account, sharing the engine's lexicon, linter, crawler
    /// and rule settings.
    package func feedScanner(for feed: Config.Feed) -> FeedScanner {
        FeedScanner(
            feed: feed, crawler: crawler, linter: linter, lexicon: lexicon, ruleSettings: ruleSettings,
            allowedDomains: settings.config?.crawl.allowedDomains ?? ["gov.cn"],
            closedSites: SettingsMapping.closedSites(settings.config),
            officeHosts: (settings.config?.sites ?? []).flatMap(\.hosts),
            policy: ruleSettings.policy, clock: settings.clock)
    }
}

extension ReportFolder {
    /// reports/<date>/<feed>/: findings.jsonl, report.html, report.md — as for a site, with the
    /// account as a 政务新媒体 (items counted as 条).
    package static func writeFeedScan(
        _ result: FeedScanResult, feed: Config.Feed, address: String, to folder: String,
        checkedAt: String
    ) throws(Failure) {
        let site = SiteInfo(id: feed.id, name: feed.name, owner: feed.owner, url: address, kind: .feed)
        // Nothing read ⇒ the verdict is 未能检查 (Judge, from the fetch error), never clean.
        let verdict = result.verdict
        let input = ScanInput(
            site: site, checkedAt: checkedAt,
            scope: CheckScope(pagesChecked: result.itemCount, columnsChecked: 0),
            findings: result.findings, verdict: verdict)
        let jsonl = (try? Ledger.jsonl(result.findings)) ?? ""
        try write(Data(jsonl.utf8), to: "\(folder)/findings.jsonl")
        try write(Data(ScanReportRenderer.html(input).utf8), to: "\(folder)/report.html")
        try write(Data(ScanReportRenderer.markdown(input).utf8), to: "\(folder)/report.md")
    }
}
