import Foundation
import Testing

/// One policy, one weight table (issue 12): `check`, `scan` and `run` give one input the same
/// severities and the same score, and a scan without a config scores like one with a config
/// that overrides nothing.
@Suite(.serialized) struct OnePolicyTests {
    static let article = FixtureSite.page(
        title: "关于做好冬季安全工作的通知",
        body: "会议要求认真布署全年工作，严禁网上赌场广告，做好的的安排。")

    static func serve() throws -> FixtureSite {
        let site = try FixtureSite()
        try site.write("index.html", FixtureSite.page(title: "测试县人民政府", body: "首页", links: [("a.html", "冬季安全")]))
        try site.write("a.html", article)
        return site
    }

    static func workspace(site: FixtureSite, rules: String) throws -> NightlyWorkspace {
        let work = try NightlyWorkspace()
        let sensitive = work.dir.appendingPathComponent("wordlists/sensitive")
        try FileManager.default.createDirectory(at: sensitive, withIntermediateDirectories: true)
        try Data("# severity: veto\n网上赌场\n".utf8).write(to: sensitive.appendingPathComponent("gambling.txt"))
        try work.writeConfig(sites: [.init(id: "county-a", name: "测试县人民政府", url: site.url)], rules: rules)
        return work
    }

    static func severities(_ lines: [[String: Any]]) -> [String: String] {
        var out: [String: String] = [:]
        for line in lines {
            if let rule = line["rule"] as? String, ["typo", "sensitive"].contains(rule) {
                out[rule] = line["severity"] as? String
            }
        }
        return out
    }

    /// The number after the first "得分" (the scan report's 扣分项得分 and the notice's
    /// 按扣分项计算得分 both say it that way).
    static func score(in text: String) -> String? {
        guard let start = text.range(of: "得分")?.upperBound else { return nil }
        let number = text[start...].drop { $0 == " " || $0 == "：" }.prefix { $0.isNumber || $0 == "." }
        return number.isEmpty ? nil : String(number)
    }

    /// Regression: `rules.severity` reached `scan` but a lexicon header won in `check`; the
    /// config wins everywhere now, and the weights override reaches scan and run alike.
    @Test func checkScanAndRunAgreeOnSeverityAndScore() async throws {
        let site = try Self.serve()
        let work = try Self.workspace(
            site: site, rules: "{severity: {sensitive: major, typo: minor}, weights: {typo: 3, sensitive: 4}}")
        let dir = work.dir.path
        let draft = dir + "/draft.html"
        try Data(Self.article.utf8).write(to: URL(fileURLWithPath: draft))

        let check = try await CLIRunner.run(
            ["check", draft, "--config", work.configPath, "--format", "jsonl", "--fail-on", "none"],
            directory: dir, timeout: 60)
        #expect(check.status == 0, "\(check)")
        let expected = ["typo": "minor", "sensitive": "major"]
        #expect(Self.severities(try check.jsonLines()) == expected, "check: \(check)")

        let scan = try await CLIRunner.run(
            [
                "scan", "county-a", "--config", work.configPath, "--now", "2026-11-28T08:00",
                "--format", "jsonl", "--fail-on", "none", "--out", dir + "/scan",
            ],
            directory: dir, timeout: 120)
        #expect(scan.status == 0, "\(scan)")
        #expect(Self.severities(try scan.jsonLines()) == expected, "scan: \(scan)")
        let scanScore = Self.score(in: try String(contentsOfFile: dir + "/scan/report.md", encoding: .utf8))

        let run = try await CLIRunner.run(
            ["run", "--config", work.configPath, "--now", "2026-11-29T08:00", "--quiet"],
            directory: dir, timeout: 120)
        #expect(run.status == 0, "\(run)")
        #expect(Self.severities(work.findings(day: "2026-11-29", site: "county-a")) == expected, "run")
        let runScore = Self.score(in: work.text("2026-11-29/county-a/notice.md"))
        #expect(
            scanScore != nil && scanScore == runScore,
            "scan \(String(describing: scanScore)), run \(String(describing: runScore))")
        // The two minor/major findings deduct the configured 3 + 4 points from whatever else the site lost.
        let base = try #require(scanScore.flatMap(Double.init))
        #expect(base <= 93)
    }

    /// Regression: a config-less scan used SiteRuleSettings' weights (privacy 2 points), any
    /// config.yaml the config's table (privacy 5): one table now, on the rules.
    @Test func configLessScanScoresLikeAConfigWithoutOverrides() async throws {
        let site = try Self.serve()
        let work = try Self.workspace(site: site, rules: "{rectify_working_days: 3}")
        let dir = work.dir.path
        let configured = try await CLIRunner.run(
            [
                "scan", "county-a", "--config", work.configPath, "--now", "2026-11-28T08:00",
                "--fail-on", "none", "--quiet", "--out", dir + "/a",
            ], directory: dir, timeout: 120)
        #expect(configured.status == 0, "\(configured)")
        let bare = try await CLIRunner.run(
            [
                "scan", site.url, "--lexicon", dir + "/wordlists", "--now", "2026-11-28T08:00",
                "--fail-on", "none", "--quiet", "--out", dir + "/b",
            ], directory: dir, timeout: 120)
        #expect(bare.status == 0, "\(bare)")
        let a = Self.score(in: try String(contentsOfFile: dir + "/a/report.md", encoding: .utf8))
        let b = Self.score(in: try String(contentsOfFile: dir + "/b/report.md", encoding: .utf8))
        // The article repeats 的的 (repeated-word: 0.1 a finding in one table, 0.2 in the other).
        #expect(a != nil && a == b, "with config \(String(describing: a)), without \(String(describing: b))")
    }
}
