import Foundation
import GovTestSupport
import Testing

/// Serves a folder on a free 127.0.0.1 port with Tests/Fixtures/cli/static_server.py: like a
/// plain web server, no charset in Content-Type, so GBK pages are read by meta or detection.
final class StaticSite: @unchecked Sendable {
    let port: Int
    private let process: Process

    init(root: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", CLIRunner.fixture("static_server.py"), root]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        self.process = process
        var buffer = Data()
        while !buffer.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
        }
        guard let port = Int(String(decoding: buffer, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        else {
            kill(process.processIdentifier, SIGKILL)
            throw CLIRunner.Problem(description: "static_server.py did not report a port")
        }
        self.port = port
    }

    var base: String { "http://127.0.0.1:\(port)" }

    deinit {
        // SIGKILL: a child started from a dispatch worker may have SIGTERM blocked.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

/// A finding reduced to what the golden files compare: rule, page path and match, with the
/// server's base URL written `{base}` so the file does not depend on the port.
struct GoldenFinding: Hashable, CustomStringConvertible {
    var rule: String
    var path: String
    var match: String

    init(rule: String, path: String, match: String) { self.rule = rule; self.path = path; self.match = match }

    init(_ finding: [String: Any], base: String) {
        rule = finding["rule"] as? String ?? "?"
        path = (finding["url"] as? String ?? "?").replacingOccurrences(of: base, with: "")
        match = (finding["match"] as? String ?? "?").replacingOccurrences(of: base, with: "{base}")
    }

    var description: String { "\(rule)\t\(path)\t\(match)" }

    /// `rule<TAB>path<TAB>match` lines; `#` comments.
    static func load(_ path: String) throws -> Set<GoldenFinding> {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return Set(
            text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
                let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false).map(
                    String.init)
                return GoldenFinding(rule: fields[0], path: fields[1], match: fields.count > 2 ? fields[2] : "")
            })
    }
}

@Suite("End to end: scan")
struct EndToEndScanTests {
    /// config.yaml as shipped, pointed at `port`, the repository's wordlists and a temp folder.
    static func demoConfig(port: Int, folder: String) throws -> String {
        var text = try String(contentsOfFile: CLIRunner.repoRoot + "/config.yaml", encoding: .utf8)
        text = text.replacingOccurrences(of: "127.0.0.1:18080", with: "127.0.0.1:\(port)")
        text = text.replacingOccurrences(of: "lexicon: wordlists", with: "lexicon: \(CLIRunner.repoRoot)/wordlists")
        let path = folder + "/config.yaml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The bundled demo site: exactly the planted problems of demo/README.md, GBK pages read
    /// right, the report folder written and escaped, exit 1 by default and 0 with --fail-on none.
    @Test func demoSiteReportsEveryPlantedProblemAndNothingElse() async throws {
        let site = try StaticSite(root: CLIRunner.repoRoot + "/demo/site")
        let folder = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let config = try Self.demoConfig(port: site.port, folder: folder)
        let out = folder + "/report"
        let result = try await CLIRunner.run(
            [
                "scan", "qinghe", "--config", config, "--now", "2026-11-28T08:00", "--delay", "0",
                "--format", "jsonl", "--out", out,
            ], directory: folder, timeout: 120)
        #expect(result.status == 1, "findings at major and above fail by default: \(result)")
        let findings = try result.jsonLines()
        let found = Set(findings.map { GoldenFinding($0, base: site.base) })
        let golden = try GoldenFinding.load(CLIRunner.fixture("demo-scan.golden.tsv"))
        let missing = golden.subtracting(found)
        #expect(
            missing.isEmpty,
            "planted problems not reported:\n\(missing.map(\.description).sorted().joined(separator: "\n"))")
        let extra = found.subtracting(golden)
        #expect(
            extra.isEmpty,
            "findings that are not planted:\n\(extra.map(\.description).sorted().joined(separator: "\n"))")
        #expect(findings.allSatisfy { $0["site"] as? String == "qinghe" })

        // GBK pages (declared and undeclared) give Chinese excerpts, not mojibake.
        let declared = findings.first { $0["match"] as? String == "截止目前" }
        #expect(
            (declared?["context"] as? String)?.contains("会议指出，截止目前，全县新增市场主体") == true, "\(String(describing: declared))"
        )
        #expect(declared?["suggestion"] as? String == "截至目前")
        #expect(declared?["line"] as? Int == 24)
        #expect(declared?["title"] as? String == "我县召开市场监管工作推进会")
        #expect(findings.first { $0["match"] as? String == "食品药品监督管理局" }?["column"] as? String == "政务动态")
        let undeclared = findings.first { ($0["url"] as? String)?.hasSuffix("/zwdt/2026/1010-1.html") == true }
        let undeclaredTitle = try #require(undeclared?["title"] as? String, "\(String(describing: undeclared))")
        #expect(
            undeclaredTitle.unicodeScalars.allSatisfy { $0.value > 0x2E7F || $0.isASCII }
                && !undeclaredTitle.contains("\u{FFFD}"),
            "an undeclared GBK page's title reads as Chinese: \(undeclaredTitle)")

        // The report folder.
        let jsonl = try String(contentsOfFile: out + "/findings.jsonl", encoding: .utf8)
        #expect(jsonl.split(separator: "\n").count == findings.count)
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        #expect(html.contains("截止目前") && html.contains("青禾县人民政府"))
        #expect(!html.contains("<script"), "no script in a report")
        let markdown = try String(contentsOfFile: out + "/report.md", encoding: .utf8)
        #expect(markdown.contains("扫黑险恶"))

        // --fail-on none: same scan, exit 0; text output names the verdict and the folder.
        let lenient = try await CLIRunner.run(
            [
                "scan", "qinghe", "--config", config, "--now", "2026-11-28T08:00", "--delay", "0",
                "--fail-on", "none", "--out", folder + "/report2",
            ], directory: folder, timeout: 120)
        #expect(lenient.status == 0, "\(lenient)")
        #expect(lenient.out.contains("findings in"), "\(lenient)")
        #expect(lenient.err.contains("不合格") && lenient.err.contains(folder + "/report2"), "\(lenient)")
    }

    /// A bare URL needs no config: the site is the URL's host; the report folder defaults to
    /// reports/scans/<date>-<hhmmss>-<site> under the working directory (never a nightly folder).
    @Test func bareURLScanNeedsNoConfig() async throws {
        let site = try StaticSite(root: CLIRunner.repoRoot + "/demo/site")
        let folder = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try await CLIRunner.run(
            [
                "scan", site.base + "/", "--lexicon", CLIRunner.repoRoot + "/wordlists",
                "--now", "2026-11-28", "--delay", "0", "--format", "jsonl", "--quiet",
            ],
            directory: folder, timeout: 120)
        #expect(result.status == 1, "\(result)")
        let found = Set(try result.jsonLines().map { GoldenFinding($0, base: site.base) })
        #expect(found.contains(GoldenFinding(rule: "typo", path: "/zwdt/2026/1120-1.html", match: "布署")), "\(result)")
        #expect(found.contains(GoldenFinding(rule: "hidden-link", path: "/", match: "http://vip-casino.example.net/")))
        let reports = folder + "/reports/scans"
        let sites = (try? FileManager.default.contentsOfDirectory(atPath: reports)) ?? []
        #expect(
            sites.count == 1 && sites.allSatisfy { $0.hasPrefix("2026-11-28-") },
            "one report folder under \(reports): \(sites)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/reports/2026-11-28"), "no nightly day folder")
        #expect(FileManager.default.fileExists(atPath: "\(reports)/\(sites.first ?? "")/report.html"))
        // Regression: the report of a config-less scan was titled with the host, not the
        // homepage's SiteName.
        let report = (try? String(contentsOfFile: "\(reports)/\(sites.first ?? "")/report.md", encoding: .utf8)) ?? ""
        #expect(report.hasPrefix("# 青禾县人民政府检查报告"), "\(report.prefix(200))")
    }

    /// A homepage that refuses connections: one site-unreachable finding saying the site
    /// could not be checked (never "clean"), no site rule judging content that was never read
    /// (no 年报 "missing"), verdict 未能检查 (the probes cannot judge it), exit 1, no crash.
    @Test func unreachableSiteIsReportedAndNothingInvented() async throws {
        let folder = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Port 9 (discard) is closed on 127.0.0.1: connection refused.
        let result = try await CLIRunner.run(
            [
                "scan", "http://127.0.0.1:9/", "--lexicon", testLexicon, "--now", "2026-11-28",
                "--format", "jsonl", "--out", folder + "/report",
            ], directory: folder, timeout: 60)
        #expect(result.status == 1, "\(result)")
        let findings = try result.jsonLines()
        #expect(
            findings.map { GoldenFinding($0, base: "http://127.0.0.1:9") }
                == [GoldenFinding(rule: "site-unreachable", path: "/", match: "无法连接")], "\(result)")
        let report = try String(contentsOfFile: folder + "/report/report.html", encoding: .utf8)
        #expect(report.contains("未能检查") && !report.contains("结论：合格") && report.contains("首页无法访问"))
        #expect(FileManager.default.fileExists(atPath: folder + "/report/report.html"))
    }

    /// A report folder that cannot be written is the operator's problem: one line naming the
    /// path and the system's reason, exit 3.
    @Test func unwritableReportFolderIsExitThree() async throws {
        let folder = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/a-file"
        try Data().write(to: URL(fileURLWithPath: file))
        let result = try await CLIRunner.run(
            [
                "scan", "http://127.0.0.1:9/", "--lexicon", testLexicon, "--now", "2026-11-28",
                "--quiet", "--out", file + "/report",
            ], directory: folder, timeout: 60)
        #expect(result.status == 3, "\(result)")
        #expect(
            result.errLines.count == 1 && result.err.contains(file + "/report/")
                && result.err.contains("Not a directory"), "\(result)")
    }

    /// The crawler's faults, end to end: every fault ends in a finding or a log line, the scan
    /// finishes within a bound, nothing crashes, and hostile page strings are escaped.
    @Test func faultInjectionServerScanFinishesWithClearOutcomes() async throws {
        let server = try FixtureServer(root: CLIRunner.fixture("faultsite"))
        defer { server.stop() }
        let folder = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let config = folder + "/config.yaml"
        try """
        crawl:
          user_agent: "govlint-test"
          max_pages: 60
          max_depth: 6
          per_host_connections: 4
          delay_ms: 0
          timeout_s: 2
          max_body_mb: 1
          respect_robots: true
          check_external_links: false
        sites:
          - id: faults
            name: 故障演练站
            owner: 测试县人民政府办公室
            url: \(server.baseURL)/
            columns:
              - {name: 政务动态, url: \(server.baseURL)/news/, type: news}

        """.write(toFile: config, atomically: true, encoding: .utf8)
        let out = folder + "/report"
        let result = try await CLIRunner.run(
            [
                "scan", "faults", "--config", config, "--lexicon", testLexicon, "--now", "2026-11-28T08:00",
                "--format", "jsonl", "--verbose", "--out", out,
            ], directory: folder, timeout: 90)
        #expect(!result.timedOut, "the scan must finish: \(result)")
        #expect(result.seconds < 120, "bounded: \(result.seconds) s")
        #expect(result.status == 1, "\(result)")
        let findings = try result.jsonLines()
        let broken = Dictionary(
            findings.filter { $0["rule"] as? String == "broken-link" }
                .map { (($0["match"] as? String ?? "").replacingOccurrences(of: server.baseURL, with: ""), $0) }
        ) { a, _ in a }
        for path in ["/_/slow?s=6", "/_/status/500", "/_/loop"] {
            #expect(broken[path] != nil, "\(path) is a broken link: \(result)")
        }
        // The page with hostile strings was read and its typo reported with its hostile title.
        let hostile = try #require(
            findings.first {
                ($0["url"] as? String)?.hasSuffix("/news/hostile.html") == true && $0["match"] as? String == "布署"
            },
            "\(result)")
        #expect(
            (hostile["title"] as? String)?.contains("<script>") == true, "the finding keeps the page's title as data")
        // --verbose traces every page fetched and every link checked (it used to change nothing).
        #expect(
            result.errLines.contains { $0.hasPrefix("govlint: page 200 \(server.baseURL)/news/") },
            "pages traced: \(result.err)")
        #expect(
            result.errLines.contains { $0.hasPrefix("govlint: link 500 \(server.baseURL)/_/status/500") },
            "links traced: \(result.err)")
        // robots.txt: the forbidden page is never requested.
        #expect(
            !server.requestLog().contains { $0.count > 2 && $0[2].hasPrefix("/private/") }, "robots.txt is honoured")
        // The endless calendar is bounded by depth and page cap.
        let calendarRequests = server.requestLog().filter { $0.count > 2 && $0[2].hasPrefix("/cal/") }.count
        #expect(calendarRequests > 0 && calendarRequests <= 60, "calendar pages fetched: \(calendarRequests)")
        // Every fault route was fetched and came to an end: a finding or a log line names it.
        for route in ["/_/bomb", "/_/endless", "/_/binary.html", "/_/wrong-charset", "/_/ratelimit/home"] {
            #expect(server.requestLog().contains { $0.count > 2 && $0[2].hasPrefix(route) }, "\(route) was requested")
        }
        // A page that answered but could not be read is logged as not checked — or, when the
        // 2 s timeout struck first on a busy machine, reported as a broken link: never passed over.
        for route in ["/_/bomb", "/_/endless", "/_/binary.html"] {
            let logged = result.errLines.contains {
                $0.contains(server.baseURL + route + ":") && $0.contains("not checked")
            }
            #expect(
                logged || broken.keys.contains { $0.hasPrefix(route) },
                "\(route): a page that could not be read is logged or reported: \(result.err)")
        }
        // 429 with Retry-After: waited for, then read like any page — not a broken link.
        #expect(broken["/_/ratelimit/home?after=1"] == nil)
        #expect(
            findings.contains {
                ($0["url"] as? String)?.hasSuffix("/_/ratelimit/home?after=1") == true
                    && $0["title"] as? String == "after the wait"
            })
        // GBK bytes under a UTF-8 header read as Chinese, not as U+FFFD.
        let mislabelled = findings.first { ($0["url"] as? String)?.hasSuffix("/_/wrong-charset") == true }
        #expect(mislabelled?["title"] as? String == "政务公开", "\(String(describing: mislabelled))")
        #expect(!result.out.contains("\u{FFFD}"), "no replacement characters in any finding")

        // Hostile strings are escaped in the report: no markup from the page, no raw CR/LF in a title.
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        #expect(!html.contains("<script>alert(1)</script>") && !html.contains("<script>"), "script escaped")
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the title is shown, escaped")
        #expect(!html.contains("<img src=x"), "markup in text escaped")
        #expect(!html.contains("\r"), "no carriage return from a page reaches the report")
        let markdown = try String(contentsOfFile: out + "/report.md", encoding: .utf8)
        #expect(!markdown.contains("<script>"), "Markdown renderers pass HTML through: it must be escaped there too")
    }
}
