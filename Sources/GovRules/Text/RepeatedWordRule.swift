import GovCore

/// 重复字词: a word typed twice (工作工作, 的的, 了了), the trace of a careless edit.
///
/// Chinese reduplicates on purpose all the time (谢谢, 常常, 看看, 研究研究, 认认真真, 一一), so
/// the rule is narrow by design: a single character counts only for the function characters
/// (的, 了, 和, 把 …), and only outside the words that legitimately put two of them side by side
/// (目的的, 的的确确, 为了了解, 不了了之, 作为为民); a repeated unit of two or more characters counts unless it is a known
/// reduplicated verb, adjective or sound word, a numeral (二〇二〇), a 一X一X pattern, or a word
/// that commonly ends one word and starts the next (党组织组织, 工作工作量).
public struct RepeatedWordRule: TextRule {
    public init() {}

    public static let description = RuleDescription(
        id: .repeatedWord, kind: .text, defaultSeverity: .minor, weight: RuleWeight(0.2, cap: 2),
        rationale:
            "A word or the particle 的/了 written twice in a row, usually left over from editing. Correct reduplication (谢谢, 常常, 看看, 研究研究, 认认真真, 一一, 万万), numerals, Latin text and words that end one phrase and start the next (党组织组织, 工作工作量) are not reported: precision first.",
        triggering: [
            Example("扎实做好全年⟦工作工作⟧", suggestion: "工作"),
            Example("这是我们⟦的的⟧责任", suggestion: "的"),
            Example("会议圆满结束⟦了了⟧。", suggestion: "了"),
            Example("要⟦进一步进一步⟧加强安全生产", suggestion: "进一步"),
            Example("发现⟦的的的⟧问题和⟦工作工作⟧", suggestion: "的"),
            Example("各乡镇⟦和和⟧各部门要", suggestion: "和"),
            Example("要⟦把把⟧安全放在首位", suggestion: "把"),
            Example("群众⟦被被⟧骗资金已追回", suggestion: "被"),
            Example("⟦将将⟧于近期召开", suggestion: "将"),
            Example("会议⟦在在⟧县政府召开", suggestion: "在"),
            Example("要⟦对对⟧群众反映的问题建立台账", suggestion: "对"),
            Example("该项目⟦已已⟧完成", suggestion: "已"),
            Example("笔试⟦于于⟧7月举行", suggestion: "于"),
            Example("党员⟦也也⟧要带头", suggestion: "也"),
            Example("各村⟦要要⟧落实责任", suggestion: "要"),
            Example("能办的⟦就就⟧马上办", suggestion: "就"),
            Example("各项任务⟦都都⟧已完成", suggestion: "都"),
            Example("责令⟦其其⟧限期改正", suggestion: "其"),
            Example("通过培训⟦不不⟧断提升就业能力", suggestion: "不"),
            Example("要⟦加强加强⟧组织领导", suggestion: "加强"),
            Example("请⟦有关有关⟧部门抓好落实", suggestion: "有关"),
        ],
        nonTriggering: [
            Example("谢谢大家，我们常常下乡，天天走访，人人参与，请来看看"),
            Example("请大家研究研究、讨论讨论这个方案，再商量商量"),
            Example("认认真真、踏踏实实，一一对应，万万不可"),
            Example("有目的的培训，的的确确有效，他说的的确对"),
            Example("为了了解情况，此事不能不了了之，我实在受不了了"),
            Example("这项工作工作量大，党组织组织党员学习"),
            Example("学会说不不容易，对不合理的要求敢于说不"),
            Example("家庭和和美美，坚持发展和和平，请专家给企业把把脉，盖上被被子，从从容容"),
            Example("这一现象在在校学生中较普遍，要对对方负责，对对口帮扶单位进行考核，实实在在，是是非非，关键是是否符合条件"),
            Example("双方握手言和，了了一桩心愿；县总工会向向阳社区的环卫工人发放物资"),
            Example("二〇二〇年，编号1111，haha haha，一个一个地落实，一个乡一个乡地帮助"),
            // Regression (blind trap set 2): two words meeting, each with the character.
            Example("作为为民办实事的举措，长征出发地位于于都县，需要要求各地，首都都市圈建设，尤其其他地区，成就就业，实事求是是思想路线"),
            // From the clean corpus (2014 政府工作报告, 河南 2026, 学习强国).
            Example("设立新兴产业创业创新平台，深化文化文艺精品打造工程，把工作抓得很紧很紧"),
        ])

    public func check(_ unit: TextUnit) -> [TextHit] {
        let s = unit.scalars
        var hits: [TextHit] = []
        var i = 0
        while i < s.count {
            guard s[i].isHan else { i += 1; continue }
            // One run of Chinese characters at a time: a repetition never crosses a space,
            // a mark, a digit or a Latin letter.
            var runEnd = i
            while runEnd < s.count, s[runEnd].isHan { runEnd += 1 }
            while i < runEnd {
                if let hit = repetition(at: i, before: runEnd, in: s) {
                    hits.append(hit)
                    i = hit.range.upperBound
                } else {
                    i += 1
                }
            }
        }
        return hits
    }

    /// The longest unit considered: long enough for 中华人民共和国, short enough to stay cheap.
    private static let maxUnitLength = 8

    private func repetition(at start: Int, before runEnd: Int, in s: [Unicode.Scalar]) -> TextHit? {
        func repeats(_ length: Int, copy: Int) -> Bool {
            let other = start + copy * length
            guard other + length <= runEnd else { return false }
            for k in 0..<length where s[start + k] != s[other + k] { return false }
            return true
        }
        for length in 1...Self.maxUnitLength {
            guard start + 2 * length <= runEnd else { return nil }
            guard repeats(length, copy: 1) else { continue }
            let unit = s[start..<(start + length)]
            // A unit that is itself one character repeated (哈哈哈哈) is the single-character case.
            if length > 1 && unit.allSatisfy({ $0 == unit.first }) { return nil }
            guard isMistake(unit: unit, at: start, in: s) else { return nil }
            var copies = 2
            while repeats(length, copy: copies) { copies += 1 }
            let text = String(String.UnicodeScalarView(unit))
            return TextHit(
                range: start..<(start + copies * length), suggestion: text,
                message: "“\(text)”重复")
        }
        return nil
    }

    private func isMistake(unit: ArraySlice<Unicode.Scalar>, at start: Int, in s: [Unicode.Scalar]) -> Bool {
        let before = start > 0 ? s[start - 1] : nil
        let after = start + 2 * unit.count < s.count ? s[start + 2 * unit.count] : nil
        if unit.count == 1 {
            // AABB forms (的的确确, 实实在在) keep their doubled character.
            if start >= 2, s[start - 2] == s[start - 1], s[start - 1].isHan { return false }
            if start + 3 < s.count, s[start + 2] == s[start + 3], s[start + 2].isHan { return false }
            // A doubled function character (的的, 了了, 和和, 把把): wrong unless the second starts
            // a word with what follows (发展和和平, 把把关, 的的确, 了了心愿), or the first ends a word
            // with what precedes it (目的|的, 为了|了解, 作为|为民, 位于|于都县, 需要|要求) — or AABB, above.
            guard let followers = Self.functionCharacters[unit.first!] else { return false }
            if let after, followers.contains(after) { return false }
            if let before, Self.wordFinal[unit.first!]?.contains(before) == true { return false }
            return true
        }
        let word = String(String.UnicodeScalarView(unit))
        if Self.reduplicatedWords.contains(word) { return false }
        if unit.allSatisfy({ Self.numerals.contains($0) }) { return false }
        if unit.first == "一" { return false }  // 一个一个, 一个乡一个乡
        if unit.count == 2 {
            if Self.degreeAdverbs.contains(unit.first!) { return false }  // 很紧很紧
            // 工作工作量: the second copy makes a longer word; not when the suffix character
            // starts a word of its own with what follows (加强加强组织, 有关有关部门).
            if let after, let starts = Self.compoundSuffixes[after] {
                let next = start + 2 * unit.count + 1 < s.count ? s[start + 2 * unit.count + 1] : nil
                if next.map({ !starts.contains($0) }) ?? true { return false }
            }
            if before?.isHan == true {
                if Self.phraseEndingWords.contains(word) { return false }  // 党组织组织
                // 产业创业创新, 深化文化文艺: the "unit" straddles two words, starting with
                // the last character of the previous one.
                if Self.wordFinalCharacters.contains(unit.first!) { return false }
            }
        }
        return true
    }

    /// ABAB reduplication that is correct Chinese: verbs (try a little), adjectives (雪白雪白)
    /// and sound words.
    static let reduplicatedWords: Set<String> = [
        "研究", "讨论", "学习", "考虑", "商量", "休息", "活动", "锻炼", "介绍", "了解", "整理",
        "交流", "比较", "检查", "总结", "沟通", "打扫", "收拾", "准备", "体验", "琢磨", "思考",
        "分析", "认识", "练习", "尝试", "放松", "表扬", "帮助", "调查", "观察", "清理", "梳理",
        "打听", "溜达", "参观", "熟悉", "关心", "照顾", "庆祝", "热闹", "高兴", "暖和", "凉快",
        "轻松", "舒服", "乐呵", "合计", "打算", "教育", "批评", "提醒", "指点", "切磋", "走访",
        "雪白", "通红", "冰凉", "笔直", "碧绿", "漆黑", "滚烫", "喷香", "瓦蓝", "蜡黄", "火热",
        "哗啦", "叮咚", "滴答", "扑通", "咕噜", "嘀嗒", "轰隆", "叮当", "哗哗", "呼啦", "咚咚",
    ]

    /// Function characters whose doubling is a typing slip, with the characters that make the
    /// second copy start a word (和平, 把关, 被子, 将来, 与会, 从事, 使用; 及及, 为为, 由由 never are).
    /// 对对方, 在在建, 是是否 are ordinary text: their followers are listed (是是非非 is AABB).
    static let functionCharacters: [Unicode.Scalar: Set<Unicode.Scalar>] = [
        // 的确 after a particle; 了了一桩心愿: the verb 了 (liǎo, to settle), then the particle.
        "的": Set("确".unicodeScalars),
        "了": Set("解结却然如之断无得当一心".unicodeScalars),
        "和": Set("平谐睦解气美善顺蔼缓煦田".unicodeScalars),
        "把": Set("关脉握持手柄守戏玩式".unicodeScalars),
        "被": Set("子褥告动迫捕害单套服".unicodeScalars),
        "将": Set("来军领近要士帅就计".unicodeScalars),
        "与": Set("会其".unicodeScalars),
        "及": [],
        "为": [],
        "从": Set("事前".unicodeScalars),
        "由": [],
        "使": Set("用命者馆节".unicodeScalars),
        "向": Set("来往导前上下阳日善好".unicodeScalars),
        "按": Set("照时期键".unicodeScalars),
        "并": Set("且列非购入存举".unicodeScalars),
        "或": Set("者许是".unicodeScalars),
        "在": Set("校建职岗编册线场押逃家外内于意乎".unicodeScalars),
        "对": Set("方象手话照比口应待策联子付称立接外岸面".unicodeScalars),
        "是": Set("否非".unicodeScalars),
        "已": Set("知".unicodeScalars),
        "于": Set("是都田洪".unicodeScalars),
        "也": Set("许".unicodeScalars),
        "要": Set("求素点闻害件塞职务领冲地道紧员".unicodeScalars),
        "就": Set("业医诊读近职地此是算绪座餐寝任位".unicodeScalars),
        "都": Set("市城会".unicodeScalars),
        "其": Set("他中余实次".unicodeScalars),
        // Every character after 不 makes a word with it (不断, 不能): a doubled 不 is a slip
        // unless the first is the word 不 said (学会说不不容易).
        "不": [],
    ]

    /// Per doubled function character, the characters before it that make a word ending in it
    /// (作为, 位于, 需要, 成就, 首都, 尤其): the second copy then starts the next word.
    static let wordFinal: [Unicode.Scalar: Set<Unicode.Scalar>] = [
        // 目的的, 标的的, 众矢之的的: 的 as a noun; 为了了解, 受不了了, 明了了: a word ending in 了.
        "的": Set("目标之".unicodeScalars),
        "了": Set("不为除明罢算".unicodeScalars),
        "为": Set("作成认因行称视更较尤极广以改定列分化转最甚身互实确大颇不无有人所".unicodeScalars),
        "于": Set("位由关对属至处终基等鉴过善勇敢乐便易急忙源在用归限高低大小多少早晚出趋利免苦".unicodeScalars),
        "要": Set("需主重只想必首紧纲提摘简概".unicodeScalars),
        "就": Set("成造迁将".unicodeScalars),
        "都": Set("首成京大古建定".unicodeScalars),
        "其": Set("尤极与何及".unicodeScalars),
        "和": Set("总缓温平柔调暖祥".unicodeScalars),
        "在": Set("现正存实内外所自潜健".unicodeScalars),
        "对": Set("面相针核绝反应".unicodeScalars),
        "是": Set("求但就总正若倒像凡还可只便或即硬老于要".unicodeScalars),
        "不": Set("说".unicodeScalars),
    ]

    /// Chinese numerals: 二〇二〇 is a year, not a repeated word.
    static let numerals: Set<Unicode.Scalar> = Set("〇零一二三四五六七八九十百千万亿两".unicodeScalars)

    /// 很紧很紧, 好好: emphatic reduplication after a degree adverb.
    static let degreeAdverbs: Set<Unicode.Scalar> = Set("很好真太挺最多".unicodeScalars)

    /// Characters that usually end a word (产业, 文化, 工作者): a repeated pair starting with
    /// one of them after another Chinese character is usually two words sharing characters.
    static let wordFinalCharacters: Set<Unicode.Scalar> = Set(
        "业化性者家员们子度率型式界区域面点级期物品局部厅处室所站会院校心省市县镇乡村场地线网法制权力量费税价值类种项件次年月日天时".unicodeScalars)

    /// Characters that turn the second copy into a longer word (工作量, 管理者, 服务站), with
    /// the characters after which they start a word instead (组织, 部门, 处理, 制度).
    static let compoundSuffixes: [Unicode.Scalar: Set<Unicode.Scalar>] = [
        "量": Set("化".unicodeScalars), "者": [], "员": Set("工".unicodeScalars),
        "室": Set("内外".unicodeScalars), "性": Set("质别格".unicodeScalars), "化": Set("解".unicodeScalars),
        "费": Set("用".unicodeScalars), "组": Set("织成建合".unicodeScalars),
        "处": Set("理置罚于分".unicodeScalars), "站": Set("位稳".unicodeScalars),
        "证": Set("明书件据实".unicodeScalars), "率": Set("先领".unicodeScalars),
        "权": Set("利力益威".unicodeScalars), "法": Set("律治规院定".unicodeScalars),
        "制": Set("度定作造约止".unicodeScalars), "队": Set("伍列".unicodeScalars),
        "部": Set("门署分长位".unicodeScalars),
    ]

    /// Words that end a noun phrase and also start a verb phrase (党组织 | 组织党员学习,
    /// 各级领导 | 领导全县…): after another Chinese character their repetition is usually right.
    static let phraseEndingWords: Set<String> = [
        "组织", "领导", "管理", "指导", "监督", "服务", "保障", "建设", "规划", "审计", "统计",
        "宣传", "培训", "执法", "协调", "评估", "监测", "安排", "支持", "部署", "发展",
    ]
}
