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
    // Attachments
    case attachmentUnreadable = "attachment-unreadable"

    public static func < (a: RuleID, b: RuleID) -> Bool { a.rawValue < b.rawValue }

    /// 错敏字: rectified the same day (当日整改) rather than within working days.
    public var isSameDayRectification: Bool {
        self == .typo || self == .sensitive || self == .expression
    }

    /// Catalogue order (SPEC §2), so 错别字 comes before 断链 in every listing.
    public var catalogIndex: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    /// The rule's Chinese name (SPEC §2), the one every notice, ledger and doc prints;
    /// exhaustive, so a new rule id must be named.
    public var chinese: String {
        switch self {
        case .typo: "错别字"
        case .sensitive: "敏感词"
        case .expression: "严重表述错误"
        case .outdated: "过时表述"
        case .numberStyle: "数字用法"
        case .repeatedWord: "重复字词"
        case .punctuation: "标点错误"
        case .privacy: "个人信息泄露"
        case .brokenLink: "断链"
        case .externalLink: "外链"
        case .hiddenLink: "暗链"
        case .metadata: "元数据缺失"
        case .columnMismatch: "信息与栏目不符"
        case .validityLabel: "规范性文件未标注时效"
        case .interpretationUnlinked: "解读未关联"
        case .interpretationLate: "解读不及时"
        case .closedSiteLink: "链接已关停网站"
        case .pubdateMismatch: "发布时间异常"
        case .siteUnreachable: "站点无法访问"
        case .homepageStale: "首页不更新"
        case .columnStale: "栏目不更新"
        case .columnEmpty: "空白栏目"
        case .siteIdentity: "网站标识缺失"
        case .annualReportMissing: "年报未发布"
        case .closedSiteAlive: "关停网站仍可访问"
        case .feedStale: "新媒体不更新"
        case .feedUnreadable: "新媒体无法读取"
        case .closedAccountActive: "已关停账号仍在发布"
        case .replyOverdue: "留言答复超期"
        case .attachmentUnreadable: "附件无法读取"
        }
    }
}
