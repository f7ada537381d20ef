import Foundation
import GovCore
import GovStore
import GovTestSupport
import Testing
@testable import GovKit

/// The run's mail through a real SMTP server (aiosmtpd on 127.0.0.1): MIME structure, the
/// Chinese subject, hostile names kept out of headers, and the outbox across failures.
@Suite(.serialized) struct NightlyMailTests {
    static let hostileTitle = "&lt;script&gt;alert(1)&lt;/script&gt;会议&#13;&#10;Bcc: evil@example.com"

    func servedSite() throws -> FixtureSite {
        let site = try FixtureSite()
        try site.write("index.html", NightlyRunTests.homepage(links: [("a.html", "常务会议")]))
        try site.write(
            "a.html", FixtureSite.page(title: "常务会议", body: "会议要求认真布署全年工作。", articleTitle: Self.hostileTitle))
        return site
    }

    /// The header block of a raw message (up to the first empty line).
    func headers(_ message: Data) -> String {
        let text = String(decoding: message, as: UTF8.self)
        return text.components(separatedBy: "\r\n\r\n").first ?? text
    }

    @Test func noticesGoOutPerOwnerWithoutHeaderInjection() throws {
        let site = try servedSite()
        let server = try SMTPTestServer(mode: .accept)
        defer { server.stop() }
        let work = try NightlyWorkspace()
        try work.writeConfig(
            sites: [.init(id: "county-a", name: "测试县\\r\\nBcc: evil@example.com", url: site.url)],
            smtpURL: server.url)
        #expect(work.govlint(["run", "--now", "2026-11-28T08:00"]) == 0)

        // The page title is escaped in the notice: no script from a crawled page runs there.
        let notice = work.text("2026-11-28/county-a/notice.html")
        #expect(notice.contains("&lt;script&gt;alert(1)&lt;/script&gt;会议"))
        #expect(!notice.contains("<script"))

        let messages = server.messages()
        #expect(messages.count == 2, "one notice for the owner, one summary")
        #expect(
            server.envelopeRecipients().sorted { $0.joined() < $1.joined() } == [
                ["gkb@example.gov.cn"], ["web@a.example.gov.cn"],
            ])
        for message in messages {
            let head = headers(message)
            #expect(!head.contains("evil@example.com"), "nothing from a site name or page reaches a header")
            #expect(!head.lowercased().contains("\r\nbcc:"))
            #expect(!head.contains("<script"))
        }
        let files = server.messageFiles()
        let readings = try files.map { try inspectMail($0) }
        let noticeMail = try #require(readings.first { ($0["subject"] as? String)?.contains("整改通知") == true })
        #expect(noticeMail["subject"] as? String == "关于测试县 Bcc: evil@example.com存在问题的整改通知（2026年11月28日）")
        #expect((noticeMail["defects"] as? [String])?.isEmpty == true)
        let parts = try #require((noticeMail["structure"] as? [String: Any])?["parts"] as? [[String: Any]])
        // SPEC §7: the HTML notice and the CSV ledger are attached, not Markdown.
        #expect(parts.map { $0["type"] as? String } == ["multipart/alternative", "text/html", "text/csv"])
        #expect(parts[1]["filename"] as? String == "整改通知-county-a-2026-11-28.html")
        #expect(parts[2]["filename"] as? String == "整改台账-county-a-2026-11-28.csv")
        let alternative = try #require(parts[0]["parts"] as? [[String: Any]])
        #expect(alternative.map { $0["type"] as? String } == ["text/plain", "text/html"])
        let html = alternative[1]["text"] as? String ?? ""
        #expect(html.contains("布署") && html.contains("&lt;script&gt;") && !html.contains("<script"))
        #expect(!html.contains("evidence/"), "the mail does not link to evidence files it does not carry")
        let summaryMail = try #require(
            readings.first { ($0["subject"] as? String)?.hasPrefix("政府网站与政务新媒体检查情况汇总") == true })
        #expect(summaryMail["to"] as? String == "gkb@example.gov.cn")

        // Sent mail leaves the outbox and its body the store (issue 14): the headers stay,
        // exactly those the server got, with the hash and size of the whole message.
        let store = try work.store()
        let run = try #require(try store.latestRun())
        #expect(try store.pending().isEmpty)
        let stored = try store.outbox(run: run.id)
        let separator = Data("\r\n\r\n".utf8)
        let headers = messages.map { m in m.range(of: separator).map { m[..<$0.upperBound] } ?? m }
        #expect(Set(stored.map(\.message)) == Set(headers.map { Data($0) }))
        #expect(
            Set(stored.compactMap(\.bodyHash))
                == Set(messages.map { "\(ContentHash.hex(Array($0))) (\($0.count) bytes)" }))
        // A dry run of the delivered run composes its mail again: whole messages, not headers.
        #expect(work.govlint(["mail", "--dry-run", "--run", String(run.id)]) == 0)
        let eml = try FileManager.default.contentsOfDirectory(
            atPath: work.reports.appendingPathComponent("2026-11-28/mail").path)
        #expect(eml.count == stored.count)
        for name in eml {
            let text = try String(
                contentsOfFile: work.reports.appendingPathComponent("2026-11-28/mail/\(name)").path, encoding: .utf8)
            #expect(text.contains("Content-Type: multipart/"), "\(name) is a whole message")
        }
    }

    @Test(arguments: [SMTPTestServer.Mode.refuseData, .drop])
    func aFailedSendStaysInTheOutboxUntilTheNextMail(mode: SMTPTestServer.Mode) throws {
        let site = try servedSite()
        let failing = try SMTPTestServer(mode: mode)
        defer { failing.stop() }
        let work = try NightlyWorkspace()
        let entry = NightlyWorkspace.SiteEntry(id: "county-a", name: "测试县人民政府", url: site.url)
        try work.writeConfig(sites: [entry], smtpURL: failing.url)
        #expect(
            work.govlint(["run", "--now", "2026-11-28T08:00"]) == 0, "a finished run succeeds even when mail fails")
        let store = try work.store()
        let pending = try store.pending()
        #expect(pending.count == 2)
        #expect(pending.allSatisfy { $0.attempts == 1 && $0.lastError != nil })
        #expect(failing.messages().isEmpty)
        // Still failing: `mail` exits 3 and keeps them.
        #expect(work.govlint(["mail"]) == 3)
        #expect(try store.pending().count == 2)

        let server = try SMTPTestServer(mode: .accept)
        defer { server.stop() }
        try work.writeConfig(sites: [entry], smtpURL: server.url)
        #expect(work.govlint(["mail"]) == 0)
        #expect(try store.pending().isEmpty)
        #expect(Set(server.messages()) == Set(pending.map(\.message)), "the exact stored bytes went out")
        #expect(work.govlint(["mail"]) == 0)
        #expect(server.messages().count == 2, "nothing is sent twice")
    }

    @Test func dryRunWritesEmlFilesWithoutAMailSection() throws {
        let site = try servedSite()
        let work = try NightlyWorkspace()
        try work.writeConfig(sites: [.init(id: "county-a", name: "测试县人民政府", url: site.url)])
        #expect(work.govlint(["run", "--now", "2026-11-28T08:00"]) == 0)
        #expect(work.govlint(["mail"]) == 2, "no mail section: only --dry-run")
        #expect(work.govlint(["mail", "--dry-run"]) == 0)
        let folder = work.reports.appendingPathComponent("2026-11-28/mail")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".eml") }
        #expect(files.count == 1, "no summary_to without a mail section: the owner's notice only")
        let reading = try inspectMail(folder.appendingPathComponent(try #require(files.first)))
        #expect(reading["subject"] as? String == "关于测试县人民政府存在问题的整改通知（2026年11月28日）")
        #expect(reading["to"] as? String == "web@a.example.gov.cn")
    }
}
