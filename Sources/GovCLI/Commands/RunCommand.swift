import Foundation
import GovKit
import GovCore
import GovStore

/// `govlint run [--sites a,b]`: the nightly job (NightlyRun). Exits 0 when the run completed
/// whatever it found (a finished nightly run is a success for systemd), 1 only with
/// --fail-on, 3 when the run itself failed (locked store, full disk).
enum RunCommand {
    static let spec = CommandSpec(
        ["run"],
        "The nightly job: every site and feed in config.yaml, results into the store, notices, summary, mail.",
        options: [
            OptionSpec("sites", value: "ID,ID", "only these sites or feeds (default: all in the config)")
        ])

    static func run(_ arguments: Arguments) throws(Failure) -> Int32 {
        guard arguments.positionals.isEmpty else { throw Failure.usage("run: takes no arguments (use --sites ID,ID)") }
        let context = try NightlyContext(arguments, command: "run")
        let sites = try context.selectedSites(arguments)
        let wanted = arguments.value("sites").map {
            Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        }
        let feeds = context.config.feeds.filter { wanted?.contains($0.id) ?? true }
        // Fail closed: a run over nothing would report a clean night.
        if context.config.sites.isEmpty && context.config.feeds.isEmpty {
            throw Failure.badInput(
                "\(context.settings.configPath): no sites and no feeds to check (add them under sites: or feeds:)")
        }
        // Before the slow part (the lexicon): a second run refuses at once.
        try storeCall { () throws(StoreError) in try context.store.acquireRunLock() }
        let engine = try Engine(
            settings: context.settings, crawlOptions: SettingsMapping.crawlOptions(context.config.crawl))
        let result = try NightlyRun(context: context, engine: engine, sites: sites, feeds: feeds).execute()
        let estimated = result.report.sites.reduce(0) { $0 + $1.estimatedDeadlines }
        if estimated > 0 {
            context.settings.log(
                "govlint: warning: \(estimated) deadline\(estimated == 1 ? "" : "s") fall past the end of the working-day calendar: counted Monday to Friday and marked 暂按周一至周五计算 in the notices until next year's State Council schedule is added (rules.extra_holidays; deploy/README.md)"
            )
        }
        var counts = RunCounts()
        for site in result.report.sites {
            counts.pages += site.details.pagesChecked
            site.open.forEach { counts.count($0) }
        }
        return context.settings.exitStatus(for: counts)
    }
}
