/// Receives a text rule's hits and keeps only the first `limit` of them by position,
/// counting the rest: hostile pages (18 MB of unpaired 《) yield millions of hits, and a
/// finding each would exhaust memory. Memory stays O(limit) whatever the number of hits.
public struct TextHitSink {
    /// How many hits are kept; `Int.max` keeps them all.
    public let limit: Int
    /// Hits seen beyond the kept ones.
    public private(set) var overflow = 0
    private var hits: [TextHit] = []

    public init(limit: Int = .max) { self.limit = max(0, limit) }

    public mutating func add(_ hit: TextHit) {
        guard limit > 0 else { overflow += 1; return }
        hits.append(hit)
        // Compact when twice the limit has piled up: amortised O(log limit) per hit.
        if hits.count > limit, hits.count - limit >= max(limit, 256) { compact() }
    }

    /// The kept hits, sorted by position (at most `limit`).
    public mutating func finish() -> [TextHit] {
        compact()
        return hits
    }

    private mutating func compact() {
        hits.sort { ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound) }
        if hits.count > limit {
            overflow += hits.count - limit
            hits.removeSubrange(limit...)
        }
    }
}
