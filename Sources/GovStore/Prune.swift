import Foundation
import GovCore

/// What `prune` removed.
public struct PruneCounts: Sendable, Equatable {
    /// Runs whose page rows were dropped; the runs stay.
    public var runs = 0
    /// Pages of those runs (one per run and page, however the rows are kept).
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
    public func prune(before cutoff: Day, probesBefore: Date, hash: (Data) -> String) throws(StoreError) -> PruneCounts
    {
        var counts = try locked { () throws(StoreError) -> PruneCounts in
            try connection.transaction { () throws(StoreError) -> PruneCounts in
                var counts = PruneCounts()
                let old = """
                    SELECT id FROM runs WHERE day < ? AND status != 'running'
                    AND id NOT IN (SELECT max(id) FROM runs WHERE status = 'finished' GROUP BY kind)
                    """
                let day = cutoff.description
                (counts.runs, counts.pageRows) = try dropPages(ofRuns: old, [day])
                counts.pageMemories = try connection.run("DELETE FROM page_memory WHERE run_id IN (\(old))", [day])
                counts.probes = try connection.run("DELETE FROM probes WHERE at < ?", [stamp(probesBefore)])
                let bodies = try connection.query(
                    """
                    SELECT id, message FROM outbox WHERE sent_at IS NOT NULL AND length(message) > 0 AND body_hash IS NULL
                    AND (run_id IN (\(old)) OR (run_id IS NULL AND coalesce(day, substr(created_at, 1, 10)) < ?))
                    """, [day, day]
                ) { ($0.int(0), $0.blob(1)) }
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
            for table in [
                "runs", "run_sites", "page_versions", "run_unread", "page_memory", "probes", "outbox",
                "finding_history",
            ] {
                out[table] = Int(try connection.query("SELECT count(*) FROM \(table)") { $0.int(0) }.first ?? 0)
            }
            out["outbox_bodies"] = Int(
                try connection.query("SELECT count(*) FROM outbox WHERE length(message) > 0") { $0.int(0) }.first ?? 0)
            return out
        }
    }
}

/// How big the store is: the file's pages (page_count × page_size, free pages included) and
/// the bytes of every row's values (what the tables hold, whatever the page layout).
public struct StoreSize: Sendable, Equatable {
    public var bytes: Int
    public var rowBytes: Int
}

extension Store {
    /// For the growth tests and benchmarks (bench/night).
    public func size() throws(StoreError) -> StoreSize {
        try locked { () throws(StoreError) -> StoreSize in
            let pages = try connection.query("PRAGMA page_count") { $0.int(0) }.first ?? 0
            let pageSize = try connection.query("PRAGMA page_size") { $0.int(0) }.first ?? 0
            let tables = try connection.query(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            ) {
                $0.text(0) ?? ""
            }
            var rows: Int64 = 0
            for table in tables {
                let columns = try connection.query("SELECT name FROM pragma_table_info(?)", [table]) {
                    $0.text(0) ?? ""
                }
                guard !columns.isEmpty else { continue }
                let sum = columns.map { "coalesce(length(\"\($0)\"), 0)" }.joined(separator: " + ")
                rows +=
                    try connection.query("SELECT coalesce(sum(\(sum)), 0) FROM \"\(table)\"") { $0.int(0) }.first ?? 0
            }
            return StoreSize(bytes: Int(pages * pageSize), rowBytes: Int(rows))
        }
    }
}
