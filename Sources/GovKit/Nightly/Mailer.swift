import Foundation
import GovConfig
import GovCore
import GovMail
import GovReport
import GovStore

/// A composed mail and the envelope it goes to.
struct ComposedMail: Sendable {
    var message: MailMessage
    /// Whose notice it is (site ids joined by commas, or "summary"): the outbox label.
    var label: String
    /// A hash of what the mail says (the notices' HTML, not the Date header): a rerun of
    /// the same day sends only mail whose content changed.
    var contentHash: String
}

/// Notices and the summary as mail: one message per owner (主办单位) with the notices of
/// their sites, one summary message to `mail.summary_to`. Every message goes into the
/// store's outbox first, exactly as it will be sent; a refused or dropped send stays there
/// and the next `mail` or `run` sends it again. Nothing is lost. With `mail.review` the
/// messages wait in the outbox until `govlint mail --approve`; a notice that changed after
/// one was already composed for the same day (a rerun, or `ignore` + `report`) goes out as a
/// corrected notice (更正); `mail.schedule: weekly:<day>` sends the full notice that day and
/// only 单项否决 and 逾期 items on the others.
package struct Mailer {
    let config: Config
    let store: Store
    let reporter: RunReporter
    let log: RunLog

    /// The sender: `mail.from`, or for a dry run without a mail section a stand-in.
    var from: String {
        config.mail?.from
            ?? "\(config.office.shortName.isEmpty ? "govlint" : config.office.shortName) <govlint@localhost.localdomain>"
    }

    /// Whether this run day gets only the daily digest (单项否决 and 逾期 items).
    func digestDay(_ day: Day) -> Bool {
        guard case .weekly(let weekday)? = config.mail?.schedule else { return false }
        return day.weekday != weekday
    }

    /// The owners' site groups of a report, in report order; sites without recipients get
    /// no mail (said in the log).
    func owners(_ report: RunReport) -> [(owner: String, sites: [SiteReport])] {
        var owners: [String: [SiteReport]] = [:]
        var order: [String] = []
        for site in report.sites {
            guard !site.recipients.isEmpty else {
                log.event(
                    "mail: \(site.site.id) has no recipients in the config: its notice is only in \(reporter.layout.siteFolder(for: report.run, site: site.site.id))/"
                )
                continue
            }
            let owner = site.site.owner.isEmpty ? site.site.id : site.site.owner
            if owners[owner] == nil { order.append(owner) }
            owners[owner, default: []].append(site)
        }
        return order.map { ($0, owners[$0]!) }
    }

    /// Every mail of a run, as it would be sent now. `corrections` marks the owners (by
    /// label) whose notice replaces one already composed that day.
    func compose(_ report: RunReport, date: Date = Date(), corrections: [String: NoticeCorrection] = [:])
        throws(Failure) -> [ComposedMail]
    {
        var mails: [ComposedMail] = []
        let digest = digestDay(report.run.day)
        for (owner, all) in owners(report) {
            var sites = all
            for index in sites.indices { sites[index].notice.digestOnly = digest }
            if digest {
                sites = sites.filter { site in
                    site.notice.items.contains {
                        $0.ignoredReason == nil && $0.finding.status != .fixed
                            && ($0.isOverdue || $0.finding.severity == .veto)
                    }
                }
                if sites.isEmpty { continue }
            }
            let label = sites.map(\.site.id).joined(separator: ",")
            let hash = Self.contentHash(sites)
            if let correction = corrections[label] {
                for index in sites.indices { sites[index].notice.correction = correction }
            }
            mails.append(
                ComposedMail(
                    message: try ownerMail(owner: owner, sites: sites, day: report.run.day, date: date),
                    label: label, contentHash: hash))
        }
        if let summaryTo = config.mail?.summaryTo, !summaryTo.isEmpty {
            mails.append(
                ComposedMail(
                    message: try summaryMail(report, to: summaryTo, date: date), label: "summary",
                    contentHash: Self.contentHash(report.sites)))
        }
        return mails
    }

    /// What a notice says, for "did it change": each item (key, fixed, overdue, 误报), the
    /// verdict and what was not checked — not the comparison with the previous run, which a
    /// same-day rerun always changes.
    static func contentHash(_ sites: [SiteReport]) -> String {
        var lines: [String] = []
        for site in sites {
            lines.append(
                "\(site.site.id)|\(site.notice.verdict.chinese)|\(site.notice.digestOnly)|\(site.notice.notChecked.joined(separator: ";"))"
            )
            lines += site.notice.items.map { item in
                "\(item.finding.key)|\(item.finding.status == .fixed)|\(item.isOverdue)|\(item.ignoredReason != nil)"
            }.sorted()
        }
        return ContentHash.hex(Array(lines.joined(separator: "\n").utf8))
    }

    private func ownerMail(owner: String, sites: [SiteReport], day: Day, date: Date) throws(Failure) -> MailMessage {
        let notices = sites.map(\.mailNotice)
        let subject =
            sites.count == 1
            ? "\(notices[0].title)（\(day.chinese)）"
            : notices[0].correction != nil
                ? "关于\(owner)所属\(sites.count)个网站和账号存在问题的整改通知（更正）（\(day.chinese)）"
                : "关于\(owner)所属\(sites.count)个网站和账号存在问题的整改通知（\(day.chinese)）"
        var attachments: [MailAttachment] = []
        for site in sites {
            attachments.append(
                MailAttachment(
                    filename: "整改通知-\(site.site.id)-\(day).html", mimeType: "text/html; charset=utf-8",
                    data: Data(NoticeRenderer.html(site.mailNotice).utf8)))
            attachments.append(
                MailAttachment(
                    filename: "整改台账-\(site.site.id)-\(day).csv", mimeType: "text/csv; charset=utf-8",
                    data: site.ledger))
        }
        let html = Self.joinedHTML(notices.map(NoticeRenderer.html))
        let text = notices.map(NoticeRenderer.plainText).joined(
            separator: "\n\n" + String(repeating: "—", count: 20) + "\n\n")
        var recipients: [String] = [], cc: [String] = []
        for site in sites {
            recipients += site.recipients.filter { !recipients.contains($0) }
            cc += site.cc.filter { !cc.contains($0) }
        }
        cc += (config.mail?.cc ?? []).filter { !cc.contains($0) && !recipients.contains($0) }
        return try message(
            to: recipients, cc: cc, subject: subject, html: html, text: text, attachments: attachments, date: date)
    }

    private func summaryMail(_ report: RunReport, to: [String], date: Date) throws(Failure) -> MailMessage {
        let markdown = reporter.summaryMarkdown(report)
        let html = reporter.summaryHTML(report)
        return try message(
            to: to, cc: [], subject: "政府网站与政务新媒体检查情况汇总（\(report.run.day.chinese)）",
            html: html, text: markdown,
            attachments: [
                MailAttachment(
                    filename: "检查情况汇总-\(report.run.day).html",
                    mimeType: "text/html; charset=utf-8", data: Data(html.utf8))
            ],
            date: date)
    }

    private func message(
        to: [String], cc: [String], subject: String, html: String, text: String,
        attachments: [MailAttachment], date: Date
    ) throws(Failure) -> MailMessage {
        do {
            return try MailMessage(
                from: from, to: to, cc: cc, subject: subject, html: html, text: text,
                attachments: attachments, date: date)
        } catch {
            throw Failure.badInput("\(config.file): mail: \(error)")
        }
    }

    /// Several notices in one HTML body: the first document with every notice's <article>
    /// in place of its own (each renderer output is one complete document).
    static func joinedHTML(_ documents: [String]) -> String {
        guard documents.count > 1, let first = documents.first,
            let start = first.range(of: "<article"), let end = first.range(of: "</article>", options: .backwards)
        else {
            return documents.first ?? ""
        }
        let articles = documents.compactMap { document -> String? in
            guard let s = document.range(of: "<article"), let e = document.range(of: "</article>", options: .backwards)
            else { return nil }
            return String(document[s.lowerBound..<e.upperBound])
        }
        return first.replacingCharacters(
            in: start.lowerBound..<end.upperBound, with: articles.joined(separator: "\n<hr>\n"))
    }

    // MARK: outbox

    /// Puts the run's mails into the outbox, except those the outbox already holds with the
    /// same content for the same day (a rerun sends only what changed; `mail` after `run`
    /// sends nothing twice). A changed notice for a day that already had one is composed as a
    /// corrected notice (更正). Returns how many were queued.
    package func enqueue(_ report: RunReport) throws(Failure) -> Int {
        let day = report.run.day.description
        let review = config.mail?.review ?? false
        var corrections: [String: NoticeCorrection] = [:]
        var earlier: [String: [OutboxMessage]] = [:]
        for mail in try compose(report) {
            let before = try storeCall { () throws(StoreError) in try store.outbox(label: mail.label, day: day) }
            earlier[mail.label] = before
            if !before.isEmpty, mail.label != "summary" {
                let withdrawn = report.sites.filter { mail.label.split(separator: ",").contains(Substring($0.site.id)) }
                    .map(\.ignored.count).reduce(0, +)
                corrections[mail.label] = NoticeCorrection(originalDate: report.run.day, withdrawn: withdrawn)
            }
        }
        var queued = 0
        for mail in try compose(report, corrections: corrections) {
            let before = earlier[mail.label] ?? []
            if before.contains(where: { $0.contentHash == mail.contentHash }) { continue }
            let message = mail.message
            try storeCall { () throws(StoreError) in
                try store.enqueue(
                    run: report.run.id, recipients: message.envelopeRecipients, subject: message.subject,
                    message: message.encoded(), held: review, label: mail.label, day: day, contentHash: mail.contentHash
                )
            }
            queued += 1
            if !before.isEmpty {
                log.event("mail: \(mail.label): the notice changed since the one composed for \(day): queued as 更正")
            }
        }
        if review && queued > 0 {
            log.event(
                "mail: \(queued) message(s) held for review (mail.review): `govlint mail --approve [--site ID]` sends them"
            )
        }
        return queued
    }

    /// Sends what waits in the outbox (of one run, or all); returns (sent, failed).
    package func sendPending(run: Int64?) throws(Failure) -> (sent: Int, failed: Int) {
        let pending = try storeCall { () throws(StoreError) in try store.pending(run: run) }
        guard !pending.isEmpty else { return (0, 0) }
        guard let mail = config.mail else {
            log.problem(
                "mail: \(pending.count) message(s) wait in the outbox but \(config.file) has no mail section; `govlint mail --dry-run` writes them as .eml files"
            )
            return (0, pending.count)
        }
        let transport: SMTPTransport
        do {
            let password: SMTPSettings.PasswordSource? =
                switch mail.password {
                case .file(let path)?: .file(path)
                case .environment(let name)?: .environment(name)
                case nil: nil
                }
            transport = try SMTPTransport(
                settings: SMTPSettings(
                    url: mail.smtpURL, username: mail.username, password: password,
                    timeoutSeconds: mail.timeoutS))
        } catch {
            log.problem("mail: \(error); \(pending.count) message(s) kept in the outbox")
            for message in pending {
                try storeCall { () throws(StoreError) in try store.markFailed(id: message.id, error: "\(error)") }
            }
            return (0, pending.count)
        }
        var sent = 0, failed = 0
        for message in pending {
            do {
                let delivery = try transport.send(
                    encoded: message.message, from: mail.from, recipients: message.recipients)
                try storeCall { () throws(StoreError) in
                    try store.markSent(id: message.id, dropBody: { ContentHash.hex(Array($0)) })
                }
                sent += 1
                log.event("mail \(message.id): sent to \(delivery.accepted.joined(separator: ", "))")
                for refusal in delivery.refused {
                    log.problem("mail \(message.id): \(refusal.address) refused: \(refusal.reply)")
                }
            } catch {
                try storeCall { () throws(StoreError) in try store.markFailed(id: message.id, error: "\(error)") }
                failed += 1
                log.problem("mail \(message.id): not sent, kept in the outbox for the next `mail` or `run`: \(error)")
            }
        }
        return (sent, failed)
    }

    /// `--dry-run`: the run's mails as .eml files under `reports/<date>/mail/` — the outbox's
    /// exact bytes when they were composed already, else composed now (nothing is queued).
    package func writeDryRun(_ report: RunReport) throws(Failure) -> [String] {
        let folder = "\(report.folder)/mail"
        let queued = try storeCall { () throws(StoreError) in try store.outbox(run: report.run.id) }
        var written: [String] = []
        if queued.isEmpty {
            for (index, mail) in try compose(report).enumerated() {
                let path = "\(folder)/\(String(format: "%02d", index + 1))-\(Self.fileLabel(mail.label)).eml"
                try ReportFolder.write(mail.message.encoded(), to: path)
                written.append(path)
            }
        } else {
            // A delivered message keeps its headers only: its mail is composed again from the run.
            var composed: [String: Data]?
            for message in queued {
                var bytes = message.message
                if message.bodyHash != nil {
                    if composed == nil {
                        composed = Dictionary(
                            try compose(report).map { ($0.label, $0.message.encoded()) },
                            uniquingKeysWith: { a, _ in a })
                    }
                    guard let label = message.label, let again = composed?[label] else {
                        log.problem(
                            "mail \(message.id): delivered, its body dropped (\(message.bodyHash ?? "")); no mail of the run matches it"
                        )
                        continue
                    }
                    bytes = again
                }
                let path = "\(folder)/outbox-\(message.id).eml"
                try ReportFolder.write(bytes, to: path)
                written.append(path)
            }
        }
        return written
    }

    private static func fileLabel(_ label: String) -> String {
        String(label.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" }.prefix(60))
    }
}
