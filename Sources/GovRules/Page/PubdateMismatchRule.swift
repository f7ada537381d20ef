import GovCore

/// 发布时间异常: a PubDate in the future, or one that disagrees with the date printed on the
/// page — what the indicators call 伪造发稿日期 (a veto, but only after a person confirms it).
public struct PubdateMismatchRule: PageRule {
    /// Days PubDate and the printed date may differ (a page edited after midnight, a time zone slip).
    public static let toleranceDays = 1

    public init() {}

    public static let description = RuleDescription(
        id: .pubdateMismatch, kind: .page, defaultSeverity: .major, weight: RuleWeight(2, cap: 5),
        rationale:
            "The PubDate meta is after today, or it differs from the date printed near the title (发布时间/日期) by more than one day. The indicators treat a forged publication date (伪造发稿日期) as a veto; the rule reports it as major and leaves the veto to a person.",
        triggering: [
            Example(
                """
                <html><head><meta name="PubDate" content="⟦2026-12-25 10:00⟧"></head><body><h1>通知</h1></body></html>
                """),
            Example(
                """
                <html><head><meta name="PubDate" content="⟦2026-11-20 09:00⟧"></head><body><h1>关于开展检查的通知</h1>
                <p>发布时间：2026-10-08</p></body></html>
                """),
        ],
        nonTriggering: [
            Example(
                """
                <html><head><meta name="PubDate" content="2026-11-20 23:50"></head><body><h1>通知</h1><p>发布日期：2026年11月21日</p></body></html>
                """),
            Example(
                """
                <html><head><meta name="PubDate" content="2026-11-30 08:00:00"></head><body><h1>通知</h1></body></html>
                """),
        ])

    public func check(_ page: Page, context: PageContext) -> [Finding] {
        guard let raw = page.meta("PubDate"), let pub = page.pubDate else { return [] }
        if pub.day > context.now {
            return [
                Finding(
                    Self.description, page: page, context: context, match: raw,
                    excerpt: "网页标签PubDate为\(raw)，检查日期为\(context.now.chinese)",
                    message: "发布时间晚于检查日期，疑似伪造发稿日期")
            ]
        }
        if let printed = page.printedDate, abs(pub.day.days(since: printed.day)) > Self.toleranceDays {
            return [
                Finding(
                    Self.description, page: page, context: context, match: raw,
                    excerpt: "网页标签PubDate为\(raw)，页面显示的日期为\(printed.day.chinese)",
                    message: "两者不一致")
            ]
        }
        return []
    }
}
