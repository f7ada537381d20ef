import CCurl
import Dispatch
import Foundation
import GovCore

/// govlint's crawler and link checker. Each call runs its own curl multi loop on the calling
/// thread (the one owner of the handle) and blocks until done; connections are reused within
/// a call. Safe to share: it holds only options.
public final class Crawler: Sendable {
    public let options: CrawlOptions
    private let log: (@Sendable (String) -> Void)?
    private let tracking: TrackingParameters

    /// `log` receives one-line notes a user should see (trap limits hit).
    public init(options: CrawlOptions = CrawlOptions(), log: (@Sendable (String) -> Void)? = nil) {
        self.options = options
        self.log = log
        tracking = TrackingParameters(options.trackingParameters)
    }

    /// Fetches a batch (probe, feeds, closed-site checks, a site's attachments) with the
    /// crawler's manners — robots.txt only when `respectRobots` (attachments) and the options
    /// allow it; results in request order. A GET keeps any body up to `maxBodyBytes`.
    public func fetch(_ requests: [FetchRequest], respectRobots: Bool = false) -> [(FetchOutcome, [UInt8])] {
        let batch = FetchBatch(count: requests.count)
        let engine = CurlEngine(options: options, robotsEnabled: respectRobots && options.respectRobots)
        for (index, request) in requests.enumerated() {
            guard let url = URLNormalizer.normalize(request.url, removing: TrackingParameters([])) else {
                batch.results[index] = (FetchOutcome(url: request.url, error: .other,
                                                     errorMessage: "not an http(s) URL", attempts: 0), [])
                continue
            }
            engine.enqueue(Transfer(tag: index, role: .request, url: url, method: request.method == .head ? .head : .get,
                                    followRedirects: request.followRedirects,
                                    timeoutSeconds: request.timeoutSeconds ?? options.timeoutSeconds,
                                    validators: request.validators, retryAllowed: request.retry,
                                    maxBodyBytes: request.maxBodyBytes ?? options.maxBodyBytes))
        }
        engine.run(batch)
        return batch.results.map { $0 ?? (FetchOutcome(url: "", error: .other), []) }
    }

    /// Crawls from `seeds` within `scope`. `handler` gets every followed page (on a worker
    /// thread, one page at a time, overlapping the fetching) and returns its links — for a 304
    /// the links remembered from the last run, or the crawl stops at that page; after the
    /// last page, `linkChecked` gets every check-only link and every followed link that did
    /// not answer with a page, once per URL, with every page that links to it. `conditional`
    /// maps URLs to validators from the last run (304 → `notModified`).
    public func crawl(seeds: [String], scope: CrawlScope, conditional: [String: Validators] = [:],
                      handler: @escaping @Sendable (FetchedPage) -> [DiscoveredLink],
                      linkChecked: @escaping @Sendable (FetchOutcome, _ referrers: [String]) -> Void,
                      progress: (@Sendable (CrawlProgress) -> Void)? = nil) -> CrawlSummary {
        var validators: [UInt64: Validators] = [:]
        for (url, value) in conditional where !value.isEmpty {
            if let normalized = URLNormalizer.normalize(url, removing: tracking) {
                validators[URLNormalizer.hash(normalized)] = value
            }
        }
        let session = CrawlSession(options: options, scope: scope, tracking: tracking, validators: validators,
                                   handler: handler, progress: progress, log: log)
        session.seed(seeds)
        session.run()
        return session.finish(linkChecked: linkChecked)
    }
}

/// Collects a one-shot batch's results by request index.
private final class FetchBatch: TransferClient {
    var results: [(FetchOutcome, [UInt8])?]
    init(count: Int) { results = Array(repeating: nil, count: count) }
    func mayStart(_ transfer: Transfer) -> Bool { true }
    func transferFinished(_ transfer: Transfer, outcome: FetchOutcome) { results[transfer.tag] = (outcome, transfer.body) }
    func drainExternalWork() {}
    var hasExternalWork: Bool { false }
    func tick() {}
}

/// Links a parsed page yielded, already normalised on the worker thread.
private struct ParsedLinks: Sendable {
    var pageID: Int32
    var depth: Int
    var links: [DiscoveredLink]
}

/// The hand-off from the handler thread back to the curl loop. The wake-up happens under the
/// lock, so the loop cannot drain, finish and free the multi handle between append and wake.
private final class HandlerInbox: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [ParsedLinks] = []
    private let multi: UnsafeMutableRawPointer

    init(multi: UnsafeMutableRawPointer) { self.multi = multi }

    func push(_ item: ParsedLinks) {
        lock.lock(); defer { lock.unlock() }
        items.append(item)
        CurlEngine.wake(multi)
    }

    func take() -> [ParsedLinks] {
        lock.lock(); defer { lock.unlock() }
        let taken = items
        items.removeAll(keepingCapacity: true)
        return taken
    }
}

/// A URL the crawl has decided to request, with the pages that link to it.
private struct LinkRecord {
    var url: String
    var depth: Int
    /// Page ids of the pages linking here; dropped once the URL answered with a page.
    var referrers: [Int32] = []
    var isPage = false
    var isCheck = false
    /// Kept for `linkChecked`: check-only results and failed pages.
    var outcome: FetchOutcome?
    var answeredWithPage = false
}

/// One crawl: the frontier (seen-set, depth, page cap, trap limits), the hand-off to the
/// handler thread, and the accounting for the summary.
private final class CrawlSession: TransferClient {
    let options: CrawlOptions
    let scope: CrawlScope
    let tracking: TrackingParameters
    let validators: [UInt64: Validators]
    let handler: @Sendable (FetchedPage) -> [DiscoveredLink]
    let progress: (@Sendable (CrawlProgress) -> Void)?
    let log: (@Sendable (String) -> Void)?
    let engine: CurlEngine
    let inbox: HandlerInbox
    let handlerQueue = DispatchQueue(label: "govlint.crawl.handler")

    var records: [LinkRecord] = []
    var recordIndex: [UInt64: Int32] = [:]
    /// Hashes of URLs fetched or queued as pages, redirect targets included.
    var pageHashes: Set<UInt64> = []
    var skipped: Set<UInt64> = []
    var trapSkipped: Set<UInt64> = []
    var trapLimiter: TrapLimiter
    /// Page id → the page's final URL (the referrer shown for its links).
    var pageURLs: [String] = []
    var pagesQueued = 0
    var pagesInProgress = 0
    var handlerOutstanding = 0
    let backlogLimit: Int
    var summary = CrawlSummary()
    let started = monotonicNanos()
    var lastProgress: UInt64 = 0

    init(options: CrawlOptions, scope: CrawlScope, tracking: TrackingParameters, validators: [UInt64: Validators],
         handler: @escaping @Sendable (FetchedPage) -> [DiscoveredLink],
         progress: (@Sendable (CrawlProgress) -> Void)?, log: (@Sendable (String) -> Void)?) {
        self.options = options; self.scope = scope; self.tracking = tracking; self.validators = validators
        self.handler = handler; self.progress = progress; self.log = log
        engine = CurlEngine(options: options, robotsEnabled: options.respectRobots)
        inbox = HandlerInbox(multi: engine.multi)
        trapLimiter = TrapLimiter(perPatternLimit: options.perPatternLimit, queryVariantLimit: options.queryVariantLimit)
        // Pages fetched but not yet parsed stay few: memory holds URLs, not pages.
        backlogLimit = max(8, options.globalConnections * 2)
    }

    func seed(_ seeds: [String]) {
        for seed in seeds {
            guard let url = URLNormalizer.normalize(seed, removing: tracking) else {
                log?("seed is not an http(s) URL: \(seed)")
                continue
            }
            let hash = URLNormalizer.hash(url)
            guard recordIndex[hash] == nil, pagesQueued < options.maxPages else { continue }
            queuePage(newRecord(url, hash: hash, depth: 0))
        }
    }

    func run() { engine.run(self) }

    private func newRecord(_ url: String, hash: UInt64, depth: Int) -> Int32 {
        let index = Int32(records.count)
        records.append(LinkRecord(url: url, depth: depth))
        recordIndex[hash] = index
        return index
    }

    private func queuePage(_ index: Int32) {
        records[Int(index)].isPage = true
        pagesQueued += 1
        let url = records[Int(index)].url
        let hash = URLNormalizer.hash(url)
        pageHashes.insert(hash)
        engine.enqueue(Transfer(tag: Int(index), role: .page, url: url, method: .get, followRedirects: true,
                                timeoutSeconds: options.timeoutSeconds, validators: validators[hash],
                                retryAllowed: true, maxBodyBytes: options.maxBodyBytes))
    }

    private func queueCheck(_ index: Int32) {
        records[Int(index)].isCheck = true
        engine.enqueue(Transfer(tag: Int(index), role: .check, url: records[Int(index)].url, method: .head,
                                followRedirects: true, timeoutSeconds: options.timeoutSeconds, validators: nil,
                                retryAllowed: true, maxBodyBytes: BotWall.sniffBytes))
    }

    // MARK: TransferClient

    func mayStart(_ transfer: Transfer) -> Bool {
        guard transfer.role == .page, transfer.attempts == 0 else { return true }
        guard pagesInProgress + handlerOutstanding < backlogLimit else { return false }
        pagesInProgress += 1
        return true
    }

    func transferFinished(_ transfer: Transfer, outcome: FetchOutcome) {
        let index = Int(transfer.tag)
        if outcome.error == .robots {
            summary.skippedByRobots += 1
            records[index].outcome = outcome
            return
        }
        if outcome.isBroken { summary.errors += 1 }
        if outcome.blocked { summary.blocked += 1 }
        switch transfer.role {
        case .page: pageFinished(transfer, outcome, index)
        case .check:
            summary.linksChecked += 1
            if !records[index].answeredWithPage { records[index].outcome = outcome }
        case .robots, .request: break
        }
    }

    private func pageFinished(_ transfer: Transfer, _ outcome: FetchOutcome, _ index: Int) {
        pagesInProgress -= 1
        summary.pagesFetched += 1
        if outcome.isNotModified { summary.notModified += 1 }
        let pageID = Int32(pageURLs.count)
        pageURLs.append(outcome.finalURL)
        var body: [UInt8] = []
        var withheld: String?
        if outcome.error == nil && (200..<300).contains(outcome.status) {
            withheld = transfer.stopNote ?? bodyObjection(outcome, transfer.body)
            if withheld == nil { body = transfer.body; summary.pagesParsed += 1 }
        }
        let record = records[index]
        let referrer = record.referrers.first.map { pageURLs[Int($0)] }
        if outcome.error == nil && (200..<400).contains(outcome.status) {
            // Answered with a page: no report, so its referrers need not be kept.
            records[index].answeredWithPage = true
            records[index].referrers = []
            records[index].outcome = nil
        } else {
            records[index].outcome = outcome
        }
        let page = FetchedPage(outcome: outcome, body: body, depth: record.depth, referrer: referrer, bodyWithheld: withheld)
        handlerOutstanding += 1
        let handler = handler, inbox = inbox, tracking = tracking, depth = record.depth
        handlerQueue.async {
            let base = page.outcome.finalURL
            let links = handler(page).compactMap { link -> DiscoveredLink? in
                guard let url = URLNormalizer.normalize(link.url, relativeTo: base, removing: tracking) else { return nil }
                return DiscoveredLink(url: url, follow: link.follow, kind: link.kind)
            }
            inbox.push(ParsedLinks(pageID: pageID, depth: depth, links: links))
        }
    }

    /// Why a 2xx body is not handed over for parsing, or nil to hand it over.
    private func bodyObjection(_ outcome: FetchOutcome, _ body: [UInt8]) -> String? {
        if outcome.finalURL != outcome.url {
            guard let final = URLNormalizer.normalize(outcome.finalURL, removing: tracking) else { return "redirected to a non-http URL" }
            if !scope.contains(final) { return "redirected out of scope to \(final)" }
            if !pageHashes.insert(URLNormalizer.hash(final)).inserted { return "same page as \(final)" }
        }
        // Whether the body is binary is decided by the parser's side (TextDocument.looksBinary:
        // magic bytes and the share of control bytes), not here by one NUL byte.
        return nil
    }

    func drainExternalWork() {
        for parsed in inbox.take() {
            handlerOutstanding -= 1
            admitLinks(parsed)
        }
    }

    var hasExternalWork: Bool { handlerOutstanding > 0 }

    private func admitLinks(_ parsed: ParsedLinks) {
        var onThisPage: Set<UInt64> = []
        for link in parsed.links {
            let hash = URLNormalizer.hash(link.url)
            guard onThisPage.insert(hash).inserted else { continue }
            let inScope = scope.contains(link.url)
            if let index = recordIndex[hash] {
                if !records[Int(index)].answeredWithPage { records[Int(index)].referrers.append(parsed.pageID) }
                // Seen first as an image or attachment, now as a followable page: crawl it too.
                if link.follow && inScope && !records[Int(index)].isPage && mayFollow(link.url, parsed, hash) {
                    queuePage(index)
                }
                continue
            }
            if skipped.contains(hash) { continue }
            if link.follow && inScope {
                guard mayFollow(link.url, parsed, hash) else { continue }
                let index = newRecord(link.url, hash: hash, depth: parsed.depth + 1)
                records[Int(index)].referrers.append(parsed.pageID)
                queuePage(index)
            } else if !inScope && !options.checkExternal {
                skipped.insert(hash)
                summary.externalSkipped += 1
            } else {
                let index = newRecord(link.url, hash: hash, depth: parsed.depth + 1)
                records[Int(index)].referrers.append(parsed.pageID)
                queueCheck(index)
            }
        }
    }

    /// Depth, page cap and trap limits for a followable in-scope link.
    private func mayFollow(_ url: String, _ parsed: ParsedLinks, _ hash: UInt64) -> Bool {
        if pageHashes.contains(hash) { return false }
        if parsed.depth + 1 > options.maxDepth {
            if skipped.insert(hash).inserted { summary.depthLimited += 1 }
            return false
        }
        if pagesQueued >= options.maxPages {
            if skipped.insert(hash).inserted { summary.pageLimited += 1 }
            return false
        }
        if case .limited(let note) = trapLimiter.admit(url, foundOn: pageURLs[Int(parsed.pageID)]) {
            if trapSkipped.insert(hash).inserted { summary.trapLimited += 1 }
            if let note {
                summary.trapNotes.append(note)
                log?("crawl: \(note)")
            }
            return false
        }
        return true
    }

    func tick() {
        guard let progress else { return }
        let now = monotonicNanos()
        guard now - lastProgress >= 500_000_000 else { return }
        lastProgress = now
        progress(snapshot(now))
    }

    private func snapshot(_ now: UInt64) -> CrawlProgress {
        CrawlProgress(pagesFetched: summary.pagesFetched, linksChecked: summary.linksChecked,
                      queued: engine.queuedCount, inFlight: engine.inFlightCount, errors: summary.errors,
                      elapsedSeconds: Double(now - started) / 1e9)
    }

    /// Reports the links, fills in the totals. Runs after the loop: nothing else is running.
    func finish(linkChecked: @Sendable (FetchOutcome, [String]) -> Void) -> CrawlSummary {
        handlerQueue.sync {}
        for record in records {
            guard let outcome = record.outcome, !record.answeredWithPage else { continue }
            linkChecked(outcome, record.referrers.map { pageURLs[Int($0)] })
        }
        let now = monotonicNanos()
        summary.requests = engine.requestCount
        summary.elapsedSeconds = Double(now - started) / 1e9
        progress?(snapshot(now))
        return summary
    }
}
