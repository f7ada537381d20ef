import Foundation
import GovCore
import Testing
@testable import GovStore

/// Findings stored as transitions (one row per episode, not a copy per run) and the
/// migration that carries an older store's first-seen days into fixed deadlines.
@Suite struct FindingHistoryTests {
    /// 11-20 (Friday) + 3 working days = 11-25.
    static let policy: @Sendable (RuleID, Day) -> Day = { rule, day in
        rule.isSameDayRectification ? day : WorkingCalendar.standard.adding(workingDays: 3, to: day)
    }

    @Test func aSchemaTwoStoreCarriesFirstSeenIntoFixedDeadlines() throws {
        let dir = TempStoreDirectory()
        try FileManager.default.createDirectory(
            atPath: (dir.storePath as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true)
        let link = Finding(
            rule: .brokenLink, severity: .major, site: "county-a", url: "https://a/1", match: "https://a/old",
            context: "x")
        let typo = finding("布署", url: "https://a/2")
        let gone = finding("既使", url: "https://a/3")
        func row(_ run: Int, _ f: Finding, _ status: String, _ firstSeen: String) throws -> String {
            let json = String(decoding: try JSONEncoder().encode(f), as: UTF8.self).replacingOccurrences(
                of: "'", with: "''")
            return
                "INSERT INTO findings(run_id, key, site, rule, severity, url, status, first_seen, last_seen, json) VALUES "
                + "(\(run), '\(f.key)', 'county-a', '\(f.rule.rawValue)', 'major', '\(f.url)', '\(status)', '\(firstSeen)', '\(firstSeen)', '\(json)');\n"
        }
        var script = Schema.migrations[0] + Schema.migrations[1] + "PRAGMA user_version = 2;\n"
        for (id, day) in [(1, "2026-11-20"), (2, "2026-11-23")] {
            script +=
                "INSERT INTO runs(id, kind, status, started_at, day) VALUES (\(id), 'run', 'finished', '\(day)T00:00:00Z', '\(day)');\n"
            script +=
                "INSERT INTO run_sites(run_id, site, finished_at) VALUES (\(id), 'county-a', '\(day)T01:00:00Z');\n"
        }
        script +=
            try row(1, link, "new", "2026-11-20") + row(1, typo, "new", "2026-11-20")
            + row(1, gone, "new", "2026-11-20")
        script +=
            try row(2, link, "open", "2026-11-20") + row(2, typo, "open", "2026-11-20")
            + row(2, gone, "fixed", "2026-11-20")
        try shell("/usr/bin/sqlite3", [dir.storePath], input: script)

        let store = try Store(path: dir.storePath)
        #expect(try store.currentSchemaVersion() == Store.schemaVersion)
        let migrated = try store.findings(run: 2, site: "county-a").map {
            "\($0.match) \($0.status!.rawValue) \($0.firstSeen!)"
        }
        #expect(Set(migrated) == ["https://a/old open 2026-11-20", "布署 open 2026-11-20", "既使 fixed 2026-11-20"])
        #expect(
            try shell(
                "/usr/bin/sqlite3", [dir.storePath, "SELECT count(*) FROM sqlite_master WHERE name = 'findings'"])
                == "0\n")

        // The next night fixes each deadline from the carried first-seen day, not from today.
        let run3 = try store.beginRun(kind: .run, sites: ["county-a"], day: Day(year: 2026, month: 11, day: 30)!)
        let counts = try store.completeSite(
            run: run3, site: "county-a",
            results: SiteResults(pages: [], findings: [link, typo], deadline: Self.policy))
        #expect(counts == LifeCycleCounts(new: 0, open: 2, fixed: 0, previousRun: 2))
        try store.finishRun(id: run3)
        let now = Dictionary(try store.findings(run: run3).map { ($0.match, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(now["https://a/old"]?.deadline == "2026-11-25" && now["https://a/old"]?.firstSeen == "2026-11-20")
        #expect(now["布署"]?.deadline == "2026-11-20", "错敏字: the day first seen")
        #expect(now["布署"]?.status == .open)
    }

    /// Regression (the rebuilt ledger of an older night said “截至” the newest night's day):
    /// an open finding whose text changes keeps, for the runs before, the copy they had.
    @Test func anOlderRunReadsTheCopyOfAFindingItHadNotTheNewest() throws {
        let dir = TempStoreDirectory()
        let store = try Store(path: dir.storePath)
        var runs: [Int64] = []
        for (day, message, repeats) in [
            (day1, "截至 2026-11-27", 1), (day2, "截至 2026-11-28", 1), (day3, "截至 2026-11-28", 2),
        ] {
            let annual = Finding(
                rule: .annualReportMissing, severity: .major, site: "county-a", url: "https://a/", match: "年报",
                context: "x", message: message)
            let run = try store.beginRun(kind: .run, sites: ["county-a"], day: day)
            try store.completeSite(
                run: run, site: "county-a",
                results: SiteResults(
                    pages: [], findings: Array(repeating: annual, count: repeats), deadline: Self.policy))
            try store.finishRun(id: run)
            runs.append(run)
        }
        let read = try runs.map {
            try store.findings(run: $0).map { "\($0.message ?? "")×\($0.occurrences ?? 1) \($0.status!.rawValue)" }
        }
        #expect(read == [["截至 2026-11-27×1 new"], ["截至 2026-11-28×1 open"], ["截至 2026-11-28×2 open"]])
        #expect(try shell("/usr/bin/sqlite3", [dir.storePath, "SELECT count(*) FROM finding_history"]) == "1\n")
        #expect(
            try shell("/usr/bin/sqlite3", [dir.storePath, "SELECT count(*) FROM finding_texts"]) == "2\n",
            "one copy per change, none per run")
    }

    @Test func oneRowPerEpisodeNotACopyPerRun() throws {
        let dir = TempStoreDirectory()
        let store = try Store(path: dir.storePath)
        let typo = finding("布署")
        var day = day1
        for _ in 0..<10 {
            let run = try store.beginRun(kind: .run, sites: ["county-a"], day: day)
            try store.completeSite(
                run: run, site: "county-a",
                results: SiteResults(pages: [], findings: [typo, typo], deadline: Self.policy))
            try store.finishRun(id: run)
            day = day.adding(days: 1)
        }
        #expect(try shell("/usr/bin/sqlite3", [dir.storePath, "SELECT count(*) FROM finding_history"]) == "1\n")
        #expect(
            try shell("/usr/bin/sqlite3", [dir.storePath, "SELECT count(*) FROM run_findings"]) == "0\n",
            "staging is emptied")
        let latest = try #require(try store.latestRun())
        let stored = try #require(try store.findings(run: latest.id).first)
        #expect(stored.firstSeen == day1.description && stored.deadline == day1.description && stored.occurrences == 2)
        // Every earlier run still reads back from the same row.
        #expect(try store.findings(run: 1).first?.status == .new)
        #expect(try store.findings(run: 5).first?.status == .open)
    }

    /// Regression (fail closed across the upgrade that gave template links a page-free key):
    /// an open hidden link stored under the old key, by the page it was shown on, is the same
    /// finding when the new key first sees it — open, not 已整改 and new again — and keeps its
    /// first-seen day and deadline. A different link of the old kind that is gone is fixed.
    @Test func aTemplateLinkStoredUnderItsOldPageKeyKeepsItsEpisode() throws {
        let dir = TempStoreDirectory()
        let store = try Store(path: dir.storePath)
        func hidden(_ link: String, page: String, place: String?) -> Finding {
            var f = Finding(rule: .hiddenLink, severity: .veto, site: "county-a", url: page, match: link, context: "x")
            f.templatePlace = place
            return f
        }
        let oldKeyed = hidden("https://spam.example/a", page: "https://a/", place: nil)
        let gone = hidden("https://spam.example/gone", page: "https://a/", place: nil)
        let run1 = try store.beginRun(kind: .run, sites: ["county-a"], day: day1)
        try store.completeSite(
            run: run1, site: "county-a",
            results: SiteResults(pages: [], findings: [oldKeyed, gone], deadline: Self.policy))
        try store.finishRun(id: run1)
        let before = try #require(try store.findings(run: run1).first { $0.match == oldKeyed.match })

        let newKeyed = hidden("https://spam.example/a", page: "https://a/list.html", place: "display:none\u{1F}博彩")
        #expect(newKeyed.key != oldKeyed.key)
        let run2 = try store.beginRun(kind: .run, sites: ["county-a"], day: day3)
        let counts = try store.completeSite(
            run: run2, site: "county-a",
            results: SiteResults(pages: [], findings: [newKeyed], deadline: Self.policy))
        try store.finishRun(id: run2)
        #expect(counts == LifeCycleCounts(new: 0, open: 1, fixed: 1, previousRun: run1))
        let after = Dictionary(try store.findings(run: run2).map { ($0.match, $0) }, uniquingKeysWith: { a, _ in a })
        let carried = try #require(after[newKeyed.match])
        #expect(carried.status == .open && carried.key == newKeyed.key)
        #expect(carried.firstSeen == day1.description && carried.deadline == before.deadline)
        #expect(after[gone.match]?.status == .fixed, "a link that really went is still fixed")
        // The night after, it is an ordinary open finding of its new key.
        let run3 = try store.beginRun(kind: .run, sites: ["county-a"], day: day3.adding(days: 1))
        let again = try store.completeSite(
            run: run3, site: "county-a",
            results: SiteResults(pages: [], findings: [newKeyed], deadline: Self.policy))
        #expect(again == LifeCycleCounts(new: 0, open: 1, fixed: 0, previousRun: run2))
    }
}
