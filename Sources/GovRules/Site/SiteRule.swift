import GovCore

/// What a site rule knows besides the snapshot.
public struct SiteRuleContext: Sendable {
    public var settings: SiteRuleSettings
    /// The monitoring point (监测时间点): dates are judged as of this day.
    public var now: Day
    public var calendar: WorkingCalendar

    public init(settings: SiteRuleSettings = SiteRuleSettings(), now: Day, calendar: WorkingCalendar = .standard) {
        self.settings = settings; self.now = now; self.calendar = calendar
    }
}

/// A rule over a whole site's snapshot, run once per site per run. Pure.
///
/// Examples of site rules are small textual fixtures, one fact a line (see
/// Tests/GovRulesTests/SiteRuleFixture.swift for the format), with ⟦…⟧ around each
/// expected `match`; they are judged as of `now` given on a `now` line.
public protocol SiteRule: Sendable {
    static var description: RuleDescription { get }
    func check(_ snapshot: SiteSnapshot, context: SiteRuleContext) -> [Finding]
}

extension Finding {
    /// A site-rule finding with the rule's default severity.
    init(
        _ description: RuleDescription, snapshot: SiteSnapshot, url: String? = nil, match: String,
        excerpt: String, message: String, column: String? = nil, title: String? = nil,
        category: String? = nil, severity: Severity? = nil, suggestion: String? = nil
    ) {
        self.init(
            rule: description.id, severity: severity ?? description.defaultSeverity, site: snapshot.siteID,
            url: url ?? snapshot.homepage, match: match, context: excerpt,
            contextHit: scalarRange(of: match, in: excerpt), suggestion: suggestion,
            category: category, message: message, column: column, title: title)
    }
}

extension Day {
    /// The same day `months` later (clamped to the month's end: 11-30 + 3 months = 02-28).
    func adding(months: Int) -> Day {
        let total = year * 12 + (month - 1) + months
        let y = total / 12, m = total % 12 + 1
        return Day(year: y, month: m, day: min(day, Day.daysIn(month: m, year: y))) ?? self
    }
}
