import Foundation
import GovConfig
import Testing

/// Each bad config with the exact one-line error an operator sees (file:line:column: reason).
@Suite struct ConfigErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let yaml: String
        let expected: String
        var testDescription: String { name }
    }

    static let site = "sites:\n  - id: county-a\n    name: 甲县\n    url: https://www.a.example.gov.cn/\n"

    static let cases: [Case] = [
        Case(
            name: "flow list not closed", yaml: "crawl:\n  allowed_domains: [gov.cn, example.com\n  max_pages: 10\n",
            expected:
                "config.yaml:3:12: did not find expected ',' or ']' (while parsing a flow sequence started at line 2)"),
        Case(
            name: "tab indentation", yaml: "crawl:\n\tmax_pages: 10\n",
            expected:
                "config.yaml:2:1: found character that cannot start any token (while scanning for the next token started at line 2)"
        ),
        Case(
            name: "unknown key with suggestion", yaml: "crawl:\n  max_pages: 100\n  max_dept: 3\n",
            expected: "config.yaml:3:3: unknown key 'max_dept' in crawl (did you mean 'max_depth'?)"),
        Case(
            name: "unknown top-level key", yaml: "sitez: []\n",
            expected: "config.yaml:1:1: unknown key 'sitez' (did you mean 'sites'?)"),
        Case(
            name: "unknown key without suggestion", yaml: "crawl:\n  colour: blue\n",
            expected: "config.yaml:2:3: unknown key 'colour' in crawl"),
        Case(
            name: "duplicate key", yaml: "crawl:\n  max_pages: 10\n  max_pages: 20\n",
            expected: "config.yaml:3:3: duplicate key 'max_pages' (first at line 2)"),
        Case(
            name: "text where a number is expected", yaml: "crawl:\n  max_pages: lots\n",
            expected: "config.yaml:2:14: crawl.max_pages must be a whole number, found \"lots\""),
        Case(
            name: "number out of range", yaml: "crawl:\n  per_host_connections: 0\n",
            expected: "config.yaml:2:25: crawl.per_host_connections must be between 1 and 64, found 0"),
        Case(
            name: "bad bool", yaml: "crawl:\n  respect_robots: yes\n",
            expected: "config.yaml:2:19: crawl.respect_robots must be true or false, found \"yes\""),
        Case(
            name: "list where text is expected", yaml: "office:\n  name: [a, b]\n",
            expected: "config.yaml:2:9: office.name must be text, found a list"),
        Case(
            name: "section that is not a mapping", yaml: "crawl: 5\n",
            expected: "config.yaml:1:8: crawl must be a mapping of keys, found the value \"5\""),
        Case(
            name: "bad site id", yaml: "sites:\n  - id: County_A\n    name: 甲\n    url: https://a.example.gov.cn/\n",
            expected:
                "config.yaml:2:9: sites[0].id must be lowercase letters, digits and '-' (e.g. county-a), found \"County_A\""
        ),
        Case(
            name: "missing site id", yaml: "sites:\n  - name: 甲\n    url: https://a.example.gov.cn/\n",
            expected: "config.yaml:2:5: sites[0] needs an id ([a-z0-9-]+, e.g. county-a)"),
        Case(
            name: "duplicate id across sites and feeds",
            yaml: site + "feeds:\n  - id: county-a\n    name: 甲县发布\n    url: https://f.example.gov.cn/a.xml\n",
            expected:
                "config.yaml:6:9: duplicate id 'county-a' (first at line 2): ids must be unique across sites and feeds"),
        Case(
            name: "bad url", yaml: "sites:\n  - id: a\n    name: 甲\n    url: www.a.example.gov.cn\n",
            expected:
                "config.yaml:4:10: sites[0].url must be an http:// or https:// URL with a host, found \"www.a.example.gov.cn\""
        ),
        Case(
            name: "ftp url", yaml: "closed_sites:\n  - {url: ftp://old.example.gov.cn/}\n",
            expected:
                "config.yaml:2:11: closed_sites[0].url must be an http:// or https:// URL with a host, found \"ftp://old.example.gov.cn/\""
        ),
        Case(
            name: "unknown rule id in severity", yaml: "rules:\n  severity: {typos: veto}\n",
            expected: "config.yaml:2:14: unknown rule id 'typos' (did you mean 'typo'?)"),
        Case(
            name: "unknown severity", yaml: "rules:\n  severity:\n    typo: fatal\n",
            expected:
                "config.yaml:3:11: rules.severity.typo must be one of info, minor, major, veto, found the value \"fatal\""
        ),
        Case(
            name: "unknown rule id in disable", yaml: "rules:\n  disable: [broken-links]\n",
            expected: "config.yaml:2:13: unknown rule id 'broken-links' (did you mean 'broken-link'?)"),
        Case(
            name: "unknown column type",
            yaml: site + "    columns:\n      - {name: 政务动态, url: https://www.a.example.gov.cn/zwdt/, type: newz}\n",
            expected:
                "config.yaml:6:69: unknown column type 'newz' (did you mean 'news'?); types: news, notice, policy, normative, interpretation, personnel, planning, finance, interaction, service, other"
        ),
        Case(
            name: "unknown column type in column_stale_days", yaml: "rules:\n  column_stale_days: {polcy: 90}\n",
            expected:
                "config.yaml:2:23: unknown column type 'polcy' (did you mean 'policy'?); types: news, notice, policy, normative, interpretation, personnel, planning, finance, interaction, service, other"
        ),
        Case(
            name: "password in the YAML",
            yaml:
                "mail:\n  smtp_url: smtps://smtp.example.gov.cn:465\n  username: gkb\n  password: hunter2\n  from: gkb@example.gov.cn\n",
            expected:
                "config.yaml:4:3: do not write the SMTP password in config.yaml: use mail.password_file (a file readable only by govlint) or mail.password_env (an environment variable)"
        ),
        Case(
            name: "both password sources",
            yaml:
                "mail:\n  smtp_url: smtp://h.example.gov.cn:587\n  password_file: /x\n  password_env: P\n  from: a@example.gov.cn\n",
            expected: "config.yaml:4:17: give mail.password_file or mail.password_env, not both"),
        Case(
            name: "username without password source",
            yaml: "mail:\n  smtp_url: smtp://h.example.gov.cn:587\n  username: gkb\n  from: a@example.gov.cn\n",
            expected:
                "config.yaml:3:3: mail.username is set but no password source: add mail.password_file or mail.password_env"
        ),
        Case(
            name: "smtp url scheme", yaml: "mail:\n  smtp_url: https://h.example.gov.cn/\n  from: a@example.gov.cn\n",
            expected:
                "config.yaml:2:13: mail.smtp_url must look like smtps://host:465 or smtp://host:587, found \"https://h.example.gov.cn/\""
        ),
        Case(
            name: "recipient that would inject a header",
            yaml:
                "sites:\n  - id: a\n    name: 甲\n    url: https://a.example.gov.cn/\n    recipients: [\"web@a.gov.cn\\r\\nBcc: x@evil.example\"]\n",
            expected:
                "config.yaml:5:18: sites[0].recipients: 'web@a.gov.cn\r\nBcc: x@evil.example' is not an e-mail address"),
        Case(
            name: "unknown alias", yaml: "sites: *nothing\n",
            expected: "config.yaml:1:8: alias *nothing refers to no anchor &nothing above it"),
        Case(
            name: "merge key", yaml: "base: &b {max_pages: 1}\n",
            expected: "config.yaml:1:1: unknown key 'base'"),
        Case(
            name: "merge key refused", yaml: "crawl:\n  <<: {max_pages: 1}\n",
            expected: "config.yaml:2:3: merge keys (<<) are not supported: write the keys out"),
        Case(
            name: "feed without source", yaml: "feeds:\n  - id: wx\n    name: 号\n",
            expected: "config.yaml:2:5: feeds[0] needs url (RSS, Atom or JSON Feed) or path (a local feed file)"),
        Case(
            name: "unknown platform",
            yaml: "feeds:\n  - id: wx\n    name: 号\n    platform: wechta\n    url: http://127.0.0.1:1200/a\n",
            expected:
                "config.yaml:4:15: feeds[0].platform must be one of wechat, weibo, douyin, toutiao, other, found \"wechta\" (did you mean 'wechat'?)"
        ),
        Case(
            name: "bad deadline", yaml: "rules:\n  annual_report_deadline: \"02-30\"\n",
            expected:
                "config.yaml:2:27: rules.annual_report_deadline must be a day of the year MM-DD such as \"01-31\", found \"02-30\""
        ),
        Case(
            name: "bad ratio", yaml: "rules:\n  unreachable: {veto_ratio: 150%}\n",
            expected:
                "config.yaml:2:29: rules.unreachable.veto_ratio must be between 0 and 1 (or 0% and 100%), found 150%"),
        Case(
            name: "bad time zone", yaml: "timezone: Asia/Beijing\n",
            expected:
                "config.yaml:1:11: timezone must be Asia/Shanghai, got 'Asia/Beijing': the working-day calendar, deadlines and notices are in China Standard Time"
        ),
        // Regression: the key was accepted and then ignored (every date was China Standard Time).
        Case(
            name: "time zone that would be ignored", yaml: "timezone: Europe/Berlin\n",
            expected:
                "config.yaml:1:11: timezone must be Asia/Shanghai, got 'Europe/Berlin': the working-day calendar, deadlines and notices are in China Standard Time"
        ),
        Case(
            name: "two documents", yaml: "sites: []\n---\nsites: []\n",
            expected: "config.yaml:2:1: a second YAML document (---): the config is one document"),
        Case(name: "empty", yaml: "", expected: "config.yaml: the config is empty"),
        Case(
            name: "bad closed_on",
            yaml: "closed_sites:\n  - {url: http://old.example.gov.cn/, closed_on: 2024-13-01}\n",
            expected: "config.yaml:2:50: closed_sites[0].closed_on must be a date YYYY-MM-DD, found \"2024-13-01\""),
    ]

    @Test(arguments: cases) func badConfigGivesOneLineError(_ c: Case) {
        #expect(throws: ConfigError.self) { try Config.parse(yaml: c.yaml, file: "config.yaml") }
        do {
            _ = try Config.parse(yaml: c.yaml, file: "config.yaml")
        } catch {
            #expect(error.description == c.expected)
        }
    }

    @Test func fixtureFilesNameTheirPath() {
        let expectations = [
            "bad-syntax.yaml": ":5:12: did not find expected ',' or ']'",
            "bad-password.yaml": ":4:3: do not write the SMTP password",
            "bad-unknown-key.yaml": ":3:3: unknown key 'max_dept' in crawl (did you mean 'max_depth'?)",
            "bad-duplicate-id.yaml": ":6:9: duplicate id 'county-a'",
        ]
        for (name, expected) in expectations {
            let path = fixture(name)
            do {
                _ = try Config.load(path: path)
                Issue.record("\(name) loaded without error")
            } catch {
                #expect(error.description.hasPrefix(path + expected), "\(error)")
            }
        }
    }

    @Test func missingFile() {
        do {
            _ = try Config.load(path: "/nonexistent/config.yaml")
            Issue.record("loaded a missing file")
        } catch {
            #expect(error.description == "/nonexistent/config.yaml: no such file")
        }
    }

    @Test func notUTF8() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("govlint-gbk-\(getpid()).yaml")
        try Data([
            0x6F, 0x66, 0x66, 0x69, 0x63, 0x65, 0x3A, 0x0A, 0x20, 0x20, 0x6E, 0x61, 0x6D, 0x65, 0x3A, 0x20, 0xD6, 0xD0,
            0xCE, 0xC4,
        ]).write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        do {
            _ = try Config.load(path: path.path)
            Issue.record("loaded GBK bytes")
        } catch {
            #expect(error.description.hasSuffix(": not UTF-8 text (save the file as UTF-8)"))
        }
    }
}
