import GovCore

/// A rule over one new-media account's state. Examples are one line:
/// `feed ID newest=YYYY-MM-DD|- failures=N [closed=YYYY-MM-DD]` after a `now` line.
public protocol FeedRule: Sendable {
    static var description: RuleDescription { get }
    func check(_ feed: FeedState, context: SiteRuleContext) -> [Finding]
}

extension Finding {
    init(_ description: RuleDescription, feed: FeedState, match: String? = nil, excerpt: String, message: String) {
        let name = match ?? (feed.name.isEmpty ? feed.id : feed.name)
        self.init(
            rule: description.id, severity: description.defaultSeverity, site: feed.id, url: feed.url,
            match: name, context: excerpt, contextHit: scalarRange(of: name, in: excerpt), message: message)
    }
}

/// 新媒体不更新: no item newer than the limit (veto; 2 weeks).
public struct FeedStaleRule: FeedRule {
    public init() {}

    public static let description = RuleDescription(
        id: .feedStale, kind: .feed, defaultSeverity: .veto, weight: RuleWeight(10, cap: 10),
        rationale:
            "The account's newest item is older than 14 days (rules.feed_stale_days; some regions use 10), or the feed was read and holds no item. A feed that cannot be read is judged by the newest item of its last good run; one never read is feed-unreadable's. The verdict warns from 10 days.",
        triggering: [
            Example("now 2026-11-30\nfeed ⟦wx-a⟧ newest=2026-11-15 failures=0"),
            Example("now 2026-11-30\nfeed ⟦wx-a⟧ newest=- failures=0"),
        ],
        nonTriggering: [
            Example("now 2026-11-30\nfeed wx-a newest=2026-11-16 failures=0"),
            Example("now 2026-11-30\nfeed wx-a newest=- failures=2"),
        ])

    public func check(_ feed: FeedState, context: SiteRuleContext) -> [Finding] {
        let limit = context.settings.feedStaleDays
        if let newest = feed.newestItem {
            let age = context.now.days(since: newest)
            guard age > limit else { return [] }
            return [
                Finding(
                    Self.description, feed: feed, excerpt: "\(feed.id)：最新推文 \(newest)，已 \(age) 天未更新",
                    message: "政务新媒体超过 \(limit) 天未更新")
            ]
        }
        guard feed.consecutiveFailures == 0 else { return [] }
        // Undated items cannot show the account was updated: they count as no update.
        return [
            Finding(
                Self.description, feed: feed, excerpt: "\(feed.id)：未读取到任何注明发布时间的推文",
                message: "政务新媒体无可确认的更新内容")
        ]
    }
}

/// 新媒体无法读取: the feed failed several runs in a row (major): the account may be gone,
/// or the office's feed bridge broken — either way nobody is watching it.
public struct FeedUnreadableRule: FeedRule {
    public init() {}

    public static let description = RuleDescription(
        id: .feedUnreadable, kind: .feed, defaultSeverity: .major, weight: RuleWeight(2, cap: 5),
        rationale:
            "The account's feed (RSS, Atom or JSON Feed) could not be fetched or parsed in 3 consecutive runs (rules.feed_unreadable_runs).",
        triggering: [Example("now 2026-11-30\nfeed ⟦wx-a⟧ newest=2026-11-28 failures=3")],
        nonTriggering: [Example("now 2026-11-30\nfeed wx-a newest=2026-11-28 failures=2")])

    public func check(_ feed: FeedState, context: SiteRuleContext) -> [Finding] {
        let runs = context.settings.feedUnreadableRuns
        guard feed.consecutiveFailures >= runs else { return [] }
        return [
            Finding(
                Self.description, feed: feed, excerpt: "\(feed.id)：连续 \(feed.consecutiveFailures) 次无法读取",
                message: "政务新媒体连续 \(feed.consecutiveFailures) 次无法读取，请核实账号状态")
        ]
    }
}

/// 已关停账号仍在发布: an account registered as closed (注销/关停) published after closing.
public struct ClosedAccountActiveRule: FeedRule {
    public init() {}

    public static let description = RuleDescription(
        id: .closedAccountActive, kind: .feed, defaultSeverity: .major, weight: RuleWeight(5, cap: 5),
        rationale:
            "An account marked closed in the config has an item dated after its closing day, or — when no closing day is known — an item within the feed-stale window (rules.feed_stale_days): it was not really closed, or someone else now runs it.",
        triggering: [Example("now 2026-11-30\nfeed ⟦wx-a⟧ newest=2026-11-20 failures=0 closed=2026-06-30")],
        nonTriggering: [Example("now 2026-11-30\nfeed wx-a newest=2026-06-01 failures=0 closed=2026-06-30")])

    public func check(_ feed: FeedState, context: SiteRuleContext) -> [Finding] {
        guard feed.closed, let newest = feed.newestItem else { return [] }
        if let closed = feed.closedOn {
            guard newest > closed else { return [] }
            return [
                Finding(
                    Self.description, feed: feed, excerpt: "\(feed.id)：\(closed) 已关停，\(newest) 仍有推文",
                    message: "已关停的政务新媒体账号仍在发布信息")
            ]
        }
        guard context.now.days(since: newest) <= context.settings.feedStaleDays else { return [] }
        return [
            Finding(
                Self.description, feed: feed, excerpt: "\(feed.id)：已登记关停，\(newest) 仍有推文",
                message: "已登记关停的政务新媒体账号近 \(context.settings.feedStaleDays) 天内仍在发布信息")
        ]
    }
}

/// Runs the feed rules for one account.
public enum FeedRules {
    public static let all: [any FeedRule] = [FeedStaleRule(), FeedUnreadableRule(), ClosedAccountActiveRule()]

    public static var descriptions: [RuleDescription] { all.map { type(of: $0).description } }

    public static func run(feed: FeedState, settings: SiteRuleSettings, now: Day) -> [Finding] {
        let context = SiteRuleContext(settings: settings, now: now)
        // A closed account is not judged for freshness: it should be silent.
        return all.filter { !(feed.closed && $0 is FeedStaleRule) }.flatMap { $0.check(feed, context: context) }
    }

    /// Measurements for the verdict's early warning (days since the newest item).
    public static func counts(feed: FeedState, now: Day) -> SiteCounts {
        SiteCounts(feedAgeDays: feed.newestItem.map { now.days(since: $0) })
    }
}
