import Foundation
import GovTestSupport
import Testing

/// Issue 11: hostile pages served on loopback by the fault-injection server
/// (Tests/Fixtures/server/server.py, /_/hostile/…) and read through `govlint scan`.
@Suite("Hostile pages through scan")
struct HostileScanTests {
    static let shippedLexicon = CLIRunner.repoRoot + "/wordlists"

    static func scan(_ url: String, lexicon: String = shippedLexicon, timeout: Double = 120) async throws -> CLIResult {
        let folder = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        return try await CLIRunner.run(
            [
                "scan", url, "--lexicon", lexicon, "--now", "2026-11-28T08:00",
                "--format", "jsonl", "--out", folder + "/report",
            ], directory: folder, timeout: timeout)
    }

    /// A page with stray NUL bytes in its first KB is HTML, as a browser shows it: its hidden
    /// gambling link and its sensitive word are found (before: “not checked: binary content
    /// labelled text/html”, verdict 合格, exit 0).
    @Test func pageWithStrayNULBytesIsReadAsHTML() async throws {
        let server = try FixtureServer()
        defer { server.stop() }
        let result = try await Self.scan(server.url("/_/hostile/nul"))
        let findings = try result.jsonLines()
        #expect(
            findings.contains {
                $0["rule"] as? String == "hidden-link"
                    && ($0["match"] as? String)?.contains("casino.example.com") == true
            },
            "the hidden gambling link is reported: \(result)")
        #expect(
            findings.contains { $0["rule"] as? String == "sensitive" && $0["match"] as? String == "台湾总统" },
            "the sensitive word after a NUL is reported: \(result)")
        #expect(!result.err.contains("binary"), "not called binary: \(result.err)")
        #expect(result.status == 1, "veto findings fail the scan: \(result)")
    }

    /// Magic bytes still decide binary: a PNG labelled text/html is not parsed, and the
    /// operator is told it was not checked.
    @Test func pngLabelledHTMLIsNotParsed() async throws {
        let server = try FixtureServer()
        defer { server.stop() }
        let result = try await Self.scan(server.url("/_/hostile/png.html"), lexicon: testLexicon)
        #expect(
            result.errLines.contains {
                $0.contains("/_/hostile/png.html") && $0.contains("not checked") && $0.contains("binary")
            },
            "\(result)")
    }

    /// 18 MB of unpaired 《 on one page (before: past 6 GB RSS in 34 s): findings are capped
    /// per rule and page, the last kept one counts the rest (“另有 … 处”), and the scan stays
    /// in memory proportional to the page.
    @Test func millionsOfHitsOnOnePageAreCappedAndCounted() async throws {
        let server = try FixtureServer()
        defer { server.stop() }
        let megabytes = ProcessInfo.processInfo.environment["GOVLINT_SOAK"] == "1" ? 18 : 6
        let folder = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let config = folder + "/config.yaml"
        try """
        crawl:
          max_body_mb: 32
          delay_ms: 0
        sites:
          - id: brackets
            name: 书名号站
            owner: 测试县人民政府办公室
            url: \(server.url("/_/hostile/brackets?mb=\(megabytes)"))

        """.write(toFile: config, atomically: true, encoding: .utf8)
        let result = try await CLIRunner.run(
            [
                "scan", "brackets", "--config", config, "--lexicon", testLexicon, "--now", "2026-11-28T08:00",
                "--format", "jsonl", "--out", folder + "/report",
            ], directory: folder, timeout: 300)
        #expect(!result.timedOut, "\(result)")
        let punctuation = try result.jsonLines().filter { $0["rule"] as? String == "punctuation" }
        let total = megabytes * 1024 * 1024 / 3
        #expect(punctuation.count == 100, "the first 100 kept: \(punctuation.count)")
        let counted = punctuation.compactMap { $0["more_on_page"] as? Int }
        #expect(counted == [total - 100], "the rest counted on one finding: \(counted)")
        let grouped = TextLinterNote.grouped(total - 100)
        #expect(
            (punctuation.last?["message"] as? String)?.contains("另有 \(grouped) 处") == true,
            "\(String(describing: punctuation.last))")
        #expect(
            result.peakRSS < megabytes * 1024 * 1024 * 60,
            "peak RSS \(result.peakRSS >> 20) MB for a \(megabytes) MB page")
        print(
            "scan of \(megabytes) MB of 《: \(String(format: "%.1f", result.seconds)) s, peak RSS \(result.peakRSS >> 20) MB"
        )
    }

    /// A crawl of fuzzed hostile pages (server.py /_/fuzz/…): 30 pages normally, 2,000 with
    /// GOVLINT_SOAK=1. No crash, an ordinary exit, bounded memory.
    @Test func scanOfAFuzzedSiteEndsCleanly() async throws {
        let server = try FixtureServer()
        defer { server.stop() }
        let pages = ProcessInfo.processInfo.environment["GOVLINT_SOAK"] == "1" ? 2_000 : 30
        let folder = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let config = folder + "/config.yaml"
        try """
        crawl:
          max_pages: \(pages)
          max_depth: 20
          delay_ms: 0
          per_host_connections: 4
          check_external_links: false
        sites:
          - id: fuzz
            name: 模糊测试站
            owner: 测试县人民政府办公室
            url: \(server.url("/_/fuzz/0?total=\(pages)"))

        """.write(toFile: config, atomically: true, encoding: .utf8)
        let result = try await CLIRunner.run(
            [
                "scan", "fuzz", "--config", config, "--lexicon", Self.shippedLexicon, "--now", "2026-11-28T08:00",
                "--format", "jsonl", "--out", folder + "/report",
            ], directory: folder, timeout: pages > 100 ? 1_200 : 180)
        #expect(!result.timedOut, "\(result)")
        #expect(result.status == 0 || result.status == 1, "an ordinary exit, no crash: \(result)")
        let fetched = server.requestLog().filter { $0.count > 2 && $0[2].hasPrefix("/_/fuzz/") }.count
        #expect(fetched >= pages * 9 / 10, "the crawl reached the fuzzed pages: \(fetched) of \(pages)")
        #expect(result.peakRSS < 1 << 30, "peak RSS \(result.peakRSS >> 20) MB")
        _ = try result.jsonLines()
        print(
            "fuzzed scan: \(fetched) pages in \(String(format: "%.1f", result.seconds)) s, peak RSS \(result.peakRSS >> 20) MB"
        )
    }
}

/// The thousands grouping of the “另有 N 处” note, written out independently of the code.
enum TextLinterNote {
    static func grouped(_ n: Int) -> String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.groupingSeparator = ","
        formatter.groupingSize = 3
        formatter.usesGroupingSeparator = true
        return formatter.string(from: NSNumber(value: n)) ?? String(n)
    }
}
