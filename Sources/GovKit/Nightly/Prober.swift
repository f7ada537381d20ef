import Foundation
import GovConfig
import GovCore
import GovCrawl
import GovStore

/// The availability probe (INDICATORS §1.2): one request to every homepage, no retry, the
/// configured limit (15 s); a homepage that does not answer a non-error status within it
/// counts as 打不开. Results are appended to the store; the nightly run judges
/// `site-unreachable` over the last 7 days of them.
package struct Prober {
    let config: Config
    let store: Store

    package init(config: Config, store: Store) { self.config = config; self.store = store }

    package func probe(_ sites: [Config.Site], log: RunLog) throws(Failure) -> [ProbeResult] {
        let limit = Double(config.rules.unreachable.timeoutS)
        var options = SettingsMapping.crawlOptions(config.crawl)
        options.timeoutSeconds = limit
        options.connectTimeoutSeconds = min(options.connectTimeoutSeconds, limit)
        let crawler = Crawler(options: options)
        let at = Date()
        let outcomes = crawler.fetch(sites.map { FetchRequest(url: $0.url, timeoutSeconds: limit, retry: false) })
        var results: [ProbeResult] = []
        for (site, (outcome, _)) in zip(sites, outcomes) {
            let opened = outcome.error == nil && (200..<400).contains(outcome.status) && outcome.seconds <= limit
            let error =
                opened
                ? nil
                : (outcome.error.map { "\($0.chinese): \(outcome.errorMessage ?? "")" } ?? "HTTP \(outcome.status)")
            let result = ProbeResult(
                site: site.id, at: at, ok: opened, seconds: outcome.seconds,
                status: outcome.status == 0 ? nil : outcome.status, error: error)
            try storeCall { () throws(StoreError) in try store.recordProbe(result) }
            results.append(result)
            let timing = String(format: "%.2f s", outcome.seconds)
            if opened {
                log.event("\(site.id): ok, HTTP \(outcome.status) in \(timing)")
            } else {
                log.problem("\(site.id): 打不开 (\(error ?? "")) after \(timing)")
            }
        }
        return results
    }
}
