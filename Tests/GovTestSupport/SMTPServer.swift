import Foundation

/// A real SMTP server for tests: Tests/Fixtures/smtp/server.py (aiosmtpd) on 127.0.0.1 at a
/// free port, saving each received message in `maildir`. Stopped by closing its stdin.
public final class SMTPTestServer: @unchecked Sendable {
    public enum Mode: String, Sendable {
        case accept
        /// 550 for every recipient whose address contains "reject".
        case refuseRecipient = "refuse-rcpt"
        /// 554 after DATA.
        case refuseData = "refuse-data"
        /// The connection is closed while the message is received.
        case drop
        /// AUTH required: user `gkb@example.gov.cn`, password `secret`.
        case auth
    }

    public static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/smtp")

    public let port: Int
    public let maildir: URL
    private let process: Process
    private let stdin: Pipe

    public init(mode: Mode) throws {
        maildir = FileManager.default.temporaryDirectory
            .appendingPathComponent("govlint-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: maildir, withIntermediateDirectories: true)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", SMTPTestServer.fixtures.appendingPathComponent("server.py").path,
            "--mode", mode.rawValue, "--maildir", maildir.path,
        ]
        stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while true {
            let byte = stdout.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte == Data("\n".utf8) { break }
            line.append(byte)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else {
            process.terminate()
            throw SMTPTestServerError("SMTP test server did not start (is aiosmtpd installed? run scripts/setup)")
        }
        self.port = port
    }

    public var url: String { "smtp://127.0.0.1:\(port)" }

    /// The messages received so far, oldest first, as the bytes the server got.
    public func messages() -> [Data] {
        messageFiles().compactMap { try? Data(contentsOf: $0) }
    }

    public func messageFiles() -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: maildir.path)) ?? []
        return names.filter { $0.hasSuffix(".eml") }.sorted().map { maildir.appendingPathComponent($0) }
    }

    /// Envelope recipients of each received message (from the server's NNNN.json).
    public func envelopeRecipients() -> [[String]] {
        messageFiles().map { eml in
            let json = eml.deletingPathExtension().appendingPathExtension("json")
            guard let data = try? Data(contentsOf: json),
                let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            else { return [] }
            return object["rcpt_tos"] as? [String] ?? []
        }
    }

    /// Closes the server's stdin and waits a few seconds for it to leave, then kills it: a
    /// server still holding a client connection must not hang the test that stops it.
    public func stop() {
        guard process.isRunning else { return }
        try? stdin.fileHandleForWriting.close()
        stopChild(process, grace: 3)
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: maildir)
    }
}

public struct SMTPTestServerError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Runs Tests/Fixtures/smtp/inspect_mail.py on a message and returns its JSON reading
/// (Python's email package as an independent MIME parser).
public func inspectMail(_ eml: URL) throws -> [String: Any] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", SMTPTestServer.fixtures.appendingPathComponent("inspect_mail.py").path, eml.path]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0,
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    else {
        throw SMTPTestServerError("inspect_mail.py failed on \(eml.path)")
    }
    return object
}

/// Waits up to `grace` seconds for `process` to exit, then SIGKILLs it and waits for that.
/// Polls instead of `Process.waitUntilExit`, which spins a run loop and never gives up.
public func stopChild(_ process: Process, grace: Double) {
    let deadline = Date().addingTimeInterval(grace)
    while process.isRunning && Date() < deadline { usleep(10_000) }
    guard process.isRunning else { return }
    kill(process.processIdentifier, SIGKILL)
    let killed = Date().addingTimeInterval(5)
    while process.isRunning && Date() < killed { usleep(10_000) }
}
