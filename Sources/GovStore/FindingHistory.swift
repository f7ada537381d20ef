import Foundation
import GovCore

/// The findings life cycle (SPEC §5, §7). A running run stages what it saw per site
/// (`run_findings`); when the run is finished, the staged rows become transitions in
/// `finding_history` — one row per episode of a finding per site (first seen → fixed), with
/// its first-seen day, its deadline fixed on that day, its last sighting and the runs where
/// it appeared and was fixed — and the staging is emptied. A failed run changes nothing.
///
/// Fail closed: a finding that was not seen again is fixed only when the site was read and
/// its page was read. When the whole site could not be read (`not_checked`), or its page is
/// in `run_unread` (unreadable this run, or not reached by a crawl that stopped short), the
/// finding stays open with its first-seen day and deadline unchanged — never fixed, never new.
extension Store {
    // MARK: staging

    /// Stages findings of a running run (one transaction). The same key twice in a run (a
    /// typo repeated on a page) is one finding with an occurrence count.
    public func addFindings(_ findings: [Finding], run: Int64) throws(StoreError) {
        try locked { () throws(StoreError) in
            try connection.transaction { () throws(StoreError) in try stageFindings(findings, run: run) }
        }
    }

    func stageFindings(_ findings: [Finding], run: Int64) throws(StoreError) {
        let insert = try connection.prepare(
            """
            INSERT INTO run_findings(run_id, site, key, rule, severity, url, json) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(run_id, key) DO UPDATE SET occurrences = occurrences + 1
            """)
        for finding in findings {
            let text = try json(
                Self.stripped(finding), what: "finding \(finding.key) (\(finding.rule.rawValue) on \(finding.url))")
            try insert.bind([
                run, finding.site, finding.key, finding.rule.rawValue, finding.severity.rawValue, finding.url, text,
            ])
            while try insert.step() {}
        }
    }

    /// A finding as stored: its life cycle lives in columns, not in the JSON.
    static func stripped(_ finding: Finding) -> Finding {
        var stored = finding
        stored.status = nil
        stored.firstSeen = nil
        stored.deadline = nil
        stored.occurrences = nil
        return stored
    }

    /// Marks one site of a running run complete and returns its life cycle counts against
    /// the findings open before this run. Safe to call again.
    @discardableResult
    public func finishRun(id: Int64, site: String, at: Date = Date()) throws(StoreError) -> LifeCycleCounts {
        try locked { () throws(StoreError) in
            try connection.transaction { () throws(StoreError) in
                try computeLifeCycle(run: id, site: site, details: nil, gaps: nil, at: at)
            }
        }
    }

    /// Records what the run could not read of the site, fixes the deadlines of the staged
    /// findings and marks the site complete; runs inside the caller's transaction.
    func computeLifeCycle(run id: Int64, site: String, details: Data?, gaps: SiteResults?, at: Date) throws(StoreError)
        -> LifeCycleCounts
    {
        guard
            let (dayText, lineage) = try connection.query(
                "SELECT day, kind FROM runs WHERE id = ? AND status = 'running'", [id],
                { ($0.text(0) ?? "", $0.text(1) ?? "") }
            ).first,
            let day = Day(dayText)
        else {
            throw StoreError.badRun(id: id, reason: "not a running run")
        }
        let previous = try previousRunID(before: id, site: site)
        try adoptLegacyTemplateKeys(run: id, site: site, lineage: lineage)
        if let gaps {
            try connection.run("DELETE FROM run_unread WHERE run_id = ? AND site = ?", [id, site])
            var unread = gaps.unread
            if let partial = gaps.partial {
                // A crawl that stopped short: pages it never reached keep their findings.
                let visited = Set(gaps.pages.map(\.url))
                for (_, url) in try unseenOpen(run: id, site: site, lineage: lineage)
                where !visited.contains(url) && unread[url] == nil {
                    unread[url] = partial
                }
            }
            let insert = try connection.prepare(
                "INSERT OR REPLACE INTO run_unread(run_id, site, url, reason) VALUES (?, ?, ?, ?)")
            for (url, reason) in unread {
                try insert.bind([id, site, url, reason])
                while try insert.step() {}
            }
            if let deadline = gaps.deadline {
                try fixDeadlines(run: id, site: site, lineage: lineage, day: day, deadline)
            }
        }
        try connection.run(
            """
            INSERT INTO run_sites(run_id, site, finished_at, details, not_checked, partial) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(run_id, site) DO UPDATE SET finished_at = excluded.finished_at,
                details = coalesce(excluded.details, details),
                not_checked = CASE WHEN ? THEN excluded.not_checked ELSE not_checked END,
                partial = CASE WHEN ? THEN excluded.partial ELSE partial END
            """,
            [
                id, site, stamp(at), details.map { String(decoding: $0, as: UTF8.self) }, gaps?.notChecked,
                gaps?.partial,
                gaps != nil, gaps != nil,
            ])
        let staged = try connection.query(
            """
            SELECT EXISTS (SELECT 1 FROM finding_history h WHERE h.lineage = ? AND h.site = r.site AND h.key = r.key
                AND h.fixed_run IS NULL) FROM run_findings r WHERE r.run_id = ? AND r.site = ?
            """, [lineage, id, site]
        ) { $0.int(0) != 0 }
        let seenBefore = staged.count(where: { $0 })
        let gapsNow = try checkGaps(run: id, site: site)
        var carried = 0, fixed = 0
        for (_, url) in try unseenOpen(run: id, site: site, lineage: lineage) {
            if gapsNow.carries(url) { carried += 1 } else { fixed += 1 }
        }
        return LifeCycleCounts(
            new: staged.count - seenBefore, open: seenBefore + carried, fixed: fixed, previousRun: previous)
    }

    /// A store written before template links had a page-free identity (`Finding.templatePlace`)
    /// keyed them by the page they were shown on. The first night after the upgrade would then
    /// call each of them 已整改 and the same link new, with a new first-seen day and deadline.
    /// Fail closed instead: a new template finding takes over the open, unseen, older-keyed
    /// finding of the same rule and link (the oldest, when several), keeping its episode.
    private func adoptLegacyTemplateKeys(run id: Int64, site: String, lineage: String) throws(StoreError) {
        let fresh = try connection.query(
            """
            SELECT r.key, r.rule, json_extract(r.json, '$.match') FROM run_findings r WHERE r.run_id = ? AND r.site = ?
            AND instr(r.json, '"template_place"') > 0 AND NOT EXISTS (SELECT 1 FROM finding_history h
                WHERE h.lineage = ? AND h.site = r.site AND h.key = r.key AND h.fixed_run IS NULL)
            """, [id, site, lineage]
        ) { ($0.text(0) ?? "", ($0.text(1) ?? "") + "\u{1F}" + ($0.text(2) ?? "")) }
        guard !fresh.isEmpty else { return }
        // Only the rules of the new template findings: every other open finding stays unread.
        let legacy = try connection.query(
            """
            SELECT h.id, h.rule, json_extract(h.json, '$.match') FROM finding_history h
            WHERE h.lineage = ? AND h.site = ? AND h.fixed_run IS NULL AND instr(h.json, '"template_place"') = 0
            AND h.rule IN (SELECT r.rule FROM run_findings r WHERE r.run_id = ? AND r.site = ? AND instr(r.json, '"template_place"') > 0)
            AND NOT EXISTS (SELECT 1 FROM run_findings r WHERE r.run_id = ? AND r.key = h.key)
            ORDER BY h.first_seen, h.id
            """, [lineage, site, id, site, id]
        ) { ($0.int(0), ($0.text(1) ?? "") + "\u{1F}" + ($0.text(2) ?? "")) }
        var older: [String: [Int64]] = [:]  // rule + link → open rows keyed the old way, oldest first
        for (rowID, link) in legacy { older[link, default: []].append(rowID) }
        let rekey = try connection.prepare("UPDATE finding_history SET key = ? WHERE id = ?")
        for (key, link) in fresh {
            guard let rowID = older[link]?.first else { continue }
            older[link]?.removeFirst()
            try rekey.bind([key, rowID])
            while try rekey.step() {}
        }
    }

    /// Open findings of the site (before this run) that the run did not see: (key, url).
    private func unseenOpen(run id: Int64, site: String, lineage: String) throws(StoreError) -> [(String, String)] {
        try connection.query(
            """
            SELECT h.key, h.url FROM finding_history h WHERE h.lineage = ? AND h.site = ? AND h.fixed_run IS NULL
            AND NOT EXISTS (SELECT 1 FROM run_findings r WHERE r.run_id = ? AND r.key = h.key)
            """, [lineage, site, id]
        ) { ($0.text(0) ?? "", $0.text(1) ?? "") }
    }

    /// The deadline of each staged finding: the one fixed when it was first seen, else
    /// computed now from its first-seen day (today for a new finding; the carried-over day
    /// for findings that came from a store without deadlines).
    private func fixDeadlines(
        run id: Int64, site: String, lineage: String, day: Day,
        _ deadline: @Sendable (RuleID, Day) -> Day
    ) throws(StoreError) {
        let rows = try connection.query(
            """
            SELECT r.key, r.rule, h.first_seen, h.deadline FROM run_findings r
            LEFT JOIN finding_history h ON h.lineage = ? AND h.site = r.site AND h.key = r.key AND h.fixed_run IS NULL
            WHERE r.run_id = ? AND r.site = ?
            """, [lineage, id, site]
        ) { ($0.text(0) ?? "", $0.text(1) ?? "", $0.text(2), $0.text(3)) }
        let update = try connection.prepare("UPDATE run_findings SET deadline = ? WHERE run_id = ? AND key = ?")
        for (key, ruleText, firstSeen, fixedDeadline) in rows {
            let value: String
            if let fixedDeadline {
                value = fixedDeadline
            } else {
                guard let rule = RuleID(rawValue: ruleText) else { continue }
                value = deadline(rule, firstSeen.flatMap { Day($0) } ?? day).description
            }
            try update.bind([value, id, key])
            while try update.step() {}
        }
    }

    /// Turns a finished run's staged findings into transitions; inside finishRun's transaction.
    func applyLifeCycle(run id: Int64) throws(StoreError) {
        guard
            let (dayText, lineage) = try connection.query(
                "SELECT day, kind FROM runs WHERE id = ?", [id], { ($0.text(0) ?? "", $0.text(1) ?? "") }
            ).first
        else { return }
        let sites = try connection.query("SELECT site, not_checked FROM run_sites WHERE run_id = ?", [id]) {
            ($0.text(0) ?? "", $0.text(1))
        }
        for (site, notChecked) in sites {
            // Seen again saying something else: the earlier copy stays for the runs before this one.
            try connection.run(
                """
                INSERT OR REPLACE INTO finding_texts(history_id, before_run, json, occurrences)
                SELECT h.id, ?, h.json, h.occurrences FROM finding_history h
                JOIN run_findings r ON r.run_id = ? AND r.site = h.site AND r.key = h.key
                WHERE r.site = ? AND h.lineage = ? AND h.fixed_run IS NULL AND (h.json != r.json OR h.occurrences != r.occurrences)
                """, [id, id, site, lineage])
            // Seen again: still open; the newest copy, the sighting, a deadline if it had none.
            try connection.run(
                """
                UPDATE finding_history SET json = r.json, occurrences = r.occurrences, rule = r.rule, severity = r.severity,
                    url = r.url, last_seen = ?, last_seen_run = ?, deadline = coalesce(finding_history.deadline, r.deadline)
                FROM run_findings r
                WHERE r.run_id = ? AND r.site = ? AND finding_history.lineage = ? AND finding_history.site = r.site
                    AND finding_history.key = r.key AND finding_history.fixed_run IS NULL
                """, [dayText, id, id, site, lineage])
            // First seen: a new episode, its deadline fixed today.
            try connection.run(
                """
                INSERT INTO finding_history(lineage, site, key, rule, severity, url, json, occurrences, first_seen, deadline,
                    last_seen, status, since_run, last_seen_run)
                SELECT ?, r.site, r.key, r.rule, r.severity, r.url, r.json, r.occurrences, ?, r.deadline, ?, 'open', ?, ?
                FROM run_findings r WHERE r.run_id = ? AND r.site = ? AND NOT EXISTS (
                    SELECT 1 FROM finding_history h WHERE h.lineage = ? AND h.site = r.site AND h.key = r.key AND h.fixed_run IS NULL)
                """, [lineage, dayText, dayText, id, id, id, site, lineage])
            // Gone from a page that was read, on a site that was read: fixed.
            guard notChecked == nil else { continue }
            try connection.run(
                """
                UPDATE finding_history SET status = 'fixed', fixed_run = ?
                WHERE lineage = ? AND site = ? AND fixed_run IS NULL AND last_seen_run < ? AND since_run < ?
                    AND url NOT IN (SELECT url FROM run_unread WHERE run_id = ? AND site = ?)
                """, [id, lineage, site, id, id, id, site])
        }
    }

    // MARK: reading

    /// What the run could not check of each site it completed.
    public func checkGaps(run: Int64) throws(StoreError) -> [String: CheckGaps] {
        try locked { () throws(StoreError) in
            var out: [String: CheckGaps] = [:]
            for site in try connection.query("SELECT site FROM run_sites WHERE run_id = ?", [run], { $0.text(0) ?? "" })
            {
                let gaps = try checkGaps(run: run, site: site)
                if !gaps.isEmpty { out[site] = gaps }
            }
            return out
        }
    }

    func checkGaps(run: Int64, site: String) throws(StoreError) -> CheckGaps {
        let row = try connection.query(
            "SELECT not_checked, partial FROM run_sites WHERE run_id = ? AND site = ?", [run, site]
        ) {
            ($0.text(0), $0.text(1))
        }.first
        let unread = try connection.query(
            "SELECT url, reason FROM run_unread WHERE run_id = ? AND site = ?", [run, site]
        ) {
            ($0.text(0) ?? "", $0.text(1) ?? "")
        }
        return CheckGaps(
            notChecked: row?.0 ?? nil, partial: row?.1 ?? nil,
            unread: Dictionary(unread, uniquingKeysWith: { a, _ in a }))
    }

    /// Findings of a run, most severe first, with `status`, `firstSeen`, `deadline` and
    /// `occurrences` filled in: for a finished run from the history, for a running one as
    /// the life cycle will record it. `url` narrows to one page.
    public func findings(run: Int64, site: String? = nil, url: String? = nil) throws(StoreError) -> [Finding] {
        try locked { () throws(StoreError) in
            guard
                let (status, lineage, dayText) = try connection.query(
                    "SELECT status, kind, day FROM runs WHERE id = ?", [run],
                    { ($0.text(0) ?? "", $0.text(1) ?? "", $0.text(2) ?? "") }
                ).first
            else { return [] }
            var rows: [(json: String, status: FindingStatus, firstSeen: String, deadline: String?, occurrences: Int)] =
                []
            var condition = ""
            var extra: [any SQLBindable] = []
            if let site { condition += " AND h.site = ?"; extra.append(site) }
            if let url { condition += " AND h.url = ?"; extra.append(url) }
            switch RunStatus(rawValue: status) {
            case .finished?:
                // The copy the run had: the newest, unless a later run saw the finding change.
                rows = try connection.query(
                    """
                    SELECT coalesce(t.json, h.json), h.since_run, h.fixed_run, h.first_seen, h.deadline,
                        coalesce(t.occurrences, h.occurrences) FROM finding_history h
                    JOIN run_sites s ON s.run_id = ? AND s.site = h.site
                    LEFT JOIN finding_texts t ON t.history_id = h.id AND t.before_run = (
                        SELECT min(before_run) FROM finding_texts WHERE history_id = h.id AND before_run > ?)
                    WHERE h.lineage = ? AND h.since_run <= ? AND (h.fixed_run IS NULL OR h.fixed_run >= ?)\(condition)
                    """, [run, run, lineage, run, run] + extra
                ) { s in
                    let state: FindingStatus = s.int(1) == run ? .new : (s.optionalInt(2) == run ? .fixed : .open)
                    return (s.text(0) ?? "", state, s.text(3) ?? "", s.text(4), Int(s.int(5)))
                }
            case .running?:
                let stagedCondition = condition.replacingOccurrences(of: "h.", with: "r.")
                rows = try connection.query(
                    """
                    SELECT r.json, h.first_seen, coalesce(r.deadline, h.deadline), r.occurrences FROM run_findings r
                    LEFT JOIN finding_history h ON h.lineage = ? AND h.site = r.site AND h.key = r.key AND h.fixed_run IS NULL
                    WHERE r.run_id = ?\(stagedCondition)
                    """, [lineage, run] + extra
                ) { s in
                    (s.text(0) ?? "", s.text(1) == nil ? .new : .open, s.text(1) ?? dayText, s.text(2), Int(s.int(3)))
                }
                let sites = try connection.query("SELECT site FROM run_sites WHERE run_id = ?", [run]) {
                    $0.text(0) ?? ""
                }
                for each in sites where site == nil || each == site {
                    let gaps = try checkGaps(run: run, site: each)
                    let unseen = try connection.query(
                        """
                        SELECT h.json, h.url, h.first_seen, h.deadline, h.occurrences FROM finding_history h
                        WHERE h.lineage = ? AND h.site = ? AND h.fixed_run IS NULL
                        AND NOT EXISTS (SELECT 1 FROM run_findings r WHERE r.run_id = ? AND r.key = h.key)\(condition)
                        """, [lineage, each, run] + extra
                    ) { s in
                        (s.text(0) ?? "", s.text(1) ?? "", s.text(2) ?? "", s.text(3), Int(s.int(4)))
                    }
                    for (json, pageURL, firstSeen, deadline, occurrences) in unseen {
                        rows.append((json, gaps.carries(pageURL) ? .open : .fixed, firstSeen, deadline, occurrences))
                    }
                }
            default:
                return []
            }
            // An unreadable row is an error, not a silently shorter notice.
            let decoder = JSONDecoder()
            var out: [Finding] = []
            for row in rows {
                guard var finding = try? decoder.decode(Finding.self, from: Data(row.json.utf8)) else {
                    throw StoreError.io(
                        path: path, message: "run \(run): a stored finding is unreadable: \(row.json.prefix(120))")
                }
                finding.status = row.status
                finding.firstSeen = row.firstSeen
                finding.deadline = row.deadline
                finding.occurrences = row.occurrences > 1 ? row.occurrences : nil
                out.append(finding)
            }
            return out.sorted(by: Self.storeOrder)
        }
    }

    /// Most severe first, then site, rule, page and key: the order notices start from.
    static func storeOrder(_ a: Finding, _ b: Finding) -> Bool {
        if a.severity != b.severity { return a.severity > b.severity }
        if a.site != b.site { return a.site < b.site }
        if a.rule != b.rule { return a.rule.rawValue < b.rule.rawValue }
        if a.url != b.url { return a.url < b.url }
        return a.key < b.key
    }

    /// The newest stored finding with this key (for `govlint ignore KEY`), with the run that
    /// last saw it.
    public func finding(key: String) throws(StoreError) -> (finding: Finding, run: Int64)? {
        try locked { () throws(StoreError) in
            let rows = try connection.query(
                """
                SELECT json, last_seen_run FROM finding_history WHERE key = ?
                UNION ALL SELECT json, run_id FROM run_findings WHERE key = ?
                ORDER BY 2 DESC LIMIT 1
                """, [key, key]
            ) { ($0.text(0) ?? "", $0.int(1)) }
            guard let (text, run) = rows.first else { return nil }
            return (try decode(Finding.self, text, what: "finding \(key)"), run)
        }
    }

    /// Every stored finding (the newest copy of each key) of a site whose rule and URL match:
    /// what `ignore --rule R --url-prefix P` suppresses.
    public func findings(site: String?, rule: String, urlPrefix: String) throws(StoreError) -> [Finding] {
        try locked { () throws(StoreError) in
            let rows = try connection.query(
                """
                SELECT json, max(last_seen_run) FROM finding_history
                WHERE rule = ? AND substr(url, 1, length(?)) = ? AND (? IS NULL OR site = ?)
                GROUP BY key ORDER BY key
                """, [rule, urlPrefix, urlPrefix, site, site]
            ) { $0.text(0) ?? "" }
            return try rows.map { (text) throws(StoreError) in try decode(Finding.self, text, what: "a stored finding")
            }
        }
    }

    /// Keys of a run's findings still to fix (new or open), for the trend across runs.
    public func openKeys(run: Int64) throws(StoreError) -> [String] {
        try findings(run: run).filter { $0.status != .fixed }.map(\.key).sorted()
    }
}

extension CheckGaps {
    /// Whether a finding on this page carries over unread.
    public func carries(_ url: String) -> Bool { notChecked != nil || unread[url] != nil }
}
