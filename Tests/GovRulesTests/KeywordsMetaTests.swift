import GovCore
import GovExtract
import GovLexicon
import GovRules
import Testing

/// Regression (issue 12): the commas of `<meta name="Keywords">` were reported as 标点错误;
/// a keyword list is not a sentence. Its keywords are still checked.
@Suite struct KeywordsMetaTests {
    static let page = """
        <html><head><meta charset="utf-8"><title>通知公告</title>
        <meta name="Keywords" content="政务公开,信息公开，通知公告、布署;网上赌场">
        <meta name="Description" content="今天,我们召开全体会议"></head>
        <body><p>正文</p></body></html>
        """

    @Test func keywordSeparatorsAreNotPunctuationErrorsButKeywordsAreChecked() throws {
        let lexicon = try Lexicon(files: [
            "typos.tsv": "布署\t部署\t现代汉语词典",
            "sensitive/gambling.txt": "# severity: veto\n网上赌场",
        ])
        let extracted = PageExtractor.extract(body: Array(Self.page.utf8), url: "http://a.gov.cn/1.html")
        let findings = TextLinter(lexicon: lexicon).lint(blocks: extracted.blocks, url: "http://a.gov.cn/1.html")
        let meta = findings.filter { $0.scope == .meta }
        // The description is a sentence: its half-width comma is still reported.
        #expect(meta.filter { $0.rule == .punctuation }.map(\.match) == [","], "\(meta)")
        #expect(meta.contains { $0.rule == .typo && $0.match == "布署" })
        #expect(meta.contains { $0.rule == .sensitive && $0.match == "网上赌场" })
    }
}
