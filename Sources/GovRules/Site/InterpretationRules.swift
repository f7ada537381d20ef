import GovCore

extension SiteSnapshot {
    /// Content pages: not the homepage, not a column's list page, not a long list.
    func articles(settings: SiteRuleSettings) -> [PageSummary] {
        let listPages = Set(columns.flatMap(\.listPages).map(SiteSnapshotBuilder.key))
        return pages.filter {
            !$0.isHomepage && $0.listItems.count < settings.listPageMinItems
                && !listPages.contains(SiteSnapshotBuilder.key($0.url))
        }
    }
}

/// Which pages are 解读 and which are policy documents, for the two interpretation rules.
enum PolicyPages {
    static let interpretationWords = ["解读", "图解", "一图读懂", "答记者问"]

    static func isInterpretation(_ page: PageSummary) -> Bool {
        page.columnType == .interpretation || interpretationWords.contains { page.title.contains($0) }
    }

    static func isPolicy(_ page: PageSummary) -> Bool {
        !isInterpretation(page)
            && (page.columnType == .policy || page.columnType == .normative || page.documentNumber != nil)
    }

    /// An attachment (the document itself as pdf/doc/…) counts as a link to the document.
    static func isAttachment(_ url: String) -> Bool {
        let path = url.split(separator: "?").first.map(String.init) ?? url
        guard let ext = path.split(separator: ".").last?.lowercased() else { return false }
        return LinkKind.attachmentExtensions.contains(ext)
    }
}

/// 解读未关联: a 解读 page that links to no policy document of the site (and, as info, a
/// policy page that does not link back to its 解读: 双向关联).
public struct InterpretationUnlinkedRule: SiteRule {
    public init() {}

    public static let description = RuleDescription(
        id: .interpretationUnlinked, kind: .site, defaultSeverity: .minor, weight: RuleWeight(0.5, cap: 5),
        rationale:
            "A 解读 page (in a 政策解读 column, or titled 解读/图解/一图读懂/答记者问) whose internal links reach no policy page of the site (a page in a 政策文件/规范性文件 column or with a 文号) and no attachment. Links to column pages and the homepage do not count; a link to a page the crawl did not reach gives it the benefit of the doubt. As info: a policy page that a 解读 links to but that does not link back (the indicators ask for 双向关联).",
        triggering: [
            Example(
                """
                now 2026-11-30
                site county-a https://www.example.gov.cn/
                column 政策解读 https://www.example.gov.cn/zcjd/ interpretation
                page https://www.example.gov.cn/zcjd/1.html found=https://www.example.gov.cn/zcjd/
                  title ⟦一图读懂县城市绿化管理办法⟧
                  link https://www.example.gov.cn/zcjd/ 政策解读
                  link https://www.example.gov.cn/zwdt/5.html 相关新闻
                page https://www.example.gov.cn/zwdt/5.html
                  title 县领导调研绿化工作
                """),
            Example(
                """
                now 2026-11-30
                site county-a https://www.example.gov.cn/
                page https://www.example.gov.cn/zcjd/2.html
                  title 《某某县城市绿化管理办法》政策解读
                  link https://www.example.gov.cn/zfwj/9.html 原文
                # expect ⟦某某县城市绿化管理办法⟧
                page https://www.example.gov.cn/zfwj/9.html
                  title 某某县城市绿化管理办法
                  text 某政发〔2026〕9号
                """),
        ],
        nonTriggering: [
            Example(
                """
                now 2026-11-30
                site county-a https://www.example.gov.cn/
                page https://www.example.gov.cn/zcjd/2.html
                  title 《某某县城市绿化管理办法》政策解读
                  link https://www.example.gov.cn/zfwj/9.html 原文
                page https://www.example.gov.cn/zfwj/9.html
                  title 某某县城市绿化管理办法
                  text 某政发〔2026〕9号
                  link https://www.example.gov.cn/zcjd/2.html 解读
                """),
            Example(
                """
                now 2026-11-30
                site county-a https://www.example.gov.cn/
                page https://www.example.gov.cn/zcjd/3.html
                  title 一图读懂县城市绿化管理办法
                  link https://www.example.gov.cn/files/banfa.pdf 办法全文
                """),
        ])

    public func check(_ snapshot: SiteSnapshot, context: SiteRuleContext) -> [Finding] {
        var byKey: [String: PageSummary] = [:]
        for page in snapshot.pages { byKey[SiteSnapshotBuilder.key(page.url)] = page }
        let columnPages = Set(snapshot.columns.flatMap(\.listPages).map(SiteSnapshotBuilder.key))
        var findings: [Finding] = []
        var backLinkReported = Set<String>()
        for page in snapshot.articles(settings: context.settings) where PolicyPages.isInterpretation(page) {
            guard let links = page.internalLinks else { continue }
            let targets = links.filter { !columnPages.contains(SiteSnapshotBuilder.key($0)) }
            let policies = targets.compactMap { byKey[SiteSnapshotBuilder.key($0)] }.filter(PolicyPages.isPolicy)
            let unknown = targets.contains {
                byKey[SiteSnapshotBuilder.key($0)] == nil && !PolicyPages.isAttachment($0)
            }
            if policies.isEmpty, !unknown, !targets.contains(where: PolicyPages.isAttachment) {
                findings.append(
                    Finding(
                        Self.description, snapshot: snapshot, url: page.url, match: page.title,
                        excerpt: page.title, message: "政策解读未链接所解读的政策文件", column: page.column,
                        title: page.title))
            }
            for policy in policies {
                guard let back = policy.internalLinks,
                    !back.contains(where: { SiteSnapshotBuilder.sameURL($0, page.url) }),
                    backLinkReported.insert(policy.url).inserted
                else { continue }
                findings.append(
                    Finding(
                        Self.description, snapshot: snapshot, url: policy.url, match: policy.title,
                        excerpt: "\(policy.title) ← \(page.title)",
                        message: "政策文件未链接其解读（应双向关联）", column: policy.column,
                        title: policy.title, severity: .info))
            }
        }
        return findings
    }
}

/// 解读不及时: a 解读 published more than N working days after the document it interprets.
public struct InterpretationLateRule: SiteRule {
    public init() {}

    public static let description = RuleDescription(
        id: .interpretationLate, kind: .site, defaultSeverity: .minor, weight: RuleWeight(0.5, cap: 5),
        rationale:
            "A 解读 page's date (PubDate, else the printed date) is more than 3 working days (rules.interpretation_working_days, official working-day calendar) after the date of the newest policy page it links to that is not later than itself.",
        triggering: [
            Example(
                """
                now 2026-11-30
                site county-a https://www.example.gov.cn/
                page https://www.example.gov.cn/zcjd/2.html
                  title ⟦《某某县城市绿化管理办法》政策解读⟧
                  date 2026-10-09
                  link https://www.example.gov.cn/zfwj/9.html 原文
                page https://www.example.gov.cn/zfwj/9.html
                  title 某某县城市绿化管理办法
                  date 2026-09-28
                  text 某政发〔2026〕9号
                """)
        ],
        nonTriggering: [
            Example(
                """
                now 2026-11-30
                site county-a https://www.example.gov.cn/
                page https://www.example.gov.cn/zcjd/2.html
                  title 《某某县城市绿化管理办法》政策解读
                  date 2026-10-08
                  link https://www.example.gov.cn/zfwj/9.html 原文
                page https://www.example.gov.cn/zfwj/9.html
                  title 某某县城市绿化管理办法
                  date 2026-09-28
                  text 某政发〔2026〕9号
                """)
        ])

    public func check(_ snapshot: SiteSnapshot, context: SiteRuleContext) -> [Finding] {
        var byKey: [String: PageSummary] = [:]
        for page in snapshot.pages { byKey[SiteSnapshotBuilder.key(page.url)] = page }
        let limit = context.settings.interpretationWorkingDays
        return snapshot.articles(settings: context.settings).compactMap { page in
            guard PolicyPages.isInterpretation(page),
                let date = page.date, let links = page.internalLinks
            else { return nil }
            let policyDates = links.compactMap { byKey[SiteSnapshotBuilder.key($0)] }
                .filter(PolicyPages.isPolicy).compactMap(\.date).filter { $0 <= date }
            guard let issued = policyDates.max() else { return nil }
            let days = context.calendar.workingDays(from: issued, to: date)
            guard days > limit else { return nil }
            return Finding(
                Self.description, snapshot: snapshot, url: page.url, match: page.title,
                excerpt: "\(page.title)：文件 \(issued) 发布，解读 \(date) 发布（\(days) 个工作日）",
                message: "政策解读晚于文件 \(limit) 个工作日以上发布", column: page.column, title: page.title)
        }
    }
}
