/// The correction of an `re:` entry: `$1`… insert a group, `{cn:1}` inserts group 1's Arabic
/// number written in Chinese numerals (党的(\d{2})大 → 党的{cn:1}大: 党的20大 → 党的二十大).
enum CorrectionTemplate {
    /// Group numbers the template refers to.
    static func groupReferences(in template: String) -> [Int] {
        var groups: [Int] = []
        _ = expand(template) {
            groups.append($0); return ""
        }
        return groups
    }

    /// Expands `template`; `group(n)` returns the text of group n ("" when it did not take part).
    static func expand(_ template: String, group: (Int) -> String) -> String {
        var result = ""
        var rest = Substring(template)
        while let first = rest.first {
            if first == "$", let digit = rest.dropFirst().first, let number = digit.wholeNumberValue, digit.isASCII {
                result += group(number)
                rest = rest.dropFirst(2)
            } else if rest.hasPrefix("{cn:"), let close = rest.firstIndex(of: "}"),
                let number = Int(rest[rest.index(rest.startIndex, offsetBy: 4)..<close])
            {
                let text = group(number)
                result += Int(text).map(chineseNumeral) ?? text
                rest = rest[rest.index(after: close)...]
            } else {
                result.append(first)
                rest = rest.dropFirst()
            }
        }
        return result
    }

    /// A non-negative integer in Chinese numerals as GB/T 15835 writes ordinals of
    /// congresses and plenums: 20 → 二十, 19 → 十九, 105 → 一百零五, 2023 → 二千零二十三.
    static func chineseNumeral(_ value: Int) -> String {
        let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        guard value > 0 else { return "零" }
        if value >= 100_000_000 { return String(value) }
        if value >= 10_000 {
            let high = chineseNumeral(value / 10_000) + "万"
            let low = value % 10_000
            if low == 0 { return high }
            return high + (low < 1000 ? "零" : "") + chineseNumeral(low)
        }
        let units = ["千", "百", "十", ""]
        let places = [value / 1000, value / 100 % 10, value / 10 % 10, value % 10]
        var result = ""
        var pendingZero = false
        for (index, digit) in places.enumerated() {
            if digit == 0 {
                if !result.isEmpty { pendingZero = true }
                continue
            }
            if pendingZero { result += "零"; pendingZero = false }
            // 十九, not 一十九, when the number starts at the tens.
            if !(index == 2 && digit == 1 && result.isEmpty) { result += digits[digit] }
            result += units[index]
        }
        return result
    }
}
