import GovCore
import GovLexicon

/// 过时表述: an agency name or formulation superseded on a known date (outdated.tsv).
public struct OutdatedRule: LexiconListRule {
    static let list = ListKind.outdated
    public init() {}

    public static let description = RuleDescription(
        id: .outdated, kind: .text, defaultSeverity: .minor, weight: RuleWeight(0.5, cap: 3),
        rationale: "An old agency name or superseded formulation, listed in wordlists/outdated.tsv with its successor and the date and document of the change (e.g. the 2018 机构改革).",
        triggering: [
            Example("请到县⟦食品药品监督管理局⟧办理", suggestion: "市场监督管理局",
                    lexicon: ["outdated.tsv": "食品药品监督管理局\t市场监督管理局\t2018年机构改革"]),
        ],
        nonTriggering: [
            Example("请到县市场监督管理局办理",
                    lexicon: ["outdated.tsv": "食品药品监督管理局\t市场监督管理局\t2018年机构改革"]),
        ])
}
