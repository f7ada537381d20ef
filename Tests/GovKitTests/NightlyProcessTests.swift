import Foundation
import GovCore
import GovStore
import GovTestSupport
import Testing
@testable import GovKit

/// The built binary as the systemd unit runs it: killed with SIGKILL half way, and started
/// twice at once, against a slow site.
@Suite(.serialized) struct NightlyProcessTests {
    /// A site whose every answer takes `delay` seconds: a run over it lasts long enough to be
    /// caught in the middle.
    func slowSite(pages: Int, delay: Double) throws -> FixtureSite {
        let site = try FixtureSite(delay: delay)
        let links = (1...pages).map { ("p\($0).html", "动态\($0)") }
        try site.write("index.html", NightlyRunTests.homepage(links: links))
        for n in 1...pages {
            try site.write(
                "p\(n).html",
                NightlyRunTests.article(
                    n % 2 == 0 ? "认真布署第\(n)项工作。" : "第\(n)项工作进展顺利。",
                    title: "工作动态\(n)"))
        }
        return site
    }

    /// Starts `govlint run` and waits until it holds the lock and has begun its run.
    func startRun(_ work: NightlyWorkspace) throws -> Process {
        let process = try work.spawn(["run", "--quiet", "--now", "2026-11-28T08:00"])
        let started = waitUntil(20) {
            guard let store = try? work.store(), let running = try? store.runs(kind: .run).first else { return false }
            return running.status == .running
        }
        #expect(started, "the spawned run began")
        return process
    }

    @Test func aRunKilledHalfWayLeavesTheStoreConsistent() throws {
        let site = try slowSite(pages: 12, delay: 0.25)
        let work = try NightlyWorkspace()
        try work.writeConfig(sites: [
            .init(id: "county-a", name: "测试县人民政府", url: site.url),
            .init(id: "county-b", name: "测试县乙", url: site.url),
        ])
        let process = try startRun(work)
        Thread.sleep(forTimeInterval: 0.6)
        #expect(process.isRunning, "killed while crawling, not after")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)

        // The kernel dropped the lock; the next run marks the killed one failed and completes.
        #expect(work.govlint(["run", "--now", "2026-11-28T09:00"]) == 0)
        let store = try work.store()
        let runs = try store.runs(kind: .run)
        #expect(runs.count == 2)
        #expect(runs[1].status == .failed && runs[1].note?.hasPrefix("abandoned") == true)
        #expect(runs[0].status == .finished && runs[0].finishedSites == ["county-a", "county-b"])
        // Nothing of the killed run counts: every finding is new in the completed one.
        #expect(try store.findings(run: runs[0].id).allSatisfy { $0.status == .new })
        #expect(try store.integrityCheck() == "ok")
        #expect(work.text("2026-11-28/county-a/notice.html").contains("布署"))
    }

    @Test func aSecondRunExitsThreeWhileTheFirstHoldsTheLock() throws {
        let site = try slowSite(pages: 8, delay: 0.2)
        let work = try NightlyWorkspace()
        try work.writeConfig(sites: [.init(id: "county-a", name: "测试县人民政府", url: site.url)])
        let first = try startRun(work)
        let stderr = Pipe()
        let second = try work.spawn(["run", "--now", "2026-11-28T08:00"], stderr: stderr)
        second.waitUntilExit()
        let message = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(second.terminationStatus == 3)
        #expect(message.hasPrefix("govlint: another govlint run is in progress (pid \(first.processIdentifier)"))
        #expect(message.split(separator: "\n").count == 1, "one clear line")
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        let store = try work.store()
        #expect(try store.runs(kind: .run).map(\.status) == [.finished], "the refused run left no trace")
    }
}

/// Time budgets and SIGTERM (issue 11 item 6): a site that cannot be read in time is judged
/// on what was read and said to be incomplete; a stopped run still reports what it read.
@Suite(.serialized) struct NightlyBudgetTests {
    @Test func aSiteOverItsBudgetIsJudgedOnWhatWasReadAndMarkedIncomplete() throws {
        let site = try NightlyProcessTests().slowSite(pages: 20, delay: 0.3)
        let work = try NightlyWorkspace()
        try work.writeConfig(
            sites: [.init(id: "county-a", name: "测试县人民政府", url: site.url)],
            crawl: ", site_budget_minutes: 0.02")
        let started = Date()
        #expect(work.govlint(["run", "--now", "2026-11-28T08:00"]) == 0)
        #expect(
            Date().timeIntervalSince(started) < 15, "the budget (1.2 s) ends the crawl, not 21 × 0.3 s per connection")
        let store = try work.store()
        let run = try #require(try store.latestRun())
        #expect(run.status == .finished && run.finishedSites == ["county-a"])
        let details = try #require(SiteRunDetails.decode(try store.siteDetails(run: run.id)["county-a"]))
        #expect(details.incomplete?.hasPrefix("site budget") == true && details.notFetched > 0)
        let notice = work.text("2026-11-28/county-a/notice.html")
        #expect(notice.contains("未能检查完整"), "the notice says the site was not read to the end")
    }

    @Test func sigtermFinishesTheRunAndStillWritesNotices() throws {
        // 4 connections × 0.4 s per answer: 60 pages take 6 s; stopped after about 1.5 s.
        let site = try NightlyProcessTests().slowSite(pages: 60, delay: 0.4)
        let work = try NightlyWorkspace()
        try work.writeConfig(sites: [.init(id: "county-a", name: "测试县人民政府", url: site.url)])
        let process = try NightlyProcessTests().startRun(work)
        Thread.sleep(forTimeInterval: 1.5)
        #expect(process.isRunning, "stopped while crawling")
        kill(process.processIdentifier, SIGTERM)
        let stopped = waitUntil(30) { !process.isRunning }
        #expect(stopped, "SIGTERM ends the run promptly")
        guard stopped else { kill(process.processIdentifier, SIGKILL); return }
        #expect(process.terminationStatus == 0 && process.terminationReason == .exit)
        let store = try work.store()
        let run = try #require(try store.runs(kind: .run).first)
        #expect(run.status == .finished && run.note?.hasPrefix("interrupted") == true)
        #expect(run.finishedSites == ["county-a"])
        #expect(work.text("2026-11-28/county-a/notice.html").contains("未能检查完整"))
    }
}
