import Foundation
import GovCore
import GovCrawl
import GovStore
import GovTestSupport
import Testing
@testable import GovCLI
@testable import GovKit

/// Site judgments on a site with the structure that misled them (issue 12): the county-hub
/// fixture (Tests/Fixtures/sites/county-hub, written by its generate.py), a TRS-style portal
/// whose 政务公开 overview page lists the newest items of 通知公告, 政策文件 and 人事信息.
@Suite struct SiteJudgmentTests {
    static let host = "http://www.hub.example.gov.cn"
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/sites/county-hub")

    /// The fixture's HTML files, relative path → contents.
    static func files() throws -> [(path: String, text: String)] {
        let names = try #require(FileManager.default.enumerator(atPath: root.path)).compactMap { $0 as? String }
        return try names.filter { $0.hasSuffix(".html") }.sorted().map {
            ($0, try String(contentsOf: root.appendingPathComponent($0), encoding: .utf8))
        }
    }

    /// The fixture as an in-memory site (an ETag per file, so a second crawl gets 304s).
    static func site() throws -> [String: EmbeddedFetcher.Response] {
        var site: [String: EmbeddedFetcher.Response] = [:]
        for (path, text) in try files() {
            let url = host + "/" + (path.hasSuffix("index.html") ? String(path.dropLast("index.html".count)) : path)
            site[url] = .init(body: text, etag: "\"\(ContentHash.hex(Array(text.utf8)))\"")
        }
        return site
    }

    static func engine(_ fetcher: EmbeddedFetcher) throws -> Engine {
        let lexicon = FileManager.default.temporaryDirectory.appendingPathComponent("govlint-hub-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: lexicon, withIntermediateDirectories: true)
        try Data("布署\t部署\t布署为不规范写法（测试）\n".utf8).write(to: lexicon.appendingPathComponent("typos.tsv"))
        try Data("国土资源部\t自然资源部\t2018年3月起组建自然资源部，不再保留国土资源部（《国务院机构改革方案》，2018-03-17）\n".utf8)
            .write(to: lexicon.appendingPathComponent("outdated.tsv"))
        let settings = try Settings(
            Arguments(["check", "--now", "2026-11-28", "--lexicon", lexicon.path], commands: [CheckCommand.spec]),
            defaultFailOn: .major)
        return try Engine(settings: settings, crawlOptions: fetcher.options, fetcher: fetcher)
    }

    static func scan(options: CrawlOptions = CrawlOptions()) throws -> SiteScanResult {
        let fetcher = EmbeddedFetcher(options: options, site: try site())
        return try engine(fetcher).scanner(for: try ScanTarget(url: host + "/")).run()
    }

    static let misfiled = host + "/zwgk/tzgg/202611/t20261127_1000.html"

    /// Regression: every page reached through the hub was filed under 政务公开 and the column
    /// classifier reported most of the site as 信息与栏目不符. Each page is filed under its
    /// own column (by ColumnName meta, breadcrumb, or directory alone); the hub files nothing;
    /// only the planted 职务任免 notice published in 通知公告 is reported.
    @Test func aHubPageFilesNothingAndColumnMismatchReportsOnlyTheMisfiledPage() throws {
        let result = try Self.scan()
        #expect(result.crawl.pagesFetched == 47)
        let mismatches = result.findings.filter { $0.rule == .columnMismatch }
        #expect(mismatches.map(\.url) == [Self.misfiled], "\(mismatches.map { "\($0.url) \($0.message ?? "")" })")
        #expect(mismatches.first?.column == "通知公告")

        let hub = try #require(result.snapshot.columns.first { $0.column.name == "政务公开" })
        #expect(hub.aggregate)
        for (directory, column) in [("/zwgk/tzgg/", "通知公告"), ("/zwgk/zcwj/", "政策文件"), ("/zwgk/rsxx/", "人事信息")] {
            let pages = result.snapshot.pages.filter { $0.url.hasPrefix(Self.host + directory) }
            #expect(pages.count == 15, "\(directory): 2 list pages + 13 articles")
            #expect(
                pages.allSatisfy { $0.column == column },
                "\(pages.filter { $0.column != column }.map { "\($0.url) → \($0.column ?? "nil")" })")
        }
        #expect(
            !result.snapshot.pages.contains {
                $0.column == "政务公开" && !$0.url.hasPrefix(Self.host + "/zwgk/index") && $0.url != Self.host + "/zwgk/"
            })
        // Page findings carry the column the snapshot decided (one column per page).
        let policyPage = Self.host + "/zwgk/zcwj/202611/t20261127_2000.html"
        #expect(result.pages.first { $0.outcome.url == policyPage }?.column == "政策文件")
    }

    /// Regression: a column's own second list page (index_1.html, fewer items than a first
    /// page) was judged as an article and reported as misfiled in its own column.
    @Test func aSecondListPageIsAListPageOfItsColumnNotAMisfiledArticle() throws {
        let result = try Self.scan()
        for (directory, column) in [("/zwgk/tzgg/", "通知公告"), ("/zwgk/zcwj/", "政策文件"), ("/zwgk/rsxx/", "人事信息")] {
            let second = Self.host + directory + "index_1.html"
            let record = try #require(result.snapshot.columns.first { $0.column.name == column })
            #expect(record.listPages.contains(second), "\(record.listPages)")
            #expect(record.items.count == 13, "\(column): every article once")
            #expect(!result.findings.contains { $0.url == second && $0.rule == .columnMismatch })
        }
    }

    /// Regression: a normative document stating its validity past the first 300 characters
    /// got `validity-label` on every repeat run (replayed from its digest after a 304) and
    /// never on a first run. Two runs of the unchanged site, the second all 304s, give the
    /// same findings.
    @Test func aRepeatRunOfAnUnchangedSiteGivesTheFindingsOfAFreshOne() async throws {
        let site = try FixtureSite()
        let work = try NightlyWorkspace()
        for (path, text) in try Self.files() { try site.write(path, text, age: 120) }
        try work.writeConfig(sites: [.init(id: "county-hub", name: "某某县人民政府", url: site.url)])
        // Each run's findings and its pages' statuses.
        let runs = try await offThePool { () throws -> [(findings: [String], statuses: [Int])] in
            var runs: [(findings: [String], statuses: [Int])] = []
            for _ in 0..<2 {
                guard work.govlint(["run", "--now", "2026-11-28T08:00"]) == 0 else { break }
                let store = try work.store()
                guard let run = try store.latestRun() else { break }
                let findings = try store.findings(run: run.id, site: "county-hub")
                    .map { "\($0.rule.rawValue) \($0.url) \($0.match) \($0.message ?? "") \($0.column ?? "")" }.sorted()
                runs.append((findings, try store.pages(run: run.id, site: "county-hub").map { $0.status ?? 0 }))
            }
            return runs
        }
        try #require(runs.count == 2)
        #expect(runs[0].statuses.count == 47 && runs[0].statuses.allSatisfy { $0 == 200 })
        #expect(runs[1].statuses.count == 47 && runs[1].statuses.allSatisfy { $0 == 304 }, "\(runs[1].statuses)")
        #expect(runs[0].findings.contains { $0.hasPrefix("column-mismatch ") })
        #expect(
            runs[0].findings == runs[1].findings,
            "only first: \(Set(runs[0].findings).subtracting(runs[1].findings)) only second: \(Set(runs[1].findings).subtracting(runs[0].findings))"
        )
        #expect(!runs[1].findings.contains { $0.hasPrefix("validity-label ") })
    }

    /// Regression: a crawl cut short by max_pages was judged and scored as complete. It is
    /// marked incomplete as a budget stop is: the verdict is never 合格 and says why, and
    /// absences the unread part could overturn (年报未发布, blank or stale columns) are not
    /// reported; the full crawl of the same site does report the missing annual report.
    @Test func aCrawlCutShortByMaxPagesIsJudgedAsIncomplete() throws {
        let full = try Self.scan()
        #expect(full.crawl.incomplete == nil)
        #expect(full.findings.contains { $0.rule == .annualReportMissing })

        let capped = try Self.scan(options: CrawlOptions(maxPages: 12))
        #expect(capped.crawl.pageLimited > 0)
        #expect(capped.crawl.incomplete?.hasPrefix("page cap") == true)
        #expect(!capped.verdict.passed)
        let said = try #require(capped.verdict.notChecked)
        #expect(said.contains("未能检查完整") && said.contains("达到抓取页数上限（12个页面）"), "\(said)")
        let absences: Set<RuleID> = [.annualReportMissing, .columnEmpty, .columnStale]
        #expect(
            !capped.findings.contains { absences.contains($0.rule) },
            "\(capped.findings.filter { absences.contains($0.rule) })")

        let gaps = SiteJob.checkGaps(capped, homepage: capped.pages.first?.outcome)
        #expect(gaps.partial == "未能检查完整：达到抓取页数上限（12个页面），其余\(capped.crawl.notFetched)个页面或链接本次未检查")
        #expect(capped.crawl.notFetched >= capped.crawl.pageLimited)
    }

    /// Regression: a closed site (config closed_sites) still serving under a path of a live
    /// site was never reported. It is crawled from its prefix, reported once as
    /// closed-site-alive and not checked as the live site's pages; a closed path that answers
    /// 404, as it should, is neither reported alive nor a broken link.
    @Test func aClosedSiteStillServingUnderALiveSitesPathIsReportedAlive() async throws {
        let site = try FixtureSite()
        let work = try NightlyWorkspace()
        for (path, text) in try Self.files() { try site.write(path, text, age: 120) }
        try site.write(
            "old-rd/index.html",
            FixtureSite.page(
                title: "某某县人大常委会", body: "欢迎访问某某县人大常委会网站。",
                column: "首页", links: [("1.html", "人大要闻")]), age: 120)
        try site.write("old-rd/1.html", FixtureSite.page(title: "县人大常委会召开会议", body: "会议认真布署有关工作。"), age: 120)
        try work.writeConfig(
            sites: [.init(id: "county-hub", name: "某某县人民政府", url: site.url)],
            extra: """
                closed_sites:
                  - {url: "\(site.url)old-rd/", successor: "\(site.url)zwgk/", closed_on: 2025-06-30}
                  - {url: "\(site.url)old-gone/", closed_on: 2025-06-30}

                """)
        let findings = try await offThePool { () throws -> [Finding] in
            _ = work.govlint(["run", "--now", "2026-11-28T08:00"])
            let store = try work.store()
            guard let run = try store.latestRun() else { return [] }
            return try store.findings(run: run.id, site: "county-hub")
        }
        #expect(!findings.isEmpty)
        let alive = findings.filter { $0.rule == .closedSiteAlive }
        #expect(alive.map(\.match) == [site.url + "old-rd/"], "\(alive.map { "\($0.url) \($0.match)" })")
        #expect(
            !findings.contains { $0.url.contains("/old-gone/") }, "\(findings.filter { $0.url.contains("/old-gone/") })"
        )
        #expect(
            !findings.contains { $0.url.contains("/old-rd/") && $0.rule != .closedSiteAlive },
            "the closed site's pages are not judged as the live site's")
    }

    /// Regression: an outdated agency name was reported on a page published before the
    /// renaming. The page's date (PubDate meta, else the printed date) is held against the
    /// date of the change its outdated.tsv entry names (2018-03-17 for 国土资源部).
    @Test func anOutdatedNameIsReportedOnlyOnPagesPublishedAfterTheRenaming() throws {
        func page(_ title: String, _ date: String?, _ text: String, links: [String] = []) -> EmbeddedFetcher.Response {
            let meta = date.map { "<meta name=\"PubDate\" content=\"\($0)\">" } ?? ""
            let anchors = links.map { "<li><a href=\"\($0)\">\($0)</a></li>" }.joined()
            return .init(
                body: """
                    <!DOCTYPE html><html><head><meta charset="utf-8"><title>\(title)</title>\(meta)</head>
                    <body><h1>\(title)</h1><p>\(text)</p><ul>\(anchors)</ul></body></html>
                    """)
        }
        let text = "请到县国土资源部门窗口办理，依据国土资源部有关规定执行。"
        let fetcher = EmbeddedFetcher(site: [
            "http://county.example/": page(
                "某某县人民政府", nil, "欢迎访问。", links: ["/2017.html", "/2026.html", "/undated.html", "/printed.html"]),
            "http://county.example/2017.html": page("关于土地登记的通知", "2017-06-01 09:00", text),
            "http://county.example/2026.html": page("关于不动产登记的通知", "2026-11-20 09:00", text),
            "http://county.example/undated.html": page("办事指南", nil, text),
            "http://county.example/printed.html": page("关于征地补偿的公告", nil, "发布时间：2016-03-01 " + text),
        ])
        let result = try Self.engine(fetcher).scanner(for: try ScanTarget(url: "http://county.example/")).run()
        let outdated = result.findings.filter { $0.rule == .outdated }
        #expect(
            Set(outdated.map(\.url)) == ["http://county.example/2026.html", "http://county.example/undated.html"],
            "\(outdated.map { "\($0.url) \($0.match)" })")
        #expect(outdated.allSatisfy { $0.match == "国土资源部" })
    }

    /// A page that answers 304 when its stored copy cannot be read (written by an older
    /// build) is said as not checked, never passed over in silence.
    @Test func aNotModifiedPageWithoutAStoredCopyIsSaidNotChecked() throws {
        let fetcher = EmbeddedFetcher(site: try Self.site())
        let engine = try Self.engine(fetcher)
        let target = try ScanTarget(url: Self.host + "/")
        let remembered = PagesSeen()
        _ = engine.scanner(for: target).run(pages: { remembered.add($0) })
        let validators = remembered.byURL.mapValues { Validators(etag: $0.outcome.etag) }
        let second = engine.scanner(for: target).run(memory: SiteMemory(validators: validators, lookup: { _ in nil }))
        #expect(second.crawl.notModified == 1, "only the homepage: nothing else is reached without its links")
        #expect(
            second.notCheckedLines == [
                Self.host + "/: not checked: unchanged since the last run (304) but its stored copy could not be read"
            ])
    }
}
