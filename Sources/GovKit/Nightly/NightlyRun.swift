import Foundation
import GovConfig
import GovCore
import GovCrawl
import GovStore

/// The nightly job (SPEC §1 `run`): under the run lock, every selected site is crawled in
/// ONE crawl (per-host politeness, a global connection cap, round robin between hosts and
/// sites), each site judged and committed to the store as a unit with its life cycle as
/// soon as its own crawl ends; then the run is finished, its notices and summary written
/// from the store, and its mail put in the outbox and sent together with anything an
/// earlier run left there. A site's budget (`crawl.site_budget_minutes`), the run's budget
/// (`crawl.run_budget_minutes`, below the unit's TimeoutStartSec) and SIGTERM stop the
/// crawl early: what was read is judged, marked 未能检查完整, reported and mailed.
package final class NightlyRun: @unchecked Sendable {
    let context: NightlyContext
    let engine: Engine
    let sites: [Config.Site]
    let feeds: [Config.Feed]
    private let interactive: Bool
    private let control: CrawlControl
    private let interruption = Interruption()

    package init(context: NightlyContext, engine: Engine, sites: [Config.Site], feeds: [Config.Feed]) {
        self.context = context; self.engine = engine; self.sites = sites; self.feeds = feeds
        interactive = context.settings.interactive && !context.settings.quiet
        let budget = context.config.crawl.runBudgetMinutes
        control = CrawlControl(deadline: budget.map { Date().addingTimeInterval($0 * 60) })
    }

    package struct Result {
        package var run: RunRecord
        package var report: RunReport
        var mailSent: Int
        var mailFailed: Int
    }

    package func execute() throws(Failure) -> Result {
        let store = context.store
        let settings = context.settings
        do {
            try store.acquireRunLock()
        } catch {
            throw Failure.store(error)
        }
        defer { store.releaseRunLock() }
        let startLog = RunLog(label: "run", quiet: settings.quiet)
        for id in try storeCall({ () throws(StoreError) in try store.recoverAbandonedRuns() }) {
            startLog.problem(
                "run \(id) was left unfinished (killed or crashed): marked failed; its partial results are not used")
        }
        for site in sites {
            try storeCall { () throws(StoreError) in
                try store.upsertSite(
                    SiteRecord(id: site.id, name: site.name, kind: .website, owner: site.owner, url: site.url))
            }
        }
        let ids = sites.map(\.id) + feeds.map(\.id)
        let day = settings.clock.today
        let runID = try storeCall { () throws(StoreError) in try store.beginRun(kind: .run, sites: ids, day: day) }
        let progress = ProgressLine(enabled: interactive, label: "run \(runID)")
        let log = RunLog(label: "run \(runID)", quiet: settings.quiet, progress: interactive ? progress : nil)
        log.event("started: \(sites.count) site(s), \(feeds.count) account(s), judged as of \(settings.clock.now)")

        let signals = interruption.watch(SIGTERM) { [control] in
            control.stop(reason: "interrupted by SIGTERM", abortTransfers: true)
        }
        var failures = scanSites(runID: runID, day: day, log: log, progress: progress)
        progress.clear()
        if interruption.happened {
            log.problem("interrupted by SIGTERM: the sites read so far are judged and reported; feeds not read")
        } else {
            failures += checkFeeds(runID: runID, log: log)
        }
        signals.cancel()

        if !failures.isEmpty {
            let note = failures.joined(separator: "; ")
            try? store.finishRun(id: runID, status: .failed, note: note)
            log.problem("failed: \(note)")
            throw Failure.operation("run \(runID) failed: \(note)")
        }
        let note = interruption.happened ? "interrupted by SIGTERM: sites read so far judged as incomplete" : nil
        try storeCall { () throws(StoreError) in try store.finishRun(id: runID, note: note) }
        guard let run = try storeCall({ () throws(StoreError) in try store.run(id: runID) }) else {
            throw Failure.operation("run \(runID) vanished from \(store.path)")
        }

        let reporter = context.reporter
        let report = try reporter.build(run: run)
        try reporter.write(report)
        log.event("notices and summary written to \(report.folder)/")

        var sent = 0, failed = 0
        let mailer = context.mailer(log: log)
        if context.config.mail != nil {
            let queued = try mailer.enqueue(report)
            (sent, failed) = try mailer.sendPending(run: nil)
            log.event("mail: \(queued) composed, \(sent) sent, \(failed) kept in the outbox")
        } else {
            log.event(
                "mail: no mail section in \(context.config.file): nothing sent (`govlint mail --dry-run` writes the mails as .eml files)"
            )
        }

        if let keepDays = context.config.store.keepDays {
            // A store error here leaves the run recorded and mailed: it is said, not fatal.
            do {
                let counts = try StorePruning.prune(
                    store: store, keepDays: keepDays, today: day,
                    probeWindowDays: context.config.rules.unreachable.windowDays,
                    reports: ReportLayout(root: context.config.paths.reports))
                log.event(StorePruning.line(counts, keepDays: keepDays, today: day))
            } catch {
                log.problem("prune (store.keep_days: \(keepDays)) failed: \(error)")
            }
        }

        let open = report.sites.flatMap(\.open)
        let failedSites = report.sites.count(where: { !$0.notice.verdict.passed })
        let comparison = report.sites.reduce(into: (new: 0, fixed: 0)) { total, site in
            total.new += site.findings.count(where: { $0.status == .new })
            total.fixed += site.findings.count(where: { $0.status == .fixed })
        }
        log.event(
            "finished: \(report.sites.count) site(s), \(failedSites) 不合格, \(open.count) finding(s) to fix "
                + "(\(comparison.new) new), \(comparison.fixed) fixed, \(report.ignoredCount) ignored")
        return Result(run: run, report: report, mailSent: sent, mailFailed: failed)
    }

    /// Crawls every site in one crawl; each is committed as soon as its crawl ends. Returns
    /// one line per site that could not be recorded (the run then fails: its results would
    /// be incomplete).
    private func scanSites(runID: Int64, day: Day, log: RunLog, progress: ProgressLine) -> [String] {
        let failures = FailureList()
        let reportsRoot = context.config.paths.reports
        let layout = ReportLayout(root: reportsRoot)
        let window = context.config.rules.unreachable.windowDays
        var jobs: [CrawlJob] = []
        for site in sites {
            let job = SiteJob(
                engine: engine, store: context.store, target: ScanTarget(site: site),
                siteFolder: "\(layout.runFolder(id: runID))/\(site.id)", reportsRoot: reportsRoot,
                probeWindowDays: window, log: log)
            do {
                jobs.append(
                    try job.crawlJob(runID: runID) { [self] result in
                        switch result {
                        case .success(let outcome): log.event(siteLine(site.id, outcome))
                        case .failure(let error):
                            log.problem("\(site.id): not recorded: \(error)")
                            failures.add("\(site.id): \(error)")
                        }
                    })
            } catch {
                log.problem("\(site.id): not recorded: \(error)")
                failures.add("\(site.id): \(error)")
            }
        }
        let journal = JournalProgress(log: log, enabled: !interactive && !context.settings.quiet)
        let interactive = self.interactive
        engine.crawler.crawl(
            jobs: jobs, control: control,
            progress: { p in
                if interactive { progress.update(p) }
                journal.update(p)
            })
        return failures.all
    }

    /// `qinghe: 18 pages (3 unchanged), 23 findings (6 new, 17 open, 2 fixed), 不合格`.
    private func siteLine(_ id: String, _ outcome: SiteJob.Outcome) -> String {
        // Regression: the journal line ignored only entries by key, so a rule-and-URL-prefix
        // entry left the line's verdict 不合格 while the notice said 合格.
        let active = context.ignore.unignored(outcome.result.findings)
        let verdict = outcome.details.verdict(active: active, settings: context.ruleSettings)
        let c = outcome.lifeCycle
        var line = "\(id): \(outcome.details.pagesChecked) pages"
        if outcome.details.notModified > 0 { line += " (\(outcome.details.notModified) unchanged)" }
        line += ", \(outcome.result.findings.count) findings (\(c.new) new, \(c.open) open, \(c.fixed) fixed"
        let ignoredCount = outcome.result.findings.count - active.count
        line += ignoredCount > 0 ? ", \(ignoredCount) ignored), " : "), "
        line += verdict.chinese
        if let error = outcome.details.fetchError { line += " (homepage: \(error))" }
        if let incomplete = outcome.details.incomplete {
            line += " (incomplete: \(incomplete); \(outcome.details.notFetched) pages or links not fetched)"
        }
        return line
    }

    /// New-media accounts (政务新媒体), read like sites and committed the same way. An
    /// account that cannot be read is a finding (`feed-unreadable` after N runs), not a
    /// failed run; only a store error fails it. Returns the accounts not recorded.
    private func checkFeeds(runID: Int64, log: RunLog) -> [String] {
        let queue = SiteQueue(count: feeds.count)
        DispatchQueue.concurrentPerform(iterations: min(4, max(feeds.count, 1))) { _ in
            while let index = queue.next() {
                let feed = feeds[index]
                do {
                    let outcome = try FeedJob(engine: engine, store: context.store, feed: feed).run(runID: runID)
                    log.event(feedLine(feed.id, outcome))
                } catch {
                    log.problem("\(feed.id): not recorded: \(error)")
                    queue.fail("\(feed.id): \(error)")
                }
            }
        }
        return queue.failures
    }

    /// `qinghe-fabu: 12 items, newest 2026-11-27, 1 finding (1 new, 0 open, 0 fixed), 合格`.
    private func feedLine(_ id: String, _ outcome: FeedJob.Outcome) -> String {
        // Regression: the journal line ignored only entries by key, so a rule-and-URL-prefix
        // entry left the line's verdict 不合格 while the notice said 合格.
        let active = context.ignore.unignored(outcome.result.findings)
        let verdict = outcome.details.verdict(active: active, settings: context.ruleSettings)
        let c = outcome.lifeCycle
        var line = "\(id): \(outcome.result.itemCount) items"
        line += outcome.result.newest.map { ", newest \($0.day)" } ?? ", no dated item"
        if outcome.result.notModified { line += " (unchanged)" }
        let n = outcome.result.findings.count
        line +=
            ", \(n) finding\(n == 1 ? "" : "s") (\(c.new) new, \(c.open) open, \(c.fixed) fixed), \(verdict.chinese)"
        if let error = outcome.result.error { line += " (feed: \(error))" }
        return line
    }
}

/// Hands out site indices to the crawl workers and collects their failures.
private final class SiteQueue: @unchecked Sendable {
    private let lock = NSLock()
    private let count: Int
    private var position = 0
    private var failed: [String] = []

    init(count: Int) { self.count = count }

    func next() -> Int? {
        lock.withLock {
            guard position < count else { return nil }
            defer { position += 1 }
            return position
        }
    }

    func fail(_ line: String) { lock.withLock { failed.append(line) } }

    var failures: [String] { lock.withLock { failed } }
}

/// Site failures collected from the completion thread.
private final class FailureList: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func add(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}

/// Progress for the journal when not on a terminal: one line a minute (no carriage returns).
private final class JournalProgress: @unchecked Sendable {
    private let log: RunLog
    private let enabled: Bool
    private let lock = NSLock()
    private var last = Date()
    static let interval: TimeInterval = 60

    init(log: RunLog, enabled: Bool) { self.log = log; self.enabled = enabled }

    func update(_ p: CrawlProgress) {
        guard enabled else { return }
        let now = Date()
        let due = lock.withLock { () -> Bool in
            guard now.timeIntervalSince(last) >= Self.interval else { return false }
            last = now
            return true
        }
        guard due else { return }
        log.event(
            String(
                format: "progress: %d of %d sites done, %d pages, %d links checked, %d queued, %d errors, %.1f pages/s",
                p.jobsDone, p.jobs, p.pagesFetched, p.linksChecked, p.queued, p.errors, p.pagesPerSecond))
    }
}

/// SIGTERM (systemd stopping the unit, the timeout reached): the handler runs on a
/// dispatch queue while the crawl loop runs on the calling thread.
final class Interruption: @unchecked Sendable {
    private let lock = NSLock()
    private var seen = false

    var happened: Bool { lock.withLock { seen } }

    /// Catches `signal` until the returned source is cancelled (then the default comes back).
    func watch(_ number: Int32, _ action: @escaping @Sendable () -> Void) -> DispatchSourceSignal {
        // A process started from a thread that blocks the signal inherits the mask: let this
        // thread (the crawl loop's) take it.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, number)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        signal(number, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
        source.setEventHandler { [self] in
            lock.withLock { seen = true }
            action()
        }
        source.setCancelHandler { signal(number, SIG_DFL) }
        source.resume()
        return source
    }
}
