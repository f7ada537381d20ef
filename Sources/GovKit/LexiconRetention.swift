import Foundation
import GovLexicon

/// Lexicons the command-line tool keeps until the process exits. Freeing a compiled lexicon
/// (its automaton, near-miss tables and millions of strings) cost about 8 % of a short
/// `check`, and exit returns the memory at once. Off in a library user such as the tests,
/// which load many lexicons in one process.
public enum LexiconRetention {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var enabled = false
    nonisolated(unsafe) private static var kept: [Lexicon] = []

    /// Called once by the executable before it runs a command.
    public static func keepUntilExit() { lock.withLock { enabled = true } }

    static func retain(_ lexicon: Lexicon) { lock.withLock { if enabled { kept.append(lexicon) } } }
}
