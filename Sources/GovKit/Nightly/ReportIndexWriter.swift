import Foundation
import GovCore
import GovReport
import GovStore

extension RunReporter {
    /// Nightly runs and scans `reports/index.html` lists (newest first): enough for a season
    /// of trend, bounded so the index is rebuilt in a moment.
    static let indexRuns = 90
    static let indexScans = 30

    /// Writes `reports/index.html` from the store: every recent run, each site's verdict
    /// and open items run by run, links to the files that are there. Returns its path.
    @discardableResult
    package func writeIndex() throws(Failure) -> String {
        let finished = try storeCall { () throws(StoreError) in try store.runs(kind: .run, limit: Self.indexRuns * 2) }
            .filter { $0.status == .finished }
        let runs = finished.prefix(Self.indexRuns)
        let scans = try storeCall { () throws(StoreError) in try store.runs(kind: .scan, limit: Self.indexScans * 2) }
            .filter { $0.status == .finished }.prefix(Self.indexScans)
        let known = try storeCall { () throws(StoreError) in try store.sites() }
        var indexRuns: [IndexRun] = []
        var indexScans: [IndexRun] = []
        let basis = tallyBasis()
        for run in runs { indexRuns.append(try indexRun(run, basis: basis)) }
        for run in scans { indexScans.append(try indexRun(run, basis: basis)) }

        // Configured sites and accounts first, in config order; then any the store remembers.
        var order = config.sites.map(\.id) + config.feeds.map(\.id)
        let seen = Set(indexRuns.flatMap(\.sites.keys) + indexScans.flatMap(\.sites.keys))
        order += known.map(\.id).filter { !order.contains($0) && seen.contains($0) }
        let byID = Dictionary(known.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let sites = order.map { id -> SiteInfo in
            if let site = config.site(id: id) {
                return SiteInfo(id: id, name: site.name, owner: site.owner, url: site.url)
            }
            if let feed = config.feed(id: id) {
                return SiteInfo(id: id, name: feed.name, owner: feed.owner, url: "", kind: .feed)
            }
            return SiteInfo(id: id, name: byID[id]?.name ?? id, owner: byID[id]?.owner ?? "", url: byID[id]?.url ?? "")
        }
        let generated = indexRuns.first.map { "\($0.day.chinese)例行检查后" } ?? "尚无例行检查"
        let input = IndexInput(
            office: office, generated: generated, sites: sites, runs: indexRuns, scans: indexScans,
            earlierRunsNotListed: finished.count > runs.count)
        let path = "\(layout.root)/index.html"
        try ReportFolder.write(Data(ReportIndexRenderer.html(input).utf8), to: path)
        return path
    }

    /// One run's verdict, open and overdue items per site, under today's ignore list.
    private func indexRun(_ run: RunRecord, basis: String?) throws(Failure) -> IndexRun {
        let tallies = try siteTallies(run, basis: basis)
        var sites: [String: IndexEntry] = [:]
        for id in run.finishedSites {
            let tally = tallies[id]
            let folder = existingSiteFolder(run, site: id)
            let notice = folder.flatMap { existing("\($0)/notice.html") ?? existing("\($0)/report.html") }
            sites[id] = IndexEntry(
                verdict: tally.flatMap { Verdict.Standing(rawValue: $0.standing) } ?? .notChecked,
                open: tally?.open ?? 0, overdue: tally?.overdue ?? 0,
                notice: notice, ledger: folder.flatMap { existing("\($0)/ledger.csv") })
        }
        let summary = run.kind == .scan ? nil : existing("\(layout.folder(for: run))/summary.html")
        return IndexRun(id: run.id, day: run.day, isScan: run.kind == .scan, summary: summary, sites: sites)
    }

    /// The run's folder for a site, or the old `<date>/<site>` folder of a run written before
    /// per-run folders (a real folder, not the day's link to a newer run).
    private func existingSiteFolder(_ run: RunRecord, site: String) -> String? {
        let folder = layout.siteFolder(for: run, site: site)
        if FileManager.default.fileExists(atPath: folder) { return folder }
        let legacy = "\(layout.dayLink(run.day))/\(site)"
        let isLink = (try? FileManager.default.destinationOfSymbolicLink(atPath: layout.dayLink(run.day))) != nil
        return !isLink && FileManager.default.fileExists(atPath: legacy) ? legacy : nil
    }

    /// `path` relative to the reports folder when the file is there.
    private func existing(_ path: String) -> String? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let prefix = layout.root + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
