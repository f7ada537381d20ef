/// A mailbox: optional display name and an ASCII addr-spec. Parsing rejects anything that
/// could smuggle a header or a second recipient (control characters, commas, angle brackets
/// in the address, non-ASCII addresses, which would need SMTPUTF8).
public struct MailAddress: Sendable, Hashable, CustomStringConvertible {
    public var displayName: String?
    public var address: String

    public init(address: String, displayName: String? = nil) throws {
        try MailAddress.validate(address)
        self.address = address
        let name = displayName.map(HeaderText.clean)
        self.displayName = (name?.isEmpty ?? true) ? nil : name
    }

    /// `web@a.example.gov.cn` or `某某县政府办 <web@a.example.gov.cn>` (name may be quoted).
    public init(parsing text: String) throws {
        if text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw MailError(
                .invalidAddress, "mail address \(MailAddress.quoteForError(text)) contains a control character")
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let open = trimmed.lastIndex(of: "<"), trimmed.hasSuffix(">") {
            let inner = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            var name = trimmed[..<open].trimmingCharacters(in: .whitespaces)
            if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
                name = String(name.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
                    .replacingOccurrences(of: "\\\\", with: "\\")
            }
            try self.init(address: inner, displayName: name)
        } else {
            try self.init(address: trimmed)
        }
    }

    /// The header form: `=?UTF-8?B?…?= <addr>` or `addr`.
    public var headerValue: String {
        guard let displayName else { return address }
        return "\(HeaderText.phrase(displayName)) <\(address)>"
    }

    public var description: String {
        displayName.map { "\($0) <\(address)>" } ?? address
    }

    static func validate(_ address: String) throws {
        let quoted = quoteForError(address)
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw MailError(.invalidAddress, "not a mail address: \(quoted) (expected name@domain)")
        }
        let local = parts[0], domain = parts[1]
        let localChars = Set(
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~.-".unicodeScalars)
        guard local.unicodeScalars.allSatisfy({ localChars.contains($0) }), !local.hasPrefix("."),
            !local.hasSuffix("."), !local.contains(".."), local.utf8.count <= 64
        else {
            throw MailError(
                .invalidAddress,
                "mail address \(quoted): invalid characters before @ (ASCII letters, digits and .!#$%&'*+/=?^_`{|}~- only)"
            )
        }
        let labelChars = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-".unicodeScalars)
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard domain.utf8.count <= 253,
            labels.allSatisfy({ label in
                !label.isEmpty && label.utf8.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                    && label.unicodeScalars.allSatisfy { labelChars.contains($0) }
            })
        else {
            throw MailError(
                .invalidAddress, "mail address \(quoted): invalid domain (ASCII or punycode host names only)")
        }
    }

    /// The address as it may appear in an error line: controls shown escaped, never raw.
    static func quoteForError(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars.prefix(200) {
            if scalar.value < 0x20 || scalar.value == 0x7F {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
