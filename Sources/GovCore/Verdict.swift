/// A site's or account's standing under the national indicators: any veto ⇒ 不合格; the
/// reasons and early warnings (预警) are Chinese sentences for the notice.
public struct Verdict: Sendable, Hashable, Codable {
    public var passed: Bool
    /// Why it failed, one sentence each (e.g. "空白栏目 5 个，达到单项否决线（≥ 5）").
    public var reasons: [String]
    /// Below the national line but close (预警).
    public var warnings: [String]
    /// Deduction score out of 100 (weights from config).
    public var score: Double
    /// Counts behind the verdict, e.g. ["stale_news_notice_columns": 3, "blank_columns": 1].
    public var counts: [String: Int]

    public init(passed: Bool, reasons: [String] = [], warnings: [String] = [], score: Double = 100,
                counts: [String: Int] = [:]) {
        self.passed = passed; self.reasons = reasons; self.warnings = warnings; self.score = score
        self.counts = counts
    }

    public var chinese: String { passed ? "合格" : "不合格" }
}
