import Foundation
import GovCore
import GovCrawl
import GovTestSupport
import Testing
@testable import GovCLI
@testable import GovKit
@testable import GovReport

/// Template dedup of hidden, external and closed-site links (issue 12): only what is provably
/// one template — the same link, with the same text, hidden the same way — is merged, the
/// merged finding lists every page, and its identity does not depend on the page shown.
@Suite struct TemplateLinkTests {
    static let spam = "http://spam.example.com/"

    /// A page hiding the spam link in the given way (nil: the page is clean).
    static func page(_ title: String, hiding style: String?, links: [String] = []) -> EmbeddedFetcher.Response {
        let anchors = links.map { "<li><a href=\"\($0)\">\($0)</a></li>" }.joined()
        let hidden = style.map { "<div style=\"\($0)\"><a href=\"\(spam)\">娱乐</a></div>" } ?? ""
        return .init(
            body: """
                <!DOCTYPE html><html><head><meta charset="utf-8"><title>\(title)</title></head>
                <body><h1>\(title)</h1><p>各项工作进展顺利。</p><ul>\(anchors)</ul>\(hidden)</body></html>
                """)
    }

    func scan(_ site: [String: EmbeddedFetcher.Response]) throws -> [Finding] {
        let fetcher = EmbeddedFetcher(site: site)
        let lexicon = FileManager.default.temporaryDirectory.appendingPathComponent(
            "govlint-template-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: lexicon, withIntermediateDirectories: true)
        try Data("布署\t部署\n".utf8).write(to: lexicon.appendingPathComponent("typos.tsv"))
        let settings = try Settings(
            Arguments(["scan", "--now", "2026-11-28", "--lexicon", lexicon.path], commands: [ScanCommand.spec]),
            defaultFailOn: .major)
        let engine = try Engine(settings: settings, crawlOptions: fetcher.options, fetcher: fetcher)
        return try engine.scanner(for: ScanTarget(url: "http://county.example/")).run().findings.filter {
            $0.rule == .hiddenLink
        }
    }

    static let links = ["/a.html", "/b.html"]

    /// The homepage, a.html and b.html, each hiding the spam link the given way (nil: clean).
    func scanSite(home: String?, a: String?, b: String?) throws -> [Finding] {
        try scan([
            "http://county.example/": Self.page("首页", hiding: home, links: Self.links),
            "http://county.example/a.html": Self.page("甲", hiding: a),
            "http://county.example/b.html": Self.page("乙", hiding: b),
        ])
    }

    @Test func theSameLinkHiddenTheSameWayIsOneFindingListingEveryPage() throws {
        let hidden = try scanSite(home: "display:none", a: "display:none", b: "display:none")
        #expect(hidden.count == 1, "\(hidden)")
        #expect(hidden.first?.url == "http://county.example/", "shown on the homepage")
        #expect(
            hidden.first?.pages == [
                "http://county.example/", "http://county.example/a.html", "http://county.example/b.html",
            ])
        #expect(hidden.first?.message?.contains("该链接出现在 3 个页面（页面模板）") == true)
    }

    @Test func theSameLinkHiddenInAnotherWayIsAFindingOfItsOwn() throws {
        let hidden = try scanSite(home: "display:none", a: "display:none", b: "visibility:hidden")
        #expect(hidden.count == 2, "\(hidden)")
        let other = hidden.first { $0.url == "http://county.example/b.html" }
        #expect(other?.pages == nil && other?.message?.contains("设置为不可见") == true, "\(hidden)")
        #expect(hidden.first { $0.url == "http://county.example/" }?.pages?.count == 2)
    }

    /// Regression: the merged finding was the homepage's; after the homepage was cleaned the
    /// same template link came back as a new finding (new first_seen, new deadline) elsewhere.
    @Test func cleaningThePageShownKeepsTheFindingsIdentity() throws {
        let before = try scanSite(home: "display:none", a: "display:none", b: "display:none")
        let after = try scanSite(home: nil, a: "display:none", b: "display:none")
        #expect(before.count == 1 && after.count == 1)
        #expect(after.first?.url == "http://county.example/a.html", "shown on the first page in URL order")
        #expect(after.first?.key == before.first?.key, "the same finding, not a new one")
        #expect(after.first?.pages == ["http://county.example/a.html", "http://county.example/b.html"])
    }

    /// A template link's identity leaves the page out (so `check` of any page carrying it and
    /// `scan` of the site name the same finding).
    @Test func aTemplateLinksIdentityLeavesThePageOut() throws {
        let scanned = try scan(["http://county.example/": Self.page("首页", hiding: "display:none")])
        var single = try #require(scanned.first)
        single.url = "http://county.example/other.html"
        #expect(single.key == scanned.first?.key)
        #expect(scanned.first?.pages == nil, "one page: no list")
    }

    /// The ledger's 位置 lists every page the template link is on.
    @Test func theLedgerListsEveryPage() throws {
        let hidden = try scanSite(home: "display:none", a: "display:none", b: "display:none")
        let place = Ledger.place(try #require(hidden.first))
        #expect(
            place == "页面模板，出现在以下3个页面：http://county.example/；http://county.example/a.html；http://county.example/b.html")
    }
}
