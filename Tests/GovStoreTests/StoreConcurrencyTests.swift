import Foundation
import GovCore
import Testing
@testable import GovStore

/// Locks, concurrent use and kill -9, against real files and real processes.
@Suite struct StoreConcurrencyTests {
    @Test func secondRunLockIsRefusedUntilReleased() throws {
        let dir = TempStoreDirectory()
        // Two opens: flock belongs to an open file description, as with two processes.
        let first = try Store(path: dir.storePath)
        let second = try Store(path: dir.storePath)
        try first.acquireRunLock()
        do {
            try second.acquireRunLock()
            Issue.record("a second run lock was granted")
        } catch {
            guard case .locked(let lockPath, let holder) = error else { Issue.record("\(error)"); return }
            #expect(lockPath == dir.storePath + ".lock")
            #expect(holder.hasPrefix("pid \(getpid()), started "))
            #expect(error.description.hasPrefix("another govlint run is in progress (pid \(getpid())"))
        }
        first.releaseRunLock()
        try second.acquireRunLock()
        second.releaseRunLock()
    }

    @Test func aKilledLockHolderLeavesNoStaleLock() throws {
        let dir = TempStoreDirectory()
        let store = try Store(path: dir.storePath)
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        // -o: the command (sleep) does not inherit the lock; flock itself holds it.
        holder.arguments = ["-o", store.lockPath, "sleep", "2"]
        try holder.run()
        // Wait until the child holds the lock.
        var refused = false
        for _ in 0..<100 {
            do { try store.acquireRunLock(); store.releaseRunLock(); Thread.sleep(forTimeInterval: 0.02) } catch {
                refused = true
                break
            }
        }
        #expect(refused, "the child process's lock was seen")
        let killedAt = Date()
        kill(holder.processIdentifier, SIGKILL)
        // The kernel drops the lock as the process dies, long before its 2 s sleep ends.
        var acquired = false
        while !acquired && Date().timeIntervalSince(killedAt) < 1 {
            do { try store.acquireRunLock(); acquired = true } catch { Thread.sleep(forTimeInterval: 0.01) }
        }
        #expect(acquired, "no stale lock after kill -9")
        store.releaseRunLock()
        holder.waitUntilExit()
    }

    @Test func aWriterThreadAndAReaderDoNotCollide() throws {
        let dir = TempStoreDirectory()
        let writer = try Store(path: dir.storePath)
        let reader = try Store(path: dir.storePath)
        let since = Date(timeIntervalSince1970: 0)
        let count = 300
        let done = DispatchSemaphore(value: 0)
        let failures = FailureBox()
        Thread.detachNewThread {
            for index in 0..<count {
                do {
                    try writer.recordProbe(ProbeResult(site: "county-a", at: Date(), ok: index % 10 != 0, seconds: 0.1))
                } catch { failures.add("\(error)") }
            }
            done.signal()
        }
        var lastSeen = 0
        var monotonic = true
        while done.wait(timeout: .now()) == .timedOut {
            let total = try reader.probeStats(site: "county-a", since: since).total
            if total < lastSeen { monotonic = false }
            lastSeen = total
        }
        #expect(failures.all.isEmpty, "\(failures.all)")
        #expect(monotonic)
        #expect(try reader.probeStats(site: "county-a", since: since) == ProbeStats(total: count, failed: count / 10))
        // One Store shared by threads is serialised by its lock.
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for index in 0..<25 {
                do {
                    try writer.addFindings(
                        [finding("词\(worker)-\(index)")], run: try writer.beginRun(kind: .scan, sites: [], day: day1))
                } catch { failures.add("\(error)") }
            }
        }
        #expect(failures.all.isEmpty, "\(failures.all)")
        #expect(try reader.runs(kind: .scan, limit: 1000).count == 100)
    }

    /// A process killed in the middle of a long write transaction (cache spilled into the
    /// WAL), with a committed "running" run row and one committed partial finding: the next
    /// open sees a sound file without the uncommitted rows, marks the run failed, and the
    /// life cycle skips it.
    @Test func killNineMidTransactionLeavesTheStoreConsistent() throws {
        let dir = TempStoreDirectory()
        let store = try Store(path: dir.storePath)
        let a = finding("布署")
        let run1 = try store.beginRun(kind: .run, sites: ["county-a"], day: day1)
        try store.addFindings([a], run: run1)
        try store.finishRun(id: run1, site: "county-a")
        try store.finishRun(id: run1)

        let marker = dir.url.appendingPathComponent("in-transaction").path
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        child.arguments = [dir.storePath]
        let input = Pipe()
        child.standardInput = input
        child.standardOutput = FileHandle.nullDevice
        try child.run()
        let identity = try #require(ProcessIdentity.of(pid: child.processIdentifier))
        let script = """
            PRAGMA busy_timeout = 5000;
            PRAGMA cache_size = 10;
            INSERT INTO runs(kind, status, started_at, day, sites, pid, pid_start)
                VALUES ('run', 'running', '2026-11-28T18:30:00Z', '2026-11-28', '["county-a"]', \(identity.pid), \(identity.start));
            INSERT INTO run_findings(run_id, key, site, rule, severity, url, json)
                VALUES ((SELECT max(id) FROM runs), 'partial', 'county-a', 'typo', 'major', 'https://a/p', '{}');
            BEGIN IMMEDIATE;
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
                INSERT INTO run_findings(run_id, key, site, rule, severity, url, json)
                SELECT (SELECT max(id) FROM runs), 'k' || i, 'county-a', 'typo', 'major', 'https://a/' || i, printf('%.200c', 'x') FROM n;
            .shell touch \(marker)

            """
        input.fileHandleForWriting.write(Data(script.utf8))
        // stdin stays open: the shell waits for more input with the transaction open.
        var waited = 0
        while !FileManager.default.fileExists(atPath: marker) && waited < 1000 {
            Thread.sleep(forTimeInterval: 0.01); waited += 1
        }
        #expect(FileManager.default.fileExists(atPath: marker), "the child reached the middle of its transaction")
        let walSize = (try? FileManager.default.attributesOfItem(atPath: dir.storePath + "-wal")[.size] as? Int) ?? 0
        #expect(walSize > 100_000, "uncommitted pages were spilled into the WAL")
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        #expect(child.terminationReason == .uncaughtSignal)

        let next = try Store(path: dir.storePath)
        #expect(try next.integrityCheck() == "ok")
        let abandoned = try next.recoverAbandonedRuns()
        #expect(abandoned.count == 1)
        let dead = try #require(abandoned.first)
        #expect(try next.run(id: dead)?.status == .failed)
        #expect(try next.run(id: dead)?.note?.hasPrefix("abandoned: process \(identity.pid)") == true)
        let keys = try shell(
            "/usr/bin/sqlite3", [dir.storePath, "SELECT key FROM run_findings WHERE run_id = \(dead)"])
        #expect(keys == "", "the dead run's staged findings are dropped with it (the uncommitted rows never existed)")

        let run3 = try next.beginRun(kind: .run, sites: ["county-a"], day: day3)
        #expect(try next.recoverAbandonedRuns().isEmpty, "a live run (this process) is not abandoned")
        try next.addFindings([a], run: run3)
        #expect(
            try next.finishRun(id: run3, site: "county-a")
                == LifeCycleCounts(new: 0, open: 1, fixed: 0, previousRun: run1))
    }
}

final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ item: String) { lock.lock(); items.append(item); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return items }
}
