import CCurl
import Dispatch
import Foundation
import GovCore

/// What fetches for a scan: the whole night's crawl (every site at once) and one-shot
/// batches. `Crawler` is the real one over libcurl; tests may run the scanners over another
/// (an in-memory site), the way swift-nio's `NIOEmbedded` stands in for a channel.
public protocol Fetcher: Sendable {
    var options: CrawlOptions { get }
    /// Crawls every job in one scheduler and returns when all have completed.
    func crawl(jobs: [CrawlJob], control: CrawlControl?, progress: (@Sendable (CrawlProgress) -> Void)?)
    /// A batch of single requests (probe, feeds, closed-site checks), results in order.
    func fetch(_ requests: [FetchRequest]) -> [(FetchOutcome, [UInt8])]
}

extension Fetcher {
    /// One site: a night of one job. Returns when its `linkChecked` calls are done.
    public func crawl(
        seeds: [String], scope: CrawlScope, conditional: [String: Validators] = [:],
        handler: @escaping @Sendable (FetchedPage) -> [DiscoveredLink],
        linkChecked: @escaping @Sendable (FetchOutcome, _ referrers: [String]) -> Void,
        progress: (@Sendable (CrawlProgress) -> Void)? = nil
    ) -> CrawlSummary {
        let box = SummaryBox()
        crawl(
            jobs: [
                CrawlJob(
                    seeds: seeds, scope: scope, conditional: conditional, handler: handler,
                    linkChecked: linkChecked, completed: { box.set($0) })
            ],
            control: nil, progress: progress)
        return box.get()
    }
}

private final class SummaryBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value = CrawlSummary()
    func set(_ summary: CrawlSummary) { lock.withLock { value = summary } }
    func get() -> CrawlSummary { lock.withLock { value } }
}

/// One site's crawl within the night: its seeds and scope, last run's validators, and the
/// callbacks. `handler` gets every followed page (on the job's worker thread, one page at a
/// time, overlapping the fetching) and returns its links — for a 304 the links remembered
/// from the last run. When the job's crawl ends, `linkChecked` gets every check-only link
/// and every followed link that did not answer with a page, once per URL, with the pages
/// linking to it, then `completed` the summary — both on a completion thread, while the
/// other jobs go on crawling.
///
/// A job made with `prepare` instead has its pages analysed on every core: `prepare` runs
/// for several pages of the job at once and returns what to do with the page, which runs on
/// the job's worker thread, one page at a time in the order the pages arrived.
public struct CrawlJob: Sendable {
    public var seeds: [String]
    public var scope: CrawlScope
    public var conditional: [String: Validators]
    /// Overrides `CrawlOptions.siteBudgetSeconds` for this job.
    public var budgetSeconds: Double?
    public var handler: @Sendable (FetchedPage) -> [DiscoveredLink]
    /// The concurrent stage of a staged job (nil: `handler` does all, one page at a time).
    public var prepare: (@Sendable (FetchedPage) -> PreparedPage)?
    public var linkChecked: @Sendable (FetchOutcome, _ referrers: [String]) -> Void
    public var completed: @Sendable (CrawlSummary) -> Void

    public init(
        seeds: [String], scope: CrawlScope, conditional: [String: Validators] = [:], budgetSeconds: Double? = nil,
        handler: @escaping @Sendable (FetchedPage) -> [DiscoveredLink],
        linkChecked: @escaping @Sendable (FetchOutcome, _ referrers: [String]) -> Void,
        completed: @escaping @Sendable (CrawlSummary) -> Void
    ) {
        self.seeds = seeds; self.scope = scope; self.conditional = conditional; self.budgetSeconds = budgetSeconds
        self.handler = handler; self.linkChecked = linkChecked; self.completed = completed
    }

    /// A job whose pages are prepared concurrently and finished in order (see above).
    public init(
        seeds: [String], scope: CrawlScope, conditional: [String: Validators] = [:], budgetSeconds: Double? = nil,
        prepare: @escaping @Sendable (FetchedPage) -> PreparedPage,
        linkChecked: @escaping @Sendable (FetchOutcome, _ referrers: [String]) -> Void,
        completed: @escaping @Sendable (CrawlSummary) -> Void
    ) {
        self.init(
            seeds: seeds, scope: scope, conditional: conditional, budgetSeconds: budgetSeconds,
            handler: { prepare($0).finish() }, linkChecked: linkChecked, completed: completed)
        self.prepare = prepare
    }
}

/// What a staged job's `prepare` made of a page: the rest of its handling, run in order on
/// the job's worker thread, which returns the page's links.
public struct PreparedPage: Sendable {
    public let finish: @Sendable () -> [DiscoveredLink]

    public init(finish: @escaping @Sendable () -> [DiscoveredLink]) { self.finish = finish }
}

/// Stops a night's crawl from outside (the run budget, SIGTERM): every job still crawling
/// ends with `CrawlSummary.incomplete` set to the reason and is completed with what it read.
/// `abortTransfers` also cuts the requests in flight (a stop signal must not wait for them).
public final class CrawlControl: @unchecked Sendable {
    private let lock = NSLock()
    private var reason: String?
    private var abort = false
    private var multi: UnsafeMutableRawPointer?
    /// The run's deadline: when it passes, the crawl stops with "run budget spent".
    public let deadline: Date?

    public init(deadline: Date? = nil) { self.deadline = deadline }

    public func stop(reason: String, abortTransfers: Bool) {
        lock.withLock {
            if self.reason == nil { self.reason = reason }
            abort = abort || abortTransfers
            if let multi { CurlEngine.wake(multi) }
        }
    }

    var stopRequest: (reason: String, abort: Bool)? {
        lock.withLock { reason.map { ($0, abort) } }
    }

    func attach(_ multi: UnsafeMutableRawPointer?) { lock.withLock { self.multi = multi } }
}

/// govlint's crawler and link checker over libcurl. Each call runs its own curl multi loop
/// on the calling thread (the one owner of the handle) and blocks until done; connections
/// are reused within a call. Safe to share: it holds only options.
public final class Crawler: Fetcher {
    public let options: CrawlOptions
    private let log: (@Sendable (String) -> Void)?
    private let tracking: TrackingParameters

    /// `log` receives one-line notes a user should see (trap limits hit, domains that do
    /// not resolve).
    public init(options: CrawlOptions = CrawlOptions(), log: (@Sendable (String) -> Void)? = nil) {
        self.options = options
        self.log = log
        tracking = TrackingParameters(options.trackingParameters)
    }

    /// Fetches a batch (probe, feeds, closed-site checks, a site's attachments) with the
    /// crawler's manners — robots.txt only when `respectRobots` (attachments) and the options
    /// allow it; results in request order. A GET keeps any body up to `maxBodyBytes`.
    public func fetch(_ requests: [FetchRequest]) -> [(FetchOutcome, [UInt8])] { fetch(requests, respectRobots: false) }

    /// `respectRobots`: attachments a crawl found obey robots.txt like its pages.
    public func fetch(_ requests: [FetchRequest], respectRobots: Bool) -> [(FetchOutcome, [UInt8])] {
        let batch = FetchBatch(count: requests.count)
        let engine = CurlEngine(options: options, robotsEnabled: respectRobots && options.respectRobots)
        for (index, request) in requests.enumerated() {
            guard let url = URLNormalizer.normalize(request.url, removing: TrackingParameters([])) else {
                batch.results[index] = (
                    FetchOutcome(
                        url: request.url, error: .other,
                        errorMessage: "not an http(s) URL", attempts: 0), []
                )
                continue
            }
            engine.enqueue(
                Transfer(
                    tag: index, role: .request, url: url, method: request.method == .head ? .head : .get,
                    followRedirects: request.followRedirects,
                    timeoutSeconds: request.timeoutSeconds ?? options.timeoutSeconds,
                    validators: request.validators, retryAllowed: request.retry,
                    maxBodyBytes: request.maxBodyBytes ?? options.maxBodyBytes))
        }
        engine.run(batch)
        return batch.results.map { $0 ?? (FetchOutcome(url: "", error: .other), []) }
    }

    /// The whole night: every job crawled at once in one scheduler (per-host politeness,
    /// one global connection cap, round robin over hosts and jobs), each completed as soon
    /// as its own crawl ends. Returns when every job's `completed` has returned.
    public func crawl(
        jobs: [CrawlJob], control: CrawlControl? = nil, progress: (@Sendable (CrawlProgress) -> Void)? = nil
    ) {
        let night = NightCrawl(options: options, tracking: tracking, control: control, progress: progress, log: log)
        for job in jobs { night.add(job) }
        night.run()
    }
}

/// Collects a one-shot batch's results by request index.
private final class FetchBatch: TransferClient {
    var results: [(FetchOutcome, [UInt8])?]
    init(count: Int) { results = Array(repeating: nil, count: count) }
    func mayStart(_ transfer: Transfer) -> Bool { true }
    func transferFinished(_ transfer: Transfer, outcome: FetchOutcome) {
        results[transfer.tag] = (outcome, transfer.body)
    }
    func drainExternalWork() {}
    var hasExternalWork: Bool { false }
    func tick() {}
}

/// Links a parsed page yielded, already normalised on the worker thread.
private struct ParsedLinks: Sendable {
    var session: Int
    var pageID: Int32
    var depth: Int
    var links: [DiscoveredLink]
}

/// The hand-off from the handler threads back to the curl loop. The wake-up happens under the
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

/// An external link checked once for the whole night, and the jobs waiting for its answer.
private struct ExternalCheck {
    var url: String
    var outcome: FetchOutcome?
    var waiters: [(session: Int, record: Int32)] = []
}

/// The night's scheduler: the jobs' crawl sessions over one curl engine, the shared cache
/// of external links, the stop conditions (site budgets, run deadline, stop requests) and
/// the completion thread that judges and commits each site while the others crawl on.
private final class NightCrawl: TransferClient {
    let options: CrawlOptions
    let tracking: TrackingParameters
    let control: CrawlControl?
    let progress: (@Sendable (CrawlProgress) -> Void)?
    let log: (@Sendable (String) -> Void)?
    let engine: CurlEngine
    let inbox: HandlerInbox
    var sessions: [CrawlSession] = []
    var externals: [ExternalCheck] = []
    var externalIndex: [UInt64: Int] = [:]
    /// Hosts whose name did not resolve (or had no route) this night.
    var deadDomains: Set<String> = []
    /// Pages fetched but not yet handled, across jobs: memory holds URLs, not pages.
    var backlog = 0
    let backlogLimit: Int
    let sessionBacklogLimit: Int
    let completions = DispatchQueue(label: "govlint.crawl.completions")
    /// Staged jobs' pages, prepared on every core.
    let preparing = DispatchQueue(label: "govlint.crawl.prepare", attributes: .concurrent)
    let completionGroup = DispatchGroup()
    let started = monotonicNanos()
    var lastProgress: UInt64 = 0
    var stopApplied = false
    var jobsDone = 0

    init(
        options: CrawlOptions, tracking: TrackingParameters, control: CrawlControl?,
        progress: (@Sendable (CrawlProgress) -> Void)?, log: (@Sendable (String) -> Void)?
    ) {
        self.options = options; self.tracking = tracking; self.control = control; self.progress = progress;
        self.log = log
        engine = CurlEngine(options: options, robotsEnabled: options.respectRobots)
        inbox = HandlerInbox(multi: engine.multi)
        let widest = ([options.perHostConnections] + options.hostLimits.values.map(\.connections)).max() ?? 1
        backlogLimit = max(16, options.globalConnections * 2)
        sessionBacklogLimit = max(8, widest * 2)
    }

    func add(_ job: CrawlJob) {
        let session = CrawlSession(id: sessions.count, job: job, night: self)
        sessions.append(session)
        session.seed(job.seeds)
    }

    func run() {
        control?.attach(engine.multi)
        reap()
        engine.run(self)
        reap()
        control?.attach(nil)
        completionGroup.wait()
        progress?(snapshot(monotonicNanos()))
    }

    // MARK: external links, once per night

    func checkExternal(_ url: String, hash: UInt64, session: CrawlSession, record: Int32) {
        if deadDomains.contains(Transfer.hostName(ofOrigin: Transfer.split(url).origin)) {
            session.externalUnresolved(record)
            return
        }
        if let index = externalIndex[hash] {
            if let outcome = externals[index].outcome {
                session.deliverCheck(record, outcome)
            } else {
                externals[index].waiters.append((session.id, record))
                session.outstanding += 1
            }
            return
        }
        let index = externals.count
        externals.append(ExternalCheck(url: url, waiters: [(session.id, record)]))
        externalIndex[hash] = index
        session.outstanding += 1
        let transfer = Transfer(
            tag: index, role: .check, url: url, method: .head, followRedirects: true,
            timeoutSeconds: options.timeoutSeconds, validators: nil, retryAllowed: true,
            maxBodyBytes: BotWall.sniffBytes, session: -1)
        transfer.external = true
        engine.enqueue(transfer)
    }

    private func externalFinished(_ index: Int, _ outcome: FetchOutcome?) {
        let waiters = externals[index].waiters
        externals[index].waiters = []
        let unresolved = outcome.map(Self.isUnresolvable) ?? true
        if let outcome, unresolved {
            let host = Transfer.hostName(ofOrigin: Transfer.split(outcome.url).origin)
            if deadDomains.insert(host).inserted {
                log?(
                    "外链未能检查（无法解析域名）：\(host) (\(outcome.errorMessage ?? outcome.reason)); its links are not reported as broken"
                )
            }
        }
        // Unresolvable answers are not cached as outcomes: each waiter counts them unchecked.
        if !unresolved { externals[index].outcome = outcome }
        for waiter in waiters {
            let session = sessions[waiter.session]
            session.outstanding -= 1
            if let outcome, !unresolved {
                session.deliverCheck(waiter.record, outcome)
            } else if outcome != nil {
                session.externalUnresolved(waiter.record)
            } else {
                session.summary.notFetched += 1
            }
        }
    }

    /// No DNS answer or no route: the machine cannot judge the link (offline, or the domain
    /// is gone), so it is "not checked", never a broken link on every page.
    static func isUnresolvable(_ outcome: FetchOutcome) -> Bool {
        if outcome.error == .dns { return true }
        guard let message = outcome.errorMessage?.lowercased() else { return false }
        switch outcome.error {
        case .timeout: return message.contains("resolving timed out")
        case .connect: return message.contains("no route") || message.contains("network is unreachable")
        default: return false
        }
    }

    // MARK: TransferClient

    func mayStart(_ transfer: Transfer) -> Bool {
        guard transfer.session >= 0 else { return true }
        return sessions[transfer.session].mayStart(transfer)
    }

    func transferFinished(_ transfer: Transfer, outcome: FetchOutcome) {
        if transfer.session < 0 {
            if transfer.role == .check { externalFinished(transfer.tag, outcome) }
            return
        }
        sessions[transfer.session].transferFinished(transfer, outcome: outcome)
    }

    func isDiscarded(_ transfer: Transfer) -> Bool {
        if transfer.session >= 0 { return sessions[transfer.session].stopReason != nil }
        return control?.stopRequest?.abort == true
    }

    func transferDiscarded(_ transfer: Transfer) {
        if transfer.session < 0 {
            if transfer.role == .check { externalFinished(transfer.tag, nil) }
            return
        }
        sessions[transfer.session].transferDiscarded(transfer)
    }

    func robotsRequested(for transfer: Transfer) {
        if transfer.session >= 0 { sessions[transfer.session].requests += 1 }
    }

    func drainExternalWork() {
        for parsed in inbox.take() { sessions[parsed.session].admitLinks(parsed) }
        applyStops()
        reap()
    }

    var hasExternalWork: Bool { jobsDone < sessions.count }

    func tick() {
        applyStops()
        reap()
        guard let progress else { return }
        let now = monotonicNanos()
        guard now - lastProgress >= 500_000_000 else { return }
        lastProgress = now
        progress(snapshot(now))
    }

    /// Site budgets and the run's stop conditions.
    private func applyStops() {
        let now = monotonicNanos()
        for session in sessions where !session.finished && session.stopReason == nil {
            if let deadline = session.deadline, now >= deadline {
                stop(session, reason: "site budget of \(Self.minutes(session.budget ?? 0)) spent", abort: false)
            }
        }
        guard !stopApplied else { return }
        var request = control?.stopRequest
        if request == nil, let deadline = control?.deadline, Date() >= deadline {
            request = ("run budget spent", false)
        }
        guard let request else { return }
        stopApplied = true
        for session in sessions where !session.finished { stop(session, reason: request.reason, abort: request.abort) }
        if request.abort {
            engine.discard(where: { $0.session < 0 }, running: true, client: self)
        }
    }

    private static func minutes(_ seconds: Double) -> String {
        seconds >= 60 ? "\(Int((seconds / 60).rounded())) min" : "\(Int(seconds.rounded())) s"
    }

    private func stop(_ session: CrawlSession, reason: String, abort: Bool) {
        session.stopReason = reason
        session.summary.incomplete = reason
        log?("crawl of \(session.job.seeds.first ?? "?") stopped: \(reason); judged on what was read")
        engine.discard(where: { $0.session == session.id }, running: abort, client: self)
        // Waiting for a shared external check: no longer.
        for index in externals.indices where !externals[index].waiters.isEmpty {
            let before = externals[index].waiters.count
            externals[index].waiters.removeAll { $0.session == session.id }
            let removed = before - externals[index].waiters.count
            session.outstanding -= removed
            session.summary.notFetched += removed
        }
    }

    /// Completes every job whose crawl has ended: its reports and summary go to the
    /// completion thread; the loop goes on with the others.
    private func reap() {
        for session in sessions where !session.finished && session.outstanding == 0 && session.handlerOutstanding == 0 {
            session.finished = true
            jobsDone += 1
            let report = session.finish()
            completions.async(group: completionGroup) { report() }
        }
    }

    private func snapshot(_ now: UInt64) -> CrawlProgress {
        var fetched = 0, checked = 0, errors = 0
        for session in sessions {
            fetched += session.summary.pagesFetched
            checked += session.summary.linksChecked
            errors += session.summary.errors
        }
        var progress = CrawlProgress(
            pagesFetched: fetched, linksChecked: checked, queued: engine.queuedCount,
            inFlight: engine.inFlightCount, errors: errors,
            elapsedSeconds: Double(now - started) / 1e9)
        progress.jobs = sessions.count
        progress.jobsDone = jobsDone
        return progress
    }
}

/// One job's crawl: the frontier (seen-set, depth, page cap, trap limits), the hand-off to
/// the job's handler thread, and the accounting for its summary.
private final class CrawlSession {
    let id: Int
    let job: CrawlJob
    unowned let night: NightCrawl
    let options: CrawlOptions
    let scope: CrawlScope
    let tracking: TrackingParameters
    let validators: [UInt64: Validators]
    let handlerQueue: DispatchQueue

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
    /// Transfers and shared checks this job still waits for.
    var outstanding = 0
    var summary = CrawlSummary()
    let started = monotonicNanos()
    let budget: Double?
    let deadline: UInt64?
    var stopReason: String?
    var finished = false
    /// Requests this job started (retries and HEAD fallbacks included).
    var requests = 0

    init(id: Int, job: CrawlJob, night: NightCrawl) {
        self.id = id; self.job = job; self.night = night
        options = night.options; scope = job.scope; tracking = night.tracking
        var validators: [UInt64: Validators] = [:]
        for (url, value) in job.conditional where !value.isEmpty {
            if let normalized = URLNormalizer.normalize(url, removing: night.tracking) {
                validators[URLNormalizer.hash(normalized)] = value
            }
        }
        self.validators = validators
        handlerQueue = DispatchQueue(label: "govlint.crawl.handler.\(id)")
        trapLimiter = TrapLimiter(
            perPatternLimit: options.perPatternLimit, queryVariantLimit: options.queryVariantLimit)
        let budget = job.budgetSeconds ?? night.options.siteBudgetSeconds, start = started
        self.budget = budget
        deadline = budget.map { start + UInt64(max(0, $0) * 1e9) }
    }

    func seed(_ seeds: [String]) {
        for seed in seeds {
            guard let url = URLNormalizer.normalize(seed, removing: tracking) else {
                night.log?("seed is not an http(s) URL: \(seed)")
                continue
            }
            let hash = URLNormalizer.hash(url)
            guard recordIndex[hash] == nil, pagesQueued < options.maxPages else { continue }
            queuePage(newRecord(url, hash: hash, depth: 0))
        }
    }

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
        outstanding += 1
        night.engine.enqueue(
            Transfer(
                tag: Int(index), role: .page, url: url, method: .get, followRedirects: true,
                timeoutSeconds: options.timeoutSeconds, validators: validators[hash],
                retryAllowed: true, maxBodyBytes: options.maxBodyBytes, session: id))
    }

    private func queueCheck(_ index: Int32, inScope: Bool, hash: UInt64) {
        records[Int(index)].isCheck = true
        let url = records[Int(index)].url
        if !inScope {
            night.checkExternal(url, hash: hash, session: self, record: index)
            return
        }
        outstanding += 1
        night.engine.enqueue(
            Transfer(
                tag: Int(index), role: .check, url: url, method: .head,
                followRedirects: true, timeoutSeconds: options.timeoutSeconds, validators: nil,
                retryAllowed: true, maxBodyBytes: BotWall.sniffBytes, session: id))
    }

    /// A shared external check answered for this job's link.
    func deliverCheck(_ record: Int32, _ outcome: FetchOutcome) {
        summary.linksChecked += 1
        if outcome.isBroken { summary.errors += 1 }
        if outcome.blocked { summary.blocked += 1 }
        if !records[Int(record)].answeredWithPage { records[Int(record)].outcome = outcome }
    }

    func externalUnresolved(_ record: Int32) { summary.externalUnresolved += 1 }

    func mayStart(_ transfer: Transfer) -> Bool {
        guard transfer.role == .page, transfer.attempts == 0 else { requests += 1; return true }
        guard pagesInProgress + handlerOutstanding < night.sessionBacklogLimit, night.backlog < night.backlogLimit
        else {
            return false
        }
        pagesInProgress += 1
        night.backlog += 1
        requests += 1
        return true
    }

    func transferDiscarded(_ transfer: Transfer) {
        outstanding -= 1
        summary.notFetched += 1
        if transfer.role == .page && transfer.attempts > 0 {
            pagesInProgress -= 1
            night.backlog -= 1
        }
    }

    func transferFinished(_ transfer: Transfer, outcome: FetchOutcome) {
        outstanding -= 1
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
        let page = FetchedPage(
            outcome: outcome, body: body, depth: record.depth, referrer: referrer, bodyWithheld: withheld)
        handlerOutstanding += 1
        let handler = job.handler, inbox = night.inbox, tracking = tracking, depth = record.depth, session = id
        // A staged job's page is prepared on the shared concurrent queue; its worker thread
        // waits for it in arrival order (pages in flight are bounded by the session backlog).
        let prepared = job.prepare.map { prepare in
            let slot = PreparedSlot()
            night.preparing.async { slot.fill(prepare(page)) }
            return slot
        }
        handlerQueue.async {
            let base = page.outcome.finalURL
            let found = prepared.map { $0.wait().finish() } ?? handler(page)
            let links = found.compactMap { link -> DiscoveredLink? in
                guard let url = URLNormalizer.normalize(link.url, relativeTo: base, removing: tracking) else {
                    return nil
                }
                return DiscoveredLink(url: url, follow: link.follow, kind: link.kind)
            }
            inbox.push(ParsedLinks(session: session, pageID: pageID, depth: depth, links: links))
        }
    }

    /// Why a 2xx body is not handed over for parsing, or nil to hand it over.
    private func bodyObjection(_ outcome: FetchOutcome, _ body: [UInt8]) -> String? {
        if outcome.finalURL != outcome.url {
            guard let final = URLNormalizer.normalize(outcome.finalURL, removing: tracking) else {
                return "redirected to a non-http URL"
            }
            if !scope.contains(final) { return "redirected out of scope to \(final)" }
            if !pageHashes.insert(URLNormalizer.hash(final)).inserted { return "same page as \(final)" }
        }
        // Whether the body is binary is decided by the parser's side (TextDocument.looksBinary:
        // magic bytes and the share of control bytes), not here by one NUL byte.
        return nil
    }

    func admitLinks(_ parsed: ParsedLinks) {
        handlerOutstanding -= 1
        night.backlog -= 1
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
            if stopReason != nil {
                // The crawl was stopped: what is found now is counted, not requested.
                if skipped.insert(hash).inserted { summary.notFetched += 1 }
                continue
            }
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
                queueCheck(index, inScope: inScope, hash: hash)
            }
        }
    }

    /// Depth, page cap and trap limits for a followable in-scope link.
    private func mayFollow(_ url: String, _ parsed: ParsedLinks, _ hash: UInt64) -> Bool {
        if stopReason != nil { return false }
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
                night.log?("crawl: \(note)")
            }
            return false
        }
        return true
    }

    /// The job's crawl has ended (nothing queued, running or being parsed): what remains is
    /// reporting, which runs on the completion thread, so the records are handed over.
    func finish() -> @Sendable () -> Void {
        var summary = self.summary
        summary.requests = requests
        summary.elapsedSeconds = Double(monotonicNanos() - started) / 1e9
        let reports = ReportList(records: records, pageURLs: pageURLs)
        records = []; recordIndex = [:]; pageURLs = []; pageHashes = []; skipped = []; trapSkipped = []
        let job = self.job, finalSummary = summary
        return {
            for record in reports.records {
                guard let outcome = record.outcome, !record.answeredWithPage else { continue }
                job.linkChecked(outcome, record.referrers.map { reports.pageURLs[Int($0)] })
            }
            job.completed(finalSummary)
        }
    }
}

/// A finished job's link records, handed from the loop thread to the completion thread
/// (nothing else touches them afterwards).
private final class ReportList: @unchecked Sendable {
    let records: [LinkRecord]
    let pageURLs: [String]
    init(records: [LinkRecord], pageURLs: [String]) { self.records = records; self.pageURLs = pageURLs }
}

/// One page's prepared handling, filled by the concurrent stage and awaited in order.
private final class PreparedSlot: @unchecked Sendable {
    private let ready = DispatchSemaphore(value: 0)
    private var value: PreparedPage?

    func fill(_ prepared: PreparedPage) {
        value = prepared
        ready.signal()
    }

    func wait() -> PreparedPage {
        ready.wait()
        return value!
    }
}
