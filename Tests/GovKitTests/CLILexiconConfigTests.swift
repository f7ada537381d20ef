import Foundation
import Testing

/// A bad lexicon or config through the CLI: `file:line[:col]: reason` on one stderr line and
/// exit 2, from every command that loads it (SPEC §3, §6).
@Suite("CLI lexicon and config")
struct CLILexiconConfigTests {
    static func lexicon(_ name: String) -> String { CLIRunner.fixture("lexicons/" + name) }
    static func config(_ name: String) -> String { CLIRunner.fixture("configs/" + name) }

    /// (fixture folder, expected `file:line[:col]` location, words the reason must carry)
    static let badLexicons: [(String, String, [String])] = [
        ("no-tab", "no-tab/typos.tsv:3", ["TAB"]),
        ("empty-field", "empty-field/typos.tsv:3", ["empty"]),
        ("conflict", "conflict/typos.tsv:4", ["布署", "typos.tsv:2", "部署"]),
        ("conflict-across", "conflict-across/outdated.tsv:3", ["布署", "conflict-across/typos.tsv:1"]),
        ("bad-pattern", "bad-pattern/number-style.tsv:2", ["党的(\\d{1,2}大"]),
        ("bad-severity", "bad-severity/sensitive/gambling.txt:1", ["fatal"]),
    ]

    @Test(arguments: badLexicons)
    func badLexiconStopsEveryCommandThatLoadsIt(name: String, location: String, words: [String]) async throws {
        let folder = Self.lexicon(name)
        let draft = try CLICheckTests.file("draft.txt", "认真部署全年工作。\n")
        for command in [
            ["lexicon", "check"], ["lexicon", "stats"], ["lexicon", "match", draft], ["check", draft],
            ["scan", "http://127.0.0.1:9/"],
        ] {
            let result = try await CLIRunner.run(command + ["--lexicon", folder], timeout: 30)
            #expect(result.status == 2, "\(command): \(result)")
            #expect(result.errLines.count == 1, "\(command): \(result)")
            let line = result.errLines.first ?? ""
            #expect(
                line.hasPrefix("govlint: ") && line.contains("/lexicons/" + location + ":"),
                "\(command): expected \(location): in \(line)")
            for word in words { #expect(line.contains(word), "\(command): `\(word)` in \(line)") }
            #expect(result.out.isEmpty, "\(command): \(result)")
        }
    }

    @Test func aFolderHoldingOnlyTyposIsAValidLexicon() async throws {
        let folder = Self.lexicon("only-typos")
        let check = try await CLIRunner.run(["lexicon", "check", "--lexicon", folder])
        #expect(check.status == 0, "\(check)")
        let draft = try CLICheckTests.file("draft.txt", "认真布署全年工作。\n")
        let lint = try await CLIRunner.run(["check", "--lexicon", folder, "--format", "jsonl", draft])
        #expect(try lint.jsonLines().map { $0["match"] as? String } == ["布署"], "\(lint)")
    }

    @Test func missingLexiconFolderIsOneLineAndExitTwo() async throws {
        let folder = try CLIRunner.temporaryDirectory() + "/no-such-wordlists"
        let result = try await CLIRunner.run(["lexicon", "check", "--lexicon", folder])
        #expect(result.status == 2 && result.errLines.count == 1 && result.err.contains(folder), "\(result)")
    }

    /// `lexicon match` prints `offset<TAB>list<TAB>wrong`; each byte offset points at the hit
    /// in the file as it is on disk (checked by slicing the file's bytes).
    @Test func lexiconMatchOffsetsPointAtTheHitInTheFile() async throws {
        let text = "abc认真布署工作，\n截止目前，深入推进扫黑险恶，😀党的20大，网上赌场。原县食品药品监督管理局。\n"
        let path = try CLICheckTests.file("match.txt", text)
        let result = try await CLIRunner.run(["lexicon", "match", "--lexicon", testLexicon, path])
        #expect(result.status == 0, "\(result)")
        let bytes = Array(text.utf8)
        var lists: [String] = []
        for line in result.outLines {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            try #require(fields.count == 3, "offset<TAB>list<TAB>wrong: \(line)")
            let offset = try #require(Int(fields[0]), "\(line)")
            lists.append(fields[1])
            let literal = fields[2].hasPrefix("re:") ? "党的20大" : fields[2]
            let slice = bytes.dropFirst(offset).prefix(literal.utf8.count)
            #expect(String(decoding: slice, as: UTF8.self) == literal, "offset \(offset) of \(line)")
        }
        #expect(
            lists == ["typos.tsv", "typos.tsv", "expressions.tsv", "number-style.tsv", "sensitive", "outdated.tsv"],
            "\(result)")
    }

    @Test func lexiconMatchFromStandardInputAndGBK() async throws {
        let result = try await CLIRunner.run(
            ["lexicon", "match", "--lexicon", testLexicon, "-"], stdin: Data("认真布署".utf8))
        #expect(result.outLines == ["6\ttypos.tsv\t布署"], "\(result)")
        let missing = try await CLIRunner.run(["lexicon", "match", "--lexicon", testLexicon, "/no/such/file.txt"])
        #expect(
            missing.status == 2 && missing.errLines.count == 1 && missing.err.contains("/no/such/file.txt"),
            "\(missing)")
        let two = try await CLIRunner.run(["lexicon", "match", "--lexicon", testLexicon, "a", "b"])
        #expect(two.status == 2 && two.errLines.count == 1, "\(two)")
    }

    @Test func lexiconStatsShowsTheLists() async throws {
        let result = try await CLIRunner.run(["lexicon", "stats", "--lexicon", testLexicon])
        #expect(result.status == 0, "\(result)")
        for line in [
            "typos.tsv\t2", "expressions.tsv\t1", "outdated.tsv\t1", "number-style.tsv\t1",
            "  sensitive/gambling.txt\t1",
        ] {
            #expect(result.outLines.contains(line), "`\(line)` in \(result)")
        }
    }

    /// The shipped wordlists load, pass their self-tests and show every list in `stats`.
    @Test func shippedWordlistsPassLexiconCheck() async throws {
        let wordlists = CLIRunner.repoRoot + "/wordlists"
        let check = try await CLIRunner.run(["lexicon", "check", "--lexicon", wordlists])
        #expect(check.status == 0, "\(check)")
        #expect(check.out.contains("self-tests passed"), "\(check)")
        let stats = try await CLIRunner.run(["lexicon", "stats"], directory: CLIRunner.repoRoot)
        #expect(stats.status == 0, "\(stats)")
        for list in ["typos.tsv", "expressions.tsv", "outdated.tsv", "number-style.tsv", "sensitive", "allow.txt"] {
            #expect(
                stats.outLines.contains { $0.hasPrefix(list + "\t") && Int($0.split(separator: "\t")[1]) ?? 0 > 0 },
                "\(list) in \(stats)")
        }
    }

    // MARK: config

    @Test func goodConfigChecksClean() async throws {
        let result = try await CLIRunner.run(["config", "check", "--config", Self.config("good.yaml")])
        #expect(result.status == 0, "\(result)")
        #expect(result.out.contains("OK (1 sites, 0 feeds)"), "\(result)")
        // Warnings name the file once.
        for line in result.errLines {
            #expect(line.components(separatedBy: "good.yaml").count == 2 && line.contains(": warning: "), "\(line)")
        }
        let shipped = try await CLIRunner.run(["config", "check"], directory: CLIRunner.repoRoot)
        #expect(shipped.status == 0, "the shipped config.yaml: \(shipped)")
    }

    /// (fixture, `line:col`, words the reason must carry)
    static let badConfigs: [(String, String, [String])] = [
        ("syntax.yaml", "5:1", ["did not find expected"]),
        ("unknown-key.yaml", "4:1", ["unknown_key"]),
        ("bad-site-id.yaml", "6:9", ["County_A"]),
        ("wrong-type.yaml", "12:14", ["crawl.max_pages", "many"]),
        ("bad-severity.yaml", "12:20", ["fatal"]),
        ("duplicate-key.yaml", "11:1", ["timezone", "line 3"]),
    ]

    @Test(arguments: badConfigs)
    func badConfigIsFileLineColumnAndExitTwo(name: String, position: String, words: [String]) async throws {
        let path = Self.config(name)
        let draft = try CLICheckTests.file("draft.txt", "认真部署全年工作。\n")
        for command in [["config", "check"], ["check", "--lexicon", testLexicon, draft], ["scan", "county-a"]] {
            let result = try await CLIRunner.run(command + ["--config", path], timeout: 30)
            #expect(result.status == 2, "\(command): \(result)")
            #expect(result.errLines.count == 1, "\(command): \(result)")
            let line = result.errLines.first ?? ""
            #expect(line.contains("\(path):\(position): "), "\(command): expected \(name):\(position) in \(line)")
            for word in words { #expect(line.contains(word), "\(command): `\(word)` in \(line)") }
        }
    }

    @Test func configPointingAtAMissingFile() async throws {
        let path = try CLIRunner.temporaryDirectory() + "/missing.yaml"
        for command in [["config", "check"], ["scan", "county-a"], ["check", "-"]] {
            let result = try await CLIRunner.run(command + ["--config", path], stdin: Data("部署".utf8))
            #expect(result.status == 2, "\(command): \(result)")
            #expect(result.errLines.count == 1 && result.err.contains(path), "\(command): \(result)")
        }
    }

    /// Without --config and without ./config.yaml, `config check` says so (exit 2).
    @Test func configCheckWithoutAnyConfig() async throws {
        let folder = try CLIRunner.temporaryDirectory()
        let result = try await CLIRunner.run(["config", "check"], directory: folder)
        #expect(result.status == 2 && result.errLines.count == 1 && result.err.contains("config.yaml"), "\(result)")
    }
}
