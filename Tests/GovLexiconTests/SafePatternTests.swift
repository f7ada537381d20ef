import Foundation
@testable import GovLexicon
import GovTestSupport
import Testing

/// Issue 11 item 5: `re:` patterns run on our own linear-time matcher (a Pike VM over the
/// safe subset), with NSRegularExpression's results; unsafe patterns are refused at load.
@Suite struct SafePatternTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let shipped: Lexicon = try! Lexicon.load(directory: root.appendingPathComponent("wordlists").path)

    static var shippedPatterns: [String] {
        shipped.patterns.map(\.regex.source)
    }

    /// NSRegularExpression's matches (whole match and groups) in scalar offsets: the reference.
    static func reference(_ pattern: String, _ text: String) throws -> [[Range<Int>?]] {
        try reference(NSRegularExpression(pattern: pattern), text)
    }

    static func reference(_ regex: NSRegularExpression, _ text: String) -> [[Range<Int>?]] {
        var scalarAt: [Int] = []
        for (index, scalar) in text.unicodeScalars.enumerated() {
            scalarAt.append(index)
            if scalar.value > 0xFFFF { scalarAt.append(index) }
        }
        scalarAt.append(text.unicodeScalars.count)
        return regex.matches(in: text, range: NSRange(location: 0, length: text.utf16.count)).map { result in
            (0..<result.numberOfRanges).map { k in
                let r = result.range(at: k)
                return r.location == NSNotFound ? nil : scalarAt[r.location]..<scalarAt[r.location + r.length]
            }
        }.filter { $0[0].map { !$0.isEmpty } ?? false }
    }

    static func ours(_ pattern: String, _ text: String) throws -> [[Range<Int>?]] {
        try SafePattern(pattern).matches(in: text).map(\.groups)
    }

    /// The texts of the comparison: the clean corpus (normalised as the matcher sees it), the
    /// lexicon self-test sentences, and 3,000 seeded random strings over the patterns' alphabet.
    static let comparisonTexts: [String] = {
        var texts: [String] = []
        let base = root.appendingPathComponent("Tests/Fixtures/clean-corpus")
        let files =
            FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        for file in files where file.pathExtension == "txt" {
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
            // Every shipped pattern needs an ASCII digit (after normalisation): other lines
            // cannot match in either engine, and comparing them only costs time.
            texts += text.split(separator: "\n").map { Normalizer.normalize(String($0)).text }
                .filter { $0.unicodeScalars.contains { $0.value >= 0x30 && $0.value <= 0x39 } }
        }
        for entry in shipped.entries {
            texts.append(Normalizer.normalize("据悉，" + entry.wrong + "。").text)
            if let right = entry.right { texts.append(Normalizer.normalize("据悉，" + right + "。").text) }
        }
        // Tokens of the patterns' own vocabulary, so the random texts hit and nearly hit them.
        let tokens = [
            "党的", "大", "届", "中全会", "全国人大", "全国政协", "次会议", "五", "规划", "时期", "期间", "末", "第", "季度",
            "星期", "年", "月", "日", ".", "·", "十", "二", "一", "三", "九", "A", "z", "。", " ", "19", "20", "0", "1",
            "2", "3", "5", "9", "12", "31", "13",
        ]
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<3_000 {
            let count = Int.random(in: 1...10, using: &generator)
            texts.append((0..<count).map { _ in tokens.randomElement(using: &generator)! }.joined())
        }
        return texts
    }()

    @Test func everyShippedPatternMatchesAsNSRegularExpressionDid() throws {
        let patterns = Self.shippedPatterns
        #expect(patterns.count >= 13, "the shipped re: patterns: \(patterns.count)")
        var compared = 0, withMatches = 0
        for pattern in patterns {
            let regex = try NSRegularExpression(pattern: pattern)
            let safe = try SafePattern(pattern)
            for text in Self.comparisonTexts {
                let expected = Self.reference(regex, text)
                let actual = safe.matches(in: text).map(\.groups)
                #expect(actual == expected, "\(pattern) on \(text): \(actual) ≠ NSRegularExpression \(expected)")
                compared += 1
                if !expected.isEmpty { withMatches += 1 }
            }
        }
        #expect(withMatches > 50, "the comparison exercises matches, not only misses: \(withMatches) of \(compared)")
    }

    /// Constructs outside the shipped patterns, still in the subset, against the reference.
    @Test(arguments: [
        "a|ab", "(a|ab)(c|bcd)", "x*?y", "a{2,3}?", "(?:ab)+c", "[^0-9]+\\d", "^\\s*第", "末$", "(a)|(b)",
        "[-a]+", "\\u4e00+", "(?=一)一二", "二(?<=二)", "[\\d.]+年", "(?<![0-9])20\\d\\d", "(?<![0-9.])(20)\\.(\\d)",
        // Start sets (an attempt begins only where the first consumed scalar can match):
        // optional and alternated first items, negated classes, `.`, Unicode classes.
        "a?b", "(?:x|y?)z", "\\D\\d", ".一", "\\w+二", "[^a]b", "(?<=a)b?c", "(?:^|期)末",
    ])
    func constructsMatchTheReference(_ pattern: String) throws {
        for text in [
            "ab", "abcd", "xxxyxy", "aaaaaa", "ababc", "abc9", "  第一", "期末", "期末\n", "ba", "-a-", "一一二", "二二",
            "2026.1.年",
            "3，2024", "第3季度，2024.3.15前", "20.3", "9 20.1",
        ] {
            #expect(try Self.ours(pattern, text) == Self.reference(pattern, text), "\(pattern) on \(text)")
        }
    }

    /// Regression: every attempt died inside the VM when a look-behind failed right after a
    /// digit, and the search gave up — “第3季度前完成整改，2024.3.15前报送” lost its dotted date.
    @Test func aFailedLookBehindDoesNotEndTheSearch() throws {
        let pattern = "(?<![0-9.])((?:19|20)[0-9]{2})\\.(1[0-2]|0?[1-9])\\.(3[01]|[12][0-9]|0?[1-9])(?![0-9.])"
        for text in ["第3季度前完成整改，2024.3.15前报送", "3，2024.3.15", "a3 2024.3.15"] {
            let found = try SafePattern(pattern).matches(in: text).count
            #expect(found == 1, "\(text): \(found) matches")
            #expect(try Self.ours(pattern, text) == Self.reference(pattern, text), "\(text)")
        }
    }

    /// Nested quantifiers, possessive quantifiers, back-references and long lookarounds are
    /// refused with the line and column (before: `(a+)+$` was accepted and took a minute on 1 KB).
    @Test func unsafePatternsAreRefusedAtLoad() {
        func error(_ pattern: String) -> String? {
            do { _ = try Lexicon(files: ["number-style.tsv": "re:\(pattern)\tx\tbasis"]); return nil } catch {
                return error.description
            }
        }
        #expect(
            error("(a+)+$")?.hasPrefix("inline/number-style.tsv:1:4: unsafe pattern (a+)+$: nested quantifier") == true,
            "\(error("(a+)+$") ?? "accepted")")
        #expect(error("x(\\d*)*")?.contains("1:5: unsafe pattern") == true, "\(error("x(\\d*)*") ?? "accepted")")
        #expect(error("a++")?.contains("possessive") == true)
        #expect(error("(a)\\1")?.contains("unsafe pattern") == true)
        #expect(error("(?<!ab)c")?.contains("lookaround") == true)
        #expect(error("a?")?.contains("empty text") == true)
        #expect(error("a{1,1000}")?.contains("repetition above") == true)
        #expect(error("(a{1,2}){3}") != nil)
    }

    /// Linear whatever the text: a pattern that backtracks exponentially in a backtracking
    /// engine (in the subset: a|aa alternation under one quantifier) doubles its work at most
    /// about twice when the text doubles.
    @Test func matchingIsLinearInTheText() throws {
        let pattern = try SafePattern("(?:a|aa)+b")
        func cost(_ n: Int) -> Double {
            let text = Array(String(repeating: "a", count: n).unicodeScalars)
            var best = Double.infinity
            for _ in 0..<3 {
                let start = threadCPUTime()
                _ = pattern.matches(in: text)
                best = min(best, threadCPUTime() - start)
            }
            return best
        }
        _ = cost(1_000)
        // A backtracking matcher is exponential here, not 3× per doubling.
        let growth = Doubling.measure(n: 20_000, floor: 0.001, cost)
        #expect(growth.isLinear, "\(growth)")
    }
}

/// SplitMix64: a reproducible generator for the comparison texts.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
