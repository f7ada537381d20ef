import GovCore

/// Every threshold of the site rules and the verdict, with the national indicators' values
/// as defaults (INDICATORS.md §1.2–1.5, §6). The lead maps config.yaml `rules:` onto it.
public struct SiteRuleSettings: Sendable {
    /// The three column counts of the 栏目不更新 veto (INDICATORS.md §1.2).
    public struct VetoCounts: Sendable, Hashable {
        /// Stale 动态要闻 columns plus stale 通知公告/政策文件 (and 规范性文件) columns.
        public var staleNewsNoticePolicy: Int
        /// Columns that should update and have not (stale of any type with a period, plus blank).
        public var staleShouldUpdate: Int
        public var blankColumns: Int

        public init(staleNewsNoticePolicy: Int = 5, staleShouldUpdate: Int = 10, blankColumns: Int = 5) {
            self.staleNewsNoticePolicy = staleNewsNoticePolicy; self.staleShouldUpdate = staleShouldUpdate
            self.blankColumns = blankColumns
        }
    }

    /// Early warnings (预警) below the national lines (vendor practice, INDICATORS.md §3.1).
    public struct Warnings: Sendable, Hashable {
        public var homepageStaleDays: Int
        /// Warn when blank columns are more than this.
        public var blankColumns: Int
        public var unreachableRatio: Double
        /// Warn when stale columns are more than this; nil: no such warning.
        public var staleColumns: Int?

        public init(
            homepageStaleDays: Int = 10, blankColumns: Int = 2, unreachableRatio: Double = 0.03,
            staleColumns: Int? = nil
        ) {
            self.homepageStaleDays = homepageStaleDays; self.blankColumns = blankColumns
            self.unreachableRatio = unreachableRatio; self.staleColumns = staleColumns
        }
    }

    public struct MonthDay: Sendable, Hashable {
        public var month: Int
        public var day: Int
        public init(month: Int, day: Int) { self.month = month; self.day = day }
    }

    public typealias Weight = RuleWeight

    public var homepageStaleDays = 14
    /// Update period per column type; types absent here have no period (only blank counts).
    public var columnStaleDays: [ColumnType: Int] = [
        .news: 14, .notice: 183, .policy: 183, .normative: 183, .personnel: 365, .planning: 365,
    ]
    public var vetoCounts = VetoCounts()
    public var warn = Warnings()
    /// After this day of the year, last year's 政府信息公开工作年度报告 must be published.
    public var annualReportDeadline = MonthDay(month: 1, day: 31)
    /// Working days for rectification (used by notices; kept here so config has one home).
    public var rectifyWorkingDays = 3
    /// Office rule: a message answered later than this many working days is major.
    public var replyWorkingDays = 3
    /// National veto: a message unanswered for more than this many months…
    public var replyUnansweredMonths = 3
    /// …among those asked within this many days before the check.
    public var replyLookbackDays = 365
    /// A 解读 published more than this many working days after its document is late.
    public var interpretationWorkingDays = 3
    /// Homepage probes: the veto needs at least `unreachableMinProbes` probes in 7 days.
    public var unreachableMinProbes = 140
    public var unreachableRatio = 0.05
    public var feedStaleDays = 14
    public var feedWarnDays = 10
    public var feedUnreadableRuns = 3
    /// A page with at least this many list items is a list (column) page.
    public var listPageMinItems = MetadataRule.listPageMinItems
    /// Below this deduction score a site fails even without a veto (indicator: 60).
    public var passScore = 60.0
    /// config.yaml's `rules.severity`, `rules.disable` and `rules.weights` (the defaults
    /// live on each rule's RuleDescription).
    public var policy = FindingPolicy()
    /// Deduction overrides (the policy's); a rule absent here deducts its default weight.
    public var weights: [RuleID: Weight] {
        get { policy.weights }
        set { policy.weights = newValue }
    }

    public init() {}

    /// The update period of a column type, if it has one.
    public func staleDays(for type: ColumnType) -> Int? { columnStaleDays[type] }
}
