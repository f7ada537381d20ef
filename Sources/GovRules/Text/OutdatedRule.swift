import GovCore
import GovLexicon

/// 过时表述: an agency name or formulation superseded on a known date (outdated.tsv).
public struct OutdatedRule: LexiconListRule {
    static let list = ListKind.outdated
    public init() {}

    public static let description = RuleDescription(
        id: .outdated, kind: .text, defaultSeverity: .minor, weight: RuleWeight(0.5, cap: 3),
        rationale:
            "An old agency name or superseded formulation, listed in wordlists/outdated.tsv with its successor and the date and document of the change (e.g. the 2018 机构改革). On a crawled page published (PubDate meta, else the date printed near its title) before the earliest date its basis names, the old name was right and is not reported.",
        triggering: [
            Example(
                "请到县⟦食品药品监督管理局⟧办理", suggestion: "市场监督管理局",
                lexicon: ["outdated.tsv": "食品药品监督管理局\t市场监督管理局\t2018年机构改革"])
        ],
        nonTriggering: [
            Example(
                "请到县市场监督管理局办理",
                lexicon: ["outdated.tsv": "食品药品监督管理局\t市场监督管理局\t2018年机构改革"])
        ])
}

extension OutdatedRule {
    /// The day a listed name was superseded: the earliest date its basis names
    /// (“2018年3月起不再保留（《国务院机构改革方案》，2018-03-17）” → 2018-03-17); nil when
    /// the basis names none.
    static func supersededOn(basis: String?) -> Day? {
        guard let basis else { return nil }
        return DateText.findDates(in: basis).map(\.value.day).min()
    }

    /// Whether a finding stands on a page published on `published`: an outdated name on a
    /// page older than the change it names was the right name then. Other findings, pages
    /// without a date and entries without one always stand.
    /// Regression: 国土资源部 on a 2017 notice was reported as 过时表述.
    public static func stands(_ finding: Finding, publishedOn published: Day?) -> Bool {
        guard finding.rule == .outdated, let published, let changed = supersededOn(basis: finding.basis) else {
            return true
        }
        return published >= changed
    }
}
