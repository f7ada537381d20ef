import GovCore
import Testing
@testable import GovRules

/// Whole-site scenarios on a fixed clock (2026-11-30): the column counts of the veto, early
/// warnings, scores, the builder's column discovery and the working-day calendar.
@Suite struct SiteRuleScenarioTests {
    static let now = Day(year: 2026, month: 11, day: 30)!

    /// A site with `stale` stale columns of the given types and `blank` blank configured columns.
    static func site(staleTypes: [ColumnType], blank: Int, homepageDate: String = "2026-11-28") throws -> SiteFixture {
        var lines = [
            "now 2026-11-30", "site county-a https://www.example.gov.cn/",
            "page https://www.example.gov.cn/", "  item \(homepageDate) 要闻 https://www.example.gov.cn/a/1.html",
        ]
        for (i, type) in staleTypes.enumerated() {
            lines.append("column 栏目\(i) https://www.example.gov.cn/s\(i)/ \(type.rawValue)")
            lines.append("page https://www.example.gov.cn/s\(i)/")
            lines.append("  item 2025-01-01 旧信息 https://www.example.gov.cn/s\(i)/1.html")
        }
        for i in 0..<blank {
            lines.append("column 空栏目\(i) https://www.example.gov.cn/b\(i)/ other")
            lines.append("page https://www.example.gov.cn/b\(i)/")
        }
        return try SiteFixture(lines.joined(separator: "\n"))
    }

    static func judge(_ fixture: SiteFixture) throws -> ([Finding], Verdict) {
        let snapshot = try #require(fixture.snapshot)
        let settings = SiteRuleSettings()
        let findings = SiteRules.run(snapshot: snapshot, settings: settings, now: fixture.now)
        let counts = SiteRules.counts(snapshot: snapshot, findings: findings, now: fixture.now)
        return (findings, Judge.verdict(findings: findings, counts: counts, settings: settings))
    }

    @Test func fiveStaleNewsNoticePolicyColumnsAreAVeto() throws {
        let (findings, verdict) = try Self.judge(
            Self.site(staleTypes: [.news, .news, .notice, .policy, .normative], blank: 0))
        let stale = findings.filter { $0.rule == .columnStale }
        #expect(stale.count == 5)
        #expect(stale.allSatisfy { $0.severity == .veto })
        #expect(!verdict.passed)
        #expect(verdict.reasons.contains { $0.contains("合计 5 个") })
        #expect(verdict.counts["stale_news_notice_policy_columns"] == 5)
    }

    @Test func fourStaleColumnsStayMajorAndDeduct() throws {
        let (findings, verdict) = try Self.judge(
            Self.site(staleTypes: [.news, .notice, .policy, .personnel], blank: 0))
        #expect(findings.filter { $0.rule == .columnStale }.allSatisfy { $0.severity == .major })
        #expect(verdict.passed)
        // 4 stale columns × 2, annual report 5, four missing footer elements × 2 capped at 5
        // (the one weight table: RuleDescription.weight).
        #expect(verdict.score == 100 - 8 - 5 - 5)
        #expect(findings.filter { $0.rule == .siteIdentity }.count == 4)
    }

    @Test func tenStaleOrBlankColumnsAreAVetoEvenWithoutFiveOfOneKind() throws {
        let (findings, verdict) = try Self.judge(
            Self.site(staleTypes: [.personnel, .personnel, .planning, .planning, .news, .notice], blank: 4))
        #expect(
            findings.filter { $0.rule == .columnEmpty || $0.rule == .columnStale }.allSatisfy { $0.severity == .veto })
        #expect(verdict.reasons.contains { $0.contains("应更新栏目长期未更新（含空白栏目）10 个") })
        #expect(!verdict.reasons.contains { $0.hasPrefix("空白栏目") })
    }

    @Test func fiveBlankColumnsAreAVetoAndThreeAWarning() throws {
        let (five, fail) = try Self.judge(Self.site(staleTypes: [], blank: 5))
        #expect(five.filter { $0.rule == .columnEmpty && $0.severity == .veto }.count == 5)
        #expect(!fail.passed && fail.reasons == ["空白栏目 5 个，达到单项否决线（≥ 5）"])

        let (three, pass) = try Self.judge(Self.site(staleTypes: [], blank: 3))
        #expect(three.filter { $0.rule == .columnEmpty }.allSatisfy { $0.severity == .major })
        #expect(pass.passed)
        #expect(pass.warnings.contains { $0.hasPrefix("空白栏目 3 个") })
    }

    @Test func homepageWarnsAtTenDaysAndFailsAfterFourteen() throws {
        let (quiet, warned) = try Self.judge(Self.site(staleTypes: [], blank: 0, homepageDate: "2026-11-18"))
        #expect(!quiet.contains { $0.rule == .homepageStale })
        #expect(warned.passed && warned.warnings == ["首页已 12 天未更新（预警线 10 天，否决线 14 天）"])

        let (stale, failed) = try Self.judge(Self.site(staleTypes: [], blank: 0, homepageDate: "2026-11-15"))
        #expect(stale.contains { $0.rule == .homepageStale && $0.severity == .veto })
        #expect(!failed.passed && failed.reasons.first?.hasPrefix("首页不更新") == true)
        #expect(failed.counts["homepage_age_days"] == 15)
    }

    @Test func unreachableWarnsAtThreePercentAndFailsAtFive() throws {
        var settings = SiteRuleSettings()
        let warn = Judge.verdict(
            findings: [], counts: SiteCounts(probes: ProbeStats(total: 140, failed: 5)), settings: settings)
        #expect(warn.passed && warn.warnings.first?.contains("3.6%") == true)
        let snapshot = SiteSnapshot(
            siteID: "a", homepage: "https://www.example.gov.cn/", probes: ProbeStats(total: 140, failed: 7))
        let findings = SiteUnreachableRule().check(
            snapshot, context: SiteRuleContext(settings: settings, now: Self.now))
        #expect(findings.map(\.severity) == [.veto])
        settings.unreachableRatio = 0.06
        #expect(
            SiteUnreachableRule().check(snapshot, context: SiteRuleContext(settings: settings, now: Self.now)).isEmpty)
    }

    @Test func deductionsAreCappedPerRuleAndLowScoresFail() {
        let broken = (0..<200).map { Finding(rule: .brokenLink, severity: .major, url: "u", match: "\($0)") }
        #expect(Judge.verdict(findings: broken, counts: SiteCounts(), settings: SiteRuleSettings()).score == 90)
        var settings = SiteRuleSettings()
        settings.weights[.brokenLink] = .init(perFinding: 1, cap: 50)
        let verdict = Judge.verdict(findings: broken, counts: SiteCounts(), settings: settings)
        #expect(verdict.score == 50 && !verdict.passed)
        #expect(verdict.reasons == ["扣分后得分 50 分，低于合格线 60 分"])
        let info = [Finding(rule: .brokenLink, severity: .info, url: "u", match: "x")]
        #expect(Judge.verdict(findings: info, counts: SiteCounts(), settings: SiteRuleSettings()).score == 100)
    }

    @Test func anyVetoFindingFails() {
        let hidden = Finding(
            rule: .hiddenLink, severity: .veto, url: "u", match: "http://bet.example.com/", message: "隐藏链接指向站外")
        let verdict = Judge.verdict(findings: [hidden, hidden], counts: SiteCounts(), settings: SiteRuleSettings())
        #expect(!verdict.passed && verdict.chinese == "不合格")
        #expect(verdict.reasons == ["暗链：隐藏链接指向站外（共 2 处）"])
    }

    /// 2026 National Day: 10-01…10-07 off, Saturday 10-10 a working day (the shipped table).
    @Test func replyDeadlinesCountWorkingDaysAcrossNationalDay() throws {
        let fixture = try SiteFixture(
            """
            now 2026-10-14
            site county-a https://www.example.gov.cn/
            page https://www.example.gov.cn/hdjl/1.html
              title 咨询社保转移
              text 留言时间：2026-09-30 10:20 留言内容：……
              text 答复时间：2026年10月10日 答复内容：……
            page https://www.example.gov.cn/hdjl/2.html
              title 咨询公积金
              text 留言时间：2026-09-30 答复时间：2026-10-09
            page https://www.example.gov.cn/hdjl/3.html
              title 反映路灯不亮
              text 留言时间：2026-10-09 状态：办理中
            """)
        let snapshot = try #require(fixture.snapshot)
        #expect(snapshot.messages.count == 3)
        let findings = ReplyOverdueRule().check(snapshot, context: SiteRuleContext(now: fixture.now))
        // 09-30 + 3 working days = 10-08, 10-09, 10-10 (adjusted Saturday): 10-10 is on time.
        // 10-09 + 3 = 10-10, 10-12, 10-13: unanswered on 10-14 is late.
        #expect(findings.map(\.match) == ["反映路灯不亮"])
        #expect(findings.first?.severity == .major)
    }

    @Test func messagesUnansweredOverThreeMonthsAreAVetoWithinTheYearOnly() throws {
        let fixture = try SiteFixture(
            """
            now 2026-11-30
            site county-a https://www.example.gov.cn/
            page https://www.example.gov.cn/hdjl/
              row 信件标题 | 来信时间 | 回复时间
              row 三个月前 | 2026-08-29 |
              row 刚好三个月 | 2026-08-30 |
              row 一年以前 | 2025-11-29 |
            """)
        let findings = ReplyOverdueRule().check(
            try #require(fixture.snapshot), context: SiteRuleContext(now: fixture.now))
        #expect(findings.filter { $0.severity == .veto }.map(\.match) == ["三个月前"])
        #expect(findings.filter { $0.severity == .major }.map(\.match) == ["刚好三个月"])
    }

    @Test func interpretationLateCountsWorkingDays() throws {
        func late(_ policy: String, _ interpretation: String) throws -> Bool {
            let fixture = try SiteFixture(
                """
                now 2026-11-30
                site county-a https://www.example.gov.cn/
                page https://www.example.gov.cn/zcjd/1.html
                  title 政策解读
                  date \(interpretation)
                  link https://www.example.gov.cn/zfwj/1.html 原文
                page https://www.example.gov.cn/zfwj/1.html
                  title 某某县办法
                  date \(policy)
                  text 某政发〔2026〕1号
                """)
            return try !InterpretationLateRule().check(
                #require(fixture.snapshot), context: SiteRuleContext(now: fixture.now)
            ).isEmpty
        }
        #expect(try !late("2026-09-30", "2026-10-10"))  // 10-08, 10-09, 10-10
        #expect(try late("2026-09-30", "2026-10-12"))
        #expect(try !late("2026-11-20", "2026-11-20"))
    }

    @Test func annualReportDeadlineIsConfigurable() throws {
        let fixture = try SiteFixture(
            """
            now 2026-03-15
            site county-a https://www.example.gov.cn/
            page https://www.example.gov.cn/xxgk/
              title 信息公开
            """)
        var settings = SiteRuleSettings()
        let snapshot = try #require(fixture.snapshot)
        #expect(
            AnnualReportMissingRule().check(snapshot, context: SiteRuleContext(settings: settings, now: fixture.now))
                .count == 1)
        settings.annualReportDeadline = .init(month: 3, day: 31)
        #expect(
            AnnualReportMissingRule().check(snapshot, context: SiteRuleContext(settings: settings, now: fixture.now))
                .isEmpty)
    }

    @Test func feedRulesJudgeFreshnessFailuresAndClosedAccounts() {
        let settings = SiteRuleSettings()
        let fresh = FeedState(id: "wx-a", url: "u", newestItem: Day(year: 2026, month: 11, day: 18))
        #expect(FeedRules.run(feed: fresh, settings: settings, now: Self.now).isEmpty)
        let verdict = Judge.verdict(
            findings: [], counts: FeedRules.counts(feed: fresh, now: Self.now), settings: settings)
        #expect(verdict.warnings == ["账号已 12 天未更新（预警线 10 天，否决线 14 天）"])
        let closed = FeedState(
            id: "wx-b", url: "u", newestItem: Day(year: 2026, month: 1, day: 1),
            closedOn: Day(year: 2026, month: 6, day: 1))
        #expect(FeedRules.run(feed: closed, settings: settings, now: Self.now).isEmpty)
    }
}

/// Configured early-warning lines reach the verdict.
@Suite struct ConfiguredWarningTests {
    @Test func staleColumnsAndSilentAccountsWarnBelowTheVetoLines() {
        var settings = SiteRuleSettings()
        settings.warn.staleColumns = 3
        settings.feedWarnDays = 7
        let site = Judge.verdict(findings: [], counts: SiteCounts(staleColumns: 4), settings: settings)
        #expect(site.passed && site.warnings.contains { $0.contains("长期未更新栏目 4 个") })
        let quiet = Judge.verdict(findings: [], counts: SiteCounts(staleColumns: 3), settings: settings)
        #expect(quiet.warnings.isEmpty)
        let account = Judge.verdict(findings: [], counts: SiteCounts(feedAgeDays: 8), settings: settings)
        #expect(account.warnings.contains { $0.contains("账号已 8 天未更新") })
    }
}
