import Foundation
import GovCore
import Testing
@testable import GovStore

/// Upgrading the package must never lose an office's history: a store written at EVERY
/// earlier schema version (built here with the sqlite3 shell, step by step, holding a run, a
/// site, a page, a finding, a probe, a feed and an unsent mail) opens with the current code,
/// is migrated in place, keeps every row, and takes a new run.
@Suite struct StoreMigrationTests {
    /// Every version a shipped package may have left, the current one included.
    static let versions = Array(1...Schema.version)

    /// Rows every schema version can hold (they use only the columns of step 1).
    static func firstSchemaRows(findingJSON: String) -> String {
        """
        INSERT INTO runs(kind, status, started_at, finished_at, day, sites) VALUES ('run', 'finished', '2026-11-27T02:30:00Z', '2026-11-27T03:00:00Z', '2026-11-27', '["county-a"]');
        INSERT INTO sites(id, name, kind) VALUES ('county-a', '某县人民政府', 'website');
        INSERT INTO run_sites(run_id, site, finished_at) VALUES (1, 'county-a', '2026-11-27T03:00:00Z');
        INSERT INTO pages(run_id, site, url, status, etag, fetched_at, title) VALUES (1, 'county-a', 'https://www.a.example.gov.cn/1.html', 200, '"v1"', '2026-11-27T02:31:00Z', '通知');
        INSERT INTO findings(run_id, key, site, rule, severity, url, status, first_seen, last_seen, json) VALUES (1, 'k1', 'county-a', 'typo', 'major', 'https://www.a.example.gov.cn/1.html', 'new', '2026-11-27', '2026-11-27', '\(findingJSON.replacingOccurrences(of: "'", with: "''"))');
        INSERT INTO probes(site, at, ok, seconds, http_status) VALUES ('county-a', '2026-11-27T02:00:00Z', 1, 0.4, 200);
        INSERT INTO feed_state(feed, consecutive_failures, last_error) VALUES ('county-a-fabu', 2, 'timeout');
        INSERT INTO outbox(run_id, recipients, subject, message, created_at) VALUES (1, '["web@a.example.gov.cn"]', '整改通知', X'46726f6d3a2061', '2026-11-27T03:01:00Z');
        """
    }

    /// A store file at schema `version`: steps 1…version applied by the sqlite3 shell, the
    /// rows written right after step 1 (so later steps run over real data, as in the field).
    static func makeStore(version: Int, in dir: TempStoreDirectory, finding: Finding) throws {
        try FileManager.default.createDirectory(
            atPath: (dir.storePath as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true)
        let json = String(decoding: try JSONEncoder().encode(finding), as: UTF8.self)
        var script =
            "PRAGMA foreign_keys = ON;\nBEGIN;\n" + Schema.migrations[0] + "\n" + firstSchemaRows(findingJSON: json)
            + "\n"
        for step in Schema.migrations[1..<version] { script += step + "\n" }
        script += "PRAGMA user_version = \(version);\nCOMMIT;\n"
        // -bail: a step that fails leaves user_version unset, which the check below catches.
        try shell("/usr/bin/sqlite3", ["-bail", dir.storePath], input: script)
        let written = try shell("/usr/bin/sqlite3", [dir.storePath, "PRAGMA user_version"])
        #expect(written.trimmingCharacters(in: .whitespacesAndNewlines) == String(version))
    }

    @Test(
        .enabled(
            if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3"), "the sqlite3 shell is not installed"),
        arguments: versions)
    func aStoreOfEveryEarlierSchemaOpensAndKeepsItsRows(version: Int) throws {
        let dir = TempStoreDirectory()
        let typo = finding("布署")
        try Self.makeStore(version: version, in: dir, finding: typo)

        let store = try Store(path: dir.storePath)
        #expect(try store.currentSchemaVersion() == Store.schemaVersion, "migrated from \(version)")
        #expect(try store.integrityCheck() == "ok")
        let dangling = try shell("/usr/bin/sqlite3", [dir.storePath, "PRAGMA foreign_key_check"])
        #expect(dangling.isEmpty, "rows pointing nowhere after the migration: \(dangling)")

        #expect(try store.run(id: 1)?.status == .finished)
        #expect(try store.sites().map(\.id) == ["county-a"])
        #expect(try store.latestValidators(site: "county-a")["https://www.a.example.gov.cn/1.html"]?.etag == "\"v1\"")
        let stored = try store.findings(run: 1)
        #expect(stored.map(\.match) == ["布署"] && stored.first?.rule == .typo)
        #expect(try store.probeStats(site: "county-a", since: Date(timeIntervalSince1970: 0)).total == 1)
        #expect(try store.feedRecord(feed: "county-a-fabu")?.consecutiveFailures == 2)
        #expect(try store.pending().map(\.subject) == ["整改通知"], "an unsent mail survives the upgrade")

        // The migrated store takes the next night.
        let next = try store.beginRun(kind: .run, sites: ["county-a"], day: day2)
        try store.finishRun(id: next)
        #expect(try store.latestRun()?.id == next)
    }

    /// Regression: a digest of the old, 300-character kind replayed after a 304 gave findings
    /// a fresh fetch did not. Step 6 drops the digests, so the next run fetches every page in
    /// full once (no validators are sent for a row without a digest).
    @Test(
        .enabled(
            if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3"), "the sqlite3 shell is not installed"))
    func digestsOfTheOldKindAreDroppedSoEveryPageIsFetchedAgain() throws {
        let dir = TempStoreDirectory()
        try Self.makeStore(version: 5, in: dir, finding: finding("布署"))
        _ = try shell(
            "/usr/bin/sqlite3", ["-bail", dir.storePath],
            input: """
                INSERT INTO page_memory(site, url, run_id, status, etag, digest) VALUES ('county-a', 'https://www.a.example.gov.cn/1.html', 1, 200, '"v1"', '{}');
                """)
        let before = try shell(
            "/usr/bin/sqlite3", [dir.storePath, "SELECT count(*) FROM page_memory WHERE digest IS NOT NULL"])
        #expect(before.trimmingCharacters(in: .whitespacesAndNewlines) == "1")
        let store = try Store(path: dir.storePath)
        #expect(try store.currentSchemaVersion() >= 6)
        #expect(
            try store.pageValidators(site: "county-a").isEmpty, "no conditional request: the page is fetched in full")
    }
}
