import GovCore
@testable import GovRules
import Testing

/// Runs one rule on a plain block without lexicon hits (the three rules here read characters).
private func hits(_ rule: some TextRule, _ text: String) -> [TextHit] {
    rule.check(TextUnit(text: text, scope: .body, lexiconHits: []))
}

private func matched(_ rule: some TextRule, _ text: String) -> [String] {
    let scalars = Array(text.unicodeScalars)
    return hits(rule, text).map { String(String.UnicodeScalarView(scalars[$0.range])) }
}

private let today = Day(year: 2026, month: 1, day: 1)!

@Suite struct IdentityNumberTests {
    @Test func checkCharacterFollowsGB11643() {
        #expect(IdentityNumber.checkCharacter(Array("11010519491231002")) == "X")
        #expect(IdentityNumber.checkCharacter(Array("32010619900307123")) == "4")
        #expect(IdentityNumber.checkCharacter(Array("44030419851104331")) == "0")
        #expect(IdentityNumber.checkCharacter(Array("1234")) == nil)
    }

    @Test func validNumbersPass() {
        #expect(IdentityNumber.isValid(Array("11010519491231002X"), today: today))
        #expect(IdentityNumber.isValid(Array("11010519491231002x"), today: today))
        #expect(IdentityNumber.isValid(Array("320106199003071234"), today: today))
    }

    @Test func wrongCheckDigitFails() {
        #expect(!IdentityNumber.isValid(Array("320106199003071235"), today: today))
        #expect(!IdentityNumber.isValid(Array("110105194912310020"), today: today))
    }

    @Test func birthDateMustBeRealAndPast() {
        // 1990-02-30 does not exist; the check digit is right for the digits given.
        let february30 = "32010619900230123"
        let number = Array(february30) + [IdentityNumber.checkCharacter(Array(february30))!]
        #expect(!IdentityNumber.isValid(number, today: today))
        #expect(
            IdentityNumber.birthDate(Array("320106199003071234"), today: today) == Day(year: 1990, month: 3, day: 7))
        // Born the day after "today": not yet a person.
        let tomorrow = "11010120260102123"
        let future = Array(tomorrow) + [IdentityNumber.checkCharacter(Array(tomorrow))!]
        #expect(!IdentityNumber.isValid(future, today: today))
        #expect(IdentityNumber.isValid(future, today: Day(year: 2026, month: 1, day: 2)!))
        // Before 1900: not plausible.
        let old = "11010118991231123"
        #expect(!IdentityNumber.isValid(Array(old) + [IdentityNumber.checkCharacter(Array(old))!], today: today))
    }

    @Test func regionMustBeAProvince() {
        for prefix in ["00", "99", "90", "10", "72"] {
            let body = prefix + "010519491231002"
            let number = Array(body) + [IdentityNumber.checkCharacter(Array(body))!]
            #expect(!IdentityNumber.isValid(number, today: today), "\(prefix)")
        }
    }
}

@Suite struct BankCardTests {
    @Test func luhn() {
        #expect(BankCard.passesLuhn(Array("79927398713")))
        #expect(!BankCard.passesLuhn(Array("79927398710")))
        #expect(BankCard.passesLuhn(Array("4111111111111111")))
        #expect(!BankCard.passesLuhn(Array("4111111111111112")))
        #expect(BankCard.isValid(Array("6222020200112233446")))
        #expect(!BankCard.isValid(Array("6222020200112233447")))
        // Luhn-valid but the wrong length or issuer digit.
        #expect(!BankCard.isValid(Array("79927398713")))
        #expect(!BankCard.isValid(Array("1111111111111117")))
    }
}

@Suite struct PrivacyRuleTests {
    let rule = PrivacyRule(today: today)

    @Test func messageIsTheMaskedNumber() {
        let found = hits(rule, "身份证号320106199003071234，银行卡号6222020200112233446，名单：\n张伟 13812345678\n李娜 13912345678")
        #expect(found.map(\.message) == ["320106********1234", "622202*********3446", "138****5678", "139****5678"])
        #expect(found.map(\.category) == ["id-card", "bank-card", "mobile", "mobile"])
    }

    @Test func numberInsideLongerRunOrTokenIsIgnored() {
        #expect(hits(rule, "编号1320106199003071234").isEmpty)
        #expect(hits(rule, "编号3201061990030712345").isEmpty)
        #expect(hits(rule, "哈希A320106199003071234").isEmpty)
        #expect(hits(rule, "数值0.320106199003071234").isEmpty)
        #expect(matched(rule, "号码：320106199003071234。") == ["320106199003071234"])
    }

    @Test func fullWidthDigitsAreRead() {
        #expect(matched(rule, "身份证３２０１０６１９９００３０７１２３４") == ["３２０１０６１９９００３０７１２３４"])
    }

    @Test func bankCardNeedsCardContextAndNoOrganisationAccount() {
        #expect(hits(rule, "订单号6222020200112233446").isEmpty)
        #expect(matched(rule, "开户行：农业银行，账号：6222020200112233446") == ["6222020200112233446"])
        #expect(matched(rule, "卡号 6222 0202 0011 2233 446 已登记") == ["6222 0202 0011 2233 446"])
        #expect(hits(rule, "收款单位：某某县财政局，账号：6222020200112233446").isEmpty)
    }

    @Test func mobileNeedsPersonsNotAnOffice() {
        // A list of persons: several numbers with names.
        #expect(matched(rule, "张伟 13812345678 李娜 13912345678") == ["13812345678", "13912345678"])
        // A table with a 姓名 column: numbers count even without a recognisable surname.
        #expect(matched(rule, "姓名 电话\n阿依古丽 13812345678\n买买提 13912345678").count == 2)
        // One person, one number, a table row.
        #expect(matched(rule, "刘洋 男 15012345678") == ["15012345678"])
        // A contact paragraph: one number, contact wording.
        #expect(hits(rule, "联系人：王明 13812345678").isEmpty)
        // Hotlines, even several of them.
        #expect(hits(rule, "咨询电话：13812345678；投诉电话：13912345678；值班电话：13712345678").isEmpty)
        // No person at all.
        #expect(hits(rule, "请于明日拨打13812345678").isEmpty)
        // Longer runs are not mobile numbers.
        #expect(hits(rule, "张伟 8613812345678 李娜 139123456789").isEmpty)
    }
}

@Suite struct PunctuationExclusionTests {
    let rule = PunctuationRule()

    @Test func urlsAndEmailAreSkipped() {
        #expect(hits(rule, "详见http://www.gov.cn/a?b=1,c:2;d!").isEmpty)
        #expect(hits(rule, "详见 HTTPS://WWW.GOV.CN/政策?类=1 或 www.gov.cn/a,b").isEmpty)
        #expect(hits(rule, "邮箱:gkb@example.gov.cn").count == 0)
        #expect(hits(rule, "请发送至gkb,office@example.gov.cn").isEmpty)
    }

    @Test func numbersAreSkipped() {
        #expect(hits(rule, "金额1,000元，时间3:00，比例1:2，约1,380,000人").isEmpty)
        #expect(hits(rule, "第(1)条").isEmpty)
    }

    @Test func latinTextIsSkipped() {
        #expect(hits(rule, "Hello, world! Is it OK? Yes: (fine); 中文English,text").isEmpty)
        #expect(hits(rule, "中文 (English) text").isEmpty)
    }

    @Test func halfWidthBetweenChineseIsFound() {
        #expect(hits(rule, "今天, 我们开会").map(\.suggestion) == ["，"])
        #expect(hits(rule, "《通知》,《决定》").map(\.suggestion) == ["，"])
        #expect(hits(rule, "真的吗?").map(\.suggestion) == ["？"])
        #expect(hits(rule, "会议(第一次)").map(\.suggestion) == ["（", "）"])
    }

    @Test func pairsAndDoubles() {
        #expect(matched(rule, "《关于“十四五”规划》") == [])
        #expect(matched(rule, "《关于“规划》") == ["“"])
        #expect(matched(rule, "规划）") == ["）"])
        #expect(matched(rule, "（一）组织领导\n（二）工作要求") == [])
        #expect(matched(rule, "第一段“引文\n“第二段引文”") == ["“"])
        #expect(hits(rule, "结束。。。").map(\.suggestion) == ["……"])
        #expect(hits(rule, "《史记》、《汉书》").map(\.severity) == [.info])
        #expect(hits(rule, "“一带”、“一路”").isEmpty)
        #expect(hits(rule, "技工（教育)").map(\.suggestion) == ["）"])
        #expect(hits(rule, "技工(教育）").map(\.suggestion) == ["（"])
    }
}

@Suite struct RepeatedWordRuleTests {
    let rule = RepeatedWordRule()

    @Test func triplesAreOneHit() {
        #expect(matched(rule, "工作工作工作") == ["工作工作工作"])
        #expect(hits(rule, "工作工作工作").map(\.suggestion) == ["工作"])
    }

    @Test func repetitionAcrossNonChineseIsNotCounted() {
        #expect(hits(rule, "工作 工作，的 的，AA，1212").isEmpty)
    }

    @Test func extensionBCharactersCount() {
        #expect(matched(rule, "𠀀𠀁𠀀𠀁") == ["𠀀𠀁𠀀𠀁"])
    }
}
