import Foundation
import GovCore
import GovStore
import GovTestSupport
import Testing
@testable import GovKit

/// Issue 13: runs no longer step on each other's files — each nightly run keeps its own
/// folder, `reports/<date>` names the day's newest, a scan writes only its own folder —
/// and `reports/index.html` leads to every run's notices and ledgers.
@Suite(.serialized) struct ReportFolderTests {
    static func link(_ work: NightlyWorkspace, _ day: String) -> String? {
        try? FileManager.default.destinationOfSymbolicLink(atPath: work.reports.appendingPathComponent(day).path)
    }

    @Test func aSameDayRerunKeepsTheFirstRunsFolderAndTheDateNamesTheNewest() async throws {
        let site = try FixtureSite()
        let work = try NightlyWorkspace()
        try site.write("index.html", NightlyRunTests.homepage(links: [("a.html", "常务会议")]), age: 60)
        try site.write("a.html", NightlyRunTests.article("会议要求认真布署全年工作。"), age: 60)
        try work.writeConfig(sites: [.init(id: "county-a", name: "测试县人民政府", url: site.url)])

        #expect(await offThePool { work.govlint(["run", "--now", "2026-12-01T08:00"]) } == 0)
        let first = try #require(try work.store().latestRun())
        #expect(Self.link(work, "2026-12-01") == "runs/\(first.id)")
        #expect(work.text("runs/\(first.id)/county-a/notice.html").contains("布署"))

        try site.write("a.html", NightlyRunTests.article("会议要求认真部署全年工作。"), age: -5)
        #expect(await offThePool { work.govlint(["run", "--now", "2026-12-01T20:00"]) } == 0)
        let second = try #require(try work.store().latestRun())
        #expect(second.id != first.id)
        #expect(Self.link(work, "2026-12-01") == "runs/\(second.id)", "the date names the newest run of the day")
        #expect(
            work.text("runs/\(first.id)/county-a/notice.html").contains("布署"),
            "the first run's notice is kept as written")
        #expect(work.text("runs/\(first.id)/county-a/findings.jsonl").contains("\"status\":\"new\""))
        #expect(
            work.text("2026-12-01/county-a/findings.jsonl").contains("\"status\":\"fixed\""),
            "old paths reach the newest run")

        // Rebuilding the first run's report writes its own folder and leaves the day's link alone.
        #expect(await offThePool { work.govlint(["report", "--run", String(first.id)]) } == 0)
        #expect(Self.link(work, "2026-12-01") == "runs/\(second.id)")
    }

    @Test func aScanWritesItsOwnFolderAndLeavesTheNightlyFilesAlone() async throws {
        let site = try FixtureSite()
        let work = try NightlyWorkspace()
        try site.write("index.html", NightlyRunTests.homepage(links: [("a.html", "常务会议")]), age: 60)
        try site.write("a.html", NightlyRunTests.article("会议要求认真布署全年工作。"), age: 60)
        try work.writeConfig(sites: [.init(id: "county-a", name: "测试县人民政府", url: site.url)])
        #expect(await offThePool { work.govlint(["run", "--now", "2026-12-01T08:00"]) } == 0)
        let nightly = work.text("2026-12-01/county-a/findings.jsonl")
        let notice = work.text("2026-12-01/county-a/notice.html")
        #expect(nightly.contains("布署"))

        try site.write("a.html", NightlyRunTests.article("会议要求认真部署全年工作。"), age: -5)
        #expect(
            await offThePool { work.govlint(["scan", "county-a", "--fail-on", "none", "--now", "2026-12-01T10:00"]) }
                == 0)
        let scan = try #require(try work.store().latestRun(kind: .scan))
        let folder = "scans/2026-12-01-\(scan.id)-county-a"
        #expect(
            FileManager.default.fileExists(atPath: work.reports.appendingPathComponent("\(folder)/report.html").path))
        #expect(!work.text("\(folder)/findings.jsonl").contains("布署"), "the scan saw the fixed page")
        #expect(work.text("2026-12-01/county-a/findings.jsonl") == nightly, "the nightly findings are not replaced")
        #expect(work.text("2026-12-01/county-a/notice.html") == notice)
        #expect(
            work.text("index.html").contains("href=\"\(folder)/report.html\""),
            "the scan is listed in the index at once")
    }

    @Test func theIndexListsEveryRunAndEachSitesTrendWithItsNoticesAndLedgers() async throws {
        let site = try FixtureSite()
        let work = try NightlyWorkspace()
        try site.write("index.html", NightlyRunTests.homepage(links: [("a.html", "常务会议")]), age: 60)
        try site.write("a.html", NightlyRunTests.article("会议要求认真布署全年工作。"), age: 60)
        // A hostile name: the index escapes every page and config string.
        try work.writeConfig(sites: [.init(id: "county-a", name: "测试县<script>alert(1)</script>政府", url: site.url)])
        for day in ["2026-12-01", "2026-12-02", "2026-12-03"] {
            #expect(await offThePool { work.govlint(["run", "--now", "\(day)T08:00"]) } == 0)
        }
        try site.write("a.html", NightlyRunTests.article("会议要求认真部署全年工作。"), age: -5)
        #expect(await offThePool { work.govlint(["run", "--now", "2026-12-04T08:00"]) } == 0)

        let runs = try work.store().runs(kind: .run).map(\.id)
        #expect(runs.count == 4)
        let index = work.text("index.html")
        #expect(index.contains("检查报告目录"))
        #expect(!index.contains("<script>") && index.contains("&lt;script&gt;"))
        for id in runs {
            #expect(index.contains("href=\"runs/\(id)/summary.html\""), "run \(id)'s summary is linked")
        }
        for id in runs {
            #expect(
                index.contains("href=\"runs/\(id)/county-a/notice.html\"")
                    && index.contains("href=\"runs/\(id)/county-a/ledger.csv\""),
                "run \(id)'s notice and ledger are linked")
        }
        // The trend: one point per night, the typo open (and overdue after its same-day deadline), fixed on the 4th.
        let svg = try #require(index.range(of: "<svg").map { String(index[$0.lowerBound...]) })
        #expect(svg.components(separatedBy: "<circle").count - 1 == 4)
        #expect(svg.contains("2026-12-01：") && svg.contains("2026-12-04："))
        #expect(index.contains("历次例行检查"))
        let rows = index.components(separatedBy: "\n").filter { $0.hasPrefix("<tr><td>2026-12-0") }
        #expect(rows.count == 4)
        func cells(_ day: String) -> [String] {
            (rows.first { $0.hasPrefix("<tr><td>\(day)") } ?? "").components(separatedBy: "<td>").dropFirst()
                .map { String($0.prefix { $0 != "<" }) }
        }
        // Columns: date, batch, sites, 不合格, 未能检查, open, overdue, link.
        #expect(
            cells("2026-12-01")[6] == "0" && cells("2026-12-02")[6] == "1",
            "the night after the typo's same-day deadline it is overdue: \(rows)")
        #expect(Int(cells("2026-12-04")[5]) == Int(cells("2026-12-03")[5])! - 1, "the fixed typo leaves the open count")
        // Every link in the index resolves to a file under reports/.
        for href in index.components(separatedBy: "href=\"").dropFirst().map({ String($0.prefix { $0 != "\"" }) }) {
            let path = work.reports.appendingPathComponent(href.removingPercentEncoding ?? href).path
            #expect(FileManager.default.fileExists(atPath: path), "\(href) is there")
        }
    }

    /// Issue 14: the index and the trend read each past run's per-site tally once computed,
    /// instead of decoding every finding of 90 past runs each night (every stored night made
    /// the next slower); a changed ignore list recounts them.
    @Test func pastRunsAreTalliedOnceAndRecountedWhenTheIgnoreListChanges() async throws {
        let site = try FixtureSite()
        let work = try NightlyWorkspace()
        try site.write("index.html", NightlyRunTests.homepage(links: [("a.html", "常务会议")]), age: 60)
        try site.write("a.html", NightlyRunTests.article("会议要求认真布署全年工作。"), age: 60)
        try work.writeConfig(
            sites: [.init(id: "county-a", name: "测试县人民政府", url: site.url)], rules: "{severity: {typo: veto}}")
        for day in ["2026-12-01", "2026-12-02"] {
            #expect(await offThePool { work.govlint(["run", "--now", "\(day)T08:00"]) } == 0)
        }
        let first = try #require(try work.store().runs(kind: .run).map(\.id).min())
        func cells(_ day: String) -> [String] {
            let row = work.text("index.html").components(separatedBy: "\n").first { $0.hasPrefix("<tr><td>\(day)") }
            return (row ?? "").components(separatedBy: "<td>").dropFirst().map { String($0.prefix { $0 != "<" }) }
        }
        func sql(_ statement: String) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            process.arguments = [work.storePath, statement]
            let out = Pipe()
            process.standardOutput = out
            try process.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        // Columns: date, batch, sites, 不合格, 未能检查, open, overdue, link.
        let open = try #require(Int(cells("2026-12-01")[5]))
        #expect(cells("2026-12-01")[3] == "1" && open >= 1, "the typo fails the site: \(cells("2026-12-01"))")
        #expect(try sql("SELECT count(*) FROM run_site_tally WHERE run_id = \(first)") == "1", "the run is tallied")

        // A stored tally under the same basis is read back, not recomputed.
        _ = try sql("UPDATE run_site_tally SET open = 77 WHERE run_id = \(first)")
        #expect(await offThePool { work.govlint(["report", "--now", "2026-12-02T08:00"]) } == 0)
        #expect(cells("2026-12-01")[5] == "77", "the tally is reused")

        // Ignoring the typo changes the basis: the past run is recounted and now passes.
        let typo = try #require(
            work.findings(day: "2026-12-02", site: "county-a").first { $0["rule"] as? String == "typo" })
        #expect(work.govlint(["ignore", try #require(typo["key"] as? String), "--reason", "人名用字"]) == 0)
        #expect(await offThePool { work.govlint(["report", "--now", "2026-12-02T08:00"]) } == 0)
        #expect(cells("2026-12-01")[3] == "0" && cells("2026-12-01")[5] == "\(open - 1)", "\(cells("2026-12-01"))")
        #expect(try sql("SELECT open FROM run_site_tally WHERE run_id = \(first)") == "\(open - 1)")
    }

    /// Upgrade: a day folder written before per-run folders is moved aside (never deleted)
    /// when that day's first run takes its name for the link; older day folders stay put.
    @Test func aDayFolderFromBeforeTheUpgradeIsMovedAsideNotLost() async throws {
        let site = try FixtureSite()
        let work = try NightlyWorkspace()
        try site.write("index.html", NightlyRunTests.homepage(links: [("a.html", "常务会议")]), age: 60)
        try site.write("a.html", NightlyRunTests.article("会议要求认真布署全年工作。"), age: 60)
        try work.writeConfig(sites: [.init(id: "county-a", name: "测试县人民政府", url: site.url)])
        for day in ["2026-11-30", "2026-12-01"] {
            let old = work.reports.appendingPathComponent("\(day)/county-a")
            try FileManager.default.createDirectory(at: old, withIntermediateDirectories: true)
            try Data("旧版通知 \(day)".utf8).write(to: old.appendingPathComponent("notice.html"))
        }
        #expect(await offThePool { work.govlint(["run", "--now", "2026-12-01T08:00"]) } == 0)
        let run = try #require(try work.store().latestRun())
        #expect(Self.link(work, "2026-12-01") == "runs/\(run.id)")
        #expect(work.text("runs/2026-12-01-earlier/county-a/notice.html") == "旧版通知 2026-12-01")
        #expect(
            work.text("2026-11-30/county-a/notice.html") == "旧版通知 2026-11-30",
            "an earlier day's folder is left as it was")
        #expect(work.text("2026-12-01/county-a/notice.html").contains("布署"))
    }
}
