import GovCore
import GovLexicon
import GovRules
import Testing

@Suite struct TextLinterTests {
    let lexicon: Lexicon

    init() throws {
        lexicon = try Lexicon(files: [
            "typos.tsv": "布署\t部署\t现代汉语词典",
            "sensitive/gambling.txt": "# severity: veto\n网上赌场",
        ])
    }

    @Test func textRulesAreTheEightInRuleIDOrder() {
        let ids = TextRules.all.map { type(of: $0).description.id }
        #expect(
            ids == [.typo, .sensitive, .expression, .outdated, .numberStyle, .repeatedWord, .punctuation, .privacy])
        #expect(TextRules.description(of: .privacy)?.name == "个人信息泄露")
        #expect(TextRules.description(of: .brokenLink) == nil)
    }

    @Test func findingCarriesMatchPlaceAndLexiconFacts() throws {
        let block = TextBlock(scope: .body, text: "第一行\n请认真布署全年工作", line: 40)
        let findings = TextLinter(lexicon: lexicon).lint(
            blocks: [block], site: "county-a", url: "https://a/1.html",
            title: "标题", column: "政务动态")
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.rule == .typo && finding.severity == .major)
        #expect(finding.match == "布署" && finding.suggestion == "部署" && finding.basis == "现代汉语词典")
        #expect(finding.source == "inline/typos.tsv:1")
        #expect(finding.offset == 7 && finding.line == 41 && finding.col == 4)
        #expect(
            finding.site == "county-a" && finding.url == "https://a/1.html" && finding.title == "标题"
                && finding.column == "政务动态")
        #expect(finding.scope == .body)
        // Newline folded to a space, one for one; the hit's place in the excerpt.
        #expect(finding.context == "第一行 请认真布署全年工作")
        #expect(finding.contextHit == 7..<9)
    }

    @Test func contextIsCutAtFifteenCharactersAndBlockBounds() throws {
        let text = String(repeating: "甲", count: 30) + "布署" + String(repeating: "乙", count: 30)
        let finding = try #require(
            TextLinter(lexicon: lexicon).lint(blocks: [TextBlock(scope: .body, text: text)], url: "u").first)
        #expect(finding.context == String(repeating: "甲", count: 15) + "布署" + String(repeating: "乙", count: 15))
        #expect(finding.contextHit == 15..<17)
        let short = try #require(
            TextLinter(lexicon: lexicon).lint(blocks: [TextBlock(scope: .title, text: "布署")], url: "u").first)
        #expect(short.context == "布署" && short.contextHit == 0..<2 && short.scope == .title)
    }

    @Test func offsetsAndColumnsCountScalars() throws {
        // 👨‍👩‍👧 is one character but five scalars; CR LF is one line break.
        let text = "👨‍👩‍👧\r\n𠀀布署"
        let finding = try #require(
            TextLinter(lexicon: lexicon).lint(blocks: [TextBlock(scope: .plain, text: text)], url: "u").first)
        #expect(finding.offset == 8 && finding.line == 2 && finding.col == 2)
        #expect(finding.context == "👨‍👩‍👧  𠀀布署" && finding.contextHit == 8..<10)
    }

    /// Regression: the lexicon header won in `check`, the config in `scan`. One order now:
    /// config.yaml, then the list's own header, then the rule's default.
    @Test func severityConfigWinsOverLexiconHeaderThenDefault() {
        let text = "请认真布署工作，欢迎访问网上赌场的的"
        let block = [TextBlock(scope: .body, text: text)]
        let plain = TextLinter(lexicon: lexicon).lint(blocks: block, url: "u")
        #expect(plain.map(\.severity) == [.major, .veto, .minor])
        let configured = TextLinter(
            lexicon: lexicon, severity: [.typo: .minor, .sensitive: .info, .repeatedWord: .major]
        )
        .lint(blocks: block, url: "u")
        // config.yaml wins over the sensitive list's own header.
        #expect(configured.map(\.severity) == [.minor, .info, .major])
    }

    @Test func disabledRulesDoNotRun() {
        let block = [TextBlock(scope: .body, text: "请认真布署工作的的")]
        let findings = TextLinter(lexicon: lexicon, disabled: [.typo]).lint(blocks: block, url: "u")
        #expect(findings.map(\.rule) == [.repeatedWord])
        #expect(TextLinter(lexicon: lexicon, rules: [], disabled: []).lint(blocks: block, url: "u").isEmpty)
    }

    @Test func privacyFindingsPrintOnlyTheMaskedNumber() throws {
        let text = "申请人王芳，身份证号320106199003071234，经审核符合条件"
        let finding = try #require(
            TextLinter(lexicon: lexicon).lint(blocks: [TextBlock(scope: .body, text: text)], url: "u").first)
        #expect(finding.rule == .privacy && finding.severity == .veto)
        // Nothing downstream (reports, ledger, store) ever holds the full number.
        #expect(finding.match == "320106********1234")
        #expect(finding.message == "320106********1234")
        #expect(!finding.context.contains("320106199003071234"))
        #expect(finding.context == "申请人王芳，身份证号320106********1234，经审核符合条件")
        let hit = try #require(finding.contextHit)
        #expect(String(String.UnicodeScalarView(Array(finding.context.unicodeScalars)[hit])) == "320106********1234")
    }
}

@Suite struct TextLinterMaskingTests {
    @Test func neighbouringNumbersInAListAreMaskedToo() throws {
        let text = "张伟 13812345678 李娜 13912345678"
        let findings = TextLinter(lexicon: try Lexicon(files: [:])).lint(
            blocks: [TextBlock(scope: .body, text: text)], url: "u")
        #expect(findings.count == 2)
        #expect(findings.first?.context == "张伟 138****5678 李娜 139****5678")
        for finding in findings {
            #expect(!finding.context.contains("13812345678") && !finding.context.contains("13912345678"))
        }
    }
}
