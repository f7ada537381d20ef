/// Why a message could not be built or sent; `description` is the one-line message the CLI
/// prints and the outbox keeps.
public struct MailError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        case invalidAddress, invalidMessage, configuration, connection, tls, authentication,
            refused, dropped, timeout, io
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
