import GovCore
@testable import GovRules

/// Site-rule examples and scenario fixtures: one fact a line, pages as the extractor would
/// summarise them, fed through the real `SiteSnapshotBuilder`.
///
///     now 2026-11-30                       the monitoring day
///     site ID HOMEPAGE                     the site
///     column NAME URL TYPE                 a configured column
///     override NAME TYPE                   a type override
///     page URL [found=URL] [status=N]      a fetched page; indented lines describe it:
///       title TEXT | meta Name=Value | crumb A > B | date YYYY-MM-DD[ HH:MM]
///       item DATE|- TITLE URL | text TEXT | link URL TEXT | footer TEXT | script URL
///       row CELL | CELL | …
///     probes TOTAL FAILED
///     homepage unreachable|blocked|unreadable REASON   this check could not read the homepage
///     incomplete REASON                    the crawl stopped early (budget, page cap)
///     closed PREFIX SUCCESSOR|- status=N [final=URL] [error=KIND]
///     feed ID newest=DATE|- failures=N [closed=DATE]
///     # comment (e.g. `# expect ⟦match⟧`)
///
/// ⟦…⟧ marks expected matches anywhere; markers are stripped before parsing.
struct SiteFixture {
    var now = Day(year: 2026, month: 11, day: 30)!
    var snapshot: SiteSnapshot?
    var feeds: [FeedState] = []
    var closed: [(ClosedSite, FetchOutcome)] = []

    struct ParseError: Error, CustomStringConvertible {
        let line: Int
        let reason: String
        var description: String { "fixture:\(line): \(reason)" }
    }

    /// Matches marked with ⟦…⟧, and the text without the markers.
    static func markers(_ text: String) -> (plain: String, marks: [String]) {
        var plain = "", marks: [String] = [], current: String?
        for c in text {
            switch c {
            case "⟦": current = ""
            case "⟧": if let m = current { marks.append(m) }; current = nil
            default:
                plain.append(c)
                if current != nil { current!.append(c) }
            }
        }
        return (plain, marks)
    }

    init(_ text: String) throws {
        var siteID = "", homepage = ""
        var columns: [Column] = [], overrides: [String: ColumnType] = [:]
        var pages: [(page: Page, found: String?, status: Int)] = []
        var probes: ProbeStats?
        var fault: (HomepageFault.Kind, String)?
        var incomplete: String?
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = n + 1
            let indented = raw.hasPrefix(" ")
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let (word, rest) = Self.split(line)
            func fail(_ reason: String) -> ParseError { ParseError(line: lineNumber, reason: reason) }
            func day(_ s: Substring) throws -> Day? {
                if s == "-" { return nil }
                guard let d = Day(s) else { throw fail("not a day: \(s)") }
                return d
            }
            let fields = rest.split(separator: " ")
            let options = Dictionary(
                fields.compactMap { f -> (String, String)? in
                    guard let eq = f.firstIndex(of: "=") else { return nil }
                    return (String(f[..<eq]), String(f[f.index(after: eq)...]))
                }, uniquingKeysWith: { a, _ in a })
            if indented {
                guard !pages.isEmpty else { throw fail("page detail before any page") }
                var page = pages[pages.count - 1].page
                switch word {
                case "title": page.title = rest
                case "meta":
                    guard let eq = rest.firstIndex(of: "=") else { throw fail("meta needs Name=Value") }
                    page.meta[rest[..<eq].lowercased()] = String(rest[rest.index(after: eq)...])
                case "crumb":
                    page.breadcrumb = rest.split(separator: ">").map { $0.trimmingCharacters(in: .whitespaces) }
                case "date":
                    guard let d = DateText.parseDateTime(rest) else { throw fail("not a date: \(rest)") }
                    page.printedDate = d
                case "item":
                    guard fields.count >= 3 else { throw fail("item needs DATE TITLE URL") }
                    page.listItems.append(
                        ListItem(
                            title: fields[1..<(fields.count - 1)].joined(separator: " "),
                            url: String(fields.last!), date: try day(fields[0])))
                case "text": page.blocks.append(TextBlock(scope: .body, text: rest))
                case "link":
                    guard let url = fields.first else { throw fail("link needs a URL") }
                    page.links.append(Link(url: String(url), text: fields.dropFirst().joined(separator: " ")))
                case "footer": page.footerText += rest
                case "script": page.scriptSources.append(rest)
                case "row":
                    page.tableRows.append(
                        rest.split(separator: "|", omittingEmptySubsequences: false)
                            .map { $0.trimmingCharacters(in: .whitespaces) })
                default: throw fail("unknown page detail: \(word)")
                }
                pages[pages.count - 1].page = page
                continue
            }
            switch word {
            case "now": guard let d = try day(Substring(rest)) else { throw fail("now needs a day") }; now = d
            case "site":
                guard fields.count >= 2 else { throw fail("site needs ID URL") }
                siteID = String(fields[0]); homepage = String(fields[1])
            case "column":
                guard fields.count == 3, let type = ColumnType(rawValue: String(fields[2])) else {
                    throw fail("column needs NAME URL TYPE")
                }
                columns.append(Column(name: String(fields[0]), url: String(fields[1]), type: type, configured: true))
            case "override":
                guard fields.count == 2, let type = ColumnType(rawValue: String(fields[1])) else {
                    throw fail("override needs NAME TYPE")
                }
                overrides[String(fields[0])] = type
            case "page":
                guard let url = fields.first else { throw fail("page needs a URL") }
                pages.append((Page(url: String(url)), options["found"], Int(options["status"] ?? "200") ?? 200))
            case "probes":
                guard fields.count == 2, let t = Int(fields[0]), let f = Int(fields[1]) else {
                    throw fail("probes needs TOTAL FAILED")
                }
                probes = ProbeStats(total: t, failed: f)
            case "homepage":
                guard let kind = fields.first.flatMap({ HomepageFault.Kind(rawValue: String($0)) }), fields.count >= 2
                else {
                    throw fail("homepage needs KIND REASON")
                }
                fault = (kind, fields.dropFirst().joined(separator: " "))
            case "incomplete":
                guard !rest.isEmpty else { throw fail("incomplete needs a REASON") }
                incomplete = rest
            case "closed":
                guard fields.count >= 2 else { throw fail("closed needs PREFIX SUCCESSOR") }
                let site = ClosedSite(
                    urlPrefix: String(fields[0]), successor: fields[1] == "-" ? nil : String(fields[1]))
                let error = options["error"].map { FetchError(rawValue: $0) }
                if let error, error == nil { throw fail("unknown error kind") }
                closed.append(
                    (
                        site,
                        FetchOutcome(
                            url: site.urlPrefix, finalURL: options["final"],
                            status: Int(options["status"] ?? "0") ?? 0, error: error ?? nil)
                    ))
            case "feed":
                guard let id = fields.first, let newest = options["newest"] else { throw fail("feed needs ID newest=") }
                feeds.append(
                    FeedState(
                        id: String(id), url: "http://127.0.0.1:1200/\(id)", newestItem: try day(Substring(newest)),
                        consecutiveFailures: Int(options["failures"] ?? "0") ?? 0,
                        closedOn: try options["closed"].flatMap { try day(Substring($0)) }))
            default: throw fail("unknown line: \(word)")
            }
        }
        guard !siteID.isEmpty else { return }
        let builder = SiteSnapshotBuilder(
            siteID: siteID, homepage: homepage, configuredColumns: columns, typeOverrides: overrides)
        for (page, found, status) in pages {
            builder.add(page: page, outcome: FetchOutcome(url: page.url, status: status), foundOn: found)
        }
        var snapshot = builder.finish()
        snapshot.probes = probes
        snapshot.homepageFault = fault.map { HomepageFault(url: homepage, kind: $0.0, reason: $0.1) }
        snapshot.incomplete = incomplete
        self.snapshot = snapshot
    }

    private static func split(_ line: String) -> (String, String) {
        guard let space = line.firstIndex(of: " ") else { return (line, "") }
        return (String(line[..<space]), line[line.index(after: space)...].trimmingCharacters(in: .whitespaces))
    }
}
