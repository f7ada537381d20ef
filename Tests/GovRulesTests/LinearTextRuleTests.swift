import Foundation
import GovCore
import GovLexicon
@testable import GovRules
import GovTestSupport
import Testing

/// Issue 11 item 5: every text rule is linear in its input. Each hostile family is built at
/// n and 2n; the work (the best of three timed runs, CPU time of this thread) may at most
/// about double — the bound is a generous factor of 3, never a wall-clock limit.
@Suite("Text rules are linear")
struct LinearTextRuleTests {
    /// Hostile inputs, each one block: what made a rule quadratic before, and what might.
    static let families: [(name: String, unit: String, baseCount: Int)] = [
        ("unpaired opening marks", "《", 40_000),
        ("openings then closings of another kind", "《（", 20_000),
        ("bank cards in a subsidy list", "张三\t银行卡号：6222021000000000009\n", 2_000),
        ("bank cards on one line", "张三 银行卡号：6222021000000000009；", 2_000),
        ("mobile numbers on one line", "张伟 13800138000 李娜 13900139000 ", 2_000),
        ("identity numbers", "身份证号110101199003071237，", 2_000),
        ("half-width parentheses", "(中文(中文", 20_000),
        ("e-mail addresses", "a.b@c.d@", 20_000),
        ("doubled marks", "。，、", 20_000),
        ("repeated words", "的的", 20_000),
        ("half-width marks", "中,文;", 20_000),
        ("digits", "2026", 20_000),
        ("prose", "会议要求，各乡镇、各部门要认真部署全年工作，坚持以人民为中心。", 4_000),
        // One endless sentence of outdated names: each hit reads its sentence (bounded).
        ("outdated names in one sentence", "县环境保护局、", 4_000),
        // Spam terms each inside an exception, with markers: every term looked at every
        // exception before (quadratic).
        ("spam terms inside exceptions", "棋牌室注册、", 4_000),
    ]

    static let lexicon = try! Lexicon(files: [
        "typos.tsv": "布署\t部署\n",
        "number-style.tsv": "re:党的(\\d{1,2})大\t党的{cn:1}大\tGB/T 15835-2011\nre:星期(\\d)\t星期{cn:1}\tGB/T 15835-2011\n",
        "sensitive/gambling.txt": "# severity: veto\n网上赌场\n",
        "outdated.tsv": "环境保护局\t生态环境局\t2018年机构改革\n",
    ])

    static let ruleIDs = TextRules.all.map { type(of: $0).description.id }

    @Test(arguments: ruleIDs)
    func doublingTheInputAtMostAboutDoublesTheWork(_ id: RuleID) throws {
        let rule = try #require(TextRules.all.first { type(of: $0).description.id == id })
        Self.expectLinear(TextLinter(lexicon: Self.lexicon, rules: [rule]), id, Self.families)
    }

    /// Each family at n and 2n (`Doubling`: up to three samples, best ratio kept).
    static func expectLinear(
        _ linter: TextLinter, _ id: RuleID, _ families: [(name: String, unit: String, baseCount: Int)]
    ) {
        for family in families {
            // Below 5 ms the clock says nothing about growth.
            let growth = Doubling.measure(n: family.baseCount, floor: 0.005) { count in
                cost(linter, String(repeating: family.unit, count: count))
            }
            #expect(growth.isLinear, "\(id) on \(family.name): \(growth)")
        }
    }

    /// The near-miss search over the shipped protected vocabulary (28,000 idioms, organs,
    /// places, formulations) and the spam-in-context window (issue 10): one pass each, so
    /// a page full of near-misses or of category terms next to promotional markers costs
    /// linear time.
    static let shippedLexicon: Lexicon = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return try! Lexicon.load(directory: root.appendingPathComponent("wordlists").path)
    }()

    static let nearMissFamilies: [(name: String, unit: String, baseCount: Int)] = [
        ("idioms with one wrong character", "名列前矛，群策群立，按步就班。", 2_000),
        ("organs with a homophone", "县应急管理居、生态环竟局、自然资原局。", 2_000),
        ("a place name with a dropped character", "新疆乌鲁齐市", 3_000),
        ("gambling terms near promotional markers", "百家乐真人视讯，注册送彩金，官网开户", 2_000),
        ("anti-gambling news", "依法打击跨境赌博犯罪，远离毒品。", 2_000),
        // Category terms with no selling word in one endless sentence: each looks for a second term.
        ("category terms without a marker", "线上老虎机、手机投注、百家乐、麻古、摇头丸、", 2_000),
        ("AABB idioms with a doubled character replaced", "勤勤肯肯，沸沸洋洋，轰轰列列，", 2_000),
        ("proofread prose", "坚持以人民为中心的发展思想，全面建设社会主义现代化国家。", 2_000),
    ]

    @Test(arguments: [RuleID.typo, .expression, .sensitive])
    func nearMissAndSpamContextAreLinear(_ id: RuleID) throws {
        let rule = try #require(TextRules.all.first { type(of: $0).description.id == id })
        Self.expectLinear(TextLinter(lexicon: Self.shippedLexicon, rules: [rule]), id, Self.nearMissFamilies)
    }

    /// CPU seconds of the best of five runs of the linter over one block.
    static func cost(_ linter: TextLinter, _ text: String) -> Double {
        let block = [TextBlock(scope: .body, text: text)]
        var best = Double.infinity
        for _ in 0..<5 {
            let start = threadCPUTime()
            _ = linter.lint(blocks: block, url: "http://127.0.0.1/")
            best = min(best, threadCPUTime() - start)
        }
        return best
    }

    /// 2,000 bank-card numbers on one page (before: 28–31 s) are all found, linearly.
    @Test func twoThousandBankCardsAreFound() {
        let text = String(repeating: "张三\t银行卡号：6222021000000000009\n", count: 2_000)
        let hits = PrivacyRule().check(TextUnit(text: text, scope: .body, lexiconHits: []))
        #expect(hits.count == 2_000)
        #expect(hits.allSatisfy { $0.category == "bank-card" })
    }

    /// The per-rule cap: the first 100 findings of a rule on a page are kept (document order,
    /// across blocks), the rest counted on the last kept one and said in its message.
    @Test func findingsAreCappedPerRuleAndPageAndTheRestCounted() {
        let linter = TextLinter(lexicon: Self.lexicon)
        let blocks = (0..<3).map { TextBlock(scope: .body, text: String(repeating: "《", count: 50_000), line: $0 + 1) }
        let findings = linter.lint(blocks: blocks, url: "http://127.0.0.1/").filter { $0.rule == .punctuation }
        #expect(findings.count == TextLinter.findingsPerRulePerPage)
        #expect(findings.map(\.offset) == Array(0..<100).map(Optional.some), "the first hits are kept")
        #expect(findings.compactMap(\.moreOnPage) == [150_000 - 100])
        #expect(
            findings.last?.message?.contains("本页另有 149,900 处同类问题未逐一列出") == true,
            "\(String(describing: findings.last?.message))")
        // Below the cap nothing is counted.
        let few = linter.lint(blocks: [TextBlock(scope: .body, text: "《《《")], url: "http://127.0.0.1/")
        #expect(few.count == 3 && few.allSatisfy { $0.moreOnPage == nil })
    }

    /// The sink keeps the first hits by position whatever order a rule streams them in.
    @Test func hitSinkKeepsTheFirstByPosition() {
        var sink = TextHitSink(limit: 3)
        for start in (0..<1_000).reversed() { sink.add(TextHit(range: start..<(start + 1))) }
        #expect(sink.finish().map(\.range.lowerBound) == [0, 1, 2])
        #expect(sink.overflow == 997)
    }
}
