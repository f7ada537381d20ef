import GovCore

extension Config {
    /// Remarks that do not stop a run but that an operator should see: notices nobody will
    /// receive, thresholds looser than the national indicators, settings with no effect.
    public func validate() -> [ConfigWarning] {
        var warnings: [ConfigWarning] = []
        func warn(_ place: String?, _ message: String) {
            let mark = place.flatMap { marks[$0] }
            warnings.append(ConfigWarning(file: file, line: mark?.line, column: mark?.column, message: message))
        }

        if office.name.isEmpty {
            warn("office", "office.name is empty: notices will name no issuing office")
        }
        let anyRecipients = sites.contains { !$0.recipients.isEmpty } || feeds.contains { !$0.recipients.isEmpty }
        if mail == nil && anyRecipients {
            warn(nil, "no mail section: notices are written but not mailed")
        }
        if let mail, mail.summaryTo.isEmpty {
            warn("mail", "mail.summary_to is empty: nobody receives the run summary")
        }
        for (index, site) in sites.enumerated() where site.recipients.isEmpty && !site.closed {
            warn("sites[\(index)]", "site '\(site.id)' has no recipients: its notice is written but not mailed")
        }
        for (index, feed) in feeds.enumerated() where feed.recipients.isEmpty && !feed.closed {
            warn("feeds[\(index)]", "feed '\(feed.id)' has no recipients: its notice is written but not mailed")
        }
        for (index, site) in sites.enumerated() {
            if let own = Validation.hostPort(of: site.url), !site.hosts.contains(own) {
                warn(
                    "sites[\(index)]",
                    "site '\(site.id)': the homepage's host \(own) is not in hosts, so the crawl would leave it out")
            }
            for column in site.columns {
                if let host = Validation.hostPort(of: column.url), !site.hosts.contains(host) {
                    warn("sites[\(index)]", "site '\(site.id)': column \(column.name) is on \(host), outside hosts")
                }
            }
            if let closed = closedSites.first(where: { site.url.hasPrefix($0.url) }), !site.closed {
                warn(
                    "sites[\(index)]",
                    "site '\(site.id)' is listed in closed_sites (\(closed.url)) but not marked closed")
            }
        }

        // Looser than the national lines: the office may mean it, but should know.
        if rules.homepageStaleDays > 14 {
            warn("rules", "rules.homepage_stale_days \(rules.homepageStaleDays) is looser than the national 14 days")
        }
        if rules.feedStaleDays > 14 {
            warn("rules", "rules.feed_stale_days \(rules.feedStaleDays) is looser than the national 14 days")
        }
        if rules.unreachable.minProbes < 140 {
            warn(
                "rules",
                "rules.unreachable.min_probes \(rules.unreachable.minProbes) is below the national 140 (20 a day for 7 days)"
            )
        }
        if rules.unreachable.vetoRatio > 0.05 {
            warn("rules", "rules.unreachable.veto_ratio \(rules.unreachable.vetoRatio) is looser than the national 5%")
        }
        if rules.warn.homepageStaleDays >= rules.homepageStaleDays {
            warn(
                "rules",
                "rules.warn.homepage_stale_days (\(rules.warn.homepageStaleDays)) is not below homepage_stale_days (\(rules.homepageStaleDays)): the early warning never comes first"
            )
        }
        if rules.warn.unreachableRatio >= rules.unreachable.vetoRatio {
            warn(
                "rules",
                "rules.warn.unreachable_ratio is not below rules.unreachable.veto_ratio: the early warning never comes first"
            )
        }
        for rule in rules.severity.keys.sorted() where rules.disable.contains(rule) {
            warn("rules", "rules.severity sets '\(rule.rawValue)', which rules.disable switches off")
        }
        return warnings
    }
}

extension Config {
    /// `file:line:col` of a decoded item ("paths.store", "mail.smtp_url", "sites[0].url",
    /// "crawl.proxy"), or the file alone when the item has no recorded position (a default).
    public func location(of place: String) -> String {
        guard let mark = marks[place] else { return file }
        return "\(file):\(mark.line):\(mark.column)"
    }
}
