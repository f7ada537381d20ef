import GovCore
/// The normalisation lexicon matching runs on (format contract, "Matching"):
/// full-width ASCII letters, digits and punctuation fold to half-width (Ａ→A, ０→0, ，→,);
/// zero-width characters vanish; a run of whitespace between two Chinese characters
/// vanishes (布 署, 布\u{200B}署 and 布\n署 all read 布署), any other run of whitespace reads
/// as one space. The matcher applies the same rules inline over UTF-8 bytes; this type is
/// the reference form, used for `re:` patterns and for building the automaton's patterns.
public enum Normalizer {
    /// What the normaliser does with one scalar.
    @usableFromInline enum Kind: UInt8 {
        case other = 0, han, space, dropped
    }

    /// Classifies a scalar and folds full-width ASCII. Hot: called for every scalar of the
    /// text; the common Chinese range is tested first.
    @inline(__always) @usableFromInline
    static func classify(_ scalar: UInt32) -> (folded: UInt32, kind: Kind) {
        if scalar >= 0x4E00 && scalar < 0xA000 { return (scalar, .han) }
        if scalar < 0x80 {
            return (scalar, scalar == 0x20 || (scalar >= 0x09 && scalar <= 0x0D) ? .space : .other)
        }
        return classifyRare(scalar)
    }

    @usableFromInline
    static func classifyRare(_ scalar: UInt32) -> (folded: UInt32, kind: Kind) {
        switch scalar {
        case 0xFF01...0xFF5E: return (scalar - 0xFEE0, .other)
        case 0x3400...0x4DBF, 0xF900...0xFAFF, 0x20000...0x323AF, 0x3007: return (scalar, .han)
        case 0x200B...0x200D, 0x2060, 0xFEFF: return (scalar, .dropped)
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return (scalar, .space)
        default: return (scalar, .other)
        }
    }

    /// Whether a scalar counts as a Chinese character for the whitespace rule.
    public static func isHan(_ scalar: Unicode.Scalar) -> Bool { scalar.isHan }

    /// Normalises `text`, keeping for every normalised scalar the original scalars it came from.
    public static func normalize(_ text: String) -> NormalizedText {
        var scalars: [Unicode.Scalar] = []
        var starts: [Int] = []
        var ends: [Int] = []
        scalars.reserveCapacity(text.utf8.count / 2)
        var lastWasHan = false
        var pendingSpaceStart = -1
        var pendingSpaceEnd = 0
        var index = 0
        for scalar in text.unicodeScalars {
            defer { index += 1 }
            let (folded, kind) = classify(scalar.value)
            switch kind {
            case .dropped:
                continue
            case .space:
                if pendingSpaceStart < 0 { pendingSpaceStart = index }
                pendingSpaceEnd = index + 1
            case .han, .other:
                if pendingSpaceStart >= 0 {
                    if !(kind == .han && lastWasHan) {
                        scalars.append(" "); starts.append(pendingSpaceStart); ends.append(pendingSpaceEnd)
                    }
                    pendingSpaceStart = -1
                }
                scalars.append(Unicode.Scalar(folded)!)
                starts.append(index); ends.append(index + 1)
                lastWasHan = kind == .han
            }
        }
        if pendingSpaceStart >= 0 {
            scalars.append(" "); starts.append(pendingSpaceStart); ends.append(pendingSpaceEnd)
        }
        return NormalizedText(scalars: scalars, originalStarts: starts, originalEnds: ends)
    }
}

/// Normalised text with its map back to the original text's scalar offsets.
public struct NormalizedText: Sendable, Hashable {
    public let scalars: [Unicode.Scalar]
    /// For each normalised scalar, the offset of the first original scalar it stands for.
    public let originalStarts: [Int]
    /// For each normalised scalar, the end (exclusive) of the original scalars it stands for
    /// (a collapsed run of spaces stands for the whole run).
    public let originalEnds: [Int]

    public var text: String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    /// The original scalar range a non-empty range of normalised scalars came from.
    public func originalRange(of normalized: Range<Int>) -> Range<Int> {
        originalStarts[normalized.lowerBound]..<originalEnds[normalized.upperBound - 1]
    }
}
