import Testing
import GovCore
@testable import GovExtract

@Test func smoke() throws {
    for name in ["utf8", "gbk-meta", "gbk-undeclared", "gb2312-gbk-only", "bom-utf8", "broken", "hidden-links", "list", "article"] {
        let page = PageExtractor.extract(body: try Fixture.bytes("pages/\(name).html"), url: "https://www.a.example.gov.cn/zwgk/tzgg/index.html", contentType: name == "bom-utf8" ? "text/html; charset=gbk" : nil)
        print("=== \(name) charset=\(page.charset) title=\(page.title)")
        for b in page.blocks { print("  [\(b.scope) L\(b.line)] \(b.text)") }
        for l in page.links { print("  link \(l.kind) \(l.url) «\(l.text)» hidden=\(l.hiddenBy ?? "-") L\(l.line)") }
        print("  meta \(page.meta)\n  crumb \(page.breadcrumb)\n  printed \(String(describing: page.printedDate))\n  items \(page.listItems)\n  rows \(page.tableRows)\n  scripts \(page.scriptSources)\n  footer «\(page.footerText)»")
    }
}
