import Foundation
import GovCore

/// What a page rule knows besides the page: the site it belongs to and the office's lists.
public struct PageContext: Sendable {
    public var siteID: String
    /// Hosts in scope, as `host` or `host:port` (config `hosts`).
    public var scopeHosts: Set<String>
    /// Domains whose links are not external (config `crawl.allowed_domains`), suffix-matched.
    public var allowedDomains: [String]
    public var closedSites: [ClosedSite]
    public var isHomepage: Bool
    /// The column the page was found under, when known.
    public var column: Column?
    /// Sensitive terms found in a text (the linker wires the lexicon); nil: hidden text is
    /// not checked for terms.
    public var sensitiveTerms: (@Sendable (String) -> [String])?
    /// Today, for dates in the future.
    public var now: Day
    /// `http://host/` and `https://host/` for each scope host, as the resolver writes them.
    private let scopeOrigins: [String]

    public init(
        siteID: String, scopeHosts: Set<String>, allowedDomains: [String] = ["gov.cn"],
        closedSites: [ClosedSite] = [], isHomepage: Bool = false, column: Column? = nil,
        sensitiveTerms: (@Sendable (String) -> [String])? = nil, now: Day
    ) {
        self.siteID = siteID; self.scopeHosts = Set(scopeHosts.map { $0.lowercased() })
        scopeOrigins = self.scopeHosts.flatMap { ["http://\($0)/", "https://\($0)/"] }
        self.allowedDomains = allowedDomains.map { $0.lowercased() }; self.closedSites = closedSites
        self.isHomepage = isHomepage; self.column = column; self.sensitiveTerms = sensitiveTerms; self.now = now
    }

    /// The link's host (or host:port) is one of the site's own.
    public func isInScope(_ url: String) -> Bool {
        guard let parts = WebURL(url) else { return true }  // relative or opaque: same site
        return isInScope(parts)
    }

    public func isInScope(_ url: WebURL) -> Bool { url.hasHost(in: scopeHosts) }

    /// Domains every government page links by rule: the 党政机关网站标识 badge
    /// (bszs.conac.cn, INDICATORS.md §2.5) must be on every page, so it is never `外链`.
    public static let identityDomains = ["conac.cn"]

    /// The link's host is, or is under, an allowed domain (gov.cn covers www.a.gov.cn).
    public func isAllowedDomain(_ url: String) -> Bool {
        guard let parts = WebURL(url) else { return true }
        return isAllowedDomain(parts)
    }

    public func isAllowedDomain(_ url: WebURL) -> Bool {
        let host = url.hostKey
        return (allowedDomains + Self.identityDomains).contains { host == $0 || host.hasSuffix("." + $0) }
    }

    /// Whether the link leaves the site for a host outside the allowed domains (nil for what
    /// is no absolute http(s) URL). Links that start with one of the site's own origins —
    /// most links of a page — are answered without parsing.
    public func leavesTheSite(_ url: String) -> Bool {
        if scopeOrigins.contains(where: { url.hasPrefix($0) }) { return false }
        guard let parts = WebURL(url) else { return false }
        return !isInScope(parts) && !isAllowedDomain(parts)
    }

}

/// A rule over one parsed page. Pure: no I/O, safe to run concurrently.
public protocol PageRule: Sendable {
    static var description: RuleDescription { get }
    func check(_ page: Page, context: PageContext) -> [Finding]
}

extension PageRule {
    public var description: RuleDescription { Self.description }
}

/// A short plain excerpt for `context`: whitespace collapsed, at most `limit` characters.
func excerpt(_ text: String, limit: Int = 80) -> String {
    let collapsed = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    return collapsed.count > limit ? String(collapsed.prefix(limit)) + "…" : collapsed
}

extension Finding {
    /// A page-rule finding with the rule's default severity.
    init(
        _ description: RuleDescription, page: Page, context: PageContext, match: String,
        excerpt: String, message: String? = nil, suggestion: String? = nil, line: Int? = nil
    ) {
        self.init(
            rule: description.id, severity: description.defaultSeverity, site: context.siteID,
            url: page.url, match: match, context: excerpt, contextHit: scalarRange(of: match, in: excerpt),
            suggestion: suggestion, message: message,
            column: context.column?.name ?? page.meta("ColumnName"),
            title: page.meta("ArticleTitle") ?? (page.title.isEmpty ? nil : page.title), line: line)
    }
}

/// Where `needle` first occurs in `text`, in Unicode scalars (Finding.contextHit's unit).
func scalarRange(of needle: String, in text: String) -> Range<Int>? {
    guard !needle.isEmpty, let r = text.range(of: needle) else { return nil }
    let start = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: r.lowerBound)
    return start..<(start + needle.unicodeScalars.count)
}
