import Foundation
import GovCore
import GovStore
import GovTestSupport
import Testing
@testable import GovKit

/// Regression: `prune` bounded the store but the report folders grew for ever — each night's
/// evidence copies (网页定位, most of a run's files) stayed. Now the evidence of runs before the
/// cutoff goes; their notices and ledgers, the office's records, stay.
@Suite(.serialized) struct EvidencePruneTests {
    @Test func pruneRemovesOldRunsEvidenceAndKeepsTheirNotices() async throws {
        let site = try StorePruneTests.site()
        let work = try NightlyWorkspace()
        try work.writeConfig(sites: [.init(id: "county-a", name: "测试县人民政府", url: site.url)])
        for day in 1...3 { #expect(await StorePruneTests.night(work, day) == 0) }
        let runs = try work.store().runs(kind: .run).sorted { $0.id < $1.id }
        #expect(runs.count == 3)
        func folder(_ run: RunRecord) -> String { work.reports.appendingPathComponent("runs/\(run.id)/county-a").path }
        func has(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }
        #expect(runs.allSatisfy { has(folder($0) + "/evidence") }, "every night wrote its evidence copies")

        #expect(await offThePool { work.govlint(["prune", "--keep-days", "1", "--now", "2026-12-03T09:00"]) } == 0)
        #expect(!has(folder(runs[0]) + "/evidence"), "the run of 12-01 lost its evidence")
        #expect(
            has(folder(runs[0]) + "/notice.html") && has(folder(runs[0]) + "/ledger.csv"), "its notice and ledger stay")
        #expect(runs.dropFirst().allSatisfy { has(folder($0) + "/evidence") }, "12-02 and 12-03 are kept whole")
    }
}
