import Testing
@testable import GovCrawl

@Suite struct RobotsTests {
    let text = """
        # comments are ignored
        User-agent: *
        Disallow: /private/
        Disallow: /search
        Allow: /private/public-notice.html
        Crawl-delay: 2

        User-agent: BadBot
        Disallow: /
        """

    @Test func starGroupAppliesWhenGovlintIsNotNamed() {
        let rules = RobotsRules.parse(text)
        #expect(!rules.allows("/private/a.html"))
        #expect(rules.allows("/private/public-notice.html"))  // longer Allow wins
        #expect(!rules.allows("/search?q=1"))
        #expect(rules.allows("/searchable") == false)  // prefix match, as robots.txt means it
        #expect(rules.allows("/index.html"))
        #expect(rules.crawlDelay == 2)
    }

    @Test func namedGroupReplacesStar() {
        let rules = RobotsRules.parse(text + "\n\nUser-agent: govlint\nDisallow: /only-for-govlint/\n")
        #expect(rules.allows("/private/a.html"))
        #expect(!rules.allows("/only-for-govlint/x"))
        #expect(rules.crawlDelay == nil)
    }

    @Test func groupWithSeveralAgents() {
        let rules = RobotsRules.parse(
            "User-agent: other\nUser-agent: GovLint/2.0\nDisallow: /x\n\nUser-agent: *\nDisallow: /")
        #expect(!rules.allows("/x/1"))
        #expect(rules.allows("/y"))
    }

    @Test func wildcardsAndEndAnchor() {
        let rules = RobotsRules.parse("User-agent: *\nDisallow: /*.pdf$\nDisallow: /tmp*/cache\nAllow: /\n")
        #expect(!rules.allows("/files/a.pdf"))
        #expect(rules.allows("/files/a.pdf?download=1"))
        #expect(!rules.allows("/tmp123/cache/x"))
        #expect(rules.allows("/tmp123/other"))
    }

    @Test func emptyDisallowAllowsAllAndTieGoesToAllow() {
        #expect(RobotsRules.parse("User-agent: *\nDisallow:\n").allows("/anything"))
        #expect(RobotsRules.parse("User-agent: *\nDisallow: /a\nAllow: /a\n").allows("/a"))
        #expect(RobotsRules.allowAll.allows("/"))
    }

    @Test func crlfAndChinesePaths() {
        let rules = RobotsRules.parse("User-agent: *\r\nDisallow: /内部/\r\n")
        #expect(!rules.allows("/%E5%86%85%E9%83%A8/a.html"))
        #expect(rules.allows("/public/"))
    }

    @Test func botWallMarkers() {
        let gbk: [UInt8] = Array("<title>".utf8) + [0xD1, 0xE9, 0xD6, 0xA4, 0xC2, 0xEB]
        #expect(BotWall.isChallenge(status: 403, body: gbk, cookieNames: [], challengeHeader: false))
        #expect(
            BotWall.isChallenge(
                status: 503, body: Array("Just A Moment...".utf8), cookieNames: [], challengeHeader: false))
        #expect(BotWall.isChallenge(status: 429, body: [], cookieNames: ["__jsl_clearance_s"], challengeHeader: false))
        #expect(!BotWall.isChallenge(status: 404, body: Array("captcha".utf8), cookieNames: [], challengeHeader: false))
        #expect(
            !BotWall.isChallenge(
                status: 503, body: Array("<h1>Service Unavailable</h1>".utf8), cookieNames: [], challengeHeader: false))
    }
}
