/// Near-miss matching of the protected vocabulary (固定词语, `wordlists/protected/`):
/// text that is one edit away from a term a government page must write exactly — one
/// character replaced by a confusable one (名列前矛, 应急管理居), two adjacent characters
/// swapped (丁祥薛), or, in a term of five or more characters, one inner character dropped
/// or doubled (乌鲁齐市).
///
/// One pass over the normalised text with polynomial hashes of its windows: the index holds,
/// for every term, the hash of the term with each position masked (a substitution keeps the
/// rest) and the hashes of its swapped, dropped and doubled variants. One table lookup per
/// position (`PairGates`, keyed by the character there and the next) says which window
/// lengths can start or end there; a substitution keeps the first two or the last two
/// characters of its term, so most windows and most masked positions are never hashed. A
/// Bloom filter rejects most of the rest before a table probe, and every candidate is
/// verified character by character, so hash collisions never report.
public enum ProtectedKind: String, Sendable, CaseIterable {
    case idiom, formulation, organ, place, leader, law

    /// The file in `wordlists/protected/` (sessions.tsv is a second formulation list,
    /// phrases.tsv — the fixed four-character phrases of government writing — a second idiom list).
    static func of(fileStem: String) -> ProtectedKind? {
        switch fileStem {
        case "idioms", "phrases": .idiom
        case "formulations", "sessions": .formulation
        case "organs": .organ
        case "places": .place
        case "leaders": .leader
        case "laws": .law
        default: nil
        }
    }

    /// Idioms are words (错别字); the rest are official names and formulations (严重表述错误).
    public var list: ListKind { self == .idiom ? .typo : .expression }

    /// Chinese name for messages.
    var chinese: String {
        switch self {
        case .idiom: "成语"
        case .formulation: "规范表述"
        case .organ: "机构名称"
        case .place: "地名"
        case .leader: "领导人姓名"
        case .law: "法律名称"
        }
    }
}

/// A protected term as listed.
struct ProtectedTerm {
    var text: String
    var scalars: [UInt32]
    var kind: ProtectedKind
    var basis: String?
    var source: String
}

/// How a confusable character relates to the right one (wordlists/confusion.tsv).
enum Confusion: UInt8 {
    /// Same toneless reading; a look-alike; a front/back nasal near-homophone (民/明, 心/星).
    case homophone = 1, lookalike = 2, nearHomophone = 3

    var chinese: String {
        switch self {
        case .homophone: "同音字"
        case .lookalike: "形近字"
        case .nearHomophone: "音近字"
        }
    }
}

struct NearMissIndex: Sendable {
    /// The edit limits (tools/lexicon/gen_protected.py generates words.txt with the same).
    static let minSubstitution = 4
    static let minSwap = 4
    static let minSwapLeader = 3
    static let minDropDouble = 5
    static let maxLength = 31
    /// A formulation this long is wrong with any inner character replaced, confusable or not
    /// (中华民主伟大复兴): no other phrase of government text is one character away from it.
    static let minFreeSubstitution = 8
    /// An organ's name this long is wrong with any inner character replaced (住房和城镇建设局,
    /// 退伍军人事务局, 人力资源与社会保障局): its siblings differ in the level or the last
    /// character (市场监督管理所), which stay exact. Only the names of 机关 (ending in 局, 部,
    /// 厅, 委, 会, 室, 署, 院): service centres are named freely (农事综合服务中心 beside
    /// 农业综合服务中心).
    static let minFreeSubstitutionOrgan = 7
    private static let organEndings: Set<UInt32> = Set("局部厅委会室署院".unicodeScalars.map(\.value))
    /// Never dropped: names are legitimately shortened without them (人力资源社会保障局).
    static let undroppable: Set<UInt32> = Set("和与及的、·".unicodeScalars.map(\.value))

    enum Edit: Sendable, Hashable {
        /// The term itself: a correct occurrence masks near-misses around it.
        case exact
        /// A listed word (words.txt): silences a near-miss of exactly this span.
        case word
        case substitution(position: Int)
        case swap(position: Int)
        case drop(position: Int)
        case double(position: Int)
        /// A character replaced by a confusable one in a term too short for the masked
        /// windows, listed as exact variants: a leader's name (丁雪祥, 菜奇), a
        /// three-character place or organ before its level (毫州市, 信仿局).
        case variant(position: Int, wrong: UInt32)
        /// The 、-separated items of a formulation in another order (准确、完整、全面贯彻…), or
        /// their leading words exchanged (牢记初心、不忘使命): the index of the variant in
        /// `reorderedVariants`, kept so that verifying a candidate rebuilds nothing.
        case reordered(variant: Int)
        /// An AABB idiom with both copies of one character replaced by the same confusable
        /// (勤勤恳恳 as 勤勤肯肯): `position` is the first of the pair.
        case reduplicated(position: Int, wrong: UInt32)
    }

    /// One index entry in 12 bytes (the index holds ~300k): the term, the window length and
    /// the edit, packed.
    struct Record: Sendable {
        let term: Int32
        private let packedLength: UInt8
        private let kind: UInt8
        private let position: UInt8
        /// The wrong character of a variant or reduplication; the reordered variant's index.
        private let payload: UInt32

        init(term: Int32, edit: Edit, length: Int) {
            self.term = term
            packedLength = UInt8(clamping: length)
            switch edit {
            case .exact: (kind, position, payload) = (0, 0, 0)
            case .word: (kind, position, payload) = (1, 0, 0)
            case .substitution(let p): (kind, position, payload) = (2, UInt8(p), 0)
            case .swap(let p): (kind, position, payload) = (3, UInt8(p), 0)
            case .drop(let p): (kind, position, payload) = (4, UInt8(p), 0)
            case .double(let p): (kind, position, payload) = (5, UInt8(p), 0)
            case .variant(let p, let wrong): (kind, position, payload) = (6, UInt8(p), wrong)
            case .reordered(let v): (kind, position, payload) = (7, 0, UInt32(v))
            case .reduplicated(let p, let wrong): (kind, position, payload) = (8, UInt8(p), wrong)
            }
        }

        var length: Int { Int(packedLength) }

        var edit: Edit {
            let p = Int(position)
            switch kind {
            case 0: return .exact
            case 1: return .word
            case 2: return .substitution(position: p)
            case 3: return .swap(position: p)
            case 4: return .drop(position: p)
            case 5: return .double(position: p)
            case 6: return .variant(position: p, wrong: payload)
            case 7: return .reordered(variant: Int(payload))
            default: return .reduplicated(position: p, wrong: payload)
            }
        }
    }

    let terms: [ProtectedTerm]
    let words: [[UInt32]]
    private let confusion: [UInt64: Confusion]
    /// hash → records, for exact strings (terms, words, swapped/dropped/doubled variants).
    private let exact: RecordTable
    /// masked hash → substitution records.
    private let masked: RecordTable
    /// The reordered formulations (`Edit.reordered`).
    private let reorderedVariants: [[UInt32]]
    /// Bloom filter over the keys of both tables.
    private let bloom: [UInt64]
    private static let bloomBits = 23
    /// Per pair of characters: the lengths of exact strings and of substitutable terms that
    /// start with it, and of substitutable terms that end with it.
    private let gates: PairGates
    /// Two-character words (words.txt): a substituted first or last character that makes one
    /// with its neighbour outside the term is no near-miss (可再生能源发电 is not …法 + 电).
    private let boundaryWords: Set<UInt64>

    var isEmpty: Bool { terms.isEmpty }

    static let base: UInt64 = 0x100000001B3
    static let powers: [UInt64] = {
        var p: [UInt64] = [1]
        for _ in 0..<64 { p.append(p.last! &* base) }
        return p
    }()

    static func hash(_ s: some Collection<UInt32>) -> UInt64 {
        var h: UInt64 = 0
        for c in s { h = h &* base &+ UInt64(c) }
        return h
    }

    init(terms: [ProtectedTerm], words: [[UInt32]], confusion: [UInt64: Confusion]) {
        self.terms = terms
        self.words = words
        self.confusion = confusion
        var exact = RecordTable.Builder()
        var masked = RecordTable.Builder()
        var reorderedVariants: [[UInt32]] = []
        var bloom = [UInt64](repeating: 0, count: 1 << (Self.bloomBits - 6))
        var gates = PairGates.Builder()
        func addExact(_ s: [UInt32], _ record: Record) {
            guard s.count >= 2, s.count <= Self.maxLength else { return }
            let h = Self.hash(s)
            exact.add(h, record)
            Self.set(&bloom, Self.bloomSlot(h))
            gates.add(s[0], s[1], exactLength: s.count)
        }
        for (index, term) in terms.enumerated() {
            let s = term.scalars
            let n = s.count
            guard n >= 2, n <= Self.maxLength else { continue }
            let id = Int32(index)
            addExact(s, Record(term: id, edit: .exact, length: n))
            if term.kind != .leader && n >= Self.minSubstitution {
                let h = Self.hash(s)
                for p in 0..<n {
                    let key = h &- UInt64(s[p]) &* Self.powers[n - 1 - p]
                    masked.add(key, Record(term: id, edit: .substitution(position: p), length: n))
                    Self.set(&bloom, Self.bloomSlot(key))
                }
                gates.add(s[0], s[1], firstOfLength: n)
                gates.add(s[n - 2], s[n - 1], lastOfLength: n)
            }
            // Idioms are not swapped: many have accepted reorderings (奋发图强/发奋图强).
            if term.kind != .idiom && n >= (term.kind == .leader ? Self.minSwapLeader : Self.minSwap) {
                for p in 0..<(n - 1) where s[p] != s[p + 1] {
                    var v = s
                    v.swapAt(p, p + 1)
                    addExact(v, Record(term: id, edit: .swap(position: p), length: n))
                }
            }
            if term.kind == .formulation {
                for v in Self.reorderings(of: s) {
                    reorderedVariants.append(v)
                    addExact(v, Record(term: id, edit: .reordered(variant: reorderedVariants.count - 1), length: n))
                }
            }
            if n >= Self.minDropDouble {
                for p in 1..<(n - 1) where !Self.undroppable.contains(s[p]) && Normalizer.classify(s[p]).kind == .han {
                    var dropped = s
                    dropped.remove(at: p)
                    addExact(dropped, Record(term: id, edit: .drop(position: p), length: n - 1))
                    var doubled = s
                    doubled.insert(s[p], at: p)
                    addExact(doubled, Record(term: id, edit: .double(position: p), length: n + 1))
                }
            }
        }
        // Short terms as exact variants, only by a character confusion.tsv lists for it:
        // leaders' names (beside a state title only, see variantStandsAlone), and
        // three-character places and organs in the characters before their level (县, 局).
        var variantPositions: [(term: Int, positions: Range<Int>)] = []
        for (index, term) in terms.enumerated() {
            let n = term.scalars.count
            switch term.kind {
            // The surname too: a variant is reported only beside a state title, which names the
            // person (中央书记处书记菜奇).
            case .leader where n >= 2 && n <= 4: variantPositions.append((index, 0..<n))
            case .place where n == 3, .organ where n == 3: variantPositions.append((index, 0..<2))
            default: break
            }
        }
        // AABB idioms: both copies of A or of B replaced by one confusable character (below).
        let reduplicated = terms.indices.filter { i in
            let t = terms[i].scalars
            return terms[i].kind == .idiom && t.count == 4 && t[0] == t[1] && t[2] == t[3] && t[0] != t[2]
        }
        // The confusables of every character either kind of variant replaces, in one pass.
        var confusablesOf: [UInt32: [UInt32]] = [:]
        let variantChars = Set(variantPositions.flatMap { v in v.positions.map { terms[v.term].scalars[$0] } })
            .union(reduplicated.flatMap { [terms[$0].scalars[0], terms[$0].scalars[2]] })
        for key in confusion.keys where variantChars.contains(UInt32(key >> 32)) {
            let wrong = UInt32(truncatingIfNeeded: key)
            // Not a numeral: 新城一区, 二区 are subdivisions, not 城西区.
            if Normalizer.classify(wrong).kind == .han && !Self.numerals.contains(wrong) {
                confusablesOf[UInt32(key >> 32), default: []].append(wrong)
            }
        }
        for (index, positions) in variantPositions {
            let term = terms[index].scalars
            for p in positions {
                for wrong in confusablesOf[term[p]] ?? [] {
                    var v = term
                    v[p] = wrong
                    addExact(v, Record(term: Int32(index), edit: .variant(position: p, wrong: wrong), length: v.count))
                }
            }
        }
        for index in reduplicated {
            let t = terms[index].scalars
            for p in [0, 2] {
                for wrong in confusablesOf[t[p]] ?? [] {
                    var v = t
                    v[p] = wrong
                    v[p + 1] = wrong
                    addExact(v, Record(term: Int32(index), edit: .reduplicated(position: p, wrong: wrong), length: 4))
                }
            }
        }
        var boundaryWords = Set<UInt64>()
        for (index, word) in words.enumerated() {
            if word.count == 2 {
                boundaryWords.insert(UInt64(word[0]) << 32 | UInt64(word[1]))
            } else {
                addExact(word, Record(term: Int32(index), edit: .word, length: word.count))
            }
        }
        self.boundaryWords = boundaryWords
        self.exact = exact.build()
        self.masked = masked.build()
        self.reorderedVariants = reorderedVariants
        self.bloom = bloom
        self.gates = gates.build()
    }

    @inline(__always) private static func bloomSlot(_ h: UInt64) -> Int {
        Int(truncatingIfNeeded: (h &* 0x9E3779B97F4A7C15) >> UInt64(64 - bloomBits))
    }

    @inline(__always) private static func set(_ bits: inout [UInt64], _ slot: Int) {
        bits[slot >> 6] |= 1 << UInt64(slot & 63)
    }

    @inline(__always) private static func test(_ bits: [UInt64], _ slot: Int) -> Bool {
        bits[slot >> 6] & (1 << UInt64(slot & 63)) != 0
    }

    /// A near-miss found in normalised text.
    struct Hit {
        var range: Range<Int>
        var term: Int
        var right: String
        var message: String
    }

    /// Every near-miss in `s` (normalised scalars), leftmost-longest, minus those that are a
    /// listed word, or overlap a correct occurrence of a protected term reaching outside them.
    func scan(_ s: [UInt32]) -> [Hit] {
        let n = s.count
        guard n >= 3, !terms.isEmpty else { return [] }
        var prefix = [UInt64](repeating: 0, count: n + 1)
        for i in 0..<n { prefix[i + 1] = prefix[i] &* Self.base &+ UInt64(s[i]) }
        @inline(__always) func window(_ i: Int, _ length: Int) -> UInt64 {
            prefix[i + length] &- prefix[i] &* Self.powers[length]
        }
        // The gates of every pair once: a window of length L at i is first-gated when the pair
        // at i starts a term of length L, last-gated when the pair at i+L-2 ends one.
        var firstLengths = [UInt32](repeating: 0, count: n)
        var lastLengths = [UInt32](repeating: 0, count: n)
        var exactLengths = [UInt32](repeating: 0, count: n)
        for i in 0..<(n - 1) {
            let gate = gates[s[i], s[i + 1]]
            exactLengths[i] = gate.exact
            firstLengths[i] = gate.first
            lastLengths[i] = gate.last
        }
        var candidates: [Hit] = []
        var correct: [Range<Int>] = []
        var wordSpans: Set<Range<Int>> = []
        for i in 0..<(n - 1) {
            // Exact strings starting here: terms, words, swapped/dropped/doubled variants.
            var lengths = exactLengths[i]
            while lengths != 0 {
                let length = lengths.trailingZeroBitCount
                lengths &= lengths - 1
                guard i + length <= n else { break }
                let h = window(i, length)
                guard Self.test(bloom, Self.bloomSlot(h)), let records = exact[h] else { continue }
                for record in records where verifyExact(record, s, i) {
                    let range = i..<(i + length)
                    switch record.edit {
                    case .exact: correct.append(range)
                    case .word: wordSpans.insert(range)
                    case .variant(let position, _):
                        if variantStandsAlone(terms[Int(record.term)].kind, position, s, range) {
                            candidates.append(describe(record, s, range))
                        }
                    default: candidates.append(describe(record, s, range))
                    }
                }
            }
            // Substitutions in windows starting here with their first two characters intact:
            // anywhere if the last two are intact too, else in one of the last two.
            lengths = firstLengths[i]
            while lengths != 0 {
                let length = lengths.trailingZeroBitCount
                lengths &= lengths - 1
                guard i + length <= n else { break }
                let h = window(i, length)
                let lastGate = lastLengths[i + length - 2] & (1 << UInt32(length)) != 0
                for position in (lastGate ? 0 : length - 2)..<length {
                    substitution(at: position, s, i, length, h, &candidates)
                }
            }
            // Windows whose last two characters are the pair here and whose first two start
            // no term of their length: the substitution is in one of the first two.
            var byEnd = lastLengths[i]
            while byEnd != 0 {
                let length = byEnd.trailingZeroBitCount
                byEnd &= byEnd - 1
                let start = i + 2 - length
                guard start >= 0 else { break }
                if firstLengths[start] & (1 << UInt32(length)) != 0 { continue }
                let h = window(start, length)
                substitution(at: 0, s, start, length, h, &candidates)
                substitution(at: 1, s, start, length, h, &candidates)
            }
        }
        // A quoted span is a whole formulation or none (“不忘初衷、牢记使命”, “四种意识”): there
        // any inner character replaced is wrong, not only a confusable one.
        var open = -1
        for i in 0..<n {
            switch s[i] {
            case 0x201C, 0x300C, 0x300E: open = i  // “ 「 『
            case 0x201D, 0x300D, 0x300F:
                let start = open + 1, length = i - start
                if open >= 0, length >= Self.minSubstitution, length <= Self.maxLength {
                    quotedSubstitutions(s, start, length, window(start, length), &candidates)
                }
                open = -1
            default: break
            }
        }
        guard !candidates.isEmpty else { return [] }
        correct.sort { $0.lowerBound < $1.lowerBound }
        let correctSpans = Set(correct)
        let kept = candidates.filter { hit in
            if wordSpans.contains(hit.range) { return false }
            // A correct term with one neighbour is no corrupted longer term (健全|人民代表大会
            // is no 全国人民代表大会 with 国 dropped).
            let r = hit.range
            if correctSpans.contains((r.lowerBound + 1)..<r.upperBound)
                || correctSpans.contains(r.lowerBound..<(r.upperBound - 1))
            {
                return false
            }
            // A correct term that is the window, or overlaps it reaching outside: the text
            // there is that term (人民政协 beside 人民政府), not a corrupted one.
            // Spans are at most maxLength long: only those starting within that reach can
            // overlap (binary search, so the filter stays linear in the text).
            var lo = 0, hi = correct.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if correct[mid].lowerBound < hit.range.lowerBound - Self.maxLength - 1 {
                    lo = mid + 1
                } else {
                    hi = mid
                }
            }
            var k = lo
            while k < correct.count && correct[k].lowerBound < hit.range.upperBound {
                let span = correct[k]
                k += 1
                guard span.overlaps(hit.range) else { continue }
                let strictlyInside =
                    span.lowerBound >= hit.range.lowerBound && span.upperBound <= hit.range.upperBound
                    && span != hit.range
                if !strictlyInside { return false }
            }
            return true
        }
        // Leftmost-longest, non-overlapping.
        let sorted = kept.sorted { ($0.range.lowerBound, -$0.range.count) < ($1.range.lowerBound, -$1.range.count) }
        var result: [Hit] = []
        for hit in sorted where result.last.map({ $0.range.upperBound <= hit.range.lowerBound }) ?? true {
            result.append(hit)
        }
        return result
    }

    /// The window at `i` (hash `h`) with the character at `position` replaced.
    @inline(__always)
    private func substitution(
        at position: Int, _ s: [UInt32], _ i: Int, _ length: Int, _ h: UInt64, _ candidates: inout [Hit]
    ) {
        let key = h &- UInt64(s[i + position]) &* Self.powers[length - 1 - position]
        probeMasked(key, s, i, length, &candidates)
    }

    @inline(__always)
    private func probeMasked(_ key: UInt64, _ s: [UInt32], _ start: Int, _ length: Int, _ candidates: inout [Hit]) {
        guard Self.test(bloom, Self.bloomSlot(key)), let records = masked[key] else { return }
        for record in records where record.length == length {
            guard case .substitution(let p) = record.edit else { continue }
            let term = terms[Int(record.term)].scalars
            let wrong = s[start + p]
            guard wrong != term[p] else { continue }
            var same = true
            for k in 0..<length where k != p && s[start + k] != term[k] { same = false; break }
            guard same else { continue }
            let t = terms[Int(record.term)]
            let kind = confusion[UInt64(term[p]) << 32 | UInt64(wrong)]
            if kind == nil && !freelySubstitutable(t, position: p, wrong: wrong) { continue }
            if p == length - 1, start + length < s.count,
                boundaryWords.contains(UInt64(wrong) << 32 | UInt64(s[start + length]))
            {
                continue
            }
            if p == 0, start > 0, boundaryWords.contains(UInt64(s[start - 1]) << 32 | UInt64(wrong)) { continue }
            candidates.append(
                Hit(
                    range: start..<(start + length), term: Int(record.term), right: t.text,
                    message:
                        "“\(Self.text([wrong]))”应为“\(Self.text([term[p]]))”\(kind.map { "，" + $0.chinese } ?? "")（\(t.kind.chinese)“\(t.text)”）"
                ))
        }
    }

    private static let levelsBefore: Set<UInt32> = Set("省市区州盟县旗委镇乡".unicodeScalars.map(\.value))
    /// The provinces' names as news writes them before a city (安徽亳州, 福建莆田市).
    private static let provinces: [[UInt32]] = [
        "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建",
        "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海",
        "台湾", "内蒙古", "广西", "西藏", "宁夏", "新疆",
    ].map { $0.unicodeScalars.map(\.value) }
    private static let levels: Set<UInt32> = Set("国省市区州盟县旗镇乡村街".unicodeScalars.map(\.value))

    /// Any inner character of a long formulation or organ, neither it nor the right one a
    /// numeral (第十三个五年规划 is another plan) nor, in a formulation, a level (全面依法治县).
    private func freelySubstitutable(_ t: ProtectedTerm, position p: Int, wrong: UInt32) -> Bool {
        let n = t.scalars.count
        let right = t.scalars[p]
        let long =
            (t.kind == .formulation && n >= Self.minFreeSubstitution)
            || (t.kind == .organ && n >= Self.minFreeSubstitutionOrgan && Self.organEndings.contains(t.scalars[n - 1]))
        // A level inside an organ's name is part of it (住房和城乡建设局 as 住房和城镇建设局).
        let levelApplies = t.kind == .formulation && (Self.levels.contains(wrong) || Self.levels.contains(right))
        return long && p > 0 && p < n - 1
            && Normalizer.classify(wrong).kind == .han && Normalizer.classify(right).kind == .han
            && !Self.numerals.contains(wrong) && !Self.numerals.contains(right) && !levelApplies
    }

    /// A formulation with its words in another order: the two sides of a 和/与/及 exchanged
    /// (国家治理体系和治理能力 → 国家治理能力和治理体系), and the 、-separated items below.
    /// (Exchanging two-character words elsewhere, 青山绿水就是金山银山, made variants starting
    /// with common pairs, probed all over the text: a sixth of `check`'s time; such forms are
    /// listed as wrong forms instead.)
    static func reorderings(of s: [UInt32]) -> [[UInt32]] {
        var result = itemReorderings(of: s)
        var seen: Set<[UInt32]> = Set(result)
        seen.insert(s)
        func add(_ v: [UInt32]) { if seen.insert(v).inserted { result.append(v) } }
        for k in s.indices where Self.conjunctions.contains(s[k]) {
            for length in 2...4 where k - length >= 0 && k + 1 + length <= s.count {
                let left = Array(s[(k - length)..<k]), right = Array(s[(k + 1)..<(k + 1 + length)])
                guard left != right else { continue }
                add(Array(s[..<(k - length)]) + right + [s[k]] + left + Array(s[(k + 1 + length)...]))
            }
        }
        return result
    }

    private static let conjunctions: Set<UInt32> = Set("和与及".unicodeScalars.map(\.value))

    /// A formulation's leading 、-separated items in every other order (of five or more, two
    /// neighbours exchanged), the rest of the last item kept (完整、准确、全面|贯彻新发展理念 →
    /// 准确、完整、全面…); two items of four or more characters also with their first or second
    /// halves exchanged (不忘|初心、牢记|使命 → 牢记初心、不忘使命; 千村整治、万村示范).
    static func itemReorderings(of s: [UInt32]) -> [[UInt32]] {
        let comma: UInt32 = 0x3001
        let pieces = s.split(separator: comma, omittingEmptySubsequences: false).map(Array.init)
        guard pieces.count >= 2, pieces.count <= 8, let width = pieces.first?.count, width >= 2,
            pieces.dropLast().allSatisfy({ $0.count == width }), pieces.last!.count >= width
        else { return [] }
        let items = pieces.dropLast().map { $0 } + [Array(pieces.last!.prefix(width))]
        let tail = Array(pieces.last!.dropFirst(width))
        func join(_ order: [[UInt32]]) -> [UInt32] {
            var out: [UInt32] = []
            for (k, item) in order.enumerated() {
                if k > 0 { out.append(comma) }
                out += item
            }
            return out + tail
        }
        var result: [[UInt32]] = []
        var seen: Set<[UInt32]> = [s]
        func permute(_ rest: [[UInt32]], _ chosen: [[UInt32]]) {
            if rest.isEmpty {
                let v = join(chosen)
                if seen.insert(v).inserted { result.append(v) }
                return
            }
            for k in rest.indices {
                var r = rest
                let item = r.remove(at: k)
                permute(r, chosen + [item])
            }
        }
        if items.count <= 4 {
            permute(items, [])
        } else {
            // Five to eight items (创新、协调、绿色、开放、共享): two neighbours exchanged, the
            // slip a writer makes, not all 120–40,320 orders.
            for k in 0..<(items.count - 1) {
                var order = items
                order.swapAt(k, k + 1)
                let v = join(order)
                if seen.insert(v).inserted { result.append(v) }
            }
        }
        if items.count == 2, width >= 4, width % 2 == 0, tail.isEmpty {
            let half = width / 2
            let a = items[0], b = items[1]
            // The first halves exchanged (牢记初心、不忘使命) or the second (千村整治、万村示范).
            for v in [
                join([Array(b.prefix(half) + a.suffix(half)), Array(a.prefix(half) + b.suffix(half))]),
                join([Array(a.prefix(half) + b.suffix(half)), Array(b.prefix(half) + a.suffix(half))]),
            ] where seen.insert(v).inserted {
                result.append(v)
            }
        }
        return result
    }
    private static let numerals: Set<UInt32> = Set("〇零一二三四五六七八九十百千万两".unicodeScalars.map(\.value))

    /// Substitutions of any character in a quoted formulation, at its inner positions (the
    /// last is where a formulation is applied locally: “全面依法治县”), never a numeral
    /// (“第十三个五年规划” is another plan); confusable ones the scan has reported already.
    private func quotedSubstitutions(
        _ s: [UInt32], _ start: Int, _ length: Int, _ h: UInt64, _ candidates: inout [Hit]
    ) {
        for p in 1..<length {
            let wrong = s[start + p]
            guard Normalizer.classify(wrong).kind == .han, !Self.numerals.contains(wrong) else { continue }
            // The last character replaced by a level is the formulation applied locally (“全面依法治县”).
            if p == length - 1 && Self.levels.contains(wrong) { continue }
            let key = h &- UInt64(wrong) &* Self.powers[length - 1 - p]
            guard Self.test(bloom, Self.bloomSlot(key)), let records = masked[key] else { continue }
            for record in records where record.length == length {
                guard case .substitution(let position) = record.edit, position == p else { continue }
                let t = terms[Int(record.term)]
                let right = t.scalars[p]
                guard t.kind == .formulation, right != wrong, !Self.numerals.contains(right),
                    confusion[UInt64(right) << 32 | UInt64(wrong)] == nil
                else { continue }
                var same = true
                for k in 0..<length where k != p && s[start + k] != t.scalars[k] { same = false; break }
                guard same else { continue }
                candidates.append(
                    Hit(
                        range: start..<(start + length), term: Int(record.term), right: t.text,
                        message: "“\(Self.text([wrong]))”应为“\(Self.text([right]))”（\(t.kind.chinese)“\(t.text)”）"))
            }
        }
    }

    /// The state titles that may follow a leader's name (习近平总书记, 李强总理, 丁薛祥副总理),
    /// or end the title before it (国务委员王小洪, 国务院副总理丁薛祥, 中央书记处书记、蔡奇).
    /// 同志 and the verbs of news reports say nothing: citizens in the news (村民代表王小红表示,
    /// 护士陈文青同志) have names one homophone away from a leader's.
    private static let leaderTitlesAfter: Set<UInt64> = pairs(["总书", "总理", "副总", "主席", "副主", "委员"])
    /// Titles that villages and counties have too (村党支部书记张国庆, 县委常委, 村委委员, 县纪委书记)
    /// end a state title only in their central form: 书记处书记, 政治局委员, 国务委员, 中央纪委书记.
    private static let leaderTitlesBefore: [[UInt32]] = [
        "总理", "主席", "部长", "员长", "书长", "委、", "理、", "席、",
        "处书记", "局委员", "务委员", "局常委", "中央纪委书记", "国家监委主任",
    ].map { $0.unicodeScalars.map(\.value) }

    private static func pairs(_ words: [String]) -> Set<UInt64> {
        Set(words.map { w in w.unicodeScalars.reduce(UInt64(0)) { $0 << 32 | UInt64($1.value) } })
    }

    /// A variant is reported only where its edges make no word with the text beside them
    /// (赵乐济南 is not 赵乐际 + 南; 平安顺利 holds no 按顺), and a corrupted leader's name only
    /// beside a state title (丁雪祥副总理, 国务委员王小宏) — elsewhere it is most likely
    /// another person's name (王小红老师, 李西林).
    private func variantStandsAlone(_ kind: ProtectedKind, _ position: Int, _ s: [UInt32], _ range: Range<Int>) -> Bool
    {
        let isHan = { (c: UInt32) in Normalizer.classify(c).kind == .han }
        let lower = range.lowerBound, upper = range.upperBound
        if lower > 0, isHan(s[lower - 1]), boundaryWords.contains(UInt64(s[lower - 1]) << 32 | UInt64(s[lower])) {
            return false
        }
        if upper < s.count, isHan(s[upper]), boundaryWords.contains(UInt64(s[upper - 1]) << 32 | UInt64(s[upper])) {
            return false
        }
        if kind != .leader {
            // 新型城市, 山区: a place's first character replaced, the rest a word — a common noun
            // (not an organ's: 县材政局 is 财政局, though 政局 is a word).
            if kind == .place, position == 0,
                boundaryWords.contains(UInt64(s[lower + 1]) << 32 | UInt64(s[lower + 2]))
            {
                return false
            }
            // Only in an administrative chain (安徽省毫州市, 县信仿局, 县委组识部): a short name
            // standing alone may be a place or body the lists do not hold (a village, a
            // fictitious county in an example).
            if lower > 0 && Self.levelsBefore.contains(s[lower - 1]) { return true }
            // Or after a province's name without its level (安徽毫州, 福建蒲田市).
            return Self.provinces.contains { name in
                name.count <= lower && s[(lower - name.count)..<lower].elementsEqual(name)
            }
        }
        if upper + 1 < s.count, Self.leaderTitlesAfter.contains(UInt64(s[upper]) << 32 | UInt64(s[upper + 1])) {
            return true
        }
        return Self.leaderTitlesBefore.contains { title in
            title.count <= lower && s[(lower - title.count)..<lower].elementsEqual(title)
        }
    }

    private func verifyExact(_ record: Record, _ s: [UInt32], _ i: Int) -> Bool {
        let expected: [UInt32]
        switch record.edit {
        case .word: expected = words[Int(record.term)]
        default: expected = variant(terms[Int(record.term)].scalars, record.edit)
        }
        guard expected.count == record.length, i + expected.count <= s.count else { return false }
        for k in 0..<expected.count where s[i + k] != expected[k] { return false }
        return true
    }

    private func variant(_ t: [UInt32], _ edit: Edit) -> [UInt32] {
        var v = t
        switch edit {
        case .swap(let p): v.swapAt(p, p + 1)
        case .drop(let p): v.remove(at: p)
        case .double(let p): v.insert(t[p], at: p)
        case .variant(let p, let wrong): v[p] = wrong
        case .reordered(let k): v = reorderedVariants[k]
        case .reduplicated(let p, let wrong):
            v[p] = wrong
            v[p + 1] = wrong
        default: break
        }
        return v
    }

    private func describe(_ record: Record, _ s: [UInt32], _ range: Range<Int>) -> Hit {
        let t = terms[Int(record.term)]
        let message: String
        switch record.edit {
        case .swap(let p):
            message =
                "“\(Self.text([t.scalars[p + 1], t.scalars[p]]))”应为“\(Self.text([t.scalars[p], t.scalars[p + 1]]))”，字序颠倒（\(t.kind.chinese)“\(t.text)”）"
        case .drop(let p):
            message = "漏写“\(Self.text([t.scalars[p]]))”（\(t.kind.chinese)“\(t.text)”）"
        case .double(let p):
            message = "多写“\(Self.text([t.scalars[p]]))”（\(t.kind.chinese)“\(t.text)”）"
        case .reduplicated(let p, let wrong):
            let kind = confusion[UInt64(t.scalars[p]) << 32 | UInt64(wrong)] ?? .homophone
            message =
                "“\(Self.text([wrong, wrong]))”应为“\(Self.text([t.scalars[p], t.scalars[p]]))”，\(kind.chinese)（\(t.kind.chinese)“\(t.text)”）"
        case .reordered:
            message = "词序错误（\(t.kind.chinese)“\(t.text)”）"
        case .variant(let p, let wrong):
            let kind = confusion[UInt64(t.scalars[p]) << 32 | UInt64(wrong)] ?? .homophone
            message =
                "“\(Self.text([wrong]))”应为“\(Self.text([t.scalars[p]]))”，\(kind.chinese)（\(t.kind.chinese)“\(t.text)”）"
        default:
            message = "应为“\(t.text)”"
        }
        return Hit(range: range, term: Int(record.term), right: t.text, message: message)
    }

    static func text(_ scalars: [UInt32]) -> String {
        var view = String.UnicodeScalarView()
        for c in scalars { if let u = Unicode.Scalar(c) { view.append(u) } }
        return String(view)
    }

    /// Index entries, for `lexicon stats`.
    var keyCount: Int { exact.count + masked.count }
}

/// Window lengths per pair of adjacent characters, in one open-addressing table: the scan
/// reads it once per position, where it read a bit set per character and length before.
struct PairGates: Sendable {
    struct Lengths: Sendable {
        /// Bit L: an exact string of length L starts with the pair.
        var exact: UInt32 = 0
        /// Bit L: a substitutable term of length L starts with the pair / ends with it.
        var first: UInt32 = 0
        var last: UInt32 = 0
    }

    private struct Slot {
        var key: UInt64
        var lengths: Lengths
    }

    /// Pairs collected while the index is built.
    struct Builder {
        private var pairs: [UInt64: Lengths] = [:]

        mutating func add(_ a: UInt32, _ b: UInt32, exactLength n: Int) {
            pairs[PairGates.key(a, b), default: Lengths()].exact |= 1 << UInt32(n)
        }

        mutating func add(_ a: UInt32, _ b: UInt32, firstOfLength n: Int) {
            pairs[PairGates.key(a, b), default: Lengths()].first |= 1 << UInt32(n)
        }

        mutating func add(_ a: UInt32, _ b: UInt32, lastOfLength n: Int) {
            pairs[PairGates.key(a, b), default: Lengths()].last |= 1 << UInt32(n)
        }

        func build() -> PairGates { PairGates(pairs) }
    }

    private let slots: [Slot]
    private let shift: UInt64
    /// One bit per hashed pair, small enough to stay in cache: most pairs of running text
    /// start and end no term, and are answered here without touching the table.
    private let present: [UInt64]
    private static let presentBits = 21

    /// Scalars are at most 21 bits, so a tagged key is never 0, the empty slot.
    @inline(__always) static func key(_ a: UInt32, _ b: UInt32) -> UInt64 {
        1 << 63 | UInt64(a) << 32 | UInt64(b)
    }

    private init(_ pairs: [UInt64: Lengths]) {
        var bits = 4
        while 1 << bits < pairs.count * 2 { bits += 1 }
        var slots = [Slot](repeating: Slot(key: 0, lengths: Lengths()), count: 1 << bits)
        let shift = UInt64(64 - bits)
        let mask = (1 << bits) - 1
        var present = [UInt64](repeating: 0, count: 1 << (Self.presentBits - 6))
        for (key, lengths) in pairs {
            let bit = Self.presentSlot(key)
            present[bit >> 6] |= 1 << UInt64(bit & 63)
            var slot = Int(truncatingIfNeeded: (key &* 0x9E3779B97F4A7C15) >> shift)
            while slots[slot].key != 0 { slot = (slot + 1) & mask }
            slots[slot] = Slot(key: key, lengths: lengths)
        }
        self.slots = slots
        self.shift = shift
        self.present = present
    }

    @inline(__always) private static func presentSlot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0xC2B2AE3D27D4EB4F) >> UInt64(64 - presentBits))
    }

    subscript(a: UInt32, b: UInt32) -> Lengths {
        let key = Self.key(a, b)
        let bit = Self.presentSlot(key)
        guard present[bit >> 6] & (1 << UInt64(bit & 63)) != 0 else { return Lengths() }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: (key &* 0x9E3779B97F4A7C15) >> shift)
        while true {
            let found = slots[slot]
            if found.key == key { return found.lengths }
            if found.key == 0 { return Lengths() }
            slot = (slot + 1) & mask
        }
    }
}

/// hash → records, flat: one array of records grouped by key and a dictionary of (start,
/// count) per key. A dictionary of arrays paid a heap block per key, most of the near-miss
/// index's memory (every term has a masked key per character).
struct RecordTable: Sendable {
    private let slots: [UInt64: UInt64]
    private let records: [NearMissIndex.Record]

    var count: Int { slots.count }

    @inline(__always) subscript(key: UInt64) -> ArraySlice<NearMissIndex.Record>? {
        guard let slot = slots[key] else { return nil }
        let start = Int(truncatingIfNeeded: slot >> 32)
        return records[start..<(start + Int(truncatingIfNeeded: slot & 0xFFFF_FFFF))]
    }

    /// Records in the order they are added; a key's records keep that order.
    struct Builder {
        private var keys: [UInt64] = []
        private var records: [NearMissIndex.Record] = []

        mutating func add(_ key: UInt64, _ record: NearMissIndex.Record) {
            keys.append(key)
            records.append(record)
        }

        /// A counting sort by key: count, give each key its start, place every record (one
        /// hash per record and pass; the values are rewritten in place, never copied).
        func build() -> RecordTable {
            var slots = [UInt64: UInt64](minimumCapacity: keys.count)
            for key in keys { slots[key, default: 0] += 1 }
            var next: UInt64 = 0
            var i = slots.values.startIndex
            while i != slots.values.endIndex {
                let count = slots.values[i]
                slots.values[i] = next << 32
                next += count
                slots.values.formIndex(after: &i)
            }
            var placed = records
            for (key, record) in zip(keys, records) {
                let index = slots.index(forKey: key)!
                let slot = slots.values[index]
                placed[Int(slot >> 32) + Int(slot & 0xFFFF_FFFF)] = record
                slots.values[index] = slot + 1
            }
            return RecordTable(slots: slots, records: placed)
        }
    }
}
