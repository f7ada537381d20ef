import Foundation
import GovConfig
import GovCore
import GovCrawl
import GovExtract
import GovLexicon
import GovRules

/// What the store remembers of an account from earlier runs. Every field may be empty: a
/// first run (or `govlint scan FEED_ID`) passes `FeedMemory()`.
public struct FeedMemory: Sendable {
    /// ETag / Last-Modified of the last successful fetch, sent as If-None-Match /
    /// If-Modified-Since (URL sources only).
    public var validators: Validators?
    /// Newest item date seen by any earlier run (store `feed_state.last_item`): judges
    /// freshness when the feed is unreadable or unchanged, and undated items never move it.
    public var newestItem: LocalDateTime?
    /// Runs in a row the feed could not be read, before this one (store `feed_state.consecutive_failures`).
    public var consecutiveFailures: Int
    /// Last run's findings for this account, carried over when the feed answers 304 (the
    /// account-level feed rules among them are ignored: they are judged afresh).
    public var findings: [Finding]
    /// Items read by the last full read, reported again on a 304.
    public var itemCount: Int

    public init(
        validators: Validators? = nil, newestItem: LocalDateTime? = nil, consecutiveFailures: Int = 0,
        findings: [Finding] = [], itemCount: Int = 0
    ) {
        self.validators = validators; self.newestItem = newestItem
        self.consecutiveFailures = consecutiveFailures; self.findings = findings; self.itemCount = itemCount
    }
}

/// One account's check: item findings, account findings and the verdict.
public struct FeedScanResult: Sendable {
    public var feedID: String
    public var name: String
    /// Item findings (text rules, links) and account findings (feed-stale, feed-unreadable,
    /// closed-account-active), severity overrides applied, disabled rules removed.
    public var findings: [Finding]
    public var verdict: Verdict
    /// Items read this run (on a 304, the count remembered from the last full read).
    public var itemCount: Int
    /// Newest item date as judged: this read's newest dated item, or the remembered one when
    /// it is newer or the feed was unreadable. Store it with `recordFeedSuccess(lastItem:)`.
    public var newest: LocalDateTime?
    /// The feed request's answer; nil for a local file or folder.
    public var fetched: FetchOutcome?
    /// Why the feed could not be read this run (one line, English); nil when it was read.
    /// Non-nil ⇒ the caller records a failure (`recordFeedFailure`).
    public var error: String?
    /// Validators for the next run's conditional request (the old ones kept on 304 or failure).
    public var validators: Validators
    /// What the feed rules judged (failures include this run).
    public var state: FeedState
    /// The feed answered 304: item findings were carried over from `FeedMemory.findings`.
    public var notModified: Bool
    /// Distinct links in the items requested for `broken-link`.
    public var linksChecked: Int
    /// Distinct out-of-scope links not requested because `crawl.check_external_links` is off,
    /// or links beyond the `crawl.max_pages` cap.
    public var linksSkipped: Int
    /// Files of an export folder that could not be read (the others were).
    public var notes: [String]

    public var readable: Bool { error == nil }
}

/// Checks one new-media account (政务新媒体): reads its feed (URL through the crawler, or a
/// local export), runs every text rule on each item's title and content, checks the items'
/// links (broken, external, hidden, into closed sites), then the account rules (two-week
/// freshness, unreadable feed, closed account still publishing) and gives the verdict.
public final class FeedScanner: Sendable {
    public let feed: Config.Feed
    let crawler: any Fetcher
    let linter: PageLinter
    let lexicon: Lexicon
    let ruleSettings: SiteRuleSettings
    let allowedDomains: [String]
    let closedSites: [ClosedSite]
    /// Hosts of the office's own sites: links there are internal (checked even when external
    /// links are not) and never `external-link`.
    let officeHosts: [String]
    /// config.yaml's severity and disable overrides (the same value as ruleSettings.policy).
    let policy: FindingPolicy
    let clock: Clock

    /// Page rules that apply to a post's content (metadata and PubDate belong to web pages).
    static let itemPageRules: [any PageRule] = [ExternalLinkRule(), HiddenLinkRule(), ClosedSiteLinkRule()]
    /// Link kinds a reader of the post would open or see broken.
    static let checkedLinkKinds: Set<LinkKind> = [.anchor, .attachment, .frame, .image]
    static let feedRuleIDs: Set<RuleID> = Set(FeedRules.descriptions.map(\.id))

    init(
        feed: Config.Feed, crawler: any Fetcher, linter: PageLinter, lexicon: Lexicon, ruleSettings: SiteRuleSettings,
        allowedDomains: [String], closedSites: [ClosedSite], officeHosts: [String],
        policy: FindingPolicy, clock: Clock
    ) {
        self.feed = feed; self.crawler = crawler; self.linter = linter; self.lexicon = lexicon
        self.ruleSettings = ruleSettings; self.allowedDomains = allowedDomains; self.closedSites = closedSites
        self.officeHosts = officeHosts; self.policy = policy; self.clock = clock
    }

    /// The feed's address as findings and reports cite it: its URL or its local path.
    public var address: String {
        switch feed.source {
        case .url(let url): url
        case .path(let path): path
        }
    }

    /// Reads and judges the account. Blocks until done (one feed request, then one batch of
    /// link checks); safe to call for several feeds from different threads.
    public func scan(memory: FeedMemory = FeedMemory()) -> FeedScanResult {
        let read = FeedReader.read(feed.source, validators: memory.validators, crawler: crawler)
        var findings: [Finding] = []
        var itemCount = 0
        var newest = memory.newestItem
        var failures = 0
        var error: String?
        var checked = (requested: 0, skipped: 0)
        var validators = memory.validators ?? Validators()

        switch read.content {
        case .failed(let message):
            error = message
            failures = memory.consecutiveFailures + 1
        case .notModified:
            findings = memory.findings.filter { !Self.feedRuleIDs.contains($0.rule) }.map(\.carriedOver)
            itemCount = memory.itemCount
            validators = Self.validators(from: read.outcome, keeping: validators)
        case .document(let document):
            itemCount = document.items.count
            let items = checkItems(document)
            findings = items.findings
            checked = items.links
            newest = [newest, Self.newestDate(document.items, today: clock.today)].compactMap { $0 }.max()
            validators = Self.validators(from: read.outcome, keeping: Validators())
        }

        let state = FeedState(
            id: feed.id, name: feed.name, url: address, newestItem: newest?.day,
            consecutiveFailures: failures, closed: feed.closed)
        findings += FeedRules.run(feed: state, settings: ruleSettings, now: clock.today).compactMap(policy.apply)
        findings.sort { ($0.url, $0.offset ?? 0, $0.rule.rawValue) < ($1.url, $1.offset ?? 0, $1.rule.rawValue) }
        var counts = FeedRules.counts(feed: state, now: clock.today)
        counts.notChecked = error.map { "本次未能读取该账号的信息源（\($0)），未能检查" }
        let verdict = Judge.verdict(findings: findings, counts: counts, settings: ruleSettings)
        return FeedScanResult(
            feedID: feed.id, name: feed.name, findings: findings, verdict: verdict,
            itemCount: itemCount, newest: newest, fetched: read.outcome, error: error,
            validators: validators, state: state, notModified: read.outcome?.isNotModified ?? false,
            linksChecked: checked.requested, linksSkipped: checked.skipped, notes: read.notes)
    }

    // MARK: items

    /// What the rules found in one item, and the links it holds (normalised, kinds a reader opens).
    private struct ItemCheck {
        var findings: [Finding] = []
        var url = ""
        var links: [String] = []
    }

    /// Text and page rules on every item (in parallel: items are independent, and a
    /// 10,000-item export must not take minutes), then one availability check per distinct link.
    private func checkItems(_ document: FeedDocument) -> (findings: [Finding], links: (requested: Int, skipped: Int)) {
        let feedScope = ownHosts(channelLink: document.link)
        let internalScope = CrawlScope(hosts: internalHosts)
        let items = document.items
        let chunk = max(32, items.count / (ProcessInfo.processInfo.activeProcessorCount * 4) + 1)
        let chunks = stride(from: 0, to: items.count, by: chunk).map { $0..<min($0 + chunk, items.count) }
        let results = ChunkResults<[ItemCheck]>(count: chunks.count)
        DispatchQueue.concurrentPerform(iterations: chunks.count) { index in
            results.set(index, chunks[index].map { check(items[$0], feedScope: feedScope) })
        }

        var findings: [Finding] = []
        var linkOrder: [String] = []
        var referrers: [String: [String]] = [:]
        for checked in results.values.lazy.flatMap({ $0 }) {
            findings += checked.findings
            for target in checked.links {
                if referrers[target] == nil { linkOrder.append(target) }
                if referrers[target, default: []].last != checked.url {
                    referrers[target, default: []].append(checked.url)
                }
            }
        }
        // A link in every post's footer is one finding, not one per post.
        findings = SiteScanner.mergingTemplateLinks(findings, homepage: URLNormalizer.normalize(address) ?? address)

        var requests: [String] = []
        var skipped = 0
        for target in linkOrder {
            let isInternal = internalScope.contains(target)
            if (!isInternal && !crawler.options.checkExternal) || requests.count >= crawler.options.maxPages {
                skipped += 1
            } else {
                requests.append(target)
            }
        }
        let outcomes = requests.isEmpty ? [] : crawler.fetch(requests.map { FetchRequest(url: $0, method: .head) })
        for (target, (outcome, _)) in zip(requests, outcomes) {
            if let finding = BrokenLinkRule().check(
                outcome: outcome, referrers: referrers[target] ?? [],
                isHomepageLink: false, site: feed.id
            ).flatMap(policy.apply) {
                findings.append(finding)
            }
        }
        return (findings, (requests.count, skipped))
    }

    private func check(_ item: FeedItem, feedScope: Set<String>) -> ItemCheck {
        let url = itemURL(item)
        let page = contentPage(item, url: url)
        var result = ItemCheck(url: url)
        result.findings = linter.lint(
            page: page, site: feed.id, url: url, title: item.title.isEmpty ? nil : item.title,
            column: nil
        ).map(Self.withoutSourcePosition)
        let context = pageContext(scope: feedScope.union(CrawlScope(startURL: item.link).entries))
        for rule in Self.itemPageRules {
            result.findings += rule.check(page, context: context).compactMap(policy.apply).map(
                Self.withoutSourcePosition)
        }
        result.links = page.links.filter { Self.checkedLinkKinds.contains($0.kind) }.compactMap {
            URLNormalizer.normalize($0.url)
        }
        return result
    }

    /// The post's own URL, or the feed's address with the item id when the feed gives none.
    func itemURL(_ item: FeedItem) -> String {
        if !item.link.isEmpty { return item.link }
        let id = item.id.isEmpty ? item.title : item.id
        return "\(address)#\(id.addingPercentEncoding(withAllowedCharacters: .urlFragmentAllowed) ?? id)"
    }

    /// The item as a page: its title as the title block, its content (HTML through the page
    /// extractor, or plain text) as feed text; links, hidden elements and table rows kept.
    func contentPage(_ item: FeedItem, url: String) -> Page {
        var page: Page
        if !item.html.isEmpty {
            // The content is already UTF-8: say so, or a stray <meta charset=gbk> would win.
            page = PageExtractor.extract(body: Array(item.html.utf8), url: url, contentType: "text/html; charset=utf-8")
        } else {
            page = Page(url: url, blocks: TextDocument.blocks(fromPlainText: Array(item.text.utf8)))
        }
        let content = page.blocks.filter { $0.scope != .title }.map { block -> TextBlock in
            var block = block
            if block.scope == .body || block.scope == .heading || block.scope == .plain { block.scope = .feed }
            return block
        }
        page.title = item.title
        page.blocks = (item.title.isEmpty ? [] : [TextBlock(scope: .title, text: item.title, line: 0)]) + content
        return page
    }

    private func pageContext(scope: Set<String>) -> PageContext {
        let lexicon = self.lexicon
        return PageContext(
            siteID: feed.id, scopeHosts: scope, allowedDomains: allowedDomains, closedSites: closedSites,
            sensitiveTerms: { text in lexicon.match(text).filter { $0.entry.list == .sensitive }.map(\.entry.wrong) },
            now: clock.today)
    }

    /// Where links are "internal" for `broken-link`: the feed's own host and the office's sites.
    var internalHosts: [String] {
        guard case .url(let url) = feed.source else { return officeHosts }
        return CrawlScope(startURL: url).entries + officeHosts
    }

    /// Where links do not leave the account for `external-link`: besides the internal hosts,
    /// the platform the feed names as the account's home (a WeChat post linking another
    /// WeChat post has not left the platform).
    private func ownHosts(channelLink: String) -> Set<String> {
        Set(internalHosts + CrawlScope(startURL: channelLink).entries)
    }

    /// The newest item date that can be believed: a date more than a day ahead of today is a
    /// feed's mistake (wrong zone or year) and must not keep a silent account looking fresh.
    static func newestDate(_ items: [FeedItem], today: Day) -> LocalDateTime? {
        let limit = today.adding(days: 1)
        return items.compactMap(\.date).filter { $0.day <= limit }.max()
    }

    static func validators(from outcome: FetchOutcome?, keeping old: Validators) -> Validators {
        guard let outcome, outcome.etag != nil || outcome.lastModified != nil else { return old }
        return Validators(etag: outcome.etag, lastModified: outcome.lastModified)
    }

    /// Line and column inside a feed item's content point at no file a reader could open.
    static func withoutSourcePosition(_ finding: Finding) -> Finding {
        var finding = finding
        finding.line = nil
        finding.col = nil
        return finding
    }
}

/// Results of a parallel loop, one slot per iteration, written once each under a lock.
private final class ChunkResults<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Value?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) { lock.withLock { slots[index] = value } }

    var values: [Value] { lock.withLock { slots.compactMap { $0 } } }
}
