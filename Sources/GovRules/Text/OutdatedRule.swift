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
                lexicon: ["outdated.tsv": "食品药品监督管理局\t市场监督管理局\t2018年机构改革"]),
            // History of a reform names the old body on purpose.
            Example(
                "原县食品药品监督管理局的职责划入县市场监督管理局",
                lexicon: ["outdated.tsv": "食品药品监督管理局\t市场监督管理局\t2018年机构改革"]),
            Example(
                "2018年，县食品药品监督管理局等三个部门整合组建县市场监督管理局。",
                lexicon: ["outdated.tsv": "食品药品监督管理局\t市场监督管理局\t2018年机构改革"]),
            Example(
                "我县停止办理暂住证，全面实施居住证制度。",
                lexicon: ["outdated.tsv": "暂住证\t居住证\t2016年《居住证暂行条例》"]),
            // A short name ending in 部 before a word starting with 部 (农业|部分).
            Example(
                "其中农业部分增长3.5%，环保部门加强监管",
                lexicon: ["outdated.tsv": "农业部\t农业农村部\t2018年机构改革\n环保部\t生态环境部\t2018年机构改革"]),
        ])

    public func check(_ unit: TextUnit) -> [TextHit] {
        listedHits(unit).filter { !Self.namesTheOldOnPurpose($0.range, unit.scalars) }
    }
}

extension OutdatedRule {
    /// Words that make a sentence the history of a change: there the old name is the fact.
    static let historyWords: [[Unicode.Scalar]] = [
        "更名", "改名", "改称", "撤销", "整合", "合并", "划入", "并入", "组建", "不再保留", "改革前", "停止办理",
        "取消", "撤并", "挂牌", "前身",
    ].map { Array($0.unicodeScalars) }

    /// Administrative prefixes between 原 and the name (原县安全生产监督管理局).
    static let levelPrefixes: Set<Unicode.Scalar> = Set("县市区省州盟旗乡镇国家自治".unicodeScalars)

    /// Characters that make a word with a final 部 (部分, 部门, 部署): 农业部分 is no 农业部.
    static let wordsAfterBu: Set<Unicode.Scalar> = Set("分门署位件队落长属".unicodeScalars)

    /// Whether the old name is written on purpose: after 原 (原县环境保护局), in a sentence
    /// telling the change (更名, 整合, 划入, 停止办理 …), or only the start of another word.
    static func namesTheOldOnPurpose(_ range: Range<Int>, _ s: [Unicode.Scalar]) -> Bool {
        if range.upperBound < s.count, s[range.upperBound - 1] == "部", wordsAfterBu.contains(s[range.upperBound]) {
            return true
        }
        var i = range.lowerBound - 1
        while i >= 0, range.lowerBound - i <= 4, levelPrefixes.contains(s[i]) { i -= 1 }
        if i >= 0, s[i] == "原" { return true }
        // The sentence (as SpamContext ends one), at most 120 characters either side:
        // bounded work per hit.
        var start = range.lowerBound
        while start > 0, range.lowerBound - start < 120, !SpamContext.isSentenceEnd(s[start - 1]) { start -= 1 }
        var end = range.upperBound
        while end < s.count, end - range.upperBound < 120, !SpamContext.isSentenceEnd(s[end]) { end += 1 }
        for word in historyWords {
            var k = start
            while k + word.count <= end {
                if s[k] == word[0], (1..<word.count).allSatisfy({ s[k + $0] == word[$0] }) { return true }
                k += 1
            }
        }
        return false
    }

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
