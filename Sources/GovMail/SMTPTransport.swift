import CCurl
import Foundation

/// How to reach the mail server (config `mail:`). The password is named by a file path or
/// an environment variable — never written in config.yaml itself.
public struct SMTPSettings: Sendable, Hashable {
    public enum PasswordSource: Sendable, Hashable {
        case file(String)
        case environment(String)
    }

    /// `smtp://host:587` (STARTTLS) or `smtps://host:465` (TLS from the first byte).
    public var url: String
    public var username: String?
    public var password: PasswordSource?
    /// smtp:// only: fail unless the server offers STARTTLS (otherwise TLS is used when
    /// offered and plain text when not). Ignored for smtps://, which is always TLS.
    public var requireTLS: Bool
    public var connectTimeoutSeconds: Int
    public var timeoutSeconds: Int
    /// Extra CA bundle for an internal mail server's certificate.
    public var caBundlePath: String?

    public init(
        url: String, username: String? = nil, password: PasswordSource? = nil, requireTLS: Bool = false,
        connectTimeoutSeconds: Int = 15, timeoutSeconds: Int = 120, caBundlePath: String? = nil
    ) {
        self.url = url; self.username = username; self.password = password; self.requireTLS = requireTLS
        self.connectTimeoutSeconds = connectTimeoutSeconds; self.timeoutSeconds = timeoutSeconds
        self.caBundlePath = caBundlePath
    }
}

/// What the server accepted. With several recipients, one refused address does not stop the
/// others (CURLOPT_MAIL_RCPT_ALLLOWFAILS); it is listed here with the server's reply.
public struct SMTPDelivery: Sendable, Hashable {
    public var accepted: [String]
    /// Address and the server's reply, e.g. ("x@y.cn", "550 5.1.1 mailbox unavailable").
    public var refused: [Refusal]

    public struct Refusal: Sendable, Hashable {
        public var address: String
        public var reply: String
    }
}

/// Sends messages through libcurl's SMTP client; one connection per message, blocking.
/// The bytes sent are exactly `MailMessage.encoded()`.
public struct SMTPTransport: Sendable {
    public let settings: SMTPSettings
    private let password: String?

    /// Validates the URL and reads the password now, so a missing password file is a clear
    /// error before any mail is attempted.
    public init(settings: SMTPSettings, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let lower = settings.url.lowercased()
        guard lower.hasPrefix("smtp://") || lower.hasPrefix("smtps://"),
            settings.url.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F })
        else {
            throw MailError(
                .configuration,
                "mail.smtp_url must start with smtp:// or smtps:// (got \(MailAddress.quoteForError(settings.url)))")
        }
        self.settings = settings
        switch settings.password {
        case nil:
            password = nil
        case .file(let path)?:
            guard let data = FileManager.default.contents(atPath: path) else {
                throw MailError(.configuration, "mail.password_file \(path): cannot read the file")
            }
            let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
            guard !text.isEmpty else {
                throw MailError(.configuration, "mail.password_file \(path): the file is empty")
            }
            password = text
        case .environment(let name)?:
            guard let value = environment[name], !value.isEmpty else {
                throw MailError(.configuration, "mail.password_env: environment variable \(name) is not set")
            }
            password = value
        }
    }

    /// Sends one message. Throws `MailError` with a one-line reason: the server's own reply
    /// when it refused, or connection, TLS, authentication, timeout, dropped connection.
    @discardableResult
    public func send(_ message: MailMessage) throws -> SMTPDelivery {
        try send(encoded: message.encoded(), from: message.from.address, recipients: message.envelopeRecipients)
    }

    /// Sends a message composed earlier, byte for byte (an outbox entry retried by the next
    /// `mail` or `run`): `from` and `recipients` are the envelope, bare addresses.
    @discardableResult
    public func send(encoded payload: Data, from sender: String, recipients: [String]) throws -> SMTPDelivery {
        let senderAddress = try MailAddress(parsing: sender).address
        let recipients = try recipients.map { try MailAddress(parsing: $0).address }
        guard !recipients.isEmpty else { throw MailError(.invalidAddress, "mail has no recipient") }
        var rcptList: UnsafeMutablePointer<curl_slist>?
        for address in recipients { rcptList = curl_slist_append(rcptList, "<\(address)>") }
        defer { curl_slist_free_all(rcptList) }
        let session = SMTPSession(payload: payload)
        let (code, curlText) = try perform(session) { easy, sessionPointer in
            govlint_easy_setopt_string(easy, CURLOPT_MAIL_FROM, "<\(senderAddress)>")
            govlint_easy_setopt_slist(easy, CURLOPT_MAIL_RCPT, rcptList)
            govlint_easy_setopt_long(easy, CURLOPT_MAIL_RCPT_ALLLOWFAILS, 1)
            govlint_easy_setopt_long(easy, CURLOPT_UPLOAD, 1)
            govlint_easy_setopt_off(easy, CURLOPT_INFILESIZE_LARGE, curl_off_t(payload.count))
            govlint_easy_setopt_read_cb(easy, CURLOPT_READFUNCTION, smtpReadCallback)
            govlint_easy_setopt_pointer(easy, CURLOPT_READDATA, sessionPointer)
        }
        let refused = session.refusedRecipients
        if code == CURLE_OK {
            let refusedSet = Set(refused.map { $0.address.lowercased() })
            return SMTPDelivery(
                accepted: recipients.filter { !refusedSet.contains($0.lowercased()) },
                refused: refused.map { SMTPDelivery.Refusal(address: $0.address, reply: $0.reply) })
        }
        throw describe(code: code, curlText: curlText, session: session)
    }

    private func describe(code: CURLcode, curlText: String, session: SMTPSession) -> MailError {
        let prefix = "mail to \(settings.url) failed"
        if let reply = session.lastErrorReply {
            // The command the refusal answered, not the last one sent (curl QUITs after it).
            let during = session.lastErrorCommand.map { " after \($0)" } ?? ""
            if code == CURLE_LOGIN_DENIED {
                return MailError(.authentication, "\(prefix): authentication refused: \(reply)")
            }
            if !session.refusedRecipients.isEmpty, session.lastErrorCommand?.uppercased().hasPrefix("RCPT") == true {
                let list = session.refusedRecipients.map { "\($0.address) (\($0.reply))" }.joined(separator: "; ")
                return MailError(.refused, "\(prefix): server refused every recipient: \(list)")
            }
            return MailError(.refused, "\(prefix): server refused the message\(during): \(reply)")
        }
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_CONNECT:
            return MailError(.connection, "\(prefix): cannot connect: \(curlText)")
        case CURLE_OPERATION_TIMEDOUT:
            return MailError(.timeout, "\(prefix): timed out: \(curlText)")
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE, CURLE_USE_SSL_FAILED:
            return MailError(.tls, "\(prefix): TLS: \(curlText)")
        case CURLE_LOGIN_DENIED:
            return MailError(.authentication, "\(prefix): authentication refused: \(curlText)")
        case CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_WEIRD_SERVER_REPLY, CURLE_PARTIAL_FILE:
            let during = session.lastCommand.map { " during \($0)" } ?? ""
            return MailError(.dropped, "\(prefix): connection dropped by the server\(during): \(curlText)")
        default:
            return MailError(.connection, "\(prefix): \(curlText) (curl error \(code.rawValue))")
        }
    }

    /// `config check --connect`: connects, reads the greeting and says EHLO (then STARTTLS
    /// and AUTH when configured, so a wrong password shows too), and hangs up without
    /// sending a message (CURLOPT_CONNECT_ONLY stops after the protocol's connect phase).
    public func probe() throws {
        let session = SMTPSession(payload: Data())
        let (code, curlText) = try perform(session) { easy, _ in
            govlint_easy_setopt_long(easy, CURLOPT_CONNECT_ONLY, 1)
        }
        if code == CURLE_OK {
            guard
                session.lastCommand?.uppercased().hasPrefix("EHLO") == true
                    || session.lastCommand?.uppercased().hasPrefix("HELO") == true
                    || session.lastCommand == "AUTH" || session.lastCommand == "STARTTLS"
            else {
                throw MailError(.dropped, "mail to \(settings.url) failed: the server never answered EHLO")
            }
            return
        }
        throw describe(code: code, curlText: curlText, session: session)
    }

    /// One SMTP session with the connection settings every session shares (server, timeouts,
    /// TLS, login, the dialogue seen by the debug callback); `configure` adds what this
    /// session does (a message, or connect only). Returns curl's code and its error text.
    private func perform(
        _ session: SMTPSession,
        configure: (UnsafeMutableRawPointer, UnsafeMutableRawPointer) -> Void
    ) throws -> (CURLcode, String) {
        SMTPTransport.globalInit
        guard let easy = curl_easy_init() else { throw MailError(.io, "libcurl: cannot create a handle") }
        defer { curl_easy_cleanup(easy) }
        let sessionPointer = Unmanaged.passUnretained(session).toOpaque()
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        let code: CURLcode = withExtendedLifetime(session) {
            errorBuffer.withUnsafeMutableBufferPointer { errorPointer in
                govlint_easy_setopt_string(easy, CURLOPT_URL, settings.url)
                govlint_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1)
                govlint_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT, settings.connectTimeoutSeconds)
                govlint_easy_setopt_long(easy, CURLOPT_TIMEOUT, settings.timeoutSeconds)
                govlint_easy_setopt_long(
                    easy, CURLOPT_USE_SSL, settings.requireTLS ? govlint_CURLUSESSL_ALL : govlint_CURLUSESSL_TRY)
                if let ca = settings.caBundlePath { govlint_easy_setopt_string(easy, CURLOPT_CAINFO, ca) }
                if let username = settings.username { govlint_easy_setopt_string(easy, CURLOPT_USERNAME, username) }
                if let password { govlint_easy_setopt_string(easy, CURLOPT_PASSWORD, password) }
                configure(easy, sessionPointer)
                govlint_easy_setopt_long(easy, CURLOPT_VERBOSE, 1)
                govlint_easy_setopt_debug_cb(easy, CURLOPT_DEBUGFUNCTION, smtpDebugCallback)
                govlint_easy_setopt_pointer(easy, CURLOPT_DEBUGDATA, sessionPointer)
                govlint_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorPointer.baseAddress)
                return curl_easy_perform(easy)
            }
        }
        let bufferText = String(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return (code, bufferText.isEmpty ? String(cString: curl_easy_strerror(code)) : bufferText)
    }

    /// curl_global_init once per process, before the first handle.
    private static let globalInit: Void = {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT)); return ()
    }()
}

/// Per-send state that curl's C callbacks reach through a raw pointer: the bytes still to
/// upload and the SMTP dialogue as the debug callback sees it. Used by one curl_easy_perform
/// on one thread.
final class SMTPSession {
    let payload: Data
    var offset = 0
    /// The last command sent (RCPT TO:<…>, DATA, AUTH …), passwords never kept.
    var lastCommand: String?
    /// The latest 4xx/5xx reply from the server (final line of a multi-line reply).
    var lastErrorReply: String?
    /// The command that `lastErrorReply` answered.
    var lastErrorCommand: String?
    var refusedRecipients: [(address: String, reply: String)] = []
    private var pendingIn = ""

    init(payload: Data) { self.payload = payload }

    func read(into buffer: UnsafeMutablePointer<CChar>, capacity: Int) -> Int {
        let count = min(capacity, payload.count - offset)
        guard count > 0 else { return 0 }
        payload.withUnsafeBytes { raw in
            let base = raw.baseAddress!.advanced(by: offset)
            UnsafeMutableRawPointer(buffer).copyMemory(from: base, byteCount: count)
        }
        offset += count
        return count
    }

    /// Remembers SMTP verbs only: the base64 lines of an AUTH exchange carry credentials and
    /// match none of them, so they are never kept.
    func sawCommand(_ text: String) {
        let line = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let upper = line.uppercased()
        if upper.hasPrefix("AUTH") {
            lastCommand = "AUTH"
        } else if ["RCPT TO:", "MAIL FROM:", "EHLO ", "HELO "].contains(where: upper.hasPrefix)
            || ["DATA", "STARTTLS", "QUIT"].contains(upper)
        {
            lastCommand = line
        }
    }

    func sawReply(_ text: String) {
        pendingIn += text
        while let newline = pendingIn.firstIndex(where: { $0 == "\n" || $0 == "\r\n" }) {
            let line = String(pendingIn[..<newline]).trimmingCharacters(in: .whitespacesAndNewlines)
            pendingIn = String(pendingIn[pendingIn.index(after: newline)...])
            handleReplyLine(line)
        }
    }

    private func handleReplyLine(_ line: String) {
        let scalars = Array(line.unicodeScalars)
        guard scalars.count >= 3, let first = scalars.first, first == "4" || first == "5",
            scalars[..<3].allSatisfy({ ("0"..."9").contains($0) })
        else { return }
        // "550-…" continues a multi-line reply; "550 …" ends it.
        if scalars.count > 3, scalars[3] == "-" { return }
        let reply = String(
            line.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.prefix(300).map(Character.init))
        lastErrorReply = reply
        lastErrorCommand = lastCommand
        if let command = lastCommand, command.uppercased().hasPrefix("RCPT") {
            let address =
                command.split(separator: "<", maxSplits: 1).last.map { String($0.prefix { $0 != ">" }) } ?? command
            refusedRecipients.append((address, reply))
        }
    }
}

private let smtpReadCallback: govlint_curl_read_cb = { buffer, size, count, userdata in
    guard let buffer, let userdata else { return 0 }
    let session = Unmanaged<SMTPSession>.fromOpaque(userdata).takeUnretainedValue()
    return session.read(into: buffer, capacity: size * count)
}

private let smtpDebugCallback: govlint_curl_debug_cb = { _, type, data, size, userdata in
    guard let data, let userdata else { return 0 }
    let session = Unmanaged<SMTPSession>.fromOpaque(userdata).takeUnretainedValue()
    let text = String(decoding: UnsafeRawBufferPointer(start: data, count: size), as: UTF8.self)
    switch type {
    case CURLINFO_HEADER_OUT: session.sawCommand(text)
    case CURLINFO_HEADER_IN: session.sawReply(text)
    default: break
    }
    return 0
}
