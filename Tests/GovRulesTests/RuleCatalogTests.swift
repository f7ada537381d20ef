import Foundation
import GovCore
import GovRules
import Testing

@Suite struct RuleCatalogTests {
    @Test func everyRuleIDHasExactlyOneDescribedRule() {
        let ids = RuleCatalog.descriptions.map(\.id)
        #expect(Set(ids) == Set(RuleID.allCases), "RuleID.allCases and the rules differ")
        #expect(ids.count == Set(ids).count, "a rule id is described twice")
    }

    @Test(arguments: RuleCatalog.descriptions.map(\.id))
    func everyRuleHasBothKindsOfExample(id: RuleID) throws {
        let d = try #require(RuleCatalog.descriptions.first { $0.id == id })
        #expect(!d.triggering.isEmpty, "\(id) has no triggering example")
        #expect(!d.nonTriggering.isEmpty, "\(id) has no non-triggering example")
        #expect(!d.name.isEmpty && !d.rationale.isEmpty)
    }

    /// The kind on each description is the list that runs it: a text rule is in
    /// TextRules.all, a page rule in PageRules, the link rule is BrokenLinkRule, feed rules in
    /// FeedRules, the rest site rules; the link rules (broken-link, attachment-unreadable) judge
    /// what a page links to, after the crawl.
    @Test func everyRuleKindMatchesTheListThatRunsIt() {
        let text = Set(TextRules.all.map { type(of: $0).description.id })
        let page = Set(PageRules.all.map { type(of: $0).description.id })
        let feed = Set(FeedRules.all.map { type(of: $0).description.id })
        for d in RuleCatalog.descriptions {
            let expected: RuleKind =
                text.contains(d.id)
                ? .text
                : page.contains(d.id)
                    ? .page
                    : [.brokenLink, .attachmentUnreadable].contains(d.id) ? .link : feed.contains(d.id) ? .feed : .site
            #expect(d.kind == expected, "\(d.id) declares \(d.kind), runs as \(expected)")
            #expect(d.weight.perFinding >= 0 && d.weight.cap >= d.weight.perFinding, "\(d.id): weight \(d.weight)")
        }
    }

    /// docs/rules.md is generated from the rules; regenerate with
    /// `govlint rules --markdown > docs/rules.md`.
    @Test func committedRuleReferenceIsUpToDate() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let committed = try String(contentsOf: root.appendingPathComponent("docs/rules.md"), encoding: .utf8)
        #expect(
            committed == RuleCatalog.markdown(),
            "docs/rules.md is stale: run `govlint rules --markdown > docs/rules.md`")
    }

    /// docs/rules.zh.md, the Chinese reference, comes from the same registry.
    @Test func committedChineseRuleReferenceIsUpToDate() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let committed = try String(contentsOf: root.appendingPathComponent("docs/rules.zh.md"), encoding: .utf8)
        #expect(
            committed == RuleCatalog.markdownChinese(),
            "docs/rules.zh.md is stale: run `govlint rules --markdown-zh > docs/rules.zh.md`")
        #expect(!committed.contains("default severity") && committed.contains("单项否决"))
    }
}
