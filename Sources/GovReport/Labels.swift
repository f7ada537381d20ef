import GovCore

/// Chinese numerals for section numbers (一、二、…), as 公文 number their headings.
enum ChineseNumeral {
    static func of(_ n: Int) -> String {
        let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        switch n {
        case 0..<10: return digits[n]
        case 10..<20: return "十" + (n == 10 ? "" : digits[n - 10])
        case 20..<100: return digits[n / 10] + "十" + (n % 10 == 0 ? "" : digits[n % 10])
        default: return String(n)
        }
    }
}

/// A finding's context split around its hit, so every format marks the same characters.
/// The hit range is in Unicode scalars (GovCore.Finding.contextHit); an out-of-range hit
/// falls back to the first occurrence of `match`, or to no mark at all.
struct Excerpt: Equatable {
    var before: String
    var hit: String
    var after: String

    init(before: String, hit: String, after: String) {
        self.before = before; self.hit = hit; self.after = after
    }

    init(_ finding: Finding) {
        let context = finding.context.isEmpty ? finding.match : finding.context
        let scalars = Array(context.unicodeScalars)
        if let range = finding.contextHit, range.lowerBound >= 0, range.upperBound <= scalars.count,
            !range.isEmpty
        {
            self.init(
                before: Excerpt.string(scalars[..<range.lowerBound]),
                hit: Excerpt.string(scalars[range]),
                after: Excerpt.string(scalars[range.upperBound...]))
        } else if !finding.match.isEmpty, let found = context.range(of: finding.match) {
            self.init(
                before: String(context[..<found.lowerBound]), hit: String(context[found]),
                after: String(context[found.upperBound...]))
        } else {
            self.init(before: context, hit: "", after: "")
        }
    }

    private static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    var html: String {
        let mark = hit.isEmpty ? "" : "<mark>\(HTML.escape(TextCleaning.singleLine(hit)))</mark>"
        return HTML.escape(TextCleaning.singleLine(before)) + mark + HTML.escape(TextCleaning.singleLine(after))
    }

    /// Markdown marks the hit as 【**hit**】: the brackets survive a plain-text viewer, and
    /// outside the asterisks they keep the bold valid in CommonMark between CJK characters
    /// (`**` next to CJK punctuation and a letter would not open emphasis).
    var markdown: String {
        let mark = hit.isEmpty ? "" : "【**\(Markdown.escape(hit))**】"
        return Markdown.escape(before) + mark + Markdown.escape(after)
    }

    var plain: String {
        TextCleaning.singleLine(before + (hit.isEmpty ? "" : "【\(hit)】") + after)
    }
}
