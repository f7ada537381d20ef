import GovCore

/// The office that issues notices and summaries (config `office:`).
public struct Office: Sendable, Hashable {
    public var name: String
    public var shortName: String
    public var contact: String

    public init(name: String, shortName: String, contact: String) {
        self.name = name; self.shortName = shortName; self.contact = contact
    }
}

/// A checked website or new-media account (政务新媒体).
public struct SiteInfo: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case website, feed }

    public var id: String
    public var name: String
    public var owner: String
    public var url: String
    public var kind: Kind

    public init(id: String, name: String, owner: String, url: String, kind: Kind = .website) {
        self.id = id; self.name = name; self.owner = owner; self.url = url; self.kind = kind
    }

    /// 网站 or 政务新媒体账号, for sentences in notices.
    var kindChinese: String { kind == .website ? "网站" : "政务新媒体账号" }
}

/// What a run looked at, for the notice's opening paragraph.
public struct CheckScope: Sendable, Hashable {
    public var pagesChecked: Int
    public var columnsChecked: Int
    /// Free text such as "2026年11月1日至11月28日发布的信息"; nil when the whole site was read.
    public var period: String?

    public init(pagesChecked: Int, columnsChecked: Int, period: String? = nil) {
        self.pagesChecked = pagesChecked; self.columnsChecked = columnsChecked; self.period = period
    }
}

/// Counts against the previous run (SPEC §5: new / still open / fixed).
public struct RunComparison: Sendable, Hashable {
    public var new: Int
    public var open: Int
    public var fixed: Int

    public init(new: Int, open: Int, fixed: Int) {
        self.new = new; self.open = open; self.fixed = fixed
    }

    /// Counts the statuses of a run's findings (a finding without status counts as new).
    public init(findings: [Finding]) {
        self.init(new: findings.filter { ($0.status ?? .new) == .new }.count,
                  open: findings.filter { $0.status == .open }.count,
                  fixed: findings.filter { $0.status == .fixed }.count)
    }
}

/// When a finding must be rectified.
public enum Deadline: Sendable, Hashable {
    /// 错敏字 (typo, sensitive, expression): 当日整改.
    case sameDay
    /// 请于X年X月X日前整改.
    case by(Day)

    /// Same day for 错敏字, otherwise `workingDays` working days after `issued` on the
    /// official calendar (SPEC §5; `rules.rectify_working_days`).
    public static func forFinding(_ finding: Finding, issued: Day, workingDays: Int,
                                  calendar: WorkingCalendar = .standard) -> Deadline {
        finding.rule.isSameDayRectification
            ? .sameDay : .by(calendar.adding(workingDays: workingDays, to: issued))
    }

    public var chinese: String {
        switch self {
        case .sameDay: "当日整改"
        case .by(let day): "请于\(day.chinese)前整改"
        }
    }

    /// The last day this deadline allows, given the issue day.
    func lastDay(issued: Day) -> Day {
        switch self {
        case .sameDay: issued
        case .by(let day): day
        }
    }
}

/// One finding as the notice prints it.
public struct NoticeItem: Sendable, Hashable {
    public var finding: Finding
    /// Nil for fixed findings (已整改).
    public var deadline: Deadline?
    /// Relative path of the evidence copy (网页定位) from the notice's folder, if kept.
    public var evidencePath: String?

    public init(finding: Finding, deadline: Deadline?, evidencePath: String? = nil) {
        self.finding = finding; self.deadline = deadline; self.evidencePath = evidencePath
    }
}

/// Everything a rectification notice (整改通知) says; built by the caller from the store.
public struct NoticeInput: Sendable {
    public var office: Office
    public var site: SiteInfo
    public var runDate: Day
    /// When the check ran, as printed ("2026年11月28日" or "2026年11月28日 02:00—03:10").
    public var checkedAt: String
    public var scope: CheckScope
    public var items: [NoticeItem]
    public var verdict: Verdict
    public var comparison: RunComparison?
    /// Day by which the owner reports back; nil ⇒ the latest item deadline (or the run date).
    public var reportBy: Day?

    public init(office: Office, site: SiteInfo, runDate: Day, checkedAt: String, scope: CheckScope,
                items: [NoticeItem], verdict: Verdict, comparison: RunComparison? = nil,
                reportBy: Day? = nil) {
        self.office = office; self.site = site; self.runDate = runDate; self.checkedAt = checkedAt
        self.scope = scope; self.items = items; self.verdict = verdict; self.comparison = comparison
        self.reportBy = reportBy
    }

    /// The notice title: 关于{站点}存在问题的整改通知.
    public var title: String { "关于\(TextCleaning.singleLine(site.name))存在问题的整改通知" }

    var reportDeadline: Day {
        reportBy ?? items.compactMap { $0.deadline?.lastDay(issued: runDate) }.max() ?? runDate
    }

    /// Items still to fix, grouped in notice order: 单项否决, 扣分, 提醒 (minor and info).
    var openGroups: [(heading: String, items: [NoticeItem])] {
        let open = items.filter { $0.finding.status != .fixed }
        let groups: [(String, (Severity) -> Bool)] = [
            ("单项否决问题", { $0 == .veto }),
            ("扣分问题", { $0 == .major }),
            ("提醒事项", { $0 <= .minor }),
        ]
        return groups.compactMap { heading, belongs in
            let members = open.filter { belongs($0.finding.severity) }.sorted(by: NoticeInput.itemOrder)
            return members.isEmpty ? nil : (heading, members)
        }
    }

    var fixedItems: [NoticeItem] {
        items.filter { $0.finding.status == .fixed }.sorted(by: NoticeInput.itemOrder)
    }

    /// Within a group: by rule, then page, then position, so the notice reads page by page.
    static func itemOrder(_ a: NoticeItem, _ b: NoticeItem) -> Bool {
        let x = a.finding, y = b.finding
        if x.rule != y.rule { return x.rule.catalogIndex < y.rule.catalogIndex }
        if x.url != y.url { return x.url < y.url }
        return (x.offset ?? 0) < (y.offset ?? 0)
    }
}
