import GovCore
import GovLexicon

/// 敏感词: a term from `sensitive/<category>.txt`; the category and its severity come from
/// the file (gambling, obscene and political wording are veto by default); and spam in
/// context (`SpamContext`): a category term near a promotional marker, veto.
public struct SensitiveRule: LexiconListRule {
    static let list = ListKind.sensitive
    public init() {}

    public func check(_ unit: TextUnit) -> [TextHit] {
        let listed = listedHits(unit)
        // On normalised text, as the lists are matched (a space or a zero-width character
        // inside a term does not hide it), in original offsets; listed hits and the office's
        // allow words win.
        let normalized = unit.normalized
        var spam = SpamContext.hits(normalized.scalars).map { hit in
            var hit = hit
            hit.range = normalized.originalRange(of: hit.range)
            return hit
        }
        guard !spam.isEmpty else { return listed }
        let yielding = OverlapIndex(listed.map(\.range) + unit.allowSpans)
        spam.removeAll { yielding.overlaps($0.range) }
        guard !spam.isEmpty else { return listed }
        return
            (listed
            + spam.map { hit in
                TextHit(
                    range: hit.range, category: hit.category,
                    message:
                        "“\(hit.term)”与推广用语“\(hit.marker)”相邻，疑为垃圾信息",
                    severity: .veto)
            }).sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    public static let description = RuleDescription(
        id: .sensitive, kind: .text, defaultSeverity: .veto, weight: RuleWeight(5, cap: 5),
        rationale:
            "A term that can never be correct on a government page (gambling and illegal-ad spam that injected links carry, obscene, drugs, violent/terror terms, wrong sovereignty wording). The category is the file name in wordlists/sensitive/, its severity the file's `# severity:` header.",
        triggering: [
            Example("欢迎访问⟦网上赌场⟧官网", lexicon: ["sensitive/gambling.txt": "# severity: veto\n网上赌场"]),
            // Spam in context: no list entry, a category term beside a promotional marker; read
            // on normalised text and silenced by allow.txt like a listed entry.
            Example("县长您好，⟦真人视讯⟧，注册送彩金，⟦百家乐⟧在线开户"),
            Example("最新⟦无码⟧资源免费观看，加微信"),
            Example("本店出售⟦冰毒⟧，同城包邮"),
            Example("专业办理⟦假证⟧，联系电话1380000"),
            Example("⟦博彩⟧APP下载，日赚千元"),
            Example("网络⟦赌博⟧代理招募，返水高，佣金日结"),
            Example("四六级、会计证考试⟦代考⟧，⟦包过⟧，加微信咨询"),
            Example("高端会所提供⟦包夜⟧服务，详情请加微信"),
            // Gambling, obscene, drug and fake-certificate slang beside its selling words.
            Example("老会员⟦首存⟧即返，客服全天在线"),
            Example("⟦北京赛车⟧人工计划，稳赚不赔"),
            Example("加入⟦快三计划⟧群，每期免费送号"),
            Example("欧洲杯⟦足球竞猜⟧，返水最高1.5%"),
            Example("高价收售⟦游戏币⟧，随时兑现"),
            Example("⟦看片神器⟧，安卓苹果都能用，点击安装"),
            Example("急需⟦麻果⟧的朋友私聊，保密发货"),
            Example("专业⟦跑分⟧，日结佣金，手机即可操作"),
            Example("⟦代办健康证⟧，当天拿证"),
            Example("出售⟦高仿⟧真⟦假币⟧，手感逼真，量大从优"),
            Example("网上兼职⟦刷单⟧，一单一结，日赚三百"),
            Example("⟦高仿⟧驾驶证，可上网查询，电话联系"),
            // Two terms of one category in a sentence, no selling word between (线上老虎机……投注).
            Example("真人⟦老虎机⟧火爆开奖，随时⟦投注⟧"),
        ],
        nonTriggering: [
            Example("依法打击网络赌博违法犯罪活动", lexicon: ["sensitive/gambling.txt": "# severity: veto\n网上赌场"]),
            Example("依法打击跨境赌博，警惕网络博彩平台注册陷阱"),
            Example("珍爱生命，远离毒品，拒绝冰毒等新型毒品的诱惑"),
            Example("我县成人教育招生报名可在线办理，成人高考咨询电话见官网"),
            Example("中国福利彩票投注站代销者招募，详见官网"),
            Example("公安机关破获一起开设赌场案，抓获代理人员12名"),
            // Regression (trap text of 2026-12-02): enforcement and fraud warnings.
            Example("对在线传播低俗色情内容的直播平台账号，执法部门已依法移交处理"),
            Example("凡是自称稳赚不赔的投资、博彩平台都是骗局，请勿下载"),
            Example("社区棋牌室文明娱乐，活动咨询电话见公告"),
            Example("不动产登记中心办证窗口延时服务，咨询电话见官网"),
            Example("企业刻章费用由政府承担，线上申请即可办理"),
            Example("展出的高仿真文物模型可通过手机扫码了解"),
            Example("警方提醒：网上兼职刷单是诈骗，切勿轻信日赚千元的广告"),
            Example("银行工作人员向群众讲解识别假币的方法，咨询电话见网点公告"),
            Example("近期有不法分子以“跑分”兼职为名实施诈骗，请勿提供银行卡"),
            Example("公安机关查获一批用于赌博的游戏币，回收机已依法没收"),
            Example("我市将加快3个重点项目建设，手机扫码可查看进度"),
        ])
}
