import Foundation
import GovCore
import GovStore

/// `store.keep_days` and `govlint prune --keep-days N`: runs judged more than N days before
/// today lose their per-run rows (see `Store.prune`); finding histories, deadlines and the
/// runs' summaries stay. Probes are kept for at least the unreachable window they feed.
package enum StorePruning {
    /// What one prune removed: the store's rows, and the old runs' evidence folders.
    package struct Counts: Sendable {
        package var store: PruneCounts
        /// `evidence/` folders of runs before the cutoff (the page copies: most of a run's
        /// files); the runs' notices, ledgers and summaries stay, as the office's records.
        package var evidenceFolders = 0
    }

    package static func prune(
        store: Store, keepDays: Int, today: Day, probeWindowDays: Int,
        reports: ReportLayout? = nil, now: Date = Date()
    ) throws(Failure) -> Counts {
        let cutoff = today.adding(days: -keepDays)
        let probesBefore = now.addingTimeInterval(-Double(max(keepDays, probeWindowDays)) * 86_400)
        var counts = Counts(
            store: try storeCall { () throws(StoreError) in
                try store.prune(before: cutoff, probesBefore: probesBefore, hash: { ContentHash.hex(Array($0)) })
            })
        if let reports {
            let old = try storeCall { () throws(StoreError) in try store.runs(limit: Int.max) }.filter {
                $0.day < cutoff
            }
            counts.evidenceFolders = try reports.removeEvidence(of: old)
        }
        return counts
    }

    /// `pruned runs before 2026-11-02: 12 run(s), 5160 page rows, …`.
    package static func line(_ counts: Counts, keepDays: Int, today: Day) -> String {
        let store = counts.store
        guard store.removedAnything || counts.evidenceFolders > 0 else {
            return "prune: nothing older than \(keepDays) day(s) before \(today)"
        }
        return
            "prune: runs before \(today.adding(days: -keepDays)): \(store.runs) run(s), \(store.pageRows) page rows, "
            + "\(store.pageMemories) page memories, \(store.probes) probes, "
            + "\(store.mailBodies) delivered mail bodies dropped, \(counts.evidenceFolders) evidence folders removed; "
            + "finding history, notices and ledgers kept"
            + (store.vacuumed ? "; store compacted" : "")
    }
}
