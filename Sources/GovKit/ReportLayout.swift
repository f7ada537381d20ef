import Foundation
import GovCore
import GovStore

/// Where each run's files live under `paths.reports` — decided here only. Every nightly
/// run keeps its own folder `runs/<run-id>/` (a same-day rerun no longer overwrites the
/// first), `<date>` is a relative symlink to the newest finished run of that day (what the
/// office opens, and what older links and scripts name), and an ad-hoc `scan` gets
/// `scans/<date>-<run-id>-<site>/` (or `scans/<date>-<hhmmss>-<site>/` without a store), so
/// it never touches a nightly folder.
package struct ReportLayout: Sendable {
    package let root: String

    package init(root: String) { self.root = root }

    /// The folder of a stored run: its summary (nightly) or its one site's files (scan).
    package func folder(for run: RunRecord) -> String {
        switch run.kind {
        case .run, .probe: return runFolder(id: run.id)
        case .scan: return scanFolder(day: run.day, tag: String(run.id), site: run.sites.first ?? "site")
        }
    }

    /// `runs/<run-id>`: a nightly run's folder.
    package func runFolder(id: Int64) -> String { "\(root)/runs/\(id)" }

    /// The evidence copy of a page as the run that fetched it wrote it; for a run written
    /// before per-run folders, the copy in the old `<date>/<site>/evidence/` folder.
    package func evidenceCopy(run: RunRecord, site: String, name: String) -> String {
        let path = "\(siteFolder(for: run, site: site))/evidence/\(name)"
        let legacy = "\(root)/\(run.day)/\(site)/evidence/\(name)"
        if !FileManager.default.fileExists(atPath: path), FileManager.default.fileExists(atPath: legacy) {
            return legacy
        }
        return path
    }

    /// Removes the `evidence/` folders of these runs (and of their pre-per-run-folder
    /// `<date>/<site>/` copies); returns how many were there.
    package func removeEvidence(of runs: [RunRecord]) throws(Failure) -> Int {
        var removed = 0
        for run in runs {
            for site in run.sites {
                for folder in ["\(siteFolder(for: run, site: site))/evidence", "\(root)/\(run.day)/\(site)/evidence"] {
                    var isDirectory: ObjCBool = false
                    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory),
                        isDirectory.boolValue
                    else { continue }
                    do {
                        try FileManager.default.removeItem(atPath: folder)
                    } catch {
                        throw Failure.operation("cannot remove \(folder): \(ReportFolder.systemReason(error))")
                    }
                    removed += 1
                }
            }
        }
        return removed
    }

    /// A site's notice, ledger and evidence within a stored run.
    package func siteFolder(for run: RunRecord, site: String) -> String {
        run.kind == .scan ? folder(for: run) : "\(folder(for: run))/\(site)"
    }

    /// `scans/<date>-<tag>-<site>`: the tag is the run id, or the time for a scan with no store.
    package func scanFolder(day: Day, tag: String, site: String) -> String {
        "\(root)/scans/\(day)-\(tag)-\(Self.safeName(site))"
    }

    /// A scan with no store (a bare URL, a feed): `scans/<date>-<hhmmss>-<site>` by the wall
    /// clock (China Standard Time), with `-2`, `-3` … when that folder is already there.
    package func unrecordedScanFolder(day: Day, site: String, at moment: Date = Date()) -> String {
        let tag = ChinaTime.hourMinuteSecond(moment)
        var folder = scanFolder(day: day, tag: tag, site: site)
        var n = 2
        while FileManager.default.fileExists(atPath: folder) {
            folder = scanFolder(day: day, tag: "\(tag)-\(n)", site: site)
            n += 1
        }
        return folder
    }

    /// `<date>`: the link to the day's newest finished run.
    package func dayLink(_ day: Day) -> String { "\(root)/\(day)" }

    /// Points `<date>` at the run's folder (a relative symlink, replaced atomically). A real
    /// folder there (written before per-run folders) is moved to `runs/<date>-earlier` first.
    package func pointDay(_ day: Day, at run: RunRecord) throws(Failure) {
        let link = dayLink(day)
        let target = "runs/\(run.id)"
        let files = FileManager.default
        if let existing = try? files.destinationOfSymbolicLink(atPath: link), existing == target { return }
        do {
            var isFolder: ObjCBool = false
            let linkExists = (try? files.destinationOfSymbolicLink(atPath: link)) != nil
            if !linkExists, files.fileExists(atPath: link, isDirectory: &isFolder), isFolder.boolValue {
                var aside = "\(root)/runs/\(day)-earlier"
                var n = 2
                while files.fileExists(atPath: aside) { aside = "\(root)/runs/\(day)-earlier-\(n)"; n += 1 }
                try files.createDirectory(atPath: "\(root)/runs", withIntermediateDirectories: true)
                try files.moveItem(atPath: link, toPath: aside)
            }
            let temporary = "\(root)/.\(day).link-\(getpid())"
            try? files.removeItem(atPath: temporary)
            try files.createSymbolicLink(atPath: temporary, withDestinationPath: target)
            guard rename(temporary, link) == 0 else {
                let reason = String(cString: strerror(errno))
                try? files.removeItem(atPath: temporary)
                throw Failure.operation("cannot point \(link) at \(target): \(reason)")
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure.operation("cannot point \(link) at \(target): \(ReportFolder.systemReason(error))")
        }
    }

    /// A site id as one path component (ids come from config.yaml or a URL's host).
    static func safeName(_ id: String) -> String {
        let cleaned = String(
            id.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "_" }.prefix(80))
        return cleaned.isEmpty || cleaned.allSatisfy({ $0 == "." }) ? "site" : cleaned
    }
}
