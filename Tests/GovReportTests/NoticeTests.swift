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

    @Test func verdictReasonsWarningsComparisonAndScoreSentence() {
        #expect(html.contains("检查结论：<span class=\"verdict-fail\">不合格</span>。按扣分项计算得分82.5分（满分100分，每个扣分问题按其类型扣减规定分值"))
        #expect(html.contains("<li>存在严重表述错误1处，属单项否决</li>"))
        #expect(html.contains("预警提示") && html.contains("首页已10天未更新"))
        #expect(html.contains("与上次检查相比，新发现问题3个，仍未整改2个，已整改1个；其中逾期未整改2个。"))
        #expect(text.contains("检查结论：不合格。"))
        var hidden = Sample.notice
        hidden.showScore = false
        let out = NoticeRenderer.html(hidden)
        #expect(
            !out.contains("得分") && out.contains("检查结论：<span class=\"verdict-fail\">不合格</span>。</p>"),
            "notice.show_score: false leaves the score out")
    }

    @Test func overdueFirstThenSeverityGroupsFixedAndRequirementsLast() throws {
        for output in [html, markdown, text] {
            let overdue = try #require(position("一、逾期未整改问题（2个）", in: output))
            let veto = try #require(position("二、单项否决问题（1个）", in: output))
            let major = try #require(position("三、扣分问题（2个）", in: output))
            let fixed = try #require(position("四、已整改问题（1个）", in: output))
            let requirements = try #require(position("五、整改要求", in: output))
            #expect(overdue < veto && veto < major && major < fixed && fixed < requirements)
        }
        #expect(position("扫黑", in: html)! < position("HYPERLINK", in: html)!)
        #expect(position("既使", in: html)! > position("四、已整改问题", in: html)!)
    }

    @Test func oneNumberedLinePerFindingGroupedByRule() {
        // Numbered through the whole notice (the ledger's 序号), one <li> per finding.
        #expect(html.components(separatedBy: "<li value=").count - 1 == Sample.findings.count)
        for n in 1...Sample.findings.count { #expect(html.contains("<li value=\"\(n)\">")) }
        #expect(html.contains("<h3>（一）严重表述错误（1个）</h3>"))
        #expect(html.contains("<span class=\"place\">政务动态《关于开展年度工作的通知》</span>：“认真<mark>布署</mark>全年工作”，应为“部署”。"))
        #expect(
            html.contains(
                "当日整改；<a href=\"https://www.a.example.gov.cn/zwdt/2026/1105/1.html\">/zwdt/2026/1105/1.html</a>"))
        #expect(html.contains("已逾期（期限11月20日）"))
        #expect(html.contains("12月2日前整改"))
        #expect(text.contains("  1. "), "plain text numbers its lines too")
        #expect(!html.contains("<table class=\"fields\">"), "no table per finding")
    }

    @Test func excerptsAreShortAndStartAtABoundary() {
        let long = "为深入贯彻落实党中央国务院决策部署，进一步做好全县安全生产各项工作，会议要求各乡镇各部门认真布署全年重点工作任务并抓好落实，确保各项目标任务按期完成"
        let hit = Array(long).firstIndex(of: "布")!
        let finding = Finding(
            rule: .typo, severity: .major, site: "a", url: "https://a/1", match: "布署", context: long,
            contextHit: hit..<(hit + 2), suggestion: "部署")
        let excerpt = Excerpt(finding).shortened()
        #expect(excerpt.before == "会议要求各乡镇各部门认真", "starts after the nearest comma within reach, not mid-word")
        #expect(excerpt.hit == "布署")
        #expect(excerpt.after.hasSuffix("……") && excerpt.after.count <= 18)
        let noBoundary = String(repeating: "甲", count: 40) + "布署" + "乙"
        let cut = Excerpt(
            Finding(rule: .typo, severity: .major, url: "u", match: "布署", context: noBoundary, contextHit: 40..<42)
        ).shortened()
        #expect(cut.before.hasPrefix("……"), "a cut without a boundary says so")
    }

    /// Regression (a site or link rule's line read “原网站）（【…】）”: its context cut to ten
    /// characters either side, its message dropped): the thing is named whole, then what is
    /// wrong with it; a rule about the page itself says only what is wrong, the title being
    /// the line's place already.
    @Test func siteRuleLinesNameTheThingThenSayWhatIsWrong() {
        func line(_ f: Finding) -> String {
            NoticeLine(
                NoticeItem(finding: f, deadline: nil, evidencePath: nil), number: 1, site: Sample.site,
                runDate: Sample.runDate
            )
            .body({ $0.before + "【" + $0.hit + "】" + $0.after }, { $0 })
        }
        let url = "http://rd.a.example.gov.cn/"
        var closed = Finding(
            rule: .closedSiteLink, severity: .major, site: "county-a", url: "https://www.a.example.gov.cn/",
            match: url, context: "某某县人大常委会（原网站）（\(url)）", contextHit: 14..<(14 + url.count),
            suggestion: "https://www.a.example.gov.cn/rd/", message: "链接指向已关停网站 \(url)（2024年12月31日关停）",
            title: "某某县人民政府")
        #expect(
            line(closed)
                == "某某县人大常委会（原网站）（【\(url)】），链接指向已关停网站 \(url)（2024年12月31日关停），应为“https://www.a.example.gov.cn/rd/”")
        closed.scope = .body
        #expect(line(closed).hasPrefix("“"), "page text stays quoted, with its short excerpt")
        let title = "关于王某某等同志职务任免的通知"
        let misfiled = Finding(
            rule: .columnMismatch, severity: .major, site: "county-a", url: "https://www.a.example.gov.cn/tzgg/1.html",
            match: title, context: "\(title)（位于“通知公告”）", message: "标题含“任免”，属人事信息类信息",
            column: "通知公告", title: title)
        #expect(line(misfiled) == "标题含“任免”，属人事信息类信息")
    }

    @Test func noEnglishAndNoInternalReferences() {
        #expect(OfficialWording.basis("网信办通报错例（崇阳 2024，INDICATORS §4.1 S27）") == "网信办通报错例（崇阳 2024，《政府网站与政务新媒体检查指标》）")
        #expect(OfficialWording.basis("INDICATORS §4.1 S75") == "《政府网站与政务新媒体检查指标》")
        #expect(OfficialWording.basis("来源 houbb/word-checker@1.2") == nil)
        #expect(OfficialWording.basis("GB/T 15835-2011") == "GB/T 15835-2011")
        #expect(OfficialWording.message("信息与栏目不符（personnel）") == "信息与栏目不符（人事信息）")
        #expect(OfficialWording.message("链接被防火墙拦截（blocked），不计为断链") == "链接被防火墙拦截（被拦截），不计为断链")
        let mismatch = NoticeItem(
            finding: Finding(rule: .columnMismatch, severity: .major, url: "u", match: "x", category: "personnel"),
            deadline: nil)
        #expect(mismatch.typeLabel == "\(RuleID.columnMismatch.chinese)（人事信息）")
        let broken = NoticeItem(
            finding: Finding(rule: .brokenLink, severity: .major, url: "u", match: "x", category: "homepage"),
            deadline: nil)
        #expect(broken.typeLabel == "断链（首页链接）")
        let unknown = NoticeItem(
            finding: Finding(rule: .typo, severity: .major, url: "u", match: "x", category: "some-file"), deadline: nil)
        #expect(unknown.typeLabel == "错别字", "an unknown English category is left out")
        // The whole notice: only the site URL, page paths, the hostile title and the HYPERLINK sample carry Latin text.
        let visible = text.replacingOccurrences(
            of: #"https?://\S+|/[\w/.-]+\.html|HYPERLINK|http|evil|example|alert|script|cmd|Bcc|com|ArticleTitle"#,
            with: "", options: .regularExpression)
        let english = visible.range(of: "[A-Za-z]{3,}", options: .regularExpression).map { String(visible[$0]) }
        #expect(english == nil, "\(english ?? "")")
    }

    @Test func repeatedOnlyForOneRepeatedError() {
        var notice = Sample.notice
        var typo = Sample.findings[0]
        typo.occurrences = 6
        notice.items = [NoticeItem(finding: typo, deadline: .sameDay)]
        let out = NoticeRenderer.html(notice)
        #expect(out.contains("（本页共6处）"))
        #expect(!html.contains("本页共"), "a single occurrence has no count")
    }

    @Test func correctionAndDigest() {
        var notice = Sample.notice
        notice.correction = NoticeCorrection(originalDate: Day(year: 2026, month: 11, day: 26)!, withdrawn: 1)
        let out = NoticeRenderer.html(notice)
        #expect(out.contains("<h1>关于某某县人民政府&lt;b&gt;门户&lt;/b&gt;存在问题的整改通知（更正）</h1>"))
        #expect(out.contains("本通知是对我办2026年11月26日印发的整改通知的更正：经核实，原通知所列1个问题为误报，已予撤销。请以本通知为准。"))
        var digest = Sample.notice
        digest.digestOnly = true
        let daily = NoticeRenderer.html(digest)
        #expect(daily.contains("一、逾期未整改问题（2个）") && daily.contains("二、单项否决问题（1个）"))
        #expect(!daily.contains("、扣分问题") && !daily.contains("已整改问题") && daily.contains("本通知仅列单项否决问题和逾期未整改问题"))
    }

    @Test func notCheckedIsSaid() {
        var notice = Sample.notice
        notice.notChecked = ["首页访问超时，本次未能检查；上次检查发现的问题继续列为未整改，待下次检查复核。"]
        notice.items[1].carried = true
        let out = NoticeRenderer.html(notice)
        #expect(out.contains("未能检查：") && out.contains("首页访问超时，本次未能检查"))
        #expect(out.contains("本次未能检查该页面，沿用上次结果"))
    }

    @Test func deadlinesAndClosing() {
        #expect(html.contains("请于2026年12月2日前将整改情况报送市政务公开办。"))
        #expect(html.contains("已逾期的2个问题请立即整改"))
        #expect(html.contains("联系电话：0000-12345678"))
        #expect(Sample.items[0].statusChinese == "新发现")
        #expect(Sample.items[1].statusChinese == "已逾期")
        #expect(Sample.items[4].statusChinese == "已整改")
    }

    @Test func hostilePageStringsAreEscapedInHTML() {
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<b>"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Bcc: evil@example.com"))
        #expect(html.contains("<a href=\"evidence/"))
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("src="))
        #expect(!html.contains("@import"))
        #expect(html.contains("@page { size: A4"))
    }

    @Test func nonHTTPURLsAreNotLinked() {
        var notice = Sample.notice
        notice.items = [
            NoticeItem(
                finding: Sample.finding(
                    .hiddenLink, .veto, match: "x", context: "x", hit: nil, status: .new,
                    url: "javascript:alert(1)"), deadline: .sameDay)
        ]
        let out = NoticeRenderer.html(notice)
        #expect(!out.contains("href=\"javascript"))
        #expect(out.contains("javascript:alert(1)"))
    }

    @Test func markdownEscapesPageStrings() {
        #expect(markdown.hasPrefix("# 关于某某县人民政府\\<b\\>门户\\</b\\>存在问题的整改通知"))
        #expect(markdown.contains("\\<script\\>alert\\('x'\\)\\</script\\> Bcc: evil@example.com"))
        #expect(!markdown.contains("<script>"))
        #expect(
            Markdown.escape("[链接](javascript:x) *强调* _下划线_ `代码` | 表格 # 标题")
                == "\\[链接\\]\\(javascript:x\\) \\*强调\\* \\_下划线\\_ \\`代码\\` \\| 表格 \\# 标题")
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
        notice.site = SiteInfo(
            id: "wx-a", name: "某某县发布", owner: "某某县融媒体中心", url: "http://127.0.0.1:1200/wechat/a", kind: .feed)
        notice.scope = CheckScope(pagesChecked: 30, columnsChecked: 0, period: "近两周发布的信息")
        let out = NoticeRenderer.plainText(notice)
        #expect(out.contains("对政务新媒体账号“某某县发布”"))
        #expect(out.contains("共检查信息30条（近两周发布的信息）"))
        #expect(!out.contains("栏目0个"))
    }

    @Test func deadlinesAreFixedAtFirstSightAndOverdueAfter() {
        let typo = Sample.finding(.typo, .major, match: "a", context: "a", hit: nil, status: .new)
        let broken = Sample.finding(.brokenLink, .major, match: "a", context: "a", hit: nil, status: .new)
        #expect(Deadline.forFinding(typo, issued: Sample.runDate, workingDays: 3) == .sameDay)
        // 2026-09-30 (Wed) + 3 working days skips the National Day holiday.
        var early = broken
        early.firstSeen = "2026-09-30"
        let due = Deadline.forFinding(early, issued: Day(year: 2026, month: 9, day: 30)!, workingDays: 3)
        #expect(due == .by(Day(year: 2026, month: 10, day: 10)!))
        // Judged later: the same fixed deadline, overdue the day after it.
        #expect(
            Deadline.forFinding(early, issued: Day(year: 2026, month: 10, day: 10)!, workingDays: 3)
                == .by(Day(year: 2026, month: 10, day: 10)!))
        #expect(
            Deadline.forFinding(early, issued: Day(year: 2026, month: 10, day: 11)!, workingDays: 3)
                == .overdue(Day(year: 2026, month: 10, day: 10)!))
        // A stored deadline wins over the allowance.
        early.deadline = "2026-10-09"
        #expect(
            Deadline.forFinding(early, issued: Day(year: 2026, month: 10, day: 10)!, workingDays: 3)
                == .overdue(Day(year: 2026, month: 10, day: 9)!))
        var yesterday = typo
        yesterday.firstSeen = "2026-11-26"
        #expect(
            Deadline.forFinding(yesterday, issued: Sample.runDate, workingDays: 3)
                == .overdue(Day(year: 2026, month: 11, day: 26)!),
            "错敏字 not fixed the same day are overdue the next")
    }
}
