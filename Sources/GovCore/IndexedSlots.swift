import Foundation

/// Results of work spread over threads, kept in input order: worker `i` fills slot `i`;
/// `claim` hands out the next input no worker has taken (for a fixed pool of workers).
public final class IndexedSlots<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Value?]
    private var claimed = 0

    public init(count: Int) { slots = Array(repeating: nil, count: count) }

    /// The next input no worker has taken, if any.
    public func claim() -> Int? {
        lock.withLock {
            guard claimed < slots.count else { return nil }
            defer { claimed += 1 }
            return claimed
        }
    }

    public func set(_ index: Int, _ value: Value?) { lock.withLock { slots[index] = value } }

    /// The filled slots, in input order.
    public var values: [Value] { lock.withLock { slots.compactMap { $0 } } }
}
