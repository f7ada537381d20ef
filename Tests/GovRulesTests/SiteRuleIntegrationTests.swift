import Foundation
import GovCore
import GovExtract
import Testing
@testable import GovRules

/// A small county site (Tests/Fixtures/sites/county-a) read by the real extractor, walked
/// breadth-first from its homepage as the crawler would, summarised by the builder and
/// judged by every page and site rule on a fixed clock.
@Suite struct SiteRuleIntegrationTests {
    static let host = "https://www.a.example.gov.cn"
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/sites/county-a")
    static let now = Day(year: 2026, month: 11, day: 30)!

    /// File for a URL of the fixture site; nil when the site has no such page.
    static func file(for url: String) -> URL? {
        guard url.hasPrefix(host) else { return nil }
        var path = String(url.dropFirst(host.count))
        if let cut = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = String(path[..<cut]) }
        if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
        let file = root.appendingPathComponent(String(path.dropFirst()))
        return FileManager.default.fileExists(atPath: file.path) ? file : nil
    }

    struct Result {
        let snapshot: SiteSnapshot; let pageFindings: [Finding]; let siteFindings: [Finding]; let pages: Int
    }

    static func crawl() throws -> Result {
        let homepage = host + "/"
        let builder = SiteSnapshotBuilder(siteID: "county-a", homepage: homepage, configuredColumns: [])
        let context = PageContext(siteID: "county-a", scopeHosts: ["www.a.example.gov.cn"], now: now)
        var queue: [(String, String?)] = [(homepage, nil)]
        var seen: Set<String> = [homepage]
        var pageFindings: [Finding] = []
        var count = 0
        while !queue.isEmpty {
            let (url, foundOn) = queue.removeFirst()
            guard let file = file(for: url) else { continue }
            let page = PageExtractor.extract(
                body: Array(try Data(contentsOf: file)), url: url, contentType: "text/html")
            count += 1
            var pageContext = context
            pageContext.isHomepage = url == homepage
            pageFindings += PageRules.check(page, context: pageContext)
            builder.add(page: page, outcome: FetchOutcome(url: url, status: 200), foundOn: foundOn)
            for link in page.links where link.kind == .anchor && seen.insert(link.url).inserted {
                queue.append((link.url, url))
            }
        }
        let snapshot = builder.finish()
        return Result(
            snapshot: snapshot, pageFindings: pageFindings,
            siteFindings: SiteRules.run(snapshot: snapshot, settings: SiteRuleSettings(), now: now), pages: count)
    }

    @Test func columnsAreDiscoveredTypedAndFilled() throws {
        let result = try Self.crawl()
        #expect(result.pages == 13)
        let columns = Dictionary(uniqueKeysWithValues: result.snapshot.columns.map { ($0.column.name, $0) })
        #expect(columns["政务动态"]?.column.type == .news)
        #expect(columns["政务动态"]?.listPages.count == 2)  // index.html + index_1.html
        #expect(columns["政务动态"]?.items.count == 12 + 1)  // both list pages + the crawled article's own
        #expect(columns["政务动态"]?.newest == Day(year: 2026, month: 11, day: 28))
        #expect(columns["通知公告"]?.column.type == .notice)
        #expect(columns["规范性文件"]?.column.type == .normative)
        #expect(columns["政策解读"]?.column.type == .interpretation)
        #expect(columns["人事信息"].map { $0.fetched && $0.items.isEmpty && $0.saysEmpty } == true)
        #expect(columns["互动交流"]?.column.type == .interaction)
        #expect(
            result.snapshot.footer
                == FooterIdentity(
                    siteIDCode: "1304000009", conacBadge: true,
                    icp: "冀ICP备15003849号", publicSecurity: "冀公网安备 13042002000523号"))
        #expect(result.snapshot.messages.count == 3)
        let article = try #require(result.snapshot.page(Self.host + "/tzgg/202605/1.html"))
        #expect(article.column == "通知公告" && article.columnType == .notice)
    }

    @Test func everyPlantedProblemIsFoundAndNothingElse() throws {
        let result = try Self.crawl()
        let found = (result.pageFindings + result.siteFindings).map {
            "\($0.rule.rawValue) \($0.severity.rawValue) \($0.match)"
        }.sorted()
        #expect(
            found
                == [
                    "column-empty major 人事信息",
                    "column-mismatch major 关于李四同志职务任免的通知",
                    "column-stale major 通知公告",
                    "external-link minor https://www.shop-example.com/",
                    "hidden-link veto http://www.bet-example.com/",
                    "interpretation-late minor 《某某县农村宅基地管理办法》政策解读",
                    "interpretation-unlinked info 某某县农村宅基地管理办法",
                    "metadata minor ContentSource",  // the 常务会议 article lacks it
                    "pubdate-mismatch major 2026-11-20 09:00",
                    "reply-overdue major 咨询社保转移",
                    "reply-overdue veto 反映道路积水",
                    "validity-label major 某某县城市绿化管理办法",
                ].sorted())
        let all = result.pageFindings + result.siteFindings
        let counts = SiteRules.counts(snapshot: result.snapshot, findings: result.siteFindings, now: Self.now)
        let verdict = Judge.verdict(findings: all, counts: counts, settings: SiteRuleSettings())
        #expect(!verdict.passed)
        #expect(verdict.reasons.count == 2)
        #expect(verdict.reasons.contains { $0.hasPrefix("暗链") } && verdict.reasons.contains { $0.hasPrefix("留言答复超期") })
        #expect(counts.homepageAgeDays == 3)
    }
}
