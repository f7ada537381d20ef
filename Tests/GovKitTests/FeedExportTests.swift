import Foundation
import GovConfig
import GovCore
@testable import GovCLI
@testable import GovKit
import Testing

/// Accounts read from disk: an export folder of feed files and saved posts, and `scan FEED_ID`.
@Suite struct FeedExportTests {
    /// A private copy of Tests/Fixtures/feedsites/export (its files' times are set by the tests).
    static func exportCopy() throws -> URL {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("govlint-export-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: FeedFixtureServer.fixtures.appendingPathComponent("export"), to: copy)
        return copy
    }

    static func setTime(_ file: URL, _ isoDate: String) throws {
        let date = try #require(ISO8601DateFormatter().date(from: isoDate))
        try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: file.path)
    }

    @Test func anExportFolderReadsFeedFilesAndSavedPosts() throws {
        let folder = try Self.exportCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.setTime(folder.appendingPathComponent("undated-post.txt"), "2026-11-10T02:00:00Z")
        let result = try FeedTestKit.scanner(FeedTestKit.feed("qh-export", path: folder.path)).scan()
        #expect(result.error == nil)
        // archive.xml (2) + the web page + two text posts; README.md and logo.png are not items.
        #expect(result.itemCount == 5)
        #expect(result.fetched == nil)
        // The web page's PubDate is the newest; the undated post's file time (11-10) is older.
        #expect(result.newest == LocalDateTime(day: Day("2026-11-20")!, minuteOfDay: 9 * 60 + 30))

        let typos = result.findings.rule(.typo)
        let page = try #require(typos.first { $0.match == "布署" })
        #expect(page.url == folder.path + "#2026-11-20-post.html")
        #expect(page.title == "全县秋收工作会召开")
        #expect(page.context.contains("认真布署秋收秋种"))
        let text = try #require(typos.first { $0.match == "截止目前" })
        #expect(text.title == "冬季供暖保障通知")
        #expect(result.findings.rule(.expression).map(\.match) == ["扫黑险恶"])
        #expect(result.findings.rule(.expression).first?.url == folder.path + "#old-2")
        // The title is checked once, as the title: 布署 in README.md is not read at all.
        #expect(typos.count == 2)
        #expect(result.findings.rule(.feedStale).isEmpty)
    }

    @Test func anUndatedSavedPostTakesItsFileTime() throws {
        let folder = try Self.exportCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.setTime(folder.appendingPathComponent("undated-post.txt"), "2026-11-27T01:00:00Z")
        let result = try FeedTestKit.scanner(FeedTestKit.feed("qh-export", path: folder.path)).scan()
        #expect(result.newest == LocalDateTime(day: Day("2026-11-27")!, minuteOfDay: 9 * 60))
    }

    @Test func aSingleFileAndAMissingPath() throws {
        let file = FeedFixtureServer.fixtures.appendingPathComponent("export/archive.xml").path
        let one = try FeedTestKit.scanner(FeedTestKit.feed("qh-file", path: file)).scan()
        #expect(one.error == nil && one.itemCount == 2)
        // Newest item 2026-11-02: 26 days before now.
        #expect(one.findings.rule(.feedStale).count == 1)

        let missing = try FeedTestKit.scanner(FeedTestKit.feed("qh-gone", path: "/nonexistent/govlint/export")).scan()
        #expect(missing.error == "cannot read /nonexistent/govlint/export: no such file or folder")
        #expect(missing.state.consecutiveFailures == 1)
    }

    @Test func aFolderOfUnreadableFilesIsAFailureAndAnEmptyOneIsStale() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "govlint-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let empty = try FeedTestKit.scanner(FeedTestKit.feed("qh-empty", path: folder.path)).scan()
        #expect(empty.error == nil && empty.itemCount == 0)
        #expect(empty.findings.map(\.rule) == [.feedStale])

        try Data("<html>not a feed</html>".utf8).write(to: folder.appendingPathComponent("a.xml"))
        try Data([0, 1, 2]).write(to: folder.appendingPathComponent("b.json"))
        let bad = try FeedTestKit.scanner(FeedTestKit.feed("qh-bad", path: folder.path)).scan()
        #expect(bad.error?.contains("a.xml: not a readable feed") == true)
        #expect(bad.error?.contains("and 1 more files") == true)
        #expect(bad.state.consecutiveFailures == 1)
    }
}

/// `govlint scan FEED_ID` end to end, in process, against the fixture server.
@Suite(.serialized) struct FeedScanCommandTests {
    let server: FeedFixtureServer
    let folder: URL

    init() throws {
        server = try FeedFixtureServer()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("govlint-scanfeed-\(UUID().uuidString)")
        let lexicon = folder.appendingPathComponent("wordlists")
        try FileManager.default.createDirectory(
            at: lexicon.appendingPathComponent("sensitive"), withIntermediateDirectories: true)
        try Data("布署\t部署\t现代汉语词典\n".utf8).write(to: lexicon.appendingPathComponent("typos.tsv"))
        try Data("# severity: veto\n网上赌场\n".utf8).write(to: lexicon.appendingPathComponent("sensitive/gambling.txt"))
        try Data(
            """
            office: {name: 青禾市人民政府办公室, short_name: 市政务公开办, contact: "0571-00000000"}
            paths: {lexicon: wordlists, reports: reports}
            crawl: {delay_ms: 0, timeout_s: 5, check_external_links: false}
            feeds:
              - {id: qh-fabu, name: 青禾发布, platform: wechat, owner: 青禾县融媒体中心, recipients: [xmt@example.gov.cn], url: "\(server.url("rss.xml"))"}
              - {id: qh-down, name: 青禾停更号, platform: weibo, owner: 青禾县某局, url: "\(server.url("missing.xml"))"}

            """.utf8
        ).write(to: folder.appendingPathComponent("config.yaml"))
    }

    func run(_ id: String) -> Int32 {
        CLI.main([
            "scan", id, "--config", folder.appendingPathComponent("config.yaml").path,
            "--now", "2026-11-28T12:00", "--quiet", "--format", "jsonl",
            "--out", folder.appendingPathComponent("out/\(id)").path,
        ])
    }

    @Test func scanFeedIDPrintsFindingsAndWritesAReport() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(run("qh-fabu") == 1)
        let out = folder.appendingPathComponent("out/qh-fabu")
        let jsonl = try String(contentsOf: out.appendingPathComponent("findings.jsonl"), encoding: .utf8)
        let rules = jsonl.split(separator: "\n").compactMap { line -> String? in
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return object?["rule"] as? String
        }
        #expect(Set(rules).isSuperset(of: ["typo", "sensitive", "broken-link", "external-link", "hidden-link"]))
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("青禾发布检查报告"))
        #expect(html.contains("布署"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("report.md").path))
    }

    @Test func anUnreadableFeedFailsTheScan() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(run("qh-down") == 3)
        let report = try String(contentsOf: folder.appendingPathComponent("out/qh-down/report.md"), encoding: .utf8)
        #expect(report.contains("本次未能读取该账号的信息源"))
    }
}
