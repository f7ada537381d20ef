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
        self.init(
            new: findings.count(where: { ($0.status ?? .new) == .new }),
            open: findings.count(where: { $0.status == .open }),
            fixed: findings.count(where: { $0.status == .fixed }))
    }
}

/// When a finding must be rectified: fixed in the store on the day it was first seen
/// (`Finding.deadline`), judged against the day of the run.
public enum Deadline: Sendable, Hashable {
    /// 错敏字 (typo, sensitive, expression) first seen today: 当日整改.
    case sameDay
    /// 请于X年X月X日前整改.
    case by(Day)
    /// Still open after its deadline: 已逾期.
    case overdue(Day)

    /// The finding's fixed deadline (or, for one stored without, its first-seen day plus the
    /// rule's allowance: same day for 错敏字, otherwise `workingDays` working days on the
    /// official calendar), judged on `issued`.
    public static func forFinding(
        _ finding: Finding, issued: Day, workingDays: Int,
        calendar: WorkingCalendar = .standard
    ) -> Deadline {
        let firstSeen = finding.firstSeen.flatMap { Day($0) } ?? issued
        let last =
            finding.deadline.flatMap { Day($0) }
            ?? (finding.rule.isSameDayRectification
                ? firstSeen : calendar.adding(workingDays: workingDays, to: firstSeen))
        if issued > last { return .overdue(last) }
        return finding.rule.isSameDayRectification && last == issued ? .sameDay : .by(last)
    }

    public var chinese: String {
        switch self {
        case .sameDay: "当日整改"
        case .by(let day): "请于\(day.chinese)前整改"
        case .overdue(let day): "已逾期（整改期限\(day.chinese)）"
        }
    }

    /// The ledger's 整改期限 cell: the day itself.
    public var day: Day? {
        switch self {
        case .sameDay: nil
        case .by(let day), .overdue(let day): day
        }
    }

    public var isOverdue: Bool { if case .overdue = self { true } else { false } }

    /// A deadline after the last day the calendar covers was counted Monday to Friday: the
    /// notice says 暂按周一至周五计算 until next year's State Council schedule is added.
    public func isEstimated(on calendar: WorkingCalendar) -> Bool {
        day.map { !calendar.covers($0) } ?? false
    }

    /// The last day this deadline allows, given the issue day.
    func lastDay(issued: Day) -> Day {
        switch self {
        case .sameDay, .overdue: issued
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
    /// Its page was not read this run: carried over from the last check (未能检查).
    public var carried: Bool
    /// Suppressed as a false positive or accepted exception (误报): ledger only.
    public var ignoredReason: String?
    /// The deadline lies past the working-day calendar (`Deadline.isEstimated(on:)`).
    public var deadlineEstimated: Bool

    public init(
        finding: Finding, deadline: Deadline?, evidencePath: String? = nil, carried: Bool = false,
        ignoredReason: String? = nil, deadlineEstimated: Bool = false
    ) {
        self.finding = finding; self.deadline = deadline; self.evidencePath = evidencePath
        self.carried = carried; self.ignoredReason = ignoredReason; self.deadlineEstimated = deadlineEstimated
    }

    public var isOverdue: Bool { finding.status != .fixed && (deadline?.isOverdue ?? false) }

    /// 状态 as the ledger and the notice say it.
    public var statusChinese: String {
        if ignoredReason != nil { return "误报" }
        if finding.status == .fixed { return "已整改" }
        if isOverdue { return "已逾期" }
        return (finding.status ?? .new).chinese
    }
}

/// A notice that replaces one already sent (更正).
public struct NoticeCorrection: Sendable, Hashable {
    /// The day the first notice was issued.
    public var originalDate: Day
    /// Items of the first notice withdrawn as false positives.
    public var withdrawn: Int

    public init(originalDate: Day, withdrawn: Int) {
        self.originalDate = originalDate; self.withdrawn = withdrawn
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
    /// What could not be checked and why (未能检查), one sentence each.
    public var notChecked: [String]
    /// Print the deduction score with its one-sentence explanation (`notice.show_score`).
    public var showScore: Bool
    /// Set when this notice corrects one already sent.
    public var correction: NoticeCorrection?
    /// The daily mail: only 单项否决 and 逾期 items (`mail.schedule`).
    public var digestOnly: Bool

    public init(
        office: Office, site: SiteInfo, runDate: Day, checkedAt: String, scope: CheckScope,
        items: [NoticeItem], verdict: Verdict, comparison: RunComparison? = nil,
        reportBy: Day? = nil, notChecked: [String] = [], showScore: Bool = true,
        correction: NoticeCorrection? = nil, digestOnly: Bool = false
    ) {
        self.office = office; self.site = site; self.runDate = runDate; self.checkedAt = checkedAt
        self.scope = scope; self.items = items; self.verdict = verdict; self.comparison = comparison
        self.reportBy = reportBy; self.notChecked = notChecked; self.showScore = showScore
        self.correction = correction; self.digestOnly = digestOnly
    }

    /// The notice title: 关于{站点}存在问题的整改通知, with （更正） when it corrects one.
    public var title: String {
        "关于\(TextCleaning.singleLine(site.name))存在问题的整改通知" + (correction == nil ? "" : "（更正）")
    }

    var reportDeadline: Day {
        reportBy ?? items.filter { $0.ignoredReason == nil }.compactMap { $0.deadline?.lastDay(issued: runDate) }.max()
            ?? runDate
    }

    /// Items still to fix, in notice order: 逾期 first (SPEC §7), then 单项否决, 扣分, 提醒.
    var openGroups: [(heading: String, items: [NoticeItem])] {
        let open = items.filter { $0.finding.status != .fixed && $0.ignoredReason == nil }
        let groups: [(String, (NoticeItem) -> Bool)] = [
            ("逾期未整改问题", { $0.isOverdue }),
            ("单项否决问题", { !$0.isOverdue && $0.finding.severity == .veto }),
            ("扣分问题", { !$0.isOverdue && $0.finding.severity == .major }),
            ("提醒事项", { !$0.isOverdue && $0.finding.severity <= .minor }),
        ]
        return groups.compactMap { heading, belongs in
            let members = open.filter(belongs).sorted(by: NoticeInput.itemOrder)
            if digestOnly && heading != "逾期未整改问题" && heading != "单项否决问题" { return nil }
            return members.isEmpty ? nil : (heading, members)
        }
    }

    var fixedItems: [NoticeItem] {
        digestOnly
            ? []
            : items.filter { $0.finding.status == .fixed && $0.ignoredReason == nil }.sorted(by: NoticeInput.itemOrder)
    }

    /// Every item in the order the notice numbers them (the ledger's 序号): open groups, then
    /// fixed ones, then those marked 误报.
    public var orderedItems: [NoticeItem] {
        openGroups.flatMap(\.items) + fixedItems
            + items.filter { $0.ignoredReason != nil }.sorted(by: NoticeInput.itemOrder)
    }

    /// Within a group: by rule, then page, then position, so the notice reads rule by rule
    /// and page by page.
    static func itemOrder(_ a: NoticeItem, _ b: NoticeItem) -> Bool {
        let x = a.finding, y = b.finding
        if x.rule != y.rule { return x.rule.catalogIndex < y.rule.catalogIndex }
        if x.url != y.url { return x.url < y.url }
        return (x.offset ?? 0) < (y.offset ?? 0)
    }
}
