import GovConfig
import GovCore
import GovStore

extension Engine {
    /// With a config, a scan is recorded in the store as its own kind of run (RunKind.scan):
    /// its life cycle compares with earlier scans only, it takes no run lock (it may run
    /// beside the nightly job), and it uses and feeds the conditional-request memory.
    /// The report goes to `folder`, else to the scan's own `scans/<date>-<run-id>-<site>/`;
    /// returns the result and that folder.
    package func recordedScan(
        target: ScanTarget, config: Config, folder: String?,
        progress: ProgressLine
    ) throws(Failure) -> (result: SiteScanResult, folder: String) {
        let store = try storeCall { () throws(StoreError) in try Store(path: config.paths.store) }
        try storeCall { () throws(StoreError) in
            try store.upsertSite(
                SiteRecord(id: target.id, name: target.name, kind: .website, owner: target.owner, url: target.url))
        }
        let runID = try storeCall { () throws(StoreError) in
            try store.beginRun(kind: .scan, sites: [target.id], day: settings.clock.today)
        }
        let folder =
            folder
            ?? ReportLayout(root: config.paths.reports)
            .scanFolder(day: settings.clock.today, tag: String(runID), site: target.id)
        let log = RunLog(label: "scan \(runID)", quiet: settings.quiet, progress: progress)
        let job = SiteJob(
            engine: self, store: store, target: target, siteFolder: folder, reportsRoot: config.paths.reports,
            probeWindowDays: config.rules.unreachable.windowDays, log: log)
        do {
            let outcome = try job.run(runID: runID, progress: progress.update)
            try storeCall { () throws(StoreError) in try store.finishRun(id: runID) }
            return (outcome.result, folder)
        } catch {
            try? store.finishRun(id: runID, status: .failed, note: error.description)
            throw error
        }
    }
}
