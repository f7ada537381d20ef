import Foundation
import GovCrawl

/// The progress line on a terminal (sites, pages fetched, queue, errors, pages/s); silent
/// with --quiet or when not on a terminal, so journald gets no carriage returns.
package final class ProgressLine: @unchecked Sendable {
    private let enabled: Bool
    private let label: String
    private let lock = NSLock()
    private var lastDraw = 0.0

    package init(enabled: Bool, label: String) { self.enabled = enabled; self.label = label }

    package func update(_ p: CrawlProgress) {
        guard enabled else { return }
        let now = Date().timeIntervalSinceReferenceDate
        lock.withLock {
            guard now - lastDraw > 0.2 else { return }
            lastDraw = now
            let sites = p.jobs > 1 ? "\(p.jobsDone)/\(p.jobs) sites, " : ""
            let line = String(
                format: "\r\u{1B}[K%@: %@%d pages, %d links checked, %d queued, %d errors, %.1f pages/s",
                label, sites, p.pagesFetched, p.linksChecked, p.queued, p.errors, p.pagesPerSecond)
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    package func clear() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
