/// Which ranges overlap any of a set of kept ranges, in O(log n) per question: the kept
/// ranges sorted by start with the running maximum of their ends. Used where one kind of hit
/// yields to another (listed entries over near-misses, over spam in context) — testing each
/// candidate against every kept hit was quadratic on a page full of both.
public struct OverlapIndex: Sendable {
    private let starts: [Int]
    private let maxEnds: [Int]

    public init(_ kept: [Range<Int>]) {
        let sorted = kept.filter { !$0.isEmpty }.sorted { $0.lowerBound < $1.lowerBound }
        starts = sorted.map(\.lowerBound)
        var running = Int.min
        maxEnds = sorted.map {
            running = max(running, $0.upperBound); return running
        }
    }

    /// Whether `range` shares a position with a kept range.
    public func overlaps(_ range: Range<Int>) -> Bool {
        guard !range.isEmpty else { return false }
        // The kept ranges starting before `range` ends: a prefix of the sorted starts.
        var lo = 0, hi = starts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if starts[mid] < range.upperBound { lo = mid + 1 } else { hi = mid }
        }
        return lo > 0 && maxEnds[lo - 1] > range.lowerBound
    }
}
