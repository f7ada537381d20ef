/// Errors the operator must act on (exit 3): a locked, full, unreadable or newer store.
public enum StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Another process holds the run lock.
    case locked(lockPath: String, holder: String)
    case open(path: String, message: String)
    case diskFull(path: String)
    /// Another connection kept the database busy longer than the busy timeout.
    case busy(path: String)
    /// The file was written by a newer govlint.
    case schemaTooNew(path: String, found: Int, supported: Int)
    case sqlite(path: String, code: Int32, message: String)
    case io(path: String, message: String)
    /// A run id that does not exist or is no longer running (a caller's mistake).
    case badRun(id: Int64, reason: String)

    public var description: String {
        switch self {
        case .locked(let lockPath, let holder):
            "another govlint run is in progress (\(holder)); \(lockPath) is held, so this run does nothing and exits"
        case .open(let path, let message):
            "\(path): cannot open the store: \(message)"
        case .diskFull(let path):
            "\(path): disk full: the store could not be written (free space and run again; nothing was half-written)"
        case .busy(let path):
            "\(path): the store stayed busy (another govlint is writing); try again"
        case .schemaTooNew(let path, let found, let supported):
            "\(path): the store has schema version \(found), this govlint knows up to \(supported): use a newer govlint"
        case .sqlite(let path, let code, let message):
            "\(path): SQLite error \(code): \(message)"
        case .io(let path, let message):
            "\(path): \(message)"
        case .badRun(let id, let reason):
            "run \(id): \(reason)"
        }
    }
}
