import Foundation
import GovConfig
import GovCore
import GovCrawl
import GovReport
import GovRules
import GovStore

/// `govlint scan URL|SITE_ID`: crawl one site now, run every page and site check, print the
/// findings and write a report folder.
enum ScanCommand {
    static let spec = CommandSpec(["scan"], arguments: "URL | SITE_ID | FEED_ID",
        "Crawl one site now (a URL needs no config) or read one new-media feed, run every check, print findings, write a report folder.",
        options: [
            OptionSpec("max-pages", value: "N", "stop after N pages (default: crawl.max_pages, 5000)"),
            OptionSpec("depth", value: "N", "maximum link depth from the homepage (default 8)"),
            OptionSpec("concurrency", value: "N", "connections per host (default 4)"),
            OptionSpec("delay", value: "MS", "milliseconds between two requests to one host (default 200)"),
            OptionSpec("no-external", "do not check links that leave the site"),
            OptionSpec("out", value: "DIR", "report folder (default reports/<date>/<site>)"),
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
        if let n = try arguments.int("concurrency") {
            options.perHostConnections = max(1, n)
            options.globalConnections = max(options.globalConnections, n)
        }
        if let n = try arguments.int("delay") { options.delayMs = n }
        if arguments.flag("no-external") { options.checkExternal = false }

        let engine = try Engine(settings: settings, crawlOptions: options)
        let progress = ProgressLine(enabled: settings.interactive && !settings.quiet, label: target.id)
        let folder = arguments.value("out") ?? "\(config?.paths.reports ?? "reports")/\(settings.clock.today)/\(target.id)"
        let result: SiteScanResult
        if let config {
            result = try recorded(target: target, engine: engine, config: config, folder: folder, progress: progress)
        } else {
            result = engine.scanner(for: target).run(progress: progress.update)
        }
        progress.clear()
        for line in result.notCheckedLines { settings.log("govlint: warning: \(line)") }

        let printer = makePrinter(settings.format, ruleNames: RuleCatalog.names, color: settings.interactive, quiet: settings.quiet)
        var counts = RunCounts()
        counts.pages = result.crawl.pagesFetched
        for finding in result.findings {
            counts.count(finding)
            printer.print(finding)
        }
        printer.finish(summary: counts)

        try ReportFolder.writeScan(result, to: folder, checkedAt: settings.clock.now.description)
        if !settings.quiet, settings.format == .text {
            settings.log("\(target.id): \(result.verdict.chinese); \(result.crawl.pagesFetched) pages in \(String(format: "%.1f", result.crawl.elapsedSeconds)) s; report in \(folder)/")
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

        let folder = arguments.value("out") ?? "\(settings.config?.paths.reports ?? "reports")/\(settings.clock.today)/\(feed.id)"
        try ReportFolder.writeFeedScan(result, feed: feed, address: scanner.address, to: folder,
                                       checkedAt: settings.clock.now.description)
        if let error = result.error {
            throw Failure.operation("scan \(feed.id): cannot read \(scanner.address): \(error)")
        }

        let printer = makePrinter(settings.format, ruleNames: RuleCatalog.names, color: settings.interactive, quiet: settings.quiet)
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
            settings.log("\(feed.id): \(result.verdict.chinese); \(result.itemCount) items, \(newest), \(result.linksChecked) links checked; report in \(folder)/")
        }
        return settings.exitStatus(for: counts)
    }

    /// With a config, a scan is recorded in the store as its own kind of run (RunKind.scan):
    /// its life cycle compares with earlier scans only, it takes no run lock (it may run
    /// beside the nightly job), and it uses and feeds the conditional-request memory.
    static func recorded(target: ScanTarget, engine: Engine, config: Config, folder: String,
                         progress: ProgressLine) throws(Failure) -> SiteScanResult {
        let store = try storeCall { () throws(StoreError) in try Store(path: config.paths.store) }
        try storeCall { () throws(StoreError) in
            try store.upsertSite(SiteRecord(id: target.id, name: target.name, kind: .website, owner: target.owner, url: target.url))
        }
        let runID = try storeCall { () throws(StoreError) in
            try store.beginRun(kind: .scan, sites: [target.id], day: engine.settings.clock.today)
        }
        let log = RunLog(label: "scan \(runID)", quiet: engine.settings.quiet, progress: progress)
        let job = SiteJob(engine: engine, store: store, target: target, siteFolder: folder, reportsRoot: config.paths.reports,
                          probeWindowDays: config.rules.unreachable.windowDays, log: log)
        do {
            let outcome = try job.run(runID: runID, progress: progress.update)
            try storeCall { () throws(StoreError) in try store.finishRun(id: runID) }
            return outcome.result
        } catch {
            try? store.finishRun(id: runID, status: .failed, note: error.description)
            throw error
        }
    }
}

/// Writes report files; a full disk or an unwritable folder is the operator's (exit 3).
enum ReportFolder {
    static func write(_ data: Data, to path: String) throws(Failure) {
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw Failure.operation("cannot write \(path): \(systemReason(error))")
        }
    }

    /// "Not a directory", "No space left on device": the POSIX reason under Foundation's
    /// generic "The operation could not be completed".
    static func systemReason(_ error: any Error) -> String {
        let nsError = error as NSError
        // On Linux the underlying error is stored as a Swift Error, not an NSError.
        let underlying = (nsError.userInfo[NSUnderlyingErrorKey] as? any Error).map { $0 as NSError }
        for candidate in [underlying, nsError].compactMap({ $0 }) where candidate.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(candidate.code)))
        }
        return nsError.localizedDescription
    }

    static func writeScan(_ result: SiteScanResult, to folder: String, checkedAt: String) throws(Failure) {
        let site = SiteInfo(id: result.target.id, name: result.target.name, owner: result.target.owner, url: result.target.url)
        let input = ScanInput(site: site, checkedAt: checkedAt,
                              scope: CheckScope(pagesChecked: result.crawl.pagesFetched, columnsChecked: result.snapshot.columns.count),
                              findings: result.findings, verdict: result.verdict)
        let jsonl = (try? Ledger.jsonl(result.findings)) ?? ""
        try write(Data(jsonl.utf8), to: "\(folder)/findings.jsonl")
        try write(Data(ScanReportRenderer.html(input).utf8), to: "\(folder)/report.html")
        try write(Data(ScanReportRenderer.markdown(input).utf8), to: "\(folder)/report.md")
    }
}
