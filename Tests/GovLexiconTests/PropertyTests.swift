import Foundation
import GovCore
import Testing
@testable import GovLexicon

/// A small deterministic generator, so failures reproduce.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Leftmost-longest, non-overlapping, allow words masking by overlap: the definition,
/// written the slow obvious way over normalised scalars.
func naiveMatches(
    _ text: [Unicode.Scalar], patterns: Set<[Unicode.Scalar]>, allow: Set<[Unicode.Scalar]>,
    maxLength: Int
) -> [Range<Int>] {
    var hits: [Range<Int>] = []
    var index = 0
    while index < text.count {
        var found = 0
        for length in stride(from: min(maxLength, text.count - index), through: 1, by: -1)
        where patterns.contains(Array(text[index..<(index + length)])) {
            found = length; break
        }
        if found > 0 { hits.append(index..<(index + found)); index += found } else { index += 1 }
    }
    var allowSpans: [Range<Int>] = []
    for start in text.indices {
        for length in 1...maxLength
        where start + length <= text.count && allow.contains(Array(text[start..<(start + length)])) {
            allowSpans.append(start..<(start + length))
        }
    }
    return hits.filter { hit in !allowSpans.contains { $0.overlaps(hit) } }
}

@Suite struct PropertyTests {
    /// 3,000 common-range Chinese characters plus a few others, as pattern material.
    static let alphabet: [Unicode.Scalar] =
        (0..<3000).map { Unicode.Scalar(0x4E00 + $0 * 7)! }
        + ["A", "1", "𠀀", "〇"]

    @Test func hundredThousandPatternsAgreeWithTheDefinition() throws {
        var random = SplitMix64(state: 42)
        let alphabet = Self.alphabet
        // A skewed pick (like real text): low indices are far more frequent.
        func pick() -> Unicode.Scalar {
            let roll = Double(random.next() % 1_000_000) / 1_000_000
            return alphabet[min(alphabet.count - 1, Int(roll * roll * roll * Double(alphabet.count)))]
        }
        var patterns = Set<[Unicode.Scalar]>()
        while patterns.count < 100_000 {
            let length = 2 + Int(random.next() % 4)
            patterns.insert((0..<length).map { _ in pick() })
        }
        let ordered = Array(patterns)
        var allow = Set<[Unicode.Scalar]>()
        while allow.count < 300 {
            var word = ordered[Int(random.next() % UInt64(ordered.count))]
            word.insert(pick(), at: random.next() % 2 == 0 ? 0 : word.count)
            allow.insert(word)
        }
        func string(_ scalars: [Unicode.Scalar]) -> String {
            var view = String.UnicodeScalarView(); view.append(contentsOf: scalars); return String(view)
        }
        let typos = ordered.enumerated().map { "\(string($0.element))\t正\($0.offset)" }.joined(separator: "\n")
        let lexicon = try Lexicon(files: ["typos.tsv": typos, "allow.txt": allow.map(string).joined(separator: "\n")])

        // Text: random characters, planted patterns and allow words, and spaces, zero-width
        // and full-width characters that normalisation must see through.
        var text = String.UnicodeScalarView()
        for _ in 0..<60_000 {
            switch random.next() % 20 {
            case 0: text.append(contentsOf: ordered[Int(random.next() % UInt64(ordered.count))])
            case 1: text.append(contentsOf: Array(allow)[Int(random.next() % UInt64(allow.count))])
            case 2: text.append([" ", "\u{200B}", "\u{3000}", "\n"][Int(random.next() % 4)])
            case 3: text.append(["Ａ", "１", "😀", "，"][Int(random.next() % 4)])
            default: text.append(pick())
            }
        }
        let original = String(text)
        let normalized = Normalizer.normalize(original)
        let expected = naiveMatches(normalized.scalars, patterns: patterns, allow: allow, maxLength: 6)
            .map { normalized.originalRange(of: $0) }
        let actual = lexicon.match(original)
        #expect(actual.count == expected.count)
        #expect(actual.map(\.range) == expected)
        #expect(expected.count > 1000)
        // Each hit names the entry whose wrong form it is.
        let scalars = Array(original.unicodeScalars)
        for hit in actual.prefix(500) {
            let found = Normalizer.normalize(string(Array(scalars[hit.range]))).text
            #expect(found == hit.entry.wrong)
        }
    }

    @Test func smallPatternSetsAgreeWithTheDefinition() throws {
        var random = SplitMix64(state: 7)
        let letters: [Unicode.Scalar] = ["甲", "乙", "丙", "丁", "A"]
        for _ in 0..<300 {
            var patterns = Set<[Unicode.Scalar]>()
            for _ in 0..<(1 + random.next() % 6) {
                patterns.insert((0..<(1 + random.next() % 4)).map { _ in letters[Int(random.next() % 5)] })
            }
            var allow = Set<[Unicode.Scalar]>()
            for _ in 0..<(random.next() % 3) {
                let word = (0..<(2 + random.next() % 3)).map { _ in letters[Int(random.next() % 5)] }
                if !patterns.contains(word) { allow.insert(word) }
            }
            let text = (0..<40).map { _ in letters[Int(random.next() % 5)] }
            func string(_ scalars: [Unicode.Scalar]) -> String {
                var view = String.UnicodeScalarView(); view.append(contentsOf: scalars); return String(view)
            }
            let lexicon = try Lexicon(files: [
                "typos.tsv": patterns.map { "\(string($0))\t某" }.joined(separator: "\n"),
                "allow.txt": allow.map(string).joined(separator: "\n"),
            ])
            let expected = naiveMatches(text, patterns: patterns, allow: allow, maxLength: 4)
            #expect(lexicon.match(string(text)).map(\.range) == expected, "\(patterns) \(allow) \(string(text))")
        }
    }
}

/// `OverlapIndex` answers as testing every kept range would, on random (also overlapping
/// and empty) ranges: it replaced that quadratic test where near-misses and spam in context
/// yield to listed hits.
@Suite struct OverlapIndexTests {
    @Test func agreesWithTheObviousTest() {
        var random = SplitMix64(state: 7)
        func range() -> Range<Int> {
            let start = Int(random.next() % 200)
            return start..<(start + Int(random.next() % 12))
        }
        for _ in 0..<300 {
            let kept = (0..<Int(random.next() % 20)).map { _ in range() }
            let index = OverlapIndex(kept)
            for _ in 0..<50 {
                let candidate = range()
                #expect(
                    index.overlaps(candidate) == kept.contains { $0.overlaps(candidate) },
                    "\(candidate) against \(kept)")
            }
        }
    }
}

/// One definition of a Chinese character: the normaliser's fast classification (which
/// decides where whitespace vanishes) agrees with GovCore's `isHan` on every scalar.
@Suite struct HanDefinitionTests {
    @Test func theNormaliserClassifiesAsGovCoreDefines() {
        var disagreements: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if (Normalizer.classify(value).kind == .han) != scalar.isHan { disagreements.append(value) }
        }
        #expect(disagreements.isEmpty, "first disagreements: \(disagreements.prefix(5).map { String($0, radix: 16) })")
    }
}
