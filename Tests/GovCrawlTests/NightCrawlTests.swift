import Foundation
import GovCore
import GovTestSupport
import Testing
@testable import GovCrawl

/// The whole night in one scheduler: jobs sharing a host take turns, each completes as
/// soon as its own crawl ends, external links are checked once per night, unresolvable
/// domains are not broken links, and budgets and stop requests end a crawl with what it read.
@Suite struct NightCrawlTests {
    /// Completion order and times of a night's jobs.
    final class Completions: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [(job: String, at: Date, summary: CrawlSummary)] = []
        func add(_ job: String, _ summary: CrawlSummary) { lock.withLock { items.append((job, Date(), summary)) } }
        var all: [(job: String, at: Date, summary: CrawlSummary)] { lock.withLock { items } }
        func summary(_ job: String) -> CrawlSummary? { all.first { $0.job == job }?.summary }
    }

    func job(
        _ name: String, _ server: FixtureServer, seed: String, budget: Double? = nil,
        links: Collector<(String, [String])>? = nil, into done: Completions
    ) -> CrawlJob {
        CrawlJob(
            seeds: [server.url(seed)], scope: CrawlScope(startURL: server.baseURL), budgetSeconds: budget,
            handler: followAll, linkChecked: { outcome, referrers in links?.add((outcome.url, referrers)) },
            completed: { done.add(name, $0) })
    }

    @Test func aSmallSiteIsCompletedWhileALargeOneOnTheSameHostCrawls() throws {
        let large = try FixtureServer(args: ["--gen-pages", "200"])
        let small = try FixtureServer(args: ["--gen-pages", "3"])
        defer { large.stop(); small.stop() }
        let done = Completions()
        // Both servers are 127.0.0.1: one host, one budget of 2 connections with a pause.
        Crawler(
            options: fastOptions {
                $0.perHostConnections = 2; $0.delayMs = 5
            }
        ).crawl(
            jobs: [job("large", large, seed: "/gen/0", into: done), job("small", small, seed: "/gen/0", into: done)])
        #expect(done.all.map(\.job) == ["small", "large"], "the small site does not wait for the large one")
        #expect(done.summary("large")?.pagesFetched == 200 && done.summary("small")?.pagesFetched == 3)
        #expect(done.summary("large")?.incomplete == nil)
    }

    @Test func anExternalLinkIsCheckedOncePerNight() throws {
        let outside = try FixtureServer()
        let pageA = try makeSite(["index.html": #"<a href="\#(outside.url("/_/status/200"))">x</a>"#])
        let pageB = try makeSite(["index.html": #"<a href="\#(outside.url("/_/status/200"))">x</a>"#])
        let siteA = try FixtureServer(root: pageA), siteB = try FixtureServer(root: pageB)
        defer { outside.stop(); siteA.stop(); siteB.stop() }
        let done = Completions()
        let linksA = Collector<(String, [String])>(), linksB = Collector<(String, [String])>()
        Crawler(options: fastOptions()).crawl(jobs: [
            job("a", siteA, seed: "/", links: linksA, into: done),
            job("b", siteB, seed: "/", links: linksB, into: done),
        ])
        let requests = outside.requestLog().filter { $0[2] == "/_/status/200" }
        #expect(requests.count == 1, "one HEAD for both sites: \(requests)")
        #expect(
            linksA.all.map(\.0) == [outside.url("/_/status/200")]
                && linksB.all.map(\.0) == [outside.url("/_/status/200")])
        #expect(linksA.all.first?.1 == [siteA.url("/")] && linksB.all.first?.1 == [siteB.url("/")])
    }

    @Test func linksToADomainThatDoesNotResolveAreNotBrokenLinks() throws {
        let root = try makeSite([
            "index.html":
                #"<a href="http://nonexistent.invalid/a">a</a> <a href="http://nonexistent.invalid/b">b</a> <a href="/c.html">c</a>"#,
            "c.html": #"<a href="http://nonexistent.invalid/a">a</a>"#,
        ])
        let server = try FixtureServer(root: root)
        defer { server.stop() }
        let notes = Collector<String>()
        let links = Collector<(String, [String])>()
        let summary = Crawler(options: fastOptions(), log: { notes.add($0) }).crawl(
            seeds: [server.url("/")], scope: CrawlScope(startURL: server.baseURL),
            handler: followAll, linkChecked: { outcome, referrers in links.add((outcome.url, referrers)) })
        #expect(links.all.isEmpty, "no broken link for a domain the machine cannot resolve: \(links.all)")
        #expect(summary.externalUnresolved == 2)
        let lines = notes.all.filter { $0.contains("外链未能检查（无法解析域名）") }
        #expect(lines.count == 1 && lines[0].contains("nonexistent.invalid"), "\(notes.all)")
    }

    /// A 429 tarpit (Retry-After on every request) would hold a site for hours; its budget
    /// ends it, it is marked incomplete, and the other site of the night is unaffected.
    @Test func aSiteBudgetEndsATarpitWithWhatWasRead() throws {
        let tarpit = try FixtureServer()
        // Another host: the tarpit's Retry-After pauses its own host only.
        let normal = try FixtureServer(args: ["--gen-pages", "5"], host: "127.0.0.2")
        defer { tarpit.stop(); normal.stop() }
        let done = Completions()
        let started = Date()
        Crawler(options: fastOptions { $0.respectRobots = false }).crawl(
            jobs: [
                job("tarpit", tarpit, seed: "/_/tarpit/0?after=3&n=30", budget: 1.5, into: done),
                job("normal", normal, seed: "/gen/0", budget: 1.5, into: done),
            ])
        let elapsed = Date().timeIntervalSince(started)
        #expect(elapsed < 12, "bounded by the budget and one request timeout, not 30 × 3 s: \(elapsed)")
        let pit = try #require(done.summary("tarpit"))
        #expect(pit.incomplete?.hasPrefix("site budget") == true)
        #expect(pit.notFetched > 0 && pit.pagesFetched < 31)
        #expect(done.summary("normal")?.incomplete == nil && done.summary("normal")?.pagesFetched == 5)
    }

    @Test func aStopRequestEndsEveryJobAtOnce() throws {
        let tarpit = try FixtureServer()
        defer { tarpit.stop() }
        let control = CrawlControl()
        let done = Completions()
        DispatchQueue.global().asyncAfter(deadline: .now() + 1) {
            control.stop(reason: "interrupted by SIGTERM", abortTransfers: true)
        }
        let started = Date()
        Crawler(options: fastOptions { $0.respectRobots = false }).crawl(
            jobs: [job("tarpit", tarpit, seed: "/_/tarpit/0?after=20&n=30", into: done)], control: control)
        #expect(Date().timeIntervalSince(started) < 6)
        #expect(done.summary("tarpit")?.incomplete == "interrupted by SIGTERM")
    }

    @Test func theRunDeadlineStopsTheNight() throws {
        let tarpit = try FixtureServer()
        defer { tarpit.stop() }
        let done = Completions()
        Crawler(options: fastOptions { $0.respectRobots = false }).crawl(
            jobs: [job("tarpit", tarpit, seed: "/_/tarpit/0?after=2&n=30", into: done)],
            control: CrawlControl(deadline: Date().addingTimeInterval(1)))
        #expect(done.summary("tarpit")?.incomplete == "run budget spent")
    }
}
