/// A site the office has closed (config `closed_sites`): links into it are findings, and it
/// must no longer serve content. `urlPrefix` is a whole host or a path of one.
public struct ClosedSite: Sendable, Hashable, Codable {
    public var urlPrefix: String
    public var successor: String?
    public var closedOn: Day?

    public init(urlPrefix: String, successor: String? = nil, closedOn: Day? = nil) {
        self.urlPrefix = urlPrefix; self.successor = successor; self.closedOn = closedOn
    }

    /// Whether `url` lies under the prefix; the scheme (http/https) and host case are ignored
    /// because a closed site is closed under either scheme.
    public func contains(_ url: String) -> Bool {
        let prefix = ClosedSite.schemeless(urlPrefix)
        let target = ClosedSite.schemeless(url)
        guard target.hasPrefix(prefix) else { return false }
        // A bare host must end at a boundary: rd.a.gov.cn does not cover rd.a.gov.cn.evil.com.
        if prefix.contains("/") { return true }
        guard let next = target.dropFirst(prefix.count).first else { return true }
        return next == "/" || next == "?" || next == "#"
    }

    /// "https://RD.a.gov.cn/x" → "rd.a.gov.cn/x" (host lowercased, scheme dropped).
    static func schemeless(_ url: String) -> String {
        var rest = Substring(url)
        if let r = rest.range(of: "://") { rest = rest[r.upperBound...] }
        let hostEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        return rest[..<hostEnd].lowercased() + rest[hostEnd...]
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

    public init(id: String, name: String = "", url: String, newestItem: Day?, consecutiveFailures: Int = 0,
                closedOn: Day? = nil, closed: Bool = false) {
        self.id = id; self.name = name; self.url = url; self.newestItem = newestItem
        self.consecutiveFailures = consecutiveFailures; self.closedOn = closedOn
        self.closed = closed || closedOn != nil
    }
}
