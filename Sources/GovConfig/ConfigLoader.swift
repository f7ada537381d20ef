import Foundation
import GovCore

extension Config {
    /// Reads and decodes `config.yaml`. Errors name the file as given, with line and column.
    public static func load(path: String) throws(ConfigError) -> Config {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot read the file" : "no such file"
            throw ConfigError(file: path, message: reason)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: path, message: "not UTF-8 text (save the file as UTF-8)")
        }
        return try parse(yaml: text, file: path)
    }

    /// Decodes YAML text; `file` names it in errors and anchors relative paths (its folder).
    public static func parse(yaml: String, file: String) throws(ConfigError) -> Config {
        guard let root = try YAMLTreeBuilder.build(yaml: yaml, file: file) else {
            throw ConfigError(file: file, message: "the config is empty")
        }
        var decoder = ConfigDecoder(file: file)
        return try decoder.decode(root)
    }
}

/// Turns the YAML tree into `Config`, section by section; the first mistake stops it.
struct ConfigDecoder {
    let file: String
    let baseDirectory: URL
    var marks: [String: SourceMark] = [:]

    init(file: String) {
        self.file = file
        baseDirectory = URL(fileURLWithPath: file).deletingLastPathComponent()
    }

    static let topKeys = [
        "office", "timezone", "paths", "crawl", "attachments", "rules", "mail", "notice", "store", "sites", "feeds",
        "closed_sites",
    ]

    mutating func decode(_ root: YAMLNode) throws(ConfigError) -> Config {
        let top = try Fields(root, path: "", allowed: Self.topKeys, file: file)
        var config = Config(file: file)
        for key in Self.topKeys where top.has(key) { marks[key] = top.keyMark(key) }

        if let office = try top.section("office", allowed: ["name", "short_name", "contact"]) {
            let name = try office.string("name", default: "")
            config.office = Config.Office(
                name: name, shortName: try office.string("short_name", default: name),
                contact: try office.string("contact", default: ""))
        }
        // The calendar, deadlines and notices are China Standard Time; the key stays so that
        // a config says so, and anything else is refused rather than silently ignored.
        if let zone = try top.scalar("timezone", expecting: "a time zone such as Asia/Shanghai") {
            guard ChinaTime.zoneNames.contains(zone.value) else {
                throw ConfigError(
                    file: file, mark: zone.mark,
                    message:
                        "timezone must be Asia/Shanghai, got '\(zone.value)': the working-day calendar, deadlines and notices are in China Standard Time"
                )
            }
        }
        if let paths = try top.section("paths", allowed: ["lexicon", "local_lexicon", "reports", "store", "ignore"]) {
            let d = Config.Paths()
            config.paths = Config.Paths(
                lexicon: try paths.string("lexicon", default: d.lexicon),
                reports: try paths.string("reports", default: d.reports),
                store: try paths.string("store", default: d.store),
                ignore: try paths.string("ignore", default: d.ignore),
                lexiconGiven: paths.has("lexicon"),
                localLexicon: try paths.string("local_lexicon", default: d.localLexicon))
            // `config check` names the line of a path it cannot use.
            for key in ["lexicon", "local_lexicon", "reports", "store", "ignore"] where paths.has(key) {
                marks["paths.\(key)"] = (try? paths.scalar(key, expecting: "a path"))??.mark ?? paths.keyMark(key)
            }
        }
        config.paths = Config.Paths(
            lexicon: resolve(config.paths.lexicon), reports: resolve(config.paths.reports),
            store: resolve(config.paths.store), ignore: resolve(config.paths.ignore),
            lexiconGiven: config.paths.lexiconGiven, localLexicon: resolve(config.paths.localLexicon))
        if let crawl = try top.section("crawl", allowed: Self.crawlKeys) { config.crawl = try decodeCrawl(crawl) }
        if let attachments = try top.section("attachments", allowed: Self.attachmentKeys) {
            config.attachments = try decodeAttachments(attachments, defaults: Config.Attachments())
        }
        if let rules = try top.section("rules", allowed: Self.rulesKeys) { config.rules = try decodeRules(rules) }
        if let mail = try top.section("mail", allowed: Self.mailKeys) { config.mail = try decodeMail(mail) }
        if let notice = try top.section("notice", allowed: ["show_score"]) {
            config.notice = Config.Notice(showScore: try notice.bool("show_score", default: true))
        }
        if let store = try top.section("store", allowed: ["keep_days"]) {
            config.store = Config.StoreSettings(keepDays: try store.optionalInt("keep_days", in: 1...36_500))
        }

        var ids: [String: SourceMark] = [:]
        for (path, node) in try top.items("sites") {
            config.sites.append(try decodeSite(Fields(node, path: path, allowed: Self.siteKeys, file: file), ids: &ids))
        }
        for (path, node) in try top.items("feeds") {
            config.feeds.append(try decodeFeed(Fields(node, path: path, allowed: Self.feedKeys, file: file), ids: &ids))
        }
        for (path, node) in try top.items("closed_sites") {
            let item = try Fields(node, path: path, allowed: ["url", "successor", "closed_on"], file: file)
            let closedOn = try item.scalar("closed_on", expecting: "a date").map { (s) throws(ConfigError) -> Day in
                guard s.value.count == 10, let day = Day(s.value) else {
                    throw ConfigError(
                        file: file, mark: s.mark,
                        message: "\(item.qualified("closed_on")) must be a date YYYY-MM-DD, found \"\(s.value)\"")
                }
                return day
            }
            config.closedSites.append(
                Config.ClosedSite(
                    url: try httpURL(item, "url", required: true)!,
                    successor: try httpURL(item, "successor", required: false), closedOn: closedOn))
        }
        config.marks = marks
        return config
    }

    // MARK: sections

    static let crawlKeys = [
        "user_agent", "max_pages", "max_depth", "per_host_connections", "global_connections",
        "delay_ms", "timeout_s", "max_body_mb", "respect_robots", "check_external_links",
        "allowed_domains", "tracking_params", "proxy", "hosts", "site_budget_minutes", "run_budget_minutes",
    ]

    mutating func decodeCrawl(_ f: Fields) throws(ConfigError) -> Config.Crawl {
        let d = Config.Crawl()
        let userAgent = try f.string("user_agent", default: d.userAgent)
        if userAgent.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw f.error("user_agent", "crawl.user_agent must be one line of text")
        }
        var domains: [String] = []
        for item in try f.stringItems("allowed_domains") {
            let domain = item.value.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "."))
            guard Validation.isHostName(domain) else {
                throw ConfigError(
                    file: file, mark: item.mark,
                    message: "crawl.allowed_domains: '\(item.value)' is not a domain such as gov.cn")
            }
            domains.append(domain)
        }
        var proxy: String?
        if let p = try f.scalar("proxy", expecting: "a proxy URL such as http://proxy.example.gov.cn:3128") {
            guard let url = URLComponents(string: p.value), let scheme = url.scheme?.lowercased(),
                ["http", "https", "socks5", "socks5h"].contains(scheme), let host = url.host, !host.isEmpty,
                !p.value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
            else {
                throw ConfigError(
                    file: file, mark: p.mark,
                    message: "crawl.proxy must look like http://proxy.example.gov.cn:3128, found \"\(p.value)\"")
            }
            marks["crawl.proxy"] = p.mark
            proxy = p.value
        }
        var crawl = Config.Crawl(
            userAgent: userAgent,
            maxPages: try f.int("max_pages", default: d.maxPages, in: 1...10_000_000),
            maxDepth: try f.int("max_depth", default: d.maxDepth, in: 0...100),
            perHostConnections: try f.int("per_host_connections", default: d.perHostConnections, in: 1...64),
            globalConnections: try f.int("global_connections", default: d.globalConnections, in: 1...1024),
            delayMs: try f.int("delay_ms", default: d.delayMs, in: 0...600_000),
            timeoutS: try f.int("timeout_s", default: d.timeoutS, in: 1...3600),
            maxBodyMB: try f.int("max_body_mb", default: d.maxBodyMB, in: 1...4096),
            respectRobots: try f.bool("respect_robots", default: d.respectRobots),
            checkExternalLinks: try f.bool("check_external_links", default: d.checkExternalLinks),
            allowedDomains: f.has("allowed_domains") ? domains : d.allowedDomains,
            trackingParams: try f.strings("tracking_params", default: f.has("tracking_params") ? [] : d.trackingParams))
        for entry in try f.pairs("hosts") {
            let host = entry.key.value.lowercased()
            guard Validation.isHostName(host) else {
                throw ConfigError(
                    file: file, mark: entry.key.mark,
                    message:
                        "crawl.hosts: '\(entry.key.value)' is not a host name such as www.example.gov.cn (no port, no scheme)"
                )
            }
            let group = try Fields(
                entry.value, path: "crawl.hosts.\(host)", allowed: ["connections", "delay_ms"], file: file)
            crawl.hosts[host] = Config.Crawl.HostGroup(
                connections: try group.int("connections", default: d.perHostConnections, in: 1...256),
                delayMs: try group.int("delay_ms", default: d.delayMs, in: 0...600_000))
        }
        crawl.siteBudgetMinutes = try budget(f, "site_budget_minutes", default: d.siteBudgetMinutes)
        crawl.runBudgetMinutes = try budget(f, "run_budget_minutes", default: d.runBudgetMinutes)
        crawl.proxy = proxy
        return crawl
    }

    /// Minutes (fractions allowed), or 0 for no limit.
    private func budget(_ f: Fields, _ key: String, default value: Double?) throws(ConfigError) -> Double? {
        guard let s = try f.scalar(key, expecting: "a number of minutes") else { return value }
        guard let minutes = Double(s.value), minutes.isFinite, minutes >= 0, minutes <= 7 * 24 * 60 else {
            throw ConfigError(
                file: file, mark: s.mark,
                message: "crawl.\(key) must be a number of minutes between 0 (no limit) and 10080, found \(s.value)")
        }
        return minutes == 0 ? nil : minutes
    }

    static let rulesKeys = [
        "homepage_stale_days", "column_stale_days", "rectify_working_days", "reply_working_days",
        "interpretation_working_days", "annual_report_deadline", "warn", "severity", "disable",
        "weights", "unreachable", "feed_stale_days", "feed_unreadable_runs", "extra_holidays",
    ]

    func decodeRules(_ f: Fields) throws(ConfigError) -> Config.Rules {
        var rules = Config.Rules()
        rules.homepageStaleDays = try f.int("homepage_stale_days", default: rules.homepageStaleDays, in: 1...3650)
        for entry in try f.pairs("column_stale_days") {
            let type = try columnType(entry.key)
            let days = try number(entry, path: "rules.column_stale_days", range: 0...3650, whole: true)
            // 0 switches staleness off for that column type.
            rules.columnStaleDays[type] = days == 0 ? nil : Int(days)
        }
        rules.rectifyWorkingDays = try f.int("rectify_working_days", default: rules.rectifyWorkingDays, in: 0...365)
        rules.replyWorkingDays = try f.int("reply_working_days", default: rules.replyWorkingDays, in: 1...365)
        rules.interpretationWorkingDays = try f.int(
            "interpretation_working_days", default: rules.interpretationWorkingDays, in: 1...365)
        if let s = try f.scalar("annual_report_deadline", expecting: "a date MM-DD") {
            guard let deadline = Config.MonthDay(s.value) else {
                throw ConfigError(
                    file: file, mark: s.mark,
                    message:
                        "rules.annual_report_deadline must be a day of the year MM-DD such as \"01-31\", found \"\(s.value)\""
                )
            }
            rules.annualReportDeadline = deadline
        }
        if let warn = try f.section(
            "warn",
            allowed: [
                "homepage_stale_days", "blank_columns", "unreachable_ratio", "stale_columns",
                "feed_stale_days",
            ])
        {
            rules.warn = Config.Warn(
                homepageStaleDays: try warn.int(
                    "homepage_stale_days", default: rules.warn.homepageStaleDays, in: 1...3650),
                blankColumns: try warn.int("blank_columns", default: rules.warn.blankColumns, in: 0...1000),
                unreachableRatio: try warn.ratio("unreachable_ratio", default: rules.warn.unreachableRatio),
                staleColumns: try warn.optionalInt("stale_columns", in: 0...1000),
                feedStaleDays: try warn.int("feed_stale_days", default: rules.warn.feedStaleDays, in: 1...3650))
        }
        for entry in try f.pairs("severity") {
            let rule = try ruleID(entry.key)
            guard case .scalar(let s) = entry.value, let severity = Severity(rawValue: s.value) else {
                let names = Severity.allCases.map(\.rawValue)
                let found = entry.value.kindDescription
                throw ConfigError(
                    file: file, mark: entry.value.mark,
                    message:
                        "rules.severity.\(rule.rawValue) must be one of \(names.joined(separator: ", ")), found \(found)\(scalarHint(entry.value, names))"
                )
            }
            rules.severity[rule] = severity
        }
        if f.has("disable") {
            for item in try f.stringItems("disable") {
                rules.disable.insert(try ruleID(item))
            }
        }
        for entry in try f.pairs("weights") {
            rules.weights[try ruleID(entry.key)] = try number(entry, path: "rules.weights", range: 0...100)
        }
        if let u = try f.section("unreachable", allowed: ["min_probes", "veto_ratio", "timeout_s", "window_days"]) {
            let d = rules.unreachable
            rules.unreachable = Config.Unreachable(
                minProbes: try u.int("min_probes", default: d.minProbes, in: 1...100_000),
                vetoRatio: try u.ratio("veto_ratio", default: d.vetoRatio),
                timeoutS: try u.int("timeout_s", default: d.timeoutS, in: 1...600),
                windowDays: try u.int("window_days", default: d.windowDays, in: 1...90))
        }
        rules.feedStaleDays = try f.int("feed_stale_days", default: rules.feedStaleDays, in: 1...3650)
        rules.feedUnreadableRuns = try f.int("feed_unreadable_runs", default: rules.feedUnreadableRuns, in: 1...1000)
        rules.extraHolidays = try f.optionalString("extra_holidays").map(resolve)
        return rules
    }

    static let mailKeys = [
        "smtp_url", "username", "password_file", "password_env", "from", "summary_to", "cc", "timeout_s",
        "review", "schedule", "admin",
    ]
    static let weekdays = [
        "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
    ]

    mutating func decodeMail(_ f: Fields) throws(ConfigError) -> Config.Mail {
        guard let urlScalar = try f.scalar("smtp_url", expecting: "an smtp:// or smtps:// URL") else {
            throw ConfigError(
                file: file, mark: f.keyMark("smtp_url"),
                message: "mail.smtp_url is required (smtps://host:465 or smtp://host:587)")
        }
        guard let url = URLComponents(string: urlScalar.value), let scheme = url.scheme?.lowercased(),
            scheme == "smtp" || scheme == "smtps", let host = url.host, !host.isEmpty
        else {
            throw ConfigError(
                file: file, mark: urlScalar.mark,
                message:
                    "mail.smtp_url must look like smtps://host:465 or smtp://host:587, found \"\(urlScalar.value)\"")
        }
        if f.has("password_file") && f.has("password_env") {
            throw f.error("password_env", "give mail.password_file or mail.password_env, not both")
        }
        var password: Config.Mail.Password?
        if let path = try f.optionalString("password_file") {
            password = .file(resolve(path))
        } else if let name = try f.scalar("password_env", expecting: "an environment variable name") {
            guard Validation.isEnvironmentName(name.value) else {
                throw ConfigError(
                    file: file, mark: name.mark,
                    message:
                        "mail.password_env must be an environment variable name such as GOVLINT_SMTP_PASSWORD, found \"\(name.value)\""
                )
            }
            password = .environment(name.value)
        }
        let username = try f.optionalString("username")
        if username != nil && password == nil {
            throw ConfigError(
                file: file, mark: f.keyMark("username"),
                message: "mail.username is set but no password source: add mail.password_file or mail.password_env")
        }
        guard let from = try f.scalar("from", expecting: "a sender such as \"市政务公开办 <gkb@example.gov.cn>\"") else {
            throw ConfigError(
                file: file, mark: f.mark, message: "mail.from is required (e.g. \"市政务公开办 <gkb@example.gov.cn>\")")
        }
        guard Validation.isMailbox(from.value) else {
            throw ConfigError(
                file: file, mark: from.mark,
                message: "mail.from must be an address or \"Name <address>\" on one line, found \"\(from.value)\"")
        }
        marks["mail.smtp_url"] = urlScalar.mark
        var mail = Config.Mail(
            smtpURL: urlScalar.value, username: username, password: password, from: from.value,
            summaryTo: try addresses(f, "summary_to"), cc: try addresses(f, "cc"),
            timeoutS: try f.int("timeout_s", default: 60, in: 1...3600),
            review: try f.bool("review", default: false), schedule: try schedule(f))
        mail.admin = try addresses(f, "admin")
        return mail
    }

    /// `schedule: every_run` or `schedule: weekly:friday` (full notice that weekday, otherwise
    /// only 单项否决 and 逾期 items).
    func schedule(_ f: Fields) throws(ConfigError) -> Config.Mail.Schedule {
        guard let scalar = try f.scalar("schedule", expecting: "every_run or weekly:<weekday>") else {
            return .everyRun
        }
        let value = scalar.value.lowercased()
        if value == "every_run" { return .everyRun }
        if value.hasPrefix("weekly:"), let day = Self.weekdays[String(value.dropFirst("weekly:".count))] {
            return .weekly(weekday: day)
        }
        if value == "weekly" { return .weekly(weekday: 1) }
        throw ConfigError(
            file: file, mark: scalar.mark,
            message:
                "mail.schedule must be every_run, weekly or weekly:<weekday> (e.g. weekly:monday), found \"\(scalar.value)\""
        )
    }

    static let siteKeys = [
        "id", "name", "owner", "recipients", "cc", "url", "hosts", "columns", "closed", "interaction", "attachments",
    ]

    static let attachmentKeys = ["max_count", "max_mb", "types", "ocr"]

    /// `attachments: {max_count, max_mb, types, ocr}`; unset keys keep `defaults`.
    func decodeAttachments(_ f: Fields, defaults d: Config.Attachments) throws(ConfigError) -> Config.Attachments {
        var types: [String] = []
        for item in try f.stringItems("types") {
            let type = item.value.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ". "))
            guard Config.Attachments.defaultTypes.contains(type) else {
                throw ConfigError(
                    file: file, mark: item.mark,
                    message:
                        "\(f.qualified("types")): '\(item.value)' is not an attachment type govlint reads (\(Config.Attachments.defaultTypes.joined(separator: ", ")))"
                )
            }
            types.append(type)
        }
        return Config.Attachments(
            maxCount: try f.int("max_count", default: d.maxCount, in: 0...100_000),
            maxMB: try f.int("max_mb", default: d.maxMB, in: 1...1024),
            types: f.has("types") ? types : d.types, ocr: try f.bool("ocr", default: d.ocr))
    }

    mutating func decodeSite(_ f: Fields, ids: inout [String: SourceMark]) throws(ConfigError) -> Config.Site {
        let id = try identifier(f, ids: &ids)
        marks[f.path] = f.mark
        if f.has("recipients") { marks[f.qualified("recipients")] = f.keyMark("recipients") }
        let url = try httpURL(f, "url", required: true)!
        marks[f.qualified("url")] = f.keyMark("url")
        var hosts: [String] = []
        for item in try f.stringItems("hosts") {
            let host = item.value.lowercased()
            guard Validation.isHostPort(host) else {
                throw ConfigError(
                    file: file, mark: item.mark,
                    message: "\(f.qualified("hosts")): '\(item.value)' is not a host or host:port")
            }
            hosts.append(host)
        }
        if hosts.isEmpty, let own = Validation.hostPort(of: url) { hosts = [own] }
        var columns: [Column] = []
        for (path, node) in try f.items("columns") {
            let c = try Fields(node, path: path, allowed: ["name", "url", "type"], file: file)
            guard let typeScalar = try c.scalar("type", expecting: "a column type") else {
                throw ConfigError(
                    file: file, mark: c.mark,
                    message: "\(path) needs a type: \(ColumnType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            columns.append(
                Column(
                    name: try c.requiredString("name"), url: try httpURL(c, "url", required: true)!,
                    type: try columnType(typeScalar), configured: true))
        }
        var interaction: Config.Interaction?
        if let i = try f.section("interaction", allowed: ["list", "row", "asked", "answered", "status"]) {
            interaction = Config.Interaction(
                list: try httpURL(i, "list", required: true)!, row: try i.requiredString("row"),
                asked: try i.requiredString("asked"), answered: try i.optionalString("answered"),
                status: try i.optionalString("status"))
        }
        let attachments = try f.section("attachments", allowed: Self.attachmentKeys).map { (a) throws(ConfigError) in
            try decodeAttachments(a, defaults: Config.Attachments())
        }
        return Config.Site(
            id: id, name: try f.requiredString("name"), owner: try f.string("owner", default: ""),
            recipients: try addresses(f, "recipients"), cc: try addresses(f, "cc"), url: url,
            hosts: hosts, columns: columns, closed: try f.bool("closed", default: false),
            interaction: interaction, attachments: attachments)
    }

    static let feedKeys = ["id", "name", "platform", "owner", "recipients", "cc", "url", "path", "filing", "closed"]

    mutating func decodeFeed(_ f: Fields, ids: inout [String: SourceMark]) throws(ConfigError) -> Config.Feed {
        let id = try identifier(f, ids: &ids)
        marks[f.path] = f.mark
        if f.has("recipients") { marks[f.qualified("recipients")] = f.keyMark("recipients") }
        let source: Config.FeedSource
        switch (f.has("url"), f.has("path")) {
        case (true, true):
            throw f.error("path", "\(f.path): give url or path, not both")
        case (false, false):
            throw ConfigError(
                file: file, mark: f.mark,
                message: "\(f.path) needs url (RSS, Atom or JSON Feed) or path (a local feed file)")
        case (true, false):
            source = .url(try httpURL(f, "url", required: true)!)
            marks[f.qualified("url")] = f.keyMark("url")
        case (false, true):
            source = .path(resolve(try f.requiredString("path")))
        }
        return Config.Feed(
            id: id, name: try f.requiredString("name"),
            platform: try choice(f, "platform", default: Config.Platform.other),
            owner: try f.string("owner", default: ""), recipients: try addresses(f, "recipients"),
            cc: try addresses(f, "cc"), source: source,
            filing: try choice(f, "filing", default: Config.Filing.unknown),
            closed: try f.bool("closed", default: false))
    }

    // MARK: values

    /// Site and feed ids share one namespace: the store keys on them.
    func identifier(_ f: Fields, ids: inout [String: SourceMark]) throws(ConfigError) -> String {
        guard let s = try f.scalar("id", expecting: "an id") else {
            throw ConfigError(file: file, mark: f.mark, message: "\(f.path) needs an id ([a-z0-9-]+, e.g. county-a)")
        }
        guard Validation.isIdentifier(s.value) else {
            throw ConfigError(
                file: file, mark: s.mark,
                message:
                    "\(f.qualified("id")) must be lowercase letters, digits and '-' (e.g. county-a), found \"\(s.value)\""
            )
        }
        if let first = ids[s.value] {
            throw ConfigError(
                file: file, mark: s.mark,
                message:
                    "duplicate id '\(s.value)' (first at line \(first.line)): ids must be unique across sites and feeds"
            )
        }
        ids[s.value] = s.mark
        return s.value
    }

    func httpURL(_ f: Fields, _ key: String, required: Bool) throws(ConfigError) -> String? {
        guard let s = try f.scalar(key, expecting: "a URL") else {
            if required {
                throw ConfigError(file: file, mark: f.keyMark(key), message: "\(f.qualified(key)) is required")
            }
            return nil
        }
        guard Validation.isHTTPURL(s.value) else {
            throw ConfigError(
                file: file, mark: s.mark,
                message: "\(f.qualified(key)) must be an http:// or https:// URL with a host, found \"\(s.value)\"")
        }
        return s.value
    }

    func addresses(_ f: Fields, _ key: String) throws(ConfigError) -> [String] {
        var out: [String] = []
        for item in try f.stringItems(key) {
            guard Validation.isAddress(item.value) else {
                throw ConfigError(
                    file: file, mark: item.mark,
                    message: "\(f.qualified(key)): '\(item.value)' is not an e-mail address")
            }
            out.append(item.value)
        }
        return out
    }

    func choice<T: RawRepresentable & CaseIterable>(_ f: Fields, _ key: String, default value: T) throws(ConfigError)
        -> T
    where T.RawValue == String {
        guard let s = try f.scalar(key, expecting: "a name") else { return value }
        guard let result = T(rawValue: s.value) else {
            let names = T.allCases.map(\.rawValue)
            throw ConfigError(
                file: file, mark: s.mark,
                message:
                    "\(f.qualified(key)) must be one of \(names.joined(separator: ", ")), found \"\(s.value)\"\(Spelling.hint(for: s.value, among: names))"
            )
        }
        return result
    }

    func ruleID(_ s: YAMLScalar) throws(ConfigError) -> RuleID {
        guard let rule = RuleID(rawValue: s.value) else {
            throw ConfigError(
                file: file, mark: s.mark,
                message:
                    "unknown rule id '\(s.value)'\(Spelling.hint(for: s.value, among: RuleID.allCases.map(\.rawValue)))"
            )
        }
        return rule
    }

    func columnType(_ s: YAMLScalar) throws(ConfigError) -> ColumnType {
        guard let type = ColumnType(rawValue: s.value) else {
            let names = ColumnType.allCases.map(\.rawValue)
            throw ConfigError(
                file: file, mark: s.mark,
                message:
                    "unknown column type '\(s.value)'\(Spelling.hint(for: s.value, among: names)); types: \(names.joined(separator: ", "))"
            )
        }
        return type
    }

    func number(_ entry: YAMLEntry, path: String, range: ClosedRange<Double>, whole: Bool = false) throws(ConfigError)
        -> Double
    {
        let what = whole ? "a whole number" : "a number"
        guard case .scalar(let s) = entry.value, let value = Double(s.value), value.isFinite,
            !whole || value == value.rounded()
        else {
            throw ConfigError(
                file: file, mark: entry.value.mark,
                message: "\(path).\(entry.key.value) must be \(what), found \(entry.value.kindDescription)")
        }
        guard range.contains(value) else {
            throw ConfigError(
                file: file, mark: s.mark,
                message:
                    "\(path).\(entry.key.value) must be between \(Int(range.lowerBound)) and \(Int(range.upperBound)), found \(s.value)"
            )
        }
        return value
    }

    func scalarHint(_ node: YAMLNode, _ names: [String]) -> String {
        guard case .scalar(let s) = node else { return "" }
        return Spelling.hint(for: s.value, among: names)
    }

    /// Relative paths are relative to the config file's folder, not the working directory:
    /// a systemd unit and an operator's shell then read the same files.
    func resolve(_ path: String) -> String {
        if path.hasPrefix("/") { return URL(fileURLWithPath: path).standardizedFileURL.path }
        return URL(fileURLWithPath: path, relativeTo: baseDirectory).standardizedFileURL.path
    }
}
