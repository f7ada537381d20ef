/// Dates as Chinese government pages print them: 2026-11-05, 2026/11/05, 2026.11.05,
/// 2026年11月5日, with an optional time. Pure scanning over scalars, no regex.
public enum DateText {
    /// Parses a whole string holding one date and optional time, e.g. PubDate meta
    /// "2022-04-17 14:46:00" or "2026年11月5日 10:00".
    public static func parseDateTime(_ text: String) -> LocalDateTime? {
        let found = findDates(in: text)
        guard let first = found.first else { return nil }
        return first.value
    }

    /// Every date (with time when one follows) in a text, in order, with the scalar range.
    public static func findDates(in text: String) -> [(range: Range<Int>, value: LocalDateTime)] {
        let s = Array(text.unicodeScalars)
        var out: [(Range<Int>, LocalDateTime)] = []
        var i = 0
        func number(_ at: Int, maxDigits: Int) -> (Int, Int)? {
            var j = at, v = 0
            while j < s.count, j - at < maxDigits, let d = digit(s[j]) { v = v * 10 + d; j += 1 }
            return j > at ? (v, j) : nil
        }
        while i < s.count {
            guard digit(s[i]) != nil, i == 0 || digit(s[i - 1]) == nil,
                let (y, afterY) = number(i, maxDigits: 4), afterY - i == 4, afterY < s.count
            else { i += 1; continue }
            let sep = s[afterY]
            let chineseStyle = sep == "年"
            guard chineseStyle || sep == "-" || sep == "/" || sep == "." else { i += 1; continue }
            guard let (m, afterM) = number(afterY + 1, maxDigits: 2), afterM < s.count else { i += 1; continue }
            let sep2 = s[afterM]
            guard chineseStyle ? sep2 == "月" : sep2 == sep else { i += 1; continue }
            guard let (d, afterD) = number(afterM + 1, maxDigits: 2),
                afterD >= s.count || digit(s[afterD]) == nil,
                let day = Day(year: y, month: m, day: d)
            else { i += 1; continue }
            var end = afterD
            if chineseStyle, end < s.count, s[end] == "日" || s[end] == "号" { end += 1 }
            var minute: Int?
            var j = end
            while j < s.count, s[j] == " " || s[j] == "T" || s[j] == "\u{3000}" { j += 1 }
            if let (h, afterH) = number(j, maxDigits: 2), afterH < s.count, s[afterH] == ":" || s[afterH] == "：",
                let (mm, afterMM) = number(afterH + 1, maxDigits: 2), h < 24, mm < 60
            {
                minute = h * 60 + mm
                end = afterMM
                if end < s.count, s[end] == ":", let (_, afterS) = number(end + 1, maxDigits: 2) { end = afterS }
            }
            out.append((i..<end, LocalDateTime(day: day, minuteOfDay: minute)))
            i = end
        }
        return out
    }

    private static func digit(_ c: Unicode.Scalar) -> Int? {
        switch c.value {
        case 0x30...0x39: Int(c.value - 0x30)
        case 0xFF10...0xFF19: Int(c.value - 0xFF10)
        default: nil
        }
    }
}
