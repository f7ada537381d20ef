/// China's official working-day calendar (工作日): Monday–Friday, minus official holidays,
/// plus the weekend days declared working days (调休). Deadlines in notices and the
/// reply/interpretation rules count on it.
public struct WorkingCalendar: Sendable {
    private let holidays: Set<Int>
    private let workdays: Set<Int>
    /// Last year the table covers; later years fall back to plain weekends.
    public let lastCoveredYear: Int

    /// The shipped table, optionally extended by extra rows (`date<TAB>…<TAB>holiday|workday`).
    public init(extraHolidays: [Day] = [], extraWorkdays: [Day] = []) {
        holidays = Set(HolidayTable.holidays.compactMap { Day($0)?.ordinal } + extraHolidays.map(\.ordinal))
        workdays = Set(HolidayTable.workdays.compactMap { Day($0)?.ordinal } + extraWorkdays.map(\.ordinal))
        lastCoveredYear = max(
            HolidayTable.lastCoveredYear,
            (extraHolidays + extraWorkdays).map(\.year).max() ?? 0)
    }

    public static let standard = WorkingCalendar()

    /// The last day whose holidays are known (31 December of `lastCoveredYear`).
    public var lastCoveredDay: Day { Day(year: lastCoveredYear, month: 12, day: 31)! }

    /// Whether `day` is on the State Council schedule (shipped or `rules.extra_holidays`).
    /// A later day is counted Monday to Friday, which may be wrong: a deadline there is
    /// marked 暂按周一至周五计算 until next year's schedule is added.
    public func covers(_ day: Day) -> Bool { day.year <= lastCoveredYear }

    public func isWorkingDay(_ day: Day) -> Bool {
        if workdays.contains(day.ordinal) { return true }
        if holidays.contains(day.ordinal) { return false }
        return day.weekday <= 5
    }

    /// The day that is `n` working days after `start` (the start day itself not counted):
    /// a notice issued on Friday with 3 working days is due on Wednesday.
    public func adding(workingDays n: Int, to start: Day) -> Day {
        var day = start
        var left = n
        while left > 0 {
            day = day.adding(days: 1)
            if isWorkingDay(day) { left -= 1 }
        }
        return day
    }

    /// Working days strictly after `from` up to and including `to` (0 when `to <= from`).
    public func workingDays(from: Day, to: Day) -> Int {
        guard to > from else { return 0 }
        var count = 0
        var day = from.adding(days: 1)
        while day <= to {
            if isWorkingDay(day) { count += 1 }
            day = day.adding(days: 1)
        }
        return count
    }
}
