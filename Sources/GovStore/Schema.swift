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
        // 3 (night): what a 304 replays is kept once per page and replaced by each fetch
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
    ]

    static var version: Int { migrations.count }
}
