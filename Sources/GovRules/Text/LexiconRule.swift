import GovCore
import GovLexicon

/// The lexicon rules (typo, sensitive, expression, outdated, number-style) share one
/// matcher pass per block; each keeps the hits of its own list.
protocol LexiconListRule: TextRule {
    static var list: ListKind { get }
}

extension LexiconListRule {
    public func check(_ unit: TextUnit) -> [TextHit] { listedHits(unit) }

    /// The block's lexicon hits of this rule's list (listed entries and near-misses of the
    /// protected vocabulary, which carry a message saying what was confused).
    func listedHits(_ unit: TextUnit) -> [TextHit] {
        unit.lexiconHits.compactMap { hit in
            guard hit.entry.list == Self.list else { return nil }
            return TextHit(
                range: hit.range, suggestion: hit.entry.right, basis: hit.entry.basis,
                source: hit.entry.source, category: hit.entry.category, message: hit.message,
                severity: hit.entry.severity)
        }
    }
}
