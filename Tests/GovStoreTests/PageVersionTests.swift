import Foundation
import GovCore
import Testing
@testable import GovStore

/// page_versions (migration 7): a run's pages kept once per unchanged state, with every
/// run's own answer still exact — and prune, recommits and out-of-order commits on top.
@Suite struct PageVersionTests {
    static let url1 = "https://www.a.example.gov.cn/1.html", url2 = "https://www.a.example.gov.cn/2.html"

    static func page(_ url: String, status: Int, etag: String = "\"e1\"", title: String = "标题") -> PageRecord {
        PageRecord(
            url: url, status: status, contentHash: "h-\(etag)", etag: etag, fetchedAt: Date(), title: title,
            column: "政务动态")
    }

    /// One finished run of county-a that commits `pages`.
    static func night(_ store: Store, _ day: Day, kind: RunKind = .run, _ pages: [PageRecord]) throws -> Int64 {
        let id = try store.beginRun(kind: kind, sites: ["county-a"], day: day)
        try store.completeSite(run: id, site: "county-a", results: SiteResults(pages: pages, findings: []))
        try store.finishRun(id: id)
        return id
    }

    static func answers(_ store: Store, _ run: Int64) throws -> [String] {
        try store.pages(run: run, site: "county-a").map { "\($0.url.suffix(7))=\($0.status ?? 0)|\($0.etag ?? "")" }
    }

    @Test func unchangedNightsAddNoRowAndEachRunKeepsItsOwnAnswer() throws {
        let dir = TempStoreDirectory()
        let store = try Store(path: dir.storePath)
        let run1 = try Self.night(store, day1, [Self.page(Self.url1, status: 200), Self.page(Self.url2, status: 200)])
        let run2 = try Self.night(store, day2, [Self.page(Self.url1, status: 304), Self.page(Self.url2, status: 304)])
        let run3 = try Self.night(store, day3, [Self.page(Self.url1, status: 304), Self.page(Self.url2, status: 304)])
        #expect(try store.tableCounts()["page_versions"] == 2, "two pages, three runs, two rows")
        #expect(try Self.answers(store, run1) == ["/1.html=200|\"e1\"", "/2.html=200|\"e1\""])
        #expect(try Self.answers(store, run2) == ["/1.html=304|\"e1\"", "/2.html=304|\"e1\""])
        #expect(try Self.answers(store, run3) == ["/1.html=304|\"e1\"", "/2.html=304|\"e1\""])
        #expect(try store.latestValidators(site: "county-a")[Self.url1]?.runID == run3)

        // A changed page and a page gone: a new row for the change, nothing for the other.
        let day4 = Day(year: 2026, month: 11, day: 30)!
        let run4 = try Self.night(store, day4, [Self.page(Self.url1, status: 200, etag: "\"e2\"")])
        #expect(try store.tableCounts()["page_versions"] == 3)
        #expect(try Self.answers(store, run4) == ["/1.html=200|\"e2\""])
        #expect(
            try Self.answers(store, run3) == ["/1.html=304|\"e1\"", "/2.html=304|\"e1\""],
            "an older run reads as it was")
        #expect(
            try store.latestValidators(site: "county-a")[Self.url2]?.runID == run3,
            "the newest fetch of a page gone since")
        // A page back after a night away starts a new span: the night it was absent stays without it.
        let day5 = Day(year: 2026, month: 12, day: 1)!
        let run5 = try Self.night(
            store, day5, [Self.page(Self.url1, status: 304, etag: "\"e2\""), Self.page(Self.url2, status: 304)])
        #expect(try Self.answers(store, run4) == ["/1.html=200|\"e2\""])
        #expect(try Self.answers(store, run5) == ["/1.html=304|\"e2\"", "/2.html=304|\"e1\""])
    }

    @Test func aSiteCommittedAgainReplacesItsRowsAndAnOtherSitesRunHasNone() throws {
        let dir = TempStoreDirectory()
        let store = try Store(path: dir.storePath)
        let run1 = try Self.night(store, day1, [Self.page(Self.url1, status: 200), Self.page(Self.url2, status: 200)])
        let run2 = try store.beginRun(kind: .run, sites: ["county-a"], day: day2)
        try store.completeSite(
            run: run2, site: "county-a", results: SiteResults(pages: [Self.page(Self.url1, status: 304)], findings: []))
        try store.completeSite(
            run: run2, site: "county-a", results: SiteResults(pages: [Self.page(Self.url2, status: 304)], findings: []))
        try store.finishRun(id: run2)
        #expect(
            try Self.answers(store, run2) == ["/2.html=304|\"e1\""], "the second commit of the site replaces the first")
        #expect(try Self.answers(store, run1) == ["/1.html=200|\"e1\"", "/2.html=200|\"e1\""])
        let other = try store.beginRun(kind: .run, sites: ["county-b"], day: day2)
        try store.completeSite(run: other, site: "county-b", results: SiteResults(pages: [], findings: []))
        try store.finishRun(id: other)
        let run3 = try Self.night(store, day3, [Self.page(Self.url2, status: 304)])
        #expect(
            try store.pages(run: other, site: "county-a").isEmpty,
            "a run that did not commit the site has none of its pages")
        #expect(try Self.answers(store, run3) == ["/2.html=304|\"e1\""])
    }

    @Test func aRunCommittedAfterALaterOneKeepsBothExact() throws {
        let dir = TempStoreDirectory()
        let store = try Store(path: dir.storePath)
        _ = try Self.night(store, day1, [Self.page(Self.url1, status: 200), Self.page(Self.url2, status: 200)])
        // The nightly run starts, a scan starts and commits first, the nightly run commits without 2.html.
        let nightly = try store.beginRun(kind: .run, sites: ["county-a"], day: day2)
        let scan = try Self.night(
            store, day2, kind: .scan, [Self.page(Self.url1, status: 304), Self.page(Self.url2, status: 304)])
        try store.completeSite(
            run: nightly, site: "county-a",
            results: SiteResults(pages: [Self.page(Self.url1, status: 304)], findings: []))
        try store.finishRun(id: nightly)
        #expect(try Self.answers(store, nightly) == ["/1.html=304|\"e1\""])
        #expect(try Self.answers(store, scan) == ["/1.html=304|\"e1\"", "/2.html=304|\"e1\""])
        let next = try Self.night(store, day3, [Self.page(Self.url1, status: 304), Self.page(Self.url2, status: 304)])
        #expect(try Self.answers(store, next) == ["/1.html=304|\"e1\"", "/2.html=304|\"e1\""])
        #expect(try Self.answers(store, nightly) == ["/1.html=304|\"e1\""])
    }

    @Test func pruneDropsOldRunsPagesAndKeepsSpansAKeptRunNeeds() throws {
        let dir = TempStoreDirectory()
        let store = try Store(path: dir.storePath)
        let run1 = try Self.night(
            store, day1, [Self.page(Self.url1, status: 200), Self.page(Self.url2, status: 200, etag: "\"a\"")])
        let run2 = try Self.night(
            store, day2, [Self.page(Self.url1, status: 304), Self.page(Self.url2, status: 200, etag: "\"b\"")])
        let run3 = try Self.night(
            store, day3, [Self.page(Self.url1, status: 304), Self.page(Self.url2, status: 200, etag: "\"c\"")])
        let counts = try store.prune(before: day3, probesBefore: Date(timeIntervalSince1970: 0), hash: { _ in "" })
        #expect(counts.runs == 2 && counts.pageRows == 4, "\(counts)")
        #expect(
            try store.pages(run: run1, site: "county-a").isEmpty && store.pages(run: run2, site: "county-a").isEmpty)
        #expect(try Self.answers(store, run3) == ["/1.html=304|\"e1\"", "/2.html=200|\"c\""])
        #expect(
            try store.tableCounts()["page_versions"] == 2,
            "the span 1.html shares with the kept run stays; 2.html's old states go")
        let again = try store.prune(before: day3, probesBefore: Date(timeIntervalSince1970: 0), hash: { _ in "" })
        #expect(again.runs == 0 && again.pageRows == 0)
        #expect(try store.integrityCheck() == "ok")
    }
}
