/// A mistake in config.yaml that stops every command: printed as `config.yaml:4:6: reason`
/// (1-based line and column), or `config.yaml: reason` when no position applies.
public struct ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.file = file; self.line = line; self.column = column; self.message = message
    }

    init(file: String, mark: SourceMark, message: String) {
        self.init(file: file, line: mark.line, column: mark.column, message: message)
    }

    public var description: String {
        guard let line else { return "\(file): \(message)" }
        return "\(file):\(line):\(column ?? 1): \(message)"
    }
}

/// A remark that does not stop anything (e.g. a site nobody is mailed about). Same format
/// as an error, with `warning:` before the reason.
public struct ConfigWarning: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.file = file; self.line = line; self.column = column; self.message = message
    }

    public var description: String {
        guard let line else { return "\(file): warning: \(message)" }
        return "\(file):\(line):\(column ?? 1): warning: \(message)"
    }
}

/// "did you mean …?" for a misspelt key or value: the closest candidate within a small
/// edit distance (1 for short words, 2 for longer ones, 3 for long ones).
enum Spelling {
    static func suggestion(for word: String, among candidates: some Sequence<String>) -> String? {
        let limit = word.count <= 4 ? 1 : word.count <= 9 ? 2 : 3
        var best: (String, Int)?
        for candidate in candidates {
            let d = distance(word.lowercased(), candidate)
            if d <= limit, d < (best?.1 ?? Int.max) { best = (candidate, d) }
        }
        return best?.0
    }

    static func hint(for word: String, among candidates: some Sequence<String>) -> String {
        suggestion(for: word, among: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }

    /// Levenshtein distance over Unicode scalars.
    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }
}
