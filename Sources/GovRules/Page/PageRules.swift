import GovCore

/// Every per-page rule, in run order. `broken-link` is judged per URL after the crawl
/// (`BrokenLinkRule`), and the page rules that need the whole site (column-mismatch,
/// validity-label, interpretation-*) run over the snapshot in `SiteRules`.
public enum PageRules {
    public static let all: [any PageRule] = [
        ExternalLinkRule(),
        HiddenLinkRule(),
        MetadataRule(),
        PubdateMismatchRule(),
        ClosedSiteLinkRule(),
    ]

    /// Descriptions of every page rule, `broken-link` and `attachment-unreadable` included (for docs/rules.md).
    public static var descriptions: [RuleDescription] {
        all.map { type(of: $0).description } + [BrokenLinkRule.description, AttachmentUnreadableRule.description]
    }

    /// Runs every page rule on one page.
    public static func check(_ page: Page, context: PageContext) -> [Finding] {
        all.flatMap { $0.check(page, context: context) }
    }
}
