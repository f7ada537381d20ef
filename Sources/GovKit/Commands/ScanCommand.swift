import Foundation
import GovCore
import GovCrawl
import GovReport
import GovRules

/// `govlint scan URL|SITE_ID`: crawl one site now, run every page and site check, print the
/// findings and write a report folder.
enum ScanCommand {
    static let spec = CommandSpec(["scan"], arguments: "URL | SITE_ID",
        "Crawl one site now (a URL needs no config), run every page and site check, print findings, write a report folder.",
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
        let target: ScanTarget
        if let site = config?.site(id: what) {
            target = ScanTarget(site: site)
        } else if what.contains("://") {
            target = try ScanTarget(url: what)
        } else {
            throw Failure.usage("scan: `\(what)` is neither a URL nor a site id in \(settings.configPath)")
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
        let result = engine.scanner(for: target).run(progress: progress.update)
        progress.clear()

        let printer = makePrinter(settings.format, ruleNames: RuleCatalog.names, color: settings.interactive, quiet: settings.quiet)
        var counts = RunCounts()
        counts.pages = result.crawl.pagesFetched
        for finding in result.findings {
            counts.count(finding)
            printer.print(finding)
        }
        printer.finish(summary: counts)

        let folder = arguments.value("out") ?? "\(config?.paths.reports ?? "reports")/\(settings.clock.today)/\(target.id)"
        try ReportFolder.writeScan(result, to: folder, checkedAt: settings.clock.now.description)
        if !settings.quiet, settings.format == .text {
            settings.log("\(target.id): \(result.verdict.chinese); \(result.crawl.pagesFetched) pages in \(String(format: "%.1f", result.crawl.elapsedSeconds)) s; report in \(folder)/")
        }
        return settings.exitStatus(for: counts)
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
            throw Failure.operation("cannot write \(path): \(error.localizedDescription)")
        }
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
