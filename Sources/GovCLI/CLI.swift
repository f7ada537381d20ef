import Foundation
import GovKit

/// The command table and dispatch; `govlint` (the executable) only calls `CLI.main`.
public enum CLI {
    static var commands: [CommandSpec] {
        [
            CheckCommand.spec, ScanCommand.spec, RunCommand.spec, ProbeCommand.spec, IgnoreCommand.spec,
            ReportCommand.spec,
            MailCommand.spec,
        ] + LexiconCommand.specs + [ConfigCommand.spec, RulesCommand.spec, NotifyCommand.spec, PruneCommand.spec]
    }

    static func handler(for command: CommandSpec) -> (Arguments) throws(Failure) -> Int32 {
        switch command.path.first {
        case "check": CheckCommand.run
        case "lexicon": LexiconCommand.run
        case "scan": ScanCommand.run
        case "run": RunCommand.run
        case "probe": ProbeCommand.run
        case "ignore": IgnoreCommand.run
        case "report": ReportCommand.run
        case "mail": MailCommand.run
        case "rules": RulesCommand.run
        case "notify": NotifyCommand.run
        case "prune": PruneCommand.run
        default: ConfigCommand.run
        }
    }

    public static let version = "0.1.0"

    public static func usage() -> String {
        var lines = [
            "govlint \(version) — checks government websites and new-media accounts against the national inspection indicators",
            "", "commands:",
        ]
        for command in commands {
            lines.append(
                "  "
                    + (command.name + (command.arguments.isEmpty ? "" : " " + command.arguments)).padding(
                        toLength: 30, withPad: " ", startingAt: 0) + command.summary)
        }
        lines += [
            "", "`govlint COMMAND --help` shows the options of a command.",
            "exit codes: 0 clean, 1 findings at/above --fail-on, 2 bad usage/config/lexicon, 3 the run failed",
        ]
        return lines.joined(separator: "\n")
    }

    /// Runs one command line (without the program name) and returns the exit status.
    public static func main(_ words: [String]) -> Int32 {
        // A closed pipe (`govlint check … | head`) is a write error to report, not SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        let status = dispatch(words)
        // What `print` wrote through stdio: a full disk shows only here (fflush(NULL) flushes
        // every stdio stream; stdout itself is a global Swift 6 will not touch).
        if fflush(nil) != 0 {
            OutputFailure.describeAndExit(String(cString: strerror(errno)))
        }
        return status
    }

    static func dispatch(_ words: [String]) -> Int32 {
        if words.isEmpty || words == ["--help"] || words == ["help"] || words == ["-h"] {
            print(usage())
            return words.isEmpty ? 2 : 0
        }
        if words == ["--version"] || words == ["version"] {
            print("govlint \(version)")
            return 0
        }
        do {
            let arguments = try Arguments(words, commands: commands)
            if arguments.flag("help") {
                print(Arguments.help(for: arguments.command))
                return 0
            }
            return try handler(for: arguments.command)(arguments)
        } catch {
            FileHandle.standardError.write(Data("govlint: \(error.description)\n".utf8))
            return error.exitCode
        }
    }
}
