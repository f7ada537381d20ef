import Foundation
import GovCore
import GovStore
import GovTestSupport
import Testing
@testable import GovKit

/// Review before send (SPEC §7): the hold, the approval, a same-day rerun, the corrected
/// notice after a false positive is ignored, the weekly schedule — through aiosmtpd.
@Suite(.serialized) struct MailReviewTests {
    func subjects(_ server: SMTPTestServer) throws -> [String] {
        try server.messageFiles().map { try inspectMail($0)["subject"] as? String ?? "" }
    }

    @Test func heldUntilApprovedRerunSendsOnlyWhatChangedAndAnIgnoreSendsACorrection() throws {
        let site = try FixtureSite()
        try site.write("index.html", NightlyRunTests.homepage(links: [("a.html", "常务会议")]), age: 60)
        try site.write("a.html", NightlyRunTests.article("会议要求认真布署全年工作。"), age: 60)
        let server = try SMTPTestServer(mode: .accept)
        defer { server.stop() }
        let work = try NightlyWorkspace()
        try work.writeConfig(
            sites: [
                .init(id: "county-a", name: "测试县人民政府", url: site.url),
                .init(
                    id: "county-b", name: "测试乙县人民政府", url: site.url + "b/", recipients: ["web@b.example.gov.cn"],
                    owner: "测试乙县人民政府办公室"),
            ],
            smtpURL: server.url, mailExtra: "  review: true\n")
        try site.write("b/index.html", NightlyRunTests.homepage(links: []), age: 60)

        #expect(work.govlint(["run", "--now", "2026-12-01T08:00"]) == 0)
        #expect(server.messages().isEmpty, "mail.review: nothing leaves without approval")
        let store = try work.store()
        #expect(try store.held().count == 3, "two owners' notices and the summary wait in the outbox")

        #expect(work.govlint(["mail", "--approve", "--site", "county-a"]) == 0)
        #expect(try subjects(server) == ["关于测试县人民政府存在问题的整改通知（2026年12月1日）"])
        #expect(work.govlint(["mail", "--approve"]) == 0)
        #expect(server.messages().count == 3)

        // A rerun the same day with nothing changed composes nothing new.
        #expect(work.govlint(["run", "--now", "2026-12-01T09:00"]) == 0)
        #expect(try store.held().isEmpty, "nothing changed: nothing to review")
        // A rerun with one site changed holds only that site's notice (and the summary).
        try site.write("b/index.html", NightlyRunTests.homepage(links: [("gone.html", "已删除页面")]), age: -5)
        #expect(work.govlint(["run", "--now", "2026-12-01T10:00"]) == 0)
        let changed = try store.held()
        #expect(changed.compactMap(\.label).sorted() == ["county-b", "summary"])
        #expect(changed.first { $0.label == "county-b" }?.subject.contains("（更正）") == true)
        #expect(work.govlint(["mail", "--approve"]) == 0)
        #expect(server.messages().count == 5)

        // The office confirms a false positive, rebuilds and mails: a corrected notice referencing the first.
        let typo = try #require(
            work.findings(day: "2026-12-01", site: "county-a").first { $0["rule"] as? String == "typo" })
        #expect(work.govlint(["ignore", try #require(typo["key"] as? String), "--reason", "人名用字"]) == 0)
        #expect(work.govlint(["report", "--now", "2026-12-01T11:00"]) == 0)
        #expect(work.govlint(["mail"]) == 0)
        #expect(try store.held().count == 2, "still held for review: the corrected notice and the summary")
        #expect(work.govlint(["mail", "--approve"]) == 0)
        let corrected = try server.messageFiles().map { try inspectMail($0) }
            .first { ($0["subject"] as? String) == "关于测试县人民政府存在问题的整改通知（更正）（2026年12月1日）" }
        let parts = try #require((corrected?["structure"] as? [String: Any])?["parts"] as? [[String: Any]])
        let html = ((parts[0]["parts"] as? [[String: Any]])?[1]["text"] as? String) ?? ""
        #expect(html.contains("本通知是对我办2026年12月1日印发的整改通知的更正：经核实，原通知所列1个问题为误报，已予撤销"))
        #expect(!html.contains("<mark>布署</mark>"))
        #expect(work.govlint(["mail"]) == 0)
        #expect(server.messages().count == 7, "nothing is sent twice")
    }

    @Test func weeklyScheduleSendsOnlyVetoAndOverdueOnOtherDays() throws {
        let site = try FixtureSite()
        try site.write("index.html", NightlyRunTests.homepage(links: [("a.html", "常务会议")]), age: 60)
        try site.write("a.html", NightlyRunTests.article("会议要求认真布署全年工作。"), age: 60)
        let server = try SMTPTestServer(mode: .accept)
        defer { server.stop() }
        let work = try NightlyWorkspace()
        try work.writeConfig(
            sites: [.init(id: "county-a", name: "测试县人民政府", url: site.url)],
            smtpURL: server.url, mailExtra: "  schedule: weekly:monday\n")
        // Tuesday 12-01: nothing is veto or overdue yet — no notice mail, only the summary.
        #expect(work.govlint(["run", "--now", "2026-12-01T08:00"]) == 0)
        #expect(try subjects(server) == ["政府网站与政务新媒体检查情况汇总（2026年12月1日）"])
        // Wednesday: the typo is overdue — the daily digest carries it.
        #expect(work.govlint(["run", "--now", "2026-12-02T08:00"]) == 0)
        let digest = try #require(
            try server.messageFiles().map { try inspectMail($0) }
                .first { ($0["subject"] as? String)?.contains("整改通知") == true })
        let parts = try #require((digest["structure"] as? [String: Any])?["parts"] as? [[String: Any]])
        let html = ((parts[0]["parts"] as? [[String: Any]])?[1]["text"] as? String) ?? ""
        #expect(html.contains("本通知仅列单项否决问题和逾期未整改问题") && html.contains("<mark>布署</mark>"))
        #expect(!html.contains("、扣分问题（"))
        // Monday 12-07: the full notice.
        #expect(work.govlint(["run", "--now", "2026-12-07T08:00"]) == 0)
        let monday = try server.messageFiles().map { try inspectMail($0) }
            .filter {
                ($0["subject"] as? String)?.contains("2026年12月7日") == true
                    && ($0["subject"] as? String)?.contains("整改通知") == true
            }
        #expect(monday.count == 1)
        let mondayParts = try #require((monday.first?["structure"] as? [String: Any])?["parts"] as? [[String: Any]])
        let full = ((mondayParts[0]["parts"] as? [[String: Any]])?[1]["text"] as? String) ?? ""
        #expect(!full.contains("本通知仅列") && full.contains("<mark>布署</mark>"))
    }
}
