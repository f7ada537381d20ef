import Foundation

/// The doubling check every linearity test uses: the cost at n and at 2n, where linear work
/// costs about twice as much and quadratic work four times. Up to three samples are taken and
/// the best ratio kept, because on a machine shared with other builds one sample can be
/// unlucky (CI once saw 3.3× on linear libxml2 work); a quadratic cost fails every sample.
public struct Doubling: Sendable, CustomStringConvertible {
    /// Cost at n, raised to the floor below which the clock says nothing about growth.
    public let single: Double
    public let double: Double

    public var isLinear: Bool { double <= Self.bound * single }
    public var description: String { "\(single) s at n, \(double) s at 2n" }

    /// The allowed ratio: twice the work plus room for caches and allocator effects.
    public static let bound = 3.0

    /// Measures `cost(n)` and `cost(2 * n)` up to three times and keeps the best ratio.
    public static func measure(n: Int, floor: Double, _ cost: (Int) -> Double) -> Doubling {
        var best: Doubling?
        for _ in 0..<3 {
            let sample = Doubling(single: max(cost(n), floor), double: cost(2 * n))
            if best.map({ sample.double / sample.single < $0.double / $0.single }) ?? true { best = sample }
            if sample.isLinear { break }
        }
        return best!
    }
}

/// CPU seconds this thread has used: unlike the wall clock, not inflated by other processes.
public func threadCPUTime() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}
