import Foundation
import GovKit

/// `govlint report [--run ID]`: rebuilds a run's notices, ledgers, JSONL and summary from the
/// store alone (the newest finished run by default), under today's ignore list.
enum ReportCommand {
    static let spec = CommandSpec(
        ["report"],
        "Rebuild the notices and the summary of a run from the store (default: the latest finished run).",
        options: [OptionSpec("run", value: "ID", "the run to report (default: the latest finished `govlint run`)")])

    static func run(_ arguments: Arguments) throws(Failure) -> Int32 {
        guard arguments.positionals.isEmpty else { throw Failure.usage("report: takes no arguments (use --run ID)") }
        let context = try NightlyContext(arguments, command: "report")
        let run = try context.selectedRun(arguments)
        let reporter = context.reporter
        let report = try reporter.build(run: run)
        let folder = try reporter.write(report)
        print(folder)
        RunLog(label: "report", quiet: context.settings.quiet)
            .event("run \(run.id) (\(run.day)): \(report.sites.count) site(s) written to \(folder)/")
        var counts = RunCounts()
        report.sites.forEach { $0.open.forEach { counts.count($0) } }
        return context.settings.exitStatus(for: counts)
    }
}
