import Foundation
import GovConfig
import GovCore
import GovCrawl
import GovReport
import GovRules
import GovStore

/// One website checked and recorded: what the last finished run remembers of its pages goes
/// into conditional requests (a 304 replays the page's digest and carries its findings
/// over), probes of the last days go into the snapshot, evidence copies are written while
/// the pages are in hand, and the results are committed as one transaction. Shared by
/// `run` (every site) and `scan` (one site, RunKind.scan).
struct SiteJob {
    let engine: Engine
    let store: Store
    let target: ScanTarget
    /// `reports/<date>/<site>`: the evidence copies go into its `evidence/`.
    let siteFolder: String
    let reportsRoot: String
    let probeWindowDays: Int
    let log: RunLog

    struct Outcome {
        var result: SiteScanResult
        var lifeCycle: LifeCycleCounts
        var details: SiteRunDetails
    }

    func run(runID: Int64, progress: (@Sendable (CrawlProgress) -> Void)?) throws(Failure) -> Outcome {
        let started = Date()
        let remembered = try storeCall { () throws(StoreError) in try store.rememberedPages(site: target.id) }
        var memory: [String: (Validators, PageMemory)] = [:]
        for (url, page) in remembered {
            guard let digest = page.digest else { continue }
            memory[url] = (Validators(etag: page.validators.etag, lastModified: page.validators.lastModified),
                           PageMemory(digest: digest, findings: page.findings, contentHash: page.validators.contentHash))
        }
        // Where each remembered page's evidence copy was written, for a 304 to reuse it.
        var earlierFolders: [String: String] = [:]
        for runID in Set(remembered.values.map(\.validators.runID)) {
            if let day = try storeCall({ () throws(StoreError) in try store.run(id: runID) })?.day {
                earlierFolders[String(runID)] = "\(reportsRoot)/\(day)/\(target.id)/evidence"
            }
        }
        let earlierEvidence = remembered.compactMapValues { earlierFolders[String($0.validators.runID)] }
        let since = Date().addingTimeInterval(-Double(probeWindowDays) * 86_400)
        let probes = try storeCall { () throws(StoreError) in try store.probeStats(site: target.id, since: since) }

        let result = engine.scanner(for: target).run(memory: memory, probes: probes,
                                                     evidence: evidenceHook(earlier: earlierEvidence), progress: progress)

        let now = Date()
        let pages = result.pages.map { page -> PageRecord in
            let outcome = page.outcome
            let previous = remembered[outcome.url]?.validators ?? remembered[outcome.finalURL]?.validators
            // A 304 usually omits the validators: keep asking with the ones that earned it.
            let etag = outcome.etag ?? (outcome.isNotModified ? previous?.etag : nil)
            let lastModified = outcome.lastModified ?? (outcome.isNotModified ? previous?.lastModified : nil)
            return PageRecord(url: outcome.url, status: outcome.status == 0 ? nil : outcome.status,
                              contentHash: page.contentHash ?? (outcome.isNotModified ? previous?.contentHash : nil),
                              etag: etag, lastModified: lastModified, fetchedAt: now, title: page.title,
                              column: page.column, digest: page.digest, findings: page.findings)
        }
        let homepage = result.pages.first { URLNormalizer.normalize($0.outcome.url) == URLNormalizer.normalize(target.url) }?.outcome
        let counts = SiteRules.counts(snapshot: result.snapshot, findings: result.findings, now: engine.settings.clock.today)
        let details = SiteRunDetails(
            kind: .website, pagesChecked: result.crawl.pagesFetched, notModified: result.crawl.notModified,
            columnsChecked: result.snapshot.columns.count, homepageAgeDays: counts.homepageAgeDays,
            probes: probes.total > 0 ? probes : nil,
            fetchError: homepage.flatMap { $0.isBroken ? $0.reason : nil } ?? (homepage == nil ? "首页未能抓取" : nil),
            seconds: now.timeIntervalSince(started))
        let gaps = Self.checkGaps(result, homepage: homepage, maxPages: engine.settings.config?.crawl.maxPages)
        let deadline = Deadlines.policy(workingDays: engine.settings.config?.rules.rectifyWorkingDays ?? 3, calendar: engine.calendar)
        let lifeCycle = try storeCall { () throws(StoreError) in
            try store.completeSite(run: runID, site: target.id,
                                   results: SiteResults(pages: pages, findings: result.findings, details: details.encoded(),
                                                        notChecked: gaps.notChecked, unread: gaps.unread, partial: gaps.partial,
                                                        deadline: deadline))
        }
        return Outcome(result: result, lifeCycle: lifeCycle, details: details)
    }

    /// What this run could not read (SPEC §7, fail closed): the whole site when its homepage
    /// was not fetched, blocked, broken or not checkable; each page that timed out, failed,
    /// met a WAF or could not be checked; and, when the page cap stopped the crawl, the pages
    /// it did not reach. Their open findings carry over open.
    static func checkGaps(_ result: SiteScanResult, homepage: FetchOutcome?, maxPages: Int?) -> CheckGaps {
        var unread: [String: String] = [:]
        var homepageReason: String?
        let home = result.pages.first { $0.outcome.url == homepage?.url }
        for page in result.pages {
            guard let reason = unreadReason(page) else { continue }
            unread[page.outcome.url] = reason
            unread[page.outcome.finalURL] = reason
            if page.outcome.url == home?.outcome.url { homepageReason = reason }
        }
        let notChecked = homepage == nil ? "首页未能抓取" : homepageReason.map { "首页\($0)" }
        let partial = result.crawl.pageLimited > 0
            ? "达到抓取页数上限\(maxPages.map { "（\($0)个页面）" } ?? "")，其余\(result.crawl.pageLimited)个页面本次未检查" : nil
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
    private func evidenceHook(earlier: [String: String]) -> EvidenceHook {
        let folder = "\(siteFolder)/evidence"
        let siteName = target.name
        let fetchedAt = engine.settings.clock.now.description
        let log = self.log
        return { url, page, findings in
            let name = EvidenceFile.name(for: url)
            let path = "\(folder)/\(name)"
            if let page {
                let input = EvidenceInput(siteName: siteName, url: url, pageTitle: page.title.isEmpty ? nil : page.title,
                                          fetchedAt: fetchedAt, blocks: page.blocks,
                                          hits: EvidenceHit.locate(findings, in: page.blocks), findings: findings)
                do {
                    try ReportFolder.write(Data(renderEvidence(input).utf8), to: path)
                } catch {
                    log.problem("evidence for \(url) not written: \(error)")
                }
            } else if let source = earlier[url].map({ "\($0)/\(name)" }), source != path,
                      FileManager.default.fileExists(atPath: source) {
                try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                try? FileManager.default.removeItem(atPath: path)
                do {
                    try FileManager.default.copyItem(atPath: source, toPath: path)
                } catch {
                    log.problem("evidence for \(url) not copied from \(source): \(error.localizedDescription)")
                }
            }
        }
    }
}
