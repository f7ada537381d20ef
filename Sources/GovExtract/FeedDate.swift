import GovCore

/// Dates as feeds write them, converted to China time (+08:00):
/// RFC 822 ("Thu, 05 Nov 2026 10:00:00 +0800", GMT, CST), its Chinese rendering
/// ("星期四, 05 11月 2026 10:00:00 +0800"), Java's `Date.toString` ("Thu Nov 05 10:00:00 CST
/// 2026"), RFC 3339 ("2026-11-05T02:00:00Z"), and zone-less local forms ("2026-11-05
/// 10:00:00", "2026年11月5日"), which are taken as China time already.
public enum FeedDate {
    /// Minutes east of UTC of China Standard Time.
    static let chinaOffset = 8 * 60

    public static func parse(_ text: String) -> LocalDateTime? {
        let trimmed = text.trimmingASCIISpaces()
        guard !trimmed.isEmpty else { return nil }
        if let value = parseISO(trimmed) { return value }
        if let value = parseRFC822(trimmed) { return value }
        return DateText.parseDateTime(trimmed)
    }

    /// A wall-clock time in a zone (minutes east of UTC; nil = China time) as China time.
    static func chinaTime(day: Day, minuteOfDay: Int?, zoneOffset: Int?) -> LocalDateTime {
        guard let minuteOfDay else { return LocalDateTime(day: day) }
        guard let zoneOffset else { return LocalDateTime(day: day, minuteOfDay: minuteOfDay) }
        let total = day.ordinal * 1440 + minuteOfDay - zoneOffset + chinaOffset
        let dayOrdinal = total >= 0 ? total / 1440 : (total - 1439) / 1440
        return LocalDateTime(day: Day(ordinal: dayOrdinal), minuteOfDay: total - dayOrdinal * 1440)
    }

    // MARK: RFC 3339 and ISO-like

    static func parseISO(_ text: String) -> LocalDateTime? {
        let s = Array(text.utf8)
        var i = 0
        func number(_ digits: Int) -> Int? {
            guard i + digits <= s.count else { return nil }
            var value = 0
            for k in 0..<digits {
                let c = s[i + k]
                guard c >= 0x30, c <= 0x39 else { return nil }
                value = value * 10 + Int(c - 0x30)
            }
            i += digits
            return value
        }
        func expect(_ c: Character) -> Bool {
            guard i < s.count, s[i] == c.asciiValue! else { return false }
            i += 1
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let dayOfMonth = number(2),
            let day = Day(year: year, month: month, day: dayOfMonth)
        else { return nil }
        guard i < s.count else { return LocalDateTime(day: day) }
        guard s[i] == UInt8(ascii: "T") || s[i] == UInt8(ascii: " ") || s[i] == UInt8(ascii: "t") else { return nil }
        i += 1
        guard let hour = number(2), hour < 24, expect(":"), let minute = number(2), minute < 60 else { return nil }
        if expect(":") {
            guard number(2) != nil else { return nil }
            if expect(".") || expect(",") { while i < s.count, s[i] >= 0x30, s[i] <= 0x39 { i += 1 } }
        }
        while i < s.count, s[i] == UInt8(ascii: " ") { i += 1 }
        var zone: Int?
        if i < s.count {
            guard let offset = zoneOffset(String(decoding: s[i...], as: UTF8.self)) else { return nil }
            zone = offset
        }
        return chinaTime(day: day, minuteOfDay: hour * 60 + minute, zoneOffset: zone)
    }

    // MARK: RFC 822 and relatives

    private static let months: [String: Int] = {
        var table: [String: Int] = [:]
        let names = [
            "january", "february", "march", "april", "may", "june", "july", "august", "september",
            "october", "november", "december",
        ]
        for (index, name) in names.enumerated() {
            table[name] = index + 1
            table[String(name.prefix(3))] = index + 1
        }
        table["sept"] = 9
        return table
    }()

    /// Reads the fields of an RFC 822-like date in whatever order they come, so the
    /// standard form, the Chinese-localised form and Java's toString all parse.
    static func parseRFC822(_ text: String) -> LocalDateTime? {
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" || $0 == "\u{3000}" })
        var year: Int?, month: Int?, dayOfMonth: Int?, minuteOfDay: Int?, zone: Int?
        for token in tokens {
            let lower = token.lowercased()
            if token.contains(":"), minuteOfDay == nil, let first = token.first, first.isASCII, first.isNumber {
                let parts = token.split(separator: ":")
                guard parts.count >= 2, let h = Int(parts[0]), let m = Int(parts[1]), h < 24, m < 60 else { return nil }
                minuteOfDay = h * 60 + m
            } else if let value = months[lower.trimmingCharacters(in: ["."])] {
                month = value
            } else if lower.hasSuffix("月"), let value = chineseMonth(lower.dropLast()) {
                month = value
            } else if token.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(token) {
                if token.count == 4 {
                    year = value
                } else if token.count <= 2, dayOfMonth == nil {
                    dayOfMonth = value
                } else if token.count <= 2 {
                    year = 2000 + value
                } else {
                    return nil
                }
            } else if let offset = zoneOffset(String(token)) {
                zone = offset
            } else if isWeekday(lower) {
                continue
            } else {
                return nil
            }
        }
        guard let year, let month, let dayOfMonth, let day = Day(year: year, month: month, day: dayOfMonth) else {
            return nil
        }
        return chinaTime(day: day, minuteOfDay: minuteOfDay, zoneOffset: minuteOfDay == nil ? nil : zone)
    }

    private static func chineseMonth(_ text: Substring) -> Int? {
        if let value = Int(text), (1...12).contains(value) { return value }
        let numerals: [String: Int] = [
            "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
            "十": 10, "十一": 11, "十二": 12,
        ]
        return numerals[String(text)]
    }

    private static func isWeekday(_ token: String) -> Bool {
        let english = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        if english.contains(where: { token.hasPrefix($0) }) { return true }
        return token.hasPrefix("星期") || token.hasPrefix("周") || token.hasPrefix("礼拜")
    }

    /// Minutes east of UTC: `Z`, `+08:00`, `+0800`, `GMT`, `UTC`, `GMT+8`, `CST` (China
    /// Standard Time here: feeds from Chinese servers print CST for +08:00, never US Central).
    static func zoneOffset(_ token: String) -> Int? {
        let upper = token.uppercased()
        switch upper {
        case "Z", "GMT", "UT", "UTC": return 0
        case "CST", "BJT", "CCT", "HKT": return chinaOffset
        case "EST": return -300
        case "EDT": return -240
        case "PST": return -480
        case "PDT": return -420
        case "MST": return -420
        case "MDT": return -360
        case "CDT": return -300
        case "JST", "KST": return 540
        default: break
        }
        var rest = Substring(upper)
        for prefix in ["GMT", "UTC"] where rest.hasPrefix(prefix) { rest = rest.dropFirst(prefix.count) }
        guard let sign = rest.first, sign == "+" || sign == "-" else { return nil }
        let digits = rest.dropFirst().filter { $0 != ":" }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(digits) else {
            return nil
        }
        let minutes: Int
        switch digits.count {
        case 1, 2: minutes = value * 60
        case 3, 4: minutes = (value / 100) * 60 + value % 100
        default: return nil
        }
        guard minutes <= 14 * 60 else { return nil }
        return sign == "-" ? -minutes : minutes
    }
}
