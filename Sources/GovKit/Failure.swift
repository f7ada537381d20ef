/// Every error says who must act (DESIGN.md): the user (bad usage, config, lexicon, input
/// file: exit 2) or the operator (locked store, full disk, failed run: exit 3). A site's
/// problems are findings, not errors.
public enum Failure: Error, CustomStringConvertible {
    case usage(String)
    case badInput(String)
    case operation(String)

    public var description: String {
        switch self {
        case .usage(let m), .badInput(let m), .operation(let m): m
        }
    }

    public var exitCode: Int32 {
        switch self {
        case .usage, .badInput: 2
        case .operation: 3
        }
    }
}

/// SPEC §1 exit codes.
public enum ExitStatus {
    public static let clean: Int32 = 0
    public static let findings: Int32 = 1
}
