import Foundation
import GovCore
import Testing
@testable import GovReport

/// `reports/index.html` as rendered: every string escaped, links relative and encoded, one
/// trend point per run, an empty store said in words.
@Suite struct ReportIndexTests {
    static let hostile = "县<img src=x onerror=alert(1)>\"门户\"&"

    @Test func everyStringIsEscapedAndEveryLinkEncoded() {
        let site = SiteInfo(id: "county-a", name: Self.hostile, owner: "某县", url: "https://a.example.gov.cn/")
        let runs = (1...3).reversed().map { n in
            IndexRun(
                id: Int64(n), day: Day(year: 2026, month: 12, day: n)!, summary: "runs/\(n)/summary.html",
                sites: [
                    "county-a": IndexEntry(
                        verdict: n == 3 ? .passed : .failed, open: 4 - n, overdue: n == 2 ? 1 : 0,
                        notice: "runs/\(n)/county-a/notice \"x\"&.html", ledger: "runs/\(n)/county-a/ledger.csv")
                ])
        }
        let html = ReportIndexRenderer.html(
            IndexInput(
                office: Sample.office, generated: "2026年12月3日例行检查后", sites: [site],
                runs: runs, scans: []))
        #expect(!html.contains("<img") && html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(
            html.contains("href=\"runs/3/county-a/notice%20%22x%22&amp;.html\""),
            "a path is percent-encoded, then escaped")
        #expect(!html.contains("<script"))
        #expect(html.components(separatedBy: "<circle").count - 1 == 3, "one point per run")
        #expect(html.contains("最近一次：<span class=\"verdict-pass\">合格</span>，待整改问题1个"))
        #expect(html.contains("此前的整改通知："))
        #expect(html.contains("<td>2026-12-02</td><td>2</td><td>1</td><td>1</td><td>0</td><td>2</td><td>1</td>"))
    }

    @Test func runsBeyondTheIndexAreSaidToBeInTheRunsFolder() {
        let run = IndexRun(id: 200, day: Day(year: 2026, month: 12, day: 3)!, sites: [:])
        let listed = ReportIndexRenderer.html(
            IndexInput(
                office: Sample.office, generated: "x", sites: [], runs: [run], scans: [],
                earlierRunsNotListed: true))
        #expect(listed.contains("本目录列出最近1次例行检查；更早的检查报告仍在 runs 文件夹中"))
        let all = ReportIndexRenderer.html(
            IndexInput(office: Sample.office, generated: "x", sites: [], runs: [run], scans: []))
        #expect(!all.contains("更早的检查报告") && all.contains("共1次例行检查"))
    }

    @Test func anEmptyStoreIsSaidInWords() {
        let html = ReportIndexRenderer.html(
            IndexInput(office: Sample.office, generated: "尚无例行检查", sites: [], runs: [], scans: []))
        #expect(html.contains("暂无例行检查记录"))
        #expect(!html.contains("<svg"))
    }
}
