@testable import GovCore
import Testing
@testable import GovCrawl

@Suite struct URLNormalizerTests {
    @Test(arguments: [
        ("HTTP://WWW.Example.GOV.cn:80/a/b.html", "http://www.example.gov.cn/a/b.html"),
        ("https://www.example.gov.cn:443/", "https://www.example.gov.cn/"),
        ("https://www.example.gov.cn:8443/x", "https://www.example.gov.cn:8443/x"),
        ("http://example.gov.cn", "http://example.gov.cn/"),
        ("http://example.gov.cn/a/./b/../c/index.html#top", "http://example.gov.cn/a/c/index.html"),
        ("http://example.gov.cn/%7euser/%e6%94%bf", "http://example.gov.cn/~user/%E6%94%BF"),
        (
            "http://example.gov.cn/政务公开/通知.html",
            "http://example.gov.cn/%E6%94%BF%E5%8A%A1%E5%85%AC%E5%BC%80/%E9%80%9A%E7%9F%A5.html"
        ),
        ("http://example.gov.cn/a b.html", "http://example.gov.cn/a%20b.html"),
        ("http://example.gov.cn/list?utm_source=wx&page=2&utm_medium=x&spm=a.b", "http://example.gov.cn/list?page=2"),
        ("http://example.gov.cn/list?b=2&a=1", "http://example.gov.cn/list?b=2&a=1"),
        ("http://example.gov.cn/a.jsp;jsessionid=ABC123?id=5&PHPSESSID=9", "http://example.gov.cn/a.jsp?id=5"),
        ("http://example.gov.cn/?utm_campaign=x", "http://example.gov.cn/"),
        ("http://example.gov.cn/q?x=%2f%41", "http://example.gov.cn/q?x=%2FA"),
        ("http://example.gov.cn/100%", "http://example.gov.cn/100%25"),
        ("  http://example.gov.cn/trim \r\n", "http://example.gov.cn/trim"),
        ("http://www.example.gov.cn./", "http://www.example.gov.cn/"),
    ])
    func normalises(_ input: String, _ expected: String) {
        #expect(URLNormalizer.normalize(input) == expected)
    }

    @Test(arguments: [
        ("../b/c.html?x=1#f", "http://example.gov.cn/a/d/index.html", "http://example.gov.cn/a/b/c.html?x=1"),
        ("/root.html", "https://example.gov.cn:8443/a/b", "https://example.gov.cn:8443/root.html"),
        ("?page=3", "http://example.gov.cn/list?page=2", "http://example.gov.cn/list?page=3"),
        ("//other.gov.cn/x", "https://example.gov.cn/", "https://other.gov.cn/x"),
        ("c.html", "http://example.gov.cn/a/b/", "http://example.gov.cn/a/b/c.html"),
    ])
    func resolvesRelative(_ link: String, _ base: String, _ expected: String) {
        #expect(URLNormalizer.normalize(link, relativeTo: base) == expected)
    }

    @Test(arguments: [
        "mailto:gkb@example.gov.cn", "javascript:void(0)", "tel:12345", "ftp://example.gov.cn/f", "", "http://",
    ])
    func rejectsNonHTTP(_ input: String) {
        #expect(URLNormalizer.normalize(input, relativeTo: "http://example.gov.cn/") == nil)
    }

    @Test func trackingParametersAreConfigurable() {
        let keepSid = TrackingParameters(["utm_*"])
        #expect(
            URLNormalizer.normalize("http://a.gov.cn/c?sid=7&utm_x=1", removing: keepSid) == "http://a.gov.cn/c?sid=7")
        #expect(URLNormalizer.normalize("http://a.gov.cn/c?sid=7&utm_x=1") == "http://a.gov.cn/c")
    }

    @Test func equivalentSpellingsHashAlike() {
        let a = URLNormalizer.normalize("HTTP://a.gov.cn:80/x/../y?utm_source=1#z")!
        let b = URLNormalizer.normalize("http://a.gov.cn/y")!
        #expect(URLNormalizer.hash(a) == URLNormalizer.hash(b))
        #expect(URLNormalizer.hash(a) != URLNormalizer.hash("http://a.gov.cn/y2"))
    }

    @Test func scopeMatchesHostAndPort() {
        let scope = CrawlScope(hosts: ["www.a.gov.cn", "127.0.0.1:8080", "*.b.gov.cn"])
        #expect(scope.contains("https://www.a.gov.cn/x"))
        #expect(scope.contains("http://www.a.gov.cn:8000/x"))
        #expect(scope.contains("http://127.0.0.1:8080/"))
        #expect(!scope.contains("http://127.0.0.1:8081/"))
        #expect(scope.contains("http://news.b.gov.cn/"))
        #expect(scope.contains("http://b.gov.cn/"))
        #expect(!scope.contains("http://notb.gov.cn/"))
        #expect(!scope.contains("http://a.gov.cn/"))
        let fromURL = CrawlScope(startURL: "http://127.0.0.1:9000/index.html")
        #expect(fromURL.entries == ["127.0.0.1:9000"])
        #expect(CrawlScope(hosts: ["a.gov.cn:80"]).contains("http://a.gov.cn/"))
        #expect(!CrawlScope(hosts: ["a.gov.cn:80"]).contains("https://a.gov.cn/"))
    }

    @Test func trapPatternsCollapseNumbersNotNames() {
        #expect(TrapLimiter.pattern(of: "/cal/2026/11/05") == "/cal/#/#/#")
        #expect(TrapLimiter.pattern(of: "/list/2026-11") == "/list/#-#")
        #expect(TrapLimiter.pattern(of: "/art/2024/11/5/art_1229_123.html") == "/art/#/#/#/art_1229_123.html")
    }
}
