import GovCore

/// `config.yaml` decoded into typed values (SPEC §4). Every default is the national
/// indicators' value (INDICATORS.md §1), so a minimal config judges by the national lines.
/// Paths are already resolved against the config file's folder.
public struct Config: Sendable {
    /// The config file the values came from (as given to `load`), for messages.
    public var file: String
    public var office: Office
    public var paths: Paths
    public var crawl: Crawl
    /// Defaults for every site's attachments (a site's own `attachments:` overrides them).
    public var attachments: Attachments
    public var rules: Rules
    /// nil when the config has no `mail:` section (`scan` and `check` need none).
    public var mail: Mail?
    public var notice: Notice = Notice()
    public var store: StoreSettings = StoreSettings()
    public var sites: [Site]
    public var feeds: [Feed]
    public var closedSites: [ClosedSite]
    /// Positions of decoded items, for warnings ("sites[2].recipients" → line/column).
    var marks: [String: SourceMark]

    public init(
        file: String = "config.yaml", office: Office = Office(),
        paths: Paths = Paths(), crawl: Crawl = Crawl(), rules: Rules = Rules(), mail: Mail? = nil,
        sites: [Site] = [], feeds: [Feed] = [], closedSites: [ClosedSite] = []
    ) {
        self.file = file; self.office = office; self.paths = paths
        self.crawl = crawl; self.attachments = Attachments(); self.rules = rules; self.mail = mail; self.sites = sites;
        self.feeds = feeds
        self.closedSites = closedSites; self.marks = [:]
    }

    /// The site or feed with this id.
    public func site(id: String) -> Site? { sites.first { $0.id == id } }
    public func feed(id: String) -> Feed? { feeds.first { $0.id == id } }

    /// Who issues the notices.
    public struct Office: Sendable, Hashable {
        public var name: String
        public var shortName: String
        public var contact: String

        public init(name: String = "", shortName: String = "", contact: String = "") {
            self.name = name; self.shortName = shortName; self.contact = contact
        }
    }

    /// Absolute (or config-relative, resolved) locations.
    public struct Paths: Sendable, Hashable {
        public var lexicon: String
        public var reports: String
        public var store: String
        public var ignore: String
        /// Whether the config names `paths.lexicon` (else the lexicon is searched for:
        /// ./wordlists, /etc/govlint/wordlists, /usr/share/govlint/wordlists, beside the binary).
        public var lexiconGiven: Bool
        /// The office's own entries, merged over the shipped lexicon (a missing folder is none).
        public var localLexicon: String

        public static let defaultLocalLexicon = "/etc/govlint/wordlists.d"

        public init(
            lexicon: String = "wordlists", reports: String = "reports",
            store: String = "reports/govlint.sqlite", ignore: String = "ignore.yaml",
            lexiconGiven: Bool = false, localLexicon: String = Paths.defaultLocalLexicon
        ) {
            self.lexicon = lexicon; self.reports = reports; self.store = store; self.ignore = ignore
            self.lexiconGiven = lexiconGiven; self.localLexicon = localLexicon
        }
    }

    public struct Crawl: Sendable, Hashable {
        public var userAgent: String
        public var maxPages: Int
        public var maxDepth: Int
        public var perHostConnections: Int
        /// Connections across all hosts at once.
        public var globalConnections: Int
        public var delayMs: Int
        public var timeoutS: Int
        public var maxBodyMB: Int
        public var respectRobots: Bool
        public var checkExternalLinks: Bool
        /// Domain suffixes whose links are not `external-link` (gov.cn covers every *.gov.cn).
        public var allowedDomains: [String]
        /// Query parameters dropped when normalising URLs (tracking noise, not content).
        public var trackingParams: [String]
        /// `http://host:port` for every crawl and probe request; nil: libcurl's own
        /// https_proxy/http_proxy environment (a systemd drop-in) applies.
        public var proxy: String?
        /// Host groups (`crawl.hosts`): a host serving many sites (a provincial platform, a
        /// city portal with department sub-paths) with its own connections and delay.
        public var hosts: [String: HostGroup] = [:]
        /// Wall-clock minutes one site's crawl may take; past it the site is judged on what
        /// was read and marked 未能检查完整. nil: no limit.
        public var siteBudgetMinutes: Double? = 180
        /// Minutes the whole nightly crawl may take before report and mail (keep it below
        /// the unit's TimeoutStartSec, 6 h). nil: no limit.
        public var runBudgetMinutes: Double? = 330

        public struct HostGroup: Sendable, Hashable {
            public var connections: Int
            public var delayMs: Int
            public init(connections: Int, delayMs: Int) { self.connections = connections; self.delayMs = delayMs }
        }

        public static let defaultTrackingParams = [
            "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "spm", "fbclid", "gclid",
        ]

        public init(
            userAgent: String = "govlint (+https://github.com/govlint/govlint)", maxPages: Int = 5000,
            maxDepth: Int = 8, perHostConnections: Int = 4, globalConnections: Int = 64,
            delayMs: Int = 200, timeoutS: Int = 20, maxBodyMB: Int = 20, respectRobots: Bool = true,
            checkExternalLinks: Bool = true, allowedDomains: [String] = ["gov.cn"],
            trackingParams: [String] = Crawl.defaultTrackingParams
        ) {
            self.userAgent = userAgent; self.maxPages = maxPages; self.maxDepth = maxDepth
            self.perHostConnections = perHostConnections; self.globalConnections = globalConnections
            self.delayMs = delayMs; self.timeoutS = timeoutS; self.maxBodyMB = maxBodyMB
            self.respectRobots = respectRobots; self.checkExternalLinks = checkExternalLinks
            self.allowedDomains = allowedDomains; self.trackingParams = trackingParams
        }
    }

    /// A day of the year, e.g. the annual-report deadline "01-31".
    public struct MonthDay: Sendable, Hashable, CustomStringConvertible {
        public var month: Int
        public var day: Int

        public init?(month: Int, day: Int) {
            guard (1...12).contains(month), day >= 1, day <= GovCore.Day.daysIn(month: month, year: 2024) else {
                return nil
            }
            self.month = month; self.day = day
        }

        /// `MM-DD`.
        public init?(_ text: String) {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 2, parts.allSatisfy({ (1...2).contains($0.count) }),
                let m = Int(parts[0]), let d = Int(parts[1])
            else { return nil }
            self.init(month: m, day: d)
        }

        /// This month-day in a given year (29 Feb falls back to 28 Feb in common years).
        public func day(in year: Int) -> GovCore.Day? {
            GovCore.Day(year: year, month: month, day: min(day, GovCore.Day.daysIn(month: month, year: year)))
        }

        public var description: String { (month < 10 ? "0" : "") + "\(month)-" + (day < 10 ? "0" : "") + "\(day)" }
    }

    /// Early-warning lines (预警), below the national ones.
    public struct Warn: Sendable, Hashable {
        public var homepageStaleDays: Int
        /// Warn when a site has more blank columns than this (national veto: ≥ 5).
        public var blankColumns: Int
        /// Warn when this share of probes failed (national veto: ≥ 0.05).
        public var unreachableRatio: Double
        /// Warn when more columns than this are stale; nil: no stale-column warning.
        public var staleColumns: Int?
        /// Warn when a new-media account has posted nothing for more days than this (local
        /// rules use 10; national veto: 14).
        public var feedStaleDays: Int

        public init(
            homepageStaleDays: Int = 10, blankColumns: Int = 2, unreachableRatio: Double = 0.03,
            staleColumns: Int? = nil, feedStaleDays: Int = 10
        ) {
            self.homepageStaleDays = homepageStaleDays; self.blankColumns = blankColumns
            self.unreachableRatio = unreachableRatio; self.staleColumns = staleColumns
            self.feedStaleDays = feedStaleDays
        }
    }

    /// The availability veto (INDICATORS §1.2): ≥ 20 probes a day for 7 days, a probe fails
    /// when the homepage has not opened within 15 s, veto at ≥ 5 % failed.
    public struct Unreachable: Sendable, Hashable {
        /// Fewer probes than this in the window: no verdict (20 × 7 = 140).
        public var minProbes: Int
        public var vetoRatio: Double
        public var timeoutS: Int
        public var windowDays: Int

        public init(minProbes: Int = 140, vetoRatio: Double = 0.05, timeoutS: Int = 15, windowDays: Int = 7) {
            self.minProbes = minProbes; self.vetoRatio = vetoRatio; self.timeoutS = timeoutS
            self.windowDays = windowDays
        }
    }

    public struct Rules: Sendable, Hashable {
        public var homepageStaleDays: Int
        /// Update period per column type; types absent here are not judged stale.
        public var columnStaleDays: [ColumnType: Int]
        public var rectifyWorkingDays: Int
        public var replyWorkingDays: Int
        public var interpretationWorkingDays: Int
        public var annualReportDeadline: MonthDay
        public var warn: Warn
        /// Overrides of a rule's default severity.
        public var severity: [RuleID: Severity]
        public var disable: Set<RuleID>
        /// Points deducted per finding, only for the rules config.yaml names: the defaults
        /// live on each rule (RuleDescription.weight, `govlint rules`), one table for every
        /// path, so a scan without a config scores the same as one with it.
        public var weights: [RuleID: Double]
        public var unreachable: Unreachable
        public var feedStaleDays: Int
        /// A feed that cannot be read this many runs in a row is a finding (`feed-unreadable`).
        public var feedUnreadableRuns: Int
        /// Extra holiday/workday table (`date<TAB>…<TAB>holiday|workday`), resolved path.
        public var extraHolidays: String?

        /// National update periods (INDICATORS §1.3): news 2 weeks, notices and policies
        /// 6 months (183 days), personnel and planning 1 year.
        public static let defaultColumnStaleDays: [ColumnType: Int] = [
            .news: 14, .notice: 183, .policy: 183, .normative: 183, .personnel: 365, .planning: 365,
        ]

        public init(
            homepageStaleDays: Int = 14, columnStaleDays: [ColumnType: Int] = Rules.defaultColumnStaleDays,
            rectifyWorkingDays: Int = 3, replyWorkingDays: Int = 3, interpretationWorkingDays: Int = 3,
            annualReportDeadline: MonthDay = MonthDay(month: 1, day: 31)!, warn: Warn = Warn(),
            severity: [RuleID: Severity] = [:], disable: Set<RuleID> = [],
            weights: [RuleID: Double] = [:], unreachable: Unreachable = Unreachable(),
            feedStaleDays: Int = 14, feedUnreadableRuns: Int = 3, extraHolidays: String? = nil
        ) {
            self.homepageStaleDays = homepageStaleDays; self.columnStaleDays = columnStaleDays
            self.rectifyWorkingDays = rectifyWorkingDays; self.replyWorkingDays = replyWorkingDays
            self.interpretationWorkingDays = interpretationWorkingDays
            self.annualReportDeadline = annualReportDeadline; self.warn = warn; self.severity = severity
            self.disable = disable; self.weights = weights; self.unreachable = unreachable
            self.feedStaleDays = feedStaleDays; self.feedUnreadableRuns = feedUnreadableRuns
            self.extraHolidays = extraHolidays
        }

        /// The severity a rule's findings get: the override, else the rule's own default.
        public func severity(of rule: RuleID, default base: Severity) -> Severity { severity[rule] ?? base }

        public func isEnabled(_ rule: RuleID) -> Bool { !disable.contains(rule) }

        /// The configured points per finding, nil when the rule keeps its default.
        public func weight(of rule: RuleID) -> Double? { weights[rule] }
    }

    public struct Mail: Sendable, Hashable {
        public enum Password: Sendable, Hashable {
            /// A file holding the password (first line; trailing newline ignored). Resolved path.
            case file(String)
            /// The name of an environment variable holding it.
            case environment(String)
        }

        /// `smtps://host:465` or `smtp://host:587` (STARTTLS).
        public var smtpURL: String
        public var username: String?
        /// nil: no authentication (a trusted relay).
        public var password: Password?
        /// `Name <addr>` or a bare address.
        public var from: String
        public var summaryTo: [String]
        public var cc: [String]
        public var timeoutS: Int
        /// Told when a nightly run fails (`govlint notify`, from OnFailure=).
        public var admin: [String] = []
        /// `mail.review: true`: a run's mail waits in the outbox until `govlint mail --approve`.
        public var review: Bool
        public var schedule: Schedule

        /// `mail.schedule`: `every_run` (the full notice each run, the default) or `weekly`
        /// (the full notice on `weekday`, other runs only 单项否决 and 逾期 items; a site with
        /// neither gets no mail that day).
        public enum Schedule: Sendable, Hashable {
            case everyRun
            /// ISO weekday of the full notice, 1 = Monday.
            case weekly(weekday: Int)
        }

        public init(
            smtpURL: String, username: String? = nil, password: Password? = nil, from: String,
            summaryTo: [String] = [], cc: [String] = [], timeoutS: Int = 60, review: Bool = false,
            schedule: Schedule = .everyRun
        ) {
            self.smtpURL = smtpURL; self.username = username; self.password = password; self.from = from
            self.summaryTo = summaryTo; self.cc = cc; self.timeoutS = timeoutS; self.review = review
            self.schedule = schedule
        }
    }

    /// What of a site's attachments is read (issue 15): at most `maxCount` a run, each up to
    /// `maxMB`, of the listed `types` (extensions; content decides the format), and OCR of
    /// scanned pages for the privacy rule when `ocr` is on and tesseract is installed.
    public struct Attachments: Sendable, Hashable {
        public var maxCount: Int
        public var maxMB: Int
        public var types: [String]
        public var ocr: Bool

        public static let defaultTypes = ["pdf", "docx", "xlsx", "doc", "xls", "wps", "et", "ofd", "txt", "csv"]

        public init(maxCount: Int = 200, maxMB: Int = 20, types: [String] = Attachments.defaultTypes, ocr: Bool = false)
        {
            self.maxCount = maxCount; self.maxMB = maxMB; self.types = types; self.ocr = ocr
        }
    }

    /// `notice:` how notices are worded.
    public struct Notice: Sendable, Hashable {
        /// Print the deduction score (with its one-sentence explanation) in notices.
        public var showScore: Bool

        public init(showScore: Bool = true) { self.showScore = showScore }
    }

    /// `store:` how long the store keeps what it need not keep for ever.
    public struct StoreSettings: Sendable, Hashable {
        /// After each run, page digests of older runs and delivered mail bodies older than
        /// this many days are dropped (findings' history is kept); nil keeps everything.
        public var keepDays: Int?

        public init(keepDays: Int? = nil) { self.keepDays = keepDays }
    }

    /// XPath selectors for a message board (留言/咨询/信箱), for `reply-overdue`. `row` selects
    /// each message on the `list` page; the others are evaluated relative to the row.
    public struct Interaction: Sendable, Hashable {
        /// URL of the message list page.
        public var list: String
        public var row: String
        /// Date the message was asked.
        public var asked: String
        /// Date it was answered (empty or missing: unanswered).
        public var answered: String?
        /// Status text (已回复/未回复/办理中).
        public var status: String?

        public init(list: String, row: String, asked: String, answered: String? = nil, status: String? = nil) {
            self.list = list; self.row = row; self.asked = asked; self.answered = answered; self.status = status
        }
    }

    public struct Site: Sendable, Hashable {
        /// `[a-z0-9-]+`, stable: the store and reports key on it.
        public var id: String
        public var name: String
        public var owner: String
        public var recipients: [String]
        public var cc: [String]
        /// The homepage.
        public var url: String
        /// In scope: `host` or `host:port`. Default: the url's.
        public var hosts: [String]
        /// Configured columns (`configured == true`); others are discovered.
        public var columns: [Column]
        /// A site being wound down: still listed, not judged for staleness.
        public var closed: Bool
        public var interaction: Interaction?
        /// The site's own attachment caps; nil: the config's top-level `attachments`.
        public var attachments: Attachments?

        public init(
            id: String, name: String, owner: String = "", recipients: [String] = [], cc: [String] = [],
            url: String, hosts: [String], columns: [Column] = [], closed: Bool = false,
            interaction: Interaction? = nil, attachments: Attachments? = nil
        ) {
            self.id = id; self.name = name; self.owner = owner; self.recipients = recipients; self.cc = cc
            self.url = url; self.hosts = hosts; self.columns = columns; self.closed = closed
            self.interaction = interaction; self.attachments = attachments
        }
    }

    public enum Platform: String, Sendable, Hashable, CaseIterable {
        case wechat, weibo, douyin, toutiao, other

        public var chinese: String {
            switch self {
            case .wechat: "微信公众号"
            case .weibo: "微博"
            case .douyin: "抖音"
            case .toutiao: "今日头条"
            case .other: "其他平台"
            }
        }
    }

    /// Registration with the national new-media filing system (全国政务新媒体信息报送系统).
    public enum Filing: String, Sendable, Hashable, CaseIterable {
        case filed, unfiled, unknown

        public var chinese: String {
            switch self {
            case .filed: "已备案"
            case .unfiled: "未备案"
            case .unknown: "未知"
            }
        }
    }

    public enum FeedSource: Sendable, Hashable {
        /// RSS, Atom or JSON Feed over HTTP(S).
        case url(String)
        /// A local export file (resolved path).
        case path(String)
    }

    /// A 政务新媒体 account, read through a feed.
    public struct Feed: Sendable, Hashable {
        public var id: String
        public var name: String
        public var platform: Platform
        public var owner: String
        public var recipients: [String]
        public var cc: [String]
        public var source: FeedSource
        public var filing: Filing
        /// Declared closed: any new item is `closed-account-active`.
        public var closed: Bool

        public init(
            id: String, name: String, platform: Platform = .other, owner: String = "",
            recipients: [String] = [], cc: [String] = [], source: FeedSource,
            filing: Filing = .unknown, closed: Bool = false
        ) {
            self.id = id; self.name = name; self.platform = platform; self.owner = owner
            self.recipients = recipients; self.cc = cc; self.source = source; self.filing = filing
            self.closed = closed
        }
    }

    /// A site that was shut down: links into it are `closed-site-link`; if it still serves
    /// content, `closed-site-alive`.
    public struct ClosedSite: Sendable, Hashable {
        /// A prefix: a whole host or a path of one.
        public var url: String
        public var successor: String?
        public var closedOn: GovCore.Day?

        public init(url: String, successor: String? = nil, closedOn: GovCore.Day? = nil) {
            self.url = url; self.successor = successor; self.closedOn = closedOn
        }
    }
}
