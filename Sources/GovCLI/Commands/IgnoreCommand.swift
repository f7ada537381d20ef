import Foundation
import GovKit
import GovConfig
import GovStore

/// `govlint ignore KEY --reason TEXT [--by NAME]`: records a confirmed false positive or an
/// accepted exception in the config's ignore file (paths.ignore), filled in from the store
/// so the file says what was ignored; a reviewable change, meant to be committed to git.
enum IgnoreCommand {
    static let spec = CommandSpec(["ignore"], arguments: "FINDING_KEY",
        "Mark a finding as a confirmed false positive or accepted exception (kept in the ignore file).",
        options: [
            OptionSpec("reason", value: "TEXT", "why (required): 误报, 同意例外…"),
            OptionSpec("by", value: "NAME", "who decided (default: the login name)"),
        ])

    static func run(_ arguments: Arguments) throws(Failure) -> Int32 {
        guard arguments.positionals.count == 1, let raw = arguments.positionals.first else {
            throw Failure.usage("ignore: give one finding key (the `key` of a finding in findings.jsonl)")
        }
        let key = raw.lowercased()
        guard let reason = arguments.value("reason")?.trimmingCharacters(in: .whitespacesAndNewlines), !reason.isEmpty else {
            throw Failure.usage("ignore: --reason TEXT is required (say why the finding is wrong or accepted)")
        }
        let context = try NightlyContext(arguments, command: "ignore")
        guard let (finding, run) = try storeCall({ () throws(StoreError) in try context.store.finding(key: key) }) else {
            throw Failure.usage("ignore: no finding with key \(key) in \(context.store.path)")
        }
        let environment = ProcessInfo.processInfo.environment
        let by = arguments.value("by") ?? environment["SUDO_USER"] ?? environment["USER"] ?? environment["LOGNAME"] ?? ""
        let entry = IgnoreEntry(key: key, reason: reason, by: by, at: context.settings.clock.now.description,
                                rule: finding.rule.rawValue, site: finding.site, url: finding.url, match: finding.match)
        do {
            try IgnoreList.append(entry, to: context.config.paths.ignore)
        } catch {
            throw Failure.badInput(error.description)
        }
        RunLog(label: "ignore", quiet: context.settings.quiet)
            .event("\(key) (\(finding.rule.rawValue) on \(finding.url), run \(run)) added to \(context.config.paths.ignore); `govlint report` rebuilds the notices without it")
        return ExitStatus.clean
    }
}
