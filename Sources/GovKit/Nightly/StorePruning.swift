import Foundation
import GovCore
import GovStore

/// `store.keep_days` and `govlint prune --keep-days N`: runs judged more than N days before
/// today lose their per-run rows (see `Store.prune`); finding histories, deadlines and the
/// runs' summaries stay. Probes are kept for at least the unreachable window they feed.
package enum StorePruning {
    package static func prune(store: Store, keepDays: Int, today: Day, probeWindowDays: Int,
                              now: Date = Date()) throws(Failure) -> PruneCounts {
        let cutoff = today.adding(days: -keepDays)
        let probesBefore = now.addingTimeInterval(-Double(max(keepDays, probeWindowDays)) * 86_400)
        return try storeCall { () throws(StoreError) in
            try store.prune(before: cutoff, probesBefore: probesBefore, hash: { ContentHash.hex(Array($0)) })
        }
    }

    /// `pruned runs before 2026-11-02: 12 run(s), 5160 page rows, …`.
    package static func line(_ counts: PruneCounts, keepDays: Int, today: Day) -> String {
        guard counts.removedAnything else { return "prune: nothing older than \(keepDays) day(s) before \(today)" }
        return "prune: runs before \(today.adding(days: -keepDays)): \(counts.runs) run(s), \(counts.pageRows) page rows, "
            + "\(counts.pageMemories) page memories, \(counts.probes) probes, "
            + "\(counts.mailBodies) delivered mail bodies dropped; finding history kept"
            + (counts.vacuumed ? "; store compacted" : "")
    }
}
