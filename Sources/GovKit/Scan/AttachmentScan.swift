import Dispatch
import Foundation
import GovAttach
import GovConfig
import GovCore
import GovCrawl
import GovRules

/// Converter problems said once per run, not once per attachment: a machine without
/// pdftotext would otherwise log one line for every PDF of every site.
package final class AttachmentLog: @unchecked Sendable {
    private let lock = NSLock()
    private var said: Set<String> = []
    private let write: @Sendable (String) -> Void

    package init(write: @escaping @Sendable (String) -> Void) { self.write = write }

    func once(_ key: String, _ message: String) {
        guard lock.withLock({ said.insert(key).inserted }) else { return }
        write(message)
    }
}

/// A site's attachments in one scan: the crawl's pages name them (`collect`, first linking
/// page wins), and after the crawl each is fetched once with the crawler's manners (robots,
/// per-host politeness, a conditional request when the last run left validators) under the
/// site's caps, converted unless its bytes are unchanged since the last run (content hash),
/// and checked by every text rule. An attachment that cannot be read is never silently
/// clean: `attachment-unreadable` or a not-checked line says what was not checked.
final class AttachmentScan: @unchecked Sendable {
    struct Link {
        var url: String
        var linkedFrom: String
        var title: String?
        var column: String?
    }

    let settings: Config.Attachments
    let scope: CrawlScope
    let reader: AttachmentReader
    let linter: AttachmentLinter
    let log: AttachmentLog?
    private let lock = NSLock()
    private var links: [Link] = []
    private var seen: Set<String> = []
    private var overCap = 0

    init(settings: Config.Attachments, scope: CrawlScope, linter: PageLinter, log: AttachmentLog?) {
        self.settings = settings; self.scope = scope; self.log = log
        self.linter = AttachmentLinter(linter: linter)
        var limits = AttachmentLimits()
        // A decompressed document may be many times its file; the cap scales with max_mb.
        limits.maxUnzippedBytes = max(limits.maxUnzippedBytes, settings.maxMB << 23)
        reader = AttachmentReader(limits: limits, ocr: settings.ocr ? OCRSettings() : nil)
    }

    /// Records the in-scope attachment links of one page (called from the crawl's handler).
    func collect(_ pageLinks: [GovCore.Link], from page: String, title: String?, column: String?) {
        guard settings.maxCount > 0 else { return }
        // With OCR on, a link to a picture (扫描件.jpg) is an attachment too.
        let types = Set(settings.types + (settings.ocr ? AttachmentFormat.image.extensions : []))
        for link in pageLinks
        where (link.kind == .attachment || (settings.ocr && link.kind == .anchor)) && link.hiddenBy == nil {
            guard let url = URLNormalizer.normalize(link.url, relativeTo: page), scope.contains(url),
                types.contains(AttachmentReader.fileExtension(url))
            else { continue }
            lock.withLock {
                guard seen.insert(url).inserted else { return }
                if links.count < settings.maxCount {
                    links.append(Link(url: url, linkedFrom: page, title: title, column: column))
                } else {
                    overCap += 1
                }
            }
        }
    }

    /// Whether scans are read this run (attachments.ocr on and tesseract there).
    private var readsScans: Bool { settings.ocr && reader.ocrMissing == nil }

    /// Appended to the content hash of a file read with OCR: the same bytes read without OCR
    /// are another reading, so toggling `attachments.ocr` re-reads unchanged files.
    static let ocrMark = "+ocr"

    static func readWithOCR(_ contentHash: String?) -> Bool { contentHash?.hasSuffix(ocrMark) == true }

    /// Fetches, converts and checks the collected attachments. `memory` gives last run's
    /// validators and, by URL, the digest, findings and content hash.
    func run(
        crawler: any Fetcher, memory: SiteMemory, site: String,
        policy: FindingPolicy
    ) -> [ScannedPage] {
        let (links, overCap) = lock.withLock { (self.links, self.overCap) }
        if overCap > 0 {
            log?.once(
                "cap:\(site)",
                "govlint: \(site): \(overCap) attachments beyond attachments.max_count (\(settings.maxCount)) were not read"
            )
        }
        guard !links.isEmpty else { return [] }
        let requests = links.map { link in
            // A copy read with OCR off (or on) is no answer once the setting changed: fetch
            // it whole so its scans are read (or no longer read) this time.
            let sameReading =
                memory.validators[link.url] != nil
                && Self.readWithOCR(memory.lookup(link.url)?.contentHash) == readsScans
            return FetchRequest(
                url: link.url, validators: sameReading ? memory.validators[link.url] : nil,
                maxBodyBytes: settings.maxMB << 20)
        }
        let fetched = (crawler as? Crawler)?.fetch(requests, respectRobots: true) ?? crawler.fetch(requests)
        let results = IndexedSlots<ScannedPage>(count: links.count)
        // Converters are child processes: two at a time keeps a shared machine usable.
        let workers = 2
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for index in stride(from: worker, to: links.count, by: workers) {
                results.set(
                    index,
                    handle(
                        fetched[index].0, fetched[index].1, links[index], memory: memory.lookup(links[index].url),
                        site: site, policy: policy))
            }
        }
        return results.values
    }

    private func handle(
        _ outcome: FetchOutcome, _ body: [UInt8], _ link: Link, memory: PageMemory?, site: String,
        policy: FindingPolicy
    ) -> ScannedPage? {
        let digest = Page(url: link.url)
        if outcome.isNotModified, let memory {
            return ScannedPage(
                outcome: outcome, contentHash: memory.contentHash, title: link.title, column: link.column,
                digest: memory.digest, findings: memory.findings.map(\.carriedOver))
        }
        guard outcome.error == nil, (200..<300).contains(outcome.status) else {
            // Broken attachments are the broken-link rule's (the crawl checked each link); a
            // failure of this second request is still said.
            guard !outcome.isBroken else { return nil }
            return ScannedPage(
                outcome: outcome, contentHash: nil, title: link.title, column: link.column, digest: nil,
                notChecked: "attachment not checked: \(outcome.errorMessage ?? outcome.reason)")
        }
        let hash = ContentHash.hex(body) + (readsScans ? Self.ocrMark : "")
        if let memory, memory.contentHash == hash {
            // Same bytes as last run: same findings, no conversion.
            return ScannedPage(
                outcome: outcome, contentHash: hash, title: link.title, column: link.column,
                digest: memory.digest, findings: memory.findings.map(\.carriedOver))
        }
        var findings: [Finding] = []
        var notChecked: String?
        var evidenceText: Page?
        // The finding says what was not checked; it is not a not-checked page (which would
        // make the whole site 未能检查 for one damaged file).
        func unreadable(_ reason: String) {
            if let finding = AttachmentUnreadableRule().check(
                url: outcome.finalURL, reason: reason, missingConverter: false,
                linkedFrom: link.linkedFrom, title: link.title,
                column: link.column, site: site
            ).flatMap(policy.apply) {
                findings.append(finding)
            }
        }
        /// OCR asked for but its tools absent: said once a run; the picture stays 未能检查.
        func ocrMissing() {
            guard settings.ocr, let tool = reader.ocrMissing else { return }
            log?.once(
                "ocr-tool:\(tool)",
                "govlint: attachments.ocr is on but \(tool) is not installed: scanned pages and images are not read (未能检查（缺少 \(tool)）)"
            )
        }
        switch reader.read(body, name: outcome.finalURL, contentType: outcome.contentType) {
        case .failure(.missingConverter(let tool)):
            log?.once(
                "tool:\(tool)",
                "govlint: \(tool) is not installed: attachments that need it are not checked (未能检查（缺少 \(tool)）)")
            notChecked = "未能检查（缺少 \(tool)）"
        case .failure(let failure):
            if case .unsupported(let kind) = failure, kind.hasSuffix("图片") { ocrMissing() }
            unreadable(failure.chinese)
        case .success(let text):
            if !text.pagesWithoutText.isEmpty { ocrMissing() }
            if reader.ocrMissing == nil, let ocr = reader.ocr, text.pagesWithoutText.count > ocr.maxPages {
                log?.once(
                    "ocr-cap:\(outcome.finalURL)",
                    "govlint: \(outcome.finalURL): OCR read the first \(ocr.maxPages) of \(text.pagesWithoutText.count) scanned pages; the rest were not checked"
                )
            }
            if let failure = text.recognitionFailure {
                log?.once("ocr:\(outcome.finalURL)", "govlint: \(outcome.finalURL): OCR stopped: \(failure.detail)")
            }
            if text.isEmptyWithRecognised {
                unreadable(
                    text.format == .pdf
                        ? (text.recognitionFailure.map { "扫描件，文字识别未完成（\($0.chinese)）" } ?? "扫描件，没有文字层")
                        : "没有可读的文字")
            } else {
                findings = linter.lint(
                    text, site: site, url: outcome.finalURL, title: link.title, column: link.column,
                    linkedFrom: link.linkedFrom
                ).compactMap(policy.apply)
                if !findings.isEmpty {
                    evidenceText = Page(
                        url: outcome.finalURL, title: link.title ?? "", blocks: text.blocks + text.recognised)
                }
            }
        }
        return ScannedPage(
            outcome: outcome, contentHash: hash, title: link.title, column: link.column,
            digest: notChecked == nil ? digest : nil, findings: findings, notChecked: notChecked,
            text: evidenceText)
    }
}
