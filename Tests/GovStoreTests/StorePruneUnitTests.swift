import Foundation
import GovCore
import Testing
@testable import GovStore

/// `Store.prune`: what it drops and, above all, what it must never touch.
@Suite struct StorePruneUnitTests {
    /// One finished nightly run of county-a on `day` with one page and the given findings.
    static func night(
        _ store: Store, _ day: Day, page: String = "https://www.a.example.gov.cn/1.html",
        findings: [Finding]
    ) throws -> Int64 {
        let id = try store.beginRun(kind: .run, sites: ["county-a"], day: day)
        let record = PageRecord(
            url: page, status: 200, etag: "\"e\(day)\"", fetchedAt: Date(), title: "标题", column: "政务动态",
            digest: Page(url: page), findings: [])
        try store.completeSite(
            run: id, site: "county-a",
            results: SiteResults(
                pages: [record], findings: findings, unread: ["https://www.a.example.gov.cn/x.html": "超时"]))
        try store.finishRun(id: id)
        return id
    }

    @Test func pruneKeepsHistoryUnsentAndHeldMailAndTheNewestRun() throws {
        let dir = TempStoreDirectory()
        let store = try Store(path: dir.storePath)
        let typo = finding("布署")
        let old = try Self.night(store, day1, page: "https://www.a.example.gov.cn/old.html", findings: [typo])
        let kept = try Self.night(store, day3, findings: [typo])
        let sent = try store.enqueue(
            run: old, recipients: ["a@b.gov.cn"], subject: "整改通知", message: Data("body one".utf8))
        try store.markSent(id: sent)
        let unsent = try store.enqueue(
            run: old, recipients: ["a@b.gov.cn"], subject: "整改通知", message: Data("body two".utf8))
        let held = try store.enqueue(
            run: old, recipients: ["a@b.gov.cn"], subject: "整改通知", message: Data("body three".utf8), held: true)
        try store.recordProbe(
            ProbeResult(site: "county-a", at: Date().addingTimeInterval(-30 * 86_400), ok: true, seconds: 0.2))
        try store.recordProbe(ProbeResult(site: "county-a", at: Date(), ok: true, seconds: 0.2))
        let history = try [old, kept].map {
            try store.findings(run: $0).map { "\($0.key)|\($0.status?.rawValue ?? "")|\($0.firstSeen ?? "")" }
        }

        let counts = try store.prune(
            before: day2, probesBefore: Date().addingTimeInterval(-7 * 86_400), hash: { "len\($0.count)" })
        #expect(counts.runs == 1 && counts.pageRows == 1 && counts.pageMemories == 1)
        #expect(counts.probes == 1 && counts.mailBodies == 1)
        #expect(try store.pages(run: old, site: "county-a").isEmpty)
        #expect(try store.pages(run: kept, site: "county-a").count == 1)
        #expect(
            try store.checkGaps(run: old)["county-a"]?.unread.count == 1,
            "what a run could not read stays: its notice still says so")
        #expect(
            try store.pageMemory(site: "county-a", url: "https://www.a.example.gov.cn/1.html") != nil,
            "the page memory a 304 replays stays")
        let mail = Dictionary(try store.outbox(run: old).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(mail[sent]?.message.isEmpty == true && mail[sent]?.sentAt != nil && mail[sent]?.subject == "整改通知")
        #expect(mail[unsent]?.message == Data("body two".utf8), "unsent mail is never dropped")
        #expect(mail[held]?.message == Data("body three".utf8), "mail held for review is never dropped")
        #expect(
            try [old, kept].map {
                try store.findings(run: $0).map { "\($0.key)|\($0.status?.rawValue ?? "")|\($0.firstSeen ?? "")" }
            } == history)
        #expect(try store.runs(kind: .run).count == 2)

        // The newest finished run is kept whole however old it is.
        let later = try store.prune(
            before: Day(year: 2027, month: 1, day: 1)!, probesBefore: Date(timeIntervalSince1970: 0), hash: { _ in "" })
        #expect(later.pageRows == 0 && later.runs == 0)
        #expect(try store.pages(run: kept, site: "county-a").count == 1)
        #expect(try store.integrityCheck() == "ok")
    }
}
