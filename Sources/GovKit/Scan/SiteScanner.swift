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
    /// The validators and content hash that earned the 304 (a 304 usually omits them).
    public var etag: String?
    public var lastModified: String?
    public var contentHash: String?
    /// Where the last fetch wrote the page's evidence copy, for a 304 to reuse.
    public var evidenceCopy: String?

    public init(
        digest: Page, findings: [Finding], etag: String? = nil, lastModified: String? = nil,
        contentHash: String? = nil, evidenceCopy: String? = nil
    ) {
        self.digest = digest; self.findings = findings; self.etag = etag; self.lastModified = lastModified
        self.contentHash = contentHash; self.evidenceCopy = evidenceCopy
    }
}

/// What the last run left of a site: validators for every page (sent as conditional
/// requests) and a lookup of one page's digest, read only when the server answers 304.
public struct SiteMemory: Sendable {
    public var validators: [String: Validators]
    public var lookup: @Sendable (String) -> PageMemory?

    public init(
        validators: [String: Validators] = [:], lookup: @escaping @Sendable (String) -> PageMemory? = { _ in nil }
    ) {
        self.validators = validators; self.lookup = lookup
    }

    public static let none = SiteMemory()
}

/// Receives each page as it is checked (the nightly run streams them to the store), so the
/// scan keeps no digest per page until the site is committed.
public typealias PageSink = @Sendable (ScannedPage) -> Void

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
    /// An attachment's text as a page (its blocks carry their 第N页 / Sheet!cell), handed to
    /// the evidence hook and then dropped.
    public var text: Page? = nil
}

/// Sees each page with findings while its text is still there (pages are not kept): `page`
/// is the parsed page, or nil when the server answered 304 and the findings were carried
/// over from the last run. The nightly run writes the evidence copies (网页定位) here.
public typealias EvidenceHook =
    @Sendable (_ url: String, _ page: Page?, _ findings: [Finding], _ earlierCopy: String?) -> Void

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
    /// Every fetched page without its digest and findings (those went to the `PageSink`).
    public var pages: [ScannedPage]
}

/// fetch → parse → check for one website: the crawler hands each page to `handle` on a
/// worker thread; text and page rules run there; only a summary of the page is kept.
/// When the crawl ends, broken links and the site rules are judged and the verdict given.
public final class SiteScanner: @unchecked Sendable {
    let target: ScanTarget
    let crawler: any Fetcher
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
    /// The homepage could not be read: nothing below it was checked (a snapshot fact).
    private var homepageFault: HomepageFault?
    /// Closed sites already reported alive in this crawl (url prefixes).
    private var closedAlive: Set<String> = []
    private var findings: [Finding] = []
    private var pages: [ScannedPage] = []
    private var evidence: EvidenceHook?
    private var sink: PageSink?
    /// The site's attachments, read after the crawl (nil: not read, as in tests of pages alone).
    var attachments: AttachmentScan?
    /// `--verbose`: one line per page fetched and per link checked (status, URL, findings).
    var trace: (@Sendable (String) -> Void)?

    init(
        target: ScanTarget, crawler: any Fetcher, lexicon: Lexicon, linter: PageLinter, ruleSettings: SiteRuleSettings,
        allowedDomains: [String], closedSites: [ClosedSite], policy: FindingPolicy,
        clock: Clock, calendar: WorkingCalendar
    ) {
        self.target = target; self.crawler = crawler; self.lexicon = lexicon; self.linter = linter
        self.ruleSettings = ruleSettings; self.allowedDomains = allowedDomains; self.closedSites = closedSites
        self.policy = policy; self.clock = clock; self.calendar = calendar
        homepage = URLNormalizer.normalize(target.url) ?? target.url
        builder = SiteSnapshotBuilder(
            siteID: target.id, homepage: homepage, configuredColumns: target.columns,
            scopeHosts: Set(target.hosts),
            tracking: TrackingParameters(crawler.options.trackingParameters))
    }

    /// Crawls and judges the site on its own (`scan`): a night of one job.
    package func run(
        memory: SiteMemory = .none, probes: ProbeStats? = nil, evidence: EvidenceHook? = nil,
        pages: PageSink? = nil, progress: (@Sendable (CrawlProgress) -> Void)? = nil
    ) -> SiteScanResult {
        let box = ResultBox()
        crawler.crawl(
            jobs: [job(memory: memory, probes: probes, evidence: evidence, pages: pages, completed: { box.set($0) })],
            control: nil, progress: progress)
        return box.get()!
    }

    /// The site as one job of the night's crawl: `memory` gives last run's validators and
    /// page digests (conditional requests), `probes` the availability probes of the last
    /// days. `completed` gets the judged result as soon as this site's crawl ends.
    func job(
        memory: SiteMemory, probes: ProbeStats?, evidence: EvidenceHook?, pages: PageSink?,
        completed: @escaping @Sendable (SiteScanResult) -> Void
    ) -> CrawlJob {
        self.evidence = evidence
        sink = pages
        let scope = CrawlScope(hosts: target.hosts)
        return CrawlJob(
            seeds: [homepage] + closedSeeds(in: scope), scope: scope, conditional: memory.validators,
            prepare: { [self] fetched in
                let remembered =
                    fetched.outcome.isNotModified
                    ? memory.lookup(fetched.outcome.url) ?? memory.lookup(fetched.outcome.finalURL) : nil
                // A page to check is parsed and checked here, on any core; the site's
                // bookkeeping (snapshot, findings, evidence) is done in order on its thread.
                let analysis = needsAnalysis(fetched, memory: remembered) ? analyse(fetched) : nil
                return PreparedPage { [self] in
                    let handled = analysis.map { commit($0, fetched) } ?? handle(fetched, memory: remembered)
                    trace?("page \(Self.traceStatus(fetched.outcome)) \(fetched.outcome.url)")
                    return handled
                }
            },
            linkChecked: { [self] outcome, referrers in
                trace?("link \(Self.traceStatus(outcome)) \(outcome.url) (linked from \(referrers.count) pages)")
                checked(outcome, referrers: referrers)
            },
            completed: { [self] summary in completed(judge(summary, memory: memory, probes: probes)) })
    }

    /// Site rules, broken links and the verdict over what the crawl read. A crawl stopped
    /// early (budget, interruption) is said in the verdict; the pages it did not reach carry
    /// their findings over in the store (SiteJob's `partial`), never counted as fixed.
    private func judge(_ crawled: CrawlSummary, memory: SiteMemory, probes: ProbeStats?) -> SiteScanResult {
        var summary = crawled
        if summary.incomplete == nil, summary.pageLimited > 0 {
            // The page cap stops a crawl as a budget does: one mark, one way to judge it.
            // Regression: a crawl cut short by max_pages was judged and scored as complete.
            summary.incomplete = "page cap reached (\(crawler.options.maxPages) pages)"
            summary.notFetched += summary.pageLimited
        }
        // The attachments the pages link to, read once the pages are in (one-shot fetches of
        // their own, under the same politeness settings).
        for var page in attachments?.run(crawler: crawler, memory: memory, site: target.id, policy: policy) ?? [] {
            // Evidence like a page's: the attachment's text with its places, or last run's
            // copy when the file did not change.
            if !page.findings.isEmpty {
                evidence?(
                    page.outcome.finalURL, page.text, page.findings, memory.lookup(page.outcome.finalURL)?.evidenceCopy)
            }
            page.text = nil
            record(page, findings: page.findings)
        }
        var snapshot = builder.finish()
        snapshot.probes = probes
        snapshot.homepageFault = lock.withLock { homepageFault }
        snapshot.incomplete = summary.incomplete
        // The crawl is over: the page findings and pages are handed over, not copied (a
        // 100k-page site's arrays are tens of MB).
        let (pageFindings, recorded) = lock.withLock {
            defer { findings = []; pages = [] }
            return (findings, pages)
        }
        var all = Self.mergingTemplateLinks(pageFindings, homepage: homepage)
        snapshot.refile(&all)
        all += SiteRules.run(snapshot: snapshot, settings: ruleSettings, now: clock.today, calendar: calendar)
            .compactMap(policy.apply)
        all.removeAll { !policy.isEnabled($0.rule) }
        all.sort { ($0.url, $0.offset ?? 0, $0.rule.rawValue) < ($1.url, $1.offset ?? 0, $1.rule.rawValue) }
        var verdict = Judge.verdict(
            findings: all, counts: SiteRules.counts(snapshot: snapshot, findings: all, now: clock.today),
            settings: ruleSettings)
        var named = target
        if target.nameIsHost,
            let siteName = snapshot.pages.first(where: \.isHomepage)?.siteMeta.siteName?
                .trimmingCharacters(in: .whitespacesAndNewlines), !siteName.isEmpty
        {
            // Regression: a config-less scan's report was titled with the host.
            named.name = String(TerminalText.sanitize(siteName).prefix(100))
        }
        if let reason = summary.incomplete {
            // Fail closed: a crawl stopped early is never 合格 on the part it did not read.
            verdict.passed = false
            verdict.notChecked =
                verdict.notChecked
                ?? "未能检查完整：\(Self.incompleteReason(reason))，仅就已读取的 \(summary.pagesFetched) 个页面作出判断"
        }
        let filed = snapshot.filedColumn()
        var scanned = recorded
        for i in scanned.indices { scanned[i].column = filed(scanned[i].outcome.finalURL) ?? scanned[i].column }
        return SiteScanResult(
            target: named, findings: all, verdict: verdict, snapshot: snapshot, crawl: summary,
            pages: scanned)
    }

    /// The crawl's stop reason in the notice's words.
    static func incompleteReason(_ reason: String) -> String {
        if reason.hasPrefix("site budget") { return "本站检查时限已到" }
        if reason.hasPrefix("run budget") { return "本次检查总时限已到" }
        if reason.hasPrefix("interrupted") { return "检查被中止" }
        if reason.hasPrefix("page cap") {
            let cap = reason.split(whereSeparator: { !$0.isNumber }).first.map(String.init)
            return "达到抓取页数上限" + (cap.map { "（\($0)个页面）" } ?? "")
        }
        return "检查提前结束"
    }

    /// The closed sites (config closed_sites) that lie under this site's hosts, a path of a
    /// live site (/old-rd/): crawled from their prefix, so one still serving is seen even
    /// when nothing links to it.
    private func closedSeeds(in scope: CrawlScope) -> [String] {
        closedSites.compactMap { URLNormalizer.normalize($0.urlPrefix) }.filter { scope.contains($0) && $0 != homepage }
    }

    private func closedSite(containing url: String) -> ClosedSite? {
        closedSites.first { $0.contains(url) }
    }

    /// Whether the page is parsed and checked: a page read with a 2xx answer, HTML, not
    /// under a closed site, not a replayed 304 (`handle` takes the others as they are).
    private func needsAnalysis(_ fetched: FetchedPage, memory: PageMemory?) -> Bool {
        let outcome = fetched.outcome
        if closedSite(containing: outcome.url) ?? closedSite(containing: outcome.finalURL) != nil { return false }
        if outcome.isNotModified, memory != nil { return false }
        return (200..<300).contains(outcome.status) && !fetched.body.isEmpty && isHTML(outcome, fetched.body)
    }

    /// One page parsed and checked: what `commit` records. Reads only what does not change
    /// during the crawl, so pages of one site are analysed concurrently.
    private struct PageAnalysis {
        var page: Page
        var found: [Finding]
        var column: String?
        var title: String
        var digest: Page
    }

    private func analyse(_ fetched: FetchedPage) -> PageAnalysis {
        let outcome = fetched.outcome
        let page = PageExtractor.extract(body: fetched.body, url: outcome.finalURL, contentType: outcome.contentType)
        let column = page.meta("ColumnName") ?? page.breadcrumb.last
        let title = page.meta("ArticleTitle") ?? page.title
        let published = page.pubDate?.day ?? page.printedDate?.day
        var found = linter.lint(
            page: page, site: target.id, url: outcome.finalURL,
            title: title.isEmpty ? nil : title, column: column
        )
        .filter { OutdatedRule.stands($0, publishedOn: published) }
        let isHomepage =
            URLNormalizer.normalize(outcome.finalURL) == homepage || URLNormalizer.normalize(outcome.url) == homepage
        let lexicon = self.lexicon
        let context = PageContext(
            siteID: target.id, scopeHosts: Set(target.hosts), allowedDomains: allowedDomains,
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
        // The snapshot reads the digest, fresh or replayed: a 304 gives the same site findings.
        let digest = SiteSnapshotBuilder.digest(of: page, isHomepage: isHomepage)
        return PageAnalysis(page: page, found: found, column: column, title: title, digest: digest)
    }

    /// An analysed page into the site's snapshot, findings and evidence; returns its links.
    private func commit(_ analysis: PageAnalysis, _ fetched: FetchedPage) -> [DiscoveredLink] {
        let outcome = fetched.outcome
        let page = analysis.page, column = analysis.column, title = analysis.title, digest = analysis.digest
        var found = analysis.found
        builder.add(page: digest, outcome: outcome, foundOn: fetched.referrer)
        attachments?.collect(page.links, from: outcome.finalURL, title: title.isEmpty ? nil : title, column: column)
        if let board = target.interaction, URLNormalizer.normalize(board.list) == URLNormalizer.normalize(outcome.url) {
            found += readMessageBoard(board, fetched: fetched)
        }
        let findings = found.compactMap(policy.apply)
        record(
            ScannedPage(
                outcome: outcome, contentHash: ContentHash.hex(fetched.body), title: title, column: column,
                digest: digest, findings: findings),
            findings: findings)
        if !findings.isEmpty { evidence?(outcome.finalURL, page, findings, nil) }
        return links(of: page)
    }

    /// Handles one page; returns the links the crawler should follow or check.
    private func handle(_ fetched: FetchedPage, memory: PageMemory?) -> [DiscoveredLink] {
        let outcome = fetched.outcome
        if let closed = closedSite(containing: outcome.url) ?? closedSite(containing: outcome.finalURL),
            let alive = ClosedSiteAliveRule().check(closed: closed, outcome: outcome, site: target.id)
        {
            // A closed site still serving under this site's path: one finding per closed site;
            // its pages are not checked or filed as the live site's, nor crawled further.
            // Regression: it was never reported (the rule had no caller).
            let first = lock.withLock { closedAlive.insert(closed.urlPrefix).inserted }
            record(
                ScannedPage(
                    outcome: outcome, contentHash: fetched.body.isEmpty ? nil : ContentHash.hex(fetched.body),
                    title: nil, column: nil, digest: nil),
                findings: first ? [alive].compactMap(policy.apply) : [])
            return []
        }
        if outcome.isNotModified, let memory {
            builder.add(page: memory.digest, outcome: outcome, foundOn: fetched.referrer)
            let findings = memory.findings.map(\.carriedOver)
            var kept = outcome
            kept.etag = outcome.etag ?? memory.etag
            kept.lastModified = outcome.lastModified ?? memory.lastModified
            record(
                ScannedPage(
                    outcome: kept, contentHash: memory.contentHash, title: memory.digest.title,
                    column: memory.digest.meta("ColumnName"), digest: memory.digest, findings: findings),
                findings: findings)
            if !findings.isEmpty { evidence?(outcome.finalURL, nil, findings, memory.evidenceCopy) }
            attachments?.collect(
                memory.digest.links, from: outcome.finalURL, title: memory.digest.title,
                column: memory.digest.meta("ColumnName"))
            return links(of: memory.digest)
        }
        guard (200..<300).contains(outcome.status), !fetched.body.isEmpty, isHTML(outcome, fetched.body) else {
            if isHomepage(outcome) { noteHomepageFault(Self.fault(fetched)) }
            record(
                ScannedPage(
                    outcome: outcome, contentHash: fetched.body.isEmpty ? nil : ContentHash.hex(fetched.body),
                    title: nil, column: nil, digest: nil, notChecked: notCheckedReason(fetched)),
                findings: [])
            return []
        }
        return commit(analyse(fetched), fetched)
    }

    /// The configured message board: its rows go to the snapshot for `reply-overdue`; a
    /// selector that does not compile is reported on the page (the config check cannot
    /// evaluate XPath), never a crash.
    private func readMessageBoard(_ board: Config.Interaction, fetched: FetchedPage) -> [Finding] {
        var fields = ["asked": board.asked]
        if let answered = board.answered { fields["answered"] = answered }
        if let status = board.status { fields["status"] = status }
        do {
            let records = try XPathRecords.extract(
                body: fetched.body, contentType: fetched.outcome.contentType,
                row: board.row, fields: fields)
            builder.add(messageFields: records, url: fetched.outcome.finalURL)
            return []
        } catch {
            return [
                Finding(
                    rule: .replyOverdue, severity: .info, site: target.id, url: fetched.outcome.finalURL,
                    match: error.expression, context: "",
                    message: "config.yaml 中 interaction 选择器无效：\(error.description)，留言答复情况未能读取")
            ]
        }
    }

    private func links(of page: Page) -> [DiscoveredLink] {
        page.links.map { link in
            DiscoveredLink(url: link.url, follow: link.kind == .anchor || link.kind == .frame, kind: link.kind)
        }
    }

    private func checked(_ outcome: FetchOutcome, referrers: [String]) {
        if URLNormalizer.normalize(outcome.url) == homepage, outcome.isBroken || outcome.blocked {
            noteHomepageFault(
                HomepageFault(
                    url: outcome.url, kind: outcome.blocked ? .blocked : .unreachable,
                    reason: outcome.reason))
            return
        }
        // A closed site seeded from its prefix that answers 404 or fails does what it should.
        if referrers.isEmpty, closedSite(containing: outcome.url) != nil { return }
        let fromHomepage = referrers.contains { URLNormalizer.normalize($0) == homepage }
        guard
            let finding = BrokenLinkRule().check(
                outcome: outcome, referrers: referrers, isHomepageLink: fromHomepage,
                site: target.id
            ).flatMap(policy.apply)
        else { return }
        lock.withLock { findings.append(finding) }
    }

    /// The full page goes to the sink; the scan keeps it without digest and findings.
    private func record(_ page: ScannedPage, findings found: [Finding]) {
        sink?(page)
        var slim = page
        slim.digest = nil
        slim.findings = []
        slim.text = nil
        lock.withLock {
            pages.append(slim)
            findings += found
        }
    }

    private func isHomepage(_ outcome: FetchOutcome) -> Bool {
        URLNormalizer.normalize(outcome.url) == homepage || URLNormalizer.normalize(outcome.finalURL) == homepage
    }

    /// The first fault wins: a refused homepage is reported once, whichever callback sees it.
    private func noteHomepageFault(_ fault: HomepageFault) {
        lock.withLock { if homepageFault == nil { homepageFault = fault } }
    }

    /// Why an answer for the homepage is not a page that could be checked, in plain Chinese.
    static func fault(_ fetched: FetchedPage) -> HomepageFault {
        let outcome = fetched.outcome
        if outcome.blocked { return HomepageFault(url: outcome.url, kind: .blocked, reason: outcome.reason) }
        if outcome.isBroken { return HomepageFault(url: outcome.url, kind: .unreachable, reason: outcome.reason) }
        let reason: String
        if let error = outcome.error {
            reason = error.chinese
        } else if !(200..<300).contains(outcome.status) {
            reason = "HTTP \(outcome.status)"
        } else if fetched.body.isEmpty {
            reason = fetched.bodyWithheld.map { _ in "非网页内容" } ?? "内容为空"
        } else {
            reason = "非网页内容（\(outcome.contentType ?? "未声明类型")）"
        }
        return HomepageFault(url: outcome.url, kind: .unreadable, reason: reason)
    }

    /// A link of the page template (an external, hidden or closed-site link in the footer)
    /// repeats on every page. Findings with the same identity — the same link, with the same
    /// text, hidden the same way (`Finding.templatePlace`) — are one finding, shown on the
    /// homepage when it is there (else on the first page in URL order) and listing every page
    /// it was seen on; the same link hidden in another way is a finding of its own.
    static func mergingTemplateLinks(_ findings: [Finding], homepage: String) -> [Finding] {
        // Most sites have no template finding: the array is returned, not rebuilt.
        guard findings.contains(where: { $0.templatePlace != nil }) else { return findings }
        var groups: [String: [Finding]] = [:]
        var order: [String] = []
        var others: [Finding] = []
        for finding in findings {
            guard finding.templatePlace != nil else { others.append(finding); continue }
            let key = finding.key
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(finding)
        }
        for key in order {
            let group = groups[key]!
            let pages = Array(Set(group.map(\.url))).sorted()
            var shown =
                group.first { URLNormalizer.normalize($0.url) == homepage }
                ?? group.min { $0.url < $1.url }!
            if pages.count > 1 {
                shown.message = (shown.message.map { $0 + "；" } ?? "") + "该链接出现在 \(pages.count) 个页面（页面模板）"
                shown.pages = Array(pages.prefix(Finding.maxTemplatePages))
            }
            others.append(shown)
        }
        return others
    }

    /// The status as the trace prints it: the HTTP status, or the transfer error.
    static func traceStatus(_ outcome: FetchOutcome) -> String {
        if let error = outcome.error { return error.rawValue }
        return outcome.isNotModified ? "304" : String(outcome.status)
    }

    /// nil for answers that are rightly not parsed: error statuses (judged as broken links),
    /// attachments and other non-HTML types, redirects to a page already read.
    private func notCheckedReason(_ fetched: FetchedPage) -> String? {
        let outcome = fetched.outcome
        if outcome.isNotModified {
            // Unchanged, but no stored copy to replay (it no longer decodes): said, never
            // passed over, and its findings carry over open.
            return "not checked: unchanged since the last run (304) but its stored copy could not be read"
        }
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
            if type.contains("html") || type.contains("xml") {
                return !TextDocument.looksBinary(Array(body.prefix(4096)))
            }
            if !type.hasPrefix("text/") { return false }
        }
        return TextDocument.looksLikeHTML(Array(body.prefix(4096)))
    }
}

/// The judged result, handed from the completion thread to a caller that waits.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value: SiteScanResult?
    func set(_ result: SiteScanResult) { lock.withLock { value = result } }
    func get() -> SiteScanResult? { lock.withLock { value } }
}

/// A short content hash (FNV-1a 64, hex) to tell changed pages apart.
enum ContentHash {
    static func hex(_ bytes: [UInt8]) -> String { String(FNV1a.hash(bytes), radix: 16) }
}
