/// The `re:` patterns of the wordlists: a safe subset of ICU regular-expression syntax,
/// checked when the lexicon loads, and run by a Pike VM (Thompson's construction with
/// capture slots) over Unicode scalars. Matching time is O(text × program) whatever the
/// pattern: no backtracking, so `(a+)+$` cannot take a minute on 1 KB — and it is refused
/// anyway, since a quantified expression may not hold another quantifier.
///
/// The subset: literals and escaped punctuation (`\.`), `.`, `\d \D \s \S \w \W \t \n \r`,
/// classes `[…]` / `[^…]` with ranges and those escapes, groups `(…)` and `(?:…)`,
/// alternation, the quantifiers `? * + {n} {n,} {n,m}` (m ≤ 100) greedy or lazy (`??`…),
/// `^` and `$`, and one-character lookarounds `(?<!x)`, `(?<=x)`, `(?!x)`, `(?=x)` where x is
/// a literal, an escape or a class. Semantics are ICU's leftmost-first (what
/// NSRegularExpression did), which a Pike VM reproduces with prioritised threads.
public struct SafePattern: Sendable {
    /// The pattern as written (after `re:`).
    public let source: String
    /// Capture groups, numbered from 1 in order of their `(`.
    public let groupCount: Int
    let program: [Instruction]
    /// The scalars a match can begin with: the search starts an attempt only there.
    let start: StartFilter

    /// Programs larger than this are refused (counted repetition multiplies the size).
    static let maxProgramSize = 4_000
    static let maxRepetition = 100

    public struct SyntaxError: Error, Sendable, CustomStringConvertible {
        /// 0-based scalar offset in the pattern.
        public let offset: Int
        public let reason: String
        /// True for a pattern outside the safe subset (rather than malformed).
        public let unsafe: Bool
        public var description: String { reason }
    }

    public init(_ source: String) throws(SyntaxError) {
        self.source = source
        var parser = Parser(Array(source.unicodeScalars))
        let tree = try parser.parseAll()
        if tree.canMatchEmpty {
            throw SyntaxError(offset: 0, reason: "the pattern can match empty text", unsafe: true)
        }
        groupCount = parser.groupCount
        var compiler = Compiler()
        compiler.emit(.save(0))
        compiler.compile(tree)
        compiler.emit(.save(1))
        compiler.emit(.match)
        guard compiler.program.count <= Self.maxProgramSize else {
            throw SyntaxError(
                offset: 0,
                reason: "the pattern is too large (\(compiler.program.count) steps; at most \(Self.maxProgramSize))",
                unsafe: true)
        }
        program = compiler.program
        start = StartFilter(tree.firstSets.sets)
    }

    /// A match: `groups[0]` is the whole match, `groups[k]` group k (nil when it did not
    /// take part); ranges are scalar offsets into the searched text.
    public struct Match: Sendable, Equatable {
        public var groups: [Range<Int>?]
        public var range: Range<Int> { groups[0]! }
    }

    /// Every non-overlapping match, left to right, as NSRegularExpression's `matches(in:)`
    /// (empty matches cannot occur: such patterns are refused).
    public func matches(in text: [Unicode.Scalar]) -> [Match] {
        var vm = PikeVM(program: program, slotCount: 2 * (groupCount + 1), text: text, start: start)
        var found: [Match] = []
        var start = 0
        while start < text.count, let slots = vm.search(from: start) {
            var groups: [Range<Int>?] = []
            for k in 0...groupCount {
                let (a, b) = (slots[2 * k], slots[2 * k + 1])
                groups.append(a >= 0 && b >= a ? a..<b : nil)
            }
            found.append(Match(groups: groups))
            start = max(slots[1], start + 1)
        }
        return found
    }

    public func matches(in text: String) -> [Match] { matches(in: Array(text.unicodeScalars)) }
}

// MARK: Character sets

/// A set of scalars: ranges plus Unicode classes, possibly negated.
struct ScalarSet: Sendable, Equatable {
    enum UnicodeClass: Sendable, Equatable { case digit, space, word, notDigit, notSpace, notWord, notLineBreak }
    var ranges: [ClosedRange<UInt32>] = []
    var classes: [UnicodeClass] = []
    var negated = false

    func contains(_ c: Unicode.Scalar) -> Bool {
        var inSet = false
        for range in ranges where range.contains(c.value) { inSet = true; break }
        if !inSet {
            for unicodeClass in classes where Self.matches(unicodeClass, c) { inSet = true; break }
        }
        return inSet != negated
    }

    /// ICU's definitions: \d is \p{Nd}; \s is White_Space; \w is letters, marks, decimal
    /// digits, connector punctuation and the joiners; `.` is anything but a line terminator.
    static func matches(_ unicodeClass: UnicodeClass, _ c: Unicode.Scalar) -> Bool {
        switch unicodeClass {
        case .digit: return c.properties.generalCategory == .decimalNumber
        case .notDigit: return c.properties.generalCategory != .decimalNumber
        case .space: return c.properties.isWhitespace
        case .notSpace: return !c.properties.isWhitespace
        case .word: return isWord(c)
        case .notWord: return !isWord(c)
        case .notLineBreak: return !isLineTerminator(c)
        }
    }

    static func isWord(_ c: Unicode.Scalar) -> Bool {
        if c.value == 0x200C || c.value == 0x200D { return true }
        let p = c.properties
        if p.isAlphabetic { return true }
        switch p.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .connectorPunctuation: return true
        default: return false
        }
    }

    static func isLineTerminator(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }
}

/// Which scalars may begin a match: a bitmap over the Basic Multilingual Plane, the sets
/// themselves above it. Every match consumes a scalar at its first position (patterns that
/// can match empty text are refused), so an attempt elsewhere cannot succeed.
struct StartFilter: Sendable {
    private let bits: [UInt64]
    private let sets: [ScalarSet]

    init(_ sets: [ScalarSet]) {
        self.sets = sets
        var bits = [UInt64](repeating: 0, count: 1024)
        for set in sets {
            var setBits = [UInt64](repeating: 0, count: 1024)
            for range in set.ranges where range.lowerBound < 0x10000 {
                for value in range.lowerBound...min(range.upperBound, 0xFFFF) {
                    setBits[Int(value >> 6)] |= 1 << UInt64(value & 63)
                }
            }
            for unicodeClass in set.classes {
                let classBits = Self.bitmap(of: unicodeClass)
                for k in setBits.indices { setBits[k] |= classBits[k] }
            }
            for k in bits.indices { bits[k] |= set.negated ? ~setBits[k] : setBits[k] }
        }
        self.bits = bits
    }

    private static let digits = bitmap { ScalarSet.matches(.digit, $0) }
    private static let spaces = bitmap { ScalarSet.matches(.space, $0) }
    private static let words = bitmap { ScalarSet.matches(.word, $0) }
    private static let lineBreaks = bitmap { ScalarSet.isLineTerminator($0) }

    private static func bitmap(of unicodeClass: ScalarSet.UnicodeClass) -> [UInt64] {
        switch unicodeClass {
        case .digit: digits
        case .space: spaces
        case .word: words
        case .notDigit: digits.map { ~$0 }
        case .notSpace: spaces.map { ~$0 }
        case .notWord: words.map { ~$0 }
        case .notLineBreak: lineBreaks.map { ~$0 }
        }
    }

    /// The BMP scalars (surrogate code points are never scalars: their bits are unused).
    private static func bitmap(_ member: (Unicode.Scalar) -> Bool) -> [UInt64] {
        var bits = [UInt64](repeating: 0, count: 1024)
        for value in 0..<UInt32(0x10000) {
            if let scalar = Unicode.Scalar(value), member(scalar) { bits[Int(value >> 6)] |= 1 << UInt64(value & 63) }
        }
        return bits
    }

    func admits(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 0x10000 { return bits[Int(v >> 6)] & (1 << UInt64(v & 63)) != 0 }
        return sets.contains { $0.contains(c) }
    }
}

// MARK: Syntax tree

indirect enum PatternNode: Sendable {
    case set(ScalarSet)
    case sequence([PatternNode])
    case alternation([PatternNode])
    case group(PatternNode, capture: Int?)
    case repetition(PatternNode, min: Int, max: Int?, greedy: Bool)
    case startOfText
    case endOfText
    /// A one-character lookaround: `behind` looks at the previous scalar, else the next.
    case look(ScalarSet, behind: Bool, negative: Bool)

    var canMatchEmpty: Bool {
        switch self {
        case .set: false
        case .sequence(let items): items.allSatisfy(\.canMatchEmpty)
        case .alternation(let items): items.contains(where: \.canMatchEmpty)
        case .group(let inner, _): inner.canMatchEmpty
        case .repetition(let inner, let min, _, _): min == 0 || inner.canMatchEmpty
        case .startOfText, .endOfText, .look: true
        }
    }

    /// The sets the first consumed scalar comes from, and whether the node can consume
    /// nothing (so what follows it may come first).
    var firstSets: (sets: [ScalarSet], nullable: Bool) {
        switch self {
        case .set(let set): return ([set], false)
        case .startOfText, .endOfText, .look: return ([], true)
        case .group(let inner, _): return inner.firstSets
        case .repetition(let inner, let min, _, _):
            let first = inner.firstSets
            return (first.sets, min == 0 || first.nullable)
        case .alternation(let items):
            let firsts = items.map(\.firstSets)
            return (firsts.flatMap(\.sets), firsts.contains(where: \.nullable))
        case .sequence(let items):
            var sets: [ScalarSet] = []
            for item in items {
                let first = item.firstSets
                sets += first.sets
                if !first.nullable { return (sets, false) }
            }
            return (sets, true)
        }
    }

    var hasQuantifier: Bool {
        switch self {
        case .set, .startOfText, .endOfText, .look: false
        case .sequence(let items), .alternation(let items): items.contains(where: \.hasQuantifier)
        case .group(let inner, _): inner.hasQuantifier
        case .repetition: true
        }
    }

    /// Matches no scalar (an assertion or an empty group): quantifying it means nothing.
    var isZeroWidth: Bool {
        switch self {
        case .startOfText, .endOfText, .look: true
        case .sequence(let items): items.allSatisfy(\.isZeroWidth)
        case .group(let inner, _): inner.isZeroWidth
        default: false
        }
    }
}

private struct Parser {
    let s: [Unicode.Scalar]
    var i = 0
    var groupCount = 0

    init(_ s: [Unicode.Scalar]) { self.s = s }

    func fail(_ reason: String, at offset: Int? = nil, unsafe: Bool = false) -> SafePattern.SyntaxError {
        SafePattern.SyntaxError(offset: offset ?? i, reason: reason, unsafe: unsafe)
    }

    mutating func parseAll() throws(SafePattern.SyntaxError) -> PatternNode {
        let node = try parseAlternation()
        if i < s.count { throw fail(s[i] == ")" ? "unbalanced ')'" : "unexpected '\(s[i])'") }
        return node
    }

    mutating func parseAlternation() throws(SafePattern.SyntaxError) -> PatternNode {
        var branches = [try parseSequence()]
        while i < s.count, s[i] == "|" {
            i += 1
            branches.append(try parseSequence())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    mutating func parseSequence() throws(SafePattern.SyntaxError) -> PatternNode {
        var items: [PatternNode] = []
        while i < s.count, s[i] != "|", s[i] != ")" {
            let atomStart = i
            var atom = try parseAtom()
            while let quantifier = try parseQuantifier() {
                if atom.isZeroWidth { throw fail("a quantifier needs something to repeat", at: atomStart) }
                if atom.hasQuantifier {
                    throw fail(
                        "nested quantifier: a repeated expression may not hold another quantifier (its matching time could explode)",
                        at: atomStart, unsafe: true)
                }
                atom = .repetition(atom, min: quantifier.min, max: quantifier.max, greedy: quantifier.greedy)
            }
            items.append(atom)
        }
        return items.count == 1 ? items[0] : .sequence(items)
    }

    mutating func parseQuantifier() throws(SafePattern.SyntaxError) -> (min: Int, max: Int?, greedy: Bool)? {
        guard i < s.count else { return nil }
        var bounds: (Int, Int?)
        switch s[i] {
        case "?": bounds = (0, 1); i += 1
        case "*": bounds = (0, nil); i += 1
        case "+": bounds = (1, nil); i += 1
        case "{":
            let start = i
            i += 1
            guard let low = number() else { throw fail("expected a number after '{'", at: start) }
            var high: Int? = low
            if i < s.count, s[i] == "," {
                i += 1
                high = number()
            }
            guard i < s.count, s[i] == "}" else { throw fail("expected '}'", at: start) }
            i += 1
            if let high, high < low { throw fail("{\(low),\(high)}: the maximum is below the minimum", at: start) }
            if low > SafePattern.maxRepetition || (high ?? 0) > SafePattern.maxRepetition {
                throw fail("repetition above \(SafePattern.maxRepetition)", at: start, unsafe: true)
            }
            bounds = (low, high)
        default:
            return nil
        }
        var greedy = true
        if i < s.count, s[i] == "?" {
            greedy = false; i += 1
        } else if i < s.count, s[i] == "+" {
            throw fail("possessive quantifiers are not supported", unsafe: true)
        }
        return (bounds.0, bounds.1, greedy)
    }

    mutating func number() -> Int? {
        var value: Int?
        while i < s.count, let d = s[i].asciiDigit {
            value = (value ?? 0) * 10 + d
            if value! > 1_000_000 { return value }
            i += 1
        }
        return value
    }

    mutating func parseAtom() throws(SafePattern.SyntaxError) -> PatternNode {
        let c = s[i]
        switch c {
        case "(":
            return try parseGroup()
        case "[":
            return .set(try parseClass())
        case ".":
            i += 1
            return .set(ScalarSet(classes: [.notLineBreak]))
        case "^":
            i += 1
            return .startOfText
        case "$":
            i += 1
            return .endOfText
        case "\\":
            return .set(try parseEscape(inClass: false))
        case "*", "+", "?", "{":
            throw fail("'\(c)' has nothing to repeat")
        case "]", "}":
            // ICU reads a lone ] or } as a literal.
            i += 1
            return .set(ScalarSet(ranges: [c.value...c.value]))
        default:
            i += 1
            return .set(ScalarSet(ranges: [c.value...c.value]))
        }
    }

    mutating func parseGroup() throws(SafePattern.SyntaxError) -> PatternNode {
        let open = i
        i += 1
        if i < s.count, s[i] == "?" {
            let kind = String(String.UnicodeScalarView(s[i..<min(s.count, i + 3)]))
            if kind.hasPrefix("?:") {
                i += 2
                let inner = try parseAlternation()
                try close(open)
                return .group(inner, capture: nil)
            }
            let looks: [(String, Bool, Bool)] = [
                ("?<!", true, true), ("?<=", true, false), ("?!", false, true), ("?=", false, false),
            ]
            for (prefix, behind, negative) in looks where kind.hasPrefix(prefix) {
                i += prefix.unicodeScalars.count
                guard i < s.count else { throw fail("unbalanced '('", at: open) }
                let set: ScalarSet
                switch s[i] {
                case "[": set = try parseClass()
                case "\\": set = try parseEscape(inClass: false)
                case "(", ")", "|", "*", "+", "?", "{", "^", "$":
                    throw fail("a lookaround may hold one character, escape or class only", at: open, unsafe: true)
                case ".": i += 1; set = ScalarSet(classes: [.notLineBreak])
                default: set = ScalarSet(ranges: [s[i].value...s[i].value]); i += 1
                }
                guard i < s.count, s[i] == ")" else {
                    throw fail("a lookaround may hold one character, escape or class only", at: open, unsafe: true)
                }
                i += 1
                return .look(set, behind: behind, negative: negative)
            }
            throw fail("unsupported group syntax '(\(kind)'", at: open, unsafe: true)
        }
        groupCount += 1
        let number = groupCount
        let inner = try parseAlternation()
        try close(open)
        return .group(inner, capture: number)
    }

    mutating func close(_ open: Int) throws(SafePattern.SyntaxError) {
        guard i < s.count, s[i] == ")" else { throw fail("unbalanced '('", at: open) }
        i += 1
    }

    mutating func parseClass() throws(SafePattern.SyntaxError) -> ScalarSet {
        let open = i
        i += 1
        var set = ScalarSet()
        if i < s.count, s[i] == "^" { set.negated = true; i += 1 }
        var first = true
        while true {
            guard i < s.count else { throw fail("missing ']'", at: open) }
            let c = s[i]
            if c == "]" && !first { i += 1; break }
            first = false
            if c == "[" { throw fail("nested classes are not supported", unsafe: true) }
            if c == "&", i + 1 < s.count, s[i + 1] == "&" {
                throw fail("class intersection is not supported", unsafe: true)
            }
            var low: UInt32
            if c == "\\" {
                let escaped = try parseEscape(inClass: true)
                guard escaped.classes.isEmpty, escaped.ranges.count == 1, escaped.ranges[0].count == 1 else {
                    set.ranges += escaped.ranges
                    set.classes += escaped.classes
                    continue
                }
                low = escaped.ranges[0].lowerBound
            } else {
                low = c.value
                i += 1
            }
            if i + 1 < s.count, s[i] == "-", s[i + 1] != "]" {
                i += 1
                var high: UInt32
                if s[i] == "\\" {
                    let escaped = try parseEscape(inClass: true)
                    guard escaped.classes.isEmpty, escaped.ranges.count == 1, escaped.ranges[0].count == 1 else {
                        throw fail("a range cannot end in a class")
                    }
                    high = escaped.ranges[0].lowerBound
                } else {
                    high = s[i].value
                    i += 1
                }
                guard low <= high else { throw fail("range out of order") }
                set.ranges.append(low...high)
            } else {
                set.ranges.append(low...low)
            }
        }
        return set
    }

    /// `\d`, `\s`, `\w` (and negations), `\t \n \r \f`, `\uhhhh`, or an escaped
    /// non-alphanumeric character taken literally.
    mutating func parseEscape(inClass: Bool) throws(SafePattern.SyntaxError) -> ScalarSet {
        let start = i
        i += 1
        guard i < s.count else { throw fail("'\\' at the end of the pattern", at: start) }
        let c = s[i]
        i += 1
        func literal(_ v: UInt32) -> ScalarSet { ScalarSet(ranges: [v...v]) }
        switch c {
        case "d": return ScalarSet(classes: [.digit])
        case "D": return ScalarSet(classes: [.notDigit])
        case "s": return ScalarSet(classes: [.space])
        case "S": return ScalarSet(classes: [.notSpace])
        case "w": return ScalarSet(classes: [.word])
        case "W": return ScalarSet(classes: [.notWord])
        case "t": return literal(0x09)
        case "n": return literal(0x0A)
        case "r": return literal(0x0D)
        case "f": return literal(0x0C)
        case "u":
            guard i + 4 <= s.count, let value = UInt32(String(String.UnicodeScalarView(s[i..<i + 4])), radix: 16) else {
                throw fail("\\u needs four hex digits", at: start)
            }
            i += 4
            return literal(value)
        default:
            if c.properties.isAlphabetic || c.asciiDigit != nil {
                throw fail("unsupported escape '\\\(c)'", at: start, unsafe: true)
            }
            return literal(c.value)
        }
    }
}

private extension Unicode.Scalar {
    var asciiDigit: Int? { value >= 0x30 && value <= 0x39 ? Int(value - 0x30) : nil }
}

// MARK: Program

enum Instruction: Sendable {
    case set(ScalarSet)
    /// Try `x` first, then `y` (priority order).
    case split(Int, Int)
    case jump(Int)
    case save(Int)
    case assertStart
    case assertEnd
    case look(ScalarSet, behind: Bool, negative: Bool)
    case match
}

private struct Compiler {
    var program: [Instruction] = []

    mutating func emit(_ instruction: Instruction) { program.append(instruction) }

    mutating func compile(_ node: PatternNode) {
        // Stop growing past the limit; the caller refuses the program.
        guard program.count <= SafePattern.maxProgramSize else { return }
        switch node {
        case .set(let set):
            emit(.set(set))
        case .sequence(let items):
            for item in items { compile(item) }
        case .alternation(let branches):
            // split L1, next; L1: a; jmp end; next: split L2, … ; last branch plain.
            var jumps: [Int] = []
            for (index, branch) in branches.enumerated() {
                if index < branches.count - 1 {
                    let split = program.count
                    emit(.split(split + 1, -1))
                    compile(branch)
                    jumps.append(program.count)
                    emit(.jump(-1))
                    program[split] = .split(split + 1, program.count)
                } else {
                    compile(branch)
                }
            }
            for jump in jumps { program[jump] = .jump(program.count) }
        case .group(let inner, let capture):
            if let capture { emit(.save(2 * capture)) }
            compile(inner)
            if let capture { emit(.save(2 * capture + 1)) }
        case .repetition(let inner, let min, let max, let greedy):
            for _ in 0..<min { compile(inner) }
            if let max {
                // Each optional copy: split body, skip (greedy) or skip, body (lazy).
                var exits: [Int] = []
                for _ in min..<max {
                    let split = program.count
                    emit(.split(-1, -1))
                    compile(inner)
                    exits.append(split)
                    program[split] = greedy ? .split(split + 1, -2) : .split(-2, split + 1)
                }
                let end = program.count
                for split in exits {
                    if case .split(let x, let y) = program[split] {
                        program[split] = .split(x == -2 ? end : x, y == -2 ? end : y)
                    }
                }
            } else {
                // L: split body, end (greedy); body; jmp L.
                let loop = program.count
                emit(.split(-1, -1))
                compile(inner)
                emit(.jump(loop))
                let end = program.count
                program[loop] = greedy ? .split(loop + 1, end) : .split(end, loop + 1)
            }
        case .startOfText:
            emit(.assertStart)
        case .endOfText:
            emit(.assertEnd)
        case .look(let set, let behind, let negative):
            emit(.look(set, behind: behind, negative: negative))
        }
    }
}

/// The Pike VM: all threads advance in lockstep over the text, one scalar at a time, in
/// priority order; a pc already on the list at this position is not added again, so the
/// work per scalar is bounded by the program size.
private struct PikeVM {
    let program: [Instruction]
    let slotCount: Int
    let text: [Unicode.Scalar]
    let start: StartFilter

    private var onList: [Int]
    private var generation = 0

    init(program: [Instruction], slotCount: Int, text: [Unicode.Scalar], start: StartFilter) {
        self.program = program
        self.slotCount = slotCount
        self.text = text
        self.start = start
        onList = [Int](repeating: -1, count: program.count)
    }

    struct ThreadList {
        var pcs: [Int] = []
        var slots: [Int] = []
        mutating func clear() { pcs.removeAll(keepingCapacity: true); slots.removeAll(keepingCapacity: true) }
    }

    /// The leftmost-first match starting at or after `from`: its capture slots.
    mutating func search(from: Int) -> [Int]? {
        var matched: [Int]?
        var position = from
        var scratch = [Int](repeating: -1, count: slotCount)
        // Thread lists: pcs in priority order and their slots (flattened).
        var current = ThreadList(), next = ThreadList()
        // Until a match, the search goes on even when every thread has died: an attempt can
        // die inside addThread (a look-behind that fails), and a later one may still match.
        while true {
            if current.pcs.isEmpty {
                // Nothing alive: skip to where a match can begin.
                guard matched == nil else { break }
                while position < text.count && !start.admits(text[position]) { position += 1 }
                guard position < text.count else { break }
                generation += 1
                for k in scratch.indices { scratch[k] = -1 }
                addThread(&current, pc: 0, position: position, slots: &scratch)
                if current.pcs.isEmpty { position += 1; continue }
            }
            generation += 1
            next.clear()
            var index = 0
            while index < current.pcs.count {
                let pc = current.pcs[index]
                let base = index * slotCount
                if case .match = program[pc] {
                    matched = Array(current.slots[base..<(base + slotCount)])
                    break  // threads of lower priority are cut off
                }
                if case .set(let set) = program[pc], position < text.count, set.contains(text[position]) {
                    for k in 0..<slotCount { scratch[k] = current.slots[base + k] }
                    addThread(&next, pc: pc + 1, position: position + 1, slots: &scratch)
                }
                index += 1
            }
            // No match yet: a new attempt one scalar on, below every older thread in priority
            // (the unanchored search's implicit lazy prefix).
            if matched == nil, position + 1 < text.count, start.admits(text[position + 1]) {
                for k in scratch.indices { scratch[k] = -1 }
                addThread(&next, pc: 0, position: position + 1, slots: &scratch)
            }
            swap(&current, &next)
            position += 1
        }
        return matched
    }

    /// Follows jumps, splits, saves and assertions from `pc` at `position` and puts every
    /// thread that waits on a character (or matches) on `list`, in priority order.
    private mutating func addThread(_ list: inout ThreadList, pc: Int, position: Int, slots: inout [Int]) {
        if onList[pc] == generation { return }
        onList[pc] = generation
        switch program[pc] {
        case .jump(let target):
            addThread(&list, pc: target, position: position, slots: &slots)
        case .split(let x, let y):
            addThread(&list, pc: x, position: position, slots: &slots)
            addThread(&list, pc: y, position: position, slots: &slots)
        case .save(let slot):
            let old = slots[slot]
            slots[slot] = position
            addThread(&list, pc: pc + 1, position: position, slots: &slots)
            slots[slot] = old
        case .assertStart:
            if position == 0 { addThread(&list, pc: pc + 1, position: position, slots: &slots) }
        case .assertEnd:
            // ICU without multiline: the end, or before a line terminator that ends the text.
            let atEnd =
                position == text.count
                || (position == text.count - 1 && ScalarSet.isLineTerminator(text[position]))
                || (position == text.count - 2 && text[position] == "\r" && text[position + 1] == "\n")
            if atEnd { addThread(&list, pc: pc + 1, position: position, slots: &slots) }
        case .look(let set, let behind, let negative):
            let index = behind ? position - 1 : position
            let holds = index >= 0 && index < text.count && set.contains(text[index])
            if holds != negative { addThread(&list, pc: pc + 1, position: position, slots: &slots) }
        case .set, .match:
            list.pcs.append(pc)
            list.slots.append(contentsOf: slots)
        }
    }
}
