import Foundation
import GovCore

/// "Now" in China Standard Time, or the moment given by `--now` (re-judging, tests,
/// reproducible reports).
public struct Clock: Sendable {
    public let now: LocalDateTime

    public init(now: LocalDateTime) { self.now = now }

    public static func system() -> Clock { Clock(now: ChinaTime.localDateTime(Date())) }

    /// Parses `--now YYYY-MM-DD[THH:MM]` strictly: a reproducible report must not rest on a
    /// guess, so `T25:00`, `T8:00` or trailing text are usage errors, not "some time that day".
    public static func parse(_ text: String) throws(Failure) -> Clock {
        let failure = Failure.usage("--now expects YYYY-MM-DD or YYYY-MM-DDTHH:MM, got `\(text)`")
        let digits = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= digits.count, range.allSatisfy({ (0x30...0x39).contains(digits[$0]) }) else {
                return nil
            }
            return range.reduce(0) { $0 * 10 + Int(digits[$1] - 0x30) }
        }
        guard digits.count == 10 || digits.count == 16,
            let year = number(0..<4), digits[4] == UInt8(ascii: "-"), let month = number(5..<7),
            digits[7] == UInt8(ascii: "-"), let dayOfMonth = number(8..<10),
            let day = Day(year: year, month: month, day: dayOfMonth)
        else { throw failure }
        guard digits.count == 16 else { return Clock(now: LocalDateTime(day: day)) }
        guard digits[10] == UInt8(ascii: "T"), let hour = number(11..<13), digits[13] == UInt8(ascii: ":"),
            let minute = number(14..<16), hour < 24, minute < 60
        else { throw failure }
        return Clock(now: LocalDateTime(day: day, minuteOfDay: hour * 60 + minute))
    }

    public var today: Day { now.day }
}
