import Foundation
import GovKit
import GovConfig
import GovCore
import GovCrawl
import GovReport
import GovRules
import GovStore

/// `govlint scan URL|SITE_ID`: crawl one site now, run every page and site check, print the
/// findings and write a report folder.
enum ScanCommand {
    static let spec = CommandSpec(
        ["scan"], arguments: "URL | SITE_ID | FEED_ID",
        "Crawl one site now (a URL needs no config) or read one new-media feed, run every check, print findings, write a report folder.",
        options: [
            OptionSpec("max-pages", value: "N", "stop after N pages (default: crawl.max_pages, 5000)"),
            OptionSpec("depth", value: "N", "maximum link depth from the homepage (default 8)"),
            OptionSpec("concurrency", value: "N", "connections per host (default 4)"),
            OptionSpec("delay", value: "MS", "milliseconds between two requests to one host (default 200)"),
            OptionSpec("no-external", "do not check links that leave the site"),
            OptionSpec(
                "out", value: "DIR", "report folder (default reports/scans/<date>-<run>-<site>, never a nightly folder)"
            ),
        ])

    static func run(_ arguments: Arguments) throws(Failure) -> Int32 {
        let settings = try Settings(arguments, defaultFailOn: .major)
        guard arguments.positionals.count == 1, let what = arguments.positionals.first else {
            throw Failure.usage("scan: give one URL or site id")
        }
        let config = settings.config
        if let feed = config?.feed(id: what) {
            return try runFeed(feed, arguments, settings: settings)
        }
        let target: ScanTarget
        if let site = config?.site(id: what) {
            target = ScanTarget(site: site)
        } else if what.contains("://") {
            target = try ScanTarget(url: what)
        } else {
            throw Failure.usage("scan: `\(what)` is neither a URL nor a site or feed id in \(settings.configPath)")
        }
        var options = SettingsMapping.crawlOptions(config?.crawl)
        if let n = try arguments.int("max-pages") { options.maxPages = n }
        if let n = try arguments.int("depth") { options.maxDepth = n }
        if let n = try arguments.positiveInt("concurrency") {
            options.perHostConnections = max(1, n)
            options.globalConnections = max(options.globalConnections, n)
        }
        if let n = try arguments.int("delay") { options.delayMs = n }
        if arguments.flag("no-external") { options.checkExternal = false }

        let engine = try Engine(settings: settings, crawlOptions: options)
        let progress = ProgressLine(enabled: settings.interactive && !settings.quiet, label: target.id)
        let result: SiteScanResult
        let folder: String
        if let config {
            (result, folder) = try engine.recordedScan(
                target: target, config: config, folder: arguments.value("out"), progress: progress)
        } else {
            result = engine.scanner(for: target).run(progress: progress.update)
            folder =
                arguments.value("out")
                ?? ReportLayout(root: "reports").unrecordedScanFolder(day: settings.clock.today, site: target.id)
        }
        progress.clear()
        for line in result.notCheckedLines { settings.log("govlint: warning: \(line)") }

        let printer = makePrinter(
            settings.format, ruleNames: RuleCatalog.names, color: settings.interactive, quiet: settings.quiet)
        var counts = RunCounts()
        counts.pages = result.crawl.pagesFetched
        for finding in result.findings {
            counts.count(finding)
            printer.print(finding)
        }
        printer.finish(summary: counts)

        try ReportFolder.writeScan(result, to: folder, checkedAt: settings.clock.now.description)
        if config != nil {
            // The scan is listed in reports/index.html at once; its own report is written either way.
            do {
                try NightlyContext(settings: settings, command: "scan").reporter.writeIndex()
            } catch {
                settings.log("govlint: warning: reports/index.html not updated: \(error)")
            }
        }
        if !settings.quiet, settings.format == .text {
            settings.log(
                "\(target.id): \(result.verdict.chinese); \(result.crawl.pagesFetched) pages in \(String(format: "%.1f", result.crawl.elapsedSeconds)) s; report in \(folder)/"
            )
        }
        return settings.exitStatus(for: counts)
    }
}

extension ScanCommand {
    /// `govlint scan FEED_ID`: one account now, with no history (a first run: no validators,
    /// no remembered date). A feed that cannot be read leaves nothing checked: exit 3.
    static func runFeed(_ feed: Config.Feed, _ arguments: Arguments, settings: Settings) throws(Failure) -> Int32 {
        var options = SettingsMapping.crawlOptions(settings.config?.crawl)
        if let n = try arguments.int("delay") { options.delayMs = n }
        if let n = try arguments.int("max-pages") { options.maxPages = n }
        if arguments.flag("no-external") { options.checkExternal = false }
        let engine = try Engine(settings: settings, crawlOptions: options)
        let scanner = engine.feedScanner(for: feed)
        let result = scanner.scan()

        let folder =
            arguments.value("out")
            ?? ReportLayout(root: settings.config?.paths.reports ?? "reports")
            .unrecordedScanFolder(day: settings.clock.today, site: feed.id)
        try ReportFolder.writeFeedScan(
            result, feed: feed, address: scanner.address, to: folder,
            checkedAt: settings.clock.now.description)
        if let error = result.error {
            throw Failure.operation("scan \(feed.id): cannot read \(scanner.address): \(error)")
        }

        let printer = makePrinter(
            settings.format, ruleNames: RuleCatalog.names, color: settings.interactive, quiet: settings.quiet)
        var counts = RunCounts()
        counts.pages = result.itemCount
        for finding in result.findings {
            counts.count(finding)
            printer.print(finding)
        }
        printer.finish(summary: counts)
        for note in result.notes { settings.log("govlint: \(feed.id): skipped \(note)") }
        if !settings.quiet, settings.format == .text {
            let newest = result.newest.map { "newest item \($0)" } ?? "no dated item"
            settings.log(
                "\(feed.id): \(result.verdict.chinese); \(result.itemCount) items, \(newest), \(result.linksChecked) links checked; report in \(folder)/"
            )
        }
        return settings.exitStatus(for: counts)
    }
}
