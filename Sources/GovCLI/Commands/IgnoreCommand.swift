import Foundation
import GovKit
import GovConfig
import GovCore
import GovReport
import GovStore

/// `govlint ignore KEY --reason TEXT [--by NAME]`: records a confirmed false positive or an
/// accepted exception in the config's ignore file (paths.ignore), filled in from the store
/// so the file says what was ignored; a reviewable change, meant to be committed to git.
/// `--from ledger.csv` reads back the rows a county marked 误报 in its 台账 (reason in
/// 整改情况); `--rule R --url-prefix P` suppresses one rule under a URL prefix.
enum IgnoreCommand {
    static let spec = CommandSpec(
        ["ignore"], arguments: "[FINDING_KEY]",
        "Mark a finding as a confirmed false positive or accepted exception (kept in the ignore file).",
        options: [
            OptionSpec("reason", value: "TEXT", "why (required with a key or --rule): 误报, 同意例外…"),
            OptionSpec("by", value: "NAME", "who decided (default: the login name)"),
            OptionSpec("from", value: "LEDGER.csv", "record every row marked 误报 in a ledger, with the reason in 整改情况"),
            OptionSpec("rule", value: "RULE", "with --url-prefix: every finding of this rule under the prefix"),
            OptionSpec("url-prefix", value: "URL", "with --rule: the URL prefix (a section of the site)"),
            OptionSpec("site", value: "ID", "with --rule: only this site"),
        ])

    static func run(_ arguments: Arguments) throws(Failure) -> Int32 {
        let environment = ProcessInfo.processInfo.environment
        let by =
            arguments.value("by") ?? environment["SUDO_USER"] ?? environment["USER"] ?? environment["LOGNAME"] ?? ""
        if let ledger = arguments.value("from") {
            guard arguments.positionals.isEmpty else { throw Failure.usage("ignore --from: takes no finding key") }
            return try fromLedger(ledger, arguments: arguments, by: by)
        }
        guard let reason = arguments.value("reason")?.trimmingCharacters(in: .whitespacesAndNewlines), !reason.isEmpty
        else {
            throw Failure.usage("ignore: --reason TEXT is required (say why the finding is wrong or accepted)")
        }
        if let rule = arguments.value("rule") {
            guard arguments.positionals.isEmpty else { throw Failure.usage("ignore --rule: takes no finding key") }
            guard let prefix = arguments.value("url-prefix"), !prefix.isEmpty else {
                throw Failure.usage("ignore --rule \(rule): give --url-prefix URL (the part of the site to leave out)")
            }
            return try byRule(rule, prefix: prefix, reason: reason, arguments: arguments, by: by)
        }
        guard arguments.positionals.count == 1, let raw = arguments.positionals.first else {
            throw Failure.usage(
                "ignore: give one finding key (the `key` of a finding in findings.jsonl, 问题编号 in the ledger), --from LEDGER.csv, or --rule R --url-prefix P"
            )
        }
        let key = raw.lowercased()
        let context = try NightlyContext(arguments, command: "ignore")
        guard let (finding, run) = try storeCall({ () throws(StoreError) in try context.store.finding(key: key) })
        else {
            throw Failure.usage("ignore: no finding with key \(key) in \(context.store.path)")
        }
        let entry = IgnoreEntry(
            key: key, reason: reason, by: by, at: context.settings.clock.now.description,
            rule: finding.rule.rawValue, site: finding.site, url: finding.url, match: finding.match)
        try append([entry], context)
        RunLog(label: "ignore", quiet: context.settings.quiet)
            .event(
                "\(key) (\(finding.rule.rawValue) on \(finding.url), run \(run)) added to \(context.config.paths.ignore); `govlint report` rebuilds the notices without it"
            )
        return ExitStatus.clean
    }

    private static func append(_ entries: [IgnoreEntry], _ context: NightlyContext) throws(Failure) {
        do {
            try IgnoreList.append(entries, to: context.config.paths.ignore)
        } catch {
            throw Failure.config(error)
        }
    }

    /// The rows marked 误报 that are not ignored yet; each must be a finding in the store.
    private static func fromLedger(_ path: String, arguments: Arguments, by: String) throws(Failure) -> Int32 {
        let context = try NightlyContext(arguments, command: "ignore")
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure.usage("ignore --from: cannot read \(path)")
        }
        let marked: [Ledger.FalsePositive]
        do {
            marked = try Ledger.falsePositives(csv: data, file: path)
        } catch {
            throw Failure.badInput(error.description)
        }
        var entries: [IgnoreEntry] = []
        var already = 0
        for row in marked {
            if context.ignore.entry(key: row.key) != nil { already += 1; continue }
            guard let (finding, _) = try storeCall({ () throws(StoreError) in try context.store.finding(key: row.key) })
            else {
                throw Failure.badInput("\(path):\(row.line): 问题编号 \(row.key) is not a finding in \(context.store.path)")
            }
            entries.append(
                IgnoreEntry(
                    key: row.key, reason: row.reason, by: by, at: context.settings.clock.now.description,
                    rule: finding.rule.rawValue, site: finding.site, url: finding.url, match: finding.match))
        }
        if !entries.isEmpty { try append(entries, context) }
        RunLog(label: "ignore", quiet: context.settings.quiet)
            .event(
                "\(path): \(marked.count) row(s) marked 误报, \(entries.count) added to \(context.config.paths.ignore)"
                    + (already > 0 ? ", \(already) already there" : "")
                    + "; `govlint report` rebuilds the notices without them")
        return ExitStatus.clean
    }

    private static func byRule(_ rule: String, prefix: String, reason: String, arguments: Arguments, by: String)
        throws(Failure) -> Int32
    {
        guard RuleID(rawValue: rule) != nil else {
            throw Failure.usage("ignore --rule: unknown rule `\(rule)` (see `govlint rules`)")
        }
        let context = try NightlyContext(arguments, command: "ignore")
        let site = arguments.value("site")
        if let site, context.config.site(id: site) == nil && context.config.feed(id: site) == nil {
            throw Failure.usage("ignore --site: `\(site)` is not a site id in \(context.config.file)")
        }
        let covered = try storeCall { () throws(StoreError) in
            try context.store.findings(site: site, rule: rule, urlPrefix: prefix)
        }
        let entry = IgnoreEntry(
            key: "", reason: reason, by: by, at: context.settings.clock.now.description, rule: rule, site: site,
            urlPrefix: prefix)
        try append([entry], context)
        RunLog(label: "ignore", quiet: context.settings.quiet)
            .event(
                "\(rule) under \(prefix)\(site.map { " on \($0)" } ?? ""): \(covered.count) stored finding(s) now ignored; "
                    + "added to \(context.config.paths.ignore)")
        return ExitStatus.clean
    }
}
