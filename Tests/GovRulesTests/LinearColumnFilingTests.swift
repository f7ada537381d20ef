import Foundation
import GovCore
import GovTestSupport
import Testing
@testable import GovRules

/// Column filing (hubs, declared columns, directories, pagination) stays linear: a portal of
/// n columns under one hub and one of 2n cost at most about twice as much to summarise.
@Suite struct LinearColumnFilingTests {
    /// A hub listing 5 items of each column; each column a list page, its second page and
    /// 12 articles (half declaring their column, half in its directory alone).
    static func pages(columns: Int) -> [(Page, String?)] {
        let host = "http://www.example.gov.cn"
        var out: [(Page, String?)] = [(Page(url: host + "/", title: "某某县人民政府"), nil)]
        var hubItems: [ListItem] = []
        for c in 0..<columns {
            let base = "\(host)/zwgk/c\(c)/"
            let name = "第\(c)栏通知公告"
            let articles = (0..<12).map { "\(base)2026/\($0).html" }
            let items = articles.enumerated().map {
                ListItem(
                    title: "关于第\($0.offset)项工作的通知", url: $0.element,
                    date: Day(year: 2026, month: 11, day: 1 + $0.offset))
            }
            hubItems += items.prefix(5)
            out.append(
                (
                    Page(url: base, title: name, meta: ["ColumnName": name], listItems: Array(items.prefix(10))),
                    host + "/zwgk/"
                ))
            out.append(
                (
                    Page(
                        url: base + "index_1.html", title: name, meta: ["ColumnName": name],
                        listItems: Array(items.dropFirst(10))), base
                ))
            for (i, url) in articles.enumerated() {
                out.append(
                    (
                        Page(url: url, title: "关于第\(i)项工作的通知", meta: i % 2 == 0 ? ["ColumnName": name] : [:]),
                        host + "/zwgk/"
                    ))
            }
        }
        out.insert(
            (Page(url: host + "/zwgk/", title: "政务公开", meta: ["ColumnName": "政务公开"], listItems: hubItems), host + "/"),
            at: 1)
        return out
    }

    static func cost(columns: Int) -> Double {
        let pages = Self.pages(columns: columns)
        var best = Double.infinity
        for _ in 0..<3 {
            let start = threadCPUTime()
            let builder = SiteSnapshotBuilder(
                siteID: "a", homepage: "http://www.example.gov.cn/", configuredColumns: [])
            for (page, found) in pages {
                builder.add(page: page, outcome: FetchOutcome(url: page.url, status: 200), foundOn: found)
            }
            let snapshot = builder.finish()
            best = min(best, threadCPUTime() - start)
            precondition(snapshot.columns.count == columns + 1)
        }
        return max(best, 0.005)
    }

    @Test func doublingTheColumnsAtMostAboutDoublesTheFilingWork() async {
        let growth = await offThePool { Doubling.measure(n: 60, floor: 0.005) { Self.cost(columns: $0) } }
        #expect(growth.isLinear, "\(growth)")
    }

    @Test func everyArticleIsFiledUnderItsOwnColumnAndTheHubIsAnAggregate() {
        let builder = SiteSnapshotBuilder(siteID: "a", homepage: "http://www.example.gov.cn/", configuredColumns: [])
        for (page, found) in Self.pages(columns: 3) {
            builder.add(page: page, outcome: FetchOutcome(url: page.url, status: 200), foundOn: found)
        }
        let snapshot = builder.finish()
        #expect(snapshot.columns.first { $0.column.name == "政务公开" }?.aggregate == true)
        for page in snapshot.pages where page.url.contains("/2026/") {
            let c = page.url.split(separator: "/")[3]
            #expect(page.column == "第\(c.dropFirst())栏通知公告", "\(page.url) → \(page.column ?? "nil")")
        }
    }

    /// One URL identity (regression: the snapshot compared URL strings by hand, lower-casing
    /// the host only): a configured column written with an upper-case host and its index file,
    /// a list item written with lower-case percent-escapes and a dot segment, and the page the
    /// crawler fetched in normal form are one column and one item, not two.
    @Test func aListItemSpelledAnotherWayIsThePageTheCrawlerFetched() throws {
        let host = "http://www.example.gov.cn"
        let column = Column(name: "通知公告", url: "HTTP://WWW.Example.gov.cn/zwgk/tzgg/index.html", type: .notice)
        let builder = SiteSnapshotBuilder(siteID: "a", homepage: host, configuredColumns: [column])
        let item = ListItem(
            title: "公告", url: host + "/zwgk/./tzgg/%e5%85%ac%e5%91%8a.html", date: Day(year: 2026, month: 11, day: 2))
        let fetched = host + "/zwgk/tzgg/%E5%85%AC%E5%91%8A.html"
        for (page, found) in [
            (Page(url: host + "/", title: "某某县人民政府"), nil),
            (Page(url: host + "/zwgk/tzgg/", title: "通知公告", listItems: [item]), host + "/"),
            (Page(url: fetched, title: "公告"), host + "/zwgk/tzgg/"),
        ] as [(Page, String?)] {
            builder.add(page: page, outcome: FetchOutcome(url: page.url, status: 200), foundOn: found)
        }
        let snapshot = builder.finish()
        let notices = try #require(snapshot.columns.first { $0.column.name == "通知公告" })
        #expect(notices.items.map(\.url) == [fetched], "one item, the fetched page")
        #expect(notices.fetched, "the configured list page was read")
        #expect(snapshot.pages.first { $0.url == fetched }?.column == "通知公告")
        #expect(snapshot.pages.first?.isHomepage == true, "the homepage configured without its slash")
        #expect(snapshot.columns.count == 1, "no second column founded by the list page itself")
    }
}
