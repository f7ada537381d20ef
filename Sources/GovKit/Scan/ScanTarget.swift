import Foundation
import GovConfig
import GovCore
import GovCrawl
import GovRules

/// One website to scan, resolved from config.yaml or from a bare URL (`scan URL`).
public struct ScanTarget: Sendable {
    public var id: String
    public var name: String
    public var owner: String
    public var url: String
    public var hosts: [String]
    public var columns: [Column]
    /// XPath selectors of the site's message board, when its layout needs them.
    public var interaction: Config.Interaction?
    /// The name is the host (a bare `scan URL`): the homepage's SiteName meta names it better.
    public var nameIsHost = false
    /// The site's own attachment caps; nil: the config's top-level ones.
    public var attachments: Config.Attachments?

    public init(site: Config.Site) {
        id = site.id; name = site.name; owner = site.owner; url = site.url
        hosts = site.hosts; columns = site.columns; interaction = site.interaction
        attachments = site.attachments
    }

    /// `scan URL` needs no config: the site is the URL's host.
    public init(url: String) throws(Failure) {
        guard let normalized = URLNormalizer.normalize(url), let parts = WebURL(normalized) else {
            throw Failure.usage("scan: `\(url)` is not an http(s) URL or a site id from the config")
        }
        let scope = CrawlScope(startURL: normalized)
        // host and port: two sites on one host are two sites in the store.
        let host = parts.hostKey
        let port = parts.port.map { "-\($0)" } ?? ""
        id = (host + port).map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
        name = host
        nameIsHost = true
        owner = host
        self.url = normalized
        hosts = scope.entries
        columns = []
        interaction = nil
        attachments = nil
    }
}

/// Maps config.yaml (and command-line overrides) onto each module's own settings, once.
package enum SettingsMapping {
    package static func crawlOptions(_ crawl: Config.Crawl?) -> CrawlOptions {
        var options = CrawlOptions()
        guard let crawl else { return options }
        options.userAgent = crawl.userAgent
        options.maxPages = crawl.maxPages
        options.maxDepth = crawl.maxDepth
        options.perHostConnections = crawl.perHostConnections
        options.globalConnections = crawl.globalConnections
        options.delayMs = crawl.delayMs
        options.timeoutSeconds = Double(crawl.timeoutS)
        options.maxBodyBytes = crawl.maxBodyMB << 20
        options.respectRobots = crawl.respectRobots
        options.checkExternal = crawl.checkExternalLinks
        options.trackingParameters = crawl.trackingParams
        options.proxy = crawl.proxy
        options.hostLimits = crawl.hosts.mapValues { HostLimits(connections: $0.connections, delayMs: $0.delayMs) }
        options.siteBudgetSeconds = crawl.siteBudgetMinutes.map { $0 * 60 }
        return options
    }

    static func ruleSettings(_ rules: Config.Rules?) -> SiteRuleSettings {
        var settings = SiteRuleSettings()
        guard let rules else { return settings }
        settings.homepageStaleDays = rules.homepageStaleDays
        for (type, days) in rules.columnStaleDays { settings.columnStaleDays[type] = days > 0 ? days : nil }
        settings.rectifyWorkingDays = rules.rectifyWorkingDays
        settings.replyWorkingDays = rules.replyWorkingDays
        settings.interpretationWorkingDays = rules.interpretationWorkingDays
        settings.annualReportDeadline = .init(
            month: rules.annualReportDeadline.month, day: rules.annualReportDeadline.day)
        settings.warn = .init(
            homepageStaleDays: rules.warn.homepageStaleDays, blankColumns: rules.warn.blankColumns,
            unreachableRatio: rules.warn.unreachableRatio, staleColumns: rules.warn.staleColumns)
        settings.feedWarnDays = rules.warn.feedStaleDays
        settings.unreachableMinProbes = rules.unreachable.minProbes
        settings.unreachableRatio = rules.unreachable.vetoRatio
        settings.feedStaleDays = rules.feedStaleDays
        settings.feedUnreadableRuns = rules.feedUnreadableRuns
        settings.policy = policy(rules)
        return settings
    }

    /// config.yaml's severity, disable and weight overrides: the one FindingPolicy of a command.
    package static func policy(_ rules: Config.Rules?) -> FindingPolicy {
        guard let rules else { return FindingPolicy() }
        return FindingPolicy(severity: rules.severity, disabled: rules.disable, points: rules.weights)
    }

    static func closedSites(_ config: Config?) -> [ClosedSite] {
        (config?.closedSites ?? []).map {
            ClosedSite(urlPrefix: $0.url, successor: $0.successor, closedOn: $0.closedOn)
        }
    }

    /// The official calendar plus `rules.extra_holidays` (same TSV format as data/holidays).
    static func calendar(_ rules: Config.Rules?) throws(Failure) -> WorkingCalendar {
        guard let path = rules?.extraHolidays else { return .standard }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw Failure.badInput("\(path): cannot read extra_holidays")
        }
        var holidays: [Day] = [], workdays: [Day] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let fields = line.split(separator: "\t").map(String.init)
            guard let first = fields.first, !first.hasPrefix("#"), !first.hasPrefix("date"), !first.isEmpty else {
                continue
            }
            guard let day = Day(first), fields.count >= 3, ["holiday", "workday"].contains(fields[2]) else {
                throw Failure.badInput("\(path):\(index + 1): expected date<TAB>weekday<TAB>holiday|workday")
            }
            if fields[2] == "holiday" { holidays.append(day) } else { workdays.append(day) }
        }
        return WorkingCalendar(extraHolidays: holidays, extraWorkdays: workdays)
    }
}
