import Foundation
import GovCore

/// Small facts read from page text for the snapshot: 文号, validity labels, "nothing here"
/// notes, footer identity, message-board rows. Scans over scalars; no regex engine on
/// whole pages (thousands of pages a night).
public enum PageSignals {
    /// The first document number (文号) such as 某政发〔2026〕3号 / 国办秘函[2019]19号:
    /// up to 8 Chinese characters, a bracketed 4-digit year, a serial, 号.
    public static func documentNumber(in text: String) -> String? {
        let s = Array(text.unicodeScalars)
        func opens(_ c: Unicode.Scalar) -> Bool {
            switch c {
            case "〔", "[", "［", "【", "（", "(": true;
            default: false
            }
        }
        func closes(_ c: Unicode.Scalar) -> Bool {
            switch c {
            case "〕", "]", "］", "】", "）", ")": true;
            default: false
            }
        }
        var i = 0
        while i < s.count {
            defer { i += 1 }
            guard opens(s[i]), i + 6 < s.count else { continue }
            let year = s[(i + 1)...(i + 4)]
            guard year.allSatisfy(isDigit), closes(s[i + 5]) else { continue }
            var j = i + 6
            while j < s.count, isDigit(s[j]) { j += 1 }
            guard j > i + 6, j < s.count, s[j] == "号" else { continue }
            var start = i
            while start > 0, i - start < 8, s[start - 1].isHan { start -= 1 }
            guard start < i else { continue }
            return String(String.UnicodeScalarView(s[start...j]))
        }
        return nil
    }

    /// Words that state a normative document's validity (时效): 有效性、现行有效、废止、失效、
    /// 已修改、有效期至 … A bare 有效 counts only as a whole block or table cell, because
    /// “有效推进” is ordinary prose.
    public static let validityWords = [
        "有效性", "效力状态", "效力级别", "时效性", "现行有效", "继续有效", "有效期",
        "已废止", "废止", "已失效", "失效", "已修改", "已修订", "部分修改",
    ]

    public static func hasValidityLabel(blocks: [String], cells: [String]) -> Bool {
        // Every validity word holds 有, 效, 废, 失 or 修: most blocks hold none and are
        // passed over with one byte scan instead of fourteen searches.
        func labelled(_ text: String) -> Bool {
            guard validityMarks.contains(where: { text.utf8Contains($0) }) else { return false }
            return validityWords.contains { text.utf8Contains($0) }
                || text.trimmingCharacters(in: .whitespacesAndNewlines) == "有效"
        }
        return blocks.contains(where: labelled) || cells.contains(where: labelled)
    }

    /// A character each validity word contains.
    private static let validityMarks = ["效", "废", "修"]

    /// A list page that says it has no content yet.
    public static let emptyNotes = ["暂无信息", "暂无内容", "暂无数据", "暂无记录", "暂无相关信息", "没有相关信息", "无相关信息", "没有记录"]

    public static func saysEmpty(_ text: String) -> Bool { emptyNotes.contains { text.utf8Contains($0) } }

    /// Footer identity: 网站标识码, conac badge, ICP备案, 公安备案.
    public static func footerIdentity(footerText: String, scriptSources: [String], links: [Link]) -> FooterIdentity {
        // Only URLs that mention conac at all are parsed.
        func isConac(_ url: String) -> Bool {
            url.lowercased().utf8Contains("conac") && WebURL(url)?.hostKey.hasSuffix("conac.cn") == true
        }
        let conac =
            scriptSources.contains(where: isConac)
            || links.contains { isConac($0.url) || $0.url.lowercased().contains("imgconac") }
        return FooterIdentity(
            siteIDCode: value(after: "网站标识码", in: footerText),
            conacBadge: conac, icp: icpNumber(in: footerText),
            publicSecurity: publicSecurityNumber(in: footerText))
    }

    /// The code after a label: separators (：: and spaces) skipped, then letters and digits.
    static func value(after label: String, in text: String) -> String? {
        guard let r = text.utf8Range(of: label) else { return nil }
        var rest = text[r.upperBound...].unicodeScalars.drop {
            $0 == "：" || $0 == ":" || $0 == " " || $0 == "\u{3000}" || $0 == "\u{A0}"
        }
        rest = rest.prefix { $0.isASCII && ($0.properties.isAlphabetic || isDigit($0)) }
        return rest.isEmpty ? nil : String(String.UnicodeScalarView(rest))
    }

    /// 京ICP备19014889号-1: province, ICP备, digits, 号, optional -n.
    static func icpNumber(in text: String) -> String? {
        numbered(text, marker: "ICP备", digits: 6...10, allowSuffix: true)
    }

    /// 冀公网安备 13042002000523号: province, 公网安备, optional space, 14 digits, 号.
    static func publicSecurityNumber(in text: String) -> String? {
        numbered(text, marker: "公网安备", digits: 14...14, allowSuffix: false)
    }

    private static func numbered(_ text: String, marker: String, digits: ClosedRange<Int>, allowSuffix: Bool) -> String?
    {
        let s = Array(text.unicodeScalars)
        let m = Array(marker.unicodeScalars)
        var i = 1
        while i + m.count <= s.count {
            defer { i += 1 }
            guard Array(s[i..<(i + m.count)]) == m, s[i - 1].isHan else { continue }
            var j = i + m.count
            while j < s.count, s[j] == " " || s[j] == "\u{3000}" || s[j] == "\u{A0}" { j += 1 }
            let digitStart = j
            while j < s.count, isDigit(s[j]) { j += 1 }
            guard digits.contains(j - digitStart), j < s.count, s[j] == "号" else { continue }
            j += 1
            if allowSuffix, j + 1 < s.count, s[j] == "-", isDigit(s[j + 1]) {
                j += 1
                while j < s.count, isDigit(s[j]) { j += 1 }
            }
            return String(String.UnicodeScalarView(s[(i - 1)..<j]))
        }
        return nil
    }

    static let askedLabels = ["留言时间", "提问时间", "来信时间", "咨询时间", "写信时间", "提交时间"]
    static let answeredLabels = ["答复时间", "回复时间", "办结时间", "反馈时间"]
    static let statusLabels = ["状态", "办理情况"]
    static let titleLabels = ["标题", "主题", "信件", "事项", "内容"]
    static let pendingWords = ["未回复", "未答复", "未办结", "待回复", "待答复", "办理中", "处理中", "未处理"]

    /// Messages on a message board: a table whose header names the asked time and the reply
    /// time or status; or a message page that prints 留言时间：… and 答复时间：….
    public static func messages(tableRows: [[String]], blocks: [String], title: String, url: String) -> [MessageRecord]
    {
        var out: [MessageRecord] = []
        var header: (title: Int?, asked: Int, answered: Int?, status: Int?, width: Int)?
        for row in tableRows {
            if let found = messageHeader(row) { header = found; continue }
            guard let h = header, row.count == h.width,
                let asked = DateText.findDates(in: row[h.asked]).first?.value.day
            else { continue }
            let answered = h.answered.flatMap { DateText.findDates(in: row[$0]).first?.value.day }
            let status = h.status.map { row[$0] } ?? ""
            let pending = pendingWords.contains { status.utf8Contains($0) }
            // 已回复 without a reply date cannot be judged; leave it out rather than guess.
            if answered == nil, !pending, h.answered == nil { continue }
            let titleCell = h.title.map { row[$0] } ?? row.first { DateText.findDates(in: $0).isEmpty } ?? ""
            out.append(
                MessageRecord(
                    title: titleCell.trimmingCharacters(in: .whitespacesAndNewlines),
                    asked: asked, answered: pending ? nil : answered, url: url))
        }
        if out.isEmpty {
            let text = blocks.joined(separator: "\n")
            if let asked = dateAfter(askedLabels, in: text) {
                let answered = dateAfter(answeredLabels, in: text)
                let pending = pendingWords.contains { text.utf8Contains($0) }
                if answered != nil || pending {
                    out.append(MessageRecord(title: title, asked: asked, answered: answered, url: url))
                }
            }
        }
        return out
    }

    private static func messageHeader(_ row: [String]) -> (
        title: Int?, asked: Int, answered: Int?, status: Int?, width: Int
    )? {
        func index(_ labels: [String]) -> Int? { row.firstIndex { cell in labels.contains { cell.utf8Contains($0) } } }
        guard let asked = index(askedLabels) else { return nil }
        let answered = index(answeredLabels)
        let status = index(statusLabels)
        guard answered != nil || status != nil else { return nil }
        return (index(titleLabels), asked, answered, status, row.count)
    }

    private static func dateAfter(_ labels: [String], in text: String) -> Day? {
        for label in labels {
            guard let r = text.utf8Range(of: label) else { continue }
            let window = String(text[r.upperBound...].prefix(30))
            if let date = DateText.findDates(in: window).first { return date.value.day }
        }
        return nil
    }

    static func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }
}
