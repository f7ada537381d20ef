import GovCore
import GovLexicon

/// 错别字: a misspelling from `typos.tsv`, with its correction.
public struct TypoRule: LexiconListRule {
    static let list = ListKind.typo
    public init() {}

    public static let description = RuleDescription(
        id: .typo, kind: .text, defaultSeverity: .major, weight: RuleWeight(1, cap: 15),
        rationale:
            "A misspelling listed in wordlists/typos.tsv (wrong → right). Matching ignores full-/half-width differences and spaces or zero-width characters between Chinese characters; words in allow.txt that contain a listed wrong form suppress it.",
        triggering: [
            Example("认真⟦布署⟧全年工作", suggestion: "部署", lexicon: ["typos.tsv": "布署\t部署"]),
            Example("⟦截止目前⟧，全市已完成", suggestion: "截至目前", lexicon: ["typos.tsv": "截止目前\t截至目前\t现代汉语词典"]),
        ],
        nonTriggering: [
            Example("认真部署全年工作", lexicon: ["typos.tsv": "布署\t部署"]),
            Example("国办发〔2019〕19号", lexicon: ["typos.tsv": "办发\t颁发", "allow.txt": "国办发"]),
        ])
}
