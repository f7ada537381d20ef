import Foundation
import GovCore

/// "Now" in China Standard Time, or the moment given by `--now` (re-judging, tests,
/// reproducible reports).
public struct Clock: Sendable {
    public let now: LocalDateTime

    public init(now: LocalDateTime) { self.now = now }

    public static func system() -> Clock {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600)!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: Date())
        let day = Day(year: parts.year!, month: parts.month!, day: parts.day!)!
        return Clock(now: LocalDateTime(day: day, minuteOfDay: parts.hour! * 60 + parts.minute!))
    }

    /// Parses `--now YYYY-MM-DD[THH:MM]`.
    public static func parse(_ text: String) throws(Failure) -> Clock {
        guard let value = DateText.parseDateTime(text), value.day.description == String(text.prefix(10)) else {
            throw Failure.usage("--now expects YYYY-MM-DD or YYYY-MM-DDTHH:MM, got `\(text)`")
        }
        return Clock(now: value)
    }

    public var today: Day { now.day }
}
