import GovCore
import GovConfig
import GovKit
import GovStore

/// SPEC §1 exit codes: the CLI's business, not the library's.
extension Failure {
    public var exitCode: Int32 {
        switch self {
        case .usage, .badInput, .config, .lexicon: 2
        case .store, .operation: 3
        }
    }
}

/// SPEC §1 exit codes.
public enum ExitStatus {
    public static let clean: Int32 = 0
    public static let findings: Int32 = 1
    /// The run itself failed (as `Failure.operation`): e.g. stdout could not be written.
    public static let failed: Int32 = 3
}

extension Settings {
    /// Exit status for a finished command given its findings.
    public func exitStatus(for counts: RunCounts) -> Int32 {
        guard let failOn else { return ExitStatus.clean }
        let failing = Severity.allCases.filter { $0 >= failOn }.contains { (counts.bySeverity[$0.rawValue] ?? 0) > 0 }
        return failing ? ExitStatus.findings : ExitStatus.clean
    }
}

extension Settings {
    /// The common options of SPEC §1 from a parsed command line.
    public init(_ arguments: Arguments, defaultFailOn: Severity?) throws(Failure) {
        var options = Options()
        let formatText = arguments.value("format") ?? "text"
        guard let format = OutputFormat(rawValue: formatText) else {
            throw Failure.usage("--format must be text, jsonl or json, got `\(formatText)`")
        }
        options.format = format
        if let text = arguments.value("fail-on") {
            if text != "none" {
                guard let severity = Severity(rawValue: text), severity != .info else {
                    throw Failure.usage("--fail-on must be veto, major, minor or none, got `\(text)`")
                }
                options.failOn = severity
            }
        } else {
            options.failOn = defaultFailOn
        }
        options.quiet = arguments.flag("quiet")
        options.verbose = arguments.flag("verbose")
        options.clock = try arguments.value("now").map { text throws(Failure) in try Clock.parse(text) }
        options.configPath = arguments.value("config")
        options.lexiconPath = arguments.value("lexicon")
        try self.init(options)
    }
}

extension NightlyContext {
    init(_ arguments: Arguments, command: String, defaultFailOn: Severity? = nil) throws(Failure) {
        try self.init(settings: Settings(arguments, defaultFailOn: defaultFailOn), command: command)
    }

    func selectedRun(_ arguments: Arguments) throws(Failure) -> RunRecord { try selectedRun(arguments.value("run")) }

    func selectedSites(_ arguments: Arguments) throws(Failure) -> [Config.Site] {
        try selectedSites(arguments.value("sites"))
    }
}
