import Foundation
import GovCore
import GovStore
import GovTestSupport
import Testing
@testable import GovKit

/// Issue 13 and issue 11 item 2: the rectification loop over several nights (`--now`) on a
/// real site — deadlines fixed when first seen, 已逾期 first, nothing fixed or new again
/// after a night the site could not be read.
@Suite(.serialized) struct RectificationLoopTests {
    static func homepage(_ links: [(String, String)]) -> String { NightlyRunTests.homepage(links: links) }

    /// The ledger's rows as cells, header first.
    static func ledger(_ work: NightlyWorkspace, _ day: String, _ site: String = "county-a") -> [[String]] {
        let text = work.text("\(day)/\(site)/ledger.csv").replacingOccurrences(of: "\u{FEFF}", with: "")
        return text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n").map {
            $0.components(separatedBy: ",")
        }
    }

    /// The notice's numbered lines.
    static func items(_ html: String) -> [String] {
        html.components(separatedBy: "\n").filter { $0.hasPrefix("<li value=") }
    }

    static func row(_ rows: [[String]], containing text: String) -> [String: String]? {
        guard let header = rows.first, let row = rows.dropFirst().first(where: { $0.contains { $0.contains(text) } })
        else { return nil }
        return Dictionary(zip(header, row).map { ($0, $1) }, uniquingKeysWith: { a, _ in a })
    }

    @Test func deadlinesStayFixedOverdueComesFirstAndAnUnreadableNightFixesNothing() throws {
        let site = try FixtureSite()
        let work = try NightlyWorkspace()
        try site.write("index.html", Self.homepage([("a.html", "常务会议"), ("gone.html", "已删除页面")]), age: 60)
        try site.write("a.html", NightlyRunTests.article("会议要求认真布署全年工作。"), age: 60)
        try work.writeConfig(sites: [.init(id: "county-a", name: "测试县人民政府", url: site.url)])

        // Night 1, Tuesday 12-01: the typo is due the same day, the broken link 3 working days later (12-04).
        #expect(work.govlint(["run", "--now", "2026-12-01T08:00"]) == 0)
        var rows = Self.ledger(work, "2026-12-01")
        #expect(rows.first?.starts(with: ["序号", "问题编号"]) == true)
        let typo = try #require(Self.row(rows, containing: "布署"))
        let link = try #require(Self.row(rows, containing: "gone.html"))
        #expect(typo["首次发现"] == "2026-12-01" && typo["整改期限"] == "2026-12-01" && typo["状态"] == "新发现")
        #expect(link["首次发现"] == "2026-12-01" && link["整改期限"] == "2026-12-04" && link["状态"] == "新发现")
        #expect(link["栏目"] == "首页" && link["页面标题"] == "测试县人民政府", "the referring page's column and title")
        #expect(work.text("2026-12-01/county-a/notice.html").contains("12月4日前整改"))
        #expect(
            work.text("2026-12-01/county-a/notice.html").contains("<span class=\"place\">首页《测试县人民政府》</span>：所含链接"),
            "the broken link's line names the referring page's column and title")

        // Night 2: the typo was not fixed the same day — 已逾期, listed first; the link keeps 12-04.
        #expect(work.govlint(["run", "--now", "2026-12-02T08:00"]) == 0)
        rows = Self.ledger(work, "2026-12-02")
        #expect(Self.row(rows, containing: "布署")?["状态"] == "已逾期")
        #expect(Self.row(rows, containing: "布署")?["整改期限"] == "2026-12-01")
        #expect(
            Self.row(rows, containing: "gone.html")?["整改期限"] == "2026-12-04",
            "the deadline is not reset by a later night")
        #expect(Self.row(rows, containing: "gone.html")?["状态"] == "未整改")
        var notice = work.text("2026-12-02/county-a/notice.html")
        let overdue = try #require(notice.range(of: "一、逾期未整改问题（1个）"))
        let major = try #require(notice.range(of: "、扣分问题（"))
        #expect(overdue.lowerBound < major.lowerBound)
        #expect(notice.contains("已逾期（期限12月1日）"))
        #expect(work.text("2026-12-02/summary.html").contains("逾期未整改1个"))

        // Night 3: the homepage is over the size cap — the site could not be read.
        let original = Self.homepage([("a.html", "常务会议"), ("gone.html", "已删除页面")])
        try site.write("index.html", original + String(repeating: "<!-- padding -->", count: 80_000), age: -2)
        #expect(work.govlint(["run", "--now", "2026-12-03T08:00"]) == 0)
        rows = Self.ledger(work, "2026-12-03")
        #expect(Self.row(rows, containing: "布署")?["状态"] == "已逾期", "carried over open, not fixed")
        #expect(Self.row(rows, containing: "布署")?["首次发现"] == "2026-12-01", "first_seen is not reset")
        #expect(Self.row(rows, containing: "gone.html")?["整改期限"] == "2026-12-04")
        notice = work.text("2026-12-03/county-a/notice.html")
        #expect(
            notice.contains("未能检查：") && notice.contains("本次未能检查；上次检查发现的问题继续列为未整改"),
            "the notice says what was not checked and why")
        #expect(work.text("2026-12-03/county-a/findings.jsonl").contains("\"status\":\"open\""))
        #expect(!notice.contains("已整改问题"))

        // Night 4, Friday 12-04: readable again; the typo is fixed, the link is due today (not overdue yet).
        // (mtimes in the future: a rewrite within the second of the last fetch must not answer 304)
        try site.write("index.html", original, age: -5)
        try site.write("a.html", NightlyRunTests.article("会议要求认真部署全年工作。"), age: -5)
        #expect(work.govlint(["run", "--now", "2026-12-04T08:00"]) == 0)
        rows = Self.ledger(work, "2026-12-04")
        #expect(Self.row(rows, containing: "布署")?["状态"] == "已整改")
        #expect(Self.row(rows, containing: "gone.html")?["状态"] == "未整改")
        #expect(
            Self.row(rows, containing: "gone.html")?["首次发现"] == "2026-12-01", "not new again after the unreadable night"
        )

        // Night 5, Monday 12-07: the link is overdue.
        #expect(work.govlint(["run", "--now", "2026-12-07T08:00"]) == 0)
        rows = Self.ledger(work, "2026-12-07")
        #expect(Self.row(rows, containing: "gone.html")?["状态"] == "已逾期")
        #expect(!rows.contains { $0.contains { $0.contains("布署") } }, "a fixed finding is reported fixed once")
        let overdueNotice = work.text("2026-12-07/county-a/notice.html")
        let overdueSection = try #require(overdueNotice.range(of: "一、逾期未整改问题（"))
        #expect(overdueNotice.range(of: "gone.html")!.lowerBound > overdueSection.lowerBound)
        let summary = work.text("2026-12-07/summary.html")
        #expect(summary.contains("<th>逾期</th>") && summary.contains("逾期未整改"))
        #expect(summary.contains("督办提醒"), "the last ten with something to fix get a supervision reminder")

        // Night 6: the link removed from the homepage — fixed.
        try site.write("index.html", Self.homepage([("a.html", "常务会议")]), age: -10)
        #expect(work.govlint(["run", "--now", "2026-12-08T08:00"]) == 0)
        #expect(Self.row(Self.ledger(work, "2026-12-08"), containing: "gone.html")?["状态"] == "已整改")
        let store = try work.store()
        #expect(try store.integrityCheck() == "ok")
    }
}

/// The 台账 round trip: the county marks a row 误报 in the CSV, the office reads it back.
@Suite(.serialized) struct LedgerRoundTripTests {
    @Test func aRowMarkedFalsePositiveInTheLedgerLeavesTheRebuiltNotice() throws {
        let site = try FixtureSite()
        let work = try NightlyWorkspace()
        try site.write("index.html", NightlyRunTests.homepage(links: [("a.html", "常务会议"), ("b.html", "工作动态")]))
        try site.write("a.html", NightlyRunTests.article("会议要求认真布署全年工作。"))
        try site.write("b.html", NightlyRunTests.article("各部门认真布署冬季安全生产。", title: "安全生产工作动态"))
        try work.writeConfig(sites: [.init(id: "county-a", name: "测试县人民政府", url: site.url)])
        #expect(work.govlint(["run", "--now", "2026-12-01T08:00"]) == 0)

        // The county opens ledger.csv, marks the a.html row 误报 with a reason, saves it.
        let ledgerPath = work.reports.appendingPathComponent("2026-12-01/county-a/ledger.csv")
        var text = try String(contentsOf: ledgerPath, encoding: .utf8)
        let lines = text.components(separatedBy: "\r\n")
        let header = lines[0].replacingOccurrences(of: "\u{FEFF}", with: "").components(separatedBy: ",")
        let statusColumn = try #require(header.firstIndex(of: "状态")),
            noteColumn = try #require(header.firstIndex(of: "整改情况"))
        let target = try #require(lines.first { $0.contains(site.url + "a.html") && $0.contains("布署") })
        var cells = target.components(separatedBy: ",")
        let key = cells[1]
        cells[statusColumn] = "误报"
        cells[noteColumn] = "人名用字，确认误报"
        text = text.replacingOccurrences(of: target, with: cells.joined(separator: ","))
        let edited = work.dir.appendingPathComponent("ledger-edited.csv")
        try Data(text.utf8).write(to: edited)

        #expect(work.govlint(["ignore", "--from", edited.path, "--by", "张三"]) == 0)
        #expect(work.govlint(["ignore", "--from", edited.path]) == 0, "reading the same ledger again adds nothing")
        let ignoreFile = try String(contentsOf: work.dir.appendingPathComponent("ignore.yaml"), encoding: .utf8)
        #expect(ignoreFile.contains("key: \(key)") && ignoreFile.contains("人名用字，确认误报") && ignoreFile.contains("by: 张三"))
        #expect(ignoreFile.components(separatedBy: "key: ").count == 2)

        #expect(work.govlint(["report", "--now", "2026-12-01T08:00"]) == 0)
        let notice = work.text("2026-12-01/county-a/notice.html")
        #expect(
            !RectificationLoopTests.items(notice).contains { $0.contains("布署") && $0.contains("/a.html") },
            "the item marked 误报 is gone from the notice")
        #expect(
            RectificationLoopTests.items(notice).contains { $0.contains("布署") && $0.contains("/b.html") },
            "the other one stays")
        let summary = work.text("2026-12-01/summary.html")
        #expect(summary.contains("已忽略问题共1个") && summary.contains("人名用字，确认误报"))
        let ledger = RectificationLoopTests.ledger(work, "2026-12-01")
        #expect(RectificationLoopTests.row(ledger, containing: key)?["状态"] == "误报")

        // A broken row: one line naming the file and line, exit 2.
        try Data(text.replacingOccurrences(of: "人名用字，确认误报", with: "").utf8).write(to: edited)
        #expect(work.govlint(["ignore", "--from", work.dir.appendingPathComponent("nosuch.csv").path]) == 2)
    }

    @Test func ignoreByRuleAndURLPrefix() throws {
        let site = try FixtureSite()
        let work = try NightlyWorkspace()
        try site.write("index.html", NightlyRunTests.homepage(links: [("archive/a.html", "旧闻"), ("b.html", "工作动态")]))
        try site.write("archive/a.html", NightlyRunTests.article("会议要求认真布署全年工作。"))
        try site.write("b.html", NightlyRunTests.article("各部门认真布署冬季安全生产。", title: "安全生产工作动态"))
        try work.writeConfig(sites: [.init(id: "county-a", name: "测试县人民政府", url: site.url)])
        #expect(work.govlint(["run", "--now", "2026-12-01T08:00"]) == 0)
        #expect(
            work.govlint(["ignore", "--rule", "typo", "--url-prefix", site.url + "archive/"]) == 2,
            "--reason is required")
        #expect(work.govlint(["ignore", "--rule", "nosuch", "--url-prefix", "x", "--reason", "r"]) == 2)
        #expect(
            work.govlint(["ignore", "--rule", "typo", "--url-prefix", site.url + "archive/", "--reason", "历史归档栏目，不再更新"])
                == 0)
        #expect(work.govlint(["report", "--now", "2026-12-01T08:00"]) == 0)
        let notice = work.text("2026-12-01/county-a/notice.html")
        #expect(!RectificationLoopTests.items(notice).contains { $0.contains("布署") && $0.contains("archive/a.html") })
        #expect(RectificationLoopTests.items(notice).contains { $0.contains("布署") && $0.contains("/b.html") })
        #expect(work.text("2026-12-01/summary.html").contains("历史归档栏目，不再更新"))
        // The next night keeps it out too, and its journal line counts it as the notice does.
        // Regression: the line ignored only entries by key, so it said no finding was ignored.
        let stderr = Pipe()
        let night = try work.spawn(["run", "--now", "2026-12-02T08:00"], stderr: stderr)
        let journal = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        night.waitUntilExit()
        #expect(night.terminationStatus == 0)
        #expect(journal.contains("county-a: ") && journal.contains(", 1 ignored)"), "\(journal)")
        #expect(
            !RectificationLoopTests.items(work.text("2026-12-02/county-a/notice.html")).contains {
                $0.contains("布署") && $0.contains("archive/a.html")
            })
    }
}

/// The property of issue 11 item 2, on the store: whatever sequence of readable and
/// unreadable nights (site down, page unread, crawl cut short), a finding is fixed only on a
/// night its page was read without it, and its first_seen and deadline never change while
/// it is open.
@Suite struct CarryOverPropertyTests {
    @Test func noSequenceOfUnreadableNightsFixesAFindingOrResetsItsFirstSeen() throws {
        var generator = SplitMix(seed: 0x60F1)
        for trial in 0..<40 {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("govlint-prop-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: dir) }
            let store = try Store(path: dir.appendingPathComponent("s.sqlite").path)
            let page = "https://a.example.gov.cn/1.html", other = "https://a.example.gov.cn/2.html"
            let typo = Finding(rule: .typo, severity: .major, site: "a", url: page, match: "布署", context: "认真布署")
            let link = Finding(
                rule: .brokenLink, severity: .major, site: "a", url: other, match: "https://x/", context: "x")
            let policy: @Sendable (RuleID, Day) -> Day = { rule, day in
                rule.isSameDayRectification ? day : day.adding(days: 5)
            }
            var day = Day(year: 2026, month: 12, day: 1)!
            // Night 0: both found.
            var run = try store.beginRun(kind: .run, sites: ["a"], day: day)
            try store.completeSite(
                run: run, site: "a", results: SiteResults(pages: [], findings: [typo, link], deadline: policy))
            try store.finishRun(id: run)
            let firstSeen = day.description
            var state: [String: FindingStatus] = [typo.key: .new, link.key: .new]
            for night in 1...12 {
                day = day.adding(days: 1)
                run = try store.beginRun(kind: .run, sites: ["a"], day: day)
                let kind = generator.next() % 5
                var results: SiteResults
                switch kind {
                case 0: results = SiteResults(pages: [], findings: [], notChecked: "首页访问超时")  // site down
                case 1: results = SiteResults(pages: [], findings: [], unread: [page: "访问超时", other: "HTTP 503"])
                case 2:
                    results = SiteResults(
                        pages: [PageRecord(url: "https://a.example.gov.cn/", status: 200, fetchedAt: Date())],
                        findings: [], partial: "达到抓取页数上限")  // neither page reached
                case 3: results = SiteResults(pages: [], findings: [typo, link])  // both seen again
                default: results = SiteResults(pages: [], findings: [])  // read: both gone
                }
                results.deadline = policy
                try store.completeSite(run: run, site: "a", results: results)
                try store.finishRun(id: run)
                let now = Dictionary(
                    try store.findings(run: run, site: "a").map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
                for finding in [typo, link] {
                    let before = state[finding.key]
                    let after = now[finding.key]
                    let label = "trial \(trial) night \(night) kind \(kind) \(finding.rule)"
                    if before == nil || before == .fixed {
                        // Gone before: only a sighting brings it back, as new.
                        #expect(after == nil || (kind == 3 && after?.status == .new), "\(label)")
                    } else if kind <= 2 {
                        #expect(after?.status == .open, "\(label): an unread night keeps it open")
                        #expect(
                            after?.firstSeen == firstSeen || state[finding.key + "#reopened"] != nil,
                            "\(label): first_seen kept")
                        #expect(
                            after?.deadline == policy(finding.rule, Day(after?.firstSeen ?? "") ?? day).description,
                            "\(label): deadline kept")
                    } else if kind == 3 {
                        #expect(after?.status == .open, "\(label)")
                    } else {
                        #expect(after?.status == .fixed, "\(label): read and gone is fixed")
                    }
                    if after?.status == .new { state[finding.key + "#reopened"] = .new }
                    state[finding.key] = after?.status
                }
            }
        }
    }
}

/// A small deterministic generator for the property test.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
