import Foundation
import GovCore

extension Excerpt {
    /// A short excerpt for a one-line notice item: up to `reach` characters either side of
    /// the hit, cut at a punctuation mark or space where one is near (so the excerpt starts
    /// at a boundary, not inside a word), with …… where text was left out.
    func shortened(reach: Int = 16) -> Excerpt {
        let head = Array(TextCleaning.singleLine(before)), tail = Array(TextCleaning.singleLine(after))
        guard !hit.isEmpty else {
            return head.count <= reach * 3
                ? self : Excerpt(before: String(head.prefix(reach * 3)) + "……", hit: "", after: "")
        }
        var start = 0
        var cutHead = false
        if head.count > reach {
            // The earliest boundary within reach of the hit starts the excerpt; else a plain cut.
            let window = (head.count - reach)..<head.count
            if let boundary = window.first(where: { Excerpt.isBoundary(head[$0]) }) {
                start = boundary + 1
            } else {
                start = head.count - reach
                cutHead = true
            }
        }
        var end = tail.count
        var cutTail = false
        if tail.count > reach {
            if let boundary = (1..<reach).first(where: { Excerpt.isBoundary(tail[$0]) }) {
                end = boundary + (Excerpt.isClosing(tail[boundary]) ? 1 : 0)
            } else {
                end = reach
            }
            cutTail = true
        }
        let kept = String(head[start...]).trimmingCharacters(in: .whitespaces)
        return Excerpt(
            before: (cutHead ? "……" : "") + kept,
            hit: hit, after: String(tail[..<end]) + (cutTail ? "……" : ""))
    }

    static func isBoundary(_ c: Character) -> Bool {
        c.isWhitespace || "，。；：！？、,.;:!?（）()《》“”\"'「」【】—…".contains(c)
    }

    static func isClosing(_ c: Character) -> Bool { "。；！？）)》”」】".contains(c) }
}

/// Wording fit for an official document (SPEC §7): no English, no internal references.
enum OfficialWording {
    /// Finding categories (lexicon file names, column types, rule variants) in notice
    /// wording; an unknown ASCII category is left out rather than printed in English.
    static func category(_ raw: String) -> String? {
        if let label = categoryLabels[raw] { return label }
        if let type = ColumnType(rawValue: raw) { return type.chinese }
        return raw.unicodeScalars.allSatisfy(\.isASCII) ? nil : raw
    }

    static let categoryLabels = [
        "gambling": "涉赌", "obscene": "涉黄", "porn": "涉黄", "drugs": "涉毒", "violent": "涉暴恐", "terror": "涉暴恐",
        "political": "政治性表述", "ads": "违法广告", "fraud": "涉诈", "id-card": "身份证号", "bank-card": "银行卡号",
        "mobile": "手机号码", "phone": "电话号码", "homepage": "首页链接", "blocked": "被拦截",
    ]

    static let indicators = "《政府网站与政务新媒体检查指标》"

    /// 依据 as an official document cites it: the indicators by their title, standards by
    /// their number; internal references (INDICATORS.md sections and source numbers,
    /// repository attributions, URLs) are dropped. Nil when nothing citable remains.
    static func basis(_ raw: String?) -> String? {
        guard var text = raw.map({ TextCleaning.singleLine($0) }), !text.isEmpty else { return nil }
        let internalReference = #"INDICATORS(\.md)?(\s*§\s*[0-9.]+)?(\s*S[0-9]+(\s*[–—,，、-]\s*S?[0-9]+)*)?"#
        var replaced = false
        while let range = text.range(of: internalReference, options: .regularExpression) {
            text.replaceSubrange(range, with: replaced || text.contains(indicators) ? "" : indicators)
            replaced = true
        }
        for pattern in [#"[（(]?\s*(来源|source)\s*[:：]?\s*[A-Za-z0-9_./@:#+-]+\s*[)）]?"#, #"https?://[^\s，；）)]+"#] {
            while let range = text.range(of: pattern, options: [.regularExpression, .caseInsensitive]) {
                text.replaceSubrange(range, with: "")
            }
        }
        for empty in ["（）", "()", "（，", "，）"] {
            text = text.replacingOccurrences(
                of: empty, with: empty.count == 2 ? "" : String(empty.first == "（" ? "（" : "）"))
        }
        while text.contains("；；") { text = text.replacingOccurrences(of: "；；", with: "；") }
        while text.contains("，，") { text = text.replacingOccurrences(of: "，，", with: "，") }
        text = text.trimmingCharacters(in: CharacterSet(charactersIn: " ；;，,、"))
        return text.isEmpty ? nil : text
    }

    /// A message without English in parentheses such as （personnel）, （blocked）: the
    /// Chinese name where there is one, else nothing.
    static func message(_ raw: String) -> String {
        var text = TextCleaning.singleLine(raw)
        var searchFrom = text.startIndex
        while let range = text.range(
            of: #"[（(][a-z][a-z-]*[)）]"#, options: .regularExpression, range: searchFrom..<text.endIndex)
        {
            let word = String(text[range].dropFirst().dropLast())
            let replacement = category(word).map { "（\($0)）" } ?? ""
            text.replaceSubrange(range, with: replacement)
            searchFrom =
                text.index(range.lowerBound, offsetBy: replacement.count, limitedBy: text.endIndex) ?? text.endIndex
        }
        return text
    }
}
