import Foundation
import GovCore

/// Shape checks for values that end up in URLs, file names and mail headers. Addresses are
/// checked strictly: a CR, LF or comma in one would let a config line add mail headers or
/// recipients.
enum Validation {
    static func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 64
            && text.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }

    static func isHostName(_ text: String) -> Bool {
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        return !text.isEmpty && text.utf8.count <= 253
            && labels.allSatisfy { label in
                !label.isEmpty && label.utf8.count <= 63 && label.first != "-" && label.last != "-"
                    && label.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
            }
    }

    /// `host` or `host:port`.
    static func isHostPort(_ text: String) -> Bool {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        switch parts.count {
        case 1: return isHostName(text)
        case 2:
            guard let port = Int(parts[1]), (1...65535).contains(port) else { return false }
            return isHostName(String(parts[0]))
        default: return false
        }
    }

    static func isHTTPURL(_ text: String) -> Bool {
        !text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control }
        )
            && WebURL(text) != nil
    }

    /// The URL's `host` (lowercased), with `:port` only when the URL names a port.
    static func hostPort(of url: String) -> String? { WebURL(url)?.hostPort }

    /// A bare address `local@domain`: printable ASCII, no spaces, quotes, brackets, commas.
    static func isAddress(_ text: String) -> Bool {
        let forbidden: Set<UInt8> = Set(" \"(),:;<>[\\]".utf8)
        guard text.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && !forbidden.contains($0) }) else { return false }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].utf8.count <= 64 else { return false }
        let domain = String(parts[1]).lowercased()
        return domain.contains(".") ? isHostName(domain) : domain == "localhost"
    }

    /// `address` or `Display Name <address>` (the name may be Chinese), on one line.
    static func isMailbox(_ text: String) -> Bool {
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return false }
        guard text.hasSuffix(">"), let open = text.lastIndex(of: "<") else { return isAddress(text) }
        let name = text[..<open]
        guard !name.contains("<"), !name.contains(">") else { return false }
        return isAddress(String(text[text.index(after: open)..<text.index(before: text.endIndex)]))
    }

    static func isEnvironmentName(_ text: String) -> Bool {
        guard let first = text.utf8.first, !(first >= 0x30 && first <= 0x39) else { return false }
        return text.utf8.allSatisfy {
            ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F
        }
    }
}
