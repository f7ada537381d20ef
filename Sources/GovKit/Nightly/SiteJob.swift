import Foundation
import GovConfig
import GovCore
import GovCrawl
import GovReport
import GovRules
import GovStore

/// One website checked and recorded: what the last run remembers of its pages goes into
/// conditional requests (a 304 replays the page's digest, read from the store only then,
/// and carries its findings over), probes of the last days go into the snapshot, evidence
/// copies are written while the pages are in hand, what each page leaves for the next run
/// is streamed to the store during the crawl, and the site's results are committed as one
/// transaction as soon as its crawl ends. Shared by `run` (every site in one crawl) and
/// `scan` (one site, RunKind.scan).
final class SiteJob: @unchecked Sendable {
    let engine: Engine
    let store: Store
    let target: ScanTarget
    /// `reports/runs/<run-id>/<site>` (a scan's own folder): the evidence copies go into its `evidence/`.
    let siteFolder: String
    let reportsRoot: String
    let probeWindowDays: Int
    let log: RunLog
    private let started = Date()
    private var probes = ProbeStats(total: 0, failed: 0)
    private var writer: PageMemoryWriter?

    struct Outcome {
        var result: SiteScanResult
        var lifeCycle: LifeCycleCounts
        var details: SiteRunDetails
    }

    init(
        engine: Engine, store: Store, target: ScanTarget, siteFolder: String, reportsRoot: String,
        probeWindowDays: Int, log: RunLog
    ) {
        self.engine = engine; self.store = store; self.target = target; self.siteFolder = siteFolder
        self.reportsRoot = reportsRoot; self.probeWindowDays = probeWindowDays; self.log = log
    }

    /// Crawls, judges and commits the site on its own (`scan`).
    func run(runID: Int64, progress: (@Sendable (CrawlProgress) -> Void)?) throws(Failure) -> Outcome {
        let box = OutcomeBox()
        let job = try crawlJob(runID: runID) { box.set($0) }
        engine.crawler.crawl(jobs: [job], control: nil, progress: progress)
        return try box.get()
    }

    /// The site as one job of the night's crawl; `done` gets the committed outcome (or the
    /// store error) on the completion thread as soon as the site's crawl ends.
    func crawlJob(runID: Int64, done: @escaping @Sendable (Result<Outcome, Failure>) -> Void) throws(Failure)
        -> CrawlJob
    {
        let validators = try storeCall { () throws(StoreError) in try store.pageValidators(site: target.id) }
        let since = Date().addingTimeInterval(-Double(probeWindowDays) * 86_400)
        probes = try storeCall { () throws(StoreError) in try store.probeStats(site: target.id, since: since) }
        let writer = PageMemoryWriter(store: store, run: runID, site: target.id)
        self.writer = writer
        let memory = SiteMemory(
            validators: validators.mapValues { Validators(etag: $0.etag, lastModified: $0.lastModified) },
            lookup: memoryLookup())
        let scanner = engine.scanner(for: target)
        return scanner.job(
            memory: memory, probes: probes, evidence: evidenceHook(), pages: { writer.add($0) },
            completed: { [self] result in
                done(Result { () throws(Failure) in try commit(result, runID: runID) })
            })
    }

    /// One page's memory, read when the server answered 304; its evidence copy is where the
    /// run that fetched it wrote it.
    private func memoryLookup() -> @Sendable (String) -> PageMemory? {
        let store = self.store, site = target.id, layout = ReportLayout(root: reportsRoot)
        let runs = RunRecords(store: store)
        return { url in
            guard let page = try? store.pageMemory(site: site, url: url), let digest = page.digest else { return nil }
            let folder = runs.run(page.validators.runID).map {
                layout.evidenceCopy(run: $0, site: site, name: EvidenceFile.name(for: url))
            }
            return PageMemory(
                digest: digest, findings: page.findings, etag: page.validators.etag,
                lastModified: page.validators.lastModified, contentHash: page.validators.contentHash,
                evidenceCopy: folder)
        }
    }

    private func commit(_ result: SiteScanResult, runID: Int64) throws(Failure) -> Outcome {
        try storeCall { () throws(StoreError) in try writer?.flush() }
        let now = Date()
        let pages = result.pages.map { page -> PageRecord in
            let outcome = page.outcome
            return PageRecord(
                url: outcome.url, status: outcome.status == 0 ? nil : outcome.status,
                contentHash: page.contentHash, etag: outcome.etag, lastModified: outcome.lastModified,
                fetchedAt: now, title: page.title, column: page.column)
        }
        let homepage = result.pages.first {
            URLNormalizer.normalize($0.outcome.url) == URLNormalizer.normalize(target.url)
        }?.outcome
        let counts = SiteRules.counts(
            snapshot: result.snapshot, findings: result.findings, now: engine.settings.clock.today)
        var details = SiteRunDetails(
            kind: .website, pagesChecked: result.crawl.pagesFetched, notModified: result.crawl.notModified,
            columnsChecked: result.snapshot.columns.count, homepageAgeDays: counts.homepageAgeDays,
            probes: probes.total > 0 ? probes : nil,
            fetchError: result.snapshot.homepageFault?.sentence ?? (homepage == nil ? "首页未能抓取，未能检查" : nil),
            seconds: now.timeIntervalSince(started))
        details.incomplete = result.crawl.incomplete
        details.notFetched = result.crawl.notFetched
        let gaps = Self.checkGaps(result, homepage: homepage)
        let deadline = Deadlines.policy(
            workingDays: engine.settings.config?.rules.rectifyWorkingDays ?? 3, calendar: engine.calendar)
        let lifeCycle = try storeCall { () throws(StoreError) in
            try store.completeSite(
                run: runID, site: target.id,
                results: SiteResults(
                    pages: pages, findings: result.findings, details: details.encoded(),
                    notChecked: gaps.notChecked, unread: gaps.unread, partial: gaps.partial,
                    deadline: deadline))
        }
        return Outcome(result: result, lifeCycle: lifeCycle, details: details)
    }

    /// What this run could not read (SPEC §7, fail closed): the whole site when its homepage
    /// was not fetched, blocked, broken or not checkable; each page that timed out, failed,
    /// met a WAF or could not be checked; and, when the page cap stopped the crawl, the pages
    /// it did not reach. Their open findings carry over open.
    static func checkGaps(_ result: SiteScanResult, homepage: FetchOutcome?) -> CheckGaps {
        var unread: [String: String] = [:]
        var homepageReason: String?
        let home = result.pages.first { $0.outcome.url == homepage?.url }
        for page in result.pages {
            guard let reason = unreadReason(page) else { continue }
            unread[page.outcome.url] = reason
            unread[page.outcome.finalURL] = reason
            if page.outcome.url == home?.outcome.url { homepageReason = reason }
        }
        // The homepage's fate is decided once, by the scanner (SiteSnapshot.homepageFault).
        let notChecked =
            result.snapshot.homepageFault?.phrase
            ?? (homepage == nil ? "首页未能抓取" : homepageReason.map { "首页\($0)" })
        // A budget, an interruption or the page cap ended the crawl (the scanner marks all
        // three incomplete): what it did not reach carries over.
        let partial = result.crawl.incomplete.map {
            "未能检查完整：\(SiteScanner.incompleteReason($0))，其余\(result.crawl.notFetched)个页面或链接本次未检查"
        }
        return CheckGaps(notChecked: notChecked, partial: partial, unread: unread)
    }

    /// Why a page was not read, or nil when its answer was judged (a 404 is read: the page is gone).
    private static func unreadReason(_ page: ScannedPage) -> String? {
        let outcome = page.outcome
        if let reason = page.notChecked { return reason }
        if outcome.blocked { return "被防火墙拦截，未能检查" }
        if let error = outcome.error, error != .robots { return error.chinese }
        if outcome.status == 0 || outcome.status >= 500 { return outcome.reason }
        return nil
    }

    /// Writes the evidence copy of each page with findings: the page's text with each hit
    /// marked; for a page unchanged since the last run (304), the copy that run wrote.
    private func evidenceHook() -> EvidenceHook {
        let folder = "\(siteFolder)/evidence"
        let siteName = target.name
        let fetchedAt = engine.settings.clock.now.description
        let log = self.log
        return { url, page, findings, earlier in
            let name = EvidenceFile.name(for: url)
            let path = "\(folder)/\(name)"
            if let page {
                let input = EvidenceInput(
                    siteName: siteName, url: url, pageTitle: page.title.isEmpty ? nil : page.title,
                    fetchedAt: fetchedAt, blocks: page.blocks,
                    hits: EvidenceHit.locate(findings, in: page.blocks), findings: findings)
                do {
                    try ReportFolder.write(Data(renderEvidence(input).utf8), to: path)
                } catch {
                    log.problem("evidence for \(url) not written: \(error)")
                }
            } else if let source = earlier, source != path, FileManager.default.fileExists(atPath: source) {
                try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                try? FileManager.default.removeItem(atPath: path)
                // A hard link where the file system allows: evidence files are only ever
                // replaced whole (atomic rename), never rewritten in place, so the earlier
                // run's copy stays as it was, and an unchanged night costs no data copy.
                if link(source, path) == 0 { return }
                do {
                    try FileManager.default.copyItem(atPath: source, toPath: path)
                } catch {
                    log.problem("evidence for \(url) not copied from \(source): \(error.localizedDescription)")
                }
            }
        }
    }
}

/// Streams each checked page's memory (validators, digest, own findings) to the store in
/// batches during the crawl, so a 100k-page site holds no digest per page until its commit.
/// A store error is kept and raised at the commit (the site then fails as a unit).
final class PageMemoryWriter: @unchecked Sendable {
    private let store: Store
    private let run: Int64
    private let site: String
    private let lock = NSLock()
    private var batch: [PageMemoryUpdate] = []
    private var failure: StoreError?
    static let batchSize = 256

    init(store: Store, run: Int64, site: String) { self.store = store; self.run = run; self.site = site }

    func add(_ page: ScannedPage) {
        let update: PageMemoryUpdate
        if page.outcome.isNotModified {
            update = .unchanged(url: page.outcome.url)
        } else {
            let outcome = page.outcome
            update = .fetched(
                PageMemoryRecord(
                    url: outcome.url, status: outcome.status == 0 ? nil : outcome.status,
                    etag: outcome.etag, lastModified: outcome.lastModified,
                    contentHash: page.contentHash, digest: page.digest, findings: page.findings))
        }
        let full: [PageMemoryUpdate]? = lock.withLock {
            batch.append(update)
            guard batch.count >= Self.batchSize else { return nil }
            defer { batch.removeAll(keepingCapacity: true) }
            return batch
        }
        if let full { write(full) }
    }

    func flush() throws(StoreError) {
        let rest = lock.withLock { () -> [PageMemoryUpdate] in
            defer { batch.removeAll() }
            return batch
        }
        write(rest)
        if let failure = lock.withLock({ failure }) { throw failure }
    }

    private func write(_ updates: [PageMemoryUpdate]) {
        do {
            try store.updatePageMemory(updates, run: run, site: site)
        } catch {
            lock.withLock { if failure == nil { failure = error } }
        }
    }
}

/// A run's record, read once per run id (its folder holds the evidence copies).
private final class RunRecords: @unchecked Sendable {
    private let store: Store
    private let lock = NSLock()
    private var records: [Int64: RunRecord?] = [:]

    init(store: Store) { self.store = store }

    func run(_ id: Int64) -> RunRecord? {
        if let known = lock.withLock({ records[id] }) { return known }
        let record = (try? store.run(id: id)) ?? nil
        lock.withLock { records[id] = record }
        return record
    }
}

private final class OutcomeBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Result<SiteJob.Outcome, Failure>?
    func set(_ result: Result<SiteJob.Outcome, Failure>) { lock.withLock { value = result } }
    func get() throws(Failure) -> SiteJob.Outcome {
        guard let value = lock.withLock({ value }) else {
            throw Failure.operation("the site's crawl ended without a result")
        }
        return try value.get()
    }
}
