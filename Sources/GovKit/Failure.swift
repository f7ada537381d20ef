import GovConfig
import GovLexicon
import GovStore

/// Every error a command can end with, wrapping the modules' own errors. Each says who must
/// act (DESIGN.md): the user (bad usage, config, lexicon, input file: exit 2) or the operator
/// (locked or broken store, full disk, failed run: exit 3) — decided once, by the CLI's
/// exhaustive switch over these cases. A site's problems are findings, not errors.
public enum Failure: Error, CustomStringConvertible {
    case usage(String)
    case badInput(String)
    /// config.yaml or the ignore list, with file:line:column.
    case config(ConfigError)
    /// A wordlist line, with file:line:column.
    case lexicon(LexiconError)
    /// The store: locked by another run, unreadable, full disk.
    case store(StoreError)
    case operation(String)

    public var description: String {
        switch self {
        case .usage(let m), .badInput(let m), .operation(let m): m
        case .config(let error): error.description
        case .lexicon(let error): error.description
        case .store(let error): error.description
        }
    }
}
