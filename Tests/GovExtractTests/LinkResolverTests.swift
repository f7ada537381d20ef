import Foundation
import GovCore
import Testing
@testable import GovExtract

@Suite struct LinkResolverTests {
    static let bases = [
        "https://www.a.gov.cn/zwgk/2023/index.html?x=1", "https://www.a.gov.cn", "http://www.a.gov.cn:8080/a/",
        "https://www.a.gov.cn?x=1",
    ]
    static let references = [
        "../img/a.png", "./202611/t1.html", "/x/y.pdf?z=1", "//c.gov.cn/x", "?page=2", "a%20b.html",
        "../../../../x", "http://b.gov.cn/a/./b/../c", ".", "..", "./", "a?b=c&d=e;f", "index_1.html",
        "a@b.html", "a'b(c)*.html", "/", "/a/./b", "/a/../b", "x/..", "x/.", ".hidden/a", "..a/b",
        "/..a/b", "a/b/c/", "https://www.a.gov.cn:443/x", "a%zz.html", "政务公开.html", "a b.html",
        "/中文/路径?q=值",
    ]

    /// Every reference resolves to the page curl's URL parser resolves it to (`WebURL`, the
    /// crawler's reader): the fast paths must not drift from it. Compared in the one spelling
    /// the crawler keys pages by (URLNormalizer), since a fast path returns an absolute URL
    /// as written.
    @Test(arguments: bases)
    func agreesWithCurl(base: String) throws {
        for reference in Self.references {
            let expected = try #require(
                URLNormalizer.normalize(reference, relativeTo: base), "\(reference) against \(base)")
            let resolved = try #require(
                LinkResolver.resolve(reference, base: LinkBase(base)), "\(reference) against \(base)")
            #expect(URLNormalizer.normalize(resolved) == expected, "\(reference) against \(base): \(resolved)")
        }
    }

    /// What the fast paths do not take is resolved by curl: dot segments removed, the base's
    /// query dropped, a protocol-relative reference given the base's scheme.
    @Test func curlResolvesWhatTheFastPathsLeave() {
        let base = LinkBase("https://www.a.gov.cn/zwgk/2023/index.html?x=1")
        #expect(LinkResolver.resolve("../img/a.png", base: base) == "https://www.a.gov.cn/zwgk/img/a.png")
        #expect(LinkResolver.resolve("?page=2", base: base) == "https://www.a.gov.cn/zwgk/2023/index.html?page=2")
        #expect(LinkResolver.resolve("//c.gov.cn/x", base: base) == "https://c.gov.cn/x")
        #expect(LinkResolver.resolve("/a/../b", base: base) == "https://www.a.gov.cn/b")
    }

    @Test func dropsWhatCannotBeFetched() {
        let base = LinkBase("https://www.a.gov.cn/")
        for reference in [
            "", "  ", "#top", "javascript:void(0)", "JavaScript:go()", "mailto:a@b.cn", "tel:12345",
            "data:image/png;base64,AA",
        ] {
            #expect(LinkResolver.resolve(reference, base: base) == nil, "\(reference)")
        }
        #expect(LinkResolver.resolve(" /a/b.html#part \n", base: base) == "https://www.a.gov.cn/a/b.html")
        #expect(LinkResolver.resolve("/a/\nb.html", base: base) == "https://www.a.gov.cn/a/b.html")
        #expect(LinkResolver.resolve("x.html", base: nil) == "x.html")
    }

    @Test func attachments() {
        #expect(LinkResolver.isAttachment("https://a.gov.cn/files/通知.PDF"))
        #expect(LinkResolver.isAttachment("https://a.gov.cn/f/a.docx?v=2"))
        #expect(LinkResolver.isAttachment("https://a.gov.cn/f/a.wps"))
        #expect(!LinkResolver.isAttachment("https://a.gov.cn/f/a.html"))
        #expect(!LinkResolver.isAttachment("https://a.gov.cn/pdf/"))
        #expect(!LinkResolver.isAttachment("https://a.gov.cn/download?file=a.pdf"))
    }
}
