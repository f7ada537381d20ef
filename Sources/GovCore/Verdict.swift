/// A site's or account's standing under the national indicators: any veto ⇒ 不合格; the
/// reasons and early warnings (预警) are Chinese sentences for the notice. A site whose
/// homepage (or an account whose feed) could not be read is 未能检查 — never 合格, and
/// `passed` is false, so every pass count fails closed.
public struct Verdict: Sendable, Hashable, Codable {
    public enum Standing: String, Sendable {
        case passed = "合格"
        case failed = "不合格"
        case notChecked = "未能检查"
    }

    /// True only for 合格.
    public var passed: Bool
    /// Why the site or account could not be checked (e.g. "首页被防火墙拦截 (HTTP 403)，未能检查");
    /// nil when it was read.
    public var notChecked: String?
    /// Why it failed, one sentence each (e.g. "空白栏目 5 个，达到单项否决线（≥ 5）").
    public var reasons: [String]
    /// Below the national line but close (预警).
    public var warnings: [String]
    /// Deduction score out of 100 (weights from config).
    public var score: Double
    /// Counts behind the verdict, e.g. ["stale_news_notice_columns": 3, "blank_columns": 1].
    public var counts: [String: Int]

    public init(
        passed: Bool, reasons: [String] = [], warnings: [String] = [], score: Double = 100,
        counts: [String: Int] = [:], notChecked: String? = nil
    ) {
        self.passed = passed && notChecked == nil; self.reasons = reasons; self.warnings = warnings; self.score = score
        self.counts = counts; self.notChecked = notChecked
    }

    /// 不合格 when a reason fails the site whatever the unread part holds (a veto, the
    /// probes' veto, a score below the line); else 未能检查 when something was not read.
    public var standing: Standing {
        if passed { return .passed }
        return notChecked != nil && reasons.isEmpty ? .notChecked : .failed
    }

    public var chinese: String { standing.rawValue }
}
