import Foundation
import GovCore
import Testing
@testable import GovReport

@Suite struct NoticeTests {
    let html = NoticeRenderer.html(Sample.notice)
    let markdown = NoticeRenderer.markdown(Sample.notice)
    let text = NoticeRenderer.plainText(Sample.notice)

    func position(_ needle: String, in haystack: String) -> Int? {
        haystack.range(of: needle).map { haystack.distance(from: haystack.startIndex, to: $0.lowerBound) }
    }

    @Test func titleAddresseeOpeningAndSignature() {
        #expect(Sample.notice.title == "关于某某县人民政府<b>门户</b>存在问题的整改通知")
        #expect(html.contains("<h1>关于某某县人民政府&lt;b&gt;门户&lt;/b&gt;存在问题的整改通知</h1>"))
        #expect(html.contains("<p class=\"addressee\">某某县人民政府办公室：</p>"))
        #expect(html.contains("根据《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）等有关要求，某某市人民政府办公室于2026年11月27日"))
        #expect(html.contains("共检查页面1234个、栏目56个"))
        #expect(html.contains("<p>某某市人民政府办公室</p>\n<p>2026年11月27日</p>"))
        #expect(text.hasPrefix("关于某某县人民政府<b>门户</b>存在问题的整改通知\n\n某某县人民政府办公室："))
    }

    @Test func verdictReasonsWarningsAndComparison() {
        #expect(html.contains("检查结论：<span class=\"verdict-fail\">不合格</span>。扣分项得分82.5分"))
        #expect(html.contains("<li>存在严重表述错误1处，属单项否决</li>"))
        #expect(html.contains("预警提示") && html.contains("首页已10天未更新"))
        #expect(html.contains("与上次检查相比，新发现问题3个，仍未整改2个，已整改1个。"))
        #expect(text.contains("检查结论：不合格。"))
    }

    @Test func groupsInSeverityOrderWithFixedSectionAndRequirementsLast() throws {
        for output in [html, markdown, text] {
            let veto = try #require(position("一、单项否决问题（2个）", in: output))
            let major = try #require(position("二、扣分问题（2个）", in: output))
            let minor = try #require(position("三、提醒事项（1个）", in: output))
            let fixed = try #require(position("四、已整改问题（1个）", in: output))
            let requirements = try #require(position("五、整改要求", in: output))
            #expect(veto < major && major < minor && minor < fixed && fixed < requirements)
        }
        // Within the veto group: catalogue order puts 严重表述错误 before 个人信息泄露.
        #expect(position("扫黑险恶", in: html)! < position("HYPERLINK", in: html)!)
        // The fixed typo appears only in the 已整改 section.
        #expect(position("既使", in: html)! > position("四、已整改问题", in: html)!)
    }

    @Test func numberingSkipsEmptyGroups() {
        var notice = Sample.notice
        notice.items = notice.items.filter { $0.finding.severity != .veto }
        let out = NoticeRenderer.html(notice)
        #expect(out.contains("一、扣分问题（2个）"))
        #expect(!out.contains("单项否决问题"))
        #expect(out.contains("四、整改要求"))
    }

    @Test func deadlinesAndStatusLabels() {
        // Friday 2026-11-27 + 3 working days = Wednesday 2026-12-02.
        #expect(html.contains("<tr><th>整改期限</th><td>请于2026年12月2日前整改</td></tr>"))
        #expect(html.contains("<tr><th>整改期限</th><td>当日整改</td></tr>"))
        #expect(html.contains("<tr><th>状态</th><td>新发现</td></tr>"))
        #expect(html.contains("<tr><th>状态</th><td>未整改</td></tr>"))
        #expect(html.contains("<tr><th>状态</th><td>已整改</td></tr>"))
        #expect(html.contains("<tr><th>建议修改为</th><td>部署</td></tr>"))
        #expect(html.contains("<tr><th>依据</th><td>《现代汉语词典》</td></tr>"))
        #expect(html.contains("请于2026年12月2日前将整改情况报送市政务公开办。"))
        #expect(html.contains("联系电话：0000-12345678"))
        #expect(text.contains("    整改期限：当日整改"))
        #expect(markdown.contains("- 整改期限：请于2026年12月2日前整改"))
    }

    @Test func excerptMarksTheHit() {
        #expect(html.contains("<td>认真<mark>布署</mark>全年工作</td>"))
        #expect(html.contains("<td>开展扫黑<mark>险恶</mark>专项斗争</td>") == false)
        #expect(html.contains("<td>开展<mark>扫黑险恶</mark>专项斗争</td>"))
        #expect(markdown.contains("认真【**布署**】全年工作"))
        #expect(text.contains("问题内容：认真【布署】全年工作"))
    }

    @Test func hostilePageStringsAreEscapedInHTML() {
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<b>"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Bcc: evil@example.com"))
        #expect(html.contains("<a href=\"evidence/"))
        // No script, no external resources at all.
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("src="))
        #expect(!html.contains("@import"))
        #expect(html.contains("@page { size: A4"))
    }

    @Test func nonHTTPURLsAreNotLinked() {
        var notice = Sample.notice
        notice.items = [NoticeItem(finding: Sample.finding(.hiddenLink, .veto, match: "x", context: "x", hit: nil, status: .new,
                                                           url: "javascript:alert(1)"), deadline: .sameDay)]
        let out = NoticeRenderer.html(notice)
        #expect(!out.contains("href=\"javascript"))
        #expect(out.contains("<td>javascript:alert(1)</td>"))
    }

    @Test func markdownEscapesPageStrings() {
        #expect(markdown.hasPrefix("# 关于某某县人民政府\\<b\\>门户\\</b\\>存在问题的整改通知"))
        #expect(markdown.contains("- 页面标题：\\<script\\>alert\\('x'\\)\\</script\\> Bcc: evil@example.com"))
        #expect(!markdown.contains("<script>"))
        #expect(Markdown.escape("[链接](javascript:x) *强调* _下划线_ `代码` | 表格 # 标题") ==
                "\\[链接\\]\\(javascript:x\\) \\*强调\\* \\_下划线\\_ \\`代码\\` \\| 表格 \\# 标题")
        #expect(Markdown.escape("- 列表") == "\\- 列表")
        #expect(Markdown.escape("a\nb\r\nc") == "a b c")
    }

    @Test func cleanNoticeSaysSo() {
        var notice = Sample.notice
        notice.items = []
        notice.verdict = Verdict(passed: true, score: 100)
        let out = NoticeRenderer.html(notice)
        #expect(out.contains("本次检查未发现需要整改的问题。"))
        #expect(out.contains("<span class=\"verdict-pass\">合格</span>"))
        #expect(out.contains("一、整改要求"))
        #expect(out.contains("请于2026年11月27日前将整改情况报送"))
    }

    @Test func feedNoticeSpeaksOfAccountsAndItems() {
        var notice = Sample.notice
        notice.site = SiteInfo(id: "wx-a", name: "某某县发布", owner: "某某县融媒体中心", url: "http://127.0.0.1:1200/wechat/a", kind: .feed)
        notice.scope = CheckScope(pagesChecked: 30, columnsChecked: 0, period: "近两周发布的信息")
        let out = NoticeRenderer.plainText(notice)
        #expect(out.contains("对政务新媒体账号“某某县发布”"))
        #expect(out.contains("共检查信息30条（近两周发布的信息）"))
        #expect(!out.contains("栏目0个"))
    }

    @Test func deadlineHelperUsesTheWorkingCalendar() {
        let typo = Sample.finding(.typo, .major, match: "a", context: "a", hit: nil, status: .new)
        let broken = Sample.finding(.brokenLink, .major, match: "a", context: "a", hit: nil, status: .new)
        #expect(Deadline.forFinding(typo, issued: Sample.runDate, workingDays: 3) == .sameDay)
        // 2026-09-30 (Wed) + 3 working days skips the National Day holiday.
        let issued = Day(year: 2026, month: 9, day: 30)!
        let due = Deadline.forFinding(broken, issued: issued, workingDays: 3)
        #expect(due == .by(WorkingCalendar.standard.adding(workingDays: 3, to: issued)))
        if case .by(let day) = due { #expect(day > Day(year: 2026, month: 10, day: 7)!) }
    }
}
