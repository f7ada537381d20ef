import GovCore
import GovLexicon

/// 数字用法: numerals in fixed expressions and dates (GB/T 15835-2011, GB/T 9704-2012).
public struct NumberStyleRule: LexiconListRule {
    static let list = ListKind.numberStyle
    public init() {}

    public static let description = RuleDescription(
        id: .numberStyle, kind: .text, defaultSeverity: .major, weight: RuleWeight(0.5, cap: 3),
        rationale: "Numerals that GB/T 15835-2011 requires in Chinese characters (党的二十大, 十九届四中全会) and dates written in Chinese numerals with 〇 (GB/T 9704-2012), from wordlists/number-style.tsv.",
        triggering: [
            Example("学习贯彻⟦党的20大⟧精神", suggestion: "党的二十大",
                    lexicon: ["number-style.tsv": "党的20大\t党的二十大\tGB/T 15835-2011"]),
            Example("⟦二零二三年⟧十月", suggestion: "二〇二三年",
                    lexicon: ["number-style.tsv": "二零二三年\t二〇二三年\tGB/T 9704-2012"]),
        ],
        nonTriggering: [
            Example("学习贯彻党的二十大精神", lexicon: ["number-style.tsv": "党的20大\t党的二十大\tGB/T 15835-2011"]),
        ])
}
