/// Schema migrations, applied in order; `PRAGMA user_version` counts the applied ones. Never
/// edit a shipped step: add a new one, so every existing store upgrades the same way.
enum Schema {
    static let migrations: [String] = [
        // 1: the first schema.
        """
        CREATE TABLE runs(
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('run', 'scan', 'probe')),
            status TEXT NOT NULL CHECK (status IN ('running', 'finished', 'failed')),
            started_at TEXT NOT NULL,
            finished_at TEXT,
            day TEXT NOT NULL,
            sites TEXT NOT NULL DEFAULT '[]',
            pid INTEGER,
            pid_start INTEGER,
            note TEXT
        );
        CREATE TABLE run_sites(
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            site TEXT NOT NULL,
            finished_at TEXT NOT NULL,
            PRIMARY KEY (run_id, site)
        );
        CREATE INDEX run_sites_site ON run_sites(site, run_id);
        CREATE TABLE sites(
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('website', 'feed'))
        );
        CREATE TABLE pages(
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            site TEXT NOT NULL,
            url TEXT NOT NULL,
            status INTEGER,
            content_hash TEXT,
            etag TEXT,
            last_modified TEXT,
            fetched_at TEXT NOT NULL,
            title TEXT,
            column_name TEXT,
            PRIMARY KEY (run_id, site, url)
        );
        CREATE INDEX pages_site_url ON pages(site, url, run_id);
        CREATE TABLE findings(
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            site TEXT NOT NULL,
            rule TEXT NOT NULL,
            severity TEXT NOT NULL,
            url TEXT NOT NULL,
            status TEXT CHECK (status IN ('new', 'open', 'fixed')),
            first_seen TEXT,
            last_seen TEXT,
            occurrences INTEGER NOT NULL DEFAULT 1,
            json TEXT NOT NULL,
            PRIMARY KEY (run_id, key)
        );
        CREATE INDEX findings_run_site ON findings(run_id, site);
        CREATE TABLE probes(
            id INTEGER PRIMARY KEY,
            site TEXT NOT NULL,
            at TEXT NOT NULL,
            ok INTEGER NOT NULL,
            seconds REAL NOT NULL,
            http_status INTEGER,
            error TEXT
        );
        CREATE INDEX probes_site_at ON probes(site, at);
        CREATE TABLE feed_state(
            feed TEXT PRIMARY KEY,
            last_item TEXT,
            consecutive_failures INTEGER NOT NULL DEFAULT 0,
            last_success TEXT,
            last_error TEXT
        );
        CREATE TABLE outbox(
            id INTEGER PRIMARY KEY,
            run_id INTEGER REFERENCES runs(id) ON DELETE SET NULL,
            recipients TEXT NOT NULL,
            subject TEXT NOT NULL,
            message BLOB NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            created_at TEXT NOT NULL,
            sent_at TEXT
        );
        CREATE INDEX outbox_pending ON outbox(sent_at, id);
        """,
        // 2: what a 304 replays (the page digest and its own findings), each site's summary
        // of a run (for `report`), and the owner and URL of a site.
        """
        ALTER TABLE pages ADD COLUMN digest TEXT;
        ALTER TABLE pages ADD COLUMN page_findings TEXT;
        ALTER TABLE run_sites ADD COLUMN details TEXT;
        ALTER TABLE sites ADD COLUMN owner TEXT NOT NULL DEFAULT '';
        ALTER TABLE sites ADD COLUMN url TEXT NOT NULL DEFAULT '';
        CREATE INDEX findings_key ON findings(key, run_id);
        """,
        // 3: findings as a life cycle, not a copy per run. `finding_history` holds one row
        // per episode of a finding (first seen → fixed) per site and lineage (the run kind:
        // nightly runs and ad-hoc scans keep separate histories), with the deadline fixed when
        // it was first seen; `run_findings` stages what a running run saw until the run is
        // finished (a failed run never feeds the life cycle) and is emptied then;
        // `run_unread` lists the pages a run could not read, whose findings carry over open.
        // Existing findings move over with their first-seen day; their deadline (NULL here)
        // is fixed from that day by the next run that sees the site, on the office calendar.
        """
        CREATE TABLE finding_history(
            id INTEGER PRIMARY KEY,
            lineage TEXT NOT NULL,
            site TEXT NOT NULL,
            key TEXT NOT NULL,
            rule TEXT NOT NULL,
            severity TEXT NOT NULL,
            url TEXT NOT NULL,
            json TEXT NOT NULL,
            occurrences INTEGER NOT NULL DEFAULT 1,
            first_seen TEXT NOT NULL,
            deadline TEXT,
            last_seen TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('open', 'fixed')),
            since_run INTEGER NOT NULL,
            last_seen_run INTEGER NOT NULL,
            fixed_run INTEGER
        );
        CREATE UNIQUE INDEX finding_history_current ON finding_history(lineage, site, key) WHERE fixed_run IS NULL;
        CREATE INDEX finding_history_site ON finding_history(site, since_run);
        CREATE INDEX finding_history_key ON finding_history(key, last_seen_run);
        CREATE TABLE run_findings(
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            site TEXT NOT NULL,
            key TEXT NOT NULL,
            rule TEXT NOT NULL,
            severity TEXT NOT NULL,
            url TEXT NOT NULL,
            json TEXT NOT NULL,
            occurrences INTEGER NOT NULL DEFAULT 1,
            deadline TEXT,
            PRIMARY KEY (run_id, key)
        );
        CREATE INDEX run_findings_site ON run_findings(run_id, site);
        CREATE TABLE run_unread(
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            site TEXT NOT NULL,
            url TEXT NOT NULL,
            reason TEXT NOT NULL,
            PRIMARY KEY (run_id, site, url)
        );
        ALTER TABLE run_sites ADD COLUMN not_checked TEXT;
        ALTER TABLE run_sites ADD COLUMN partial TEXT;
        INSERT INTO finding_history(lineage, site, key, rule, severity, url, json, occurrences, first_seen, deadline,
            last_seen, status, since_run, last_seen_run, fixed_run)
        SELECT lineage, site, key, rule, severity, url, json, occurrences, coalesce(first_seen, day), NULL,
            coalesce(last_seen, day), CASE WHEN status = 'fixed' THEN 'fixed' ELSE 'open' END,
            coalesce((SELECT min(g.run_id) FROM findings g JOIN runs gr ON gr.id = g.run_id AND gr.kind = lineage
                      WHERE g.site = ranked.site AND g.key = ranked.key AND g.first_seen = ranked.first_seen), run_id),
            coalesce(seen_run, run_id), CASE WHEN status = 'fixed' THEN run_id END
        FROM (SELECT f.*, r.kind AS lineage, r.day AS day,
                  row_number() OVER (PARTITION BY r.kind, f.site, f.key ORDER BY f.run_id DESC) AS newest,
                  max(CASE WHEN f.status IN ('new', 'open') THEN f.run_id END) OVER (PARTITION BY r.kind, f.site, f.key) AS seen_run
              FROM findings f JOIN runs r ON r.id = f.run_id AND r.status = 'finished'
              JOIN run_sites s ON s.run_id = f.run_id AND s.site = f.site) AS ranked
        WHERE newest = 1;
        DROP TABLE findings;
        """,
        // 4 (night): what a 304 replays is kept once per page and replaced by each fetch
        // (page_memory), no longer a copy per run in `pages`: an unchanged night reads one
        // digest per page and the store stops growing by a digest per page per night.
        // The newest digest of each page a finished run completed moves over; the per-run
        // copies are dropped.
        """
        CREATE TABLE page_memory(
            site TEXT NOT NULL,
            url TEXT NOT NULL,
            run_id INTEGER NOT NULL,
            status INTEGER,
            etag TEXT,
            last_modified TEXT,
            content_hash TEXT,
            digest TEXT,
            page_findings TEXT,
            PRIMARY KEY (site, url)
        );
        INSERT OR REPLACE INTO page_memory(site, url, run_id, status, etag, last_modified, content_hash, digest, page_findings)
            SELECT p.site, p.url, p.run_id, p.status, p.etag, p.last_modified, p.content_hash, p.digest, p.page_findings
            FROM pages p JOIN runs r ON r.id = p.run_id AND r.status = 'finished'
            JOIN run_sites s ON s.run_id = p.run_id AND s.site = p.site
            WHERE p.digest IS NOT NULL ORDER BY p.run_id;
        UPDATE pages SET digest = NULL, page_findings = NULL WHERE digest IS NOT NULL OR page_findings IS NOT NULL;
        """,
        // 5 (loop): the outbox learns review holds (mail.review), whose notice a message is (label,
        // day, a hash of what it says: a same-day rerun sends only what changed) and keeps a
        // hash of a body dropped by `prune` after delivery.
        """
        ALTER TABLE outbox ADD COLUMN held INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE outbox ADD COLUMN label TEXT;
        ALTER TABLE outbox ADD COLUMN content_hash TEXT;
        ALTER TABLE outbox ADD COLUMN day TEXT;
        ALTER TABLE outbox ADD COLUMN body_hash TEXT;
        CREATE INDEX outbox_label ON outbox(label, day);
        """,
        // 6 (columns): digests written before the snapshot read its digest on every fetch kept
        // only the first 300 characters of text, so a 304 replay lost a validity statement
        // further down (validity-label on every repeat run, never on a first one). Without a
        // digest a row does not count: the next run fetches each page in full once.
        """
        UPDATE page_memory SET digest = NULL WHERE digest IS NOT NULL;
        """,
        // 7 (store): a run's page rows are kept once per unchanged state, not once per run
        // (see PageVersions.swift): `page_versions` holds one row per state of a page with the
        // first and the last run that recorded it, and an unchanged night moves `last_run`
        // forward in place. `prune` marks the runs whose pages it dropped
        // (run_sites.pages_dropped). Every existing per-run row moves over as a one-run span.
        // `finding_texts` keeps what an open finding said before a run saw it say something
        // else (a date in its message, a count): finding_history holds the newest copy, and
        // the report of an older run reads the copy it had, not the newest.
        """
        CREATE TABLE page_versions(
            site TEXT NOT NULL,
            url TEXT NOT NULL,
            first_run INTEGER NOT NULL,
            last_run INTEGER NOT NULL,
            status INTEGER,
            repeat_status INTEGER,
            content_hash TEXT,
            etag TEXT,
            last_modified TEXT,
            fetched_at TEXT NOT NULL,
            title TEXT,
            column_name TEXT,
            PRIMARY KEY (site, url, first_run)
        ) WITHOUT ROWID;
        INSERT OR REPLACE INTO page_versions(site, url, first_run, last_run, status, content_hash, etag, last_modified,
            fetched_at, title, column_name)
            SELECT site, url, run_id, run_id, status, content_hash, etag, last_modified, fetched_at, title, column_name
            FROM pages;
        DROP TABLE pages;
        ALTER TABLE run_sites ADD COLUMN pages_dropped INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE finding_texts(
            history_id INTEGER NOT NULL,
            before_run INTEGER NOT NULL,
            json TEXT NOT NULL,
            occurrences INTEGER NOT NULL,
            PRIMARY KEY (history_id, before_run)
        ) WITHOUT ROWID;
        """,
        // 8 (index): each finished run's per-site standing, open and overdue items, kept with
        // the basis they were computed under (RunTallies.swift), so the report index and the
        // trend read one row per site instead of decoding every finding of 90 past runs.
        """
        CREATE TABLE run_site_tally(
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            site TEXT NOT NULL,
            basis TEXT NOT NULL,
            standing TEXT NOT NULL,
            open INTEGER NOT NULL,
            overdue INTEGER NOT NULL,
            PRIMARY KEY (run_id, site)
        ) WITHOUT ROWID;
        """,
    ]

    static var version: Int { migrations.count }
}
