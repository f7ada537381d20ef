import Foundation
import GovCore
@testable import GovCrawl

/// Collects values from the crawler's callbacks, which may run on another thread.
final class Collector<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [T] = []
    func add(_ item: T) { lock.lock(); items.append(item); lock.unlock() }
    var all: [T] { lock.lock(); defer { lock.unlock() }; return items }
}

/// The href values of a fixture page (the tests' stand-in for GovExtract, which the
/// handler in GovKit uses).
func hrefs(_ body: [UInt8]) -> [String] {
    let text = String(decoding: body, as: UTF8.self)
    var links: [String] = []
    var rest = Substring(text)
    while let start = rest.range(of: "href=\"") {
        let after = rest[start.upperBound...]
        guard let end = after.firstIndex(of: "\"") else { break }
        links.append(String(after[..<end]))
        rest = after[after.index(after: end)...]
    }
    return links
}

/// A handler that follows every link except attachments and images.
let followAll: @Sendable (FetchedPage) -> [DiscoveredLink] = { page in
    hrefs(page.body).map { href in
        let isFile = href.hasSuffix(".pdf") || href.hasSuffix(".png")
        return DiscoveredLink(url: href, follow: !isFile, kind: isFile ? .attachment : .anchor)
    }
}

func fastOptions(_ change: (inout CrawlOptions) -> Void = { _ in }) -> CrawlOptions {
    var options = CrawlOptions(delayMs: 0, timeoutSeconds: 5, connectTimeoutSeconds: 2)
    change(&options)
    return options
}

/// Writes `files` (relative path → content) under a fresh temporary directory.
func makeSite(_ files: [String: String]) throws -> String {
    let root = NSTemporaryDirectory() + "govlint-site-\(UUID().uuidString)"
    for (path, content) in files {
        let full = root + "/" + path
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true)
        try content.write(toFile: full, atomically: true, encoding: .utf8)
    }
    return root
}
