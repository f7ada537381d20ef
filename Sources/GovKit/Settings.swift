import Foundation
import GovConfig
import GovCore
import GovLexicon
import GovRules

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
    /// The lexicon folder in use: `--lexicon`, else `paths.lexicon`, else the first of
    /// ./wordlists, /etc/govlint/wordlists, /usr/share/govlint/wordlists, beside the binary
    /// (`LexiconSearch`); when none exists, the search's error comes with `loadLexicon()`.
    public var lexiconPath: String { (try? lexiconSearch.get().path) ?? "wordlists" }
    private let lexiconSearch: Result<LexiconLocation, LexiconError>
    /// The office's own entries merged over the lexicon (`paths.local_lexicon`,
    /// /etc/govlint/wordlists.d by default; a missing folder is none).
    public let localLexiconPath: String
    /// Whether stdout is a terminal (progress line, colour).
    public let interactive: Bool

    /// The command-line options as plain values (the CLI parses words into these).
    public struct Options: Sendable {
        public var format: OutputFormat = .text
        public var failOn: Severity?
        public var quiet = false
        public var verbose = false
        /// nil: the system clock.
        public var clock: Clock?
        /// nil: ./config.yaml when it exists, else no config.
        public var configPath: String?
        /// nil: paths.lexicon of the config, else the first folder `LexiconSearch` finds.
        public var lexiconPath: String?

        public init(
            format: OutputFormat = .text, failOn: Severity? = nil, quiet: Bool = false, verbose: Bool = false,
            clock: Clock? = nil, configPath: String? = nil, lexiconPath: String? = nil
        ) {
            self.format = format; self.failOn = failOn; self.quiet = quiet; self.verbose = verbose
            self.clock = clock; self.configPath = configPath; self.lexiconPath = lexiconPath
        }
    }

    public init(_ options: Options) throws(Failure) {
        format = options.format
        failOn = options.failOn
        quiet = options.quiet
        verbose = options.verbose
        clock = options.clock ?? Clock.system()
        interactive = isatty(STDOUT_FILENO) == 1 && isatty(STDERR_FILENO) == 1

        let explicitConfig = options.configPath
        configPath = explicitConfig ?? "config.yaml"
        if explicitConfig != nil || FileManager.default.fileExists(atPath: configPath) {
            do {
                config = try Config.load(path: configPath)
            } catch {
                throw Failure.config(error)
            }
        } else {
            config = nil
        }
        let configured = config.flatMap { $0.paths.lexiconGiven ? $0.paths.lexicon : nil }
        let configuredAt = config?.location(of: "paths.lexicon") ?? configPath
        lexiconSearch = Result { () throws(LexiconError) in
            var found = try LexiconSearch.locate(
                option: options.lexiconPath, configured: configured, configuredAt: configuredAt)
            found.path = Self.relativeToWorkingDirectory(found.path)
            return found
        }
        localLexiconPath = config?.paths.localLexicon ?? Config.Paths.defaultLocalLexicon
        if !quiet, let line = sourcesLine(configFromDefault: explicitConfig == nil && config != nil) { log(line) }
    }

    /// One line naming the config and lexicon a command uses when nobody named them, so a
    /// demo config.yaml in the current folder surprises nobody; nil when both were named.
    private func sourcesLine(configFromDefault: Bool) -> String? {
        var parts: [String] = []
        if configFromDefault { parts.append("config \(configPath) (found in the current folder; --config to choose)") }
        if case .success(let found) = lexiconSearch, found.origin == .searched {
            let local = LexiconSearch.isDirectory(localLexiconPath) ? " + local \(localLexiconPath)" : ""
            parts.append("lexicon \(found.path)\(local) (searched; --lexicon to choose)")
        }
        return parts.isEmpty ? nil : "govlint: using " + parts.joined(separator: ", ")
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
            let lexicon = try Lexicon.load(directory: lexiconSearch.get().path, local: localLexiconPath)
            LexiconRetention.retain(lexicon)
            return lexicon
        } catch {
            throw Failure.lexicon(error)
        }
    }

    /// Contradictions between the lexicon and the local folder, by file:line (`lexicon check`).
    public func localLexiconContradictions() throws(Failure) -> [LexiconProblem] {
        do {
            return try Lexicon.localContradictions(directory: lexiconSearch.get().path, local: localLexiconPath)
        } catch {
            throw Failure.lexicon(error)
        }
    }

    /// The one FindingPolicy every command applies (severity, disable, weights).
    public var policy: FindingPolicy { SettingsMapping.policy(config?.rules) }

    public func log(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
