import GovCore

/// 留言答复超期: in an interaction column, a message unanswered for more than 3 months within
/// the last year (national veto), or answered later than N working days (office rule, major).
public struct ReplyOverdueRule: SiteRule {
    public init() {}

    public static let description = RuleDescription(
        id: .replyOverdue, kind: .site, defaultSeverity: .major, weight: RuleWeight(3, cap: 10),
        rationale:
            "Messages are read from message-board tables (a header naming 留言时间/来信时间 and 答复时间/回复时间 or 状态) and from message pages printing 留言时间：… 答复时间：…. Among messages asked within the last 365 days: unanswered for more than 3 months ⇒ veto (国办 indicator); answered, or still unanswered, later than 3 working days (rules.reply_working_days, on the official working-day calendar) ⇒ major. A message marked answered without a reply date is not judged.",
        triggering: [
            Example(
                """
                now 2026-11-30
                site county-a https://www.example.gov.cn/
                # expect ⟦咨询社保转移⟧ ⟦反映道路积水⟧
                page https://www.example.gov.cn/hdjl/
                  row 标题 | 留言时间 | 答复时间 | 状态
                  row 咨询社保转移 | 2026-09-28 | 2026-10-09 | 已回复
                  row 反映道路积水 | 2026-07-01 |  | 未回复
                  row 咨询公积金 | 2026-09-28 | 2026-10-08 | 已回复
                """)
        ],
        nonTriggering: [
            Example(
                """
                now 2026-11-30
                site county-a https://www.example.gov.cn/
                page https://www.example.gov.cn/hdjl/
                  row 标题 | 留言时间 | 答复时间 | 状态
                  row 咨询公积金 | 2026-09-28 | 2026-10-08 | 已回复
                  row 咨询落户 | 2026-11-27 |  | 办理中
                  row 旧留言 | 2025-10-01 |  | 未回复
                """)
        ])

    public func check(_ snapshot: SiteSnapshot, context: SiteRuleContext) -> [Finding] {
        let s = context.settings
        let since = context.now.adding(days: -s.replyLookbackDays)
        var findings: [Finding] = []
        for message in snapshot.messages where message.asked >= since && message.asked <= context.now {
            let name = message.title.isEmpty ? "\(message.asked) 留言" : message.title
            let due = context.calendar.adding(workingDays: s.replyWorkingDays, to: message.asked)
            if let answered = message.answered {
                guard answered > due else { continue }
                let days = context.calendar.workingDays(from: message.asked, to: answered)
                findings.append(
                    Finding(
                        Self.description, snapshot: snapshot, url: message.url, match: name,
                        excerpt: "\(name)：留言 \(message.asked)，答复 \(answered)（\(days) 个工作日）",
                        message: "留言答复超过 \(s.replyWorkingDays) 个工作日（应于 \(due) 前答复）",
                        title: message.title))
            } else if context.now > message.asked.adding(months: s.replyUnansweredMonths) {
                findings.append(
                    Finding(
                        Self.description, snapshot: snapshot, url: message.url, match: name,
                        excerpt: "\(name)：留言 \(message.asked)，至 \(context.now) 未答复",
                        message: "留言超过 \(s.replyUnansweredMonths) 个月未答复（单项否决）",
                        title: message.title, severity: .veto))
            } else if context.now > due {
                findings.append(
                    Finding(
                        Self.description, snapshot: snapshot, url: message.url, match: name,
                        excerpt: "\(name)：留言 \(message.asked)，至 \(context.now) 未答复",
                        message: "留言超过 \(s.replyWorkingDays) 个工作日未答复（应于 \(due) 前答复）",
                        title: message.title))
            }
        }
        return findings
    }
}
