import Foundation

/// Runs blocking work — waiting for a child process, a CPU-heavy linearity or fuzz check, an
/// in-process crawl — on a thread of its own and awaits it. Swift Testing runs tests
/// concurrently on the cooperative pool, which has one thread per core: on a 2-core machine
/// two tests that block there stall every other test, including those that only wait for a
/// `govlint` child to exit.
public func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try work() }) }
        thread.stackSize = 16 << 20
        thread.start()
    }
}

/// `offThePool` for work that cannot throw.
public func offThePool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        let thread = Thread { continuation.resume(returning: work()) }
        thread.stackSize = 16 << 20
        thread.start()
    }
}
