import Foundation
import GovCore
import Testing
@testable import GovStore

@Suite struct StoreTests {
    @Test func migrationsAreIdempotentAndANewerSchemaIsRefused() throws {
        let dir = TempStoreDirectory()
        do {
            let store = try Store(path: dir.storePath)
            #expect(try store.currentSchemaVersion() == Store.schemaVersion)
            _ = try store.beginRun(kind: .run, sites: ["county-a"], day: day1)
        }
        let reopened = try Store(path: dir.storePath)
        #expect(try reopened.currentSchemaVersion() == Store.schemaVersion)
        #expect(try reopened.runs().count == 1, "reopening keeps the data")
        let tables = try shell(
            "/usr/bin/sqlite3", [dir.storePath, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"])
        #expect(
            tables.split(separator: "\n") == [
                "feed_state", "finding_history", "finding_texts", "outbox", "page_memory", "page_versions", "probes",
                "run_findings", "run_site_tally", "run_sites", "run_unread", "runs", "sites",
            ])
        #expect(try shell("/usr/bin/sqlite3", [dir.storePath, "PRAGMA journal_mode"]).hasPrefix("wal"))

        try shell("/usr/bin/sqlite3", [dir.storePath, "PRAGMA user_version = 99"])
        #expect(throws: StoreError.schemaTooNew(path: dir.storePath, found: 99, supported: Store.schemaVersion)) {
            _ = try Store(path: dir.storePath)
        }
    }

    @Test func lifeCycleAcrossThreeRuns() throws {
        let dir = TempStoreDirectory()
        let store = try Store(path: dir.storePath)
        let a = finding("布署"), b = finding("既使"), c = finding("帐号", url: "https://www.a.example.gov.cn/2.html")
        let other = finding("布署", site: "county-b", url: "https://www.b.example.gov.cn/")

        let run1 = try store.beginRun(kind: .run, sites: ["county-a", "county-b"], day: day1)
        try store.addFindings([a, b, a, other], run: run1)
        let first = try store.finishRun(id: run1, site: "county-a")
        #expect(first == LifeCycleCounts(new: 2, open: 0, fixed: 0, previousRun: nil))
        try store.finishRun(id: run1, site: "county-b")
        try store.finishRun(id: run1)

        let run2 = try store.beginRun(kind: .run, sites: ["county-a"], day: day2)
        try store.addFindings([a, c], run: run2)
        let second = try store.finishRun(id: run2, site: "county-a")
        #expect(second == LifeCycleCounts(new: 1, open: 1, fixed: 1, previousRun: run1))
        #expect(try store.finishRun(id: run2, site: "county-a") == second, "finishing a site twice changes nothing")
        try store.finishRun(id: run2)

        // A scan in between is its own history: it must not become the nightly baseline.
        let scan = try store.beginRun(kind: .scan, sites: ["county-a"], day: day3)
        try store.addFindings([], run: scan)
        #expect(try store.finishRun(id: scan, site: "county-a").previousRun == nil)
        try store.finishRun(id: scan)

        let run3 = try store.beginRun(kind: .run, sites: ["county-a"], day: day3)
        try store.addFindings([c], run: run3)
        let third = try store.finishRun(id: run3, site: "county-a")
        #expect(third == LifeCycleCounts(new: 0, open: 1, fixed: 1, previousRun: run2))
        try store.finishRun(id: run3)

        let states = try store.findings(run: run2, site: "county-a").map {
            "\($0.match) \($0.status!.rawValue) \($0.firstSeen!)"
        }
        #expect(Set(states) == ["布署 open 2026-11-27", "帐号 new 2026-11-28", "既使 fixed 2026-11-27"])
        let last = try store.findings(run: run3, site: "county-a").map {
            "\($0.match) \($0.status!.rawValue) \($0.firstSeen!)"
        }
        #expect(
            Set(last) == ["帐号 open 2026-11-28", "布署 fixed 2026-11-27"], "a fixed finding is not reported fixed twice")
        let stored = try #require(try store.findings(run: run1, site: "county-a").first { $0.match == "布署" })
        #expect(stored.context == a.context && stored.key == a.key && stored.url == a.url)
        #expect(try store.findings(run: run1, site: "county-b").count == 1)
        #expect(try store.previousRun(before: run3, site: "county-a")?.id == run2)
        #expect(try store.run(id: run1)?.finishedSites == ["county-a", "county-b"])
        #expect(try store.latestRun(kind: .run)?.id == run3)
        #expect(try store.runs(kind: .scan).map(\.id) == [scan])
    }

    @Test func aFailedRunDoesNotFeedTheLifeCycle() throws {
        let dir = TempStoreDirectory()
        let store = try Store(path: dir.storePath)
        let a = finding("布署"), partial = finding("部份")
        let run1 = try store.beginRun(kind: .run, sites: ["county-a"], day: day1)
        try store.addFindings([a], run: run1)
        try store.finishRun(id: run1, site: "county-a")
        try store.finishRun(id: run1)

        let broken = try store.beginRun(kind: .run, sites: ["county-a"], day: day2)
        try store.addFindings([partial], run: broken)
        try store.finishRun(id: broken, site: "county-a")
        try store.finishRun(id: broken, status: .failed, note: "disk full")

        let run3 = try store.beginRun(kind: .run, sites: ["county-a"], day: day3)
        try store.addFindings([a, partial], run: run3)
        #expect(
            try store.finishRun(id: run3, site: "county-a")
                == LifeCycleCounts(new: 1, open: 1, fixed: 0, previousRun: run1))
        #expect(throws: StoreError.badRun(id: broken, reason: "not a running run")) { try store.finishRun(id: broken) }
    }

    @Test func validatorsComeFromTheNewestCompletedFetch() throws {
        let dir = TempStoreDirectory()
        let store = try Store(path: dir.storePath)
        let now = Date()
        let run1 = try store.beginRun(kind: .run, sites: ["county-a"], day: day1)
        try store.addPages(
            [
                PageRecord(
                    url: "https://a/1", status: 200, contentHash: "h1", etag: "\"v1\"", fetchedAt: now,
                    title: "关于做好安全生产工作的通知", column: "通知公告"),
                PageRecord(
                    url: "https://a/2", status: 200, lastModified: "Wed, 25 Nov 2026 08:00:00 GMT", fetchedAt: now),
                PageRecord(url: "https://a/3", status: 404, etag: "\"x\"", fetchedAt: now),
                PageRecord(url: "https://a/4", status: 200, fetchedAt: now),
            ], run: run1, site: "county-a")
        try store.finishRun(id: run1, site: "county-a")
        try store.finishRun(id: run1)

        let run2 = try store.beginRun(kind: .run, sites: ["county-a"], day: day2)
        try store.addPages(
            [PageRecord(url: "https://a/1", status: 200, etag: "\"v2\"", fetchedAt: now)], run: run2, site: "county-a")
        // run2 never completes the site: its validators must not be used.
        let validators = try store.latestValidators(site: "county-a")
        #expect(Set(validators.keys) == ["https://a/1", "https://a/2"])
        #expect(
            validators["https://a/1"]
                == PageValidators(etag: "\"v1\"", lastModified: nil, runID: run1, contentHash: "h1"))
        #expect(validators["https://a/2"]?.lastModified == "Wed, 25 Nov 2026 08:00:00 GMT")

        try store.finishRun(id: run2, site: "county-a")
        try store.finishRun(id: run2)
        #expect(try store.latestValidators(site: "county-a")["https://a/1"]?.etag == "\"v2\"")
        let page = try #require(try store.pages(run: run1, site: "county-a").first)
        #expect(page.title == "关于做好安全生产工作的通知" && page.column == "通知公告", "text is bound TRANSIENT, never empty")
    }

    @Test func probeStatsOverSevenDays() throws {
        let dir = TempStoreDirectory()
        let store = try Store(path: dir.storePath)
        let now = Date(timeIntervalSince1970: 1_796_000_000)
        // 20 probes a day for 7 days, every 72 minutes; 7 of the 140 failed (the veto line).
        for index in 0..<140 {
            let at = now.addingTimeInterval(-Double(index) * 72 * 60)
            let failed = index % 20 == 3
            try store.recordProbe(
                ProbeResult(
                    site: "county-a", at: at, ok: !failed, seconds: failed ? 15 : 0.4,
                    status: failed ? nil : 200, error: failed ? "timeout after 15 s" : nil))
        }
        // Older than the window, and another site: both excluded.
        try store.recordProbe(
            ProbeResult(site: "county-a", at: now.addingTimeInterval(-8 * 86_400), ok: false, seconds: 15))
        try store.recordProbe(ProbeResult(site: "county-b", at: now, ok: false, seconds: 15))
        let stats = try store.probeStats(site: "county-a", since: now.addingTimeInterval(-7 * 86_400))
        #expect(stats == ProbeStats(total: 140, failed: 7))
        #expect(stats.failedRatio == 0.05)
        #expect(
            try store.probeStats(site: "county-c", since: now.addingTimeInterval(-7 * 86_400))
                == ProbeStats(total: 0, failed: 0))
    }

    @Test func outboxKeepsFailedMailForRetry() throws {
        let dir = TempStoreDirectory()
        let store = try Store(path: dir.storePath)
        let run = try store.beginRun(kind: .run, sites: [], day: day1)
        // Raw bytes, not text: CRLF line ends and an 8-bit body must come back unchanged.
        let message =
            Data("Subject: =?UTF-8?B?5pW05pS56YCa55+l?=\r\n\r\n".utf8)
            + Data([0xE6, 0x95, 0xB4, 0x00, 0xFF, 0x0D, 0x0A])
        let first = try store.enqueue(
            run: run, recipients: ["web@a.example.gov.cn", "cc@a.example.gov.cn"], subject: "整改通知", message: message)
        let second = try store.enqueue(
            run: nil, recipients: ["gkb@example.gov.cn"], subject: "汇总", message: Data("x".utf8))
        try store.markFailed(id: first, error: "curl 67: Login denied")
        try store.markFailed(id: first, error: "curl 7: connection refused")

        var pending = try store.pending()
        #expect(pending.map(\.id) == [first, second])
        #expect(pending[0].attempts == 2 && pending[0].lastError == "curl 7: connection refused")
        #expect(
            pending[0].message == message && pending[0].recipients == ["web@a.example.gov.cn", "cc@a.example.gov.cn"])
        #expect(pending[0].subject == "整改通知" && pending[0].runID == run)
        #expect(try store.pending(run: run).map(\.id) == [first])

        try store.markSent(id: first)
        pending = try store.pending()
        #expect(pending.map(\.id) == [second])
        let all = try store.outbox(run: run)
        #expect(all.count == 1 && all[0].sentAt != nil && all[0].attempts == 3 && all[0].lastError == nil)
    }

    @Test func feedRecordCountsFailuresInARow() throws {
        let dir = TempStoreDirectory()
        let store = try Store(path: dir.storePath)
        #expect(try store.feedRecord(feed: "wx-a") == nil)
        #expect(try store.recordFeedFailure(feed: "wx-a", error: "HTTP 502") == 1)
        #expect(try store.recordFeedFailure(feed: "wx-a", error: "timeout") == 2)
        let item = LocalDateTime(day: day2, minuteOfDay: 9 * 60 + 30)
        try store.recordFeedSuccess(feed: "wx-a", lastItem: item)
        var state = try #require(try store.feedRecord(feed: "wx-a"))
        #expect(
            state.consecutiveFailures == 0 && state.lastItem == item && state.lastSuccess != nil
                && state.lastError == nil)
        // An older item (a feed reordered) does not move the date back.
        try store.recordFeedSuccess(feed: "wx-a", lastItem: LocalDateTime(day: day1))
        state = try #require(try store.feedRecord(feed: "wx-a"))
        #expect(state.lastItem == item)
        #expect(try store.recordFeedFailure(feed: "wx-a", error: "timeout") == 1)
    }

    @Test func sitesAreUpserted() throws {
        let dir = TempStoreDirectory()
        let store = try Store(path: dir.storePath)
        try store.upsertSite(SiteRecord(id: "county-a", name: "甲县", kind: .website))
        try store.upsertSite(SiteRecord(id: "county-a", name: "某某县人民政府", kind: .website))
        try store.upsertSite(SiteRecord(id: "wx-a", name: "某某县发布", kind: .feed))
        #expect(
            try store.sites() == [
                SiteRecord(id: "county-a", name: "某某县人民政府", kind: .website),
                SiteRecord(id: "wx-a", name: "某某县发布", kind: .feed),
            ])
    }
}
