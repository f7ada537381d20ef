import Foundation
import Testing

/// Help and bad usage: `--help` for every command; an unknown command, an unknown option, a
/// missing option value or a bad `--now` is one stderr line and exit 2 (SPEC §1).
@Suite("CLI usage")
struct CLIUsageTests {
    static let commands: [[String]] = [
        ["check"], ["scan"], ["lexicon", "check"], ["lexicon", "stats"], ["lexicon", "match"], ["config", "check"],
    ]

    @Test func topLevelHelpListsEveryCommand() async throws {
        let result = try await CLIRunner.run(["--help"])
        #expect(result.status == 0, "\(result)")
        for command in Self.commands {
            #expect(result.out.contains("  " + command.joined(separator: " ")), "\(command) in \(result)")
        }
        #expect(result.out.contains("exit codes"))
        let bare = try await CLIRunner.run([])
        #expect(bare.status == 2, "no command is bad usage: \(bare)")
        let version = try await CLIRunner.run(["--version"])
        #expect(version.status == 0 && version.out.hasPrefix("govlint "), "\(version)")
    }

    /// The command words of every row of `govlint --help`'s command list ("lexicon match FILE | -" → lexicon match).
    static func listedCommands(_ help: String) -> [[String]] {
        let rows = help.components(separatedBy: "\n").drop { $0 != "commands:" }.dropFirst().prefix {
            $0.hasPrefix("  ")
        }
        return rows.map { row in
            Array(row.split(separator: " ").prefix { $0.allSatisfy { ("a"..."z").contains($0) } }.map(String.init))
        }
    }

    /// Every command the top-level help lists (the six of this suite at least) has its own help.
    @Test func everyListedCommandHasHelp() async throws {
        let listed = Self.listedCommands(try await CLIRunner.run(["--help"]).out)
        #expect(Set(Self.commands).isSubset(of: Set(listed)), "listed: \(listed)")
        for command in listed {
            let result = try await CLIRunner.run(command + ["--help"])
            #expect(result.status == 0, "\(command): \(result)")
            #expect(
                result.outLines.first?.hasPrefix("usage: govlint \(command.joined(separator: " "))") == true,
                "\(result)")
            for option in ["--config", "--format", "--fail-on", "--now", "--quiet"] {
                #expect(result.out.contains(option), "\(option) in \(command) help")
            }
            #expect(result.err.isEmpty, "\(command): \(result)")
            let unknown = try await CLIRunner.run(command + ["--no-such-option"])
            #expect(
                unknown.status == 2 && unknown.errLines.count == 1 && unknown.err.contains("--no-such-option"),
                "\(command): \(unknown)")
        }
    }

    @Test func scanHelpNamesItsOwnOptions() async throws {
        let result = try await CLIRunner.run(["scan", "--help"])
        for option in ["--max-pages", "--depth", "--out", "--no-external"] {
            #expect(result.out.contains(option), "\(option) in \(result)")
        }
    }

    /// (arguments, words the one stderr line must carry)
    static let badUsage: [([String], [String])] = [
        (["frobnicate"], ["frobnicate"]),
        (["lexicon"], ["lexicon"]),
        (["lexicon", "frob"], ["lexicon frob"]),
        (["check", "--bogus", "x.txt"], ["--bogus"]),
        (["check", "-x", "x.txt"], ["-x"]),
        (["scan", "--max-pages", "lots", "http://127.0.0.1:9/"], ["--max-pages", "lots"]),
        (["scan", "--max-pages", "-3", "http://127.0.0.1:9/"], ["--max-pages"]),
        (["check", "--format"], ["--format"]),
        (["config", "check", "--config"], ["--config"]),
        (["scan", "--out"], ["--out"]),
        (["check", "--quiet=yes", "x.txt"], ["--quiet"]),
        (["scan"], ["scan"]),
        (["scan", "a", "b"], ["scan"]),
        (["scan", "no-such-site"], ["no-such-site"]),
        (["scan", "ftp://127.0.0.1/"], ["ftp://127.0.0.1/"]),
    ]

    @Test(arguments: badUsage)
    func badUsageIsOneLineAndExitTwo(arguments: [String], words: [String]) async throws {
        let folder = try CLIRunner.temporaryDirectory()
        let result = try await CLIRunner.run(arguments + ["--lexicon", testLexicon], directory: folder, timeout: 30)
        #expect(result.status == 2, "\(arguments): \(result)")
        #expect(result.errLines.count == 1, "\(arguments): \(result)")
        for word in words { #expect(result.err.contains(word), "\(arguments): `\(word)` in \(result.err)") }
        #expect(result.out.isEmpty, "\(arguments): \(result)")
    }

    static let badNow = [
        "yesterday", "2026-13-01", "2026-02-30", "2026-11-28T25:00", "2026-11-28T08:60", "2026-11-28T8:00",
        "2026-11-28 08:00", "2026-11-28T08:00:30", "2026-11-28X", "26-11-28", "",
    ]

    @Test(arguments: badNow)
    func badNowIsAUsageError(now: String) async throws {
        let draft = try CLICheckTests.file("draft.txt", "认真部署全年工作。\n")
        let result = try await CLIRunner.run(["check", "--lexicon", testLexicon, "--now", now, draft])
        #expect(result.status == 2, "--now `\(now)`: \(result)")
        #expect(result.errLines.count == 1 && result.err.contains("--now"), "--now `\(now)`: \(result)")
    }

    @Test(arguments: ["2026-11-28", "2026-11-28T08:00", "2024-02-29T23:59"])
    func goodNowIsAccepted(now: String) async throws {
        let draft = try CLICheckTests.file("draft.txt", "认真部署全年工作。\n")
        let result = try await CLIRunner.run(["check", "--lexicon", testLexicon, "--now", now, draft])
        #expect(result.status == 0, "--now \(now): \(result)")
    }
}
