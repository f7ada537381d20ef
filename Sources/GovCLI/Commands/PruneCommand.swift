import Foundation
import GovKit
import GovStore

/// `govlint prune --keep-days N`: drops what only old runs need (page rows, page memories
/// not touched since, old probes, the bodies of delivered mail, the evidence copies) and keeps
/// every finding's history and every run's notices and ledgers. Takes the run lock, so it never runs beside the nightly job.
enum PruneCommand {
    static let spec = CommandSpec(
        ["prune"],
        "Drop page rows, old probes, delivered mail bodies and evidence copies of runs older than N days; finding history, notices and ledgers are kept.",
        options: [OptionSpec("keep-days", value: "N", "keep runs of the last N days whole (default: store.keep_days)")])

    static func run(_ arguments: Arguments) throws(Failure) -> Int32 {
        guard arguments.positionals.isEmpty else {
            throw Failure.usage("prune: takes no arguments (use --keep-days N)")
        }
        let context = try NightlyContext(arguments, command: "prune")
        guard let keepDays = try arguments.positiveInt("keep-days") ?? context.config.store.keepDays else {
            throw Failure.usage("prune: give --keep-days N or set store.keep_days in \(context.config.file)")
        }
        let store = context.store
        do {
            try store.acquireRunLock()
        } catch {
            throw Failure.store(error)
        }
        defer { store.releaseRunLock() }
        let today = context.settings.clock.today
        let counts = try StorePruning.prune(
            store: store, keepDays: keepDays, today: today,
            probeWindowDays: context.config.rules.unreachable.windowDays,
            reports: ReportLayout(root: context.config.paths.reports))
        RunLog(label: "prune", quiet: context.settings.quiet).event(
            StorePruning.line(counts, keepDays: keepDays, today: today))
        return ExitStatus.clean
    }
}
