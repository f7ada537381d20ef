import Foundation
import GovCore

/// Turns crawled pages into a `SiteSnapshot`: a summary per page as it arrives (the page
/// itself is dropped), then columns discovered, typed and filled when the crawl ends.
/// Thread-safe: `add` may be called from several extraction threads.
public final class SiteSnapshotBuilder: @unchecked Sendable {
    /// Characters of body text kept per page.
    public static let textHeadLength = 300
    /// Internal links kept per 解读/policy page.
    static let internalLinkLimit = 200
    /// Breadcrumb tails that name the page, not its column.
    static let genericCrumbs: Set<String> = ["正文", "详情", "详细内容", "内容", "文章", "详细信息", "查看详情", "阅读"]

    private let siteID: String
    private let homepage: String
    /// Every URL entering the snapshot is normalised here (the crawler's tracking parameters),
    /// once, so that `key` compares without parsing.
    private let tracking: TrackingParameters
    private let homepageKey: String
    private let configuredColumns: [Column]
    /// Keys of the configured 解读/policy columns' list pages.
    private let policyColumnKeys: Set<String>
    private let typeOverrides: [String: ColumnType]
    private let scopeHosts: Set<String>
    private let listPageMinItems: Int

    private let lock = NSLock()
    private var pages: [PageSummary] = []
    private var homepageItems: [ListItem] = []
    private var navigationColumns: [Column] = []
    private var footer: FooterIdentity?
    private var messages: [MessageRecord] = []

    /// `scopeHosts`: host or host:port of the site (default: the homepage's).
    public init(
        siteID: String, homepage: String, configuredColumns: [Column],
        typeOverrides: [String: ColumnType] = [:], scopeHosts: Set<String> = [],
        listPageMinItems: Int = MetadataRule.listPageMinItems, tracking: TrackingParameters = .standard
    ) {
        self.siteID = siteID
        self.homepage = homepage
        self.tracking = tracking
        homepageKey = Self.key(Self.normalized(homepage, tracking))
        var columns = configuredColumns
        for i in columns.indices { columns[i].url = Self.normalized(columns[i].url, tracking) }
        self.configuredColumns = columns
        policyColumnKeys = Set(
            columns.filter { [.interpretation, .policy, .normative].contains($0.type) }.map { Self.key($0.url) })
        self.typeOverrides = typeOverrides
        let own = WebURL(homepage).map { Set([$0.hostPort]) } ?? []
        self.scopeHosts = Set((scopeHosts.isEmpty ? own : scopeHosts).map { $0.lowercased() })
        self.listPageMinItems = listPageMinItems
    }

    /// The text's words joined by single spaces, cut to its first `limit` characters; reads
    /// only as far as it keeps (splitting the whole body first was a quarter of `add`).
    /// Built as bytes and made a string of exactly their size: the head is kept for every
    /// page of the site until its commit, and a grown string kept a third more.
    static func collapsedHead(_ text: String, limit: Int) -> String {
        var out: [UInt8] = []
        var count = 0
        var pendingSpace = false
        for c in text {
            if c.isWhitespace { pendingSpace = count > 0; continue }
            if pendingSpace {
                if count == limit { break }
                out.append(0x20)
                count += 1
                pendingSpace = false
            }
            if count == limit { break }
            out.append(contentsOf: c.utf8)
            count += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Characters of body text a digest keeps as its head: what the document number is read
    /// from (the text head is its first `textHeadLength`).
    public static let digestHeadLength = 600

    /// The page as the snapshot and the frontier read it, without the rest of its text: what
    /// the store keeps for the next run's 304 and what `add` is given on a fresh fetch too, so
    /// a replayed page yields exactly the snapshot of a fresh one. It keeps the body's head,
    /// every later block that states validity, a message date or an empty list (the signals
    /// `add` reads from the whole page), the links without their anchor text (the homepage
    /// keeps its links whole, for the navigation columns, and its footer and scripts, for the
    /// site identity), and the page's meta, crumbs, dates, list items and table rows.
    /// Regression: a normative document whose validity line lay past the head got
    /// `validity-label` on every repeat crawl and never on a first one.
    public static func digest(of page: Page, isHomepage: Bool) -> Page {
        var digest = page
        let visible = page.blocks.filter { $0.scope != .hidden && $0.scope != .title }
        let isBody = { (block: TextBlock) in block.scope == .body || block.scope == .heading }
        let body = visible.filter(isBody).map(\.text).joined(separator: " ")
        if visible.contains(where: { block in PageSignals.askedLabels.contains { block.text.utf8Contains($0) } }) {
            // A message page: its dates may lie anywhere in its (short) text.
            digest.blocks = visible
        } else if body.count <= digestHeadLength {
            digest.blocks = visible.filter { isBody($0) || carriesSignal($0.text) }
        } else {
            // The head, then every block with a signal (those inside the head again: after
            // the head they change neither the text head nor the document number).
            digest.blocks =
                [TextBlock(scope: .body, text: String(body.prefix(digestHeadLength)))]
                + visible.filter { carriesSignal($0.text) }
        }
        if isHomepage {
            // The footer `add` falls back to when the page names none.
            if page.footerText.isEmpty {
                digest.footerText = String(visible.map(\.text).joined(separator: "\n").suffix(600))
            }
        } else {
            digest.links = page.links.map { Link(url: $0.url, kind: $0.kind, hiddenBy: $0.hiddenBy) }
            digest.footerText = ""
            digest.scriptSources = []
        }
        return digest
    }

    /// A block `add` reads beyond the head: a validity statement or an empty list's note.
    static func carriesSignal(_ text: String) -> Bool {
        PageSignals.hasValidityLabel(blocks: [text], cells: [])
            || PageSignals.emptyNotes.contains { text.utf8Contains($0) }
    }

    /// Records one fetched page, as its `digest` (a fresh page and its 304 replay alike).
    /// `foundOn`: the page whose link led here (its list page).
    public func add(page: Page, outcome: FetchOutcome, foundOn rawFoundOn: String?) {
        let url = normalized(page.url)
        let foundOn = rawFoundOn.map(normalized)
        let isHomepage = Self.key(url) == homepageKey || Self.key(normalized(outcome.finalURL)) == homepageKey
        let visible = page.blocks.filter { $0.scope != .hidden && $0.scope != .title }.map(\.text)
        let body = page.blocks.filter { $0.scope == .body || $0.scope == .heading }.map(\.text).joined(separator: " ")
        var listItems = page.listItems
        for i in listItems.indices { listItems[i].url = normalized(listItems[i].url) }
        let crumbs = page.breadcrumb.filter { !Self.genericCrumbs.contains($0) }
        let declared = page.meta("ColumnName") ?? crumbs.last
        let title = page.meta("ArticleTitle") ?? page.title
        let documentNumber = PageSignals.documentNumber(in: title + "\n" + String(body.unicodeScalars.prefix(600)))
        let declaredType = declared.map { ColumnTyping.type(ofName: $0, overrides: typeOverrides) }
        let keepsLinks =
            PolicyPages.interpretationWords.contains { title.utf8Contains($0) } || documentNumber != nil
            || [.interpretation, .policy, .normative].contains(declaredType)
            || foundOn.map { policyColumnKeys.contains(Self.key($0)) } == true
        var internalLinks: [String]?
        if keepsLinks {
            var kept: [String] = []
            var seen = Set<String>()
            let pageKey = Self.key(url)
            for link in page.links where link.kind == .anchor || link.kind == .attachment {
                guard kept.count < Self.internalLinkLimit, isInScope(link.url) else { continue }
                let target = normalized(link.url)
                let targetKey = Self.key(target)
                guard targetKey != homepageKey, targetKey != pageKey,
                    seen.insert(target).inserted
                else { continue }
                kept.append(target)
            }
            internalLinks = kept
        }
        var summary = PageSummary(
            url: url, title: title, isHomepage: isHomepage, declaredColumn: declared,
            declaredColumnType: page.meta("ColumnType"), foundOn: foundOn,
            pubDate: page.pubDate, printedDate: page.printedDate,
            textHead: Self.collapsedHead(body, limit: Self.textHeadLength),
            internalLinks: internalLinks,
            hasValidityLabel: PageSignals.hasValidityLabel(blocks: visible, cells: page.tableRows.flatMap { $0 }),
            documentNumber: documentNumber, listItems: listItems,
            saysEmpty: page.listItems.isEmpty && PageSignals.saysEmpty(body),
            siteMeta: SiteMeta(
                siteName: page.meta("SiteName"), siteDomain: page.meta("SiteDomain"),
                siteIDCode: page.meta("SiteIDCode")),
            status: outcome.status)
        summary.breadcrumb = crumbs
        let found = PageSignals.messages(tableRows: page.tableRows, blocks: visible, title: title, url: url)

        var navigation: [Column] = []
        var identity: FooterIdentity?
        if isHomepage {
            let listed = Set(listItems.map(\.url))
            var seen = Set<String>()
            for link in page.links where link.kind == .anchor && !link.isHidden && isInScope(link.url) {
                let name = link.text.trimmingCharacters(in: .whitespacesAndNewlines)
                let target = normalized(link.url)
                guard !listed.contains(target), ColumnTyping.isColumnLikeName(name),
                    seen.insert(name).inserted
                else { continue }
                navigation.append(
                    Column(
                        name: name, url: target,
                        type: ColumnTyping.type(ofName: name, overrides: typeOverrides)))
            }
            let footerText =
                page.footerText.isEmpty ? String(visible.joined(separator: "\n").suffix(600)) : page.footerText
            identity = PageSignals.footerIdentity(
                footerText: footerText, scriptSources: page.scriptSources, links: page.links)
        }

        lock.lock()
        defer { lock.unlock() }
        pages.append(summary)
        messages.append(contentsOf: found)
        if isHomepage {
            homepageItems = listItems
            navigationColumns = navigation
            footer = identity
        }
    }

    /// Builds the snapshot. Passes, in order (each needs the one before):
    /// 1. columns: configured, then navigation, then list pages (with their pagination),
    ///    then ColumnName metas — so a list page joins a known column before founding one;
    /// 2. hubs, then each page's column (`filing`, the one place that decides it) — needs
    ///    every column from pass 1;
    /// 3. column items and dates from list items and the pages filed in them — needs pass 2.
    /// Records messages read by the site's configured XPath selectors (`interaction` in
    /// config): `asked`, `answered` and `status` are the selected texts of one message.
    /// A record without a readable asked date is skipped; a pending status or an empty
    /// answer date means unanswered.
    public func add(messageFields records: [[String: String]], url: String) {
        let found = records.compactMap { record -> MessageRecord? in
            guard let asked = record["asked"].flatMap(DateText.parseDateTime)?.day else { return nil }
            let status = record["status"] ?? ""
            let pending = PageSignals.pendingWords.contains { status.utf8Contains($0) }
            let answered = pending ? nil : record["answered"].flatMap(DateText.parseDateTime)?.day
            return MessageRecord(title: record["title"] ?? "", asked: asked, answered: answered, url: url)
        }
        lock.lock()
        defer { lock.unlock() }
        messages.append(contentsOf: found)
    }

    /// The site's snapshot, once, when its crawl has ended: the pages are handed over, not
    /// copied (filing each page would otherwise copy every summary of a 100k-page site).
    public func finish() -> SiteSnapshot {
        lock.lock()
        var pages = self.pages
        self.pages = []
        let homepageItems = self.homepageItems, navigationColumns = self.navigationColumns
        let footer = self.footer
        var seenMessages = Set<String>()
        let messages = self.messages.filter { seenMessages.insert("\($0.title)\u{1F}\($0.asked)").inserted }
        lock.unlock()

        // Pass 1: columns. Lookups go through indexes kept beside `records`: a site of
        // 20,000 pages has hundreds of list pages, and scanning them per page was quadratic.
        var records: [ColumnRecord] = []
        var ownerByKey: [String: Int] = [:]  // list page → its column
        var indexByName: [String: Int] = [:]
        var listPagesByDirectory: [String: [(record: Int, url: String)]] = [:]
        func addListPage(_ url: String, to index: Int, appending: Bool = true) {
            if appending { records[index].listPages.append(url) }
            let key = Self.key(url)
            if ownerByKey[key] == nil { ownerByKey[key] = index }
            listPagesByDirectory[Self.directory(of: key), default: []].append((index, url))
        }
        func appendRecord(_ record: ColumnRecord) {
            records.append(record)
            let index = records.count - 1
            if indexByName[record.column.name] == nil { indexByName[record.column.name] = index }
            for url in record.listPages { addListPage(url, to: index, appending: false) }
        }
        func columnIndex(url: String) -> Int? { ownerByKey[Self.key(url)] }
        func columnIndex(name: String) -> Int? { indexByName[name] }
        /// The column whose list page this URL paginates (same directory, index_2.html, ?page=3).
        func paginationParent(of url: String) -> Int? {
            let candidates = listPagesByDirectory[Self.directory(of: url)] ?? []
            return candidates.filter { Self.isPagination(url, of: $0.url) }.map(\.record).min()
        }
        for column in configuredColumns {
            var c = column
            c.configured = true
            appendRecord(ColumnRecord(column: c, origin: .configured, listPages: [column.url]))
        }
        for column in navigationColumns
        where columnIndex(url: column.url) == nil && columnIndex(name: column.name) == nil {
            appendRecord(ColumnRecord(column: column, origin: .navigation, listPages: [column.url]))
        }
        var pageIndexByURL: [String: Int] = [:]
        for (i, page) in pages.enumerated() { pageIndexByURL[Self.key(page.url)] = i }

        // A pagination page joins its first page's column, so pages that look like one
        // (index_2.html, ?page=3) come after the others whatever order the crawl found them in.
        let listCandidates = pages.filter { !$0.isHomepage && $0.listItems.count >= listPageMinItems }
        for page in listCandidates.filter({ !Self.looksLikePagination($0.url) })
            + listCandidates.filter({ Self.looksLikePagination($0.url) })
        {
            if columnIndex(url: page.url) != nil { continue }
            let target = page.declaredColumn.flatMap(columnIndex(name:)) ?? paginationParent(of: page.url)
            if let target {
                addListPage(page.url, to: target)
            } else {
                let name = page.declaredColumn ?? Self.columnName(fromTitle: page.title)
                appendRecord(
                    ColumnRecord(
                        column: Column(
                            name: name, url: page.url, type: type(name: name, declared: page.declaredColumnType)),
                        origin: .listPage, listPages: [page.url]))
            }
        }
        // A column's last list page often lists fewer items than a list page needs (index_2.html
        // with 3 entries): it still paginates its column and is no article of it.
        for page in pages
        where !page.isHomepage && !page.listItems.isEmpty && page.listItems.count < listPageMinItems
            && Self.looksLikePagination(page.url) && columnIndex(url: page.url) == nil
        {
            if let parent = paginationParent(of: page.url) { addListPage(page.url, to: parent) }
        }
        for page in pages where !page.isHomepage {
            guard let name = page.declaredColumn,
                columnIndex(name: name) == nil, page.listItems.count < listPageMinItems,
                page.date != nil
            else { continue }
            let home = page.foundOn ?? Self.directory(of: page.url)
            appendRecord(
                ColumnRecord(
                    column: Column(name: name, url: home, type: type(name: name, declared: page.declaredColumnType)),
                    origin: .meta, listPages: []))
        }

        // Pass 2: hubs, then the column of each page.
        let filing = ColumnFiling(records: records, pages: pages, ownerByKey: ownerByKey, homepageKey: homepageKey)
        for index in filing.aggregates { records[index].aggregate = true }
        for i in pages.indices where !pages[i].isHomepage {
            if let column = filing.column(of: pages[i]) {
                pages[i].column = records[column].column.name
                pages[i].columnType = records[column].column.type
            }
        }
        var pagesByColumn: [String: [Int]] = [:]
        for (i, page) in pages.enumerated() {
            if let column = page.column { pagesByColumn[column, default: []].append(i) }
        }

        // Pass 3: items, dates, fetched/empty.
        for r in records.indices {
            var items: [ColumnItem] = []
            var position: [String: Int] = [:]
            func add(_ item: ColumnItem) {
                let k = Self.key(item.url)
                if let at = position[k] {
                    if items[at].date == nil { items[at].date = item.date }
                } else {
                    position[k] = items.count
                    items.append(item)
                }
            }
            for listPage in records[r].listPages {
                guard let p = pageIndexByURL[Self.key(listPage)].map({ pages[$0] }) else { continue }
                records[r].fetched = records[r].fetched || (200..<300).contains(p.status) || p.status == 304
                records[r].saysEmpty = records[r].saysEmpty || p.saysEmpty
                for item in p.listItems { add(ColumnItem(title: item.title, url: item.url, date: item.date)) }
            }
            let listPages = Set(records[r].listPages.map(Self.key))
            for i in pagesByColumn[records[r].column.name] ?? [] where !listPages.contains(Self.key(pages[i].url)) {
                add(ColumnItem(title: pages[i].title, url: pages[i].url, date: pages[i].date))
            }
            records[r].items = items
        }

        return SiteSnapshot(
            siteID: siteID, homepage: homepage, pages: pages, columns: records,
            homepageItems: homepageItems, footer: footer, messages: messages)
    }

    private func type(name: String, declared: String?) -> ColumnType {
        let byName = ColumnTyping.type(ofName: name, overrides: typeOverrides)
        guard byName == .other, let declared else { return byName }
        return ColumnTyping.type(ofName: declared, overrides: typeOverrides)
    }

    private func isInScope(_ url: String) -> Bool {
        WebURL(url)?.hasHost(in: scopeHosts) ?? false
    }

    /// A pagination page of a column's list page: index_2.html / list_3.shtml beside it, or
    /// the same path with a page number in the query (?page=2, ?pageNo=3).
    static func isPagination(_ url: String, of base: String) -> Bool {
        let a = key(url), b = key(base)
        guard a != b, directory(of: a) == directory(of: b) else { return false }
        func split(_ u: String) -> (file: String, query: String) {
            let q = u.firstIndex(of: "?")
            let path = q.map { String(u[..<$0]) } ?? u
            let file = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? ""
            return (file, q.map { String(u[$0...]).lowercased() } ?? "")
        }
        let (fileA, queryA) = split(a), (fileB, _) = split(b)
        if fileA == fileB {
            return ["page", "pn=", "pageno", "p=", "curpage"].contains { queryA.contains($0) }
        }
        // index_2.html, list_3.shtml, 2.htm next to index.html or the directory itself.
        let stem = fileA.split(separator: ".").first.map(String.init) ?? fileA
        let number = stem.split(separator: "_").last.map(String.init) ?? stem
        let prefix = stem.dropLast(number.count)
        let baseStem = fileB.split(separator: ".").first.map(String.init) ?? fileB
        return !number.isEmpty && number.allSatisfy(\.isASCII) && Int(number) != nil
            && (prefix.isEmpty || prefix.hasSuffix("_"))
            && (fileB.isEmpty || baseStem == String(prefix.dropLast())
                || ["index", "list", "default"].contains(baseStem))
    }

    /// A URL named like a list's next page: index_2.html, list_3.shtml, default_4.htm, or a
    /// page number in the query (a bare 2.html is as likely an article).
    static func looksLikePagination(_ url: String) -> Bool {
        let k = key(url)
        if let q = k.firstIndex(of: "?") {
            let query = k[q...].lowercased()
            return ["page", "pn=", "pageno", "p=", "curpage"].contains { query.contains($0) }
        }
        let file = k.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        let stem = (file.split(separator: ".").first.map(String.init) ?? file).lowercased()
        guard let underscore = stem.lastIndex(of: "_") else { return false }
        let number = stem[stem.index(after: underscore)...]
        return !number.isEmpty && number.allSatisfy(\.isASCII) && Int(number) != nil
            && ["index", "list", "default"].contains(String(stem[..<underscore]))
    }

    /// "政务动态 - 某某县人民政府" → "政务动态".
    static func columnName(fromTitle title: String) -> String {
        let separators: Set<Character> = ["-", "_", "|", "—", "–", "｜"]
        let head = title.split(whereSeparator: { separators.contains($0) }).first.map(String.init) ?? title
        return head.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Comparison key of a snapshot URL (`URLNormalizer.documentKey(ofNormalized:)`): every
    /// URL in a snapshot was normalised when it entered the builder.
    static func key(_ url: String) -> String { URLNormalizer.documentKey(ofNormalized: url) }

    private static func normalized(_ url: String, _ tracking: TrackingParameters) -> String {
        URLNormalizer.normalize(url, removing: tracking) ?? url
    }

    private func normalized(_ url: String) -> String { Self.normalized(url, tracking) }

    static func sameURL(_ a: String, _ b: String) -> Bool { key(a) == key(b) }

    /// "https://h/zwdt/index_2.html?page=3" → "https://h/zwdt/".
    static func directory(of url: String) -> String {
        var u = key(url)
        if let q = u.firstIndex(of: "?") { u = String(u[..<q]) }
        if let slash = u.lastIndex(of: "/") { u = String(u[...slash]) }
        return u
    }
}
