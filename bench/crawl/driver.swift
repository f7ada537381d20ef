// Crawler-only benchmark driver, built by bench/crawl/build-driver.sh against the release
// objects of GovCrawl and GovCore (no parsing, no rules: hrefs found by a byte scan).
// Usage: crawl-driver URL CONCURRENCY MAX_PAGES
// Runs two crawls: a cold one, then a conditional one with the first run's validators and
// each page's links handed back on 304 (what GovKit does from its store).
import Foundation
import GovCore
import GovCrawl

final class Memory: @unchecked Sendable {
    let lock = NSLock()
    var validators: [String: Validators] = [:]
    var links: [String: [DiscoveredLink]] = [:]
    func remember(_ url: String, _ v: Validators, _ l: [DiscoveredLink]) {
        lock.lock(); validators[url] = v; links[url] = l; lock.unlock()
    }
    func links(_ url: String) -> [DiscoveredLink] { lock.lock(); defer { lock.unlock() }; return links[url] ?? [] }
}

func hrefs(_ body: [UInt8]) -> [DiscoveredLink] {
    let needle = Array("href=\"".utf8)
    var out: [DiscoveredLink] = []
    var i = 0
    let n = body.count
    while i + needle.count < n {
        if body[i] == needle[0], body[i..<(i + needle.count)].elementsEqual(needle) {
            let start = i + needle.count
            var end = start
            while end < n, body[end] != UInt8(ascii: "\"") { end += 1 }
            out.append(DiscoveredLink(url: String(decoding: body[start..<end], as: UTF8.self), follow: true))
            i = end
        }
        i += 1
    }
    return out
}

let args = CommandLine.arguments
guard args.count == 4, let concurrency = Int(args[2]), let maxPages = Int(args[3]) else {
    FileHandle.standardError.write("usage: crawl-driver URL CONCURRENCY MAX_PAGES\n".data(using: .utf8)!)
    exit(2)
}
var options = CrawlOptions(maxPages: maxPages, maxDepth: 50, perHostConnections: concurrency,
                           globalConnections: concurrency, delayMs: 0, checkExternal: false)
options.perPatternLimit = Int.max
let crawler = Crawler(options: options)
let memory = Memory()
let scope = CrawlScope(startURL: args[1])
for pass in ["cold", "conditional"] {
    let conditional = pass == "cold" ? [:] : memory.validators
    let summary = crawler.crawl(seeds: [args[1]], scope: scope, conditional: conditional, handler: { page in
        if page.outcome.isNotModified { return memory.links(page.outcome.url) }
        let links = hrefs(page.body)
        memory.remember(page.outcome.url, Validators(etag: page.outcome.etag, lastModified: page.outcome.lastModified), links)
        return links
    }, linkChecked: { _, _ in })
    print("\(pass): pages \(summary.pagesFetched), 304 \(summary.notModified), errors \(summary.errors), requests \(summary.requests), " +
          String(format: "%.2f s, %.0f pages/s", summary.elapsedSeconds, Double(summary.pagesFetched) / summary.elapsedSeconds))
}
