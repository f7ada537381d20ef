import Foundation
import GovCore
import GovExtract
import GovRules
import Testing

/// Configured XPath selectors read a message board the automatic reader cannot, and its
/// messages reach `reply-overdue`.
@Suite struct MessageBoardTests {
    static let board = """
        <html><body><div class="msgs">
          <div class="m"><h4>小区路灯不亮</h4><i class="q">2026-03-02</i><i class="a">2026-03-04</i><b>已回复</b></div>
          <div class="m"><h4>学校门口拥堵</h4><i class="q">2026-05-11</i><i class="a"></i><b>办理中</b></div>
          <div class="m"><h4>no date here</h4><i class="q">待定</i></div>
        </div></body></html>
        """

    @Test func selectorsPickOutEveryMessage() throws {
        let records = try XPathRecords.extract(
            body: Array(Self.board.utf8), row: "//div[@class='m']",
            fields: ["title": "h4", "asked": "i[@class='q']", "answered": "i[@class='a']", "status": "b"])
        #expect(records.count == 3)
        #expect(records[0] == ["title": "小区路灯不亮", "asked": "2026-03-02", "answered": "2026-03-04", "status": "已回复"])
        #expect(records[1]["answered"] == "" && records[1]["status"] == "办理中")
    }

    @Test func aBadSelectorIsAnErrorNotACrash() {
        #expect(throws: XPathError.self) {
            _ = try XPathRecords.extract(body: Array(Self.board.utf8), row: "//div[", fields: ["asked": "i"])
        }
    }

    @Test func unansweredForMoreThanThreeMonthsIsAVeto() throws {
        let records = try XPathRecords.extract(
            body: Array(Self.board.utf8), row: "//div[@class='m']",
            fields: ["title": "h4", "asked": "i[@class='q']", "answered": "i[@class='a']", "status": "b"])
        let builder = SiteSnapshotBuilder(siteID: "a", homepage: "http://127.0.0.1/", configuredColumns: [])
        builder.add(messageFields: records, url: "http://127.0.0.1/hdjl/")
        let snapshot = builder.finish()
        #expect(snapshot.messages.count == 2)
        let findings = SiteRules.run(snapshot: snapshot, settings: SiteRuleSettings(), now: Day("2026-11-28")!)
            .filter { $0.rule == .replyOverdue }
        #expect(findings.count == 1)
        #expect(findings.first?.severity == .veto)
        #expect(findings.first?.match.contains("学校门口拥堵") == true || findings.first?.context.contains("学校门口拥堵") == true)
    }
}
