import Foundation
import GovCore
import GovStore
import GovTestSupport
import Testing
@testable import GovKit

/// Issue 14 item 5: an unchanged night (every page 304) grows the store by under 1 % of the
/// first night — a run's pages are kept once per unchanged state (page_versions), findings
/// as transitions — and the reports of both nights rebuilt afterwards say what they said.
@Suite(.serialized) struct StoreGrowthTests {
    static let pageCount = 120

    static func site() throws -> FixtureSite {
        let site = try FixtureSite()
        let links = (1...pageCount).map { ("p\($0).html", "工作动态第\($0)期") }
        try site.write("index.html", NightlyRunTests.homepage(links: links), age: 60)
        for n in 1...pageCount {
            // Every tenth page carries a typo: findings are open on both nights.
            let text = n % 10 == 0 ? "会议要求认真布署第\(n)项工作。" : "各部门做好第\(n)项冬季安全生产工作，确保群众温暖过冬。"
            try site.write("p\(n).html", NightlyRunTests.article(text, title: "工作动态第\(n)期"), age: 60)
        }
        return site
    }

    static func night(_ work: NightlyWorkspace, _ day: Int) async -> Int32 {
        await offThePool { work.govlint(["run", "--now", String(format: "2026-12-%02dT08:00", day)]) }
    }

    /// What a night leaves in the reports folder that a rebuild writes again.
    static func reports(_ work: NightlyWorkspace, day: String) -> [String: String] {
        var out: [String: String] = [:]
        for name in ["county-a/notice.html", "county-a/notice.md", "county-a/ledger.csv", "summary.html", "summary.md"]
        {
            let path = work.reports.appendingPathComponent("\(day)/\(name)").path
            if let text = try? String(contentsOfFile: path, encoding: .utf8) { out[name] = text }
        }
        return out
    }

    @Test func anUnchangedNightGrowsTheStoreByUnderOnePercentAndBothReportsStayTheSame() async throws {
        let site = try Self.site()
        let work = try NightlyWorkspace()
        try work.writeConfig(sites: [.init(id: "county-a", name: "测试县人民政府", url: site.url)])

        #expect(await Self.night(work, 1) == 0)
        let (first, run1) = try { () throws -> (StoreSize, Int64) in
            let store = try work.store()
            return (try store.size(), try #require(try store.latestRun()).id)
        }()
        let firstReports = Self.reports(work, day: "2026-12-01")
        #expect(firstReports["county-a/notice.html"]?.contains("布署") == true)

        #expect(await Self.night(work, 2) == 0)
        let store = try work.store()
        let run2 = try #require(try store.latestRun()).id
        let second = try store.size()
        let pages = try store.pages(run: run2, site: "county-a")
        #expect(pages.count == Self.pageCount + 1)
        #expect(
            pages.allSatisfy { $0.status == 304 }, "the second night is all 304: \(Set(pages.map { $0.status ?? 0 }))")
        #expect(
            try store.pages(run: run1, site: "county-a").allSatisfy { $0.status == 200 },
            "the first night's answers stay exact")
        #expect(try store.tableCounts()["page_versions"] == Self.pageCount + 1, "one row per page for both nights")
        let growth = Double(second.bytes - first.bytes) / Double(first.bytes)
        #expect(
            growth < 0.01, "store \(first.bytes) → \(second.bytes) bytes (\(String(format: "%.2f", growth * 100)) %)")
        #expect(
            second.rowBytes - first.rowBytes < first.rowBytes / 100, "row bytes \(first.rowBytes) → \(second.rowBytes)")

        let secondReports = Self.reports(work, day: "2026-12-02")
        #expect(secondReports["county-a/notice.html"]?.contains("布署") == true, "the carried-over typos are still open")
        for (run, day, written) in [(run1, "2026-12-01", firstReports), (run2, "2026-12-02", secondReports)] {
            #expect(await offThePool { work.govlint(["report", "--run", String(run)]) } == 0)
            let rebuilt = Self.reports(work, day: day)
            #expect(rebuilt.keys.sorted() == written.keys.sorted())
            for (name, text) in written { #expect(rebuilt[name] == text, "\(day)/\(name) rebuilt differs") }
        }
    }
}
