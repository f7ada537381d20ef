/// Crawl limits and manners. Defaults are SPEC §4's `crawl:` defaults.
public struct CrawlOptions: Sendable, Hashable {
    public var userAgent: String
    /// Pages (followed URLs) fetched per crawl, at most.
    public var maxPages: Int
    /// Link depth from the seeds (a seed is depth 0).
    public var maxDepth: Int
    public var perHostConnections: Int
    public var globalConnections: Int
    /// Minimum time between two request starts to one host; 429/503 double it for that host.
    public var delayMs: Int
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

    public init(userAgent: String = "govlint/1.0 (+https://github.com/govlint/govlint)",
                maxPages: Int = 5000, maxDepth: Int = 8,
                perHostConnections: Int = 4, globalConnections: Int = 16, delayMs: Int = 200,
                timeoutSeconds: Double = 20, connectTimeoutSeconds: Double = 10,
                maxBodyBytes: Int = 20 * 1024 * 1024, maxRedirects: Int = 10,
                respectRobots: Bool = true, checkExternal: Bool = true,
                trackingParameters: [String] = URLNormalizer.defaultTrackingParameters,
                perPatternLimit: Int = 200, queryVariantLimit: Int = 50,
                retryAfterCapSeconds: Double = 30) {
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
    var robotsAgent: String {
        String(userAgent.prefix { $0 != "/" && $0 != " " }).lowercased()
    }
}
