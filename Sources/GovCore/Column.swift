/// Column (栏目) types of SPEC §4; the update period of each comes from config.
public enum ColumnType: String, Sendable, Codable, CaseIterable {
    case news, notice, policy, normative, interpretation, personnel, planning, finance,
        interaction, service, other

    public var chinese: String {
        switch self {
        case .news: "动态要闻"
        case .notice: "通知公告"
        case .policy: "政策文件"
        case .normative: "规范性文件"
        case .interpretation: "政策解读"
        case .personnel: "人事信息"
        case .planning: "规划计划"
        case .finance: "财政预决算"
        case .interaction: "互动交流"
        case .service: "办事服务"
        case .other: "其他"
        }
    }
}

/// A column as configured or discovered.
public struct Column: Sendable, Hashable, Codable {
    public var name: String
    public var url: String
    public var type: ColumnType
    /// true when it came from config.yaml (never dropped), false when discovered.
    public var configured: Bool

    public init(name: String, url: String, type: ColumnType, configured: Bool = false) {
        self.name = name; self.url = url; self.type = type; self.configured = configured
    }
}
