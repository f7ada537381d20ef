import Foundation
import GovCore
@testable import GovReport

/// A notice with one finding of each group, hostile page strings, and a fixed item.
enum Sample {
    static let office = Office(name: "某某市人民政府办公室", shortName: "市政务公开办", contact: "0000-12345678")
    static let hostileTitle = "<script>alert('x')</script>\r\nBcc: evil@example.com"
    static let site = SiteInfo(
        id: "county-a", name: "某某县人民政府<b>门户</b>", owner: "某某县人民政府办公室",
        url: "https://www.a.example.gov.cn/")
    static let runDate = Day(year: 2026, month: 11, day: 27)!  // a Friday

    static func finding(
        _ rule: RuleID, _ severity: Severity, match: String, context: String, hit: Range<Int>?,
        status: FindingStatus, title: String = "关于开展年度工作的通知", suggestion: String? = nil,
        url: String = "https://www.a.example.gov.cn/zwdt/2026/1105/1.html", column: String? = "政务动态",
        basis: String? = nil
    ) -> Finding {
        Finding(
            rule: rule, severity: severity, site: "county-a", url: url, match: match, context: context,
            contextHit: hit, suggestion: suggestion, basis: basis, column: column, title: title,
            scope: rule == .typo || rule == .expression || rule == .privacy ? .body : nil, status: status,
            firstSeen: status == .new ? "2026-11-27" : "2026-11-20")
    }

    static var findings: [Finding] {
        [
            finding(
                .typo, .major, match: "布署", context: "认真布署全年工作", hit: 2..<4, status: .new, suggestion: "部署",
                basis: "《现代汉语词典》"),
            finding(
                .expression, .veto, match: "扫黑险恶", context: "开展扫黑险恶专项斗争", hit: 2..<6, status: .open,
                title: hostileTitle, suggestion: "扫黑除恶", basis: "中办国办通知"),
            finding(
                .brokenLink, .major, match: "https://www.a.example.gov.cn/old.html", context: "链接返回404",
                hit: nil, status: .new, url: "https://www.a.example.gov.cn/zwgk/index.html", column: "政府信息公开"),
            finding(.metadata, .minor, match: "ArticleTitle", context: "缺少ArticleTitle元数据", hit: nil, status: .open),
            finding(.typo, .major, match: "既使", context: "既使困难也要完成", hit: 0..<2, status: .fixed, suggestion: "即使"),
            finding(
                .privacy, .veto, match: "=HYPERLINK(\"http://evil\")", context: "=HYPERLINK(\"http://evil\"),\"x\"",
                hit: 0..<25, status: .new, title: "+1 @cmd -2"),
        ]
    }

    static var items: [NoticeItem] {
        findings.map { f in
            NoticeItem(
                finding: f,
                deadline: f.status == .fixed ? nil : Deadline.forFinding(f, issued: runDate, workingDays: 3),
                evidencePath: f.status == .fixed ? nil : "evidence/\(f.key).html")
        }
    }

    static var notice: NoticeInput {
        NoticeInput(
            office: office, site: site, runDate: runDate, checkedAt: "2026年11月27日",
            scope: CheckScope(pagesChecked: 1234, columnsChecked: 56),
            items: items,
            verdict: Verdict(
                passed: false, reasons: ["存在严重表述错误1处，属单项否决"],
                warnings: ["首页已10天未更新（预警线10天）"], score: 82.5),
            comparison: RunComparison(findings: findings))
    }
}
