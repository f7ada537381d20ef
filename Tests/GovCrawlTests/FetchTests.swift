import Foundation
import GovCore
import GovTestSupport
import Testing
@testable import GovCrawl

/// Every fault the fixture server can produce ends in a clear outcome value.
@Suite struct FetchTests {
    @Test func faultsEndInOutcomes() throws {
        let server = try FixtureServer()
        defer { server.stop() }
        let crawler = Crawler(
            options: fastOptions {
                $0.timeoutSeconds = 1; $0.maxBodyBytes = 2 * 1024 * 1024
            })
        let paths = [
            "/_/slow?s=3", "/_/status/500", "/_/flaky/a", "/_/waf503", "/_/captcha403", "/_/loop",
            "/_/chain", "/_/offhost", "/_/bomb", "/_/endless", "/_/binary.html", "/_/wrong-charset",
            "/_/status/404", "/_/throttle",
        ]
        let results = crawler.fetch(paths.map { FetchRequest(url: server.url($0)) })
        var byPath: [String: (FetchOutcome, [UInt8])] = [:]
        for (path, result) in zip(paths, results) { byPath[path] = result }

        let slow = byPath["/_/slow?s=3"]!.0
        #expect(slow.error == .timeout && slow.attempts == 2 && slow.isBroken)
        let failing = byPath["/_/status/500"]!.0
        #expect(failing.status == 500 && failing.attempts == 2 && failing.isBroken)
        let flaky = byPath["/_/flaky/a"]!.0
        #expect(flaky.status == 200 && flaky.attempts == 2 && !flaky.isBroken)
        let waf = byPath["/_/waf503"]!.0
        #expect(waf.status == 503 && waf.blocked && !waf.isBroken && waf.attempts == 1)
        let captcha = byPath["/_/captcha403"]!.0
        #expect(captcha.status == 403 && captcha.blocked && !captcha.isBroken)
        let loop = byPath["/_/loop"]!.0
        #expect(loop.error == .redirectLoop && loop.isBroken)
        let chain = byPath["/_/chain"]!.0
        #expect(chain.status == 200 && chain.redirects == [server.url("/_/chain/2"), server.url("/_/chain/3")])
        #expect(chain.finalURL == server.url("/_/chain/3"))
        let offhost = byPath["/_/offhost"]!.0
        #expect(offhost.status == 200 && offhost.finalURL == "http://localhost:\(server.port)/_/landed")
        let bomb = byPath["/_/bomb"]!.0
        #expect(bomb.error == .tooLarge && !bomb.isBroken)
        let endless = byPath["/_/endless"]!.0
        #expect(endless.error == .tooLarge)
        let (binary, binaryBody) = byPath["/_/binary.html"]!
        #expect(binary.status == 200 && binaryBody.count == 4112)
        let (wrongCharset, wrongBody) = byPath["/_/wrong-charset"]!
        #expect(wrongCharset.contentType == "text/html; charset=utf-8")
        // The bytes arrive untouched (GBK 政务 = D5 FE CE F1); decoding them is the reader's job.
        #expect(wrongBody.count == 92 && wrongBody.starts(with: Array("<html><head><title>".utf8)))
        #expect(wrongBody[19...22].elementsEqual([0xD5, 0xFE, 0xCE, 0xF1]))
        let missing = byPath["/_/status/404"]!.0
        #expect(missing.status == 404 && missing.attempts == 1 && missing.reason == "HTTP 404")
        let throttled = byPath["/_/throttle"]!.0
        #expect(throttled.status == 503 && throttled.attempts == 1)
        #expect(throttled.errorMessage?.contains("Retry-After") == true)
    }

    @Test func retryAfterIsHonoured() throws {
        let server = try FixtureServer()
        defer { server.stop() }
        let crawler = Crawler(options: fastOptions())
        let started = Date()
        let results = crawler.fetch([
            FetchRequest(url: server.url("/_/ratelimit/s?after=1")),
            FetchRequest(url: server.url("/_/ratelimit/d?after=1&date=1")),
        ])
        for (outcome, _) in results {
            #expect(outcome.status == 200 && outcome.attempts == 2)
        }
        #expect(Date().timeIntervalSince(started) >= 1.0)
        let times = server.requestLog().filter { $0[2].hasPrefix("/_/ratelimit/s") }.compactMap { Double($0[0]) }
        #expect(times.count == 2 && times[1] - times[0] >= 0.95)
    }

    @Test func conditionalRequestsGet304() throws {
        let server = try FixtureServer()
        defer { server.stop() }
        let crawler = Crawler(options: fastOptions())
        let first = crawler.fetch([FetchRequest(url: server.url("/_/etag/a"))])[0].0
        #expect(
            first.status == 200 && first.etag == "\"v1-a\"" && first.lastModified == "Tue, 03 Nov 2026 08:00:00 GMT")
        let again = crawler.fetch([
            FetchRequest(url: server.url("/_/etag/a"), validators: Validators(etag: first.etag)),
            FetchRequest(url: server.url("/_/etag/b"), validators: Validators(lastModified: first.lastModified)),
            FetchRequest(url: server.url("/_/etag/c"), validators: Validators(etag: "\"stale\"")),
        ])
        #expect(again[0].0.status == 304 && again[0].0.isNotModified && !again[0].0.isBroken)
        #expect(again[1].0.status == 304)
        #expect(again[2].0.status == 200)
        let log = server.requestLog()
        #expect(log.contains { $0[2] == "/_/etag/a" && $0[5] == "\"v1-a\"" })
    }

    @Test func headRefusedFallsBackToRangedGet() throws {
        let server = try FixtureServer()
        defer { server.stop() }
        let outcome = Crawler(options: fastOptions()).fetch([
            FetchRequest(url: server.url("/files/report.pdf"), method: .head)
        ])[0].0
        #expect(outcome.status == 206 && !outcome.isBroken)
        let methods = server.requestLog().filter { $0[2] == "/files/report.pdf" }.map { "\($0[1]) \($0[7])" }
        #expect(methods == ["HEAD -", "GET bytes=0-0"])
    }

    @Test func connectionRefusedAndBadURLsAreValues() throws {
        // A port that was free a moment ago: bind, read the port, close.
        let server = try FixtureServer()
        let port = server.port
        server.stop()
        let results = Crawler(options: fastOptions()).fetch([
            FetchRequest(url: "http://127.0.0.1:\(port)/", retry: false),
            FetchRequest(url: "mailto:someone@example.gov.cn"),
        ])
        #expect(results[0].0.error == .connect && results[0].0.isBroken && results[0].0.attempts == 1)
        #expect(results[1].0.error == .other && results[1].0.errorMessage == "not an http(s) URL")
    }

    @Test func userAgentFromOptions() throws {
        let server = try FixtureServer()
        defer { server.stop() }
        _ = Crawler(options: fastOptions { $0.userAgent = "govlint-test/9 (+mailto:gkb@example.gov.cn)" })
            .fetch([FetchRequest(url: server.url("/_/status/200"))])
        #expect(server.requestLog().first?[4] == "govlint-test/9 (+mailto:gkb@example.gov.cn)")
    }
}
