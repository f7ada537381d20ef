import Foundation
import GovConfig
import GovCore
import GovLexicon

/// Options and config.yaml resolved once (ripgrep's HiArgs): every command works from these
/// typed values, never from raw flags.
public struct Settings: Sendable {
    public let format: OutputFormat
    public let failOn: Severity?
    public let quiet: Bool
    public let verbose: Bool
    public let clock: Clock
    /// nil when no config file exists at the default path (a URL scan or `check` needs none).
    public let config: Config?
    public let configPath: String
    public let lexiconPath: String
    /// Whether stdout is a terminal (progress line, colour).
    public let interactive: Bool

    public init(_ arguments: Arguments, defaultFailOn: Severity?) throws(Failure) {
        let formatText = arguments.value("format") ?? "text"
        guard let format = OutputFormat(rawValue: formatText) else {
            throw Failure.usage("--format must be text, jsonl or json, got `\(formatText)`")
        }
        self.format = format
        if let text = arguments.value("fail-on") {
            if text == "none" { failOn = nil } else {
                guard let severity = Severity(rawValue: text), severity != .info else {
                    throw Failure.usage("--fail-on must be veto, major, minor or none, got `\(text)`")
                }
                failOn = severity
            }
        } else {
            failOn = defaultFailOn
        }
        quiet = arguments.flag("quiet")
        verbose = arguments.flag("verbose")
        clock = try arguments.value("now").map { text throws(Failure) in try Clock.parse(text) } ?? Clock.system()
        interactive = isatty(STDOUT_FILENO) == 1 && isatty(STDERR_FILENO) == 1

        let explicitConfig = arguments.value("config")
        configPath = explicitConfig ?? "config.yaml"
        if explicitConfig != nil || FileManager.default.fileExists(atPath: configPath) {
            do {
                config = try Config.load(path: configPath)
            } catch {
                throw Failure.badInput(error.description)
            }
        } else {
            config = nil
        }
        lexiconPath = Self.relativeToWorkingDirectory(arguments.value("lexicon") ?? config?.paths.lexicon ?? "wordlists")
    }

    /// Findings cite `wordlists/typos.tsv:57`, not an absolute path, when the lexicon is
    /// under the working directory.
    static func relativeToWorkingDirectory(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        return path.hasPrefix(cwd + "/") ? String(path.dropFirst(cwd.count + 1)) : path
    }

    /// Loads and compiles the lexicon; a bad line is the user's to fix (exit 2).
    public func loadLexicon() throws(Failure) -> Lexicon {
        do {
            return try Lexicon.load(directory: lexiconPath)
        } catch {
            throw Failure.badInput(error.description)
        }
    }

    public var severityOverrides: [RuleID: Severity] { config?.rules.severity ?? [:] }
    public var disabledRules: Set<RuleID> { Set(config?.rules.disable ?? []) }

    /// Exit status for a finished command given its findings.
    public func exitStatus(for counts: RunCounts) -> Int32 {
        guard let failOn else { return ExitStatus.clean }
        let failing = Severity.allCases.filter { $0 >= failOn }.contains { (counts.bySeverity[$0.rawValue] ?? 0) > 0 }
        return failing ? ExitStatus.findings : ExitStatus.clean
    }

    public func log(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
