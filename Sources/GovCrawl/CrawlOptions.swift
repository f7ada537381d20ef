import GovCore

/// Politeness toward one host: connections open to it at once and the pause each
/// connection takes between two requests.
public struct HostLimits: Sendable, Hashable {
    public var connections: Int
    public var delayMs: Int

    public init(connections: Int, delayMs: Int) { self.connections = connections; self.delayMs = delayMs }
}

/// Crawl limits and manners. Defaults are SPEC §4's `crawl:` defaults.
public struct CrawlOptions: Sendable, Hashable {
    public var userAgent: String
    /// Pages (followed URLs) fetched per crawl, at most.
    public var maxPages: Int
    /// Link depth from the seeds (a seed is depth 0).
    public var maxDepth: Int
    /// Connections to one host (name, every port) at once; sites sharing a host share them.
    public var perHostConnections: Int
    /// Connections across all hosts at once (the whole night's crawl).
    public var globalConnections: Int
    /// Pause on each connection between the end of one request and the start of the next;
    /// 429, 5xx and slow answers double it for that host, successes bring it back.
    public var delayMs: Int
    /// Host groups with their own limits (`crawl.hosts`), keyed by lowercased host name,
    /// e.g. a provincial platform serving many county sites.
    public var hostLimits: [String: HostLimits] = [:]
    /// An answer slower than this counts as the server struggling: the host backs off.
    public var slowAnswerSeconds: Double = 2
    /// Wall-clock budget of one site's crawl; past it the site is judged on what was read
    /// and marked incomplete. nil: no budget.
    public var siteBudgetSeconds: Double? = nil
    /// Connect timeout (DNS included) for check-only links leaving the scope: an offline
    /// machine or a dead domain must not hold the night for the full connect timeout.
    public var externalConnectTimeoutSeconds: Double = 5
    /// Whole-request limit (connect, redirects, body).
    public var timeoutSeconds: Double
    public var connectTimeoutSeconds: Double
    /// Cap on a decoded body: past it a transfer is aborted as `FetchError.tooLarge`.
    public var maxBodyBytes: Int
    public var maxRedirects: Int
    public var respectRobots: Bool
    /// Check links that leave the scope (HEAD, ranged GET). Off: they are counted, not requested.
    public var checkExternal: Bool
    /// Query and path parameters dropped by URL normalisation (`utm_*` style prefixes allowed).
    public var trackingParameters: [String]
    /// Pages per path pattern (digits collapsed: /cal/2026/11/05 → /cal/#/#/#), against calendars.
    public var perPatternLimit: Int
    /// Distinct query strings per path, against endless ?page=N lists and filters.
    public var queryVariantLimit: Int
    /// The longest Retry-After a 429/503 is waited for; longer ones are reported, not retried.
    public var retryAfterCapSeconds: Double
    /// `crawl.proxy` for every request; nil leaves libcurl's https_proxy/http_proxy/no_proxy
    /// environment in charge (a systemd drop-in).
    public var proxy: String? = nil

    public init(
        userAgent: String = "govlint/1.0 (+https://github.com/govlint/govlint)",
        maxPages: Int = 5000, maxDepth: Int = 8,
        perHostConnections: Int = 4, globalConnections: Int = 64, delayMs: Int = 200,
        timeoutSeconds: Double = 20, connectTimeoutSeconds: Double = 10,
        maxBodyBytes: Int = 20 * 1024 * 1024, maxRedirects: Int = 10,
        respectRobots: Bool = true, checkExternal: Bool = true,
        trackingParameters: [String] = URLNormalizer.defaultTrackingParameters,
        perPatternLimit: Int = 200, queryVariantLimit: Int = 50,
        retryAfterCapSeconds: Double = 30
    ) {
        self.userAgent = userAgent; self.maxPages = maxPages; self.maxDepth = maxDepth
        self.perHostConnections = perHostConnections; self.globalConnections = globalConnections
        self.delayMs = delayMs; self.timeoutSeconds = timeoutSeconds
        self.connectTimeoutSeconds = connectTimeoutSeconds; self.maxBodyBytes = maxBodyBytes
        self.maxRedirects = maxRedirects; self.respectRobots = respectRobots
        self.checkExternal = checkExternal; self.trackingParameters = trackingParameters
        self.perPatternLimit = perPatternLimit; self.queryVariantLimit = queryVariantLimit
        self.retryAfterCapSeconds = retryAfterCapSeconds
    }

    /// The robots.txt product token: the User-Agent up to the first '/' or space ("govlint").
    /// The limits of `host` (a host group's, or the defaults).
    public func limits(forHost host: String) -> HostLimits {
        hostLimits[host] ?? HostLimits(connections: perHostConnections, delayMs: delayMs)
    }

    var robotsAgent: String {
        String(userAgent.prefix { $0 != "/" && $0 != " " }).lowercased()
    }
}
