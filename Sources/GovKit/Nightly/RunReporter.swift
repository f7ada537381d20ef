import Foundation
import GovConfig
import GovCore
import GovReport
import GovRules
import GovStore

/// One site's or account's part of a stored run, ready to render.
package struct SiteReport: Sendable {
    var site: SiteInfo
    var recipients: [String]
    var cc: [String]
    /// The notice as written to the reports folder (with links to the evidence copies).
    var notice: NoticeInput
    /// Findings of the run that count: not ignored, fixed ones included with their status.
    var findings: [Finding]
    /// Findings suppressed by the ignore file: kept out of the notice, counted in the summary.
    var ignored: [Finding]
    package var details: SiteRunDetails

    /// Open items whose deadline lies past the working-day calendar (暂按周一至周五计算).
    package var estimatedDeadlines: Int {
        notice.items.count(where: { $0.deadlineEstimated && $0.ignoredReason == nil })
    }

    /// New and open findings (what the owner must fix, what --fail-on looks at).
    package var open: [Finding] { findings.filter { $0.status != .fixed } }

    /// The notice for the mail body: the same, without links to evidence files the mail
    /// does not carry.
    var mailNotice: NoticeInput {
        var copy = notice
        copy.items = copy.items.map { item in
            var plain = item
            plain.evidencePath = nil
            return plain
        }
        return copy
    }

    /// The ledger (台账) of this notice: every item, those marked 误报 included.
    var ledger: Data { Ledger.csv(siteName: site.name, notice: notice) }
}

/// A stored run rebuilt for the reports: `govlint run` renders it after scanning, `govlint
/// report` rebuilds it from the store alone.
package struct RunReport: Sendable {
    var run: RunRecord
    var folder: String
    package var sites: [SiteReport]
    var summary: SummaryInput

    var ignoredCount: Int { sites.map(\.ignored.count).reduce(0, +) }
}

/// Builds notices and the summary of a run from the store, and writes them under the
/// run's own folder `reports/runs/<run-id>/` (`reports/<date>/` links the day's newest): per site notice.html, notice.md, ledger.csv (台账), findings.jsonl
/// (ignored.jsonl when some were ignored; evidence/ was written during the scan), and
/// summary.html, summary.md for the date.
package struct RunReporter {
    let config: Config
    let store: Store
    let ignore: IgnoreList
    let ruleSettings: SiteRuleSettings
    let calendar: WorkingCalendar
    /// Runs shown in the summary's trend line.
    var trendRuns = 12

    var office: Office {
        Office(name: config.office.name, shortName: config.office.shortName, contact: config.office.contact)
    }

    var layout: ReportLayout { ReportLayout(root: config.paths.reports) }

    func folder(for run: RunRecord) -> String { layout.folder(for: run) }

    package func build(run: RunRecord) throws(Failure) -> RunReport {
        let stored = try storeCall { () throws(StoreError) in try store.siteDetails(run: run.id) }
        let known = Dictionary(
            (try storeCall { () throws(StoreError) in try store.sites() }).map { ($0.id, $0) },
            uniquingKeysWith: { a, _ in a })
        let folder = folder(for: run)
        var sites: [SiteReport] = []
        let gaps = try storeCall { () throws(StoreError) in try store.checkGaps(run: run.id) }
        for id in run.finishedSites {
            let all = try storeCall { () throws(StoreError) in try store.findings(run: run.id, site: id) }
            let findings = ignore.unignored(all)
            let ignored = all.filter { ignore.entry(for: $0) != nil && $0.status != .fixed }
            let details =
                SiteRunDetails.decode(stored[id])
                ?? SiteRunDetails(kind: known[id]?.kind == .feed ? .feed : .website, pagesChecked: 0)
            let (info, recipients, cc) = siteInfo(id: id, known: known[id], kind: details.kind)
            let active = findings.filter { $0.status != .fixed }
            let verdict = details.verdict(active: active, settings: ruleSettings)
            let evidenceFolder = layout.siteFolder(for: run, site: id)
            let siteGaps = gaps[id] ?? CheckGaps()
            let pages = (try? store.pages(run: run.id, site: id)) ?? []
            let places = Self.pagePlaces(all, pages: pages)
            func item(_ stored: Finding, ignoredReason: String? = nil) -> NoticeItem {
                var finding = stored
                if finding.rule == .brokenLink, let place = places[finding.url] {
                    // The referring page's column and title, so the county finds the link.
                    if (finding.column ?? "").isEmpty { finding.column = place.column }
                    if (finding.title ?? "").isEmpty { finding.title = place.title }
                }
                let deadline =
                    finding.status == .fixed
                    ? nil
                    : Deadline.forFinding(
                        finding, issued: run.day, workingDays: config.rules.rectifyWorkingDays, calendar: calendar)
                let evidence = EvidenceFile.relativePath(for: finding.url)
                let kept = FileManager.default.fileExists(atPath: "\(evidenceFolder)/\(evidence)")
                let carried = finding.status == .open && siteGaps.carries(finding.url)
                return NoticeItem(
                    finding: finding, deadline: deadline, evidencePath: kept ? evidence : nil, carried: carried,
                    ignoredReason: ignoredReason, deadlineEstimated: deadline?.isEstimated(on: calendar) ?? false)
            }
            let items =
                findings.map { item($0) } + ignored.map { item($0, ignoredReason: ignore.entry(for: $0)?.reason ?? "") }
            let scope = CheckScope(pagesChecked: details.pagesChecked, columnsChecked: details.columnsChecked)
            let notice = NoticeInput(
                office: office, site: info, runDate: run.day, checkedAt: run.day.chinese, scope: scope,
                items: items, verdict: verdict, comparison: RunComparison(findings: findings),
                notChecked: Self.notCheckedLines(siteGaps), showScore: config.notice.showScore)
            sites.append(
                SiteReport(
                    site: info, recipients: recipients, cc: cc, notice: notice, findings: findings,
                    ignored: ignored, details: details))
        }
        sites.sort { $0.site.id < $1.site.id }
        let rows = sites.map { site in
            SummaryRow(
                site: site.site, verdict: site.notice.verdict, findings: site.findings, lastPost: site.details.lastPost,
                overdue: site.notice.items.count(where: { $0.isOverdue && $0.ignoredReason == nil }))
        }
        let summary = SummaryInput(
            office: office, runDate: run.day, checkedAt: run.day.chinese, rows: rows,
            history: try trend(upTo: run), trendRuns: trendRuns)
        return RunReport(run: run, folder: folder, sites: sites, summary: summary)
    }

    /// Column and title of each page, from the findings that carry them (for broken links,
    /// whose finding names the referring page only by URL).
    static func pagePlaces(_ findings: [Finding], pages: [PageRecord]) -> [String: (column: String?, title: String?)] {
        var out: [String: (column: String?, title: String?)] = [:]
        for page in pages where !(page.title ?? "").isEmpty || !(page.column ?? "").isEmpty {
            out[page.url] = (page.column, page.title)
        }
        for f in findings where !(f.title ?? "").isEmpty || !(f.column ?? "").isEmpty && out[f.url] == nil {
            if out[f.url] == nil { out[f.url] = (f.column, f.title) }
        }
        return out
    }

    /// 未能检查 sentences for the notice: the whole site, the crawl cut short, the pages.
    static func notCheckedLines(_ gaps: CheckGaps) -> [String] {
        var lines: [String] = []
        if let reason = gaps.notChecked {
            lines.append("\(reason)，本次未能检查；上次检查发现的问题继续列为未整改，待下次检查复核。")
        }
        if let partial = gaps.partial { lines.append("\(partial)，这些页面上次发现的问题继续列为未整改。") }
        let pages = gaps.unread.sorted { $0.key < $1.key }
        if gaps.notChecked == nil, !pages.isEmpty {
            let shown = pages.prefix(10).map { "\($0.key)（\($0.value)）" }.joined(separator: "、")
            let more = pages.count > 10 ? "等\(pages.count)个页面" : ""
            lines.append("以下页面本次未能读取：\(shown)\(more)；其上次发现的问题继续列为未整改。")
        }
        return lines
    }

    /// Open findings (not ignored) of the finished nightly runs up to this one, oldest first.
    private func trend(upTo run: RunRecord) throws(Failure) -> [TrendPoint] {
        let runs = try storeCall { () throws(StoreError) in try store.runs(kind: run.kind, limit: 200) }
            .filter { $0.id <= run.id && ($0.status == .finished || $0.id == run.id) }
            .prefix(trendRuns)
        let basis = tallyBasis()
        var points: [TrendPoint] = []
        for past in runs.reversed() {
            let open = try siteTallies(past, basis: basis).values.map(\.open).reduce(0, +)
            points.append(TrendPoint(runDate: past.day, openFindings: open))
        }
        return points
    }

    /// Name, owner and addresses from config.yaml; a site no longer configured falls back
    /// to what the store remembers (its notice can still be rebuilt, it gets no mail).
    private func siteInfo(id: String, known: SiteRecord?, kind: SiteRunDetails.Kind) -> (SiteInfo, [String], [String]) {
        if let site = config.site(id: id) {
            return (SiteInfo(id: id, name: site.name, owner: site.owner, url: site.url), site.recipients, site.cc)
        }
        if let feed = config.feed(id: id) {
            let url: String
            switch feed.source {
            case .url(let u): url = u
            case .path(let p): url = p
            }
            return (
                SiteInfo(id: id, name: feed.name, owner: feed.owner, url: url, kind: .feed), feed.recipients, feed.cc
            )
        }
        return (
            SiteInfo(
                id: id, name: known?.name ?? id, owner: known?.owner ?? "", url: known?.url ?? "",
                kind: kind == .feed ? .feed : .website), [], []
        )
    }

    // MARK: writing

    /// Writes every file of the run's report folder; returns the folder.
    @discardableResult
    package func write(_ report: RunReport) throws(Failure) -> String {
        // Each site's files are rendered and written on every core: the renderers are pure and
        // the folders distinct. The first failure, in site order, is the one reported.
        let sites = report.sites
        let folders = sites.map { layout.siteFolder(for: report.run, site: $0.site.id) }
        let failures = IndexedSlots<Failure>(count: sites.count)
        DispatchQueue.concurrentPerform(iterations: sites.count) { index in
            do throws(Failure) {
                try Self.writeSiteFiles(sites[index], to: folders[index])
            } catch {
                failures.set(index, error)
            }
        }
        if let failure = failures.values.first { throw failure }
        try ReportFolder.write(Data(summaryHTML(report).utf8), to: "\(report.folder)/summary.html")
        try ReportFolder.write(Data(summaryMarkdown(report).utf8), to: "\(report.folder)/summary.md")
        if report.run.kind == .run, report.run.status == .finished {
            // `<date>` names the day's newest finished run: a rebuild of an earlier one leaves it.
            let newest = try storeCall { () throws(StoreError) in try store.runs(kind: .run, limit: 200) }
                .first { $0.day == report.run.day && $0.status == .finished }
            if newest?.id == report.run.id { try layout.pointDay(report.run.day, at: report.run) }
        }
        try writeIndex()
        return report.folder
    }

    /// A site's notice.html, notice.md, ledger.csv, findings.jsonl and ignored.jsonl.
    private static func writeSiteFiles(_ site: SiteReport, to folder: String) throws(Failure) {
        try ReportFolder.write(Data(NoticeRenderer.html(site.notice).utf8), to: "\(folder)/notice.html")
        try ReportFolder.write(Data(NoticeRenderer.markdown(site.notice).utf8), to: "\(folder)/notice.md")
        try ReportFolder.write(site.ledger, to: "\(folder)/ledger.csv")
        try ReportFolder.write(Data(jsonl(site.findings).utf8), to: "\(folder)/findings.jsonl")
        let ignoredPath = "\(folder)/ignored.jsonl"
        if !site.ignored.isEmpty {
            try ReportFolder.write(Data(jsonl(site.ignored).utf8), to: ignoredPath)
        } else if FileManager.default.fileExists(atPath: ignoredPath) {
            try? FileManager.default.removeItem(atPath: ignoredPath)
        }
    }

    private static func jsonl(_ findings: [Finding]) -> String { (try? Ledger.jsonl(findings)) ?? "" }

    /// The summary with a section counting the ignored findings (已忽略), so a suppression is
    /// visible to whoever reads the summary. SummaryRenderer has no such section, so it is
    /// placed before the signature of the rendered document.
    func summaryHTML(_ report: RunReport) -> String {
        let html = SummaryRenderer.html(report.summary)
        guard report.ignoredCount > 0, let signature = html.range(of: "<div class=\"signature\">") else { return html }
        var section =
            "<h2>已忽略问题</h2>\n<p>以下问题经确认为误报或同意例外，已记入忽略清单（\(HTML.escape(ignore.file))），"
            + "不计入整改通知、得分和结论：</p>\n<table>\n<tr><th>站点</th><th>问题类型</th><th>问题内容</th><th>忽略理由</th><th>确认人</th></tr>\n"
        for site in report.sites {
            for finding in site.ignored {
                let entry = ignore.entry(for: finding)
                section +=
                    "<tr><td>\(HTML.escape(TerminalText.sanitize(site.site.name)))</td><td>\(HTML.escape(finding.rule.chinese))</td>"
                    + "<td>\(HTML.escape(TerminalText.sanitize(finding.match)))</td><td>\(HTML.escape(TerminalText.sanitize(entry?.reason ?? "")))</td>"
                    + "<td>\(HTML.escape(TerminalText.sanitize(entry?.by ?? "")))</td></tr>\n"
            }
        }
        section += "</table>\n<p>已忽略问题共\(report.ignoredCount)个。</p>\n"
        return html.replacingCharacters(in: signature.lowerBound..<signature.lowerBound, with: section)
    }

    func summaryMarkdown(_ report: RunReport) -> String {
        var text = SummaryRenderer.markdown(report.summary)
        guard report.ignoredCount > 0 else { return text }
        var lines = [
            "", "## 已忽略问题", "", "经确认为误报或同意例外的问题共\(report.ignoredCount)个，不计入整改通知、得分和结论：", "",
            "| 站点 | 问题类型 | 问题内容 | 忽略理由 | 确认人 |", "| --- | --- | --- | --- | --- |",
        ]
        for site in report.sites {
            for finding in site.ignored {
                let entry = ignore.entry(for: finding)
                lines.append(
                    "| \(Markdown.escape(site.site.name)) | \(finding.rule.chinese) | \(Markdown.escape(finding.match)) | "
                        + "\(Markdown.escape(entry?.reason ?? "")) | \(Markdown.escape(entry?.by ?? "")) |")
            }
        }
        text += lines.joined(separator: "\n") + "\n"
        return text
    }
}

/// Store errors are the operator's to fix (exit 3): locked, full disk, unreadable.
@discardableResult
package func storeCall<T>(_ body: () throws(StoreError) -> T) throws(Failure) -> T {
    do {
        return try body()
    } catch {
        throw Failure.store(error)
    }
}

extension IgnoreList {
    /// The entry that suppresses this finding (by key, or by rule and URL prefix).
    func entry(for finding: Finding) -> IgnoreEntry? {
        entry(key: finding.key, rule: finding.rule.rawValue, site: finding.site, url: finding.url)
    }

    /// The findings no entry suppresses; the same array when the list is empty (a 100k-page
    /// site's findings are not copied for nothing).
    func unignored(_ findings: [Finding]) -> [Finding] {
        entries.isEmpty ? findings : findings.filter { entry(for: $0) == nil }
    }
}
