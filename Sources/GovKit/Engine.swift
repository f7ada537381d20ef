import Foundation
import GovConfig
import GovCore
import GovCrawl
import GovLexicon
import GovRules

/// The compiled pieces every site check shares: lexicon, linter, crawler, rule settings.
/// Built once per command from Settings.
package final class Engine: Sendable {
    package let settings: Settings
    let lexicon: Lexicon
    let linter: PageLinter
    /// The night's fetcher: libcurl's `Crawler`, or a test's stand-in.
    let crawler: any Fetcher
    let ruleSettings: SiteRuleSettings
    let calendar: WorkingCalendar
    /// Converter problems (a missing pdftotext) said once per command, not per attachment.
    let attachmentLog = AttachmentLog { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }

    package init(settings: Settings, crawlOptions: CrawlOptions, fetcher: (any Fetcher)? = nil) throws(Failure) {
        self.settings = settings
        lexicon = try settings.loadLexicon()
        linter = PageLinter(lexicon: lexicon, settings: settings)
        crawler =
            fetcher
            ?? Crawler(
                options: crawlOptions,
                log: { message in
                    FileHandle.standardError.write(Data("govlint: \(message)\n".utf8))
                })
        ruleSettings = SettingsMapping.ruleSettings(settings.config?.rules)
        calendar = try SettingsMapping.calendar(settings.config?.rules)
    }

    package func scanner(for target: ScanTarget) -> SiteScanner {
        let scanner = SiteScanner(
            target: target, crawler: crawler, lexicon: lexicon, linter: linter, ruleSettings: ruleSettings,
            allowedDomains: settings.config?.crawl.allowedDomains ?? ["gov.cn"],
            closedSites: SettingsMapping.closedSites(settings.config),
            policy: ruleSettings.policy,
            clock: settings.clock, calendar: calendar)
        let caps = target.attachments ?? settings.config?.attachments ?? Config.Attachments()
        if settings.verbose {
            scanner.trace = { FileHandle.standardError.write(Data("govlint: \($0)\n".utf8)) }
        }
        scanner.attachments = AttachmentScan(
            settings: caps, scope: CrawlScope(hosts: target.hosts), linter: linter, log: attachmentLog)
        return scanner
    }
}
