import GovCore

/// 元数据缺失: the government page tags (网页标签) of the 网页设计规范 appendix to
/// 国办发〔2017〕47号, which each page kind must carry (INDICATORS.md §2.1–2.2).
public struct MetadataRule: PageRule {
    /// A page with at least this many list items is a list (column) page.
    public static let listPageMinItems = 5
    static let siteTags = ["SiteName", "SiteDomain", "SiteIDCode"]
    static let columnTags = ["ColumnName", "ColumnType"]
    static let articleTags = ["ArticleTitle", "PubDate", "ContentSource"]

    public init() {}

    public static let description = RuleDescription(
        id: .metadata, kind: .page, defaultSeverity: .minor, weight: RuleWeight(0.1, cap: 3),
        rationale:
            "Required <meta> tags missing, empty or malformed, by page kind: the homepage needs SiteName, SiteDomain, SiteIDCode; a list page (≥ 5 list items, a column's own page, or dated list items without ArticleTitle/PubDate) also ColumnName and ColumnType (ColumnDescription and ColumnKeywords are optional here); an article (a page with ArticleTitle, PubDate or a printed date) also ArticleTitle, PubDate (YYYY-MM-DD HH:MM, seconds allowed) and ContentSource. SiteIDCode is 10 digits or bm + 8 digits. Names match case-insensitively. One finding per page; match lists the tag names.",
        triggering: [
            Example(
                """
                <html><head><meta name="SiteName" content="某某县人民政府"><meta name="SiteDomain" content="www.example.gov.cn">
                </head><body><!-- ⟦SiteIDCode⟧ --><ul><li><a href="/a/1.html">要闻</a> 2026-11-20</li></ul></body></html>
                """, url: "https://www.example.gov.cn/"),
            Example(
                """
                <html><head><meta name="SiteName" content="某某县人民政府"><meta name="SiteDomain" content="www.example.gov.cn">
                <meta name="SiteIDCode" content="12345"><meta name="ColumnName" content="政务动态"><meta name="ColumnType" content="工作动态">
                <meta name="ArticleTitle" content="全县召开安全生产会议"><meta name="PubDate" content="2026/11/05">
                </head><body><!-- ⟦SiteIDCode、PubDate、ContentSource⟧ --><h1>全县召开安全生产会议</h1><p>发布时间：2026-11-05</p></body></html>
                """),
        ],
        nonTriggering: [
            Example(
                """
                <html><head><meta name="sitename" content="某某县人民政府"><meta name="SiteDomain" content="www.example.gov.cn">
                <meta name="SiteIDCode" content="1304000009"><meta name="ColumnName" content="政务动态"><meta name="ColumnType" content="工作动态">
                <meta name="ArticleTitle" content="全县召开安全生产会议"><meta name="PubDate" content="2026-11-05 09:30:00">
                <meta name="ContentSource" content="县政府办"></head><body><h1>全县召开安全生产会议</h1><p>发布时间：2026-11-05</p></body></html>
                """),
            Example(
                """
                <html><head><meta name="SiteName" content="生态环境部"><meta name="SiteDomain" content="www.mee.gov.cn">
                <meta name="SiteIDCode" content="bm17000009"></head><body><p>首页</p></body></html>
                """, url: "https://www.example.gov.cn/"),
        ])

    public func check(_ page: Page, context: PageContext) -> [Finding] {
        var required = Self.siteTags
        // A short list (one dated item) is still a list page when nothing marks it an article.
        let isList =
            !context.isHomepage
            && (page.listItems.count >= Self.listPageMinItems || context.column?.url == page.url
                || (!page.listItems.isEmpty && page.meta("ArticleTitle") == nil && page.meta("PubDate") == nil))
        let isArticle =
            !context.isHomepage && !isList
            && (page.meta("ArticleTitle") != nil || page.meta("PubDate") != nil || page.printedDate != nil)
        if isList || isArticle { required += Self.columnTags }
        if isArticle { required += Self.articleTags }

        let missing = required.filter { page.meta($0) == nil }
        var malformed: [String] = []
        if let code = page.meta("SiteIDCode"), !Self.isValidSiteIDCode(code) { malformed.append("SiteIDCode") }
        if isArticle, let pubDate = page.meta("PubDate"), !Self.isValidPubDate(pubDate) { malformed.append("PubDate") }
        guard !missing.isEmpty || !malformed.isEmpty else { return [] }

        let names = required.filter { missing.contains($0) || malformed.contains($0) }
        var parts: [String] = []
        if !missing.isEmpty { parts.append("缺少或为空：" + missing.joined(separator: "、")) }
        if !malformed.isEmpty {
            parts.append("格式错误：" + malformed.map { "\($0)=“\(page.meta($0) ?? "")”" }.joined(separator: "、"))
        }
        let kind = context.isHomepage ? "首页" : isList ? "栏目页" : isArticle ? "文章页" : "页面"
        return [
            Finding(
                Self.description, page: page, context: context, match: names.joined(separator: "、"),
                excerpt: "\(kind)网页标签" + parts.joined(separator: "；"),
                message: "不符合网页设计规范")
        ]
    }

    /// 10 digits (6-digit region code + serial) or bm + 8 digits (State Council departments).
    public static func isValidSiteIDCode(_ code: String) -> Bool {
        let scalars = Array(code.unicodeScalars)
        guard scalars.count == 10 else { return false }
        let digitsFrom = scalars.starts(with: ["b", "m"]) || scalars.starts(with: ["B", "M"]) ? 2 : 0
        return scalars[digitsFrom...].allSatisfy { ("0"..."9").contains($0) }
    }

    /// `YYYY-MM-DD HH:MM` or `YYYY-MM-DD HH:MM:SS`, a real date and time.
    public static func isValidPubDate(_ text: String) -> Bool {
        let s = Array(text.unicodeScalars)
        guard s.count == 16 || s.count == 19 else { return false }
        let shape = s.count == 16 ? "dddd-dd-dd dd:dd" : "dddd-dd-dd dd:dd:dd"
        for (c, expected) in zip(s, shape.unicodeScalars) {
            if expected == "d" ? !("0"..."9").contains(c) : c != expected { return false }
        }
        func number(_ r: Range<Int>) -> Int { Int(String(String.UnicodeScalarView(s[r]))) ?? -1 }
        return Day(year: number(0..<4), month: number(5..<7), day: number(8..<10)) != nil
            && number(11..<13) < 24 && number(14..<16) < 60 && (s.count == 16 || number(17..<19) < 60)
    }
}
