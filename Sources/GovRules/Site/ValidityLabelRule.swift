import GovCore

/// 规范性文件未标注时效: a normative document without a validity statement, so a reader
/// cannot tell whether it is still in force (repealed documents are the usual trap).
public struct ValidityLabelRule: SiteRule {
    /// Titles of regulations: with a 文号 they are normative documents wherever they are filed.
    static let regulationWords = ["规定", "办法", "实施细则", "细则", "条例", "规则", "规程"]

    public init() {}

    public static let description = RuleDescription(
        id: .validityLabel, kind: .site, defaultSeverity: .major, weight: RuleWeight(1, cap: 5),
        rationale:
            "A page filed in a 规范性文件 column, or titled as a regulation (…规定、办法、实施细则、条例) and carrying a document number (文号, e.g. 某政规〔2026〕3号), with no validity statement: 有效性/效力状态/时效性, 现行有效, 有效期至, 已废止, 已失效, 已修改 (a bare 有效 only as its own line or table cell). List pages and 解读 pages are not judged.",
        triggering: [
            Example(
                """
                now 2026-11-30
                site county-a https://www.example.gov.cn/
                column 规范性文件 https://www.example.gov.cn/gfxwj/ normative
                page https://www.example.gov.cn/gfxwj/1.html found=https://www.example.gov.cn/gfxwj/
                  title ⟦某某县农村宅基地管理实施意见⟧
                  text 某政规〔2026〕2号 为加强农村宅基地管理，有效推进乡村振兴，制定本意见。
                """),
            Example(
                """
                now 2026-11-30
                site county-a https://www.example.gov.cn/
                page https://www.example.gov.cn/zfwj/9.html
                  title ⟦某某县城市绿化管理办法⟧
                  text 某政发〔2026〕9号 第一条 为了加强城市绿化管理，制定本办法。
                """),
        ],
        nonTriggering: [
            Example(
                """
                now 2026-11-30
                site county-a https://www.example.gov.cn/
                column 规范性文件 https://www.example.gov.cn/gfxwj/ normative
                page https://www.example.gov.cn/gfxwj/1.html found=https://www.example.gov.cn/gfxwj/
                  title 某某县农村宅基地管理实施意见
                  text 某政规〔2026〕2号 有效期至2031年5月31日
                page https://www.example.gov.cn/gfxwj/2.html found=https://www.example.gov.cn/gfxwj/
                  title 某某县城市绿化管理办法
                  row 文号 | 某政规〔2020〕1号
                  row 有效性 | 已废止
                """),
            Example(
                """
                now 2026-11-30
                site county-a https://www.example.gov.cn/
                page https://www.example.gov.cn/zcjd/3.html
                  title 《某某县城市绿化管理办法》政策解读
                  text 某政发〔2026〕9号 解读如下
                """),
        ])

    public func check(_ snapshot: SiteSnapshot, context: SiteRuleContext) -> [Finding] {
        snapshot.articles(settings: context.settings).compactMap { page in
            guard !page.hasValidityLabel, !PolicyPages.isInterpretation(page) else { return nil }
            let normativeColumn = page.columnType == .normative
            let regulation = page.documentNumber != nil && Self.regulationWords.contains { page.title.contains($0) }
            guard normativeColumn || regulation else { return nil }
            let why = normativeColumn ? "规范性文件栏目中的文件" : "规范性文件（\(page.documentNumber ?? "")）"
            return Finding(
                Self.description, snapshot: snapshot, url: page.url, match: page.title,
                excerpt: page.title + (page.documentNumber.map { "（\($0)）" } ?? ""),
                message: "\(why)未标注有效性（有效、失效、废止或有效期）", column: page.column, title: page.title)
        }
    }
}
