import Foundation
import GovConfig
import GovCore
import Testing

let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/config")

func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

@Suite struct ConfigLoadTests {
    @Test func fullConfigDecodesEveryKey() throws {
        let config = try Config.load(path: fixture("full.yaml"))
        let base = fixtures.path
        #expect(config.office == Config.Office(name: "某某市人民政府办公室", shortName: "市政务公开办", contact: "0000-12345678"))
        #expect(config.paths.lexicon == base + "/wordlists")
        #expect(config.paths.store == base + "/out/reports/govlint.sqlite")
        #expect(config.paths.ignore == base + "/ignore.yaml")

        let crawl = config.crawl
        #expect(crawl.userAgent == "govlint (+mailto:gkb@example.gov.cn)")
        #expect(
            [crawl.maxPages, crawl.maxDepth, crawl.perHostConnections, crawl.globalConnections] == [3000, 6, 2, 8]
                as [Int])
        #expect([crawl.delayMs, crawl.timeoutS, crawl.maxBodyMB] == [250, 30, 10] as [Int])
        #expect(crawl.respectRobots == false && crawl.checkExternalLinks == true)
        #expect(crawl.allowedDomains == ["gov.cn", "xinhuanet.com"])
        #expect(crawl.trackingParams == ["utm_source", "spm"])

        let rules = config.rules
        #expect(rules.columnStaleDays[.news] == 10)
        #expect(rules.columnStaleDays[.planning] == nil, "0 switches a column type off")
        #expect(rules.columnStaleDays[.personnel] == 365)
        #expect(rules.rectifyWorkingDays == 5)
        #expect(rules.annualReportDeadline.description == "01-31")
        #expect(rules.annualReportDeadline.day(in: 2026) == Day(year: 2026, month: 1, day: 31))
        #expect(
            rules.warn
                == Config.Warn(
                    homepageStaleDays: 10, blankColumns: 2, unreachableRatio: 0.03, staleColumns: 3, feedStaleDays: 7))
        #expect(rules.severity == [.externalLink: .info, .typo: .veto])
        #expect(rules.severity(of: .typo, default: .major) == .veto)
        #expect(rules.severity(of: .privacy, default: .veto) == .veto)
        #expect(rules.disable == [.metadata])
        #expect(!rules.isEnabled(.metadata) && rules.isEnabled(.typo))
        #expect(rules.weight(of: .typo) == 2)
        #expect(rules.weight(of: .brokenLink) == 0.2)
        // Config.Rules holds only overrides: the defaults are on the rules (RuleDescription.weight).
        #expect(rules.weight(of: .hiddenLink) == nil)
        #expect(rules.unreachable == Config.Unreachable(minProbes: 140, vetoRatio: 0.05, timeoutS: 15))
        #expect(rules.extraHolidays == base + "/holidays-local.tsv")

        let mail = try #require(config.mail)
        #expect(mail.smtpURL == "smtps://smtp.example.gov.cn:465")
        #expect(mail.username == "gkb@example.gov.cn")
        #expect(mail.password == .file("/etc/govlint/smtp-password"))
        #expect(mail.from == "市政务公开办 <gkb@example.gov.cn>")
        #expect(mail.summaryTo == ["gkb@example.gov.cn", "leader@example.gov.cn"])
        #expect(mail.cc == ["archive@example.gov.cn"])
        #expect(mail.timeoutS == 45)

        #expect(config.sites.map(\.id) == ["county-a", "dept-b"])
        let a = try #require(config.site(id: "county-a"))
        #expect(a.name == "某某县人民政府" && a.owner == "某某县人民政府办公室")
        #expect(a.recipients == ["web@a.example.gov.cn"] && a.cc == ["boss@a.example.gov.cn"])
        #expect(a.hosts == ["www.a.example.gov.cn", "files.a.example.gov.cn"])
        #expect(
            a.columns == [
                Column(name: "政务动态", url: "https://www.a.example.gov.cn/zwdt/", type: .news, configured: true),
                Column(name: "通知公告", url: "https://www.a.example.gov.cn/tzgg/", type: .notice, configured: true),
            ])
        #expect(
            a.interaction
                == Config.Interaction(
                    list: "https://www.a.example.gov.cn/hdjl/xjxx/",
                    row: "//table[@class='list']/tr[td]", asked: "td[3]",
                    answered: "td[4]", status: "td[5]"))
        let b = try #require(config.site(id: "dept-b"))
        #expect(b.recipients == ["web@b.example.gov.cn"], "a single address is a list of one")
        #expect(b.hosts == ["127.0.0.1:8080"], "hosts default to the url's host:port")
        #expect(b.closed == false && b.interaction == nil)

        let wx = try #require(config.feed(id: "wx-a"))
        #expect(wx.platform == .wechat && wx.filing == .filed && wx.source == .url("http://127.0.0.1:1200/wechat/a"))
        let wb = try #require(config.feed(id: "wb-b"))
        #expect(wb.source == .path(base + "/feeds/wb-b.xml") && wb.closed && wb.filing == .unknown)

        #expect(
            config.closedSites == [
                Config.ClosedSite(
                    url: "http://rd.a.example.gov.cn/", successor: "https://www.a.example.gov.cn/rd/",
                    closedOn: Day(year: 2024, month: 12, day: 31)),
                Config.ClosedSite(url: "http://old.b.example.gov.cn/"),
            ])
        #expect(config.validate().isEmpty, "full.yaml is clean: \(config.validate())")
    }

    @Test func minimalConfigGetsTheNationalDefaults() throws {
        let config = try Config.parse(yaml: "sites: []\n", file: "/srv/gov/config.yaml")
        #expect(config.paths.store == "/srv/gov/reports/govlint.sqlite")
        #expect(config.paths.lexicon == "/srv/gov/wordlists")
        #expect(
            config.crawl.maxPages == 5000 && config.crawl.maxDepth == 8 && config.crawl.allowedDomains == ["gov.cn"])
        #expect(config.rules.homepageStaleDays == 14)
        #expect(
            config.rules.columnStaleDays == [
                .news: 14, .notice: 183, .policy: 183, .normative: 183, .personnel: 365, .planning: 365,
            ])
        #expect(config.rules.unreachable.minProbes == 140 && config.rules.unreachable.vetoRatio == 0.05)
        #expect(config.rules.unreachable.timeoutS == 15)
        #expect(config.rules.feedStaleDays == 14 && config.rules.feedUnreadableRuns == 3)
        #expect(config.rules.annualReportDeadline.description == "01-31")
        #expect(config.rules.weights.isEmpty, "no override without a rules.weights key; defaults live on the rules")
        #expect(config.mail == nil && config.sites.isEmpty)
    }

    @Test func anchorsAndAliasesAreResolved() throws {
        let yaml = """
            sites:
              - id: a
                name: 甲
                url: https://a.example.gov.cn/
                recipients: &editors [web@example.gov.cn, chief@example.gov.cn]
              - id: b
                name: 乙
                url: https://b.example.gov.cn/
                recipients: *editors
            """
        let config = try Config.parse(yaml: yaml, file: "config.yaml")
        #expect(config.sites[1].recipients == ["web@example.gov.cn", "chief@example.gov.cn"])
    }

    @Test func passwordFromEnvironment() throws {
        let yaml = """
            mail:
              smtp_url: smtp://127.0.0.1:2525
              username: gkb
              password_env: GOVLINT_SMTP_PASSWORD
              from: gkb@example.gov.cn
            """
        let mail = try #require(try Config.parse(yaml: yaml, file: "config.yaml").mail)
        #expect(mail.password == .environment("GOVLINT_SMTP_PASSWORD"))
    }
}
