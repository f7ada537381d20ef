import GovCore

/// 标点错误 (GB/T 15834-2011): half-width marks in Chinese text, brackets and quotation marks
/// left unpaired, doubled marks, and 顿号 between titles in book-title marks.
///
/// Works on the original characters (width folding would hide the error). A half-width mark
/// counts only with Chinese on both sides, so numbers (1,000, 3:00), Latin text, URLs and
/// e-mail addresses are never touched.
public struct PunctuationRule: TextRule {
    public init() {}

    public static let description = RuleDescription(
        id: .punctuation, kind: .text, defaultSeverity: .minor, weight: RuleWeight(0.1, cap: 2),
        rationale:
            "GB/T 15834-2011 标点符号用法: Chinese text takes full-width marks, so a half-width , ; : ? ! ( ) between Chinese characters is reported with its full-width form; 《》“”（）【】 must pair within a paragraph (a quotation running over several paragraphs opens each one: 4.1.3.4); a doubled 。。 ，， 、、 is a typing slip. As info: a 顿号 between titles in 书名号 (《史记》、《汉书》, 4.5.3.5). Numbers (1,000; 3:00), Latin text, URLs and e-mail addresses are skipped.",
        triggering: [
            Example("今天⟦,⟧我们召开全体会议", suggestion: "，"),
            Example("会议议程⟦;⟧审议工作报告", suggestion: "；"),
            Example("主要内容⟦:⟧ 部署全年工作", suggestion: "："),
            Example("是否同意⟦?⟧请回复", suggestion: "？"),
            Example("会议⟦(⟧第一次⟦)⟧在县政府召开", suggestion: "（"),
            Example("关于印发⟦《⟧实施方案的通知"),
            Example("深刻领会⟦“⟧两个确立的决定性意义"),
            Example("会议审议通过了工作报告⟦》⟧"),
            Example("会议圆满结束⟦。。⟧", suggestion: "。"),
            Example("加强组织领导⟦，，⟧落实工作责任", suggestion: "，"),
            Example("认真学习《史记⟦》、《⟧汉书》", suggestion: "》《"),
            // From the clean corpus (国务院 2019): a full-width bracket closed half-width.
            Example("高中阶段教育（普通高中、技工教育⟦)⟧、高等教育", suggestion: "）"),
        ],
        nonTriggering: [
            Example("访问 https://www.gov.cn/zhengce/index.htm?id=1,2 查看"),
            Example("联系邮箱：gkb@example.gov.cn，时间3:00，金额1,000元，比例1:2"),
            Example("Hello, world! 中文 text: OK? (see below)"),
            Example("关于印发《实施方案》的通知，他说：“好。”（完）【通知】"),
            Example("“引文分段时，本段开头用前引号，段末不用后引号。"),
            Example("1）加强领导；2）落实责任；一）完善制度"),
            Example("认真学习《史记》《汉书》，会议结束。"),
            // Quotations joined by 顿号 are common in proofread State Council documents.
            Example("“放管服”、“最多跑一次”改革"),
            Example("这是问号？这是感叹号！"),
        ])

    public func check(_ unit: TextUnit) -> [TextHit] {
        var sink = TextHitSink()
        check(unit, into: &sink)
        return sink.finish()
    }

    /// Each pass is linear in the block and streams its hits: the sink keeps the first few.
    public func check(_ unit: TextUnit, into sink: inout TextHitSink) {
        let s = unit.scalars
        let shielded = Self.shieldedRanges(in: s)
        halfWidthMarks(s, shielded: shielded, into: &sink)
        unpairedMarks(s, into: &sink)
        doubledMarks(s, into: &sink)
        enumerationCommas(s, into: &sink)
    }

    // MARK: Half-width marks

    // Character tests are switches, not Set/Dictionary lookups: they run on every character
    // of every page, and hashing a scalar cost more than the rest of the rule.
    static func fullWidth(of c: Unicode.Scalar) -> String? {
        switch c {
        case ",": "，"
        case ";": "；"
        case ":": "："
        case "?": "？"
        case "!": "！"
        default: nil
        }
    }

    static func isCJKClosing(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "》", "”", "）", "】", "」", "』", "〉": true
        default: false
        }
    }

    static func isCJKOpening(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "《", "“", "（", "【", "「", "『", "〈": true
        default: false
        }
    }

    private func halfWidthMarks(_ s: [Unicode.Scalar], shielded: [Bool], into sink: inout TextHitSink) {
        for i in s.indices where s[i].isASCII && !shielded[i] {
            guard let full = Self.fullWidth(of: s[i]) else { continue }
            let left = neighbour(of: i, step: -1, in: s)
            let right = neighbour(of: i, step: 1, in: s)
            guard let left, left.isHan || Self.isCJKClosing(left) else { continue }
            // A question or exclamation mark may also end the sentence.
            let sentenceEnd =
                (s[i] == "?" || s[i] == "!") && (right == nil || right!.isLineBreak || Self.isCJKClosing(right!))
            guard sentenceEnd || right.map({ $0.isHan || Self.isCJKOpening($0) }) == true else { continue }
            // Old CMSs print a character they cannot store (a rare name character) as "?".
            let note = s[i] == "?" ? "（如为无法显示的生僻字，请补正该字）" : ""
            sink.add(
                TextHit(
                    range: i..<(i + 1), suggestion: full,
                    message: "中文之间使用了半角“\(s[i])”，应为全角“\(full)”\(note)"))
        }
        // Parentheses: a half-width pair around Chinese, next to Chinese.
        var i = 0
        while i < s.count {
            defer { i += 1 }
            guard s[i] == "(", !shielded[i] else { continue }
            var j = i + 1
            while j < s.count, s[j] != ")", s[j] != "(", !s[j].isLineBreak { j += 1 }
            guard j < s.count, s[j] == ")", !shielded[j], s[(i + 1)..<j].contains(where: \.isHan) else { continue }
            let outside = [i > 0 ? s[i - 1] : nil, j + 1 < s.count ? s[j + 1] : nil]
            guard outside.contains(where: { $0?.isHan == true }) else { continue }
            sink.add(TextHit(range: i..<(i + 1), suggestion: "（", message: "中文中使用了半角括号，应为全角“（）”"))
            sink.add(TextHit(range: j..<(j + 1), suggestion: "）", message: "中文中使用了半角括号，应为全角“（）”"))
            i = j
        }
    }

    /// The nearest character on one side, skipping one run of spaces on that line.
    private func neighbour(of index: Int, step: Int, in s: [Unicode.Scalar]) -> Unicode.Scalar? {
        var j = index + step
        while s.indices.contains(j), s[j] == " " || s[j] == "\u{3000}" { j += step }
        return s.indices.contains(j) ? s[j] : nil
    }

    static let urlStarts = ["http://", "https://", "ftp://", "www."].map { Array($0.unicodeScalars) }

    /// The first letters of `urlStarts` (http, ftp, www), as a switch: tested on every character.
    static func mayStartURL(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "h", "H", "f", "F", "w", "W": true
        default: false
        }
    }

    /// URLs and e-mail addresses: their punctuation is not prose.
    static func shieldedRanges(in s: [Unicode.Scalar]) -> [Bool] {
        var shielded = [Bool](repeating: false, count: s.count)
        func startsWith(_ prefix: [Unicode.Scalar], at i: Int) -> Bool {
            guard i + prefix.count <= s.count else { return false }
            for (k, p) in prefix.enumerated() {
                let c = s[i + k]
                let lower = (0x41...0x5A).contains(c.value) ? Unicode.Scalar(c.value + 0x20)! : c
                if lower != p { return false }
            }
            return true
        }
        // A URL may hold Chinese (例子.中国/政策?类=1), so it runs to a space, a full-width or
        // CJK mark, or a quote; prose glued to a URL is shielded with it (precision first).
        func endsURL(_ c: Unicode.Scalar) -> Bool {
            c.properties.isWhitespace || (0x3000...0x303F).contains(c.value)
                || (0xFF00...0xFFEF).contains(c.value) || "\"'<>“”‘’".unicodeScalars.contains(c)
        }
        var i = 0
        while i < s.count {
            if Self.mayStartURL(s[i]), Self.urlStarts.contains(where: { startsWith($0, at: i) }) {
                var j = i
                while j < s.count, !endsURL(s[j]) { shielded[j] = true; j += 1 }
                i = j
                continue
            }
            if s[i] == "@" {
                func isLocal(_ c: Unicode.Scalar) -> Bool {
                    c.isASCIILetter || c.digitValue != nil || "._%+-".unicodeScalars.contains(c)
                }
                func isDomain(_ c: Unicode.Scalar) -> Bool {
                    c.isASCIILetter || c.digitValue != nil || ".-".unicodeScalars.contains(c)
                }
                var from = i, to = i + 1
                while from > 0, isLocal(s[from - 1]) { from -= 1 }
                while to < s.count, isDomain(s[to]) { to += 1 }
                if from < i, s[(i + 1)..<to].contains(".") {
                    for k in from..<to { shielded[k] = true }
                }
            }
            i += 1
        }
        return shielded
    }

    // MARK: Pairs

    static let names: [Unicode.Scalar: String] = [
        "《": "书名号", "》": "书名号", "“": "引号", "”": "引号",
        "（": "括号", "）": "括号", "【": "方头括号", "】": "方头括号",
    ]

    /// Linear: `open` is a stack of opening marks; `openOfKind` holds, per kind of mark, the
    /// places in `open` where that kind stands, so a closing mark finds its partner without
    /// searching the stack (a page of 100,000 unpaired 《 then 》 was quadratic).
    private func unpairedMarks(_ s: [Unicode.Scalar], into sink: inout TextHitSink) {
        var open: [Int] = []
        var openOfKind: [[Int]] = [[], [], [], []]
        var unpaired: [Int] = []
        for i in s.indices where !s[i].isASCII {
            if let kind = Self.pairKind(opening: s[i]) {
                openOfKind[kind].append(open.count)
                open.append(i)
            } else if let kind = Self.pairKind(closing: s[i]) {
                if let k = openOfKind[kind].last {
                    unpaired += open[(k + 1)...]  // opened inside, never closed
                    open.removeSubrange(k...)
                    for other in openOfKind.indices {
                        while let last = openOfKind[other].last, last >= k { openOfKind[other].removeLast() }
                    }
                } else if !isEnumerator(closingAt: i, in: s) {
                    unpaired.append(i)
                }
            }
        }
        // GB/T 15834-2011 4.1.3.4: a quotation of several paragraphs opens each paragraph
        // and closes only the last, so an opening quote at a line start may stay open.
        unpaired += open.filter { !(s[$0] == "“" && isAtLineStart($0, in: s)) }
        unpaired.sort()
        for i in unpaired {
            // （…) and (…）: the partner is there, in the wrong width.
            if let partner = halfWidthPartner(of: i, in: s) {
                let full: Unicode.Scalar = s[partner] == "(" ? "（" : "）"
                sink.add(
                    TextHit(
                        range: partner..<(partner + 1), suggestion: String(full),
                        message: "全角括号与半角括号混用，应为全角“\(full)”"))
            } else {
                sink.add(TextHit(range: i..<(i + 1), message: "\(Self.names[s[i]] ?? "标点")“\(s[i])”不配对"))
            }
        }
    }

    /// 0–3 for 《 “ （ 【 (the marks that must pair), nil otherwise.
    static func pairKind(opening c: Unicode.Scalar) -> Int? {
        switch c {
        case "《": 0
        case "“": 1
        case "（": 2
        case "【": 3
        default: nil
        }
    }

    static func pairKind(closing c: Unicode.Scalar) -> Int? {
        switch c {
        case "》": 0
        case "”": 1
        case "）": 2
        case "】": 3
        default: nil
        }
    }

    /// For an unpaired （ the next ) on its line, for an unpaired ） the previous ( — with no
    /// other bracket between.
    private func halfWidthPartner(of index: Int, in s: [Unicode.Scalar]) -> Int? {
        let brackets = Set("（）()".unicodeScalars)
        let wanted: Unicode.Scalar, step: Int
        switch s[index] {
        case "（": (wanted, step) = (")", 1)
        case "）": (wanted, step) = ("(", -1)
        default: return nil
        }
        var j = index + step
        while s.indices.contains(j), !s[j].isLineBreak {
            if s[j] == wanted { return j }
            if brackets.contains(s[j]) { return nil }
            j += step
        }
        return nil
    }

    /// `1）`, `一）`, `a）` as a list number at the start of a line or after a sentence mark.
    private func isEnumerator(closingAt index: Int, in s: [Unicode.Scalar]) -> Bool {
        var j = index
        while j > 0, index - j < 3,
            s[j - 1].digitValue != nil || s[j - 1].isASCIILetter
                || RepeatedWordRule.numerals.contains(s[j - 1])
        { j -= 1 }
        guard j < index else { return false }
        return j == 0 || s[j - 1].properties.isWhitespace || "；;。，、：:".unicodeScalars.contains(s[j - 1])
    }

    private func isAtLineStart(_ index: Int, in s: [Unicode.Scalar]) -> Bool {
        var j = index
        while j > 0, s[j - 1] == " " || s[j - 1] == "\u{3000}" || s[j - 1] == "\t" { j -= 1 }
        return j == 0 || s[j - 1].isLineBreak
    }

    // MARK: Doubled marks

    static func isDoubleable(_ c: Unicode.Scalar) -> Bool { c == "。" || c == "，" || c == "、" }

    private func doubledMarks(_ s: [Unicode.Scalar], into sink: inout TextHitSink) {
        var i = 0
        while i < s.count {
            guard Self.isDoubleable(s[i]) else { i += 1; continue }
            var j = i + 1
            while j < s.count, s[j] == s[i] { j += 1 }
            if j - i >= 2 {
                // Three or more full stops stand for an ellipsis, written ……
                let suggestion = s[i] == "。" && j - i >= 3 ? "……" : String(s[i])
                sink.add(TextHit(range: i..<j, suggestion: suggestion, message: "标点“\(s[i])”重复"))
            }
            i = j
        }
    }

    // MARK: 4.5.3.5

    /// 《史记》、《汉书》 → 《史记》《汉书》 (GB/T 15834-2011 4.5.3.5). The same clause covers
    /// quotations (“…”、“…”), but proofread State Council documents use that form dozens of
    /// times, so it is not reported.
    private func enumerationCommas(_ s: [Unicode.Scalar], into sink: inout TextHitSink) {
        guard s.count >= 3 else { return }
        for i in 1..<(s.count - 1) where s[i] == "、" && s[i - 1] == "》" && s[i + 1] == "《" {
            sink.add(
                TextHit(
                    range: (i - 1)..<(i + 2), suggestion: "》《",
                    message: "并列的书名号之间通常不用顿号（GB/T 15834—2011 4.5.3.5）",
                    severity: .info))
        }
    }
}
