import Foundation
import GovCore

/// The lists of SPEC §3. The raw value is the file (or folder) name in `wordlists/`.
public enum ListKind: String, Sendable, Codable, CaseIterable {
    case typo = "typos.tsv"
    case expression = "expressions.tsv"
    case outdated = "outdated.tsv"
    case numberStyle = "number-style.tsv"
    case sensitive = "sensitive"
}

/// One lexicon entry, with what a notice needs: the correction, the basis, where it is.
public struct LexiconEntry: Sendable, Hashable {
    public var wrong: String
    public var right: String?
    public var basis: String?
    public var list: ListKind
    /// For `sensitive/<category>.txt`: the category (gambling, obscene, …).
    public var category: String?
    /// For sensitive lists: the severity from the file's header line.
    public var severity: Severity?
    /// "wordlists/typos.tsv:57"
    public var source: String

    public init(
        wrong: String, right: String? = nil, basis: String? = nil, list: ListKind,
        category: String? = nil, severity: Severity? = nil, source: String
    ) {
        self.wrong = wrong; self.right = right; self.basis = basis; self.list = list
        self.category = category; self.severity = severity; self.source = source
    }
}

/// A lexicon match: the range is in Unicode scalars of the ORIGINAL text (normalisation
/// is undone), so excerpts mark exactly the characters the reader sees.
public struct LexiconHit: Sendable, Hashable {
    public var range: Range<Int>
    public var entry: LexiconEntry
    /// What was confused, for near-misses of the protected vocabulary (“居”应为“局”，同音字).
    public var message: String?

    public init(range: Range<Int>, entry: LexiconEntry, message: String? = nil) {
        self.range = range; self.entry = entry; self.message = message
    }
}

/// The loaded lexicon: every list compiled into one character-wise Aho-Corasick automaton
/// (listed wrong forms and allow words), plus the few `re:` patterns run separately on the
/// normalised text. Immutable and safe to share across threads.
public struct Lexicon: Sendable {
    /// Every entry, in file order (typos, expressions, outdated, number-style, sensitive).
    public private(set) var entries: [LexiconEntry]
    /// The words of allow.txt, as written.
    public var allowWords: [String] { allowList.map(\.word) }

    let parsed: [ParsedEntry]
    let allowList: [ParsedAllowWord]
    let automaton: CharwiseAutomaton
    /// Entries with an `re:` pattern (index into `parsed` and the compiled pattern).
    let patterns: [CompiledPattern]
    /// The protected vocabulary (wordlists/protected/) and its near-miss index.
    let nearMiss: NearMissIndex
    /// Protected terms per kind, for `lexicon stats`.
    public var protectedCounts: [ProtectedKind: Int] {
        nearMiss.terms.reduce(into: [:]) { $0[$1.kind, default: 0] += 1 }
    }
    /// Confusable pairs of confusion.tsv and words of protected/words.txt.
    public let confusablePairs: Int
    public var nearMissWords: Int { nearMiss.words.count }

    /// Loads `directory` (the path as given becomes the prefix of every entry's source,
    /// "wordlists/typos.tsv:57"). A missing directory is an error; every file is optional.
    /// The same loader as with a local folder (`load(directory:local:)`), without one.
    public static func load(directory: String) throws(LexiconError) -> Lexicon {
        try load(directory: directory, local: nil)
    }

    /// Fail closed: a lexicon that lists nothing would pass every page.
    static func refuseEmpty(_ lexicon: Lexicon, origin: String, fileCount: Int) throws(LexiconError) {
        guard lexicon.entries.isEmpty else { return }
        throw LexiconError(
            file: origin, line: 0,
            reason: fileCount == 0
                ? "no lists in the lexicon folder (expected typos.tsv, expressions.tsv, outdated.tsv, number-style.tsv or sensitive/<category>.txt)"
                : "the lexicon lists no entries (its files hold only comments or allow words)")
    }

    /// A lexicon from in-memory files keyed by their path inside `wordlists/` ("typos.tsv",
    /// "sensitive/gambling.txt", "allow.txt"); sources read "origin/typos.tsv:3".
    public init(files: [String: String], origin: String = "inline") throws(LexiconError) {
        for key in files.keys where WordlistFile(relativePath: key) == nil {
            throw LexiconError(
                file: "\(origin)/\(key)", line: 0,
                reason:
                    "unknown lexicon file (expected typos.tsv, expressions.tsv, outdated.tsv, number-style.tsv, sensitive/<category>.txt or allow.txt)"
            )
        }
        try self.init(relativeFiles: files.map { ($0.key, $0.value) }, prefix: origin)
    }

    init(relativeFiles: [(relative: String, content: String)], prefix: String) throws(LexiconError) {
        try self.init(
            layered: relativeFiles.map {
                LexiconLayers.File(relative: $0.relative, content: $0.content, display: "\(prefix)/\($0.relative)")
            }, origin: prefix)
    }

    /// Files of one or more folders (shipped, then local: `LexiconLayers`), each citing its own path.
    init(layered files: [LexiconLayers.File], origin prefix: String) throws(LexiconError) {
        let ordered = files.enumerated().compactMap { order, file in
            WordlistFile(relativePath: file.relative).map { (kind: $0, order: order, file: file) }
        }.sorted { ($0.kind.sortKey, $0.order) < ($1.kind.sortKey, $1.order) }
        var parser = WordlistParser()
        for (kind, _, file) in ordered {
            try parser.parse(file.content, kind: kind, displayPath: file.display)
        }
        parsed = parser.entries
        entries = parsed.map(\.entry)
        allowList = parser.allowWords

        var automatonPatterns: [CharwiseAutomaton.Pattern] = []
        var compiled: [CompiledPattern] = []
        var alphabet = Set<UInt32>()
        for (index, entry) in parsed.enumerated() {
            if let regex = entry.regex {
                compiled.append(CompiledPattern(entryIndex: index, regex: regex))
            } else {
                let codePoints = entry.key.unicodeScalars.map(\.value)
                alphabet.formUnion(codePoints)
                automatonPatterns.append(.init(codePoints: codePoints, isAllow: false, id: Int32(index)))
            }
        }
        for word in allowList {
            let codePoints = word.normalized.unicodeScalars.map(\.value)
            alphabet.formUnion(codePoints)
            automatonPatterns.append(.init(codePoints: codePoints, isAllow: true, id: -1))
        }
        if alphabet.count > CharwiseAutomaton.maxAlphabet {
            throw LexiconError(
                file: prefix, line: 0,
                reason:
                    "the lists use \(alphabet.count) distinct characters; the matcher supports \(CharwiseAutomaton.maxAlphabet)"
            )
        }
        automaton = CharwiseAutomaton(patterns: automatonPatterns)
        patterns = compiled
        nearMiss = NearMissIndex(
            terms: parser.protectedTerms, words: parser.protectedWords, confusion: parser.confusion)
        confusablePairs = parser.confusion.count
    }

    /// Every listed hit in `text`: leftmost-longest, non-overlapping, minus those overlapping
    /// an allow word; ranges are scalar offsets of the ORIGINAL text, sorted.
    public func match(_ text: String) -> [LexiconHit] { matchWithAllowSpans(text).hits }

    /// `match`, and the allow words (allow.txt) found in `text` as sorted scalar ranges of
    /// the original text: detectors outside the lists (spam in context) yield to them as
    /// listed entries do.
    public func matchWithAllowSpans(_ text: String) -> (hits: [LexiconHit], allowSpans: [Range<Int>]) {
        let matched = matchBlock(text)
        return (matched.hits, matched.allowSpans)
    }

    /// `matchWithAllowSpans`, and the normalised text when the match made it (the text rules
    /// that read normalised text take it from here instead of normalising the block again).
    public func matchBlock(_ text: String) -> (
        hits: [LexiconHit], allowSpans: [Range<Int>], normalized: NormalizedText?
    ) {
        var utf8 = text
        var scanHits: [ScanHit] = []
        var allowSpans: [Range<Int>] = []
        var hits: [LexiconHit] = []
        utf8.withUTF8 { bytes in
            automaton.scan(bytes, hits: &scanHits, allowSpans: &allowSpans)
            guard !scanHits.isEmpty || !allowSpans.isEmpty else { return }
            var offsets: [Int] = []
            offsets.reserveCapacity(2 * (scanHits.count + allowSpans.count))
            for hit in scanHits { offsets.append(hit.start); offsets.append(hit.end) }
            for span in allowSpans { offsets.append(span.lowerBound); offsets.append(span.upperBound) }
            let scalarOffset = ScalarOffsets(bytes: bytes, byteOffsets: offsets)
            hits = scanHits.map {
                LexiconHit(range: scalarOffset[$0.start]..<scalarOffset[$0.end], entry: parsed[Int($0.pattern)].entry)
            }
            allowSpans = allowSpans.map { scalarOffset[$0.lowerBound]..<scalarOffset[$0.upperBound] }
        }
        if hits.isEmpty && patterns.isEmpty && nearMiss.isEmpty { return ([], allowSpans, nil) }
        let normalized = Normalizer.normalize(text)
        if !patterns.isEmpty {
            let patternHits = matchPatterns(normalized)
            if !patternHits.isEmpty { hits = Self.leftmostLongest(hits + patternHits) }
        }
        if !nearMiss.isEmpty {
            let nearHits = nearMissHits(normalized)
            if !nearHits.isEmpty { hits = Self.addNearMisses(nearHits, to: hits) }
        }
        return (Self.mask(hits, by: allowSpans), allowSpans, normalized)
    }

    /// Near-misses of the protected vocabulary in normalised text, in original scalar offsets.
    func nearMissHits(_ normalized: NormalizedText) -> [LexiconHit] {
        nearMiss.scan(normalized.scalars.map(\.value)).map { hit in
            let term = nearMiss.terms[hit.term]
            let range = normalized.originalRange(of: hit.range)
            let wrong = NearMissIndex.text(normalized.scalars[hit.range].map(\.value))
            let entry = LexiconEntry(
                wrong: wrong, right: hit.right, basis: term.basis,
                list: term.kind.list, source: term.source)
            return LexiconHit(range: range, entry: entry, message: hit.message)
        }
    }

    /// Listed entries win over near-misses they overlap (their correction was curated).
    static func addNearMisses(_ nearHits: [LexiconHit], to hits: [LexiconHit]) -> [LexiconHit] {
        let listed = OverlapIndex(hits.map(\.range))
        let free = nearHits.filter { !listed.overlaps($0.range) }
        guard !free.isEmpty else { return hits }
        return (hits + free).sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// Hits of the `re:` patterns on normalised text, in original scalar offsets.
    func matchPatterns(_ normalized: NormalizedText) -> [LexiconHit] {
        // A 128-bit sketch of the block's characters: a pattern runs only when each of its
        // required characters may be present (false positives just run the regex).
        var sketch: (UInt64, UInt64) = (0, 0)
        var hasDigit = false
        for scalar in normalized.scalars {
            if scalar.value >= 0x30 && scalar.value <= 0x39 { hasDigit = true }
            let bit = scalar.value & 127
            if bit < 64 { sketch.0 |= 1 << UInt64(bit) } else { sketch.1 |= 1 << UInt64(bit - 64) }
        }
        let runnable = patterns.filter { pattern in
            (hasDigit || !pattern.requiresDigit)
                && pattern.requiredScalars.allSatisfy { scalar in
                    let bit = scalar.value & 127
                    return bit < 64 ? sketch.0 & (1 << UInt64(bit)) != 0 : sketch.1 & (1 << UInt64(bit - 64)) != 0
                }
        }
        guard !runnable.isEmpty else { return [] }
        var hits: [LexiconHit] = []
        for pattern in runnable {
            let entry = parsed[pattern.entryIndex].entry
            for match in pattern.regex.matches(in: normalized.scalars) {
                var hitEntry = entry
                hitEntry.right = entry.right.map { template in
                    CorrectionTemplate.expand(template) { group in
                        guard group < match.groups.count, let range = match.groups[group] else { return "" }
                        return String(String.UnicodeScalarView(normalized.scalars[range]))
                    }
                }
                hits.append(LexiconHit(range: normalized.originalRange(of: match.range), entry: hitEntry))
            }
        }
        return hits
    }

    /// Keeps the leftmost hit, the longest at one start, and drops hits overlapping a kept one.
    static func leftmostLongest(_ hits: [LexiconHit]) -> [LexiconHit] {
        let sorted = hits.enumerated().sorted {
            ($0.element.range.lowerBound, -$0.element.range.upperBound, $0.offset)
                < ($1.element.range.lowerBound, -$1.element.range.upperBound, $1.offset)
        }.map(\.element)
        var kept: [LexiconHit] = []
        for hit in sorted where kept.last.map({ $0.range.upperBound <= hit.range.lowerBound }) ?? true {
            kept.append(hit)
        }
        return kept
    }

    /// Removes hits overlapping an allow span (both sorted by start).
    static func mask(_ hits: [LexiconHit], by spans: [Range<Int>]) -> [LexiconHit] {
        guard !spans.isEmpty else { return hits }
        var spanIndex = 0
        return hits.filter { hit in
            while spanIndex < spans.count && spans[spanIndex].upperBound <= hit.range.lowerBound { spanIndex += 1 }
            return !(spanIndex < spans.count && spans[spanIndex].lowerBound < hit.range.upperBound)
        }
    }
}

/// An `re:` entry's compiled pattern (a linear-time `SafePattern`).
struct CompiledPattern: Sendable {
    var entryIndex: Int
    var regex: SafePattern
    /// Characters every match must contain (literal non-ASCII characters and escaped
    /// punctuation of the pattern outside groups and classes, not quantified): a block lacking one is skipped without
    /// running the matcher, which is most blocks.
    var requiredScalars: [Unicode.Scalar]

    init(entryIndex: Int, regex: SafePattern) {
        self.entryIndex = entryIndex
        self.regex = regex
        requiredScalars = Self.requiredScalars(of: regex.source)
        let scalars = Array(regex.source.unicodeScalars)
        requiresDigit = DigitRequirement(scalars).sequence(0..<scalars.count)
    }

    /// Every match contains an ASCII digit (GB/T 15835 patterns are about Arabic numerals):
    /// a block without one is skipped.
    var requiresDigit: Bool

    static func requiredScalars(of pattern: String) -> [Unicode.Scalar] {
        let scalars = Array(pattern.unicodeScalars)
        var required: [Unicode.Scalar] = []
        var depth = 0, inClass = false, index = 0
        // A top-level alternation means no single character is required.
        var topLevelAlternation = false
        while index < scalars.count {
            let c = scalars[index]
            if c == "\\" {
                // An escaped punctuation mark (`\.`) is a literal too; `\d`, `\s`… are classes.
                if index + 1 < scalars.count, depth == 0, !inClass {
                    let literal = scalars[index + 1]
                    let next = index + 2 < scalars.count ? scalars[index + 2] : " "
                    let quantified = next == "?" || next == "*" || next == "{"
                    if !quantified, !literal.properties.isAlphabetic, !("0"..."9").contains(literal) {
                        required.append(literal)
                    }
                }
                index += 2
                continue
            }
            if inClass { if c == "]" { inClass = false }; index += 1; continue }
            switch c {
            case "[": inClass = true
            case "(": depth += 1
            case ")": depth -= 1
            case "|" where depth == 0: topLevelAlternation = true
            default:
                let next = index + 1 < scalars.count ? scalars[index + 1] : " "
                let quantified = next == "?" || next == "*" || next == "{"
                if depth == 0, c.value > 0x7F, !quantified { required.append(c) }
            }
            index += 1
        }
        return topLevelAlternation ? [] : required
    }
}

/// Whether a regex can only match text containing an ASCII digit, read conservatively from
/// its syntax: a `\d` or an all-digit class that is not optional, or a group all of whose
/// alternatives require one. Anything unclear (lookarounds, negated classes) requires nothing.
struct DigitRequirement {
    let s: [Unicode.Scalar]

    init(_ s: [Unicode.Scalar]) { self.s = s }

    func sequence(_ range: Range<Int>) -> Bool {
        let alternatives = split(range)
        if alternatives.count > 1 { return alternatives.allSatisfy(sequence) }
        var i = range.lowerBound
        while i < range.upperBound {
            var end = i + 1
            var requires = false
            switch s[i] {
            case "\\":
                end = min(i + 2, range.upperBound)
                requires = i + 1 < range.upperBound && s[i + 1] == "d"
            case "[":
                guard let close = classEnd(i, range) else { return false }
                end = close + 1
                let body = s[(i + 1)..<close]
                requires =
                    !body.isEmpty && body.first != "^" && body.allSatisfy { ("0"..."9").contains($0) || $0 == "-" }
            case "(":
                guard let close = groupEnd(i, range) else { return false }
                end = close + 1
                var inner = (i + 1)..<close
                if inner.count >= 2, s[i + 1] == "?" {
                    // (?: … ) groups; lookarounds and other (? forms require nothing.
                    if s[i + 2] == ":" { inner = (i + 3)..<close } else { inner = close..<close }
                }
                requires = !inner.isEmpty && sequence(inner)
            default:
                break
            }
            // An optional element (?, *, {0…}) requires nothing.
            if end < range.upperBound,
                s[end] == "?" || s[end] == "*" || (s[end] == "{" && end + 1 < range.upperBound && s[end + 1] == "0")
            {
                requires = false
            }
            if requires { return true }
            i = end
        }
        return false
    }

    /// Splits at `|` outside groups and classes.
    private func split(_ range: Range<Int>) -> [Range<Int>] {
        var parts: [Range<Int>] = []
        var start = range.lowerBound, depth = 0, i = range.lowerBound
        while i < range.upperBound {
            switch s[i] {
            case "\\": i += 1
            case "[": i = classEnd(i, range) ?? range.upperBound
            case "(": depth += 1
            case ")": depth -= 1
            case "|" where depth == 0:
                parts.append(start..<i)
                start = i + 1
            default: break
            }
            i += 1
        }
        parts.append(start..<range.upperBound)
        return parts
    }

    private func classEnd(_ open: Int, _ range: Range<Int>) -> Int? {
        var i = open + 1
        if i < range.upperBound, s[i] == "]" { i += 1 }
        while i < range.upperBound {
            if s[i] == "\\" { i += 2; continue }
            if s[i] == "]" { return i }
            i += 1
        }
        return nil
    }

    private func groupEnd(_ open: Int, _ range: Range<Int>) -> Int? {
        var depth = 0, i = open
        while i < range.upperBound {
            switch s[i] {
            case "\\": i += 1
            case "[": i = classEnd(i, range) ?? range.upperBound
            case "(": depth += 1
            case ")":
                depth -= 1
                if depth == 0 { return i }
            default: break
            }
            i += 1
        }
        return nil
    }
}

/// Maps byte offsets of valid UTF-8 to scalar offsets in one pass.
struct ScalarOffsets {
    private var table: [Int: Int] = [:]

    init(bytes: UnsafeBufferPointer<UInt8>, byteOffsets: [Int]) {
        let wanted = Set(byteOffsets).sorted()
        var scalars = 0
        var byte = 0
        for offset in wanted {
            while byte < offset {
                if bytes[byte] & 0xC0 != 0x80 { scalars += 1 }
                byte += 1
            }
            table[offset] = scalars
        }
    }

    subscript(byteOffset: Int) -> Int { table[byteOffset]! }
}
