import Foundation
import GovCore
import GovStore
import GovTestSupport
import Testing
@testable import GovCLI
@testable import GovKit

/// `govlint run`, `report`, `ignore`, `probe` end to end: a real site on 127.0.0.1, a real
/// SQLite store, the files written under reports/<date>/.
@Suite(.serialized) struct NightlyRunTests {
    static func homepage(links: [(String, String)]) -> String {
        FixtureSite.page(title: "测试县人民政府", body: "欢迎访问测试县人民政府网站。", column: "首页", links: links)
    }

    static func article(_ text: String, title: String = "县政府召开常务会议") -> String {
        FixtureSite.page(title: title, body: text)
    }

    @Test func aPageFixedBetweenTwoRunsGoesFromNewToFixed() throws {
        let site = try FixtureSite()
        let work = try NightlyWorkspace()
        try site.write("index.html", Self.homepage(links: [("a.html", "常务会议"), ("b.html", "工作动态")]), age: 60)
        try site.write("a.html", Self.article("会议要求认真布署全年工作。"), age: 60)
        try site.write("b.html", Self.article("各部门认真布署冬季安全生产。", title: "安全生产工作动态"), age: 60)
        try work.writeConfig(sites: [.init(id: "county-a", name: "测试县人民政府", url: site.url)])

        #expect(work.govlint(["run", "--now", "2026-11-27T08:00"]) == 0)
        let first = work.findings(day: "2026-11-27", site: "county-a").filter { $0["rule"] as? String == "typo" }
        #expect(first.count == 2)
        #expect(first.allSatisfy { $0["status"] as? String == "new" })

        try site.write("a.html", Self.article("会议要求认真部署全年工作。"))
        #expect(work.govlint(["run", "--now", "2026-11-28T08:00"]) == 0)
        let second = work.findings(day: "2026-11-28", site: "county-a").filter { $0["rule"] as? String == "typo" }
        let byURL = Dictionary(
            second.map { ($0["url"] as? String ?? "", $0["status"] as? String ?? "") }, uniquingKeysWith: { a, _ in a })
        #expect(byURL[site.url + "a.html"] == "fixed")
        #expect(byURL[site.url + "b.html"] == "open", "b.html answered 304: its finding is carried over, still open")
        #expect(second.first { $0["url"] as? String == site.url + "b.html" }?["first_seen"] as? String == "2026-11-27")

        let store = try work.store()
        let run2 = try #require(try store.latestRun())
        let pages = try store.pages(run: run2.id, site: "county-a")
        #expect(pages.first { $0.url == site.url + "b.html" }?.status == 304)
        #expect(pages.first { $0.url == site.url + "a.html" }?.status == 200)
        let notice = work.text("2026-11-28/county-a/notice.html")
        #expect(notice.contains("已整改问题（1个）"))
        #expect(notice.contains("已整改") && notice.contains("未整改"))
        #expect(
            FileManager.default.fileExists(
                atPath: work.reports.appendingPathComponent(
                    "2026-11-28/county-a/evidence/\(EvidenceFile.name(for: site.url + "b.html"))"
                ).path),
            "the evidence copy of a 304 page is carried into the new run's folder")
        // Carried as a hard link (no data copied on an unchanged night); a later fresh copy
        // replaces the name whole and leaves the earlier runs' copies as they were.
        let evidence = { (day: String) in
            work.reports.appendingPathComponent(
                "\(day)/county-a/evidence/\(EvidenceFile.name(for: site.url + "b.html"))"
            ).path
        }
        let links = try FileManager.default.attributesOfItem(atPath: evidence("2026-11-28"))[.referenceCount] as? Int
        #expect((links ?? 0) >= 2, "one file, linked from both runs' folders")
        let carried = work.text("2026-11-28/county-a/evidence/\(EvidenceFile.name(for: site.url + "b.html"))")
        try site.write("b.html", Self.article("各部门认真布署冬季防火工作。", title: "安全生产工作动态"))
        #expect(work.govlint(["run", "--now", "2026-11-29T08:00"]) == 0)
        #expect(work.text("2026-11-28/county-a/evidence/\(EvidenceFile.name(for: site.url + "b.html"))") == carried)
        #expect(work.text("2026-11-27/county-a/evidence/\(EvidenceFile.name(for: site.url + "b.html"))") == carried)
        #expect(work.text("2026-11-29/county-a/evidence/\(EvidenceFile.name(for: site.url + "b.html"))").contains("防火"))
        #expect(carried.contains("冬季安全生产"))
        let summary = work.text("2026-11-28/summary.html")
        #expect(summary.contains("<svg") && summary.contains("测试县人民政府"))
        #expect(try store.integrityCheck() == "ok")
    }

    @Test func deadlinesCountWorkingDaysAcrossNationalDay2026() throws {
        let site = try FixtureSite()
        let work = try NightlyWorkspace()
        // A typo (same day) and a broken link (3 working days) found on 2026-09-30.
        try site.write("index.html", Self.homepage(links: [("a.html", "常务会议"), ("gone.html", "已删除页面")]))
        try site.write("a.html", Self.article("会议要求认真布署全年工作。"))
        try work.writeConfig(sites: [.init(id: "county-a", name: "测试县人民政府", url: site.url)])
        #expect(work.govlint(["run", "--now", "2026-09-30T08:00"]) == 0)
        let notice = work.text("2026-09-30/county-a/notice.html")
        // 10-01..10-07 holiday; 10-08 and 10-09 working days; 10-10 (Saturday) an adjusted working day.
        #expect(notice.contains("10月10日前整改"))
        #expect(notice.contains("当日整改"))
        let ledger = work.text("2026-09-30/county-a/ledger.csv")
        // The ledger gives the fixed deadline as a date: 10-10 for the link, the day itself for the typo.
        #expect(ledger.contains(",2026-09-30,2026-10-10,新发现") && ledger.contains(",2026-09-30,2026-09-30,新发现"))
    }

    @Test func ignoredFindingsLeaveNoticeScoreAndExitStatusButAreCounted() throws {
        let site = try FixtureSite()
        let work = try NightlyWorkspace()
        try site.write("index.html", Self.homepage(links: [("a.html", "常务会议")]))
        try site.write("a.html", Self.article("会议要求认真布署全年工作。"))
        // The typo is the site's only veto, so --fail-on veto shows whether it still counts.
        try work.writeConfig(
            sites: [.init(id: "county-a", name: "测试县人民政府", url: site.url)],
            rules: "{severity: {typo: veto}}")
        #expect(work.govlint(["run", "--now", "2026-11-28T08:00"]) == 0)
        #expect(work.govlint(["report", "--fail-on", "veto", "--now", "2026-11-28T08:00"]) == 1)
        #expect(work.text("2026-11-28/county-a/notice.html").contains("verdict-fail"))

        let typo = try #require(
            work.findings(day: "2026-11-28", site: "county-a").first { $0["rule"] as? String == "typo" })
        let key = try #require(typo["key"] as? String)
        #expect(work.govlint(["ignore", key, "--reason", "人名中的用字，确认误报", "--by", "李四"]) == 0)
        #expect(work.govlint(["ignore", key, "--reason", "again"]) == 2, "a key is ignored once")
        #expect(work.govlint(["ignore", "0123456789abcdef", "--reason", "x"]) == 2, "an unknown key is refused")

        let file = try String(contentsOfFile: work.dir.appendingPathComponent("ignore.yaml").path, encoding: .utf8)
        #expect(file.contains("key: \(key)") && file.contains("reason: 人名中的用字，确认误报") && file.contains("by: 李四"))
        #expect(file.contains("rule: typo") && file.contains("match: 布署"))

        #expect(work.govlint(["report", "--fail-on", "veto", "--now", "2026-11-28T08:00"]) == 0)
        let notice = work.text("2026-11-28/county-a/notice.html")
        #expect(!notice.contains("布署"))
        #expect(notice.contains("verdict-pass"), "the ignored veto no longer fails the site")
        #expect(!work.findings(day: "2026-11-28", site: "county-a").contains { $0["key"] as? String == key })
        #expect(work.text("2026-11-28/county-a/ignored.jsonl").contains(key))
        let summary = work.text("2026-11-28/summary.html")
        #expect(summary.contains("已忽略问题共1个") && summary.contains("人名中的用字，确认误报"))
        #expect(work.text("2026-11-28/summary.md").contains("## 已忽略问题"))
        // The next run keeps it out too, and says so in its log line.
        #expect(work.govlint(["run", "--fail-on", "veto", "--now", "2026-11-29T08:00"]) == 0)
    }

    @Test func probeRecordsOpenedAndUnopenedHomepages() throws {
        let site = try FixtureSite()
        let work = try NightlyWorkspace()
        try site.write("index.html", Self.homepage(links: []))
        // A port nothing listens on: connection refused at once.
        let closed = try FixtureSite()
        let deadURL = closed.url
        closed.stop()
        try work.writeConfig(sites: [
            .init(id: "up", name: "在线站点", url: site.url), .init(id: "down", name: "离线站点", url: deadURL),
        ])
        #expect(work.govlint(["probe"]) == 0)
        #expect(work.govlint(["probe", "--sites", "down"]) == 0)
        let store = try work.store()
        let since = Date().addingTimeInterval(-3600)
        #expect(try store.probeStats(site: "up", since: since) == ProbeStats(total: 1, failed: 0))
        #expect(try store.probeStats(site: "down", since: since) == ProbeStats(total: 2, failed: 2))
        #expect(work.govlint(["probe", "--sites", "nosuch"]) == 2)
    }

    @Test func reportAndMailNeedAFinishedRun() throws {
        let work = try NightlyWorkspace()
        try work.writeConfig(sites: [.init(id: "county-a", name: "测试县人民政府", url: "http://127.0.0.1:9/")])
        #expect(work.govlint(["report"]) == 2)
        #expect(work.govlint(["report", "--run", "7"]) == 2)
        #expect(work.govlint(["run", "--sites", "nosuch"]) == 2)
    }

    @Test func scanBesideAHeldRunLockIsRecordedAsAScan() throws {
        let site = try FixtureSite()
        let work = try NightlyWorkspace()
        try site.write("index.html", Self.homepage(links: [("a.html", "常务会议")]))
        try site.write("a.html", Self.article("会议要求认真布署全年工作。"))
        try work.writeConfig(sites: [.init(id: "county-a", name: "测试县人民政府", url: site.url)])
        let holder = try work.store()
        try holder.acquireRunLock()
        defer { holder.releaseRunLock() }
        #expect(work.govlint(["run"]) == 3, "the nightly run refuses while the lock is held")
        let out = work.dir.appendingPathComponent("scan-out").path
        #expect(
            work.govlint(["scan", "county-a", "--fail-on", "none", "--out", out, "--now", "2026-11-28T08:00"]) == 0)
        let scan = try #require(try holder.latestRun(kind: .scan))
        #expect(scan.status == .finished && scan.finishedSites == ["county-a"])
        #expect(try holder.findings(run: scan.id).contains { $0.rule == .typo && $0.status == .new })
        #expect(try holder.latestRun(kind: .run) == nil)
        #expect(try holder.integrityCheck() == "ok")
    }
}
