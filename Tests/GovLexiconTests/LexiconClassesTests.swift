import Foundation
@testable import GovLexicon
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
    ])
    func silentOnTraps(text: String) {
        #expect(Self.lexicon.match(text).filter { $0.entry.list != .outdated }.isEmpty, "\(text): \(Self.rights(text))")
    }

    @Test func variantFormsAreMinorAndClassicTyposAreNot() {
        let variant = Self.lexicon.match("在实践中磨练意志。").first { $0.entry.right == "磨炼" }
        #expect(variant?.entry.severity == .minor)
        let typo = Self.lexicon.match("企业要及时拔付资金。").first { $0.entry.right == "拨付" }
        #expect(typo != nil && typo?.entry.severity == nil)
    }
}
