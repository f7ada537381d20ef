import Foundation
import GovCore
import GovExtract
import Testing
@testable import GovRules

/// One example of one rule, named for the test log.
struct RuleExampleCase: Sendable, CustomTestStringConvertible {
    enum Kind: Sendable { case page, brokenLink, attachment, site, feed, closedSite }
    let id: RuleID
    let kind: Kind
    let example: Example
    let triggers: Bool
    var testDescription: String {
        "\(id.rawValue) \(triggers ? "triggering" : "non-triggering") \((example.file as NSString).lastPathComponent):\(example.line)"
    }

    static var all: [RuleExampleCase] {
        func cases(_ d: RuleDescription, _ kind: Kind) -> [RuleExampleCase] {
            d.triggering.map { RuleExampleCase(id: d.id, kind: kind, example: $0, triggers: true) }
                + d.nonTriggering.map { RuleExampleCase(id: d.id, kind: kind, example: $0, triggers: false) }
        }
        return PageRules.all.flatMap { cases(type(of: $0).description, .page) }
            + cases(BrokenLinkRule.description, .brokenLink)
            + cases(AttachmentUnreadableRule.description, .attachment)
            + SiteRules.all.flatMap { cases(type(of: $0).description, .site) }
            + FeedRules.all.flatMap { cases(type(of: $0).description, .feed) }
            + cases(ClosedSiteAliveRule.description, .closedSite)
    }
}

enum ExampleRunner {
    static let site = "https://www.example.gov.cn/"
    static let article = "https://www.example.gov.cn/zwdt/2026/1105/1.html"
    static let now = Day(year: 2026, month: 11, day: 30)!
    static let closedSites = [
        ClosedSite(urlPrefix: "http://old.example.gov.cn/", successor: "https://www.example.gov.cn/old/")
    ]

    static func matcher(_ terms: [String]) -> @Sendable (String) -> [String] {
        { text in terms.filter { text.contains($0) } }
    }

    /// The matches a rule reports for an example's input (markers stripped).
    static func matches(_ c: RuleExampleCase) throws -> [String] {
        let plain = SiteFixture.markers(c.example.input).plain
        switch c.kind {
        case .page:
            let url = c.example.url ?? article
            let page = PageExtractor.extract(body: Array(plain.utf8), url: url, contentType: "text/html; charset=utf-8")
            var terms: [String] = []
            for (file, lines) in c.example.lexicon where file.hasPrefix("sensitive/") {
                terms += lines.split(separator: "\n").map(String.init)
            }
            let sensitive = terms.isEmpty ? nil : ExampleRunner.matcher(terms)
            let context = PageContext(
                siteID: "example", scopeHosts: ["www.example.gov.cn"], closedSites: closedSites,
                isHomepage: url == site,
                sensitiveTerms: sensitive,
                now: now)
            let rule = try #require(PageRules.all.first { type(of: $0).description.id == c.id })
            return rule.check(page, context: context).map(\.match)
        case .brokenLink:
            let fields = plain.split(separator: " ")
            var outcome = FetchOutcome(url: String(fields[0]))
            var referrers: [String] = []
            var homepage = false
            for field in fields.dropFirst() {
                let kv = field.split(separator: "=", maxSplits: 1).map(String.init)
                switch kv[0] {
                case "status": outcome.status = Int(kv[1]) ?? 0
                case "error": outcome.error = FetchError(rawValue: kv[1])
                case "from": referrers = kv[1].split(separator: ",").map(String.init)
                case "homepage": homepage = true
                case "blocked": outcome.blocked = true
                default: Issue.record("unknown field \(field)")
                }
            }
            let finding = BrokenLinkRule().check(
                outcome: outcome, referrers: referrers, isHomepageLink: homepage, site: "example")
            if let finding, homepage { #expect(finding.message?.contains("首页链接") == true) }
            return finding.map { [$0.match] } ?? []
        case .attachment:
            let fields = plain.split(separator: " ").map(String.init)
            var reason: String?, from: String?
            for field in fields.dropFirst() {
                let kv = field.split(separator: "=", maxSplits: 1).map(String.init)
                switch kv[0] {
                case "reason": reason = kv[1] == "none" ? nil : kv[1]
                case "from": from = kv[1]
                default: Issue.record("unknown field \(field)")
                }
            }
            let finding = AttachmentUnreadableRule().check(
                url: fields[0], reason: reason, missingConverter: reason == "missing-converter",
                linkedFrom: from, title: nil, column: nil, site: "example")
            return finding.map { [$0.match] } ?? []
        case .site:
            let fixture = try SiteFixture(plain)
            let snapshot = try #require(fixture.snapshot)
            let rule = try #require(SiteRules.all.first { type(of: $0).description.id == c.id })
            return rule.check(snapshot, context: SiteRuleContext(now: fixture.now)).map(\.match)
        case .feed:
            let fixture = try SiteFixture(plain)
            let rule = try #require(FeedRules.all.first { type(of: $0).description.id == c.id })
            return fixture.feeds.flatMap { rule.check($0, context: SiteRuleContext(now: fixture.now)) }.map(\.match)
        case .closedSite:
            let fixture = try SiteFixture(plain)
            return fixture.closed.compactMap { ClosedSiteAliveRule().check(closed: $0.0, outcome: $0.1) }.map(\.match)
        }
    }
}

@Suite struct SiteRuleExampleTests {
    /// Every page, site, feed and closed-site rule example: triggering ones yield exactly the
    /// ⟦marked⟧ matches, non-triggering ones yield nothing.
    @Test(arguments: RuleExampleCase.all)
    func example(_ c: RuleExampleCase) throws {
        let found = try ExampleRunner.matches(c)
        let expected = SiteFixture.markers(c.example.input).marks
        let location = SourceLocation(fileID: c.example.file, filePath: c.example.file, line: c.example.line, column: 1)
        if c.triggers {
            #expect(!expected.isEmpty, "a triggering example must mark its matches", sourceLocation: location)
            #expect(found.sorted() == expected.sorted(), sourceLocation: location)
        } else {
            #expect(found.isEmpty, "unexpected: \(found)", sourceLocation: location)
        }
    }

    @Test func everyRuleHasBothKindsOfExamples() {
        let descriptions = PageRules.descriptions + SiteRuleCatalog.descriptions
        for d in descriptions {
            #expect(!d.triggering.isEmpty && !d.nonTriggering.isEmpty, "\(d.id.rawValue)")
        }
        let text: Set<RuleID> = [
            .typo, .sensitive, .expression, .outdated, .numberStyle, .repeatedWord, .punctuation, .privacy,
        ]
        #expect(Set(descriptions.map(\.id)) == Set(RuleID.allCases).subtracting(text))
        #expect(descriptions.count == Set(descriptions.map(\.id)).count)
    }
}
