import Foundation

/// A process as the kernel knows it: pid plus its start time, so a pid reused by an
/// unrelated process after a crash is not mistaken for the run that died.
struct ProcessIdentity: Hashable {
    var pid: Int32
    /// Clock ticks since boot when the process started (/proc/<pid>/stat field 22); 0 where
    /// /proc is missing.
    var start: Int64

    static var current: ProcessIdentity { of(pid: getpid()) ?? ProcessIdentity(pid: getpid(), start: 0) }

    static func of(pid: Int32) -> ProcessIdentity? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else {
            // No /proc (macOS): liveness by signal 0 only.
            return kill(pid, 0) == 0 || errno == EPERM ? ProcessIdentity(pid: pid, start: 0) : nil
        }
        // The command name (field 2) may hold spaces and parentheses: count after the last ')'.
        guard let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // fields[0] is field 3 (state); a zombie has died already.
        guard fields.count > 19, fields[0] != "Z", let start = Int64(fields[19]) else { return nil }
        return ProcessIdentity(pid: pid, start: start)
    }

    var isAlive: Bool {
        guard let now = ProcessIdentity.of(pid: pid) else { return false }
        return start == 0 || now.start == 0 || now.start == start
    }
}
