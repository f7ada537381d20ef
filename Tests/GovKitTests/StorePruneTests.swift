import Foundation
import GovCore
import GovStore
import GovTestSupport
import Testing
@testable import GovKit

/// Issue 13: the store stays bounded — `govlint prune --keep-days N` and `store.keep_days`
/// drop old runs' page rows and delivered mail bodies, and keep every finding's history:
/// first-seen days, fixed deadlines, 已逾期 and the current notice are unchanged.
@Suite(.serialized) struct StorePruneTests {
    static func site() throws -> FixtureSite {
        let site = try FixtureSite()
        try site.write(
            "index.html",
            NightlyRunTests.homepage(links: [("a.html", "常务会议"), ("b.html", "工作动态"), ("gone.html", "已删除")]), age: 60)
        try site.write("a.html", NightlyRunTests.article("会议要求认真布署全年工作。"), age: 60)
        try site.write("b.html", NightlyRunTests.article("各部门做好冬季安全生产工作。", title: "安全生产"), age: 60)
        return site
    }

    static func night(_ work: NightlyWorkspace, _ day: Int) async -> Int32 {
        await offThePool { work.govlint(["run", "--now", String(format: "2026-12-%02dT08:00", day)]) }
    }

    /// Every run's findings as the store rebuilds them (key, status, first seen, deadline).
    static func history(_ store: Store) throws -> [String] {
        try store.runs(kind: .run).flatMap { run in
            try store.findings(run: run.id).map {
                "\(run.id)|\($0.key)|\($0.status?.rawValue ?? "")|\($0.firstSeen ?? "")|\($0.deadline ?? "")"
            }
        }.sorted()
    }

    static func fileSize(_ path: String) -> Int {
        [path, path + "-wal"].map { ((try? FileManager.default.attributesOfItem(atPath: $0))?[.size] as? Int) ?? 0 }
            .reduce(0, +)
    }

    @Test func pruneDropsOldPageRowsAndMailBodiesAndKeepsEveryFindingsHistory() async throws {
        let site = try Self.site()
        let server = try SMTPTestServer(mode: .accept)
        defer { server.stop() }
        let work = try NightlyWorkspace()
        try work.writeConfig(sites: [.init(id: "county-a", name: "测试县人民政府", url: site.url)], smtpURL: server.url)
        for day in 1...4 { #expect(await Self.night(work, day) == 0) }

        let store = try work.store()
        let runs = try store.runs(kind: .run).reversed().map(\.self)
        #expect(runs.count == 4)
        let before = try Self.history(store)
        let counts = try store.tableCounts()
        let readable = { () throws -> Int in
            try runs.map { try store.pages(run: $0.id, site: "county-a").count }.reduce(0, +)
        }
        let pagesBefore = try readable()
        let notice = work.text("2026-12-04/county-a/notice.html")
        let ledger = work.text("2026-12-04/county-a/ledger.csv")
        #expect(notice.contains("已逾期"), "the typo's same-day deadline of 12-01 has passed")
        #expect(try runs.allSatisfy { try !store.pages(run: $0.id, site: "county-a").isEmpty })
        #expect(
            try runs.allSatisfy { try store.outbox(run: $0.id).allSatisfy { $0.sentAt != nil && !$0.message.isEmpty } })

        // Keep two days before 12-04: the runs of 12-01 lose their rows; 12-02 on stay whole.
        #expect(await offThePool { work.govlint(["prune", "--keep-days", "2", "--now", "2026-12-04T09:00"]) } == 0)
        #expect(try store.pages(run: runs[0].id, site: "county-a").isEmpty)
        #expect(
            try store.outbox(run: runs[0].id).allSatisfy {
                $0.bodyHash != nil && $0.sentAt != nil && !$0.subject.isEmpty
            })
        for run in runs.dropFirst() {
            #expect(try !store.pages(run: run.id, site: "county-a").isEmpty, "run of \(run.day) is kept whole")
            #expect(try store.outbox(run: run.id).allSatisfy { !$0.message.isEmpty })
        }
        let after = try store.tableCounts()
        #expect(
            try readable() < pagesBefore && after["page_versions"]! <= counts["page_versions"]!
                && after["runs"] == counts["runs"] && after["run_sites"] == counts["run_sites"])
        #expect(after["finding_history"] == counts["finding_history"])
        #expect(try Self.history(store) == before, "every run's findings, first-seen days and deadlines are unchanged")

        // The current notice and ledger rebuilt from the pruned store say the same.
        #expect(await offThePool { work.govlint(["report"]) } == 0)
        #expect(work.text("2026-12-04/county-a/notice.html") == notice)
        #expect(work.text("2026-12-04/county-a/ledger.csv") == ledger)
        // A second prune finds nothing more to drop.
        let again = try StorePruning.prune(store: store, keepDays: 2, today: Day("2026-12-04")!, probeWindowDays: 7)
        #expect(!again.store.removedAnything && again.evidenceFolders == 0)
        #expect(try store.integrityCheck() == "ok")
    }

    @Test func keepDaysInTheConfigKeepsTheStoreBoundedNightAfterNight() async throws {
        let site = try Self.site()
        let work = try NightlyWorkspace()
        try work.writeConfig(
            sites: [.init(id: "county-a", name: "测试县人民政府", url: site.url)], extra: "store: {keep_days: 2}\n")
        var pageRows: [Int] = []
        var sizes: [Int] = []
        for day in 1...10 {
            // Every night the pages change, so none answers 304 and each run stores its rows.
            try site.write(
                "b.html", NightlyRunTests.article("各部门做好冬季安全生产工作（第\(day)次）。", title: "安全生产"), age: Double(-day * 3))
            let status = await Self.night(work, day)
            #expect(status == 0, "night \(day): exit \(status)")
            let store = try work.store()
            pageRows.append(try store.tableCounts()["page_versions"] ?? -1)
            sizes.append(Self.fileSize(work.storePath))
        }
        // Runs of the last three days are kept (the cutoff day and after): the rows stop growing.
        #expect(pageRows[3] > pageRows[0])
        #expect(Set(pageRows.suffix(6)).count == 1, "page rows stay bounded: \(pageRows)")
        #expect(sizes[9] <= sizes[4] + 8192, "the store file does not keep growing: \(sizes)")
        let store = try work.store()
        let latest = try #require(try store.latestRun())
        let typo = try #require(try store.findings(run: latest.id).first { $0.rule == .typo })
        #expect(
            typo.firstSeen == "2026-12-01" && typo.deadline == "2026-12-01",
            "the first night's history survives its pruning")
        #expect(try store.runs(kind: .run).count == 10)
    }

    /// No age to prune by is bad usage (exit 2); a prune while the nightly run holds the lock
    /// refuses at once (exit 3) and drops nothing.
    @Test func pruneNeedsAnAgeAndNeverRunsBesideTheNight() async throws {
        let site = try Self.site()
        let work = try NightlyWorkspace()
        try work.writeConfig(sites: [.init(id: "county-a", name: "测试县人民政府", url: site.url)])
        for day in 1...3 { #expect(await Self.night(work, day) == 0) }
        #expect(await offThePool { work.govlint(["prune"]) } == 2, "neither --keep-days nor store.keep_days")
        #expect(await offThePool { work.govlint(["prune", "--keep-days", "0"]) } == 2)
        #expect(await offThePool { work.govlint(["prune", "--keep-days", "soon"]) } == 2)
        let holder = try work.store()
        let oldest = try #require(try holder.runs(kind: .run).last).id
        let rows = try holder.pages(run: oldest, site: "county-a").count
        #expect(rows > 0)
        try holder.acquireRunLock()
        #expect(await offThePool { work.govlint(["prune", "--keep-days", "1", "--now", "2026-12-03T09:00"]) } == 3)
        holder.releaseRunLock()
        #expect(try holder.pages(run: oldest, site: "county-a").count == rows)
        #expect(await offThePool { work.govlint(["prune", "--keep-days", "1", "--now", "2026-12-03T09:00"]) } == 0)
        #expect(try holder.pages(run: oldest, site: "county-a").isEmpty)
    }
}
