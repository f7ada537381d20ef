import GovCore

/// Which column a page belongs to, decided here and nowhere else. A page belongs to the most
/// specific column that claims it:
/// 1. a column's list page (its first page or a pagination page) belongs to that column;
/// 2. its ColumnName meta, else the innermost crumb of its breadcrumb, that names a known
///    column (configured, navigation or list-page column, never a hub);
/// 3. else the column whose list-page directory is the longest prefix of its URL;
/// 4. else the list it was found on, unless that list is a hub or the homepage;
/// 5. else the column its ColumnName meta alone founded.
///
/// A hub (aggregate) files nothing: a column named as one (最新信息, 综合新闻) or whose list
/// items lie mostly in two or more other columns — the 政务公开 overview page of a TRS
/// portal, listing the newest items of 通知公告, 政策文件 and 人事信息, whose pages live
/// in those columns' own directories. Filing them under the hub made the column classifier
/// report most of such a site as 信息与栏目不符.
struct ColumnFiling {
    /// Column names that gather other columns' items: no page is filed under them.
    static let aggregateWords = ["最新", "综合", "热点", "推荐", "专题", "全部", "更多", "首页"]
    /// A list is a hub when its items lie in at least this many other columns …
    static let hubMinOtherColumns = 2
    /// … and at least this share of its items lies outside its own column.
    static let hubMinOtherShare = 0.5

    /// Indexes (into the records) of the aggregate and hub columns.
    let aggregates: Set<Int>
    private let ownerByKey: [String: Int]
    private let knownByName: [String: Int]
    private let metaByName: [String: Int]
    private let columnByDirectory: [String: Int]
    private let homepageKey: String

    /// `ownerByKey`: list page key → its column's index in `records`.
    init(records: [ColumnRecord], pages: [PageSummary], ownerByKey: [String: Int], homepageKey: String) {
        self.ownerByKey = ownerByKey
        self.homepageKey = homepageKey
        var known: [String: Int] = [:], meta: [String: Int] = [:]
        for (index, record) in records.enumerated() {
            if record.origin == .meta {
                if meta[record.column.name] == nil { meta[record.column.name] = index }
            } else if known[record.column.name] == nil {
                known[record.column.name] = index
            }
        }
        knownByName = known
        metaByName = meta
        let byName = Set(
            records.indices.filter { i in Self.aggregateWords.contains { records[i].column.name.contains($0) } })

        // Hubs: where the items of each column's list pages are claimed by their own
        // declaration or directory (not by the list they are on).
        let provisional = Self.directories(records, excluding: byName)
        // Indexes, not copies: a PageSummary is a few hundred bytes of struct per page.
        var indexByKey: [String: Int] = [:]
        for (index, page) in pages.enumerated() where indexByKey[SiteSnapshotBuilder.key(page.url)] == nil {
            indexByKey[SiteSnapshotBuilder.key(page.url)] = index
        }
        let pageByKey = { (key: String) in indexByKey[key].map { pages[$0] } }
        var hubs = byName
        for (index, record) in records.enumerated() where !hubs.contains(index) {
            var seen = Set<String>()
            var inOthers = 0, total = 0
            var others = Set<Int>()
            for listPage in record.listPages {
                for item in pageByKey(SiteSnapshotBuilder.key(listPage))?.listItems ?? [] {
                    let k = SiteSnapshotBuilder.key(item.url)
                    guard seen.insert(k).inserted else { continue }
                    total += 1
                    let claimed =
                        ownerByKey[k]
                        ?? pageByKey(k).flatMap { Self.declared($0, known: known, aggregates: byName) }
                        ?? Self.directoryColumn(of: item.url, in: provisional)
                    if let claimed, claimed != index {
                        inOthers += 1
                        others.insert(claimed)
                    }
                }
            }
            if others.count >= Self.hubMinOtherColumns, Double(inOthers) >= Self.hubMinOtherShare * Double(total) {
                hubs.insert(index)
            }
        }
        aggregates = hubs
        columnByDirectory = Self.directories(records, excluding: hubs)
    }

    /// The index of the column `page` belongs to; nil when none claims it.
    func column(of page: PageSummary) -> Int? {
        let k = SiteSnapshotBuilder.key(page.url)
        if let own = ownerByKey[k] { return own }
        if let declared = Self.declared(page, known: knownByName, aggregates: aggregates) { return declared }
        if let directory = Self.directoryColumn(of: page.url, in: columnByDirectory) { return directory }
        if let found = page.foundOn, SiteSnapshotBuilder.key(found) != homepageKey,
            let list = ownerByKey[SiteSnapshotBuilder.key(found)], !aggregates.contains(list)
        {
            return list
        }
        return page.declaredColumn.flatMap { metaByName[$0] }
    }

    /// The known column the page's ColumnName meta or breadcrumb names (innermost first).
    private static func declared(_ page: PageSummary, known: [String: Int], aggregates: Set<Int>) -> Int? {
        for name in [page.declaredColumn].compactMap({ $0 }) + page.breadcrumb.reversed() {
            if let index = known[name.trimmingCharacters(in: .whitespacesAndNewlines)], !aggregates.contains(index) {
                return index
            }
        }
        return nil
    }

    /// Directory of each list page → its column (first column first), never the site root
    /// (a list page at /list.jsp?cat=3 claims no directory).
    private static func directories(_ records: [ColumnRecord], excluding: Set<Int>) -> [String: Int] {
        var out: [String: Int] = [:]
        for (index, record) in records.enumerated() where !excluding.contains(index) {
            for listPage in record.listPages {
                let directory = SiteSnapshotBuilder.directory(of: listPage)
                if directory.filter({ $0 == "/" }).count >= 4, out[directory] == nil { out[directory] = index }
            }
        }
        return out
    }

    /// The column whose directory is the longest prefix of the URL's path.
    private static func directoryColumn(of url: String, in directories: [String: Int]) -> Int? {
        var path = SiteSnapshotBuilder.key(url)
        if let q = path.firstIndex(of: "?") { path = String(path[..<q]) }
        while let slash = path.dropLast().lastIndex(of: "/") {
            path = String(path[...slash])
            if let index = directories[path] { return index }
        }
        return nil
    }
}

extension SiteSnapshot {
    /// Page key → the column the builder filed the page under (`ColumnFiling`).
    private var filedColumns: [String: String] {
        var out: [String: String] = [:]
        for page in pages { if let column = page.column { out[SiteSnapshotBuilder.key(page.url)] = column } }
        return out
    }

    /// Gives each finding its page's column as the snapshot filed it: a page's text findings
    /// are made before the site's columns are known, so they carry its declared column until
    /// here (one column per page, in the notice, the store and the rules alike).
    public func refile(_ findings: inout [Finding]) {
        let filed = filedColumn()
        for i in findings.indices {
            if let column = filed(findings[i].url) { findings[i].column = column }
        }
    }

    /// Keys of the pages fetched and answered (2xx, or 304 and replayed).
    func readPageKeys() -> Set<String> {
        Set(
            pages.filter { (200..<300).contains($0.status) || $0.status == 304 }.map { SiteSnapshotBuilder.key($0.url) }
        )
    }

    /// The column the snapshot filed the page at `url` under, for many URLs at once.
    public func filedColumn() -> (String) -> String? {
        let filed = filedColumns
        return { filed[SiteSnapshotBuilder.key($0)] }
    }
}
