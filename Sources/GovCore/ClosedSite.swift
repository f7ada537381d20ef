/// A site the office has closed (config `closed_sites`): links into it are findings, and it
/// must no longer serve content. `urlPrefix` is a whole host or a path of one.
public struct ClosedSite: Sendable, Hashable, Codable {
    public var urlPrefix: String
    public var successor: String?
    public var closedOn: Day?

    public init(urlPrefix: String, successor: String? = nil, closedOn: Day? = nil) {
        self.urlPrefix = urlPrefix; self.successor = successor; self.closedOn = closedOn
    }

    /// Whether `url` lies under the prefix: the same host and port (read by `WebURL`, so
    /// case, a trailing dot and userinfo tricks do not matter) and a path under the prefix's
    /// path, segment by segment. The scheme is ignored: a closed site is closed under either.
    public func contains(_ url: String) -> Bool {
        // Most links name another host: those are answered without parsing.
        guard let prefix = WebURL(urlPrefix.contains("://") ? urlPrefix : "http://" + urlPrefix),
            url.lowercased().utf8Contains(prefix.hostKey), let target = WebURL(url),
            target.hostKey == prefix.hostKey, target.port == prefix.port
        else { return false }
        let base = prefix.path == "/" ? "" : prefix.path
        guard target.path.hasPrefix(base) else { return false }
        // /rd covers /rd and /rd/x, not /rdx; /rd/ covers everything below it.
        if base.isEmpty || base.hasSuffix("/") || target.path.count == base.count { return true }
        return target.path.dropFirst(base.count).first == "/"
    }
}

/// What the nightly run knows about one new-media account (政务新媒体) for the feed rules.
public struct FeedState: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var url: String
    /// Day of the newest item read (this run or, when unreadable, the last good run).
    public var newestItem: Day?
    /// Consecutive runs (including this one) in which the feed could not be fetched or parsed.
    public var consecutiveFailures: Int
    /// The account is registered as closed (注销/关停) on this day.
    public var closedOn: Day?
    /// The account is registered as closed (config `closed: true`), with or without a day.
    public var closed: Bool

    public init(
        id: String, name: String = "", url: String, newestItem: Day?, consecutiveFailures: Int = 0,
        closedOn: Day? = nil, closed: Bool = false
    ) {
        self.id = id; self.name = name; self.url = url; self.newestItem = newestItem
        self.consecutiveFailures = consecutiveFailures; self.closedOn = closedOn
        self.closed = closed || closedOn != nil
    }
}
