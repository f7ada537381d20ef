import Foundation
import GovConfig
import GovCore
import GovRules
import GovStore

/// What `run`, `probe`, `report`, `mail` and `ignore` share, resolved once: the settings, a
/// config (these commands need one), the store and the ignore list.
package struct NightlyContext {
    package let settings: Settings
    package let config: Config
    package let store: Store
    package let ignore: IgnoreList
    package let ruleSettings: SiteRuleSettings
    package let calendar: WorkingCalendar

    package init(settings: Settings, command: String) throws(Failure) {
        self.settings = settings
        guard let config = settings.config else {
            throw Failure.usage("\(command): needs a config file (no \(settings.configPath); give --config PATH)")
        }
        self.config = config
        do {
            ignore = try IgnoreList.load(path: config.paths.ignore)
        } catch {
            throw Failure.config(error)
        }
        ruleSettings = SettingsMapping.ruleSettings(config.rules)
        calendar = try SettingsMapping.calendar(config.rules)
        store = try storeCall { () throws(StoreError) in try Store(path: config.paths.store) }
    }

    package var reporter: RunReporter {
        RunReporter(config: config, store: store, ignore: ignore, ruleSettings: ruleSettings, calendar: calendar)
    }

    package func mailer(log: RunLog) -> Mailer { Mailer(config: config, store: store, reporter: reporter, log: log) }

    /// `--run ID`, else the newest finished nightly run.
    package func selectedRun(_ runOption: String?) throws(Failure) -> RunRecord {
        if let text = runOption {
            guard let id = Int64(text), id > 0 else { throw Failure.usage("--run expects a run number, got `\(text)`") }
            guard let run = try storeCall({ () throws(StoreError) in try store.run(id: id) }) else {
                throw Failure.usage("run \(id) is not in \(store.path)")
            }
            guard run.status == .finished else {
                throw Failure.usage(
                    "run \(id) is \(run.status.rawValue), not finished: it has no complete results to report")
            }
            return run
        }
        guard let run = try storeCall({ () throws(StoreError) in try store.latestRun(kind: .run) }) else {
            throw Failure.usage("no finished `govlint run` in \(store.path) yet")
        }
        return run
    }

    /// `--sites a,b`: those ids (each must be in the config), else every site.
    package func selectedSites(_ sitesOption: String?) throws(Failure) -> [Config.Site] {
        guard let list = sitesOption else { return config.sites }
        let ids = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var out: [Config.Site] = []
        for id in ids {
            guard let site = config.site(id: id) else {
                if config.feed(id: id) != nil { continue }
                throw Failure.usage("--sites: `\(id)` is not a site id in \(config.file)")
            }
            out.append(site)
        }
        return out
    }
}
