import Foundation
import GovCore
import GovReport

/// Writes report files; a full disk or an unwritable folder is the operator's (exit 3).
package enum ReportFolder {
    package static func write(_ data: Data, to path: String) throws(Failure) {
        do {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true)
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw Failure.operation("cannot write \(path): \(systemReason(error))")
        }
    }

    /// "Not a directory", "No space left on device": the POSIX reason under Foundation's
    /// generic "The operation could not be completed".
    package static func systemReason(_ error: any Error) -> String {
        let nsError = error as NSError
        // On Linux the underlying error is stored as a Swift Error, not an NSError.
        let underlying = (nsError.userInfo[NSUnderlyingErrorKey] as? any Error).map { $0 as NSError }
        for candidate in [underlying, nsError].compactMap({ $0 }) where candidate.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(candidate.code)))
        }
        return nsError.localizedDescription
    }

    package static func writeScan(_ result: SiteScanResult, to folder: String, checkedAt: String) throws(Failure) {
        let site = SiteInfo(
            id: result.target.id, name: result.target.name, owner: result.target.owner, url: result.target.url)
        let input = ScanInput(
            site: site, checkedAt: checkedAt,
            scope: CheckScope(pagesChecked: result.crawl.pagesFetched, columnsChecked: result.snapshot.columns.count),
            findings: result.findings, verdict: result.verdict)
        let jsonl = (try? Ledger.jsonl(result.findings)) ?? ""
        try write(Data(jsonl.utf8), to: "\(folder)/findings.jsonl")
        try write(Data(ScanReportRenderer.html(input).utf8), to: "\(folder)/report.html")
        try write(Data(ScanReportRenderer.markdown(input).utf8), to: "\(folder)/report.md")
    }
}
