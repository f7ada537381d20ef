import Foundation
import GovCore
import GovCrawl
import GovTestSupport
import Testing
@testable import GovCLI
@testable import GovKit

/// The real SiteScanner (extraction, every rule, snapshot, verdict) over an in-memory site
/// through the `Fetcher` protocol: no sockets, no timing.
@Suite struct EmbeddedSiteScanTests {
    static func page(_ title: String, _ body: String, links: [String] = []) -> EmbeddedFetcher.Response {
        let anchors = links.map { "<li><a href=\"\($0)\">\($0)</a> <span>2026-11-20</span></li>" }.joined()
        return .init(
            body: """
                <!DOCTYPE html><html><head><meta charset="utf-8"><title>\(title)</title>
                <meta name="ColumnName" content="政务动态"><meta name="PubDate" content="2026-11-20 10:00"></head>
                <body><h1>\(title)</h1><p>\(body)</p><ul>\(anchors)</ul></body></html>
                """, etag: "\"\(title.hashValue)\"")
    }

    func engine(_ fetcher: EmbeddedFetcher) throws -> Engine {
        let lexicon = FileManager.default.temporaryDirectory.appendingPathComponent(
            "govlint-embedded-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: lexicon, withIntermediateDirectories: true)
        try Data("布署\t部署\t布署为不规范写法（测试）\n".utf8).write(to: lexicon.appendingPathComponent("typos.tsv"))
        let settings = try Settings(
            Arguments(["check", "--now", "2026-11-28", "--lexicon", lexicon.path], commands: [CheckCommand.spec]),
            defaultFailOn: .major)
        return try Engine(settings: settings, crawlOptions: fetcher.options, fetcher: fetcher)
    }

    @Test func theRealScannerReadsAnInMemorySite() throws {
        let fetcher = EmbeddedFetcher(site: [
            "http://county.example/": Self.page("测试县人民政府", "欢迎访问。", links: ["/a.html", "/b.html", "/gone.html"]),
            "http://county.example/a.html": Self.page("常务会议", "会议要求认真布署全年工作。"),
            "http://county.example/b.html": Self.page("工作动态", "各项工作进展顺利。"),
        ])
        let target = try ScanTarget(url: "http://county.example/")
        let result = try engine(fetcher).scanner(for: target).run()
        #expect(result.crawl.pagesFetched == 4)
        let typos = result.findings.filter { $0.rule == .typo }
        #expect(typos.map(\.url) == ["http://county.example/a.html"] && typos.first?.match == "布署")
        let broken = result.findings.filter { $0.rule == .brokenLink }
        #expect(broken.map(\.match).contains("http://county.example/gone.html"), "\(broken)")
        #expect(fetcher.requests.filter { $0 == "http://county.example/a.html" }.count == 1)
    }

    /// A 304 replays the remembered digest and carries the page's findings over, read from
    /// the memory only for the pages that answered 304.
    @Test func aNotModifiedPageReplaysItsMemory() throws {
        let home = Self.page("测试县人民政府", "欢迎访问。", links: ["/a.html"])
        let article = Self.page("常务会议", "会议要求认真布署全年工作。")
        let fetcher = EmbeddedFetcher(site: ["http://county.example/": home, "http://county.example/a.html": article])
        let target = try ScanTarget(url: "http://county.example/")
        let engine = try engine(fetcher)
        let remembered = PagesSeen()
        let first = engine.scanner(for: target).run(pages: { remembered.add($0) })
        let byURL = remembered.byURL
        let looked = Collector<String>()
        let memory = SiteMemory(
            validators: byURL.mapValues { Validators(etag: $0.outcome.etag) },
            lookup: { url in
                looked.add(url)
                return byURL[url].flatMap { page in page.digest.map { PageMemory(digest: $0, findings: page.findings) }
                }
            })
        let second = engine.scanner(for: target).run(memory: memory)
        #expect(second.crawl.notModified == 2)
        #expect(Set(looked.all) == ["http://county.example/", "http://county.example/a.html"])
        #expect(second.findings.filter { $0.rule == .typo }.count == first.findings.filter { $0.rule == .typo }.count)
    }
}

final class PagesSeen: @unchecked Sendable {
    private let lock = NSLock()
    private var pages: [String: ScannedPage] = [:]
    func add(_ page: ScannedPage) { lock.withLock { pages[page.outcome.url] = page } }
    var byURL: [String: ScannedPage] { lock.withLock { pages } }
}

final class Collector<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [T] = []
    func add(_ item: T) { lock.withLock { items.append(item) } }
    var all: [T] { lock.withLock { items } }
}
