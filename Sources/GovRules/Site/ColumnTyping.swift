import Foundation
import GovCore

/// Types a column from its name (栏目名称 or ColumnType meta) by a keyword table
/// (INDICATORS.md §2.3: free text has to be mapped onto the update-period classes).
/// The first row whose keyword occurs wins, so specific names come before general ones
/// (规范性文件 before 文件, 政策解读 before 政策文件). Config overrides per column name.
public enum ColumnTyping {
    public static let keywordTable: [(keyword: String, type: ColumnType)] = [
        ("规范性文件", .normative),
        ("解读", .interpretation), ("回应关切", .interpretation),
        ("人事", .personnel), ("任免", .personnel), ("招聘", .personnel), ("招录", .personnel),
        ("规划", .planning), ("计划", .planning),
        ("预决算", .finance), ("预算", .finance), ("决算", .finance), ("财政", .finance), ("三公", .finance),
        ("留言", .interaction), ("咨询", .interaction), ("信箱", .interaction), ("互动", .interaction),
        ("来信", .interaction), ("投诉", .interaction), ("访谈", .interaction), ("征集", .interaction),
        ("办事", .service), ("服务", .service), ("指南", .service),
        ("通知", .notice), ("公告", .notice), ("公示", .notice),
        ("政策文件", .policy), ("文件", .policy), ("政策", .policy),
        ("动态", .news), ("要闻", .news), ("新闻", .news), ("资讯", .news), ("工作进展", .news),
        ("信息", .news),
    ]

    /// Type of a column name; `.other` when no keyword occurs.
    public static func type(ofName name: String, overrides: [String: ColumnType] = [:]) -> ColumnType {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if let forced = overrides[trimmed] { return forced }
        // "信息" alone is too general (信息公开, 基本信息); only 工作信息/政务信息 style names are news.
        for (keyword, type) in keywordTable where trimmed.utf8Contains(keyword) {
            if keyword == "信息", !(trimmed.hasSuffix("信息") && !trimmed.utf8Contains("公开") && !trimmed.utf8Contains("基本"))
            {
                continue
            }
            return type
        }
        return .other
    }

    /// A navigation entry that reads like a column name: short, Chinese, not a headline
    /// (关于…的通知), and typed by the table (so 首页、网站地图 and English are not columns).
    public static func isColumnLikeName(_ text: String) -> Bool {
        let name = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let count = name.count
        guard (2...10).contains(count), !name.hasPrefix("关于"),
            name.unicodeScalars.allSatisfy({ (0x4E00...0x9FFF).contains($0.value) || $0 == "、" || $0 == "·" })
        else {
            return false
        }
        return type(ofName: name) != .other
    }
}
