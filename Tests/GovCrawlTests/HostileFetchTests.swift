import Foundation
import GovCore
import GovTestSupport
import Testing
@testable import GovCrawl

/// Issue 11 items 1 and 8 at the fetcher.
@Suite struct HostileFetchTests {
    /// A 10,000-hop chain that never repeats is “too many redirects”, not a loop (before:
    /// 重定向循环); a chain that comes back is still a loop.
    @Test func longRedirectChainIsNotCalledALoop() throws {
        let server = try FixtureServer()
        defer { server.stop() }
        let crawler = Crawler(options: fastOptions())
        let results = crawler.fetch([
            FetchRequest(url: server.url("/_/hostile/redirects?n=10000")), FetchRequest(url: server.url("/_/loop")),
        ])
        let chain = results[0].0, loop = results[1].0
        #expect(chain.error == .tooManyRedirects && chain.isBroken, "\(chain)")
        #expect(
            chain.errorMessage?.hasPrefix("too many redirects (") == true, "\(String(describing: chain.errorMessage))")
        #expect(chain.reason == "重定向次数过多")
        #expect(loop.error == .redirectLoop && loop.errorMessage?.hasPrefix("redirect loop") == true, "\(loop)")
    }

    /// The crawler hands a page with stray NUL bytes to the parser (before: withheld as
    /// “binary content labelled text/html”): what is binary is decided by the reader.
    @Test func pageWithNULBytesIsHandedOver() throws {
        let server = try FixtureServer()
        defer { server.stop() }
        let pages = Collector<FetchedPage>()
        _ = Crawler(options: fastOptions { $0.respectRobots = false })
            .crawl(
                seeds: [server.url("/_/hostile/nul")], scope: CrawlScope(startURL: server.baseURL),
                handler: {
                    pages.add($0); return []
                }, linkChecked: { _, _ in })
        let page = try #require(pages.all.first)
        #expect(page.bodyWithheld == nil && page.body.contains(0), "\(String(describing: page.bodyWithheld))")
    }
}
