import Foundation
import GovCore

/// 个人信息泄露: resident ID numbers, bank card numbers and personal mobile numbers published
/// in notices and 公示名单.
///
/// Each kind is reported only when the number itself proves what it is (the GB 11643 check
/// digit and birth date, the Luhn digit) and, where a valid-looking number is common for
/// other reasons, its surroundings do too: a card number needs card wording nearby, a
/// mobile number needs a list of persons (a name beside it, several numbers in a block),
/// and an office's published hotline is never one. The finding's `message` is the masked
/// number, so reports never print the full number.
public struct PrivacyRule: TextRule {
    /// Birth dates after this day are not plausible.
    private let today: Day

    /// Judges birth dates against today's date in China Standard Time.
    public init() {
        let seconds = Date().timeIntervalSince1970 + 8 * 3600
        self.today = Day(ordinal: Int((seconds / 86_400).rounded(.down)))
    }

    /// Judges birth dates against `today` (for `--now` and tests).
    public init(today: Day) { self.today = today }

    public static let description = RuleDescription(
        id: .privacy, kind: .text, defaultSeverity: .veto, weight: RuleWeight(5, cap: 10),
        rationale:
            "Personal data published without masking: an 18-digit resident ID number whose GB 11643-1999 check digit, region code and birth date are valid; a 16–19 digit bank card number that passes the Luhn check with 银行卡/卡号/账号/开户 nearby; a mobile number beside a person's name or in a list of several. Office hotlines (咨询电话, 办公电话, 热线, 联系电话) and a single contact number are not reported. Reports show the number masked.",
        triggering: [
            Example("申请人王芳，身份证号⟦320106199003071234⟧，经审核符合条件"),
            Example("公示对象：李强（身份证号码⟦11010519491231002X⟧）"),
            Example("补贴资金发放至本人银行卡号⟦6222020200112233446⟧"),
            Example("获奖名单：\n张伟 ⟦13812345678⟧\n李娜 ⟦13912345678⟧"),
            Example("刘洋\t男\t⟦15012345678⟧\t城关镇"),
        ],
        nonTriggering: [
            Example("咨询电话：13812345678，办公电话：13912345678"),
            Example("联系人：王明，联系电话：13812345678"),
            Example("本局24小时服务热线13812345678"),
            Example("身份证号码校验位错误的号码320106199003071235不是身份证号"),
            Example("出生日期不可能的号码110101203001011236"),
            Example("订单编号6222020200112233446，流水号32010619900307123456"),
            Example("文号国办发〔2019〕19号，统计数据1,380,000,000"),
        ])

    public func check(_ unit: TextUnit) -> [TextHit] {
        var sink = TextHitSink()
        check(unit, into: &sink)
        return sink.finish()
    }

    /// Linear in the block: each number looks only at a bounded window around it, and
    /// what depends on the whole block or line (对公 wording, 姓名 column, contact wording)
    /// is computed once, not once per number (a list of 2,000 cards was quadratic).
    public func check(_ unit: TextUnit, into sink: inout TextHitSink) {
        let s = unit.scalars
        let runs = DigitRun.all(in: s)
        var mobiles: [DigitRun] = []
        var organisationAccount: Bool?
        for run in runs {
            if run.digits.count == 18, IdentityNumber.isValid(run.digits, today: today) {
                sink.add(hit(run, kind: "id-card", masked: Self.mask(run.digits, keepFirst: 6, keepLast: 4)))
            } else if (16...19).contains(run.digits.count), BankCard.isValid(run.digits),
                hasCardWording(before: run.range.lowerBound, in: s)
            {
                if organisationAccount == nil {
                    organisationAccount = Self.containsAny(Self.organisationAccountScalars, in: s[...])
                }
                if organisationAccount == false {
                    sink.add(hit(run, kind: "bank-card", masked: Self.mask(run.digits, keepFirst: 6, keepLast: 4)))
                }
            } else if run.isMobile {
                mobiles.append(run)
            }
        }
        guard !mobiles.isEmpty else { return }
        let distinctMobiles = Set(mobiles.map(\.digits)).count
        let listsPersons = distinctMobiles >= 2
        let hasNameColumn = Self.containsAny([Array("姓名".unicodeScalars)], in: s[...])
        var lines = LineTable(s)
        for run in mobiles where !hasHotlineContext(before: run.range.lowerBound, in: s) {
            let nameNearby = hasNameNearby(run.range, in: s)
            let contactLine = lines.lineContainsContactWords(at: run.range.lowerBound)
            if (nameNearby && (listsPersons || !contactLine)) || (listsPersons && hasNameColumn) {
                sink.add(hit(run, kind: "mobile", masked: Self.mask(run.digits, keepFirst: 3, keepLast: 4)))
            }
        }
    }

    private func hit(_ run: DigitRun, kind: String, masked: String) -> TextHit {
        TextHit(range: run.range, category: kind, message: masked)
    }

    /// Keeps the first and last digits (the usual 110101********1234 form).
    static func mask(_ digits: [Character], keepFirst: Int, keepLast: Int) -> String {
        String(digits.prefix(keepFirst)) + String(repeating: "*", count: digits.count - keepFirst - keepLast)
            + String(digits.suffix(keepLast))
    }

    // MARK: Context

    static let cardWords = ["银行卡", "卡号", "账号", "帐号", "开户", "银行账户"]
    /// An organisation's own account (对公账户) is published on purpose.
    static let organisationAccountWords = ["对公", "收款单位", "单位账户", "财政专户", "非税"]
    static let hotlineWords = [
        "咨询电话", "办公电话", "热线", "联系电话", "值班", "举报电话", "投诉电话",
        "服务电话", "监督电话", "传真", "客服",
    ]
    static let contactWords = ["联系人", "联系电话", "联系方式", "电话", "手机", "咨询"]
    /// Characters that make a run of Chinese characters an organisation or a label, not a name.
    static let nonNameCharacters = Set("局办委政府会部处科室站所院校中心司镇乡村街道区县市省电话号码机关系热线咨询单位公示名单".unicodeScalars)
    /// The common surnames (about 90 % of the population), and the compound ones.
    static let surnames = Set(
        ("王李张刘陈杨黄赵周吴徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝")
            .unicodeScalars)
    static let compoundSurnames = ["欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "夏侯"]

    /// Card wording (银行卡, 卡号 …) in the 30 characters before the number.
    private func hasCardWording(before start: Int, in s: [Unicode.Scalar]) -> Bool {
        Self.containsAny(Self.cardScalars, in: s[max(0, start - 30)..<start])
    }

    /// An office's number: hotline wording shortly before it, on the same line.
    private func hasHotlineContext(before start: Int, in s: [Unicode.Scalar]) -> Bool {
        var from = start
        while from > 0, start - from < 12, !s[from - 1].isLineBreak { from -= 1 }
        return Self.containsAny(Self.hotlineScalars, in: s[from..<start])
    }

    /// How far from the number a name may stand on its line (a table row: name, sex, number).
    private static let nameDistance = 20

    /// A person's name on the number's line, near it: a stand-alone run of two to four
    /// Chinese characters such as a table cell (`张伟 138…`, `刘洋\t男\t150…`).
    private func hasNameNearby(_ range: Range<Int>, in s: [Unicode.Scalar]) -> Bool {
        // The window stops at line breaks; only runs overlapping it are read, and a run is
        // followed no further than one character past the longest name.
        var from = range.lowerBound, to = range.upperBound
        while from > 0, range.lowerBound - from < Self.nameDistance, !s[from - 1].isLineBreak { from -= 1 }
        while to < s.count, to - range.upperBound < Self.nameDistance, !s[to].isLineBreak { to += 1 }
        var i = from
        while i > 0, from - i < 5, s[i - 1].isHan { i -= 1 }
        // Still inside a run: one longer than any name; skip it.
        if i > 0, s[i - 1].isHan { while i < to, s[i].isHan { i += 1 } }
        while i < to {
            guard s[i].isHan else { i += 1; continue }
            let begin = i
            while i < s.count, i - begin <= 4, s[i].isHan { i += 1 }
            if i - begin <= 4, i == s.count || !s[i].isHan, isNameLike(s[begin..<i]) { return true }
            while i < to, s[i].isHan { i += 1 }
        }
        return false
    }

    /// Two to four Chinese characters starting with a surname and containing nothing that
    /// makes it an organisation or a label.
    func isNameLike(_ run: ArraySlice<Unicode.Scalar>) -> Bool {
        guard (2...4).contains(run.count), let first = run.first else { return false }
        guard !run.contains(where: Self.nonNameCharacters.contains) else { return false }
        let word = String(String.UnicodeScalarView(run))
        return Self.surnames.contains(first) || Self.compoundSurnames.contains(where: word.hasPrefix)
    }

    static let cardScalars = cardWords.map { Array($0.unicodeScalars) }
    static let organisationAccountScalars = organisationAccountWords.map { Array($0.unicodeScalars) }
    static let hotlineScalars = hotlineWords.map { Array($0.unicodeScalars) }
    static let contactScalars = contactWords.map { Array($0.unicodeScalars) }

    /// Whether any of `words` occurs in `window`, compared scalar by scalar: Foundation's
    /// `String.contains` (a locale-aware search) was most of the cost of checking a table.
    static func containsAny(_ words: [[Unicode.Scalar]], in window: ArraySlice<Unicode.Scalar>) -> Bool {
        for word in words where word.count <= window.count {
            var i = window.startIndex
            let last = window.endIndex - word.count
            while i <= last {
                if window[i] == word[0], window[i..<(i + word.count)].elementsEqual(word) { return true }
                i += 1
            }
        }
        return false
    }
}

/// Whether a line holds contact wording (联系人, 电话 …), computed once per line.
private struct LineTable {
    let s: [Unicode.Scalar]
    /// Offsets where a line starts, ascending.
    let starts: [Int]
    var cache: [Int: Bool] = [:]

    init(_ s: [Unicode.Scalar]) {
        self.s = s
        var starts = [0]
        for i in s.indices where s[i].isLineBreak { starts.append(i + 1) }
        self.starts = starts
    }

    mutating func lineContainsContactWords(at offset: Int) -> Bool {
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        if let known = cache[lo] { return known }
        let end = lo + 1 < starts.count ? starts[lo + 1] - 1 : s.count
        let answer = PrivacyRule.containsAny(PrivacyRule.contactScalars, in: s[starts[lo]..<end])
        cache[lo] = answer
        return answer
    }
}

/// A maximal run of digits (ASCII or full-width; an ID number's final X included), not part of
/// a longer alphanumeric token or decimal number. Card numbers written in groups of four
/// (6222 0202 0011 2233 446) are joined into one run.
struct DigitRun {
    var range: Range<Int>
    var digits: [Character]

    var isMobile: Bool {
        digits.count == 11 && digits[0] == "1" && ("3"..."9").contains(digits[1])
    }

    static func all(in s: [Unicode.Scalar]) -> [DigitRun] {
        var runs: [DigitRun] = []
        var i = 0
        while i < s.count {
            guard s[i].digitValue != nil else { i += 1; continue }
            let start = i
            var digits: [Character] = []
            while i < s.count, let d = s[i].digitValue { digits.append(Character(String(d))); i += 1 }
            // Grouped card numbers: "dddd dddd dddd dddd[ ddd]".
            if digits.count == 4 {
                var groups = digits
                var j = i
                while j + 1 < s.count, s[j] == " " || s[j] == "-", s[j + 1].digitValue != nil {
                    var k = j + 1
                    var group: [Character] = []
                    while k < s.count, let d = s[k].digitValue { group.append(Character(String(d))); k += 1 }
                    guard group.count <= 4 else { break }
                    groups += group
                    j = k
                    if group.count < 4 { break }
                }
                if j > i, (16...19).contains(groups.count) { digits = groups; i = j }
            }
            // The check digit of an ID number may be X.
            if digits.count == 17, i < s.count, s[i] == "X" || s[i] == "x" {
                digits.append("X"); i += 1
            }
            let before = start > 0 ? s[start - 1] : nil
            let after = i < s.count ? s[i] : nil
            let glued =
                before.map { $0.isASCIILetter || $0 == "." || $0 == "_" } == true
                || after.map {
                    $0.isASCIILetter || $0 == "_" || ($0 == "." && i + 1 < s.count && s[i + 1].digitValue != nil)
                } == true
            if !glued { runs.append(DigitRun(range: start..<i, digits: digits)) }
        }
        return runs
    }
}

/// GB 11643-1999 citizen identity number: 6-digit region code (province 11–82), birth date
/// YYYYMMDD, 3-digit sequence, ISO 7064 MOD 11-2 check character.
public enum IdentityNumber {
    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checkCharacters: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]
    /// Province-level codes of GB/T 2260 (81 Hong Kong, 82 Macao; 83 is used on Taiwan
    /// residents' residence permits).
    static let provinces: Set<Int> = [
        11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37,
        41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65,
        71, 81, 82, 83,
    ]

    /// The check character for the first 17 digits.
    public static func checkCharacter(_ first17: some Collection<Character>) -> Character? {
        guard first17.count == 17 else { return nil }
        var sum = 0
        for (digit, weight) in zip(first17, weights) {
            guard let value = digit.wholeNumberValue else { return nil }
            sum += value * weight
        }
        return checkCharacters[sum % 11]
    }

    /// The birth date encoded in digits 7–14, when it is a real date not after `today`.
    public static func birthDate(_ number: [Character], today: Day) -> Day? {
        guard number.count == 18,
            let y = Int(String(number[6..<10])), let m = Int(String(number[10..<12])),
            let d = Int(String(number[12..<14])),
            let day = Day(year: y, month: m, day: d), day <= today
        else { return nil }
        return day
    }

    public static func isValid(_ number: [Character], today: Day) -> Bool {
        guard number.count == 18, let province = Int(String(number[0..<2])),
            provinces.contains(province),
            birthDate(number, today: today) != nil,
            let check = checkCharacter(number[0..<17])
        else { return false }
        return check == number[17].uppercased().first
    }
}

/// Bank card numbers (ISO/IEC 7812): the last digit is the Luhn check digit; issuer prefixes
/// start with 3 (JCB, Amex), 4 (Visa), 5 (Mastercard), 6 (UnionPay) or 9 (older domestic cards).
public enum BankCard {
    public static func passesLuhn(_ digits: [Character]) -> Bool {
        var sum = 0
        for (index, character) in digits.reversed().enumerated() {
            guard var value = character.wholeNumberValue else { return false }
            if index % 2 == 1 { value *= 2; if value > 9 { value -= 9 } }
            sum += value
        }
        return !digits.isEmpty && sum % 10 == 0
    }

    public static func isValid(_ digits: [Character]) -> Bool {
        (16...19).contains(digits.count) && "34569".contains(digits[0]) && passesLuhn(digits)
    }
}
