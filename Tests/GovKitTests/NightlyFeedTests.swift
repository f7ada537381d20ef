import Foundation
import GovStore
import Testing
@testable import GovKit

/// Accounts sit beside websites in the nightly run: stored, noticed, summarised; the stale
/// rule fires on the silent account only, and an unreadable feed is counted, not a crash.
@Suite(.serialized) struct NightlyFeedTests {
    static func rss(_ items: [(title: String, date: String, text: String)]) -> String {
        let entries = items.map { item in
            "<item><title>\(item.title)</title><link>https://mp.example.com/s/\(abs(item.title.hashValue))</link>"
                + "<pubDate>\(item.date)</pubDate><description><![CDATA[<p>\(item.text)</p>]]></description></item>"
        }.joined()
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>账号</title>"
            + "<link>https://mp.example.com/</link>\(entries)</channel></rss>"
    }

    @Test func accountsAreCheckedStoredAndReportedBesideSites() throws {
        let site = try FixtureSite()
        let work = try NightlyWorkspace()
        try site.write("index.html", FixtureSite.page(title: "测试县人民政府", body: "欢迎访问。", column: "首页"))
        try site.write("fresh.xml", Self.rss([("推进会召开", "Wed, 25 Nov 2026 10:00:00 +0800", "各部门认真布署冬季工作。")]))
        try site.write("silent.xml", Self.rss([("秋季运动会", "Mon, 12 Oct 2026 09:00:00 +0800", "运动会顺利举行。")]))
        try work.writeConfig(
            sites: [.init(id: "county-a", name: "测试县人民政府", url: site.url)],
            feeds: [
                .init(id: "wx-fresh", name: "测试县发布", url: site.url + "fresh.xml"),
                .init(id: "wx-silent", name: "测试县税务", url: site.url + "silent.xml"),
                .init(id: "wx-gone", name: "测试县旧号", url: site.url + "missing.xml"),
            ])

        #expect(work.govlint(["run", "--now", "2026-11-28T08:00"]) == 0)
        let fresh = work.findings(day: "2026-11-28", site: "wx-fresh")
        #expect(fresh.map { $0["rule"] as? String } == ["typo"], "the post's typo, and the account is not stale")
        let silent = work.findings(day: "2026-11-28", site: "wx-silent")
        #expect(silent.map { $0["rule"] as? String } == ["feed-stale"])
        #expect(silent.first?["severity"] as? String == "veto")
        #expect(work.findings(day: "2026-11-28", site: "wx-gone").isEmpty, "one failed read is not yet feed-unreadable")

        let store = try work.store()
        #expect(try store.feedRecord(feed: "wx-gone")?.consecutiveFailures == 1)
        #expect(try store.feedRecord(feed: "wx-fresh")?.lastItem?.day.description == "2026-11-25")
        let notice = work.text("2026-11-28/wx-silent/notice.html")
        #expect(notice.contains("测试县税务") && notice.contains("不合格"))
        let summary = work.text("2026-11-28/summary.html")
        #expect(summary.contains("新媒体") && summary.contains("测试县发布") && summary.contains("2026年11月25日"))

        // Two more failed nights make the unreadable account a finding.
        #expect(work.govlint(["run", "--now", "2026-11-29T08:00"]) == 0)
        #expect(work.govlint(["run", "--now", "2026-11-30T08:00"]) == 0)
        #expect(work.findings(day: "2026-11-30", site: "wx-gone").map { $0["rule"] as? String } == ["feed-unreadable"])
        #expect(try store.integrityCheck() == "ok")
    }
}
