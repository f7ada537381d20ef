import Foundation
import GovCore
import GovTestSupport
import Testing
@testable import GovCrawl

@Suite struct CrawlTests {
    /// A small site with a broken link on two pages, a robots-excluded page, an attachment
    /// whose server refuses HEAD, a WAF-walled link, an external link and a redirect.
    static let site: [String: String] = [
        "index.html": """
        <a href="/a.html">A</a> <a href="b.html#section">B</a> <a href="/missing.html">gone</a>
        <a href="/private/secret.html">private</a> <a href="/files/report.pdf">report</a>
        <a href="/_/waf503">walled</a> <a href="http://localhost:PORT/_/landed">external</a>
        <a href="/_/chain">moved</a> <a href="mailto:gkb@example.gov.cn">mail</a>
        """,
        "a.html": #"<a href="/?utm_source=x">home</a> <a href="/missing.html">gone again</a> <a href="/c/">C</a>"#,
        "b.html": #"<a href="/a.html">A</a> <a href="/img/logo.png">logo</a>"#,
        "c/index.html": #"<a href="../b.html">B</a>"#,
        "private/secret.html": "secret",
    ]

    @Test func crawlsASiteAndReportsLinks() throws {
        let server = try FixtureServer(root: try makeSite([:]))  // port first, then the site that names it
        server.stop()
        let root = try makeSite(Self.site)
        let live = try FixtureServer(root: root)
        defer { live.stop() }
        // The external link must name this server's port under another host name.
        let index = root + "/index.html"
        try String(contentsOfFile: index, encoding: .utf8).replacingOccurrences(of: "PORT", with: "\(live.port)")
            .write(toFile: index, atomically: true, encoding: .utf8)

        let pages = Collector<FetchedPage>()
        let checked = Collector<(FetchOutcome, [String])>()
        let crawler = Crawler(options: fastOptions())
        let summary = crawler.crawl(
            seeds: [live.url("/")], scope: CrawlScope(startURL: live.baseURL),
            handler: { page in
                pages.add(page); return followAll(page)
            },
            linkChecked: { checked.add(($0, $1)) })

        let fetched = Set(pages.all.map(\.outcome.url))
        #expect(
            fetched.isSuperset(of: [
                live.url("/"), live.url("/a.html"), live.url("/b.html"), live.url("/c/"),
                live.url("/missing.html"), live.url("/_/chain"),
            ]))
        #expect(!fetched.contains(live.url("/private/secret.html")))
        #expect(!fetched.contains(live.url("/?utm_source=x")))  // tracking parameter removed: the same page
        #expect(summary.skippedByRobots == 1)

        let home = pages.all.first { $0.outcome.url == live.url("/") }!
        #expect(home.depth == 0 && home.referrer == nil && !home.body.isEmpty)
        let c = pages.all.first { $0.outcome.url == live.url("/c/") }!
        #expect(c.depth == 2 && c.referrer == live.url("/a.html"))

        var reports: [String: (FetchOutcome, [String])] = [:]
        for entry in checked.all { reports[entry.0.url] = entry }
        let missing = reports[live.url("/missing.html")]!
        #expect(missing.0.status == 404 && missing.0.isBroken)
        #expect(Set(missing.1) == [live.url("/"), live.url("/a.html")])
        let report = reports[live.url("/files/report.pdf")]!
        #expect(report.0.status == 206 && !report.0.isBroken && report.1 == [live.url("/")])
        let walled = reports[live.url("/_/waf503")]!
        #expect(walled.0.blocked && !walled.0.isBroken)
        let logo = reports[live.url("/img/logo.png")]!
        #expect(logo.0.status == 404 && logo.1 == [live.url("/b.html")])
        let external = reports["http://localhost:\(live.port)/_/landed"]!
        #expect(external.0.status == 200)
        #expect(reports[live.url("/private/secret.html")]?.0.error == .robots)
        // Pages that answered are not reported again.
        #expect(reports[live.url("/a.html")] == nil)

        #expect(summary.errors >= 2 && summary.blocked == 1)
        #expect(summary.linksChecked == 3)  // report.pdf, external, logo.png; waf503 is an anchor, fetched as a page
        // The robots.txt was fetched once for the site and once for the external host name.
        #expect(live.requestLog().filter { $0[2] == "/robots.txt" }.count == 2)
        // Every page fetched at most once.
        let gets = live.requestLog().filter { $0[1] == "GET" && $0[2] != "/robots.txt" }.map { $0[2] }
        #expect(gets.count == Set(gets).count)
    }

    @Test func externalLinksSkippedWhenConfigured() throws {
        let root = try makeSite([
            "index.html": #"<a href="http://localhost:1/x">ext</a> <a href="/a.html">a</a>"#,
            "a.html": "a",
        ])
        let server = try FixtureServer(root: root)
        defer { server.stop() }
        let checked = Collector<FetchOutcome>()
        let summary = Crawler(
            options: fastOptions {
                $0.checkExternal = false; $0.respectRobots = false
            }
        )
        .crawl(
            seeds: [server.url("/")], scope: CrawlScope(startURL: server.baseURL),
            handler: followAll, linkChecked: { outcome, _ in checked.add(outcome) })
        #expect(summary.externalSkipped == 1 && summary.pagesFetched == 2 && checked.all.isEmpty)
        #expect(!server.requestLog().contains { $0[2] == "/robots.txt" })
    }

    @Test func trapsStop() throws {
        let root = try makeSite([
            "index.html": #"<a href="/cal/2026/11/05">calendar</a> <a href="/list?page=1">list</a>"#
        ])
        let server = try FixtureServer(root: root)
        defer { server.stop() }
        let notes = Collector<String>()
        let summary = Crawler(
            options: fastOptions {
                $0.perPatternLimit = 20; $0.queryVariantLimit = 10; $0.maxDepth = 1000
            },
            log: { notes.add($0) }
        )
        .crawl(
            seeds: [server.url("/")], scope: CrawlScope(startURL: server.baseURL),
            handler: followAll, linkChecked: { _, _ in })
        let paths = server.requestLog().map { $0[2] }
        #expect(paths.filter { $0.hasPrefix("/cal/") }.count == 20)
        // ?page=1 is found on the home page; ?page=2… on list pages, which count as variants.
        #expect(paths.filter { $0.hasPrefix("/list") }.count == 11)
        #expect(summary.trapLimited >= 2)
        #expect(summary.trapNotes.count == 2)
        #expect(notes.all.contains { $0.contains("/cal/#/#/#") })
        #expect(notes.all.contains { $0.contains("query variants") && $0.contains("/list") })
    }

    @Test func depthAndPageCaps() throws {
        let server = try FixtureServer(args: ["--gen-pages", "200"])
        defer { server.stop() }
        let depth = Crawler(options: fastOptions { $0.maxDepth = 3 })
            .crawl(
                seeds: [server.url("/gen/0")], scope: CrawlScope(startURL: server.baseURL),
                handler: followAll, linkChecked: { _, _ in })
        #expect(depth.pagesFetched == 15 && depth.depthLimited == 16)  // 1 + 2 + 4 + 8 pages, 16 beyond
        let capped = Crawler(options: fastOptions { $0.maxPages = 10 })
            .crawl(
                seeds: [server.url("/gen/0")], scope: CrawlScope(startURL: server.baseURL),
                handler: followAll, linkChecked: { _, _ in })
        #expect(capped.pagesFetched == 10 && capped.pageLimited > 0)
    }

    /// The delay applies on each connection between its requests, not to the whole host
    /// serialised: 2 connections with 300 ms each start at most 2 requests in any 300 ms,
    /// and 12 pages take about half the serialised time.
    @Test func politeDelayPerConnection() throws {
        let server = try FixtureServer(args: ["--gen-pages", "12"])
        defer { server.stop() }
        let summary = Crawler(
            options: fastOptions {
                $0.delayMs = 300; $0.perHostConnections = 2
            }
        )
        .crawl(
            seeds: [server.url("/gen/0")], scope: CrawlScope(startURL: server.baseURL),
            handler: followAll, linkChecked: { _, _ in })
        #expect(summary.pagesFetched == 12)
        let starts = server.requestLog().compactMap { Double($0[0]) }.sorted()
        #expect(starts.count == 13)  // robots.txt + 12 pages
        // Server-side times jitter by a few ms: a window slightly shorter than the delay.
        for (index, start) in starts.enumerated() where index + 2 < starts.count {
            #expect(starts[index + 2] - start >= 0.27, "three starts within 300 ms: \(starts)")
        }
        #expect(starts.last! - starts.first! < 12 * 0.3 * 0.8, "not serialised: \(starts)")
    }

    /// A host group (`crawl.hosts`) gets its own connections and delay.
    @Test func hostGroupHasItsOwnLimits() throws {
        let server = try FixtureServer(args: ["--gen-pages", "12"])
        defer { server.stop() }
        let started = Date()
        let summary = Crawler(
            options: fastOptions {
                $0.delayMs = 2_000; $0.perHostConnections = 1
                $0.hostLimits = ["127.0.0.1": HostLimits(connections: 4, delayMs: 0)]
            }
        ).crawl(
            seeds: [server.url("/gen/0")], scope: CrawlScope(startURL: server.baseURL),
            handler: followAll, linkChecked: { _, _ in })
        #expect(summary.pagesFetched == 12)
        #expect(Date().timeIntervalSince(started) < 10, "the group's delay 0 applies, not the default 2 s")
    }

    @Test func backsOffOn429() throws {
        let root = try makeSite([
            "index.html": #"<a href="/_/ratelimit/p?after=0">r</a> <a href="/a.html">a</a> <a href="/b.html">b</a>"#,
            "a.html": "a", "b.html": "b",
        ])
        let server = try FixtureServer(root: root)
        defer { server.stop() }
        _ = Crawler(
            options: fastOptions {
                $0.perHostConnections = 1; $0.respectRobots = false
            }
        )
        .crawl(
            seeds: [server.url("/")], scope: CrawlScope(startURL: server.baseURL),
            handler: followAll, linkChecked: { _, _ in })
        let log = server.requestLog()
        let starts = log.compactMap { Double($0[0]) }
        let first429 = log.firstIndex { $0[2].hasPrefix("/_/ratelimit") }!
        // After the 429 the host's pause went from 0 to at least 250 ms.
        #expect(starts[first429 + 1] - starts[first429] >= 0.24)
    }

    @Test func conditionalCrawlSees304() throws {
        let root = try makeSite(["index.html": #"<a href="/_/etag/x">x</a>"#])
        let server = try FixtureServer(root: root)
        defer { server.stop() }
        let crawler = Crawler(options: fastOptions())
        let first = Collector<FetchedPage>()
        _ = crawler.crawl(
            seeds: [server.url("/")], scope: CrawlScope(startURL: server.baseURL),
            handler: {
                first.add($0); return followAll($0)
            }, linkChecked: { _, _ in })
        var validators: [String: Validators] = [:]
        for page in first.all where page.outcome.etag != nil {
            validators[page.outcome.url] = Validators(etag: page.outcome.etag, lastModified: page.outcome.lastModified)
        }
        #expect(validators.count == 1)
        let second = Collector<FetchedPage>()
        let summary = crawler.crawl(
            seeds: [server.url("/")], scope: CrawlScope(startURL: server.baseURL),
            conditional: validators,
            handler: {
                second.add($0); return followAll($0)
            }, linkChecked: { _, _ in })
        #expect(summary.notModified == 1 && summary.errors == 0)
        #expect(second.all.first { $0.outcome.url == server.url("/_/etag/x") }?.outcome.status == 304)
    }

    @Test func progressIsReported() throws {
        let server = try FixtureServer(args: ["--gen-pages", "30"])
        defer { server.stop() }
        let reports = Collector<CrawlProgress>()
        let summary = Crawler(options: fastOptions()).crawl(
            seeds: [server.url("/gen/0")], scope: CrawlScope(startURL: server.baseURL),
            handler: followAll, linkChecked: { _, _ in }, progress: { reports.add($0) })
        #expect(reports.all.last?.pagesFetched == 30 && summary.pagesParsed == 30)
        #expect(summary.requests == 31)
    }
}
