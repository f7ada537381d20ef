import Foundation
import Testing
@testable import GovCore
@testable import GovReport

/// The shipped working-day calendar ends on 31 December of its last year: a deadline after
/// it is counted Monday to Friday and the notice says so (暂按周一至周五计算), until next
/// year's State Council schedule is added.
@Suite struct NightlyCalendarTests {
    @Test func aDeadlinePastTheCalendarIsMarkedInTheNotice() throws {
        let site = try FixtureSite()
        let work = try NightlyWorkspace()
        // Found on Wednesday 2026-12-30: the broken link's 3 working days end on 2027-01-04.
        try site.write("index.html", NightlyRunTests.homepage(links: [("a.html", "常务会议"), ("gone.html", "已删除页面")]))
        try site.write("a.html", NightlyRunTests.article("会议要求认真布署全年工作。"))
        try work.writeConfig(sites: [.init(id: "county-a", name: "测试县人民政府", url: site.url)])
        #expect(work.govlint(["run", "--now", "2026-12-30T08:00"]) == 0)
        let notice = work.text("2026-12-30/county-a/notice.html")
        #expect(notice.contains("1月4日前整改（暂按周一至周五计算）"), "\(notice.prefix(3000))")
        #expect(notice.contains("当日整改") && !notice.contains("当日整改（暂按"), "a same-day deadline is on the calendar")
    }

    @Test func aDeadlineInsideTheCalendarIsNotMarked() throws {
        let site = try FixtureSite()
        let work = try NightlyWorkspace()
        try site.write("index.html", NightlyRunTests.homepage(links: [("a.html", "常务会议"), ("gone.html", "已删除页面")]))
        try site.write("a.html", NightlyRunTests.article("会议要求认真布署全年工作。"))
        try work.writeConfig(sites: [.init(id: "county-a", name: "测试县人民政府", url: site.url)])
        #expect(work.govlint(["run", "--now", "2026-12-21T08:00"]) == 0)
        let notice = work.text("2026-12-21/county-a/notice.html")
        #expect(notice.contains("12月24日前整改") && !notice.contains("暂按周一至周五计算"))
    }

    @Test func coverageFollowsTheShippedTableAndExtraRows() {
        let shipped = WorkingCalendar.standard
        #expect(shipped.lastCoveredDay == Day(year: HolidayTable.lastCoveredYear, month: 12, day: 31)!)
        let last = shipped.lastCoveredDay
        #expect(shipped.covers(last) && !shipped.covers(last.adding(days: 1)))
        #expect(
            Deadline.by(last.adding(days: 1)).isEstimated(on: shipped) && !Deadline.by(last).isEstimated(on: shipped))
        #expect(!Deadline.sameDay.isEstimated(on: shipped))
        let extended = WorkingCalendar(extraHolidays: [Day(year: last.year + 1, month: 1, day: 1)!])
        #expect(extended.covers(last.adding(days: 3)) && !Deadline.by(last.adding(days: 3)).isEstimated(on: extended))
    }
}
