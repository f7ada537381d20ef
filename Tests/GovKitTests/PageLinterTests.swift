import Foundation
import GovCore
import GovExtract
@testable import GovCLI
@testable import GovKit
import GovLexicon
import Testing

@Suite struct PageLinterTests {
    @Test func mobileNumbersInAPublicityTableAreFoundRowByRow() throws {
        let html = """
            <html><head><meta charset="utf-8"><title>公示</title></head><body>
            <p>现将先进个人名单予以公示。</p>
            <table><tr><th>序号</th><th>姓名</th><th>联系电话</th></tr>
            <tr><td>1</td><td>张某某</td><td>13912345678</td></tr>
            <tr><td>2</td><td>李某某</td><td>13812345679</td></tr></table>
            <p>咨询电话：0571-00000002。</p></body></html>
            """
        let page = PageExtractor.extract(body: Array(html.utf8), url: "http://127.0.0.1/a.html")
        #expect(page.tableRows.count == 3)
        let settings = try Settings(
            Arguments(
                ["check", "--now", "2026-11-28", "--config", "/dev/null/none"].dropLast(2).map { $0 },
                commands: [CheckCommand.spec]), defaultFailOn: .major)
        let linter = PageLinter(lexicon: try Lexicon(files: [:]), settings: settings)
        let findings = linter.lint(page: page, url: page.url, title: nil, column: nil)
        #expect(findings.filter { $0.rule == .privacy }.map(\.match).sorted() == ["138****5679", "139****5678"])
    }

    @Test func demoPublicityListWithIDAndMobileNumbers() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let body = try Data(contentsOf: root.appendingPathComponent("demo/site/tzgg/2026/1101-1.html"))
        let page = PageExtractor.extract(body: Array(body), url: "http://127.0.0.1/a.html")
        let settings = try Settings(
            Arguments(["check", "--now", "2026-11-28"], commands: [CheckCommand.spec]), defaultFailOn: .major)
        let linter = PageLinter(lexicon: try Lexicon(files: [:]), settings: settings)
        let findings = linter.lint(page: page, url: page.url, title: nil, column: nil)
        #expect(findings.filter { $0.rule == .privacy }.count == 4)
    }
}
