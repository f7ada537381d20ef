import Foundation
import Testing
import GovCore
@testable import GovExtract

@Suite struct FeedTests {
    func feed(_ name: String, contentType: String? = nil) throws -> FeedDocument {
        try FeedParser.parse(
            body: try Fixture.bytes("feeds/\(name)"), contentType: contentType,
            url: "https://mp.example.com/feed/\(name)")
    }

    func china(_ y: Int, _ m: Int, _ d: Int, _ h: Int, _ min: Int) -> LocalDateTime {
        LocalDateTime(day: Day(year: y, month: m, day: d)!, minuteOfDay: h * 60 + min)
    }

    @Test func rss() throws {
        let feed = try feed("rss.xml", contentType: "application/rss+xml")
        #expect(feed.format == .rss)
        #expect(feed.title == "某某县发布")
        #expect(feed.link == "https://mp.example.com/a")
        #expect(feed.items.count == 5)
        let first = feed.items[0]
        #expect(first.id == "wx-a-0001")
        #expect(first.title == "县政府召开常务会议")
        #expect(first.author == "县融媒体中心")
        #expect(first.date == china(2026, 11, 5, 10, 0))
        // content:encoded wins over description; CDATA read; script text dropped.
        #expect(first.html.contains("<p>会议强调，要认真部署全年工作。</p>"))
        #expect(first.text == "会议强调，要认真部署全年工作。\n会议还研究了其他事项。")
        // Escaped HTML in description, relative link, GMT converted to China time.
        let second = feed.items[1]
        #expect(second.link == "https://mp.example.com/a/2")
        #expect(second.id == "https://mp.example.com/a/2")
        #expect(second.text == "请注意用火安全。")
        #expect(second.date == china(2026, 11, 4, 10, 30))
        #expect(feed.items[2].date == china(2026, 11, 3, 18, 0))
        #expect(feed.items[2].text == "纯文本摘要")
        #expect(feed.items[3].date == china(2026, 11, 2, 9, 15))
        #expect(feed.items[4].date == china(2026, 11, 1, 8, 0))
        #expect(feed.newestDate == china(2026, 11, 5, 10, 0))
    }

    @Test func atom() throws {
        let feed = try feed("atom.xml")
        #expect(feed.format == .atom)
        #expect(feed.title == "某某市生态环境局")
        #expect(feed.link == "https://sthj.example.gov.cn/")
        #expect(feed.items.map(\.title) == ["空气质量周报", "水质公报", "纯文本条目"])
        #expect(feed.items[0].link == "https://sthj.example.gov.cn/kqzl/1.html")
        #expect(feed.items[0].author == "监测科")
        #expect(feed.items[0].date == china(2026, 11, 5, 10, 0))  // published wins over updated
        #expect(feed.items[0].text == "本周空气质量优良天数为6天。")
        #expect(feed.items[1].link == "https://mp.example.com/szgb/2.html")
        #expect(feed.items[1].text == "主要河流断面水质达标。")
        #expect(feed.items[1].date == china(2026, 11, 4, 23, 30))
        #expect(feed.items[2].html.isEmpty)
        #expect(feed.items[2].text == "这是一段纯文本摘要。")
        #expect(feed.items[2].date == china(2026, 11, 4, 5, 30))  // -05:00 crosses midnight
    }

    @Test func jsonFeed() throws {
        let feed = try feed("feed.json", contentType: "application/feed+json")
        #expect(feed.format == .jsonFeed)
        #expect(feed.title == "某某县发布（微博）")
        #expect(feed.items.count == 2)
        #expect(feed.items[0].text == "即日起，政务服务中心提供延时服务。")
        #expect(feed.items[0].author == "县政务服务中心")
        #expect(feed.items[0].date == china(2026, 11, 5, 9, 0))
        #expect(feed.items[1].id == "102")
        #expect(feed.items[1].link == "https://mp.example.com/a/102")
        #expect(feed.items[1].text == "纯文本的微博内容。")
        #expect(feed.items[1].date == china(2026, 11, 5, 0, 0))
    }

    @Test func gb2312FeedWithGBKOnlyCharacter() throws {
        let feed = try feed("gbk-rss.xml")
        #expect(feed.items.first?.title == "任命朱镕同志职务的通知")
        #expect(feed.items.first?.text == "任命朱镕同志为县统计局副局长。全文完。")
    }

    @Test func brokenXMLIsRecovered() throws {
        let feed = try feed("broken-recoverable.xml")
        #expect(feed.title == "残缺的订阅源")
        #expect(feed.items.first?.link == "https://mp.example.com/b/1")
        #expect(feed.items.first?.text.hasPrefix("正文") == true)
    }

    @Test func notAFeedIsAOneLineError() throws {
        #expect(throws: FeedParseError("not an RSS or Atom feed: the document element is <html>")) {
            try feed("not-a-feed.html")
        }
        do {
            _ = try feed("garbage.xml")
            Issue.record("garbage parsed as a feed")
        } catch let error as FeedParseError {
            #expect(error.message.hasPrefix("feed is not readable XML"))
            #expect(!error.message.contains("\n"))
        }
        #expect(throws: FeedParseError("feed is empty")) {
            try FeedParser.parse(body: Array("  \n".utf8), contentType: nil, url: "https://x/")
        }
    }

    @Test func badJSONIsAOneLineError() {
        do {
            _ = try FeedParser.parse(
                body: Array(#"{"version": "https://jsonfeed.org/version/1.1", "items": [}"#.utf8), contentType: nil,
                url: "https://x/")
            Issue.record("bad JSON parsed")
        } catch {
            #expect(error.message.hasPrefix("JSON Feed is not valid JSON"))
            #expect(!error.message.contains("\n"))
        }
        #expect(throws: FeedParseError("not a JSON Feed: missing \"version\": \"https://jsonfeed.org/version/1.1\"")) {
            try FeedParser.parse(body: Array(#"{"items": []}"#.utf8), contentType: nil, url: "https://x/")
        }
    }

    /// A feed of 10,000 items parses whole, in bounded time.
    @Test func tenThousandItems() throws {
        var xml = #"<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>大订阅源</title>"#
        for i in 0..<10_000 {
            xml += "<item><title>第\(i)条</title><link>https://mp.example.com/big/\(i)</link>"
            xml += "<pubDate>Thu, 05 Nov 2026 10:00:00 +0800</pubDate>"
            xml += "<description>&lt;p&gt;第\(i)条的正文，认真部署工作。&lt;/p&gt;</description></item>"
        }
        xml += "</channel></rss>"
        let clock = ContinuousClock()
        let started = clock.now
        let feed = try FeedParser.parse(body: Array(xml.utf8), contentType: nil, url: "https://mp.example.com/big")
        let elapsed = clock.now - started
        #expect(feed.items.count == 10_000)
        #expect(feed.items.last?.text == "第9999条的正文，认真部署工作。")
        #expect(elapsed < .seconds(20))
    }
}

@Suite struct FeedDateTests {
    func china(_ y: Int, _ m: Int, _ d: Int, _ h: Int? = nil, _ min: Int = 0) -> LocalDateTime {
        LocalDateTime(day: Day(year: y, month: m, day: d)!, minuteOfDay: h.map { $0 * 60 + min })
    }

    @Test(arguments: [
        ("Thu, 05 Nov 2026 10:00:00 +0800", 10, 0, 5),
        ("Thu, 05 Nov 2026 02:00:00 GMT", 10, 0, 5),
        ("Thu, 05 Nov 2026 10:00:00 CST", 10, 0, 5),
        ("Wed, 04 Nov 2026 21:00:00 -0500", 10, 0, 5),
        ("星期四, 05 11月 2026 10:00:00 +0800", 10, 0, 5),
        ("Thu Nov 05 10:00:00 CST 2026", 10, 0, 5),
        ("05 Nov 26 10:00 +08:00", 10, 0, 5),
        ("2026-11-05T02:00:00Z", 10, 0, 5),
        ("2026-11-05T10:00:00.250+08:00", 10, 0, 5),
        ("2026-11-04T18:00:00-08:00", 10, 0, 5),
        ("2026-11-05 10:00:00", 10, 0, 5),
        ("2026-11-05 10:00", 10, 0, 5),
        ("2026年11月5日 10:00", 10, 0, 5),
        ("Thu, 05 Nov 2026 20:30:00 GMT", 4, 30, 6),
    ])
    func readsToChinaTime(text: String, hour: Int, minute: Int, day: Int) {
        #expect(FeedDate.parse(text) == china(2026, 11, day, hour, minute), "\(text)")
    }

    @Test func dateOnlyAndGarbage() {
        #expect(FeedDate.parse("2026-11-05") == china(2026, 11, 5))
        #expect(FeedDate.parse("Thu, 05 Nov 2026") == china(2026, 11, 5))
        #expect(FeedDate.parse("") == nil)
        #expect(FeedDate.parse("昨天") == nil)
        #expect(FeedDate.parse("Thu, 31 Feb 2026 10:00:00 +0800") == nil)
    }
}
