import Foundation
import GovCore
import GovConfig
import GovCrawl
import GovExtract
import GovLexicon
import GovRules

/// What a scan remembers of a page for the next run's conditional request: on a 304 the
/// page is not parsed again; its digest (links, meta, dates, list items — no body text)
/// feeds the site snapshot and the frontier, and its findings are carried over.
public struct PageMemory: Sendable {
    public var digest: Page
    public var findings: [Finding]
    /// The body's content hash last run: an attachment with the same bytes is not converted again.
    public var contentHash: String?

    public init(digest: Page, findings: [Finding], contentHash: String? = nil) {
        self.digest = digest; self.findings = findings; self.contentHash = contentHash
    }
}

/// One fetched page as the store keeps it.
public struct ScannedPage: Sendable {
    public var outcome: FetchOutcome
    public var contentHash: String?
    public var title: String?
    public var column: String?
    /// The page without its body text, for the next run's 304 (nil for non-HTML answers).
    public var digest: Page?
    /// The page's own findings (text and page rules, before template links are merged):
    /// what the next run's 304 carries over.
    public var findings: [Finding] = []
    /// Why a page that answered was not checked (body over the size cap, binary content
    /// labelled HTML, transfer cut off): the operator is told, so no page is skipped silently.
    public var notChecked: String? = nil
}

/// Sees each page with findings while its text is still there (pages are not kept): `page`
/// is the parsed page, or nil when the server answered 304 and the findings were carried
/// over from the last run. The nightly run writes the evidence copies (网页定位) here.
public typealias EvidenceHook = @Sendable (_ url: String, _ page: Page?, _ findings: [Finding]) -> Void

public struct SiteScanResult: Sendable {
    /// `url: reason` for every page that answered but could not be checked.
    public var notCheckedLines: [String] {
        pages.compactMap { page in page.notChecked.map { "\(page.outcome.finalURL): \($0)" } }.sorted()
    }

    public var target: ScanTarget
    public var findings: [Finding]
    public var verdict: Verdict
    public var snapshot: SiteSnapshot
    public var crawl: CrawlSummary
    public var pages: [ScannedPage]
}

/// fetch → parse → check for one website: the crawler hands each page to `handle` on a
/// worker thread; text and page rules run there; only a summary of the page is kept.
/// When the crawl ends, broken links and the site rules are judged and the verdict given.
public final class SiteScanner: @unchecked Sendable {
    let target: ScanTarget
    let crawler: Crawler
    let linter: PageLinter
    let lexicon: Lexicon
    let ruleSettings: SiteRuleSettings
    let allowedDomains: [String]
    let closedSites: [ClosedSite]
    /// config.yaml's severity and disable overrides (the same value as ruleSettings.policy).
    let policy: FindingPolicy
    let clock: Clock
    let calendar: WorkingCalendar
    let builder: SiteSnapshotBuilder
    let homepage: String

    private let lock = NSLock()
    /// The homepage itself did not answer: nothing below it was checked.
    private var homepageFailure: FetchOutcome?
    private var findings: [Finding] = []
    private var pages: [ScannedPage] = []
    private var evidence: EvidenceHook?
    /// The site's attachments, read after the crawl (nil: not read, as in tests of pages alone).
    var attachments: AttachmentScan?

    init(target: ScanTarget, crawler: Crawler, lexicon: Lexicon, linter: PageLinter, ruleSettings: SiteRuleSettings,
         allowedDomains: [String], closedSites: [ClosedSite], policy: FindingPolicy,
         clock: Clock, calendar: WorkingCalendar) {
        self.target = target; self.crawler = crawler; self.lexicon = lexicon; self.linter = linter
        self.ruleSettings = ruleSettings; self.allowedDomains = allowedDomains; self.closedSites = closedSites
        self.policy = policy; self.clock = clock; self.calendar = calendar
        homepage = URLNormalizer.normalize(target.url) ?? target.url
        builder = SiteSnapshotBuilder(siteID: target.id, homepage: homepage, configuredColumns: target.columns,
                                      scopeHosts: Set(target.hosts))
    }

    /// Crawls and judges the site. `memory` gives last run's validators and page digests
    /// (conditional requests); `probes` the availability probes of the last 7 days.
    package func run(memory: [String: (Validators, PageMemory)] = [:], probes: ProbeStats? = nil,
             evidence: EvidenceHook? = nil, progress: (@Sendable (CrawlProgress) -> Void)? = nil) -> SiteScanResult {
        self.evidence = evidence
        let scope = CrawlScope(hosts: target.hosts)
        let conditional = memory.mapValues(\.0)
        let summary = crawler.crawl(
            seeds: [homepage], scope: scope, conditional: conditional,
            handler: { [self] fetched in handle(fetched, memory: memory[fetched.outcome.url]?.1 ?? memory[fetched.outcome.finalURL]?.1) },
            linkChecked: { [self] outcome, referrers in checked(outcome, referrers: referrers) },
            progress: progress)
        for page in attachments?.run(crawler: crawler, memory: memory, site: target.id, policy: policy) ?? [] {
            record(page, findings: page.findings)
        }

        var snapshot = builder.finish()
        snapshot.probes = probes
        var all = Self.mergingTemplateLinks(lock.withLock { findings }, homepage: homepage)
        if let failure = lock.withLock({ homepageFailure }), (probes?.total ?? 0) < ruleSettings.unreachableMinProbes,
           let finding = policy.apply(Self.homepageUnreachable(failure, site: target.id)) {
            all.append(finding)
        }
        all += SiteRules.run(snapshot: snapshot, settings: ruleSettings, now: clock.today, calendar: calendar)
            .compactMap(policy.apply)
        all = all.filter { policy.isEnabled($0.rule) }
        all.sort { ($0.url, $0.offset ?? 0, $0.rule.rawValue) < ($1.url, $1.offset ?? 0, $1.rule.rawValue) }
        var verdict = Judge.verdict(findings: all, counts: SiteRules.counts(snapshot: snapshot, findings: all, now: clock.today),
                                    settings: ruleSettings)
        if all.contains(where: { $0.rule == .siteUnreachable && $0.severity < .veto && $0.url == lock.withLock({ homepageFailure?.url }) }) {
            verdict.passed = false
            verdict.reasons.append("首页无法访问，未能完成检查")
        }
        return SiteScanResult(target: target, findings: all, verdict: verdict, snapshot: snapshot, crawl: summary,
                              pages: lock.withLock { pages })
    }

    /// Parses and checks one page; returns the links the crawler should follow or check.
    private func handle(_ fetched: FetchedPage, memory: PageMemory?) -> [DiscoveredLink] {
        let outcome = fetched.outcome
        if outcome.isNotModified, let memory {
            builder.add(page: memory.digest, outcome: outcome, foundOn: fetched.referrer)
            let findings = memory.findings.map(\.carriedOver)
            record(ScannedPage(outcome: outcome, contentHash: nil, title: memory.digest.title,
                               column: memory.digest.meta("ColumnName"), digest: memory.digest, findings: findings),
                   findings: findings)
            if !findings.isEmpty { evidence?(outcome.finalURL, nil, findings) }
            attachments?.collect(memory.digest.links, from: outcome.finalURL, title: memory.digest.title,
                                 column: memory.digest.meta("ColumnName"))
            return links(of: memory.digest)
        }
        guard (200..<300).contains(outcome.status), !fetched.body.isEmpty, isHTML(outcome, fetched.body) else {
            record(ScannedPage(outcome: outcome, contentHash: fetched.body.isEmpty ? nil : ContentHash.hex(fetched.body),
                               title: nil, column: nil, digest: nil, notChecked: notCheckedReason(fetched)),
                   findings: [])
            return []
        }
        let page = PageExtractor.extract(body: fetched.body, url: outcome.finalURL, contentType: outcome.contentType)
        let column = page.meta("ColumnName") ?? page.breadcrumb.last
        let title = page.meta("ArticleTitle") ?? page.title
        var found = linter.lint(page: page, site: target.id, url: outcome.finalURL,
                                title: title.isEmpty ? nil : title, column: column)
        let isHomepage = URLNormalizer.normalize(outcome.finalURL) == homepage || URLNormalizer.normalize(outcome.url) == homepage
        let lexicon = self.lexicon
        let context = PageContext(siteID: target.id, scopeHosts: Set(target.hosts), allowedDomains: allowedDomains,
                                  closedSites: closedSites, isHomepage: isHomepage,
                                  column: target.columns.first { $0.name == column },
                                  sensitiveTerms: { text in lexicon.match(text).filter { $0.entry.list == .sensitive }.map(\.entry.wrong) },
                                  now: clock.today)
        found += PageRules.check(page, context: context).map {
            var finding = $0
            finding.title = finding.title ?? (title.isEmpty ? nil : title)
            finding.column = finding.column ?? column
            return finding
        }
        builder.add(page: page, outcome: outcome, foundOn: fetched.referrer)
        attachments?.collect(page.links, from: outcome.finalURL, title: title.isEmpty ? nil : title, column: column)
        if let board = target.interaction, URLNormalizer.normalize(board.list) == URLNormalizer.normalize(outcome.url) {
            found += readMessageBoard(board, fetched: fetched)
        }
        let findings = found.compactMap(policy.apply)
        record(ScannedPage(outcome: outcome, contentHash: ContentHash.hex(fetched.body), title: title, column: column,
                           digest: Self.digest(of: page, isHomepage: isHomepage), findings: findings),
               findings: findings)
        if !findings.isEmpty { evidence?(outcome.finalURL, page, findings) }
        return links(of: page)
    }

    /// The configured message board: its rows go to the snapshot for `reply-overdue`; a
    /// selector that does not compile is reported on the page (the config check cannot
    /// evaluate XPath), never a crash.
    private func readMessageBoard(_ board: Config.Interaction, fetched: FetchedPage) -> [Finding] {
        var fields = ["asked": board.asked]
        if let answered = board.answered { fields["answered"] = answered }
        if let status = board.status { fields["status"] = status }
        do {
            let records = try XPathRecords.extract(body: fetched.body, contentType: fetched.outcome.contentType,
                                                   row: board.row, fields: fields)
            builder.add(messageFields: records, url: fetched.outcome.finalURL)
            return []
        } catch {
            return [Finding(rule: .replyOverdue, severity: .info, site: target.id, url: fetched.outcome.finalURL,
                            match: error.expression, context: "",
                            message: "config.yaml 中 interaction 选择器无效：\(error.description)，留言答复情况未能读取")]
        }
    }

    private func links(of page: Page) -> [DiscoveredLink] {
        page.links.map { link in
            DiscoveredLink(url: link.url, follow: link.kind == .anchor || link.kind == .frame, kind: link.kind)
        }
    }

    private func checked(_ outcome: FetchOutcome, referrers: [String]) {
        if URLNormalizer.normalize(outcome.url) == homepage, outcome.isBroken {
            lock.withLock { homepageFailure = outcome }
            return
        }
        let fromHomepage = referrers.contains { URLNormalizer.normalize($0) == homepage }
        guard let finding = BrokenLinkRule().check(outcome: outcome, referrers: referrers, isHomepageLink: fromHomepage,
                                                   site: target.id).flatMap(policy.apply) else { return }
        lock.withLock { findings.append(finding) }
    }

    private func record(_ page: ScannedPage, findings found: [Finding]) {
        lock.withLock {
            pages.append(page)
            findings += found
        }
    }

    /// The homepage failed during this check and there are too few probes to judge
    /// availability by the indicators' rule: said plainly, so an unreachable site is never
    /// reported as checked and clean. Not a veto: one failure is not the 5 % of 140 probes.
    static func homepageUnreachable(_ outcome: FetchOutcome, site: String) -> Finding {
        Finding(rule: .siteUnreachable, severity: .major, site: site, url: outcome.url, match: outcome.reason,
                context: "首页 \(outcome.url)：\(outcome.reason)",
                message: "本次检查时首页无法访问（\(outcome.reason)），全站未能检查；是否构成单项否决，以可用性监测（govlint probe）一周的统计为准")
    }

    /// A link in the page template (an external, hidden or closed-site link in the footer)
    /// repeats on every page: one finding per link URL, on the homepage when it is there,
    /// saying on how many pages it appears.
    static func mergingTemplateLinks(_ findings: [Finding], homepage: String) -> [Finding] {
        let templateRules: Set<RuleID> = [.externalLink, .hiddenLink, .closedSiteLink]
        var groups: [String: [Finding]] = [:]
        var order: [String] = []
        var others: [Finding] = []
        for finding in findings {
            guard templateRules.contains(finding.rule) else { others.append(finding); continue }
            let key = finding.rule.rawValue + "\u{1F}" + finding.match
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(finding)
        }
        for key in order {
            let group = groups[key]!
            var first = group.first { URLNormalizer.normalize($0.url) == homepage } ?? group[0]
            if group.count > 1 {
                first.message = (first.message.map { $0 + "；" } ?? "") + "该链接出现在 \(group.count) 个页面（页面模板）"
            }
            others.append(first)
        }
        return others
    }

    /// nil for answers that are rightly not parsed: error statuses (judged as broken links),
    /// attachments and other non-HTML types, redirects to a page already read.
    private func notCheckedReason(_ fetched: FetchedPage) -> String? {
        let outcome = fetched.outcome
        if let error = outcome.error, error != .robots, !outcome.isBroken {
            return "not checked: \(outcome.errorMessage ?? error.rawValue)"
        }
        guard (200..<300).contains(outcome.status), outcome.error == nil else { return nil }
        if let withheld = fetched.bodyWithheld, withheld.hasPrefix("binary") { return "not checked: \(withheld)" }
        guard !fetched.body.isEmpty, outcome.contentType?.lowercased().contains("html") == true else { return nil }
        return "not checked: binary content labelled \(outcome.contentType ?? "text/html")"
    }

    private func isHTML(_ outcome: FetchOutcome, _ body: [UInt8]) -> Bool {
        if let type = outcome.contentType?.lowercased() {
            if type.contains("html") || type.contains("xml") { return !TextDocument.looksBinary(Array(body.prefix(4096))) }
            if !type.hasPrefix("text/") { return false }
        }
        return TextDocument.looksLikeHTML(Array(body.prefix(4096)))
    }

    /// The page without body text: enough for the snapshot, the frontier and the notice.
    /// Kept for every page until the site is committed, so it holds only what a replay
    /// needs: a head of the text, the links without their anchor text (the homepage keeps
    /// it, for the navigation columns, and its footer and scripts, for the site identity).
    static func digest(of page: Page, isHomepage: Bool) -> Page {
        var digest = page
        let head = page.blocks.filter { $0.scope == .body || $0.scope == .heading }.map(\.text).joined(separator: " ")
        digest.blocks = head.isEmpty ? [] : [TextBlock(scope: .body, text: String(head.prefix(SiteSnapshotBuilder.textHeadLength)))]
        if !isHomepage {
            digest.links = page.links.map { Link(url: $0.url, kind: $0.kind, hiddenBy: $0.hiddenBy) }
            digest.footerText = ""
            digest.scriptSources = []
        }
        return digest
    }
}

/// A short content hash (FNV-1a 64, hex) to tell changed pages apart.
enum ContentHash {
    static func hex(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}
