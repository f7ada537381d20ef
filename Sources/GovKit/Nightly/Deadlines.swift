import GovCore

/// The one place a rectification deadline is decided (SPEC §5): 错敏字 (typo, sensitive,
/// expression) the day they are first seen, everything else `rules.rectify_working_days`
/// working days later on the office calendar. The store fixes it on the first sighting.
enum Deadlines {
    static func policy(workingDays: Int, calendar: WorkingCalendar) -> @Sendable (RuleID, Day) -> Day {
        { rule, firstSeen in
            rule.isSameDayRectification ? firstSeen : calendar.adding(workingDays: workingDays, to: firstSeen)
        }
    }
}
