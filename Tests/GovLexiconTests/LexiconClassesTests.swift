import Foundation
@testable import GovLexicon
import GovTestSupport
import Testing

/// The classes of issue 10 added to the shipped lexicon, each with what it finds and the
/// traps it must stay silent on: phonetic-component look-alikes and near-homophones in the
/// confusion set, leaders' names with a confusable character, classic 别字 and 异形词.
@Suite struct LexiconClassesTests {
    static var lexicon: Lexicon { ShippedLexiconTests.lexicon }

    static func rights(_ text: String) -> [String] {
        lexicon.match(text).compactMap { $0.entry.right }
    }

    @Test(arguments: [
        ("县交通运愉局发布通告。", "交通运输局"),  // 输/愉: same phonetic component 俞
        ("攀技花市召开会议。", "攀枝花市"),  // 枝/技: 支
        ("秦王岛市召开会议。", "秦皇岛市"),  // 皇/王: 王 a part of 皇, same final
        ("发展全过程人民明主。", "全过程人民民主"),  // 民/明: front/back nasal near-homophone
        ("丁雪祥副总理出席会议。", "丁薛祥"),  // leader, given name, homophone, title after
        ("国务委员王小宏出席会议。", "王小洪"),  // title before
        ("企业要及时拔付资金。", "拨付"),  // classic 别字
        ("在实践中磨练意志。", "磨炼"),  // 异形词
        // Three-character places and organs, as exact variants before their level.
        ("安徽省毫州市中药材交易活跃。", "安徽省亳州市"),  // 亳/毫 look-alike, the province-and-city form
        ("江西省务源县油菜花开。", "婺源县"),  // 婺/务 homophone
        ("县信仿局组织接访活动。", "信访局"),
        ("县统记局发布经济运行情况。", "统计局"),
        ("县委组识部召开会议。", "组织部"),
        ("国务委员、国务院秘书长吴政龙出席会议。", "吴政隆"),  // leader, title 秘书长 before
        ("中央政治局常委、中央书记处书记蔡棋出席活动。", "蔡奇"),  // 书记 in its central form
        ("中央政治局委员张国庆出席会议。", "张国清"),  // 委员 in its central form
        ("中央纪委书记李稀作工作报告。", "李希"),  // 书记 in its central form
        // A quoted formulation with any inner character replaced (睦 is no confusable of 谐).
        ("坚持“人与自然和睦共生”的理念。", "人与自然和谐共生"),
        // A quoted formulation with its last character replaced (识/思 is no confusable pair).
        ("要增强“四个意思”。", "四个意识"),
        // Any inner character of a formulation of eight or more characters (族/主).
        ("为实现中华民主伟大复兴而奋斗。", "中华民族伟大复兴"),
        // 、-separated items reordered; two items with their leading words exchanged.
        ("要准确、完整、全面贯彻新发展理念。", "完整、准确、全面贯彻新发展理念"),
        ("全体党员要牢记初心、不忘使命。", "不忘初心、牢记使命"),
        // A leader's surname replaced, beside a state title; organs' first characters even
        // where the rest is a word (县材政局: 政局); look-alikes of the handbooks (管/菅, 育/肓).
        ("中央书记处书记菜奇出席活动。", "蔡奇"),
        ("县材政局下达资金。", "财政局"),
        ("县委政发委召开会议。", "政法委"),
        ("县应急菅理局开展检查。", "应急管理局"),
        ("县教肓局发布方案。", "教育局"),
        ("县人民代表大会长务委员会召开会议。", "人民代表大会常务委员会"),
        // A province's name without its level before a city is an administrative chain too
        // (the longest listed form is suggested: 福建莆田).
        ("福建蒲田市鞋服企业来我县洽谈。", "福建莆田"),
        // A city or county joined to its province without a level (protected/places.tsv
        // lists 安徽亳州, 四川阆中): the two-character name is too short alone, not there.
        ("我县农产品参加安徽毫州中药材交易会。", "安徽亳州"),  // 亳/毫 look-alike
        ("全县干部赴四川朗中古城开展现场教学。", "四川阆中"),  // 阆/朗 homophone
        ("县招商局赴安徽蚌阜开展招商。", "安徽蚌埠"),  // 埠/阜 look-alike
        ("县文旅局赴江西务源考察乡村旅游。", "江西婺源"),
        // A prefecture-level city after its province's full name: the province's name wrong.
        ("我县组织人员赴山西省西安市参加培训。", "陕西省西安市"),
        // Two words of a formulation exchanged, or the two sides of its 和.
        ("践行青山绿水就是金山银山的理念。", "绿水青山就是金山银山"),
        ("推进国家治理能力和治理体系现代化。", "国家治理体系和治理能力现代化"),
        // Five to eight 、-separated items with two neighbours exchanged; two four-character
        // items with their second halves exchanged.
        ("完整、准确、全面贯彻创新、协调、绿色、共享、开放的新发展理念。", "创新、协调、绿色、开放、共享"),
        ("深入学习运用“千村整治、万村示范”工程经验。", "千村示范、万村整治"),
        ("一体推进不敢腐、不想腐、不能腐。", "不敢腐、不能腐、不想腐"),
        // An organ's name of seven or more characters with any inner character replaced, the
        // levels inside it too (城乡 as 城镇), 和 as 与.
        ("县住房和城镇建设局开展燃气安全整治。", "住房和城乡建设局"),
        ("县退伍军人事务局走访慰问优抚对象。", "退役军人事务局"),
        ("县人力资源与社会保障局举办招聘会。", "人力资源和社会保障局"),
        ("县委统一站线工作部召开座谈会。", "统一战线工作部"),
        // Local bodies renamed in the 2018 and 2023 reforms (outdated, minor).
        ("县环保局执法人员开展现场检查。", "生态环境局"),
        ("县卫生和计划生育局组织签约服务督导。", "卫生健康局"),
        ("市银保监分局开展防范非法集资宣传。", "金融监管分局"),
        // The party congress is counted in 次, the people's congress meets in 次会议.
        ("热烈庆祝中国共产党第二十届全国代表大会胜利召开。", "中国共产党第二十次全国代表大会"),
        ("十四届全国人大三中全会在北京胜利闭幕。", "十四届全国人大三次会议"),
        ("全国政协十四届二中全会开幕。", "全国政协十四届二次会议"),
        // A long formulation with one character dropped or replaced by a homophone.
        ("加快构建以国内循环为主体、国内国际双循环相互促进的新发展格局。", "以国内大循环为主体、国内国际双循环相互促进的新发展格局"),
        ("持续巩固拓展脱贫攻坚成果同乡村振兴有效链接。", "巩固拓展脱贫攻坚成果同乡村振兴有效衔接"),
        ("坚持和发展新时代“峰桥经验”。", "枫桥经验"),
        // Since the 11th five-year plan, 规划 (计划 before).
        ("编制第十四个五年计划。", "第十四个五年规划"),
        // Plenary sessions: 中全会 for the central committee, 次全会 for the 中央纪委.
        ("学习党的二十届三次全会精神。", "党的二十届三中全会"),
        ("传达二十届中央纪委四中全会精神。", "二十届中央纪委四次全会"),
        ("党的二十届报告提出。", "党的二十大报告"),
        // An AABB idiom with both copies of a character replaced (恳/肯 twice).
        ("他扎根基层、勤勤肯肯。", "勤勤恳恳"),
        ("消息传得沸沸洋洋。", "沸沸扬扬"),
        // The fixed four-character phrases of government writing (protected/phrases.tsv).
        ("治理欠薪要标本兼制、综合施策。", "标本兼治"),
        ("各部门要多错并举。", "多措并举"),
        // Context-dependent 别字 (tools/lexicon/context-pairs.tsv): wrong beside these words.
        ("报名截至时间为3月20日。", "截止时间"),
        ("群众可拨打热线如实反应情况。", "如实反映"),
        ("发布遗失启示。", "遗失启事"),
        ("祝大家渡过一个愉快的假期。", "度过一个"),
        ("防范洪水爆发。", "洪水暴发"),
        ("村调节委员会调节邻里纠纷。", "调解邻里纠纷"),
        ("操作不规范，以至延误救治。", "以致延误"),
        ("要更好的回应群众关切。", "更好地回应"),
        ("会场响起热情地掌声。", "热情的掌声"),
        ("整改的不到位。", "整改得不到位"),
        ("要切实作好防汛工作，做强作优主导产业。", "切实做好"),
    ])
    func findsTheClass(text: String, right: String) {
        #expect(Self.rights(text).contains(right), "\(text): \(Self.rights(text))")
    }

    @Test(arguments: [
        "县交通运输局、县农业农村局、秦皇岛市、攀枝花市的同志参加会议。",
        "发展全过程人民民主。",
        "王小红老师获评优秀教师，李喜梅家庭被评为文明家庭。",  // other persons' names
        "王小宏、习进军两位村民领取了补贴。",  // no title, no reporting word
        "请将个人材料于月底前报送，安排察看现场的同志提前到达。",  // 人材, 排察 across word boundaries
        "安分守纪、遵纪守法是每位公民的本分。",
        // Regression (trap text of 2026-12-02): citizens in the news, one homophone from a
        // leader's name, with 同志 or a reporting verb but no state title, were veto findings.
        "村民代表王小红表示，道路修好了。护士陈文青同志被评为优秀党员，志愿者张国庆在活动中义务理发。",
        // Regression (blind trap set 2): 书记, 委员, 常委 before a name are village and county
        // titles too; they end a state title only as 书记处书记, 政治局委员, 国务委员, 政治局常委.
        "村党支部书记张国庆带领村民发展特色养殖。村委委员王小红、县委常委李西林参加。",
        // A place's first character replaced with the rest a common noun (新型城市, 山区),
        // and numbered subdivisions (新城一区), are no corrupted place names.
        "建设创新型城市，推进山区和城市协调发展，新城一区居民反映的问题已解决。",
        // Quoted: a formulation applied locally (its last character), a numbered plan, a
        // sibling formulation of its own.
        "推进“全面依法治县”，编制“第十三个五年规划”总结，开展“党纪学习教育”。",
        // A correct term with one neighbour (健全|人民代表大会).
        "建立健全人民代表大会这个崭新的制度。",
        // Enumerations written right (with text around them), the earlier form of 四个全面,
        // other lists sharing an item.
        "坚持创新、协调、绿色、开放、共享的新发展理念，坚定道路自信、理论自信、制度自信、文化自信。",
        "协调推进全面建成小康社会、全面深化改革、全面依法治国、全面从严治党。",
        "坚持公开、公平、公正的原则，做到诚信、友善、互助。",
        // Local committees' plenary sessions are 次全会; earlier congresses' 中全会 are right.
        "市委十二届三次全会召开，学习党的七届二中全会精神，二十届中央纪委四次全会精神。",
        // Long formulations beside their own numbered or sibling forms, and 全面依法治县.
        "全面建设社会主义现代化国家，全面建成社会主义现代化强国，坚持全面依法治县。",
        "不忘初心、牢记使命，完整、准确、全面贯彻新发展理念，以中国式现代化全面推进强国建设、民族复兴伟业。",
        // Surnames without a state title are other persons; 政局 after a county is the county's.
        "村民菜奇、李鹏总理当年视察过这里，全县政局稳定，县财政局、县民政局、县委政法委参加。",
        // After a province's name, common nouns that are one character from a place (同城, 新城).
        "江苏同城市场一体化，广东新城市建设，浙江海洋经济，四川东出通道，上海启动新一轮改革。",
        // Provinces before their own cities and counties, and before words that are no place
        // (四川大学, 湖南卫视): one character from a listed province-and-place form, or none.
        "来自陕西西安、山西太原、湖南郴州、江西婺源、江苏盱眙、四川阆中、安徽亳州、四川泸州的客商齐聚一堂。",
        "四川大学、安徽大学、浙江大学、山东大学的专家参会，湖南卫视、江西省委、浙江人民出版社、江苏银行参与。",
        "江苏南通、江苏徐州、广东中山、湖北十堰、安徽宿州、安徽滁州、四川达州、福建漳州、浙江台州、山东德州、河北沧州。",
        "北京朝阳、上海浦东、重庆万州、内蒙古包头、宁夏银川、黑龙江漠河、甘肃敦煌、陕西延安、山西大同。",
        // Organs' siblings: another level or last character, service centres named freely.
        "县市场监督管理局、乡镇市场监督管理所、农事综合服务中心、农业综合服务中心的同志参加会议。",
        "省住房和城乡建设厅、市住房和城乡建设局、县自然资源和规划局、县退役军人服务中心、镇退役军人服务站联合检查。",
        "人力资源和社会保障部、省人力资源和社会保障厅、县人力资源和社会保障局、县行政审批服务局、县机关事务服务中心。",
        "县委统一战线工作部、县委政法委员会、县委机构编制委员会办公室、县人民政府办公室、县人民检察院参加。",
        "县发展和改革局、县工业和信息化局、县教育和体育局、县文化广电和旅游局、县疾病预防控制中心、县公共资源交易中心。",
        // Formulations as provinces and earlier reports write them, with another verb or
        // without a character the national form has: no near-misses (the proofread corpus).
        "积极服务构建全国统一大市场，加快建设全国统一市场，实现台胞在闽“一网通查”，推进“一网统管”。",
        "坚持山水林田湖草一体化保护和系统治理，推动以人为核心的新型城镇化，以党的政治建设统领各项建设。",
        "着眼推动高质量发展，确保不发生规模性返贫，学习“浦江经验”和“枫桥经验”，践行“千万工程”。",
        "十四届全国人大常委会第十次会议，市第十七届人民代表大会第三次会议，共青团第十九次全国代表大会。",
        // The plans before the 11th were 计划; formulations written in their own order.
        "第十个五年计划顺利完成，第十四个五年规划，绿水青山就是金山银山，国家治理体系和治理能力现代化，全面深化改革。",
        // AABB words of their own beside an idiom's near-miss, and the phrases written right.
        "急急忙忙赶到现场，服服帖帖，平平安安、和和美美，标本兼治、综合施策、多措并举、久久为功。",
        // The same words in the contexts where they are right.
        "截至目前，报名截止日期已过；渡过难关，度过假期；化学反应问题研究，带来的启示；考查学生成绩，调节气温，调解纠纷。",
        "以至于今天，更好的服务体验，热烈地欢迎，工作好不好，合作好项目，做好准备，做大做强。",
    ])
    func silentOnTraps(text: String) {
        #expect(Self.lexicon.match(text).filter { $0.entry.list != .outdated }.isEmpty, "\(text): \(Self.rights(text))")
    }

    /// The near-miss scan stays linear on text made of what its new passes look at: quotes,
    /// short names in administrative chains, leader titles, 、-separated formulations.
    @Test func nearMissScanIsLinearOnHostileText() {
        let unit = "道路自信、理论自信、文化自信、“不忘初衷、牢记使命”、县信仿局、安徽省毫州市、总理李蔷、「四种意识」"
        func cost(_ n: Int) -> Double {
            let text = String(repeating: unit, count: n / unit.count + 1)
            var best = Double.infinity
            for _ in 0..<3 {
                let start = threadCPUTime()
                _ = Self.lexicon.match(text)
                best = min(best, threadCPUTime() - start)
            }
            return best
        }
        _ = cost(1_000)
        let growth = Doubling.measure(n: 20_000, floor: 0.002, cost)
        #expect(growth.isLinear, "\(growth)")
    }

    @Test func variantFormsAreMinorAndClassicTyposAreNot() {
        let variant = Self.lexicon.match("在实践中磨练意志。").first { $0.entry.right == "磨炼" }
        #expect(variant?.entry.severity == .minor)
        let typo = Self.lexicon.match("企业要及时拔付资金。").first { $0.entry.right == "拨付" }
        #expect(typo != nil && typo?.entry.severity == nil)
    }
}
