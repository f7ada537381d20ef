import Foundation
import GovCore
import GovReport
import GovStore

extension RunReporter {
    /// What a stored tally depends on besides the run itself: this build (its executable's
    /// size and time), config.yaml, the ignore list and the extra holiday table. Any change
    /// recomputes the tallies once; nil when one of them cannot be read, and nothing is kept.
    func tallyBasis() -> String? {
        var identity = stat()
        guard stat("/proc/self/exe", &identity) == 0,
            let configText = FileManager.default.contents(atPath: config.file)
        else { return nil }
        var bytes = Array("\(identity.st_size) \(identity.st_mtim.tv_sec).\(identity.st_mtim.tv_nsec)\n".utf8)
        bytes += configText
        for path in [config.paths.ignore, config.rules.extraHolidays].compactMap({ $0 }) {
            bytes += Array("\n\(path)\n".utf8)
            if FileManager.default.fileExists(atPath: path) {
                guard let data = FileManager.default.contents(atPath: path) else { return nil }
                bytes += data
            }
        }
        return FNV1a.hex(FNV1a.hash(bytes))
    }

    /// Each site's standing, open and overdue items in the run, under today's ignore list and
    /// settings: read back when a finished run was tallied under `basis`, else computed (and
    /// kept for a finished run). Sites with findings but no finished crawl count as 未能检查.
    func siteTallies(_ run: RunRecord, basis: String?) throws(Failure) -> [String: SiteTally] {
        let keep = run.status == .finished ? basis : nil
        if let keep,
            let stored = try storeCall({ () throws(StoreError) in try store.siteTallies(run: run.id, basis: keep) })
        {
            return stored
        }
        let details = try storeCall { () throws(StoreError) in try store.siteDetails(run: run.id) }
        let findings = Dictionary(
            grouping: try storeCall { () throws(StoreError) in try store.findings(run: run.id) }, by: \.site)
        let finished = Set(run.finishedSites)
        var tallies: [String: SiteTally] = [:]
        for id in finished.union(findings.keys) {
            let active = (findings[id] ?? []).filter { $0.status != .fixed && ignore.entry(for: $0) == nil }
            let standing =
                finished.contains(id)
                ? SiteRunDetails.decode(details[id])?.verdict(active: active, settings: ruleSettings).standing
                : nil
            let overdue = active.filter {
                Deadline.forFinding(
                    $0, issued: run.day, workingDays: config.rules.rectifyWorkingDays, calendar: calendar
                ).isOverdue
            }.count
            tallies[id] = SiteTally(
                standing: (standing ?? .notChecked).rawValue, open: active.count, overdue: overdue)
        }
        // A read-only store (a report rebuilt by another user) still gets its index.
        if let keep, !tallies.isEmpty { try? store.saveSiteTallies(tallies, run: run.id, basis: keep) }
        return tallies
    }
}
