/// A lexicon that cannot be loaded: the file, the 1-based line (and column where it helps)
/// and a one-line reason, printed as `wordlists/typos.tsv:57: reason` (the CLI exits 2).
public struct LexiconError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// 1-based; 0 when the problem is the file or directory itself.
    public var line: Int
    /// 1-based, in characters.
    public var column: Int?
    public var reason: String

    public init(file: String, line: Int, column: Int? = nil, reason: String) {
        self.file = file; self.line = line; self.column = column; self.reason = reason
    }

    public var description: String {
        var location = file
        if line > 0 { location += ":\(line)" }
        if let column { location += ":\(column)" }
        return "\(location): \(reason)"
    }
}

/// A fault of the lexicon as data, found by `Lexicon.selfTest()`: an entry that does not
/// find itself, a correction that is itself flagged, a duplicate. Printed `file:line: reason`.
public struct LexiconProblem: Sendable, Hashable, CustomStringConvertible {
    /// "wordlists/typos.tsv:57"
    public var source: String
    public var reason: String

    public init(source: String, reason: String) { self.source = source; self.reason = reason }

    public var description: String { "\(source): \(reason)" }
}
