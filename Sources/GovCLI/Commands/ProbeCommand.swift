import Foundation
import GovKit

/// `govlint probe [--sites a,b]`: one timed request to every homepage, recorded in the store
/// (run every 30 min by govlint-probe.timer). Needs no run lock: it only appends rows.
enum ProbeCommand {
    static let spec = CommandSpec(
        ["probe"],
        "The availability probe: one timed request to every homepage (15 s limit), recorded in the store.",
        options: [OptionSpec("sites", value: "ID,ID", "only these sites (default: all in the config)")])

    static func run(_ arguments: Arguments) throws(Failure) -> Int32 {
        guard arguments.positionals.isEmpty else {
            throw Failure.usage("probe: takes no arguments (use --sites ID,ID)")
        }
        let context = try NightlyContext(arguments, command: "probe")
        let sites = try context.selectedSites(arguments)
        let log = RunLog(label: "probe", quiet: context.settings.quiet)
        let results = try Prober(config: context.config, store: context.store).probe(sites, log: log)
        guard context.settings.failOn != nil else { return ExitStatus.clean }
        // --fail-on: an unopened homepage counts as a veto-level problem for this probe.
        return results.contains { !$0.ok } ? ExitStatus.findings : ExitStatus.clean
    }
}
