import Foundation
import GovConfig
import GovCore
import GovCrawl
import GovStore

/// One new-media account (政务新媒体) checked and recorded like a site: the last run's
/// validators, newest item and failure count go into the scan; the feed's own URL is stored
/// as its one page (for the next conditional request), the consecutive-failure count is
/// kept for `feed-unreadable`, and the results are committed as one transaction.
struct FeedJob {
    let engine: Engine
    let store: Store
    let feed: Config.Feed

    struct Outcome {
        var result: FeedScanResult
        var lifeCycle: LifeCycleCounts
        var details: SiteRunDetails
    }

    func run(runID: Int64) throws(Failure) -> Outcome {
        let started = Date()
        let scanner = engine.feedScanner(for: feed)
        let address = scanner.address
        try storeCall { () throws(StoreError) in
            try store.upsertSite(SiteRecord(id: feed.id, name: feed.name, kind: .feed, owner: feed.owner, url: address))
        }
        let record = try storeCall { () throws(StoreError) in try store.feedRecord(feed: feed.id) }
        let remembered = try storeCall { () throws(StoreError) in try store.latestValidators(site: feed.id) }[address]
        var carried: [Finding] = []
        var itemCount = 0
        if let remembered {
            carried = try storeCall { () throws(StoreError) in try store.findings(run: remembered.runID, site: feed.id)
            }
            .filter { $0.status != .fixed }
            let details = try storeCall { () throws(StoreError) in try store.siteDetails(run: remembered.runID) }[
                feed.id]
            itemCount = SiteRunDetails.decode(details)?.pagesChecked ?? 0
        }
        let memory = FeedMemory(
            validators: remembered.map { Validators(etag: $0.etag, lastModified: $0.lastModified) },
            newestItem: record?.lastItem, consecutiveFailures: record?.consecutiveFailures ?? 0,
            findings: carried, itemCount: itemCount)

        let result = scanner.scan(memory: memory)

        if let error = result.error {
            _ = try storeCall { () throws(StoreError) in try store.recordFeedFailure(feed: feed.id, error: error) }
        } else {
            try storeCall { () throws(StoreError) in try store.recordFeedSuccess(feed: feed.id, lastItem: result.newest)
            }
        }
        let now = Date()
        let today = engine.settings.clock.today
        var pages: [PageRecord] = []
        if let fetched = result.fetched {
            pages.append(
                PageRecord(
                    url: address, status: fetched.status == 0 ? nil : fetched.status,
                    etag: result.validators.etag, lastModified: result.validators.lastModified,
                    fetchedAt: now, title: feed.name))
        }
        let details = SiteRunDetails(
            kind: .feed, pagesChecked: result.itemCount,
            feedAgeDays: result.newest.map { today.days(since: $0.day) },
            lastPost: result.newest?.day, fetchError: result.error,
            seconds: now.timeIntervalSince(started))
        let lifeCycle = try storeCall { () throws(StoreError) in
            try store.completeSite(
                run: runID, site: feed.id,
                results: SiteResults(
                    pages: pages, findings: result.findings, details: details.encoded(),
                    notChecked: result.error.map { "账号未能读取：\($0)" },
                    deadline: Deadlines.policy(
                        workingDays: engine.settings.config?.rules.rectifyWorkingDays ?? 3,
                        calendar: engine.calendar)))
        }
        return Outcome(result: result, lifeCycle: lifeCycle, details: details)
    }
}
