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
}
