import GovCore
import Testing
@testable import GovRules

@Suite struct SiteRuleBuilderTests {
    @Test(arguments: [
        ("规范性文件", ColumnType.normative), ("政策解读", .interpretation), ("人事任免", .personnel),
        ("通知公告", .notice), ("公示公告", .notice), ("政务动态", .news), ("部门要闻", .news),
        ("政策文件", .policy), ("财政预决算", .finance), ("领导信箱", .interaction), ("办事服务", .service),
        ("发展规划", .planning), ("机构职能", .other), ("信息公开", .other), ("政务信息", .news),
    ])
    func columnNamesAreTypedByTheKeywordTable(_ name: String, _ type: ColumnType) {
        #expect(ColumnTyping.type(ofName: name) == type)
    }

    /// The page's text head, read only as far as it keeps, is the words of the whole text
    /// joined by single spaces and cut (what it was computed as, splitting the whole body).
    @Test(arguments: [
        "", "   ", "县政府召开常务会议", "  县政府\n\n召开　常务会议 ", "ab cd", "ab  cd ef", "e\u{301}e\u{301} x",
        String(repeating: "政务公开 ", count: 200),
    ])
    func textHeadIsTheWordsJoinedAndCut(_ text: String) {
        for limit in [0, 1, 2, 3, 4, 5, 300] {
            let whole = String(text.split(whereSeparator: \.isWhitespace).joined(separator: " ").prefix(limit))
            #expect(SiteSnapshotBuilder.collapsedHead(text, limit: limit) == whole, "limit \(limit)")
        }
    }

    @Test func overridesWinAndHeadlinesAreNotColumnNames() {
        #expect(ColumnTyping.type(ofName: "政务动态", overrides: ["政务动态": .other]) == .other)
        #expect(ColumnTyping.isColumnLikeName("通知公告"))
        #expect(!ColumnTyping.isColumnLikeName("关于放假的通知"))
        #expect(!ColumnTyping.isColumnLikeName("网站地图"))
        #expect(!ColumnTyping.isColumnLikeName("English"))
    }

    @Test func documentNumbersFooterAndPagination() {
        #expect(PageSignals.documentNumber(in: "某某县人民政府 某政发〔2026〕3号 关于…") == "某政发〔2026〕3号")
        #expect(PageSignals.documentNumber(in: "国办秘函[2019]19号") == "国办秘函[2019]19号")
        #expect(PageSignals.documentNumber(in: "2026年3号文件") == nil)
        let footer = PageSignals.footerIdentity(
            footerText: "网站标识码:bm17000009 苏ICP备10210110号-1 苏公网安备32030302000123号",
            scriptSources: [], links: [])
        #expect(
            footer
                == FooterIdentity(
                    siteIDCode: "bm17000009", conacBadge: false, icp: "苏ICP备10210110号-1",
                    publicSecurity: "苏公网安备32030302000123号"))
        #expect(SiteSnapshotBuilder.isPagination("https://h/zwdt/index_2.html", of: "https://h/zwdt/"))
        #expect(SiteSnapshotBuilder.isPagination("https://h/list.jsp?cat=1&page=2", of: "https://h/list.jsp?cat=1"))
        #expect(!SiteSnapshotBuilder.isPagination("https://h/zwdt/2026/1.html", of: "https://h/zwdt/"))
        #expect(!SiteSnapshotBuilder.isPagination("https://h/list.jsp?cat=2", of: "https://h/list.jsp?cat=1"))
        #expect(ClosedSite(urlPrefix: "http://rd.a.gov.cn").contains("https://RD.a.gov.cn/x"))
        #expect(!ClosedSite(urlPrefix: "http://rd.a.gov.cn").contains("http://rd.a.gov.cn.evil.com/"))
        // One URL reader (curl's): userinfo, a trailing dot, ports and path segments.
        #expect(!ClosedSite(urlPrefix: "http://rd.a.gov.cn").contains("http://rd.a.gov.cn@evil.com/"))
        #expect(ClosedSite(urlPrefix: "http://rd.a.gov.cn").contains("http://rd.a.gov.cn./x"))
        #expect(!ClosedSite(urlPrefix: "http://rd.a.gov.cn").contains("http://rd.a.gov.cn:8080/x"))
        #expect(ClosedSite(urlPrefix: "http://www.a.gov.cn/rd").contains("http://www.a.gov.cn/rd/1.html"))
        #expect(!ClosedSite(urlPrefix: "http://www.a.gov.cn/rd").contains("http://www.a.gov.cn/rdx/1.html"))
        #expect(!ClosedSite(urlPrefix: "http://www.a.gov.cn/rd/").contains("http://www.a.gov.cn/zw/1.html"))
    }

    /// Two columns of distinct vocabulary; one 招商 item filed under 政务动态 reads like the
    /// finance column and is flagged (minor, with the bigrams that decided); its neighbours are not.
    @Test func naiveBayesFlagsOnlyConfidentMisfiledPages() throws {
        var lines = [
            "now 2026-11-30", "site county-a https://www.example.gov.cn/",
            "column 政务动态 https://www.example.gov.cn/zwdt/ news",
            "column 财政预决算 https://www.example.gov.cn/czyjs/ finance",
        ]
        let news = [
            "县长主持召开常务会议研究部署安全生产", "县委书记深入乡镇调研乡村振兴工作", "全县召开森林防火工作推进会议",
            "县领导督导检查秋冬季安全生产工作", "县政府召开专题会议研究城市建设", "县委书记调研重点项目建设进展",
            "全县乡村振兴工作推进会议召开", "县长深入企业调研安全生产工作", "县政府常务会议研究部署民生实事",
        ]
        let finance = [
            "县财政局二〇二六年部门预算公开说明", "县教育局二〇二五年部门决算公开", "县卫健局二〇二六年部门预算及三公经费",
            "县交通局二〇二五年部门决算及三公经费说明", "县财政局二〇二五年部门决算公开说明", "县民政局二〇二六年部门预算公开",
            "县水利局二〇二六年部门预算及三公经费公开", "县农业局二〇二五年部门决算公开说明", "县林业局二〇二六年部门预算公开说明",
        ]
        for (i, t) in news.enumerated() {
            lines += [
                "page https://www.example.gov.cn/zwdt/\(i).html found=https://www.example.gov.cn/zwdt/", "  title \(t)",
                "  text \(t)",
            ]
        }
        for (i, t) in finance.enumerated() {
            lines += [
                "page https://www.example.gov.cn/czyjs/\(i).html found=https://www.example.gov.cn/czyjs/",
                "  title \(t)", "  text \(t)",
            ]
        }
        let misfiled = "县统计局二〇二六年部门预算及三公经费公开说明"
        lines += [
            "page https://www.example.gov.cn/zwdt/99.html found=https://www.example.gov.cn/zwdt/",
            "  title \(misfiled)", "  text \(misfiled)",
        ]
        let fixture = try SiteFixture(lines.joined(separator: "\n"))
        let findings = ColumnMismatchRule().check(
            try #require(fixture.snapshot), context: SiteRuleContext(now: fixture.now))
        #expect(findings.map(\.match) == [misfiled])
        #expect(findings.first?.severity == .minor)
        #expect(findings.first?.message?.contains("财政预决算") == true)
    }
}
