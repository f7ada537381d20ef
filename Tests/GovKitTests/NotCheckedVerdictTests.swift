import Foundation
import GovTestSupport
import Testing

/// Issue 11 item 3 and issue 12: a site whose homepage this check could not read is never
/// 合格 — its verdict is 未能检查 (不合格 when the probes judge it unreachable), said by the
/// `site-unreachable` rule, and counted as not passed in scan, run, report and summary.
@Suite("未能检查: a homepage that could not be read")
struct NotCheckedVerdictTests {
    static func config(folder: String) throws -> String {
        let path = folder + "/config.yaml"
        try """
        paths: {lexicon: \(testLexicon), reports: \(folder)/reports, store: \(folder)/govlint.sqlite}
        crawl: {delay_ms: 0, timeout_s: 2, max_body_mb: 1, respect_robots: false, check_external_links: false}

        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// (path on the fault-injection server, expected match of the site-unreachable finding)
    static let homepages: [(String, String?)] = [
        ("/_/bomb", nil),
        ("/_/endless", nil),
        ("/_/binary.html", nil),
        ("/logo.png", nil),
        ("/big.html", nil),
        ("/_/captcha403", "被防火墙拦截，未能检查"),
        ("/_/waf503", "被防火墙拦截，未能检查"),
    ]

    /// Regression: `scan` gave 合格, score 100, exit 0 when the homepage was oversized, a
    /// decompression bomb, an endless body, binary, a PNG or a WAF page.
    @Test(arguments: homepages)
    func unreadableHomepageIsNotCheckedNeverPassed(path: String, match: String?) async throws {
        let folder = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let root = folder + "/site"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        // A PNG signature and IHDR chunk; an HTML page of 2 MiB, over max_body_mb 1.
        try Data(
            [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]
                + [UInt8](repeating: 7, count: 600)
        )
        .write(to: URL(fileURLWithPath: root + "/logo.png"))
        try Data(("<html><body><p>" + String(repeating: "政务公开", count: 180_000) + "</p></body></html>").utf8)
            .write(to: URL(fileURLWithPath: root + "/big.html"))
        let server = try FixtureServer(root: root)
        defer { server.stop() }
        let config = try Self.config(folder: folder)
        let result = try await CLIRunner.run(
            [
                "scan", server.url(path), "--config", config, "--now", "2026-11-28T08:00",
                "--format", "jsonl", "--out", folder + "/report",
            ], directory: folder, timeout: 90)
        #expect(result.status == 1, "a site not checked never exits clean: \(result)")
        let unreachable = try result.jsonLines().filter { $0["rule"] as? String == "site-unreachable" }
        #expect(unreachable.count == 1, "\(result)")
        #expect(unreachable.first?["severity"] as? String == "major", "a visible finding, not info: \(result)")
        if let match { #expect(unreachable.first?["match"] as? String == match, "\(result)") }
        let report = try String(contentsOfFile: folder + "/report/report.md", encoding: .utf8)
        #expect(report.contains("结论：未能检查") && !report.contains("结论：合格"), "\(report)")
        #expect(report.contains("未能检查原因"), "\(report)")
    }

    /// Regression: `run` gave a refused homepage 合格 with 95 points (the verdict recomputed
    /// without the fetch error) and counted it in a 100 % pass rate; `report` rebuilds the
    /// same verdict from the store.
    @Test func refusedHomepageIsNotCheckedInRunReportAndSummary() throws {
        let work = try NightlyWorkspace()
        // Port 9 (discard) is closed on 127.0.0.1: connection refused.
        try work.writeConfig(sites: [.init(id: "county-down", name: "停机县人民政府", url: "http://127.0.0.1:9/")])
        #expect(work.govlint(["run", "--now", "2026-11-28T08:00"]) == 0)
        let notice = work.text("2026-11-28/county-down/notice.md")
        #expect(notice.contains("**检查结论：未能检查**"), "\(notice)")
        #expect(notice.contains("首页无法访问（无法连接）") && notice.contains("未能检查"), "\(notice)")
        let summary = work.text("2026-11-28/summary.md")
        #expect(summary.contains("网站合格0个") && summary.contains("未能检查1个"), "\(summary)")
        #expect(summary.contains("| 未能检查 |"), "\(summary)")

        try FileManager.default.removeItem(at: work.reports.appendingPathComponent("2026-11-28/county-down/notice.md"))
        #expect(work.govlint(["report", "--now", "2026-11-28T08:00"]) == 0)
        #expect(work.text("2026-11-28/county-down/notice.md").contains("**检查结论：未能检查**"))
    }
}
