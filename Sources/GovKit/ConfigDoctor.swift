import Foundation
import GovConfig
import GovCore
import GovMail

/// What would break the night, found before it (`govlint config check`): a store, reports
/// folder or ignore file the service user cannot write, a password file it cannot read, a
/// mail server that does not answer, a site whose host does not resolve. Every problem is
/// one line `file:line:col: reason`; the command exits 2 when there is any.
public struct ConfigDoctor: Sendable {
    public let config: Config
    /// Who runs the night (`--user`, else whoever runs the check).
    public let user: UnixUser

    public init(config: Config, user: UnixUser) { self.config = config; self.user = user }

    /// Store, reports and ignore paths: writable, or creatable, by `user`.
    public func pathProblems() -> [String] {
        let paths = config.paths
        let checks: [(key: String, path: String, folder: Bool)] = [
            ("paths.store", paths.store, false), ("paths.reports", paths.reports, true),
            ("paths.ignore", paths.ignore, false),
        ]
        var problems: [String] = []
        for check in checks {
            if let reason = user.cannotWrite(check.path, folder: check.folder) {
                problems.append("\(config.location(of: check.key)): \(check.key): \(reason)")
            }
        }
        return problems
    }

    /// The password source readable; with `connect`, the server answers EHLO (and accepts
    /// the login when one is configured).
    public func mailProblems(connect: Bool) -> [String] {
        guard let mail = config.mail else { return [] }
        let password: SMTPSettings.PasswordSource? =
            switch mail.password {
            case .file(let path)?: .file(path)
            case .environment(let name)?: .environment(name)
            case nil: nil
            }
        let at = config.location(of: "mail.smtp_url")
        let transport: SMTPTransport
        do {
            transport = try SMTPTransport(
                settings: SMTPSettings(
                    url: mail.smtpURL, username: mail.username, password: password,
                    connectTimeoutSeconds: 10, timeoutSeconds: 20))
        } catch {
            return ["\(at): \(error)"]
        }
        guard connect else { return [] }
        do {
            try transport.probe()
            return []
        } catch {
            return ["\(at): mail.smtp_url: \(error)"]
        }
    }

    /// Every site's and feed's host resolves (through the proxy's host when one is set:
    /// the proxy resolves the rest).
    public func resolutionProblems(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        var targets: [(place: String, url: String)] = []
        if let proxy = config.crawl.proxy ?? environment["https_proxy"] ?? environment["HTTPS_PROXY"]
            ?? environment["http_proxy"]
        {
            targets.append((config.crawl.proxy == nil ? "the https_proxy environment" : "crawl.proxy", proxy))
        } else {
            for (index, site) in config.sites.enumerated() where !site.closed {
                targets.append(("sites[\(index)].url", site.url))
            }
            for (index, feed) in config.feeds.enumerated() where !feed.closed {
                if case .url(let url) = feed.source { targets.append(("feeds[\(index)].url", url)) }
            }
        }
        let urls = targets.map(\.url)
        let results = ResolutionResults(count: urls.count)
        DispatchQueue.concurrentPerform(iterations: urls.count) { index in
            results.set(index, HostResolution.failure(of: urls[index]))
        }
        return targets.indices.compactMap { index in
            results.value(index).map { reason in
                let place = targets[index].place
                let at = place.hasPrefix("the ") ? config.file : config.location(of: place)
                return "\(at): \(place): \(reason)"
            }
        }
    }

    /// The calendar of this config (shipped table plus `rules.extra_holidays`) checked
    /// against the deadlines a run today would set.
    public func calendarWarnings(today: Day) throws(Failure) -> [String] {
        calendarWarnings(today: today, calendar: try SettingsMapping.calendar(config.rules))
    }

    /// Deadlines counted past the calendar's last covered day are only estimates; say so
    /// before the night (and from November, that next year's schedule is due).
    func calendarWarnings(today: Day, calendar: WorkingCalendar) -> [String] {
        let rules = config.rules
        let longest = max(rules.rectifyWorkingDays, rules.replyWorkingDays, rules.interpretationWorkingDays)
        let latest = calendar.adding(workingDays: longest, to: today)
        let end = calendar.lastCoveredDay
        let next = end.year + 1
        let fix =
            "add \(next)'s State Council holiday schedule (rules.extra_holidays, or data/holidays and a new package; deploy/README.md)"
        if !calendar.covers(latest) {
            return [
                "\(config.file): warning: the working-day calendar ends \(end): deadlines after it are counted Monday to Friday (暂按周一至周五计算) until you \(fix)"
            ]
        }
        if today.year == end.year && today.month >= 11 {
            return [
                "\(config.file): warning: the working-day calendar ends \(end); \(fix) before deadlines reach \(next)"
            ]
        }
        return []
    }
}

/// Results written by concurrent lookups, read after them.
private final class ResolutionResults: @unchecked Sendable {
    private var values: [String?]
    private let lock = NSLock()
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: String?) { lock.lock(); values[index] = value; lock.unlock() }
    func value(_ index: Int) -> String? { lock.lock(); defer { lock.unlock() }; return values[index] }
}

enum HostResolution {
    /// nil when the URL's host resolves (getaddrinfo, as libcurl will), else why not.
    static func failure(of url: String) -> String? {
        guard let host = WebURL(url)?.hostKey else {
            return "\(url): no host in the URL"
        }
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &result)
        if let result { freeaddrinfo(result) }
        guard status != 0 else { return nil }
        return "host \(host) does not resolve (\(String(cString: gai_strerror(status))))"
    }
}

/// A local user as the kernel sees it for permission checks: uid, primary and
/// supplementary groups.
public struct UnixUser: Sendable {
    public let name: String
    public let uid: uid_t
    public let groups: Set<gid_t>

    public static func current() -> UnixUser {
        let uid = geteuid()
        var groups = Set([getegid()])
        let count = getgroups(0, nil)
        if count > 0 {
            var list = [gid_t](repeating: 0, count: Int(count))
            let got = getgroups(count, &list)
            if got > 0 { groups.formUnion(list.prefix(Int(got))) }
        }
        let name = getpwuid(uid).map { String(cString: $0.pointee.pw_name) } ?? "uid \(uid)"
        return UnixUser(name: name, uid: uid, groups: groups)
    }

    /// The named user with its groups (`config check --user govlint` run by root).
    public static func named(_ name: String) -> UnixUser? {
        guard let entry = getpwnam(name) else { return nil }
        let uid = entry.pointee.pw_uid, gid = entry.pointee.pw_gid
        var count: Int32 = 64
        var list = [gid_t](repeating: 0, count: Int(count))
        if getgrouplist(name, gid, &list, &count) < 0 {
            list = [gid_t](repeating: 0, count: Int(count))
            _ = getgrouplist(name, gid, &list, &count)
        }
        return UnixUser(name: name, uid: uid, groups: Set(list.prefix(Int(max(count, 0)))).union([gid]))
    }

    /// Why this user could not write `path` (a file, or a folder when `folder`) — create it
    /// where it does not exist yet — or nil when it can. Reads the mode bits of every
    /// folder on the way, as the kernel does (ACLs aside).
    public func cannotWrite(_ path: String, folder: Bool) -> String? {
        let target = URL(fileURLWithPath: path).standardizedFileURL
        var chain: [URL] = []
        var walk = target
        while true {
            chain.insert(walk, at: 0)
            let parent = walk.deletingLastPathComponent()
            if parent.path == walk.path { break }
            walk = parent
        }
        var existing: URL?
        var info = stat()
        for url in chain {
            guard stat(url.path, &info) == 0 else { break }
            if url != target {
                guard (info.st_mode & S_IFMT) == S_IFDIR else { return "\(url.path) is a file, not a folder" }
                guard allows(info, X_OK) else { return "\(name) cannot enter \(url.path) (\(Self.describe(info)))" }
            }
            existing = url
        }
        guard let existing else { return "\(path): no such folder" }
        if readOnlyFileSystem(existing.path) { return "\(existing.path) is on a read-only file system" }
        _ = stat(existing.path, &info)
        let isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
        if existing == target {
            if folder {
                guard isDirectory else { return "\(path) is a file, not a folder" }
                guard allows(info, W_OK | X_OK) else {
                    return "\(path) is not writable by \(name) (\(Self.describe(info)))"
                }
                return nil
            }
            if isDirectory { return "\(path) is a folder, not a file" }
            guard allows(info, W_OK) else { return "\(path) is not writable by \(name) (\(Self.describe(info)))" }
            // SQLite's -wal/-shm and the run lock are created beside the store.
            let parent = target.deletingLastPathComponent()
            var parentInfo = stat()
            if stat(parent.path, &parentInfo) == 0, !allows(parentInfo, W_OK | X_OK) {
                return
                    "\(parent.path) is not writable by \(name) (\(Self.describe(parentInfo))): files beside \(target.lastPathComponent) cannot be created"
            }
            return nil
        }
        guard isDirectory else { return "\(existing.path) is a file, not a folder" }
        guard allows(info, W_OK | X_OK) else {
            return
                "\(path) does not exist and \(name) cannot create it: \(existing.path) is not writable (\(Self.describe(info)))"
        }
        return nil
    }

    private func allows(_ info: stat, _ wanted: Int32) -> Bool {
        if uid == 0 { return true }
        let mode = UInt32(info.st_mode)
        let shift: UInt32 = info.st_uid == uid ? 6 : groups.contains(info.st_gid) ? 3 : 0
        let bits = (mode >> shift) & 7
        return bits & UInt32(wanted) == UInt32(wanted)
    }

    private func readOnlyFileSystem(_ path: String) -> Bool {
        var fs = statvfs()
        return statvfs(path, &fs) == 0 && (fs.f_flag & UInt(ST_RDONLY)) != 0
    }

    private static func describe(_ info: stat) -> String {
        let owner = getpwuid(info.st_uid).map { String(cString: $0.pointee.pw_name) } ?? String(info.st_uid)
        let group = getgrgid(info.st_gid).map { String(cString: $0.pointee.gr_name) } ?? String(info.st_gid)
        return "\(owner):\(group) " + String(UInt32(info.st_mode) & 0o7777, radix: 8)
    }
}
