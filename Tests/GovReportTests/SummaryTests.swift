import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif
import GovCore
import GovTestSupport
import Testing
@testable import GovReport

enum SummarySample {
    static func site(_ n: Int, kind: SiteInfo.Kind = .website) -> SiteInfo {
        SiteInfo(
            id: "site-\(n < 10 ? "0" : "")\(n)", name: n == 3 ? "<script>站点3</script>" : "某某部门\(n)网站",
            owner: "某某部门\(n)", url: "https://s\(n).example.gov.cn/", kind: kind)
    }

    /// 14 websites: scores 100, 99, … ; site 1 is clean; sites 13 and 14 tie on score.
    static var input: SummaryInput {
        var rows: [SummaryRow] = []
        for n in 1...14 {
            let score = n == 14 ? 100 - 12.0 : 100 - Double(n - 1)
            let passed = n < 12
            var findings: [Finding] = []
            if n > 1 {
                for i in 0..<n {
                    findings.append(
                        Finding(
                            rule: i % 2 == 0 ? .typo : .brokenLink, severity: i == 0 && !passed ? .veto : .major,
                            site: "s\(n)", url: "https://s\(n).example.gov.cn/\(i)", match: "m\(i)",
                            status: i % 3 == 0 ? .new : .open))
                }
                findings.append(
                    Finding(rule: .metadata, severity: .minor, site: "s\(n)", url: "u", match: "x", status: .fixed))
            }
            rows.append(
                SummaryRow(
                    site: site(n), verdict: Verdict(passed: passed, reasons: passed ? [] : ["存在单项否决问题"], score: score),
                    findings: findings))
        }
        rows.append(
            SummaryRow(
                site: SiteInfo(id: "wx-a", name: "某某县发布", owner: "某某县融媒体中心", url: "http://x/", kind: .feed),
                verdict: Verdict(passed: false, reasons: ["超过2周未更新"], score: 0),
                findings: [
                    Finding(
                        rule: .feedStale, severity: .veto, site: "wx-a", url: "http://x/", match: "x", status: .open)
                ],
                lastPost: Day(year: 2026, month: 11, day: 1)))
        return SummaryInput(
            office: Sample.office, runDate: Day(year: 2026, month: 11, day: 29)!, checkedAt: "2026年11月29日",
            rows: rows,
            history: (1...15).map { TrendPoint(runDate: Day(year: 2026, month: 11, day: $0)!, openFindings: 100 - $0) })
    }
}

@Suite struct SummaryTests {
    let input = SummarySample.input

    @Test func rankingByScoreThenFewerFindingsWithLastTenSupervised() {
        let ranked = SummaryRenderer.ranking(input)
        #expect(ranked.count == 14)  // accounts are not in the website ranking
        #expect(ranked.first?.row.site.id == "site-01")
        // Sites 13 and 14 both score 88: 13 has 13 findings, 14 has 14.
        #expect(ranked.suffix(2).map(\.row.site.id) == ["site-13", "site-14"])
        #expect(ranked.map(\.rank) == Array(1...14))
        #expect(ranked.filter(\.supervise).map(\.row.site.id) == (5...14).map { "site-\($0 < 10 ? "0" : "")\($0)" })
    }

    @Test func tiesShareARankAndCleanSitesAreNeverSupervised() {
        var small = input
        small.rows = [
            SummaryRow(site: SummarySample.site(1), verdict: Verdict(passed: true, score: 100), findings: []),
            SummaryRow(site: SummarySample.site(2), verdict: Verdict(passed: true, score: 100), findings: []),
            SummaryRow(
                site: SummarySample.site(4), verdict: Verdict(passed: true, score: 96),
                findings: [Finding(rule: .typo, severity: .major, url: "u", match: "m")]),
        ]
        let ranked = SummaryRenderer.ranking(small)
        #expect(ranked.map(\.rank) == [1, 1, 3])
        #expect(ranked.map(\.supervise) == [false, false, true])
    }

    @Test func passRateCountsAndSections() {
        let html = SummaryRenderer.html(input)
        #expect(html.contains("网站合格11个，合格率78.6%；政务新媒体合格0个，合格率0.0%。"))
        #expect(html.contains("<h2>二、网站检查结果及排名</h2>"))
        #expect(html.contains("<h2>四、政务新媒体检查情况</h2>"))
        #expect(html.contains("<td>2026年11月1日</td><td class=\"verdict-fail\">不合格</td>"))
        #expect(html.contains("<span class=\"supervise\">督办提醒</span>"))
        #expect(html.contains("列入督办提醒"))
        let noFeeds = SummaryRenderer.html(
            SummaryInput(
                office: input.office, runDate: input.runDate, checkedAt: "x",
                rows: input.rows.filter { $0.site.kind == .website }, history: []))
        #expect(!noFeeds.contains("四、政务新媒体检查情况"))
    }

    @Test func chartsAreInlineSVGWithEscapedChineseLabels() {
        let html = SummaryRenderer.html(input)
        #expect(html.components(separatedBy: "<svg ").count - 1 == 3)
        #expect(html.contains(">各站点待整改问题数</text>"))
        #expect(html.contains(">问题类型分布</text>"))
        #expect(html.contains(">待整改问题数变化趋势</text>"))
        #expect(html.contains(">错别字</text>"))
        #expect(html.contains("&lt;script&gt;站点3&lt;/script&gt;"))
        #expect(!html.contains("<script"))
        // The trend shows the last 12 of 15 runs: 11月4日 … 11月15日.
        #expect(!html.contains(">11月3日</text>"))
        #expect(html.contains(">11月4日</text>") && html.contains(">11月15日</text>"))
    }

    @Test func markdownSummaryEscapesAndRanks() {
        let md = SummaryRenderer.markdown(input)
        #expect(md.contains("| 1 | 某某部门1网站 | 合格 | 100 |"))
        #expect(md.contains("\\<script\\>站点3\\</script\\>"))
        #expect(md.contains("**督办提醒**"))
    }

    @Test func svgIsWellFormedXML() throws {
        let html = SummaryRenderer.html(input)
        var rest = html[...]
        while let start = rest.range(of: "<svg "), let end = rest.range(of: "</svg>") {
            let svg = String(rest[start.lowerBound..<end.upperBound])
            let parser = XMLParser(data: Data(svg.utf8))
            #expect(parser.parse(), "SVG does not parse: \(parser.parserError.map { "\($0)" } ?? "")")
            rest = rest[end.upperBound...]
        }
    }
}

@Suite struct EvidenceAndScanTests {
    @Test func evidenceMarksHitsAndEscapesThePage() {
        let blocks = [
            TextBlock(scope: .title, text: "关于<script>alert(1)</script>的通知"),
            TextBlock(scope: .body, text: "认真布署全年工作，再次布署。𠀀布署"),
        ]
        let finding = Finding(
            rule: .typo, severity: .major, url: "https://a.example.gov.cn/1.html", match: "布署",
            context: "认真布署全年工作", contextHit: 2..<4, suggestion: "部署", scope: .body)
        let hits = EvidenceHit.locate([finding], in: blocks)
        // Offsets in Unicode scalars: the CJK Extension B character counts as one.
        #expect(hits.map(\.range) == [2..<4, 11..<13, 15..<17])
        let html = renderEvidence(
            EvidenceInput(
                siteName: "某某县", url: "https://a.example.gov.cn/1.html", pageTitle: blocks[0].text,
                fetchedAt: "2026-11-29 02:10:00", blocks: blocks, hits: hits, findings: [finding]))
        #expect(html.contains("认真<mark>布署</mark>全年工作，再次<mark>布署</mark>。𠀀<mark>布署</mark>"))
        #expect(html.contains("关于&lt;script&gt;alert(1)&lt;/script&gt;的通知"))
        #expect(!html.contains("<script"))
        #expect(html.contains("<tr><th>抓取时间</th><td>2026-11-29 02:10:00</td></tr>"))
        #expect(html.contains("<tr><th>问题类型</th><td>错别字</td></tr>"))
        #expect(html.contains("建议修改为：部署"))
    }

    /// Regression: every finding was searched for every occurrence in every block, so 100
    /// findings of “《” on a page of a million 《 made 100 million marks (a 1 MB page took 62 s
    /// and 3.7 GB in `scan`). Each distinct text is searched once, marks are capped per text
    /// and per page, and the search work is linear in the page.
    @Test func evidenceMarksAreCappedAndTheSearchIsLinear() {
        func findings(_ n: Int) -> [Finding] {
            (0..<n).map { i in
                Finding(
                    rule: .punctuation, severity: .minor, url: "https://a.example.gov.cn/1.html", match: "《",
                    context: "《《《", contextHit: 1..<2, scope: .body, offset: i)
            }
        }
        let page = [TextBlock(scope: .body, text: String(repeating: "《", count: 200_000))]
        let hits = EvidenceHit.locate(findings(100), in: page)
        #expect(hits.count == EvidenceHit.maxHitsPerText, "one distinct text, capped: \(hits.count)")
        #expect(Set(hits.map(\.range.lowerBound)).count == hits.count, "no hit marked twice")
        // Many distinct texts that do not occur stop at the work budget, not at texts × page.
        let absent = (0..<400).map { i in
            Finding(
                rule: .typo, severity: .major, url: "https://a.example.gov.cn/1.html", match: "缺\(i)",
                context: "", scope: .body)
        }
        let growth = Doubling.measure(n: 100_000, floor: 0.05) { count in
            let blocks = [TextBlock(scope: .body, text: String(repeating: "正文", count: count))]
            let start = threadCPUTime()
            _ = EvidenceHit.locate(absent, in: blocks)
            return threadCPUTime() - start
        }
        #expect(growth.isLinear, "\(growth)")
    }

    @Test func overlappingAndOutOfRangeHitsAreMergedOrClipped() {
        let out = markedHTML(
            "abcdef<",
            hits: [
                EvidenceHit(block: 0, range: 1..<3, rule: .typo),
                EvidenceHit(block: 0, range: 2..<4, rule: .typo),
                EvidenceHit(block: 0, range: 5..<99, rule: .typo),
            ])
        #expect(out == "a<mark>bcd</mark>e<mark>f&lt;</mark>")
    }

    @Test func scanReportGroupsByRuleMostSevereFirst() throws {
        let scan = ScanInput(
            site: Sample.site, checkedAt: "2026年11月27日", scope: CheckScope(pagesChecked: 10, columnsChecked: 2),
            findings: Sample.findings, verdict: Sample.notice.verdict)
        let html = ScanReportRenderer.html(scan)
        let order = ["严重表述错误（expression", "个人信息泄露（privacy", "错别字（typo，2个）", "断链（broken-link", "元数据缺失（metadata"]
        let positions = try order.map { try #require(html.range(of: $0)?.lowerBound, "missing \($0)") }
        #expect(positions == positions.sorted())
        #expect(html.contains("一、严重表述错误"))
        #expect(!html.contains("<script"))
        #expect(html.contains("结论：不合格"))
        let md = ScanReportRenderer.markdown(scan)
        #expect(md.contains("## 三、错别字（typo，2个）"))
        #expect(md.contains("认真【**布署**】全年工作 → 部署"))
    }
}
