import Foundation
import GovCore
import GovCrawl

/// An in-memory site behind the `Fetcher` protocol (swift-nio's `NIOEmbedded` is the model):
/// tests run the real SiteScanner — extraction, every rule, the snapshot, the verdict —
/// over pages given as values, with no sockets and no timing. The frontier follows the
/// crawler's contract: breadth first from the seeds, in-scope followable links crawled
/// (depth and page cap), every other link checked once, `linkChecked` for each check-only
/// link and each failed page with the pages linking to it, then `completed`.
public final class EmbeddedFetcher: Fetcher, @unchecked Sendable {
    public struct Response: Sendable {
        public var status: Int
        public var contentType: String?
        public var body: [UInt8]
        public var etag: String?

        public init(
            status: Int = 200, contentType: String? = "text/html; charset=utf-8", body: String, etag: String? = nil
        ) {
            self.status = status; self.contentType = contentType; self.body = Array(body.utf8); self.etag = etag
        }
    }

    public let options: CrawlOptions
    private let site: [String: Response]
    private let lock = NSLock()
    private var log: [String] = []

    /// `site`: URL → answer; a URL not in it answers 404.
    public init(options: CrawlOptions = CrawlOptions(), site: [String: Response]) {
        self.options = options
        var normalized: [String: Response] = [:]
        for (url, response) in site { normalized[URLNormalizer.normalize(url) ?? url] = response }
        self.site = normalized
    }

    /// Every URL requested, in order.
    public var requests: [String] { lock.withLock { log } }

    private func answer(_ url: String, validators: Validators?) -> (FetchOutcome, [UInt8]) {
        lock.withLock { log.append(url) }
        guard let response = site[url] else {
            return (FetchOutcome(url: url, status: 404, contentType: "text/html"), [])
        }
        if let etag = response.etag, validators?.etag == etag {
            return (FetchOutcome(url: url, status: 304, etag: etag), [])
        }
        return (
            FetchOutcome(
                url: url, status: response.status, contentType: response.contentType, etag: response.etag,
                bytes: response.body.count), response.body
        )
    }

    public func fetch(_ requests: [FetchRequest]) -> [(FetchOutcome, [UInt8])] {
        requests.map { answer(URLNormalizer.normalize($0.url) ?? $0.url, validators: $0.validators) }
    }

    public func crawl(jobs: [CrawlJob], control: CrawlControl?, progress: (@Sendable (CrawlProgress) -> Void)?) {
        for job in jobs { crawl(job) }
    }

    private func crawl(_ job: CrawlJob) {
        var summary = CrawlSummary()
        var queue: [(url: String, depth: Int, referrer: String?)] = []
        var seen: Set<String> = []
        var checks: [String: (outcome: FetchOutcome?, referrers: [String])] = [:]
        var checkOrder: [String] = []
        var failedPages: [(FetchOutcome, [String])] = []
        let conditional = Dictionary(
            job.conditional.map { (URLNormalizer.normalize($0.key) ?? $0.key, $0.value) },
            uniquingKeysWith: { a, _ in a })
        for seed in job.seeds {
            if let url = URLNormalizer.normalize(seed), seen.insert(url).inserted { queue.append((url, 0, nil)) }
        }
        var next = 0
        while next < queue.count {
            let (url, depth, referrer) = queue[next]
            next += 1
            let (outcome, body) = answer(url, validators: conditional[url])
            summary.pagesFetched += 1
            summary.requests += 1
            if outcome.isNotModified { summary.notModified += 1 }
            let ok = (200..<300).contains(outcome.status)
            if ok { summary.pagesParsed += 1 }
            if outcome.isBroken { summary.errors += 1; failedPages.append((outcome, referrer.map { [$0] } ?? [])) }
            let links = job.handler(
                FetchedPage(outcome: outcome, body: ok ? body : [], depth: depth, referrer: referrer))
            for link in links {
                guard let target = URLNormalizer.normalize(link.url, relativeTo: url) else { continue }
                if link.follow && job.scope.contains(target) {
                    guard !seen.contains(target) else { continue }
                    if depth + 1 > options.maxDepth { summary.depthLimited += 1; continue }
                    if seen.count >= options.maxPages { summary.pageLimited += 1; continue }
                    seen.insert(target)
                    queue.append((target, depth + 1, url))
                } else if !seen.contains(target) {
                    if checks[target] == nil { checks[target] = (nil, []); checkOrder.append(target) }
                    checks[target]!.referrers.append(url)
                }
            }
        }
        for url in checkOrder where !seen.contains(url) {
            let (outcome, _) = answer(url, validators: nil)
            summary.linksChecked += 1
            summary.requests += 1
            if outcome.isBroken { summary.errors += 1 }
            job.linkChecked(outcome, checks[url]!.referrers)
        }
        for (outcome, referrers) in failedPages { job.linkChecked(outcome, referrers) }
        job.completed(summary)
    }
}
