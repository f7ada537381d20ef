import Foundation

/// A run's pages (status, validators, hash, title, column) kept once per unchanged state,
/// not once per run (`page_versions`, migration 7). A version is one state of one page with
/// the first and the last run that recorded it; a run that finds the page as the site's
/// previous commit left it moves `last_run` forward in place, so an unchanged night adds no
/// row. A run's pages are the versions whose span holds it, among the runs that committed
/// the site (`run_sites`; a page recorded before its site is committed belongs to its own
/// run), unless `prune` dropped that run's pages (`run_sites.pages_dropped`).
///
/// The status is exact per run: `status` is the first run's answer, `repeat_status` the
/// answer of every later run of the span (a 200 and then 304s is one version); a span is
/// only extended when the answer, the validators, the hash, the title and the column are
/// what the site's previous commit recorded. `fetched_at` is when the state was first fetched.
extension Store {
    /// The committed runs of the site just before and just after `run` (run_sites).
    private func committedNeighbours(run: Int64, site: String) throws(StoreError) -> (previous: Int64?, next: Int64?) {
        let previous =
            try connection.query("SELECT max(run_id) FROM run_sites WHERE site = ? AND run_id < ?", [site, run]) {
                $0.optionalInt(0)
            }.first ?? nil
        let next =
            try connection.query("SELECT min(run_id) FROM run_sites WHERE site = ? AND run_id > ?", [site, run]) {
                $0.optionalInt(0)
            }.first ?? nil
        return (previous, next)
    }

    /// Takes back what an earlier commit of this site in this run recorded (`completeSite`
    /// called again): spans it started go to the next commit or away, spans it extended end
    /// at the previous commit again.
    func undoPages(run: Int64, site: String) throws(StoreError) {
        let (previous, next) = try committedNeighbours(run: run, site: site)
        if let next {
            try connection.run(
                """
                UPDATE OR REPLACE page_versions SET first_run = ?, status = repeat_status
                WHERE site = ? AND first_run = ? AND last_run >= ?
                """, [next, site, run, next])
        }
        try connection.run("DELETE FROM page_versions WHERE site = ? AND first_run = ?", [site, run])
        try connection.run(
            """
            UPDATE page_versions SET last_run = max(first_run, coalesce(?, first_run)),
                repeat_status = CASE WHEN max(first_run, coalesce(?, first_run)) = first_run THEN NULL ELSE repeat_status END
            WHERE site = ? AND last_run = ? AND first_run < ?
            """, [previous, previous, site, run, run])
    }

    /// Records a run's pages of one site (a page given twice keeps the last). A page given
    /// with a digest also replaces its `page_memory` row, the one copy a 304 replays.
    func insertPages(_ pages: [PageRecord], run: Int64, site: String) throws(StoreError) {
        var index: [String: Int] = [:]
        var unique: [PageRecord] = []
        for page in pages {
            if let at = index[page.url] {
                unique[at] = page
            } else {
                index[page.url] = unique.count; unique.append(page)
            }
        }
        let (previous, next) = try committedNeighbours(run: run, site: site)
        if let next {
            // Committed after a later run of the site (a scan beside the nightly run): a span
            // over this run is cut in two around it, and this run's pages get their own rows.
            try connection.run(
                """
                INSERT OR REPLACE INTO page_versions(site, url, first_run, last_run, status, repeat_status, content_hash, etag,
                    last_modified, fetched_at, title, column_name)
                SELECT site, url, ?, last_run, repeat_status, repeat_status, content_hash, etag, last_modified, fetched_at, title,
                    column_name
                FROM page_versions WHERE site = ? AND first_run < ? AND last_run > ?
                """, [next, site, run, run])
            try connection.run(
                """
                UPDATE page_versions SET last_run = max(first_run, coalesce(?, first_run)),
                    repeat_status = CASE WHEN max(first_run, coalesce(?, first_run)) = first_run THEN NULL ELSE repeat_status END
                WHERE site = ? AND first_run < ? AND last_run > ?
                """, [previous, previous, site, run, run])
        }
        let restore = try connection.prepare(
            """
            UPDATE page_versions SET last_run = max(first_run, coalesce(?, first_run)),
                repeat_status = CASE WHEN max(first_run, coalesce(?, first_run)) = first_run THEN NULL ELSE repeat_status END
            WHERE site = ? AND url = ? AND last_run = ? AND first_run < ?
            """)
        let lookup = try connection.prepare(
            """
            SELECT first_run, status, repeat_status, content_hash, etag, last_modified, title, column_name FROM page_versions
            WHERE site = ? AND url = ? AND last_run = ? ORDER BY first_run DESC LIMIT 1
            """)
        let extend = try connection.prepare(
            "UPDATE page_versions SET last_run = ?, repeat_status = ? WHERE site = ? AND url = ? AND first_run = ?")
        let insert = try connection.prepare(
            """
            INSERT OR REPLACE INTO page_versions(site, url, first_run, last_run, status, content_hash, etag, last_modified,
                fetched_at, title, column_name)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        var memory: [PageMemoryUpdate] = []
        for page in unique {
            // Recorded already in this run (addPages twice): the span goes back first.
            try restore.bind([previous, previous, site, page.url, run, run])
            while try restore.step() {}
            var extended = false
            if next == nil, let previous {
                try lookup.bind([site, page.url, previous])
                if try lookup.step() {
                    let first = lookup.int(0)
                    let status = lookup.optionalInt(1).map { Int($0) }, repeated = lookup.optionalInt(2).map { Int($0) }
                    let sameAnswer =
                        (repeated == nil || repeated == page.status) && (page.status == status || page.status == 304)
                    if sameAnswer, lookup.text(3) == page.contentHash, lookup.text(4) == page.etag,
                        lookup.text(5) == page.lastModified, lookup.text(6) == page.title, lookup.text(7) == page.column
                    {
                        try extend.bind([run, page.status, site, page.url, first])
                        while try extend.step() {}
                        extended = true
                    }
                }
            }
            if !extended {
                try insert.bind([
                    site, page.url, run, run, page.status, page.contentHash, page.etag, page.lastModified,
                    stamp(page.fetchedAt), page.title, page.column,
                ])
                while try insert.step() {}
            }
            if page.digest != nil {
                memory.append(
                    .fetched(
                        PageMemoryRecord(
                            url: page.url, status: page.status, etag: page.etag,
                            lastModified: page.lastModified, contentHash: page.contentHash,
                            digest: page.digest, findings: page.findings)))
            }
        }
        try writePageMemory(memory, run: run, site: site)
    }

    /// The run's pages of a site, as that run recorded them (digests live in page_memory).
    public func pages(run: Int64, site: String) throws(StoreError) -> [PageRecord] {
        try locked { () throws(StoreError) in
            let rows = try connection.query(
                """
                SELECT v.url, v.first_run, v.status, v.repeat_status, v.content_hash, v.etag, v.last_modified, v.fetched_at,
                    v.title, v.column_name
                FROM page_versions v
                WHERE v.site = ? AND v.first_run <= ? AND v.last_run >= ?
                    AND (v.first_run = ? OR EXISTS (SELECT 1 FROM run_sites s WHERE s.run_id = ? AND s.site = v.site))
                    AND NOT EXISTS (SELECT 1 FROM run_sites s WHERE s.run_id = ? AND s.site = v.site AND s.pages_dropped = 1)
                ORDER BY v.url, v.first_run
                """, [site, run, run, run, run, run]
            ) { s in
                let status = s.int(1) == run ? s.optionalInt(2) : s.optionalInt(3)
                return PageRecord(
                    url: s.text(0) ?? "", status: status.map { Int($0) }, contentHash: s.text(4), etag: s.text(5),
                    lastModified: s.text(6), fetchedAt: date(s.text(7) ?? "") ?? Date(timeIntervalSince1970: 0),
                    title: s.text(8), column: s.text(9))
            }
            // Two spans over one run (never after a clean commit): the one that starts later wins.
            var out: [PageRecord] = []
            for page in rows {
                if out.last?.url == page.url { out[out.count - 1] = page } else { out.append(page) }
            }
            return out
        }
    }

    /// ETag / Last-Modified of each URL of a site from its newest completed fetch, for
    /// conditional requests. Only sites a finished run completed count: a killed run's
    /// pages may lack the findings a 304 would carry over. One row per version of a page,
    /// never one per run.
    public func latestValidators(site: String) throws(StoreError) -> [String: PageValidators] {
        try locked { () throws(StoreError) in
            let rows = try connection.query(
                """
                SELECT url, etag, last_modified, content_hash, first_run, status, repeat_status, newest FROM (
                    SELECT v.*, (SELECT s.run_id FROM run_sites s JOIN runs r ON r.id = s.run_id AND r.status = 'finished'
                                 WHERE s.site = v.site AND s.run_id BETWEEN v.first_run AND v.last_run AND s.pages_dropped = 0
                                 ORDER BY s.run_id DESC LIMIT 1) AS newest
                    FROM page_versions v WHERE v.site = ? AND (v.etag IS NOT NULL OR v.last_modified IS NOT NULL))
                WHERE newest IS NOT NULL
                """, [site]
            ) { s in
                (
                    url: s.text(0) ?? "", etag: s.text(1), lastModified: s.text(2), hash: s.text(3), first: s.int(4),
                    status: s.optionalInt(5), repeated: s.optionalInt(6), newest: s.int(7)
                )
            }
            var out: [String: PageValidators] = [:]
            for row in rows {
                let status = row.newest == row.first ? row.status : row.repeated
                guard status == 200 || status == 304 else { continue }
                if let known = out[row.url], known.runID >= row.newest { continue }
                out[row.url] = PageValidators(
                    etag: row.etag, lastModified: row.lastModified, runID: row.newest, contentHash: row.hash)
            }
            return out
        }
    }

    /// Drops the page rows of the `old` runs (an SQL list of run ids): marks those runs'
    /// pages dropped and deletes the versions no kept run needs. Returns (runs, page rows)
    /// as the runs saw them; inside prune's transaction.
    func dropPages(ofRuns old: String, _ values: [any SQLBindable]) throws(StoreError) -> (runs: Int, rows: Int) {
        let committed = try connection.query(
            """
            SELECT run_id, site FROM run_sites WHERE run_id IN (\(old)) AND pages_dropped = 0
            """, values
        ) { ($0.int(0), $0.text(1) ?? "") }
        var runs = Set<Int64>(), rows = 0
        let count = try connection.prepare(
            """
            SELECT count(DISTINCT url) FROM page_versions WHERE site = ? AND first_run <= ? AND last_run >= ?
            """)
        for (run, site) in committed {
            try count.bind([site, run, run])
            let n = try count.step() ? Int(count.int(0)) : 0
            if n > 0 { runs.insert(run); rows += n }
        }
        // Pages recorded without a commit of their site (their own run only).
        let loose = try connection.query(
            """
            SELECT first_run, count(*) FROM page_versions v WHERE first_run IN (\(old)) AND last_run = first_run
            AND NOT EXISTS (SELECT 1 FROM run_sites s WHERE s.run_id = v.first_run AND s.site = v.site) GROUP BY first_run
            """, values
        ) { ($0.int(0), Int($0.int(1))) }
        for (run, n) in loose { runs.insert(run); rows += n }
        try connection.run("UPDATE run_sites SET pages_dropped = 1 WHERE run_id IN (\(old))", values)
        try connection.run(
            """
            DELETE FROM page_versions WHERE last_run IN (\(old)) AND NOT EXISTS (
                SELECT 1 FROM run_sites s WHERE s.site = page_versions.site AND s.run_id BETWEEN page_versions.first_run
                AND page_versions.last_run AND s.pages_dropped = 0)
            """, values)
        return (runs.count, rows)
    }
}
