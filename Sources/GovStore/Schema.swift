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
        // The outbox learns review holds, whose notice a message is (label, day, a hash of the
        // notice: a same-day rerun sends only what changed) and keeps a hash of a pruned body.
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
        ALTER TABLE outbox ADD COLUMN held INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE outbox ADD COLUMN label TEXT;
        ALTER TABLE outbox ADD COLUMN content_hash TEXT;
        ALTER TABLE outbox ADD COLUMN day TEXT;
        ALTER TABLE outbox ADD COLUMN body_hash TEXT;
        CREATE INDEX outbox_label ON outbox(label, day);
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
    ]

    static var version: Int { migrations.count }
}
