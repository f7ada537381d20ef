import Foundation
import GovConfig
import GovCore
import GovCrawl
@testable import GovKit
import GovRules
import Testing

/// The hit as the excerpt marks it (what every printer shows in bold).
private func marked(_ finding: Finding) -> String? {
    guard let hit = finding.contextHit else { return nil }
    let scalars = Array(finding.context.unicodeScalars)
    guard hit.upperBound <= scalars.count else { return nil }
    return String(String.UnicodeScalarView(scalars[hit]))
}

private func day(_ text: String) -> Day { Day(text)! }

@Suite(.serialized) struct FeedScannerTests {
    let server: FeedFixtureServer

    init() throws { server = try FeedFixtureServer() }

    @Test func rssWithCDATAAndEscapedHTMLFindsEveryPlantedProblem() throws {
        let result = try FeedTestKit.scanner(FeedTestKit.feed("qh-fabu", url: server.url("rss.xml"))).scan()
        #expect(result.error == nil)
        #expect(result.itemCount == 3)
        #expect(result.newest == LocalDateTime(day: day("2026-11-26"), minuteOfDay: 600))

        let typo = try #require(result.findings.rule(.typo).first)
        #expect(typo.match == "布署" && typo.suggestion == "部署")
        #expect(typo.url == server.url("posts/1.html"))
        #expect(typo.title == "县政府召开常务会议")
        #expect(typo.site == "qh-fabu")
        #expect(typo.context.contains("认真布署全年工作"))
        #expect(marked(typo) == "布署")
        #expect(typo.line == nil)

        // Escaped HTML in <description>: the formulation and the hidden spam link.
        let expression = try #require(result.findings.rule(.expression).first)
        #expect(expression.url == server.url("posts/2.html") && marked(expression) == "扫黑险恶")
        #expect(expression.suggestion == "扫黑除恶")
        // The hidden link once (its hidden text is the same plant), and the sensitive term it carries.
        #expect(result.findings.rule(.hiddenLink).map(\.match) == ["http://www.bet-example.com/"])
        #expect(result.findings.rule(.sensitive).map(\.match) == ["网上赌场"])

        let broken = result.findings.rule(.brokenLink)
        #expect(broken.map(\.match) == [server.url("posts/missing.html")])
        #expect(broken.first?.url == server.url("posts/1.html"))
        #expect(broken.first?.context.contains("HTTP 404") == true)
        // gov.cn is allowed; the shop is not; the hidden link is hidden-link's, not external-link's.
        #expect(result.findings.rule(.externalLink).map(\.match) == ["https://www.shop-example.com/deal"])
        #expect(result.findings.rule(.externalLink).first?.url == server.url("posts/1.html"))
        // Internal links (missing, ok) are requested; the three off-site ones are not (check_external_links off).
        #expect(result.linksChecked == 2 && result.linksSkipped == 3)

        #expect(result.findings.rule(.feedStale).isEmpty)
        #expect(!result.verdict.passed)
        #expect(result.validators.lastModified != nil)
        #expect(result.fetched?.status == 200)
    }

    @Test func atomTitlesAndDatesAreRead() throws {
        let result = try FeedTestKit.scanner(FeedTestKit.feed("qh-yj", url: server.url("atom.xml"))).scan()
        #expect(result.error == nil && result.itemCount == 2)
        // 08:00Z is 16:00 China time.
        #expect(result.newest == LocalDateTime(day: day("2026-11-27"), minuteOfDay: 16 * 60))
        let typo = try #require(result.findings.rule(.typo).first)
        #expect(typo.match == "截止目前" && typo.title == "防汛演练圆满完成")
        #expect(typo.url == "https://weibo.example.com/qhyj/1")
        #expect(marked(typo) == "截止目前")
        #expect(result.verdict.passed)
    }

    @Test func jsonFeedHTMLAndPlainTextItems() throws {
        let feedURL = server.url("feed.json")
        let result = try FeedTestKit.scanner(FeedTestKit.feed("qh-wl", url: feedURL)).scan()
        #expect(result.error == nil && result.itemCount == 2)
        #expect(result.findings.rule(.sensitive).map(\.url) == ["https://www.douyin.example.com/qhwl/1"])
        let number = try #require(result.findings.rule(.numberStyle).first)
        #expect(number.match == "党的20大" && number.suggestion == "党的二十大")
        // No url in the item: the feed's address and the item id.
        #expect(number.url == feedURL + "#wl-2")
        #expect(number.title == "非遗展演")
    }

    @Test func brokenXMLIsRecoveredAndItsItemsChecked() throws {
        let result = try FeedTestKit.scanner(FeedTestKit.feed("qh-jt", url: server.url("broken.xml"))).scan()
        #expect(result.error == nil)
        #expect(result.itemCount >= 1)
        #expect(result.findings.rule(.typo).map(\.url).contains("https://mp.example.com/jt/1"))
        #expect(result.findings.rule(.feedUnreadable).isEmpty)
    }

    @Test func garbageIsAFailureAndTheThirdInARowAFinding() throws {
        let scanner = try FeedTestKit.scanner(FeedTestKit.feed("qh-bad", url: server.url("garbage.xml")))
        let first = scanner.scan()
        #expect(first.error?.hasPrefix("not a readable feed") == true)
        #expect(first.state.consecutiveFailures == 1)
        #expect(first.findings.isEmpty)

        let remembered = LocalDateTime(day: day("2026-11-20"))
        let third = scanner.scan(memory: FeedMemory(newestItem: remembered, consecutiveFailures: 2))
        #expect(third.state.consecutiveFailures == 3)
        #expect(third.findings.map(\.rule) == [.feedUnreadable])
        #expect(third.findings.first?.context.contains("连续 3 次无法读取") == true)
        // Freshness is judged by the last good run's newest item: 8 days, not stale.
        #expect(third.newest == remembered)
    }

    @Test func aFeedWithoutDatesIsStale() throws {
        let result = try FeedTestKit.scanner(FeedTestKit.feed("qh-sl", url: server.url("undated.xml"))).scan()
        #expect(result.error == nil && result.itemCount == 2)
        #expect(result.newest == nil)
        let stale = try #require(result.findings.rule(.feedStale).first)
        #expect(stale.severity == .veto)
        #expect(stale.context.contains("注明发布时间"))
        #expect(!result.verdict.passed)
    }

    @Test func theStaleRuleFiresExactlyOnTheSilentAccounts() throws {
        // now 2026-11-28: ages 1, 11 (warning), 14 (the last day allowed), 15 and 59 days.
        let lastDates = [
            "fresh": "2026-11-27", "warned": "2026-11-17", "edge": "2026-11-14",
            "silent": "2026-11-13", "zombie": "2026-09-30",
        ]
        var stale: Set<String> = []
        var warned: Set<String> = []
        for (id, last) in lastDates {
            let older = day(last).adding(days: -3)
            try server.write(
                "matrix/\(id).xml",
                """
                <?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>\(id)</title>
                <item><title>最新一条</title><link>https://mp.example.com/\(id)/2</link><pubDate>\(last)T09:00:00+08:00</pubDate><description>工作动态。</description></item>
                <item><title>更早一条</title><link>https://mp.example.com/\(id)/1</link><pubDate>\(older) 09:00</pubDate><description>工作动态。</description></item>
                </channel></rss>
                """)
            let result = try FeedTestKit.scanner(FeedTestKit.feed(id, url: server.url("matrix/\(id).xml"))).scan()
            #expect(result.error == nil && result.newest?.day == day(last))
            if !result.findings.rule(.feedStale).isEmpty { stale.insert(id) }
            if !result.verdict.warnings.isEmpty { warned.insert(id) }
            #expect(result.verdict.passed == result.findings.rule(.feedStale).isEmpty)
        }
        #expect(stale == ["silent", "zombie"])
        #expect(warned == ["warned", "edge"])
    }

    @Test func aFutureDateDoesNotKeepAnAccountFresh() throws {
        try server.write(
            "future.xml",
            """
            <rss version="2.0"><channel><title>f</title>
            <item><title>日期写错的推文</title><link>https://mp.example.com/f/2</link><pubDate>2099-01-01T09:00:00+08:00</pubDate></item>
            <item><title>真正的最新推文</title><link>https://mp.example.com/f/1</link><pubDate>2026-10-01T09:00:00+08:00</pubDate></item>
            </channel></rss>
            """)
        let result = try FeedTestKit.scanner(FeedTestKit.feed("qh-f", url: server.url("future.xml"))).scan()
        #expect(result.newest?.day == day("2026-10-01"))
        #expect(result.findings.rule(.feedStale).count == 1)
    }

    @Test func anUnreachableFeedCountsAsAFailure() throws {
        let port = try closedPort()
        let scanner = try FeedTestKit.scanner(FeedTestKit.feed("qh-down", url: "http://127.0.0.1:\(port)/feed.xml"))
        let old = Validators(etag: "\"abc\"", lastModified: nil)
        let result = scanner.scan(
            memory: FeedMemory(
                validators: old, newestItem: LocalDateTime(day: day("2026-11-01")),
                consecutiveFailures: 4))
        #expect(result.fetched?.error == .connect)
        #expect(result.error?.hasPrefix("fetch failed: connect") == true)
        #expect(result.state.consecutiveFailures == 5)
        #expect(result.validators == old)
        // Both rules: unreadable 5 runs, and the last good item is 27 days old.
        #expect(result.findings.map(\.rule).sorted { $0.rawValue < $1.rawValue } == [.feedStale, .feedUnreadable])

        let missing = try FeedTestKit.scanner(FeedTestKit.feed("qh-404", url: server.url("nothing-here.xml"))).scan()
        #expect(missing.error == "fetch failed: HTTP 404")
        #expect(missing.state.consecutiveFailures == 1 && missing.findings.isEmpty)
    }

    @Test func anUnchangedFeedAnswers304AndKeepsItsFindings() throws {
        let scanner = try FeedTestKit.scanner(FeedTestKit.feed("qh-fabu", url: server.url("rss.xml")))
        let first = scanner.scan()
        #expect(first.validators.lastModified != nil)
        let memory = FeedMemory(
            validators: first.validators, newestItem: first.newest, consecutiveFailures: 0,
            findings: first.findings, itemCount: first.itemCount)
        let second = scanner.scan(memory: memory)
        #expect(second.notModified && second.fetched?.status == 304)
        #expect(second.error == nil && second.state.consecutiveFailures == 0)
        #expect(second.itemCount == 3 && second.linksChecked == 0)
        #expect(Set(second.findings.map(\.key)) == Set(first.findings.map(\.key)))
        #expect(second.validators == first.validators)
    }

    @Test func aClosedAccountThatStillPublishes() throws {
        let active = try FeedTestKit.scanner(FeedTestKit.feed("qh-old", url: server.url("atom.xml"), closed: true))
            .scan()
        #expect(active.findings.rule(.closedAccountActive).count == 1)
        #expect(active.findings.rule(.feedStale).isEmpty)
        // Silent since before the stale window: properly closed, and not judged stale either.
        let silent = try FeedTestKit.scanner(
            FeedTestKit.feed("qh-old", url: server.url("atom.xml"), closed: true),
            now: "2027-01-15"
        ).scan()
        #expect(silent.findings.rule(.closedAccountActive).isEmpty)
        #expect(silent.findings.rule(.feedStale).isEmpty)
    }

    @Test func linksToTheOfficeSitesAreInternal() throws {
        try server.write(
            "office.xml",
            """
            <rss version="2.0"><channel><title>o</title>
            <item><title>转载</title><link>https://mp.example.com/o/1</link><pubDate>2026-11-27T09:00:00+08:00</pubDate>
            <description>&lt;a href="http://localhost:\(server.port)/gone.html"&gt;原文&lt;/a&gt;</description></item>
            </channel></rss>
            """)
        let feed = FeedTestKit.feed("qh-o", url: server.url("office.xml"))
        let without = try FeedTestKit.scanner(feed).scan()
        #expect(without.linksChecked == 0 && without.linksSkipped == 1)
        let with = try FeedTestKit.scanner(feed, officeHosts: ["localhost:\(server.port)"]).scan()
        #expect(with.findings.rule(.brokenLink).map(\.match) == ["http://localhost:\(server.port)/gone.html"])
        #expect(with.findings.rule(.externalLink).isEmpty)
    }

    @Test func tenThousandItemsInBoundedTimeAndMemory() throws {
        var body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>大号</title>\n"
        for n in 0..<10_000 {
            let planted = n % 1000 == 0 ? "认真布署" : "认真部署"
            body += "<item><title>第\(n)条工作动态</title><link>https://mp.example.com/big/\(n)</link>"
            body += "<pubDate>2026-11-\(String(format: "%02d", 1 + n % 27))T09:00:00+08:00</pubDate>"
            body +=
                "<description>&lt;p&gt;会议要求\(planted)各项工作，推进政务公开标准化规范化建设。&lt;/p&gt;&lt;p&gt;详见&lt;a href=\"https://www.gov.cn/\"&gt;中国政府网&lt;/a&gt;。&lt;/p&gt;</description></item>\n"
        }
        body += "</channel></rss>\n"
        try server.write("big.xml", body)
        let scanner = try FeedTestKit.scanner(FeedTestKit.feed("qh-big", url: server.url("big.xml")))
        let before = FeedTestKit.peakResidentKiB() ?? 0
        let start = Date()
        let result = scanner.scan()
        let seconds = Date().timeIntervalSince(start)
        let grownMiB = ((FeedTestKit.peakResidentKiB() ?? 0) - before) / 1024
        #expect(result.itemCount == 10_000)
        #expect(result.findings.rule(.typo).count == 10)
        #expect(result.linksSkipped == 1)
        #expect(seconds < 60, "10,000 items took \(seconds) s")
        #expect(grownMiB < 400, "peak memory grew by \(grownMiB) MiB")
        print(
            "feed of 10,000 items (\(body.utf8.count >> 10) KiB): \(String(format: "%.2f", seconds)) s, peak RSS +\(grownMiB) MiB"
        )
    }

    /// A port nothing listens on: bound, then released.
    private func closedPort() throws -> Int {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = [
            "python3", "-c",
            "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1]); s.close()",
        ]
        let out = Pipe()
        probe.standardOutput = out
        try probe.run()
        probe.waitUntilExit()
        let text = String(data: out.fileHandleForReading.readDataToEndOfFile(), encoding: .utf8) ?? ""
        guard let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw FixtureError("no free port")
        }
        return port
    }
}
