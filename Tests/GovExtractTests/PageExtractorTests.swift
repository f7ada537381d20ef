import Testing
import GovCore
@testable import GovExtract

/// The committed fixtures in Tests/Fixtures/pages (see generate.py there).
@Suite struct PageExtractorTests {
    let pageURL = "https://www.a.example.gov.cn/zwgk/tzgg/index.html"

    func page(_ name: String, contentType: String? = nil) throws -> Page {
        PageExtractor.extract(body: try Fixture.bytes("pages/\(name).html"), url: pageURL, contentType: contentType)
    }

    @Test func utf8Page() throws {
        let page = try page("utf8")
        #expect(page.charset == "utf-8")
        #expect(page.title == "关于做好2026年冬季安全生产工作的通知_某某县人民政府")
        #expect(page.blocks.first == TextBlock(scope: .title, text: page.title, line: 5))
        #expect(page.blocks.contains(TextBlock(scope: .heading, text: "关于做好冬季安全生产工作的通知", line: 8)))
        #expect(page.blocks.contains(TextBlock(scope: .body, text: "为认真部署全年工作，现将有关事项通知如下。", line: 10)))
        #expect(
            page.links.map(\.url) == [
                "https://www.a.example.gov.cn/zwgk/tzgg/202611/t20261105_1.html", "https://www.gov.cn/zhengce/",
            ])
        #expect(page.links.map(\.text) == ["相关通知", "中国政府网"])
        #expect(page.links.map(\.line) == [11, 12])
    }

    @Test func gbkDeclaredByMeta() throws {
        let page = try page("gbk-meta")
        #expect(page.charset == "gb18030")
        #expect(page.title == "某某县人民政府办公室关于印发工作要点的通知")
        #expect(page.visibleText.contains("现将《二〇二六年政务公开工作要点》印发给你们"))
        #expect(page.links.first?.kind == .attachment)
        #expect(page.links.first?.text == "附件：工作要点")
    }

    @Test func gbkDeclaredNowhere() throws {
        let page = try page("gbk-undeclared")
        #expect(page.charset == "gb18030")
        #expect(page.visibleText.contains("研究部署政府网站常态化监管工作"))
        #expect(page.links.first?.text == "会议强调要压实主体责任")
    }

    /// libxml2 alone stops at 堃 here ("任命王" and nothing after): everything must survive.
    @Test func gb2312LabelWithGBKOnlyCharactersAndABadByte() throws {
        let page = try page("gb2312-gbk-only")
        #expect(page.charset == "gb18030")
        let text = page.visibleText
        #expect(text.contains("任命王堃同志为县发展和改革局局长。"))
        #expect(text.contains("任命李喆同志为县财政局副局长。"))
        #expect(text.contains("\u{FFFD}任命朱镕同志为县统计局副局长。"))
        #expect(text.contains("本页面最后一段文字。"))
        #expect(page.links.map(\.url) == ["https://www.a.example.gov.cn/rsxx/202611/t20261105_9.html"])
        #expect(page.links.first?.text == "上一篇：县人民政府关于人事任免的通知")
    }

    @Test func byteOrderMarkOverridesWrongHeader() throws {
        let page = try page("bom-utf8", contentType: "text/html; charset=gbk")
        #expect(page.charset == "utf-8")
        #expect(page.title == "网站标识码说明")
        #expect(page.visibleText.contains("政府网站标识码是政府网站的唯一身份代码。"))
    }

    @Test func brokenMarkupIsRecovered() throws {
        let page = try page("broken")
        #expect(page.title == "残缺页面")
        let texts = page.blocks.map(\.text)
        #expect(texts.contains("第一段没有结束标签"))
        #expect(texts.contains("第二段加粗交叉嵌套"))
        #expect(page.tableRows == [["单元格一", "单元格二"]])
        #expect(
            page.links.map(\.url).prefix(2) == [
                "https://www.a.example.gov.cn/a/1.html", "https://www.a.example.gov.cn/a/2.html",
            ])
        #expect(page.links.first?.text == "未加引号的链接")
    }

    @Test func hiddenLinksInEveryWay() throws {
        let page = try page("hidden-links")
        let hidden = Dictionary(page.links.map { ($0.url, $0.hiddenBy ?? "visible") }, uniquingKeysWith: { a, _ in a })
        #expect(hidden["http://spam1.example.com/"] == "display:none")
        #expect(hidden["http://spam2.example.com/"] == "visibility:hidden")
        #expect(hidden["http://spam3.example.com/"] == "zero size")
        #expect(hidden["http://spam4.example.com/"] == "off-screen")
        #expect(hidden["http://spam5.example.com/"] == "off-screen")
        #expect(hidden["http://spam6.example.com/"] == "hidden attribute")
        #expect(hidden["http://spam7.example.com/"] == "style block .hide: display:none")
        #expect(hidden["http://spam8.example.com/"] == "style block #gone: visibility:hidden")
        #expect(hidden["http://spam9.example.com/"] == "style block span.away: visibility:hidden")
        #expect(hidden["http://spam10.example.com/"] == "zero size")
        #expect(hidden["http://spam11.example.com/"] == "zero size")
        #expect(hidden["http://spam12.example.com/"] == "style block .late: display:none")
        // @media print rules and unrelated classes hide nothing.
        #expect(hidden["https://www.a.example.gov.cn/print/1.html"] == "visible")
        #expect(hidden["https://www.a.example.gov.cn/zwgk/2.html"] == "visible")
        #expect(hidden["https://www.a.example.gov.cn/zwgk/index.html"] == "visible")
        // javascript:, mailto: and bare fragments are not links to check.
        #expect(
            !page.links.contains {
                $0.url.hasPrefix("javascript") || $0.url.hasPrefix("mailto") || $0.url.contains("#")
            })
        #expect(page.links.count == 15)
        // Their text is hidden text, not visible text.
        #expect(page.blocks.filter { $0.scope == .hidden }.count == 11)
        #expect(!page.visibleText.contains("赌博网站"))
    }

    @Test func listPage() throws {
        let page = try page("list")
        #expect(
            page.listItems == [
                ListItem(
                    title: "关于开展2026年度政府信息公开工作年度报告编制工作的通知",
                    url: "https://www.a.example.gov.cn/zwgk/tzgg/202611/t20261105_1.html",
                    date: Day(year: 2026, month: 11, day: 5)),
                ListItem(
                    title: "2026年11月1日县政府常务会议纪要",
                    url: "https://www.a.example.gov.cn/zwgk/tzgg/202611/t20261102_2.html",
                    date: Day(year: 2026, month: 11, day: 2)),
                ListItem(
                    title: "关于调整办公时间的公告",
                    url: "https://www.a.example.gov.cn/zwgk/tzgg/202610/t20261030_3.html",
                    date: Day(year: 2026, month: 10, day: 30)),
                ListItem(
                    title: "县人民政府关于秋季防火的通告",
                    url: "https://www.a.example.gov.cn/zwgk/tzgg/202609/t20260915_5.html",
                    date: Day(year: 2026, month: 9, day: 15)),
            ])
        #expect(page.breadcrumb == ["政务公开", "通知公告"])
        #expect(page.meta("ColumnName") == "通知公告")
        #expect(page.tableRows == [["标题", "发布日期"], ["县人民政府关于秋季防火的通告", "2026/09/15"]])
        #expect(page.footerText == "主办单位：某某县人民政府办公室 网站标识码：1304000009 冀ICP备15003849号")
    }

    @Test func articleWithMetaBreadcrumbAndPrintedDate() throws {
        let page = try page("article")
        for (name, value) in [
            ("SiteName", "某某县人民政府"), ("SiteDomain", "www.a.example.gov.cn"), ("SiteIDCode", "1304000009"),
            ("ColumnName", "政务动态"), ("ColumnType", "工作动态"), ("ArticleTitle", "县政府召开全县安全生产工作会议"),
            ("PubDate", "2026-11-05 10:00"), ("ContentSource", "县政府办公室"),
        ] {
            #expect(page.meta(name) == value, "\(name)")
        }
        #expect(page.pubDate == LocalDateTime(day: Day(year: 2026, month: 11, day: 5)!, minuteOfDay: 600))
        #expect(page.printedDate == LocalDateTime(day: Day(year: 2026, month: 11, day: 5)!, minuteOfDay: 600))
        #expect(page.breadcrumb == ["政务公开", "政务动态"])
        #expect(page.blocks.contains(TextBlock(scope: .meta, text: "县政府召开全县安全生产工作会议，部署冬季安全生产工作。", line: 15)))
        #expect(page.blocks.contains(TextBlock(scope: .alt, text: "会议现场", line: 27)))
        #expect(page.blocks.contains(TextBlock(scope: .attribute, text: "会议现场照片", line: 27)))
        // Paragraph indentation (U+3000) is layout, not text.
        #expect(page.blocks.contains { $0.text.hasPrefix("11月4日，县政府召开") })
        // <base href> resolves relative links; root-relative ones keep the host.
        #expect(
            page.links.contains(
                Link(
                    url: "https://www.a.example.gov.cn/zwdt/files/anquan.pdf", text: "附件：安全生产检查表.pdf",
                    kind: .attachment, line: 28)))
        #expect(
            page.links.contains {
                $0.url == "https://www.a.example.gov.cn/zwdt/images/meeting.jpg" && $0.kind == .image
            })
        #expect(page.links.contains { $0.url == "https://www.a.example.gov.cn/css/main.css" && $0.kind == .stylesheet })
        #expect(page.scriptSources == ["http://dcs.conac.cn/js/13/000/0000/60000000/CA130000000600000000.js"])
        #expect(page.footerText == "主办单位：某某县人民政府办公室 网站标识码：1304000009 冀ICP备15003849号")
        #expect(!page.visibleText.contains("不是正文"))
    }

    @Test func scriptStyleNoscriptTemplateAndCommentsAreSkipped() {
        let html = """
            <html><head><style>p { color: red }</style></head><body>
            <script>document.write("脚本文字")</script><noscript>请启用脚本</noscript>
            <template><p>模板文字</p></template><!-- 注释文字 --><p>正文文字</p></body></html>
            """
        let page = PageExtractor.extract(body: Array(html.utf8), url: "https://x.gov.cn/")
        #expect(page.blocks.map(\.text) == ["正文文字"])
    }

    @Test func blocksSplitAtBlockElementsAndBreaks() {
        let html = "<body><div>第一行<br>第二行<span>同一行</span><p>段落</p>尾部文字</div><h2>小标题<small>附注</small></h2></body>"
        let page = PageExtractor.extract(body: Array(html.utf8), url: "https://x.gov.cn/")
        #expect(page.blocks.map(\.text) == ["第一行", "第二行同一行", "段落", "尾部文字", "小标题附注"])
        #expect(page.blocks.last?.scope == .heading)
    }

    @Test func anchorTextFallsBackToImageAlt() {
        let html = #"<body><a href="/zt/1.html"><img src="/img/banner.png" alt="学习贯彻专题"></a></body>"#
        let page = PageExtractor.extract(body: Array(html.utf8), url: "https://x.gov.cn/a/")
        #expect(page.links.first == Link(url: "https://x.gov.cn/zt/1.html", text: "学习贯彻专题", kind: .anchor, line: 1))
    }

    @Test func hidingIsInheritedAndScoped() {
        let html =
            #"<body><div style="display:none"><p>隐藏段落<a href="http://x.example.com/"><img src="/a.png" alt="隐藏图片"></a></p></div><p title="提示">可见段落</p></body>"#
        let page = PageExtractor.extract(body: Array(html.utf8), url: "https://x.gov.cn/")
        #expect(page.links.allSatisfy { $0.hiddenBy == "display:none" })
        #expect(page.blocks.filter { $0.scope == .hidden }.map(\.text) == ["隐藏段落", "隐藏图片"])
        #expect(page.blocks.contains(TextBlock(scope: .attribute, text: "提示", line: 1)))
        #expect(page.visibleText.contains("可见段落"))
    }

    @Test func printedDateNearTitleWithoutLabel() {
        let html = "<body><p>导航</p><h1>关于印发实施方案的通知</h1><p>2026年11月3日 来源：县政府</p><p>正文 2026-01-01</p></body>"
        let page = PageExtractor.extract(body: Array(html.utf8), url: "https://x.gov.cn/")
        #expect(page.printedDate == LocalDateTime(day: Day(year: 2026, month: 11, day: 3)!))
    }

    @Test func composedDateWordsAreNotPublicationLabels() {
        let html = "<body><h1>标题</h1><p>成文日期：2026-10-01</p><p>发布日期：2026-10-08</p></body>"
        let page = PageExtractor.extract(body: Array(html.utf8), url: "https://x.gov.cn/")
        #expect(page.printedDate == LocalDateTime(day: Day(year: 2026, month: 10, day: 8)!))
    }

    @Test func breadcrumbSeparators() {
        #expect(PageFacts.trail("当前位置：首页 >> 政务公开 >> 政策文件", requireLabel: true) == ["政务公开", "政策文件"])
        #expect(PageFacts.trail("您现在的位置是：网站首页 › 互动交流", requireLabel: true) == ["互动交流"])
        #expect(PageFacts.trail("所在位置 首页 » 信息公开 » 规划计划", requireLabel: true) == ["信息公开", "规划计划"])
        #expect(PageFacts.trail("首页 > 人事信息", requireLabel: false) == ["人事信息"])
        #expect(PageFacts.trail("首页 > 人事信息", requireLabel: true) == nil)
        #expect(PageFacts.trail("当前位置：首页", requireLabel: true) == nil)
    }

    @Test func footerFallsBackToLastBlocks() throws {
        let page = try page("utf8")
        #expect(page.footerText == "各乡镇人民政府，县直各单位：\n为认真部署全年工作，现将有关事项通知如下。\n相关通知 中国政府网")
    }

    @Test func emptyAndBinaryBodiesDoNotCrash() {
        #expect(PageExtractor.extract(body: [], url: "https://x.gov.cn/").blocks.isEmpty)
        let binary: [UInt8] = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 2654435761 >> 7) }
        _ = PageExtractor.extract(body: binary, url: "https://x.gov.cn/", contentType: "text/html")
    }

    /// Unclosed tags pile up on broken CMS pages; libxml2's default limit of 256 would
    /// silently drop the rest of the page.
    @Test func deepNestingKeepsTheText() {
        let unclosed = (0..<1_500).map { "<font><div>第\($0)项" }.joined()
        let page = PageExtractor.extract(body: Array((unclosed + "<p>页面末尾</p>").utf8), url: "https://x.gov.cn/")
        #expect(page.blocks.last?.text == "页面末尾")
        // Far beyond any limit: no crash, and what came before the limit is kept.
        let abyss = String(repeating: "<div>", count: 50_000) + "深处"
        #expect(
            PageExtractor.extract(body: Array(("<p>开头</p>" + abyss).utf8), url: "https://x.gov.cn/").blocks.first?.text
                == "开头")
    }

    @Test func parsesConcurrentlyWithoutNoise() async throws {
        let body = try Fixture.bytes("pages/gb2312-gbk-only.html")
        let counts = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask { PageExtractor.extract(body: body, url: "https://x.gov.cn/").blocks.count }
            }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(Set(counts).count == 1)
        #expect(counts.first == 6)
    }
}
