import Foundation

/// China Standard Time (UTC+8, no daylight saving), the one clock govlint keeps: the national
/// working-day calendar, the deadlines and the dates of notices are all in it, so every
/// conversion of a moment into a day or a time of day goes through here.
public enum ChinaTime {
    public static let zone = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600)!

    /// The names config.yaml's `timezone` accepts: zones that are UTC+8 all year in China.
    public static let zoneNames: Set<String> = [
        "Asia/Shanghai", "Asia/Chongqing", "Asia/Chungking", "Asia/Harbin", "PRC",
    ]

    public static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }

    /// The moment as a day and minute of the day in China Standard Time.
    public static func localDateTime(_ moment: Date) -> LocalDateTime {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: moment)
        let day = Day(year: parts.year!, month: parts.month!, day: parts.day!)!
        return LocalDateTime(day: day, minuteOfDay: parts.hour! * 60 + parts.minute!)
    }

    /// `HHmmss` of the moment, for folder names.
    public static func hourMinuteSecond(_ moment: Date) -> String {
        let t = calendar.dateComponents([.hour, .minute, .second], from: moment)
        return String(format: "%02d%02d%02d", t.hour ?? 0, t.minute ?? 0, t.second ?? 0)
    }
}
