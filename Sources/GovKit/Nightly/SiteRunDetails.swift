import Foundation
import GovCore
import GovRules

/// What the store keeps of one site's part of a run besides its pages and findings (JSON in
/// `run_sites.details`): enough for `report` to rebuild the notice's scope and to judge the
/// verdict again under today's ignore list.
package struct SiteRunDetails: Codable, Sendable {
    enum Kind: String, Codable, Sendable { case website, feed }

    var kind: Kind
    package var pagesChecked: Int
    /// Pages the server answered 304 (unchanged since the last run).
    var notModified: Int = 0
    var columnsChecked: Int = 0
    var homepageAgeDays: Int?
    var probes: ProbeStats?
    var feedAgeDays: Int?
    /// Feeds: the newest item's day (最近更新).
    var lastPost: Day?
    /// Why the homepage or feed could not be read, when it could not: the verdict is then
    /// 未能检查 (or 不合格), never 合格, on `run` and on every later `report`.
    var fetchError: String?
    var seconds: Double = 0
    /// Why the site's crawl ended before its frontier was empty (site budget, run budget,
    /// interruption): the site was judged on what was read and the notice says 未能检查完整.
    var incomplete: String?
    /// Pages and links left unrequested when the crawl was stopped.
    var notFetched: Int = 0

    func encoded() -> Data? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try? encoder.encode(self)
    }

    static func decode(_ data: Data?) -> SiteRunDetails? {
        data.flatMap { try? JSONDecoder().decode(SiteRunDetails.self, from: $0) }
    }

    /// The verdict over the findings that count (not fixed, not ignored): Judge's lines with
    /// this run's measurements, so an entry added to the ignore list later changes it too.
    func verdict(active: [Finding], settings: SiteRuleSettings) -> Verdict {
        let counts = SiteCounts(
            homepageAgeDays: homepageAgeDays,
            blankColumns: active.count(where: { $0.rule == .columnEmpty }),
            staleColumns: active.count(where: { $0.rule == .columnStale }),
            probes: probes, feedAgeDays: feedAgeDays,
            notChecked: fetchError.map { kind == .feed ? "本次未能读取该账号的信息源（\($0)），未能检查" : $0 })
        var verdict = Judge.verdict(findings: active, counts: counts, settings: settings)
        if let incomplete {
            // Fail closed: a site not read to the end is never 合格 on the part not read.
            verdict.passed = false
            verdict.notChecked =
                verdict.notChecked ?? "未能检查完整：\(SiteScanner.incompleteReason(incomplete))，"
                + "仅检查了 \(pagesChecked) 个页面，另有 \(notFetched) 个页面或链接未能检查"
        }
        return verdict
    }
}

/// Where a page's evidence copy (网页定位) lives: `<site folder>/evidence/<hash of URL>.html`,
/// the same name every run, so a page unchanged since the last run (304) reuses its copy.
enum EvidenceFile {
    static func name(for url: String) -> String { ContentHash.hex(Array(url.utf8)) + ".html" }

    static func relativePath(for url: String) -> String { "evidence/" + name(for: url) }
}
