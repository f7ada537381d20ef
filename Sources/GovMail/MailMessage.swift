import Foundation
import GovCore

/// A file attached to a notice mail (the CSV ledger, the Markdown notice).
public struct MailAttachment: Sendable, Hashable {
    public var filename: String
    /// `type/subtype`, optionally with parameters, e.g. `text/csv; charset=utf-8`.
    public var mimeType: String
    public var data: Data

    public init(filename: String, mimeType: String, data: Data) {
        self.filename = filename; self.mimeType = mimeType; self.data = data
    }
}

/// A complete mail. `encoded()` gives the RFC 5322 bytes — the same bytes the SMTP transport
/// sends and `writeEML` stores, because the MIME boundaries derive from the Message-ID rather
/// than from randomness at encoding time.
public struct MailMessage: Sendable, Hashable {
    public var from: MailAddress
    public var to: [MailAddress]
    public var cc: [MailAddress]
    public var subject: String
    public var html: String
    public var text: String
    public var attachments: [MailAttachment]
    public var date: Date
    /// Without angle brackets, e.g. `3f2a…@example.gov.cn`.
    public var messageID: String

    /// Addresses as written in config.yaml (`Name <addr>` or `addr`); every one is validated.
    public init(
        from: String, to: [String], cc: [String] = [], subject: String, html: String, text: String,
        attachments: [MailAttachment] = [], date: Date = Date(), messageID: String? = nil
    ) throws {
        let sender = try MailAddress(parsing: from)
        let recipients = try to.map(MailAddress.init(parsing:))
        guard !recipients.isEmpty else { throw MailError(.invalidAddress, "mail has no recipient") }
        for attachment in attachments {
            guard MailMessage.isValidMimeType(attachment.mimeType) else {
                throw MailError(
                    .invalidMessage,
                    "attachment \(MailAddress.quoteForError(attachment.filename)): invalid MIME type \(MailAddress.quoteForError(attachment.mimeType))"
                )
            }
        }
        self.from = sender
        self.to = recipients
        self.cc = try cc.map(MailAddress.init(parsing:))
        self.subject = subject
        self.html = html
        self.text = text
        self.attachments = attachments
        self.date = date
        if let messageID {
            let bare = messageID.trimmingCharacters(in: CharacterSet(charactersIn: "<> "))
            guard bare.contains("@"),
                bare.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F && $0 != "<" && $0 != ">" })
            else {
                throw MailError(.invalidMessage, "invalid Message-ID \(MailAddress.quoteForError(messageID))")
            }
            self.messageID = bare
        } else {
            let domain = sender.address.split(separator: "@").last.map(String.init) ?? "govlint.invalid"
            self.messageID = UUID().uuidString.lowercased() + ".govlint@" + domain
        }
    }

    /// Every envelope recipient (To and Cc), de-duplicated, in order.
    public var envelopeRecipients: [String] {
        var seen = Set<String>()
        return (to + cc).map(\.address).filter { seen.insert($0.lowercased()).inserted }
    }

    static func isValidMimeType(_ type: String) -> Bool {
        let main = type.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        let tokenChars = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$&-^_.+".unicodeScalars)
        let parts = main.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 2
            && parts.allSatisfy { !$0.isEmpty && $0.unicodeScalars.allSatisfy { tokenChars.contains($0) } }
            && type.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
    }

    /// The message as RFC 5322 bytes with CRLF line ends:
    /// multipart/mixed { multipart/alternative { text/plain, text/html }, attachments… }.
    public func encoded() -> Data {
        let seed = String(UInt64(truncatingIfNeeded: stableHash(messageID)), radix: 36)
        let mixed = "=_govlint_mixed_" + seed
        let alternative = "=_govlint_alt_" + seed
        var lines: [String] = []
        lines.append("From: " + from.headerValue)
        lines.append("To: " + to.map(\.headerValue).joined(separator: ",\r\n "))
        if !cc.isEmpty { lines.append("Cc: " + cc.map(\.headerValue).joined(separator: ",\r\n ")) }
        lines.append("Subject: " + HeaderText.unstructured(subject, headerName: "Subject"))
        lines.append("Date: " + HeaderText.rfc5322Date(date))
        lines.append("Message-ID: <\(messageID)>")
        lines.append("MIME-Version: 1.0")
        lines.append("Auto-Submitted: auto-generated")
        lines.append("X-Mailer: govlint")
        lines.append("Content-Type: multipart/mixed; boundary=\"\(mixed)\"")
        lines.append("")
        lines.append("This is a multi-part message in MIME format.")
        lines.append("--" + mixed)
        lines.append("Content-Type: multipart/alternative; boundary=\"\(alternative)\"")
        lines.append("")
        lines.append("--" + alternative)
        lines += bodyPart(type: "text/plain; charset=utf-8", data: Data(text.utf8))
        lines.append("--" + alternative)
        lines += bodyPart(type: "text/html; charset=utf-8", data: Data(html.utf8))
        lines.append("--" + alternative + "--")
        lines.append("")
        for attachment in attachments {
            lines.append("--" + mixed)
            lines += attachmentPart(attachment)
        }
        lines.append("--" + mixed + "--")
        lines.append("")
        return Data(lines.joined(separator: "\r\n").utf8)
    }

    /// Writes exactly `encoded()` (the `--dry-run` copy of what would be sent).
    public func writeEML(to path: String) throws {
        do {
            try encoded().write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw MailError(.io, "cannot write \(path): \(error.localizedDescription)")
        }
    }

    private func bodyPart(type: String, data: Data) -> [String] {
        ["Content-Type: " + type, "Content-Transfer-Encoding: base64", ""] + base64Lines(data)
    }

    private func attachmentPart(_ attachment: MailAttachment) -> [String] {
        let name = HeaderText.clean(attachment.filename).replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "\\", with: "_")
        let fallback = HeaderText.asciiFallbackFilename(name)
        // Non-ASCII names: RFC 2231 only in Content-Disposition (a second plain `filename`
        // there is read instead by some parsers); the ASCII stand-in goes in Content-Type's
        // `name`, which clients fall back to.
        let disposition =
            fallback == name
            ? "Content-Disposition: attachment; filename=\"\(fallback)\""
            : "Content-Disposition: attachment;\r\n "
                + HeaderText.extendedParameter("filename", name).joined(separator: ";\r\n ")
        return [
            "Content-Type: \(attachment.mimeType); name=\"\(fallback)\"", "Content-Transfer-Encoding: base64",
            disposition, "",
        ] + base64Lines(attachment.data)
    }

    private func base64Lines(_ data: Data) -> [String] {
        let encoded = data.base64EncodedString(options: [
            .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
        ])
        return encoded.isEmpty ? [""] : encoded.components(separatedBy: "\r\n")
    }

    /// FNV-1a 64 of the Message-ID: stable across processes (unlike `hashValue`).
    private func stableHash(_ text: String) -> UInt64 { FNV1a.hash(text) }
}
