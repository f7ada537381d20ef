import GovCore

/// Spam in context (issue 10 item 5): a category term (博彩, 百家乐, 成人, 冰毒, 假证 …) within
/// a short window of a promotional marker (注册, 送彩金, 官网, 客服, app, 开户 …) is spam
/// posted on the page — a message in 县长信箱, a hidden-link target's text — whatever brand
/// it names. Government pages write the same terms in anti-gambling and anti-drug news,
/// so a sentence that also holds an enforcement or warning word (打击, 查处, 远离, 警惕 …)
/// is left alone. Linear: each position is compared with a handful of short words sharing
/// its first character.
struct SpamContext {
    /// Characters either side of a category term searched for a marker.
    static let window = 12

    struct Hit {
        /// The category term.
        var range: Range<Int>
        var category: String
        var term: String
        var marker: String
    }

    /// Category terms; the category names the sensitive list the finding belongs to.
    static let categoryTerms: [(String, String)] = [
        ("博彩", "gambling"), ("赌场", "gambling"), ("百家乐", "gambling"), ("六合彩", "gambling"),
        ("投注", "gambling"), ("娱乐城", "gambling"), ("真人视讯", "gambling"), ("真人娱乐", "gambling"),
        ("老虎机", "gambling"), ("时时彩", "gambling"), ("赌球", "gambling"), ("网赌", "gambling"),
        ("电子游艺", "gambling"), ("棋牌游戏", "gambling"), ("捕鱼游戏", "gambling"), ("赌博网站", "gambling"),
        ("下注", "gambling"), ("彩票平台", "gambling"), ("澳门赌", "gambling"), ("在线赌", "gambling"),
        ("赌博", "gambling"), ("炸金花", "gambling"), ("真钱", "gambling"), ("棋牌", "gambling"), ("押注", "gambling"),
        ("成人", "obscene"), ("无码", "obscene"), ("色情", "obscene"), ("裸聊", "obscene"), ("约炮", "obscene"),
        ("一夜情", "obscene"), ("援交", "obscene"), ("情色", "obscene"), ("黄色网站", "obscene"), ("激情视频", "obscene"),
        ("福利视频", "obscene"), ("上门服务", "obscene"), ("包夜", "obscene"), ("特殊服务", "obscene"),
        ("全套服务", "obscene"),
        ("冰毒", "drugs"), ("麻古", "drugs"), ("K粉", "drugs"), ("摇头丸", "drugs"), ("海洛因", "drugs"),
        ("大麻", "drugs"), ("迷药", "drugs"), ("听话水", "drugs"), ("催情药", "drugs"), ("迷幻药", "drugs"),
        ("神仙水", "drugs"), ("笑气", "drugs"),
        ("假证", "ads"), ("假文凭", "ads"), ("假学历", "ads"), ("代开发票", "ads"), ("发票代开", "ads"),
        ("办证刻章", "ads"), ("证件代办", "ads"), ("刻章办证", "ads"), ("办假证", "ads"), ("代考", "ads"),
        ("替考", "ads"), ("包过", "ads"), ("学信网可查", "ads"), ("永久可查", "ads"), ("保证通过", "ads"),
        ("首存", "gambling"), ("首充送", "gambling"), ("pk10", "gambling"), ("北京赛车", "gambling"),
        ("快三计划", "gambling"), ("足球竞猜", "gambling"), ("赌球网", "gambling"),
        ("游戏币", "gambling"), ("彩票计划", "gambling"),
        ("看片神器", "obscene"), ("日韩av", "obscene"), ("av女优", "obscene"), ("黄片", "obscene"),
        ("小姐上门", "obscene"), ("丝袜美女", "obscene"),
        ("麻果", "drugs"), ("叶子烟", "drugs"),
        ("高仿", "ads"), ("无需体检", "ads"), ("跑分", "ads"), ("四六级答案", "ads"), ("代办学历", "ads"),
        ("代办健康证", "ads"), ("假币", "ads"), ("刷单", "ads"), ("特码", "gambling"),
    ]

    /// Promotional markers (lower-cased for Latin ones).
    static let markers: [String] = [
        "注册", "送", "彩金", "代理", "佣金", "官网", "网址", "下载", "在线", "客服", "app", "开户", "首充",
        "返水", "充值", "提现", "优惠", "微信", "qq", "扣扣", "加v", "vx", "联系电话", "热线", "招商", "信誉",
        "入口", "免费", "点击", "日赚", "高额", "秒到", "出款", "体验金", "私聊", "同城", "包邮", "货到付款",
        "出售", "货源", "诚信", "兼职", "看片", "观看", "网站", "平台", "www", "http", ".com", "咨询",
        "联系", "电话", "手机", "交友", "见面", "付款", "发货", "保密", "代办", "不收费", "退款", "答案",
        "量大从优", "收售", "回收", "兑现", "稳赚", "带单", "胜率", "精准", "拿证", "计划群", "爆大奖",
        "线上", "首存", "全额", "日结", "包邮",
    ]

    /// Words that make a sentence news about the problem, not the problem.
    static let enforcementWords: [String] = [
        "打击", "查处", "抓获", "取缔", "严禁", "禁止", "防范", "警惕", "远离", "举报", "谨防", "涉嫌",
        "犯罪", "警方", "公安", "法院", "判处", "拒绝", "不要", "切勿", "整治", "违法", "非法", "诈骗",
        "禁毒", "缉毒", "戒毒", "吸毒", "贩毒", "侦破", "破获", "查获", "刑拘", "被告", "提醒", "曝光",
        "揭露", "危害", "陷阱", "专项", "治理", "清理", "宣传", "教育", "未成年", "彩票发行", "福利彩票",
        "体育彩票", "福彩", "体彩", "执法", "依法", "移交", "骗局", "受骗", "上当", "处罚", "立案", "查封",
        "关停", "封禁", "下架", "约谈", "风险提示", "处理", "识别", "鉴别", "反假",
    ]

    /// Category terms that are ordinary words in these phrases (成人教育, 大麻纤维 …).
    static let exceptions: [String] = [
        "成人教育", "成人高考", "成人高等", "成人学历", "成人礼", "成人继续", "成人本科", "成人专科",
        "成人用品", "成人大学", "成人中专", "成人高校", "未成人", "长大成人", "成人之美", "大麻纤维", "工业大麻",
        "大麻籽", "投注站", "棋牌室", "棋牌活动", "棋牌比赛", "棋牌协会", "棋牌类", "体育彩票投注",
        // 高仿真 is high fidelity (高仿真模型), not a fake — but 高仿真假币 is both.
        "高仿真模型", "高仿真度", "高仿真文物", "高仿真场景", "高仿真训练",
    ]

    /// Words by their first scalar, with a bitmap of the BMP first scalars so that most
    /// positions of a text are passed over without hashing.
    private struct WordIndex {
        var words: [Unicode.Scalar: [[Unicode.Scalar]]] = [:]
        var firsts = [UInt64](repeating: 0, count: 0x10000 / 64)

        @inline(__always) func candidates(_ c: Unicode.Scalar) -> [[Unicode.Scalar]]? {
            if c.value < 0x10000, firsts[Int(c.value >> 6)] & (1 << UInt64(c.value & 63)) == 0 { return nil }
            return words[c]
        }
    }

    private static func index(_ words: [String]) -> WordIndex {
        var table = WordIndex()
        for word in words {
            let scalars = Array(word.lowercased().unicodeScalars)
            table.words[scalars[0], default: []].append(scalars)
            let first = scalars[0].value
            if first < 0x10000 { table.firsts[Int(first >> 6)] |= 1 << UInt64(first & 63) }
        }
        return table
    }

    private static let termIndex = index(categoryTerms.map(\.0))
    private static let termCategory: [String: String] = Dictionary(
        categoryTerms.map { ($0.0.lowercased(), $0.1) },
        uniquingKeysWith: { a, _ in a })
    private static let markerIndex = index(markers)
    private static let enforcementIndex = index(enforcementWords)
    private static let exceptionIndex = index(exceptions)

    /// Lower-cased ASCII letters, so APP and App read as app.
    private static func folded(_ s: [Unicode.Scalar]) -> [Unicode.Scalar] {
        s.map { c in
            if c.value >= 0x41 && c.value <= 0x5A { return Unicode.Scalar(c.value + 0x20)! }
            if c.value >= 0xFF21 && c.value <= 0xFF3A { return Unicode.Scalar(c.value - 0xFF21 + 0x61)! }
            if c.value >= 0xFF41 && c.value <= 0xFF5A { return Unicode.Scalar(c.value - 0xFF41 + 0x61)! }
            return c
        }
    }

    /// Occurrences (start, length) of the indexed words, in order.
    private static func occurrences(_ s: [Unicode.Scalar], _ table: WordIndex) -> [(Int, Int)] {
        var found: [(Int, Int)] = []
        for i in s.indices {
            guard let words = table.candidates(s[i]) else { continue }
            var best = 0
            for word in words where word.count > best && i + word.count <= s.count {
                var same = true
                for k in 1..<word.count where s[i + k] != word[k] { same = false; break }
                if same { best = word.count }
            }
            if best > 0 { found.append((i, best)) }
        }
        return found
    }

    static func isSentenceEnd(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "。", "！", "？", "!", "?", "；", ";", "\n", "\r": true
        default: false
        }
    }

    /// The nearest other term of the same category as term `index`, within the window, in the
    /// same sentence, and not the same word (`categories` and `texts` are the terms', once).
    private static func secondTerm(
        _ terms: [(Int, Int)], besides index: Int, categories: [String], texts: [String], sentence: [Int]
    ) -> (Int, Int)? {
        let range = terms[index].0..<(terms[index].0 + terms[index].1)
        // Terms are in order of start: binary search for the first that may lie in the window.
        var lo = 0, hi = terms.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if terms[mid].0 < range.lowerBound - window - 8 { lo = mid + 1 } else { hi = mid }
        }
        var k = lo
        while k < terms.count && terms[k].0 <= range.upperBound + window {
            let t = terms[k]
            defer { k += 1 }
            guard t.0 + t.1 <= range.lowerBound || t.0 >= range.upperBound, sentence[t.0] == sentence[range.lowerBound],
                t.0 + t.1 >= range.lowerBound - window, categories[k] == categories[index], texts[k] != texts[index]
            else { continue }
            return t
        }
        return nil
    }

    static func hits(_ original: [Unicode.Scalar]) -> [Hit] {
        let s = folded(original)
        let terms = occurrences(s, termIndex)
        guard !terms.isEmpty else { return [] }
        let texts = terms.map { String(String.UnicodeScalarView(s[$0.0..<($0.0 + $0.1)])) }
        let categories = texts.map { termCategory[$0] ?? "gambling" }
        let markers = occurrences(s, markerIndex)
        let enforcement = occurrences(s, enforcementIndex)
        let exceptions = occurrences(s, exceptionIndex)
        // Sentence number of every position (sentences end at 。！？；and line breaks).
        var sentence = [Int](repeating: 0, count: s.count)
        var current = 0
        for i in s.indices {
            sentence[i] = current
            if isSentenceEnd(s[i]) { current += 1 }
        }
        let newsSentences = Set(enforcement.map { sentence[$0.0] })
        var result: [Hit] = []
        var markerIndex = 0
        var nextException = 0
        for (index, (start, length)) in terms.enumerated() {
            let range = start..<(start + length)
            if newsSentences.contains(sentence[start]) { continue }
            // Exceptions that can still cover a term: those not ended before it. Both lists are
            // in order of start and an exception is a few characters long, so one forward walk
            // and a look at the few starting up to the term serve all terms.
            while nextException < exceptions.count
                && exceptions[nextException].0 + exceptions[nextException].1 <= start
            {
                nextException += 1
            }
            var covered = false
            var e = nextException
            while e < exceptions.count && exceptions[e].0 <= start {
                if exceptions[e].0 + exceptions[e].1 >= range.upperBound { covered = true; break }
                e += 1
            }
            if covered { continue }
            while markerIndex < markers.count && markers[markerIndex].0 + markers[markerIndex].1 < start - window {
                markerIndex += 1
            }
            var k = markerIndex
            var marker: (Int, Int)? = nil
            while k < markers.count && markers[k].0 <= range.upperBound + window {
                let m = markers[k]
                let overlapsTerm = m.0 < range.upperBound && m.0 + m.1 > start
                if !overlapsTerm && sentence[m.0] == sentence[start] { marker = m; break }
                k += 1
            }
            // Or a second term of the same category beside it (线上老虎机……手机投注, 麻古、摇头丸).
            if marker == nil {
                marker = secondTerm(terms, besides: index, categories: categories, texts: texts, sentence: sentence)
            }
            guard let marker else { continue }
            let markerText = String(String.UnicodeScalarView(original[marker.0..<(marker.0 + marker.1)]))
            result.append(
                Hit(
                    range: range, category: categories[index],
                    term: String(String.UnicodeScalarView(original[range])), marker: markerText))
        }
        return result
    }
}
