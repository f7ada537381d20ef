import Foundation
import GovCore

public enum RunKind: String, Sendable, Codable, CaseIterable {
    /// The nightly job over every site and feed.
    case run
    /// One site on demand.
    case scan
    /// The availability probe.
    case probe
}

public enum RunStatus: String, Sendable, Codable, CaseIterable {
    case running, finished, failed
}

public enum SiteKind: String, Sendable, Codable, CaseIterable {
    case website, feed
}

public struct RunRecord: Sendable, Hashable {
    public var id: Int64
    public var kind: RunKind
    public var status: RunStatus
    public var startedAt: Date
    public var finishedAt: Date?
    /// The office's calendar day the run judges (first_seen / last_seen use it).
    public var day: Day
    /// Sites and feeds the run set out to check.
    public var sites: [String]
    /// Sites whose results were completely written (`finishRun(id:site:)`).
    public var finishedSites: [String]
    public var note: String?
}

public struct SiteRecord: Sendable, Hashable {
    public var id: String
    public var name: String
    public var kind: SiteKind
    /// The owner (主办单位) and homepage or feed URL as last configured: `report` can rebuild
    /// a notice for a site that has since left config.yaml.
    public var owner: String
    public var url: String

    public init(id: String, name: String, kind: SiteKind, owner: String = "", url: String = "") {
        self.id = id; self.name = name; self.kind = kind; self.owner = owner; self.url = url
    }
}

/// One fetched page as the store keeps it: enough for conditional requests and for the
/// notice's page list, never the body.
public struct PageRecord: Sendable {
    public var url: String
    /// HTTP status; nil when the fetch failed before a response.
    public var status: Int?
    public var contentHash: String?
    public var etag: String?
    public var lastModified: String?
    public var fetchedAt: Date
    public var title: String?
    public var column: String?
    /// The page without its body text (links, meta, dates, list items): on the next run's
    /// 304 it feeds the site snapshot and the frontier instead of a parse.
    public var digest: Page?
    /// The page's own findings (text and page rules, before template links are merged), so
    /// a 304 carries exactly these over.
    public var findings: [Finding]

    public init(
        url: String, status: Int?, contentHash: String? = nil, etag: String? = nil,
        lastModified: String? = nil, fetchedAt: Date, title: String? = nil, column: String? = nil,
        digest: Page? = nil, findings: [Finding] = []
    ) {
        self.url = url; self.status = status; self.contentHash = contentHash; self.etag = etag
        self.lastModified = lastModified; self.fetchedAt = fetchedAt; self.title = title; self.column = column
        self.digest = digest; self.findings = findings
    }
}

/// A page as last fetched by a finished run: what a conditional request sends and what a
/// 304 replays.
public struct RememberedPage: Sendable {
    public var validators: PageValidators
    public var digest: Page?
    public var findings: [Finding]
}

/// What one fetch of a page leaves for the next run (`page_memory`, one row per page,
/// replaced by each fetch): validators, and for an HTML page its digest and own findings.
public struct PageMemoryRecord: Sendable {
    public var url: String
    public var status: Int?
    public var etag: String?
    public var lastModified: String?
    public var contentHash: String?
    public var digest: Page?
    public var findings: [Finding]

    public init(
        url: String, status: Int?, etag: String? = nil, lastModified: String? = nil, contentHash: String? = nil,
        digest: Page? = nil, findings: [Finding] = []
    ) {
        self.url = url; self.status = status; self.etag = etag; self.lastModified = lastModified
        self.contentHash = contentHash; self.digest = digest; self.findings = findings
    }
}

/// A write to `page_memory` while a site is crawled.
public enum PageMemoryUpdate: Sendable {
    /// The page was fetched (any status): its row is replaced.
    case fetched(PageMemoryRecord)
    /// The server answered 304: the row stays, now belonging to this run.
    case unchanged(url: String)
}

/// One site's part of a run as `completeSite` commits it: pages, findings and a caller's
/// summary (opaque JSON: pages checked, verdict measurements…), in one transaction.
public struct SiteResults: Sendable {
    public var pages: [PageRecord]
    public var findings: [Finding]
    public var details: Data?
    /// Why the site as a whole could not be read (homepage down, behind a WAF, over the
    /// size cap): every open finding is carried over open, none is fixed or new again.
    public var notChecked: String?
    /// Pages that could not be read this run, URL → reason: their open findings carry over.
    public var unread: [String: String]
    /// Why the crawl stopped short (page cap, time budget): open findings on pages it did not
    /// reach carry over too.
    public var partial: String?
    /// The rectification deadline of a finding first seen on a day (rule, first seen →
    /// last day); nil leaves it to the reader (the report computes it from first_seen).
    public var deadline: (@Sendable (RuleID, Day) -> Day)?

    public init(
        pages: [PageRecord], findings: [Finding], details: Data? = nil, notChecked: String? = nil,
        unread: [String: String] = [:], partial: String? = nil, deadline: (@Sendable (RuleID, Day) -> Day)? = nil
    ) {
        self.pages = pages; self.findings = findings; self.details = details; self.notChecked = notChecked
        self.unread = unread; self.partial = partial; self.deadline = deadline
    }
}

/// What a run could not check of a site (SPEC §7, fail closed): the notice says it.
public struct CheckGaps: Sendable, Hashable {
    public var notChecked: String?
    public var partial: String?
    /// URL → reason, for the pages whose findings were carried over unread.
    public var unread: [String: String]

    public init(notChecked: String? = nil, partial: String? = nil, unread: [String: String] = [:]) {
        self.notChecked = notChecked; self.partial = partial; self.unread = unread
    }

    public var isEmpty: Bool { notChecked == nil && partial == nil && unread.isEmpty }
}

/// What a conditional GET sends next time, and where the page's last results are: on a 304
/// the caller can carry over `findings(run: runID, site:, url:)`.
public struct PageValidators: Sendable, Hashable {
    public var etag: String?
    public var lastModified: String?
    public var runID: Int64
    public var contentHash: String?
}

/// Counts of one site's findings after the life cycle was computed.
public struct LifeCycleCounts: Sendable, Hashable {
    public var new: Int
    public var open: Int
    public var fixed: Int
    /// The run compared against; nil on a site's first run.
    public var previousRun: Int64?
}

public struct ProbeResult: Sendable, Hashable {
    public var site: String
    public var at: Date
    /// Opened within the limit (15 s by default) with a non-error status.
    public var ok: Bool
    public var seconds: Double
    public var status: Int?
    public var error: String?

    public init(site: String, at: Date, ok: Bool, seconds: Double, status: Int? = nil, error: String? = nil) {
        self.site = site; self.at = at; self.ok = ok; self.seconds = seconds; self.status = status; self.error = error
    }
}

/// What the store remembers of a new-media account between runs (GovCore's `FeedState` is
/// what the feed rules read; this is its stored side).
public struct FeedRecord: Sendable, Hashable {
    public var feed: String
    /// Date of the newest item seen.
    public var lastItem: LocalDateTime?
    /// Runs in a row the feed could not be read (reset by a success).
    public var consecutiveFailures: Int
    public var lastSuccess: Date?
    public var lastError: String?
}

public struct OutboxMessage: Sendable, Hashable {
    public var id: Int64
    public var runID: Int64?
    public var recipients: [String]
    public var subject: String
    /// The complete RFC 5322 message, exactly as it is to be sent (see `bodyHash`).
    public var message: Data
    public var attempts: Int
    public var lastError: String?
    public var createdAt: Date
    public var sentAt: Date?
    /// Waiting for `govlint mail --approve` (mail.review).
    public var held: Bool = false
    /// Whose notice it is (site ids, or "summary"), the day it reports, and a hash of the
    /// notice's content: what a rerun compares to send only what changed.
    public var label: String?
    public var day: String?
    public var contentHash: String?
    /// Set when the body was dropped after delivery (or by `prune`): its hash and size;
    /// `message` then holds the headers only (or nothing, for a body `prune` dropped).
    public var bodyHash: String? = nil
}
