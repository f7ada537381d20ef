import Foundation
import GovCore
import GovTestSupport
import Testing
@testable import GovCrawl

/// `crawl.proxy`: an office whose server reaches the sites only through a proxy. The
/// fixture server stands in for the proxy: a request sent through it arrives in absolute
/// form (`GET http://host/path`) with the site's own Host header.
@Suite struct ProxyTests {
    @Test func everyRequestGoesThroughTheConfiguredProxy() throws {
        let proxy = try FixtureServer()
        defer { proxy.stop() }
        let site = "http://www.county.example.invalid/index.html"
        let crawler = Crawler(
            options: fastOptions {
                $0.proxy = proxy.baseURL; $0.respectRobots = false
            })
        let outcome = crawler.fetch([FetchRequest(url: site)])[0].0
        #expect(outcome.error == nil, "the proxy answered: \(outcome)")
        let requests = proxy.requestLog()
        #expect(
            requests.contains { $0.count > 3 && $0[2] == site && $0[3] == "www.county.example.invalid" }, "\(requests)")
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["http_proxy"] == nil, "http_proxy is set here"))
    func withoutAProxyTheSameHostIsNotReachable() throws {
        let crawler = Crawler(options: fastOptions { $0.respectRobots = false })
        let outcome = crawler.fetch([FetchRequest(url: "http://www.county.example.invalid/index.html")])[0].0
        #expect(outcome.error != nil && outcome.isBroken, "example.invalid never resolves")
    }
}
