/// How much a finding weighs in the national indicators: 单项否决 (veto), 扣分 (major),
/// 提醒 (minor), info. Ordered so `>=` means "at least as severe".
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case info, minor, major, veto

    private var rank: Int {
        switch self {
        case .info: 0
        case .minor: 1
        case .major: 2
        case .veto: 3
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }

    /// The Chinese label used in notices.
    public var chinese: String {
        switch self {
        case .veto: "单项否决"
        case .major: "扣分"
        case .minor: "提醒"
        case .info: "参考"
        }
    }
}
