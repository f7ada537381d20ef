/// Stable rule identifiers (SPEC §2). Tests, the store and reports key on the raw values.
public enum RuleID: String, Sendable, Codable, CaseIterable, Comparable {
    // Text rules
    case typo
    case sensitive
    case expression
    case outdated
    case numberStyle = "number-style"
    case repeatedWord = "repeated-word"
    case punctuation
    case privacy
    // Page rules
    case brokenLink = "broken-link"
    case externalLink = "external-link"
    case hiddenLink = "hidden-link"
    case metadata
    case columnMismatch = "column-mismatch"
    case validityLabel = "validity-label"
    case interpretationUnlinked = "interpretation-unlinked"
    case interpretationLate = "interpretation-late"
    case closedSiteLink = "closed-site-link"
    case pubdateMismatch = "pubdate-mismatch"
    // Site and account rules
    case siteUnreachable = "site-unreachable"
    case homepageStale = "homepage-stale"
    case columnStale = "column-stale"
    case columnEmpty = "column-empty"
    case siteIdentity = "site-identity"
    case annualReportMissing = "annual-report-missing"
    case closedSiteAlive = "closed-site-alive"
    case feedStale = "feed-stale"
    case feedUnreadable = "feed-unreadable"
    case closedAccountActive = "closed-account-active"
    case replyOverdue = "reply-overdue"

    public static func < (a: RuleID, b: RuleID) -> Bool { a.rawValue < b.rawValue }

    /// 错敏字: rectified the same day (当日整改) rather than within working days.
    public var isSameDayRectification: Bool {
        self == .typo || self == .sensitive || self == .expression
    }
}
