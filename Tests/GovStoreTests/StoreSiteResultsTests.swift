import Foundation
import GovCore
import Testing
@testable import GovStore

/// completeSite (one transaction per site), what a 304 replays, and the schema upgrade.
@Suite struct StoreSiteResultsTests {
    func page(_ url: String, etag: String? = "\"v1\"", digestTitle: String = "通知", findings: [Finding] = [])
        -> PageRecord
    {
        let digest = Page(
            url: url, title: digestTitle, links: [Link(url: url + "next.html", text: "下一页")],
            meta: ["columnname": "通知公告"], listItems: [ListItem(title: "关于…的通知", url: url + "1.html", date: day1)])
        return PageRecord(
            url: url, status: 200, contentHash: "h", etag: etag, fetchedAt: Date(), title: digestTitle,
            digest: digest, findings: findings)
    }

    @Test func completeSiteCommitsPagesFindingsAndLifeCycleTogether() throws {
        let dir = TempStoreDirectory()
        let store = try Store(path: dir.storePath)
        let typo = finding("布署", url: "https://a/1")
        let run1 = try store.beginRun(kind: .run, sites: ["county-a"], day: day1)
        let details = Data("{\"pagesChecked\":2}".utf8)
        let first = try store.completeSite(
            run: run1, site: "county-a",
            results: SiteResults(pages: [page("https://a/1", findings: [typo])], findings: [typo], details: details))
        #expect(first.new == 1 && first.previousRun == nil)
        // Calling it again replaces the site's rows of this run; nothing doubles.
        try store.completeSite(
            run: run1, site: "county-a",
            results: SiteResults(pages: [page("https://a/1", findings: [typo])], findings: [typo], details: details))
        #expect(try store.findings(run: run1).count == 1)
        #expect(try store.siteDetails(run: run1)["county-a"] == details)
        try store.finishRun(id: run1)

        let remembered = try #require(try store.rememberedPages(site: "county-a")["https://a/1"])
        #expect(remembered.validators.etag == "\"v1\"" && remembered.validators.runID == run1)
        #expect(remembered.digest?.links.first?.url == "https://a/1next.html")
        #expect(remembered.digest?.listItems.first?.date == day1)
        #expect(remembered.findings == [typo], "the page's own findings, for a 304 to carry over")

        let run2 = try store.beginRun(kind: .run, sites: ["county-a"], day: day2)
        let second = try store.completeSite(run: run2, site: "county-a", results: SiteResults(pages: [], findings: []))
        #expect(second.fixed == 1 && second.previousRun == run1)
        #expect(try store.openKeys(run: run1) == [typo.key])
        #expect(try store.openKeys(run: run2).isEmpty)
        let found = try #require(try store.finding(key: typo.key))
        #expect(found.run == run1 && found.finding.match == "布署", "the run that last saw it")
        #expect(try store.finding(key: "0000000000000000") == nil)
    }

    @Test func aSiteOfAnUnfinishedRunIsNotRemembered() throws {
        let dir = TempStoreDirectory()
        let store = try Store(path: dir.storePath)
        let run = try store.beginRun(kind: .run, sites: ["county-a"], day: day1)
        try store.completeSite(
            run: run, site: "county-a", results: SiteResults(pages: [page("https://a/1")], findings: []))
        #expect(try store.rememberedPages(site: "county-a").isEmpty, "the run is still running")
        try store.finishRun(id: run, status: .failed)
        #expect(try store.rememberedPages(site: "county-a").isEmpty, "a failed run's pages are never replayed")
    }

    @Test func aFirstSchemaStoreUpgradesInPlace() throws {
        let dir = TempStoreDirectory()
        try FileManager.default.createDirectory(
            atPath: (dir.storePath as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true)
        try shell(
            "/usr/bin/sqlite3", [dir.storePath],
            input: Schema.migrations[0] + """
                PRAGMA user_version = 1;
                INSERT INTO runs(kind, status, started_at, day) VALUES ('run', 'finished', '2026-11-27T00:00:00Z', '2026-11-27');
                INSERT INTO sites(id, name, kind) VALUES ('county-a', '某县人民政府', 'website');
                INSERT INTO pages(run_id, site, url, status, etag, fetched_at) VALUES (1, 'county-a', 'https://a/1', 200, '"v0"', '2026-11-27T00:00:00Z');
                INSERT INTO run_sites(run_id, site, finished_at) VALUES (1, 'county-a', '2026-11-27T01:00:00Z');
                """)
        let store = try Store(path: dir.storePath)
        #expect(try store.currentSchemaVersion() == Store.schemaVersion)
        #expect(try store.sites() == [SiteRecord(id: "county-a", name: "某县人民政府", kind: .website)])
        #expect(try store.latestValidators(site: "county-a")["https://a/1"]?.etag == "\"v0\"")
        #expect(try store.rememberedPages(site: "county-a").isEmpty, "a page without a digest is fetched in full")
        #expect(try store.pages(run: 1, site: "county-a").first?.digest == nil)
        #expect(try store.integrityCheck() == "ok")
    }
}
