import GovCore
import GovLexicon

/// 敏感词: a term from `sensitive/<category>.txt`; the category and its severity come from
/// the file (gambling, obscene and political wording are veto by default).
public struct SensitiveRule: LexiconListRule {
    static let list = ListKind.sensitive
    public init() {}

    public static let description = RuleDescription(
        id: .sensitive, kind: .text, defaultSeverity: .veto, weight: RuleWeight(5, cap: 5),
        rationale: "A term that can never be correct on a government page (gambling and illegal-ad spam that injected links carry, obscene, drugs, violent/terror terms, wrong sovereignty wording). The category is the file name in wordlists/sensitive/, its severity the file's `# severity:` header.",
        triggering: [
            Example("欢迎访问⟦网上赌场⟧官网", lexicon: ["sensitive/gambling.txt": "# severity: veto\n网上赌场"]),
        ],
        nonTriggering: [
            Example("依法打击网络赌博违法犯罪活动", lexicon: ["sensitive/gambling.txt": "# severity: veto\n网上赌场"]),
        ])
}
