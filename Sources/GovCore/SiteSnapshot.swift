/// What the crawl keeps of a site for the site rules: small per-page summaries and the
/// columns built from them — never whole pages (a 5,000-page site must fit in memory).
/// Built by `SiteSnapshotBuilder` (GovRules); read by `SiteRules`.
public struct SiteSnapshot: Sendable {
    public var siteID: String
    public var homepage: String
    /// Every fetched HTML page, in the order it was added.
    public var pages: [PageSummary]
    /// Configured and discovered columns with their items, typed.
    public var columns: [ColumnRecord]
    /// Dated entries listed on the homepage (its list items); empty when the homepage is a
    /// navigation-only entry page, in which case second-level pages are judged instead.
    public var homepageItems: [ListItem]
    /// Footer facts of the homepage; nil when the homepage was not fetched.
    public var footer: FooterIdentity?
    /// Messages recognised on interaction pages (留言、咨询、信箱).
    public var messages: [MessageRecord]
    /// Availability probes of the last 7 days (from the store), when known.
    public var probes: ProbeStats?
    /// Why this check could not read the homepage (nothing below it was checked); nil when
    /// it was read. `site-unreachable` reports it and the verdict is never 合格.
    public var homepageFault: HomepageFault?
    /// Why the crawl stopped before it read the whole site (site or run budget spent,
    /// interrupted, page cap `max_pages` reached); nil when it ran to the end. Rules that
    /// judge an absence (a blank or stale column, a missing annual report) stay silent on
    /// what the unread part could overturn, and the verdict is never 合格.
    public var incomplete: String?

    public init(
        siteID: String, homepage: String, pages: [PageSummary] = [], columns: [ColumnRecord] = [],
        homepageItems: [ListItem] = [], footer: FooterIdentity? = nil,
        messages: [MessageRecord] = [], probes: ProbeStats? = nil
    ) {
        self.siteID = siteID; self.homepage = homepage; self.pages = pages; self.columns = columns
        self.homepageItems = homepageItems; self.footer = footer; self.messages = messages
        self.probes = probes
    }

    public func page(_ url: String) -> PageSummary? { pages.first { $0.url == url } }
}

/// The homepage of a check that could not be read, as a fact for the rules and the verdict.
public struct HomepageFault: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable {
        /// No usable answer: refused, DNS, timeout, TLS, HTTP error (the probes judge the veto).
        case unreachable
        /// A WAF or bot wall answered instead of the site.
        case blocked
        /// An answer that is not a readable page: over the size cap, a decompression bomb,
        /// an endless body, binary content, an image, an empty body.
        case unreadable
    }

    public var url: String
    public var kind: Kind
    /// Plain Chinese, e.g. "无法连接", "被防火墙拦截 (HTTP 403)", "内容过大".
    public var reason: String

    public init(url: String, kind: Kind, reason: String) { self.url = url; self.kind = kind; self.reason = reason }

    /// What happened, e.g. "首页无法访问（无法连接）", "首页被防火墙拦截 (HTTP 403)".
    public var phrase: String {
        switch kind {
        case .unreachable: "首页无法访问（\(reason)）"
        case .blocked: "首页\(reason)"
        case .unreadable: "首页内容无法读取（\(reason)）"
        }
    }

    /// What a not-checked verdict says, e.g. "首页被防火墙拦截 (HTTP 403)，未能检查".
    public var sentence: String { phrase + "，未能检查" }
}

/// The government meta tags that identify a site (网站标签), as one page declares them.
public struct SiteMeta: Sendable, Hashable, Codable {
    public var siteName: String?
    public var siteDomain: String?
    public var siteIDCode: String?

    public init(siteName: String? = nil, siteDomain: String? = nil, siteIDCode: String? = nil) {
        self.siteName = siteName; self.siteDomain = siteDomain; self.siteIDCode = siteIDCode
    }
}

/// One crawled page, summarised for the site rules.
public struct PageSummary: Sendable, Hashable, Codable {
    public var url: String
    /// ArticleTitle meta, else the page title.
    public var title: String
    public var isHomepage: Bool
    /// The column the page declares: ColumnName meta, else the breadcrumb's last entry.
    public var declaredColumn: String?
    /// ColumnType meta as written (free text on real sites).
    public var declaredColumnType: String?
    /// The breadcrumb trail (当前位置), outermost first: a crumb that names a known column
    /// files the page there when its ColumnName meta does not.
    public var breadcrumb: [String] = []
    /// The page it was found on (a list page when it is an article).
    public var foundOn: String?
    /// The column it is filed under, decided once by `SiteSnapshotBuilder` (its declared
    /// column when known, else the deepest column directory holding it, else the list it
    /// was found on, never a hub); nil when unknown.
    public var column: String?
    public var columnType: ColumnType?
    public var pubDate: LocalDateTime?
    public var printedDate: LocalDateTime?
    /// First ~300 characters of visible body text (for classifiers and excerpts).
    public var textHead: String
    /// Internal links to other pages, kept only for 解读 and policy pages (for the
    /// interpretation rules); nil when not kept.
    public var internalLinks: [String]?
    /// A validity statement (有效/失效/废止/已修改/有效期至…) appears on the page.
    public var hasValidityLabel: Bool
    /// The document number (文号), e.g. 某政发〔2026〕3号.
    public var documentNumber: String?
    /// Its list items when it is a list page.
    public var listItems: [ListItem]
    /// The page says it has nothing to show (暂无信息 …).
    public var saysEmpty: Bool
    public var siteMeta: SiteMeta
    public var status: Int

    public init(
        url: String, title: String, isHomepage: Bool = false, declaredColumn: String? = nil,
        declaredColumnType: String? = nil, foundOn: String? = nil, column: String? = nil,
        columnType: ColumnType? = nil, pubDate: LocalDateTime? = nil, printedDate: LocalDateTime? = nil,
        textHead: String = "", internalLinks: [String]? = nil, hasValidityLabel: Bool = false,
        documentNumber: String? = nil, listItems: [ListItem] = [], saysEmpty: Bool = false,
        siteMeta: SiteMeta = SiteMeta(), status: Int = 200
    ) {
        self.url = url; self.title = title; self.isHomepage = isHomepage; self.declaredColumn = declaredColumn
        self.declaredColumnType = declaredColumnType; self.foundOn = foundOn; self.column = column
        self.columnType = columnType; self.pubDate = pubDate; self.printedDate = printedDate
        self.textHead = textHead; self.internalLinks = internalLinks; self.hasValidityLabel = hasValidityLabel
        self.documentNumber = documentNumber; self.listItems = listItems; self.saysEmpty = saysEmpty
        self.siteMeta = siteMeta; self.status = status
    }

    /// The publication day: PubDate meta, else the date printed near the title.
    public var date: Day? { pubDate?.day ?? printedDate?.day }
}

/// How a column became known; configured columns are never dropped.
public enum ColumnOrigin: String, Sendable, Codable {
    case configured, navigation, listPage, meta
}

/// An entry of a column: from a list page, or an article that belongs to the column.
public struct ColumnItem: Sendable, Hashable, Codable {
    public var title: String
    public var url: String
    public var date: Day?

    public init(title: String, url: String, date: Day?) { self.title = title; self.url = url; self.date = date }
}

/// A column (栏目) with what the crawl saw of it.
public struct ColumnRecord: Sendable, Hashable, Codable {
    public var column: Column
    public var origin: ColumnOrigin
    /// Its list pages (the first page and every pagination page seen).
    public var listPages: [String]
    public var items: [ColumnItem]
    /// At least one of its list pages was fetched (an unfetched column is unknown, not blank).
    public var fetched: Bool
    /// A fetched list page says it has nothing (暂无信息 …).
    public var saysEmpty: Bool
    /// An aggregate or hub (政务公开 overview, 最新信息): its lists gather other columns'
    /// items, so no page is filed under it and it has no type to violate.
    public var aggregate: Bool

    public init(
        column: Column, origin: ColumnOrigin, listPages: [String] = [], items: [ColumnItem] = [],
        fetched: Bool = false, saysEmpty: Bool = false, aggregate: Bool = false
    ) {
        self.column = column; self.origin = origin; self.listPages = listPages; self.items = items
        self.fetched = fetched; self.saysEmpty = saysEmpty; self.aggregate = aggregate
    }

    public var newest: Day? { items.compactMap(\.date).max() }
    public var itemCount: Int { items.count }
}

/// Footer identity facts of a page (网站标识码, 党政机关标识, ICP备案, 公安备案).
public struct FooterIdentity: Sendable, Hashable, Codable {
    /// The code printed after 网站标识码, as written.
    public var siteIDCode: String?
    /// The conac 开办者 badge (script from dcs.conac.cn, link to bszs.conac.cn or its image).
    public var conacBadge: Bool
    /// e.g. 京ICP备19014889号-1
    public var icp: String?
    /// e.g. 冀公网安备 13042002000523号
    public var publicSecurity: String?

    public init(siteIDCode: String? = nil, conacBadge: Bool = false, icp: String? = nil, publicSecurity: String? = nil)
    {
        self.siteIDCode = siteIDCode; self.conacBadge = conacBadge; self.icp = icp; self.publicSecurity = publicSecurity
    }
}

/// One public message (留言) and its reply date as a message board lists them.
public struct MessageRecord: Sendable, Hashable, Codable {
    public var title: String
    public var asked: Day
    /// nil: not answered (状态 未回复/未答复/办理中 with no reply date).
    public var answered: Day?
    /// The page that lists it.
    public var url: String

    public init(title: String, asked: Day, answered: Day?, url: String = "") {
        self.title = title; self.asked = asked; self.answered = answered; self.url = url
    }
}

/// Homepage availability probes over the look-back window (7 days).
public struct ProbeStats: Sendable, Hashable, Codable {
    public var total: Int
    public var failed: Int

    public init(total: Int, failed: Int) { self.total = total; self.failed = failed }

    public var failedRatio: Double { total == 0 ? 0 : Double(failed) / Double(total) }
}
