import GovCore
import GovLexicon

/// 严重表述错误: a corrupted official formulation, organ or place name (expressions.tsv).
public struct ExpressionRule: LexiconListRule {
    static let list = ListKind.expression
    public init() {}

    public static let description = RuleDescription(
        id: .expression, kind: .text, defaultSeverity: .veto, weight: RuleWeight(5, cap: 5),
        rationale:
            "A wrong official formulation, name of a state organ, region or ethnic autonomous area, listed in wordlists/expressions.tsv with the correct form and its basis (依据). The 2019 indicators make 严重表述错误 a veto item.",
        triggering: [
            Example(
                "坚持以⟦习近平近新时代中国特色社会主义思想⟧为指导", suggestion: "习近平新时代中国特色社会主义思想",
                lexicon: ["expressions.tsv": "习近平近新时代中国特色社会主义思想\t习近平新时代中国特色社会主义思想\t网信办通报（崇阳2024）"]),
            Example(
                "深入推进⟦扫黑险恶⟧专项斗争", suggestion: "扫黑除恶",
                lexicon: ["expressions.tsv": "扫黑险恶\t扫黑除恶\t长江日报2019"]),
        ],
        nonTriggering: [
            Example("深入推进扫黑除恶常态化", lexicon: ["expressions.tsv": "扫黑险恶\t扫黑除恶\t长江日报2019"])
        ])
}
