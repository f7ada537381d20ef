import Foundation
import GovKit
import GovCore
import GovStore

/// `govlint run [--sites a,b]`: the nightly job (NightlyRun). Exits 0 when the run completed
/// whatever it found (a finished nightly run is a success for systemd), 1 only with
/// --fail-on, 3 when the run itself failed (locked store, full disk).
enum RunCommand {
    static let spec = CommandSpec(["run"],
        "The nightly job: every site and feed in config.yaml, results into the store, notices, summary, mail.",
        options: [
            OptionSpec("sites", value: "ID,ID", "only these sites or feeds (default: all in the config)"),
            OptionSpec("parallel", value: "N", "sites crawled at once (default 2)"),
        ])

    static func run(_ arguments: Arguments) throws(Failure) -> Int32 {
        guard arguments.positionals.isEmpty else { throw Failure.usage("run: takes no arguments (use --sites ID,ID)") }
        let context = try NightlyContext(arguments, command: "run")
        let sites = try context.selectedSites(arguments)
        let wanted = arguments.value("sites").map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }) }
        let feeds = context.config.feeds.filter { wanted?.contains($0.id) ?? true }
        // Before the slow part (the lexicon): a second run refuses at once.
        try storeCall { () throws(StoreError) in try context.store.acquireRunLock() }
        let engine = try Engine(settings: context.settings, crawlOptions: SettingsMapping.crawlOptions(context.config.crawl))
        let parallel = try arguments.int("parallel") ?? 2
        let result = try NightlyRun(context: context, engine: engine, sites: sites, feeds: feeds, parallelSites: parallel).execute()
        var counts = RunCounts()
        for site in result.report.sites {
            counts.pages += site.details.pagesChecked
            site.open.forEach { counts.count($0) }
        }
        return context.settings.exitStatus(for: counts)
    }
}
