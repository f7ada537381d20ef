import Foundation

/// The log a person reads in the journal: one line per event, each naming the run, e.g.
/// `govlint: run 12: qinghe: 18 pages, 23 findings (6 new, 17 open, 2 fixed), 不合格`.
/// Lines go to stderr (journald captures it under systemd); control characters from any
/// text are replaced so one event stays one line.
package final class RunLog: Sendable {
    private let label: String
    private let quiet: Bool
    private let progress: ProgressLine?

    package init(label: String, quiet: Bool, progress: ProgressLine? = nil) {
        self.label = label; self.quiet = quiet; self.progress = progress
    }

    /// Progress-style events (a site done, a mail sent): hidden with --quiet.
    package func event(_ message: String) {
        guard !quiet else { return }
        write(message)
    }

    /// Problems the operator must see even with --quiet.
    package func problem(_ message: String) { write(message) }

    private func write(_ message: String) {
        progress?.clear()
        let line = "govlint: \(label): " + TerminalText.sanitize(message) + "\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
