import CSQLite
import Foundation
import GovCore

/// The SQLite store (WAL): runs, pages, findings with their life cycle, probes, feed state
/// and the mail outbox. Every public method runs under one lock, so a `Store` may be shared
/// between threads; other processes (a `scan` beside the nightly `run`) are kept apart by
/// WAL, busy_timeout and short IMMEDIATE transactions. Each site's results are committed
/// as a unit, so a run killed at any point leaves whole sites or nothing.
public final class Store: @unchecked Sendable {
    public let path: String
    /// `<store>.lock`, the file `acquireRunLock()` locks.
    public let lockPath: String
    let connection: Connection
    private let runLock: RunLock
    private let mutex = NSLock()

    /// The schema version this build writes.
    public static var schemaVersion: Int { Schema.version }

    /// Opens (creating the file and its folder if needed) and migrates the store.
    public init(path: String, busyTimeoutMs: Int = 15_000) throws(StoreError) {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw StoreError.io(
                path: directory, message: "cannot create the store's folder: \(error.localizedDescription)")
        }
        self.path = path
        lockPath = path + ".lock"
        connection = try Connection(path: path)
        runLock = RunLock(path: lockPath)
        sqlite3_busy_timeout(connection.handle, Int32(busyTimeoutMs))
        try connection.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")
        try migrate()
    }

    @discardableResult
    func locked<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        mutex.lock()
        defer { mutex.unlock() }
        return try body()
    }

    private func migrate() throws(StoreError) {
        // Re-read the version inside the write transaction: two processes opening a fresh
        // store at once must not both apply step 1.
        try connection.transaction { () throws(StoreError) in
            let current = try userVersion()
            guard current <= Schema.version else {
                throw StoreError.schemaTooNew(path: path, found: current, supported: Schema.version)
            }
            for (index, step) in Schema.migrations.enumerated() where index >= current {
                try connection.execute(step)
            }
            if current < Schema.version { try connection.execute("PRAGMA user_version = \(Schema.version)") }
        }
    }

    private func userVersion() throws(StoreError) -> Int {
        try connection.query("PRAGMA user_version") { Int($0.int(0)) }.first ?? 0
    }

    /// The schema version of the open file.
    public func currentSchemaVersion() throws(StoreError) -> Int {
        try locked { () throws(StoreError) in try userVersion() }
    }

    // MARK: run lock

    /// Takes the exclusive run lock or throws `.locked` at once (never waits). Held until
    /// `releaseRunLock()`, the store is released, or the process dies.
    public func acquireRunLock() throws(StoreError) {
        try locked { () throws(StoreError) in try runLock.acquire() }
    }

    public func releaseRunLock() {
        mutex.lock()
        defer { mutex.unlock() }
        runLock.release()
    }

    // MARK: runs

    /// Starts a run; `day` is the office's calendar day being judged (`--now` may set it).
    public func beginRun(kind: RunKind, sites: [String], day: Day, startedAt: Date = Date()) throws(StoreError) -> Int64
    {
        try locked { () throws(StoreError) in
            let me = ProcessIdentity.current
            return try connection.transaction { () throws(StoreError) in
                try connection.run(
                    "INSERT INTO runs(kind, status, started_at, day, sites, pid, pid_start) VALUES (?, 'running', ?, ?, ?, ?, ?)",
                    [kind.rawValue, stamp(startedAt), day.description, encodeList(sites), Int64(me.pid), me.start])
                return connection.lastInsertID
            }
        }
    }

    /// Ends a run. A finished run's findings enter the life cycle (finding_history) in the
    /// same transaction; a run that ends `.failed` never feeds a later run's life cycle.
    public func finishRun(id: Int64, status: RunStatus = .finished, note: String? = nil, at: Date = Date())
        throws(StoreError)
    {
        try locked { () throws(StoreError) in
            try connection.transaction { () throws(StoreError) in
                let changed = try connection.run(
                    "UPDATE runs SET status = ?, finished_at = ?, note = coalesce(?, note) WHERE id = ? AND status = 'running'",
                    [status.rawValue, stamp(at), note, id])
                if changed == 0 { throw StoreError.badRun(id: id, reason: "not a running run") }
                if status == .finished { try applyLifeCycle(run: id) }
                try connection.run("DELETE FROM run_findings WHERE run_id = ?", [id])
            }
        }
    }

    /// Marks runs left `running` by a process that no longer exists as failed (a kill -9, a
    /// power cut). Returns their ids. Runs of live processes (a `scan` now) are left alone.
    @discardableResult
    public func recoverAbandonedRuns(at: Date = Date()) throws(StoreError) -> [Int64] {
        try locked { () throws(StoreError) in
            let running = try connection.query("SELECT id, pid, pid_start FROM runs WHERE status = 'running'") {
                ($0.int(0), $0.optionalInt(1), $0.optionalInt(2))
            }
            var abandoned: [Int64] = []
            for (id, pid, start) in running {
                let owner = pid.map { ProcessIdentity(pid: Int32(truncatingIfNeeded: $0), start: start ?? 0) }
                if owner?.isAlive == true { continue }
                try connection.run(
                    "UPDATE runs SET status = 'failed', finished_at = ?, note = ? WHERE id = ? AND status = 'running'",
                    [
                        stamp(at), "abandoned: process \(pid.map(String.init) ?? "?") ended without finishing the run",
                        id,
                    ])
                try connection.run("DELETE FROM run_findings WHERE run_id = ?", [id])
                abandoned.append(id)
            }
            return abandoned
        }
    }

    public func run(id: Int64) throws(StoreError) -> RunRecord? {
        try locked { () throws(StoreError) in try runRecords(where: "id = ?", [id], limit: 1).first }
    }

    /// Newest first.
    public func runs(kind: RunKind? = nil, limit: Int = 50) throws(StoreError) -> [RunRecord] {
        try locked { () throws(StoreError) in
            if let kind { return try runRecords(where: "kind = ?", [kind.rawValue], limit: limit) }
            return try runRecords(where: "1", [], limit: limit)
        }
    }

    /// The newest finished run of a kind (what `report` and `mail` default to).
    public func latestRun(kind: RunKind = .run) throws(StoreError) -> RunRecord? {
        try locked { () throws(StoreError) in
            try runRecords(where: "kind = ? AND status = 'finished'", [kind.rawValue], limit: 1).first
        }
    }

    /// The finished run of the same kind before `id` — when `site` is given, the one that
    /// completed that site: what the life cycle compares against.
    public func previousRun(before id: Int64, site: String? = nil) throws(StoreError) -> RunRecord? {
        try locked { () throws(StoreError) in
            guard let previous = try previousRunID(before: id, site: site) else { return nil }
            return try runRecords(where: "id = ?", [previous], limit: 1).first
        }
    }

    func previousRunID(before id: Int64, site: String?) throws(StoreError) -> Int64? {
        if let site {
            return try connection.query(
                """
                SELECT max(r.id) FROM runs r JOIN run_sites s ON s.run_id = r.id
                WHERE s.site = ? AND r.status = 'finished' AND r.id < ? AND r.kind = (SELECT kind FROM runs WHERE id = ?)
                """, [site, id, id]
            ) { $0.optionalInt(0) }.first ?? nil
        }
        return try connection.query(
            """
            SELECT max(id) FROM runs WHERE status = 'finished' AND id < ? AND kind = (SELECT kind FROM runs WHERE id = ?)
            """, [id, id]
        ) { $0.optionalInt(0) }.first ?? nil
    }

    private func runRecords(where condition: String, _ values: [any SQLBindable], limit: Int) throws(StoreError)
        -> [RunRecord]
    {
        let rows = try connection.query(
            """
            SELECT id, kind, status, started_at, finished_at, day, sites, note FROM runs
            WHERE \(condition) ORDER BY id DESC LIMIT \(limit)
            """, values
        ) { s in
            (
                s.int(0), s.text(1) ?? "", s.text(2) ?? "", s.text(3) ?? "", s.text(4), s.text(5) ?? "",
                s.text(6) ?? "[]", s.text(7)
            )
        }
        var out: [RunRecord] = []
        for row in rows {
            let finishedSites = try connection.query(
                "SELECT site FROM run_sites WHERE run_id = ? ORDER BY site", [row.0]
            ) {
                $0.text(0) ?? ""
            }
            out.append(
                RunRecord(
                    id: row.0, kind: RunKind(rawValue: row.1) ?? .run, status: RunStatus(rawValue: row.2) ?? .failed,
                    startedAt: date(row.3) ?? Date(timeIntervalSince1970: 0), finishedAt: row.4.flatMap(date),
                    day: Day(row.5) ?? Day(ordinal: 0), sites: decodeList(row.6), finishedSites: finishedSites,
                    note: row.7))
        }
        return out
    }

    // MARK: sites

    public func upsertSite(_ site: SiteRecord) throws(StoreError) {
        try locked { () throws(StoreError) in
            try connection.run(
                """
                INSERT INTO sites(id, name, kind, owner, url) VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET
                    name = excluded.name, kind = excluded.kind, owner = excluded.owner, url = excluded.url
                """, [site.id, site.name, site.kind.rawValue, site.owner, site.url])
        }
    }

    public func sites() throws(StoreError) -> [SiteRecord] {
        try locked { () throws(StoreError) in
            try connection.query("SELECT id, name, kind, owner, url FROM sites ORDER BY id") {
                SiteRecord(
                    id: $0.text(0) ?? "", name: $0.text(1) ?? "",
                    kind: SiteKind(rawValue: $0.text(2) ?? "") ?? .website,
                    owner: $0.text(3) ?? "", url: $0.text(4) ?? "")
            }
        }
    }

    // MARK: pages

    /// Records fetched pages of one site (one transaction; a page recorded twice keeps the last).
    public func addPages(_ pages: [PageRecord], run: Int64, site: String) throws(StoreError) {
        try locked { () throws(StoreError) in
            try connection.transaction { () throws(StoreError) in try insertPages(pages, run: run, site: site) }
        }
    }

    /// The rows of `page_memory` that count: written by a finished run that completed the
    /// site (a crashed or failed run's pages are fetched in full next time).
    private static let rememberedCondition = """
        FROM page_memory m JOIN runs r ON r.id = m.run_id AND r.status = 'finished'
        JOIN run_sites s ON s.run_id = m.run_id AND s.site = m.site
        WHERE m.site = ? AND m.status IN (200, 304) AND (m.etag IS NOT NULL OR m.last_modified IS NOT NULL)
            AND m.digest IS NOT NULL
        """

    /// Every page of a site as its newest finished fetch left it, with what a 304 replays
    /// (digest and the page's own findings). Reads every digest: the nightly run uses
    /// `pageValidators` and `pageMemory(site:url:)` instead.
    public func rememberedPages(site: String) throws(StoreError) -> [String: RememberedPage] {
        try locked { () throws(StoreError) in
            let rows = try connection.query(
                """
                SELECT m.url, m.etag, m.last_modified, m.run_id, m.content_hash, m.digest, m.page_findings
                \(Self.rememberedCondition)
                """, [site]
            ) { s in
                (
                    s.text(0) ?? "",
                    PageValidators(etag: s.text(1), lastModified: s.text(2), runID: s.int(3), contentHash: s.text(4)),
                    s.text(5), s.text(6)
                )
            }
            var out: [String: RememberedPage] = [:]
            for (url, validators, digest, findings) in rows {
                if let page = rememberedPage(validators, digest, findings) { out[url] = page }
            }
            return out
        }
    }

    /// The validators of every remembered page of a site (no digest read): what the
    /// conditional requests send.
    public func pageValidators(site: String) throws(StoreError) -> [String: PageValidators] {
        try locked { () throws(StoreError) in
            let rows = try connection.query(
                """
                SELECT m.url, m.etag, m.last_modified, m.run_id, m.content_hash \(Self.rememberedCondition)
                """, [site]
            ) { s in
                (
                    s.text(0) ?? "",
                    PageValidators(etag: s.text(1), lastModified: s.text(2), runID: s.int(3), contentHash: s.text(4))
                )
            }
            return Dictionary(rows, uniquingKeysWith: { _, b in b })
        }
    }

    /// One remembered page (a 304 replays it): a single row read by its key.
    public func pageMemory(site: String, url: String) throws(StoreError) -> RememberedPage? {
        try locked { () throws(StoreError) in
            let rows = try connection.query(
                """
                SELECT m.etag, m.last_modified, m.run_id, m.content_hash, m.digest, m.page_findings
                \(Self.rememberedCondition) AND m.url = ?
                """, [site, url]
            ) { s in
                (
                    PageValidators(etag: s.text(0), lastModified: s.text(1), runID: s.int(2), contentHash: s.text(3)),
                    s.text(4), s.text(5)
                )
            }
            return rows.first.flatMap { rememberedPage($0.0, $0.1, $0.2) }
        }
    }

    private func rememberedPage(_ validators: PageValidators, _ digest: String?, _ findings: String?) -> RememberedPage?
    {
        // A row that no longer decodes (written by an older build) is fetched again.
        guard let digest, let page = try? decode(Page.self, digest, what: "a digest") else { return nil }
        let carried = findings.flatMap { try? decode([Finding].self, $0, what: "findings") } ?? []
        return RememberedPage(validators: validators, digest: page, findings: carried)
    }

    /// Streams what a crawl learned of a site's pages into `page_memory` (one transaction
    /// per batch, while the crawl goes on): nothing per page is held until the site's commit.
    public func updatePageMemory(_ updates: [PageMemoryUpdate], run: Int64, site: String) throws(StoreError) {
        guard !updates.isEmpty else { return }
        try locked { () throws(StoreError) in
            try connection.transaction { () throws(StoreError) in try writePageMemory(updates, run: run, site: site) }
        }
    }

    func writePageMemory(_ updates: [PageMemoryUpdate], run: Int64, site: String) throws(StoreError) {
        let replace = try connection.prepare(
            """
            INSERT OR REPLACE INTO page_memory(site, url, run_id, status, etag, last_modified, content_hash, digest, page_findings)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let touch = try connection.prepare("UPDATE page_memory SET run_id = ? WHERE site = ? AND url = ?")
        for update in updates {
            switch update {
            case .fetched(let page):
                let digest = try page.digest.map { (digest) throws(StoreError) in
                    try json(digest, what: "the digest of \(page.url)")
                }
                let findings =
                    page.findings.isEmpty
                    ? nil
                    : try json(page.findings.map(Self.stripped), what: "the findings of \(page.url)")
                try replace.bind([
                    site, page.url, run, page.status, page.etag, page.lastModified, page.contentHash, digest, findings,
                ])
                while try replace.step() {}
            case .unchanged(let url):
                try touch.bind([run, site, url])
                while try touch.step() {}
            }
        }
    }

    /// Commits one site of a run as a unit — its pages, its findings (staged until the run is
    /// finished), what could not be read, the life cycle counts and the site's `details` — in
    /// ONE transaction: a run killed at any moment leaves the site wholly recorded or not at
    /// all. Safe to call again (the site's earlier rows in this run are replaced).
    @discardableResult
    public func completeSite(run: Int64, site: String, results: SiteResults, at: Date = Date()) throws(StoreError)
        -> LifeCycleCounts
    {
        try locked { () throws(StoreError) in
            try connection.transaction { () throws(StoreError) in
                try undoPages(run: run, site: site)
                try connection.run("DELETE FROM run_findings WHERE run_id = ? AND site = ?", [run, site])
                try connection.run("DELETE FROM run_site_tally WHERE run_id = ?", [run])
                try insertPages(results.pages, run: run, site: site)
                try stageFindings(results.findings, run: run)
                return try computeLifeCycle(run: run, site: site, details: results.details, gaps: results, at: at)
            }
        }
    }

    /// Each completed site's `details` of a run.
    public func siteDetails(run: Int64) throws(StoreError) -> [String: Data] {
        try locked { () throws(StoreError) in
            let rows = try connection.query(
                "SELECT site, details FROM run_sites WHERE run_id = ? AND details IS NOT NULL", [run]
            ) {
                ($0.text(0) ?? "", Data(($0.text(1) ?? "").utf8))
            }
            return Dictionary(rows, uniquingKeysWith: { _, b in b })
        }
    }

    func json(_ value: some Encodable, what: String) throws(StoreError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else {
            throw StoreError.io(path: path, message: "cannot encode \(what)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    func decode<T: Decodable>(_ type: T.Type, _ text: String, what: String) throws(StoreError) -> T {
        guard let value = try? JSONDecoder().decode(type, from: Data(text.utf8)) else {
            throw StoreError.io(path: path, message: "\(what) is unreadable: \(text.prefix(120))")
        }
        return value
    }

    // MARK: probes

    public func recordProbe(_ probe: ProbeResult) throws(StoreError) {
        try locked { () throws(StoreError) in
            try connection.run(
                "INSERT INTO probes(site, at, ok, seconds, http_status, error) VALUES (?, ?, ?, ?, ?, ?)",
                [probe.site, stamp(probe.at), probe.ok, probe.seconds, probe.status, probe.error])
        }
    }

    /// Probes of a site at or after `since` (the 7-day window of INDICATORS §1.2).
    public func probeStats(site: String, since: Date) throws(StoreError) -> ProbeStats {
        try locked { () throws(StoreError) in
            let row = try connection.query(
                "SELECT count(*), coalesce(sum(ok = 0), 0) FROM probes WHERE site = ? AND at >= ?",
                [site, stamp(since)]
            ) {
                ProbeStats(total: Int($0.int(0)), failed: Int($0.int(1)))
            }
            return row.first ?? ProbeStats(total: 0, failed: 0)
        }
    }

    // MARK: feeds

    public func feedRecord(feed: String) throws(StoreError) -> FeedRecord? {
        try locked { () throws(StoreError) in
            try connection.query(
                "SELECT last_item, consecutive_failures, last_success, last_error FROM feed_state WHERE feed = ?",
                [feed]
            ) { s in
                FeedRecord(
                    feed: feed, lastItem: s.text(0).flatMap(DateText.parseDateTime),
                    consecutiveFailures: Int(s.int(1)), lastSuccess: s.text(2).flatMap(date), lastError: s.text(3))
            }.first
        }
    }

    /// A successful read: resets the failure count; `lastItem` only moves forward.
    public func recordFeedSuccess(feed: String, lastItem: LocalDateTime?, at: Date = Date()) throws(StoreError) {
        try locked { () throws(StoreError) in
            try connection.transaction { () throws(StoreError) in
                let stored =
                    try connection.query("SELECT last_item FROM feed_state WHERE feed = ?", [feed]) { $0.text(0) }.first
                    ?? nil
                let newest = [stored.flatMap(DateText.parseDateTime), lastItem].compactMap { $0 }.max()
                try connection.run(
                    """
                    INSERT INTO feed_state(feed, last_item, consecutive_failures, last_success, last_error) VALUES (?, ?, 0, ?, NULL)
                    ON CONFLICT(feed) DO UPDATE SET last_item = excluded.last_item, consecutive_failures = 0,
                        last_success = excluded.last_success, last_error = NULL
                    """, [feed, newest?.description, stamp(at)])
            }
        }
    }

    /// A failed read; returns the failures in a row so far.
    @discardableResult
    public func recordFeedFailure(feed: String, error: String) throws(StoreError) -> Int {
        try locked { () throws(StoreError) in
            try connection.transaction { () throws(StoreError) in
                try connection.run(
                    """
                    INSERT INTO feed_state(feed, consecutive_failures, last_error) VALUES (?, 1, ?)
                    ON CONFLICT(feed) DO UPDATE SET consecutive_failures = consecutive_failures + 1, last_error = excluded.last_error
                    """, [feed, error])
                return try connection.query("SELECT consecutive_failures FROM feed_state WHERE feed = ?", [feed]) {
                    Int($0.int(0))
                }.first ?? 1
            }
        }
    }

    // MARK: outbox

    /// Keeps a composed message until it is sent: a failed send is retried by the next
    /// `mail` or `run`, nothing is lost. `held` keeps it until `approve` (mail.review).
    @discardableResult
    public func enqueue(
        run: Int64?, recipients: [String], subject: String, message: Data, at: Date = Date(),
        held: Bool = false, label: String? = nil, day: String? = nil, contentHash: String? = nil
    ) throws(StoreError) -> Int64 {
        try locked { () throws(StoreError) in
            try connection.run(
                """
                INSERT INTO outbox(run_id, recipients, subject, message, created_at, held, label, day, content_hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [run, encodeList(recipients), subject, message, stamp(at), held, label, day, contentHash])
            return connection.lastInsertID
        }
    }

    /// Unsent messages not held for review, oldest first (of one run when given).
    public func pending(run: Int64? = nil) throws(StoreError) -> [OutboxMessage] {
        try locked { () throws(StoreError) in
            try outbox(
                where: "sent_at IS NULL AND held = 0" + (run == nil ? "" : " AND run_id = ?"), run.map { [$0] } ?? [])
        }
    }

    /// Messages held for review (mail.review), oldest first.
    public func held() throws(StoreError) -> [OutboxMessage] {
        try locked { () throws(StoreError) in try outbox(where: "sent_at IS NULL AND held = 1", []) }
    }

    /// Releases held messages — all, or those whose label names the site — for sending.
    @discardableResult
    public func approve(site: String? = nil) throws(StoreError) -> Int {
        try locked { () throws(StoreError) in
            guard let site else {
                return try connection.run("UPDATE outbox SET held = 0 WHERE held = 1 AND sent_at IS NULL")
            }
            return try connection.run(
                """
                UPDATE outbox SET held = 0 WHERE held = 1 AND sent_at IS NULL
                AND (',' || label || ',') LIKE ('%,' || ? || ',%')
                """, [site])
        }
    }

    /// Every message with this label for the day (sent, queued or held), oldest first.
    public func outbox(label: String, day: String) throws(StoreError) -> [OutboxMessage] {
        try locked { () throws(StoreError) in try outbox(where: "label = ? AND day = ?", [label, day]) }
    }

    /// Every message of a run, sent or not (for `mail --run ID` to resend).
    public func outbox(run: Int64) throws(StoreError) -> [OutboxMessage] {
        try locked { () throws(StoreError) in try outbox(where: "run_id = ?", [run]) }
    }

    private func outbox(where condition: String, _ values: [any SQLBindable]) throws(StoreError) -> [OutboxMessage] {
        try connection.query(
            """
            SELECT id, run_id, recipients, subject, message, attempts, last_error, created_at, sent_at, held, label, day, content_hash,
                body_hash
            FROM outbox WHERE \(condition) ORDER BY id
            """, values
        ) { s in
            OutboxMessage(
                id: s.int(0), runID: s.optionalInt(1), recipients: decodeList(s.text(2) ?? "[]"),
                subject: s.text(3) ?? "",
                message: s.blob(4), attempts: Int(s.int(5)), lastError: s.text(6),
                createdAt: date(s.text(7) ?? "") ?? Date(timeIntervalSince1970: 0), sentAt: s.text(8).flatMap(date),
                held: s.int(9) != 0, label: s.text(10), day: s.text(11), contentHash: s.text(12), bodyHash: s.text(13))
        }
    }

    /// A delivered message. With `dropBody`, the body goes at once (the store does not grow by
    /// every notice's bytes every night): the headers stay, with the body's hash and size.
    public func markSent(id: Int64, at: Date = Date(), dropBody hash: ((Data) -> String)? = nil) throws(StoreError) {
        try locked { () throws(StoreError) in
            try connection.transaction { () throws(StoreError) in
                try connection.run(
                    "UPDATE outbox SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?",
                    [stamp(at), id])
                guard let hash,
                    let message = try connection.query(
                        "SELECT message FROM outbox WHERE id = ? AND body_hash IS NULL", [id], { $0.blob(0) }
                    ).first
                else { return }
                let headers = Self.headers(of: message)
                try connection.run(
                    "UPDATE outbox SET message = ?, body_hash = ? WHERE id = ?",
                    [headers, "\(hash(message)) (\(message.count) bytes)", id])
            }
        }
    }

    /// An RFC 5322 message's header section, up to and with the blank line that ends it.
    static func headers(of message: Data) -> Data {
        let bytes = [UInt8](message)
        for end in [[13, 10, 13, 10], [10, 10]] as [[UInt8]] where bytes.count >= end.count {
            for i in 0...(bytes.count - end.count) where bytes[i] == end[0] && Array(bytes[i..<(i + end.count)]) == end
            {
                return Data(bytes[0..<(i + end.count)])
            }
        }
        return message
    }

    public func markFailed(id: Int64, error: String) throws(StoreError) {
        try locked { () throws(StoreError) in
            try connection.run("UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?", [error, id])
        }
    }

    /// `PRAGMA integrity_check`: "ok" when the file is sound.
    public func integrityCheck() throws(StoreError) -> String {
        try locked { () throws(StoreError) in
            try connection.query("PRAGMA integrity_check") { $0.text(0) ?? "" }.joined(separator: "\n")
        }
    }
}

// MARK: encoding helpers

/// Instants are stored as ISO 8601 UTC text (`2026-11-28T18:30:00Z`): readable in the
/// sqlite3 shell and ordered correctly as text.
func stamp(_ date: Date) -> String { date.formatted(.iso8601) }

func date(_ text: String) -> Date? { try? Date(text, strategy: .iso8601) }

func encodeList(_ items: [String]) -> String {
    (try? JSONEncoder().encode(items)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
}

func decodeList(_ text: String) -> [String] {
    (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
}
