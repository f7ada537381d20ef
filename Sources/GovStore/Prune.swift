import Foundation
import GovCore

/// What `prune` removed.
public struct PruneCounts: Sendable, Equatable {
    /// Runs whose page rows were dropped; the runs stay.
    public var runs = 0
    public var pageRows = 0
    /// Page memories (digest, validators) no run has touched since the cutoff.
    public var pageMemories = 0
    public var probes = 0
    /// Delivered outbox messages whose body was dropped (subject, recipients, times and the
    /// body's hash stay).
    public var mailBodies = 0
    /// Whether the file was compacted (VACUUM) afterwards.
    public var vacuumed = false

    public init() {}

    public var removedAnything: Bool { runs + pageRows + pageMemories + probes + mailBodies > 0 }
}

extension Store {
    /// Drops what only old runs need (`store.keep_days`, `govlint prune`): the page rows of
    /// runs judged before `cutoff`, page memories not touched since (the
    /// page is fetched in full next time), probes before `probesBefore`, and the bodies of
    /// delivered mail of those runs. Never touched: the runs themselves, each
    /// site's summary of a run (run_sites) and the pages it could not read (run_unread: a
    /// rebuilt notice still says what was not checked), every finding's history (finding_history, so
    /// first-seen days, deadlines and 已逾期 are unchanged), unsent or held mail, and the
    /// newest finished run of each kind (a rebuild of its report needs its pages). Compacts
    /// the file when a quarter or more of it is free afterwards.
    public func prune(before cutoff: Day, probesBefore: Date, hash: (Data) -> String) throws(StoreError) -> PruneCounts {
        var counts = try locked { () throws(StoreError) -> PruneCounts in
            try connection.transaction { () throws(StoreError) -> PruneCounts in
                var counts = PruneCounts()
                let old = """
                    SELECT id FROM runs WHERE day < ? AND status != 'running'
                    AND id NOT IN (SELECT max(id) FROM runs WHERE status = 'finished' GROUP BY kind)
                    """
                let day = cutoff.description
                counts.runs = Int(try connection.query("SELECT count(*) FROM (\(old)) WHERE id IN (SELECT run_id FROM pages)",
                                                       [day]) { $0.int(0) }.first ?? 0)
                counts.pageRows = try connection.run("DELETE FROM pages WHERE run_id IN (\(old))", [day])
                counts.pageMemories = try connection.run("DELETE FROM page_memory WHERE run_id IN (\(old))", [day])
                counts.probes = try connection.run("DELETE FROM probes WHERE at < ?", [stamp(probesBefore)])
                let bodies = try connection.query("""
                    SELECT id, message FROM outbox WHERE sent_at IS NOT NULL AND length(message) > 0
                    AND (run_id IN (\(old)) OR (run_id IS NULL AND coalesce(day, substr(created_at, 1, 10)) < ?))
                    """, [day, day]) { ($0.int(0), $0.blob(1)) }
                let drop = try connection.prepare("UPDATE outbox SET message = X'', body_hash = ? WHERE id = ?")
                for (id, body) in bodies {
                    try drop.bind(["\(hash(body)) (\(body.count) bytes)", id])
                    while try drop.step() {}
                }
                counts.mailBodies = bodies.count
                return counts
            }
        }
        counts.vacuumed = try compactIfSparse()
        return counts
    }

    /// VACUUM when at least a quarter of the file's pages are free, then truncates the WAL so
    /// the file on disk shrinks. Freed pages are reused by later writes either way.
    func compactIfSparse() throws(StoreError) -> Bool {
        try locked { () throws(StoreError) -> Bool in
            let total = try connection.query("PRAGMA page_count") { $0.int(0) }.first ?? 0
            let free = try connection.query("PRAGMA freelist_count") { $0.int(0) }.first ?? 0
            guard total > 0, free * 4 >= total else { return false }
            try connection.execute("VACUUM")
            try connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            return true
        }
    }

    /// Row counts of the tables `prune` shrinks (and the history it keeps), for tests and
    /// `prune`'s report.
    public func tableCounts() throws(StoreError) -> [String: Int] {
        try locked { () throws(StoreError) -> [String: Int] in
            var out: [String: Int] = [:]
            for table in ["runs", "run_sites", "pages", "run_unread", "page_memory", "probes", "outbox", "finding_history"] {
                out[table] = Int(try connection.query("SELECT count(*) FROM \(table)") { $0.int(0) }.first ?? 0)
            }
            out["outbox_bodies"] = Int(try connection.query("SELECT count(*) FROM outbox WHERE length(message) > 0") { $0.int(0) }.first ?? 0)
            return out
        }
    }
}
