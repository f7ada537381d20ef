import GovCore

/// Validators remembered from a previous run, sent as If-None-Match / If-Modified-Since.
public struct Validators: Sendable, Hashable, Codable {
    public var etag: String?
    public var lastModified: String?

    public init(etag: String? = nil, lastModified: String? = nil) {
        self.etag = etag; self.lastModified = lastModified
    }

    public var isEmpty: Bool { etag == nil && lastModified == nil }
}

public enum FetchMethod: String, Sendable, Hashable, Codable {
    case get = "GET"
    case head = "HEAD"
}

/// One request of a one-shot batch (probe, feeds, closed-site checks).
public struct FetchRequest: Sendable, Hashable {
    public var url: String
    public var method: FetchMethod
    /// Overrides `CrawlOptions.timeoutSeconds` (the probe uses 15 s, INDICATORS §1.2).
    public var timeoutSeconds: Double?
    public var validators: Validators?
    public var followRedirects: Bool
    /// One retry on timeouts, 5xx and 429; off for the probe, whose single attempt is the measure.
    public var retry: Bool
    /// Overrides `CrawlOptions.maxBodyBytes` (an attachment's own size cap).
    public var maxBodyBytes: Int?

    public init(
        url: String, method: FetchMethod = .get, timeoutSeconds: Double? = nil,
        validators: Validators? = nil, followRedirects: Bool = true, retry: Bool = true,
        maxBodyBytes: Int? = nil
    ) {
        self.url = url; self.method = method; self.timeoutSeconds = timeoutSeconds
        self.validators = validators; self.followRedirects = followRedirects; self.retry = retry
        self.maxBodyBytes = maxBodyBytes
    }
}

/// A followed page as fetched. `body` holds bytes only for a 2xx HTML-ish answer; when it is
/// empty for a 2xx, `bodyWithheld` says why.
public struct FetchedPage: Sendable {
    public var outcome: FetchOutcome
    public var body: [UInt8]
    public var depth: Int
    /// The page this URL was first found on; nil for a seed.
    public var referrer: String?
    /// Why a 2xx page has no body: "not HTML (application/pdf)", "binary content labelled
    /// text/html", "redirected out of scope", "same page as …".
    public var bodyWithheld: String?

    public init(outcome: FetchOutcome, body: [UInt8], depth: Int, referrer: String?, bodyWithheld: String? = nil) {
        self.outcome = outcome; self.body = body; self.depth = depth; self.referrer = referrer
        self.bodyWithheld = bodyWithheld
    }
}

/// A link the handler found on a page. `follow: false` means check availability only
/// (external links, attachments, images); in-scope `follow: true` links are crawled.
public struct DiscoveredLink: Sendable, Hashable {
    public var url: String
    public var follow: Bool
    public var kind: LinkKind

    public init(url: String, follow: Bool, kind: LinkKind = .anchor) {
        self.url = url; self.follow = follow; self.kind = kind
    }
}

/// A snapshot for the progress line.
public struct CrawlProgress: Sendable {
    public var pagesFetched: Int
    public var linksChecked: Int
    public var queued: Int
    public var inFlight: Int
    public var errors: Int
    public var elapsedSeconds: Double
    /// Crawl jobs (sites) of the run, and how many have finished crawling.
    public var jobs = 1
    public var jobsDone = 0

    public var pagesPerSecond: Double { elapsedSeconds > 0 ? Double(pagesFetched) / elapsedSeconds : 0 }
}

/// What a crawl did, for the run record and the report's "what was checked".
public struct CrawlSummary: Sendable {
    /// Followed URLs requested (every status), seeds included.
    public var pagesFetched = 0
    /// Pages handed to the handler with a body.
    public var pagesParsed = 0
    /// Followed URLs answered 304 to a conditional request.
    public var notModified = 0
    /// Check-only links requested (HEAD or ranged GET), once per URL.
    public var linksChecked = 0
    /// Pages and links that are broken (`FetchOutcome.isBroken`).
    public var errors = 0
    /// Pages and links that met a WAF/bot wall.
    public var blocked = 0
    /// URLs not requested because robots.txt disallows them.
    public var skippedByRobots = 0
    /// Distinct URLs not followed because a trap limit (path pattern, query variants) was hit.
    public var trapLimited = 0
    /// One line per limit that was hit, e.g. "path pattern 127.0.0.1:8080/cal/#/#/# reached 200 pages".
    public var trapNotes: [String] = []
    /// Distinct in-scope URLs beyond `maxDepth`.
    public var depthLimited = 0
    /// Distinct in-scope URLs not fetched because `maxPages` was reached.
    public var pageLimited = 0
    /// Distinct out-of-scope links not checked because `checkExternal` is off.
    public var externalSkipped = 0
    /// HTTP requests made, retries, HEAD fallbacks and robots.txt included.
    public var requests = 0
    /// Why the crawl stopped before its frontier was empty (site budget spent, run budget
    /// spent, run interrupted); nil when it ran to the end. The site is judged on what was read.
    public var incomplete: String?
    /// Pages and links dropped unrequested because the crawl was stopped.
    public var notFetched = 0
    /// Links out of the scope not checked because their domain did not resolve (offline
    /// machine or dead domain): said once per domain in the run log, never a broken link.
    public var externalUnresolved = 0
    public var elapsedSeconds = 0.0

    public init() {}
}

/// Hosts a crawl may follow links into: "host" (any port) or "host:port"; "*.example.gov.cn"
/// also admits every subdomain.
public struct CrawlScope: Sendable, Hashable {
    public let entries: [String]
    private let parsed: [(host: String, port: String?)]

    public init(hosts: [String]) {
        entries = hosts.map { $0.lowercased().trimmingASCIISpaces() }.filter { !$0.isEmpty }
        parsed = entries.compactMap { Self.authority(of: "http://" + $0) }
    }

    /// The start URL's host:port (port only when not the scheme's default).
    public init(startURL: String) {
        guard let normalized = URLNormalizer.normalize(startURL), let authority = Self.authority(of: normalized) else {
            self.init(hosts: []); return
        }
        self.init(hosts: [authority.port.map { "\(authority.host):\($0)" } ?? authority.host])
    }

    public static func == (a: CrawlScope, b: CrawlScope) -> Bool { a.entries == b.entries }
    public func hash(into hasher: inout Hasher) { hasher.combine(entries) }

    /// `url` must be normalised.
    public func contains(_ url: String) -> Bool {
        guard let authority = Self.authority(of: url) else { return false }
        let port = authority.port ?? (url.hasPrefix("https:") ? "443" : "80")
        return parsed.contains { entry in
            if let entryPort = entry.port, entryPort != port { return false }
            if entry.host.hasPrefix("*.") {
                return authority.host.hasSuffix(entry.host.dropFirst(1)) || authority.host == entry.host.dropFirst(2)
            }
            return entry.host == authority.host
        }
    }

    /// Host and explicit port of a normalised URL, read from its text.
    static func authority(of url: String) -> (host: String, port: String?)? {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        let rest = url[schemeEnd.upperBound...]
        var authority = rest.prefix { $0 != "/" && $0 != "?" }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        if authority.hasPrefix("[") {  // IPv6 literal
            guard let close = authority.firstIndex(of: "]") else { return nil }
            let host = String(authority[...close])
            let after = authority[authority.index(after: close)...]
            return (host, after.hasPrefix(":") ? String(after.dropFirst()) : nil)
        }
        let pieces = authority.split(separator: ":", maxSplits: 1)
        guard let host = pieces.first else { return nil }
        return (String(host), pieces.count > 1 ? String(pieces[1]) : nil)
    }
}
